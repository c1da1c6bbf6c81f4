// The msgpack writer that copies each binary once (src/formats/msgpack/write.ts): the same bytes as
// @msgpack/msgpack's encode, outputs that never share memory with each other or with the encoder, and a
// size bound that really bounds (or the encoder would grow its buffer, copying everything again).

import { fc, test } from "@fast-check/vitest";
import { Encoder } from "@msgpack/msgpack";
import { describe, expect } from "vitest";
import {
  freshBuffer,
  PRESIZE_OUTPUT_BYTES,
  singleCopyEncoder,
  sizeBound,
} from "../src/formats/msgpack/write.js";

const newEncoder = () => new Encoder({ useBigInt64: true, ignoreUndefined: true });

const leaf = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }),
  fc.boolean(),
  fc.constant(null),
  fc.uint8Array({ maxLength: 300 }),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    leaf,
    fc.array(tie("v"), { maxLength: 6 }),
    fc.dictionary(fc.string({ unit: "binary", maxLength: 12 }), tie("v"), { maxKeys: 6 }),
  ),
})).v;

describe("sizeBound", () => {
  test.prop([value], { numRuns: 500 })("is at least the encoded size", (v) => {
    expect(sizeBound(v)).toBeGreaterThanOrEqual(newEncoder().encode(v).length);
  });
});

// Memory with a past, as the unzeroed allocation may hand out: none of it may show in an output.
const dirty = (size: number) => {
  const b = freshBuffer(size);
  new Uint8Array(b).fill(0xaa);
  return b;
};

describe("singleCopyEncoder", () => {
  const big = (fill: number) => ({
    name: "weights",
    shape: [2, PRESIZE_OUTPUT_BYTES],
    data: new Uint8Array(PRESIZE_OUTPUT_BYTES * 2).fill(fill), // last: the output ends with its bytes
  });

  test.prop([fc.array(fc.oneof(value, fc.integer({ min: 1, max: 250 }).map(big)), { maxLength: 8 })], {
    numRuns: 60,
  })("writes what the library writes, and no output is changed by a later one", (values) => {
    const encode = singleCopyEncoder(newEncoder(), dirty);
    const reference = newEncoder();
    const outs = values.map((v) => {
      const out = encode(v);
      expect(Buffer.from(out).equals(Buffer.from(reference.encode(v)))).toBe(true);
      return { out, copy: out.slice() };
    });
    for (const { out, copy } of outs) expect(Buffer.from(out).equals(Buffer.from(copy))).toBe(true);
  });

  test("after a big output, the next big one goes to a fresh buffer no larger than its bound", () => {
    const encode = singleCopyEncoder(newEncoder(), dirty);
    const first = encode(big(1)); // judged small (nothing before it): encoded and copied
    const second = encode(big(2)); // judged big from the first: presized, not copied
    const third = encode(big(3));
    expect(second.buffer).not.toBe(third.buffer);
    expect(second.buffer.byteLength).toBeLessThanOrEqual(sizeBound(big(2)));
    expect([first[first.length - 1], second[second.length - 1], third[third.length - 1]]).toEqual([1, 2, 3]);
    // Past the output, what `.buffer` shows must be zeros.
    for (const out of [second, third]) {
      const tail = new Uint8Array(out.buffer, out.byteOffset + out.length);
      expect(tail.length).toBeGreaterThan(0); // the bound's slack
      expect(tail.every((b) => b === 0)).toBe(true);
    }
    // A small value after big ones is still exact and unshared.
    const small = encode({ a: 1 });
    expect(Array.from(small)).toEqual(Array.from(newEncoder().encode({ a: 1 })));
    expect(third[third.length - 1]).toBe(3);
  });
});
