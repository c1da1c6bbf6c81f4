import { failMalformed } from "../../errors.js";
import { checkKey, forbiddenKeyAt } from "../../keys.js";
import type { Limits } from "../../limits.js";
import { isValidUtf8 } from "../../utf8.js";
import { malformed, overLimit, rethrow, unwind, WalkFailure } from "./fail.js";
import type { Node } from "./tree.js";
import * as K from "./tree.js";

/**
 * Walk state for one message: the prescan's, the reader's and the checked reader's (read.ts,
 * read-checked.ts), one class so that the helpers they share see one shape. Limits are copied in so the
 * hot loop reads plain fields.
 */
export class Scan {
  pos = 0;
  /** Zero-byte array elements (nulls, empty records) in the whole message: they cost no bytes. */
  free = 0;
  /** The readers': the input's memory, fetched at the first binary (`buffer` costs about as much as a view). */
  memory: ArrayBufferLike | null = null;
  readonly end: number;
  readonly maxDepth: number;
  readonly maxString: number;
  readonly maxBinary: number;
  readonly maxArray: number;
  readonly maxMap: number;
  /** `maxDepth`: the deepest level to walk, where lower than the limit's (the checked read's bound). */
  constructor(
    readonly buf: Uint8Array,
    limits: Readonly<Limits>,
    maxDepth: number = limits.maxDepth,
  ) {
    this.end = buf.length;
    this.maxDepth = maxDepth;
    this.maxString = limits.maxStringBytes;
    this.maxBinary = limits.maxBinaryBytes;
    this.maxArray = limits.maxArrayLength;
    this.maxMap = limits.maxMapEntries;
  }
}

type ScanFn = (s: Scan, level: number) => void;

/** A compiled prescan of one Avro type. */
export type Prescan = (bytes: Uint8Array, limits: Readonly<Limits>) => void;

/**
 * Compiles the walk of Avro binary that runs before anything is decoded. It refuses malformed varints,
 * lengths and counts past the bytes left or a limit, invalid UTF-8, out-of-range union and enum indices,
 * booleans other than 0 and 1, nesting past maxDepth, prototype-polluting map keys and trailing bytes.
 * Time is linear in the input: zero-byte array elements are counted against the limits, never walked.
 * `level` is a value's nesting level: 1 at the top; each record, array and map adds one for what it holds.
 */
export function compilePrescan(root: Node): Prescan {
  const scanRoot = scanner(root, new Map());
  return (bytes, limits) => {
    const s = new Scan(bytes, limits);
    try {
      scanRoot(s, 1);
    } catch (err) {
      rethrow(err);
    }
    if (s.pos !== s.end) failMalformed(`${s.end - s.pos} trailing bytes after the value`, [], s.pos);
  };
}

function scanner(n: Node, memo: Map<Node, ScanFn>): ScanFn {
  return K.compiledWalk(n, memo, (m) => build(m, memo));
}

function build(n: Node, memo: Map<Node, ScanFn>): ScanFn {
  switch (n.kind) {
    case K.NULL:
      return () => {};
    case K.BOOLEAN:
      return scanBoolean;
    case K.INT:
      return (s) => varint(s, 5, 0x0f, "int");
    case K.LONG:
      return (s) => varint(s, 10, 0x01, "long");
    case K.FLOAT:
      return (s) => skip(s, 4, "float");
    case K.DOUBLE:
      return (s) => skip(s, 8, "double");
    case K.BYTES:
      return (s) => {
        const len = length(s, "bytes", "bytes length", "maxBinaryBytes", s.maxBinary);
        s.pos += len;
      };
    case K.STRING:
      return (s) => utf8(s, length(s, "string", "string length", "maxStringBytes", s.maxString), "string");
    case K.FIXED: {
      const size = n.size;
      const what = `fixed ${n.name}`;
      return (s) => {
        if (size > s.maxBinary) throw overLimit("maxBinaryBytes", size, s.maxBinary, what, s.pos);
        skip(s, size, what);
      };
    }
    case K.ENUM: {
      const count = n.symbols.length;
      return (s) => {
        index(s, count, "enum index");
      };
    }
    case K.UNION: {
      // Not a level of its own: a union's value is its branch's value (unions are unwrapped).
      const branches = n.branches.map((b) => scanner(b, memo));
      return (s, level) => (branches[index(s, branches.length, "union branch index")] as ScanFn)(s, level);
    }
    case K.ARRAY:
      return arrayScanner(n.items as Node, scanner(n.items as Node, memo));
    case K.MAP:
      return mapScanner(n.items as Node, scanner(n.items as Node, memo));
    case K.RECORD:
      return recordScanner(n, memo);
  }
}

export function scanBoolean(s: Scan): void {
  if (s.pos >= s.end) throw eof("boolean", s.pos);
  const b = s.buf[s.pos] as number;
  if (b > 1) throw malformed(`boolean byte is ${b}, not 0 or 1`, s.pos);
  s.pos++;
}

function recordScanner(n: Node, memo: Map<Node, ScanFn>): ScanFn {
  const names = n.fields.map((f) => f.name);
  const scans = n.fields.map((f) => scanner(f.node, memo));
  const what = `record ${n.name}`;
  return (s, level) => {
    if (level > s.maxDepth) throw overLimit("maxDepth", level, s.maxDepth, what, s.pos);
    let i = 0;
    try {
      for (; i < scans.length; i++) (scans[i] as ScanFn)(s, level + 1);
    } catch (err) {
      throw unwind(err, names[i] as string);
    }
  };
}

function arrayScanner(item: Node, scanItem: ScanFn): ScanFn {
  return (s, level) => {
    if (level > s.maxDepth) throw overLimit("maxDepth", level, s.maxDepth, "array", s.pos);
    let total = 0;
    let i = -1; // the element being walked, for the path; -1 between elements
    try {
      for (;;) {
        const at = s.pos;
        let count = varcount(s, "array block count");
        if (count === 0) return;
        let size = -1;
        if (count < 0) {
          count = -count;
          size = blockSize(s, "array");
        }
        total += count;
        if (item.zero) {
          // Nothing to walk and no bytes to bound the count by: only the limits stand between five
          // bytes and 2^63 elements, so they hold for each array and for the message as a whole.
          if (size > 0) throw malformed(`array block of zero-byte elements declares ${size} bytes`, at);
          if (total > s.maxArray) throw overLimit("maxArrayLength", total, s.maxArray, "array", at);
          s.free += count;
          if (s.free > s.maxArray) {
            throw overLimit(
              "maxArrayLength",
              s.free,
              s.maxArray,
              "zero-byte array elements in the message",
              at,
            );
          }
          if (level + item.zeroDepth > s.maxDepth) {
            throw overLimit("maxDepth", level + item.zeroDepth, s.maxDepth, "array element", at);
          }
          continue;
        }
        // Bytes before limits: a count the input cannot hold is corruption, not a big message.
        const room = size >= 0 ? size : s.end - s.pos;
        if (count * item.minBytes > room) {
          throw malformed(
            `array block declares ${exactCount(s, at, count)} elements, more than the ${room} bytes left can hold`,
            at,
          );
        }
        if (total > s.maxArray) throw overLimit("maxArrayLength", total, s.maxArray, "array", at);
        const start = s.pos;
        for (i = total - count; i < total; i++) scanItem(s, level + 1);
        i = -1;
        if (size >= 0 && s.pos - start !== size) throw sizeMismatch(size, s.pos - start, at);
      }
    } catch (err) {
      throw i >= 0 ? unwind(err, i) : err;
    }
  };
}

function mapScanner(values: Node, scanValue: ScanFn): ScanFn {
  // Every entry has at least a one-byte key length.
  const entryBytes = 1 + values.minBytes;
  return (s, level) => {
    if (level > s.maxDepth) throw overLimit("maxDepth", level, s.maxDepth, "map", s.pos);
    let total = 0;
    let keyAt = -1; // the current entry's key (validated UTF-8), for the path; -1 outside a value
    let keyEnd = -1;
    try {
      for (;;) {
        const at = s.pos;
        let count = varcount(s, "map block count");
        if (count === 0) return;
        let size = -1;
        if (count < 0) {
          count = -count;
          size = blockSize(s, "map");
        }
        const room = size >= 0 ? size : s.end - s.pos;
        if (count * entryBytes > room) {
          throw malformed(
            `map block declares ${exactCount(s, at, count)} entries, more than the ${room} bytes left can hold`,
            at,
          );
        }
        total += count;
        if (total > s.maxMap) throw overLimit("maxMapEntries", total, s.maxMap, "map", at);
        const start = s.pos;
        for (let i = 0; i < count; i++) {
          const k = mapKey(s);
          keyEnd = s.pos;
          keyAt = k;
          scanValue(s, level + 1);
          keyAt = -1;
        }
        if (size >= 0 && s.pos - start !== size) throw sizeMismatch(size, s.pos - start, at);
      }
    } catch (err) {
      throw keyAt >= 0 ? unwind(err, decodeKey(s.buf, keyAt, keyEnd)) : err;
    }
  };
}

/** Walks a map key; returns where its UTF-8 bytes start. */
function mapKey(s: Scan): number {
  const len = length(s, "map key", "map key length", "maxStringBytes", s.maxString);
  const start = s.pos;
  utf8(s, len, "map key");
  const key = forbiddenKeyAt(s.buf, start, len);
  if (key !== undefined) {
    throw new WalkFailure((path) => {
      checkKey(key, path); // throws schema_violation with the key appended to the path
      return failMalformed(`map key "${key}" is not allowed`, path, start); // not reached
    });
  }
  return start;
}

/** Strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF): never replaced by U+FFFD. */
function utf8(s: Scan, len: number, what: string): void {
  const start = s.pos;
  if (!isValidUtf8(s.buf, start, start + len)) throw malformed(`${what} is not valid UTF-8`, start);
  s.pos = start + len;
}

/** Reads a string or bytes length and checks it against the bytes left, then the limit. */
export function length(s: Scan, what: string, lengthWhat: string, limit: keyof Limits, max: number): number {
  const at = s.pos;
  const len = varcount(s, lengthWhat);
  if (len < 0) throw malformed(`${what} length is negative (${exact(s, at, len)})`, at);
  const left = s.end - s.pos;
  if (len > left) throw malformed(`${what} declares ${exact(s, at, len)} bytes but only ${left} remain`, at);
  if (len > max) throw overLimit(limit, len, max, what, at);
  return len;
}

/** The byte size that follows a negative block count. */
export function blockSize(s: Scan, what: string): number {
  const at = s.pos;
  const size = varcount(s, `${what} block size`);
  if (size < 0) throw malformed(`${what} block size is negative (${exact(s, at, size)})`, at);
  if (size > s.end - s.pos)
    throw malformed(
      `${what} block declares ${exact(s, at, size)} bytes but only ${s.end - s.pos} remain`,
      at,
    );
  return size;
}

function sizeMismatch(declared: number, actual: number, at: number): WalkFailure {
  return malformed(`block declares ${declared} bytes but its items take ${actual}`, at);
}

/** Reads a union or enum index and checks it is in range. */
export function index(s: Scan, n: number, what: string): number {
  const at = s.pos;
  const i = varcount(s, what);
  if (i < 0 || i >= n) throw malformed(`${what} ${exact(s, at, i)} is out of range (${n} choices)`, at);
  return i;
}

export function skip(s: Scan, n: number, what: string): void {
  if (s.end - s.pos < n) throw eof(what, s.pos);
  s.pos += n;
}

/**
 * Checks a zigzag varint of at most `maxLen` bytes whose last byte carries at most `lastMax`: 5 bytes and
 * 4 bits for a 32-bit int, 10 bytes and 1 bit for a 64-bit long. Anything longer or wider is malformed.
 */
export function varint(s: Scan, maxLen: number, lastMax: number, what: string): void {
  const buf = s.buf;
  const at = s.pos;
  const stop = Math.min(s.end, at + maxLen);
  for (let pos = at; pos < stop; pos++) {
    const b = buf[pos] as number;
    if (b < 0x80) {
      if (pos - at === maxLen - 1 && b > lastMax) throw overflow(what, at);
      s.pos = pos + 1;
      return;
    }
  }
  if (stop - at < maxLen) throw eof(what, at);
  throw malformed(`${what} varint is longer than ${maxLen} bytes`, at);
}

/**
 * Reads a zigzag long used as a length, count or index, as a number. Exact up to 2^53; past that only
 * sign and size matter (every such value is refused), and the sign is read from the low bit exactly.
 */
export function varcount(s: Scan, what: string): number {
  const buf = s.buf;
  const at = s.pos;
  if (at >= s.end) throw eof(what, at);
  const first = buf[at] as number;
  if (first < 0x80) {
    s.pos = at + 1;
    return (first >>> 1) ^ -(first & 1);
  }
  let u = first & 0x7f;
  let scale = 128;
  for (let pos = at + 1; pos < at + 10; pos++) {
    if (pos >= s.end) throw eof(what, at);
    const b = buf[pos] as number;
    u += (b & 0x7f) * scale;
    if (b < 0x80) {
      if (pos === at + 9 && b > 1) throw overflow(what, at);
      s.pos = pos + 1;
      const half = Math.floor(u / 2);
      return first & 1 ? -half - 1 : half;
    }
    scale *= 128;
  }
  throw malformed(`${what} varint is longer than 10 bytes`, at);
}

/**
 * `n`, the value of the varint at `at` that `varcount` read, as it was sent: past 2^53 a number holds it
 * only rounded (-2^63 would read -9223372036854776000), so those are decoded again, exactly, for the message.
 */
function exact(s: Scan, at: number, n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  let u = 0n;
  let shift = 0n;
  for (let pos = at; pos < s.end && pos < at + 10; pos++, shift += 7n) {
    const b = s.buf[pos] as number;
    u |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) break;
  }
  return String(u & 1n ? -(u >> 1n) - 1n : u >> 1n);
}

/** The size of the block count at `at` (negative when a byte size follows), as sent: see `exact`. */
function exactCount(s: Scan, at: number, count: number): string {
  const sent = exact(s, at, count);
  return sent.startsWith("-") ? sent.slice(1) : sent;
}

function eof(what: string, at: number): WalkFailure {
  return malformed(`premature end of input reading ${what}`, at);
}

function overflow(what: string, at: number): WalkFailure {
  return malformed(`${what} varint overflows ${what === "int" ? 32 : 64} bits`, at);
}

/** Decodes a validated UTF-8 key, for the path of a failure inside its value. */
function decodeKey(buf: Uint8Array, start: number, end: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString("utf8");
}
