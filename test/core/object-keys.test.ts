// An object key left out and a key holding undefined, as a user's zod schema words them: what zod accepts
// either way must encode to bytes the same codec decodes, and what no wire carries must be refused on encode,
// with its path. `.exactOptional()` takes a missing key but refuses undefined; z.unknown() takes undefined
// but refuses a missing key (it is required), and writers leave an undefined value's key out.
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import type { Codec } from "../../src/index.js";

function refused<T>(
  codec: Codec<T>,
  value: unknown,
): { code: string; path: readonly PropertyKey[]; message: string } {
  const r = codec.safeEncode(value as T);
  if (r.ok) throw new Error(`encoded ${JSON.stringify(value)}`);
  return { code: r.error.code, path: r.error.path, message: r.error.message };
}

describe("an exactOptional key left out", () => {
  const schema = z.object({ a: z.string().exactOptional(), b: z.number() });
  const proto = protobuf
    .parse(`syntax = "proto3"; message M { optional string a = 1; double b = 2; }`)
    .root.lookupType("M");
  const codecs: [string, Codec<z.infer<typeof schema>>][] = [
    ["msgpack", msgpackCodec({ schema })],
    ["protobuf", protobufCodec({ type: proto, schema })],
  ];
  for (const [format, codec] of codecs) {
    it(`${format}: encodes and decodes, as zod accepts it; undefined there is refused, as zod refuses it`, () => {
      expect(codec.decode(codec.encode({ b: 1 }))).toEqual({ b: 1 });
      expect(Object.hasOwn(codec.decode(codec.encode({ b: 1 })), "a")).toBe(false);
      expect(codec.decode(codec.encode({ a: "x", b: 1 }))).toEqual({ a: "x", b: 1 });
      const r = refused(codec, { a: undefined, b: 1 });
      expect(r.code).toBe("schema_violation");
      expect(r.path).toEqual(["a"]);
      // A required key left out is still refused, at its path.
      expect(refused(codec, { a: "x" }).path).toEqual(["b"]);
    });
  }

  it("inside arrays and nested objects, with the refusal's path in full", () => {
    const codec = msgpackCodec({ schema: z.object({ list: z.array(z.object({ inner: schema })) }) });
    const value = { list: [{ inner: { b: 1 } }, { inner: { a: "y", b: 2 } }] };
    expect(codec.decode(codec.encode(value))).toEqual(value);
    const bad = { list: [{ inner: { b: 1 } }, { inner: { b: "2" } }] };
    expect(refused(codec, bad).path).toEqual(["list", 1, "inner", "b"]);
  });
});

describe("undefined at a key the schema requires", () => {
  const schema = z.object({ extra: z.unknown(), b: z.number() });
  const codec = msgpackCodec({ schema });

  it("is refused on encode (it would go out without the key, which decode refuses), with its path", () => {
    expect(schema.safeParse({ extra: undefined, b: 1 }).success).toBe(true); // zod takes it
    const r = refused(codec, { extra: undefined, b: 1 });
    expect(r.code).toBe("schema_violation");
    expect(r.path).toEqual(["extra"]);
    expect(r.message).toContain("no wire form");
    // Under any, a union with undefined, and nested.
    for (const s of [z.any(), z.union([z.string(), z.undefined()]), z.custom<unknown>(() => true)]) {
      const c = msgpackCodec({ schema: z.object({ outer: z.object({ x: s }) }) });
      expect(refused(c, { outer: { x: undefined } }).path).toEqual(["outer", "x"]);
    }
    // The codec still works, and any other value there round-trips.
    for (const extra of [null, 0, "x", [1], { k: true }])
      expect(codec.decode(codec.encode({ extra, b: 1 }))).toEqual({ extra, b: 1 });
  });

  it("zod's own words where the schema refuses undefined; left out where the key is optional", () => {
    const strict = msgpackCodec({ schema: z.object({ s: z.string() }) });
    const r = refused(strict, { s: undefined });
    expect(r.path).toEqual(["s"]);
    expect(r.message).not.toContain("no wire form");
    expect(r.message).toContain("expected string");
    const optional = msgpackCodec({ schema: z.object({ x: z.unknown().optional(), b: z.number() }) });
    const back = optional.decode(optional.encode({ x: undefined, b: 1 }));
    expect(back).toEqual({ b: 1 });
    expect(Object.hasOwn(back, "x")).toBe(false);
  });
});
