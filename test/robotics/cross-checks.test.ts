// The cross-field checks take shortcuts around BigInt (doubles for sizes, bounds for int64 sums): each is
// compared here with the exact BigInt arithmetic it stands for, at and around the edges where a shortcut
// could go wrong.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { imageMismatch } from "../../src/robotics/image.js";
import { ActionChunkSchema } from "../../src/robotics/messages.js";
import { DTYPES, expectedByteLength, tensorMismatch } from "../../src/robotics/tensor.js";

const INT64_MAX = 2n ** 63n - 1n;
const MAX_DIM = 2 ** 31 - 1;

/** Dimensions from the edges: 0, 1, small, around 2^26 and 2^31 - 1. */
const dim = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, MAX_DIM, MAX_DIM - 1, 2 ** 26, 2 ** 26 + 1, 2 ** 30),
  fc.integer({ min: 0, max: 64 }),
  fc.integer({ min: 0, max: MAX_DIM }),
);

describe("tensorMismatch agrees with the exact byte length", () => {
  test.prop(
    [
      fc.constantFrom(...DTYPES.filter((d) => d !== "bool")),
      fc.array(dim, { maxLength: 8 }),
      fc.integer({ min: -2, max: 2 }),
    ],
    {
      numRuns: 2000,
    },
  )("dtype, shape, data length near the exact one", (dtype, shape, delta) => {
    const want = expectedByteLength(dtype, shape);
    // Buffers only go so far: a length near the exact one where that is allocatable, else a small one.
    const len =
      want + BigInt(delta) <= 4096n && want + BigInt(delta) >= 0n ? Number(want + BigInt(delta)) : delta + 2;
    const problem = tensorMismatch(dtype, shape, new Uint8Array(len));
    if (want === BigInt(len)) expect(problem).toBeUndefined();
    else expect(problem).toContain(`needs ${want} bytes`);
  });

  test("a zero dimension among huge ones is exactly 0 bytes; a rounded product never matches", () => {
    expect(
      tensorMismatch("float64", [MAX_DIM, MAX_DIM, MAX_DIM, 0, MAX_DIM], new Uint8Array(0)),
    ).toBeUndefined();
    expect(tensorMismatch("float64", [MAX_DIM, MAX_DIM, 0], new Uint8Array(8))).toContain("needs 0 bytes");
    // 2^53 + 2 elements of one byte: the double product is exact, and no buffer has that length.
    expect(tensorMismatch("uint8", [2 ** 26 + 1, 2 ** 27 - 2], new Uint8Array(2))).toContain(
      `needs ${(2n ** 26n + 1n) * (2n ** 27n - 2n)} bytes`,
    );
  });
});

describe("imageMismatch agrees with step × height", () => {
  test.prop([dim, dim, fc.integer({ min: -2, max: 2 })], { numRuns: 2000 })(
    "step, height, length",
    (step, height, delta) => {
      const want = BigInt(step) * BigInt(height);
      const len =
        want + BigInt(delta) <= 4096n && want + BigInt(delta) >= 0n
          ? Number(want + BigInt(delta))
          : delta + 2;
      const img = { height, width: 0, encoding: "mono8" as const, step, data: new Uint8Array(len) };
      const problem = imageMismatch(img);
      if (want === BigInt(len)) expect(problem).toBeUndefined();
      else expect(problem?.message).toContain(`is ${want}`);
    },
  );
});

describe("ActionChunk: the int64 overflow checks agree with BigInt arithmetic", () => {
  // Around the bounds the check skips BigInt below (2^62 for times, 2^31 for steps) and around INT64_MAX.
  const near = (edges: bigint[]) =>
    fc.oneof(
      fc.constantFrom(...edges).chain((e) => fc.bigInt({ min: e - 3n, max: e + 3n })),
      fc.bigInt({ min: -(2n ** 63n), max: INT64_MAX }),
    );
  const time = near([0n, 2n ** 62n, INT64_MAX - 2n ** 40n, INT64_MAX - 2n ** 31n, INT64_MAX]).filter(
    (v) => v >= -(2n ** 63n) && v <= INT64_MAX,
  );
  const step = near([1n, 2n ** 31n, 2n ** 32n, 2n ** 62n, INT64_MAX]).filter(
    (v) => v >= 1n && v <= INT64_MAX,
  );
  // Tall chunks with no columns hold no bytes, so rows can reach 2^31 - 1 (the bound the skip relies on).
  const rows = fc.oneof(
    fc.constantFrom(1, 2, 3, MAX_DIM, MAX_DIM - 1, 2 ** 30),
    fc.integer({ min: 1, max: MAX_DIM }),
  );

  const refused = (ts: bigint, tstep: bigint, stepNs: bigint, n: number): string[] => {
    const value = {
      timestamp_ns: ts,
      timestep: tstep,
      step_ns: stepNs,
      actions: { dtype: "uint8" as const, shape: [n, 0], data: new Uint8Array(0) },
      action_names: [],
    };
    const r = ActionChunkSchema.safeParse(value);
    return r.success ? [] : r.error.issues.map((issue) => String(issue.path[0]));
  };
  const expected = (ts: bigint, tstep: bigint, stepNs: bigint, n: number): string[] => {
    const last = BigInt(n - 1);
    const want: string[] = [];
    if (ts + last * stepNs > INT64_MAX) want.push("timestamp_ns");
    if (tstep + last > INT64_MAX) want.push("timestep");
    return want;
  };

  test("every combination of edges: times around 2^62 and 2^63, steps around 2^31, rows up to 2^31 - 1", () => {
    const around = (e: bigint) => [e - 2n ** 40n, e - 2n, e - 1n, e, e + 1n, e + 2n ** 40n];
    const times = [...around(2n ** 62n), INT64_MAX - 2n ** 62n, INT64_MAX - 1n, INT64_MAX];
    const steps = [1n, ...around(2n ** 31n).filter((s) => s >= 1n), 2n ** 32n];
    let checked = 0;
    for (const ts of times)
      for (const stepNs of steps)
        for (const n of [1, 2, 2 ** 30, MAX_DIM - 1, MAX_DIM]) {
          expect(refused(ts, ts, stepNs, n)).toEqual(expected(ts, ts, stepNs, n));
          checked++;
        }
    expect(checked).toBe(9 * 7 * 5);
  });

  test.prop([time, time, step, rows], { numRuns: 3000 })(
    "timestamp_ns, timestep, step_ns, rows",
    (ts, tstep, stepNs, n) => {
      expect(refused(ts, tstep, stepNs, n)).toEqual(expected(ts, tstep, stepNs, n));
    },
  );
});
