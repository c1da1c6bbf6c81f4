import { type Clone, cloneSite } from "../../clone.js";
import { OTHER_SHAPE, type ReadField, type ReadShape } from "../../fastcheck.js";
import { DEFAULT_LIMITS } from "../../limits.js";
import { readText } from "../../text.js";
import { malformed, rethrow, unwind } from "./fail.js";
import { Scan } from "./prescan.js";
import type { Node } from "./tree.js";
import * as K from "./tree.js";

/** Read state: the prescan's (one shape for every walk); the reader uses `buf`, `pos` and `memory`. */
type Reader = Scan;

type ReadFn = (r: Reader) => unknown;

/** A compiled decoder of one Avro type. */
export type Decoder = (bytes: Uint8Array) => unknown;

/**
 * Compiles a decoder of prescanned Avro binary into plain values: records and maps are plain objects
 * (Object.prototype), long is bigint, bytes and fixed are Uint8Array views into the input (no copy),
 * unions are unwrapped. The prescan has checked every length, count, index and string, so nothing is
 * re-checked here. Not avsc's reader: it copies bytes into a shared pool, builds class instances and
 * refuses longs past 2^53. Closures, not generated code: safewire never evaluates strings.
 */
export function compileDecoder(root: Node): Decoder {
  const readRoot = reader(root, new Map());
  return (bytes) => {
    try {
      return readRoot(new Scan(bytes, DEFAULT_LIMITS));
    } catch (err) {
      return rethrow(err);
    }
  };
}

function reader(n: Node, memo: Map<Node, ReadFn>): ReadFn {
  return K.compiledWalk(n, memo, (m) => build(m, memo));
}

function build(n: Node, memo: Map<Node, ReadFn>): ReadFn {
  switch (n.kind) {
    case K.NULL:
      return () => null;
    case K.BOOLEAN:
      return (r) => r.buf[r.pos++] === 1;
    case K.INT:
      return readInt;
    case K.LONG:
      return readLong;
    case K.FLOAT:
      return readFloat;
    case K.DOUBLE:
      return readDouble;
    case K.BYTES:
      return (r) => binary(r, readCount(r));
    case K.STRING:
      return readString;
    case K.FIXED: {
      const size = n.size;
      return (r) => binary(r, size);
    }
    case K.ENUM: {
      const symbols = n.symbols;
      return (r) => symbols[readCount(r)];
    }
    case K.UNION: {
      const branches = n.branches.map((b) => reader(b, memo));
      return (r) => (branches[readCount(r)] as ReadFn)(r);
    }
    case K.ARRAY:
      return arrayReader(reader(n.items as Node, memo));
    case K.MAP:
      return mapReader(reader(n.items as Node, memo));
    case K.RECORD:
      return recordReader(n, memo);
  }
}

/** How the records of one type are made: see `recordTemplate`. */
export interface RecordTemplate {
  readonly names: readonly string[];
  readonly template: Readonly<Record<string, unknown>>;
  readonly clone: Clone;
}

const TEMPLATES = new WeakMap<Node, RecordTemplate>();

/**
 * Copying a template with every field makes all records of a type share one shape, without the shape
 * transitions of adding properties one by one; each type at a clone site of its own (see ../../clone.ts),
 * one per type for both readers (this one and read-checked.ts), so that they take one site, not two.
 * Never "__proto__": compile() refuses it.
 */
export function recordTemplate(n: Node): RecordTemplate {
  let t = TEMPLATES.get(n);
  if (t === undefined) {
    const names = n.fields.map((f) => f.name);
    const template: Record<string, unknown> = {};
    for (const name of names) template[name] = undefined;
    t = { names, template, clone: cloneSite() };
    TEMPLATES.set(n, t);
  }
  return t;
}

function recordReader(n: Node, memo: Map<Node, ReadFn>): ReadFn {
  const { names, template, clone } = recordTemplate(n);
  const reads = n.fields.map((f) => reader(f.node, memo));
  const count = names.length;
  return (r) => {
    const out = clone(template);
    let i = 0;
    try {
      for (; i < count; i++) out[names[i] as string] = (reads[i] as ReadFn)(r);
    } catch (err) {
      throw unwind(err, names[i] as string);
    }
    return out;
  };
}

function arrayReader(item: ReadFn): ReadFn {
  return (r) => {
    const out: unknown[] = [];
    try {
      for (let count = readCount(r); count !== 0; count = readCount(r)) {
        if (count < 0) {
          count = -count;
          skipVarint(r); // the block's byte size, checked by the prescan
        }
        while (count-- > 0) out.push(item(r));
      }
    } catch (err) {
      throw unwind(err, out.length);
    }
    return out;
  };
}

function mapReader(values: ReadFn): ReadFn {
  return (r) => {
    // A plain object: the prescan refused __proto__, constructor and prototype keys.
    const out: Record<string, unknown> = {};
    let key = "";
    try {
      for (let count = readCount(r); count !== 0; count = readCount(r)) {
        if (count < 0) {
          count = -count;
          skipVarint(r);
        }
        while (count-- > 0) {
          const at = r.pos;
          key = readString(r);
          // Readers disagree on which of two equal keys wins; a message that relies on it is refused.
          // (No value reads as undefined, so only a defined one can be a key seen before.)
          if (out[key] !== undefined && Object.hasOwn(out, key)) {
            throw malformed(`map key "${key}" appears twice`, at);
          }
          out[key] = values(r);
        }
      }
    } catch (err) {
      throw unwind(err, key);
    }
    return out;
  };
}

export function binary(r: Reader, len: number): Uint8Array {
  const start = r.pos;
  r.pos += len;
  if (r.memory === null) r.memory = r.buf.buffer;
  // A view, never a copy, and never a Buffer even when the input is one.
  return new Uint8Array(r.memory, r.buf.byteOffset + start, len);
}

function readString(r: Reader): string {
  const len = readCount(r);
  const start = r.pos;
  r.pos = start + len;
  return readText(r.buf, start, len);
}

// Floats go through one shared scratch word, not a DataView per message. The scratch arrays use the
// platform's byte order, so a big-endian platform fills them the other way round.
const F32 = new Float32Array(1);
const F64 = new Float64Array(1);
const F32_BYTES = new Uint8Array(F32.buffer);
const F64_BYTES = new Uint8Array(F64.buffer);
const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function readFloat(r: Reader): number {
  const buf = r.buf;
  const p = r.pos;
  r.pos = p + 4;
  const b = F32_BYTES;
  if (LE) {
    b[0] = buf[p] as number;
    b[1] = buf[p + 1] as number;
    b[2] = buf[p + 2] as number;
    b[3] = buf[p + 3] as number;
  } else for (let i = 0; i < 4; i++) b[3 - i] = buf[p + i] as number;
  return F32[0] as number;
}

export function readDouble(r: Reader): number {
  const buf = r.buf;
  const p = r.pos;
  r.pos = p + 8;
  const b = F64_BYTES;
  if (LE) {
    b[0] = buf[p] as number;
    b[1] = buf[p + 1] as number;
    b[2] = buf[p + 2] as number;
    b[3] = buf[p + 3] as number;
    b[4] = buf[p + 4] as number;
    b[5] = buf[p + 5] as number;
    b[6] = buf[p + 6] as number;
    b[7] = buf[p + 7] as number;
  } else for (let i = 0; i < 8; i++) b[7 - i] = buf[p + i] as number;
  return F64[0] as number;
}

export function readInt(r: Reader): number {
  const buf = r.buf;
  let b = buf[r.pos++] as number;
  let n = b & 0x7f;
  for (let shift = 7; b >= 0x80; shift += 7) {
    b = buf[r.pos++] as number;
    n |= (b & 0x7f) << shift; // at most 5 bytes and 32 bits: the prescan checked
  }
  return (n >>> 1) ^ -(n & 1);
}

/** Counts, lengths and indices: the prescan bounded them, so a number is exact. */
function readCount(r: Reader): number {
  const buf = r.buf;
  let b = buf[r.pos++] as number;
  if (b < 0x80) return (b >>> 1) ^ -(b & 1);
  let u = b & 0x7f;
  for (let scale = 128; b >= 0x80; scale *= 128) {
    b = buf[r.pos++] as number;
    u += (b & 0x7f) * scale;
  }
  return u % 2 === 1 ? -(u + 1) / 2 : u / 2;
}

function skipVarint(r: Reader): void {
  while ((r.buf[r.pos++] as number) >= 0x80) {}
}

/** An exact signed 64-bit zigzag long. */
export function readLong(r: Reader): bigint {
  const buf = r.buf;
  let b = buf[r.pos++] as number;
  let lo = b & 0x7f;
  let shift = 7;
  // The low 28 bits in int arithmetic: enough for most values.
  while (b >= 0x80 && shift < 28) {
    b = buf[r.pos++] as number;
    lo |= (b & 0x7f) << shift;
    shift += 7;
  }
  if (b < 0x80) return BigInt((lo >>> 1) ^ -(lo & 1));
  // The high 36 bits (the prescan allowed at most 10 bytes and 64 bits) fit a double exactly.
  let hi = 0;
  let scale = 1;
  do {
    b = buf[r.pos++] as number;
    hi += (b & 0x7f) * scale;
    scale *= 128;
  } while (b >= 0x80);
  if (hi < 2 ** 24) {
    // Under 2^52 unsigned: the zigzag is exact in doubles.
    const u = hi * 2 ** 28 + lo;
    return BigInt(u % 2 === 1 ? -(u + 1) / 2 : u / 2);
  }
  const u = (BigInt(hi) << 28n) | BigInt(lo);
  return (u >> 1n) ^ -(u & 1n);
}

/** What the reader makes of a primitive, where the decode check can rely on it (see LeafType). */
const LEAVES: Readonly<Record<number, ReadShape>> = Object.freeze({
  [K.BOOLEAN]: Object.freeze({ kind: "leaf", type: "bool" }),
  [K.LONG]: Object.freeze({ kind: "leaf", type: "int64" }),
  [K.BYTES]: Object.freeze({ kind: "leaf", type: "bytes" }),
  [K.FIXED]: Object.freeze({ kind: "leaf", type: "bytes" }),
  [K.STRING]: Object.freeze({ kind: "leaf", type: "string" }),
  [K.ENUM]: Object.freeze({ kind: "leaf", type: "string" }),
});

/**
 * The shapes compileDecoder's values have (see ReadShape): a record is a plain object with its fields in
 * order, a map a plain object whose keys the prescan checked, an array an array; a union promises nothing.
 */
export function readShape(n: Node, memo: Map<Node, ReadShape> = new Map()): ReadShape {
  const known = memo.get(n);
  if (known !== undefined) return known;
  switch (n.kind) {
    case K.RECORD: {
      const fields: ReadField[] = [];
      const shape: ReadShape = { kind: "object", fields };
      memo.set(n, shape); // before the fields: a recursive record refers to itself
      for (const f of n.fields) fields.push({ name: f.name, shape: readShape(f.node, memo), always: true });
      return shape;
    }
    case K.MAP: {
      const shape = { kind: "record", values: OTHER_SHAPE } as { kind: "record"; values: ReadShape };
      memo.set(n, shape);
      shape.values = readShape(n.items as Node, memo);
      return shape;
    }
    case K.ARRAY: {
      const shape = { kind: "array", items: OTHER_SHAPE } as { kind: "array"; items: ReadShape };
      memo.set(n, shape);
      shape.items = readShape(n.items as Node, memo);
      return shape;
    }
    default:
      return LEAVES[n.kind] ?? OTHER_SHAPE;
  }
}
