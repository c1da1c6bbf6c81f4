import fc from "fast-check";
import { joinBytes } from "./join-bytes.js";

/** One edit of a byte string. Offsets are taken modulo the length at the time of the edit. */
export type Mutation =
  | { op: "flip"; at: number; mask: number }
  | { op: "insert"; at: number; bytes: Uint8Array }
  | { op: "delete"; at: number; count: number }
  | { op: "splice"; at: number; from: number; count: number };

/** The edits applied in order to a copy of `input` (which is left as it is). */
export function applyMutations(input: Uint8Array, edits: readonly Mutation[]): Uint8Array {
  // Typed-array copies, not a JS array of numbers: a sample of megabytes is mutated in milliseconds.
  let b: Uint8Array = input.slice();
  for (const e of edits) {
    const at = b.length === 0 ? 0 : e.at % (b.length + 1);
    switch (e.op) {
      case "flip":
        // Whole offsets only: Node 20's V8 stores some fractional keys (-0.0000010001…) on a typed array as
        // named properties, where an array's extra property would be dropped by Uint8Array.from.
        if (Number.isInteger(at) && at >= 0 && at < b.length) b[at] = (b[at] as number) ^ (e.mask || 1);
        break;
      case "insert":
        b = joinBytes(b.subarray(0, at), e.bytes, b.subarray(at));
        break;
      case "delete": {
        const start = index(at, b.length);
        b = joinBytes(b.subarray(0, start), b.subarray(start + count(e.count)));
        break;
      }
      case "splice": {
        // Copies a run of the input onto itself: duplicated headers and lengths are a classic crash source.
        const from = b.length === 0 ? 0 : e.from % b.length;
        b = joinBytes(b.subarray(0, at), b.subarray(from, from + e.count), b.subarray(at));
        break;
      }
    }
  }
  return b;
}

// Offsets and counts are read as Array#splice and #slice read them (subarray does too): whole numbers, an
// offset below 0 from the end. A caller's odd edits (negative, fractional) mean what they did on an array.
function index(at: number, length: number): number {
  const i = Math.trunc(at) || 0;
  return i < 0 ? Math.max(0, length + i) : Math.min(i, length);
}
function count(n: number): number {
  return n > 0 ? Math.trunc(Math.min(n, Number.MAX_SAFE_INTEGER)) : 0;
}

/** An arbitrary list of 1 to `max` edits. */
export function mutations(max = 4): fc.Arbitrary<Mutation[]> {
  // Any offset (taken modulo the length): a sample of megabytes is edited past its first MiB too.
  const at = fc.nat();
  const edit: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ op: fc.constant("flip" as const), at, mask: fc.integer({ min: 1, max: 255 }) }),
    fc.record({
      op: fc.constant("insert" as const),
      at,
      bytes: fc.uint8Array({ minLength: 1, maxLength: 9 }),
    }),
    fc.record({ op: fc.constant("delete" as const), at, count: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ op: fc.constant("splice" as const), at, from: at, count: fc.integer({ min: 1, max: 16 }) }),
  );
  return fc.array(edit, { minLength: 1, maxLength: max });
}

/** Mutated copies of the given valid encodings. */
export function mutated(samples: readonly Uint8Array[], max = 4): fc.Arbitrary<Uint8Array> {
  if (samples.length === 0) throw new TypeError("mutated() needs at least one sample");
  return fc.tuple(fc.constantFrom(...samples), mutations(max)).map(([s, edits]) => applyMutations(s, edits));
}
