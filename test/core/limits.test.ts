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
});
