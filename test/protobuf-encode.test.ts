// The table encoder (src/formats/protobuf/encode.ts) against the path it replaces: toWire (normalise.ts)
// followed by protobufjs' encoder (the static class or the reflection Type) into encodeScratch, or
// encodePresized when the value holds 16 KiB of binaries or more, exactly as codec.ts' driver.write
// runs it. Where the old path returns bytes, the encoder must return the very same bytes (never give up
// and return undefined, except in the cases pinned down below); where the old path throws, the encoder
// must throw the same (IssueSignal with the same code, path, message and limit; or protobufjs' own Error).
// ENCODE_RUNS=5000 npx vitest run test/protobuf-encode: more random values than the default.
import { fc, test } from "@fast-check/vitest";
import protobuf from "protobufjs";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { z } from "zod";
import { KITCHEN_PROTO } from "../fuzz/targets/protobuf.js";
import { IssueSignal } from "../src/errors.js";
import { compileEncoder, shortStrings, type TableEncoder } from "../src/formats/protobuf/encode.js";
import { protobufCodec } from "../src/formats/protobuf/index.js";
import { takeWireBinaryBytes, toWire } from "../src/formats/protobuf/normalise.js";
import {
  compileTables,
  F_MAP,
  F_REPEATED,
  type FieldInfo,
  type MessageTable,
  type ValueType,
} from "../src/formats/protobuf/tables.js";
import { encodePresized, encodeScratch } from "../src/formats/protobuf/writer.js";
import { DEFAULT_LIMITS, type Limits } from "../src/index.js";
import { limitsFor, type MessageName, codec as roboticsCodec } from "../src/robotics/index.js";
import { protobufDescriptor, STATIC_CLASSES } from "../src/robotics/protobuf.js";
import { arbitraries } from "../src/testing/index.js";
import {
  NodeDescriptor,
  NodeStatic,
  NodeType,
  type NodeValue,
  RichDescriptor,
  RichStatic,
  RichType,
  richValues,
  TimedActionDescriptor,
  TimedActionStatic,
  TimedActionType,
} from "./fixtures/protobuf/rich.js";

const RUNS = Number(process.env.ENCODE_RUNS ?? 300);

// ---- extra schemas: what the fixtures do not reach ----

/**
 * proto3 corners: fields declared out of number order, an enum whose first value is not 0, every map key
 * type, sparse and maximal field numbers, an empty message, explicit presence of every kind.
 */
const EDGE_PROTO = `
syntax = "proto3";
package safewire.encodetest;
enum Shifted { SHIFTED_ONE = 1; SHIFTED_ZERO = 0; SHIFTED_TWO = 2; }
message Empty {}
message Leaf {
  map<sfixed64, Leaf> kids = 2; sint64 s = 1; optional bytes maybe = 3; bytes blob = 4; repeated bytes blobs = 5;
}
message Edge {
  Edge next = 27; Shifted shifted = 1; repeated Shifted shifts = 2; map<fixed64, Shifted> by_fx = 3;
  map<sint64, Leaf> by_s64 = 4; map<uint64, int64> by_u64 = 5; map<int32, bytes> by_i32 = 6;
  map<bool, string> by_bool = 7; map<string, sfixed64> by_name = 8; map<sfixed32, float> by_sfx32 = 9;
  map<uint32, Empty> by_u32 = 10; Empty empty = 11; Leaf leaf = 12; optional string opt_text = 13;
  optional bytes opt_blob = 14; optional Shifted opt_enum = 15;
  oneof pick { Leaf pick_leaf = 16; bytes pick_blob = 17; double pick_num = 18; Empty pick_empty = 19; }
  repeated Leaf leaves = 20; repeated sint32 s32s = 21; repeated fixed32 fx32s = 22; repeated sfixed64 sfx64s = 23;
  repeated uint64 u64s = 24; repeated bool flags = 25; float f = 26; map<int64, string> by_i64 = 28;
  map<string, bytes> blobs_by_name = 29; map<fixed32, double> by_fx32 = 30; map<sint32, uint32> by_s32 = 31;
  optional double opt_f64 = 32; optional float opt_f32 = 33; optional bool opt_flag = 34;
  optional uint64 opt_u64 = 35; optional sint32 opt_s32 = 36; repeated float f32s = 37; repeated double f64s = 38;
  repeated string texts = 39; repeated int64 i64s_loose = 40 [packed = false];
  repeated fixed64 fx64s = 41; repeated sfixed32 sfx32s = 42; repeated uint32 u32s = 43; repeated int32 i32s = 44;
  string far = 5000; repeated int64 far_list = 536870911;
}`;

/** A table toWire does not copy (no 64-bit, message or map field): protobufjs reads the value itself. */
const FLAT_PROTO = `
syntax = "proto3";
package safewire.encodetest;
message Flat {
  string name = 3; int32 n = 1; repeated uint32 dims = 2; bytes blob = 4; optional bool flag = 5;
  double x = 6; float y = 7; repeated string tags = 8; sfixed32 sf = 9; repeated bool bits = 10 [packed = false];
}`;

/** proto2: optional fields with presence, repeated fields unpacked by default (packed when asked). */
const PROTO2 = `
syntax = "proto2";
package safewire.encodetest2;
enum Closed { CLOSED_A = 0; CLOSED_B = 1; }
message Plain {
  optional int32 x = 1; optional string s = 2; repeated int32 r = 3; optional bytes b = 4; optional Plain p = 5;
  optional Closed c = 6; optional int32 d = 7 [default = 5]; repeated sint64 rp = 8 [packed = true];
  optional int64 big = 9; repeated double ds = 10;
}
message WithGroup { optional group G = 1 { optional int32 x = 2; } }
message WithRequired { required int32 x = 1; }
message HoldsGroup { optional WithGroup g = 1; }
`;

/** Editions: presence, packing and delimited encoding set by features. */
const EDITIONS_PROTO = `
edition = "2023";
package safewire.encodeed;
option features.field_presence = IMPLICIT;
message Inner { int32 a = 1; repeated sint64 b = 2; }
message M {
  int32 x = 1; int32 y = 2 [features.field_presence = EXPLICIT]; repeated int32 packed = 3;
  repeated int32 expanded = 4 [features.repeated_field_encoding = EXPANDED]; Inner inner = 5; string s = 6;
  bytes blob = 7 [features.field_presence = EXPLICIT]; map<string, Inner> by_name = 8;
}
message Delimited { Inner g = 1 [features.message_encoding = DELIMITED]; }
message Required { int32 r = 1 [features.field_presence = LEGACY_REQUIRED]; }
`;

const edgeRoot = protobuf.parse(EDGE_PROTO, { keepCase: true }).root;
const editionsRoot = protobuf.parse(EDITIONS_PROTO, { keepCase: true }).root;
const EdgeType = edgeRoot.lookupType("safewire.encodetest.Edge");
const FlatType = protobuf.parse(FLAT_PROTO, { keepCase: true }).root.lookupType("safewire.encodetest.Flat");
const proto2Root = protobuf.parse(PROTO2, { keepCase: true }).root;
const KitchenType = protobuf
  .parse(KITCHEN_PROTO, { keepCase: true })
  .root.lookupType("safewire.fuzz.Kitchen");

// ---- the two paths ----

type EncodeMessage = (wire: Record<string, unknown>, writer: object) => unknown;

interface Subject {
  readonly name: string;
  readonly table: MessageTable;
  readonly encoder: TableEncoder;
  readonly encodeMessage: EncodeMessage;
}

function subject(name: string, descriptor: protobuf.Type, encodeMessage?: EncodeMessage): Subject {
  const table = compileTables(descriptor);
  const encoder = compileEncoder(table, descriptor);
  if (encoder === undefined) throw new Error(`${name}: no table encoder`);
  return {
    name,
    table,
    encoder,
    encodeMessage: encodeMessage ?? ((wire, writer) => descriptor.encode(wire, writer as protobuf.Writer)),
  };
}

function staticEncode(cls: unknown): EncodeMessage {
  const c = cls as { encode(m: unknown, w: unknown): unknown };
  return (wire, writer) => c.encode(wire, writer);
}

const PRESIZE_BINARY_BYTES = 16 * 1024;

/** codec.ts' driver.write before the table encoder: toWire, then protobufjs into a presized or scratch writer. */
function oldWrite(s: Subject, value: unknown, limits: Readonly<Limits>): Uint8Array {
  takeWireBinaryBytes();
  const wire = toWire(s.table, value, [], limits, 1);
  return (
    (takeWireBinaryBytes() >= PRESIZE_BINARY_BYTES ? encodePresized(s.encodeMessage, wire) : undefined) ??
    encodeScratch(s.encodeMessage, wire)
  );
}

type Outcome =
  | { ok: true; bytes: Uint8Array | undefined }
  | { ok: false; issue: unknown }
  | { ok: false; error: string };

function outcome(fn: () => Uint8Array | undefined): Outcome {
  try {
    return { ok: true, bytes: fn() };
  } catch (e) {
    if (e instanceof IssueSignal) return { ok: false, issue: e.issue };
    return { ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString("hex");

interface Stats {
  encoded: number;
  refused: number;
}

const newStats = (): Stats => ({ encoded: 0, refused: 0 });

/** ENCODE_STATS=1: how many values each test encoded, and how many both paths refused. */
function report(name: string, stats: Stats): void {
  if (process.env.ENCODE_STATS) console.log(`${name}: ${JSON.stringify(stats)}`);
}

/** Encodes `value` both ways and asserts the same bytes, or the same refusal. */
function agree(s: Subject, value: unknown, limits: Readonly<Limits>, stats?: Stats): void {
  const expected = outcome(() => oldWrite(s, value, limits));
  const actual = outcome(() => s.encoder(value, limits));
  if (!expected.ok) {
    if (stats) stats.refused++;
    expect(actual, `${s.name}: the old path refused, the encoder must refuse the same`).toEqual(expected);
    return;
  }
  if (!actual.ok)
    throw new Error(`${s.name}: the encoder refused what the old path encoded: ${JSON.stringify(actual)}`);
  const bytes = actual.bytes;
  if (bytes === undefined) throw new Error(`${s.name}: the encoder gave up on a value the old path encoded`);
  if (stats) stats.encoded++;
  if (hex(bytes) !== hex(expected.bytes as Uint8Array)) {
    throw new Error(
      `${s.name}: bytes differ\n  old ${hex(expected.bytes as Uint8Array).slice(0, 400)}\n  new ${hex(bytes).slice(0, 400)}`,
    );
  }
  // A plain Uint8Array that owns exactly its bytes, as the old path returns.
  expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
  expect(bytes.byteOffset).toBe(0);
  expect(bytes.buffer.byteLength).toBe(bytes.length);
}

// ---- subjects ----

const ROBOTICS = Object.keys(STATIC_CLASSES) as MessageName[];

const roboticsSubjects = ROBOTICS.map((m) =>
  subject(`robotics ${m}`, protobufDescriptor(m), staticEncode(STATIC_CLASSES[m])),
);

const richStatic = subject("Rich (static)", RichDescriptor, staticEncode(RichStatic));
const richReflection = subject("Rich (reflection)", RichType);
const nodeStatic = subject("Node (static)", NodeDescriptor, staticEncode(NodeStatic));
const nodeReflection = subject("Node (reflection)", NodeType);
const edge = subject("Edge", EdgeType);
const flat = subject("Flat", FlatType);

const fixtureSubjects: Subject[] = [
  richStatic,
  richReflection,
  nodeStatic,
  nodeReflection,
  subject("TimedAction (static)", TimedActionDescriptor, staticEncode(TimedActionStatic)),
  subject("TimedAction (reflection)", TimedActionType),
  subject("Kitchen (fuzz target)", KitchenType),
  edge,
  flat,
  subject("proto2 Plain", proto2Root.lookupType("safewire.encodetest2.Plain")),
  subject("editions M", editionsRoot.lookupType("safewire.encodeed.M")),
];

const LIMITS: Readonly<Limits> = { ...DEFAULT_LIMITS, maxDepth: 1000 };
/** Limits around the sizes of the random values: some cross them, some do not. */
const limitsArb: fc.Arbitrary<Readonly<Limits>> = fc.record({
  maxBytes: fc.constant(DEFAULT_LIMITS.maxBytes),
  maxStringBytes: fc.constant(DEFAULT_LIMITS.maxStringBytes),
  maxDepth: fc.integer({ min: 1, max: 9 }),
  maxArrayLength: fc.integer({ min: 1, max: 5 }),
  maxMapEntries: fc.integer({ min: 1, max: 4 }),
  maxBinaryBytes: fc.integer({ min: 1, max: 40 }),
});

// ---- random values, driven by the field tables ----

const I64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const U64 = { min: 0n, max: 2n ** 64n - 1n };
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

/** NaNs with payloads (read from raw bits): protobufjs writes their bits as the typed arrays keep them. */
function nanWithBits(bits: bigint): number {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setBigUint64(0, bits, true);
  return dv.getFloat64(0, true);
}
const ODD_NANS = [
  nanWithBits(0x7ff8000000000001n),
  nanWithBits(0xfff8000000000000n),
  nanWithBits(0x7ff4000020000123n),
];

const int32Arb = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 127, 128, 16384, -2147483648, 2147483647),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
);
const uint32Arb = fc.oneof(
  fc.constantFrom(0, -0, 127, 128, 2147483648, 4294967295),
  fc.nat({ max: 2 ** 32 - 1 }),
);
/** 64-bit fields take a bigint or a safe-integer number. */
const int64Arb = fc.oneof(
  fc.bigInt(I64),
  fc.constantFrom(
    0n,
    -1n,
    I64.min,
    I64.max,
    2n ** 53n + 1n,
    0,
    -0,
    -1,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
  ),
  fc.maxSafeInteger(),
);
const uint64Arb = fc.oneof(
  fc.bigInt(U64),
  fc.constantFrom(0n, U64.max, 2n ** 63n, 0, Number.MAX_SAFE_INTEGER),
  fc.maxSafeNat(),
);
const floatArb = fc.oneof(fc.float(), fc.constantFrom(0, -0, Number.NaN, ...ODD_NANS, Math.fround(0.1)));
const doubleArb = fc.oneof(fc.double(), fc.constantFrom(0, -0, Number.NaN, ...ODD_NANS, 1e-300));
const stringArb = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  fc.constantFrom(
    "",
    "é",
    "🤖",
    "grüße, 世界 🤖",
    "x".repeat(127),
    "y".repeat(200),
    "ü".repeat(70),
    "a\u0000b",
  ),
  fc.string({ unit: "grapheme", minLength: 50, maxLength: 90 }),
  fc.string({ unit: "binary", minLength: 60, maxLength: 140 }),
);
const bytesArb = fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ maxLength: 20 }) },
  fc.uint8Array({ maxLength: 20 }).map((b) => Buffer.from(b)),
  fc.uint8Array({ maxLength: 20 }).map((b) => {
    const big = new Uint8Array(b.length + 9);
    big.set(b, 4);
    return big.subarray(4, 4 + b.length);
  }),
  fc.constantFrom(127, 128, 300, 16383, 16384, 20_000).map((n) => new Uint8Array(n).fill(7)),
);

function scalarArb(vt: ValueType): fc.Arbitrary<unknown> {
  switch (vt.type) {
    case "enum":
      // A closed enum takes only the numbers it names: mostly those, now and then another (refused).
      if (vt.closed !== null)
        return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...vt.closed.values) }, int32Arb);
      return int32Arb;
    case "int32":
    case "sint32":
    case "sfixed32":
      return int32Arb;
    case "uint32":
    case "fixed32":
      return uint32Arb;
    case "int64":
    case "sint64":
    case "sfixed64":
      return int64Arb;
    case "uint64":
    case "fixed64":
      return uint64Arb;
    case "float":
      return floatArb;
    case "double":
      return doubleArb;
    case "bool":
      return fc.boolean();
    case "string":
      return stringArb;
    case "bytes":
      return bytesArb;
    default:
      throw new Error(`no arbitrary for ${vt.type}`);
  }
}

/** Record keys that spell a value of the key type canonically (as toWire wants them). */
function keyArb(vt: ValueType): fc.Arbitrary<string> {
  switch (vt.type) {
    case "string":
      return fc
        .oneof(fc.string({ unit: "binary", maxLength: 8 }), fc.constantFrom("0", "12", "toString", "", "🤖"))
        .filter((k) => !FORBIDDEN.has(k));
    case "bool":
      return fc.constantFrom("true", "false");
    case "int32":
    case "sint32":
    case "sfixed32":
      return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map(String);
    case "uint32":
    case "fixed32":
      return fc.nat({ max: 2 ** 32 - 1 }).map(String);
    case "uint64":
    case "fixed64":
      return fc.oneof(fc.bigInt(U64), fc.constantFrom(U64.max, 2n ** 63n, 0n)).map(String);
    default:
      return fc.oneof(fc.bigInt(I64), fc.constantFrom(I64.min, I64.max, -1n)).map(String);
  }
}

const absent = fc.constantFrom(undefined, null);

function fieldArb(f: FieldInfo, depth: number): fc.Arbitrary<unknown> {
  const vt = f.value;
  const one = (): fc.Arbitrary<unknown> =>
    vt.message !== null ? messageArb(vt.message, depth - 1) : scalarArb(vt);
  if (f.kind === F_MAP) {
    if (vt.message !== null && depth <= 0) return fc.constant({});
    return fc.dictionary(keyArb(f.key as ValueType), one(), { maxKeys: 3, noNullPrototype: true });
  }
  if (f.kind === F_REPEATED) {
    if (vt.message !== null && depth <= 0) return fc.constant([]);
    return fc.array(one(), { maxLength: 4 });
  }
  if (vt.message !== null) return depth <= 0 ? absent : fc.oneof({ weight: 2, arbitrary: absent }, one());
  // Implicit fields: their default (which protobufjs leaves out) often.
  const dflt = vt.plainDefault;
  if (!f.presence) return fc.oneof(fc.constant(dflt), absent, { weight: 3, arbitrary: one() });
  return fc.oneof({ weight: 2, arbitrary: absent }, one());
}

const arbCache = new Map<string, fc.Arbitrary<Record<string, unknown>>>();

/** Valid plain values of message `t`, at most `depth` levels of submessages deep. */
function messageArb(t: MessageTable, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const key = `${t.name}@${depth}`;
  const hit = arbCache.get(key);
  if (hit !== undefined) return hit;
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of t.fields) shape[f.name] = fieldArb(f, depth);
  const arb = fc.tuple(fc.record(shape), fc.nat()).map(([v, pick]) => {
    // At most one member of each oneof set: the one `pick` points at among those set.
    for (const oneof of t.oneofs) {
      const set = oneof.fields.filter((f) => v[f.name] !== undefined && v[f.name] !== null);
      const keep = set.length > 0 ? set[pick % set.length] : undefined;
      for (const f of set) if (f !== keep) delete v[f.name];
    }
    return v;
  });
  arbCache.set(key, arb);
  return arb;
}

/**
 * The same value, shaped differently: keys in another order, some fields inherited from a prototype or
 * own but not enumerable, an extra key holding undefined. toWire reads them all; protobufjs writes
 * inherited singular and map fields only when toWire made a copy.
 */
function reshaped(v: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(v);
  return fc
    .record({
      how: fc.constantFrom("same", "reversed", "inherited", "hidden", "extra-undefined", "extra-inherited"),
      mask: fc.array(fc.boolean(), { minLength: keys.length, maxLength: keys.length }),
    })
    .map(({ how, mask }) => {
      switch (how) {
        case "reversed":
          return Object.fromEntries(Object.entries(v).reverse());
        case "inherited": {
          const proto: Record<string, unknown> = {};
          const own: Record<string, unknown> = {};
          keys.forEach((k, i) => {
            if (mask[i]) proto[k] = v[k];
            else own[k] = v[k];
          });
          return Object.assign(Object.create(proto) as Record<string, unknown>, own);
        }
        case "hidden": {
          const out: Record<string, unknown> = {};
          keys.forEach((k, i) => {
            Object.defineProperty(out, k, { value: v[k], enumerable: !mask[i], writable: true });
          });
          return out;
        }
        case "extra-undefined":
          return { ...v, not_a_field: undefined };
        case "extra-inherited": // toWire looks at own keys only
          return Object.assign(Object.create({ not_a_field: 1 }) as Record<string, unknown>, v);
        default:
          return v;
      }
    });
}

// ---- invalid values: a valid value with one thing broken ----

const JUNK: readonly unknown[] = [
  null,
  undefined,
  0,
  -0,
  1,
  -1,
  1.5,
  0.1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53,
  -(2 ** 53),
  1n,
  -1n,
  2n ** 63n,
  2n ** 64n,
  -(2n ** 63n) - 1n,
  "",
  "x",
  "\ud800",
  "a\udc00b",
  "🤖".slice(0, 1),
  "12",
  true,
  false,
  [],
  [1],
  [null],
  {},
  { label: "x" },
  new Uint8Array(3),
  new Uint8Array(0),
  Buffer.from("ab"),
  new Date(0),
  new Map(),
  () => 1,
];

/** Record keys that are not canonical for some key type, or refused for all. */
const ODD_KEYS = [
  "01",
  "-0",
  "1.5",
  " 1",
  "1e3",
  "+1",
  "true ",
  "1",
  "-1",
  "2147483648",
  "-2147483649",
  "4294967296",
  "9223372036854775808",
  "-9223372036854775809",
  "18446744073709551616",
  "123456789012345678901234",
  "constructor",
  "prototype",
  "__proto__",
  "\ud800",
  "x",
];

/** Every message object in `v` (walked by the table), with its table. */
function messagesIn(t: MessageTable, v: unknown, out: [MessageTable, Record<string, unknown>][] = []) {
  if (typeof v !== "object" || v === null) return out;
  const o = v as Record<string, unknown>;
  out.push([t, o]);
  for (const f of t.fields) {
    const m = f.value.message;
    const x = o[f.name];
    if (m === null || x === undefined || x === null) continue;
    if (f.kind === F_MAP) for (const y of Object.values(x as object)) messagesIn(m, y, out);
    else if (f.kind === F_REPEATED) for (const y of x as unknown[]) messagesIn(m, y, out);
    else messagesIn(m, x, out);
  }
  return out;
}

/** Values just outside what a field of each type takes (and some of another type). */
function nearMisses(vt: ValueType): readonly unknown[] {
  switch (vt.type) {
    case "enum":
      // A closed enum: also a number it does not name.
      if (vt.closed !== null) return [2 ** 31, 1.5, "1", Math.max(...vt.closed.values) + 1];
      return [2 ** 31, -(2 ** 31) - 1, 1.5, Number.NaN, 1n, "1"];
    case "int32":
    case "sint32":
    case "sfixed32":
      return [2 ** 31, -(2 ** 31) - 1, 1.5, Number.NaN, 1n, "1"];
    case "uint32":
    case "fixed32":
      return [-1, 2 ** 32, 0.5, Number.POSITIVE_INFINITY];
    case "int64":
    case "sint64":
    case "sfixed64":
      return [2n ** 63n, -(2n ** 63n) - 1n, 2 ** 53, -(2 ** 53), 1.5, "1"];
    case "uint64":
    case "fixed64":
      return [-1n, 2n ** 64n, -1, 2 ** 53];
    case "float":
      return [0.1, 1e40, 2 ** -150, 16777217, "1"];
    case "double":
      return ["1", 1n, true];
    case "bool":
      return [0, 1, "true", null];
    case "string":
      return ["\ud800", "ok\udfff", 1, new Uint8Array(1)];
    case "bytes":
      return [[1, 2], "ab", new Uint8Array(41), new ArrayBuffer(2)];
    default:
      return [[], new Uint8Array(0), new Uint8Array(1), "x", 1, true, { not_a_field: 1 }];
  }
}

interface Breakage {
  node: number;
  field: number;
  kind: number;
  junk: number;
  key: number;
}

const breakageArb: fc.Arbitrary<Breakage> = fc.record({
  node: fc.nat(),
  field: fc.nat(),
  kind: fc.nat({ max: 7 }),
  junk: fc.nat({ max: JUNK.length - 1 }),
  key: fc.nat({ max: ODD_KEYS.length - 1 }),
});

/** Breaks `v` (mutated in place: a fresh value from the arbitrary each time) in one place. */
function broken(t: MessageTable, v: Record<string, unknown>, b: Breakage): Record<string, unknown> {
  const nodes = messagesIn(t, v);
  const [mt, o] = nodes[b.node % nodes.length] as [MessageTable, Record<string, unknown>];
  const junk = JUNK[b.junk];
  if (mt.fields.length === 0 || b.kind === 0) {
    o[b.field % 2 === 0 ? "not_a_field" : "$unknowns"] = junk ?? 1;
    return v;
  }
  const f = mt.fields[b.field % mt.fields.length] as FieldInfo;
  switch (b.kind) {
    case 1: // a wrong value for the field
      o[f.name] = junk;
      break;
    case 2: // a wrong element or map value
      if (f.kind === F_REPEATED) o[f.name] = [...((o[f.name] as unknown[]) ?? []), junk];
      else if (f.kind === F_MAP) o[f.name] = { ...((o[f.name] as object) ?? {}), k1: junk };
      else o[f.name] = junk;
      break;
    case 3: // an odd map key (with a valid value where there is one to copy)
      if (f.kind === F_MAP) {
        const rec = { ...((o[f.name] as Record<string, unknown>) ?? {}) };
        const val = Object.values(rec)[0] ?? junk;
        const k = ODD_KEYS[b.key] as string;
        Object.defineProperty(rec, k, { value: val, enumerable: true, writable: true, configurable: true });
        o[f.name] = rec;
      } else o[f.name] = junk;
      break;
    case 4: {
      // two oneof members set
      const oneof = mt.oneofs[0];
      if (oneof !== undefined) {
        for (const m of oneof.fields) {
          if (o[m.name] === undefined || o[m.name] === null) {
            o[m.name] = m.value.message !== null ? {} : m.value.plainDefault;
          }
        }
      } else o[f.name] = junk;
      break;
    }
    case 6:
    case 7: {
      // a value just outside the field's type, as the field, an element or a map value
      const misses = nearMisses(f.value);
      const miss = misses[b.junk % misses.length];
      if (f.kind === F_REPEATED) o[f.name] = [...((o[f.name] as unknown[]) ?? []), miss];
      else if (f.kind === F_MAP) o[f.name] = { ...((o[f.name] as object) ?? {}), "1": miss };
      else o[f.name] = miss;
      break;
    }
    default: // a string with a lone surrogate, wherever a string goes
      o[f.name] = f.value.type === "string" && f.kind === F_REPEATED ? ["ok", "\udc00"] : "\ud83e";
  }
  return v;
}

// ---- the differential tests ----

describe("which messages the table encoder takes", () => {
  test("robotics messages and the test schemas: all of them", () => {
    for (const s of [...roboticsSubjects, ...fixtureSubjects])
      expect(s.encoder, s.name).toBeTypeOf("function");
  });

  test("groups and required fields (proto2, editions): none, so the caller keeps protobufjs", () => {
    const types = [
      ...["WithGroup", "WithRequired", "HoldsGroup"].map((n) =>
        proto2Root.lookupType(`safewire.encodetest2.${n}`),
      ),
      ...["Delimited", "Required"].map((n) => editionsRoot.lookupType(`safewire.encodeed.${n}`)),
    ];
    for (const type of types) expect(compileEncoder(compileTables(type), type), type.name).toBeUndefined();
  });

  test("compiled once per table", () => {
    const type = protobufDescriptor("Observation");
    const table = compileTables(type);
    expect(compileEncoder(table, type)).toBe(compileEncoder(table, type));
  });
});

describe.each([
  ["short strings sized as ASCII first, exactly for a while after a miss", { ...shortStrings }],
  ["short strings always sized as ASCII first", { ...shortStrings, exactAfterRetry: 0 }],
  ["every string measured", { ...shortStrings, assumeAscii: false }],
])("differential: table encoder vs toWire + protobufjs (%s)", (_how, how) => {
  const before = { ...shortStrings };
  beforeAll(() => {
    Object.assign(shortStrings, how);
  });
  afterAll(() => {
    Object.assign(shortStrings, before);
  });
  for (const nonFinite of [false, true]) {
    const arbs = arbitraries.all({ allowNonFinite: nonFinite });
    for (const s of roboticsSubjects) {
      const m = s.name.replace("robotics ", "") as MessageName;
      const limits = limitsFor(m);
      test.prop([arbs[m] as fc.Arbitrary<unknown>], { numRuns: RUNS })(
        `${s.name}${nonFinite ? " (non-finite)" : ""}: random valid values`,
        (value) => agree(s, value, limits),
      );
    }
  }

  test("robotics: the bytes are the codec's own (its encode also prescans them)", () => {
    const arbs = arbitraries.all({ allowNonFinite: true });
    for (const s of roboticsSubjects) {
      const m = s.name.replace("robotics ", "") as MessageName;
      const c = roboticsCodec(m, "protobuf", { allowNonFinite: true });
      fc.assert(
        fc.property(arbs[m] as fc.Arbitrary<never>, (value) => {
          expect(hex(s.encoder(value, c.limits) as Uint8Array)).toBe(hex(c.encode(value)));
        }),
        { numRuns: Math.ceil(RUNS / 4) },
      );
    }
  });

  for (const s of roboticsSubjects) {
    test(`${s.name}: broken values (wrong types, unknown keys, odd map keys, limits)`, () => {
      const m = s.name.replace("robotics ", "") as MessageName;
      const arb = arbitraries.all({ allowNonFinite: true })[m] as unknown as fc.Arbitrary<
        Record<string, unknown>
      >;
      const stats = newStats();
      fc.assert(
        fc.property(arb, breakageArb, fc.option(limitsArb, { nil: undefined }), (value, b, limits) => {
          agree(s, broken(s.table, value, b), limits ?? limitsFor(m), stats);
        }),
        { numRuns: RUNS },
      );
      report(s.name, stats);
    });
  }

  for (const s of fixtureSubjects) {
    describe(s.name, () => {
      const arb = messageArb(s.table, 3);

      test.prop([arb.chain(reshaped)], { numRuns: RUNS })(
        "random valid values (and reshaped ones)",
        (value) => agree(s, value, LIMITS),
      );

      test("random values under small limits (depth, array length, map entries, binary size)", () => {
        const stats = newStats();
        fc.assert(
          fc.property(arb, limitsArb, (value, limits) => agree(s, value, limits, stats)),
          { numRuns: RUNS },
        );
        report(`${s.name} tight`, stats);
      });

      test("broken values: wrong types, out of range, unknown keys, odd map keys, oneof conflicts", () => {
        const stats = newStats();
        fc.assert(
          fc.property(arb, breakageArb, (value, b) => agree(s, broken(s.table, value, b), LIMITS, stats)),
          { numRuns: RUNS },
        );
        report(`${s.name} broken`, stats);
      });
    });
  }
});

describe("every field, every near miss, everywhere it can go", () => {
  // Random breakage reaches each field and value only now and then: here each is tried in turn, as the
  // field itself, as an element of a repeated field and as a map value, in every message of a few values.
  for (const s of [...roboticsSubjects, ...fixtureSubjects]) {
    test(s.name, () => {
      const m = s.name.replace("robotics ", "") as MessageName;
      const robotic = s.name.startsWith("robotics ");
      const arb = robotic
        ? (arbitraries.all({ maxElements: 4 })[m] as unknown as fc.Arbitrary<Record<string, unknown>>)
        : messageArb(s.table, 2);
      const limits = robotic ? limitsFor(m) : LIMITS;
      const values = [{}, ...fc.sample(arb, { numRuns: 3, seed: 42 })];
      for (const value of values) {
        agree(s, value, limits);
        for (const [t, o] of messagesIn(s.table, value).slice(0, 12)) {
          for (const f of t.fields) {
            const saved = Object.getOwnPropertyDescriptor(o, f.name);
            for (const miss of nearMisses(f.value)) {
              o[f.name] = miss;
              agree(s, value, limits);
              if (f.kind === F_REPEATED) o[f.name] = [miss];
              else if (f.kind === F_MAP) o[f.name] = { "1": miss };
              else continue;
              agree(s, value, limits);
            }
            if (saved) Object.defineProperty(o, f.name, saved);
            else delete o[f.name];
          }
        }
      }
    });
  }
});

// ---- cases pinned down ----

function nested(depth: number): NodeValue {
  let node: NodeValue = { value: 1, children: [], named: {} };
  for (let d = 0; d < depth; d++) {
    node =
      d % 3 === 0
        ? { value: d, child: node, children: [], named: {} }
        : { value: d, children: [node], named: {} };
    if (d % 5 === 0) node = { value: d === 0 ? 0 : -d, children: [], named: { k: node } };
  }
  return node;
}

describe("cases pinned down", () => {
  test("Rich: full, empty, and with lengths across every varint width (static and reflection)", () => {
    const limits = { ...LIMITS, maxBytes: 1 << 26, maxBinaryBytes: 1 << 26 };
    for (const s of [richStatic, richReflection]) {
      for (const v of richValues()) agree(s, v, limits);
    }
  });

  test("nesting past protobufjs' recursion limit: both throw its error, after toWire's checks", () => {
    const limits = { ...LIMITS, maxDepth: 100_000 };
    const chain = (n: number, via: "child" | "children" | "named"): NodeValue => {
      let node: NodeValue = { value: 1, children: [], named: {} };
      for (let i = 0; i < n; i++) {
        if (via === "child") node = { value: 0, child: node, children: [], named: {} };
        else if (via === "children") node = { value: 0, children: [node], named: {} };
        else node = { value: 0, children: [], named: { k: node } };
      }
      return node;
    };
    for (const s of [nodeStatic, nodeReflection]) {
      for (const depth of [20, 60, 99, 100, 101, 150]) agree(s, nested(depth), limits);
      // The deepest message at nesting 100 is written, at 101 refused, whichever way it is nested.
      for (const via of ["child", "children", "named"] as const) {
        expect(outcome(() => s.encoder(chain(100, via), limits)).ok).toBe(true);
        expect(outcome(() => s.encoder(chain(101, via), limits))).toEqual({
          ok: false,
          error: "Error: max depth exceeded",
        });
        for (const n of [100, 101]) agree(s, chain(n, via), limits);
      }
      const e = outcome(() => s.encoder(nested(150), limits));
      expect(e).toEqual({ ok: false, error: "Error: max depth exceeded" });
      // A refusal toWire makes deeper down still wins over protobufjs' limit.
      const bad = nested(150) as unknown as Record<string, unknown>;
      bad.value = 1.5;
      agree(s, bad, limits);
      expect(outcome(() => s.encoder(bad, limits))).toMatchObject({ ok: false, issue: { path: ["value"] } });
    }
  });

  test("fields declared out of number order are written in number order", () => {
    const v = {
      next: { far: "z", shifted: 2 },
      shifted: 2,
      far: "x",
      far_list: [1n, -1n],
      leaf: { s: -3n, kids: {} },
    };
    agree(edge, v, LIMITS);
    const bytes = edge.encoder(v, LIMITS) as Uint8Array;
    expect(bytes[0]).toBe(0x08); // field 1 first, though `next` (27) is declared first
  });

  test("an enum whose type default is not 0: protobufjs leaves out that value and writes 0", () => {
    agree(edge, { shifted: 1 }, LIMITS);
    agree(edge, { shifted: 0 }, LIMITS);
    expect(hex(edge.encoder({ shifted: 1 }, LIMITS) as Uint8Array)).toBe("");
    expect(hex(edge.encoder({ shifted: 0 }, LIMITS) as Uint8Array)).toBe("0800");
  });

  test("NaNs keep their bits; -0 is written where presence is implicit", () => {
    for (const x of [...ODD_NANS, -0, Number.NaN, Number.NEGATIVE_INFINITY]) {
      agree(edge, { f: Math.fround(x), pick_num: x, f64s: [x], f32s: Array(20).fill(x), opt_f64: x }, LIMITS);
      agree(edge, { f32s: [x, x], f64s: Array(17).fill(x) }, LIMITS);
    }
  });

  test("a table toWire does not copy: inherited singular fields are left out, inherited repeated ones written", () => {
    const proto = { name: "inherited", n: 5, dims: [1, 2], tags: ["t"], blob: new Uint8Array([1]) };
    const v = Object.assign(Object.create(proto) as object, { x: 1.5 });
    agree(flat, v, LIMITS);
    // Checked all the same: a bad inherited value is refused.
    agree(flat, Object.create({ n: 1.5 }), LIMITS);
  });

  test("an own $unknowns (which protobufjs writes raw, bytes no check has seen) is refused, enumerable or not", () => {
    for (const s of [flat, edge]) {
      for (const enumerable of [false, true]) {
        const v: Record<string, unknown> = {};
        Object.defineProperty(v, "$unknowns", { value: [new Uint8Array([0x08, 0x01])], enumerable });
        agree(s, v, LIMITS);
        expect(outcome(() => s.encoder(v, LIMITS))).toMatchObject({
          ok: false,
          issue: { code: "schema_violation", path: ["$unknowns"] },
        });
      }
      // A non-enumerable null is no bytes: nothing to refuse.
      const empty = Object.defineProperty({}, "$unknowns", { value: null });
      agree(s, empty, LIMITS);
      expect(outcome(() => s.encoder(empty, LIMITS)).ok).toBe(true);
    }
    // Through a codec: n = 1 and raw bytes setting n to 5 again would decode as { n: 5 }.
    const codec = protobufCodec({ type: FlatType, schema: z.object({ n: z.number() }) });
    const v = Object.defineProperty({ n: 1 }, "$unknowns", { value: [Uint8Array.of(0x08, 0x05)] });
    const r = codec.safeEncode(v);
    expect(r.ok ? "sent" : `${r.error.code} ${r.error.path.join(".")}`).toBe("schema_violation $unknowns");
  });

  test("map keys: every key type, canonical spellings only, forbidden names refused", () => {
    const cases: Record<string, unknown>[] = [
      { by_u64: { "18446744073709551615": 1n, "9223372036854775808": -1n, "0": 0n } },
      { by_s64: { "-9223372036854775808": {}, "9223372036854775807": { s: 1n } } },
      { by_fx: { "18446744073709551615": 2, "1": 1 } },
      { by_i32: { "-1": new Uint8Array(0), "2147483647": new Uint8Array([1]) } },
      { by_sfx32: { "-2147483648": 0, "7": Math.fround(1.1) } },
      { by_s32: { "-5": 0, "5": 4294967295 } },
      { by_fx32: { "4294967295": -0 } },
      { by_bool: { true: "", false: "f" } },
      { by_name: { "": 0n, "🤖": -1n } },
      { by_u32: { "0": {}, "4294967295": {} } },
      { by_i64: { "-1": "minus", "9007199254740993": "big" } },
      { by_i32: { "01": new Uint8Array(0) } },
      { by_i32: { "-0": new Uint8Array(0) } },
      { by_u32: { "-1": {} } },
      // One past the largest uint32 and int32 keys, in both encoders (wrapped, they would send 0 or -2^31).
      { by_u32: { "4294967296": {} } },
      { by_fx32: { "4294967296": 1 } },
      { by_i32: { "2147483648": new Uint8Array(0) } },
      { by_sfx32: { "-2147483649": 0 } },
      { by_bool: { "1": "x" } },
      { by_i64: { "9223372036854775808": "x" } },
      { by_u64: { "18446744073709551616": 1n } },
      { by_name: { constructor: 1n } },
      { by_name: JSON.parse('{"__proto__": 1}') },
      { by_name: { "\ud800": 1n } },
      { by_name: { a: null } },
    ];
    for (const v of cases) agree(edge, v, LIMITS);
  });

  test("short strings sized as ASCII: one that is not starts the encode over, measured; a lone surrogate is refused", () => {
    const before = { ...shortStrings };
    try {
      for (const exactAfterRetry of [0, 256]) {
        Object.assign(shortStrings, { assumeAscii: true, exactAfterRetry });
        for (const name of ["hello", "héllo", "日本", "🤖", `${"a".repeat(48)}é`, "é".repeat(60)]) {
          agree(flat, { name }, LIMITS);
          agree(flat, { name, tags: ["x", name, "y"] }, LIMITS);
        }
        expect(hex(flat.encoder({ name: "héllo" }, LIMITS) as Uint8Array)).toBe("1a0668c3a96c6c6f");
        // U+0080 is the first character that is not ASCII (two bytes of UTF-8); U+007F the last that is.
        expect(hex(flat.encoder({ name: "\u0080" }, LIMITS) as Uint8Array)).toBe("1a02c280");
        expect(hex(flat.encoder({ name: "\u007f" }, LIMITS) as Uint8Array)).toBe("1a017f");
        for (const name of ["\ud800", "ok\udfff", "a\udc00b"]) agree(flat, { name }, LIMITS);
        agree(edge, { by_name: { "\ud800": 1n } }, LIMITS);
        agree(edge, { by_name: { é: 1n, a: 2n } }, LIMITS);
      }
    } finally {
      Object.assign(shortStrings, before);
    }
  });

  test("an encode that re-enters (a getter encoding another value) gets its own records", () => {
    const inner = { name: "inner", dims: [1, 2, 3] };
    let innerBytes: Uint8Array | undefined;
    const v = {
      n: 7,
      get name() {
        innerBytes = flat.encoder(inner, LIMITS);
        return "outer";
      },
      tags: ["a", "b"],
    };
    agree(flat, v, LIMITS);
    expect(hex(flat.encoder(v, LIMITS) as Uint8Array)).toBe(hex(oldWrite(flat, v, LIMITS)));
    expect(hex(innerBytes as Uint8Array)).toBe(hex(oldWrite(flat, inner, LIMITS)));
  });

  test("a value that changes between the passes: the encoder gives up rather than write wrong bytes", () => {
    // Fields are read once (the size pass keeps them for the write pass)...
    let calls = 0;
    const v = {
      get tags() {
        calls++;
        return ["a"];
      },
    };
    expect(hex(flat.encoder(v, LIMITS) as Uint8Array)).toBe("420161");
    expect(calls).toBe(1);
    // ...but elements are read in both: an array that grows as it is read is left to protobufjs.
    for (const extra of ["c", "c".repeat(200)]) {
      const grow = {
        tags: new Proxy(["a", "b"], {
          get(target, p, r) {
            if (p === "1") target.push(extra);
            return Reflect.get(target, p, r);
          },
        }),
      };
      expect(flat.encoder(grow, LIMITS)).toBeUndefined();
    }
    const dims = [1, 2];
    const scaled = {
      dims: new Proxy(dims, {
        get(target, p, r) {
          if (p === "0") target[0] = (target[0] as number) * 1000;
          return Reflect.get(target, p, r);
        },
      }),
    };
    expect(flat.encoder(scaled, LIMITS)).toBeUndefined();
  });

  test("the write stage of the robotics fixtures (big binaries included) matches", async () => {
    const { makeValue, CASE_NAMES } = await import("../bench/fixtures.js");
    for (const c of CASE_NAMES) {
      const s = roboticsSubjects.find((x) => x.name === `robotics ${c}`) as Subject;
      agree(s, makeValue(c), limitsFor(c));
    }
  });
});
