import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  closeSync,
  constants,
  existsSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { Format } from "../../src/index.js";
import { codec, loadAvro, type MessageName } from "../../src/robotics/index.js";
import { loadVectors, ROOT, VECTORS_DIR } from "../helpers/vectors.js";
import { comparable } from "../robotics/support.js";
import { BIN, cli, convertChunk, expectedChunk } from "./support.js";

await loadAvro();
const dir = mkdtempSync(join(tmpdir(), "safewire-cli-convert-"));
const FORMATS: Format[] = ["protobuf", "avro", "msgpack"];
const VECTORS = loadVectors("protobuf").filter((v) => !v.nonFinite);

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe("convert", () => {
  // The last vector of each message (the richest: so101_two_cameras, smolvla_50x6, ...).
  const picked = [...new Map(VECTORS.map((v) => [v.message, v])).values()];
  it("has a vector of every message", () => expect(picked.length).toBe(8));

  for (const v of picked) {
    for (const from of FORMATS) {
      for (const to of FORMATS) {
        it(`${v.message}/${v.name}: ${from} -> ${to}`, async () => {
          const message = v.message as MessageName;
          const input = file(`${v.message}-${v.name}.${from}`, codec(message, from).encode(v.value as never));
          const out = join(dir, `${v.message}-${v.name}-${from}.${to}`);
          const r = await cli(["convert", input, "--from", from, "--to", to, "-m", message, "-o", out]);
          expect(r.code).toBe(0);
          expect(r.out).toBe("");
          expect(r.err).toMatch(
            new RegExp(
              `^safewire convert: ${message} ${from} \\(\\d+ bytes, .*\\) -> ${to} \\(\\d+ bytes, .*\\)\\n$`,
            ),
          );
          const back = codec(message, to).decode(new Uint8Array(readFileSync(out)));
          expect(comparable(back)).toEqual(comparable(v.value));
        });
      }
    }
  }

  it("writes to stdout with -o -, and reads stdin with -", async () => {
    const v = VECTORS.find((x) => x.message === "ActionChunk") ?? VECTORS[0];
    if (v === undefined) throw new Error("no vector");
    const message = v.message as MessageName;
    const r = await cli(
      ["convert", "-", "--from", "protobuf", "--to", "msgpack", "-m", message, "-o", "-", "-q"],
      v.bytes,
    );
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(Buffer.from(r.outBytes)).toEqual(Buffer.from(codec(message, "msgpack").encode(v.value as never)));
  });

  it("guesses the input format with --from auto (the default)", async () => {
    const v = VECTORS[0];
    if (v === undefined) throw new Error("no vector");
    const input = file("auto-in.bin", v.bytes);
    const out = join(dir, "auto-out.avro");
    const r = await cli(["convert", input, "--to", "avro", "-m", v.message, "-o", out]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^safewire convert: decoded as protobuf/);
  });

  it("refuses an input that does not decode, and writes nothing", async () => {
    const input = file("broken.pb", Uint8Array.of(0x0a, 0x7f, 0x01));
    const out = join(dir, "never.msgpack");
    const r = await cli([
      "convert",
      input,
      "--from",
      "protobuf",
      "--to",
      "msgpack",
      "-m",
      "ActionChunk",
      "-o",
      out,
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("cannot decode");
    expect(r.err).toContain("code:    malformed");
    expect(r.err).toContain("^^");
    expect(existsSync(out)).toBe(false);
  });

  it("refuses an input over maxBytes, exit 1, and writes nothing", async () => {
    const input = join(VECTORS_DIR, "avro", "Image", "rgb8_2x3.bin"); // 27 bytes
    const out = join(dir, "never-read.msgpack");
    const r = await cli([
      "convert",
      input,
      "-m",
      "Image",
      "--from",
      "avro",
      "--to",
      "msgpack",
      "-o",
      out,
      "--limits",
      "maxBytes=5",
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("is 27 bytes, limit maxBytes is 5 for Image; not read");
    expect(existsSync(out)).toBe(false);
  });

  it("refuses an output over the limits, and writes nothing", async () => {
    const v = VECTORS.find((x) => x.message === "ActionChunk" && x.name === "smolvla_50x6");
    if (v === undefined) throw new Error("no vector");
    const pb = codec("ActionChunk", "protobuf").encode(v.value as never);
    const mp = codec("ActionChunk", "msgpack").encode(v.value as never);
    expect(mp.length).toBeGreaterThan(pb.length);
    const input = file("tight.pb", pb);
    const out = join(dir, "tight.msgpack");
    const limits = `maxBytes=${pb.length}`;
    const r = await cli([
      "convert",
      input,
      "--from",
      "protobuf",
      "--to",
      "msgpack",
      "-m",
      "ActionChunk",
      "-o",
      out,
      "--limits",
      limits,
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("cannot encode the ActionChunk as msgpack");
    expect(r.err).toContain("code:    limit_exceeded");
    expect(r.err).toContain("limit:   maxBytes");
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [["--to", "msgpack", "-m", "ActionChunk"], "-o OUT is required"],
    [["--to", "auto", "-m", "ActionChunk", "-o", "x"], "--to must be one of protobuf, avro, msgpack"],
    [["-m", "ActionChunk", "-o", "x"], "--to is required"],
    [["--to", "msgpack", "-o", "x"], "--message is required"],
    [["--from", "xml", "--to", "msgpack", "-m", "ActionChunk", "-o", "x"], "--from must be one of"],
  ])("usage error %j exits 3", async (argv, message) => {
    const r = await cli(["convert", join(dir, "whatever.bin"), ...argv]);
    expect(r.code).toBe(3);
    expect(r.err).toContain(message);
  });

  it("exits 3 when the output cannot be written", async () => {
    const v = VECTORS[0];
    if (v === undefined) throw new Error("no vector");
    const input = file("ok.pb", v.bytes);
    const r = await cli([
      "convert",
      input,
      "--from",
      "protobuf",
      "--to",
      "avro",
      "-m",
      v.message,
      "-o",
      join(dir, "no", "such", "dir"),
    ]);
    expect(r.code).toBe(3);
    expect(r.err).toContain("cannot write");
  });

  it("-o -: waits for the write, and prints no success line when it fails", async () => {
    const input = join(VECTORS_DIR, "msgpack", "ActionChunk", "smolvla_50x6.bin");
    // A stream that fails every write later, as a full disk does: the failure reaches only its callback.
    const stdout = new Writable({ write: (_c, _e, cb) => setImmediate(() => cb(new Error("disk full"))) });
    stdout.on("error", () => {});
    const err: string[] = [];
    const argv = ["convert", input, "--from", "msgpack", "--to", "protobuf", "-m", "ActionChunk", "-o", "-"];
    const code = await main(argv, { stdout, stderr: { write: (c) => err.push(String(c)) } });
    expect(err.join("")).toBe("safewire convert: cannot write standard output: disk full\n");
    expect(code).toBe(3);
  });
});

// An existing output is replaced whole or not at all: the new bytes go to a file beside it first.
describe("convert: the output file", () => {
  const fresh = () => mkdtempSync(join(dir, "out-"));

  it.skipIf(process.platform === "win32")(
    "a write cut short (a file size limit) leaves the old file as it was, and nothing beside it",
    () => {
      // An Observation with a 300 kB camera frame, written under `ulimit -f 64` (64 KiB): the write fails
      // with EFBIG past 64 KiB, as it would on a full disk. In place, the old file would be left cut there.
      const v = loadVectors("protobuf").find(
        (x) => x.message === "Observation" && x.name === "so101_two_cameras",
      );
      if (v === undefined) throw new Error("no vector");
      const value = structuredClone(v.value) as { images: Record<string, { data: Uint8Array }> };
      const frame = new Uint8Array(300_000);
      frame.set([0xff, 0xd8, 0xff]);
      const wrist = value.images.wrist;
      if (wrist === undefined) throw new Error("no wrist image");
      wrist.data = frame;
      const d = fresh();
      const input = join(d, "big.pb");
      writeFileSync(input, codec("Observation", "protobuf").encode(value as never));
      const out = join(d, "out.msgpack");
      writeFileSync(out, "old content");
      const r = spawnSync(
        "bash",
        [
          "-c",
          'ulimit -f 64; exec "$0" --import tsx "$1" convert "$2" --from protobuf --to msgpack -m Observation -o "$3"',
          process.execPath,
          BIN,
          input,
          out,
        ],
        { cwd: ROOT, encoding: "utf8", timeout: 30_000 },
      );
      expect(r.stderr).toBe(`safewire convert: cannot write ${out}: file too large (EFBIG)\n`);
      expect(r.status).toBe(3);
      expect(readFileSync(out, "utf8")).toBe("old content");
      expect(readdirSync(d).sort()).toEqual(["big.pb", "out.msgpack"]);
    },
    40_000,
  );

  it("replaces an existing file, keeping its mode, and leaves nothing beside it", async () => {
    const d = fresh();
    const out = join(d, "out.pb");
    writeFileSync(out, "old content");
    chmodSync(out, 0o640);
    const r = await cli(convertChunk(out));
    expect(r.code).toBe(0);
    expect(new Uint8Array(readFileSync(out))).toEqual(expectedChunk());
    expect(statSync(out).mode & 0o777).toBe(0o640);
    expect(readdirSync(d)).toEqual(["out.pb"]);
  });

  it("writes a file whose name is near NAME_MAX (the new file beside it has a shorter one)", async () => {
    const d = fresh();
    const name = `${"n".repeat(250)}.pb`;
    writeFileSync(join(d, name), "old content");
    const r = await cli(convertChunk(join(d, name)));
    expect(r.err).toMatch(/^safewire convert: ActionChunk msgpack/);
    expect(r.code).toBe(0);
    expect(new Uint8Array(readFileSync(join(d, name)))).toEqual(expectedChunk());
    expect(readdirSync(d)).toEqual([name]);
  });

  it.skipIf(process.platform === "win32")(
    "writes through a symlink: the target is replaced, the link kept",
    async () => {
      const d = fresh();
      writeFileSync(join(d, "target.pb"), "old content");
      symlinkSync("target.pb", join(d, "link.pb"));
      const r = await cli(convertChunk(join(d, "link.pb")));
      expect(r.code).toBe(0);
      expect(lstatSync(join(d, "link.pb")).isSymbolicLink()).toBe(true);
      expect(new Uint8Array(readFileSync(join(d, "target.pb")))).toEqual(expectedChunk());
      expect(readdirSync(d).sort()).toEqual(["link.pb", "target.pb"]);
    },
  );

  it.skipIf(process.platform === "win32")(
    "writes into a FIFO in place (renaming over it would replace it)",
    async () => {
      const d = fresh();
      const fifo = join(d, "pipe");
      execFileSync("mkfifo", [fifo]);
      // A reader that does not block, so the CLI's open for writing finds one; the output fits the pipe.
      const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const r = await cli(convertChunk(fifo));
        expect(r.code).toBe(0);
        const want = expectedChunk();
        const got = Buffer.alloc(want.length + 1);
        expect(readSync(fd, got)).toBe(want.length);
        expect(new Uint8Array(got.subarray(0, want.length))).toEqual(want);
      } finally {
        closeSync(fd);
      }
      expect(lstatSync(fifo).isFIFO()).toBe(true);
      expect(readdirSync(d)).toEqual(["pipe"]);
    },
  );
});
