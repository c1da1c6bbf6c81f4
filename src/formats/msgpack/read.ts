/**
 * safewire's MessagePack reader: prescanned bytes to plain values, the same values @msgpack/msgpack's
 * `Decoder({ useBigInt64: true })` returns for them (test/msgpack-read.test.ts compares the two), without
 * its per-call DataView, state objects and byte-by-byte string decoding.
 *
 * Two reads, one walk. `readMsgpack` reads ONLY bytes that `prescanMsgpack` (./prescan.ts) accepted, and
 * relies on it for:
 * - the input is exactly one complete value: every header, length, count and payload lies inside the bytes
 *   and nothing trails (every count is backed by that many bytes, so no allocation is bigger than the input
 *   warrants);
 * - no byte 0xc1 and no extension types (0xc7-0xc9, 0xd4-0xd8);
 * - every string, map keys included, is valid UTF-8 (so decoding it needs no validation or replacement);
 * - every map key is a string (fixstr or str 8/16/32); no key is `__proto__`, `constructor` or
 *   `prototype`, and no map repeats a key's bytes, so plain assignment into `{}` builds the object the
 *   library builds;
 * - the length limits (strings, binaries, arrays, maps) and maxDepth. The walk does not need maxDepth: it
 *   is iterative (an explicit stack that grows on demand), so even a huge one cannot overflow the call stack.
 * `readMsgpackChecked` reads bytes nobody has checked: the same walk makes every check above as it goes
 * (the bounds, UTF-8 only where the string cache has not seen the bytes, keys against the object's own),
 * and returns undefined at the first failure, for the prescan to word. Unchecked, those checks pass.
 *
 * The values, as the library makes them: nil → null; true/false; positive and negative fixint, uint 8/16/32
 * and int 8/16/32 → number; uint 64 and int 64 → bigint, always (whatever the value); float 32 and 64 →
 * number (-0 and NaN kept); str → string; bin → a Uint8Array view of the input's memory (plain
 * Uint8Array.prototype even when the input is a Buffer, never a copy); array → Array; map → a plain object
 * (Object.prototype) whose keys were assigned in wire order (so integer-like keys come first, as JS orders
 * them). One difference from the library, on purpose: it decodes strings longer than 200 bytes with a
 * default TextDecoder, which drops a leading U+FEFF (byte order mark); this reader keeps every character
 * at every length (nothing lost), so two keys that differ only by that mark stay two keys.
 */

import { isForbiddenKey } from "../../keys.js";
import type { Limits } from "../../limits.js";
import { readText, readValidText } from "../../text.js";
import { FIXED, u16, u32 } from "./prescan.js";

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// Eight scratch bytes read as float32/float64/int64/uint64: big-endian wire bytes are copied in host order.
const scratch = new ArrayBuffer(8);
const s8 = new Uint8Array(scratch);
const f32 = new Float32Array(scratch, 0, 1);
const f64 = new Float64Array(scratch);
const i64 = new BigInt64Array(scratch);
const u64 = new BigUint64Array(scratch);

function load4(bytes: Uint8Array, at: number): void {
  if (LITTLE_ENDIAN) {
    s8[0] = bytes[at + 3] as number;
    s8[1] = bytes[at + 2] as number;
    s8[2] = bytes[at + 1] as number;
    s8[3] = bytes[at] as number;
  } else {
    s8[0] = bytes[at] as number;
    s8[1] = bytes[at + 1] as number;
    s8[2] = bytes[at + 2] as number;
    s8[3] = bytes[at + 3] as number;
  }
}

function load8(bytes: Uint8Array, at: number): void {
  if (LITTLE_ENDIAN) {
    load4(bytes, at + 4);
    s8[4] = bytes[at + 3] as number;
    s8[5] = bytes[at + 2] as number;
    s8[6] = bytes[at + 1] as number;
    s8[7] = bytes[at] as number;
  } else {
    load4(bytes, at);
    s8[4] = bytes[at + 4] as number;
    s8[5] = bytes[at + 5] as number;
    s8[6] = bytes[at + 6] as number;
    s8[7] = bytes[at + 7] as number;
  }
}

function i32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] as number) << 24) |
    ((bytes[at + 1] as number) << 16) |
    ((bytes[at + 2] as number) << 8) |
    (bytes[at + 3] as number)
  );
}

// ---- binaries (strings: ../../text.ts) ----

/** A plain Uint8Array over `bytes[at, at + len)`: the input's memory, whatever the input's class. */
function binary(bytes: Uint8Array, at: number, len: number): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset + at, len);
}

// ---- the walk ----

type Obj = Record<string, unknown>;

// The containers that are open below the current one, for every readMsgpack call in progress: the array
// or map, whether it is a map, its items left, and (maps) the key whose value is being read. A call uses
// the slots from `stackTop` up and moves `stackTop` past its own, so a call made while another one runs
// (a setter on Object.prototype could make one) leaves the other's slots alone.
const stackContainer: (unknown[] | Obj)[] = [];
const stackKey: string[] = [];
let stackMap = new Uint8Array(64);
let stackLeft = new Int32Array(64);
let stackTop = 0;
const NONE: unknown[] = [];
/** Arrays up to this many elements are allocated at their size (V8 keeps such a `new Array(n)` fast). */
const PREALLOCATE = 1024;
const NO_OBJECT: Obj = {};

/** Decodes bytes `prescanMsgpack` accepted (see the top of this file); on other bytes, undefined behaviour. */
export function readMsgpack(bytes: Uint8Array): unknown {
  return read(bytes, undefined);
}

/**
 * Decodes bytes that were not prescanned, checking as it reads everything `prescanMsgpack` checks under
 * `limits`: the value, or undefined when the bytes break any of it (the prescan then words the error). It
 * allocates as it goes, so the codec uses it only for small inputs (see codec.ts).
 */
export function readMsgpackChecked(bytes: Uint8Array, limits: Readonly<Limits>): unknown {
  return read(bytes, limits);
}

/** Whether the last read made a bigint (a 64-bit integer form): see ./retype.ts. */
let madeBigInt = false;

/** True when the value the last read returned holds a bigint somewhere. */
export function readMadeBigInt(): boolean {
  return madeBigInt;
}

function read(bytes: Uint8Array, limits: Readonly<Limits> | undefined): unknown {
  madeBigInt = false;
  const base = stackTop;
  try {
    return walk(bytes, base, limits);
  } finally {
    // A checked read that gave up mid-value left its open containers in the slots: drop them, so that
    // nothing decoded (nor, through its binaries, the input) is held past the call.
    for (let d = base; d < stackTop; d++) {
      stackContainer[d] = NONE;
      stackKey[d] = "";
    }
    stackTop = base;
  }
}

/** Every bound passes: the unchecked read's limits (the prescan has checked the real ones). */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/**
 * The read. With `limits` it checks as it goes and returns undefined at the first thing the prescan would
 * refuse (no message, no path: the prescan words those). Without, it relies on the prescan as the top of
 * this file says, and every check below passes.
 */
function walk(bytes: Uint8Array, base: number, limits: Readonly<Limits> | undefined): unknown {
  const checked = limits !== undefined;
  const maxString = checked ? limits.maxStringBytes : UNBOUNDED;
  const maxBinary = checked ? limits.maxBinaryBytes : UNBOUNDED;
  const maxArray = checked ? limits.maxArrayLength : UNBOUNDED;
  const maxMap = checked ? limits.maxMapEntries : UNBOUNDED;
  const maxDepth = checked ? limits.maxDepth : UNBOUNDED;
  const end = bytes.length;
  let pos = 0;
  let depth = 0;
  // The current container: an array or a map (the other one is a placeholder), its items left, and (maps)
  // the key whose value comes next.
  let arr = NONE;
  let obj = NO_OBJECT;
  let isMap = false;
  /** The current array was allocated at its size (filled by index), not grown by push. */
  let sized = false;
  let left = 0;
  let key = "";

  for (;;) {
    if (pos >= end) return undefined;
    const b = bytes[pos++] as number;
    let value: unknown;
    let count = -1;
    let opensMap = false;
    let n: number;

    if (b < 0x80) value = b;
    else if (b >= 0xe0) value = b - 0x100;
    else if (b < 0x90) {
      count = b & 0x0f;
      opensMap = true;
    } else if (b < 0xa0) count = b & 0x0f;
    else if (b < 0xc0) {
      n = b & 0x1f;
      if (n > end - pos || n > maxString) return undefined;
      value = checked ? readValidText(bytes, pos, n) : readText(bytes, pos, n);
      if (value === undefined) return undefined;
      pos += n;
    } else {
      // The header's fixed part after the type byte: a whole value, or a length or a count.
      const fixed = HEADER[b - 0xc0] as number;
      if (fixed > end - pos) return undefined;
      switch (b) {
        case 0xc0:
          value = null;
          break;
        case 0xc2:
          value = false;
          break;
        case 0xc3:
          value = true;
          break;
        case 0xc4:
        case 0xc5:
        case 0xc6:
          n = b === 0xc4 ? (bytes[pos] as number) : b === 0xc5 ? u16(bytes, pos) : u32(bytes, pos);
          pos += fixed;
          if (n > end - pos || n > maxBinary) return undefined;
          value = binary(bytes, pos, n);
          pos += n;
          break;
        case 0xca:
          load4(bytes, pos);
          value = f32[0];
          pos += 4;
          break;
        case 0xcb:
          load8(bytes, pos);
          value = f64[0];
          pos += 8;
          break;
        case 0xcc:
          value = bytes[pos++];
          break;
        case 0xcd:
          value = u16(bytes, pos);
          pos += 2;
          break;
        case 0xce:
          value = u32(bytes, pos);
          pos += 4;
          break;
        case 0xcf:
          load8(bytes, pos);
          value = u64[0];
          madeBigInt = true;
          pos += 8;
          break;
        case 0xd0:
          value = ((bytes[pos++] as number) << 24) >> 24;
          break;
        case 0xd1:
          value = (u16(bytes, pos) << 16) >> 16;
          pos += 2;
          break;
        case 0xd2:
          value = i32(bytes, pos);
          pos += 4;
          break;
        case 0xd3:
          load8(bytes, pos);
          value = i64[0];
          madeBigInt = true;
          pos += 8;
          break;
        case 0xd9:
        case 0xda:
        case 0xdb:
          n = b === 0xd9 ? (bytes[pos] as number) : b === 0xda ? u16(bytes, pos) : u32(bytes, pos);
          pos += fixed;
          if (n > end - pos || n > maxString) return undefined;
          value = checked ? readValidText(bytes, pos, n) : readText(bytes, pos, n);
          if (value === undefined) return undefined;
          pos += n;
          break;
        case 0xdc:
        case 0xdd:
          count = b === 0xdc ? u16(bytes, pos) : u32(bytes, pos);
          pos += fixed;
          break;
        case 0xde:
        case 0xdf:
          count = b === 0xde ? u16(bytes, pos) : u32(bytes, pos);
          pos += fixed;
          opensMap = true;
          break;
        default:
          // 0xc1 (never used) and the extension types: safewire values have none.
          return undefined;
      }
    }

    if (count >= 0) {
      if (depth >= maxDepth) return undefined;
      // Every element takes at least one byte, every entry two.
      if (opensMap ? count > maxMap || count * 2 > end - pos : count > maxArray || count > end - pos) {
        return undefined;
      }
      if (count === 0) value = opensMap ? {} : [];
      else {
        if (depth > 0) {
          // Save the container this one is an item of.
          const d = base + depth - 1;
          if (d >= stackLeft.length) {
            stackLeft = grow(stackLeft, d);
            stackMap = grow(stackMap, d);
          }
          stackContainer[d] = isMap ? obj : arr;
          stackKey[d] = key;
          stackMap[d] = isMap ? 1 : sized ? 2 : 0;
          stackLeft[d] = left;
          stackTop = d + 1;
        }
        depth++;
        left = count;
        isMap = opensMap;
        if (opensMap) {
          obj = {};
          pos = readKey(bytes, pos, obj, maxString, checked);
          if (pos < 0) return undefined;
          key = lastKey;
        } else {
          // At its size, as @msgpack/msgpack makes it: a `[]` grown by push takes 17 slots at the first
          // element, so a 4 MiB message of one-element arrays (0x91, one byte each) held 760 MB, not 230.
          // Past PREALLOCATE, V8 would make `new Array(count)` a dictionary: those grow by push.
          sized = count <= PREALLOCATE;
          arr = sized ? new Array(count) : [];
        }
        continue;
      }
    }

    // Store the value, then close every container it completes.
    for (;;) {
      if (depth === 0) return pos === end ? value : undefined;
      if (isMap) {
        obj[key] = value;
        if (--left > 0) {
          pos = readKey(bytes, pos, obj, maxString, checked);
          if (pos < 0) return undefined;
          key = lastKey;
          break;
        }
        value = obj;
      } else {
        if (sized) arr[arr.length - left] = value;
        else arr.push(value);
        if (--left > 0) break;
        value = arr;
      }
      depth--;
      if (depth > 0) {
        const d = base + depth - 1;
        const container = stackContainer[d] as unknown[] | Obj;
        const k = stackMap[d] as number;
        isMap = k === 1;
        sized = k === 2;
        if (isMap) obj = container as Obj;
        else arr = container as unknown[];
        key = stackKey[d] as string;
        left = stackLeft[d] as number;
        // Hold no decoded value (nor, through its binaries, the input) past this call.
        stackContainer[d] = NONE;
        stackKey[d] = "";
        stackTop = d;
      }
    }
  }
}

/**
 * Bytes after the type byte for 0xc0..0xdf: the whole of a fixed-size value (the prescan's table), or
 * the length or count of a binary, string, array or map.
 */
const HEADER = Int8Array.from(FIXED, (n) => Math.max(n, 0));
for (const [b, n] of [
  [0xc4, 1],
  [0xc5, 2],
  [0xc6, 4],
  [0xd9, 1],
  [0xda, 2],
  [0xdb, 4],
  [0xdc, 2],
  [0xdd, 4],
  [0xde, 2],
  [0xdf, 4],
] as const) {
  HEADER[b - 0xc0] = n;
}

/** The key read by the last `readKey`, which returns the position after it. */
let lastKey = "";

/**
 * Reads a key of the map `obj` at `pos` and returns the position after it. When `checked`, -1 for a key
 * the prescan refuses: not a string (fixstr or str 8/16/32), past the end or `maxString`, not UTF-8,
 * forbidden, or already an own key of `obj` (a repeat).
 */
function readKey(bytes: Uint8Array, pos: number, obj: Obj, maxString: number, checked: boolean): number {
  const end = bytes.length;
  if (pos >= end) return -1;
  const b = bytes[pos] as number;
  let n: number;
  let at: number;
  if (b >= 0xa0 && b <= 0xbf) {
    n = b & 0x1f;
    at = pos + 1;
  } else if (b === 0xd9 && pos + 2 <= end) {
    n = bytes[pos + 1] as number;
    at = pos + 2;
  } else if (b === 0xda && pos + 3 <= end) {
    n = u16(bytes, pos + 1);
    at = pos + 3;
  } else if (b === 0xdb && pos + 5 <= end) {
    n = u32(bytes, pos + 1);
    at = pos + 5;
  } else return -1;
  if (n > end - at || n > maxString) return -1;
  if (!checked) {
    lastKey = readText(bytes, at, n);
    return at + n;
  }
  const key = readValidText(bytes, at, n);
  if (key === undefined || isForbiddenKey(key) || Object.hasOwn(obj, key)) return -1;
  lastKey = key;
  return at + n;
}

function grow<A extends Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(a: A, need: number): A {
  const b = new (a.constructor as new (n: number) => A)(Math.max(need + 1, a.length * 2));
  b.set(a);
  return b;
}
