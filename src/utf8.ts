import { isUtf8 } from "node:buffer";

/** Strings up to this many bytes are first checked for ASCII inline: a native call costs ~0.1 µs. */
const INLINE_ASCII = 64;

/**
 * Strict UTF-8 check of `bytes[start, end)`: no overlongs, surrogates or code points past U+10FFFF.
 * Short ASCII runs are checked inline, four bytes at a time (the common case for keys and names); the rest
 * goes to Node's native validator, which allocates nothing.
 */
export function isValidUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start <= INLINE_ASCII) {
    let bits = 0;
    let i = start;
    for (; i + 4 <= end; i += 4) {
      bits |=
        (bytes[i] as number) | (bytes[i + 1] as number) | (bytes[i + 2] as number) | (bytes[i + 3] as number);
    }
    for (; i < end; i++) bits |= bytes[i] as number;
    if (bits < 0x80) return true;
  }
  return isUtf8(bytes.subarray(start, end));
}

/** Strings longer than this are measured by the engine (Buffer.byteLength): a call costs a short loop. */
const NATIVE_LENGTH = 16;
/** Strings longer than this are written by the engine (TextEncoder#encodeInto). */
const NATIVE_WRITE = 48;
const ENCODER = new TextEncoder();

interface WellFormed {
  isWellFormed(): boolean;
}

/**
 * The UTF-8 bytes of `s`, or -1 when it has a lone surrogate: no UTF-8 form, so every writer refuses it
 * rather than send U+FFFD. Shared by the three writers (protobuf, Avro, msgpack).
 */
export function utf8Length(s: string): number {
  const n = s.length;
  if (n > NATIVE_LENGTH)
    return (s as unknown as WellFormed).isWellFormed() ? Buffer.byteLength(s, "utf8") : -1;
  let len = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      len += 1;
    } else if (c >= 0xd800 && c < 0xe000) {
      if (c >= 0xdc00) return -1; // a low surrogate first
      const d = s.charCodeAt(i + 1); // NaN past the end
      if (!(d >= 0xdc00 && d < 0xe000)) return -1;
      i++;
      len += 2; // 4 bytes for 2 units
    } else {
      len += 2;
    }
  }
  return len;
}

/**
 * Writes `s`, well-formed and `len` = utf8Length(s) bytes of UTF-8, at `buf[pos]` (the caller made room)
 * and returns where it ended: `pos + len`.
 */
export function writeUtf8(buf: Uint8Array, pos: number, s: string, len: number): number {
  const n = s.length;
  if (n > NATIVE_WRITE) return pos + ENCODER.encodeInto(s, buf.subarray(pos, pos + len)).written;
  let p = pos;
  if (len === n) {
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    return p;
  }
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) buf[p++] = c;
    else if (c < 0x800) {
      buf[p++] = 0xc0 | (c >> 6);
      buf[p++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdbff) {
      // a pair: the string is well-formed
      c = 0x10000 + ((c & 0x3ff) << 10) + (s.charCodeAt(++i) & 0x3ff);
      buf[p++] = 0xf0 | (c >> 18);
      buf[p++] = 0x80 | ((c >> 12) & 0x3f);
      buf[p++] = 0x80 | ((c >> 6) & 0x3f);
      buf[p++] = 0x80 | (c & 0x3f);
    } else {
      buf[p++] = 0xe0 | (c >> 12);
      buf[p++] = 0x80 | ((c >> 6) & 0x3f);
      buf[p++] = 0x80 | (c & 0x3f);
    }
  }
  return p;
}
