import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { codec, loadAvro } from "../../src/robotics/index.js";
import { loadVectors, ROOT, VECTORS_DIR } from "../helpers/vectors.js";
import { laxCodec } from "../robotics/support.js";
import { BIN, cli } from "./support.js";

await loadAvro();
const dir = mkdtempSync(join(tmpdir(), "safewire-cli-inspect-"));
const VECTORS = [...loadVectors("protobuf"), ...loadVectors("avro"), ...loadVectors("msgpack")];

/** The JSON mapping, written independently of src/cli/render.ts: bigint and bytes as strings. */
function mapping(x: unknown): unknown {
  if (typeof x === "bigint") return x.toString();
  if (x instanceof Uint8Array) return Buffer.from(x).toString("base64");
  if (typeof x === "number" && !Number.isFinite(x)) return String(x);
  if (Array.isArray(x)) return x.map(mapping);
  if (typeof x === "object" && x !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x))
      Object.defineProperty(out, k, { value: mapping(v), enumerable: true });
    return out;
  }
  return x;
}

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function vector(format: string, message: string, name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(VECTORS_DIR, format, message, `${name}.bin`)));
}

describe("inspect: golden vectors", () => {
  it("has vectors to check", () => expect(VECTORS.length).toBeGreaterThan(100));

  it.each(VECTORS.map((v) => [`${v.format}/${v.message}/${v.name}`, v] as const))(
    "%s: --full prints the exact value in the JSON mapping",
    async (_, v) => {
      const path = file(`${v.format}-${v.message}-${v.name}.bin`, v.bytes);
      const flags = v.nonFinite ? ["--allow-non-finite"] : [];
      const r = await cli(["inspect", path, "-m", v.message, "-f", v.format, "--full", ...flags]);
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toEqual(mapping(v.value));
    },
  );

  it.each(VECTORS.filter((v) => !v.nonFinite).map((v) => [`${v.format}/${v.message}/${v.name}`, v] as const))(
    "%s: --format auto finds the format",
    async (_, v) => {
      const path = file(`auto-${v.format}-${v.message}-${v.name}.bin`, v.bytes);
      const r = await cli(["inspect", path, "-m", v.message]);
      expect(r.code).toBe(0);
      expect(r.err).toMatch(new RegExp(`^safewire inspect: decoded as ${v.format}\\b`));
    },
  );
});

describe("inspect: summaries", () => {
  it("summarises tensors and images, prints bigint exactly", async () => {
    const path = file("so101.pb", vector("protobuf", "Observation", "so101_two_cameras"));
    const r = await cli(["inspect", path, "--message", "Observation", "--format", "protobuf"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    const v = JSON.parse(r.out);
    expect(v.timestamp_ns).toBe("1767225600123456789");
    expect(v.state).toEqual({
      dtype: "float32",
      shape: [6],
      bytes: 24,
      min: -12.25,
      max: 90,
      mean: 138.5 / 6,
      values: [0.5, -12.25, 90, 45.5, -3, 17.75],
      first_bytes: "00 00 00 3f 00 00 44 c1 00 00 b4 42 00 00 36 42",
    });
    expect(v.images.front).toMatchObject({ encoding: "rgb8", height: 2, width: 3, step: 9, bytes: 18 });
    expect(v.images.front.first_bytes).toMatch(/^([0-9a-f]{2} ){15}[0-9a-f]{2}$/);
    expect(v.images.wrist).toMatchObject({
      encoding: "jpeg",
      bytes: 22,
      first_bytes: expect.stringMatching(/^ff d8 ff/),
    });
    expect(v.images.wrist.min).toBeUndefined();
  });

  it("prints int64 extremes exactly, as strings", async () => {
    const path = file("extremes.msgpack", vector("msgpack", "Observation", "int64_extremes"));
    const r = await cli(["inspect", path, "-m", "Observation", "-f", "msgpack"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('"timestamp_ns": "-9223372036854775808"');
    expect(r.out).toContain('"timestep": "9223372036854775807"');
    const state = JSON.parse(r.out).state;
    expect(state).toMatchObject({ dtype: "int64", min: "-9223372036854775808", max: "9223372036854775807" });
    expect(state.values).toEqual(["-9223372036854775808", "9223372036854775807"]);
  });

  it("counts NaN and infinities apart, with --allow-non-finite", async () => {
    const bytes = vector("protobuf", "Observation", "nonfinite");
    const path = file("nonfinite.pb", bytes);
    const refused = await cli(["inspect", path, "-m", "Observation", "-f", "protobuf"]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("code:    schema_violation");
    const r = await cli(["inspect", path, "-m", "Observation", "-f", "protobuf", "--allow-non-finite"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/"nonfinite": [1-9]/);
    expect(r.out).toMatch(/"NaN"/);
  });

  it("does not list the values of large tensors", async () => {
    const path = file("smolvla.msgpack", vector("msgpack", "ActionChunk", "smolvla_50x6"));
    const v = JSON.parse((await cli(["inspect", path, "-m", "ActionChunk", "-f", "msgpack"])).out);
    expect(v.actions).toMatchObject({ dtype: "float32", shape: [50, 6], bytes: 1200, min: -1, max: 1 });
    expect(v.actions.values).toBeUndefined();
  });

  it("reads standard input for -", async () => {
    const bytes = vector("avro", "ActionChunk", "single");
    const r = await cli(["inspect", "-", "-m", "ActionChunk", "-f", "avro"], bytes);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).actions.dtype).toBeTypeOf("string");
  });
});

describe("inspect: failures", () => {
  it("prints the code, path, offset and a hex window, and exits 1", async () => {
    const full = vector("protobuf", "Observation", "so101_two_cameras");
    const path = file("trunc.pb", full.subarray(0, 300));
    const r = await cli(["inspect", path, "-m", "Observation", "-f", "protobuf"]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toContain(`cannot decode ${path} as protobuf Observation`);
    expect(r.err).toContain("code:    malformed");
    expect(r.err).toContain("path:    extras");
    const offset = Number(/offset: {2}(\d+)/.exec(r.err)?.[1]);
    expect(offset).toBeGreaterThan(256);
    expect(r.err).toContain(`bytes around offset ${offset} (of 300):`);
    // The row holding the offset, then a marker under its byte.
    const lines = r.err.split("\n");
    const marker = lines.findIndex((l) => /^\s+\^\^$/.test(l));
    expect(marker).toBeGreaterThan(0);
    const row = lines[marker - 1] as string;
    const rowStart = Number.parseInt(row.trim().split(/\s+/)[0] as string, 16);
    expect(offset - rowStart).toBeGreaterThanOrEqual(0);
    expect(offset - rowStart).toBeLessThan(16);
    const col = (lines[marker] as string).indexOf("^^");
    expect(row.slice(col, col + 2)).toBe((full[offset] as number).toString(16).padStart(2, "0"));
  });

  it("reports a schema violation with its path and no offset", async () => {
    const bad = laxCodec("ActionChunk", "msgpack").encode({
      timestamp_ns: 0n,
      timestep: 0n,
      step_ns: 0n,
      actions: { dtype: "float32", shape: [2, 1], data: new Uint8Array(8) },
      action_names: [],
    });
    const r = await cli(["inspect", file("bad-chunk.msgpack", bad), "-m", "ActionChunk", "-f", "msgpack"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("code:    schema_violation");
    expect(r.err).toContain("path:    step_ns");
    expect(r.err).toContain("offset:  none (found after decoding)");
    expect(r.err).not.toContain("^^");
  });

  it("tries every format with auto and reports each failure", async () => {
    const path = file("junk.bin", Uint8Array.of(0xff, 0xff, 0xff));
    const r = await cli(["inspect", path, "-m", "Observation"]);
    expect(r.code).toBe(1);
    for (const f of ["msgpack", "protobuf", "avro"]) expect(r.err).toContain(`as ${f} Observation`);
    expect(r.err).toContain("no format decoded");
  });

  it("names a pickle once and points to scan", async () => {
    const path = join(VECTORS_DIR, "pickle", "exec_p4.pkl");
    const r = await cli(["inspect", path, "-m", "Observation"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("it is a Python pickle");
    expect(r.err).toContain("code:    unsafe_payload");
    expect(r.err).toContain("safewire scan");
    expect(r.err.match(/^ {2}code:/gm)).toHaveLength(1);
  });

  it("says which formats decoded when several do, and picks by the documented order", async () => {
    // Valid protobuf and valid Avro InteractionStats at once (not msgpack: 0x09 is one fixint).
    const bytes = Uint8Array.of(9, 0, 0, 0, 0, 0, 0, 0x40, 0x80, 0x19, 0, 0, 0, 0, 0, 0, 0, 0x3f, 0x20, 0);
    const path = file("ambiguous.bin", bytes);
    const r = await cli(["inspect", path, "-m", "InteractionStats"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("decoded as protobuf and avro; using protobuf");
    const asAvro = await cli(["inspect", path, "-m", "InteractionStats", "-f", "avro"]);
    expect(asAvro.code).toBe(0);
    expect(asAvro.out).not.toBe(r.out);
  });
});

describe("inspect: bounded input", () => {
  const big = vector("protobuf", "Observation", "so101_two_cameras"); // 354 bytes

  it("refuses a file over maxBytes without decoding it", async () => {
    const path = file("big.pb", big);
    const r = await cli(["inspect", path, "-m", "Observation", "--limits", "maxBytes=100"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`is ${big.length} bytes, limit maxBytes is 100 for Observation; not read`);
    expect(r.err).toContain("code:    limit_exceeded");
    const ok = await cli(["inspect", path, "-m", "Observation", "--limits", "maxBytes=1k"]);
    expect(ok.code).toBe(0);
  });

  it("stops reading standard input at maxBytes + 1", async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield new Uint8Array(1000);
      }
    }
    const r = await cli(["inspect", "-", "-m", "ActionChunk", "--limits", "maxBytes=10000"], endless());
    expect(r.code).toBe(1);
    expect(r.err).toContain("standard input is more than 10000 bytes");
    expect(pulled).toBe(11);
  });

  it.skipIf(process.platform === "win32")(
    "reads a pipe of more than 64 KiB whole (bash <(cat FILE))",
    () => {
      // Two protobuf Images back to back merge into the second; the first is exactly 64 KiB, the size
      // of the first read from a pipe, so stopping after one full read decodes only the first.
      const image = (width: number, fill: number) =>
        codec("Image", "protobuf").encode({
          height: 1,
          width,
          encoding: "mono8",
          step: width,
          data: new Uint8Array(width).fill(fill),
        });
      const near = image(65_500, 1).length;
      const first = image(65_500 + 65_536 - near, 1);
      expect(first.length).toBe(65_536);
      const path = file("merged.pb", Buffer.concat([first, image(2, 9)]));
      const r = spawnSync(
        "bash",
        [
          "-c",
          '"$0" --import tsx "$1" inspect <(cat "$2") -m Image -f protobuf',
          process.execPath,
          BIN,
          path,
        ],
        { cwd: ROOT, encoding: "utf8", timeout: 20_000 },
      );
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ width: 2, height: 1, bytes: 2 });
    },
    30_000,
  );

  it("uses the message's default maxBytes", async () => {
    // InteractionStats allows 64 KiB by default.
    const path = file("stats-too-big.bin", new Uint8Array(64 * 1024 + 1));
    const r = await cli(["inspect", path, "-m", "InteractionStats"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("limit maxBytes is 65536 for InteractionStats");
  });

  it("passes --limits to the codec", async () => {
    const path = file("depth.pb", big);
    const r = await cli(["inspect", path, "-m", "Observation", "-f", "protobuf", "--limits", "maxDepth=2"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("code:    limit_exceeded");
    expect(r.err).toContain("limit:   maxDepth");
  });
});

describe("inspect: usage errors exit 3", () => {
  const path = join(VECTORS_DIR, "protobuf", "Observation", "minimal.bin");
  it.each([
    [["inspect", path], "--message is required"],
    [["inspect", path, "-m", "Nope"], 'unknown message "Nope"'],
    [["inspect", path, "-m", "Observation", "-f", "json"], "--format must be one of"],
    [["inspect", path, "-m", "Observation", "--limits", "maxBites=3"], 'unknown limit "maxBites"'],
    [["inspect", path, "-m", "Observation", "--limits", "maxBytes=0"], "must be a positive integer"],
    [["inspect", path, "-m", "Observation", "--limits", "maxBytes"], "name=value"],
    [["inspect", "-m", "Observation"], "missing FILE"],
    [["inspect", path, path, "-m", "Observation"], "unexpected argument"],
    [["inspect", path, "-m", "Observation", "--bogus"], 'unknown option "--bogus"'],
  ])("%j", async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(3);
    expect(r.out).toBe("");
    expect(r.err).toContain(message);
    expect(r.err).toContain("Try 'safewire inspect --help'.");
  });

  it("exits 3 on a file that cannot be read, without the usage hint", async () => {
    for (const p of [join(dir, "missing.bin"), dir]) {
      const r = await cli(["inspect", p, "-m", "Observation"]);
      expect(r.code).toBe(3);
      expect(r.err).toContain(`cannot read ${p}`);
      expect(r.err).not.toContain("--help");
    }
  });

  it("accepts message names in any case", async () => {
    const r = await cli(["inspect", path, "-m", "observation", "-f", "protobuf"]);
    expect(r.code).toBe(0);
  });
});

describe("inspect: round trip with the library", () => {
  it("inspects what codec() encodes, in every format", async () => {
    const value = {
      timestamp_ns: 5n,
      timestep: 6n,
      step_ns: 0n,
      actions: { dtype: "int16" as const, shape: [1, 3], data: Uint8Array.of(1, 0, 0xff, 0xff, 2, 0) },
      action_names: ["a", "b", "c"],
    };
    for (const format of ["protobuf", "avro", "msgpack"] as const) {
      const path = file(`chunk.${format}`, codec("ActionChunk", format).encode(value));
      const r = await cli(["inspect", path, "-m", "ActionChunk", "-f", format]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).actions).toEqual({
        dtype: "int16",
        shape: [1, 3],
        bytes: 6,
        min: -1,
        max: 2,
        mean: 2 / 3,
        values: [1, -1, 2],
        first_bytes: "01 00 ff ff 02 00",
      });
    }
  });
});
