import type { Encoder } from "@msgpack/msgpack";

/**
 * Outputs at least this big (judged by the previous output) are written into a buffer sized for them
 * and returned without the final copy. Below it, the encoder's reused buffer plus a copy is cheaper than
 * the sizing walk.
 */
export const PRESIZE_OUTPUT_BYTES = 64 * 1024;

// The encoder's buffer fields (plain properties in @msgpack/msgpack 3.x; checked at construction).
interface EncoderBuffer {
  view: DataView;
  bytes: Uint8Array;
  encodeSharedRef(value: unknown): Uint8Array;
}

function bufferFields(e: object): EncoderBuffer | undefined {
  const b = e as Partial<EncoderBuffer>;
  return b.view instanceof DataView &&
    b.bytes instanceof Uint8Array &&
    typeof b.encodeSharedRef === "function"
    ? (b as EncoderBuffer)
    : undefined;
}

/**
 * An upper bound of the msgpack size of a schema-valid value: headers at their widest (9 bytes) and
 * strings at 3 bytes per UTF-16 unit. Bounded by the value's size (it visits each node once).
 */
export function sizeBound(value: unknown): number {
  if (value instanceof Uint8Array) return value.length + 5;
  switch (typeof value) {
    case "string":
      return value.length * 3 + 5;
    case "object": {
      if (value === null) return 1;
      let n = 5;
      if (Array.isArray(value)) {
        for (const v of value) n += sizeBound(v);
      } else {
        for (const k in value) n += k.length * 3 + 5 + sizeBound((value as Record<string, unknown>)[k]);
      }
      return n;
    }
    default:
      return 9;
  }
}

/**
 * `encoder.encode` that writes each binary once: @msgpack/msgpack copies binaries into its buffer and
 * then copies the whole output again (`slice`). For big outputs this hands the encoder a fresh buffer of
 * the bound's size, takes the output as a view of it, and gives the encoder its reusable buffer back.
 */
export function singleCopyEncoder(encoder: Encoder): (value: unknown) => Uint8Array {
  const e = bufferFields(encoder);
  if (e === undefined) return (value) => encoder.encode(value);
  let last = 0;
  return (value) => {
    if (last < PRESIZE_OUTPUT_BYTES) {
      const out = encoder.encode(value);
      last = out.length;
      return out;
    }
    const { view, bytes } = e;
    const fresh = new ArrayBuffer(sizeBound(value));
    e.view = new DataView(fresh);
    e.bytes = new Uint8Array(fresh);
    try {
      const out = e.encodeSharedRef(value);
      last = out.length;
      return out;
    } finally {
      e.view = view;
      e.bytes = bytes;
    }
  };
}
