// msgpack decodes small inputs in one pass: the reader checks every limit and bound the prescan would
// (readMsgpackChecked), and leaves the bytes to the prescan (which words the error) when they break one.
// These tests hold the codec to that: the same errors as a prescan-first decode, the same values, and big
// inputs still prescanned before anything is allocated.
// (test/msgpack-read.test.ts compares the checked read itself with the prescan under tight limits.)
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createCodec, type WireDriver } from "../src/codec.js";
import { msgpackDriver } from "../src/formats/msgpack/codec.js";
import { type Codec, type Limits, resolveLimits } from "../src/index.js";
import { limitsFor, MESSAGE_NAMES, type MessageName, messageSchemas } from "../src/robotics/index.js";
import { arbitraries, hostile, mutated } from "../src/testing/index.js";
import { sameOutcome } from "./helpers/outcome.js";

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

/** Over every message: how the decodes under other limits ended (both must have happened, often). */
const seen = { decoded: 0, limit: 0 };

describe.each(MESSAGE_NAMES.map((m) => [m] as [MessageName]))("%s", (message) => {
  const schema = messageSchemas({ allowNonFinite: true })[message] as z.ZodType<unknown>;
  const arb = arbitraries.all({ allowNonFinite: true, maxKeys: 3, maxElements: 8 })[
    message
  ] as fc.Arbitrary<unknown>;
  const [checked, prescanFirst] = codecs(schema, limitsFor(message));
  const samples = fc
    .sample(arb, { numRuns: 10, seed: 3 })
    .map((v) => prescanFirst.safeEncode(v))
    .flatMap((r) => (r.ok ? [r.value] : []));
  const attacks = hostile.msgpack.all().map((h) => h.bytes);
  const inputs = fc.oneof(
    mutated(samples, 3),
    fc.constantFrom(...samples, ...attacks),
    fc.uint8Array({ maxLength: 48 }),
  );

  test.prop([inputs], { numRuns: 200 })(
    "its limits: the same value or error as a prescan-first decode",
    (bytes) => {
      sameOutcome(checked.safeDecode(bytes), prescanFirst.safeDecode(bytes));
    },
  );

  test.prop([inputs, someLimits], { numRuns: 200 })("other limits: the same again", (bytes, some) => {
    const [a, b] = codecs(schema, { ...limitsFor(message), ...some });
    const r = a.safeDecode(bytes);
    sameOutcome(r, b.safeDecode(bytes));
    if (r.ok) seen.decoded++;
    else if (r.error.code === "limit_exceeded") seen.limit++;
  });
});

it("other limits: some decodes succeeded, some broke a limit", () => {
  // Most mutated msgpack inputs break the schema; about 50 decodes is usual here.
  expect(seen.decoded).toBeGreaterThan(20);
  expect(seen.limit).toBeGreaterThan(50);
});

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
