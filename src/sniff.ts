/** Pickle opcodes that matter for recognising a stream (see CPython's Lib/pickletools.py). */
const PROTO = 0x80;
const FRAME = 0x95;
const STOP = 0x2e;

/**
 * True when the bytes look like a pickle stream of protocol 2 to 5: PROTO n, …, STOP.
 * Checked before any format decode: a pickle must be refused by name, never half-parsed.
 * For protocols 4 and 5 an opening FRAME must declare a length that fits the input, which
 * keeps false positives on other formats' bytes rare.
 */
export function looksLikePickle(bytes: Uint8Array): boolean {
  const n = bytes.length;
  if (n < 3 || bytes[0] !== PROTO || bytes[n - 1] !== STOP) return false;
  const proto = bytes[1] as number;
  if (proto < 2 || proto > 5) return false;
  if (proto >= 4 && bytes[2] === FRAME) {
    if (n < 12) return false;
    // 8-byte little-endian frame length; the frame must end inside the input.
    let len = 0;
    for (let i = 10; i >= 3; i--) len = len * 256 + (bytes[i] as number);
    return len <= n - 11;
  }
  return true;
}
