/**
 * Tensors: `{ dtype, shape, data }` with raw little-endian, C-order bytes.
 *
 * The byte length a shape implies is computed with BigInt, so no shape (up to 8 dimensions of
 * 2^31-1) can overflow: a mismatch is reported, never a crash or a wrapped-around product.
 */
import { heldBytes, plainView } from "../views.js";

/** Element types, by the names NumPy and PyTorch use. Strings on every wire; the set grows by addition. */
export const DTYPES = [
  "float16",
  "bfloat16",
  "float32",
  "float64",
  "int8",
  "int16",
  "int32",
  "int64",
  "uint8",
  "bool",
] as const;

export type Dtype = (typeof DTYPES)[number];

/** Bytes per element. */
export const ITEMSIZE: Readonly<Record<Dtype, number>> = Object.freeze({
  float16: 2,
  bfloat16: 2,
  float32: 4,
  float64: 8,
  int8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  uint8: 1,
  bool: 1,
});

/** Most dimensions a tensor (or a feature) may have. */
export const MAX_RANK = 8;
/** Largest dimension: 2^31-1, so that every dimension fits an Avro `int` as well as a protobuf `uint32`. */
export const MAX_DIM = 2 ** 31 - 1;

/** A tensor: the shape of the value on every wire. */
export interface Tensor {
  /** Element type. */
  dtype: Dtype;
  /** Dimensions, outermost first: at most 8, each 0 .. 2^31-1. `[]` is a scalar. */
  shape: number[];
  /** Exactly `product(shape) × itemsize` bytes, little-endian, C order. */
  data: Uint8Array;
}

/** ITEMSIZE as a Map: a caller's "constructor" or "__proto__" must not reach Object.prototype. */
const SIZES: ReadonlyMap<string, number> = new Map(Object.entries(ITEMSIZE));

/** True when `s` names a dtype safewire knows. */
export function isDtype(s: unknown): s is Dtype {
  return typeof s === "string" && SIZES.has(s);
}

/** True for a dimension: an integer 0 .. MAX_DIM, not -0 (no wire carries an integer -0). */
function isDim(d: unknown): boolean {
  return Number.isInteger(d) && (d as number) >= 0 && (d as number) <= MAX_DIM && !Object.is(d, -0);
}

/** A dimension or dtype for a message, never throwing: -0 as "-0" (String gives "0"), strings quoted. */
function show(v: unknown): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  return v === null || typeof v === "undefined" || typeof v === "boolean" ? String(v) : typeof v;
}

/** The product of valid dimensions, exactly. */
function count(shape: readonly number[]): bigint {
  let n = 1n;
  for (const d of shape) n *= BigInt(d);
  return n;
}

/**
 * The number of elements a shape holds, exactly (a `bigint`: 8 dimensions of 2^31-1 overflow a double).
 * Throws RangeError unless `shape` is at most MAX_RANK integers 0 .. MAX_DIM.
 */
export function elementCount(shape: readonly number[]): bigint {
  checkShape(shape);
  return count(shape);
}

/** The byte length a dtype and shape imply, exactly. Throws RangeError on an unknown dtype or a bad shape. */
export function expectedByteLength(dtype: Dtype, shape: readonly number[]): bigint {
  if (!isDtype(dtype)) throw new RangeError(`unknown dtype ${show(dtype)}`);
  return elementCount(shape) * BigInt(ITEMSIZE[dtype]);
}

/**
 * Why `data` does not fit `dtype` and `shape`, or undefined when it does. An unknown dtype or a dimension
 * that is not an integer 0 .. 2^31-1 (or is -0) is a problem too, never an exception. Does not check the
 * rank, the shape's type or the data's (the schema checks those first).
 */
export function tensorMismatch(
  dtype: Dtype,
  shape: readonly number[],
  given: Uint8Array,
): string | undefined {
  // The bytes it holds, not what a subclass's getters say: the writers send those (see views.ts).
  const data = plainView(given) ?? given;
  // One lookup for the own-name check and the size: the schema checked the dtype, an untyped caller may not.
  const size = SIZES.get(dtype);
  if (size === undefined) return `unknown dtype ${show(dtype)}`;
  // Compared in doubles (BigInt costs ~0.1 µs here). With no zero dimension every partial product is at most
  // the whole, so a whole under 2^53 is exact; a zero dimension makes it exactly 0; a rounded whole is at
  // least 2^53, which no buffer's length equals. The message's exact figure comes from BigInt.
  let bytes = size;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    // A negative, fractional or non-number dimension would make a product that can match: refuse it first.
    if (!isDim(d)) return `tensor dimension ${i} is ${show(d)}, not an integer 0 .. 2^31-1`;
    bytes *= d as number;
  }
  if (bytes !== data.byteLength) {
    const want = count(shape) * BigInt(size);
    return `tensor data is ${data.byteLength} bytes, but ${dtype} of shape [${shape.join(", ")}] needs ${want} bytes`;
  }
  if (dtype === "bool") {
    const bad = data.findIndex((b) => b > 1);
    if (bad >= 0) return `bool tensor element ${bad} is byte ${data[bad]}, not 0 or 1`;
  }
  return undefined;
}

/** Most bytes NumPy lets an array span, empty or not: `NPY_MAX_INTP` on 64-bit platforms, 2^63-1. */
export const MAX_EXTENT = 2n ** 63n - 1n;

/**
 * Why a Python peer could not make a NumPy array of `dtype` and `shape` even though the data fits, or
 * undefined when it could. An empty tensor (one with a zero dimension) holds no bytes, but NumPy still
 * multiplies the itemsize by every non-zero dimension and refuses a product past 2^63-1 ("array is too
 * big", from `np.frombuffer(data, dtype).reshape(shape)` and `np.ndarray(shape, dtype, buffer=data)`).
 * A tensor with no zero dimension holds that many bytes, far below it. Never throws: an unknown dtype or
 * a bad dimension is tensorMismatch's problem, and gives undefined here.
 */
export function extentProblem(dtype: Dtype, shape: readonly number[]): string | undefined {
  const size = SIZES.get(dtype);
  if (size === undefined || !shape.includes(0) || !shape.every(isDim)) return undefined;
  let extent = BigInt(size);
  for (const d of shape) if (d !== 0) extent *= BigInt(d);
  if (extent <= MAX_EXTENT) return undefined;
  return (
    `an empty ${dtype} tensor of shape [${shape.join(", ")}] spans ${extent} bytes over its non-zero ` +
    "dimensions, past 2^63-1: NumPy cannot make that array"
  );
}

/*
 * Finiteness scans, over little-endian elements (the wire order on a little-endian host) in 4-aligned
 * memory. A float is NaN or ±Infinity exactly when its exponent bits are all ones: float64 bits 52..62 (the
 * high 32-bit word's bits 20..30), float32 bits 23..30, float16 bits 10..14, bfloat16 bits 7..14.
 *
 * float32 is read as numbers (a Float32Array): x * 0 is ±0 for every finite x and NaN for NaN and
 * ±Infinity, so the sum of eight such products is NaN exactly when one of the eight is not finite. Eight
 * loads, multiplications and seven additions per step, no branch: 27-38% faster than testing exponent bits
 * in 32-bit words (measured, 300 to 20,000 elements). float64 is not: it would load both words of each
 * element, where the bit test loads only the high one (the number test was 3-19% slower).
 *
 * The others are read as 32-bit words: each exponent (a half-word's, for float16 and bfloat16 pairs)
 * shifted right by one, masked, and its lowest bit added, is exactly bit 30 (bit 14 of the half) when the
 * exponent is all ones and stays below it otherwise; the OR of eight has that bit when any one does. Every
 * value stays a small int32, so V8 keeps the loop in integer registers.
 *
 * A step that finds something is gone through element by element for the exact index.
 */

/** float32: `count` elements. */
function scanFloat32(f: Float32Array, count: number): number {
  const end = count & ~7;
  let i = 0;
  for (; i < end; i += 8) {
    const sum =
      (f[i] as number) * 0 +
      (f[i + 1] as number) * 0 +
      (f[i + 2] as number) * 0 +
      (f[i + 3] as number) * 0 +
      (f[i + 4] as number) * 0 +
      (f[i + 5] as number) * 0 +
      (f[i + 6] as number) * 0 +
      (f[i + 7] as number) * 0;
    if (sum !== 0) break;
  }
  for (; i < count; i++) if ((f[i] as number) * 0 !== 0) return i;
  return -1;
}

/** float64: `count` elements, two words each; the exponent is in the second (high) word. */
function scanFloat64(w: Int32Array, count: number): number {
  const end = count & ~7;
  let i = 0;
  for (; i < end; i += 8) {
    const j = i << 1;
    const acc =
      ((((w[j + 1] as number) >>> 1) & 0x3ff80000) + 0x00080000) |
      ((((w[j + 3] as number) >>> 1) & 0x3ff80000) + 0x00080000) |
      ((((w[j + 5] as number) >>> 1) & 0x3ff80000) + 0x00080000) |
      ((((w[j + 7] as number) >>> 1) & 0x3ff80000) + 0x00080000) |
      ((((w[j + 9] as number) >>> 1) & 0x3ff80000) + 0x00080000) |
      ((((w[j + 11] as number) >>> 1) & 0x3ff80000) + 0x00080000) |
      ((((w[j + 13] as number) >>> 1) & 0x3ff80000) + 0x00080000) |
      ((((w[j + 15] as number) >>> 1) & 0x3ff80000) + 0x00080000);
    if ((acc & 0x40000000) !== 0) break;
  }
  for (; i < count; i++) if (((w[2 * i + 1] as number) & 0x7ff00000) === 0x7ff00000) return i;
  return -1;
}

/**
 * float16 or bfloat16: `pairs` words of two elements (low half first). `mask` is the exponent of one
 * element in place (0x7c00 or 0x7f80); `half` is (mask >>> 1) for both halves, `low` its lowest bit for
 * both halves.
 */
function scanPairs(w: Int32Array, pairs: number, mask: number, half: number, low: number): number {
  const end = pairs & ~7;
  let i = 0;
  for (; i < end; i += 8) {
    const acc =
      ((((w[i] as number) >>> 1) & half) + low) |
      ((((w[i + 1] as number) >>> 1) & half) + low) |
      ((((w[i + 2] as number) >>> 1) & half) + low) |
      ((((w[i + 3] as number) >>> 1) & half) + low) |
      ((((w[i + 4] as number) >>> 1) & half) + low) |
      ((((w[i + 5] as number) >>> 1) & half) + low) |
      ((((w[i + 6] as number) >>> 1) & half) + low) |
      ((((w[i + 7] as number) >>> 1) & half) + low);
    if ((acc & 0x40004000) !== 0) break;
  }
  const high = mask << 16;
  for (; i < pairs; i++) {
    const x = w[i] as number;
    if ((x & mask) === mask) return 2 * i;
    if ((x & high) === high) return 2 * i + 1;
  }
  return -1;
}

const F16_EXP = 0x7c00;
const BF16_EXP = 0x7f80;

/**
 * The first non-finite of `count` 16-bit elements whose bytes start at `bytes[0]`, with `w` the same memory
 * as 32-bit words (so 4-aligned). `bytes` is only read for the last element of an odd count.
 */
function scan16(dtype: Dtype, w: Int32Array, bytes: Uint8Array, count: number): number {
  const mask = dtype === "float16" ? F16_EXP : BF16_EXP;
  const half = ((mask >>> 1) << 16) | (mask >>> 1);
  const low = half & -half & 0xffff; // lowest exponent bit of the low half
  const r = scanPairs(w, count >>> 1, mask, half, low | (low << 16));
  if (r >= 0 || (count & 1) === 0) return r;
  const last = count - 1;
  const bits = (bytes[2 * last] as number) | ((bytes[2 * last + 1] as number) << 8);
  return (bits & mask) === mask ? last : -1;
}

/** Bytes copied at a time when the data is not 4-aligned (a multiple of every float's size). */
const SCAN_CHUNK = 16 * 1024;
/**
 * Below this many elements the byte-at-a-time loop is faster: making a typed-array view (and, unaligned,
 * copying) costs ~0.1 µs before the first element is read.
 */
const SCAN_MIN_ELEMENTS = 128;
/** Aligned scratch memory for unaligned data, made on first use: one buffer, a view of each kind. */
let scratch: { bytes: Uint8Array; words: Int32Array; f32: Float32Array } | undefined;

/** The first non-finite of the `count` elements in the scratch. */
function scanScratch(dtype: Dtype, count: number): number {
  const s = scratch as NonNullable<typeof scratch>;
  if (dtype === "float32") return scanFloat32(s.f32, count);
  if (dtype === "float64") return scanFloat64(s.words, count);
  return scan16(dtype, s.words, s.bytes, count);
}

/**
 * The index of the first NaN or ±Infinity element of a floating-point tensor, or -1. Integer dtypes
 * return -1. -0 and subnormals are finite. Reads the little-endian elements in place when the data is
 * 4-aligned, else from an aligned scratch copy 16 KiB at a time (as fast as any unaligned read, measured);
 * a trailing partial element is ignored.
 */
export function firstNonFinite(dtype: Dtype, given: Uint8Array): number {
  if (dtype !== "float16" && dtype !== "bfloat16" && dtype !== "float32" && dtype !== "float64") return -1;
  const data = plainView(given) ?? given; // as in tensorMismatch
  const size = ITEMSIZE[dtype];
  const count = Math.floor(data.length / size);
  if (count < SCAN_MIN_ELEMENTS || !HOST_IS_LITTLE_ENDIAN) return firstNonFiniteBytes(dtype, data);
  const byteOffset = data.byteOffset;
  if (byteOffset % 4 === 0) {
    const buffer = data.buffer;
    if (dtype === "float32") return scanFloat32(new Float32Array(buffer, byteOffset, count), count);
    if (dtype === "float64") return scanFloat64(new Int32Array(buffer, byteOffset, 2 * count), count);
    return scan16(dtype, new Int32Array(buffer, byteOffset, count >>> 1), data, count);
  }
  if (scratch === undefined) {
    const b = new ArrayBuffer(SCAN_CHUNK);
    scratch = {
      bytes: new Uint8Array(b),
      words: new Int32Array(b),
      f32: new Float32Array(b),
    };
  }
  const perChunk = SCAN_CHUNK / size;
  if (count <= perChunk) {
    scratch.bytes.set(data.length === count * size ? data : data.subarray(0, count * size));
    return scanScratch(dtype, count);
  }
  for (let base = 0; base < count; base += perChunk) {
    const n = Math.min(perChunk, count - base);
    scratch.bytes.set(data.subarray(base * size, (base + n) * size));
    const r = scanScratch(dtype, n);
    if (r >= 0) return base + r;
  }
  return -1;
}

/**
 * The same scan a byte at a time, for short data and big-endian hosts (the data is little-endian on
 * every host): the exponent's bits read from the element's top two bytes.
 */
function firstNonFiniteBytes(dtype: Dtype, data: Uint8Array): number {
  const n = data.length;
  switch (dtype) {
    case "float16":
      // Exponent: bits 10..14 (high byte bits 2..6) all ones.
      for (let i = 1, e = 0; i < n; i += 2, e++) if (((data[i] as number) & 0x7c) === 0x7c) return e;
      return -1;
    case "bfloat16":
      // Exponent: bits 7..14, high byte bits 0..6 and low byte bit 7 all ones.
      for (let i = 1, e = 0; i < n; i += 2, e++) {
        if (((data[i] as number) & 0x7f) === 0x7f && ((data[i - 1] as number) & 0x80) === 0x80) return e;
      }
      return -1;
    case "float32":
      for (let i = 3, e = 0; i < n; i += 4, e++) {
        if (((data[i] as number) & 0x7f) === 0x7f && ((data[i - 1] as number) & 0x80) === 0x80) return e;
      }
      return -1;
    case "float64":
      for (let i = 7, e = 0; i < n; i += 8, e++) {
        if (((data[i] as number) & 0x7f) === 0x7f && ((data[i - 1] as number) & 0xf0) === 0xf0) return e;
      }
      return -1;
    default:
      return -1;
  }
}

/** The typed array `toTypedArray` returns for each dtype (float16 and bfloat16 as raw `Uint16Array` bits). */
export interface TypedArrayFor {
  float16: Uint16Array;
  bfloat16: Uint16Array;
  float32: Float32Array;
  float64: Float64Array;
  int8: Int8Array;
  int16: Int16Array;
  int32: Int32Array;
  int64: BigInt64Array;
  uint8: Uint8Array;
  bool: Uint8Array;
}

/** The typed arrays `fromTypedArray` accepts. */
export type TensorTypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint8ClampedArray
  | Uint16Array;

type TypedArrayCtor<A> = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): A;
  new (length: number): A;
};

const CTORS: { [D in Dtype]: TypedArrayCtor<TypedArrayFor[D]> } = {
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

/** True on little-endian hosts (every platform Node ships for but s390x). */
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses each `size`-byte group of `bytes` in place. */
function swapBytes(bytes: Uint8Array, size: number): void {
  if (size === 1) return;
  for (let i = 0; i + size <= bytes.length; i += size) bytes.subarray(i, i + size).reverse();
}

/** A tensor-shaped value: a Tensor, or anything with its three fields. */
export interface TensorLike<D extends Dtype = Dtype> {
  dtype: D;
  shape: readonly number[];
  data: Uint8Array;
}

/**
 * The tensor's elements as a typed array. A zero-copy view of `t.data` when the bytes are aligned to the
 * element size (and the host is little-endian); otherwise a copy. Writes to a view write to the tensor.
 * float16 and bfloat16 come back as their raw bits in a `Uint16Array`.
 *
 * Pass `dtype` to get that dtype's array type from a decoded tensor (whose dtype is only known at run
 * time): `toTypedArray(obs.state, "float32")` is a Float32Array, or throws TypeError if the tensor holds
 * another dtype. Throws RangeError when the data length does not match the dtype and shape.
 */
export function toTypedArray<D extends Dtype>(t: TensorLike<D>): TypedArrayFor[D];
export function toTypedArray<D extends Dtype>(t: TensorLike, dtype: D): TypedArrayFor[D];
export function toTypedArray(t: TensorLike, dtype?: Dtype): TypedArrayFor[Dtype] {
  if (dtype !== undefined && t.dtype !== dtype)
    throw new TypeError(`the tensor holds ${t.dtype}, not ${dtype}`);
  // Own names only: "constructor" or "toString" must not reach Object.prototype through ITEMSIZE.
  if (!isDtype(t.dtype)) throw new RangeError(`unknown dtype "${String(t.dtype)}"`);
  const size = ITEMSIZE[t.dtype];
  checkShape(t.shape);
  const problem = tensorMismatch(t.dtype, t.shape, t.data);
  if (problem !== undefined) throw new RangeError(problem);
  const ctor = CTORS[t.dtype] as TypedArrayCtor<TypedArrayFor[Dtype]>;
  // The bytes tensorMismatch checked: a subclass's own getters could point elsewhere in its buffer.
  const bytes = plainView(t.data) ?? t.data;
  const length = bytes.byteLength / size;
  if (HOST_IS_LITTLE_ENDIAN && bytes.byteOffset % size === 0)
    return new ctor(bytes.buffer, bytes.byteOffset, length);
  const copy = new Uint8Array(bytes);
  if (!HOST_IS_LITTLE_ENDIAN) swapBytes(copy, size);
  return new ctor(copy.buffer, 0, length);
}

/** Throws RangeError unless `shape` is at most MAX_RANK integers 0 .. MAX_DIM (not -0). */
function checkShape(shape: readonly number[]): void {
  if (!Array.isArray(shape)) throw new RangeError("a tensor's shape is an array of dimensions");
  if (shape.length > MAX_RANK)
    throw new RangeError(`a tensor has at most ${MAX_RANK} dimensions, got ${shape.length}`);
  for (const d of shape) {
    if (!isDim(d)) throw new RangeError(`dimension ${show(d)} is not an integer 0 .. 2^31-1`);
  }
}

/** The dtype of each typed array that has only one: Uint16Array needs an explicit float16 or bfloat16. */
function dtypeOf(ta: TensorTypedArray): Dtype | undefined {
  if (ta instanceof Float32Array) return "float32";
  if (ta instanceof Float64Array) return "float64";
  if (ta instanceof Int8Array) return "int8";
  if (ta instanceof Int16Array) return "int16";
  if (ta instanceof Int32Array) return "int32";
  if (ta instanceof BigInt64Array) return "int64";
  if (ta instanceof Uint8Array || ta instanceof Uint8ClampedArray) return "uint8";
  return undefined;
}

/** The array's class name, for messages (an odd object may have none). */
function typeName(ta: object): string {
  const name = (ta as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" ? name : "value";
}

export interface FromTypedArrayOptions {
  /**
   * The dtype when the array alone does not say: `float16` or `bfloat16` for a Uint16Array of raw bits,
   * `bool` for a Uint8Array of 0s and 1s (any other byte is refused). Otherwise it must match the array's
   * own type.
   */
  dtype?: Dtype;
}

/**
 * A tensor over a typed array's bytes: a zero-copy view on little-endian hosts (the tensor shares the
 * array's memory), a byte-swapped copy elsewhere. `shape` defaults to `[ta.length]` and must hold exactly
 * `ta.length` elements. Throws RangeError or TypeError on a programming error (shape, rank, dtype, or a bool
 * element other than 0 or 1).
 */
export function fromTypedArray(
  ta: TensorTypedArray,
  shape: readonly number[] = [ta.length],
  options: FromTypedArrayOptions = {},
): Tensor {
  const own = dtypeOf(ta);
  // A Uint16Array holds raw float16/bfloat16 bits; any other array dtypeOf does not know (Uint32Array,
  // Float16Array...) has elements of another size or kind, and no dtype here.
  const bits = ta instanceof Uint16Array;
  if (own === undefined && !bits) {
    throw new TypeError(`a ${typeName(ta)} has no tensor dtype (see TensorTypedArray)`);
  }
  let dtype: Dtype;
  if (options.dtype === undefined) {
    if (own === undefined) {
      throw new TypeError(
        "a Uint16Array holds float16 or bfloat16 bits: pass { dtype: 'float16' | 'bfloat16' }",
      );
    }
    dtype = own;
  } else {
    if (!isDtype(options.dtype)) throw new TypeError(`unknown dtype "${String(options.dtype)}"`);
    dtype = options.dtype;
    const compatible =
      own === dtype ||
      (bits && (dtype === "float16" || dtype === "bfloat16")) ||
      (own === "uint8" && dtype === "bool");
    if (!compatible) throw new TypeError(`a ${typeName(ta)} cannot hold ${dtype} elements`);
  }
  checkShape(shape);
  const held = heldBytes(ta);
  if (count(shape) !== BigInt(held.elements)) {
    throw new RangeError(`shape [${shape.join(", ")}] does not hold ${held.elements} elements`);
  }
  const extent = extentProblem(dtype, shape);
  if (extent !== undefined) throw new RangeError(extent);
  let data = held.bytes;
  if (dtype === "bool") {
    // toTypedArray and every encode refuse these bytes later: refuse them where the tensor is made.
    const bad = data.findIndex((b) => b > 1);
    if (bad >= 0) throw new RangeError(`bool tensor element ${bad} is byte ${data[bad]}, not 0 or 1`);
  }
  const size = ITEMSIZE[dtype];
  if (!HOST_IS_LITTLE_ENDIAN && size > 1) {
    data = new Uint8Array(data);
    swapBytes(data, size);
  }
  return { dtype, shape: [...shape], data };
}
