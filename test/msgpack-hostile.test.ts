import { isDeepStrictEqual } from "node:util";
import { decode as libraryDecode } from "@msgpack/msgpack";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { msgpackCodec } from "../src/formats/msgpack/index.js";
import { bytes, float64 } from "../src/index.js";
import { expectBoundedFailure, hex, PICKLE_OS_SYSTEM } from "./helpers/bounded.js";

// A schema that accepts any msgpack value, so only the prescan and the library stand between bytes and value.
const anyCodec = msgpackCodec({ schema: z.unknown() });
const Msg = z.object({ name: z.string(), data: bytes(), xs: z.array(float64()) });
const msg = msgpackCodec({ schema: Msg });
const valid = msg.encode({ name: "ok", data: new Uint8Array([1, 2, 3]), xs: [1.5] });

function stillWorks(): void {
  expect(msg.decode(valid).name).toBe("ok");
  expect(anyCodec.decode(hex("92 01 a1 61"))).toEqual([1, "a"]);
}

describe("msgpack hostile inputs", () => {
  it("dd ff ff ff ff (array of 2^32-1) is refused, not a RangeError", () => {
    expectBoundedFailure(() => anyCodec.decode(hex("dd ff ff ff ff")), "limit_exceeded", "maxArrayLength");
    stillWorks();
  });

  it("an array header under the limit but past the bytes left is malformed", () => {
    expectBoundedFailure(() => anyCodec.decode(hex("dc 01 00 c0")), "malformed");
    stillWorks();
  });

  it("200,000 x 0x91 then c0 (depth bomb) stops at maxDepth", () => {
    const bomb = new Uint8Array(200_001).fill(0x91);
    bomb[200_000] = 0xc0;
    const err = expectBoundedFailure(() => anyCodec.decode(bomb), "limit_exceeded", "maxDepth");
    expect(err.path.length).toBe(64);
    stillWorks();
  });

  it("a2 c3 28 (invalid UTF-8) is malformed, never U+FFFD", () => {
    expectBoundedFailure(() => anyCodec.decode(hex("a2 c3 28")), "malformed");
    stillWorks();
  });

  it("invalid UTF-8 in a map key is malformed", () => {
    expectBoundedFailure(() => anyCodec.decode(hex("81 a2 c3 28 01")), "malformed");
  });

  it("a __proto__ map key is refused as schema_violation", () => {
    const err = expectBoundedFailure(
      () => anyCodec.decode(hex("81 a9 5f5f70726f746f5f5f 01")),
      "schema_violation",
    );
    expect(err.path).toEqual(["__proto__"]);
    stillWorks();
  });

  it("constructor and prototype keys are refused too", () => {
    for (const key of ["constructor", "prototype"]) {
      const k = new TextEncoder().encode(key);
      const wire = new Uint8Array([0x81, 0xa0 | k.length, ...k, 0x01]);
      expectBoundedFailure(() => anyCodec.decode(wire), "schema_violation");
    }
  });

  it("trailing bytes after a complete value are malformed", () => {
    const err = expectBoundedFailure(() => anyCodec.decode(hex("01 02")), "malformed");
    expect(err.offset).toBe(1);
    const withTail = new Uint8Array([...valid, 0xc0]);
    expectBoundedFailure(() => msg.decode(withTail), "malformed");
    stillWorks();
  });

  it("a pickle protocol-4 payload (os.system gadget) is unsafe_payload", () => {
    expectBoundedFailure(() => msg.decode(PICKLE_OS_SYSTEM), "unsafe_payload");
    expectBoundedFailure(() => anyCodec.decode(PICKLE_OS_SYSTEM), "unsafe_payload");
    stillWorks();
  });

  it("every truncation of a valid message is malformed", () => {
    for (let n = 0; n < valid.length; n++) {
      const err = expectBoundedFailure(() => msg.decode(valid.subarray(0, n)), "malformed");
      expect(err.offset).toBeDefined();
    }
    stillWorks();
  });

  it("a string length far past the input is refused before allocation", () => {
    expectBoundedFailure(() => anyCodec.decode(hex("db 00 10 00 01 61")), "limit_exceeded", "maxStringBytes");
    expectBoundedFailure(() => anyCodec.decode(hex("db 00 00 ff ff 61")), "malformed");
    stillWorks();
  });

  it("a binary length far past the input is refused before allocation", () => {
    expectBoundedFailure(() => anyCodec.decode(hex("c6 7f ff ff ff 00")), "limit_exceeded", "maxBinaryBytes");
    expectBoundedFailure(() => anyCodec.decode(hex("c6 00 00 ff ff 00")), "malformed");
  });

  it("the reserved byte 0xc1 is malformed", () => {
    expectBoundedFailure(() => anyCodec.decode(hex("91 c1")), "malformed");
  });

  it("extension types are refused: no safewire value has one", () => {
    expectBoundedFailure(() => anyCodec.decode(hex("d6 ff 00 00 00 00")), "schema_violation");
    expectBoundedFailure(() => anyCodec.decode(hex("c9 ff ff ff ff 07")), "schema_violation");
    stillWorks();
  });

  it("a map header past the bytes left is malformed", () => {
    expectBoundedFailure(() => anyCodec.decode(hex("df 00 00 ff ff a1 61")), "malformed");
  });

  it("a container header cut short is malformed, as a value and where a map key goes", () => {
    for (const [head, width] of [
      [0xdc, 2],
      [0xdd, 4],
      [0xde, 2],
      [0xdf, 4],
    ] as const)
      for (let n = 0; n < width; n++) {
        const cut = new Array<number>(n).fill(0);
        for (const wire of [
          [0x92, 0x01, head, ...cut],
          [0x81, head, ...cut],
        ])
          expectBoundedFailure(() => anyCodec.decode(Uint8Array.from(wire)), "malformed");
      }
    stillWorks();
  });

  it("empty input is malformed", () => {
    expectBoundedFailure(() => anyCodec.decode(new Uint8Array(0)), "malformed");
  });

  it("a message of one-element arrays holds what @msgpack/msgpack's value holds, not 3x", () => {
    // 1 MiB of chains of 62 one-element arrays (0x91: one byte each). An array grown by push from []
    // takes 17 slots at its first element: the value held 181 bytes per input byte (760 MB for 4 MiB,
    // under the default limits), where the library's, built at each array's size, holds 55.
    const chain = [...new Array<number>(62).fill(0x91), 0xc0];
    const n = Math.floor((1 << 20) / chain.length);
    const input = Uint8Array.from([0xdc, n >> 8, n & 0xff, ...new Array<number[]>(n).fill(chain).flat()]);
    const gc = (globalThis as { gc?: () => void }).gc as () => void;
    const held = (decode: () => unknown): number => {
      gc();
      gc();
      const before = process.memoryUsage().heapUsed;
      const value = decode();
      gc();
      gc();
      const grown = process.memoryUsage().heapUsed - before;
      expect((value as unknown[]).length).toBe(n); // alive until measured
      return grown;
    };
    const ours = held(() => anyCodec.decode(input));
    const theirs = held(() => libraryDecode(input));
    expect(ours, `${ours} bytes held, the library's value ${theirs}`).toBeLessThan(1.25 * theirs);
    expect(isDeepStrictEqual(anyCodec.decode(input), libraryDecode(input))).toBe(true);
    stillWorks();
  });
});
