import { Encoder } from "@msgpack/msgpack";
import { failLimit, failSchema, type Path } from "../../errors.js";
import { isPlainRecord, objectKind } from "../../keys.js";
import type { Limits } from "../../limits.js";

/**
 * Outputs at least this big (judged by the previous output) are written into a buffer sized for them
 * and returned without the final copy. Below it, the encoder's reused buffer plus a copy is cheaper than
 * the sizing walk.
 */
export const PRESIZE_OUTPUT_BYTES = 64 * 1024;

// The encoder's buffer fields (plain properties in @msgpack/msgpack 3.x; checked at construction).
interface EncoderBuffer {
  view: DataView;
  bytes: Uint8Array;
  encodeSharedRef(value: unknown): Uint8Array;
}

function bufferFields(e: object): EncoderBuffer | undefined {
  const b = e as Partial<EncoderBuffer>;
  return b.view instanceof DataView &&
    b.bytes instanceof Uint8Array &&
    typeof b.encodeSharedRef === "function"
    ? (b as EncoderBuffer)
    : undefined;
}

/**
 * An upper bound of the msgpack size of a schema-valid value: headers at their widest (9 bytes) and
 * strings at 3 bytes per UTF-16 unit. Bounded by the value's size (it visits each node once).
 */
export function sizeBound(value: unknown): number {
  if (value instanceof Uint8Array) return value.length + 5;
  switch (typeof value) {
    case "string":
      return value.length * 3 + 5;
    case "object": {
      if (value === null) return 1;
      let n = 5;
      if (Array.isArray(value)) {
        for (const v of value) n += sizeBound(v);
      } else {
        for (const k in value) n += k.length * 3 + 5 + sizeBound((value as Record<string, unknown>)[k]);
      }
      return n;
    }
    default:
      return 9;
  }
}

/**
 * An ArrayBuffer of `size` bytes that the allocator does not zero (the output overwrites it): zeroing 10 MB
 * costs as much as copying it. Its own ArrayBuffer, never a slice of Node's shared pool.
 */
export function freshBuffer(size: number): ArrayBuffer {
  const b = Buffer.allocUnsafeSlow(size);
  const ab = b.buffer as ArrayBuffer;
  return b.byteOffset === 0 && ab.byteLength === size ? ab : new ArrayBuffer(size);
}

/**
 * `encoder.encode` that writes each binary once: @msgpack/msgpack copies binaries into its buffer and
 * then copies the whole output again (`slice`). For big outputs this hands the encoder a fresh buffer of
 * the bound's size, takes the output as a view of it, and gives the encoder its reusable buffer back.
 */
export function singleCopyEncoder(
  encoder: Encoder,
  allocate: (size: number) => ArrayBuffer = freshBuffer,
): (value: unknown) => Uint8Array {
  const e = bufferFields(encoder);
  if (e === undefined) return (value) => encoder.encode(value);
  let last = 0;
  return (value) => {
    if (last < PRESIZE_OUTPUT_BYTES) {
      const out = encoder.encode(value);
      last = out.length;
      return out;
    }
    const { view, bytes } = e;
    const fresh = allocate(sizeBound(value));
    e.view = new DataView(fresh);
    e.bytes = new Uint8Array(fresh);
    try {
      const out = e.encodeSharedRef(value);
      // The encoder wrote every byte of the output; the bound's slack past it is zeroed, so `.buffer`
      // shows nothing of the memory's past. (Had the bound been short, the library moved the output to a
      // zeroed buffer of its own, overwriting all it copied from this one.)
      if (out.buffer === fresh) new Uint8Array(fresh, out.byteOffset + out.length).fill(0);
      last = out.length;
      return out;
    } finally {
      e.view = view;
      e.bytes = bytes;
    }
  };
}

// The encoder's methods patched below (plain prototype methods in @msgpack/msgpack 3.x).
interface EncoderMethods {
  encodeNumber(n: number): void;
  encodeNumberAsFloat(n: number): void;
  encodeString(s: string): void;
  encodeMap(o: object, depth: number): void;
  encodeBinary(o: ArrayBufferView): void;
  encodeExtension(ext: unknown): void;
  encodeBigInt64(n: bigint): void;
}

interface WellFormed {
  isWellFormed(): boolean;
}

/** Thrown by the patched encoder at a string (value or map key) that has no UTF-8 form. */
const LONE_SURROGATE = new Error("lone surrogate");
/** Thrown by the patched encoder at an object that is not plain data (see `notPlain`). */
const NOT_PLAIN = new Error("not plain data");
/** Thrown by the patched encoder at a bigint outside int64 and uint64 (see `outOfRange`). */
const OUT_OF_RANGE = new Error("bigint out of range");
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;
/** The library's own depth fence (`maxDepth`): its message is the only way to tell it from other errors. */
const TOO_DEEP = /^Too deep objects in depth \d+$/;

function patchedEncoder(maxDepth: number): Encoder {
  // The library counts one level more than the prescan does for the same value.
  const encoder = new Encoder({ useBigInt64: true, ignoreUndefined: true, maxDepth: maxDepth + 1 });
  // @msgpack/msgpack writes -0 as the integer 0 (it is a safe integer), losing the sign: write it as float 64.
  const e = encoder as unknown as EncoderMethods;
  const encodeNumber = e.encodeNumber;
  e.encodeNumber = function (this: EncoderMethods, n: number) {
    if (n === 0 && 1 / n < 0) this.encodeNumberAsFloat(n);
    else encodeNumber.call(this, n);
  };
  // A lone surrogate has no UTF-8 form: the library writes short strings as invalid UTF-8 and long ones
  // (through TextEncoder) with U+FFFD in its place, silently. Refuse it, as the other formats do.
  const encodeString = e.encodeString;
  e.encodeString = function (this: EncoderMethods, s: string) {
    if (!(s as unknown as WellFormed).isWellFormed()) throw LONE_SURROGATE;
    encodeString.call(this, s);
  };
  // The library writes any other object as a map of its own properties (a Map or a Set as an empty map),
  // any typed array as its raw bytes (it arrives as a Uint8Array), and a Date as an extension type that
  // no safewire decoder accepts: none of them would arrive as it was sent.
  const { encodeMap, encodeBinary } = e;
  e.encodeMap = function (this: EncoderMethods, o: object, depth: number) {
    if (!isPlainRecord(o)) throw NOT_PLAIN;
    encodeMap.call(this, o, depth);
  };
  e.encodeBinary = function (this: EncoderMethods, o: ArrayBufferView) {
    if (!(o instanceof Uint8Array)) throw NOT_PLAIN;
    encodeBinary.call(this, o);
  };
  e.encodeExtension = () => {
    throw NOT_PLAIN;
  };
  // The library writes a bigint's low 64 bits, whatever its size: 2^70 would arrive as 0.
  const encodeBigInt64 = e.encodeBigInt64;
  e.encodeBigInt64 = function (this: EncoderMethods, n: bigint) {
    if (n < INT64_MIN || n > UINT64_MAX) throw OUT_OF_RANGE;
    encodeBigInt64.call(this, n);
  };
  return encoder;
}

/** An object a msgpack value may not hold: anything but an array, a Uint8Array or a plain object. */
function notPlain(v: unknown): boolean {
  if (typeof v !== "object" || v === null || Array.isArray(v) || v instanceof Uint8Array) return false;
  return ArrayBuffer.isView(v) || !isPlainRecord(v);
}

interface Found {
  path: Path;
  key: boolean;
}

/**
 * The first place, in the encoder's order (arrays by index, maps by `Object.keys`, key before value,
 * undefined values skipped), where `hit(v, level)` holds for a value or `keyHit(k)` for a map key. The top
 * value is level 1. Walks at most `maxLevel` levels: the encoder failed within them. `path` is a scratch
 * stack, copied only into the answer.
 */
function findInValue(
  v: unknown,
  hit: (v: unknown, level: number) => boolean,
  keyHit: (k: string) => boolean,
  maxLevel: number,
  path: Path = [],
  level = 1,
): Found | undefined {
  if (hit(v, level)) return { path: [...path], key: false };
  if (typeof v !== "object" || v === null || v instanceof Uint8Array || level >= maxLevel) return undefined;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      const at = findInValue(v[i], hit, keyHit, maxLevel, path, level + 1);
      path.pop();
      if (at !== undefined) return at;
    }
    return undefined;
  }
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined) continue;
    path.push(k);
    const at = keyHit(k)
      ? { path: [...path], key: true }
      : findInValue(x, hit, keyHit, maxLevel, path, level + 1);
    path.pop();
    if (at !== undefined) return at;
  }
  return undefined;
}

function valueAt(v: unknown, path: Path): unknown {
  let x = v;
  for (const k of path) x = (x as Record<PropertyKey, unknown>)[k as string];
  return x;
}

const outOfRange = (v: unknown): boolean => typeof v === "bigint" && (v < INT64_MIN || v > UINT64_MAX);
const isLone = (v: unknown): boolean => typeof v === "string" && !(v as unknown as WellFormed).isWellFormed();
const isContainer = (v: unknown): boolean =>
  typeof v === "object" && v !== null && !(v instanceof Uint8Array);

/**
 * The codec's writer: @msgpack/msgpack's encoder (single copy for big outputs), with -0 kept; lone
 * surrogates, objects that are not plain data and bigints past 64 bits refused (schema_violation, with the
 * path); and the library's depth fence reported as limit_exceeded.
 */
export function msgpackWriter(limits: Readonly<Limits>): (value: unknown) => Uint8Array {
  const encode = singleCopyEncoder(patchedEncoder(limits.maxDepth));
  const { maxDepth } = limits;
  return (value) => {
    try {
      return encode(value);
    } catch (err) {
      if (err === LONE_SURROGATE) {
        const at = findInValue(value, isLone, (k) => isLone(k), maxDepth + 2) ?? { path: [], key: false };
        const what = at.key ? "map key" : "string";
        failSchema(
          `${what} contains a lone surrogate, which UTF-8 cannot carry (it would arrive as U+FFFD)`,
          at.path,
        );
      }
      if (err === OUT_OF_RANGE) {
        const at = findInValue(value, outOfRange, () => false, maxDepth + 2);
        failSchema(
          `${String(at === undefined ? "a bigint" : valueAt(value, at.path))} is out of the 64-bit range msgpack carries (-2^63 .. 2^64-1)`,
          at?.path ?? [],
        );
      }
      if (err === NOT_PLAIN) {
        const at = findInValue(value, notPlain, () => false, maxDepth + 2);
        const kind = at === undefined ? "object" : objectKind(valueAt(value, at.path) as object);
        failSchema(
          `msgpack carries plain objects, arrays and Uint8Arrays; a ${kind} would not arrive as sent`,
          at?.path ?? [],
        );
      }
      if (err instanceof Error && TOO_DEEP.test(err.message)) {
        const at = findInValue(
          value,
          (v, level) => level > maxDepth && isContainer(v),
          () => false,
          maxDepth + 2,
        );
        failLimit("maxDepth", maxDepth + 1, maxDepth, at?.path ?? [], "nesting");
      }
      throw err;
    }
  };
}
