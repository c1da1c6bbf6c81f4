import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { Format } from "../../src/index.js";
import { codec, loadAvro, type MessageName } from "../../src/robotics/index.js";
import { loadVectors, VECTORS_DIR } from "../helpers/vectors.js";
import { comparable } from "../robotics/support.js";
import { cli } from "./support.js";

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
