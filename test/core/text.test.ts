// The readers' shared string decoding (src/text.ts): the cache of short strings must never return a string
// for other bytes, and readValidText must refuse exactly the bytes a strict UTF-8 decoder refuses.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { readText, readValidText, SHORT_TEXT } from "../../src/text.js";

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const strictDecode = (b: Uint8Array): string | undefined => {
  try {
    return strict.decode(b);
  } catch {
    return undefined;
  }
};

/** Bytes placed at an offset inside a larger buffer, as a reader sees a field. */
function placed(b: Uint8Array, at: number): Uint8Array {
  const buf = new Uint8Array(at + b.length + 3).fill(0xee);
  buf.set(b, at);
  return buf;
}

// Mostly ASCII, some multi-byte characters, some stray bytes (invalid UTF-8).
const textBytes = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => new TextEncoder().encode(s)),
  fc.string({ unit: "grapheme", maxLength: 12 }).map((s) => new TextEncoder().encode(s)),
  fc.uint8Array({ maxLength: 40 }),
);

describe("readValidText and readText", () => {
  test.prop([fc.array(fc.tuple(textBytes, fc.nat({ max: 5 })), { minLength: 1, maxLength: 30 })], {
    numRuns: 500,
  })("agree with a strict decoder, hits and misses alike (each input read twice)", (inputs) => {
    for (let round = 0; round < 2; round++) {
      for (const [b, at] of inputs) {
        const want = strictDecode(b);
        const buf = placed(b, at);
        expect(readValidText(buf, at, b.length)).toBe(want);
        if (want !== undefined) expect(readText(buf, at, b.length)).toBe(want);
      }
    }
  });

  test.prop(
    [fc.string({ minLength: 1, maxLength: SHORT_TEXT }), fc.nat(), fc.integer({ min: 1, max: 255 })],
    {
      numRuns: 1000,
    },
  )("a cached string is not returned for bytes that differ in any one place", (s, where, flip) => {
    const b = new TextEncoder().encode(s);
    if (b.length > SHORT_TEXT) return;
    expect(readValidText(b, 0, b.length)).toBe(s); // now cached
    const other = b.slice();
    const i = where % b.length;
    other[i] = (other[i] as number) ^ flip;
    expect(readValidText(other, 0, other.length)).toBe(strictDecode(other));
    expect(readValidText(b, 0, b.length)).toBe(s);
  });

  test("lengths around the word size and the cache's limit, ASCII and not", () => {
    for (let n = 1; n <= SHORT_TEXT + 2; n++) {
      for (const unit of ["a", "é"]) {
        const s = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
        const b = new TextEncoder().encode(s);
        expect(readValidText(placed(b, n % 4), n % 4, b.length)).toBe(s);
        // The last byte cut off: "é" splits into an incomplete sequence.
        const cut = b.subarray(0, b.length - 1);
        expect(readValidText(placed(cut, 1), 1, cut.length)).toBe(strictDecode(cut));
      }
    }
  });
});
