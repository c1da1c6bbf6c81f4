// Golden vectors written by the official Python implementations (scripts/gen-vectors.py): every vector
// decodes to its expected value, and encoding that value gives the same bytes where the format is
// deterministic (protobuf, Avro). msgpack-python writes integers in their smallest form and safewire
// writes 64-bit fields as int64 (and integral doubles as integers), so msgpack bytes may differ: the
// live test (interop-live.test.ts) has Python decode safewire's encoding of every vector instead.
import { describe, expect, test } from "vitest";
import { MESSAGE_NAMES, type MessageName } from "../../src/robotics/messages.js";
import { loadVectors } from "../helpers/vectors.js";
import { codec, FORMATS } from "./support.js";

describe.each(FORMATS)("%s golden vectors", (format) => {
  const vectors = loadVectors(format);

  test("cover every message, with empty maps, int64 extremes, max rank, NaN and -0, non-ASCII text", () => {
    const messages = new Set(vectors.map((v) => v.message));
    expect([...messages].sort()).toEqual([...MESSAGE_NAMES].sort());
    const names = vectors.map((v) => `${v.message}/${v.name}`);
    for (const expected of [
      "Observation/minimal",
      "Observation/int64_extremes",
      "Observation/max_rank_extras",
      "Observation/non_ascii_task",
      "Observation/nonfinite",
      "Tensor/max_rank",
      "Tensor/negative_zero",
      "ActionChunk/int64_extremes",
      "Transition/negative_zero_reward",
      "InteractionStats/nonfinite",
      "Parameters/empty",
    ]) {
      expect(names).toContain(expected);
    }
  });

  test.each(vectors.map((v) => [`${v.message}/${v.name}`, v] as const))("%s", (_, v) => {
    const c = codec(v.message as MessageName, format, { allowNonFinite: v.nonFinite });
    const decoded = c.decode(v.bytes);
    expect(decoded).toEqual(v.value);
    const again = c.encode(decoded as never);
    const fromExpected = c.encode(v.value as never);
    expect(fromExpected).toEqual(again);
    if (format === "msgpack") {
      expect(c.decode(again)).toEqual(v.value);
    } else {
      expect(Buffer.from(again).toString("hex")).toBe(Buffer.from(v.bytes).toString("hex"));
    }
    if (v.nonFinite) {
      // The default codec refuses them.
      expect(codec(v.message as MessageName, format).safeDecode(v.bytes)).toMatchObject({
        ok: false,
        error: { code: "schema_violation" },
      });
    }
  });
});
