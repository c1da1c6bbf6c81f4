// Differential: safewire's Avro decode against avsc's own, on the same bytes.
// - valid encodings (written by avsc from random values of a schema with every type): safewire decodes
//   exactly avsc's value, normalised to safewire's plain mapping (unions unwrapped, Buffers as
//   Uint8Array, records as plain objects, long as bigint through avsc's documented custom long type);
// - broken encodings (truncated, trailing bytes) where avsc throws: safewire throws a SafewireError with
//   a code, never avsc's error; mutated bytes that safewire decodes: avsc decodes the same value.
// avsc is only handed bytes it can decode safely here: on hostile counts it spends seconds and gigabytes
// (see /work/shared/design.md), which is what safewire's prescan is for.
// Golden vectors against the Python reference (python3-avro): test/robotics/vectors.test.ts.
// DIFF_RUNS=20000 npx vitest run test/differential: more random valid messages than the default.
import avsc, { type Type } from "avsc";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { KITCHEN_AVRO } from "../../fuzz/targets/avro.js";
import { firstDifference } from "../../fuzz/targets/harness.js";
import { isSafewireError } from "../../src/errors.js";
import { avroCodec } from "../../src/formats/avro/index.js";
import { FORBIDDEN_KEYS } from "../../src/keys.js";
import { mutated } from "../../src/testing/index.js";
import { bigLong } from "../helpers/avro-long.js";

const codec = avroCodec({ type: KITCHEN_AVRO, schema: z.unknown() });

const rawType = avsc.Type.forSchema(KITCHEN_AVRO as unknown as avsc.Schema, { registry: { long: bigLong } });

/** avsc's value → safewire's plain value, walking avsc's own types. */
function plain(type: Type, v: unknown): unknown {
  const t = type as Type & {
    typeName: string;
    fields?: { name: string; type: Type }[];
    itemsType?: Type;
    valuesType?: Type;
    types?: Type[];
  };
  switch (t.typeName) {
    case "record":
      return Object.fromEntries(
        (t.fields ?? []).map((f) => [f.name, plain(f.type, (v as Record<string, unknown>)[f.name])]),
      );
    case "array":
      return (v as unknown[]).map((x) => plain(t.itemsType as Type, x));
    case "map":
      return Object.fromEntries(
        Object.entries(v as object).map(([k, x]) => [k, plain(t.valuesType as Type, x)]),
      );
    case "union:wrapped": {
      if (v === null) return null;
      const [branch, x] = Object.entries(v as object)[0] as [string, unknown];
      return plain((t.types ?? []).find((b) => b.branchName === branch) as Type, x);
    }
    case "union:unwrapped":
      if (v === null) return null;
      return plain((t.types ?? []).find((b) => b.typeName !== "null" && b.isValid(v)) as Type, v);
    case "bytes":
    case "fixed":
      return new Uint8Array(v as Buffer);
    default:
      return v;
  }
}
const raw = (bytes: Uint8Array) => plain(rawType, rawType.fromBuffer(Buffer.from(bytes)));

// ---- random values in avsc's form ----
const text = fc.string({ unit: "grapheme", maxLength: 10 });
const key = text.filter((k) => !FORBIDDEN_KEYS.has(k));
const long = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const buf = fc.uint8Array({ maxLength: 10 }).map((b) => Buffer.from(b));
const mode = fc.constantFrom("IDLE", "RUN", "STOP");
const arr = <T>(a: fc.Arbitrary<T>) => fc.array(a, { maxLength: 4 });
const dict = <T>(v: fc.Arbitrary<T>) => fc.dictionary(key, v, { maxKeys: 3 });
const { node } = fc.letrec((tie) => ({
  node: fc.record({
    value: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    next: fc.option(tie("node"), { depthSize: "small", nil: null }),
  }),
}));
const value = fc.record({
  n: fc.constant(null),
  flag: fc.boolean(),
  i: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  l: long,
  f: fc.float(),
  d: fc.double(),
  b: buf,
  s: text,
  h: fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => Buffer.from(b)),
  e: mode,
  xs: arr(fc.double()),
  ls: arr(long),
  nested: arr(arr(text)),
  m: dict(long),
  blobs: dict(fc.option(buf, { nil: null })),
  opt: fc.option(text, { nil: null }),
  // With a bigint long, avsc tells every branch apart and leaves this union unwrapped.
  any: fc.oneof(fc.constant(null), fc.boolean(), long, fc.double(), text, buf),
  modes: arr(mode),
  list: fc.option(node, { nil: null }),
});
const encode = (v: unknown) => new Uint8Array(rawType.toBuffer(v));

describe("avro: safewire vs avsc", () => {
  it("decodes what avsc wrote exactly as avsc does", () => {
    fc.assert(
      fc.property(value, (v) => {
        const bytes = encode(v);
        const safe = codec.safeDecode(bytes);
        if (!safe.ok) throw new Error(`refused a valid encoding: ${safe.error.message}`);
        expect(firstDifference(raw(bytes), safe.value)).toBeUndefined();
      }),
      { numRuns: Number(process.env.DIFF_RUNS ?? 300) },
    );
  });

  it("throws a SafewireError with a code wherever avsc throws on a broken encoding", () => {
    let rawThrew = 0;
    fc.assert(
      fc.property(value, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 }), (v, cut, tail) => {
        const bytes = encode(v);
        const truncated = bytes.subarray(0, cut % bytes.length);
        const trailing = Uint8Array.from([...bytes, ...tail]);
        for (const broken of [truncated, trailing]) {
          let error: unknown;
          try {
            raw(broken);
          } catch (e) {
            error = e;
          }
          const safe = codec.safeDecode(broken);
          if (error === undefined) continue; // a shorter value can still be whole
          rawThrew++;
          expect(safe.ok).toBe(false);
          if (!safe.ok) {
            expect(isSafewireError(safe.error)).toBe(true);
            expect(safe.error.code).toMatch(/^(malformed|limit_exceeded|schema_violation|unsafe_payload)$/);
            expect(safe.error).not.toBe(error);
          }
        }
      }),
      { numRuns: 500, seed: 3 },
    );
    expect(rawThrew).toBeGreaterThan(500);
  });

  it("agrees with avsc on every mutated input safewire decodes", () => {
    const samples = fc.sample(value, { numRuns: 30, seed: 9 }).map(encode);
    let decoded = 0;
    fc.assert(
      fc.property(mutated(samples), (bytes) => {
        const safe = codec.safeDecode(bytes);
        if (!safe.ok) {
          expect(isSafewireError(safe.error)).toBe(true);
          return;
        }
        decoded++;
        expect(firstDifference(raw(bytes), safe.value)).toBeUndefined();
      }),
      { numRuns: 2000, seed: 17 },
    );
    expect(decoded).toBeGreaterThan(50);
  });
});
