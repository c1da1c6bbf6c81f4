/**
 * A fast success path for zod schemas: a tree of closures, compiled once per schema, that answers
 * "would zod accept this value and return an equal one?" without building zod's output copy.
 *
 * The contract, checked by a property test over valid and mutated values of every robotics message:
 * when `check(v)` returns true, `schema.safeParse(v)` succeeds and its data equals `v` (every string key).
 * A false answer promises nothing: the caller runs zod, which decides and words the issues. So a node
 * this module cannot model exactly (a union, a lazy, an unknown transform) answers false or defers to zod
 * for that node alone, never guesses. No code generation: zod's own `z.compile` uses `new Function`, which
 * hardened processes (`--disallow-code-generation-from-strings`) refuse.
 */
import type { z } from "zod";
import { FORBIDDEN_KEYS, isForbiddenKey, isPlainRecord } from "./keys.js";

/** True only when zod would accept `value` and return a value equal to it. */
export type FastCheck = (value: unknown) => boolean;

// The slice of zod 4's internals this module reads (`_zod.def`, `_zod.check`), typed narrowly.
interface Payload {
  value: unknown;
  issues: unknown[];
}
interface ZodCheckInternals {
  _zod: { def: { check?: string; when?: (p: Payload) => boolean }; check(p: Payload): unknown };
}
interface ZodDef {
  type: string;
  checks?: ZodCheckInternals[];
  coerce?: boolean;
  shape?: Record<string, ZodNode>;
  catchall?: ZodNode;
  element?: ZodNode;
  keyType?: ZodNode;
  valueType?: ZodNode;
  innerType?: ZodNode;
  in?: ZodNode;
  out?: ZodNode;
  entries?: Record<string, unknown>;
  transform?: (value: unknown, payload: unknown) => unknown;
  fn?: unknown;
}
interface ZodNode {
  _zod: { def: ZodDef; traits: Set<string>; optin?: string };
  safeParse(value: unknown): { success: boolean; data?: unknown };
}

/**
 * Transforms (from `z.preprocess`) known to return their input unchanged, without an issue, whenever the
 * guard holds. Any other transform is opaque: the fast path defers to zod for it.
 */
const IDENTITY_WHEN = new WeakMap<(value: never, ctx: never) => unknown, (value: unknown) => boolean>();

/** The guard `declareIdentityWhen` declared for `transform`, if any. */
export function identityGuard(transform: unknown): ((value: unknown) => boolean) | undefined {
  return typeof transform === "function" ? IDENTITY_WHEN.get(transform as never) : undefined;
}

/** Declares that `transform` returns its input untouched and adds no issue whenever `guard(input)` is true. */
export function declareIdentityWhen<F extends (value: never, ctx: never) => unknown>(
  transform: F,
  guard: (value: unknown) => boolean,
): F {
  IDENTITY_WHEN.set(transform, guard);
  return transform;
}

/**
 * Predicates of `z.custom` schemas known to accept only plain data leaves (see `declarePlain`). Keyed by the
 * predicate, which zod's clones (`.refine`, `.describe`...) share with the schema declared.
 */
const PLAIN_CUSTOM = new WeakSet<object>();

/**
 * Declares that the custom schema `schema` (a `z.custom` or `z.instanceof`) accepts only data leaves a wire
 * writer takes as they are: numbers, strings, booleans, bigints or `Uint8Array`s. See `plainDepth`.
 */
export function declarePlain<S extends z.ZodType>(schema: S): S {
  const fn = (schema as unknown as ZodNode)._zod.def.fn;
  if (typeof fn !== "function") throw new TypeError("declarePlain: not a z.custom schema");
  PLAIN_CUSTOM.add(fn);
  return schema;
}

/** What a cross-field check (`crossCheck`) found wrong: a message, at a path below the value checked. */
export interface Problem {
  readonly message: string;
  readonly path: readonly PropertyKey[];
}

type ProblemFinder = (value: never) => readonly Problem[] | undefined;

/** The problem finders of `crossCheck`, by the zod check each became: the fast check calls them alone. */
const CROSS_CHECKS = new WeakMap<object, ProblemFinder>();

/** Cross-field checks run only on values whose fields all passed: they may rely on the field types. */
const WHEN_FIELDS_VALID = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

/**
 * `schema` with a check across its fields. `problems(value)` lists what is wrong, or returns undefined
 * (allocating nothing) when nothing is; it runs only once every field passed, so it may rely on the field
 * types. zod reports each problem as a custom issue; the fast check calls `problems` directly, without
 * zod's issue machinery (~0.1 µs a call on the decode path, measured).
 */
export function crossCheck<S extends z.ZodType>(
  schema: S,
  problems: (value: z.output<S>) => readonly Problem[] | undefined,
): S {
  const out = schema.superRefine((value, ctx) => {
    const found = problems(value);
    if (found === undefined) return;
    for (const p of found)
      ctx.addIssue({ code: "custom", message: p.message, path: [...p.path], input: value });
  }, WHEN_FIELDS_VALID);
  const checks = (out as unknown as ZodNode)._zod.def.checks;
  const made = checks?.[checks.length - 1];
  if (made === undefined) throw new TypeError("crossCheck: zod added no check");
  CROSS_CHECKS.set(made, problems as ProblemFinder);
  return out;
}

/**
 * A guard for `declareIdentityWhen`: true for anything but an object whose prototype is not Object.prototype
 * or null, or that has a prototype-polluting key. A string-keyed record check implies it, so a pipe from
 * such a transform into a record runs the record check alone.
 */
export function plainMapGuard(input: unknown): boolean {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return true;
  const proto: unknown = Object.getPrototypeOf(input);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in input) if (isForbiddenKey(key)) return false;
  return true;
}

// Record checks built by recordOf (string keys, plain objects, no prototype-polluting key).
const RECORD_CHECKS = new WeakSet<FastCheck>();

/**
 * What a decoder guarantees about the values it builds, position by position, from its wire schema:
 * - `object`: a plain object (Object.prototype) with exactly these own enumerable keys, in this order
 *   (but one not `always` there may be missing), and nothing else (no symbol keys), or, where the wire may
 *   leave it out, undefined;
 * - `record`: a plain object whose keys are all own enumerable strings, none of them `__proto__`,
 *   `constructor` or `prototype`, and no symbol keys (or undefined);
 * - `array`: an array of such items (or undefined);
 * - `leaf`: a value of that type, never undefined where the field is always there (`LeafType`);
 * - `other`: nothing is promised.
 */
export type ReadShape =
  | { readonly kind: "object"; readonly fields: readonly ReadField[] }
  | { readonly kind: "record"; readonly values: ReadShape }
  | { readonly kind: "array"; readonly items: ReadShape }
  | { readonly kind: "leaf"; readonly type: LeafType }
  | { readonly kind: "other" };

export interface ReadField {
  readonly name: string;
  readonly shape: ReadShape;
  /** False when the wire may leave the field out: then the key is missing. */
  readonly always: boolean;
}

export const OTHER_SHAPE: ReadShape = Object.freeze({ kind: "other" });

/**
 * Leaves a decoder may vouch for: a string; a boolean; a `Uint8Array`; a bigint within the signed or
 * unsigned 64-bit range.
 */
export type LeafType = "string" | "bool" | "bytes" | "int64" | "uint64";

/** Schemas declared (`declareAcceptsAll`) to accept every value of a leaf type and return it unchanged. */
const ACCEPTS_ALL = new WeakMap<object, LeafType>();

/**
 * Declares that `schema` accepts every value of `type` (see LeafType) and returns it unchanged, so the
 * decode check need not look at a field the decoder vouches is of that type. Clones zod makes
 * (`.refine`, `.describe`...) are not covered: their checks run.
 */
export function declareAcceptsAll<S extends z.ZodType>(schema: S, type: LeafType): S {
  ACCEPTS_ALL.set(schema, type);
  return schema;
}

/**
 * True when every value a decoder builds where `reads` vouches for it, never undefined, is accepted by
 * `schema` and returned unchanged: the decode check may skip it.
 */
function impliedBy(schema: ZodNode, reads: ReadShape): boolean {
  const d = schema._zod.def;
  if (d.coerce === true || (d.checks?.length ?? 0) > 0) return false;
  // A default only acts on undefined, which such a value never is.
  if (d.type === "default") return d.innerType !== undefined && impliedBy(d.innerType, reads);
  if (reads.kind === "array")
    return d.type === "array" && d.element !== undefined && impliedBy(d.element, reads.items);
  if (reads.kind !== "leaf") return false;
  if (ACCEPTS_ALL.get(schema) === reads.type) return true;
  return (reads.type === "string" && d.type === "string") || (reads.type === "bool" && d.type === "boolean");
}

const hasOwn = Object.prototype.hasOwnProperty;
const cache = new WeakMap<object, FastCheck>();
const trustedCache = new WeakMap<object, WeakMap<ReadShape, FastCheck>>();
// While compiling a check for a decoder's values (see compileDecodeCheck): per object node, which of its
// fields are present in every value the decoder builds there.
let trusting: Map<ZodNode, boolean[]> | undefined;
// And which of its fields hold values the decoder vouches for (see impliedBy): those are not checked.
let skipping: Map<ZodNode, boolean[]> | undefined;
const depths = new WeakMap<object, number>();
// Set while compiling when a node lets through values that are not plain data (see plainDepth).
let opaque = false;

/** The fast check of `schema`, built once per schema object. */
export function compileFastCheck(schema: z.ZodType): FastCheck {
  let fast = cache.get(schema);
  if (fast === undefined) {
    opaque = false;
    fast = node(schema as unknown as ZodNode);
    depths.set(schema, opaque ? Number.POSITIVE_INFINITY : containerDepth(schema as unknown as ZodNode));
    cache.set(schema, fast);
  }
  return fast;
}

/**
 * The fast check of `schema` for values a decoder built, whose shapes `reads` describes: where the
 * reader already guarantees an object's exact keys or a record's plain string keys, those are not
 * tested again, only the values in them. The same answers as `compileFastCheck` on every value the
 * decoder can build (a property test compares the two on decoded values); where `reads` does not
 * vouch for every object and record in the schema, it is `compileFastCheck(schema)` itself.
 */
export function compileDecodeCheck(schema: z.ZodType, reads: ReadShape): FastCheck {
  const plain = compileFastCheck(schema);
  let byShape = trustedCache.get(schema);
  let fast = byShape?.get(reads);
  if (fast !== undefined) return fast;
  const always = new Map<ZodNode, boolean[]>();
  const implied = new Map<ZodNode, boolean[]>();
  if (!shapesMatch(schema as unknown as ZodNode, reads, new Map(), always, implied)) {
    fast = plain;
  } else {
    trusting = always;
    skipping = implied;
    try {
      fast = node(schema as unknown as ZodNode);
    } finally {
      trusting = undefined;
      skipping = undefined;
    }
  }
  if (byShape === undefined) {
    byShape = new WeakMap();
    trustedCache.set(schema, byShape);
  }
  byShape.set(reads, fast);
  return fast;
}

/**
 * True when every object and record node the fast check would compile for `schema` meets a position
 * `reads` vouches for (nodes the check leaves to zod need nothing). Cycles are assumed to match.
 */
function shapesMatch(
  schema: ZodNode,
  reads: ReadShape,
  seen: Map<ZodNode, Set<ReadShape>>,
  always: Map<ZodNode, boolean[]>,
  implied: Map<ZodNode, boolean[]>,
): boolean {
  let pairs = seen.get(schema);
  if (pairs?.has(reads)) return true;
  if (pairs === undefined) {
    pairs = new Set();
    seen.set(schema, pairs);
  }
  pairs.add(reads);
  const d = schema._zod.def;
  switch (d.type) {
    case "object": {
      if (reads.kind !== "object" || d.shape === undefined) return false;
      const keys = Object.keys(d.shape);
      if (keys.length !== reads.fields.length) return false;
      // The same node at several positions: a field is always there only if it is at every one.
      const here = reads.fields.map((f) => f.always);
      const before = always.get(schema);
      always.set(schema, before === undefined ? here : before.map((a, i) => a && (here[i] as boolean)));
      // Likewise a field's check is skipped only if the value is vouched for at every position.
      const shape = d.shape;
      const skip = reads.fields.map(
        (f, i) => f.always && impliedBy(shape[keys[i] as string] as ZodNode, f.shape),
      );
      const skipBefore = implied.get(schema);
      implied.set(
        schema,
        skipBefore === undefined ? skip : skipBefore.map((a, i) => a && (skip[i] as boolean)),
      );
      return keys.every((k, i) => {
        const f = reads.fields[i] as ReadField;
        return f.name === k && shapesMatch(shape[k] as ZodNode, f.shape, seen, always, implied);
      });
    }
    case "record":
      return (
        reads.kind === "record" &&
        d.valueType !== undefined &&
        shapesMatch(d.valueType, reads.values, seen, always, implied)
      );
    case "array":
      return (
        d.element !== undefined &&
        shapesMatch(d.element, reads.kind === "array" ? reads.items : OTHER_SHAPE, seen, always, implied)
      );
    case "default":
      return d.innerType !== undefined && shapesMatch(d.innerType, reads, seen, always, implied);
    case "pipe":
      return (
        d.in !== undefined &&
        d.out !== undefined &&
        shapesMatch(d.in, reads, seen, always, implied) &&
        shapesMatch(d.out, reads, seen, always, implied)
      );
    default:
      return true; // a leaf, a transform, or a node zod alone decides: nothing compiled trusts a shape
  }
}

/**
 * The deepest nesting of arrays, objects and records (the value itself is level 1; leaves add none) in
 * any value the fast check of `schema` accepts; Infinity when that is unbounded (a recursive schema) or
 * when the check lets through values that are not plain data (a node zod alone decides, a custom
 * predicate not declared plain). Plain data here: objects, arrays, records, strings, numbers, bigints,
 * booleans and `Uint8Array`s, and nothing else. The codec relies on it to skip the scan of its output.
 */
export function plainDepth(schema: z.ZodType): number {
  compileFastCheck(schema);
  return depths.get(schema) as number;
}

function containerDepth(schema: ZodNode, seen: Set<ZodNode> = new Set()): number {
  if (seen.has(schema)) return Number.POSITIVE_INFINITY;
  seen.add(schema);
  const d = schema._zod.def;
  let depth: number;
  switch (d.type) {
    case "string":
    case "number":
    case "bigint":
    case "boolean":
    case "enum":
    case "custom": // compiled as opaque unless declared plain
    case "transform": // compiled only as a declared identity
      depth = 0;
      break;
    case "array":
      depth = 1 + (d.element === undefined ? Number.POSITIVE_INFINITY : containerDepth(d.element, seen));
      break;
    case "record":
      depth = 1 + (d.valueType === undefined ? Number.POSITIVE_INFINITY : containerDepth(d.valueType, seen));
      break;
    case "object": {
      let inner = 0;
      for (const f of Object.values(d.shape ?? {})) inner = Math.max(inner, containerDepth(f, seen));
      depth = 1 + inner;
      break;
    }
    case "default":
      depth = d.innerType === undefined ? Number.POSITIVE_INFINITY : containerDepth(d.innerType, seen);
      break;
    case "pipe":
      depth =
        d.in === undefined || d.out === undefined
          ? Number.POSITIVE_INFINITY
          : Math.max(containerDepth(d.in, seen), containerDepth(d.out, seen));
      break;
    default:
      depth = Number.POSITIVE_INFINITY;
  }
  seen.delete(schema);
  return depth;
}

/** Defers a node the fast path does not model to zod itself; exact only when zod returns the input as is. */
function viaZod(schema: ZodNode): FastCheck {
  opaque = true;
  return (v) => {
    const r = schema.safeParse(v);
    return r.success && r.data === v;
  };
}

// Nodes being compiled or compiled in this build: a recursive schema (an object getter that returns
// an enclosing schema) reaches itself again and gets a thunk to the node still being built.
let building: Map<ZodNode, FastCheck> | undefined;
/** Nesting of recursive nodes in one check: past this, zod answers (its own recursion, its own errors). */
const MAX_RECURSION = 512;
let recursion = 0;

function node(schema: ZodNode): FastCheck {
  const outer = building === undefined;
  if (outer) building = new Map();
  const map = building as Map<ZodNode, FastCheck>;
  try {
    const seen = map.get(schema);
    if (seen !== undefined) {
      handedOut.add(seen);
      return seen;
    }
    let impl: FastCheck = () => false;
    const thunk: FastCheck = (v) => {
      if (recursion >= MAX_RECURSION) return false;
      recursion++;
      try {
        return impl(v);
      } finally {
        recursion--;
      }
    };
    map.set(schema, thunk);
    impl = build(schema);
    // Only a node that reached itself keeps the thunk (and its depth count); others run direct.
    const result = handedOut.has(thunk) ? thunk : impl;
    map.set(schema, result);
    return result;
  } finally {
    if (outer) building = undefined;
  }
}

const handedOut = new WeakSet<FastCheck>();

function build(schema: ZodNode): FastCheck {
  const def = schema._zod.def;
  if (def.coerce === true) return viaZod(schema);
  // A schema that is itself a check (z.custom, z.instanceof) runs first, as zod runs it.
  const checks = schema._zod.traits.has("$ZodCheck")
    ? [schema as unknown as ZodCheckInternals, ...(def.checks ?? [])]
    : (def.checks ?? []);
  const leaf = leafOf(def.type, checks);
  if (leaf !== undefined) return leaf;
  const type = typeOf(schema, def);
  if (type === undefined) return viaZod(schema);
  if (checks.length === 0) return type;
  const run = runChecks(checks);
  return (v) => type(v) && run(v);
}

/** Runs zod's own checks on `v` (after its type passed): true when none adds an issue. */
function runChecks(checks: readonly ZodCheckInternals[]): FastCheck {
  const each = checks.map(oneCheck);
  if (each.length === 1) return each[0] as FastCheck;
  return (v) => {
    for (const c of each) if (!c(v)) return false;
    return true;
  };
}

/** A check that never vouches: zod decides every value. */
const NEVER: FastCheck = () => false;

function oneCheck(ch: ZodCheckInternals): FastCheck {
  const d = ch._zod.def as { check?: string; type?: string; fn?: unknown; when?: unknown };
  // `.trim()`, `.toLowerCase()`, `.toUpperCase()`, `.normalize()`, `.overwrite(fn)`: checks that replace the
  // value and add no issue. Accepting here would hand back the value as it came; zod returns it replaced.
  if (d.check === "overwrite") return NEVER;
  // A crossCheck: it runs here only after the value's type (every field) passed, as its `when` asks.
  const problems = CROSS_CHECKS.get(ch);
  if (problems !== undefined && d.when === WHEN_FIELDS_VALID.when)
    return (v) => problems(v as never) === undefined;
  // `.refine(fn)` and `z.custom(fn)`: zod adds an issue exactly when fn's result is falsy.
  if (d.check === "custom" && d.type === "custom" && typeof d.fn === "function" && d.when === undefined) {
    const fn = d.fn as (v: unknown) => unknown;
    return (v) => {
      const r = fn(v);
      return !(r instanceof Promise) && Boolean(r);
    };
  }
  return (v) => {
    const payload: Payload = { value: v, issues: [] };
    const when = ch._zod.def.when;
    if (when !== undefined && !when(payload)) return true;
    const r = ch._zod.check(payload);
    // `.check(ctx => { ctx.value = ... })` replaces the value without an issue: zod returns the new one.
    return !(r instanceof Promise) && payload.issues.length === 0 && Object.is(payload.value, v);
  };
}

/**
 * Bounds folded from zod's built-in checks. Every folded check passes when its bound holds (a check that
 * passes or is skipped adds no issue), so the folded test may accept alone; checks not folded run as zod's.
 */
interface Bounds {
  int: boolean;
  lo: number | bigint | undefined;
  loIncl: boolean;
  hi: number | bigint | undefined;
  hiIncl: boolean;
  rest: ZodCheckInternals[];
}

const INT_RANGES: Record<string, readonly [number, number]> = {
  safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
};

function foldBounds(checks: readonly ZodCheckInternals[]): Bounds {
  const b: Bounds = { int: false, lo: undefined, loIncl: true, hi: undefined, hiIncl: true, rest: [] };
  for (const ch of checks) {
    const d = ch._zod.def as { check?: string; value?: unknown; inclusive?: boolean; format?: string };
    const range = d.format === undefined ? undefined : INT_RANGES[d.format];
    if (d.check === "number_format" && range !== undefined) {
      b.int = true;
      tighten(b, range[0], true, "lo");
      tighten(b, range[1], true, "hi");
    } else if ((d.check === "greater_than" || d.check === "less_than") && isNumeric(d.value)) {
      tighten(b, d.value, d.inclusive === true, d.check === "greater_than" ? "lo" : "hi");
    } else {
      b.rest.push(ch);
    }
  }
  return b;
}

function isNumeric(v: unknown): v is number | bigint {
  return typeof v === "number" || typeof v === "bigint";
}

/** Keeps both bounds when they cannot be compared simply: a failing fold only sends the value to zod. */
function tighten(b: Bounds, value: number | bigint, incl: boolean, side: "lo" | "hi"): void {
  const cur = b[side];
  if (cur === undefined) {
    b[side] = value;
    b[`${side}Incl`] = incl;
    return;
  }
  const stricter =
    side === "lo" ? value > cur || (value === cur && !incl) : value < cur || (value === cur && !incl);
  if (stricter) {
    b[side] = value;
    b[`${side}Incl`] = incl;
  }
}

/** A primitive node (type test and checks) as one closure, or undefined for anything else. */
function leafOf(type: string, checks: readonly ZodCheckInternals[]): FastCheck | undefined {
  if (type !== "number" && type !== "bigint" && type !== "string" && type !== "boolean") return undefined;
  if (type === "string") return stringLeaf(checks);
  const b = foldBounds(checks);
  if (type === "boolean" && checks.length > 0) return undefined;
  const { int, lo, loIncl, hi, hiIncl } = b;
  const rest = b.rest.length > 0 ? runChecks(b.rest) : undefined;
  const inRange = (v: number | bigint): boolean =>
    (lo === undefined || v > lo || (loIncl && v === lo)) &&
    (hi === undefined || v < hi || (hiIncl && v === hi));
  if (type === "boolean") return (v) => typeof v === "boolean";
  if (type === "bigint") return (v) => typeof v === "bigint" && inRange(v) && (rest === undefined || rest(v));
  return (v) =>
    typeof v === "number" &&
    Number.isFinite(v) &&
    (!int || Number.isSafeInteger(v)) &&
    inRange(v) &&
    (rest === undefined || rest(v));
}

function stringLeaf(checks: readonly ZodCheckInternals[]): FastCheck {
  let maxUnits = Number.POSITIVE_INFINITY;
  let minUnits = 0;
  const patterns: RegExp[] = [];
  const rest: ZodCheckInternals[] = [];
  for (const ch of checks) {
    const d = ch._zod.def as {
      check?: string;
      maximum?: number;
      minimum?: number;
      format?: string;
      pattern?: RegExp;
    };
    if (d.check === "max_length" && typeof d.maximum === "number") {
      // zod counts code points; a string within the bound in UTF-16 units is within it in code points.
      maxUnits = Math.min(maxUnits, d.maximum);
    } else if (d.check === "min_length" && typeof d.minimum === "number") {
      // A code point is at most two units: twice the floor in units always clears it.
      minUnits = Math.max(minUnits, 2 * d.minimum);
    } else if (d.check === "string_format" && d.format === "regex" && d.pattern instanceof RegExp) {
      patterns.push(d.pattern);
    } else {
      rest.push(ch);
    }
  }
  // A string the folded bounds cannot vouch for goes through zod's own checks (all of them).
  const all = checks.length > 0 ? runChecks(checks) : undefined;
  const others = rest.length > 0 ? runChecks(rest) : undefined;
  const matches = (v: string): boolean => {
    for (const p of patterns) {
      p.lastIndex = 0;
      if (!p.test(v)) return false;
    }
    return true;
  };
  if (all === undefined) return (v) => typeof v === "string";
  return (v) => {
    if (typeof v !== "string") return false;
    if (v.length > maxUnits || v.length < minUnits) return all(v);
    return matches(v) && (others === undefined || others(v));
  };
}

/** The type test of one node (its checks run after it), or undefined when it is not modelled. */
function typeOf(schema: ZodNode, def: ZodDef): FastCheck | undefined {
  switch (def.type) {
    case "custom":
      if (typeof def.fn !== "function" || !PLAIN_CUSTOM.has(def.fn)) opaque = true;
      return () => true; // z.custom parses as identity; its predicate runs as the first check
    case "enum": {
      const values = new Set(Object.values(def.entries ?? {}));
      // zod's enum accepts the values of the entries object (numeric enums: only the numbers).
      const accepted = (schema as unknown as { _zod: { values?: Set<unknown> } })._zod.values ?? values;
      return (v) => accepted.has(v);
    }
    case "array":
      return def.element === undefined ? undefined : arrayOf(def.element);
    case "object":
      return objectOf(schema, def);
    case "record":
      return recordOf(def);
    case "default":
      if (def.innerType === undefined) return undefined;
      return undefinedFails(node(def.innerType));
    case "pipe":
      return pipeOf(def);
    default:
      return undefined;
  }
}

/** `undefined` would be replaced by a default: not the input, so zod must answer. */
function undefinedFails(inner: FastCheck): FastCheck {
  return (v) => v !== undefined && inner(v);
}

function arrayOf(elementSchema: ZodNode): FastCheck {
  const element = node(elementSchema);
  const d = elementSchema._zod.def;
  // Element loops without a call per element for the common lists (names, shapes).
  if (d.type === "string" && (d.checks?.length ?? 0) === 0 && d.coerce !== true) {
    return (v) => {
      if (!Array.isArray(v)) return false;
      for (let i = 0; i < v.length; i++) if (typeof v[i] !== "string") return false;
      return true;
    };
  }
  if (d.type === "number" && d.coerce !== true) {
    const b = foldBounds(d.checks ?? []);
    if (
      b.rest.length === 0 &&
      b.int &&
      typeof b.lo === "number" &&
      typeof b.hi === "number" &&
      b.loIncl &&
      b.hiIncl
    ) {
      const { lo, hi } = b;
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          if (typeof x !== "number" || !Number.isSafeInteger(x) || x < lo || x > hi) return false;
        }
        return true;
      };
    }
  }
  return (v) => {
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
    return true;
  };
}

function objectOf(schema: ZodNode, def: ZodDef): FastCheck | undefined {
  if (def.catchall !== undefined || def.shape === undefined) return undefined;
  const keys = Object.keys(def.shape);
  if (keys.some((k) => FORBIDDEN_KEYS.has(k))) return undefined;
  const fields = keys.map((k) => node((def.shape as Record<string, ZodNode>)[k] as ZodNode));
  const n = keys.length;
  const last = keys[n - 1] as string;
  const always = trusting?.get(schema);
  if (always !== undefined) {
    // The decoder built it with exactly these keys, in this order, but for those that may be missing
    // (see ReadShape): only those are asked whether they are there.
    // The keys are walked with for-in: V8 reads `o[k]` there through the for-in's own enum cache, where a
    // keyed read goes through one site shared by every message type, megamorphic once an application
    // decodes several (a few % of a small decode, measured). Any key out of place, extra or missing means
    // zod decides.
    const maybe = always.some((a) => !a);
    // Fields whose values the decoder vouches for (see impliedBy) are not looked at.
    const skip = skipping?.get(schema);
    const checks = fields.map((f, i) => (skip?.[i] === true ? null : f));
    return (v) => {
      if (typeof v !== "object" || v === null) return false;
      const o = v as Record<string, unknown>;
      let i = 0;
      for (const k in o) {
        if (k !== keys[i]) return false;
        if (maybe && always[i] === false && !Object.hasOwn(o, k)) return false;
        const check = checks[i] as FastCheck | null;
        if (check !== null && !check(o[k])) return false;
        i++;
      }
      return i === n;
    };
  }
  // A key the shape requires (it may not be left out) holding undefined, under a schema that takes
  // undefined (z.unknown(), z.any()...): zod accepts it, but no writer carries undefined as a value, so it
  // would go out without the key, and the peer would refuse it. issues.ts words the refusal.
  const shape = def.shape;
  const owned = keys.map((k, i) => {
    const f = fields[i] as FastCheck;
    const s = shape[k] as ZodNode;
    return s._zod.optin === undefined && !REFUSES_UNDEFINED.has(s._zod.def.type) ? definedAnd(f) : f;
  });
  return (v) => {
    // zod strips unknown keys (a copy without them): only a plain object with exactly the shape's keys,
    // own and enumerable, is returned as is. And in the shape's order, as zod's copy would be: encoders
    // write keys in object order, so the same value encodes to the same bytes whatever order it was built in.
    // The keys are walked with for-in, which allocates no array and reads `v[k]` through the enum cache.
    // It also yields inherited enumerable keys, after the own ones: so when the last key is own, all are.
    if (!isPlainRecord(v)) return false;
    let i = 0;
    for (const k in v) {
      if (k !== keys[i]) return false;
      if (!(owned[i] as FastCheck)(v[k])) return false;
      i++;
    }
    return i === n && (n === 0 || hasOwn.call(v, last));
  };
}

/** Node types whose own test refuses undefined (the rest, unknown, any, unions..., may take it). */
const REFUSES_UNDEFINED: ReadonlySet<string> = new Set([
  "string",
  "number",
  "bigint",
  "boolean",
  "object",
  "array",
  "record",
  "enum",
]);

function definedAnd(inner: FastCheck): FastCheck {
  return (v) => v !== undefined && inner(v);
}

function recordOf(def: ZodDef): FastCheck | undefined {
  if (def.keyType === undefined || def.valueType === undefined) return undefined;
  const keyDef = def.keyType._zod.def;
  // Only z.string() keys without checks: every string key is kept as is.
  if (keyDef.type !== "string" || (keyDef.checks?.length ?? 0) > 0 || keyDef.coerce === true)
    return undefined;
  const value = node(def.valueType);
  const check: FastCheck =
    trusting !== undefined
      ? (v) => {
          // The decoder built it with plain string keys only (see ReadShape).
          if (typeof v !== "object" || v === null) return false;
          const o = v as Record<string, unknown>;
          for (const k in o) if (!value(o[k])) return false;
          return true;
        }
      : (v) => {
          if (!isPlainRecord(v)) return false;
          // zod reads symbol keys too (and refuses them for a string key schema).
          if (Object.getOwnPropertySymbols(v).length > 0) return false;
          for (const k in v) {
            if (isForbiddenKey(k)) return false; // zod drops a __proto__ key silently; the caller refuses it
            if (!value(v[k])) return false;
          }
          return true;
        };
  RECORD_CHECKS.add(check);
  return check;
}

function pipeOf(def: ZodDef): FastCheck | undefined {
  if (def.in === undefined || def.out === undefined) return undefined;
  const inDef = def.in._zod.def;
  if (inDef.type === "transform") {
    const guard = inDef.transform === undefined ? undefined : IDENTITY_WHEN.get(inDef.transform);
    if (guard === undefined || (inDef.checks?.length ?? 0) > 0) return undefined;
    const out = node(def.out);
    if (guard === plainMapGuard && RECORD_CHECKS.has(out)) return out;
    return (v) => guard(v) && out(v);
  }
  const first = node(def.in);
  const outDef = def.out._zod.def;
  if (outDef.type === "transform") {
    // `.transform(fn)`: the value zod returns is fn's, so only a declared identity keeps the input.
    const guard = outDef.transform === undefined ? undefined : IDENTITY_WHEN.get(outDef.transform);
    if (guard === undefined || (outDef.checks?.length ?? 0) > 0) return undefined;
    return (v) => first(v) && guard(v);
  }
  const out = node(def.out);
  return (v) => first(v) && out(v);
}
