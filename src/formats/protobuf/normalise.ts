import { failLimit, failSchema, NEGATIVE_ZERO, type Path } from "../../errors.js";
import { checkKey, FORBIDDEN_KEYS, isPlainRecord, isRecordLike, objectKind } from "../../keys.js";
import type { Limits } from "../../limits.js";
import { lengthIsTrue, untrueLength } from "../../views.js";
import type { FieldInfo, MessageTable, ValueType } from "./tables.js";
import * as tables from "./tables.js";

// Copied once into module constants (see prescan.ts: imported-name reads can be getter calls).
const { C_BYTES, C_INT64, C_MESSAGE, C_PLAIN, C_UINT64, F_MAP, F_SINGLE } = tables;
const { V_BOOL, V_BYTES, V_DOUBLE, V_FLOAT, V_INT32, V_INT64, V_MESSAGE, V_STRING, V_UINT32, V_UINT64 } =
  tables;

/*
 * protobufjs values ↔ plain values.
 *
 * Decoded (toPlain): a fresh object with Object.prototype per message. Fields without presence
 * (proto3 scalars, enums, repeated, maps) are always there, with their default when not on the
 * wire: 0, 0n, false, "", an empty (frozen, shared) Uint8Array, [], {}. Fields with presence (messages, oneof
 * members, proto3 `optional`, proto2 optional) are left out when absent. 64-bit integers are
 * bigint (exact), bytes are Uint8Array views into the input (never Buffer), enums are numbers,
 * map keys are strings as a plain record spells them ("12", "-3", "true", "18446744073709551615").
 *
 * Encoded (toWire): the plain value is checked against the proto field types (the zod schema is the
 * user's and may be looser; a closed enum takes only the numbers it names) and converted only where
 * protobufjs needs it: bigint → Long bits, nested messages, maps (whose keys are re-checked). Tables
 * without such fields encode the value as it is, without a copy.
 */

const hasOwn = Object.prototype.hasOwnProperty;
const U8_PROTO = Uint8Array.prototype;

interface LongLike {
  low: number;
  high: number;
}

// ---- decode side ----

export function toPlain(t: MessageTable, m: object, input: Uint8Array): Record<string, unknown> {
  // The decoder's own enumerable properties are exactly the fields it set (its prototype holds
  // protobufjs' defaults), so copying our defaults and then its fields builds the plain object in
  // two engine built-ins; only fields that need converting are visited one by one. (Object.assign
  // rather than spread for the defaults: in V8 a spread clone's fields are slow to overwrite.)
  const out: Record<string, unknown> = Object.assign(Object.assign({}, t.template), m);
  const post = t.post;
  for (let i = 0; i < post.length; i++) {
    const f = post[i] as FieldInfo;
    const name = f.name;
    const v = out[name];
    if (f.kind === F_SINGLE) {
      if (v !== undefined && v !== null) out[name] = plainValue(f.value, v, input);
    } else if (f.kind === F_MAP) {
      out[name] = v !== undefined && v !== null ? plainMap(f, v as Record<string, unknown>, input) : {};
    } else {
      out[name] = Array.isArray(v) && v.length > 0 ? plainArray(f.value, v, input) : [];
    }
  }
  return out;
}

/**
 * The direct decode: protobufjs' decoders (reflection and pbjs 8 static alike) take the object to
 * decode into as their fifth argument. Given a plain object that already holds our defaults (and
 * protobufjs' own empty-array/empty-object markers for repeated and map fields, which its decoder
 * replaces before adding to them), the top-level message is decoded with no second object and no
 * copy; only the fields listed in `post` are then visited. Used when the plan in codec.ts allows.
 */
export interface DirectPlan {
  /** Implicit defaults plus protobufjs' markers, cloned per decode as the target. */
  readonly template: Readonly<Record<string, unknown>>;
  readonly emptyArray: unknown;
  readonly emptyObject: unknown;
}

export function finishDirect(
  t: MessageTable,
  plan: DirectPlan,
  out: Record<string, unknown>,
  input: Uint8Array,
): Record<string, unknown> {
  const post = t.post;
  for (let i = 0; i < post.length; i++) {
    const f = post[i] as FieldInfo;
    const name = f.name;
    const v = out[name];
    if (f.kind === F_SINGLE) {
      // Untouched fields still hold plain defaults (0n); set ones hold a Long or a message object.
      if (typeof v === "object" && v !== null) out[name] = plainValue(f.value, v, input);
    } else if (f.kind === F_MAP) {
      out[name] = v === plan.emptyObject ? {} : plainMap(f, v as Record<string, unknown>, input);
    } else {
      out[name] = v === plan.emptyArray ? [] : plainArray(f.value, v as unknown[], input);
    }
  }
  return out;
}

function plainValue(vt: ValueType, v: unknown, input: Uint8Array): unknown {
  switch (vt.conv) {
    case C_PLAIN:
      return v;
    case C_INT64:
      return toBigInt(v, false);
    case C_UINT64:
      return toBigInt(v, true);
    case C_BYTES:
      // A map entry without its value field means an empty value (as protoc's runtimes read it), but
      // protobufjs' map decoder leaves its initial [] there.
      return v instanceof Uint8Array ? asView(v) : tables.EMPTY_BYTES;
    default:
      return toPlain(vt.message as MessageTable, v as object, input);
  }
}

/** Converts in place: the array is the decoder's own, made for this message and discarded with it. */
function plainArray(vt: ValueType, a: unknown[], input: Uint8Array): unknown[] {
  if (vt.conv === C_PLAIN) return a;
  for (let i = 0; i < a.length; i++) a[i] = plainValue(vt, a[i], input);
  return a;
}

/**
 * The decoder's own record, made for this message, is kept when its keys and values need nothing
 * (string, 32-bit and bool keys already read as a plain record spells them); values are converted in
 * place; 64-bit keys, which protobufjs stores as 8-character bit patterns, mean a new record.
 */
function plainMap(f: FieldInfo, m: Record<string, unknown>, input: Uint8Array): Record<string, unknown> {
  const vt = f.value;
  const key64 = f.key64;
  if (key64 === 0 && vt.conv === C_PLAIN) return m;
  const keys = Object.keys(m);
  const out: Record<string, unknown> = key64 === 0 ? m : {};
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    // The prescan refused these already; kept so a record is never built with them.
    if (FORBIDDEN_KEYS.has(k)) checkKey(k, [f.name]);
    const key = key64 === 0 ? k : hashToDecimal(k, key64 === 2);
    out[key] = plainValue(vt, m[k], input);
  }
  return out;
}

function hashToDecimal(hash: string, unsigned: boolean): string {
  if (hash.length !== 8) return hash; // a number key (protobufjs without Long): already decimal
  const lo =
    (hash.charCodeAt(0) |
      (hash.charCodeAt(1) << 8) |
      (hash.charCodeAt(2) << 16) |
      (hash.charCodeAt(3) << 24)) >>>
    0;
  const hi =
    hash.charCodeAt(4) | (hash.charCodeAt(5) << 8) | (hash.charCodeAt(6) << 16) | (hash.charCodeAt(7) << 24);
  return toBigInt({ low: lo | 0, high: hi }, unsigned).toString();
}

/** Long (or a number, if protobufjs runs without Long) → bigint, reading the bits as the field's signedness. */
export function toBigInt(v: unknown, unsigned: boolean): bigint {
  if (typeof v === "number") return BigInt(v);
  const { low, high } = v as LongLike;
  if (high === 0 && low >= 0) return BigInt(low);
  if (!unsigned && high === -1 && low < 0) return BigInt(low);
  const hi = unsigned ? BigInt(high >>> 0) : BigInt(high | 0);
  return (hi << 32n) | BigInt(low >>> 0);
}

/** A plain Uint8Array over the same memory (protobufjs hands out Buffers when it reads a Buffer). */
export function asView(b: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(b) === U8_PROTO ? b : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

// ---- encode side ----

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);
const DECIMAL = /^-?(?:0|[1-9][0-9]*)$/;

interface WellFormed {
  isWellFormed(): boolean;
}

/**
 * Bytes of `bytes` fields seen by `toWire` since the last `takeWireBinaryBytes()`: the encoder sizes
 * messages with large binaries before writing them (see writer.ts).
 */
let wireBinaryBytes = 0;

/** The binary bytes `toWire` has seen since the last call, and starts counting again. */
export function takeWireBinaryBytes(): number {
  const n = wireBinaryBytes;
  wireBinaryBytes = 0;
  return n;
}

/**
 * Checks `value` against the message's field types and returns what protobufjs' encoder reads.
 * `path` is a scratch stack (pushed and popped as the walk goes) copied only into an error.
 */
export function toWire(
  t: MessageTable,
  value: unknown,
  path: Path,
  limits: Readonly<Limits>,
  depth: number,
): Record<string, unknown> {
  if (!isRecordLike(value)) {
    failSchema(`expected an object for message ${t.name}, got ${describe(value)}`, [...path]);
  }
  if (depth > limits.maxDepth) failLimit("maxDepth", depth, limits.maxDepth, [...path], "message nesting");
  const v = value as Record<string, unknown>;
  // A key the message does not declare would be dropped silently: refuse it instead.
  for (const k in v) {
    if (hasOwn.call(v, k) && !t.byName.has(k) && v[k] !== undefined) {
      failSchema(`message ${t.name} has no field "${k}"`, [...path, k]);
    }
  }
  // protobufjs writes an own `$unknowns` (the unknown fields its decoder kept) raw, enumerable or not:
  // bytes no check has seen, which may set a field again. Refused, as any key the message lacks.
  if (hasOwn.call(v, "$unknowns") && v.$unknowns != null) {
    failSchema(`message ${t.name} has no field "$unknowns" (raw bytes are not sent)`, [...path, "$unknowns"]);
  }
  const out: Record<string, unknown> = t.convertOnWrite ? {} : v;
  const fields = t.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as FieldInfo;
    const x = v[f.name];
    if (x === undefined) {
      if (f.required) failSchema(`required field "${f.name}" of ${t.name} is missing`, [...path, f.name]);
      continue;
    }
    // protobufjs takes null as "not set": the field would come back as its default, or missing.
    if (x === null) failSchema("null has no protobuf form: leave the field out", [...path, f.name]);
    path.push(f.name);
    let y: unknown;
    if (f.kind === F_SINGLE) y = wireValue(f.value, x, path, limits, depth);
    else if (f.kind === F_MAP) y = wireMap(f, x, path, limits, depth + 1);
    else y = wireArray(f.value, x, path, limits, depth + 1);
    path.pop();
    if (out !== v) out[f.name] = y;
  }
  for (const oneof of t.oneofs) {
    let set: string | undefined;
    for (const f of oneof.fields) {
      const x = v[f.name];
      if (x === undefined) continue;
      if (set !== undefined) {
        failSchema(`oneof ${oneof.name} has both "${set}" and "${f.name}" set; set at most one`, [
          ...path,
          oneof.name,
        ]);
      }
      set = f.name;
    }
  }
  return out;
}

function wireArray(
  vt: ValueType,
  x: unknown,
  path: Path,
  limits: Readonly<Limits>,
  depth: number,
): unknown[] {
  if (!Array.isArray(x)) failSchema(`expected an array, got ${describe(x)}`, [...path]);
  if (x.length > limits.maxArrayLength) {
    failLimit("maxArrayLength", x.length, limits.maxArrayLength, [...path], "repeated field");
  }
  if (x.length > 0 && depth > limits.maxDepth)
    failLimit("maxDepth", depth, limits.maxDepth, [...path], "array nesting");
  const convert = vt.conv === C_INT64 || vt.conv === C_UINT64 || vt.conv === C_MESSAGE;
  const out: unknown[] = convert ? new Array(x.length) : x;
  for (let i = 0; i < x.length; i++) {
    path.push(i);
    const y = wireValue(vt, x[i], path, limits, depth);
    path.pop();
    if (convert) out[i] = y;
  }
  return out;
}

function wireMap(
  f: FieldInfo,
  x: unknown,
  path: Path,
  limits: Readonly<Limits>,
  depth: number,
): Record<string, unknown> {
  if (typeof x !== "object" || x === null || Array.isArray(x) || x instanceof Uint8Array) {
    failSchema(`expected a record for a map, got ${describe(x)}`, [...path]);
  }
  // A Map's entries are no own properties: it would go out as an empty map.
  if (!isPlainRecord(x)) failSchema(`expected a plain object for a map, got a ${objectKind(x)}`, [...path]);
  const keys = Object.keys(x);
  if (keys.length > limits.maxMapEntries) {
    failLimit("maxMapEntries", keys.length, limits.maxMapEntries, [...path], "map");
  }
  if (keys.length > 0 && depth > limits.maxDepth)
    failLimit("maxDepth", depth, limits.maxDepth, [...path], "map nesting");
  const keyType = (f.key as ValueType).type;
  const rec = x as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    checkKey(k, path);
    const wireKey = wireMapKey(keyType, k, path);
    const val = rec[k];
    path.push(k);
    if (val === undefined || val === null) failSchema("a map value cannot be null or undefined", [...path]);
    out[wireKey] = wireValue(f.value, val, path, limits, depth);
    path.pop();
  }
  return out;
}

/** Map keys are strings in a record; each must spell a value of the key type exactly (so it comes back the same). */
function wireMapKey(type: string, k: string, path: Path): string {
  switch (type) {
    case "string":
      if (!(k as unknown as WellFormed).isWellFormed())
        failSchema("map key contains a lone surrogate", [...path, k]);
      return k;
    case "bool":
      if (k !== "true" && k !== "false") failSchema(`map key "${k}" is not "true" or "false"`, [...path, k]);
      return k;
    case "int32":
    case "sint32":
    case "sfixed32":
      if (!DECIMAL.test(k) || Number(k) < -2147483648 || Number(k) > 2147483647 || k === "-0") {
        failSchema(`map key "${k}" is not a canonical int32`, [...path, k]);
      }
      return k;
    case "uint32":
    case "fixed32":
      if (!DECIMAL.test(k) || k.startsWith("-") || Number(k) > 4294967295) {
        failSchema(`map key "${k}" is not a canonical uint32`, [...path, k]);
      }
      return k;
    default: {
      const unsigned = type === "uint64" || type === "fixed64";
      const n = DECIMAL.test(k) && k !== "-0" && k.length <= 21 ? BigInt(k) : undefined;
      if (n === undefined || (unsigned ? n < 0n || n > UINT64_MAX : n < INT64_MIN || n > INT64_MAX)) {
        failSchema(`map key "${k}" is not a canonical ${type}`, [...path, k]);
      }
      // protobufjs parses 64-bit keys as signed decimal: give it the same bits in signed form.
      return unsigned && n > INT64_MAX ? BigInt.asIntN(64, n).toString() : k;
    }
  }
}

function wireValue(vt: ValueType, x: unknown, path: Path, limits: Readonly<Limits>, depth: number): unknown {
  switch (vt.check) {
    case V_INT32:
      if (typeof x !== "number" || !Number.isInteger(x) || x < -2147483648 || x > 2147483647) {
        failSchema(
          `expected an ${vt.type === "enum" ? "enum number (int32)" : vt.type}, got ${describe(x)}`,
          [...path],
        );
      }
      if (x === 0 && 1 / x < 0) negativeZero(vt, path);
      // A peer's decoder drops a number a closed enum does not name: it would not come back.
      if (vt.closed !== null && !vt.closed.values.has(x)) {
        failSchema(
          `expected a value of the closed enum ${vt.closed.name} (a decoder drops other numbers), got ${describe(x)}`,
          [...path],
        );
      }
      return x;
    case V_UINT32:
      if (typeof x !== "number" || !Number.isInteger(x) || x < 0 || x > 4294967295) {
        failSchema(`expected a ${vt.type}, got ${describe(x)}`, [...path]);
      }
      if (x === 0 && 1 / x < 0) negativeZero(vt, path);
      return x;
    case V_INT64:
    case V_UINT64:
      return wireLong(vt, x, path);
    case V_FLOAT:
      if (typeof x !== "number") failSchema(`expected a float, got ${describe(x)}`, [...path]);
      // protobufjs would round silently; a value that does not survive the round trip is refused.
      if (!Number.isNaN(x) && Math.fround(x) !== x) {
        failSchema(`${x} is not exactly representable as float32 (round it with Math.fround first)`, [
          ...path,
        ]);
      }
      return x;
    case V_DOUBLE:
      if (typeof x !== "number") failSchema(`expected a double, got ${describe(x)}`, [...path]);
      return x;
    case V_BOOL:
      if (typeof x !== "boolean") failSchema(`expected a boolean, got ${describe(x)}`, [...path]);
      return x;
    case V_STRING:
      if (typeof x !== "string") failSchema(`expected a string, got ${describe(x)}`, [...path]);
      // A lone surrogate has no UTF-8 form: the writer would put U+FFFD or invalid bytes on the wire.
      if (!(x as unknown as WellFormed).isWellFormed())
        failSchema("string contains a lone surrogate", [...path]);
      return x;
    case V_BYTES:
      if (!(x instanceof Uint8Array)) failSchema(`expected a Uint8Array, got ${describe(x)}`, [...path]);
      if (!lengthIsTrue(x)) failSchema(untrueLength(x), [...path]);
      if (x.length > limits.maxBinaryBytes) {
        failLimit("maxBinaryBytes", x.length, limits.maxBinaryBytes, [...path], "bytes field");
      }
      wireBinaryBytes += x.length;
      return x;
    case V_MESSAGE:
      return toWire(vt.message as MessageTable, x, path, limits, depth + 1);
    default:
      return x;
  }
}

/**
 * bigint → a number when exact, else Long-shaped bits protobufjs' writer reads. A number is refused: the
 * field decodes as a bigint, which a schema that took the number may refuse (and 5 is not 5n).
 */
function wireLong(vt: ValueType, x: unknown, path: Path): number | LongLike {
  const unsigned = vt.check === V_UINT64;
  if (typeof x !== "bigint") {
    const hint =
      typeof x === "number" ? ": a 64-bit field decodes as a bigint (use int64() or uint64())" : "";
    failSchema(`expected a bigint for ${vt.type}, got ${describe(x)}${hint}`, [...path]);
  }
  const n = x;
  if (unsigned ? n < 0n || n > UINT64_MAX : n < INT64_MIN || n > INT64_MAX) {
    failSchema(`${n} is out of range for ${vt.type}`, [...path]);
  }
  if (n >= SAFE_MIN && n <= SAFE_MAX) return Number(n);
  const bits = BigInt.asUintN(64, n);
  return { low: Number(bits & 0xffffffffn) | 0, high: Number(bits >> 32n) | 0 };
}

/** zod's `.int()` takes -0, and protobufjs writes it as 0: it would come back changed (32-bit fields). */
function negativeZero(vt: ValueType, path: Path): never {
  return failSchema(`${vt.type} field: ${NEGATIVE_ZERO}`, [...path]);
}

function describe(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "an array";
  if (x instanceof Uint8Array) return "a Uint8Array";
  if (typeof x === "object") return isPlainRecord(x) ? "an object" : `a ${objectKind(x)}`;
  switch (typeof x) {
    case "string":
      return `a string (${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)})`;
    case "number":
      return `number ${x === 0 && 1 / x < 0 ? "-0" : String(x)}`;
    case "bigint":
    case "boolean":
      return `${typeof x} ${String(x)}`;
    default:
      return typeof x;
  }
}
