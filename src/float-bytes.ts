/*
 * A float32 or float64 written as its little-endian bytes (the order protobuf and Avro put them on the
 * wire), through one shared word as Node's Buffer#writeFloatLE does: the same rounding, and NaN payloads
 * kept. Unrolled, with one branch on the host's byte order: a loop with that branch inside cost ~20 ns
 * a value. Shared by the protobuf and Avro writers (msgpack writes big-endian).
 */

const F32 = new Float32Array(1);
const F64 = new Float64Array(1);
const F32_BYTES = new Uint8Array(F32.buffer);
const F64_BYTES = new Uint8Array(F64.buffer);
const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Writes `v` as a little-endian float32 at `buf[pos]` (the caller made room); returns pos + 4. */
export function writeFloat32LE(buf: Uint8Array, pos: number, v: number): number {
  F32[0] = v;
  const b = F32_BYTES;
  if (LE) {
    buf[pos] = b[0] as number;
    buf[pos + 1] = b[1] as number;
    buf[pos + 2] = b[2] as number;
    buf[pos + 3] = b[3] as number;
  } else for (let i = 0; i < 4; i++) buf[pos + i] = b[3 - i] as number;
  return pos + 4;
}

/** Writes `v` as a little-endian float64 at `buf[pos]` (the caller made room); returns pos + 8. */
export function writeFloat64LE(buf: Uint8Array, pos: number, v: number): number {
  F64[0] = v;
  const b = F64_BYTES;
  if (LE) {
    buf[pos] = b[0] as number;
    buf[pos + 1] = b[1] as number;
    buf[pos + 2] = b[2] as number;
    buf[pos + 3] = b[3] as number;
    buf[pos + 4] = b[4] as number;
    buf[pos + 5] = b[5] as number;
    buf[pos + 6] = b[6] as number;
    buf[pos + 7] = b[7] as number;
  } else for (let i = 0; i < 8; i++) buf[pos + i] = b[7 - i] as number;
  return pos + 8;
}
