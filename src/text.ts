/**
 * Strings from checked bytes, for safewire's three readers (protobuf, Avro, msgpack): the prescans have
 * already refused invalid UTF-8, so this only decodes. A leading U+FEFF is kept as a character (nothing
 * lost), as every reader keeps it.
 */

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * Short strings (keys, dtypes, joint names) repeat from message to message: a cache of recent ones,
 * checked byte for byte, returns the same string again instead of building a new one (a hit costs one
 * byte comparison, a fraction of building the string and hashing it as a fresh property key). Two ways
 * per set (the newest first); bounded memory: at most 2 × SETS strings of at most SHORT_TEXT bytes.
 * Shared by every codec, and never wrong: equal bytes are the equal string.
 */
export const SHORT_TEXT = 32;
const SETS = 1024;
const cacheBytes = new Uint8Array(2 * SETS * SHORT_TEXT);
const cacheLen = new Int32Array(2 * SETS).fill(-1);
const cacheText: string[] = new Array<string>(2 * SETS).fill("");

const fromCharCode = String.fromCharCode;

function cached(bytes: Uint8Array, at: number, len: number, slot: number): boolean {
  if (cacheLen[slot] !== len) return false;
  const base = slot * SHORT_TEXT;
  let i = 0;
  while (i < len && cacheBytes[base + i] === bytes[at + i]) i++;
  return i === len;
}

/** `bytes[at, at + len)` as a string, 0 < len <= SHORT_TEXT. */
function shortText(bytes: Uint8Array, at: number, len: number): string {
  const end = at + len;
  // A hash of the length and five sampled bytes (first, last, middle, quarters): hashing every byte costs
  // as much as building the string. Strings that share all six share a set, and only the newest two stay.
  const last = end - 1;
  const q = len >> 2;
  const h =
    len * 0x3b +
    (bytes[at] as number) * 0x1f1 +
    (bytes[at + q] as number) * 0x11 +
    (bytes[at + (len >> 1)] as number) * 0x83 +
    (bytes[last - q] as number) * 0x407 +
    (bytes[last] as number) * 0x2003;
  const way0 = ((h ^ (h >>> 10)) & (SETS - 1)) << 1;
  if (cached(bytes, at, len, way0)) return cacheText[way0] as string;
  if (cached(bytes, at, len, way0 + 1)) return cacheText[way0 + 1] as string;
  let s = "";
  let i = at;
  for (; i + 4 <= end; i += 4) {
    const a = bytes[i] as number;
    const b = bytes[i + 1] as number;
    const c = bytes[i + 2] as number;
    const d = bytes[i + 3] as number;
    if ((a | b | c | d) >= 0x80) break;
    s += fromCharCode(a, b, c, d);
  }
  for (; i < end; i++) {
    const a = bytes[i] as number;
    if (a >= 0x80) break;
    s += fromCharCode(a);
  }
  if (i < end) s = decoder.decode(bytes.subarray(at, end));
  // The newest string goes first; the one it displaces moves to the second way.
  const base = way0 * SHORT_TEXT;
  cacheBytes.copyWithin(base + SHORT_TEXT, base, base + SHORT_TEXT);
  cacheLen[way0 + 1] = cacheLen[way0] as number;
  cacheText[way0 + 1] = cacheText[way0] as string;
  for (let k = 0; k < len; k++) cacheBytes[base + k] = bytes[at + k] as number;
  cacheLen[way0] = len;
  cacheText[way0] = s;
  return s;
}

/** The valid UTF-8 `bytes[at, at + len)` as a string. */
export function readText(bytes: Uint8Array, at: number, len: number): string {
  if (len === 0) return "";
  if (len <= SHORT_TEXT) return shortText(bytes, at, len);
  return decoder.decode(new Uint8Array(bytes.buffer, bytes.byteOffset + at, len));
}
