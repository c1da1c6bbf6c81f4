import { failLimit, failOutputPastLimit, failSchema, type Path } from "../../errors.js";
import { isForbiddenKey, isPlainRecord, objectKind } from "../../keys.js";
import type { Limits } from "../../limits.js";
import { utf8Length, writeUtf8 } from "../../utf8.js";
import { lengthIsTrue, untrueLength } from "../../views.js";

/*
 * safewire's MessagePack writer: a plain value to bytes, the very bytes @msgpack/msgpack's
 * `new Encoder({ useBigInt64: true, ignoreUndefined: true }).encode` writes (test/msgpack-write.test.ts
 * compares them), but for what the library gets wrong and this refuses or fixes:
 * - -0 is written as a float 64 (the library writes the integer 0, losing the sign);
 * - a string or map key with a lone surrogate is refused (the library writes invalid UTF-8, or U+FFFD
 *   past ~200 characters, silently);
 * - only plain data is written: plain objects, arrays, Uint8Arrays, strings, numbers, bigints, booleans,
 *   null (and undefined left out of a map). The library writes a Map or a Set as an
 *   empty map, a class instance as a map of its fields, a typed array as its raw bytes and a Date as an
 *   extension type no safewire decoder takes: none of them would arrive as sent;
 * - a bigint outside -2^63 .. 2^64-1 is refused (the library writes its low 64 bits: 2^70 as 0);
 * - undefined in an array or as the whole value is refused (the library writes nil, which decodes as
 *   null: the value would not come back as sent);
 * - a map key `__proto__`, `constructor` or `prototype` is refused, as every safewire decoder refuses it
 *   (the codec's checks refuse it first; this holds for a value that changes under them, by a getter);
 * - a container nested past maxDepth is limit_exceeded, as the prescan counts it (the top value is
 *   level 1; the library's own fence counted one more and said so in a plain Error).
 * Refusals are found by the write itself and worded (with the path) by a second walk, only then.
 */

/** Outputs at least this big (judged by the previous output) are measured first and written once. */
export const MEASURE_OUTPUT_BYTES = 64 * 1024;

/**
 * An ArrayBuffer of `size` bytes that the allocator does not zero (the writer fills every byte of it):
 * zeroing 10 MB costs as much as copying it. Its own ArrayBuffer, never a slice of Node's shared pool.
 */
export function freshBuffer(size: number): ArrayBuffer {
  const b = Buffer.allocUnsafeSlow(size);
  const ab = b.buffer as ArrayBuffer;
  return b.byteOffset === 0 && ab.byteLength === size ? ab : new ArrayBuffer(size);
}

class Out {
  pos = 0;
  constructor(
    readonly buf: Uint8Array,
    readonly end: number,
    readonly maxDepth: number,
  ) {}
}

// Thrown inside the writer; never out of msgpackWriter.
/** A write would pass the end of the buffer. */
const FULL = new Error("msgpack writer: out of room");
/** The value changed between the measuring and the writing (a getter). */
const MISMATCH = new Error("msgpack writer: the value changed while it was written");
const LONE_SURROGATE = new Error("lone surrogate");
const NOT_PLAIN = new Error("not plain data");
const OUT_OF_RANGE = new Error("bigint out of range");
const TOO_DEEP = new Error("nested too deep");
const UNDEFINED = new Error("undefined");
const FORBIDDEN_KEY = new Error("forbidden map key");
/** The output would pass maxBytes (found while measuring it). */
const TOO_BIG = new Error("msgpack writer: past maxBytes");

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;
const SCRATCH_BYTES = 64 * 1024;

// Scratch for the big-endian bytes of floats and 64-bit integers.
const F64 = new Float64Array(1);
const F64_U8 = new Uint8Array(F64.buffer);
const I64 = new BigInt64Array(1);
const I64_U8 = new Uint8Array(I64.buffer);
const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function need(w: Out, n: number): void {
  if (w.pos + n > w.end) throw FULL;
}

function write(w: Out, v: unknown, level: number): void {
  switch (typeof v) {
    case "number":
      writeNumber(w, v);
      return;
    case "string":
      writeString(w, v);
      return;
    case "boolean":
      need(w, 1);
      w.buf[w.pos++] = v ? 0xc3 : 0xc2;
      return;
    case "bigint":
      writeBigInt(w, v);
      return;
    case "undefined":
      throw UNDEFINED; // left out of maps before it gets here
    case "object":
      if (v === null) {
        need(w, 1);
        w.buf[w.pos++] = 0xc0;
      } else if (v instanceof Uint8Array) writeBinary(w, v);
      else if (level > w.maxDepth) throw TOO_DEEP;
      else if (Array.isArray(v)) writeArray(w, v, level);
      else if (isPlainRecord(v)) writeMap(w, v, level);
      else throw NOT_PLAIN;
      return;
    default:
      throw NOT_PLAIN; // a function or a symbol
  }
}

function writeNumber(w: Out, n: number): void {
  const buf = w.buf;
  if (Number.isSafeInteger(n) && !(n === 0 && 1 / n < 0)) {
    if (n >= 0) {
      if (n < 0x80) {
        need(w, 1);
        buf[w.pos++] = n;
        return;
      }
      if (n < 0x100) {
        need(w, 2);
        buf[w.pos++] = 0xcc;
        buf[w.pos++] = n;
        return;
      }
      if (n < 0x10000) {
        need(w, 3);
        buf[w.pos++] = 0xcd;
        writeU16(buf, w.pos, n);
        w.pos += 2;
        return;
      }
      if (n < 0x100000000) {
        need(w, 5);
        buf[w.pos++] = 0xce;
        writeU32(buf, w.pos, n);
        w.pos += 4;
        return;
      }
    } else {
      if (n >= -0x20) {
        need(w, 1);
        buf[w.pos++] = 0xe0 | (n + 0x20);
        return;
      }
      if (n >= -0x80) {
        need(w, 2);
        buf[w.pos++] = 0xd0;
        buf[w.pos++] = n & 0xff;
        return;
      }
      if (n >= -0x8000) {
        need(w, 3);
        buf[w.pos++] = 0xd1;
        writeU16(buf, w.pos, n & 0xffff);
        w.pos += 2;
        return;
      }
      if (n >= -0x80000000) {
        need(w, 5);
        buf[w.pos++] = 0xd2;
        writeU32(buf, w.pos, n >>> 0);
        w.pos += 4;
        return;
      }
    }
  }
  // Anything else (fractions, -0, NaN, ±Infinity, integers past 32 bits) as a float 64, as the library.
  need(w, 9);
  buf[w.pos++] = 0xcb;
  F64[0] = n;
  writeBigEndian8(buf, w.pos, F64_U8);
  w.pos += 8;
}

function writeBigInt(w: Out, n: bigint): void {
  if (n < INT64_MIN || n > UINT64_MAX) throw OUT_OF_RANGE;
  need(w, 9);
  w.buf[w.pos++] = n >= 0n ? 0xcf : 0xd3;
  I64[0] = n; // the low 64 bits: two's complement below 0, the unsigned bits from 2^63 up
  writeBigEndian8(w.buf, w.pos, I64_U8);
  w.pos += 8;
}

function writeBigEndian8(buf: Uint8Array, at: number, le: Uint8Array): void {
  if (LE) {
    buf[at] = le[7] as number;
    buf[at + 1] = le[6] as number;
    buf[at + 2] = le[5] as number;
    buf[at + 3] = le[4] as number;
    buf[at + 4] = le[3] as number;
    buf[at + 5] = le[2] as number;
    buf[at + 6] = le[1] as number;
    buf[at + 7] = le[0] as number;
  } else buf.set(le, at);
}

function writeU16(buf: Uint8Array, at: number, n: number): void {
  buf[at] = n >>> 8;
  buf[at + 1] = n & 0xff;
}

function writeU32(buf: Uint8Array, at: number, n: number): void {
  buf[at] = n >>> 24;
  buf[at + 1] = (n >>> 16) & 0xff;
  buf[at + 2] = (n >>> 8) & 0xff;
  buf[at + 3] = n & 0xff;
}

function writeString(w: Out, s: string): void {
  const buf = w.buf;
  const n0 = s.length;
  if (n0 < 32 && w.pos + 1 + n0 <= w.end) {
    // Short ASCII (keys, names) in one pass: a fixstr as long as the string. Anything else starts over.
    const start = w.pos;
    let p = start + 1;
    let i = 0;
    for (; i < n0; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      buf[p++] = c;
    }
    if (i === n0) {
      buf[start] = 0xa0 + n0;
      w.pos = p;
      return;
    }
  }
  const len = utf8Length(s);
  if (len < 0) throw LONE_SURROGATE;
  if (len < 32) {
    need(w, 1 + len);
    buf[w.pos++] = 0xa0 + len;
  } else writeSized(w, len, 0xd9);
  w.pos = writeUtf8(buf, w.pos, s, len);
}

function writeBinary(w: Out, v: Uint8Array): void {
  if (!lengthIsTrue(v)) throw NOT_PLAIN;
  writeSized(w, v.length, 0xc4);
  w.buf.set(v, w.pos);
  w.pos += v.length;
}

/**
 * The header of a str or bin of `len` bytes in its 8-, 16- or 32-bit form (`tag8`, then the next two tags),
 * after making room for it and the bytes that follow.
 */
function writeSized(w: Out, len: number, tag8: number): void {
  const buf = w.buf;
  if (len < 0x100) {
    need(w, 2 + len);
    buf[w.pos++] = tag8;
    buf[w.pos++] = len;
  } else if (len < 0x10000) {
    need(w, 3 + len);
    buf[w.pos++] = tag8 + 1;
    writeU16(buf, w.pos, len);
    w.pos += 2;
  } else {
    need(w, 5 + len);
    buf[w.pos++] = tag8 + 2;
    writeU32(buf, w.pos, len);
    w.pos += 4;
  }
}

/** An array or map header: fix form under 16, else 16- or 32-bit count. */
function writeHeader(w: Out, n: number, fix: number, b16: number): void {
  const buf = w.buf;
  if (n < 16) {
    need(w, 1);
    buf[w.pos++] = fix | n;
  } else if (n < 0x10000) {
    need(w, 3);
    buf[w.pos++] = b16;
    writeU16(buf, w.pos, n);
    w.pos += 2;
  } else {
    need(w, 5);
    buf[w.pos++] = b16 + 1;
    writeU32(buf, w.pos, n);
    w.pos += 4;
  }
}

function writeArray(w: Out, v: readonly unknown[], level: number): void {
  const n = v.length;
  writeHeader(w, n, 0x90, 0xdc);
  for (let i = 0; i < n; i++) write(w, v[i], level + 1);
}

function writeMap(w: Out, v: Record<string, unknown>, level: number): void {
  const keys = Object.keys(v);
  let count = 0;
  for (let i = 0; i < keys.length; i++) if (v[keys[i] as string] !== undefined) count++;
  writeHeader(w, count, 0x80, 0xde);
  let written = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    const x = v[k];
    if (x === undefined) continue;
    if (isForbiddenKey(k)) throw FORBIDDEN_KEY;
    writeString(w, k);
    write(w, x, level + 1);
    written++;
  }
  if (written !== count) throw MISMATCH; // a getter that came and went
}

/** Values `size` has measured in this walk, and the most it may meet (see `sizeUpTo`). */
let visited = 0;
let visitCap = 0;

/**
 * The exact size `write` will write (refusals are left to `write`), or TOO_BIG once the walk has met more
 * values than `cap` bytes hold (every value takes at least one byte): a value whose objects are shared
 * (`v = [v, v]` 30 times over: 30 arrays) is walked as the tree it encodes to, 2^30 leaves, so the walk
 * stops where the output is refused anyway.
 */
function sizeUpTo(v: unknown, cap: number): number {
  const outer = visited;
  const outerCap = visitCap;
  visited = 0;
  visitCap = cap;
  try {
    return size(v);
  } finally {
    visited = outer;
    visitCap = outerCap;
  }
}

/** The exact size `write` will write, for a value it accepts; counts the values met (see `sizeUpTo`). */
function size(v: unknown): number {
  if (++visited > visitCap) throw TOO_BIG;
  switch (typeof v) {
    case "number":
      return numberSize(v);
    case "string":
      return textSize(v);
    case "bigint":
      return 9;
    case "object": {
      if (v === null) return 1;
      if (v instanceof Uint8Array) return headerSize(v.length, 0x100) + v.length;
      if (Array.isArray(v)) {
        let sum = countSize(v.length);
        for (let i = 0; i < v.length; i++) sum += size(v[i]);
        return sum;
      }
      const o = v as Record<string, unknown>;
      let count = 0;
      let sum = 0;
      for (const k of Object.keys(o)) {
        const x = o[k];
        if (x === undefined) continue;
        count++;
        sum += textSize(k) + size(x);
      }
      return countSize(count) + sum;
    }
    default:
      return 1; // booleans, undefined (and what `write` refuses)
  }
}

function numberSize(n: number): number {
  if (!Number.isSafeInteger(n) || (n === 0 && 1 / n < 0)) return 9;
  if (n >= 0) return n < 0x80 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : n < 0x100000000 ? 5 : 9;
  return n >= -0x20 ? 1 : n >= -0x80 ? 2 : n >= -0x8000 ? 3 : n >= -0x80000000 ? 5 : 9;
}

function textSize(s: string): number {
  const len = utf8Length(s);
  if (len < 0) return 1; // refused by `write`
  return (len < 32 ? 1 : headerSize(len, 0x100)) + len;
}

/** Header of a str or bin of `len` bytes past its fix form: 1 + 1, 2 or 4 bytes of length. */
function headerSize(len: number, limit8: number): number {
  return len < limit8 ? 2 : len < 0x10000 ? 3 : 5;
}

function countSize(n: number): number {
  return n < 16 ? 1 : n < 0x10000 ? 3 : 5;
}

// One scratch for every small output (encoding is synchronous); a getter that encodes from inside an
// encode gets a scratch of its own.
const SCRATCH = new Uint8Array(SCRATCH_BYTES);
let busy = false;

/**
 * The codec's writer. Small outputs are written into a shared scratch and copied out at their exact size;
 * big ones (the previous output was big, or the scratch ran out) are measured first and written once into
 * memory of exactly their size, which is not zero-filled first: the writer fills every byte (checked).
 */
export function msgpackWriter(
  limits: Readonly<Limits>,
  allocate: (size: number) => ArrayBuffer = freshBuffer,
): (value: unknown) => Uint8Array {
  const { maxDepth, maxBytes } = limits;
  let measure = false;
  return (value) => {
    const nested = busy;
    busy = true;
    try {
      if (!measure) {
        const w = new Out(nested ? new Uint8Array(SCRATCH_BYTES) : SCRATCH, SCRATCH_BYTES, maxDepth);
        try {
          write(w, value, 1);
          return w.buf.slice(0, w.pos);
        } catch (err) {
          if (err !== FULL) throw err;
        }
      }
      const n = sizeUpTo(value, maxBytes);
      measure = n >= MEASURE_OUTPUT_BYTES;
      const w = new Out(new Uint8Array(allocate(n)), n, maxDepth);
      try {
        write(w, value, 1);
      } catch (err) {
        throw err === FULL ? MISMATCH : err;
      }
      if (w.pos !== n) throw MISMATCH;
      return w.buf;
    } catch (err) {
      return refuse(err, value, maxDepth, maxBytes);
    } finally {
      busy = nested;
    }
  };
}

/** Words a refusal the writer met, with the path of the value at fault. */
function refuse(err: unknown, value: unknown, maxDepth: number, maxBytes: number): never {
  if (err === TOO_BIG) failOutputPastLimit(maxBytes);
  const within = maxDepth + 2; // the writer went no deeper
  if (err === LONE_SURROGATE) {
    const at = findInValue(value, isLone, isLone, within) ?? { path: [], key: false, value: undefined };
    failSchema(
      `${at.key ? "map key" : "string"} contains a lone surrogate, which UTF-8 cannot carry (it would arrive as U+FFFD)`,
      at.path,
    );
  }
  if (err === OUT_OF_RANGE) {
    const at = findInValue(value, outOfRange, () => false, within);
    failSchema(
      `${at === undefined ? "a bigint" : String(at.value)} is out of the 64-bit range msgpack carries (-2^63 .. 2^64-1)`,
      at?.path ?? [],
    );
  }
  if (err === NOT_PLAIN) {
    const at = findInValue(value, notPlain, () => false, within);
    const v = at?.value;
    if (v instanceof Uint8Array) failSchema(untrueLength(v), at?.path ?? []);
    const kind = typeof v === "object" && v !== null ? `a ${objectKind(v)}` : `a ${typeof v}`;
    failSchema(
      `msgpack carries plain objects, arrays, Uint8Arrays and scalars; ${kind} would not arrive as sent`,
      at?.path ?? [],
    );
  }
  if (err === TOO_DEEP) {
    const at = findInValue(
      value,
      (v, level) => level > maxDepth && isContainer(v),
      () => false,
      within,
    );
    failLimit("maxDepth", maxDepth + 1, maxDepth, at?.path ?? [], "nesting");
  }
  if (err === UNDEFINED) {
    const at = findInValue(
      value,
      (v) => v === undefined,
      () => false,
      within,
    );
    failSchema("undefined has no msgpack form outside a map (it would arrive as nil: null)", at?.path ?? []);
  }
  if (err === FORBIDDEN_KEY) {
    const at = findInValue(value, () => false, isForbiddenKey, within);
    failSchema(`map key "${String(at?.value)}" is not allowed (prototype pollution)`, at?.path ?? []);
  }
  if (err === MISMATCH) failSchema("the value changed while it was encoded (a getter?)", []);
  throw err;
}

interface Found {
  path: Path;
  key: boolean;
  /** What is there: the value, or the key. */
  value: unknown;
}

/**
 * The first place, in the writer's order (arrays by index, maps by `Object.keys`, key before value,
 * undefined values skipped), where `hit(v, level)` holds for a value or `keyHit(k)` for a map key. The top
 * value is level 1. Walks at most `maxLevel` levels. `path` is a scratch stack, copied only into the answer.
 */
function findInValue(
  v: unknown,
  hit: (v: unknown, level: number) => boolean,
  keyHit: (k: string) => boolean,
  maxLevel: number,
  path: Path = [],
  level = 1,
): Found | undefined {
  if (hit(v, level)) return { path: [...path], key: false, value: v };
  if (typeof v !== "object" || v === null || v instanceof Uint8Array || level >= maxLevel) return undefined;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      const at = findInValue(v[i], hit, keyHit, maxLevel, path, level + 1);
      path.pop();
      if (at !== undefined) return at;
    }
    return undefined;
  }
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined) continue;
    path.push(k);
    const at = keyHit(k)
      ? { path: [...path], key: true, value: k }
      : findInValue(x, hit, keyHit, maxLevel, path, level + 1);
    path.pop();
    if (at !== undefined) return at;
  }
  return undefined;
}

const isLone = (v: unknown): boolean => typeof v === "string" && utf8Length(v) < 0;
const outOfRange = (v: unknown): boolean => typeof v === "bigint" && (v < INT64_MIN || v > UINT64_MAX);
const isContainer = (v: unknown): boolean =>
  typeof v === "object" && v !== null && !(v instanceof Uint8Array);

/** What the writer refuses as not plain data: a function, a symbol, or an object other than those it writes. */
function notPlain(v: unknown): boolean {
  if (typeof v === "function" || typeof v === "symbol") return true;
  if (v instanceof Uint8Array) return !lengthIsTrue(v);
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  return !isPlainRecord(v);
}
