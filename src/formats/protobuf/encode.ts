import type { Field, MapField, Type } from "protobufjs";
import protobuf from "protobufjs/minimal.js";
import { failOutputPastLimit } from "../../errors.js";
import { writeFloat32LE, writeFloat64LE } from "../../float-bytes.js";
import { isForbiddenKey, isPlainRecord, isRecordLike } from "../../keys.js";
import type { Limits } from "../../limits.js";
import { utf8Length, writeUtf8 } from "../../utf8.js";
import { lengthIsTrue } from "../../views.js";
import { toWire } from "./normalise.js";
import type { FieldInfo, MessageTable, ValueType } from "./tables.js";
import * as tables from "./tables.js";

// Copied once into module constants (see prescan.ts: imported-name reads can be getter calls).
const { F_MAP, F_REPEATED, F_SINGLE, V_INT32, V_INT64, V_UINT32, W_GROUP } = tables;

/*
 * The table-driven encoder: a schema-valid plain value straight to protobuf bytes, without protobufjs
 * and without generated code. Its output is exactly what `toWire` (normalise.ts) followed by
 * protobufjs' encoder (static class or reflection, into `encodeScratch` / `encodePresized`) writes for
 * the same value, and it accepts exactly the values `toWire` accepts:
 *
 * - Two passes. The size pass walks the value in field-number order, checks everything `toWire`
 *   checks (types, ranges, closed enums' numbers, unknown keys, oneofs, map keys, maxDepth,
 *   maxArrayLength, maxMapEntries, maxBinaryBytes), sizes every field, and records what the write pass needs in two flat arrays, in
 *   the order the write pass consumes them: `vals`, each field's value as protobufjs would see it
 *   (undefined where protobufjs writes nothing), and `lens`, the length of every length-delimited
 *   thing (submessages, map entries, strings, packed runs). The write pass then writes into one
 *   allocation of exactly the size: binaries are copied once, lengths are written up front.
 * - What protobufjs writes and skips: fields in field-number order; implicit-presence scalars only
 *   when not their default (0, 0n, false, "", empty bytes, the enum's type default; floats and doubles
 *   by Object.is, so -0 and NaN are written); fields with presence (messages, proto3 `optional`, oneof
 *   members, proto2 optional) whenever set; repeated fields when non-empty, packed or not as declared;
 *   map entries with both key and value always written, in Object.keys order. Where `toWire` passes
 *   the value itself to protobufjs (tables without 64-bit, message or map fields), protobufjs only
 *   writes own properties for singular and map fields, and any property for repeated ones: so does
 *   this encoder.
 * - Errors: the checks here only detect that a value is refused, in whatever order the size pass
 *   meets the problem; `toWire` is then run on the value to throw its own error (the first in
 *   declaration order, with its message and path), so refusals are the old path's by construction.
 *   protobufjs' recursion limit (a message nested deeper than `util.recursionLimit`, reachable only with
 *   maxDepth above it) is thrown as protobufjs throws it, after the checks.
 *
 * The encoder returns undefined, and the caller encodes the old way, where it would differ from
 * protobufjs: a value that changes between the two passes (getters), or a check here refusing what
 * `toWire` accepts (a bug).
 *
 * `compileEncoder` returns undefined for message types it does not emulate: groups (delimited
 * encoding), required fields, extension fields, map key types outside the protobuf set, enum fields
 * whose type default is not a number.
 */

/** An encoder of schema-valid plain values, or undefined where it leaves the encoding to protobufjs. */
export type TableEncoder = (value: unknown, limits: Readonly<Limits>) => Uint8Array | undefined;

// How one value is written.
const E_INT32 = 0; // int32, enum
const E_UINT32 = 1;
const E_SINT32 = 2;
const E_FIXED32 = 3; // fixed32, sfixed32
const E_FLOAT = 4;
const E_DOUBLE = 5;
const E_BOOL = 6;
const E_INT64 = 7; // int64, uint64
const E_SINT64 = 8;
const E_FIXED64 = 9; // fixed64, sfixed64
const E_STRING = 10;
const E_BYTES = 11;
const E_MESSAGE = 12;

const ENCS: Readonly<Record<string, number>> = {
  int32: E_INT32,
  enum: E_INT32,
  uint32: E_UINT32,
  sint32: E_SINT32,
  fixed32: E_FIXED32,
  sfixed32: E_FIXED32,
  float: E_FLOAT,
  double: E_DOUBLE,
  bool: E_BOOL,
  int64: E_INT64,
  uint64: E_INT64,
  sint64: E_SINT64,
  fixed64: E_FIXED64,
  sfixed64: E_FIXED64,
  string: E_STRING,
  bytes: E_BYTES,
  message: E_MESSAGE,
};

// How a map key (a record's string key) is checked and written.
const MK_STRING = 0;
const MK_BOOL = 1;
const MK_INT32 = 2; // int32, sint32, sfixed32
const MK_UINT32 = 3; // uint32, fixed32
const MK_INT64 = 4; // int64, sint64, sfixed64
const MK_UINT64 = 5; // uint64, fixed64

const MAP_KEYS: Readonly<Record<string, number>> = {
  string: MK_STRING,
  bool: MK_BOOL,
  int32: MK_INT32,
  sint32: MK_INT32,
  sfixed32: MK_INT32,
  uint32: MK_UINT32,
  fixed32: MK_UINT32,
  int64: MK_INT64,
  sint64: MK_INT64,
  sfixed64: MK_INT64,
  uint64: MK_UINT64,
  fixed64: MK_UINT64,
};

// Field kinds.
const K_IMPLICIT = 0; // singular without presence: skipped at its default
const K_PRESENT = 1; // singular with presence (messages included): written whenever set
const K_PACKED = 2;
const K_UNPACKED = 3;
const K_MAP = 4;

interface EField {
  readonly name: string;
  readonly kind: number;
  /** How one value (a map's value) is written. */
  readonly enc: number;
  /** The table's check (V_*): tells signed from unsigned where `enc` does not. */
  readonly check: number;
  /** The tag as a varint value, and its size. */
  readonly tag: number;
  readonly tagSize: number;
  /** Implicit scalars: the value protobufjs leaves out (the enum's type default; 0 for the rest). */
  readonly dflt: number;
  /** Whether it is written only when an own property (singular and map fields of a table toWire does not copy). */
  readonly ownOnly: boolean;
  /** A closed enum's values (or a map's closed-enum values): the only numbers toWire takes. */
  readonly closed: ReadonlySet<number> | null;
  /** Message values: their plan (filled after construction, types may recurse). */
  msg: EMessage | null;
  // Maps only.
  readonly keyKind: number;
  readonly keyEnc: number;
  /** Tag of the entry's key (field 1) and value (field 2). */
  readonly keyTag: number;
  readonly valTag: number;
}

interface EMessage {
  readonly table: MessageTable;
  /** Declaration order (the unknown-key check's fast path). */
  readonly names: readonly string[];
  /** Field-number order (what protobufjs writes in). */
  readonly fields: readonly EField[];
  /** Oneofs with two or more members: their members' names. */
  readonly oneofs: readonly (readonly string[])[];
  /** toWire hands the value itself to protobufjs (no copy): it reads own properties only. */
  readonly own: boolean;
}

/** Per-encode records, taken (not shared) while in use so that an encode that re-enters gets its own. */
interface State {
  lens: number[];
  vals: unknown[];
  /** Records made by the size pass (the arrays are kept between encodes, and may be longer). */
  ln: number;
  vn: number;
  /** Records read by the write pass. */
  li: number;
  vi: number;
  limits: Readonly<Limits>;
  /** Deepest message nesting seen (the top message is 0), for protobufjs' recursion limit. */
  maxQ: number;
  /**
   * Strings up to ASSUME_ASCII characters are sized as ASCII (one byte a character) without scanning
   * them; the write pass checks that they are and throws RETRY when one is not. Then the encode starts
   * over measuring every string, and so do the next few encodes (see shortStrings).
   */
  ascii: boolean;
}

/** A value `toWire` refuses: it is run to throw its own error. */
const BAIL = new Error("safewire: protobuf encode check failed");
/** A string sized as ASCII is not: the encode starts over, measuring strings (see State.ascii). */
const RETRY = new Error("safewire: protobuf encode retry");
/** Strings up to this many characters are sized as ASCII first (see State.ascii). */
const ASSUME_ASCII = 48;
/**
 * @internal How short strings are sized: as ASCII first (`assumeAscii`), and after an encode had to start
 * over, exactly for the next `exactAfterRetry` encodes, so that messages with short non-ASCII strings do
 * not pay twice. The tests set both ways.
 */
export const shortStrings = { assumeAscii: true, exactAfterRetry: 256 };
let exactEncodes = 0;
/** The write pass disagrees with the size pass (the value changed): the caller encodes the old way. */
const MISMATCH = new Error("safewire: protobuf encode size mismatch");

const hasOwn = Object.prototype.hasOwnProperty;
const pbUtil = protobuf.util as unknown as { recursionLimit: number };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const DECIMAL = /^-?(?:0|[1-9][0-9]*)$/;

// Scratch for 64-bit conversions (the same typed-array conversion protobufjs uses).
const I64 = new BigInt64Array(1);
const I64_U32 = new Uint32Array(I64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Outputs at least this big are allocated without zero-filling (every byte is written, which is checked). */
const UNSAFE_ALLOC_BYTES = 4096;
/** Record arrays longer than this are not kept between encodes. */
const KEEP_RECORDS = 1 << 16;
/** protobufjs writes packed floats and doubles through a DataView from this many elements (same bits). */
const VIEW_THRESHOLD_FLOAT = 16;

// A 64-bit value as two unsigned 32-bit halves: set by longBits / setBits, read by the sizers and writers.
let LO = 0;
let HI = 0;

// ---- compile ----

const cache = new WeakMap<MessageTable, TableEncoder | null>();

/**
 * The encoder for `table`, compiled from `compileTables(type)` (`type` is the same reflection Type:
 * packed flags, required fields and enum defaults are read from it), or undefined when the message (or
 * one it reaches) uses something the encoder does not emulate exactly. Cached per table.
 */
export function compileEncoder(table: MessageTable, type: Type): TableEncoder | undefined {
  let hit = cache.get(table);
  if (hit === undefined) {
    hit = null;
    try {
      const root = buildMessage(table, type, new Map());
      if (root !== null) hit = (value, limits) => encodeRoot(root, value, limits);
    } catch {
      hit = null; // anything unexpected in the reflection: protobufjs encodes
    }
    cache.set(table, hit);
  }
  return hit ?? undefined;
}

function buildMessage(t: MessageTable, type: Type, made: Map<MessageTable, EMessage>): EMessage | null {
  const known = made.get(t);
  if (known !== undefined) return known;
  const raw = type.fieldsArray;
  if (raw.length !== t.fields.length || type.fullName.replace(/^\./, "") !== t.name) return null;
  const fields: EField[] = [];
  const m: EMessage = {
    table: t,
    names: t.fields.map((f) => f.name),
    fields,
    oneofs: t.oneofs.map((o) => o.fields.map((f) => f.name)),
    own: !t.convertOnWrite,
  };
  made.set(t, m);
  const nested: [EField, MessageTable, Type][] = [];
  for (let i = 0; i < t.fields.length; i++) {
    const info = t.fields[i] as FieldInfo;
    const field = (raw[i] as Field).resolve();
    if (field.name !== info.name || field.id !== info.id) return null;
    if (field.required || field.declaringField !== null || field.extensionField !== null) return null;
    const vt = info.value;
    const enc = ENCS[vt.type];
    if (enc === undefined || vt.walk === W_GROUP || vt.wire === 3 || field.delimited) return null;
    if (enc === E_MESSAGE && (vt.message === null || !isTypeLike(field.resolvedType))) return null;
    let kind: number;
    let wire = vt.wire;
    let keyKind = -1;
    let keyEnc = -1;
    let keyTag = 0;
    let dflt = 0;
    if (info.kind === F_MAP) {
      const key = info.key as ValueType;
      const keyType = (field as unknown as MapField).keyType;
      const kk = MAP_KEYS[keyType];
      if (kk === undefined || key.type !== keyType || ENCS[keyType] === undefined) return null;
      kind = K_MAP;
      keyKind = kk;
      keyEnc = ENCS[keyType] as number;
      keyTag = 8 | key.wire;
      wire = 2;
    } else if (info.kind === F_REPEATED) {
      kind = info.packable && field.packed ? K_PACKED : K_UNPACKED;
      if (kind === K_PACKED) wire = 2;
    } else if (info.kind === F_SINGLE) {
      kind = info.presence ? K_PRESENT : K_IMPLICIT;
      if (kind === K_IMPLICIT && vt.type === "enum") {
        if (typeof field.typeDefault !== "number") return null;
        dflt = field.typeDefault;
      }
    } else return null;
    const tag = ((info.id << 3) | wire) >>> 0;
    const ef: EField = {
      name: info.name,
      kind,
      enc,
      check: vt.check,
      tag,
      tagSize: varint32Size(tag),
      dflt,
      ownOnly: m.own && kind !== K_PACKED && kind !== K_UNPACKED,
      closed: vt.closed === null ? null : vt.closed.values,
      msg: null,
      keyKind,
      keyEnc,
      keyTag,
      valTag: 16 | vt.wire,
    };
    if (enc === E_MESSAGE) nested.push([ef, vt.message as MessageTable, field.resolvedType as Type]);
    fields.push(ef);
  }
  // protobufjs writes in field-number order (a stable sort: numbers are unique).
  const order = t.fields.map((f, i) => [f.id, i] as const).sort((a, b) => a[0] - b[0]);
  const sorted = order.map(([, i]) => fields[i] as EField);
  fields.length = 0;
  fields.push(...sorted);
  for (const [ef, mt, mtype] of nested) {
    const sub = buildMessage(mt, mtype, made);
    if (sub === null) return null;
    ef.msg = sub;
  }
  return m;
}

function isTypeLike(x: unknown): x is Type {
  return typeof x === "object" && x !== null && "fieldsArray" in x;
}

// ---- encode ----

let shared: State | null = null;

function encodeRoot(root: EMessage, value: unknown, limits: Readonly<Limits>): Uint8Array | undefined {
  const ascii = shortStrings.assumeAscii && exactEncodes === 0;
  if (exactEncodes > 0) exactEncodes--;
  const out = encodeOnce(root, value, limits, ascii);
  if (out !== null) return out;
  // A short string sized as ASCII was not: again, measuring strings, as for the next few encodes.
  exactEncodes = shortStrings.exactAfterRetry;
  return encodeOnce(root, value, limits, false) ?? undefined;
}

/**
 * An empty array for `State.vals` that is already of V8's generic elements kind. A `[]` whose first
 * stores are numbers keeps them as raw doubles, and V8 rewrites a NaN on its way in (canonical NaN on the
 * first, quieted after): a NaN double's sign and payload would not reach the wire.
 */
function anyValues(): unknown[] {
  const a: unknown[] = [undefined];
  a.length = 0;
  return a;
}

/** One encode: the bytes, undefined where the caller encodes the old way, null to start over (RETRY). */
function encodeOnce(
  root: EMessage,
  value: unknown,
  limits: Readonly<Limits>,
  ascii: boolean,
): Uint8Array | undefined | null {
  const s: State = shared ?? {
    lens: [],
    vals: anyValues(),
    ln: 0,
    vn: 0,
    li: 0,
    vi: 0,
    limits,
    maxQ: 0,
    ascii,
  };
  shared = null;
  s.ascii = ascii;
  s.limits = limits;
  s.maxQ = 0;
  s.ln = 0;
  s.vn = 0;
  let writing = false;
  try {
    const size = sizeMessage(s, root, value, 1, 0);
    // protobufjs checks its recursion limit as it writes, after toWire has accepted the value.
    if (s.maxQ > pbUtil.recursionLimit) throw new Error("max depth exceeded");
    const buf = size >= UNSAFE_ALLOC_BYTES ? allocUnsafe(size) : new Uint8Array(size);
    s.li = 0;
    s.vi = 0;
    writing = true;
    const end = writeMessage(s, root, buf, 0);
    if (end !== size || s.li !== s.ln || s.vi !== s.vn) return undefined;
    return buf;
  } catch (err) {
    if (err === RETRY && ascii) return null;
    if (err === BAIL) {
      // toWire words the refusal (the first problem in its order); if it accepts, the old path encodes.
      toWire(root.table, value, [], limits, 1);
      return undefined;
    }
    // In the write pass, anything thrown (a write past the end, say) means the value changed under it.
    if (writing || err === MISMATCH) return undefined;
    throw err;
  } finally {
    // Cleared so that no value (a 10 MB binary, say) is kept alive by the scratch; kept for the next
    // encode unless it grew big.
    if (s.vals.length > KEEP_RECORDS) {
      s.vals = anyValues();
      s.lens = [];
    } else {
      const vals = s.vals;
      for (let i = 0, n = s.vn; i < n; i++) vals[i] = undefined;
    }
    shared = s;
  }
}

/** Writes `s`, sized as ASCII, at `buf[pos]`; throws RETRY at a character that is not. */
function writeAscii(buf: Uint8Array, pos: number, s: string): number {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) throw RETRY;
    buf[pos + i] = c;
  }
  return pos + n;
}

/** A plain Uint8Array over memory of its own, not zero-filled (the write pass writes every byte). */
function allocUnsafe(size: number): Uint8Array {
  const b = Buffer.allocUnsafeSlow(size);
  return new Uint8Array(b.buffer, b.byteOffset, size);
}

function varint32Size(v: number): number {
  return v < 128 ? 1 : v < 16384 ? 2 : v < 2097152 ? 3 : v < 268435456 ? 4 : 5;
}

/** Varint size of the 64-bit value in LO, HI (as protobufjs' LongBits#length). */
function varint64Size(): number {
  const lo = LO;
  const hi = HI;
  if (hi === 0) return varint32Size(lo);
  const part1 = ((lo >>> 28) | (hi << 4)) >>> 0;
  const part2 = hi >>> 24;
  if (part2 === 0) return part1 < 16384 ? (part1 < 128 ? 5 : 6) : part1 < 2097152 ? 7 : 8;
  return part2 < 128 ? 9 : 10;
}

/**
 * Checks a 64-bit value as `toWire` does (a bigint in range; a number is refused: the field decodes as a
 * bigint) and sets LO, HI to its two's-complement bits. Returns false when refused.
 */
function longBits(x: unknown, unsigned: boolean): boolean {
  if (typeof x !== "bigint") return false;
  if (unsigned ? x < 0n || x > UINT64_MAX : x < INT64_MIN || x > INT64_MAX) return false;
  I64[0] = x; // ToBigInt64: the low 64 bits, whatever the sign
  LO = I64_U32[LITTLE_ENDIAN ? 0 : 1] as number;
  HI = I64_U32[LITTLE_ENDIAN ? 1 : 0] as number;
  return true;
}

/** LO, HI of a checked 64-bit value (a bigint: longBits refuses numbers). */
function setBits(x: unknown): void {
  I64[0] = x as bigint;
  LO = I64_U32[LITTLE_ENDIAN ? 0 : 1] as number;
  HI = I64_U32[LITTLE_ENDIAN ? 1 : 0] as number;
}

function zigzag64(): void {
  const mask = HI >> 31;
  HI = (((HI << 1) | (LO >>> 31)) ^ mask) >>> 0;
  LO = ((LO << 1) ^ mask) >>> 0;
}

/** Checks the unknown keys as toWire does: an own enumerable key the message does not declare, not undefined. */
function checkKeys(m: EMessage, o: Record<string, unknown>): void {
  const names = m.names;
  const nn = names.length;
  let j = 0;
  // for-in (not Object.keys): no array to allocate. Keys in declaration order (object literals, zod's
  // output) are matched by a forward scan; any other key is looked up as toWire does.
  for (const k in o) {
    while (j < nn && names[j] !== k) j++;
    if (j < nn) {
      j++;
      continue;
    }
    j = 0;
    if (hasOwn.call(o, k) && !m.table.byName.has(k) && o[k] !== undefined) throw BAIL;
  }
}

/** Size pass of one message: checks it, records what the write pass needs, returns its content size. */
function sizeMessage(s: State, m: EMessage, v: unknown, depth: number, q: number): number {
  if (!isRecordLike(v)) throw BAIL; // toWire refuses it (a Map or a Date would go out as defaults)
  if (depth > s.limits.maxDepth) throw BAIL;
  if (q > s.maxQ) s.maxQ = q;
  const o = v as Record<string, unknown>;
  checkKeys(m, o);
  // An own non-enumerable `$unknowns` (protobufjs would write it raw): toWire refuses it.
  const u = o.$unknowns;
  if (u !== undefined && u !== null && hasOwn.call(o, "$unknowns")) throw BAIL;
  const vals = s.vals;
  const fields = m.fields;
  let size = 0;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as EField;
    const x = o[f.name];
    if (x === undefined) {
      vals[s.vn++] = undefined;
      continue;
    }
    if (x === null) throw BAIL; // toWire refuses it (protobufjs would take it as not set)
    if (f.ownOnly && !hasOwn.call(o, f.name)) {
      // Checked by toWire, left out by protobufjs: checked and sized, then its records dropped.
      const ln = s.ln;
      const vn = s.vn;
      sizeField(s, f, x, depth, q);
      for (let j = vn; j < s.vn; j++) vals[j] = undefined;
      s.ln = ln;
      s.vn = vn;
      vals[s.vn++] = undefined;
      continue;
    }
    size += sizeField(s, f, x, depth, q);
  }
  const oneofs = m.oneofs;
  for (let i = 0; i < oneofs.length; i++) {
    const members = oneofs[i] as readonly string[];
    let set = 0;
    for (let j = 0; j < members.length; j++) {
      if (o[members[j] as string] !== undefined) set++;
    }
    if (set > 1) throw BAIL;
  }
  return size;
}

/** Size of one present (non-null) field, tags included; pushes its value (or undefined) and records. */
function sizeField(s: State, f: EField, x: unknown, depth: number, q: number): number {
  if (f.closed !== null) checkClosed(f.closed, f.kind, x);
  const vals = s.vals;
  switch (f.kind) {
    case K_IMPLICIT: {
      if (isDefault(f, x)) {
        vals[s.vn++] = undefined;
        return 0;
      }
      vals[s.vn++] = x;
      return f.tagSize + sizeValue(s, f.enc, f.check, x);
    }
    case K_PRESENT: {
      vals[s.vn++] = x;
      if (f.enc === E_MESSAGE) return f.tagSize + sizeSubmessage(s, f.msg as EMessage, x, depth + 1, q + 1);
      return f.tagSize + sizeValue(s, f.enc, f.check, x);
    }
    case K_PACKED:
      return sizePacked(s, f, x, depth);
    case K_UNPACKED:
      return sizeUnpacked(s, f, x, depth, q);
    default:
      return sizeMap(s, f, x, depth, q);
  }
}

/**
 * Checks the numbers of a closed-enum field (its value, elements or map values) as toWire does: each one
 * the enum names. Anything else toWire refuses is left to the field's own checks.
 */
function checkClosed(values: ReadonlySet<number>, kind: number, x: unknown): void {
  if (kind === K_IMPLICIT || kind === K_PRESENT) {
    if (!values.has(x as number)) throw BAIL;
  } else if (kind === K_MAP) {
    if (!isPlainRecord(x)) return;
    for (const k of Object.keys(x)) if (!values.has(x[k] as number)) throw BAIL;
  } else if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) if (!values.has(x[i] as number)) throw BAIL;
  }
}

/**
 * Whether an implicit scalar is the default protobufjs leaves out. Only valid values are defaults
 * (0, 0n, false, "", an empty Uint8Array, the enum's type default), so what is not is checked after.
 */
function isDefault(f: EField, x: unknown): boolean {
  switch (f.enc) {
    case E_FLOAT:
    case E_DOUBLE:
      return x === 0 && 1 / x > 0; // Object.is(x, 0): -0 and NaN are written
    case E_BOOL:
      return x === false;
    case E_STRING:
      return x === "";
    case E_BYTES:
      return x instanceof Uint8Array && x.length === 0 && lengthIsTrue(x);
    case E_INT64:
    case E_SINT64:
    case E_FIXED64:
      return x === 0n; // a number is refused (sizeValue): it would come back a bigint
    default:
      // int32, enum (its type default, an int32), uint32, sint32, fixed32; -0 is not skipped but refused
      // (sizeValue), where protobufjs would write 0.
      return x === f.dflt && (x !== 0 || 1 / x > 0);
  }
}

function sizeSubmessage(s: State, m: EMessage, x: unknown, depth: number, q: number): number {
  const at = s.ln++;
  // Every length-delimited record (a submessage, a map entry, a string, a packed run) takes at least its
  // tag and length bytes: past maxBytes / 2 of them the output is refused anyway, and a value whose
  // messages are shared (`v = { children: [v, v] }` 30 times over) would be walked as the tree it
  // encodes to (2^30 messages) before the output's size is checked.
  if (2 * at >= s.limits.maxBytes) failOutputPastLimit(s.limits.maxBytes);
  s.lens[at] = 0;
  const n = sizeMessage(s, m, x, depth, q);
  s.lens[at] = n;
  return varint32Size(n) + n;
}

/** Size of one checked scalar value (no tag); strings record their UTF-8 length. */
function sizeValue(s: State, enc: number, check: number, x: unknown): number {
  switch (enc) {
    // -0 passes the integer tests and would go out as 0: toWire refuses it.
    case E_INT32:
      if (typeof x !== "number" || (x | 0) !== x || (x === 0 && 1 / x < 0)) throw BAIL;
      return x < 0 ? 10 : varint32Size(x);
    case E_UINT32:
      if (typeof x !== "number" || x >>> 0 !== x || (x === 0 && 1 / x < 0)) throw BAIL;
      return varint32Size(x);
    case E_SINT32:
      if (typeof x !== "number" || (x | 0) !== x || (x === 0 && 1 / x < 0)) throw BAIL;
      return varint32Size(((x << 1) ^ (x >> 31)) >>> 0);
    case E_FIXED32:
      if (
        typeof x !== "number" ||
        (check === V_INT32 ? (x | 0) !== x : x >>> 0 !== x) ||
        (x === 0 && 1 / x < 0)
      )
        throw BAIL;
      return 4;
    case E_FLOAT:
      // protobufjs would round silently; toWire refuses a value float32 does not hold exactly.
      if (typeof x !== "number" || (Math.fround(x) !== x && !Number.isNaN(x))) throw BAIL;
      return 4;
    case E_DOUBLE:
      if (typeof x !== "number") throw BAIL;
      return 8;
    case E_BOOL:
      if (typeof x !== "boolean") throw BAIL;
      return 1;
    case E_INT64:
      if (!longBits(x, check !== V_INT64)) throw BAIL;
      return varint64Size();
    case E_SINT64:
      if (!longBits(x, check !== V_INT64)) throw BAIL;
      zigzag64();
      return varint64Size();
    case E_FIXED64:
      if (!longBits(x, check !== V_INT64)) throw BAIL;
      return 8;
    case E_STRING:
      if (typeof x !== "string") throw BAIL;
      return sizeText(s, x);
    case E_BYTES: {
      if (!(x instanceof Uint8Array) || !lengthIsTrue(x)) throw BAIL;
      const n = x.length;
      if (n > s.limits.maxBinaryBytes) throw BAIL;
      return varint32Size(n) + n;
    }
    default:
      throw BAIL;
  }
}

/**
 * Size of a string with its length prefix; records its UTF-8 length (short ones sized as ASCII first, see
 * State.ascii). A lone surrogate is refused.
 */
function sizeText(s: State, x: string): number {
  const n = s.ascii && x.length <= ASSUME_ASCII ? x.length : utf8Length(x);
  if (n < 0) throw BAIL;
  s.lens[s.ln++] = n;
  return varint32Size(n) + n;
}

/** Checks an array as toWire's wireArray does (the elements are checked by the caller). */
function checkArray(s: State, x: unknown, depth: number): unknown[] {
  if (!Array.isArray(x)) throw BAIL;
  const n = x.length;
  if (n > s.limits.maxArrayLength) throw BAIL;
  if (n > 0 && depth + 1 > s.limits.maxDepth) throw BAIL;
  return x;
}

/** Checks an array and records it for the write pass: undefined (recorded as nothing to write) when empty. */
function recordArray(s: State, x: unknown, depth: number): unknown[] | undefined {
  const a = checkArray(s, x, depth);
  const vals = s.vals;
  if (a.length === 0) {
    vals[s.vn++] = undefined;
    return undefined;
  }
  vals[s.vn++] = a;
  return a;
}

function sizePacked(s: State, f: EField, x: unknown, depth: number): number {
  const a = recordArray(s, x, depth);
  if (a === undefined) return 0;
  const n = a.length;
  const enc = f.enc;
  const check = f.check;
  let payload: number;
  switch (enc) {
    case E_FIXED32:
    case E_FLOAT:
      for (let i = 0; i < n; i++) sizeValue(s, enc, check, a[i]);
      payload = n * 4;
      break;
    case E_FIXED64:
    case E_DOUBLE:
      for (let i = 0; i < n; i++) sizeValue(s, enc, check, a[i]);
      payload = n * 8;
      break;
    case E_BOOL:
      for (let i = 0; i < n; i++) if (typeof a[i] !== "boolean") throw BAIL;
      payload = n;
      break;
    default: {
      payload = 0;
      const at = s.ln++;
      s.lens[at] = 0;
      for (let i = 0; i < n; i++) payload += sizeValue(s, enc, check, a[i]);
      s.lens[at] = payload;
    }
  }
  return f.tagSize + varint32Size(payload) + payload;
}

function sizeUnpacked(s: State, f: EField, x: unknown, depth: number, q: number): number {
  const a = recordArray(s, x, depth);
  if (a === undefined) return 0;
  const n = a.length;
  let size = n * f.tagSize;
  if (f.enc === E_MESSAGE) {
    const m = f.msg as EMessage;
    for (let i = 0; i < n; i++) size += sizeSubmessage(s, m, a[i], depth + 2, q + 1);
  } else {
    for (let i = 0; i < n; i++) size += sizeValue(s, f.enc, f.check, a[i]);
  }
  return size;
}

function sizeMap(s: State, f: EField, x: unknown, depth: number, q: number): number {
  if (!isPlainRecord(x)) throw BAIL; // toWire refuses it (a Map would go out empty)
  const rec = x;
  const keys = Object.keys(rec);
  const n = keys.length;
  if (n > s.limits.maxMapEntries) throw BAIL;
  if (n === 0) {
    s.vals[s.vn++] = undefined;
    return 0;
  }
  if (depth + 1 > s.limits.maxDepth) throw BAIL;
  s.vals[s.vn++] = rec;
  s.vals[s.vn++] = keys;
  const lens = s.lens;
  const m = f.msg;
  let size = 0;
  for (let i = 0; i < n; i++) {
    const k = keys[i] as string;
    if (isForbiddenKey(k)) throw BAIL;
    const at = s.ln++;
    if (2 * at >= s.limits.maxBytes) failOutputPastLimit(s.limits.maxBytes); // as in sizeSubmessage
    lens[at] = 0;
    const keySize = sizeKey(s, f, k);
    const val = rec[k];
    if (val === undefined || val === null) throw BAIL;
    const valSize =
      m !== null ? sizeSubmessage(s, m, val, depth + 2, q + 1) : sizeValue(s, f.enc, f.check, val);
    const entry = 2 + keySize + valSize;
    lens[at] = entry;
    size += f.tagSize + varint32Size(entry) + entry;
  }
  return size;
}

/** Checks a map key as toWire's wireMapKey does; returns the size of its value (no tag). */
function sizeKey(s: State, f: EField, k: string): number {
  switch (f.keyKind) {
    case MK_STRING:
      return sizeText(s, k);
    case MK_BOOL:
      if (k !== "true" && k !== "false") throw BAIL;
      return 1;
    case MK_INT32:
      // The range is sizeValue's check.
      if (!DECIMAL.test(k) || k === "-0") throw BAIL;
      return sizeValue(s, f.keyEnc, V_INT32, Number(k));
    case MK_UINT32:
      if (!DECIMAL.test(k) || k.charCodeAt(0) === 45) throw BAIL;
      return sizeValue(s, f.keyEnc, V_UINT32, Number(k));
    default: {
      // 64-bit: toWire parses the decimal as a bigint of the key type's range.
      if (!DECIMAL.test(k) || k === "-0" || k.length > 21) throw BAIL;
      return sizeValue(s, f.keyEnc, f.keyKind === MK_UINT64 ? tables.V_UINT64 : V_INT64, BigInt(k));
    }
  }
}

// ---- write pass ----

function writeVarint32(buf: Uint8Array, pos: number, v: number): number {
  while (v > 127) {
    buf[pos++] = (v & 127) | 128;
    v >>>= 7;
  }
  buf[pos++] = v;
  return pos;
}

/** Writes LO, HI as a varint. */
function writeVarint64(buf: Uint8Array, pos: number): number {
  let lo = LO;
  let hi = HI;
  while (hi) {
    buf[pos++] = (lo & 127) | 128;
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
  }
  while (lo > 127) {
    buf[pos++] = (lo & 127) | 128;
    lo >>>= 7;
  }
  buf[pos++] = lo;
  return pos;
}

function writeFixed32(buf: Uint8Array, pos: number, v: number): number {
  buf[pos] = v & 255;
  buf[pos + 1] = (v >>> 8) & 255;
  buf[pos + 2] = (v >>> 16) & 255;
  buf[pos + 3] = v >>> 24;
  return pos + 4;
}

/** Writes one checked scalar value (no tag). */
function writeValue(s: State, enc: number, x: unknown, buf: Uint8Array, pos: number): number {
  switch (enc) {
    case E_INT32: {
      const v = x as number;
      if (v < 0) {
        LO = v >>> 0;
        HI = 0xffffffff;
        return writeVarint64(buf, pos);
      }
      return writeVarint32(buf, pos, v);
    }
    case E_UINT32:
      return writeVarint32(buf, pos, (x as number) >>> 0);
    case E_SINT32: {
      const v = x as number;
      return writeVarint32(buf, pos, ((v << 1) ^ (v >> 31)) >>> 0);
    }
    case E_FIXED32:
      return writeFixed32(buf, pos, (x as number) >>> 0);
    case E_FLOAT:
      return writeFloat32LE(buf, pos, x as number);
    case E_DOUBLE:
      return writeFloat64LE(buf, pos, x as number);
    case E_BOOL:
      buf[pos] = x ? 1 : 0;
      return pos + 1;
    case E_INT64:
      setBits(x);
      return writeVarint64(buf, pos);
    case E_SINT64:
      setBits(x);
      zigzag64();
      return writeVarint64(buf, pos);
    case E_FIXED64:
      setBits(x);
      pos = writeFixed32(buf, pos, LO);
      return writeFixed32(buf, pos, HI);
    case E_STRING: {
      const len = s.lens[s.li++] as number;
      pos = writeVarint32(buf, pos, len);
      // As long as its characters: ASCII, or sized as ASCII without a look (see State.ascii).
      const text = x as string;
      const end =
        len === text.length && len <= ASSUME_ASCII
          ? writeAscii(buf, pos, text)
          : writeUtf8(buf, pos, text, len);
      if (end !== pos + len) throw MISMATCH;
      return end;
    }
    case E_BYTES: {
      const b = x as Uint8Array;
      const len = b.length;
      pos = writeVarint32(buf, pos, len);
      if (len > 0) buf.set(b, pos);
      return pos + len;
    }
    default:
      throw MISMATCH;
  }
}

function writeSubmessage(s: State, m: EMessage, buf: Uint8Array, pos: number): number {
  const len = s.lens[s.li++] as number;
  pos = writeVarint32(buf, pos, len);
  const end = pos + len;
  if (writeMessage(s, m, buf, pos) !== end) throw MISMATCH;
  return end;
}

function writeMessage(s: State, m: EMessage, buf: Uint8Array, pos: number): number {
  const vals = s.vals;
  const fields = m.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as EField;
    const x = vals[s.vi++];
    if (x === undefined) continue;
    switch (f.kind) {
      case K_IMPLICIT:
      case K_PRESENT:
        pos = writeVarint32(buf, pos, f.tag);
        pos =
          f.enc === E_MESSAGE
            ? writeSubmessage(s, f.msg as EMessage, buf, pos)
            : writeValue(s, f.enc, x, buf, pos);
        break;
      case K_PACKED:
        pos = writePacked(s, f, x as unknown[], buf, pos);
        break;
      case K_UNPACKED: {
        const a = x as unknown[];
        const n = a.length;
        const tag = f.tag;
        if (f.enc === E_MESSAGE) {
          const sub = f.msg as EMessage;
          for (let j = 0; j < n; j++) {
            pos = writeVarint32(buf, pos, tag);
            pos = writeSubmessage(s, sub, buf, pos);
          }
        } else {
          const enc = f.enc;
          for (let j = 0; j < n; j++) {
            pos = writeVarint32(buf, pos, tag);
            pos = writeValue(s, enc, a[j], buf, pos);
          }
        }
        break;
      }
      default:
        pos = writeMap(s, f, x as Record<string, unknown>, buf, pos);
    }
  }
  return pos;
}

function writePacked(s: State, f: EField, a: unknown[], buf: Uint8Array, pos: number): number {
  const n = a.length;
  const enc = f.enc;
  pos = writeVarint32(buf, pos, f.tag);
  switch (enc) {
    case E_FIXED32:
      pos = writeVarint32(buf, pos, n * 4);
      for (let i = 0; i < n; i++) pos = writeFixed32(buf, pos, (a[i] as number) >>> 0);
      return pos;
    case E_FIXED64:
      pos = writeVarint32(buf, pos, n * 8);
      for (let i = 0; i < n; i++) {
        setBits(a[i]);
        pos = writeFixed32(buf, pos, LO);
        pos = writeFixed32(buf, pos, HI);
      }
      return pos;
    case E_FLOAT:
    case E_DOUBLE: {
      const w = enc === E_FLOAT ? 4 : 8;
      pos = writeVarint32(buf, pos, n * w);
      if (n >= VIEW_THRESHOLD_FLOAT) {
        // As protobufjs: a DataView for longer runs (the same bits as the typed-array copy, NaNs included).
        const dv = new DataView(buf.buffer, buf.byteOffset + pos, n * w);
        if (enc === E_FLOAT) for (let i = 0; i < n; i++) dv.setFloat32(i * 4, a[i] as number, true);
        else for (let i = 0; i < n; i++) dv.setFloat64(i * 8, a[i] as number, true);
        return pos + n * w;
      }
      if (enc === E_FLOAT) for (let i = 0; i < n; i++) pos = writeFloat32LE(buf, pos, a[i] as number);
      else for (let i = 0; i < n; i++) pos = writeFloat64LE(buf, pos, a[i] as number);
      return pos;
    }
    case E_BOOL:
      pos = writeVarint32(buf, pos, n);
      for (let i = 0; i < n; i++) buf[pos++] = a[i] ? 1 : 0;
      return pos;
    default: {
      const len = s.lens[s.li++] as number;
      pos = writeVarint32(buf, pos, len);
      const end = pos + len;
      for (let i = 0; i < n; i++) pos = writeValue(s, enc, a[i], buf, pos);
      if (pos !== end) throw MISMATCH;
      return pos;
    }
  }
}

function writeMap(s: State, f: EField, rec: Record<string, unknown>, buf: Uint8Array, pos: number): number {
  const keys = s.vals[s.vi++] as string[];
  const lens = s.lens;
  const m = f.msg;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    pos = writeVarint32(buf, pos, f.tag);
    const entry = lens[s.li++] as number;
    pos = writeVarint32(buf, pos, entry);
    const end = pos + entry;
    buf[pos++] = f.keyTag;
    switch (f.keyKind) {
      case MK_STRING:
        pos = writeValue(s, E_STRING, k, buf, pos);
        break;
      case MK_BOOL:
        buf[pos++] = k === "true" ? 1 : 0;
        break;
      case MK_INT32:
      case MK_UINT32:
        pos = writeValue(s, f.keyEnc, Number(k), buf, pos);
        break;
      default:
        pos = writeValue(s, f.keyEnc, BigInt(k), buf, pos);
    }
    buf[pos++] = f.valTag;
    pos = m !== null ? writeSubmessage(s, m, buf, pos) : writeValue(s, f.enc, rec[k], buf, pos);
    if (pos !== end) throw MISMATCH;
  }
  return pos;
}
