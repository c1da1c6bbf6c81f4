/**
 * Walking a zod 4 schema alongside a value without running the schema: the slice of zod's internals the
 * walks read (issues.ts, formats/msgpack/retype.ts), and the step through wrappers they share.
 */
import { identityGuard } from "./fastcheck.js";

export interface ZodDef {
  type: string;
  fn?: unknown;
  shape?: Record<string, ZodNode>;
  element?: ZodNode;
  valueType?: ZodNode;
  innerType?: ZodNode;
  in?: ZodNode;
  out?: ZodNode;
  transform?: unknown;
  checks?: unknown[];
}
export interface ZodNode {
  /** "optional" or "defaulted" where zod accepts the key left out of an object. */
  _zod: { def: ZodDef; optin?: string };
}

const WRAPPERS: ReadonlySet<string> = new Set(["optional", "nullable", "default", "readonly"]);

/**
 * The schema that decides `value` (neither undefined nor null: those are the wrappers' to decide) once
 * past optional, nullable, default and readonly, into pipes, and through a preprocess declared to return
 * this value untouched (declareIdentityWhen), and with `intoCatch` into `.catch()` (which would otherwise
 * replace a value its inner schema refuses); undefined where the walk cannot follow (undefined and null,
 * which the wrappers decide, and any other transform).
 */
export function through(schema: ZodNode, value: unknown, intoCatch = false): ZodNode | undefined {
  if (value === undefined || value === null) return undefined;
  let s = schema;
  for (;;) {
    const d = s._zod.def;
    if (WRAPPERS.has(d.type) || (intoCatch && d.type === "catch")) {
      if (d.innerType === undefined) return undefined;
      s = d.innerType;
    } else if (d.type === "pipe") {
      if (d.in === undefined || d.out === undefined) return undefined;
      const inDef = d.in._zod.def;
      if (inDef.type !== "transform") {
        s = d.in;
        continue;
      }
      const guard = identityGuard(inDef.transform);
      if (guard === undefined || (inDef.checks?.length ?? 0) > 0 || !guard(value)) return undefined;
      s = d.out;
    } else {
      return s;
    }
  }
}
