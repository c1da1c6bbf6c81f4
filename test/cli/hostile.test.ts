// Careless and hostile use of the command line: what reaches the terminal, odd streams, repeated options.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify, toJson } from "../../src/cli/render.js";
import { codec } from "../../src/robotics/index.js";
import { VECTORS_DIR } from "../helpers/vectors.js";
import { laxCodec } from "../robotics/support.js";
import { cli } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "safewire-cli-hostile-"));

// Characters JSON.stringify leaves raw that a terminal acts on or hides: C1 controls (U+009B is CSI),
// bidi overrides, line separators, zero-width and tag characters.
const SNEAKY = ["\u009b", "\u0085", "\u202e", "\u2028", "\u200b", "\u{e0041}"];
const PLAIN_ASCII = /^[ -~\n]*$/;

describe("JSON output shows every control and invisible character escaped", () => {
  it("stringify escapes them in keys and strings, and JSON.parse gives them back", () => {
    for (const c of SNEAKY) {
      const value = { [`k${c}`]: `v${c}`, list: [`a${c}`] };
      const text = stringify(value);
      expect(text).toMatch(PLAIN_ASCII);
      expect(JSON.parse(text)).toEqual(value);
    }
  });

  it("inspect prints a hostile task string and map key as plain ASCII", async () => {
    const obs = {
      timestamp_ns: 1n,
      timestep: 2n,
      task: `go\u009b31m\u202eevil`,
      must_go: false,
      state: { dtype: "float32" as const, shape: [1], data: new Uint8Array(4) },
      state_names: ["x"],
      images: {},
      extras: { "cam\u0085": { dtype: "uint8" as const, shape: [1], data: Uint8Array.of(1) } },
    };
    const path = join(dir, "sneaky.msgpack");
    writeFileSync(path, codec("Observation", "msgpack").encode(obs));
    const r = await cli(["inspect", path, "-m", "Observation", "-f", "msgpack"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(PLAIN_ASCII);
    const v = JSON.parse(r.out);
    expect(v.task).toBe(obs.task);
    expect(Object.keys(v.extras)).toEqual(["cam\u0085"]);
  });

  it("scan --json prints a hostile file name as plain ASCII", async () => {
    const sub = mkdtempSync(join(dir, "scan-"));
    const name = join(sub, "a\u202egnp.pkl");
    writeFileSync(name, readFileSync(join(VECTORS_DIR, "pickle", "data_p4.pkl")));
    const r = await cli(["scan", "--json", sub]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(PLAIN_ASCII);
    expect(JSON.parse(r.out).files[0].name).toBe(name);
  });
});

describe("stderr shows a hostile file name or argument escaped", () => {
  // What `safewire inspect *` passes for files named so: ESC [2J clears the screen.
  const ESC = "\u001b[2J";
  const SHOWN = "\\u001b[2J";
  const good = join(dir, `ok${ESC}.bin`);
  copyFileSync(join(VECTORS_DIR, "avro", "Image", "rgb8_2x3.bin"), good); // 27 bytes
  const bad = join(dir, `bad${ESC}.bin`);
  writeFileSync(bad, Uint8Array.of(0xff, 0xff, 0xff));
  const shown = (path: string) => path.replaceAll(ESC, SHOWN);

  it("an unknown --message", async () => {
    const r = await cli(["inspect", good, "-m", `Img${ESC}`]);
    expect(r.code).toBe(3);
    expect(r.err).not.toContain("\u001b");
    expect(r.err).toContain(`unknown message "Img${SHOWN}"`);
  });

  it("convert's success line, for the input and the output", async () => {
    const out = join(dir, `out${ESC}.msgpack`);
    const r = await cli(["convert", good, "-m", "Image", "--from", "avro", "--to", "msgpack", "-o", out]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      `safewire convert: Image avro (27 bytes, ${shown(good)}) -> msgpack (61 bytes, ${shown(out)})\n`,
    );
  });

  it("a file over maxBytes, in inspect and convert", async () => {
    for (const argv of [
      ["inspect", good, "-m", "Image", "-f", "avro"],
      ["convert", good, "-m", "Image", "--from", "avro", "--to", "msgpack", "-o", join(dir, "never")],
    ]) {
      const r = await cli([...argv, "--limits", "maxBytes=5"]);
      expect(r.code).toBe(1);
      expect(r.err).not.toContain("\u001b");
      expect(r.err).toContain(
        `safewire ${argv[0]}: ${shown(good)} is 27 bytes, limit maxBytes is 5 for Image; not read\n`,
      );
    }
  });

  it("a file that does not decode", async () => {
    const r = await cli(["inspect", bad, "-m", "Image", "-f", "avro"]);
    expect(r.code).toBe(1);
    expect(r.err).not.toContain("\u001b");
    expect(r.err.split("\n")[0]).toBe(`safewire inspect: cannot decode ${shown(bad)} as avro Image`);
  });

  it("the path of a schema violation, which can hold a map key", async () => {
    const obs = {
      timestamp_ns: 1n,
      timestep: 2n,
      task: "t",
      must_go: false,
      state: { dtype: "float32", shape: [1], data: new Uint8Array(4) },
      state_names: ["x"],
      images: {},
      extras: { "\u001b[31mk0": { dtype: "bogus", shape: [1], data: new Uint8Array(1) } },
    };
    const path = join(dir, "bad-extras.msgpack");
    writeFileSync(path, laxCodec("Observation", "msgpack").encode(obs));
    const r = await cli(["inspect", path, "-m", "Observation", "-f", "msgpack"]);
    expect(r.code).toBe(1);
    expect(r.err).not.toContain("\u001b");
    expect(r.err).toContain("\n  path:    extras.\\u001b[31mk0.dtype\n");
  });
});

describe("tensor summaries", () => {
  it("gives the mean of large float64 values, not null", () => {
    const data = new Uint8Array(new Float64Array([1.7e308, 1.7e308, -1e308]).buffer);
    const s = toJson({ dtype: "float64", shape: [3], data }) as Record<string, unknown>;
    expect(s.mean).toBeCloseTo(1.7e308 / 3 + 1.7e308 / 3 - 1e308 / 3, -300);
    expect(JSON.parse(stringify(s as never)).mean).toBe(s.mean);
  });
});

describe("standard input", () => {
  it("a read error exits 3 with a sentence, not an internal error", async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Uint8Array.of(1);
      throw Object.assign(new Error("EIO: i/o error, read"), { code: "EIO" });
    }
    const r = await cli(["inspect", "-", "-m", "Image"], failing());
    expect(r.code).toBe(3);
    expect(r.err).toContain("cannot read standard input");
    expect(r.err).not.toContain("internal error");
  });

  it("- without a standard input is a usage error that says so", async () => {
    const r = await cli(["inspect", "-", "-m", "Image"]);
    expect(r.code).toBe(3);
    expect(r.err).toBe("safewire inspect: no standard input to read from\nTry 'safewire inspect --help'.\n");
  });
});

describe("repeated options", () => {
  const path = join(VECTORS_DIR, "avro", "Image", "rgb8_2x3.bin");

  it.each([
    [["-m", "Image", "-m", "Tensor", "-f", "avro"], "--message"],
    [["-m", "Image", "-f", "avro", "--format", "msgpack"], "--format"],
    [["-m", "Image", "-f", "avro", "--limits", "maxDepth=8", "--limits", "maxBytes=1k"], "--limits"],
  ])("inspect %j is a usage error, not the last one silently", async (argv, option) => {
    const r = await cli(["inspect", path, ...argv]);
    expect(r.code).toBe(3);
    expect(r.out).toBe("");
    expect(r.err).toContain(`${option} is given more than once`);
  });

  it("convert refuses two outputs", async () => {
    const r = await cli(["convert", path, "-m", "Image", "--to", "msgpack", "-o", "-", "-o", join(dir, "x")]);
    expect(r.code).toBe(3);
    expect(r.err).toContain("--output is given more than once");
  });

  it("a repeated boolean flag is harmless", async () => {
    const r = await cli(["inspect", path, "-m", "Image", "-f", "avro", "--full", "--full"]);
    expect(r.code).toBe(0);
  });
});

describe("convert -o - to a terminal", () => {
  it("refuses to write binary to a terminal", async () => {
    const path = join(VECTORS_DIR, "avro", "Image", "rgb8_2x3.bin");
    const out: unknown[] = [];
    const err: string[] = [];
    const { main } = await import("../../src/cli/main.js");
    const code = await main(
      ["convert", path, "-m", "Image", "--from", "avro", "--to", "msgpack", "-o", "-"],
      {
        stdout: { isTTY: true, write: (c: unknown) => out.push(c) } as never,
        stderr: { write: (c: string | Uint8Array) => err.push(String(c)) },
      },
    );
    expect(code).toBe(3);
    expect(out).toEqual([]);
    expect(err.join("")).toContain("terminal");
  });
});

describe("file errors", () => {
  it("name the problem in words, not Node's raw message", async () => {
    const missing = join(dir, "missing.bin");
    const r = await cli(["inspect", missing, "-m", "Image"]);
    expect(r.code).toBe(3);
    expect(r.err).toBe(`safewire inspect: cannot read ${missing}: no such file or directory (ENOENT)\n`);
    const w = await cli([
      "convert",
      join(VECTORS_DIR, "avro", "Image", "rgb8_2x3.bin"),
      "-m",
      "Image",
      "--from",
      "avro",
      "--to",
      "avro",
      "-o",
      dir,
    ]);
    expect(w.code).toBe(3);
    expect(w.err).toBe(`safewire convert: cannot write ${dir}: it is a directory (EISDIR)\n`);
  });
});

describe("convert --quiet", () => {
  it("still warns when several formats decode the input and one was picked", async () => {
    // Valid protobuf and valid Avro InteractionStats at once, with different values.
    const bytes = Uint8Array.of(9, 0, 0, 0, 0, 0, 0, 0x40, 0x80, 0x19, 0, 0, 0, 0, 0, 0, 0, 0x3f, 0x20, 0);
    const path = join(dir, "ambiguous.bin");
    writeFileSync(path, bytes);
    const argv = [
      "convert",
      path,
      "-m",
      "InteractionStats",
      "--to",
      "msgpack",
      "-o",
      join(dir, "amb.msgpack"),
    ];
    const r = await cli([...argv, "-q"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("decoded as protobuf and avro; using protobuf");
    const one = await cli([
      "convert",
      path,
      "-m",
      "InteractionStats",
      "--from",
      "avro",
      "--to",
      "msgpack",
      "-o",
      "-",
      "-q",
    ]);
    expect(one.err).toBe("");
  });
});

describe("--limits", () => {
  it("refuses a limit named twice instead of keeping the last", async () => {
    const { parseLimits } = await import("../../src/cli/args.js");
    expect(() => parseLimits("maxBytes=1k,maxbytes=2k")).toThrow("limit maxBytes is given more than once");
  });
});
