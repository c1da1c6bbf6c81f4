// Encode skips the scan of its own output when that scan cannot fail (src/codec.ts): the value passed the
// fast check, its schema nests no deeper than maxDepth, and the output is no longer than the smallest
// count limit. Whatever the limits, encode must then still refuse exactly what the peer would refuse.
import { fc, test } from "@fast-check/vitest";
import protobuf from "protobufjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { avroCodec } from "../../src/formats/avro/index.js";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import { Prescanner } from "../../src/formats/protobuf/prescan.js";
import { bytes, type Codec, float64, type Limits } from "../../src/index.js";
import { FORMATS, type DocFormat as Format, LAX } from "../fixtures/doc.js";

// Not recursive: values nest at most 3 deep (Flat, rows, a row).
const Flat = z.object({
  name: z.string(),
  blob: bytes(),
  list: z.array(float64()),
  tags: z.record(z.string(), z.string()),
  inner: z.object({ label: z.string(), nums: z.array(z.number().int().min(-1000).max(1000)) }),
  rows: z.array(z.object({ s: z.string() })),
});
type Flat = z.infer<typeof Flat>;

const FlatProto = protobuf
  .parse(
    `syntax = "proto3";
  package fixture;
  message Inner { string label = 1; repeated int32 nums = 2; }
  message Row { string s = 1; }
  message Flat {
    string name = 1; bytes blob = 2; repeated double list = 3; map<string, string> tags = 4;
    Inner inner = 5; repeated Row rows = 6;
  }`,
    { keepCase: true },
  )
  .root.lookupType("fixture.Flat");

const FlatAvro = {
  type: "record",
  name: "Flat",
  namespace: "fixture",
  fields: [
    { name: "name", type: "string" },
    { name: "blob", type: "bytes" },
    { name: "list", type: { type: "array", items: "double" } },
    { name: "tags", type: { type: "map", values: "string" } },
    {
      name: "inner",
      type: {
        type: "record",
        name: "Inner",
        fields: [
          { name: "label", type: "string" },
          { name: "nums", type: { type: "array", items: "int" } },
        ],
      },
    },
    {
      name: "rows",
      type: {
        type: "array",
        items: { type: "record", name: "Row", fields: [{ name: "s", type: "string" }] },
      },
    },
  ],
};

function flatCodec(format: Format, limits: Partial<Limits>): Codec<Flat> {
  switch (format) {
    case "protobuf":
      return protobufCodec({ type: FlatProto, schema: Flat, limits });
    case "avro":
      return avroCodec({ type: FlatAvro, schema: Flat, limits });
    case "msgpack":
      return msgpackCodec({ schema: Flat, limits });
  }
}

const text = fc.string({ unit: "grapheme", maxLength: 6 });
const key = fc.string({ maxLength: 4 }).filter((k) => !["__proto__", "constructor", "prototype"].includes(k));
const flatArb: fc.Arbitrary<Flat> = fc.record({
  name: text,
  blob: fc.uint8Array({ maxLength: 10 }),
  list: fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 5 }),
  tags: fc.dictionary(key, text, { maxKeys: 4, noNullPrototype: true }),
  inner: fc.record({ label: text, nums: fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 6 }) }),
  rows: fc.array(fc.record({ s: text }), { maxLength: 5 }),
});
// Each count limit either tight (most values break it) or loose (outputs fit under it, so the scan is
// skipped unless the depth rule stops it).
const count = (tight: number) =>
  fc.oneof(fc.integer({ min: 1, max: tight }), fc.integer({ min: 60, max: 200 }));
const limitsArb: fc.Arbitrary<Partial<Limits>> = fc.record({
  maxDepth: fc.integer({ min: 1, max: 5 }),
  maxStringBytes: count(30),
  maxBinaryBytes: count(12),
  maxArrayLength: count(7),
  maxMapEntries: count(5),
});

describe("encode refuses exactly what the peer's decode would refuse", () => {
  for (const format of FORMATS) {
    test.prop([flatArb, limitsArb], { numRuns: 300 })(
      `${format}: same verdict as decoding the output under the same limits`,
      (value, limits) => {
        const wire = flatCodec(format, LAX).encode(value);
        const strict = flatCodec(format, limits);
        const peer = strict.safeDecode(wire);
        const sent = strict.safeEncode(value);
        expect(sent.ok).toBe(peer.ok);
        if (sent.ok) expect(sent.value).toEqual(wire);
        else expect(sent.error.code).toBe("limit_exceeded");
      },
    );
  }
});

type Push = { limit: keyof Limits; set: (v: Flat, n: number) => Flat; path: PropertyKey[] };
const PUSHES: Push[] = [
  {
    limit: "maxStringBytes",
    set: (v, n) => ({ ...v, name: "é".repeat(n >> 1) + "s".repeat(n & 1) }),
    path: ["name"],
  },
  {
    limit: "maxStringBytes",
    set: (v, n) => ({ ...v, rows: [{ s: "" }, { s: "r".repeat(n) }] }),
    path: ["rows", 1, "s"],
  },
  { limit: "maxBinaryBytes", set: (v, n) => ({ ...v, blob: new Uint8Array(n) }), path: ["blob"] },
  {
    limit: "maxArrayLength",
    set: (v, n) => ({ ...v, list: Array.from({ length: n }, (_, i) => i / 2) }),
    path: ["list"],
  },
  {
    limit: "maxArrayLength",
    set: (v, n) => ({ ...v, inner: { label: "", nums: Array.from({ length: n }, (_, i) => i) } }),
    path: ["inner", "nums"],
  },
  {
    limit: "maxMapEntries",
    set: (v, n) => ({ ...v, tags: Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, ""])) }),
    path: ["tags"],
  },
];
const EMPTY: Flat = {
  name: "",
  blob: new Uint8Array(0),
  list: [],
  tags: {},
  inner: { label: "", nums: [] },
  rows: [],
};

describe("one field at and one over its limit, every other limit loose (the scan may be skipped)", () => {
  for (const format of FORMATS) {
    // From 6: msgpack counts field names ("inner", "label") against maxStringBytes too.
    test.prop([fc.constantFrom(...PUSHES), fc.integer({ min: 6, max: 40 })], { numRuns: 120 })(
      `${format}: at the limit it is sent, one over it is refused with that limit and path`,
      (push, limit) => {
        const codec = flatCodec(format, { [push.limit]: limit });
        const at = push.set(EMPTY, limit);
        expect(codec.decode(codec.encode(at))).toEqual(at);
        const r = codec.safeEncode(push.set(EMPTY, limit + 1));
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe("limit_exceeded");
          expect(r.error.limit).toBe(push.limit);
          expect(r.error.path).toEqual(push.path);
        }
      },
    );
  }
});

describe("schemas whose values may not be plain data keep the output scan", () => {
  it("a custom predicate not declared plain", () => {
    const scan = vi.spyOn(Prescanner.prototype, "scan");
    const pb = protobufCodec({
      type: protobuf.parse('syntax = "proto3"; message D { string at = 1; }').root.lookupType("D"),
      schema: z.object({ at: z.string() }),
    });
    pb.encode({ at: "x" });
    expect(scan).not.toHaveBeenCalled();
    // The same field as anything z.custom lets through: plainDepth is Infinity, the scan runs.
    const opaque = protobufCodec({
      type: protobuf.parse('syntax = "proto3"; message D { string at = 1; }').root.lookupType("D"),
      schema: z.object({ at: z.custom<string>((v) => typeof v === "string") }),
    });
    opaque.encode({ at: "x" });
    expect(scan).toHaveBeenCalledTimes(1);
    vi.restoreAllMocks();
  });
});

describe("items that take no bytes", () => {
  it("avro: an array of empty records is counted against maxArrayLength on encode", () => {
    const codec = avroCodec({
      type: { type: "array", items: { type: "record", name: "Empty", fields: [] } },
      schema: z.array(z.object({})),
      limits: { maxArrayLength: 3 },
    });
    // Four elements in two bytes: the output is shorter than the limit, yet over it.
    const r = codec.safeEncode([{}, {}, {}, {}]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.limit).toBe("maxArrayLength");
    expect(codec.encode([{}, {}, {}])).toEqual(Uint8Array.of(6, 0));
  });
});

describe("when the output scan runs (protobuf's scanner, observed)", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const value: Flat = {
    name: "n",
    blob: new Uint8Array(3),
    list: [1.5],
    tags: { a: "b" },
    inner: { label: "l", nums: [1, 2] },
    rows: [{ s: "r" }],
  };

  it("skipped for a fast-checked value whose output is shorter than every count limit", () => {
    const scan = vi.spyOn(Prescanner.prototype, "scan");
    const codec = flatCodec("protobuf", {});
    codec.encode(value);
    expect(scan).not.toHaveBeenCalled();
    // A small decode reads in one checked pass (protobuf's readChecked): no scan either...
    const bytes = codec.encode(value);
    codec.decode(bytes);
    expect(scan).not.toHaveBeenCalled();
    // ...unless the bytes hold something that pass leaves to the scan (here an unknown field 15).
    codec.decode(Uint8Array.from([...bytes, 0x78, 0x01]));
    expect(scan).toHaveBeenCalledTimes(1);
  });

  it("runs when the output is longer than a count limit, or zod had to decide", () => {
    const scan = vi.spyOn(Prescanner.prototype, "scan");
    const small = flatCodec("protobuf", { maxArrayLength: 8 });
    small.encode(value); // 40-odd bytes > 8: a list of 9 elements could hide in it
    expect(scan).toHaveBeenCalledTimes(1);
    const codec = flatCodec("protobuf", {});
    // Keys in another order: the fast check says no, zod decides (and reorders).
    const { name, ...rest } = value;
    codec.encode({ ...rest, name } as Flat);
    expect(scan).toHaveBeenCalledTimes(2);
  });

  it("runs when the schema may nest deeper than maxDepth", () => {
    const scan = vi.spyOn(Prescanner.prototype, "scan");
    // Flat > inner, with empty lists: two levels on the wire, though the schema allows three.
    flatCodec("protobuf", { maxDepth: 2 }).encode({ ...value, inner: { label: "", nums: [] }, rows: [] });
    expect(scan).toHaveBeenCalledTimes(1);
  });
});
