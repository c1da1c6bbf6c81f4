// toTypedArray checks the bytes a Uint8Array holds (tensorMismatch reads them through plainView), but then
// builds its result from the array's own byteOffset and byteLength getters: a subclass whose getters say
// otherwise gets back other elements than the ones checked (and the ones every codec would send).
import { describe, expect, test } from "vitest";
import { fromTypedArray, toTypedArray } from "../../src/robotics/tensor.js";

describe("toTypedArray reads the bytes held, as tensorMismatch does", () => {
  test("a byteLength getter that says less does not cut the elements short", () => {
    class Says4 extends Uint8Array {
      override get byteLength() {
        return 4;
      }
    }
    const data = new Says4(Float32Array.of(1, 2).buffer);
    // Before: Float32Array [1], one element for a tensor of shape [2].
    expect([...toTypedArray({ dtype: "float32", shape: [2], data })]).toEqual([1, 2]);
  });

  test("a byteOffset getter that says otherwise does not shift the elements", () => {
    class Shifted extends Uint8Array {
      override get byteOffset() {
        return 4;
      }
    }
    const data = new Shifted(Float32Array.of(1, 2, 3).buffer, 0, 8);
    // Before: Float32Array [2, 3], the elements after the tensor's.
    expect([...toTypedArray({ dtype: "float32", shape: [2], data })]).toEqual([1, 2]);
  });
});

describe("fromTypedArray views the elements the array holds", () => {
  // The same getters steer fromTypedArray: the tensor it makes is valid (right length), so every codec
  // sends it, with other elements than the array's.
  test("a byteOffset getter that says otherwise does not shift the tensor's elements", () => {
    class Shifted extends Float32Array {
      override get byteOffset() {
        return 4;
      }
    }
    const ta = new Shifted(Float32Array.of(1, 2, 3).buffer, 0, 2);
    expect([...ta]).toEqual([1, 2]);
    const t = fromTypedArray(ta);
    // Before: the tensor's bytes are those of [2, 3].
    expect([...new Float32Array(t.data.slice().buffer)]).toEqual([1, 2]);
  });
});
