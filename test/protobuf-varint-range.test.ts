import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { protobufCodec } from "../src/formats/protobuf/index.js";
import { codec as roboticsCodec } from "../src/robotics/index.js";
import { thrown } from "./helpers/bounded.js";
import { ldelim, tag } from "./helpers/protobuf-wire.js";

/*
 * A varint that does not fit its field is refused, not narrowed. protobufjs (and protobuf's own parsers)
 * keep the low 32 bits of a varint read into an int32, uint32, sint32 or enum field, the low 64 bits of any
 * varint, and read any nonzero bool as true: a uint32 sent as 2^32 + 5 would decode as 5. What every encoder writes still decodes:
 * int32 and enums sign-extended to ten bytes when negative, uint32 in at most five, and overlong (padded)
 * forms of a value that fits.
 */

const PROTO = `
syntax = "proto3";
package safewire.vrange;
enum Mode { MODE_ZERO = 0; MODE_ONE = 1; }
message M {
  int32 i32 = 1;
  uint32 u32 = 2;
  sint32 s32 = 3;
  Mode mode = 4;
  int64 i64 = 5;
  uint64 u64 = 6;
  bool flag = 7;
  repeated int32 packed = 8;
  map<int32, string> by_i32 = 9;
  M inner = 10;
  bytes pad = 11;
  repeated bool flags = 12;
  map<bool, string> by_flag = 13;
}
`;
const M = protobuf.parse(PROTO, { keepCase: true }).root.lookupType("safewire.vrange.M");
const codec = protobufCodec({ type: M, schema: z.record(z.string(), z.unknown()) });

/** `v` (0 .. 2^70) as a varint, `pad` zero bytes longer than its shortest form. */
function varintOf(v: bigint, pad = 0): number[] {
  const out: number[] = [];
  let x = v;
  do {
    out.push(Number(x & 0x7fn));
    x >>= 7n;
  } while (x !== 0n);
  for (let i = 0; i < pad; i++) out.push(0);
  return out.map((b, i) => (i < out.length - 1 ? b | 0x80 : b));
}

/** A signed 64-bit value as the ten-byte varint every encoder writes for a negative int32, enum or int64. */
const signed64 = (v: bigint) => varintOf(BigInt.asUintN(64, v));

/** Field `id` as a varint; with `big`, after 20 KiB of bytes (past the one-pass checked read's 16 KiB). */
function message(id: number, varint: number[], big = false): Uint8Array {
  const pad = big ? ldelim(11, new Uint8Array(20 * 1024)) : [];
  return Uint8Array.from([...pad, ...tag(id, 0), ...varint]);
}

describe("32-bit fields: a varint that fits decodes, one that does not is refused", () => {
  const fits: [string, number, number[], number][] = [
    ["int32 2^31-1", 1, varintOf(2n ** 31n - 1n), 2147483647],
    ["int32 -1 (ten bytes)", 1, signed64(-1n), -1],
    ["int32 -2^31", 1, signed64(-(2n ** 31n)), -2147483648],
    ["int32 0, overlong", 1, varintOf(0n, 4), 0],
    ["int32 7, padded to ten bytes", 1, varintOf(7n, 9), 7],
    ["uint32 2^32-1", 2, varintOf(2n ** 32n - 1n), 4294967295],
    ["uint32 1, padded to ten bytes", 2, varintOf(1n, 9), 1],
    ["sint32 zigzag 2^32-1 (-2^31)", 3, varintOf(2n ** 32n - 1n), -2147483648],
    ["enum -1 (ten bytes)", 4, signed64(-1n), -1],
  ];
  for (const [what, id, v, want] of fits) {
    it(`${what}: decodes`, () => {
      for (const big of [false, true]) {
        const field = M.fieldsById[id]?.name as string;
        expect(codec.decode(message(id, v, big))[field]).toBe(want);
      }
    });
  }

  const refused: [string, number, number[], RegExp][] = [
    ["int32 2^31", 1, varintOf(2n ** 31n), /varint 2147483648 does not fit a 32-bit field \(int32 or enum\)/],
    ["int32 2^32+5", 1, varintOf(2n ** 32n + 5n), /varint 4294967301 does not fit/],
    ["int32 -1 in five bytes", 1, varintOf(2n ** 32n - 1n), /varint 4294967295 does not fit/],
    ["int32 -2^31-1", 1, signed64(-(2n ** 31n) - 1n), /\(-2147483649\) does not fit/],
    [
      "int32 a bit past 64 in the tenth byte",
      1,
      [...signed64(-1n).slice(0, 9), 0x03],
      /does not fit in 64 bits/,
    ],
    [
      "uint32 2^32",
      2,
      varintOf(2n ** 32n),
      /varint 4294967296 does not fit a 32-bit field \(uint32 or sint32\)/,
    ],
    ["uint32 -1 (ten bytes)", 2, signed64(-1n), /varint 18446744073709551615 does not fit/],
    ["sint32 2^32", 3, varintOf(2n ** 32n), /varint 4294967296 does not fit/],
    ["enum 2^31", 4, varintOf(2n ** 31n), /varint 2147483648 does not fit/],
    // Bits past 34 only (the fifth byte clean), and 2^63-1: nine bytes of ones, then 0 rather than 1.
    ["uint32 2^35+1", 2, varintOf(2n ** 35n + 1n), /varint 34359738369 does not fit/],
    ["sint32 2^35+1", 3, varintOf(2n ** 35n + 1n), /varint 34359738369 does not fit/],
    ["int32 2^63-1, ten bytes", 1, varintOf(2n ** 63n - 1n, 1), /varint 9223372036854775807 does not fit/],
    ["enum 2^63-1, ten bytes", 4, varintOf(2n ** 63n - 1n, 1), /varint 9223372036854775807 does not fit/],
  ];
  for (const [what, id, v, message_] of refused) {
    it(`${what}: malformed, at the field, with the offset of the varint`, () => {
      for (const big of [false, true]) {
        const bytes = message(id, v, big);
        const err = thrown(() => codec.decode(bytes));
        expect(err.code).toBe("malformed");
        expect(err.path).toEqual([M.fieldsById[id]?.name]);
        expect(err.message).toMatch(message_);
        expect(err.issues[0]?.offset).toBe(bytes.length - v.length);
        // The codec still decodes afterwards.
        expect(codec.decode(message(2, varintOf(5n), big)).u32).toBe(5);
      }
    });
  }

  it("packed elements, map keys and nested messages: refused with their path", () => {
    const run = [...varintOf(1n), ...varintOf(2n ** 32n), ...varintOf(3n)];
    expect(thrown(() => codec.decode(Uint8Array.from(ldelim(8, run)))).path).toEqual(["packed", 1]);
    const entry = [...tag(1, 0), ...varintOf(2n ** 40n), ...ldelim(2, [0x61])];
    const key = thrown(() => codec.decode(Uint8Array.from(ldelim(9, entry))));
    expect(key.code).toBe("malformed");
    expect(key.path).toEqual(["by_i32"]);
    const nested = thrown(() =>
      codec.decode(Uint8Array.from(ldelim(10, [...tag(2, 0), ...varintOf(2n ** 33n)]))),
    );
    expect(nested.path).toEqual(["inner", "u32"]);
    // A packed run of negative int32s, each ten bytes, decodes.
    const negatives = [...signed64(-1n), ...signed64(-(2n ** 31n)), ...varintOf(9n)];
    expect(codec.decode(Uint8Array.from(ldelim(8, negatives))).packed).toEqual([-1, -2147483648, 9]);
  });
});

describe("64-bit fields: a tenth byte may carry bit 63 only; bools are 0 or 1", () => {
  it("int64 -2^63 and uint64 2^64-1 decode; more bits than 64 are refused", () => {
    expect(codec.decode(message(5, signed64(-(2n ** 63n)))).i64).toBe(-(2n ** 63n));
    expect(codec.decode(message(6, varintOf(2n ** 64n - 1n))).u64).toBe(2n ** 64n - 1n);
    for (const big of [false, true]) {
      const err = thrown(() => codec.decode(message(6, varintOf(2n ** 64n), big)));
      expect(err.code).toBe("malformed");
      expect(err.path).toEqual(["u64"]);
      expect(err.message).toMatch(/varint 18446744073709551616 does not fit in 64 bits/);
    }
  });

  it("a bool is 0 or 1, in any number of bytes; 2, 128 or 2^63 is refused (a decoder would read true)", () => {
    expect(codec.decode(message(7, varintOf(1n))).flag).toBe(true);
    expect(codec.decode(message(7, varintOf(1n, 9))).flag).toBe(true);
    expect(codec.decode(message(7, varintOf(0n, 3))).flag).toBe(false);
    for (const v of [2n, 127n, 128n, 2n ** 63n]) {
      for (const big of [false, true]) {
        const bytes = message(7, varintOf(v), big);
        const err = thrown(() => codec.decode(bytes));
        expect(err.code).toBe("malformed");
        expect(err.path).toEqual(["flag"]);
        expect(err.message).toMatch(new RegExp(`varint ${v} where a bool goes: a bool is 0 or 1`));
        expect(err.issues[0]?.offset).toBe(bytes.length - varintOf(v).length);
      }
    }
    expect(thrown(() => codec.decode(message(7, varintOf(2n ** 64n)))).message).toMatch(
      /does not fit in 64 bits/,
    );
    // Packed bools and map keys too.
    const packed = Uint8Array.from(ldelim(12, [1, 0, 2]));
    expect(thrown(() => codec.decode(packed)).path).toEqual(["flags", 2]);
    const entry = [...tag(1, 0), 5, ...ldelim(2, [0x61])];
    expect(thrown(() => codec.decode(Uint8Array.from(ldelim(13, entry)))).path).toEqual(["by_flag"]);
  });

  it("an unknown field's varint too (it is skipped, but it is not a varint)", () => {
    const bytes = Uint8Array.from([...tag(99, 0), ...varintOf(2n ** 65n)]);
    expect(thrown(() => codec.decode(bytes)).code).toBe("malformed");
    expect(codec.decode(Uint8Array.from([...tag(99, 0), ...varintOf(2n ** 63n)]))).toMatchObject({ i32: 0 });
  });
});

describe("robotics (generated readers)", () => {
  it("an Image whose height is sent as 2^32 + 5 is refused (it decoded as height 5)", () => {
    const image = roboticsCodec("Image", "protobuf");
    const bytes = Uint8Array.from([
      ...tag(1, 0),
      ...varintOf(2n ** 32n + 5n),
      ...tag(2, 0),
      ...varintOf(1n),
      ...ldelim(3, [...new TextEncoder().encode("mono8")]),
      ...tag(4, 0),
      ...varintOf(1n),
      ...ldelim(5, [1, 2, 3, 4, 5]),
    ]);
    const err = thrown(() => image.decode(bytes));
    expect(err.code).toBe("malformed");
    expect(err.path).toEqual(["height"]);
    bytes.set(varintOf(5n, 4), 1); // the same five bytes, now 5 padded
    expect(image.decode(bytes).height).toBe(5);
  });
});
