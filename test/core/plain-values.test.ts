// Values are plain data: a Map, a Set, a class instance or a typed array other than Uint8Array where a
// map or record goes would be written as something else (a Map as an empty map, a Float32Array as raw
// bytes that arrive as a Uint8Array). Every format refuses them on encode, naming the path.
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { avroCodec } from "../../src/formats/avro/index.js";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import type { Codec } from "../../src/index.js";

// Schemas that let anything through, so that only the writers stand between the value and the wire.
const anything = z.custom<unknown>(() => true);
const Schema = z.object({ m: anything });
type Value = z.infer<typeof Schema>;

const proto = protobuf
  .parse('syntax = "proto3"; message V { map<string, int32> m = 1; }', { keepCase: true })
  .root.lookupType("V");
const avro = {
  type: "record",
  name: "V",
  fields: [{ name: "m", type: { type: "map", values: "int" } }],
};

const CODECS: [string, Codec<Value>][] = [
  ["protobuf", protobufCodec({ type: proto, schema: Schema })],
  ["avro", avroCodec({ type: avro, schema: Schema })],
  ["msgpack", msgpackCodec({ schema: Schema })],
];

class Point {
  x = 1;
}

describe.each(CODECS)("%s", (_format, codec) => {
  it("refuses a Map, a Set or a class instance where a map goes, instead of sending an empty map", () => {
    for (const [m, kind] of [
      [new Map([["a", 1]]), "Map"],
      [new Set(["a"]), "Set"],
      [new Point(), "Point"],
    ] as const) {
      const r = codec.safeEncode({ m });
      expect(r.ok, kind).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe("schema_violation");
        expect(r.error.path).toEqual(["m"]);
        expect(r.error.message).toContain(kind);
      }
    }
    // A plain record (also with a null prototype) is fine, and the codec still works.
    const bare = Object.assign(Object.create(null) as Record<string, number>, { a: 1 });
    expect(codec.decode(codec.encode({ m: bare }))).toEqual({ m: { a: 1 } });
    expect(codec.decode(codec.encode({ m: { b: 2 } }))).toEqual({ m: { b: 2 } });
  });
});

describe("msgpack, where every object is a map", () => {
  const codec = msgpackCodec({ schema: z.object({ v: anything }) });
  it("refuses typed arrays other than Uint8Array, Dates and class instances anywhere, with the path", () => {
    for (const [v, path, kind] of [
      [new Float32Array([1.5]), ["v"], "Float32Array"],
      [{ deep: [1, new Date(0)] }, ["v", "deep", 1], "Date"],
      [[{ p: new Point() }], ["v", 0, "p"], "Point"],
      [new DataView(new ArrayBuffer(2)), ["v"], "DataView"],
    ] as const) {
      const r = codec.safeEncode({ v });
      expect(r.ok, kind).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe("schema_violation");
        expect(r.error.path).toEqual(path);
        expect(r.error.message).toContain(kind);
      }
    }
    // A Buffer is a Uint8Array: fine, and it arrives as a plain Uint8Array.
    const back = codec.decode(codec.encode({ v: Buffer.from([1, 2]) })).v;
    expect(back).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(back)).toBe(false);
  });
});

describe("msgpack, bigints", () => {
  const codec = msgpackCodec({ schema: z.object({ v: z.array(z.bigint()) }) });
  it("refuses one past 64 bits (the library would send its low 64 bits: 2^70 as 0)", () => {
    for (const [b, i] of [
      [2n ** 64n, 1],
      [2n ** 70n, 1],
      [-(2n ** 63n) - 1n, 1],
    ] as const) {
      const r = codec.safeEncode({ v: [0n, b] });
      expect(r.ok, String(b)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe("schema_violation");
        expect(r.error.path).toEqual(["v", i]);
        expect(r.error.message).toContain(String(b));
      }
    }
    // The edges of the range go through exactly.
    const edges = [-(2n ** 63n), 2n ** 64n - 1n, 0n];
    expect(codec.decode(codec.encode({ v: edges })).v).toEqual(edges);
  });
});
