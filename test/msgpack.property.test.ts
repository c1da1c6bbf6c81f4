import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { z } from "zod";
import { msgpackCodec } from "../src/formats/msgpack/index.js";
import { bytes, float64, int64, isSafewireError } from "../src/index.js";

const Msg = z.object({
  id: int64(),
  name: z.string(),
  data: bytes(),
  xs: z.array(float64()),
  tags: z.record(z.string(), z.string()),
  child: z.object({ ok: z.boolean(), n: z.number().int() }).nullable(),
});
const codec = msgpackCodec({ schema: Msg });

const safeKey = fc
  .string({ maxLength: 8 })
  .filter((k) => !["__proto__", "constructor", "prototype"].includes(k));
const msgArb = fc.record({
  id: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  name: fc.string({ unit: "binary", maxLength: 40 }),
  data: fc.uint8Array({ maxLength: 64 }),
  xs: fc.array(fc.double(), { maxLength: 10 }),
  tags: fc.dictionary(safeKey, fc.string({ maxLength: 10 }), { maxKeys: 5 }),
  child: fc.option(fc.record({ ok: fc.boolean(), n: fc.integer() }), { nil: null }),
});

const reference = codec.encode({
  id: 1n,
  name: "ref",
  data: new Uint8Array(2),
  xs: [],
  tags: {},
  child: null,
});

function decodesSafely(bytesIn: Uint8Array): void {
  const r = codec.safeDecode(bytesIn);
  if (r.ok) expect(Msg.safeParse(r.value).success).toBe(true);
  else expect(isSafewireError(r.error)).toBe(true);
  try {
    codec.decode(bytesIn);
  } catch (e) {
    expect(isSafewireError(e), String(e)).toBe(true);
  }
  // The decoder keeps working after any input.
  expect(codec.decode(reference).name).toBe("ref");
}

describe("msgpack properties", () => {
  test.prop([msgArb])("decode(encode(x)) deep-equals x", (v) => {
    const out = codec.decode(codec.encode(v));
    expect(out).toEqual(v);
    for (const [i, x] of out.xs.entries()) expect(Object.is(x, v.xs[i])).toBe(true);
  });

  test.prop([fc.uint8Array({ maxLength: 200, size: "max" })])(
    "arbitrary bytes: a valid value or a SafewireError",
    decodesSafely,
  );

  test.prop([
    msgArb,
    fc.array(
      fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom("flip", "insert", "delete")),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
  ])("mutated valid encodings: a valid value or a SafewireError", (v, edits) => {
    const bytesOut = [...codec.encode(v)];
    for (const [at, b, op] of edits) {
      const i = at % (bytesOut.length + 1);
      if (op === "flip" && i < bytesOut.length) bytesOut[i] = (bytesOut[i] as number) ^ (b || 1);
      else if (op === "insert") bytesOut.splice(i, 0, b);
      else if (op === "delete") bytesOut.splice(i, 1);
    }
    decodesSafely(Uint8Array.from(bytesOut));
  });
});
