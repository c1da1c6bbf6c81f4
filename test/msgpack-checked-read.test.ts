// msgpack decodes small inputs in one pass: the reader checks every limit and bound the prescan would
// (readMsgpackChecked), and leaves the bytes to the prescan (which words the error) when they break one.
// These tests hold the codec to that: the same errors as a prescan-first decode, the same values, and big
// inputs still prescanned before anything is allocated.
// (test/msgpack-read.test.ts compares the checked read itself with the prescan under tight limits.)
import { fc } from "@fast-check/vitest";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createCodec, type WireDriver } from "../src/codec.js";
import { msgpackDriver } from "../src/formats/msgpack/codec.js";
import { type Codec, type Limits, resolveLimits } from "../src/index.js";
import { messageSchemas } from "../src/robotics/index.js";
import { hostile } from "../src/testing/index.js";
import { describeOnePassDecode } from "./helpers/outcome.js";

/** A codec on msgpack's driver, and the same without the checked read (prescan first, as before it). */
function codecs<T>(schema: z.ZodType<T>, limits: Readonly<Limits>, prescan?: WireDriver["prescan"]) {
  const make = (checked: boolean) => {
    const driver = msgpackDriver(limits);
    const d: WireDriver = {
      ...driver,
      prescan: prescan ?? driver.prescan,
      readChecked: checked ? driver.readChecked : undefined,
    };
    return createCodec({ driver: d, schema, limits, name: "test" }) as Codec<T>;
  };
  return [make(true), make(false)] as const;
}

/**
 * Limits around the sizes of the sampled messages: some decode, some break a limit. (In msgpack a record
 * is a map of its field names, so they count against maxMapEntries and maxStringBytes too.)
 */
const someLimits = fc.record({
  maxDepth: fc.integer({ min: 1, max: 8 }),
  maxStringBytes: fc.integer({ min: 1, max: 64 }),
  maxBinaryBytes: fc.integer({ min: 1, max: 256 }),
  maxArrayLength: fc.integer({ min: 1, max: 16 }),
  maxMapEntries: fc.integer({ min: 1, max: 16 }),
});

// Most mutated msgpack inputs break the schema: about 50 decodes under other limits is usual here.
describeOnePassDecode(
  (message, limits) =>
    codecs(messageSchemas({ allowNonFinite: true })[message] as z.ZodType<unknown>, limits),
  hostile.msgpack.all().map((h) => h.bytes),
  someLimits,
  20,
);

describe("which inputs take the one pass", () => {
  const limits = resolveLimits({});
  const schema = z.object({ data: z.instanceof(Uint8Array) });
  const prescan = vi.fn(msgpackDriver(limits).prescan);
  const [codec] = codecs(schema, limits, prescan);
  const encoded = (n: number) => codec.encode({ data: new Uint8Array(n).fill(7) });

  it("small inputs are not prescanned; over 16 KiB they are, before the reader allocates", () => {
    const small = encoded(100);
    const big = encoded(20_000);
    prescan.mockClear(); // the encodes may scan their output
    expect(codec.decode(small).data).toEqual(new Uint8Array(100).fill(7));
    expect(prescan).not.toHaveBeenCalled();
    expect(codec.decode(big).data).toEqual(new Uint8Array(20_000).fill(7));
    expect(prescan).toHaveBeenCalledTimes(1);
  });

  it("a small input that breaks a limit is refused by the prescan's words", () => {
    const [tight] = codecs(schema, resolveLimits({ maxBinaryBytes: 50 }), prescan);
    const bytes = encoded(100);
    prescan.mockClear();
    const r = tight.safeDecode(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.error.path, r.error.offset]).toEqual(["limit_exceeded", ["data"], 6]);
    expect(prescan).toHaveBeenCalledTimes(1);
  });
});
