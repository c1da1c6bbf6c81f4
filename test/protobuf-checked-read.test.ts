// protobuf decodes small inputs in one pass: the table reader checks every limit and bound the prescan
// would (readChecked), and leaves the bytes to the prescan (which words the error) when it cannot vouch
// for them. These tests hold the codec to that: the same errors as a prescan-first decode, byte for byte
// the same values, and big inputs still prescanned before anything is allocated.
// (test/protobuf-read.test.ts compares the checked read itself with the prescan under tight limits.)
import { fc } from "@fast-check/vitest";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { createCodec } from "../src/codec.js";
import { protobufDriver } from "../src/formats/protobuf/codec.js";
import { Prescanner } from "../src/formats/protobuf/prescan.js";
import type { Codec, Limits } from "../src/index.js";
import { limitsFor, type MessageName, messageSchemas } from "../src/robotics/index.js";
import { protobufDescriptor, STATIC_CLASSES } from "../src/robotics/protobuf.js";
import { hostile } from "../src/testing/index.js";
import { describeOnePassDecode } from "./helpers/outcome.js";

/** The robotics codec, and the same codec without the checked read (prescan first, as before it). */
function codecs(message: MessageName, limits: Readonly<Limits>): [Codec<unknown>, Codec<unknown>] {
  const schema = messageSchemas({ allowNonFinite: true })[message] as z.ZodType<unknown>;
  const make = (checked: boolean) => {
    const { driver } = protobufDriver({
      type: STATIC_CLASSES[message],
      descriptor: protobufDescriptor(message),
      schema,
      limits,
    });
    const d = checked ? driver : { ...driver, readChecked: undefined };
    return createCodec({ driver: d, schema, limits, name: message }) as Codec<unknown>;
  };
  return [make(true), make(false)];
}

/** Limits around the sizes of the sampled messages: some decode, some break a limit. */
const someLimits = fc.record({
  maxDepth: fc.integer({ min: 1, max: 6 }),
  maxStringBytes: fc.integer({ min: 1, max: 24 }),
  maxBinaryBytes: fc.integer({ min: 1, max: 96 }),
  maxArrayLength: fc.integer({ min: 1, max: 8 }),
  maxMapEntries: fc.integer({ min: 1, max: 3 }),
});

describeOnePassDecode(
  codecs,
  hostile.protobuf.all().map((h) => h.bytes),
  someLimits,
  50,
);

describe("which inputs take the one pass", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const limits = limitsFor("Tensor");
  const [codec] = codecs("Tensor", limits);
  const tensor = (n: number) => ({ dtype: "uint8" as const, shape: [n], data: new Uint8Array(n).fill(7) });

  it("small inputs are not prescanned; over 16 KiB they are, before the reader allocates", () => {
    const scan = vi.spyOn(Prescanner.prototype, "scan");
    const small = codec.encode(tensor(100));
    const big = codec.encode(tensor(20_000));
    scan.mockClear(); // the encodes may scan their output
    expect(codec.decode(small)).toEqual(tensor(100));
    expect(scan).not.toHaveBeenCalled();
    expect(codec.decode(big)).toEqual(tensor(20_000));
    expect(scan).toHaveBeenCalledTimes(1);
  });
});
