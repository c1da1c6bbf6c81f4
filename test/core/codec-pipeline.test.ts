// The shared pipeline (src/codec.ts) driven by a stub driver: which steps run for which inputs and outputs
// (observed as the driver's calls), what the driver is handed, and how a stack overflow in each step is
// worded. The formats' own tests reach these branches only where their sizes happen to fall.
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { CHECKED_READ_BYTES, createCodec, type WireDriver } from "../../src/codec.js";
import { IssueSignal, limitIssue } from "../../src/errors.js";
import { type Limits, resolveLimits, SafewireError } from "../../src/index.js";

/** A driver whose steps are spies (returned beside it); `write` returns `size()` zero bytes. */
function stub(size: () => number, more: Partial<WireDriver> = {}) {
  const spy = {
    prescan: vi.fn((_bytes: Uint8Array, _limits: Readonly<Limits>) => {}),
    read: vi.fn((_bytes: Uint8Array): unknown => ({ a: [1] })),
    readChecked: vi.fn((_bytes: Uint8Array, _limits: Readonly<Limits>): unknown => ({ a: [1] })),
    scanOutput: vi.fn((_bytes: Uint8Array, _limits: Readonly<Limits>) => {}),
  };
  const driver: WireDriver = {
    format: "msgpack",
    ...spy,
    write: () => new Uint8Array(size()),
    itemsTakeBytes: true,
    ...more,
  };
  return { driver, ...spy };
}
/** Nests two levels deep (an object, an array in it): plainDepth 2. */
const Two = z.object({ a: z.array(z.number()) });
const make = (driver: WireDriver, limits: Partial<Limits> = {}, schema: z.ZodType<unknown> = Two) =>
  createCodec({ driver, schema, limits: resolveLimits(limits), name: "stub" });

describe("decode: the one checked pass is for inputs up to CHECKED_READ_BYTES, the prescan above", () => {
  it("at CHECKED_READ_BYTES the checked read alone; one byte more, prescan then read", () => {
    const driver = stub(() => 0);
    const codec = make(driver.driver);
    expect(codec.decode(new Uint8Array(CHECKED_READ_BYTES))).toEqual({ a: [1] });
    expect(driver.readChecked).toHaveBeenCalledTimes(1);
    expect(driver.prescan).not.toHaveBeenCalled();
    expect(codec.decode(new Uint8Array(CHECKED_READ_BYTES + 1))).toEqual({ a: [1] });
    expect(driver.readChecked).toHaveBeenCalledTimes(1);
    expect(driver.prescan).toHaveBeenCalledTimes(1);
    expect(driver.read).toHaveBeenCalledTimes(1);
  });
});

describe("decode: a refused value is retyped, unless the driver says its read made nothing to retype", () => {
  // The stub reads {a: [1n]}: refused by Two, accepted once retyped to {a: [1]}.
  function retyping(readRetypable?: () => boolean) {
    const retype = vi.fn((_schema: unknown, value: unknown) => {
      (value as { a: unknown[] }).a[0] = 1;
      return value;
    });
    const { driver } = stub(() => 0, { readChecked: () => ({ a: [1n] }), retype, readRetypable });
    return { codec: make(driver), retype };
  }

  it("a driver without readRetypable has every refused value retyped (the default is true)", () => {
    const { codec, retype } = retyping();
    expect(codec.decode(Uint8Array.of(1))).toEqual({ a: [1] });
    expect(retype).toHaveBeenCalledTimes(1);
  });

  it("readRetypable false: the refusal stands, unretyped", () => {
    const { codec, retype } = retyping(() => false);
    const r = codec.safeDecode(Uint8Array.of(1));
    expect(r.ok ? "ok" : [r.error.code, r.error.path]).toEqual(["schema_violation", ["a", 0]]);
    expect(retype).not.toHaveBeenCalled();
  });
});

describe("decode: an input in a SharedArrayBuffer", () => {
  it("reaches the driver as a private copy; other inputs as they are", () => {
    const driver = stub(() => 0, { readChecked: undefined });
    const codec = make(driver.driver);
    const plain = Uint8Array.of(1, 2, 3);
    const shared = new Uint8Array(new SharedArrayBuffer(3));
    shared.set(plain);
    codec.decode(plain);
    codec.decode(shared);
    const [first, second] = driver.prescan.mock.calls.map((c) => c[0]);
    expect(first).toBe(plain);
    expect(second?.buffer).toBeInstanceOf(ArrayBuffer);
    expect(second).toEqual(plain);
    // The bytes checked are the bytes read: the same copy goes to both.
    expect(driver.read.mock.calls[1]?.[0]).toBe(second);
  });

  it("over maxBytes, is refused by its length", () => {
    const driver = stub(() => 0);
    const r = make(driver.driver, { maxBytes: 8 }).safeDecode(new Uint8Array(new SharedArrayBuffer(9)));
    expect(r.ok ? "ok" : [r.error.code, r.error.limit]).toEqual(["limit_exceeded", "maxBytes"]);
    expect(driver.readChecked).not.toHaveBeenCalled();
  });
});

// Encode skips the scan of its output only when it cannot fail: see `smallOutput` in src/codec.ts.
describe("encode: when the output scan is skipped", () => {
  const value = { a: [1] }; // fast-checked: zod would return it as it is
  /** Whether encoding `v` under `limits` with an output of `size` bytes scanned the output. */
  function scanned(
    limits: Partial<Limits>,
    size: number,
    more: Partial<WireDriver> = {},
    v: unknown = value,
  ) {
    const driver = stub(() => size, more);
    make(driver.driver, limits).encode(v as never);
    return driver.scanOutput.mock.calls.length === 1;
  }
  const COUNTS = ["maxStringBytes", "maxBinaryBytes", "maxArrayLength", "maxMapEntries"] as const;

  it("an output as long as the smallest count limit is not scanned; one byte longer, it is", () => {
    for (const limit of COUNTS) {
      const limits = { maxStringBytes: 100, maxBinaryBytes: 100, maxArrayLength: 100, maxMapEntries: 100 };
      limits[limit] = 10; // the smallest: an item as long or as numerous as 11 fits in 11 bytes
      expect(scanned(limits, 10), limit).toBe(false);
      expect(scanned(limits, 11), limit).toBe(true);
    }
  });

  it("a schema nesting exactly maxDepth deep skips it; one nesting deeper scans every output", () => {
    expect(scanned({ maxDepth: 2 }, 1)).toBe(false);
    expect(scanned({ maxDepth: 1 }, 1)).toBe(true);
  });

  it("a driver that does not say its items take bytes has every output scanned", () => {
    expect(scanned({}, 1, { itemsTakeBytes: undefined })).toBe(true);
    expect(scanned({}, 1, { itemsTakeBytes: false })).toBe(true);
  });

  it("a value zod decided (not the fast check) has its output scanned, however short", () => {
    expect(scanned({}, 1, {}, { a: [1], extra: 1 })).toBe(true); // zod strips `extra`: not fast
  });

  it("a refusal of the scan is the encode's refusal", () => {
    const driver = stub(() => 11, {
      scanOutput: vi.fn(() => {
        throw new IssueSignal(limitIssue("maxArrayLength", 11, 10, ["a"], "array"));
      }),
    });
    const r = make(driver.driver, { maxArrayLength: 10 }).safeEncode(value);
    expect(r.ok ? "ok" : [r.error.code, r.error.limit, r.error.path]).toEqual([
      "limit_exceeded",
      "maxArrayLength",
      ["a"],
    ]);
  });
});

describe("a stack overflow, worded by where it happened", () => {
  const recurse = (n: number): number => recurse(n + 1) + 1;

  it("in the driver's own walk: the limit alone (no value was read)", () => {
    for (const step of ["readChecked", "prescan", "read"] as const) {
      const driver = stub(() => 0, { readChecked: step === "readChecked" ? () => recurse(0) : undefined });
      if (step !== "readChecked") driver[step].mockImplementation(() => void recurse(0));
      const r = make(driver.driver, { maxDepth: 5000 }).safeDecode(Uint8Array.of(1));
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error).toBeInstanceOf(SafewireError);
      expect(r.error.cause).toBeInstanceOf(RangeError);
      expect(r.error.path).toEqual([]);
      expect(r.error.issues[0]).toMatchObject({
        code: "limit_exceeded",
        limit: "maxDepth",
        actual: 5000,
        max: 5000,
      });
      expect(r.error.message).toBe(
        "msgpack decode: nesting ran out of stack before reaching limit maxDepth 5000: it is set above what this process holds",
      );
    }
  });

  // Arrays nested `levels` deep, read by the stub: past what zod's recursive validation holds.
  const Nested: z.ZodType<unknown[]> = z.lazy(() => z.array(Nested));
  function deepRead(levels: number) {
    let v: unknown[] = [];
    for (let i = 1; i < levels; i++) v = [v];
    return stub(() => 0, { readChecked: undefined, read: () => v }).driver;
  }

  it("in validating the value read: how deep it went and where, even at exactly maxDepth", () => {
    for (const maxDepth of [1_000_000, 30_000]) {
      const r = make(deepRead(30_000), { maxDepth }, Nested).safeDecode(Uint8Array.of(1));
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.cause).toBeInstanceOf(RangeError);
      expect(r.error.issues[0]).toMatchObject({ limit: "maxDepth", actual: 30_000, max: maxDepth });
      expect(r.error.path).toEqual(Array(29_999).fill(0));
      // Not past the limit: it ran out of stack first, and says so.
      expect(r.error.message).toBe(
        `msgpack decode: nesting at least 30000 levels deep (at [0][0][0][0][0][0][0][0]…) ran out of stack before reaching limit maxDepth ${maxDepth}: it is set above what this process holds`,
      );
    }
  });
});
