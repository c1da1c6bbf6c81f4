// -0 in an integer field. zod's `.int()` takes it, and protobufjs and avsc write it as 0: it came back
// changed, silently. Integer wire types have no -0, so encode refuses it (with its path) wherever an integer
// goes; a float or double field carries -0 bit-exact, and msgpack (whose writer gives -0 a float form) keeps it.
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { avroCodec } from "../../src/formats/avro/index.js";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import type { Codec } from "../../src/index.js";

function expectRefusedAt<T>(codec: Codec<T>, value: unknown, path: readonly PropertyKey[]): void {
  const r = codec.safeEncode(value as T);
  expect(r.ok, `${JSON.stringify(path)} encoded`).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe("schema_violation");
  expect(r.error.path).toEqual(path);
  expect(r.error.message).toContain("-0");
}

const isNegZero = (x: unknown) => Object.is(x, -0);

describe("protobuf", () => {
  const root = protobuf.parse(`syntax = "proto3";
    enum E { E_ZERO = 0; E_ONE = 1; }
    message M {
      int32 i32 = 1; uint32 u32 = 2; sint32 s32 = 3; fixed32 f32 = 4; sfixed32 sf32 = 5;
      int64 i64 = 6; uint64 u64 = 7; E e = 8;
      repeated int32 packed = 9; map<string, sint32> byName = 10; optional int32 present = 11;
      double d = 12; float f = 13;
    }`).root;
  const int = z.number().int();
  const long = z.union([z.bigint(), int]);
  const schema = z.object({
    i32: int,
    u32: int,
    s32: int,
    f32: int,
    sf32: int,
    i64: long,
    u64: long,
    e: int,
    packed: z.array(int),
    byName: z.record(z.string(), int),
    present: int.optional(),
    d: z.number(),
    f: z.number(),
  });
  const codec = protobufCodec({ type: root.lookupType("M"), schema });
  const zero = {
    i32: 0,
    u32: 0,
    s32: 0,
    f32: 0,
    sf32: 0,
    i64: 0n,
    u64: 0n,
    e: 0,
    packed: [1, 0],
    byName: { a: 0 },
    present: 0,
    d: 0,
    f: 0,
  };

  it("refuses -0 in every integer field, repeated element and map value, at its path", () => {
    for (const k of ["i32", "u32", "s32", "f32", "sf32", "i64", "u64", "e", "present"] as const)
      expectRefusedAt(codec, { ...zero, [k]: -0 }, [k]);
    expectRefusedAt(codec, { ...zero, packed: [1, -0] }, ["packed", 1]);
    expectRefusedAt(codec, { ...zero, byName: { a: -0 } }, ["byName", "a"]);
  });

  it("keeps -0 in double and float fields, and still works after a refusal", () => {
    const back = codec.decode(codec.encode({ ...zero, d: -0, f: -0 }));
    expect(isNegZero(back.d) && isNegZero(back.f)).toBe(true);
    expect(codec.decode(codec.encode(zero))).toEqual(zero);
  });
});

describe("avro", () => {
  const type = {
    type: "record",
    name: "M",
    fields: [
      { name: "i", type: "int" },
      { name: "list", type: { type: "array", items: "int" } },
      { name: "byName", type: { type: "map", values: "int" } },
      { name: "maybe", type: ["null", "int"] },
      { name: "l", type: "long" },
      { name: "d", type: "double" },
      { name: "f", type: "float" },
    ],
  };
  const int = z.number().int();
  const schema = z.object({
    i: int,
    list: z.array(int),
    byName: z.record(z.string(), int),
    maybe: int.nullable(),
    l: z.union([z.bigint(), int]),
    d: z.number(),
    f: z.number(),
  });
  const codec = avroCodec({ type, schema });
  const zero = { i: 0, list: [1, 0], byName: { a: 0 }, maybe: 0, l: 0n, d: 0, f: 0 };

  it("refuses -0 in every int (and a number where a long goes), at its path", () => {
    expectRefusedAt(codec, { ...zero, i: -0 }, ["i"]);
    expectRefusedAt(codec, { ...zero, list: [1, -0] }, ["list", 1]);
    expectRefusedAt(codec, { ...zero, byName: { a: -0 } }, ["byName", "a"]);
    expectRefusedAt(codec, { ...zero, maybe: -0 }, ["maybe"]);
    expectRefusedAt(codec, { ...zero, l: -0 }, ["l"]);
  });

  it("keeps -0 in double and float fields, and still works after a refusal", () => {
    const back = codec.decode(codec.encode({ ...zero, d: -0, f: -0 }));
    expect(isNegZero(back.d) && isNegZero(back.f)).toBe(true);
    expect(codec.decode(codec.encode(zero))).toEqual(zero);
  });
});

describe("msgpack", () => {
  it("carries -0 under z.number().int() as it came (a float form), so it comes back -0", () => {
    const codec = msgpackCodec({ schema: z.object({ n: z.number().int() }) });
    expect(isNegZero(codec.decode(codec.encode({ n: -0 })).n)).toBe(true);
  });
});
