// The table reader (src/formats/protobuf/read.ts) against the path it replaces: protobufjs' decode
// followed by normalise.ts (toPlain / finishDirect), as `protobufDriver(options, false)` still runs it.
// Both drivers prescan the same bytes; where the prescan accepts, the two reads must agree exactly:
// same keys in the same order, same prototypes, bigint vs number, Object.is on numbers (-0, NaN), the
// same Uint8Array views (same buffer, offset and length; the shared frozen empty one where the old
// path has it), and where the old path throws, the new one throws the same error.
// READ_RUNS=5000 npx vitest run test/protobuf-read: more random inputs than the default.
import { fc, test } from "@fast-check/vitest";
import protobuf from "protobufjs";
import { describe, expect } from "vitest";
import { z } from "zod";
import { KITCHEN_PROTO } from "../fuzz/targets/protobuf.js";
import {
  type ProtobufCodecOptions,
  type ProtobufDriverParts,
  protobufCodec,
  protobufDriver,
} from "../src/formats/protobuf/codec.js";
import { asView } from "../src/formats/protobuf/normalise.js";
import { compileReader } from "../src/formats/protobuf/read.js";
import {
  compileTables,
  EMPTY_BYTES,
  F_MAP,
  F_REPEATED,
  type FieldInfo,
  type MessageTable,
  type ValueType,
} from "../src/formats/protobuf/tables.js";
import { DEFAULT_LIMITS, type Limits } from "../src/index.js";
import {
  limitsFor,
  type MessageName,
  messageSchemas,
  codec as roboticsCodec,
} from "../src/robotics/index.js";
import { protobufDescriptor, STATIC_CLASSES } from "../src/robotics/protobuf.js";
import { arbitraries, hostile, mutated } from "../src/testing/index.js";
import {
  emptyRich,
  fullRich,
  NodeDescriptor,
  NodeStatic,
  NodeType,
  RichDescriptor,
  RichStatic,
  RichType,
  TimedActionDescriptor,
  TimedActionStatic,
  TimedActionType,
} from "./fixtures/protobuf/rich.js";

const RUNS = Number(process.env.READ_RUNS ?? 300);

// ---- extra schemas: what the fixtures do not reach ----

/** proto3 corners: an enum whose first value is not 0, every 64-bit map key, sparse and maximal field numbers, an empty message. */
const EDGE_PROTO = `
syntax = "proto3";
package safewire.readtest;
enum Shifted { SHIFTED_ONE = 1; SHIFTED_ZERO = 0; SHIFTED_TWO = 2; }
message Empty {}
message Leaf {
  sint64 s = 1; map<sfixed64, Leaf> kids = 2; optional bytes maybe = 3; bytes blob = 4; repeated bytes blobs = 5;
}
message Edge {
  Shifted shifted = 1; repeated Shifted shifts = 2; map<fixed64, Shifted> by_fx = 3; map<sint64, Leaf> by_s64 = 4;
  map<uint64, int64> by_u64 = 5; map<int32, bytes> by_i32 = 6; map<bool, string> by_bool = 7;
  map<string, sfixed64> by_name = 8; map<sfixed32, float> by_sfx32 = 9; map<uint32, Empty> by_u32 = 10;
  Empty empty = 11; Leaf leaf = 12; optional string opt_text = 13; optional bytes opt_blob = 14;
  optional Shifted opt_enum = 15;
  oneof pick { Leaf pick_leaf = 16; bytes pick_blob = 17; double pick_num = 18; Empty pick_empty = 19; }
  repeated Leaf leaves = 20; repeated sint32 s32s = 21; repeated fixed32 fx32s = 22; repeated sfixed64 sfx64s = 23;
  repeated uint64 u64s = 24; repeated bool flags = 25; float f = 26; Edge next = 27;
  map<int64, string> by_i64 = 28; map<string, bytes> blobs_by_name = 29;
  string far = 5000; repeated int64 far_list = 536870911;
}`;

/** proto2: plain optional fields are read by the table reader; groups, required, defaults and closed enums are not. */
const PROTO2 = `
syntax = "proto2";
package safewire.readtest2;
enum Closed { CLOSED_A = 0; CLOSED_B = 1; }
message Plain { optional int32 x = 1; optional string s = 2; repeated int32 r = 3; optional bytes b = 4; optional Plain p = 5; }
message WithGroup { optional group G = 1 { optional int32 x = 2; } }
message WithRequired { required int32 x = 1; }
message WithDefault { optional int32 x = 1 [default = 5]; }
message WithClosed { optional Closed c = 1; }
message Outer { optional Plain plain = 1; optional WithDefault inner = 2; }
`;

const edgeRoot = protobuf.parse(EDGE_PROTO, { keepCase: true }).root;
const EdgeType = edgeRoot.lookupType("safewire.readtest.Edge");
const proto2Root = protobuf.parse(PROTO2, { keepCase: true }).root;
const KitchenType = protobuf
  .parse(KITCHEN_PROTO, { keepCase: true })
  .root.lookupType("safewire.fuzz.Kitchen");

// ---- the two drivers ----

const LIMITS: Limits = { ...DEFAULT_LIMITS, maxDepth: 1000 };

interface Pair {
  readonly name: string;
  readonly old: ProtobufDriverParts;
  readonly fresh: ProtobufDriverParts;
  readonly table: MessageTable;
}

function pair(name: string, options: ProtobufCodecOptions<unknown>): Pair {
  const old = protobufDriver(options, false);
  const fresh = protobufDriver(options, true);
  return { name, old, fresh, table: fresh.table };
}

const anySchema = z.unknown();
const ROBOTICS = Object.keys(STATIC_CLASSES) as MessageName[];

const roboticsPairs = ROBOTICS.map((m) =>
  pair(`robotics ${m}`, {
    type: STATIC_CLASSES[m],
    descriptor: protobufDescriptor(m),
    schema: messageSchemas({ allowNonFinite: true })[m] as z.ZodType<unknown>,
    limits: limitsFor(m),
  }),
);

const fixturePairs = [
  pair("Rich (reflection)", { type: RichType, schema: anySchema, limits: LIMITS }),
  pair("Rich (static)", { type: RichStatic, descriptor: RichDescriptor, schema: anySchema, limits: LIMITS }),
  pair("Node (reflection)", { type: NodeType, schema: anySchema, limits: LIMITS }),
  pair("Node (static)", { type: NodeStatic, descriptor: NodeDescriptor, schema: anySchema, limits: LIMITS }),
  pair("TimedAction (reflection)", { type: TimedActionType, schema: anySchema, limits: LIMITS }),
  pair("TimedAction (static)", {
    type: TimedActionStatic,
    descriptor: TimedActionDescriptor,
    schema: anySchema,
    limits: LIMITS,
  }),
  pair("Kitchen (fuzz target)", { type: KitchenType, schema: anySchema, limits: LIMITS }),
  pair("Edge", { type: EdgeType, schema: anySchema, limits: LIMITS }),
  pair("proto2 Plain", {
    type: proto2Root.lookupType("safewire.readtest2.Plain"),
    schema: anySchema,
    limits: LIMITS,
  }),
];

// ---- strict equality ----

/** Where `a` and `b` differ, strictly (see the header), or undefined. */
function strictDiff(a: unknown, b: unknown, path = "$"): string | undefined {
  if (typeof a !== typeof b) return `${path}: ${typeof a} vs ${typeof b}`;
  if (typeof a === "number") return Object.is(a, b) ? undefined : `${path}: ${a} vs ${String(b)}`;
  if (typeof a !== "object" || a === null || b === null) {
    return a === b ? undefined : `${path}: ${String(a)} vs ${String(b)}`;
  }
  const x = a as object;
  const y = b as object;
  if (Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) return `${path}: prototypes differ`;
  if (Object.isFrozen(x) !== Object.isFrozen(y)) return `${path}: frozen vs not`;
  if (x instanceof Uint8Array) {
    const v = y as Uint8Array;
    // Same memory: the same bytes, and the same sharing of the input.
    if (x.buffer !== v.buffer || x.byteOffset !== v.byteOffset || x.length !== v.length) {
      return `${path}: views differ (${x.byteOffset}+${x.length} vs ${v.byteOffset}+${v.length})`;
    }
    return undefined;
  }
  // Key order aside: the reader rebuilds a message with presence fields in declaration order (protobufjs
  // appends those fields in the order it first sets them); map keys keep wire order on both paths (the
  // pinned map tests below check that order).
  const ka = Reflect.ownKeys(x).map(String).sort();
  const kb = Reflect.ownKeys(y).map(String).sort();
  if (ka.join("\u0000") !== kb.join("\u0000")) return `${path}: keys [${ka}] vs [${kb}]`;
  for (const k of ka) {
    const da = Object.getOwnPropertyDescriptor(x, k) as PropertyDescriptor;
    const db = Object.getOwnPropertyDescriptor(y, k) as PropertyDescriptor;
    if (da.enumerable !== db.enumerable || da.writable !== db.writable || "get" in da || "get" in db) {
      return `${path}.${k}: property attributes differ`;
    }
    const d = strictDiff(da.value, db.value, `${path}.${k}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

/** Every Uint8Array in `v` is a view of `input`'s memory (or the shared empty one). */
function viewsOf(v: unknown, input: Uint8Array): boolean {
  if (v instanceof Uint8Array) {
    if (v === EMPTY_BYTES) return true;
    return (
      Object.getPrototypeOf(v) === Uint8Array.prototype &&
      v.buffer === input.buffer &&
      v.byteOffset >= input.byteOffset &&
      v.byteOffset + v.length <= input.byteOffset + input.length
    );
  }
  if (typeof v !== "object" || v === null) return true;
  return Object.values(v).every((x) => viewsOf(x, input));
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

function outcome(fn: () => unknown): Outcome {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

interface Stats {
  refused: number;
  compared: number;
  readerGaveUp: number;
  oldThrew: number;
  /** Checked reads (no prescan) that returned a value, and those that gave up on bytes the prescan accepts. */
  checkedRead: number;
  checkedGaveUp: number;
}

const newStats = (): Stats => ({
  refused: 0,
  compared: 0,
  readerGaveUp: 0,
  oldThrew: 0,
  checkedRead: 0,
  checkedGaveUp: 0,
});

/** Limits tight enough that random and mutated messages break each of them now and then. */
const TIGHT: readonly Partial<Limits>[] = [
  { maxDepth: 3, maxStringBytes: 8, maxBinaryBytes: 8, maxArrayLength: 3, maxMapEntries: 2 },
  { maxDepth: 5, maxStringBytes: 2, maxBinaryBytes: 1, maxArrayLength: 1, maxMapEntries: 1 },
  { maxDepth: 2 },
];

/**
 * The checked read (the reader with limits, no prescan) under `limits`: it never throws, and when it
 * returns a value the prescan accepts the bytes under the same limits and the read after that prescan
 * returns the same value.
 */
function checkedAgrees(p: Pair, bytes: Uint8Array, limits: Readonly<Limits>, stats: Stats): void {
  const reader = p.fresh.reader;
  if (reader === undefined) return;
  const checked = outcome(() => reader(bytes, limits));
  if (!checked.ok) throw new Error(`${p.name}: the checked read threw ${checked.error}`);
  const scan = outcome(() => p.fresh.driver.prescan(bytes, limits));
  if (checked.value === undefined) {
    if (scan.ok) stats.checkedGaveUp++;
    return;
  }
  if (!scan.ok)
    throw new Error(`${p.name}: the checked read accepted what the prescan refuses: ${scan.error}`);
  stats.checkedRead++;
  const after = outcome(() => reader(asView(bytes)));
  if (!after.ok || after.value === undefined)
    throw new Error(`${p.name}: the checked read decoded what the reader after the prescan does not`);
  const d = strictDiff(after.value, checked.value);
  if (d !== undefined) throw new Error(`${p.name} (checked read): ${d}`);
}

/** READ_STATS=1: how many inputs each test compared (the rest the prescan refused). */
function report(name: string, stats: Stats): void {
  if (process.env.READ_STATS) console.log(`${name}: ${JSON.stringify(stats)}`);
}

/**
 * Prescans and reads `bytes` with both drivers and asserts they agree. Also runs the reader alone,
 * which must give the same value or give up (return undefined).
 */
function agree(p: Pair, bytes: Uint8Array, stats: Stats): void {
  checkedAgrees(p, bytes, p.fresh.limits, stats);
  for (const tight of TIGHT) checkedAgrees(p, bytes, { ...p.fresh.limits, ...tight }, stats);
  const scan = outcome(() => p.old.driver.prescan(bytes, p.old.limits));
  if (!scan.ok) {
    stats.refused++;
    return;
  }
  const expected = outcome(() => p.old.driver.read(bytes));
  p.fresh.driver.prescan(bytes, p.fresh.limits);
  const actual = outcome(() => p.fresh.driver.read(bytes));
  stats.compared++;
  if (!expected.ok) {
    stats.oldThrew++;
    expect(actual, `${p.name}: the old path threw, the new one must too`).toEqual(expected);
  } else {
    if (!actual.ok) throw new Error(`${p.name}: the new path threw ${actual.error}`);
    const d = strictDiff(expected.value, actual.value);
    if (d !== undefined) throw new Error(`${p.name}: ${d}`);
    expect(viewsOf(actual.value, bytes), `${p.name}: bytes are views of the input`).toBe(true);
  }
  if (p.fresh.reader !== undefined) {
    // The reader alone, right after a prescan of the same bytes (as the driver calls it).
    p.fresh.driver.prescan(bytes, p.fresh.limits);
    const direct = outcome(() => (p.fresh.reader as (b: Uint8Array) => unknown)(asView(bytes)));
    if (!direct.ok) throw new Error(`${p.name}: the reader threw ${direct.error}`);
    if (direct.value === undefined) stats.readerGaveUp++;
    else if (expected.ok) {
      const d = strictDiff(expected.value, direct.value);
      if (d !== undefined) throw new Error(`${p.name} (reader alone): ${d}`);
    } else throw new Error(`${p.name}: the reader decoded what protobufjs refused (${expected.error})`);
  }
}

/** The same bytes as a plain Uint8Array, a pooled Buffer, or a view at an offset into a larger buffer. */
const placed = (bytes: Uint8Array) =>
  fc.constantFrom(0, 1, 2).map((how): Uint8Array => {
    if (how === 1) return Buffer.from(bytes);
    if (how === 2) {
      const big = new Uint8Array(bytes.length + 7);
      big.set(bytes, 3);
      return big.subarray(3, 3 + bytes.length);
    }
    return bytes.slice();
  });

// ---- random wire bytes, driven by the field tables ----

/** xorshift32, seeded by fast-check: the bytes are a function of the seed. */
class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let s = this.s;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    this.s = s >>> 0;
    return this.s / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
  u32(): number {
    return (this.next() * 4294967296) >>> 0;
  }
}

const STRINGS = [
  "",
  "a",
  "float32",
  "shoulder_pan.pos",
  "\uFEFFbom",
  "grüße, 世界 🤖",
  "x".repeat(33),
  "é".repeat(40),
  "0",
  "-1",
  "true",
  "12345678",
  "toString",
  "hasOwnProperty",
];

function pushVarint(out: number[], lo: number, hi: number, pad: number): void {
  // The minimal encoding, then `pad` extra bytes of zeros (an overlong encoding), at most 10 in all.
  const bytes: number[] = [];
  let l = lo >>> 0;
  let h = hi >>> 0;
  do {
    const b = l & 0x7f;
    l = ((l >>> 7) | (h << 25)) >>> 0;
    h >>>= 7;
    bytes.push(b);
  } while (l !== 0 || h !== 0);
  const n = Math.min(10, bytes.length + pad);
  while (bytes.length < n) bytes.push(0);
  for (let i = 0; i < bytes.length; i++)
    out.push(i < bytes.length - 1 ? (bytes[i] as number) | 0x80 : (bytes[i] as number));
}

function pushUint(out: number[], n: number, r?: Rng): void {
  pushVarint(out, n >>> 0, Math.floor(n / 4294967296), r?.chance(0.05) ? 1 + r.int(3) : 0);
}

function pushTag(out: number[], id: number, wt: number, r: Rng): void {
  pushUint(out, id * 8 + wt, r);
}

function pushLen(out: number[], body: number[], r: Rng): void {
  pushUint(out, body.length, r);
  for (const b of body) out.push(b);
}

/** A random varint: small, negative (10 bytes), extreme, overlong, or raw bytes with bits past 64. */
function randomVarint(out: number[], r: Rng): void {
  const roll = r.int(8);
  if (roll === 0) {
    // Raw: 1 to 10 random bytes, continuation bits set on all but the last.
    const n = 1 + r.int(10);
    for (let i = 0; i < n; i++) out.push(i < n - 1 ? r.int(256) | 0x80 : r.int(128));
    return;
  }
  const lo = roll < 3 ? r.int(300) : roll < 5 ? r.u32() : r.pick([0, 1, 0xffffffff, 0x80000000, 0x7fffffff]);
  const hi =
    roll < 3 ? 0 : roll === 5 ? 0xffffffff : roll === 6 ? r.u32() : r.pick([0, 0xffffffff, 0x7fffffff, 1]);
  pushVarint(out, lo, hi, r.chance(0.1) ? 1 + r.int(4) : 0);
}

function randomFixed(out: number[], size: number, r: Rng): void {
  const special =
    size === 4
      ? [
          [0, 0, 0, 0],
          [0, 0, 0, 0x80],
          [0, 0, 0xc0, 0x7f],
          [1, 0, 0x80, 0x7f],
          [0, 0, 0x80, 0xff],
        ]
      : [
          [0, 0, 0, 0, 0, 0, 0, 0],
          [0, 0, 0, 0, 0, 0, 0, 0x80],
          [1, 0, 0, 0, 0, 0, 0xf8, 0x7f],
          [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
        ];
  if (r.chance(0.3)) {
    for (const b of r.pick(special)) out.push(b);
    return;
  }
  for (let i = 0; i < size; i++) out.push(r.int(256));
}

const utf8 = new TextEncoder();

function randomValue(vt: ValueType, out: number[], r: Rng, depth: number): void {
  switch (vt.wire) {
    case 0:
      randomVarint(out, r);
      return;
    case 1:
      randomFixed(out, 8, r);
      return;
    case 5:
      randomFixed(out, 4, r);
      return;
    default: {
      const body: number[] = [];
      if (vt.type === "string") body.push(...utf8.encode(r.pick(STRINGS)));
      else if (vt.type === "bytes") for (let n = r.int(6); n > 0; n--) body.push(r.int(256));
      else randomMessage(vt.message as MessageTable, body, r, depth + 1);
      pushLen(out, body, r);
    }
  }
}

function randomMapKey(vt: ValueType, out: number[], r: Rng): void {
  if (vt.type === "string") {
    const k = r.pick(STRINGS);
    pushLen(out, [...utf8.encode(k)], r);
  } else randomValue(vt, out, r, 0);
}

function randomEntry(f: FieldInfo, out: number[], r: Rng, depth: number): void {
  const body: number[] = [];
  const parts = r.chance(0.7)
    ? ["key", "value"]
    : r.pick([
        [],
        ["key"],
        ["value"],
        ["value", "key"],
        ["key", "key", "value", "value"],
        ["junk", "key", "value"],
      ]);
  for (const part of parts) {
    if (part === "key") {
      const key = f.key as ValueType;
      pushTag(body, 1, key.wire, r);
      randomMapKey(key, body, r);
    } else if (part === "value") {
      pushTag(body, 2, f.value.wire, r);
      randomValue(f.value, body, r, depth);
    } else randomUnknown(body, r, depth, 3);
  }
  pushTag(out, f.id, 2, r);
  pushLen(out, body, r);
}

const UNKNOWN_IDS = [15, 19, 99, 1023, 1024, 2047, 5001, 536870910];

function randomUnknown(out: number[], r: Rng, depth: number, minId = 1): void {
  const id = Math.max(minId, r.pick(UNKNOWN_IDS));
  const wt = r.pick([0, 1, 2, 5, 3]);
  pushTag(out, id, wt, r);
  if (wt === 0) randomVarint(out, r);
  else if (wt === 1) randomFixed(out, 8, r);
  else if (wt === 5) randomFixed(out, 4, r);
  else if (wt === 2) {
    const body: number[] = [];
    for (let n = r.int(5); n > 0; n--) body.push(r.int(256));
    pushLen(out, body, r);
  } else {
    if (depth < 4 && r.chance(0.5)) randomUnknown(out, r, depth + 1);
    pushTag(out, id, 4, r);
  }
}

function randomMessage(t: MessageTable, out: number[], r: Rng, depth: number): void {
  const n = depth > 4 ? r.int(2) : r.int(9);
  for (let i = 0; i < n; i++) {
    if (t.fields.length === 0 || r.chance(0.08)) {
      randomUnknown(out, r, depth);
      continue;
    }
    const f = r.pick(t.fields);
    const vt = f.value;
    if (r.chance(0.05)) {
      // A known field on a wire type it cannot have: skipped by both.
      const wt = r.pick([0, 1, 2, 5].filter((w) => w !== vt.wire && !(w === 2 && f.packable)));
      pushTag(out, f.id, wt, r);
      if (wt === 0) randomVarint(out, r);
      else if (wt === 1) randomFixed(out, 8, r);
      else if (wt === 5) randomFixed(out, 4, r);
      else pushLen(out, [1, 2, 3], r);
      continue;
    }
    if (f.kind === F_MAP) {
      randomEntry(f, out, r, depth);
    } else if (f.kind === F_REPEATED && f.packable && r.chance(0.5)) {
      const body: number[] = [];
      for (let k = r.int(5); k > 0; k--) randomValue(vt, body, r, depth);
      pushTag(out, f.id, 2, r);
      pushLen(out, body, r);
    } else {
      pushTag(out, f.id, vt.wire, r);
      randomValue(vt, out, r, depth);
    }
  }
}

const wireBytes = (t: MessageTable) =>
  fc.integer().map((seed) => {
    const out: number[] = [];
    randomMessage(t, out, new Rng(seed), 1);
    return Uint8Array.from(out);
  });

// ---- the tests ----

describe("which messages the table reader takes", () => {
  test.each(roboticsPairs.map((p) => [p.name, p] as const))("%s: reader", (_name, p) => {
    expect(p.fresh.reader).toBeDefined();
    expect(p.old.reader).toBeUndefined();
  });

  test.each(fixturePairs.map((p) => [p.name, p] as const))("%s: reader", (_name, p) => {
    expect(p.fresh.reader).toBeDefined();
  });

  test.each([
    "safewire.readtest2.WithGroup",
    "safewire.readtest2.WithRequired",
    "safewire.readtest2.WithDefault",
    "safewire.readtest2.WithClosed",
    "safewire.readtest2.Outer", // reaches WithDefault
  ])("%s: protobufjs decodes (the reader does not emulate it)", (name) => {
    const type = proto2Root.lookupType(name);
    expect(compileReader(compileTables(type), type)).toBeUndefined();
    const d = protobufDriver({ type, schema: anySchema });
    expect(d.reader).toBeUndefined();
  });

  test("a static class from another protobufjs (no target argument to decode) keeps its decode", () => {
    const legacy = Object.assign(function Legacy() {}, {
      encode: RichStatic.encode,
      decode: (r: Uint8Array) => RichStatic.decode(r),
    });
    legacy.prototype = RichStatic.prototype;
    const d = protobufDriver({
      type: legacy as unknown as typeof RichStatic,
      descriptor: RichDescriptor,
      schema: anySchema,
    });
    expect(d.reader).toBeUndefined();
  });

  test("a static class with a field its descriptor lacks keeps its decode (that field would show)", () => {
    const Wider = Object.assign(function Wider() {}, {
      encode: RichStatic.encode,
      decode: RichStatic.decode,
    });
    Wider.prototype = Object.create(RichStatic.prototype, {
      added_later: { value: 0, enumerable: true, writable: true },
    });
    const d = protobufDriver({
      type: Wider as unknown as typeof RichStatic,
      descriptor: RichDescriptor,
      schema: anySchema,
    });
    expect(d.reader).toBeUndefined();
  });

  test("compiled once per table", () => {
    const t = compileTables(EdgeType);
    expect(compileReader(t, EdgeType)).toBe(compileReader(t, EdgeType));
  });
});

describe("differential: table reader vs protobufjs + normalise", () => {
  describe.each(roboticsPairs.map((p, i) => [p.name, p, ROBOTICS[i] as MessageName] as const))(
    "%s",
    (_name, p, message) => {
      const codec = roboticsCodec(message, "protobuf", { allowNonFinite: true });
      const arb: fc.Arbitrary<unknown> = arbitraries.all({
        allowNonFinite: true,
        maxKeys: 3,
        maxElements: 16,
      })[message];
      const encode = (v: unknown) => codec.encode(v as never);

      test.prop([arb.chain((v) => placed(encode(v)))], { numRuns: RUNS })("encoded values", (bytes) => {
        agree(p, bytes, newStats());
        // What safewire writes (no unknown fields, short tags and lengths) takes the one-pass checked read.
        expect(p.fresh.reader?.(bytes, p.fresh.limits)).toBeDefined();
      });

      const samples = fc.sample(arb, { numRuns: 12, seed: 7 }).map(encode);
      test("mutated encodings that still pass the prescan", () => {
        const stats = newStats();
        fc.assert(
          fc.property(
            mutated(samples, 2).chain((b) => placed(b)),
            (bytes) => agree(p, bytes, stats),
          ),
          { numRuns: RUNS * 4 },
        );
        report(`${p.name} mutated`, stats);
        expect(stats.compared).toBeGreaterThan(RUNS / 20);
      });

      test.prop([wireBytes(p.table).chain((b) => placed(b))], { numRuns: RUNS })(
        "random wire bytes over its fields",
        (bytes) => {
          agree(p, bytes, newStats());
        },
      );
    },
  );

  describe.each(fixturePairs.map((p) => [p.name, p] as const))("%s", (_name, p) => {
    test("random wire bytes over its fields (every field kind, merges, oneofs, odd encodings)", () => {
      const stats = newStats();
      fc.assert(
        fc.property(
          wireBytes(p.table).chain((b) => placed(b)),
          (bytes) => agree(p, bytes, stats),
        ),
        { numRuns: RUNS * 4 },
      );
      report(`${p.name} random`, stats);
      expect(stats.compared).toBeGreaterThan(RUNS * 2);
      expect(stats.readerGaveUp).toBeLessThan(stats.compared / 4);
    });

    test("mutated random messages, hostile payloads", () => {
      const samples = fc.sample(wireBytes(p.table), { numRuns: 20, seed: 11 });
      const attacks = hostile.protobuf.all().map((h) => h.bytes);
      const stats = newStats();
      fc.assert(
        fc.property(
          fc.oneof(mutated(samples), fc.constantFrom(...attacks), fc.uint8Array({ maxLength: 32 })),
          (bytes) => agree(p, bytes, stats),
        ),
        { numRuns: RUNS * 3 },
      );
      report(`${p.name} mutated`, stats);
      expect(stats.compared).toBeGreaterThan(RUNS / 10);
    });
  });

  test("Rich values encoded by protobufjs (full, empty, extremes)", () => {
    for (const p of fixturePairs.slice(0, 2)) {
      for (const v of [fullRich(), emptyRich(), { ...fullRich(), choice_num: undefined, choice_text: "" }]) {
        const bytes = protobufDriver({ type: RichType, schema: anySchema }).driver.write(v);
        const stats = newStats();
        agree(p, bytes, stats);
        agree(p, Buffer.from(bytes), stats);
        expect(stats.compared).toBe(2);
        expect(stats.readerGaveUp).toBe(0);
      }
    }
  });
});

describe("cases pinned down", () => {
  const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ""), "hex"));
  const [richR, richS] = fixturePairs as [Pair, Pair];

  function read(p: Pair, bytes: Uint8Array): Record<string, unknown> {
    const stats = newStats();
    agree(p, bytes, stats);
    expect(stats.compared).toBe(1);
    p.fresh.driver.prescan(bytes, p.fresh.limits);
    return p.fresh.driver.read(bytes) as Record<string, unknown>;
  }

  test("the checked read leaves to the prescan what only it words: tags and lengths past 5 bytes", () => {
    // by_uid (map<uint64, bytes>, field 33): an entry whose key tag (field 1, varint) takes 6 bytes, which
    // the prescan refuses (a tag is at most 5 bytes) and a plain varint read would take as 8.
    const wideTag = hex("8a 02 07 88 80 80 80 80 00 07");
    // A bytes field (blob, 11) whose length 1 is spelt in 6 bytes: refused the same way.
    const wideLen = hex("5a 81 80 80 80 80 00 61");
    for (const p of [richR, richS]) {
      for (const bytes of [wideTag, wideLen]) {
        expect(p.fresh.reader?.(bytes, p.fresh.limits)).toBeUndefined();
      }
    }
    const codec = protobufCodec({ type: RichType, schema: anySchema });
    for (const bytes of [wideTag, wideLen]) {
      const r = codec.safeDecode(bytes);
      expect(r.ok ? "decoded" : r.error.code).toBe("malformed");
    }
  });

  test("a map<uint64, bytes> entry without its value: the shared empty bytes", () => {
    for (const p of [richR, richS]) {
      const v = read(p, hex("8a 02 02 08 07"));
      expect((v.by_uid as Record<string, Uint8Array>)["7"]).toBe(EMPTY_BYTES);
    }
  });

  test("map entries without a key, twice, and an explicit 0 key: protobufjs' key order and winner", () => {
    // by_id (map<int64, string>, field 32): "" → "a" with no key, key 0 → "b", no key → "c".
    const v = read(richR, hex("82 02 03 12 01 61  82 02 05 08 00 12 01 62  82 02 03 12 01 63"));
    expect(v.by_id).toEqual({ "0": "b" });
  });

  test("a singular message field seen twice merges; a scalar seen twice: the last wins", () => {
    // inner (40): {label: "a"} then {n: 5}; i32 (1): 7 then 0.
    const v = read(richR, hex("c2 02 03 0a 01 61  c2 02 02 10 05  08 07  08 00"));
    expect(v.inner).toEqual({ label: "a", n: 5 });
    expect(v.i32).toBe(0);
  });

  test("oneof: a later member removes the earlier one, and the key moves to the end", () => {
    // choice_text (42) "x", inner (40) {}, choice_num (44) 3, choice_text (42) "y".
    const v = read(richR, hex("d2 02 01 78  c2 02 00  e0 02 03  d2 02 01 79"));
    expect(Object.keys(v).slice(-2)).toEqual(["inner", "choice_text"]);
    expect(v.choice_text).toBe("y");
    expect("choice_num" in v).toBe(false);
  });

  test("nesting past protobufjs' recursion limit: both throw its error", () => {
    const node = fixturePairs[2] as Pair;
    const nest = (levels: number): Uint8Array => {
      let body: number[] = [];
      for (let i = 0; i < levels; i++) {
        const next = [0x0a];
        pushUint(next, body.length);
        body = [...next, ...body];
      }
      return Uint8Array.from(body);
    };
    const stats = newStats();
    agree(node, nest(100), stats); // 100 levels below the top: protobufjs' limit, still read
    agree(node, nest(101), stats);
    expect(stats).toMatchObject({ compared: 2, oldThrew: 1, readerGaveUp: 1 });
  });

  test("an unknown group inside a message without fields: protobufjs throws, so does the codec", () => {
    const edge = fixturePairs.find((p) => p.name === "Edge") as Pair;
    // empty (11) holding group 5 { } : protobufjs' skip of a field-less message misreads the end tag.
    const stats = newStats();
    agree(edge, hex("5a 02 2b 2c"), stats);
    expect(stats).toMatchObject({ compared: 1, oldThrew: 1, readerGaveUp: 1 });
  });

  test("a Buffer input (a slice of Node's pool): bytes fields are plain Uint8Array views of its memory", () => {
    const value = { ...emptyRich(), blob: Uint8Array.of(1, 2, 3), blobs: [Uint8Array.of(4)] };
    const bytes = Buffer.from(protobufDriver({ type: RichType, schema: anySchema }).driver.write(value));
    const v = read(richS, bytes);
    for (const b of [v.blob, ...(v.blobs as Uint8Array[])] as Uint8Array[]) {
      expect(Object.getPrototypeOf(b)).toBe(Uint8Array.prototype);
      expect(b.buffer).toBe(bytes.buffer);
    }
    expect(v.text).toBe("");
    expect(v.inners).toEqual({});
  });

  test("the cache of short strings: look-alikes (same length, same sampled bytes) never stand in for each other", () => {
    // Same first two, middle and last four bytes: one cache set for all of them (two ways), so they
    // keep evicting each other; the non-ASCII one is never cached.
    const alike = ["abXYZcmnop", "abQRScmnop", "abXYWcmnop", "ab\u00e9Zcmnop", "abXYcZmnop"];
    const field22 = (names: string[]) =>
      Uint8Array.from(
        names.flatMap((n) => {
          const b = [...new TextEncoder().encode(n)];
          return [0xb2, 0x01, b.length, ...b];
        }),
      );
    const rng = new Rng(12345);
    for (let round = 0; round < 200; round++) {
      const names = Array.from({ length: 1 + rng.int(6) }, () => rng.pick(alike));
      expect(read(richR, field22(names)).names).toEqual(names);
    }
  });

  test("bool reads true when any of its bytes has a bit set, even past bit 63", () => {
    // flag (9): ten bytes, the 64 value bits zero, a bit set in the 10th byte's upper part.
    const v = read(richR, hex("48 80 80 80 80 80 80 80 80 80 02"));
    expect(v.flag).toBe(true);
  });
});
