import { failLimit, failMalformed, failSchema, type Path } from "../../errors.js";
import { forbiddenKeyAt } from "../../keys.js";
import type { Limits } from "../../limits.js";
import { isValidUtf8 } from "../../utf8.js";

const ARRAY = 0;
const MAP = 1;
/** Maps with more entries than this find duplicate keys with a Set; smaller ones compare bytes. */
const SMALL_MAP = 16;

// Scratch stacks shared by every call: the walk is synchronous and never re-entered, so one set suffices.
// Per open container: kind, items left (maps count keys and values), items in all, and where its keys
// start in `keys` (pairs of byte offset and length, pushed as read, popped when the map closes).
let kind = new Int32Array(64);
let left = new Int32Array(64);
let total = new Int32Array(64);
let keyBase = new Int32Array(64);
let keys = new Int32Array(256);
let keyTop = 0;
const keySets: (Set<string> | undefined)[] = [];

// ignoreBOM: a leading U+FEFF is part of the key (keys differing only by it are different keys).
const keyDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const keyText = (bytes: Uint8Array, start: number, len: number): string =>
  keyDecoder.decode(bytes.subarray(start, start + len));

function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function sameBytes(bytes: Uint8Array, a: number, b: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}

/** The path to the current item: the innermost container's item is not counted yet; outer ones are. */
function pathAt(bytes: Uint8Array, depth: number): Path {
  const path: Path = [];
  for (let d = 0; d < depth; d++) {
    const i = (total[d] as number) - (left[d] as number) - (d < depth - 1 ? 1 : 0);
    if (kind[d] === ARRAY) path.push(i);
    else if (i % 2 === 1) {
      // The value's key is the last key this map pushed: just below where the next open map's keys begin.
      let e = d + 1;
      while (e < depth && kind[e] !== MAP) e++;
      const last = (e < depth ? (keyBase[e] as number) : keyTop) - 2;
      path.push(keyText(bytes, keys[last] as number, keys[last + 1] as number));
    }
  }
  return path;
}

/** Big-endian unsigned 16 and 32-bit reads (also the reader's, ./read.ts). */
export function u16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
}

export function u32(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at] as number) * 0x1000000 +
    (((bytes[at + 1] as number) << 16) | ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number))
  );
}

/**
 * Fixed payload sizes after the type byte for 0xc0..0xdf; -1 marks the cases handled in the switch (also
 * the reader's, ./read.ts).
 */
export const FIXED = new Int8Array(32).fill(-1);
for (const [b, n] of [
  [0xc0, 0],
  [0xc2, 0],
  [0xc3, 0],
  [0xca, 4],
  [0xcb, 8],
  [0xcc, 1],
  [0xcd, 2],
  [0xce, 4],
  [0xcf, 8],
  [0xd0, 1],
  [0xd1, 2],
  [0xd2, 4],
  [0xd3, 8],
] as const) {
  FIXED[b - 0xc0] = n;
}

/**
 * One iterative walk over a MessagePack value that checks every header against the limits and the bytes
 * left, before the reader (./read.ts, which relies on all of it) allocates anything. Refuses: reserved
 * byte 0xc1, extension types (no safewire value has one), non-string map keys, duplicate or
 * prototype-polluting keys, invalid UTF-8, nesting past maxDepth, truncation, and trailing bytes. Paths
 * are rebuilt only when something fails.
 */
export function prescanMsgpack(bytes: Uint8Array, limits: Readonly<Limits>): void {
  const end = bytes.length;
  let depth = 0;
  let pos = 0;
  keyTop = 0;
  const { maxStringBytes, maxBinaryBytes, maxDepth, maxArrayLength, maxMapEntries } = limits;
  // The scratch stacks in locals (refreshed when they grow): module-level `let`s cost a load each use.
  let K = kind;
  let L = left;

  do {
    if (pos >= end) failMalformed("premature EOF: expected a value", pathAt(bytes, depth), pos);
    const start = pos;
    const isKey = depth > 0 && K[depth - 1] === MAP && (L[depth - 1] as number) % 2 === 0;
    const b = bytes[pos++] as number;
    let strLen = -1;
    let container = -1;
    let count = 0;

    if (b <= 0x7f || b >= 0xe0) {
      // fixint: one byte
    } else if (b <= 0x8f) {
      container = MAP;
      count = b & 0x0f;
    } else if (b <= 0x9f) {
      container = ARRAY;
      count = b & 0x0f;
    } else if (b <= 0xbf) {
      strLen = b & 0x1f;
    } else {
      const fixed = FIXED[b - 0xc0] as number;
      if (fixed >= 0) {
        if (fixed > end - pos) eof(bytes, depth, end - pos, fixed, `0x${b.toString(16)} payload`, start);
        pos += fixed;
      } else {
        switch (b) {
          case 0xc1:
            failMalformed("byte 0xc1 is never used in MessagePack", pathAt(bytes, depth), start);
            break;
          case 0xc4:
          case 0xc5:
          case 0xc6: {
            const w = b === 0xc4 ? 1 : b === 0xc5 ? 2 : 4;
            if (w > end - pos) eof(bytes, depth, end - pos, w, "binary length", start);
            const n = w === 1 ? (bytes[pos] as number) : w === 2 ? u16(bytes, pos) : u32(bytes, pos);
            pos += w;
            if (n > maxBinaryBytes) {
              failLimit("maxBinaryBytes", n, maxBinaryBytes, pathAt(bytes, depth), "binary", start);
            }
            if (n > end - pos) eof(bytes, depth, end - pos, n, "binary", start);
            pos += n;
            break;
          }
          case 0xd9:
          case 0xda:
          case 0xdb: {
            const w = b === 0xd9 ? 1 : b === 0xda ? 2 : 4;
            if (w > end - pos) eof(bytes, depth, end - pos, w, "string length", start);
            strLen = w === 1 ? (bytes[pos] as number) : w === 2 ? u16(bytes, pos) : u32(bytes, pos);
            pos += w;
            break;
          }
          case 0xdc:
          case 0xdd:
          case 0xde:
          case 0xdf: {
            const w = b === 0xdc || b === 0xde ? 2 : 4;
            if (w > end - pos)
              eof(bytes, depth, end - pos, w, b <= 0xdd ? "array length" : "map length", start);
            container = b <= 0xdd ? ARRAY : MAP;
            count = w === 2 ? u16(bytes, pos) : u32(bytes, pos);
            pos += w;
            break;
          }
          default:
            // 0xc7-0xc9 ext 8/16/32 and 0xd4-0xd8 fixext
            failSchema(
              `extension type (0x${b.toString(16)}) at byte ${start}: safewire values have none`,
              pathAt(bytes, depth),
            );
        }
      }
    }

    if (isKey && strLen < 0) failSchema(`map key at byte ${start} is not a string`, pathAt(bytes, depth));
    if (strLen >= 0) {
      if (strLen > maxStringBytes) {
        failLimit(
          "maxStringBytes",
          strLen,
          maxStringBytes,
          pathAt(bytes, depth),
          isKey ? "map key" : "string",
          start,
        );
      }
      if (strLen > end - pos) eof(bytes, depth, end - pos, strLen, "string", start);
      if (!isValidUtf8(bytes, pos, pos + strLen))
        failMalformed("string is not valid UTF-8", pathAt(bytes, depth), start);
      if (isKey) checkKey(bytes, depth, pos, strLen, start);
      pos += strLen;
    }

    if (container >= 0) {
      if (depth >= maxDepth)
        failLimit("maxDepth", depth + 1, maxDepth, pathAt(bytes, depth), "nesting", start);
      if (container === ARRAY) {
        if (count > maxArrayLength) {
          failLimit("maxArrayLength", count, maxArrayLength, pathAt(bytes, depth), "array", start);
        }
        // Every element takes at least one byte.
        if (count > end - pos) {
          failMalformed(
            `array of ${count} elements cannot fit in the ${end - pos} bytes left`,
            pathAt(bytes, depth),
            start,
          );
        }
      } else {
        if (count > maxMapEntries) {
          failLimit("maxMapEntries", count, maxMapEntries, pathAt(bytes, depth), "map", start);
        }
        if (count * 2 > end - pos) {
          failMalformed(
            `map of ${count} entries cannot fit in the ${end - pos} bytes left`,
            pathAt(bytes, depth),
            start,
          );
        }
      }
      const items = container === MAP ? count * 2 : count;
      if (depth > 0) L[depth - 1] = (L[depth - 1] as number) - 1;
      if (items > 0) {
        if (depth >= K.length) {
          kind = grow(kind, depth + 1);
          left = grow(left, depth + 1);
          total = grow(total, depth + 1);
          keyBase = grow(keyBase, depth + 1);
          K = kind;
          L = left;
        }
        K[depth] = container;
        L[depth] = items;
        total[depth] = items;
        keyBase[depth] = keyTop;
        keySets[depth] = undefined;
        depth++;
        continue;
      }
    } else if (depth > 0) {
      L[depth - 1] = (L[depth - 1] as number) - 1;
    }
    // Close every container this value completed, dropping a closed map's keys.
    while (depth > 0 && L[depth - 1] === 0) {
      depth--;
      if (K[depth] === MAP) {
        keyTop = keyBase[depth] as number;
        keySets[depth] = undefined;
      }
    }
  } while (depth > 0);

  if (pos !== end) failMalformed(`${end - pos} trailing bytes after the value`, [], pos);
}

/**
 * Fails on a length that runs past the input: `remaining` bytes were left after the header. A plain
 * function on purpose: a closure over the walk's `pos` and `depth` would move them into a heap context and
 * slow every step of the walk (it was about half of the prescan's time on small messages).
 */
function eof(
  bytes: Uint8Array,
  depth: number,
  remaining: number,
  n: number,
  what: string,
  at: number,
): never {
  return failMalformed(
    `premature EOF reading ${what}: needs ${n} bytes, ${remaining} left`,
    pathAt(bytes, depth),
    at,
  );
}

/** Refuses prototype-polluting and duplicate keys (a duplicate would silently overwrite), then records the key. */
function checkKey(bytes: Uint8Array, depth: number, at: number, len: number, start: number): void {
  const d = depth - 1;
  const key = forbiddenKeyAt(bytes, at, len);
  if (key !== undefined) {
    failSchema(`map key "${key}" is not allowed (prototype pollution)`, [...pathAt(bytes, depth), key]);
  }
  const base = keyBase[d] as number;
  if ((total[d] as number) / 2 <= SMALL_MAP) {
    for (let k = base; k < keyTop; k += 2) {
      if (keys[k + 1] === len && sameBytes(bytes, keys[k] as number, at, len)) {
        failSchema(`duplicate map key "${keyText(bytes, at, len)}" at byte ${start}`, pathAt(bytes, depth));
      }
    }
  } else {
    let seen = keySets[d];
    if (seen === undefined) {
      seen = new Set();
      keySets[d] = seen;
    }
    const key = keyText(bytes, at, len);
    if (seen.has(key)) failSchema(`duplicate map key "${key}" at byte ${start}`, pathAt(bytes, depth));
    seen.add(key);
  }
  // Only the latest key of each map is needed for paths, but small maps compare against all of theirs.
  if (keyTop + 2 > keys.length) keys = grow(keys, keyTop + 2);
  if ((total[d] as number) / 2 <= SMALL_MAP || keyTop === base) {
    keys[keyTop++] = at;
    keys[keyTop++] = len;
  } else {
    keys[keyTop - 2] = at;
    keys[keyTop - 1] = len;
  }
}
