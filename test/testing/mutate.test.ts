import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { applyMutations, type Mutation, mutated, mutations } from "../../src/testing/index.js";

/** The edits as the first version applied them, on a JS array (the semantics the typed-array one keeps). */
function reference(input: Uint8Array, edits: readonly Mutation[]): Uint8Array {
  let b = Array.from(input);
  for (const e of edits) {
    const at = b.length === 0 ? 0 : e.at % (b.length + 1);
    if (e.op === "flip") {
      if (at < b.length) b[at] = (b[at] as number) ^ (e.mask || 1);
    } else if (e.op === "insert") b.splice(at, 0, ...e.bytes);
    else if (e.op === "delete") b.splice(at, e.count);
    else {
      const from = b.length === 0 ? 0 : e.from % b.length;
      b = [...b.slice(0, at), ...b.slice(from, from + e.count), ...b.slice(at)];
    }
  }
  return Uint8Array.from(b);
}

// NaN too: Array#splice reads it as 0, and so must the typed-array version.
const odd = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.double({ min: -20, max: 20 }),
  fc.constant(Number.NaN),
);
const oddEdit: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("flip" as const), at: odd, mask: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant("insert" as const), at: odd, bytes: fc.uint8Array({ maxLength: 5 }) }),
  fc.record({ op: fc.constant("delete" as const), at: odd, count: odd }),
  fc.record({ op: fc.constant("splice" as const), at: odd, from: odd, count: odd }),
);

describe("applyMutations", () => {
  test.prop([fc.uint8Array({ maxLength: 64 }), mutations(6)], { numRuns: 500 })(
    "applies the generated edits as Array#splice would, and leaves the input as it was",
    (input, edits) => {
      const before = input.slice();
      expect(applyMutations(input, edits)).toEqual(reference(input, edits));
      expect(input).toEqual(before);
    },
  );

  test.prop([fc.uint8Array({ maxLength: 16 }), fc.array(oddEdit, { maxLength: 4 })], { numRuns: 500 })(
    "and a caller's odd edits too (negative or fractional offsets and counts)",
    (input, edits) => {
      expect(applyMutations(input, edits)).toEqual(reference(input, edits));
    },
  );

  test("a flip at a fractional offset changes nothing, and adds no property (seed 139130134)", () => {
    const out = applyMutations(Uint8Array.from([0]), [
      { op: "flip", at: -0.0000010001343272365751, mask: 0 },
    ]);
    expect(Object.keys(out)).toEqual(["0"]);
    expect(out).toEqual(Uint8Array.from([0]));
  });

  test("a flip with mask 0 flips the low bit, as a flip must change the byte", () => {
    // Mask 0 is 1 in 256 of the odd edits: too rare for the properties above to meet every run.
    expect(applyMutations(Uint8Array.of(0x10, 0x20), [{ op: "flip", at: 1, mask: 0 }])).toEqual(
      Uint8Array.of(0x10, 0x21),
    );
  });

  test("edits a sample of megabytes past its first MiB", () => {
    const sample = new Uint8Array(2 << 20);
    const late = fc
      .sample(mutated([sample], 1), { numRuns: 20, seed: 4 })
      .filter((m) => m.length === sample.length && m.subarray(1.5 * 2 ** 20).some((x) => x !== 0));
    expect(late.length).toBeGreaterThan(0);
  });
});

describe("mutations and mutated", () => {
  test("edit lists of 1 to max edits, every kind, flips of any of the 8 bits", () => {
    const lists = fc.sample(mutations(4), { numRuns: 500, seed: 7 });
    expect(Math.min(...lists.map((l) => l.length))).toBe(1);
    expect(Math.max(...lists.map((l) => l.length))).toBe(4);
    const edits = lists.flat();
    expect(new Set(edits.map((e) => e.op))).toEqual(new Set(["flip", "insert", "delete", "splice"]));
    // Every edit changes something: inserts of 1 to 9 bytes, deletes of 1 to 8, splices of 1 to 16.
    const sizes = (op: Mutation["op"], size: (e: Mutation) => number) => {
      const all = edits.filter((e) => e.op === op).map(size);
      return [Math.min(...all), Math.max(...all)];
    };
    expect(sizes("insert", (e) => (e.op === "insert" ? e.bytes.length : 0))).toEqual([1, 9]);
    expect(sizes("delete", (e) => (e.op === "delete" ? e.count : 0))).toEqual([1, 8]);
    expect(sizes("splice", (e) => (e.op === "splice" ? e.count : 0))).toEqual([1, 16]);
    const masks = edits.flatMap((e) => (e.op === "flip" ? [e.mask] : []));
    expect(masks.every((m) => m >= 1 && m <= 255)).toBe(true);
    for (let bit = 0; bit < 8; bit++)
      expect(
        masks.some((m) => (m >> bit) & 1),
        `bit ${bit}`,
      ).toBe(true);
  });

  test("mutated copies differ from the sample, which stays as it was", () => {
    const sample = Uint8Array.from({ length: 32 }, (_, i) => i);
    const copies = fc.sample(mutated([sample]), { numRuns: 200, seed: 3 });
    expect(sample).toEqual(Uint8Array.from({ length: 32 }, (_, i) => i));
    expect(copies.filter((c) => c.length === 32 && c.every((x, i) => x === i)).length).toBeLessThan(10);
    // Several edits to a copy (4 at most by default): one splice or insert adds 16 bytes at most.
    expect(Math.max(...copies.map((c) => c.length))).toBeGreaterThan(32 + 16);
  });

  test("mutated copies come from every sample", () => {
    const [ones, twos] = [new Uint8Array(32).fill(0x11), new Uint8Array(32).fill(0x22)];
    const copies = fc.sample(mutated([ones, twos]), { numRuns: 100, seed: 5 });
    const from = (b: number) => copies.filter((c) => c.filter((x) => x === b).length >= 16).length;
    expect(Math.min(from(0x11), from(0x22))).toBeGreaterThan(20);
  });

  test("mutations() makes lists of up to 4 edits by default", () => {
    const lists = fc.sample(mutations(), { numRuns: 200, seed: 7 });
    expect(Math.max(...lists.map((l) => l.length))).toBe(4);
  });

  test("mutated needs a sample: a TypeError saying so", () => {
    expect(() => mutated([])).toThrow(new TypeError("mutated() needs at least one sample"));
  });
});
