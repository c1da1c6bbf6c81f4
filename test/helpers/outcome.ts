import { isDeepStrictEqual } from "node:util";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { Codec, Limits, Result } from "../../src/index.js";
import { limitsFor, MESSAGE_NAMES, type MessageName } from "../../src/robotics/index.js";
import { arbitraries, mutated } from "../../src/testing/index.js";

/** Limits around the sizes of the sampled robotics messages: some decode, some break a limit. */
export const SAMPLE_SIZED_LIMITS: fc.Arbitrary<Partial<Limits>> = fc.record({
  maxDepth: fc.integer({ min: 1, max: 6 }),
  maxStringBytes: fc.integer({ min: 1, max: 24 }),
  maxBinaryBytes: fc.integer({ min: 1, max: 96 }),
  maxArrayLength: fc.integer({ min: 1, max: 8 }),
  maxMapEntries: fc.integer({ min: 1, max: 3 }),
});

/**
 * Two decodes of the same bytes ended alike: equal values, or errors with the same code, path, offset,
 * limit and message (the one-pass reads are held to the prescan-first decode with it).
 */
export function sameOutcome(a: Result<unknown>, b: Result<unknown>): void {
  expect(a.ok).toBe(b.ok);
  if (!a.ok && !b.ok) {
    const { code, path, offset, limit, message } = b.error;
    expect({ code: a.error.code, path: a.error.path, offset: a.error.offset, limit: a.error.limit }).toEqual({
      code,
      path,
      offset,
      limit,
    });
    expect(a.error.message).toBe(message);
  } else if (a.ok && b.ok) {
    // toEqual walks a typed array element by element: about 40 ms for two 30 KB images, per run. Equal
    // under the stricter isDeepStrictEqual (memory compared at once) is equal under toEqual too.
    if (!isDeepStrictEqual(a.value, b.value)) expect(a.value).toEqual(b.value);
  }
}

/**
 * The one-pass decode of small inputs held to the prescan-first decode, for every robotics message: the
 * same outcome (see sameOutcome) on mutated samples, hostile payloads and random bytes, under the
 * message's limits and under `someLimits` merged over them. `codecs(message, limits)` gives the codec and
 * the same codec without `readChecked`. Across all messages, decodes under the other limits must have
 * succeeded more than `minDecoded` times and broken a limit more than 50 times.
 */
export function describeOnePassDecode(
  codecs: (message: MessageName, limits: Readonly<Limits>) => readonly [Codec<unknown>, Codec<unknown>],
  attacks: readonly Uint8Array[],
  someLimits: fc.Arbitrary<Partial<Limits>>,
  minDecoded: number,
): void {
  const seen = { decoded: 0, limit: 0 };

  describe.each(MESSAGE_NAMES.map((m) => [m] as [MessageName]))("%s", (message) => {
    const arb = arbitraries.all({ allowNonFinite: true, maxKeys: 3, maxElements: 8 })[
      message
    ] as fc.Arbitrary<unknown>;
    const [checked, prescanFirst] = codecs(message, limitsFor(message));
    const samples = fc
      .sample(arb, { numRuns: 10, seed: 3 })
      .map((v) => prescanFirst.safeEncode(v))
      .flatMap((r) => (r.ok ? [r.value] : []));
    const inputs = fc.oneof(
      mutated(samples, 3),
      fc.constantFrom(...samples, ...attacks),
      fc.uint8Array({ maxLength: 48 }),
    );

    test.prop([inputs], { numRuns: 200 })(
      "its limits: the same value or error as a prescan-first decode",
      (bytes) => {
        sameOutcome(checked.safeDecode(bytes), prescanFirst.safeDecode(bytes));
      },
    );

    test.prop([inputs, someLimits], { numRuns: 200 })("other limits: the same again", (bytes, some) => {
      const [a, b] = codecs(message, { ...limitsFor(message), ...some });
      const r = a.safeDecode(bytes);
      sameOutcome(r, b.safeDecode(bytes));
      if (r.ok) seen.decoded++;
      else if (r.error.code === "limit_exceeded") seen.limit++;
    });
  });

  it("other limits: some decodes succeeded, some broke a limit", () => {
    expect(seen.decoded).toBeGreaterThan(minDecoded);
    expect(seen.limit).toBeGreaterThan(50);
  });
}
