import { afterEach, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { createCodec } from "../src/codec.js";
import { protobufDriver } from "../src/formats/protobuf/codec.js";
import { Prescanner } from "../src/formats/protobuf/prescan.js";
import type { Codec, Limits } from "../src/index.js";
import { limitsFor, type MessageName, messageSchemas } from "../src/robotics/index.js";
import { protobufDescriptor, STATIC_CLASSES } from "../src/robotics/protobuf.js";
import { hostile } from "../src/testing/index.js";
import { describeOnePassDecode, SAMPLE_SIZED_LIMITS } from "./helpers/outcome.js";

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

describeOnePassDecode(
  codecs,
  hostile.protobuf.all().map((h) => h.bytes),
  SAMPLE_SIZED_LIMITS,
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
