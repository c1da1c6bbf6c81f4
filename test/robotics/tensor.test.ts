// Tensor and image helpers: typed-array views, overflow-safe sizes, finite checks, magic bytes.
import { describe, expect, test } from "vitest";
import { bytesPerPixel, hasMagic, imageMismatch } from "../../src/robotics/image.js";
import {
  DTYPES,
  elementCount,
  expectedByteLength,
  firstNonFinite,
  fromTypedArray,
  HOST_IS_LITTLE_ENDIAN,
  ITEMSIZE,
  type Tensor,
  tensorMismatch,
  toTypedArray,
} from "../../src/robotics/tensor.js";

describe("fromTypedArray / toTypedArray", () => {
  test("host is little-endian (the zero-copy paths below assume it)", () => {
    expect(HOST_IS_LITTLE_ENDIAN).toBe(true);
  });

  test("fromTypedArray is a zero-copy view with the dtype of the array", () => {
    const cases: [ArrayBufferView & { length: number }, string][] = [
      [new Float32Array([1, 2, 3, 4, 5, 6]), "float32"],
      [new Float64Array([1, 2, 3, 4, 5, 6]), "float64"],
      [new Int8Array(6), "int8"],
      [new Int16Array(6), "int16"],
      [new Int32Array(6), "int32"],
      [new BigInt64Array(6), "int64"],
      [new Uint8Array(6), "uint8"],
      [new Uint8ClampedArray(6), "uint8"],
    ];
    for (const [ta, dtype] of cases) {
      const t = fromTypedArray(ta as never, [2, 3]);
      expect(t.dtype).toBe(dtype);
      expect(t.shape).toEqual([2, 3]);
      expect(t.data.buffer).toBe(ta.buffer);
      expect(t.data.byteLength).toBe(ta.byteLength);
    }
  });

  test("shape defaults to [length]; it must hold exactly the elements", () => {
    expect(fromTypedArray(new Float32Array(5)).shape).toEqual([5]);
    expect(fromTypedArray(new Float32Array(1), []).shape).toEqual([]);
    expect(() => fromTypedArray(new Float32Array(5), [2, 3])).toThrow(RangeError);
    expect(() => fromTypedArray(new Float32Array(0), Array(9).fill(0))).toThrow(/at most 8/);
    expect(() => fromTypedArray(new Float32Array(1), [1.5])).toThrow(RangeError);
  });

  test("Uint16Array needs float16 or bfloat16; Uint8Array may be bool; mismatches are refused", () => {
    expect(() => fromTypedArray(new Uint16Array(2))).toThrow(TypeError);
    expect(fromTypedArray(new Uint16Array(2), [2], { dtype: "bfloat16" }).dtype).toBe("bfloat16");
    expect(fromTypedArray(Uint8Array.of(1, 0), [2], { dtype: "bool" }).dtype).toBe("bool");
    expect(() => fromTypedArray(new Float32Array(2), [2], { dtype: "int32" })).toThrow(TypeError);
  });

  test("arrays of no tensor dtype, unknown dtypes and bad shapes are refused as programming errors", () => {
    // Uint32Array (4-byte elements) and BigUint64Array are not Uint16Array bits: no float16 tensor from them.
    const odd = [new Uint32Array(2), new BigUint64Array(2)] as unknown as Uint16Array[];
    for (const ta of odd) {
      expect(() => fromTypedArray(ta, [2], { dtype: "float16" })).toThrow(/has no tensor dtype/);
      expect(() => fromTypedArray(ta)).toThrow(TypeError);
    }
    for (const name of ["constructor", "toString", "__proto__", "float128"]) {
      const dtype = name as "float32";
      expect(() => fromTypedArray(new Float32Array(2), [2], { dtype })).toThrow(TypeError);
      expect(() => toTypedArray({ dtype, shape: [2], data: new Uint8Array(8) })).toThrow(/unknown dtype/);
    }
    for (const shape of [[-2, -1], [0.5, 4], [Number.NaN], [2 ** 31, 0], Array(9).fill(1)]) {
      expect(() => toTypedArray({ dtype: "uint8", shape, data: new Uint8Array(2) })).toThrow(RangeError);
    }
    expect(() =>
      toTypedArray({ dtype: "uint8", shape: 2 as unknown as number[], data: new Uint8Array(2) }),
    ).toThrow(RangeError);
  });

  test("toTypedArray returns a view when aligned: writes go through to the tensor", () => {
    const t = fromTypedArray(new Float32Array([1, 2, 3]));
    const view = toTypedArray(t);
    expect(view).toBeInstanceOf(Float32Array);
    expect(view.buffer).toBe(t.data.buffer);
    view[0] = 42;
    expect(new DataView(t.data.buffer, t.data.byteOffset).getFloat32(0, true)).toBe(42);
  });

  test("toTypedArray copies when the bytes are not aligned, with the same values", () => {
    const backing = new Uint8Array(1 + 8 * 3);
    const src = new Float64Array([1.5, -0, Number.NaN]);
    backing.set(new Uint8Array(src.buffer), 1);
    const t: Tensor = { dtype: "float64", shape: [3], data: backing.subarray(1) };
    const arr = toTypedArray(t);
    expect(arr.buffer).not.toBe(backing.buffer);
    expect([...arr]).toEqual([1.5, -0, Number.NaN]);
  });

  test("every dtype maps to its typed array; float16/bfloat16 as raw Uint16Array bits", () => {
    const expected = {
      float16: Uint16Array,
      bfloat16: Uint16Array,
      float32: Float32Array,
      float64: Float64Array,
      int8: Int8Array,
      int16: Int16Array,
      int32: Int32Array,
      int64: BigInt64Array,
      uint8: Uint8Array,
      bool: Uint8Array,
    };
    for (const dtype of DTYPES) {
      const t: Tensor = { dtype, shape: [2], data: new Uint8Array(2 * ITEMSIZE[dtype]) };
      const arr = toTypedArray(t);
      expect(arr).toBeInstanceOf(expected[dtype]);
      expect(arr.length).toBe(2);
    }
  });

  test("int64 round trip keeps the extremes", () => {
    const ta = BigInt64Array.of(-(2n ** 63n), 2n ** 63n - 1n);
    expect([...toTypedArray(fromTypedArray(ta))]).toEqual([-(2n ** 63n), 2n ** 63n - 1n]);
  });

  test("toTypedArray(t, dtype) narrows a decoded tensor's type, or throws TypeError on another dtype", () => {
    const decoded: Tensor = fromTypedArray(Float32Array.of(1, 2));
    const arr: Float32Array = toTypedArray(decoded, "float32");
    expect([...arr]).toEqual([1, 2]);
    expect(() => toTypedArray(decoded, "int32")).toThrow(TypeError);
  });

  test("toTypedArray refuses a tensor whose data does not fit its shape", () => {
    expect(() => toTypedArray({ dtype: "float32", shape: [3], data: new Uint8Array(8) })).toThrow(RangeError);
  });
});

describe("sizes without overflow", () => {
  test("element count and byte length are exact bigints", () => {
    expect(elementCount([])).toBe(1n);
    expect(elementCount([2 ** 31 - 1, 2 ** 31 - 1])).toBe((2n ** 31n - 1n) ** 2n); // past 2^53
    expect(expectedByteLength("float64", Array(8).fill(2 ** 31 - 1))).toBe((2n ** 31n - 1n) ** 8n * 8n);
  });

  test("tensorMismatch names the sizes; bool bytes must be 0 or 1", () => {
    expect(tensorMismatch("float32", [2 ** 31 - 1, 2 ** 31 - 1], new Uint8Array(4))).toMatch(
      /18446744056529682436 bytes/,
    );
    expect(tensorMismatch("float32", [2], new Uint8Array(8))).toBeUndefined();
    expect(tensorMismatch("bool", [2], Uint8Array.of(0, 1))).toBeUndefined();
    expect(tensorMismatch("bool", [2], Uint8Array.of(0, 2))).toMatch(/element 1/);
  });
});

describe("firstNonFinite", () => {
  const f16 = (...bits: number[]) => new Uint8Array(Uint16Array.from(bits).buffer);
  test.each([
    ["float16", f16(0x3c00, 0x7c00), 1], // 1.0, +Inf
    ["float16", f16(0x3c00, 0xfe00), 1], // NaN
    ["float16", f16(0x7bff, 0x8000), -1], // max finite, -0
    ["bfloat16", f16(0x3f80, 0x7f80), 1], // 1.0, +Inf
    ["bfloat16", f16(0x7f7f, 0x8000), -1], // max finite, -0
    ["bfloat16", f16(0xffc0), 0], // NaN
    ["float32", new Uint8Array(Float32Array.of(1, -0, 3.4e38).buffer), -1],
    ["float32", new Uint8Array(Float32Array.of(1, Number.NEGATIVE_INFINITY).buffer), 1],
    ["float64", new Uint8Array(Float64Array.of(Number.MAX_VALUE, Number.MIN_VALUE, -0).buffer), -1],
    ["float64", new Uint8Array(Float64Array.of(0, 0, Number.NaN).buffer), 2],
    ["int32", new Uint8Array(Int32Array.of(-1, 0x7f800000).buffer), -1],
  ] as const)("%s %#", (dtype, data, index) => {
    expect(firstNonFinite(dtype, data)).toBe(index);
  });

  type FloatDtype = "float16" | "bfloat16" | "float32" | "float64";
  /** Little-endian bit patterns of each dtype: finite corners, and the non-finite ones. */
  const PATTERNS: Record<FloatDtype, { finite: bigint[]; nonFinite: bigint[] }> = {
    float16: {
      // 0, -0, smallest subnormal, largest subnormal, smallest normal, 1, max finite, -max finite
      finite: [0x0000n, 0x8000n, 0x0001n, 0x03ffn, 0x0400n, 0x3c00n, 0x7bffn, 0xfbffn],
      nonFinite: [0x7c00n, 0xfc00n, 0x7e00n, 0x7c01n, 0xffffn],
    },
    bfloat16: {
      finite: [0x0000n, 0x8000n, 0x0001n, 0x007fn, 0x0080n, 0x3f80n, 0x7f7fn, 0xff7fn],
      nonFinite: [0x7f80n, 0xff80n, 0x7fc0n, 0x7f81n, 0xffffn],
    },
    float32: {
      finite: [0n, 0x80000000n, 1n, 0x007fffffn, 0x00800000n, 0x3f800000n, 0x7f7fffffn, 0xff7fffffn],
      nonFinite: [0x7f800000n, 0xff800000n, 0x7fc00000n, 0x7f800001n, 0xffffffffn],
    },
    float64: {
      finite: [
        0n,
        0x8000000000000000n,
        1n,
        0x000fffffffffffffn,
        0x0010000000000000n,
        0x3ff0000000000000n,
        0x7fefffffffffffffn,
        0xffefffffffffffffn,
      ],
      nonFinite: [
        0x7ff0000000000000n,
        0xfff0000000000000n,
        0x7ff8000000000000n,
        0x7ff0000000000001n,
        0xffffffffffffffffn,
      ],
    },
  };

  /** `count` elements of `dtype` at byte `offset` of a fresh buffer: finite corners, cycled. */
  function tensorBytes(dtype: FloatDtype, count: number, offset: number): Uint8Array {
    const size = ITEMSIZE[dtype];
    const data = new Uint8Array(new ArrayBuffer(offset + count * size + 8), offset, count * size);
    const finite = PATTERNS[dtype].finite;
    for (let e = 0; e < count; e++) put(data, size, e, finite[(e * 5) % finite.length] as bigint);
    return data;
  }
  function put(data: Uint8Array, size: number, e: number, bits: bigint): void {
    for (let k = 0; k < size; k++) data[e * size + k] = Number((bits >> BigInt(8 * k)) & 0xffn);
  }

  const FLOATS: FloatDtype[] = ["float16", "bfloat16", "float32", "float64"];
  // Short counts (read a byte at a time), then counts around 128 (read as words), odd ones, ones that
  // end partway through an eight-element step, and ones past the 16 KiB unaligned chunk.
  const COUNTS = [1, 2, 3, 7, 8, 9, 16, 17, 31, 127, 128, 129, 137, 1000, 8193, 20_001];
  const OFFSETS = [0, 1, 2, 3, 4, 6, 8];

  test.each(FLOATS)("%s: finite corners (-0, subnormals, max) give -1, aligned or not", (dtype) => {
    for (const count of [0, ...COUNTS]) {
      for (const offset of OFFSETS) expect(firstNonFinite(dtype, tensorBytes(dtype, count, offset))).toBe(-1);
    }
  });

  test.each(FLOATS)("%s: NaN or ±Infinity found first, middle and last, aligned or not", (dtype) => {
    const size = ITEMSIZE[dtype];
    const bad = PATTERNS[dtype].nonFinite;
    for (const count of COUNTS) {
      const positions = [...new Set([0, count >> 1, count - 1, Math.max(0, count - 9)])];
      for (const offset of OFFSETS) {
        for (const at of positions) {
          const data = tensorBytes(dtype, count, offset);
          put(data, size, at, bad[(at + offset) % bad.length] as bigint);
          expect(firstNonFinite(dtype, data), `${count} at ${at} offset ${offset}`).toBe(at);
          // A later non-finite does not change the answer; an earlier one does.
          if (at + 1 < count) {
            put(data, size, count - 1, bad[0] as bigint);
            expect(firstNonFinite(dtype, data)).toBe(at);
          }
          if (at > 0) {
            put(data, size, at - 1, bad[1] as bigint);
            expect(firstNonFinite(dtype, data)).toBe(at - 1);
          }
        }
      }
    }
  });

  test.each(FLOATS)("%s: every non-finite pattern, in every lane of an eight-element step", (dtype) => {
    const size = ITEMSIZE[dtype];
    for (const bits of PATTERNS[dtype].nonFinite) {
      for (let lane = 0; lane < 16; lane++) {
        for (const offset of [0, 1]) {
          const data = tensorBytes(dtype, 200, offset);
          put(data, size, 128 + lane, bits);
          expect(firstNonFinite(dtype, data)).toBe(128 + lane);
        }
      }
    }
  });

  test("matches a byte-at-a-time reference on random bits", () => {
    let seed = 12345;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 24;
    };
    const reference = (dtype: FloatDtype, data: Uint8Array): number => {
      const size = ITEMSIZE[dtype];
      const expMask = {
        float16: 0x7c00n,
        bfloat16: 0x7f80n,
        float32: 0x7f800000n,
        float64: 0x7ff0000000000000n,
      }[dtype];
      for (let e = 0; e * size + size <= data.length; e++) {
        let bits = 0n;
        for (let k = size - 1; k >= 0; k--) bits = (bits << 8n) | BigInt(data[e * size + k] as number);
        if ((bits & expMask) === expMask) return e;
      }
      return -1;
    };
    const found = { none: 0, some: 0 };
    for (const dtype of FLOATS) {
      for (let trial = 0; trial < 90; trial++) {
        const offset = trial % 5;
        const data = new Uint8Array(new ArrayBuffer(offset + 2000), offset, 1600 + (trial % 8));
        // Small exponents, and all-ones bytes at one of three densities: non-finite values land anywhere.
        const ones = [0, 2, 48][trial % 3] as number;
        for (let i = 0; i < data.length; i++) data[i] = next() < ones ? 0xff : next() & 0x3e;
        const want = reference(dtype, data);
        expect(firstNonFinite(dtype, data), `${dtype} trial ${trial}`).toBe(want);
        found[want < 0 ? "none" : "some"]++;
      }
    }
    expect(found.none).toBeGreaterThan(50);
    expect(found.some).toBeGreaterThan(50);
  });

  test("integer dtypes are never non-finite", () => {
    const ones = new Uint8Array(64).fill(0xff);
    for (const dtype of DTYPES.filter((d) => !d.startsWith("float") && d !== "bfloat16")) {
      expect(firstNonFinite(dtype, ones)).toBe(-1);
    }
  });
});

describe("a Uint8Array subclass's getters do not steer the checks", () => {
  // The writers send the bytes the array holds; the checks must look at those same bytes.
  test("tensorMismatch counts the bytes held, not what byteLength says", () => {
    class Says4 extends Uint8Array {
      override get byteLength() {
        return 4;
      }
    }
    expect(tensorMismatch("float32", [1], new Says4(8))).toMatch(/tensor data is 8 bytes/);
    expect(tensorMismatch("float32", [2], new Says4(8))).toBeUndefined();
  });

  test("imageMismatch counts the bytes held, not what byteLength says", () => {
    class Says6 extends Uint8Array {
      override get byteLength() {
        return 6;
      }
    }
    const image = { encoding: "rgb8", width: 1, height: 2, step: 3 } as const;
    expect(imageMismatch({ ...image, data: new Says6(9) })?.message).toMatch(/image data is 9 bytes/);
    expect(imageMismatch({ ...image, data: new Says6(6) })).toBeUndefined();
  });

  test("firstNonFinite reads the elements held, not those byteOffset points to", () => {
    class Shifted extends Uint8Array {
      override get byteOffset() {
        return 4;
      }
    }
    for (const n of [4, 2000]) {
      // Element 0 is NaN; the shifted view would start at element 1 (and, past the buffer, read nothing).
      const data = new Shifted(new ArrayBuffer(n * 4 + 4), 0, n * 4);
      new DataView(data.buffer).setFloat32(0, Number.NaN, true);
      expect(firstNonFinite("float32", data), String(n)).toBe(0);
    }
  });
});

describe("images", () => {
  test("bytes per pixel of every raw encoding; none for compressed", () => {
    expect(bytesPerPixel("rgb8")).toBe(3);
    expect(bytesPerPixel("bgra8")).toBe(4);
    expect(bytesPerPixel("16UC1")).toBe(2);
    expect(bytesPerPixel("32FC1")).toBe(4);
    expect(bytesPerPixel("jpeg")).toBeUndefined();
  });

  test("magic bytes: jpeg ff d8 ff, png 89 50 4e 47 0d 0a 1a 0a", () => {
    expect(hasMagic("jpeg", Uint8Array.of(0xff, 0xd8, 0xff, 0xe0))).toBe(true);
    expect(hasMagic("jpeg", Uint8Array.of(0xff, 0xd8))).toBe(false);
    expect(hasMagic("png", Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe(true);
    expect(hasMagic("png", Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a))).toBe(false);
  });

  test("raw: step at least width × bpp, data exactly step × height (computed without overflow)", () => {
    const img = { height: 2, width: 2, encoding: "mono16" as const, step: 4, data: new Uint8Array(8) };
    expect(imageMismatch(img)).toBeUndefined();
    expect(imageMismatch({ ...img, step: 3 })?.field).toBe("step");
    expect(imageMismatch({ ...img, data: new Uint8Array(9) })?.field).toBe("data");
    expect(imageMismatch({ ...img, height: 2 ** 31 - 1, step: 2 ** 31 - 1 })?.message).toMatch(
      /4611686014132420609/,
    );
  });

  test("compressed: step must be 0", () => {
    const jpeg = {
      height: 0,
      width: 0,
      encoding: "jpeg" as const,
      step: 1,
      data: Uint8Array.of(0xff, 0xd8, 0xff),
    };
    expect(imageMismatch(jpeg)?.field).toBe("step");
    expect(imageMismatch({ ...jpeg, step: 0 })).toBeUndefined();
  });
});
