/**
 * zod's verdict on a value the fast check refused, without zod's issue per bad element. zod lists every
 * problem: a decoded array of a million nils cost 7.7 s and 650 MB to refuse (a valid one of the same size
 * decodes in 0.1 s), and past ~120k issues zod's own `push(...issues)` threw a RangeError that read as a
 * stack overflow. So the value is walked first, down through objects, arrays and records, to the first
 * child that the fast check refuses and zod refuses too (in zod's order: shape, index, key), and zod is
 * asked about that child alone: the issues are zod's, with the full path, for the first part of the value
 * that fails. Where no child fails (the node's own checks, a key, a union, a transform), zod parses the
 * node. Refusing costs a fast check per element passed plus zod on the part it is asked about; a value
 * zod accepts is parsed whole, as before, for its output.
 */
import { compileFastCheck } from "./fastcheck.js";
import { through, type ZodNode } from "./zod-walk.js";

/** One issue as zod words it: a message at a path. */
export interface ZodLikeIssue {
  readonly message: string;
  readonly path: readonly PropertyKey[];
}

export type Verdict = { success: true; data: unknown } | { success: false; issues: ZodLikeIssue[] };

interface Node extends ZodNode {
  safeParse(
    value: unknown,
  ): { success: true; data: unknown } | { success: false; error: { issues: ZodLikeIssue[] } };
}

/**
 * The deepest the walk goes, whatever maxDepth is set to: below it, zod parses the part whole. With maxDepth
 * raised to a million, a 20,000-level message walked until the stack ran out cost a second of fast checks
 * (each up to 512 levels deep, fastcheck.ts) before zod's own stack overflow refused it as maxDepth anyway.
 * Four times the default maxDepth: a value nested deeper than that is one its sender chose to allow.
 */
export const MAX_WALK_LEVELS = 256;

/**
 * `schema.safeParse(value)`, but a refusal lists only the issues of the first part of `value` that fails.
 * The walk goes at most `maxLevel` containers down (the value is level 1; codecs pass maxDepth, past which
 * the value is refused anyway), and never past MAX_WALK_LEVELS: each level's fast check looks at the whole
 * part below it, so a walk as deep as the value would cost its depth times its size.
 */
export function parseBounded(schema: unknown, value: unknown, maxLevel: number): Verdict {
  const s = schema as Node;
  const found = inChildren(s, value, [], Math.min(maxLevel, MAX_WALK_LEVELS));
  if (found !== undefined) return { success: false, issues: found };
  const r = s.safeParse(value);
  return r.success ? { success: true, data: r.data } : { success: false, issues: r.error.issues };
}

const REQUIRED_UNDEFINED =
  "undefined at a key the schema requires: it has no wire form (the key would be left out, which is refused)";

/** zod's issues for `value` at `path`, from its first failing child if it has one; undefined if it passes. */
function issuesAt(
  schema: Node,
  value: unknown,
  path: readonly PropertyKey[],
  levels: number,
): ZodLikeIssue[] | undefined {
  const found = inChildren(schema, value, path, levels);
  if (found !== undefined) return found;
  const r = schema.safeParse(value);
  if (r.success) return undefined;
  return r.error.issues.map((i) => ({ ...i, path: [...path, ...i.path] }));
}

/** A child of `value` that fails: checked fast, then asked of zod (a fast refusal may be a value zod changes). */
function child(schema: Node, value: unknown, path: readonly PropertyKey[], key: PropertyKey, levels: number) {
  return compileFastCheck(schema as never)(value)
    ? undefined
    : issuesAt(schema, value, [...path, key], levels);
}

/** The issues of the first child of `value` that fails under `schema`, or undefined where none does. */
function inChildren(
  schema: Node,
  value: unknown,
  path: readonly PropertyKey[],
  levels: number,
): ZodLikeIssue[] | undefined {
  // `levels`: containers the walk may still go into, `value` included.
  if (levels <= 1) return undefined;
  const decides = through(schema, value) as Node | undefined;
  if (decides === undefined) return undefined;
  const def = decides._zod.def;
  switch (def.type) {
    case "array": {
      if (!Array.isArray(value) || def.element === undefined) return undefined;
      for (let i = 0; i < value.length; i++) {
        const found = child(def.element as Node, value[i], path, i, levels - 1);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value) || def.shape === undefined)
        return undefined;
      const o = value as Record<string, unknown>;
      for (const k of Object.keys(def.shape)) {
        const field = def.shape[k] as Node;
        const own = Object.hasOwn(o, k);
        // A key the field may leave out is zod's to judge (asking the child would ask about undefined,
        // which `.exactOptional()` refuses); a required one is asked, and zod says it is missing.
        if (!own && field._zod.optin !== undefined) continue;
        const found = child(field, o[k], path, k, levels - 1);
        if (found !== undefined) return found;
        // zod takes undefined under z.unknown() and the like, but no wire carries it: the key would be
        // left out, and a key left out is refused (see objectOf in fastcheck.ts).
        if (own && o[k] === undefined && field._zod.optin === undefined)
          return [{ message: REQUIRED_UNDEFINED, path: [...path, k] }];
      }
      return undefined;
    }
    case "record": {
      if (typeof value !== "object" || value === null || Array.isArray(value) || def.valueType === undefined)
        return undefined;
      const o = value as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        const found = child(def.valueType as Node, o[k], path, k, levels - 1);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
