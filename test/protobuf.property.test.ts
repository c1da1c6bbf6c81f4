import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { protobufCodec } from "../src/formats/protobuf/index.js";
import { type Codec, isSafewireError } from "../src/index.js";
import {
  fullRich,
  type Inner,
  NodeDescriptor,
  NodeSchema,
  NodeStatic,
  NodeType,
  type NodeValue,
  type Rich,
  RichDescriptor,
  RichSchema,
  RichStatic,
  RichType,
  type TimedAction,
  TimedActionDescriptor,
  TimedActionSchema,
  TimedActionStatic,
  TimedActionType,
} from "./fixtures/protobuf/rich.js";

/*
 * Properties: every schema-valid value survives encode → decode unchanged, through both decoders;
 * any bytes at all, and any mutation of a valid encoding, either decode to a schema-valid value or
 * fail with a SafewireError, and the codec keeps working afterwards.
 */

const I64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const U64 = { min: 0n, max: 2n ** 64n - 1n };

const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const uint32 = fc.nat({ max: 2 ** 32 - 1 });
const int64 = fc.bigInt(I64);
const uint64 = fc.bigInt(U64);
const float32 = fc.float(); // binary32 values, NaN, ±0 and ±Infinity included
const float64 = fc.double();
const text = fc.string({ unit: "binary", maxLength: 12 });
const bytes = fc.uint8Array({ maxLength: 12 });
const enumNumber = fc.oneof(fc.constantFrom(0, 1, 2), int32); // open enum: unnamed values too
const list = <T>(a: fc.Arbitrary<T>) => fc.array(a, { maxLength: 4 });
const record = <T>(key: fc.Arbitrary<string>, value: fc.Arbitrary<T>) =>
  fc.dictionary(key, value, { maxKeys: 3, noNullPrototype: true });

const inner: fc.Arbitrary<Inner> = fc.record({ label: text, n: int32 });
/** Map keys a record can hold and the key type can spell (no prototype names: they are refused). */
const stringKey = text.filter((k) => k !== "__proto__" && k !== "constructor" && k !== "prototype");

const richArb: fc.Arbitrary<Rich> = fc
  .record({
    i32: int32,
    i64: int64,
    u64: uint64,
    s64: int64,
    fx64: uint64,
    sfx64: int64,
    f32: float32,
    f64: float64,
    flag: fc.boolean(),
    text,
    blob: bytes,
    color: enumNumber,
    u32: uint32,
    s32: int32,
    fx32: uint32,
    sfx32: int32,
    packed_ints: list(int32),
    unpacked_ints: list(int32),
    names: list(text),
    blobs: list(bytes),
    packed_longs: list(int64),
    doubles: list(float64),
    floats: list(float32),
    colors: list(enumNumber),
    inner_list: list(inner),
    inners: record(stringKey, inner),
    labels: record(stringKey, text),
    by_id: record(int64.map(String), text),
    by_uid: record(uint64.map(String), bytes),
    by_i32: record(int32.map(String), float64),
    by_flag: record(fc.constantFrom("true", "false"), int64),
    by_s32: record(int32.map(String), enumNumber),
    inner: fc.option(inner, { nil: undefined }),
    maybe: fc.option(int32, { nil: undefined }),
  })
  .chain((base) =>
    // At most one member of the oneof.
    fc
      .oneof(
        fc.constant({}),
        text.map((choice_text) => ({ choice_text })),
        inner.map((choice_inner) => ({ choice_inner })),
        int64.map((choice_num) => ({ choice_num })),
      )
      .map((choice) => {
        const v: Record<string, unknown> = { ...base, ...choice };
        // Absent presence fields are left out, as decode leaves them.
        for (const k of ["inner", "maybe"]) if (v[k] === undefined) delete v[k];
        return v as Rich;
      }),
  );

/** Recursive values, three levels at most below the top (up to a few hundred nodes). */
function nodeOf(depth: number): fc.Arbitrary<NodeValue> {
  if (depth === 0) return fc.record({ value: int32, children: fc.constant([]), named: fc.constant({}) });
  const sub = nodeOf(depth - 1);
  return fc
    .record({
      child: fc.option(sub, { nil: undefined }),
      value: int32,
      children: fc.array(sub, { maxLength: 2 }),
      named: fc.dictionary(stringKey, sub, { maxKeys: 2, noNullPrototype: true }),
    })
    .map((n) => {
      if (n.child === undefined) delete (n as { child?: NodeValue }).child;
      return n;
    });
}
const nodeArb = nodeOf(3);

const richCodecs: [string, Codec<Rich>][] = [
  ["reflection", protobufCodec({ type: RichType, schema: RichSchema })],
  ["static", protobufCodec({ type: RichStatic, descriptor: RichDescriptor, schema: RichSchema })],
];
const nodeCodecs: [string, Codec<NodeValue>][] = [
  ["reflection", protobufCodec({ type: NodeType, schema: NodeSchema })],
  ["static", protobufCodec({ type: NodeStatic, descriptor: NodeDescriptor, schema: NodeSchema })],
];
const VALID = richCodecs[0]?.[1].encode(fullRich()) as Uint8Array;

/** Decodes or fails with a SafewireError; a decoded value is schema-valid; the codec still round-trips. */
function decodesOrRefuses<T>(codec: Codec<T>, input: Uint8Array, schemaCheck: (v: unknown) => boolean): void {
  const r = codec.safeDecode(input);
  if (r.ok) expect(schemaCheck(r.value)).toBe(true);
  else expect(isSafewireError(r.error)).toBe(true);
}

describe.each(richCodecs)("Rich via %s", (_name, codec) => {
  test.prop([richArb], { numRuns: 150 })("decode(encode(x)) equals x", (value) => {
    expect(codec.decode(codec.encode(value))).toEqual(value);
  });

  test.prop([fc.uint8Array({ maxLength: 200, size: "max" })], { numRuns: 400 })(
    "arbitrary bytes decode to a valid value or fail with a SafewireError",
    (input) => {
      decodesOrRefuses(codec, input, (v) => RichSchema.safeParse(v).success);
    },
  );

  test.prop(
    [
      fc.array(
        fc.record({
          at: fc.nat(),
          op: fc.constantFrom("flip", "set", "insert", "delete", "cut"),
          byte: fc.integer({ min: 0, max: 255 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    ],
    { numRuns: 400 },
  )("mutated valid encodings decode to a valid value or fail with a SafewireError", (mutations) => {
    const bytes = Array.from(VALID);
    for (const { at, op, byte } of mutations) {
      const i = at % Math.max(1, bytes.length);
      if (op === "flip") bytes[i] = (bytes[i] ?? 0) ^ (1 << (byte % 8));
      else if (op === "set") bytes[i] = byte;
      else if (op === "insert") bytes.splice(i, 0, byte);
      else if (op === "delete") bytes.splice(i, 1);
      else bytes.length = i;
    }
    decodesOrRefuses(codec, Uint8Array.from(bytes), (v) => RichSchema.safeParse(v).success);
    expect(codec.decode(VALID)).toEqual(fullRich());
  });
});

describe.each(nodeCodecs)("Node via %s", (_name, codec) => {
  test.prop([nodeArb], { numRuns: 150 })("recursive values round-trip", (value) => {
    expect(codec.decode(codec.encode(value))).toEqual(value);
  });

  test.prop([fc.uint8Array({ maxLength: 120, size: "max" })], { numRuns: 400 })(
    "arbitrary bytes decode to a valid value or fail with a SafewireError",
    (input) => {
      decodesOrRefuses(codec, input, (v) => NodeSchema.safeParse(v).success);
      const n = { value: 7, children: [], named: {} };
      expect(codec.decode(codec.encode(n))).toEqual(n);
    },
  );
});

const actionArb: fc.Arbitrary<TimedAction> = fc.record({
  timestamp: float64,
  timestep: int64,
  action: fc.array(float32, { maxLength: 16 }),
  task: text,
  must_go: fc.boolean(),
});
const actionCodecs: [string, Codec<TimedAction>][] = [
  ["reflection", protobufCodec({ type: TimedActionType, schema: TimedActionSchema })],
  [
    "static",
    protobufCodec({ type: TimedActionStatic, descriptor: TimedActionDescriptor, schema: TimedActionSchema }),
  ],
];

// TimedAction has no oneof: it is decoded straight into the plain object (see normalise.ts).
describe.each(actionCodecs)("TimedAction via %s", (_name, codec) => {
  test.prop([actionArb], { numRuns: 200 })("decode(encode(x)) equals x", (value) => {
    expect(codec.decode(codec.encode(value))).toEqual(value);
  });

  test.prop([actionArb, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 })], {
    numRuns: 300,
  })("mutated encodings decode to a valid value or fail with a SafewireError", (value, edits) => {
    const bytes = codec.encode(value);
    for (const [at, byte] of edits) if (bytes.length > 0) bytes[at % bytes.length] = byte;
    decodesOrRefuses(codec, bytes, (v) => TimedActionSchema.safeParse(v).success);
    expect(codec.decode(codec.encode(value))).toEqual(value);
  });
});
