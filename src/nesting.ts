/**
 * Nesting past what the JavaScript stack holds. safewire's own walks stop at maxDepth, but zod validates
 * recursively with no depth limit of its own and runs out of stack somewhere past a thousand levels (a few
 * hundred on a small stack): a value that deep, handed to encode, reaches it before any writer counts
 * levels. So does any nesting when maxDepth is set above what the stack holds. The codec pipeline turns that
 * overflow into a maxDepth refusal, worded from the value where there is one.
 */
import type { Path } from "./errors.js";

/** V8's RangeError when the stack runs out (the only engine safewire runs on: Node.js). */
export function isStackOverflow(err: unknown): boolean {
  try {
    return err instanceof RangeError && err.message === "Maximum call stack size exceeded";
  } catch {
    return false; // a revoked Proxy was thrown: not an overflow (toError words it)
  }
}

/** Where a value nests deepest, as far as `deepestNesting` looked. */
export interface Nesting {
  /** Levels down to the container at `path`: the top value is 1, each array, plain object or Map in it adds 1. */
  depth: number;
  path: Path;
}

/**
 * Steps the walk takes at most, whatever the value (an element looked at, or a key listed, is a step): a
 * value that shares subtrees holds exponentially many paths. The first path deeper than `max` is found
 * within `max` containers when it is the first path down (the walk goes depth first).
 */
export const NESTING_BUDGET = 1 << 20;

/** A container being walked: an array's own elements, or an object's or Map's keys and values. */
type Frame = {
  readonly keys: readonly unknown[] | undefined;
  readonly values: readonly unknown[];
  i: number;
};

function frameOf(v: unknown): Frame | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  if (Array.isArray(v)) return { keys: undefined, values: v, i: 0 };
  if (v instanceof Map) return { keys: [...v.keys()], values: [...v.values()], i: 0 };
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return undefined; // binaries, dates, class instances
  const keys = Object.keys(v);
  return { keys, values: keys.map((k) => (v as Record<string, unknown>)[k]), i: 0 };
}

/**
 * Walks `value` depth first until a container at level `stop`: returns its level and path, or the deepest
 * level seen (path unknown) when there is none within the budget.
 */
function walk(value: unknown, stop: number): { depth: number; path?: Path } {
  let depth = 0;
  try {
    const top = frameOf(value);
    if (top === undefined) return { depth };
    const stack: Frame[] = [top];
    const path: Path = [];
    depth = 1;
    if (stop <= 1) return { depth, path };
    let budget = NESTING_BUDGET - (top.keys?.length ?? 0);
    while (stack.length > 0 && budget > 0) {
      const f = stack[stack.length - 1] as Frame;
      if (f.i >= f.values.length) {
        stack.pop();
        path.pop();
        continue;
      }
      const at = f.i++;
      budget--;
      const child = frameOf(f.values[at]);
      if (child === undefined) continue;
      budget -= child.keys?.length ?? 0;
      const k = f.keys === undefined ? at : f.keys[at];
      path.push(typeof k === "number" || typeof k === "string" || typeof k === "symbol" ? k : String(k));
      stack.push(child);
      if (stack.length > depth) depth = stack.length;
      if (depth >= stop) return { depth, path };
    }
  } catch {
    // a getter or proxy threw: what was seen stands
  }
  return { depth };
}

/**
 * The first container nested deeper than `max` levels in `value` (depth first, in key order, as the
 * writers walk), or else the first of the deepest. Iterative, so any depth is measured, and bounded by
 * NESTING_BUDGET (twice: the second walk finds the path to the deepest level the first one saw). A cycle
 * is found as nesting past `max`, as the writers find it. A getter or proxy that throws ends a walk where
 * it is (this only words an error).
 */
export function deepestNesting(value: unknown, max: number): Nesting {
  const over = walk(value, max + 1);
  if (over.path !== undefined) return { depth: over.depth, path: over.path };
  const at = walk(value, over.depth);
  return { depth: at.depth, path: at.path ?? [] };
}
