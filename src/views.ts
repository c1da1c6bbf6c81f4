/*
 * A Uint8Array as safewire reads it: through the built-in accessors of typed arrays, taken once here. A
 * subclass's getters or a Proxy's traps would run the caller's code in the middle of a decode, which could
 * decode again and overwrite the scratch the outer decode is using (found by a re-entrancy probe).
 */
const TYPED_ARRAY = Object.getPrototypeOf(Uint8Array.prototype) as object;

function accessor(key: PropertyKey): (this: unknown) => unknown {
  return Object.getOwnPropertyDescriptor(TYPED_ARRAY, key)?.get as (this: unknown) => unknown;
}
// %TypedArray%.prototype[@@toStringTag] reads the internal slot: a Proxy of a Uint8Array has none.
const tagOf = accessor(Symbol.toStringTag);
const bufferOf = accessor("buffer") as (this: unknown) => ArrayBufferLike;
const offsetOf = accessor("byteOffset") as (this: unknown) => number;
const lengthOf = accessor("byteLength") as (this: unknown) => number;
const elementsOf = accessor("length") as (this: unknown) => number;

/** True for a real Uint8Array (a Buffer, a subclass's instance), false for anything else, a Proxy of one too. */
export function isUint8Array(v: unknown): v is Uint8Array {
  return tagOf.call(v) === "Uint8Array";
}

/**
 * `v` as a plain Uint8Array over the same memory, or undefined when it is not a Uint8Array. A Uint8Array
 * or a Buffer comes back as it is; an instance of a subclass (or with another prototype) as a new view.
 */
export function plainView(v: unknown): Uint8Array | undefined {
  if (!isUint8Array(v)) return undefined;
  const proto = Object.getPrototypeOf(v);
  if (proto === Uint8Array.prototype || proto === Buffer.prototype) return v as Uint8Array;
  return bytesOf(v);
}

/** The bytes a typed array (of any kind) holds, as a plain Uint8Array, through the built-in accessors. */
function bytesOf(v: unknown): Uint8Array {
  const length = lengthOf.call(v); // 0 when detached, where a view cannot be made
  return length === 0 ? new Uint8Array(0) : new Uint8Array(bufferOf.call(v), offsetOf.call(v), length);
}

/** The number of bytes a Uint8Array holds, from its internal slot (0 when detached). */
export function trueLength(v: Uint8Array): number {
  return lengthOf.call(v);
}

/**
 * Whether `v.length`, as a writer reads it, is the number of bytes `v` holds. A subclass's getter (or an
 * own accessor) can say otherwise, and a writer sizing by it would cut the bytes short, or send bytes of
 * its scratch that an earlier message left there.
 */
export function lengthIsTrue(v: Uint8Array): boolean {
  return v.length === lengthOf.call(v);
}

/** The same memory as a Buffer (what avsc writes), through the built-in accessors. */
export function asBuffer(v: Uint8Array): Buffer {
  return Buffer.from(bufferOf.call(v), offsetOf.call(v), lengthOf.call(v));
}

/** Why a binary was refused for `lengthIsTrue`. */
export function untrueLength(v: Uint8Array): string {
  return `a Uint8Array whose length says ${String(v.length)} holds ${trueLength(v)} bytes (a subclass's getter?)`;
}

/**
 * The bytes of a typed array of any kind, and its number of elements, through the built-in accessors: a
 * subclass's getters could otherwise point a tensor at other bytes of its buffer than the elements it holds.
 */
export function heldBytes(ta: ArrayBufferView): { bytes: Uint8Array; elements: number } {
  return { bytes: bytesOf(ta), elements: elementsOf.call(ta) };
}
