import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, resolveLimits } from "../../src/index.js";

describe("limits", () => {
  it("has the documented, frozen defaults", () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxBytes: 4 * 1024 * 1024,
      maxDepth: 64,
      maxStringBytes: 1024 * 1024,
      maxBinaryBytes: 4 * 1024 * 1024,
      maxArrayLength: 1_048_576,
      maxMapEntries: 65_536,
    });
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
  });

  it("merges a partial over the defaults and freezes the result", () => {
    const l = resolveLimits({ maxDepth: 8 });
    expect(l.maxDepth).toBe(8);
    expect(l.maxStringBytes).toBe(DEFAULT_LIMITS.maxStringBytes);
    expect(Object.isFrozen(l)).toBe(true);
  });

  it("lets maxBinaryBytes follow a raised maxBytes unless it is given", () => {
    expect(resolveLimits({ maxBytes: 32 << 20 }).maxBinaryBytes).toBe(32 << 20);
    expect(resolveLimits({ maxBytes: 32 << 20, maxBinaryBytes: 1000 }).maxBinaryBytes).toBe(1000);
  });

  it("refuses nonsense limits and unknown keys", () => {
    expect(() => resolveLimits({ maxDepth: 0 })).toThrow(TypeError);
    expect(() => resolveLimits({ maxBytes: 1.5 })).toThrow(TypeError);
    expect(() => resolveLimits({ maxBytes: Number.NaN })).toThrow(TypeError);
    expect(() => resolveLimits({ maxbytes: 3 } as never)).toThrow(/unknown limit/);
  });

  it("takes up to the largest safe integer, and no integer past it", () => {
    expect(resolveLimits({ maxBytes: Number.MAX_SAFE_INTEGER }).maxBytes).toBe(Number.MAX_SAFE_INTEGER);
    expect(resolveLimits({ maxDepth: 1 }).maxDepth).toBe(1);
    expect(() => resolveLimits({ maxBytes: 2 ** 53 })).toThrow(TypeError);
  });

  it("skips a key given as undefined (an optional option passed along)", () => {
    expect(resolveLimits({ maxDepth: undefined, maxBytes: 100 })).toEqual({
      ...DEFAULT_LIMITS,
      maxBytes: 100,
      maxBinaryBytes: 100,
    });
  });

  it("keeps a base's own maxBinaryBytes when the base has it apart from maxBytes", () => {
    const base = resolveLimits({ maxBytes: 1000, maxBinaryBytes: 500 });
    expect(resolveLimits({ maxBytes: 2000 }, base).maxBinaryBytes).toBe(500);
    expect(resolveLimits({ maxDepth: 3 }, base)).toMatchObject({ maxBytes: 1000, maxBinaryBytes: 500 });
    const above = resolveLimits({ maxBytes: 1000, maxBinaryBytes: 5000 });
    expect(resolveLimits({ maxBytes: 2000 }, above).maxBinaryBytes).toBe(5000);
    // A base whose binary limit follows its maxBytes keeps following it.
    expect(resolveLimits({ maxBytes: 2000 }, resolveLimits({ maxBytes: 1000 })).maxBinaryBytes).toBe(2000);
  });
});
