// The public image and tensor helpers called from untyped code: a name that is an Object.prototype member
// ("toString", "__proto__", "constructor") or unknown, and dimensions that are negative, fractional, strings
// or -0, get a clean answer (undefined, false, a problem, or a RangeError), never a prototype member, a
// wrong "fits" or a raw engine error.
import { describe, expect, test } from "vitest";
import { bytesPerPixel, hasMagic, type Image, imageMismatch } from "../../src/robotics/image.js";
import {
  type Dtype,
  elementCount,
  expectedByteLength,
  fromTypedArray,
  tensorMismatch,
  toTypedArray,
} from "../../src/robotics/tensor.js";

const PROTO_NAMES = ["toString", "__proto__", "constructor", "hasOwnProperty"];

describe("image helpers", () => {
  test("bytesPerPixel: undefined for Object.prototype names and unknown encodings", () => {
    for (const name of [...PROTO_NAMES, "bogus", ""]) {
      expect(bytesPerPixel(name as never)).toBeUndefined();
    }
    expect(bytesPerPixel("rgb8")).toBe(3);
    expect(bytesPerPixel("mono16")).toBe(2);
    expect(bytesPerPixel("png")).toBeUndefined();
  });

  test("hasMagic: false for anything but jpeg and png, without throwing", () => {
    expect(hasMagic("__proto__" as never, Uint8Array.of(1, 2, 3))).toBe(false);
    expect(hasMagic("toString" as never, new Uint8Array(0))).toBe(false);
    expect(hasMagic("rgb8" as never, new Uint8Array(0))).toBe(false);
    expect(hasMagic("bogus" as never, Uint8Array.of(0xff, 0xd8, 0xff))).toBe(false);
    expect(hasMagic("jpeg", Uint8Array.of(0xff, 0xd8, 0xff))).toBe(true);
    expect(hasMagic("png", Uint8Array.of(0xff, 0xd8, 0xff))).toBe(false);
  });

  test("imageMismatch: an unknown encoding is a problem with field encoding, not a fit", () => {
    const img = (encoding: string, height: number, width: number): Image =>
      ({ encoding, width, height, step: 0, data: new Uint8Array(0) }) as unknown as Image;
    expect(imageMismatch(img("toString", 0, 5))).toEqual({
      field: "encoding",
      message: 'unknown image encoding "toString"',
    });
    expect(imageMismatch(img("bogus", 1, 5))).toEqual({
      field: "encoding",
      message: 'unknown image encoding "bogus"',
    });
    expect(imageMismatch(img("__proto__", 0, 0))?.field).toBe("encoding");
    expect(imageMismatch({ ...img("x", 0, 0), encoding: 3 } as unknown as Image)?.message).toBe(
      "unknown image encoding number",
    );
    // Known encodings are unchanged.
    expect(imageMismatch(img("mono8", 0, 0))).toBeUndefined();
    expect(imageMismatch(img("rgb8", 1, 5))?.field).toBe("step");
  });
});

describe("tensor sizes", () => {
  test("elementCount: RangeError for negative, fractional, string and -0 dimensions", () => {
    expect(() => elementCount([-2, -3])).toThrow(RangeError);
    expect(() => elementCount([-2, -3])).toThrow("dimension -2 is not an integer 0 .. 2^31-1");
    expect(() => elementCount([-1])).toThrow("dimension -1 is not");
    expect(() => elementCount(["3" as never])).toThrow('dimension "3" is not');
    expect(() => elementCount([1.5])).toThrow(RangeError);
    expect(() => elementCount([1.5])).toThrow("dimension 1.5 is not");
    expect(() => elementCount([2, -0])).toThrow("dimension -0 is not");
    expect(() => elementCount([2 ** 31])).toThrow(RangeError);
    expect(elementCount([2, 3])).toBe(6n);
    expect(elementCount([0, 2 ** 31 - 1])).toBe(0n);
  });

  test("expectedByteLength: RangeError for an unknown dtype or a bad dimension", () => {
    for (const name of [...PROTO_NAMES, "bogus"]) {
      expect(() => expectedByteLength(name as Dtype, [1])).toThrow(RangeError);
      expect(() => expectedByteLength(name as Dtype, [1])).toThrow(`unknown dtype "${name}"`);
    }
    expect(() => expectedByteLength("float32", [-1])).toThrow(RangeError);
    expect(expectedByteLength("float32", [2, 3])).toBe(24n);
  });

  test("tensorMismatch: an unknown dtype or a bad dimension is a problem, never a throw or a fit", () => {
    expect(tensorMismatch("uint8", [-1, -1], new Uint8Array(1))).toBe(
      "tensor dimension 0 is -1, not an integer 0 .. 2^31-1",
    );
    for (const name of [...PROTO_NAMES, "bogus"]) {
      expect(tensorMismatch(name as Dtype, [1], new Uint8Array(1))).toBe(`unknown dtype "${name}"`);
    }
    // Each of these multiplies out to the data's length: without the dimension check they "fit".
    expect(tensorMismatch("uint8", [2, 0.5], new Uint8Array(1))).toMatch(/dimension 1 is 0.5, not/);
    expect(tensorMismatch("uint8", ["1" as never], new Uint8Array(1))).toMatch(/dimension 0 is "1", not/);
    expect(tensorMismatch("uint8", [-0], new Uint8Array(0))).toMatch(/dimension 0 is -0, not/);
    expect(tensorMismatch("uint8", [1, -0, -0], new Uint8Array(0))).toMatch(/dimension 1 is -0, not/);
    // Out of range or NaN: the dimension is named, not a byte count.
    expect(tensorMismatch("uint8", [2 ** 31], new Uint8Array(0))).toMatch(/dimension 0 is 2147483648, not/);
    expect(tensorMismatch("uint8", [Number.NaN], new Uint8Array(0))).toMatch(/dimension 0 is NaN, not/);
    // Valid input is unchanged.
    expect(tensorMismatch("uint8", [1, 1], new Uint8Array(1))).toBeUndefined();
    expect(tensorMismatch("float32", [0, 2 ** 31 - 1], new Uint8Array(0))).toBeUndefined();
    expect(tensorMismatch("float32", [2], new Uint8Array(4))).toMatch(/needs 8 bytes/);
  });
});

describe("making tensors", () => {
  test("a -0 dimension is refused like any other bad one", () => {
    expect(() => fromTypedArray(new Float32Array(0), [-0])).toThrow(RangeError);
    expect(() => fromTypedArray(new Float32Array(0), [-0])).toThrow("dimension -0 is not an integer");
    expect(() => toTypedArray({ dtype: "float32", shape: [-0], data: new Uint8Array(0) })).toThrow(
      "dimension -0 is not an integer",
    );
    expect(fromTypedArray(new Float32Array(0), [0]).shape).toEqual([0]);
  });

  test("fromTypedArray bool: bytes other than 0 and 1 are refused, naming the first", () => {
    expect(() => fromTypedArray(Uint8Array.of(2, 7), [2], { dtype: "bool" })).toThrow(RangeError);
    expect(() => fromTypedArray(Uint8Array.of(2, 7), [2], { dtype: "bool" })).toThrow(
      "bool tensor element 0 is byte 2, not 0 or 1",
    );
    expect(() => fromTypedArray(Uint8ClampedArray.of(0, 1, 255), [3], { dtype: "bool" })).toThrow(
      "bool tensor element 2 is byte 255",
    );
    const t = fromTypedArray(Uint8Array.of(0, 1, 1), [3], { dtype: "bool" });
    expect(t.dtype).toBe("bool");
    expect([...t.data]).toEqual([0, 1, 1]);
    // Plain uint8 keeps any byte.
    expect(fromTypedArray(Uint8Array.of(2, 7)).dtype).toBe("uint8");
  });
});
