// The float writers of src/float-bytes.ts (protobuf's and Avro's float and double): the bytes of the value
// as the engine stores it, little-endian, bit for bit: -0, NaN payloads, subnormals and rounding kept.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { writeFloat32LE, writeFloat64LE } from "../../src/float-bytes.js";

/** `write` at offset 3 of a buffer marked 0xee: the bytes written, where it ended, what it left. */
function written(write: (buf: Uint8Array, pos: number, v: number) => number, size: number, v: number) {
  const buf = new Uint8Array(size + 6).fill(0xee);
  const end = write(buf, 3, v);
  return {
    bytes: Array.from(buf.subarray(3, 3 + size)),
    end,
    margin: [...buf.subarray(0, 3), ...buf.subarray(3 + size)],
  };
}

/** A double from its bits (hex, big-endian), as a reader gets it: NaN payloads included. */
function fromBits64(hex: string): number {
  return new DataView(Uint8Array.from(Buffer.from(hex, "hex")).buffer).getFloat64(0);
}

const EDGES = [0, -0, 1, -1, Number.MIN_VALUE, -Number.MIN_VALUE, 2 ** -1022, 2 ** -149, 3.4028235e38, 1e39];
const EDGES_64 = [...EDGES, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity, Number.NaN, 0.1];

describe("writeFloat32LE and writeFloat64LE", () => {
  test.prop([fc.oneof(fc.double(), fc.constantFrom(...EDGES_64))], { numRuns: 1000 })(
    "write what Buffer#writeFloatLE and #writeDoubleLE write, within their 4 or 8 bytes",
    (v) => {
      const want32 = Buffer.alloc(4);
      want32.writeFloatLE(v);
      const want64 = Buffer.alloc(8);
      want64.writeDoubleLE(v);
      const got32 = written(writeFloat32LE, 4, v);
      const got64 = written(writeFloat64LE, 8, v);
      expect(got32.bytes).toEqual(Array.from(want32));
      expect(got64.bytes).toEqual(Array.from(want64));
      expect([got32.end, got64.end]).toEqual([7, 11]);
      expect(got32.margin).toEqual(Array(6).fill(0xee));
      expect(got64.margin).toEqual(Array(6).fill(0xee));
    },
  );

  test.prop([
    fc.constantFrom("fff8000000000001", "7ff0000000000001", "7ff4000000000000", "fff0000000abcdef"),
  ])("keep a double NaN's payload and sign, as it was read", (hex) => {
    const v = fromBits64(hex);
    expect(Number.isNaN(v)).toBe(true);
    expect(
      Buffer.from(written(writeFloat64LE, 8, v).bytes)
        .reverse()
        .toString("hex"),
    ).toBe(hex);
  });
});
