import { W_BOOL, W_UVARINT32, W_VARINT32 } from "./tables.js";

/*
 * Whether a varint's value fits its field. protobufjs (like protobuf's own parsers) keeps the low 32 bits
 * of a varint read into a 32-bit field, the low 64 of any varint, and reads any nonzero varint as a true
 * bool: 2^32 + 5 in a uint32 reads as 5, a tenth byte of 0x7f drops six bits, 2 reads as true. safewire
 * refuses them instead of decoding another value than was sent (Go's protowire refuses the 64-bit case
 * too; Avro's booleans are 0 or 1 by the spec, and safewire's Avro reader holds them to it). Encoders
 * write none of them. Only a bool or a varint of 5 or more bytes can be out of range: the callers come
 * here only for those.
 */

/**
 * Whether the varint buf[start..last] (inclusive, `last` the byte below 0x80) fits a field walked as
 * `walk`: a bool is 0 or 1 (in any number of bytes); any varint fits 64 bits but one whose tenth byte
 * carries more than bit 63; a 32-bit field's, 32 bits (see W_VARINT32 and W_UVARINT32).
 */
export function varintFits(buf: Uint8Array, start: number, last: number, walk: number): boolean {
  const n = last - start + 1;
  if (walk === W_BOOL) {
    let rest = 0;
    for (let i = start + 1; i <= last; i++) rest |= (buf[i] as number) & 0x7f;
    return ((buf[start] as number) & 0x7e) === 0 && rest === 0;
  }
  if (n === 10 && (buf[last] as number) > 1) return false;
  if (n < 5 || (walk !== W_VARINT32 && walk !== W_UVARINT32)) return true;
  // Bits 32..34 sit in the fifth byte above its low four bits (bit 31 is its bit 3); the rest in bytes 6+.
  const b4 = buf[start + 4] as number;
  let rest = 0;
  for (let i = start + 5; i <= last; i++) rest |= (buf[i] as number) & 0x7f;
  if (walk === W_UVARINT32) return (b4 & 0x70) === 0 && rest === 0;
  if ((b4 & 0x78) === 0 && rest === 0) return true; // 0 .. 2^31-1
  // A negative int32: bits 31..63 all ones, which takes exactly ten bytes.
  if (n !== 10 || (b4 & 0x78) !== 0x78 || (buf[last] as number) !== 1) return false;
  for (let i = start + 5; i < last; i++) if (((buf[i] as number) & 0x7f) !== 0x7f) return false;
  return true;
}

/** Why `varintFits` said no, with the value sent (built only for the refusal). */
export function varintProblem(buf: Uint8Array, start: number, last: number, walk: number): string {
  let v = 0n;
  for (let i = last; i >= start; i--) v = (v << 7n) | BigInt((buf[i] as number) & 0x7f);
  if (v >= 2n ** 64n) return `varint ${v} does not fit in 64 bits (a decoder would drop its top bits)`;
  if (walk === W_BOOL) return `varint ${v} where a bool goes: a bool is 0 or 1 (a decoder would read true)`;
  const field = walk === W_VARINT32 ? "int32 or enum" : "uint32 or sint32";
  const shown = walk === W_VARINT32 && v >= 2n ** 63n ? `${v} (${BigInt.asIntN(64, v)})` : `${v}`;
  return `varint ${shown} does not fit a 32-bit field (${field}); a decoder would keep only its low 32 bits`;
}
