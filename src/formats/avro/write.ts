import type { Type } from "avsc";
import { toAvsc } from "./normalise.js";
import type { Node } from "./tree.js";

// One scratch buffer for every encode (encoding is synchronous: nothing else runs in between), instead of
// avsc's toBuffer: reading `.buffer` of the small Buffer it returns, to make a plain Uint8Array view,
// makes V8 move the bytes off the heap, which cost more than the whole encode.
const SCRATCH_SIZE = 64 * 1024;
const SCRATCH = new ArrayBuffer(SCRATCH_SIZE);
const SCRATCH_BUF = Buffer.from(SCRATCH);
const SCRATCH_BYTES = new Uint8Array(SCRATCH);

/** A compiled encoder: schema-valid plain value in, Avro binary out, as a plain Uint8Array. */
export type Encoder = (value: unknown) => Uint8Array;

export function compileEncoder(type: Type, root: Node): Encoder {
  return (value) => {
    const v = toAvsc(root, value);
    const end = type.encode(v, SCRATCH_BUF, 0);
    // A copy that owns exactly its bytes (not a slice of a shared pool, as Buffer.allocUnsafe would be).
    if (end >= 0) return SCRATCH_BYTES.slice(0, end);
    // Too big for the scratch. avsc's writer skips every write past the end of its buffer but keeps
    // counting (so the pass above copied at most the scratch's worth of bytes), and says how many were
    // missing: the second pass writes into memory of exactly the right size, once. That memory is not
    // zero-filled first (Buffer.allocUnsafeSlow, not pooled): avsc writes every byte of it, contiguously,
    // which the returned length checks.
    const size = SCRATCH_SIZE - end;
    const big = Buffer.allocUnsafeSlow(size);
    const written = type.encode(v, big, 0);
    if (written !== size) throw new Error(`avro encode wrote ${written} bytes, expected ${size}`);
    return new Uint8Array(big.buffer, big.byteOffset, size);
  };
}
