import { isUtf8 } from "node:buffer";

/**
 * Strict UTF-8 check of `bytes[start, end)`: no overlongs, surrogates or code points past U+10FFFF.
 * Short ASCII runs are checked inline (the common case for keys); the rest goes to Node's native
 * validator, which allocates nothing.
 */
export function isValidUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start <= 32) {
    let i = start;
    while (i < end && (bytes[i] as number) < 0x80) i++;
    if (i === end) return true;
  }
  return isUtf8(bytes.subarray(start, end));
}
