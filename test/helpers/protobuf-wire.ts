// Helpers of the protobuf tests: strict equality of decoded values, wire bytes by hand, and random wire bytes
// driven by a message's field tables.
// fast-check itself, not @fast-check/vitest: importing that keeps ~230 MB of closures live, and every
// gc() of a bounded check in the files that use these helpers would take ~0.6 s.
import fc from "fast-check";
import {
  EMPTY_BYTES,
  F_MAP,
  F_REPEATED,
  type FieldInfo,
  type MessageTable,
  type ValueType,
  W_BOOL,
  W_UVARINT32,
  W_VARINT32,
} from "../../src/formats/protobuf/tables.js";
import type { Limits } from "../../src/index.js";
import { hostile, mutated } from "../../src/testing/index.js";

// ---- strict equality ----

/** Where `a` and `b` differ, strictly (see the header), or undefined. */
export function strictDiff(a: unknown, b: unknown, path = "$"): string | undefined {
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
export function viewsOf(v: unknown, input: Uint8Array): boolean {
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

/** The same bytes as a plain Uint8Array, a pooled Buffer, or a view at an offset into a larger buffer. */
export const placed = (bytes: Uint8Array) =>
  fc.constantFrom(0, 1, 2).map((how): Uint8Array => {
    if (how === 1) return Buffer.from(bytes);
    if (how === 2) {
      const big = new Uint8Array(bytes.length + 7);
      big.set(bytes, 3);
      return big.subarray(3, 3 + bytes.length);
    }
    return bytes.slice();
  });

// ---- wire bytes by hand ----

/** `n` (up to 2^53) as a base-128 varint. */
export function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

/** A field's tag: its number and wire type. */
export function tag(id: number, wt: number): number[] {
  return varint(id * 8 + wt);
}

/** A length-delimited field: tag, length, body. */
export function ldelim(id: number, body: ArrayLike<number>): number[] {
  return [...tag(id, 2), ...varint(body.length), ...Array.from(body)];
}

// ---- random wire bytes, driven by the field tables ----

/** xorshift32, seeded by fast-check: the bytes are a function of the seed. */
export class Rng {
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

export function pushUint(out: number[], n: number, r?: Rng): void {
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

/**
 * A varint a 32-bit or bool field can hold (int32 and enum sign-extended, uint32 and sint32 below 2^32, a
 * bool 0 or 1): the decoders refuse the others, which would leave little of a random message to compare.
 */
function fittingVarint(out: number[], walk: number, r: Rng): void {
  if (walk === W_BOOL) {
    pushVarint(out, r.int(2), 0, r.chance(0.1) ? 1 + r.int(9) : 0);
    return;
  }
  const lo = r.chance(0.5)
    ? r.int(300)
    : r.chance(0.5)
      ? r.u32()
      : r.pick([0, 0xffffffff, 0x80000000, 0x7fffffff]);
  const hi = walk === W_VARINT32 && lo >= 0x80000000 ? 0xffffffff : 0;
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
      if ((vt.walk === W_VARINT32 || vt.walk === W_UVARINT32 || vt.walk === W_BOOL) && r.chance(0.99))
        fittingVarint(out, vt.walk, r);
      else randomVarint(out, r);
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

/**
 * Limits tight enough that random and mutated messages break each of them now and then (merged over a
 * message's limits by the reader tests).
 */
export const TIGHT_LIMITS: readonly Partial<Limits>[] = [
  { maxDepth: 3, maxStringBytes: 8, maxBinaryBytes: 8, maxArrayLength: 3, maxMapEntries: 2 },
  { maxDepth: 5, maxStringBytes: 2, maxBinaryBytes: 1, maxArrayLength: 1, maxMapEntries: 1 },
  { maxDepth: 2 },
  { maxDepth: 1 },
];

/** Mutated random messages over `t`'s fields, the hostile protobuf payloads, and short random bytes. */
export function mutatedWire(t: MessageTable): fc.Arbitrary<Uint8Array> {
  const samples = fc.sample(wireBytes(t), { numRuns: 20, seed: 11 });
  const attacks = hostile.protobuf.all().map((h) => h.bytes);
  return fc.oneof(mutated(samples), fc.constantFrom(...attacks), fc.uint8Array({ maxLength: 32 }));
}

export const wireBytes = (t: MessageTable) =>
  fc.integer().map((seed) => {
    const out: number[] = [];
    randomMessage(t, out, new Rng(seed), 1);
    return Uint8Array.from(out);
  });
