/**
 * zod 4's `z.object` takes any object that is not an array: a Map, a Set, a Date or a typed array passes,
 * and its output is a new object of the shape's keys read as properties, so a Map's entries are lost without
 * an issue (all of them, when every field is optional). Encode refuses such a value where a schema object
 * goes, as the writers refuse it with a permissive schema (keys.ts, isRecordLike).
 */
import type { Path } from "./errors.js";
import { isRecordLike, objectKind } from "./keys.js";
import { through, type ZodNode } from "./zod-walk.js";

/** The slice of zod 4's internals beyond zod-walk's that this walk reads. */
interface Node extends ZodNode {
  _zod: ZodNode["_zod"] & { innerType?: Node };
  safeParse(value: unknown): { success: boolean };
}
interface Def {
  type: string;
  options?: readonly Node[];
  left?: Node;
  right?: Node;
  items?: readonly Node[];
  rest?: Node | null;
  catchall?: Node;
}

/**
 * Where a built-in object stands for a `z.object`, and its kind; undefined where none does. Called after
 * zod accepted `value`, so each union has an option that takes its value.
 */
export function builtInAsObject(
  schema: ZodNode,
  value: unknown,
  maxLevel: number,
): { path: Path; kind: string } | undefined {
  const path: Path = [];
  let kind = "";
  // Each object under each schema is looked at once, at the shallowest level it is met (a deeper look is
  // cut off sooner, so finds nothing a shallower one did not): a value whose objects are shared or
  // cyclic (`n.children = [n, n]`) would otherwise be walked as a tree, 2^maxLevel objects.
  const seen = new Map<object, Map<Node, number>>();
  const at = (s: Node, v: unknown, key: PropertyKey, level: number): boolean => {
    path.push(key);
    if (look(s, v, level)) return true;
    path.pop();
    return false;
  };
  // Through objects, arrays, tuples and records (past wrappers, into pipes), lazy schemas, intersections
  // (both sides) and unions (the option zod takes: the first that accepts the value). Not through a
  // transform, which decides for itself (it may take a Map on purpose).
  const look = (schema: Node, v: unknown, level: number): boolean => {
    if (typeof v !== "object" || v === null || level > maxLevel) return false;
    let looked = seen.get(v);
    if (looked === undefined) {
      looked = new Map();
      seen.set(v, looked);
    }
    const before = looked.get(schema);
    if (before !== undefined && before <= level) return false;
    looked.set(schema, level);
    let s = through(schema, v) as Node | undefined;
    // A lazy's inner schema may be a wrapper or a lazy again. zod has parsed the value, so the chain
    // ends; the set (made only where a lazy is met) only guards against a lazy seen twice.
    let lazies: Set<Node> | undefined;
    while (s?._zod.def.type === "lazy") {
      lazies ??= new Set();
      if (lazies.has(s)) break;
      lazies.add(s);
      const inner = s._zod.innerType;
      s = inner === undefined ? undefined : (through(inner, v) as Node | undefined);
    }
    if (s === undefined) return false;
    const d = s._zod.def;
    const x = d as unknown as Def;
    switch (d.type) {
      case "object": {
        if (!isRecordLike(v)) {
          if (Array.isArray(v)) return false; // zod refuses an array itself
          kind = objectKind(v);
          return true;
        }
        const shape = d.shape ?? {};
        for (const k of Object.keys(shape)) if (at(shape[k] as Node, v[k], k, level + 1)) return true;
        const rest = x.catchall;
        if (rest !== undefined && rest._zod.def.type !== "never") {
          for (const k of Object.keys(v)) {
            if (!Object.hasOwn(shape, k) && at(rest, v[k], k, level + 1)) return true;
          }
        }
        return false;
      }
      case "array":
        if (!Array.isArray(v) || d.element === undefined) return false;
        for (let i = 0; i < v.length; i++) if (at(d.element as Node, v[i], i, level + 1)) return true;
        return false;
      case "tuple": {
        if (!Array.isArray(v)) return false;
        const items = x.items ?? [];
        for (let i = 0; i < v.length; i++) {
          const item = i < items.length ? items[i] : (x.rest ?? undefined);
          if (item !== undefined && at(item, v[i], i, level + 1)) return true;
        }
        return false;
      }
      case "record":
        // Any object zod took as a record (it takes one whose prototype has no constructor, too).
        if (Array.isArray(v) || d.valueType === undefined) return false;
        for (const k of Object.keys(v)) {
          if (at(d.valueType as Node, (v as Record<string, unknown>)[k], k, level + 1)) return true;
        }
        return false;
      case "intersection":
        return (
          (x.left !== undefined && look(x.left, v, level)) ||
          (x.right !== undefined && look(x.right, v, level))
        );
      case "union": {
        // zod returns the first option that accepts (a discriminated union's option by its tag, the only
        // one that can accept; an exclusive union's only one).
        const chosen = x.options?.find((o) => o.safeParse(v).success);
        return chosen !== undefined && look(chosen, v, level);
      }
      default:
        return false;
    }
  };
  return look(schema as Node, value, 1) ? { path, kind } : undefined;
}
