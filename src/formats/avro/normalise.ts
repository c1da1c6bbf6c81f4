import { failSchema, NEGATIVE_ZERO, printable } from "../../errors.js";
import { checkKey, FORBIDDEN_KEYS, isPlainRecord, isRecordLike, objectKind } from "../../keys.js";
import { asBuffer, lengthIsTrue, trueLength, untrueLength } from "../../views.js";
import { rethrow, unwind, WalkFailure } from "./fail.js";
import type { Node } from "./tree.js";
import * as K from "./tree.js";

// ES2024, in Node 20; not in this project's ES2022 lib typings.
interface WellFormed {
  isWellFormed(): boolean;
}

/**
 * Turns a schema-valid plain value into what avsc writes, and refuses what it would silently change:
 * - a Uint8Array becomes a Buffer view over the same memory (avsc's bytes and fixed want Buffer);
 * - a string or map key with a lone surrogate has no UTF-8 form (it would go out as U+FFFD): refused;
 * - an own `__proto__`, `constructor` or `prototype` map key (JSON.parse makes them): refused, as the
 *   peer would refuse it;
 * - a string that is not one of an enum's symbols (avsc takes inherited names such as "constructor" and
 *   writes symbol 0): refused;
 * - -0 as an int (avsc writes 0), and a number float32 does not hold exactly as a float (avsc rounds it):
 *   refused.
 * Longs are already bigint. Subtrees with bytes, strings, ints or floats are copied, each value read once, so that
 * avsc writes what was checked, not what a getter answers next; subtrees with none of them are passed as
 * they are, unvisited.
 */
export function toAvsc(root: Node, v: unknown): unknown {
  try {
    return convert(root, v);
  } catch (err) {
    return rethrow(err);
  }
}

function convert(n: Node, v: unknown): unknown {
  if (!n.hasBinary && !n.hasText && !n.hasNarrow) return v;
  switch (n.kind) {
    case K.INT:
      // avsc's int test is `v | 0`, which throws V8's own words on a bigint or a symbol (avsc refuses
      // other non-numbers, or fills in a field's default for undefined).
      if (typeof v === "bigint" || typeof v === "symbol") throw notNumber(v);
      // avsc takes -0 as an int and writes 0: zod's .int() takes it too, so it would come back changed.
      if (v === 0 && 1 / v < 0) throw negativeZero();
      return v;
    case K.FLOAT:
      // avsc rounds to float32: refused, as protobuf's float is (NaN passes: it stays NaN).
      if (typeof v === "number" && Math.fround(v) !== v && !Number.isNaN(v)) throw notFloat32(v);
      return v;
    case K.STRING:
      if (typeof v === "string" && !(v as unknown as WellFormed).isWellFormed()) throw surrogate("string");
      return v;
    case K.ENUM:
      // avsc looks symbols up in a plain object: "constructor" or "toString" would go out as symbol 0.
      if (typeof v === "string" && !n.symbols.includes(v)) throw notSymbol(n, v);
      return v;
    case K.BYTES:
    case K.FIXED:
      if (!(v instanceof Uint8Array)) return v;
      if (!lengthIsTrue(v)) throw untrue(v);
      if (Buffer.isBuffer(v)) return v;
      // A view of a detached buffer is empty, and Buffer.from of its buffer would throw.
      return trueLength(v) === 0 ? EMPTY : asBuffer(v);
    case K.ARRAY:
      return Array.isArray(v) ? array(n.items as Node, v) : v;
    case K.MAP:
      // A Map would go out empty, a Uint8Array as a map of its indices (avsc takes any non-array object).
      if (typeof v === "object" && v !== null && !Array.isArray(v) && !isPlainRecord(v)) throw notPlain(v);
      return isObject(v) ? map(n.items as Node, v) : v;
    case K.RECORD:
      // avsc reads a record's fields as properties of any object: a Map would go out as the defaults.
      if (typeof v === "object" && v !== null && !isRecordLike(v)) throw notRecord(n, v);
      return isObject(v) ? record(n, v) : v;
    case K.UNION: {
      // Unwrapped: the value's own kind picks the branch, as it will for avsc (one branch per kind).
      // A binary no branch takes would go to a map branch (avsc's bucket for any non-Buffer object).
      const branch =
        n.branches.find((b) => fits(b, v)) ??
        (v instanceof Uint8Array ? n.branches.find((b) => b.kind === K.MAP) : undefined);
      return branch === undefined ? v : convert(branch, v);
    }
    default:
      return v;
  }
}

function array(item: Node, v: unknown[]): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  try {
    for (; i < v.length; i++) out.push(convert(item, v[i]));
  } catch (err) {
    throw unwind(err, i);
  }
  return out;
}

function map(values: Node, v: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(v);
  for (const key of keys) {
    // Outside the try below: checkKey adds the key to the path itself.
    if (FORBIDDEN_KEYS.has(key)) throw forbidden(key);
  }
  const out: Record<string, unknown> = {};
  let key = "";
  try {
    for (key of keys) {
      if (!(key as unknown as WellFormed).isWellFormed()) throw surrogate("map key");
      out[key] = convert(values, v[key]);
    }
  } catch (err) {
    throw unwind(err, key);
  }
  return out;
}

// The record's fields, each read once (inherited ones too, as avsc reads them); extra keys, which avsc
// ignores, are left out.
function record(n: Node, v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let name = "";
  try {
    for (const f of n.fields) {
      name = f.name;
      out[name] = convert(f.node, v[name]);
    }
  } catch (err) {
    throw unwind(err, name);
  }
  return out;
}

function forbidden(key: string): WalkFailure {
  return new WalkFailure((path) => {
    checkKey(key, path); // throws schema_violation with the key appended to the path
    return failSchema(`map key "${key}" is not allowed`, path); // not reached
  });
}

function notSymbol(n: Node, v: string): WalkFailure {
  return new WalkFailure((path) => failSchema(`"${printable(v)}" is not a symbol of enum ${n.name}`, path));
}

function notPlain(v: object): WalkFailure {
  return new WalkFailure((path) =>
    failSchema(`expected a plain object for a map, got a ${objectKind(v)}`, path),
  );
}

function notRecord(n: Node, v: object): WalkFailure {
  const kind = Array.isArray(v) ? "an array" : `a ${objectKind(v)}`;
  return new WalkFailure((path) => failSchema(`expected an object for record ${n.name}, got ${kind}`, path));
}

function untrue(v: Uint8Array): WalkFailure {
  return new WalkFailure((path) => failSchema(untrueLength(v), path));
}

const EMPTY = Buffer.alloc(0);

function notNumber(v: bigint | symbol): WalkFailure {
  const what = typeof v === "bigint" ? `bigint ${v}n` : "symbol";
  return new WalkFailure((path) => failSchema(`expected a number for an Avro int, got ${what}`, path));
}

function notFloat32(v: number): WalkFailure {
  return new WalkFailure((path) =>
    failSchema(`${v} is not exactly representable as an Avro float (round it with Math.fround first)`, path),
  );
}

function negativeZero(): WalkFailure {
  return new WalkFailure((path) => failSchema(`Avro int: ${NEGATIVE_ZERO}`, path));
}

function surrogate(what: string): WalkFailure {
  return new WalkFailure((path) =>
    failSchema(
      `${what} contains a lone surrogate, which UTF-8 cannot carry (it would arrive as U+FFFD)`,
      path,
    ),
  );
}

function fits(n: Node, v: unknown): boolean {
  switch (n.kind) {
    case K.STRING:
    case K.ENUM: // a union holds at most one of string and enum (see avroCodec)
      return typeof v === "string";
    case K.BYTES:
    case K.FIXED:
      return v instanceof Uint8Array;
    case K.INT:
    case K.FLOAT:
      return typeof v === "number";
    case K.ARRAY:
      return Array.isArray(v);
    case K.MAP:
    case K.RECORD:
      return isObject(v);
    default:
      return false;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}
