// The fuzz oracle: what counts as a finding.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { framed, frames } from "../../fuzz/targets/chunks.js";
import {
  decodeAndRoundTrip,
  firstDifference,
  RoundTripError,
  WrappedError,
} from "../../fuzz/targets/harness.js";
import { type Codec, createCodec, type WireDriver } from "../../src/codec.js";
import { IssueSignal, malformedIssue } from "../../src/errors.js";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { resolveLimits } from "../../src/limits.js";

function fake(
  read: (b: Uint8Array) => unknown,
  write: (v: unknown) => Uint8Array = () => new Uint8Array([1]),
): Codec<unknown> {
  const driver: WireDriver = { format: "msgpack", prescan: () => {}, read, write };
  return createCodec({ driver, schema: z.unknown(), limits: resolveLimits({}), name: "fake" });
}

describe("decodeAndRoundTrip", () => {
  const codec = msgpackCodec({ schema: z.unknown() });

  it("returns the value of a valid input, and undefined for a refusal", () => {
    expect(decodeAndRoundTrip(codec, Uint8Array.of(0x92, 0x01, 0xa1, 0x61))).toEqual([1, "a"]);
    expect(decodeAndRoundTrip(codec, Uint8Array.of(0xc1))).toBeUndefined();
  });

  it("lets a non-SafewireError escape: a finding", () => {
    const broken = {
      ...codec,
      decode: () => {
        throw new TypeError("boom");
      },
    } as Codec<unknown>;
    expect(() => decodeAndRoundTrip(broken, Uint8Array.of(1))).toThrow(TypeError);
  });

  it("throws WrappedError for a SafewireError that wraps a library error", () => {
    const wrapping = fake(() => {
      throw new RangeError("offset is out of bounds");
    });
    expect(() => decodeAndRoundTrip(wrapping, Uint8Array.of(1))).toThrow(WrappedError);
    expect(() => decodeAndRoundTrip(wrapping, Uint8Array.of(1))).toThrow(
      /RangeError: offset is out of bounds/,
    );
  });

  it("throws RoundTripError when decode(encode(x)) is not x", () => {
    let n = 0;
    const drifting = fake(() => n++);
    expect(() => decodeAndRoundTrip(drifting, Uint8Array.of(1))).toThrow(RoundTripError);
    const unencodable = fake(
      () => 1,
      () => {
        throw new IssueSignal(malformedIssue("no", []));
      },
    );
    expect(() => decodeAndRoundTrip(unencodable, Uint8Array.of(1))).toThrow(/does not encode/);
  });

  it("tells -0 from 0, bigint from number and Buffer from Uint8Array", () => {
    expect(firstDifference({ a: -0 }, { a: 0 })).toMatch(/\$\.a/);
    expect(firstDifference([1n], [1])).toBeDefined();
    expect(firstDifference(new Uint8Array([1]), Buffer.from([1]))).toMatch(/prototypes/);
    expect(firstDifference({ a: [Number.NaN] }, { a: [Number.NaN] })).toBeUndefined();
  });
});

describe("chunk framing", () => {
  it("splits what it joins", () => {
    const parts = [Uint8Array.of(1, 2), new Uint8Array(200).fill(7), new Uint8Array(0)];
    expect(frames(framed(parts))).toEqual(parts.slice(0, 2).concat(parts.slice(2)));
  });
});
