import { describe, expect, it } from "vitest";
import { z } from "zod";
import { avroCodec } from "../src/formats/avro/index.js";
import { bytes, type Codec, float64, int32, int64, isSafewireError, type Limits } from "../src/index.js";
import { expectBoundedFailure, hex, PICKLE_OS_SYSTEM } from "./helpers/bounded.js";

const Msg = {
  type: "record",
  name: "Msg",
  fields: [
    { name: "name", type: "string" },
    { name: "id", type: "long" },
    { name: "data", type: "bytes" },
    { name: "hash", type: { type: "fixed", name: "Hash", size: 4 } },
    { name: "xs", type: { type: "array", items: "double" } },
    { name: "tags", type: { type: "map", values: "string" } },
    { name: "mode", type: { type: "enum", name: "Mode", symbols: ["A", "B"] } },
    { name: "opt", type: ["null", "int"] },
  ],
};
const MsgSchema = z.object({
  name: z.string(),
  id: int64(),
  data: bytes(),
  hash: bytes(),
  xs: z.array(float64()),
  tags: z.record(z.string(), z.string()),
  mode: z.enum(["A", "B"]),
  opt: int32().nullable(),
});
type Msg = z.infer<typeof MsgSchema>;
const msgValue: Msg = {
  name: "ok",
  id: -5n,
  data: new Uint8Array([1, 2, 3]),
  hash: new Uint8Array(4),
  xs: [1.5],
  tags: { k: "v" },
  mode: "B",
  opt: 3,
};
const msg = avroCodec({ type: Msg, schema: MsgSchema });
const valid = msg.encode(msgValue);

const nulls = avroCodec({ type: { type: "array", items: "null" }, schema: z.array(z.null()) });
const ints = avroCodec({ type: { type: "array", items: "int" }, schema: z.array(int32()) });
const intMap = avroCodec({ type: { type: "map", values: "int" }, schema: z.record(z.string(), int32()) });
const str = avroCodec({ type: "string", schema: z.string() });
const long = avroCodec({ type: "long", schema: int64() });
const int = avroCodec({ type: "int", schema: int32() });

interface LinkedNode {
  next: LinkedNode | null;
}
const NodeSchema: z.ZodType<LinkedNode> = z.object({
  get next() {
    return NodeSchema.nullable();
  },
});
const NodeType = { type: "record", name: "Node", fields: [{ name: "next", type: ["null", "Node"] }] };
const nodeCodec = (limits?: Partial<Limits>) =>
  avroCodec({ type: NodeType, schema: NodeSchema, ...(limits ? { limits } : {}) });
/** `n` nodes: n-1 times union branch 1 (0x02), then branch 0 (null). */
function chainBytes(n: number): Uint8Array {
  const out = new Uint8Array(n).fill(0x02);
  out[n - 1] = 0x00;
  return out;
}

function stillWorks(): void {
  expect(msg.decode(valid)).toEqual(msgValue);
  expect(nulls.decode(hex("06 00"))).toEqual([null, null, null]);
  expect(intMap.decode(hex("02 02 61 02 00"))).toEqual({ a: 1 });
}

/** Encodes `value` with lax limits, and checks that one less than `atLimit` fails naming `limit` at `path`. */
function overByOne<T>(
  make: (limits: Partial<Limits>) => Codec<T>,
  limit: keyof Limits,
  atLimit: number,
  value: T,
  path: PropertyKey[],
): void {
  const wire = make({ maxBytes: 1 << 20, maxDepth: 1000 }).encode(value);
  expect(make({ [limit]: atLimit }).decode(wire)).toEqual(value);
  const err = expectBoundedFailure(
    () => make({ [limit]: atLimit - 1 }).decode(wire),
    "limit_exceeded",
    limit,
  );
  expect(err.path).toEqual(path);
  expect(err.message).toContain(limit);
  // Never sent either: the encoder runs the same walk.
  const enc = make({ [limit]: atLimit - 1 }).safeEncode(value);
  expect(enc.ok).toBe(false);
  if (!enc.ok) expect(enc.error.limit).toBe(limit);
}

describe("avro hostile inputs", () => {
  it("array<null> with a block count of 2^27 (5 bytes) fails fast on maxArrayLength", () => {
    expectBoundedFailure(() => nulls.decode(hex("80 80 80 80 01")), "limit_exceeded", "maxArrayLength");
    expectBoundedFailure(() => nulls.decode(hex("80 80 80 80 01 00")), "limit_exceeded", "maxArrayLength");
    // The same count as a negative (sized) block.
    expectBoundedFailure(() => nulls.decode(hex("ff ff ff ff 01 00 00")), "limit_exceeded", "maxArrayLength");
    // And the largest count a long can carry.
    expectBoundedFailure(
      () => nulls.decode(hex("fe ff ff ff ff ff ff ff ff 01 00")),
      "limit_exceeded",
      "maxArrayLength",
    );
    stillWorks();
  });

  it("zero-byte elements are bounded across the whole message, not just per array", () => {
    // 8 inner arrays of 2^17 nulls each: every one is under maxArrayLength (2^20), together they are not.
    const inner = [0x80, 0x80, 0x10, 0x00]; // count 2^17, end
    const wire = Uint8Array.from([0x12, ...Array(9).fill(inner).flat(), 0x00]);
    const nested = avroCodec({
      type: { type: "array", items: { type: "array", items: "null" } },
      schema: z.array(z.array(z.null())),
    });
    const err = expectBoundedFailure(() => nested.decode(wire), "limit_exceeded", "maxArrayLength");
    expect(err.message).toContain("zero-byte");
    // Empty records are zero-byte too.
    const empties = avroCodec({
      type: { type: "array", items: { type: "record", name: "E", fields: [] } },
      schema: z.array(z.object({})),
    });
    expectBoundedFailure(() => empties.decode(hex("80 80 80 80 01 00")), "limit_exceeded", "maxArrayLength");
    expect(empties.decode(hex("04 00"))).toEqual([{}, {}]);
    stillWorks();
  });

  it("array and map counts past the bytes left are malformed", () => {
    expectBoundedFailure(() => ints.decode(hex("80 80 80 80 01 02 00")), "malformed");
    expectBoundedFailure(() => ints.decode(hex("06 02 04 00")), "malformed");
    expectBoundedFailure(() => intMap.decode(hex("80 80 80 80 01 02 61 02 00")), "malformed");
    stillWorks();
  });

  it("a map key __proto__ is schema_violation, with the path of the key", () => {
    const err = expectBoundedFailure(
      () => intMap.decode(hex("02 12 5f5f70726f746f5f5f 02 00")),
      "schema_violation",
    );
    expect(err.path).toEqual(["__proto__"]);
    // Inside a record field.
    const wire = msg.encode({ ...msgValue, tags: { abc: "x" } });
    const at = Buffer.from(wire).indexOf(Buffer.from("abc"));
    const evil = Uint8Array.from([
      ...wire.subarray(0, at - 1),
      0x12,
      ...Buffer.from("__proto__"),
      ...wire.subarray(at + 3),
    ]);
    const nested = expectBoundedFailure(() => msg.decode(evil), "schema_violation");
    expect(nested.path).toEqual(["tags", "__proto__"]);
    stillWorks();
  });

  it("map keys constructor and prototype are schema_violation too", () => {
    for (const key of ["constructor", "prototype"]) {
      const k = Buffer.from(key);
      const wire = Uint8Array.from([0x02, k.length * 2, ...k, 0x02, 0x00]);
      const err = expectBoundedFailure(() => intMap.decode(wire), "schema_violation");
      expect(err.path).toEqual([key]);
    }
    stillWorks();
  });

  it("trailing bytes after a complete value are malformed, at their offset", () => {
    const err = expectBoundedFailure(() => msg.decode(Uint8Array.from([...valid, 0x00])), "malformed");
    expect(err.offset).toBe(valid.length);
    expectBoundedFailure(() => str.decode(hex("02 61 61")), "malformed");
    stillWorks();
  });

  it("every truncation of a valid message is malformed, with an offset", () => {
    for (let n = 0; n < valid.length; n++) {
      const err = expectBoundedFailure(() => msg.decode(valid.subarray(0, n)), "malformed");
      expect(err.offset).toBeDefined();
    }
    stillWorks();
  });

  it("a string length far past the input is malformed", () => {
    expectBoundedFailure(() => str.decode(hex("80 80 80 80 80 80 80 80 10 61")), "malformed");
    expectBoundedFailure(() => str.decode(hex("fe ff ff ff 0f 61")), "malformed");
    const err = expectBoundedFailure(() => msg.decode(hex("80 80 80 80 08")), "malformed");
    expect(err.path).toEqual(["name"]);
    stillWorks();
  });

  it("a negative length is malformed", () => {
    expectBoundedFailure(() => str.decode(hex("01 61")), "malformed");
    expectBoundedFailure(() => str.decode(hex("ff ff ff ff ff ff ff ff ff 01")), "malformed");
    const data = avroCodec({ type: "bytes", schema: bytes() });
    expectBoundedFailure(() => data.decode(hex("03 00")), "malformed");
    stillWorks();
  });

  it("a length or index past 2^53 is stated as sent, not rounded", () => {
    const minus = expectBoundedFailure(() => str.decode(hex("ff ff ff ff ff ff ff ff ff 01")), "malformed");
    expect(minus.message).toContain("string length is negative (-9223372036854775808)");
    const plus = expectBoundedFailure(() => str.decode(hex("fe ff ff ff ff ff ff ff ff 01")), "malformed");
    expect(plus.message).toContain("string declares 9223372036854775807 bytes");
    const union = avroCodec({ type: ["null", "string"], schema: z.string().nullable() });
    const index = expectBoundedFailure(() => union.decode(hex("80 80 80 80 80 80 80 80 40")), "malformed");
    expect(index.message).toContain(`union branch index ${2n ** 61n} is out of range`);
    // Block counts too, positive and negative (2^60 + 1 elements or entries, zigzagged).
    const count = "82 80 80 80 80 80 80 80 20";
    const negative = "81 80 80 80 80 80 80 80 20";
    const array = expectBoundedFailure(() => ints.decode(hex(`${count} 00 00`)), "malformed");
    expect(array.message).toContain(`array block declares ${2n ** 60n + 1n} elements`);
    const block = expectBoundedFailure(() => ints.decode(hex(`${negative} 02 00 00`)), "malformed");
    expect(block.message).toContain(`array block declares ${2n ** 60n + 1n} elements`);
    const map = expectBoundedFailure(() => intMap.decode(hex(`${count} 00 00`)), "malformed");
    expect(map.message).toContain(`map block declares ${2n ** 60n + 1n} entries`);
    stillWorks();
  });

  it("an overlong varint (11 bytes) is malformed, and so is one past 64 or 32 bits", () => {
    expectBoundedFailure(() => long.decode(hex("ff ff ff ff ff ff ff ff ff ff 01")), "malformed");
    expectBoundedFailure(() => long.decode(hex("ff ff ff ff ff ff ff ff ff 02")), "malformed");
    expectBoundedFailure(() => int.decode(hex("ff ff ff ff ff 01")), "malformed");
    expectBoundedFailure(() => int.decode(hex("ff ff ff ff 10")), "malformed");
    expect(int.decode(hex("fe ff ff ff 0f"))).toBe(2 ** 31 - 1);
    expectBoundedFailure(() => ints.decode(hex("ff ff ff ff ff ff ff ff ff ff 01")), "malformed");
    stillWorks();
  });

  it("invalid UTF-8 (c3 28) is malformed, never U+FFFD, in strings and map keys", () => {
    expectBoundedFailure(() => str.decode(hex("04 c3 28")), "malformed");
    expectBoundedFailure(() => intMap.decode(hex("02 04 c3 28 02 00")), "malformed");
    // Surrogates, overlongs and code points past U+10FFFF too, short and long.
    for (const bad of ["eda080", "c080", "f4908080", `${"61".repeat(100)}ff`]) {
      const b = Buffer.from(bad, "hex");
      expectBoundedFailure(() => str.decode(Uint8Array.from([b.length * 2, ...b])), "malformed");
    }
    stillWorks();
  });

  it("a union branch index out of range is malformed", () => {
    const opt = avroCodec({ type: ["null", "string"], schema: z.string().nullable() });
    expectBoundedFailure(() => opt.decode(hex("04")), "malformed");
    expectBoundedFailure(() => opt.decode(hex("01")), "malformed");
    const wire = Uint8Array.from(valid);
    wire[wire.length - 2] = 0x04; // opt's branch index
    const err = expectBoundedFailure(() => msg.decode(wire), "malformed");
    expect(err.path).toEqual(["opt"]);
    stillWorks();
  });

  it("an enum index out of range is malformed", () => {
    const e = avroCodec({
      type: { type: "enum", name: "E", symbols: ["A", "B"] },
      schema: z.enum(["A", "B"]),
    });
    expectBoundedFailure(() => e.decode(hex("04")), "malformed");
    expectBoundedFailure(() => e.decode(hex("01")), "malformed");
    stillWorks();
  });

  it("a boolean byte other than 0 or 1, and short floats and fixed, are malformed", () => {
    const b = avroCodec({ type: "boolean", schema: z.boolean() });
    expectBoundedFailure(() => b.decode(hex("02")), "malformed");
    const d = avroCodec({ type: "double", schema: float64() });
    expectBoundedFailure(() => d.decode(hex("00 00 00 00 00 00 f0")), "malformed");
    const f = avroCodec({ type: { type: "fixed", name: "F", size: 16 }, schema: bytes() });
    expectBoundedFailure(() => f.decode(new Uint8Array(15)), "malformed");
    stillWorks();
  });

  it("a block whose byte size does not match its items is malformed", () => {
    expectBoundedFailure(() => ints.decode(hex("03 06 02 04 00")), "malformed"); // says 3 bytes, items take 2
    expectBoundedFailure(() => ints.decode(hex("03 01 02 04 00")), "malformed"); // negative size
    expectBoundedFailure(() => nulls.decode(hex("03 02 00")), "malformed"); // zero-byte items, 1 byte
    stillWorks();
  });

  it("a block's bytes are checked before its count: over the limit and past the end is malformed", () => {
    // 4 ints (count -4, then a size) in a block of 1000 bytes that are not there; maxArrayLength is 3.
    const three = avroCodec({
      type: { type: "array", items: "int" },
      schema: z.array(int32()),
      limits: { maxArrayLength: 3 },
    });
    expectBoundedFailure(() => three.decode(hex("07 d0 0f 02 02 02 02 00")), "malformed");
    expectBoundedFailure(() => three.decode(hex("07 08 02 02 02 02 00")), "limit_exceeded", "maxArrayLength");
    // A count of zero-byte items past 64 bits is malformed too, never a rounded count over the limit.
    expectBoundedFailure(() => nulls.decode(hex("80 80 80 80 80 80 80 80 80 02 00")), "malformed");
    stillWorks();
  });

  it("a 100,000-deep recursive record (depth bomb) stops at maxDepth", () => {
    const err = expectBoundedFailure(
      () => nodeCodec().decode(chainBytes(100_000)),
      "limit_exceeded",
      "maxDepth",
    );
    expect(err.path).toEqual(Array(64).fill("next"));
    expect(nodeCodec().decode(chainBytes(64))).toBeDefined();
    stillWorks();
  });

  it("a pickle protocol-4 payload (os.system gadget) is unsafe_payload", () => {
    expectBoundedFailure(() => msg.decode(PICKLE_OS_SYSTEM), "unsafe_payload");
    expectBoundedFailure(() => str.decode(PICKLE_OS_SYSTEM), "unsafe_payload");
    stillWorks();
  });

  it("errors carry a sentence with the path and byte offset", () => {
    const err = expectBoundedFailure(() => msg.decode(valid.subarray(0, 3)), "malformed");
    expect(err.message).toMatch(/^avro decode: premature end of input reading long at id \(byte \d+\)$/);
    expect(err.format).toBe("avro");
    expect(err.direction).toBe("decode");
  });
});

describe("avro limits, each exceeded by one", () => {
  const make = (limits: Partial<Limits>) => avroCodec({ type: Msg, schema: MsgSchema, limits });
  const Outer = {
    type: "record",
    name: "Outer",
    fields: [{ name: "items", type: { type: "array", items: Msg } }],
  };
  const nested = (limits: Partial<Limits>) =>
    avroCodec({ type: Outer, schema: z.object({ items: z.array(MsgSchema) }), limits });

  it("maxStringBytes", () => {
    overByOne(make, "maxStringBytes", 9, { ...msgValue, name: "123456789" }, ["name"]);
    overByOne(make, "maxStringBytes", 5, { ...msgValue, tags: { k: "12345" } }, ["tags", "k"]);
    overByOne(make, "maxStringBytes", 5, { ...msgValue, tags: { "12345": "" } }, ["tags"]);
  });

  it("maxBinaryBytes", () => {
    overByOne(make, "maxBinaryBytes", 9, { ...msgValue, data: new Uint8Array(9) }, ["data"]);
    overByOne(make, "maxBinaryBytes", 4, { ...msgValue, data: new Uint8Array(0) }, ["hash"]);
  });

  it("maxArrayLength", () => {
    overByOne(make, "maxArrayLength", 4, { ...msgValue, xs: [1, 2, 3, 4] }, ["xs"]);
    const items = [msgValue, { ...msgValue, xs: [1, 2, 3, 4, 5] }];
    overByOne(nested, "maxArrayLength", 5, { items }, ["items", 1, "xs"]);
  });

  it("maxMapEntries", () => {
    overByOne(make, "maxMapEntries", 3, { ...msgValue, tags: { a: "", b: "", c: "" } }, ["tags"]);
  });

  it("maxDepth", () => {
    const chain: LinkedNode = { next: { next: { next: { next: null } } } };
    overByOne(nodeCodec, "maxDepth", 4, chain, ["next", "next", "next"]);
    const items = [msgValue];
    // Outer (1) > items array (2) > Msg (3) > xs and tags (4)
    overByOne(nested, "maxDepth", 4, { items }, ["items", 0, "xs"]);
  });

  it("maxBytes", () => {
    overByOne(make, "maxBytes", valid.length, msgValue, []);
  });
});

describe("avro decode throws only SafewireError", () => {
  it("for every single-byte change of a valid message", () => {
    for (let i = 0; i < valid.length; i++) {
      for (const b of [0x00, 0x01, 0x7f, 0x80, 0xff]) {
        const wire = Uint8Array.from(valid);
        wire[i] = b;
        const r = msg.safeDecode(wire);
        if (!r.ok) expect(isSafewireError(r.error)).toBe(true);
      }
    }
    stillWorks();
  });
});

describe("a block count the bytes left cannot hold, for items whose size is the sum of nested parts", () => {
  it("is refused at once, counted at every part's full size (records in records, double and fixed)", () => {
    // Each item takes at least 8 + 4 bytes: 3 need 36, and 25 are left. Any part counted short (a fixed
    // as 0, a record as its largest field, a nested record before its fields were measured) lets it by.
    const Q = {
      type: "record",
      name: "Q",
      fields: [
        { name: "x", type: "double" },
        { name: "f", type: { type: "fixed", name: "F", size: 4 } },
      ],
    };
    const codec = avroCodec({
      type: { type: "array", items: { type: "record", name: "P", fields: [{ name: "q", type: Q }] } },
      schema: z.any(),
    });
    const r = codec.safeDecode(Uint8Array.from([0x06, ...Array(25).fill(0)]));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect([r.error.code, r.error.offset]).toEqual(["malformed", 0]);
      expect(r.error.message).toContain(
        "array block declares 3 elements, more than the 25 bytes left can hold",
      );
    }
  });

  it("counts a union's branch byte: a record of a union and a float takes at least 1 + 0 + 4 bytes", () => {
    // 3 items need 15 bytes and 14 are left; a union counted as its least branch alone (0, for null)
    // would make it 12 and let the block by, to fail later on the bytes themselves.
    const codec = avroCodec({
      type: {
        type: "array",
        items: {
          type: "record",
          name: "U",
          fields: [
            { name: "a", type: ["null", "double"] },
            { name: "b", type: "float" },
          ],
        },
      },
      schema: z.any(),
    });
    const r = codec.safeDecode(Uint8Array.from([0x06, ...Array(14).fill(0)]));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect([r.error.code, r.error.offset]).toEqual(["malformed", 0]);
      expect(r.error.message).toContain(
        "array block declares 3 elements, more than the 14 bytes left can hold",
      );
    }
  });
});
