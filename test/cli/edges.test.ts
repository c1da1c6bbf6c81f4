// The command line at its edges: file names, write-protected outputs, odd standard inputs, huge inputs and
// outputs, and the words of usage errors.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Json, stringify, toJson, WRITE_CHUNK, writeJson } from "../../src/cli/render.js";
import { codec } from "../../src/robotics/index.js";
import { ROOT, VECTORS_DIR } from "../helpers/vectors.js";
import { BIN, CHUNK, cli, convertChunk, expectedChunk, spawnCli } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "safewire-cli-edges-"));
describe("convert -o: the file beside the output", () => {
  it("fits NAME_MAX (255 bytes) for a name of multibyte characters, not only ASCII", async () => {
    const d = mkdtempSync(join(dir, "cjk-"));
    // 80 three-byte characters: 243 bytes, a valid name; 100 characters of it would be 300 bytes.
    const name = `${"漢".repeat(80)}.pb`;
    const r = await cli(convertChunk(join(d, name)));
    expect(r.err).toMatch(/^safewire convert: ActionChunk msgpack/);
    expect(r.code).toBe(0);
    expect(new Uint8Array(readFileSync(join(d, name)))).toEqual(expectedChunk());
    expect(readdirSync(d)).toEqual([name]);
  });
});

// Root may write anything: the test runs as nobody then (through setpriv), or is skipped.
const isRoot = process.getuid?.() === 0;
const setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => existsSync(p));
describe.skipIf(process.platform === "win32" || (isRoot && setpriv === undefined))(
  "convert -o: a write-protected output",
  () => {
    it("is refused, as the shell's > refuses it, and left as it was", () => {
      // nobody must reach the folder (mkdtemp makes it 0700) and may write in it: only the file is protected.
      chmodSync(dir, 0o755);
      const d = mkdtempSync(join(dir, "ro-"));
      chmodSync(d, 0o755);
      const out = join(d, "out.pb");
      writeFileSync(out, "old content");
      chmodSync(out, 0o444);
      const argv = ["--import", "tsx", BIN, ...convertChunk(out)];
      let r: ReturnType<typeof spawnSync>;
      if (isRoot && setpriv !== undefined) {
        chownSync(d, 65534, 65534);
        chownSync(out, 65534, 65534);
        r = spawnSync(
          setpriv,
          ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, ...argv],
          { cwd: ROOT, encoding: "utf8", timeout: 60_000 },
        );
      } else {
        r = spawnSync(process.execPath, argv, { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
      }
      expect(r.stderr).toContain(`safewire convert: cannot write ${out}: permission denied (EACCES)\n`);
      expect(r.status).toBe(3);
      expect(readFileSync(out, "utf8")).toBe("old content");
      expect(readdirSync(d)).toEqual(["out.pb"]);
    }, 60_000);
  },
);

describe.skipIf(process.platform === "win32")("a directory as standard input", () => {
  // Node reads a directory on fd 0 as an empty stream.
  const withStdinDir = (argv: string[]) => {
    const fd = openSync(dir, "r");
    try {
      return spawnCli(argv, { stdio: [fd, "pipe", "pipe"] });
    } finally {
      closeSync(fd);
    }
  };

  it("inspect exits 3 and says so, instead of decoding an empty input", () => {
    const r = withStdinDir(["inspect", "-", "-m", "Image", "-f", "avro"]);
    expect(r.err).toBe("safewire inspect: cannot read standard input: it is a directory\n");
    expect(r.code).toBe(3);
  });

  it("scan does not rate it safe", () => {
    const r = withStdinDir(["scan", "-"]);
    expect(r.out).not.toContain("safe");
    expect(r.err).toContain("cannot read standard input: it is a directory");
    expect(r.code).toBe(3);
  });
});

describe("inputs larger than memory holds", () => {
  it("a file past Node's Buffer limit, under a raised maxBytes: exit 3 in words", async () => {
    const big = join(dir, "sparse-4500M.bin");
    writeFileSync(big, "");
    truncateSync(big, 4500 * 1024 * 1024); // sparse: no disk space used, nothing read
    const r = await cli(["inspect", big, "-m", "Parameters", "-f", "protobuf", "--limits", "maxBytes=5G"]);
    expect(r.err).toBe(
      `safewire inspect: cannot read ${big}: it is 4718592000 bytes, more than Node.js can hold in one buffer (4294967295 bytes)\n`,
    );
    expect(r.code).toBe(3);
  });

  // Reads 2 GiB of a sparse file into memory (about 7 s and 2.1 GB of memory; no disk space).
  it("a file over 2 GiB under a raised maxBytes is read (one read() takes at most 2 GiB - 1)", async () => {
    const big = join(dir, "sparse-2G.bin");
    writeFileSync(big, "");
    truncateSync(big, 2 ** 31 + 16);
    const r = await cli(["inspect", big, "-m", "Parameters", "-f", "protobuf", "--limits", "maxBytes=3G"]);
    expect(r.err).toContain("code:    malformed");
    expect(r.err).toContain(`(of ${2 ** 31 + 16})`);
    expect(r.code).toBe(1);
  }, 120_000);
});

describe("inspect's output is written in pieces", () => {
  it("writeJson gives stringify's text, escapes included, whatever the piece size", () => {
    const value: Json = {
      task: `a\u001b[31m\u202e\u009b${"x".repeat(300)}😀\u{e0041}`,
      "\u2028key\u200b": ["\u0085", -0, 1.5, "\ud83d\ude00", null, true],
      list: Array.from({ length: 50 }, (_, i) => `name ${i} \u202e`),
      nested: { deeper: [{ a: [] }, {}] },
    };
    const whole = stringify(value);
    for (const chunk of [1, 7, 64, 1 << 20]) {
      const parts: string[] = [];
      writeJson(value, (s) => parts.push(s), 100, chunk);
      expect(parts.join("")).toBe(whole);
      for (const c of ["\u001b", "\u202e", "\u009b", "\u2028", "\u200b", "\u0085", "\u{e0041}"]) {
        expect(parts.join("")).not.toContain(c);
      }
      expect(parts.join("")).toContain("😀");
    }
  });

  it("never holds a large message's whole text in one string", async () => {
    // 60,000 named tensors print about 11 MB of JSON: more than one piece.
    const tensors: Record<string, unknown> = {};
    for (let i = 0; i < 60_000; i++) {
      tensors[`layer.${i}.weight`] = { dtype: "uint8", shape: [1], data: Uint8Array.of(i & 255) };
    }
    const bytes = codec("Parameters", "protobuf").encode({ tensors } as never);
    const file = join(dir, "params.pb");
    writeFileSync(file, bytes);
    const writes: number[] = [];
    const out: string[] = [];
    const { main } = await import("../../src/cli/main.js");
    const code = await main(["inspect", file, "-m", "Parameters", "-f", "protobuf"], {
      stdout: {
        write: (c: string | Uint8Array) => {
          const s = typeof c === "string" ? c : Buffer.from(c).toString();
          writes.push(s.length);
          out.push(s);
        },
      },
      stderr: { write: () => {} },
    });
    expect(code).toBe(0);
    expect(writes.length).toBeGreaterThan(2);
    expect(Math.max(...writes)).toBeLessThan(WRITE_CHUNK + 4096);
    const text = out.join("");
    expect(text).toBe(`${stringify(toJson(codec("Parameters", "protobuf").decode(bytes)))}\n`);
    expect(Object.keys(JSON.parse(text).tensors)).toHaveLength(60_000);
  });
});

describe("usage errors in safewire's words, not parseArgs'", () => {
  const path = join(VECTORS_DIR, "avro", "Image", "rgb8_2x3.bin");
  it.each([
    [
      ["inspect", path, "-m", "Image", "--bogus"],
      'unknown option "--bogus" (a FILE that starts with - goes after --)',
    ],
    [["inspect", path, "-m", "Image", "-x"], 'unknown option "-x" (a FILE that starts with - goes after --)'],
    [
      ["inspect", path, "-m", "Image", "--it's"],
      'unknown option "--it\'s" (a FILE that starts with - goes after --)',
    ],
    [["inspect", path, "-m"], "--message needs a value"],
    [["convert", path, "-m", "Image", "--to", "avro", "-o"], "--output needs a value"],
    [
      ["inspect", path, "-m", "-f", "avro"],
      "-m needs a value, but the next argument is an option (write --message=VALUE for a value that starts with -)",
    ],
    [
      ["inspect", path, "--message", "--full"],
      "--message needs a value, but the next argument is an option (write --message=VALUE for a value that starts with -)",
    ],
    [["inspect", path, "-m", "Image", "--full=yes"], "--full takes no value"],
    [["scan", "--json=1", path], "--json takes no value"],
  ])("%j", async (argv, message) => {
    const r = await cli(argv);
    const command = argv[0] as string;
    expect(r.err).toBe(`safewire ${command}: ${message}\nTry 'safewire ${command} --help'.\n`);
    expect(r.code).toBe(3);
    expect(r.out).toBe("");
  });
});

describe.skipIf(process.platform !== "linux")("an argument that is not UTF-8", () => {
  it("is refused before it names another file", () => {
    const d = mkdtempSync(join(dir, "bytes-"));
    copyFileSync(CHUNK, join(d, "in.bin"));
    // The shell passes the byte 0xfe; Node would read it as U+FFFD and write "\ufffd.pb".
    const r = spawnSync(
      "bash",
      [
        "-c",
        `exec "$0" --import tsx "$1" convert "$2" --from msgpack --to protobuf -m ActionChunk -o "$3"/$'\\xfe.pb'`,
        process.execPath,
        BIN,
        join(d, "in.bin"),
        d,
      ],
      { cwd: ROOT, encoding: "utf8", timeout: 60_000 },
    );
    expect(r.stderr).toContain("is not valid UTF-8");
    expect(r.status).toBe(3);
    expect(readdirSync(d)).toEqual(["in.bin"]);
  }, 60_000);
});

describe.skipIf(process.platform === "win32")("convert -o: an existing setuid output", () => {
  it("keeps its permissions but not setuid or setgid (writing in place clears them too)", async () => {
    const d = mkdtempSync(join(dir, "suid-"));
    const out = join(d, "out.pb");
    writeFileSync(out, "old content");
    chmodSync(out, 0o6755);
    const r = await cli(convertChunk(out));
    expect(r.code).toBe(0);
    expect(new Uint8Array(readFileSync(out))).toEqual(expectedChunk());
    expect(statSync(out).mode & 0o7777).toBe(0o755);
  });
});

describe("an empty file name", () => {
  it.each([
    [["inspect", "", "-m", "Image"], "inspect", "FILE (or - for standard input) is an empty string"],
    [
      ["convert", "", "-m", "Image", "--to", "avro", "-o", "x"],
      "convert",
      "IN (or - for standard input) is an empty string",
    ],
    [
      [
        "convert",
        join(VECTORS_DIR, "avro", "Image", "rgb8_2x3.bin"),
        "-m",
        "Image",
        "--to",
        "avro",
        "-o",
        "",
      ],
      "convert",
      "-o OUT is an empty string (- writes to stdout)",
    ],
  ])("%j is a usage error, before anything is read", async (argv, command, message) => {
    const r = await cli(argv);
    expect(r.err).toBe(`safewire ${command}: ${message}\nTry 'safewire ${command} --help'.\n`);
    expect(r.code).toBe(3);
  });
});
