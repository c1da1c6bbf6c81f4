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
    // Too big for the scratch: avsc says how many bytes were missing, so the second pass fits exactly.
    const size = SCRATCH_SIZE - end;
    const big = new ArrayBuffer(size);
    type.encode(v, Buffer.from(big), 0);
    return new Uint8Array(big);
  };
}
