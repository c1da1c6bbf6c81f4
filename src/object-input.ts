/**
 * zod 4's `z.object` takes any object that is not an array: a Map, a Set, a Date or a typed array passes,
 * and its output is a new object of the shape's keys read as properties, so a Map's entries are lost without
 * an issue (all of them, when every field is optional). Encode refuses such a value where a schema object
 * goes, as the writers refuse it with a permissive schema (keys.ts, isRecordLike).
 */
import type { Path } from "./errors.js";
import { isPlainRecord, isRecordLike, objectKind } from "./keys.js";
import { through, type ZodNode } from "./zod-walk.js";

/** Where a built-in object stands for a `z.object`, and its kind; undefined where none does. */
export function builtInAsObject(
  schema: ZodNode,
  value: unknown,
  maxLevel: number,
): { path: Path; kind: string } | undefined {
  const path: Path = [];
  let kind = "";
  // Only through objects, arrays and records (past wrappers, into pipes): unions, lazy schemas and
  // transforms decide for themselves (a transform may take a Map on purpose).
  const look = (s: ZodNode, v: unknown, level: number): boolean => {
    if (typeof v !== "object" || v === null || level > maxLevel) return false;
    const d = through(s, v)?._zod.def;
    if (d === undefined) return false;
    if (d.type === "object") {
      if (!isRecordLike(v)) {
        if (Array.isArray(v)) return false; // zod refuses an array itself
        kind = objectKind(v);
        return true;
      }
      const shape = d.shape ?? {};
      for (const k of Object.keys(shape)) {
        path.push(k);
        if (look(shape[k] as ZodNode, v[k], level + 1)) return true;
        path.pop();
      }
      return false;
    }
    if (d.type === "array" && Array.isArray(v) && d.element !== undefined) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        if (look(d.element, v[i], level + 1)) return true;
        path.pop();
      }
      return false;
    }
    if (d.type === "record" && isPlainRecord(v) && d.valueType !== undefined) {
      for (const k of Object.keys(v)) {
        path.push(k);
        if (look(d.valueType, v[k], level + 1)) return true;
        path.pop();
      }
    }
    return false;
  };
  return look(schema, value, 1) ? { path, kind } : undefined;
}
