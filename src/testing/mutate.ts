import fc from "fast-check";

/** One edit of a byte string. Offsets are taken modulo the length at the time of the edit. */
export type Mutation =
  | { op: "flip"; at: number; mask: number }
  | { op: "insert"; at: number; bytes: Uint8Array }
  | { op: "delete"; at: number; count: number }
  | { op: "splice"; at: number; from: number; count: number };

export function applyMutations(input: Uint8Array, edits: readonly Mutation[]): Uint8Array {
  let b = Array.from(input);
  for (const e of edits) {
    const at = b.length === 0 ? 0 : e.at % (b.length + 1);
    switch (e.op) {
      case "flip":
        if (at < b.length) b[at] = (b[at] as number) ^ (e.mask || 1);
        break;
      case "insert":
        b.splice(at, 0, ...e.bytes);
        break;
      case "delete":
        b.splice(at, e.count);
        break;
      case "splice": {
        // Copies a run of the input onto itself: duplicated headers and lengths are a classic crash source.
        const from = b.length === 0 ? 0 : e.from % b.length;
        b = [...b.slice(0, at), ...b.slice(from, from + e.count), ...b.slice(at)];
        break;
      }
    }
  }
  return Uint8Array.from(b);
}

/** An arbitrary list of 1 to `max` edits. */
export function mutations(max = 4): fc.Arbitrary<Mutation[]> {
  const at = fc.nat({ max: 1 << 20 });
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
