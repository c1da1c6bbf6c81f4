// Differential: safewire's MessagePack decode against @msgpack/msgpack's own, on the same bytes.
// - valid encodings (written by the raw library): safewire decodes exactly the raw library's value;
// - random and mutated bytes: where the raw library throws, safewire throws a SafewireError with a code
//   (never the raw error); where safewire decodes, the raw library decodes the same value.
// Golden vectors against the Python reference (python3-msgpack): test/robotics/vectors.test.ts.
// DIFF_RUNS=20000 npx vitest run test/differential: more random valid messages than the default.
import { decode as rawDecode, encode as rawEncode } from "@msgpack/msgpack";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { firstDifference } from "../../fuzz/targets/harness.js";
import { isSafewireError } from "../../src/errors.js";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { FORBIDDEN_KEYS } from "../../src/keys.js";
import { mutated } from "../../src/testing/index.js";

const codec = msgpackCodec({ schema: z.unknown() });
const RAW = { useBigInt64: true } as const;

/** The raw library's value in safewire's mapping: it already is (plain objects, Uint8Array views, bigint). */
const normalise = (v: unknown): unknown => v;

const key = fc.string({ maxLength: 12 }).filter((k) => !FORBIDDEN_KEYS.has(k));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.maxSafeInteger(),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }),
    fc.double(),
    fc.string({ unit: "binary" }),
    fc.uint8Array({ maxLength: 32 }),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(key, tie("value"), { maxKeys: 5 }),
  ),
}));

describe("msgpack: safewire vs @msgpack/msgpack", () => {
  it("decodes what the raw library wrote exactly as the raw library does", () => {
    fc.assert(
      fc.property(value, (v) => {
        const bytes = rawEncode(v, RAW);
        const raw = normalise(rawDecode(bytes, RAW));
        const safe = codec.safeDecode(bytes);
        if (!safe.ok) throw new Error(`refused a valid encoding: ${safe.error.message}`);
        expect(firstDifference(raw, safe.value)).toBeUndefined();
      }),
      { numRuns: Number(process.env.DIFF_RUNS ?? 500) },
    );
  });

  it("throws a SafewireError with a code wherever the raw library throws, and agrees wherever it decodes", () => {
    const samples = fc.sample(value, { numRuns: 40, seed: 7 }).map((v) => rawEncode(v, RAW));
    let rawThrew = 0;
    let bothDecoded = 0;
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), mutated(samples)), (bytes) => {
        let raw: { ok: true; value: unknown } | { ok: false; error: unknown };
        try {
          raw = { ok: true, value: normalise(rawDecode(bytes, RAW)) };
        } catch (error) {
          raw = { ok: false, error };
        }
        const safe = codec.safeDecode(bytes);
        if (!raw.ok) {
          rawThrew++;
          expect(safe.ok).toBe(false);
          if (!safe.ok) {
            expect(isSafewireError(safe.error)).toBe(true);
            expect(safe.error.code).toMatch(/^(malformed|limit_exceeded|schema_violation|unsafe_payload)$/);
            expect(safe.error).not.toBe(raw.error);
          }
        } else if (safe.ok) {
          bothDecoded++;
          expect(firstDifference(raw.value, safe.value)).toBeUndefined();
        } else {
          // Stricter than the raw library by design (duplicate or prototype keys, extension types,
          // invalid UTF-8, non-string keys, trailing bytes): still a clean SafewireError.
          expect(isSafewireError(safe.error)).toBe(true);
        }
      }),
      { numRuns: 2000, seed: 11 },
    );
    expect(rawThrew).toBeGreaterThan(100);
    expect(bothDecoded).toBeGreaterThan(100);
  });
});
