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

describe("edges the random inputs rarely meet", () => {
  test("a cached string ending in a 0 byte is not returned for bytes that end otherwise", () => {
    // The last, partial word of a cached string is compared whole: a string ending in 0x00 and one ending
    // in another byte (that lands in the same set) must not share it.
    for (let n = 1; n <= SHORT_TEXT; n++) {
      if (n % 4 === 0) continue;
      for (const fill of [0x61, 0x30]) {
        for (let x = 1; x <= 0xff; x++) {
          const zero = new Uint8Array(n).fill(fill);
          zero[n - 1] = 0;
          const other = zero.slice();
          other[n - 1] = x;
          expect(readValidText(zero, 0, n)).toBe(strictDecode(zero)); // now cached
          expect(readValidText(other, 0, n), `${n} ${fill} ${x}`).toBe(strictDecode(other));
        }
      }
    }
  });

  test("a continuation byte among ASCII bytes is invalid wherever it stands", () => {
    // 0x80 with 0x00s around it: the OR of a word of them is exactly 0x80.
    for (let n = 1; n <= SHORT_TEXT + 8; n++) {
      for (let i = 0; i < n; i++) {
        const b = new Uint8Array(n);
        b[i] = 0x80;
        expect(readValidText(placed(b, 1), 1, n), `${n} ${i}`).toBeUndefined();
      }
    }
  });

  test("a leading U+FEFF is kept as a character, short strings and long, ASCII after it or not", () => {
    for (const s of ["\ufeff", "\ufeffa", "\ufeffé", `\ufeff${"é".repeat(20)}`, `\ufeff${"a".repeat(40)}`]) {
      const b = new TextEncoder().encode(s);
      expect(readValidText(placed(b, 2), 2, b.length)).toBe(s);
      expect(readText(placed(b, 2), 2, b.length)).toBe(s);
    }
  });
});
