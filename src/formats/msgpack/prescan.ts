import { failLimit, failMalformed, failSchema, type Path } from "../../errors.js";
import { FORBIDDEN_KEYS } from "../../keys.js";
import type { Limits } from "../../limits.js";
import { isValidUtf8 } from "../../utf8.js";

const ARRAY = 0;
const MAP = 1;

const keyDecoder = new TextDecoder("utf-8", { fatal: true });

function keyText(bytes: Uint8Array, start: number, len: number): string {
  return keyDecoder.decode(bytes.subarray(start, start + len));
}

/**
 * One iterative walk over a MessagePack value that checks every header against the limits and the bytes
 * left, before @msgpack/msgpack allocates anything. Refuses: reserved byte 0xc1, extension types (no
 * safewire value has one), non-string map keys, duplicate or prototype-polluting keys, invalid UTF-8,
 * nesting past maxDepth, truncation, and trailing bytes. Paths are rebuilt only when something fails.
 */
export function prescanMsgpack(bytes: Uint8Array, limits: Readonly<Limits>): void {
  const end = bytes.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Per open container: kind, items left (maps count keys and values), items in all, last key.
  const kind: number[] = [];
  const left: number[] = [];
  const total: number[] = [];
  const keyAt: number[] = [];
  const keyLen: number[] = [];
  // Duplicate keys would silently overwrite each other in a record: refused.
  const keySets: (Set<string> | undefined)[] = [];
  let depth = 0;
  let pos = 0;

  // The current item of the innermost container has not been counted yet; every outer one has.
  const pathAt = (): Path => {
    const path: Path = [];
    for (let d = 0; d < depth; d++) {
      const i = (total[d] as number) - (left[d] as number) - (d < depth - 1 ? 1 : 0);
      if (kind[d] === ARRAY) path.push(i);
      else if (i % 2 === 1) path.push(keyText(bytes, keyAt[d] as number, keyLen[d] as number));
    }
    return path;
  };

  const need = (n: number, what: string, at: number): void => {
    if (n > end - pos) {
      failMalformed(`premature EOF reading ${what}: needs ${n} bytes, ${end - pos} left`, pathAt(), at);
    }
  };

  do {
    if (pos >= end) failMalformed("premature EOF: expected a value", pathAt(), pos);
    const start = pos;
    const isKey = depth > 0 && kind[depth - 1] === MAP && (left[depth - 1] as number) % 2 === 0;
    const b = bytes[pos++] as number;
    let strLen = -1;
    let container = -1;
    let count = 0;

    if (b <= 0x7f || b >= 0xe0 || b === 0xc0 || b === 0xc2 || b === 0xc3) {
      // fixint, nil, bool: one byte
    } else if (b <= 0x8f) {
      container = MAP;
      count = b & 0x0f;
    } else if (b <= 0x9f) {
      container = ARRAY;
      count = b & 0x0f;
    } else if (b <= 0xbf) {
      strLen = b & 0x1f;
    } else {
      switch (b) {
        case 0xc1:
          failMalformed("byte 0xc1 is never used in MessagePack", pathAt(), start);
          break;
        case 0xc4:
        case 0xc5:
        case 0xc6: {
          const w = b === 0xc4 ? 1 : b === 0xc5 ? 2 : 4;
          need(w, "binary length", start);
          const n = w === 1 ? view.getUint8(pos) : w === 2 ? view.getUint16(pos) : view.getUint32(pos);
          pos += w;
          if (n > limits.maxBinaryBytes) {
            failLimit("maxBinaryBytes", n, limits.maxBinaryBytes, pathAt(), "binary", start);
          }
          need(n, "binary", start);
          pos += n;
          break;
        }
        case 0xc7:
        case 0xc8:
        case 0xc9:
        case 0xd4:
        case 0xd5:
        case 0xd6:
        case 0xd7:
        case 0xd8:
          failSchema(
            `extension type (0x${b.toString(16)}) at byte ${start}: safewire values have none`,
            pathAt(),
          );
          break;
        case 0xca:
          need(4, "float 32", start);
          pos += 4;
          break;
        case 0xcb:
          need(8, "float 64", start);
          pos += 8;
          break;
        case 0xcc:
        case 0xd0:
          need(1, "int 8", start);
          pos += 1;
          break;
        case 0xcd:
        case 0xd1:
          need(2, "int 16", start);
          pos += 2;
          break;
        case 0xce:
        case 0xd2:
          need(4, "int 32", start);
          pos += 4;
          break;
        case 0xcf:
        case 0xd3:
          need(8, "int 64", start);
          pos += 8;
          break;
        case 0xd9:
          need(1, "string length", start);
          strLen = view.getUint8(pos);
          pos += 1;
          break;
        case 0xda:
          need(2, "string length", start);
          strLen = view.getUint16(pos);
          pos += 2;
          break;
        case 0xdb:
          need(4, "string length", start);
          strLen = view.getUint32(pos);
          pos += 4;
          break;
        case 0xdc:
          need(2, "array length", start);
          container = ARRAY;
          count = view.getUint16(pos);
          pos += 2;
          break;
        case 0xdd:
          need(4, "array length", start);
          container = ARRAY;
          count = view.getUint32(pos);
          pos += 4;
          break;
        case 0xde:
          need(2, "map length", start);
          container = MAP;
          count = view.getUint16(pos);
          pos += 2;
          break;
        case 0xdf:
          need(4, "map length", start);
          container = MAP;
          count = view.getUint32(pos);
          pos += 4;
          break;
      }
    }

    if (isKey && strLen < 0) {
      failSchema(`map key at byte ${start} is not a string`, pathAt());
    }
    if (strLen >= 0) {
      if (strLen > limits.maxStringBytes) {
        failLimit(
          "maxStringBytes",
          strLen,
          limits.maxStringBytes,
          pathAt(),
          isKey ? "map key" : "string",
          start,
        );
      }
      need(strLen, "string", start);
      if (!isValidUtf8(bytes, pos, pos + strLen)) {
        failMalformed("string is not valid UTF-8", pathAt(), start);
      }
      if (isKey) {
        const d = depth - 1;
        const key = keyText(bytes, pos, strLen);
        if (FORBIDDEN_KEYS.has(key)) {
          failSchema(`map key "${key}" is not allowed (prototype pollution)`, [...pathAt(), key]);
        }
        let seen = keySets[d];
        if (seen === undefined) {
          seen = new Set();
          keySets[d] = seen;
        }
        if (seen.has(key)) failSchema(`duplicate map key "${key}" at byte ${start}`, pathAt());
        seen.add(key);
        keyAt[d] = pos;
        keyLen[d] = strLen;
      }
      pos += strLen;
    }

    if (container >= 0) {
      if (depth >= limits.maxDepth) {
        failLimit("maxDepth", depth + 1, limits.maxDepth, pathAt(), "nesting", start);
      }
      if (container === ARRAY) {
        if (count > limits.maxArrayLength) {
          failLimit("maxArrayLength", count, limits.maxArrayLength, pathAt(), "array", start);
        }
        if (count > end - pos) {
          failMalformed(
            `array of ${count} elements cannot fit in the ${end - pos} bytes left`,
            pathAt(),
            start,
          );
        }
      } else {
        if (count > limits.maxMapEntries) {
          failLimit("maxMapEntries", count, limits.maxMapEntries, pathAt(), "map", start);
        }
        if (count * 2 > end - pos) {
          failMalformed(`map of ${count} entries cannot fit in the ${end - pos} bytes left`, pathAt(), start);
        }
      }
      const items = container === MAP ? count * 2 : count;
      if (depth > 0) left[depth - 1] = (left[depth - 1] as number) - 1;
      if (items > 0) {
        kind[depth] = container;
        left[depth] = items;
        total[depth] = items;
        keyAt[depth] = -1;
        keyLen[depth] = 0;
        keySets[depth] = undefined;
        depth++;
        continue;
      }
    } else if (depth > 0) {
      left[depth - 1] = (left[depth - 1] as number) - 1;
    }
    // Close every container this value completed.
    while (depth > 0 && left[depth - 1] === 0) depth--;
  } while (depth > 0);

  if (pos !== end) failMalformed(`${end - pos} trailing bytes after the value`, [], pos);
}
