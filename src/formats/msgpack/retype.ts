/**
 * MessagePack has one integer type in several widths, and a writer may pick any width that holds the
 * value: some write every int64 field as uint 64 / int 64, and msgpack-python writes 2**40 as uint 64
 * wherever it goes, a double field included. safewire's reader makes the 64-bit forms `bigint` (exact, and
 * what safewire's writer makes of a bigint, so an untyped field keeps its type both ways), which a
 * number field refuses. So a decoded value the schema refused is walked once with the schema, and a
 * bigint where the schema takes only numbers becomes that number when a double holds it exactly (every
 * integer up to 2^53, and some past it); any other is refused (schema_violation, with its path): nothing
 * is rounded. The walk follows what it can follow without running the schema (objects, arrays, records,
 * optional, nullable, default, readonly, catch, pipes into a schema: a `.catch()` must not swallow the wire's
 * choice of width as a bad value), goes at most `maxLevel` containers down,
 * and changes the decoded value in place (it is the reader's own, fresh). */
import { failSchema, type Path } from "../../errors.js";
import { takesOnlyNumbers } from "../../schema.js";
import { type ZodNode as Node, through } from "../../zod-walk.js";

/**
 * `value` with each bigint that `schema` wants as a number made that number, where exact; undefined when
 * there was none (nothing changed, the refusal stands).
 */
export function numbersFromInt64(schema: unknown, value: unknown, maxLevel: number): unknown {
  if (typeof value === "bigint") return asNumber(schema as Node, value, []);
  return walk(schema as Node, value, maxLevel, []) ? value : undefined;
}

/**
 * `x` (at `path` + `key`, when a key is given) as the number a number-only `schema` takes (refused when no
 * double is exactly it); else undefined. The path is built only for the refusal: one per element would be
 * most of what retyping a long array allocates.
 */
function asNumber(schema: Node, x: bigint, path: Path, key?: PropertyKey): number | undefined {
  const decides = through(schema, x, true);
  if (decides === undefined || !takesOnlyNumbers(decides._zod.def)) return undefined;
  const n = Number(x);
  if (BigInt(n) !== x) {
    const at = key === undefined ? path : [...path, key];
    failSchema(`integer ${x} where a number goes has no exact double: refused, not rounded`, at);
  }
  return n;
}

/** Whether the child `holder[key]` (at `path` + key) under `schema` changed, replaced or inside. */
function at(
  schema: Node,
  holder: Record<PropertyKey, unknown>,
  key: PropertyKey,
  levels: number,
  path: Path,
): boolean {
  const x = holder[key];
  if (typeof x === "bigint") {
    const n = asNumber(schema, x, path, key);
    if (n === undefined) return false;
    holder[key] = n;
    return true;
  }
  if (typeof x !== "object" || x === null) return false;
  path.push(key);
  const changed = walk(schema, x, levels, path);
  path.pop();
  return changed;
}

function walk(schema: Node, value: unknown, levels: number, path: Path): boolean {
  if (levels < 1 || typeof value !== "object" || value === null) return false;
  const decides = through(schema, value, true);
  if (decides === undefined) return false;
  const def = decides._zod.def;
  switch (def.type) {
    case "array": {
      if (!Array.isArray(value) || def.element === undefined) return false;
      let changed = false;
      const list = value as unknown as Record<number, unknown>;
      for (let i = 0; i < value.length; i++) if (at(def.element, list, i, levels - 1, path)) changed = true;
      return changed;
    }
    case "object": {
      if (Array.isArray(value) || def.shape === undefined) return false;
      const o = value as Record<string, unknown>;
      let changed = false;
      for (const k of Object.keys(def.shape)) {
        if (Object.hasOwn(o, k) && at(def.shape[k] as Node, o, k, levels - 1, path)) changed = true;
      }
      return changed;
    }
    case "record": {
      if (Array.isArray(value) || def.valueType === undefined) return false;
      const o = value as Record<string, unknown>;
      let changed = false;
      for (const k of Object.keys(o)) if (at(def.valueType, o, k, levels - 1, path)) changed = true;
      return changed;
    }
    default:
      return false;
  }
}
