import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { z } from "zod";
import { avroCodec } from "../src/formats/avro/index.js";
import { bytes, float32, float64, int32, int64, isSafewireError } from "../src/index.js";

const RICH = {
  type: "record",
  name: "Rich",
  fields: [
    { name: "i", type: "int" },
    { name: "l", type: "long" },
    { name: "f", type: "float" },
    { name: "d", type: "double" },
    { name: "s", type: "string" },
    { name: "b", type: "bytes" },
    { name: "h", type: { type: "fixed", name: "Hash", size: 4 } },
    { name: "e", type: { type: "enum", name: "Mode", symbols: ["IDLE", "RUN", "STOP"] } },
    { name: "xs", type: { type: "array", items: "double" } },
    { name: "m", type: { type: "map", values: "long" } },
    {
      name: "inner",
      type: {
        type: "record",
        name: "Inner",
        fields: [
          { name: "ok", type: "boolean" },
          { name: "tags", type: { type: "array", items: "string" } },
        ],
      },
    },
    { name: "opt", type: ["null", "string"] },
    { name: "blobs", type: { type: "map", values: ["null", "bytes"] } },
    { name: "children", type: { type: "array", items: "Inner" } },
  ],
};
const Inner = z.object({ ok: z.boolean(), tags: z.array(z.string()) });
const Rich = z.object({
  i: int32(),
  l: int64(),
  f: float32(),
  d: float64(),
  s: z.string(),
  b: bytes(),
  h: bytes().refine((x) => x.length === 4),
  e: z.enum(["IDLE", "RUN", "STOP"]),
  xs: z.array(float64()),
  m: z.record(z.string(), int64()),
  inner: Inner,
  opt: z.string().nullable(),
  blobs: z.record(z.string(), bytes().nullable()),
  children: z.array(Inner),
});
const codec = avroCodec({ type: RICH, schema: Rich });

const key = fc
  .string({ unit: "binary", maxLength: 8 })
  .filter((k) => !["__proto__", "constructor", "prototype"].includes(k));
const innerArb = fc.record({
  ok: fc.boolean(),
  tags: fc.array(fc.string({ unit: "binary", maxLength: 6 }), { maxLength: 3 }),
});
const richArb = fc.record({
  i: fc.integer(),
  l: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  f: fc.float(),
  d: fc.double(),
  s: fc.string({ unit: "binary", maxLength: 40 }),
  b: fc.uint8Array({ maxLength: 48 }),
  h: fc.uint8Array({ minLength: 4, maxLength: 4 }),
  e: fc.constantFrom("IDLE" as const, "RUN" as const, "STOP" as const),
  xs: fc.array(fc.double(), { maxLength: 8 }),
  m: fc.dictionary(key, fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { maxKeys: 4 }),
  inner: innerArb,
  opt: fc.option(fc.string({ maxLength: 10 }), { nil: null }),
  blobs: fc.dictionary(key, fc.option(fc.uint8Array({ maxLength: 8 }), { nil: null }), { maxKeys: 3 }),
  children: fc.array(innerArb, { maxLength: 3 }),
});

const reference = codec.encode({
  i: 1,
  l: 1n,
  f: 0,
  d: 0,
  s: "ref",
  b: new Uint8Array(0),
  h: new Uint8Array(4),
  e: "IDLE",
  xs: [],
  m: {},
  inner: { ok: true, tags: [] },
  opt: null,
  blobs: {},
  children: [],
});

// A value of almost any shape, so random bytes often decode and the deeper walks get exercised.
const ANY = {
  type: "record",
  name: "Any",
  fields: [
    {
      name: "v",
      type: [
        "null",
        "boolean",
        "int",
        "long",
        "string",
        "bytes",
        { type: "array", items: "Any" },
        { type: "map", values: "Any" },
      ],
    },
  ],
};
const anyCodec = avroCodec({ type: ANY, schema: z.unknown(), limits: { maxDepth: 16 } });

const textCodec = avroCodec({ type: "string", schema: z.string() });

function decodesSafely(input: Uint8Array): void {
  const r = codec.safeDecode(input);
  if (r.ok) expect(Rich.safeParse(r.value).success).toBe(true);
  else expect(isSafewireError(r.error), String(r.error)).toBe(true);
  try {
    codec.decode(input);
  } catch (e) {
    expect(isSafewireError(e), String(e)).toBe(true);
  }
  // The codec keeps working after any input.
  expect(codec.decode(reference).s).toBe("ref");
}

describe("avro properties", () => {
  test.prop([richArb])("decode(encode(x)) deep-equals x, -0 and NaN included", (v) => {
    const out = codec.decode(codec.encode(v));
    expect(out).toEqual(v);
    expect(Object.is(out.f, v.f)).toBe(true);
    expect(Object.is(out.d, v.d)).toBe(true);
    for (const [i, x] of out.xs.entries()) expect(Object.is(x, v.xs[i])).toBe(true);
  });

  test.prop([fc.uint8Array({ maxLength: 200, size: "max" })], { numRuns: 1000 })(
    "arbitrary bytes: a valid value or a SafewireError",
    decodesSafely,
  );

  test.prop([fc.uint8Array({ maxLength: 100, size: "max" })], { numRuns: 2000 })(
    "arbitrary bytes for a permissive recursive type: a value or a SafewireError, and round-trips",
    (input) => {
      const r = anyCodec.safeDecode(input);
      if (!r.ok) {
        expect(isSafewireError(r.error), String(r.error)).toBe(true);
        return;
      }
      // Whatever decodes encodes back to bytes that decode to the same value.
      expect(anyCodec.decode(anyCodec.encode(r.value))).toEqual(r.value);
    },
  );

  test.prop(
    [
      richArb,
      fc.array(
        fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom("flip", "insert", "delete")),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
    ],
    { numRuns: 1000 },
  )("mutated valid encodings: a valid value or a SafewireError", (v, edits) => {
    const wire = [...codec.encode(v)];
    for (const [at, b, op] of edits) {
      const i = at % (wire.length + 1);
      if (op === "flip" && i < wire.length) wire[i] = (wire[i] as number) ^ (b || 1);
      else if (op === "insert") wire.splice(i, 0, b);
      else if (op === "delete") wire.splice(i, 1);
    }
    decodesSafely(Uint8Array.from(wire));
  });

  const utf16 = fc.string({ unit: fc.nat(0xffff).map((c) => String.fromCharCode(c)), maxLength: 12 });
  test.prop([utf16])("any UTF-16 string either round-trips exactly or is refused on encode", (s) => {
    const r = textCodec.safeEncode(s);
    if (r.ok) expect(textCodec.decode(r.value)).toBe(s);
    else expect(r.error.code).toBe("schema_violation");
    // Well-formed means no lone surrogate (String#isWellFormed is ES2024, past this project's lib).
    expect(r.ok).toBe(!/\p{Surrogate}/u.test(s));
  });

  test.prop([richArb, fc.nat()])("every truncation is refused", (v, cut) => {
    const wire = codec.encode(v);
    const r = codec.safeDecode(wire.subarray(0, cut % wire.length));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("malformed");
  });
});
