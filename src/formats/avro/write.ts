import type { Type } from "avsc";
import { failOutputPastLimit, failSchema, type Path } from "../../errors.js";
import { writeFloat32LE, writeFloat64LE } from "../../float-bytes.js";
import { isForbiddenKey, isPlainRecord } from "../../keys.js";
import { utf8Length, writeUtf8 } from "../../utf8.js";
import { lengthIsTrue } from "../../views.js";
import { toAvsc } from "./normalise.js";
import type { Node } from "./tree.js";
import * as K from "./tree.js";

/** A compiled encoder: schema-valid plain value in, Avro binary out, as a plain Uint8Array. */
export type Encoder = (value: unknown) => Uint8Array;

/**
 * Tries safewire's own writer (see compileWriter) and falls back to avsc (see compileAvscEncoder) on any
 * value it does not plainly accept: avsc then writes it, or reports the error, exactly as before.
 */
export function compileEncoder(type: Type, root: Node, maxBytes = Number.POSITIVE_INFINITY): Encoder {
  const fast = compileWriter(root, maxBytes);
  const slow = compileAvscEncoder(type, root);
  return (value) => fast(value) ?? slow(value);
}

// ---------------------------------------------------------------------------------------------------
// The avsc path: toAvsc (Uint8Array → Buffer, lone surrogates and forbidden map keys refused) + avsc.

// One scratch buffer for every encode (encoding is synchronous: nothing else runs in between), instead of
// avsc's toBuffer: reading `.buffer` of the small Buffer it returns, to make a plain Uint8Array view,
// makes V8 move the bytes off the heap, which cost more than the whole encode.
const AVSC_SCRATCH_SIZE = 64 * 1024;
const AVSC_SCRATCH = new ArrayBuffer(AVSC_SCRATCH_SIZE);
const AVSC_SCRATCH_BUF = Buffer.from(AVSC_SCRATCH);
const AVSC_SCRATCH_BYTES = new Uint8Array(AVSC_SCRATCH);

// True while avsc writes into AVSC_SCRATCH: a getter that encodes meanwhile must not write over it.
let avscBusy = false;

/** The encoder through avsc: every value avsc accepts, and avsc's (or toAvsc's) error for the rest. */
export function compileAvscEncoder(type: Type, root: Node): Encoder {
  return (value) => {
    const v = toAvsc(root, value);
    if (avscBusy) return avscFresh(type, v);
    avscBusy = true;
    try {
      return avscScratch(type, v);
    } finally {
      avscBusy = false;
    }
  };
}

/** An encode from inside another's avsc encode (a getter): memory of its own, copied to a plain array. */
function avscFresh(type: Type, v: unknown): Uint8Array {
  let buf: Buffer;
  try {
    buf = type.toBuffer(v);
  } catch (err) {
    return refused(type, v, err);
  }
  return new Uint8Array(buf);
}

function avscScratch(type: Type, v: unknown): Uint8Array {
  let end: number;
  try {
    end = type.encode(v, AVSC_SCRATCH_BUF, 0);
  } catch (err) {
    return refused(type, v, err);
  }
  // A copy that owns exactly its bytes (not a slice of a shared pool, as Buffer.allocUnsafe would be).
  if (end >= 0) return AVSC_SCRATCH_BYTES.slice(0, end);
  // Too big for the scratch. avsc's writer skips every write past the end of its buffer but keeps
  // counting (so the pass above copied at most the scratch's worth of bytes), and says how many were
  // missing: the second pass writes into memory of exactly the right size, once. That memory is not
  // zero-filled first (Buffer.allocUnsafeSlow, not pooled): avsc writes every byte of it, contiguously,
  // which the returned length checks.
  const size = AVSC_SCRATCH_SIZE - end;
  const big = Buffer.allocUnsafeSlow(size);
  const written = type.encode(v, big, 0);
  if (written !== size) throw new Error(`avro encode wrote ${written} bytes, expected ${size}`);
  return new Uint8Array(big.buffer, big.byteOffset, size);
}

/** A type as the message names it: avsc's type name, a union by its branches ("union of null | map"). */
function avroTypeName(t: Type): string {
  const name = t.typeName.replace(/^abstract:/, "");
  if (name === "fixed") return `fixed of ${(t as Type & { size?: number }).size} bytes`;
  if (!name.startsWith("union:")) return name;
  const branches = (t as Type & { types?: readonly Type[] }).types ?? [];
  return `union of ${branches.map((b) => b.name ?? avroTypeName(b)).join(" | ")}`;
}

/**
 * avsc's refusal as a schema_violation with the path and the value at fault (avsc's own message names
 * neither, and fails to format a bigint), from its validator; avsc's error as it is where that finds nothing.
 */
function refused(type: Type, v: unknown, err: unknown): never {
  let found: { path: string[]; value: unknown; type: Type } | undefined;
  type.isValid(v, {
    errorHook: (path: string[], value: unknown, t: Type) => {
      found ??= { path: [...path], value, type: t };
    },
  });
  if (found === undefined) throw err;
  // avsc names array indices as strings: the value says where they are indices.
  const path: Path = [];
  let x: unknown = v;
  for (const seg of found.path) {
    const key = Array.isArray(x) ? Number(seg) : seg;
    path.push(key);
    x = typeof x === "object" && x !== null ? (x as Record<string, unknown>)[seg] : undefined;
  }
  return failSchema(`${describeValue(found.value)} is not a valid Avro ${avroTypeName(found.type)}`, path);
}

function describeValue(x: unknown): string {
  if (typeof x === "bigint") return `${x}n`;
  if (x === 0 && 1 / x < 0) return "-0";
  if (typeof x === "string") return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  if (x instanceof Uint8Array) return `a Uint8Array of ${x.length} bytes`;
  if (typeof x === "object" && x !== null) return Array.isArray(x) ? "an array" : "an object";
  return String(x);
}

// ---------------------------------------------------------------------------------------------------
// safewire's own writer.

/** Writes a value, or says (false) it is not one it plainly accepts. */
type WriteFn = (w: Out, v: unknown) => boolean;
/** The exact size of a value that the WriteFn accepts; any number for other values (the write refuses). */
type SizeFn = (v: unknown) => number;

interface Fns {
  write: WriteFn;
  size: SizeFn;
}

class Out {
  pos = 0;
  constructor(
    public buf: Uint8Array,
    public end: number,
  ) {}
}

/** Thrown (never out of compileWriter) when a write would pass the end of the buffer. */
const FULL = new Error("avro writer: out of room");

/** Outputs of at least this size are measured first and written once into memory of exactly their size. */
const BIG = 64 * 1024;
const SCRATCH = new Uint8Array(BIG);
/** The output would pass maxBytes (found while measuring it). */
const TOO_BIG = new Error("avro writer: past maxBytes");
/**
 * Arrays, maps and unions the size pass has met, and the most it may meet: each takes at least a byte
 * (a block count or terminator, a branch index), and a record that is none of them is bounded by its
 * schema, so a value whose objects are shared (`v = { a: [v, v] }` 30 times over) stops being measured
 * as the tree it encodes to (2^30 records) once its output is past maxBytes.
 */
let sizeVisits = 0;
let sizeCap = Number.POSITIVE_INFINITY;
function visit(): void {
  if (++sizeVisits > sizeCap) throw TOO_BIG;
}
const OUT = new Out(SCRATCH, BIG);
let busy = false;

/**
 * Compiles safewire's Avro binary writer: closures over the Node graph (no avsc, no Buffer, no generated
 * code) that write a plain value (see avroCodec for the mapping) byte for byte as toAvsc + avsc's
 * `type.encode` would. It returns undefined for anything it does not plainly accept (a wrong type, an int
 * out of range, an unknown symbol, a record field left undefined for a default, a lone surrogate, a
 * forbidden map key, an exotic object...): the caller then takes the avsc path, which writes it or
 * reports the error. Small outputs are written into a shared scratch and copied out at their exact size;
 * big ones (the previous output was big, or the scratch ran out) are measured first and written once into
 * memory of exactly their size.
 */
export function compileWriter(
  root: Node,
  maxBytes = Number.POSITIVE_INFINITY,
): (value: unknown) => Uint8Array | undefined {
  const { write, size } = fns(root, new Map());
  let predictBig = false;
  return (value) => {
    if (busy) return undefined; // a getter encoding from inside an encode: leave it to avsc
    busy = true;
    try {
      if (!predictBig) {
        const w = OUT;
        w.pos = 0;
        try {
          if (!write(w, value)) return undefined;
          return SCRATCH.slice(0, w.pos);
        } catch (err) {
          if (err !== FULL) throw err;
        }
      }
      sizeVisits = 0;
      sizeCap = maxBytes;
      let n: number;
      try {
        n = size(value);
      } finally {
        sizeCap = Number.POSITIVE_INFINITY;
      }
      predictBig = n >= BIG;
      if (!(n >= 0 && Number.isSafeInteger(n))) return undefined;
      // Not zero-filled (not pooled either): every byte is written, as the final position checks.
      const big = Buffer.allocUnsafeSlow(n);
      const bytes = new Uint8Array(big.buffer, big.byteOffset, n);
      const w = new Out(bytes, n);
      if (!write(w, value) || w.pos !== n) return undefined;
      return bytes;
    } catch (err) {
      // Refused as the codec refuses a longer output, without measuring (or handing avsc) the rest.
      if (err === TOO_BIG) failOutputPastLimit(maxBytes);
      // FULL from a value that changed between the passes, a throwing getter, a stack overflow on a
      // deep value: the avsc path does whatever it did before.
      return undefined;
    } finally {
      busy = false;
    }
  };
}

/**
 * Whether safewire's writer takes `value` as a `root`, on memory of its own (not the shared scratch, so it
 * may run at any time): a codec's construction checks field defaults with it (defaults.ts).
 */
export function writerAccepts(root: Node, value: unknown): boolean {
  const { write, size } = fns(root, new Map());
  try {
    const n = size(value);
    if (!(n >= 0 && Number.isSafeInteger(n))) return false;
    const w = new Out(new Uint8Array(n), n);
    return write(w, value) && w.pos === n;
  } catch {
    return false; // FULL (a value the size pass misjudged), a throwing getter, a stack overflow
  }
}

function fns(n: Node, memo: Map<Node, Fns>): Fns {
  const known = memo.get(n);
  if (known !== undefined) return known;
  // A recursive type goes through these forwarders until its own functions exist.
  let self: Fns | undefined;
  memo.set(n, {
    write: (w, v) => (self as Fns).write(w, v),
    size: (v) => (self as Fns).size(v),
  });
  self = build(n, memo);
  memo.set(n, self);
  return self;
}

function build(n: Node, memo: Map<Node, Fns>): Fns {
  switch (n.kind) {
    case K.NULL:
      return { write: (_w, v) => v === null, size: () => 0 };
    case K.BOOLEAN:
      return { write: writeBoolean, size: () => 1 };
    case K.INT:
      return { write: writeInt, size: sizeInt };
    case K.LONG:
      return { write: writeLong, size: sizeLong };
    case K.FLOAT:
      return { write: writeFloat, size: () => 4 };
    case K.DOUBLE:
      return { write: writeDouble, size: () => 8 };
    case K.BYTES:
      return { write: writeBytes, size: sizeBytes };
    case K.STRING:
      return { write: writeString, size: sizeString };
    case K.FIXED:
      return fixed(n.size);
    case K.ENUM:
      return enumeration(n.symbols);
    case K.ARRAY:
      return array(fns(n.items as Node, memo));
    case K.MAP:
      return map(fns(n.items as Node, memo));
    case K.RECORD:
      return record(n, memo);
    case K.UNION:
      return union(n, memo);
  }
}

// --- primitives ---

function need(w: Out, k: number): void {
  if (w.pos + k > w.end) throw FULL;
}

function writeBoolean(w: Out, v: unknown): boolean {
  if (typeof v !== "boolean") return false;
  need(w, 1);
  w.buf[w.pos++] = v ? 1 : 0;
  return true;
}

/** An unsigned varint of a non-negative integer below 2^53 (a zigzagged count, length or index). */
function writeVarint(w: Out, z: number): void {
  // Up to 8 bytes; near the end (an exact-size buffer), exactly as many as it takes.
  if (w.pos + 8 > w.end && w.pos + varintSize(z) > w.end) throw FULL;
  const buf = w.buf;
  let p = w.pos;
  if (z <= 0xffffffff) {
    while (z > 0x7f) {
      buf[p++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
  } else {
    while (z > 0x7f) {
      buf[p++] = (z % 128) | 0x80;
      z = Math.floor(z / 128);
    }
  }
  buf[p++] = z;
  w.pos = p;
}

function varintSize(z: number): number {
  let k = 1;
  while (z > 0x7f) {
    z = Math.floor(z / 128);
    k++;
  }
  return k;
}

/** Counts, lengths and indices: non-negative, zigzagged. */
function writeCount(w: Out, count: number): void {
  writeVarint(w, count * 2);
}

function isInt(v: unknown): v is number {
  // avsc's own test, but -0 (which avsc writes as 0) goes to the avsc path, which refuses it (normalise.ts).
  return typeof v === "number" && (v | 0) === v && (v !== 0 || 1 / v > 0);
}

function writeInt(w: Out, v: unknown): boolean {
  if (!isInt(v)) return false;
  writeVarint(w, ((v << 1) ^ (v >> 31)) >>> 0);
  return true;
}

function sizeInt(v: unknown): number {
  return isInt(v) ? varintSize(((v << 1) ^ (v >> 31)) >>> 0) : 0;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
// The two's complement halves of a long, through one shared word (no bigint arithmetic).
const I64 = new BigInt64Array(1);
const U32 = new Uint32Array(I64.buffer);
const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LE ? 0 : 1;
const HI = LE ? 1 : 0;

function isLong(v: unknown): v is bigint {
  return typeof v === "bigint" && v >= INT64_MIN && v <= INT64_MAX;
}

function writeLong(w: Out, v: unknown): boolean {
  if (!isLong(v)) return false;
  // Up to 10 bytes; near the end (an exact-size buffer), exactly as many as it takes.
  if (w.pos + 10 > w.end && w.pos + sizeLong(v) > w.end) throw FULL;
  I64[0] = v;
  const lo = U32[LO] as number;
  const hi = U32[HI] as number;
  const sign = hi >> 31; // 0 or -1
  // zigzag: (v << 1) ^ (v >> 63), in two unsigned halves
  let zlo = ((lo << 1) ^ sign) >>> 0;
  let zhi = (((hi << 1) | (lo >>> 31)) ^ sign) >>> 0;
  const buf = w.buf;
  let p = w.pos;
  while (zhi !== 0 || zlo > 0x7f) {
    buf[p++] = (zlo & 0x7f) | 0x80;
    zlo = ((zlo >>> 7) | (zhi << 25)) >>> 0;
    zhi >>>= 7;
  }
  buf[p++] = zlo;
  w.pos = p;
  return true;
}

function sizeLong(v: unknown): number {
  if (!isLong(v)) return 0;
  I64[0] = v;
  const lo = U32[LO] as number;
  const hi = U32[HI] as number;
  const sign = hi >> 31;
  let zlo = ((lo << 1) ^ sign) >>> 0;
  let zhi = (((hi << 1) | (lo >>> 31)) ^ sign) >>> 0;
  let k = 1;
  while (zhi !== 0 || zlo > 0x7f) {
    zlo = ((zlo >>> 7) | (zhi << 25)) >>> 0;
    zhi >>>= 7;
    k++;
  }
  return k;
}

// Floats as Node's Buffer#writeFloatLE (avsc's) writes them: see ../../float-bytes.ts.
function writeFloat(w: Out, v: unknown): boolean {
  // A value float32 does not hold exactly goes to the avsc path, which refuses it (normalise.ts).
  if (typeof v !== "number" || (Math.fround(v) !== v && !Number.isNaN(v))) return false;
  need(w, 4);
  w.pos = writeFloat32LE(w.buf, w.pos, v);
  return true;
}

function writeDouble(w: Out, v: unknown): boolean {
  if (typeof v !== "number") return false;
  need(w, 8);
  w.pos = writeFloat64LE(w.buf, w.pos, v);
  return true;
}

/** Raw bytes, with no length. */
function copyBytes(w: Out, v: Uint8Array): void {
  const len = v.length;
  need(w, len);
  const buf = w.buf;
  const p = w.pos;
  if (len <= 16) {
    for (let i = 0; i < len; i++) buf[p + i] = v[i] as number;
  } else {
    buf.set(v, p);
  }
  w.pos = p + len;
}

/**
 * A view of a detached ArrayBuffer (transferred away) reads as empty; toAvsc's Buffer.from over it throws.
 * Checked on empty views only.
 */
function isDetached(v: Uint8Array): boolean {
  try {
    new Uint8Array(v.buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

function writeBytes(w: Out, v: unknown): boolean {
  // A Buffer is a Uint8Array: the same bytes.
  if (!(v instanceof Uint8Array) || (v.length === 0 && isDetached(v)) || !lengthIsTrue(v)) return false;
  writeCount(w, v.length);
  copyBytes(w, v);
  return true;
}

function sizeBytes(v: unknown): number {
  return v instanceof Uint8Array ? varintSize(v.length * 2) + v.length : 0;
}

function fixed(size: number): Fns {
  return {
    write: (w, v) => {
      if (
        !(v instanceof Uint8Array) ||
        v.length !== size ||
        (size === 0 && isDetached(v)) ||
        !lengthIsTrue(v)
      )
        return false;
      copyBytes(w, v);
      return true;
    },
    size: () => size,
  };
}

function enumeration(symbols: readonly string[]): Fns {
  const index = new Map<string, number>(symbols.map((s, i) => [s, i]));
  return {
    write: (w, v) => {
      const i = typeof v === "string" ? index.get(v) : undefined;
      if (i === undefined) return false;
      writeCount(w, i);
      return true;
    },
    size: (v) => varintSize(2 * ((typeof v === "string" ? index.get(v) : undefined) ?? 0)),
  };
}

// --- strings ---

function writeString(w: Out, v: unknown): boolean {
  if (typeof v !== "string") return false;
  return writeText(w, v);
}

function sizeString(v: unknown): number {
  if (typeof v !== "string") return 0;
  const len = utf8Length(v);
  return varintSize(len * 2) + len;
}

/** A string as length + UTF-8; false when it is not well-formed UTF-16 (a lone surrogate). */
function writeText(w: Out, s: string): boolean {
  const n = s.length;
  // Fewer than 64 ASCII characters: a one-byte length, and the characters as they are.
  if (n < 64) {
    need(w, 1 + n);
    const buf = w.buf;
    const p = w.pos + 1;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      buf[p + i] = c;
    }
    if (i === n) {
      buf[p - 1] = n << 1;
      w.pos = p + n;
      return true;
    }
  }
  const len = utf8Length(s);
  if (len < 0) return false;
  writeCount(w, len);
  need(w, len);
  w.pos = writeUtf8(w.buf, w.pos, s, len);
  return true;
}

function textSize(s: string): number {
  const len = utf8Length(s);
  return varintSize(len * 2) + len;
}

// --- containers ---

/** A map or record value as avsc takes it: an object, not an array, a Uint8Array or another view. */
function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

function array(item: Fns): Fns {
  const writeItem = item.write;
  const sizeItem = item.size;
  return {
    write: (w, v) => {
      if (!Array.isArray(v)) return false;
      const count = v.length;
      if (count !== 0) {
        writeCount(w, count);
        for (let i = 0; i < count; i++) if (!writeItem(w, v[i])) return false;
      }
      need(w, 1);
      w.buf[w.pos++] = 0;
      return true;
    },
    size: (v) => {
      visit();
      if (!Array.isArray(v)) return 0;
      const count = v.length;
      if (count === 0) return 1;
      let sum = varintSize(count * 2) + 1;
      for (let i = 0; i < count; i++) sum += sizeItem(v[i]);
      return sum;
    },
  };
}

/** A plain record as a map; a `__proto__`, `constructor` or `prototype` key is left for toAvsc to refuse. */
function map(values: Fns): Fns {
  const writeValue = values.write;
  const sizeValue = values.size;
  return {
    write: (w, v) => {
      if (!isPlainRecord(v)) return false; // a Map would go out empty: toAvsc refuses it
      const keys = Object.keys(v);
      const count = keys.length;
      if (count !== 0) {
        writeCount(w, count);
        for (let i = 0; i < count; i++) {
          const key = keys[i] as string;
          if (isForbiddenKey(key) || !writeText(w, key) || !writeValue(w, v[key])) return false;
        }
      }
      need(w, 1);
      w.buf[w.pos++] = 0;
      return true;
    },
    size: (v) => {
      visit();
      if (!isPlainRecord(v)) return 0;
      const keys = Object.keys(v);
      const count = keys.length;
      if (count === 0) return 1;
      let sum = varintSize(count * 2) + 1;
      for (let i = 0; i < count; i++) {
        const key = keys[i] as string;
        sum += textSize(key) + sizeValue(v[key]);
      }
      return sum;
    },
  };
}

function record(n: Node, memo: Map<Node, Fns>): Fns {
  const names = n.fields.map((f) => f.name);
  const parts = n.fields.map((f) => fns(f.node, memo));
  const writes = parts.map((p) => p.write);
  const sizes = parts.map((p) => p.size);
  const count = names.length;
  return {
    write: (w, v) => {
      if (!isObject(v)) return false;
      for (let i = 0; i < count; i++) {
        const name = names[i] as string;
        const x = v[name];
        // undefined: avsc would write the field's default, or refuse it.
        if (x === undefined || !(writes[i] as WriteFn)(w, x)) return false;
      }
      return true;
    },
    size: (v) => {
      if (!isObject(v)) return 0;
      let sum = 0;
      for (let i = 0; i < count; i++) sum += (sizes[i] as SizeFn)(v[names[i] as string]);
      return sum;
    },
  };
}

/**
 * An unwrapped union: the value's kind picks the branch, as avsc picks it (one branch per kind: null,
 * boolean, int/float/double, long (bigint), string/enum, bytes/fixed, array, map/record). -1 when it is
 * not plainly one of them.
 */
function union(n: Node, memo: Map<Node, Fns>): Fns {
  const branches = n.branches.map((b) => fns(b, memo));
  const find = (...kinds: number[]): number => n.branches.findIndex((b) => kinds.includes(b.kind));
  const ifNull = find(K.NULL);
  const ifBoolean = find(K.BOOLEAN);
  const ifNumber = find(K.INT, K.FLOAT, K.DOUBLE);
  const ifBigint = find(K.LONG);
  const ifString = find(K.STRING, K.ENUM);
  const ifBinary = find(K.BYTES, K.FIXED);
  const ifArray = find(K.ARRAY);
  const ifObject = find(K.MAP, K.RECORD);
  const pick = (v: unknown): number => {
    switch (typeof v) {
      case "boolean":
        return ifBoolean;
      case "number":
        return ifNumber;
      case "bigint":
        return ifBigint;
      case "string":
        return ifString;
      case "object":
        if (v === null) return ifNull;
        if (Array.isArray(v)) return ifArray;
        if (v instanceof Uint8Array) return ifBinary;
        return ArrayBuffer.isView(v) ? -1 : ifObject;
      default:
        return -1;
    }
  };
  return {
    write: (w, v) => {
      const i = pick(v);
      if (i < 0) return false;
      writeCount(w, i);
      return (branches[i] as Fns).write(w, v);
    },
    size: (v) => {
      visit();
      const i = pick(v);
      return i < 0 ? 0 : varintSize(i * 2) + (branches[i] as Fns).size(v);
    },
  };
}
