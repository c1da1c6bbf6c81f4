// A value the schema refuses costs about what a valid one does. zod lists an issue per bad element: an
// array of 65,536 nils took half a second and tens of MB to refuse (a million, 7.7 s and 650 MB), and past
// ~120k issues zod's own push(...issues) threw a RangeError that the codec reported as nesting past the
// stack (maxDepth) on a value two levels deep. Now zod is asked about the first part of the value that
// fails: one issue, in zod's words, at the full path.
import { encode as libEncode } from "@msgpack/msgpack";
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import { parseBounded } from "../../src/issues.js";
import { expectBoundedFailure } from "../helpers/bounded.js";

const WIDE = 1 << 16;
const LIMITS = { maxArrayLength: 1 << 18, maxMapEntries: 1 << 18 };

/** An array32 header and `n` copies of `item`. */
function array32(n: number, item: number): Uint8Array {
  const u = new Uint8Array(5 + n).fill(item);
  u.set([0xdd, n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
  return u;
}

describe("refusing a wide value", () => {
  it("an array of nils where numbers go: one issue at the first, within budget", () => {
    const codec = msgpackCodec({ schema: z.array(z.number()), limits: LIMITS });
    const err = expectBoundedFailure(() => codec.decode(array32(WIDE, 0xc0)), "schema_violation");
    expect(err.path).toEqual([0]);
    expect(err.issues).toHaveLength(1);
    expect(err.message).toBe("msgpack decode: Invalid input: expected number, received null at [0]");
    expect(codec.decode(array32(WIDE, 0x01))).toHaveLength(WIDE); // and the codec works after
  });

  it("an array of 123k nils inside an array is schema_violation at [0][0], not nesting past the stack", () => {
    const codec = msgpackCodec({ schema: z.array(z.array(z.number())), limits: LIMITS });
    const n = 122_944;
    const bytes = new Uint8Array([0x91, ...array32(n, 0xc0)]);
    const err = expectBoundedFailure(() => codec.decode(bytes), "schema_violation");
    expect(err.path).toEqual([0, 0]);
    const encoded = codec.safeEncode([Array(200_000).fill(null)]);
    expect(encoded).toMatchObject({ ok: false, error: { code: "schema_violation", path: [0, 0] } });
  });

  // A quarter as many: decoding 65,536 objects or keys alone takes most of the budget here.
  it("empty maps where objects go, and bad values in a wide record: the first one's issue", () => {
    const objects = msgpackCodec({
      schema: z.array(z.object({ a: z.number(), b: z.number() })),
      limits: LIMITS,
    });
    const err = expectBoundedFailure(() => objects.decode(array32(WIDE / 4, 0x80)), "schema_violation");
    expect(err.path).toEqual([0, "a"]);
    expect(err.issues).toHaveLength(1);
    const record = msgpackCodec({ schema: z.record(z.string(), z.number()), limits: LIMITS });
    const wide = libEncode(Object.fromEntries(Array.from({ length: WIDE / 4 }, (_, i) => [`k${i}`, "x"])));
    const bad = expectBoundedFailure(() => record.decode(wide), "schema_violation");
    expect(bad.path).toEqual(["k0"]);
  });

  it("an array its own check refuses (too long) is one issue at the array, its elements all valid", () => {
    const codec = msgpackCodec({ schema: z.array(z.number()).max(10), limits: LIMITS });
    const err = expectBoundedFailure(() => codec.decode(array32(WIDE, 0x01)), "schema_violation");
    expect(err.path).toEqual([]);
    expect(err.issues).toHaveLength(1);
  });

  it("protobuf too: packed values a refinement refuses", () => {
    const type = protobuf
      .parse('syntax = "proto3"; message P { repeated int32 xs = 1; }', { keepCase: true })
      .root.lookupType("P");
    const codec = protobufCodec({
      type,
      schema: z.object({ xs: z.array(z.number().min(5)) }),
      limits: LIMITS,
    });
    const bytes = type.encode({ xs: Array(WIDE).fill(1) }).finish();
    const err = expectBoundedFailure(() => codec.decode(bytes), "schema_violation");
    expect(err.path).toEqual(["xs", 0]);
    expect(err.issues).toHaveLength(1);
  });
});

describe("parseBounded", () => {
  const Schema = z.object({
    id: z.number().default(7),
    tags: z.record(z.string(), z.string()),
    points: z.array(z.object({ x: z.number(), y: z.number().optional() })),
    name: z.string().nullable(),
  });

  it("gives zod's first issue, in zod's order, with zod's words and path", () => {
    const values = [
      { tags: { a: 1 }, points: [{ x: "no" }], name: 3 },
      { tags: {}, points: [{ x: 1 }, { x: 2, y: "no" }], name: null },
      { tags: {}, points: [], name: 3 },
      { tags: "no", points: "no", name: "n" },
      { tags: {}, points: [{ x: 1, z: 2 }], name: "n" }, // an unknown key zod strips: accepted
      "not an object",
    ];
    for (const v of values) {
      const ours = parseBounded(Schema, v, 64);
      const zods = Schema.safeParse(v);
      expect(ours.success).toBe(zods.success);
      if (ours.success || zods.success) {
        expect(ours).toEqual({ success: true, data: zods.data });
        continue;
      }
      expect(ours.issues.length).toBeGreaterThan(0);
      expect(ours.issues[0]).toEqual(zods.error.issues[0]);
    }
  });

  it("returns zod's output for a value zod accepts after filling a default", () => {
    const v = { tags: {}, points: [{ x: 1 }], name: null };
    expect(parseBounded(Schema, v, 64)).toEqual({ success: true, data: { id: 7, ...v } });
  });
});
