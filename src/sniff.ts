import { type ArgKind, OPCODE_BY_BYTE } from "./pickle/opcodes.js";

/** Pickle opcodes that matter for recognising a stream (see CPython's Lib/pickletools.py). */
const PROTO = 0x80;
const FRAME = 0x95;
const STOP = 0x2e;
const NEWLINE = 0x0a;

/**
 * True when the bytes look like a pickle stream of protocol 2 to 5: PROTO n, …, STOP.
 * Checked before any format decode: a pickle must be refused by name, never half-parsed.
 * For protocols 4 and 5 an opening FRAME must declare a length that fits the input. And the bytes must
 * read as pickle opcodes, their arguments whole, from PROTO through something to a STOP, as
 * `pickle.loads` reads them: other formats' messages can start with 80 02 and end with a '.' (an Avro
 * Image 256 rows high whose last pixel byte is 46), and they would otherwise be refused.
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
    if (len > n - 11) return false;
  }
  return readsToStop(bytes);
}

/**
 * Whether the opcodes, each with its argument, run from the start to a STOP with some opcode other than
 * PROTO and FRAME before it (a bare PROTO, STOP has nothing to load). Linear in the input: every step
 * moves on, and lengths are checked against what remains before they are skipped.
 */
function readsToStop(b: Uint8Array): boolean {
  const n = b.length;
  let at = 0;
  let loads = false;
  while (at < n) {
    const code = b[at] as number;
    const op = OPCODE_BY_BYTE[code];
    if (op === undefined) return false;
    if (code === STOP) return loads;
    if (code !== PROTO && code !== FRAME) loads = true;
    const next = skipArg(b, at + 1, op.arg);
    if (next < 0) return false;
    at = next;
  }
  return false;
}

/** Where the argument of kind `kind` starting at `at` ends, or -1 when it does not fit the bytes. */
function skipArg(b: Uint8Array, at: number, kind: ArgKind): number {
  switch (kind) {
    case "none":
      return at;
    case "uint1":
      return within(b, at + 1);
    case "uint2":
      return within(b, at + 2);
    case "int4":
    case "uint4":
      return within(b, at + 4);
    case "uint8":
    case "float8":
      return within(b, at + 8);
    case "long1":
    case "string1":
    case "bytes1":
    case "unicodestring1":
      return at < b.length ? within(b, at + 1 + (b[at] as number)) : -1;
    case "long4":
    case "string4":
    case "bytes4":
    case "unicodestring4":
      return at + 4 <= b.length ? within(b, at + 4 + littleEndian(b, at, 4)) : -1;
    case "bytes8":
    case "bytearray8":
    case "unicodestring8":
      return at + 8 <= b.length ? within(b, at + 8 + littleEndian(b, at, 8)) : -1;
    case "stringnl_noescape_pair": {
      const first = b.indexOf(NEWLINE, at);
      return first < 0 ? -1 : afterLine(b, first + 1);
    }
    default:
      // The text arguments (decimalnl_*, floatnl, stringnl*, unicodestringnl): up to a newline.
      return afterLine(b, at);
  }
}

function afterLine(b: Uint8Array, at: number): number {
  const end = b.indexOf(NEWLINE, at);
  return end < 0 ? -1 : end + 1;
}

function within(b: Uint8Array, end: number): number {
  return end <= b.length ? end : -1;
}

/** An unsigned little-endian integer of `size` bytes, as a double (exact below 2^53; larger ones never fit). */
function littleEndian(b: Uint8Array, at: number, size: number): number {
  let v = 0;
  for (let i = at + size - 1; i >= at; i--) v = v * 256 + (b[i] as number);
  return v;
}
