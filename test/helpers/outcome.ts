import { expect } from "vitest";
import type { Result } from "../../src/index.js";

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
    expect(a.value).toEqual(b.value);
  }
}
