import type { Type } from "avsc";

/**
 * A small description of an Avro type, compiled once per codec and never changed after. The prescan
 * and the reader walk it instead of avsc's types, so decoding never depends on avsc's internals.
 */
export const NULL = 0;
export const BOOLEAN = 1;
export const INT = 2;
export const LONG = 3;
export const FLOAT = 4;
export const DOUBLE = 5;
export const BYTES = 6;
export const STRING = 7;
export const FIXED = 8;
export const ENUM = 9;
export const ARRAY = 10;
export const MAP = 11;
export const RECORD = 12;
export const UNION = 13;
export type Kind = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13;

export interface Field {
  readonly name: string;
  readonly node: Node;
}

/** One shape for every kind keeps property access monomorphic in the hot loops. */
export interface Node {
  readonly kind: Kind;
  /** The Avro type name (`ns.Record`, `string`, `array`), for messages. */
  readonly name: string;
  /** Fewest bytes any value of this type encodes to: bounds block counts against the bytes left. */
  minBytes: number;
  /** True when every value encodes to zero bytes (null, fixed(0), records of those). */
  zero: boolean;
  /** For zero-byte types: how many records deep a value is (its own level included). */
  zeroDepth: number;
  /** True when a bytes or fixed value may occur inside: those are converted to Buffer on encode. */
  hasBinary: boolean;
  /**
   * True when a string, map key or enum symbol may occur inside: strings and keys are checked for lone
   * surrogates on encode, enum symbols for being the enum's own.
   */
  hasText: boolean;
  /**
   * True when an int or a float may occur inside: a number it does not hold exactly (-0 as an int, which
   * avsc writes as 0; a double as a float, which avsc rounds) is refused on encode.
   */
  hasNarrow: boolean;
  /** fixed: its size. */
  size: number;
  /** enum: its symbols. */
  symbols: readonly string[];
  /** array items or map values. */
  items: Node | null;
  /** record fields. */
  fields: readonly Field[];
  /** union branches, in wire order. */
  branches: readonly Node[];
}

function node(kind: Kind, name: string): Node {
  return {
    kind,
    name,
    minBytes: 0,
    zero: false,
    zeroDepth: 0,
    hasBinary: false,
    hasText: false,
    hasNarrow: false,
    size: 0,
    symbols: [],
    items: null,
    fields: [],
    branches: [],
  };
}

const PRIMITIVES: ReadonlyMap<string, Kind> = new Map<string, Kind>([
  ["null", NULL],
  ["boolean", BOOLEAN],
  ["int", INT],
  ["long", LONG],
  ["abstract:long", LONG], // safewire's bigint long (see avsc.ts)
  ["float", FLOAT],
  ["double", DOUBLE],
  ["bytes", BYTES],
  ["string", STRING],
]);

// avsc's typings leave these members out or type them loosely.
interface AvscShape {
  readonly typeName: string;
  readonly name?: string | undefined;
  readonly size?: number;
  readonly symbols?: readonly string[];
  readonly itemsType?: Type;
  readonly valuesType?: Type;
  readonly fields?: readonly { readonly name: string; readonly type: Type }[];
  readonly types?: readonly Type[];
}

/** Compiles an avsc Type (recursive ones included: the graph may be cyclic) into a Node graph. */
export function compile(root: Type): Node {
  const seen = new Map<Type, Node>();
  const visit = (type: Type): Node => {
    const done = seen.get(type);
    if (done !== undefined) return done;
    const t = type as unknown as AvscShape;
    const prim = PRIMITIVES.get(t.typeName);
    let n: Node;
    if (prim !== undefined) {
      n = node(prim, t.typeName === "abstract:long" ? "long" : t.typeName);
      seen.set(type, n);
    } else {
      switch (t.typeName) {
        case "fixed":
          n = node(FIXED, t.name ?? "fixed");
          n.size = t.size ?? 0;
          seen.set(type, n);
          break;
        case "enum":
          n = node(ENUM, t.name ?? "enum");
          n.symbols = Object.freeze([...(t.symbols ?? [])]);
          seen.set(type, n);
          break;
        case "array":
        case "map":
          n = node(t.typeName === "array" ? ARRAY : MAP, t.typeName);
          seen.set(type, n);
          n.items = visit((t.itemsType ?? t.valuesType) as Type);
          break;
        case "record":
        case "error": {
          n = node(RECORD, t.name ?? "record");
          seen.set(type, n); // before the fields: a field may refer back to this record
          const fields: Field[] = [];
          for (const f of t.fields ?? []) {
            // An own `__proto__` property cannot be created by assignment: the value would be lost.
            if (f.name === "__proto__")
              throw new TypeError(`avro record ${n.name} has a field named "__proto__"`);
            fields.push(Object.freeze({ name: f.name, node: visit(f.type) }));
          }
          n.fields = Object.freeze(fields);
          break;
        }
        case "union:unwrapped":
          n = node(UNION, "union");
          seen.set(type, n);
          n.branches = Object.freeze((t.types ?? []).map(visit));
          break;
        default:
          throw new TypeError(`avro type ${t.typeName} is not supported`);
      }
    }
    return n;
  };
  const rootNode = visit(root);
  measure([...seen.values()]);
  return rootNode;
}

/** Sizes and flags, as fixpoints over the (possibly cyclic) graph. */
function measure(nodes: Node[]): void {
  // Fewest bytes: every value starts at 0 and only grows, so each round is a lower bound. A record
  // that contains itself without a union never settles; the cap leaves it at a (safe) under-estimate.
  for (let round = 0, changed = true; changed && round <= nodes.length; round++) {
    changed = false;
    for (const n of nodes) {
      const m = minBytes(n);
      if (m !== n.minBytes) {
        n.minBytes = m;
        changed = true;
      }
    }
  }
  // Zero-byte: the least fixpoint, so a record that contains itself is never zero-byte.
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of nodes) {
      if (!n.zero && isZero(n)) {
        n.zero = true;
        changed = true;
      }
    }
  }
  for (const n of nodes) {
    if (n.zero) n.zeroDepth = zeroDepth(n, new Map());
    n.hasBinary = reaches(n, (x) => x.kind === BYTES || x.kind === FIXED);
    n.hasText = reaches(n, (x) => x.kind === STRING || x.kind === MAP || x.kind === ENUM);
    n.hasNarrow = reaches(n, (x) => x.kind === INT || x.kind === FLOAT);
  }
}

function minBytes(n: Node): number {
  switch (n.kind) {
    case NULL:
      return 0;
    case FLOAT:
      return 4;
    case DOUBLE:
      return 8;
    case FIXED:
      return n.size;
    case RECORD: {
      let sum = 0;
      for (const f of n.fields) sum += f.node.minBytes;
      return sum;
    }
    case UNION: {
      let least = Number.POSITIVE_INFINITY;
      for (const b of n.branches) least = Math.min(least, b.minBytes);
      return 1 + least;
    }
    default:
      // booleans, varints, lengths and block terminators all take at least one byte
      return 1;
  }
}

function isZero(n: Node): boolean {
  if (n.kind === NULL) return true;
  if (n.kind === FIXED) return n.size === 0;
  return n.kind === RECORD && n.fields.every((f) => f.node.zero);
}

// Zero-byte types are acyclic (the least fixpoint above), so this terminates; the memo keeps it linear.
function zeroDepth(n: Node, memo: Map<Node, number>): number {
  if (n.kind !== RECORD) return 0;
  const known = memo.get(n);
  if (known !== undefined) return known;
  let deepest = 0;
  for (const f of n.fields) deepest = Math.max(deepest, zeroDepth(f.node, memo));
  memo.set(n, 1 + deepest);
  return 1 + deepest;
}

/** True when `test` holds for `from` or any type reachable from it. */
export function reaches(from: Node, test: (n: Node) => boolean): boolean {
  const seen = new Set<Node>();
  const stack = [from];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (seen.has(n)) continue;
    seen.add(n);
    if (test(n)) return true;
    if (n.items !== null) stack.push(n.items);
    for (const f of n.fields) stack.push(f.node);
    stack.push(...n.branches);
  }
  return false;
}

/**
 * `n`'s compiled walk (the prescan's, the reader's or the checked reader's) from `memo`, else built by
 * `build` and kept there. A type that refers to itself walks through a forwarder until its own walk exists.
 */
export function compiledWalk<F extends (state: never, level: number) => unknown>(
  n: Node,
  memo: Map<Node, F>,
  build: (n: Node) => F,
): F {
  const known = memo.get(n);
  if (known !== undefined) return known;
  let self: F | undefined;
  memo.set(n, ((state: never, level: number) => (self as F)(state, level)) as F);
  self = build(n);
  memo.set(n, self);
  return self;
}
