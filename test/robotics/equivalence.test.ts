// Cross-format equivalence: for arbitrary valid messages (the exported fast-check arbitraries), the value
// decoded from protobuf, from Avro and from msgpack is the same value, and it is the value encoded.
import { type fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { MESSAGE_NAMES, type MessageName, messageSchemas } from "../../src/robotics/messages.js";
import { roboticsArbitraries } from "../../src/testing/arbitraries.js";
import { codec, FORMATS } from "./support.js";

describe.each([false, true])("allowNonFinite %s", (allowNonFinite) => {
  const arbs = roboticsArbitraries({ allowNonFinite });
  const schemas = messageSchemas({ allowNonFinite });

  describe.each(MESSAGE_NAMES.map((m) => [m] as [MessageName]))("%s", (message) => {
    const codecs = FORMATS.map((f) => codec(message, f, { allowNonFinite }));
    const arb = arbs[message] as fc.Arbitrary<unknown>;

    test.prop([arb], { numRuns: 150 })("every arbitrary value is valid as it is", (value) => {
      expect(schemas[message].parse(value)).toEqual(value);
    });

    test.prop([arb], { numRuns: 150 })("decodes to the same value from all three formats", (value) => {
      const decoded = codecs.map((c) => c.decode(c.encode(value as never)));
      for (const d of decoded) expect(d).toEqual(value);
      // And each decoded value re-encodes to the same bytes in every format (no hidden difference).
      codecs.forEach((c, i) => {
        const first = c.encode(decoded[0] as never);
        expect(Buffer.from(c.encode(decoded[i] as never)).equals(Buffer.from(first))).toBe(true);
      });
    });
  });
});
