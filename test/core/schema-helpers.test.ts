// The schema helpers' ranges, at each bound and one past it. The writers refuse some values past them
// with their own words, but not all: msgpack carries 2^63 (as uint 64), which no int64 peer holds.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { NEGATIVE_ZERO } from "../../src/errors.js";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { float32, int32, int64, uint32, uint64 } from "../../src/index.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

describe("int64() and uint64() take exactly their range", () => {
  const cases: [string, () => z.ZodType, bigint, bigint][] = [
    ["int64", int64, INT64_MIN, INT64_MAX],
    ["uint64", uint64, 0n, UINT64_MAX],
  ];
  for (const [name, make, min, max] of cases) {
    it(`${name}: ${min} and ${max} pass as they are; one past either is refused`, () => {
      const schema = make();
      for (const v of [min, min + 1n, max - 1n, max]) expect(schema.parse(v)).toBe(v);
      for (const v of [min - 1n, max + 1n]) expect(schema.safeParse(v).success, String(v)).toBe(false);
    });
  }

  it("msgpack: 2^63 is refused under int64() on encode and on decode, at its path", () => {
    const codec = msgpackCodec({ schema: z.object({ x: int64() }) });
    const sent = codec.safeEncode({ x: 2n ** 63n });
    expect(sent.ok ? "sent" : [sent.error.code, sent.error.path]).toEqual(["schema_violation", ["x"]]);
    // {x: uint 64 2^63}, as a writer that takes it would send it.
    const wire = Uint8Array.of(0x81, 0xa1, 0x78, 0xcf, 0x80, 0, 0, 0, 0, 0, 0, 0);
    const got = codec.safeDecode(wire);
    expect(got.ok ? "read" : [got.error.code, got.error.path]).toEqual(["schema_violation", ["x"]]);
    expect(msgpackCodec({ schema: z.object({ x: uint64() }) }).decode(wire)).toEqual({ x: 2n ** 63n });
  });
});

describe("int64() and uint64() widen numbers only where exact", () => {
  it("a safe integer becomes its bigint, at both ends of the safe range", () => {
    for (const n of [Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 0, -1]) {
      expect(int64().parse(n)).toBe(BigInt(n));
    }
    expect(uint64().parse(Number.MAX_SAFE_INTEGER)).toBe(2n ** 53n - 1n);
  });

  it("an integer past the safe range is refused: it may already be a rounded literal", () => {
    // 2 ** 53 + 1 written as a literal is 2 ** 53: widening it would send a value nobody wrote.
    for (const n of [2 ** 53, -(2 ** 53), 2 ** 60, 1.5]) {
      expect(int64().safeParse(n).success, String(n)).toBe(false);
      expect(uint64().safeParse(Math.abs(n)).success, String(n)).toBe(false);
    }
  });

  it("-0 is refused with the reason, not widened to 0n", () => {
    for (const schema of [int64(), uint64()]) {
      const r = schema.safeParse(-0);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe(NEGATIVE_ZERO);
    }
  });
});

describe("int32() and uint32() take exactly their range, and no -0", () => {
  const cases: [string, () => z.ZodType, number, number][] = [
    ["int32", int32, -(2 ** 31), 2 ** 31 - 1],
    ["uint32", uint32, 0, 2 ** 32 - 1],
  ];
  for (const [name, make, min, max] of cases) {
    it(`${name}: ${min} and ${max} pass; one past either, a fraction and -0 are refused`, () => {
      const schema = make();
      for (const v of [min, max, 1]) expect(schema.parse(v)).toBe(v);
      for (const v of [min - 1, max + 1, 1.5]) expect(schema.safeParse(v).success, String(v)).toBe(false);
      expect(schema.safeParse(-0).error?.issues[0]?.message).toBe(NEGATIVE_ZERO);
    });
  }
});

describe("float32() takes what binary32 holds exactly", () => {
  it("NaN, ±Infinity, -0 and rounded values pass as they are; an unrounded one is refused", () => {
    const schema = float32();
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5, Math.fround(0.1)]) {
      expect(schema.parse(v)).toBe(v);
    }
    expect(Object.is(schema.parse(-0), -0)).toBe(true);
    expect(schema.safeParse(0.1).success).toBe(false);
    expect(schema.safeParse(2 ** 24 + 1).success).toBe(false);
  });
});
