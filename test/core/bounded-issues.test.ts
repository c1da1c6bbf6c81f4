// A value the schema refuses costs about what a valid one does. zod lists an issue per bad element: an
// array of 65,536 nils took half a second and tens of MB to refuse (a million, 7.7 s and 650 MB), and past
// ~120k issues zod's own push(...issues) threw a RangeError that the codec reported as nesting past the
// stack (maxDepth) on a value two levels deep. Now zod is asked about the first part of the value that
// fails: one issue, in zod's words, at the full path.
import { encode as libEncode } from "@msgpack/msgpack";
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_LISTED_ISSUES } from "../../src/codec.js";
import { declareIdentityWhen } from "../../src/fastcheck.js";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import { MAX_WALK_LEVELS, parseBounded } from "../../src/issues.js";
import { expectRefusedLikeDecode } from "../helpers/bounded.js";

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
    const [nils, ones] = [array32(WIDE, 0xc0), array32(WIDE, 0x01)];
    const err = expectRefusedLikeDecode(
      () => codec.decode(nils),
      () => codec.decode(ones),
    );
    expect(err.path).toEqual([0]);
    expect(err.issues).toHaveLength(1);
    expect(err.message).toBe("msgpack decode: Invalid input: expected number, received null at [0]");
    expect(codec.decode(array32(WIDE, 0x01))).toHaveLength(WIDE); // and the codec works after
  });

  it("an array of 123k nils inside an array is schema_violation at [0][0], not nesting past the stack", () => {
    const codec = msgpackCodec({ schema: z.array(z.array(z.number())), limits: LIMITS });
    const n = 122_944;
    const bytes = new Uint8Array([0x91, ...array32(n, 0xc0)]);
    const good = new Uint8Array([0x91, ...array32(n, 0x01)]);
    const err = expectRefusedLikeDecode(
      () => codec.decode(bytes),
      () => codec.decode(good),
    );
    expect(err.path).toEqual([0, 0]);
    const encoded = codec.safeEncode([Array(200_000).fill(null)]);
    expect(encoded).toMatchObject({ ok: false, error: { code: "schema_violation", path: [0, 0] } });
  });

  // A quarter as many: decoding 65,536 objects or keys alone takes most of the budget.
  it("empty maps where objects go, and bad values in a wide record: the first one's issue", () => {
    const objects = msgpackCodec({
      schema: z.array(z.object({ a: z.number(), b: z.number() })),
      limits: LIMITS,
    });
    const valid = libEncode(Array.from({ length: WIDE / 4 }, () => ({ a: 1, b: 2 })));
    const empties = array32(WIDE / 4, 0x80);
    const err = expectRefusedLikeDecode(
      () => objects.decode(empties),
      () => objects.decode(valid),
    );
    expect(err.path).toEqual([0, "a"]);
    expect(err.issues).toHaveLength(1);
    const record = msgpackCodec({ schema: z.record(z.string(), z.number()), limits: LIMITS });
    const wide = (value: unknown) =>
      libEncode(Object.fromEntries(Array.from({ length: WIDE / 4 }, (_, i) => [`k${i}`, value])));
    const [badRecord, goodRecord] = [wide("x"), wide(1)];
    const bad = expectRefusedLikeDecode(
      () => record.decode(badRecord),
      () => record.decode(goodRecord),
    );
    expect(bad.path).toEqual(["k0"]);
  });

  it("an array its own check refuses (too long) is one issue at the array, its elements all valid", () => {
    const codec = msgpackCodec({ schema: z.array(z.number()).max(10), limits: LIMITS });
    const unchecked = msgpackCodec({ schema: z.array(z.number()), limits: LIMITS });
    const bytes = array32(WIDE, 0x01);
    expect(unchecked.decode(bytes)).toHaveLength(WIDE);
    const err = expectRefusedLikeDecode(
      () => codec.decode(bytes),
      () => unchecked.decode(bytes),
    );
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
    const valid = type.encode({ xs: Array(WIDE).fill(5) }).finish();
    const err = expectRefusedLikeDecode(
      () => codec.decode(bytes),
      () => codec.decode(valid),
    );
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

  it(`walks at most ${MAX_WALK_LEVELS} levels whatever maxLevel is; below, zod parses the part, with the full path`, () => {
    interface Node {
      next?: Node;
      v: number[];
    }
    const Chain: z.ZodType<Node> = z.object({
      get next() {
        return Chain.optional();
      },
      v: z.array(z.number()),
    });
    // Two bad elements at the bottom: the walk finds the first alone; zod, parsing that part, lists both.
    const chain = (levels: number): Node => {
      let n: Node = { v: [1, Number.NaN, Number.NaN] };
      for (let i = 1; i < levels; i++) n = { next: n, v: [] };
      return n;
    };
    const pathTo = (levels: number) => [...Array.from({ length: levels - 1 }, () => "next"), "v", 1];
    const shallow = parseBounded(Chain, chain(100), 1_000_000);
    expect(shallow).toMatchObject({ success: false, issues: [{ path: pathTo(100) }] });
    if (!shallow.success) expect(shallow.issues).toHaveLength(1);
    const levels = MAX_WALK_LEVELS + 20; // each level is two containers (the object and its array)
    const deep = parseBounded(Chain, chain(levels), 1_000_000);
    expect(deep.success).toBe(false);
    if (deep.success) return;
    expect(deep.issues).toHaveLength(2);
    expect(deep.issues[0]?.path).toEqual(pathTo(levels));
    expect(deep.issues[0]).toEqual(Chain.safeParse(chain(levels)).error?.issues[0]);
  });

  it("returns zod's output for a value zod accepts after filling a default", () => {
    const v = { tags: {}, points: [{ x: 1 }], name: null };
    expect(parseBounded(Schema, v, 64)).toEqual({ success: true, data: { id: 7, ...v } });
  });
});

// Where the walk goes and where it stops, each one a line of issues.ts or zod-walk.ts (found by mutating
// them): a step too many or too few shows as one issue where zod lists two, or the other way round.
describe("parseBounded: where the walk goes", () => {
  const nums = z.array(z.number());
  const twoNaN = [Number.NaN, Number.NaN];
  /** code and path of each issue, or "ok" and zod's data. */
  const got = (schema: z.ZodType, value: unknown, maxLevel = 64): unknown => {
    const r = parseBounded(schema, value, maxLevel);
    return r.success ? ["ok", r.data] : r.issues.map((i) => [(i as { code?: string }).code, i.path]);
  };

  it("goes maxLevel containers down, the value being the first; below, zod lists every issue", () => {
    const nested = z.array(nums);
    // maxLevel 2: the outer array is walked, the inner one is zod's (both of its issues).
    expect(got(nested, [twoNaN], 2)).toEqual([
      ["invalid_type", [0, 0]],
      ["invalid_type", [0, 1]],
    ]);
    expect(got(nested, [twoNaN], 3)).toEqual([["invalid_type", [0, 0]]]);
  });

  it("steps past optional, nullable, default and readonly", () => {
    for (const schema of [nums.optional(), nums.nullable(), nums.default([]), nums.readonly()])
      expect(got(schema, twoNaN), schema._zod.def.type).toEqual([["invalid_type", [0]]]);
  });

  it("walks an optional field that is there, and a record's values", () => {
    expect(got(z.object({ o: nums.optional() }), { o: twoNaN })).toEqual([["invalid_type", ["o", 0]]]);
    expect(got(z.record(z.string(), nums), { k: twoNaN })).toEqual([["invalid_type", ["k", 0]]]);
  });

  it("does not go into a .catch(), which replaces what its inner schema refuses", () => {
    expect(got(nums.catch([]), [1, Number.NaN])).toEqual(["ok", []]);
  });

  it("walks a pipe's input schema; the output schema is zod's, with all its issues", () => {
    expect(got(nums.pipe(z.array(z.number())), twoNaN)).toEqual([["invalid_type", [0]]]);
    expect(got(nums.pipe(z.array(z.number().max(0))), [5, 6])).toEqual([
      ["too_big", [0]],
      ["too_big", [1]],
    ]);
  });

  it("goes through a preprocess only where its guard says it keeps the value", () => {
    const cut = declareIdentityWhen(
      (v: unknown) => (Array.isArray(v) && v.length > 2 ? v.slice(0, 1) : v),
      (v) => !Array.isArray(v) || v.length <= 2,
    );
    // Cut to [1] before the array check: zod accepts it, the walk must not refuse the NaNs it never sees.
    expect(got(z.preprocess(cut, nums), [1, Number.NaN, Number.NaN])).toEqual(["ok", [1]]);
    expect(got(z.preprocess(cut, nums), [1, Number.NaN])).toEqual([["invalid_type", [1]]]);
  });

  it("an array where an object or a record goes is refused at the array, not read by key", () => {
    expect(got(z.object({ a: z.number() }), [1])).toEqual([["invalid_type", []]]);
    expect(got(z.record(z.string(), z.number()), ["x"])).toEqual([["invalid_type", []]]);
  });

  it("a required z.unknown() key: missing is zod's issue, undefined is the wire's", () => {
    const schema = z.object({ a: z.unknown() });
    expect(got(schema, {})).toEqual([["invalid_type", ["a"]]]);
    const r = parseBounded(schema, { a: undefined }, 64);
    expect(r.success ? [] : r.issues.map((i) => [i.message.slice(0, 9), i.path])).toEqual([
      ["undefined", ["a"]],
    ]);
  });
});

describe("where the walk cannot go, the error still lists a bounded number of issues", () => {
  it("a discriminated union over an array of 5,000 nils: 100 of zod's 5,000 issues, and a count", () => {
    // The walk does not go into unions, so zod decides there and reports every bad element.
    const schema = z.discriminatedUnion("k", [
      z.object({ k: z.literal("a"), xs: z.array(z.number()) }),
      z.object({ k: z.literal("b") }),
    ]);
    const codec = msgpackCodec({ schema });
    const nils = new Array<null>(5_000).fill(null);
    const r = codec.safeDecode(libEncode({ k: "a", xs: nils }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("schema_violation");
    expect(r.error.issues).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(r.error.issues[0]?.path).toEqual(["xs", 0]);
    expect(r.error.issues[MAX_LISTED_ISSUES - 1]?.path).toEqual(["xs", MAX_LISTED_ISSUES - 1]);
    expect(r.error.issues[MAX_LISTED_ISSUES]).toMatchObject({
      path: [],
      message: `zod reported 5000 issues; the first ${MAX_LISTED_ISSUES} are listed`,
    });
    // The same on encode, and a short list is listed whole.
    const e = codec.safeEncode({ k: "a", xs: nils as unknown as number[] });
    expect(!e.ok && e.error.issues.length).toBe(MAX_LISTED_ISSUES + 1);
    const few = codec.safeDecode(libEncode({ k: "a", xs: [null, null, 1] }));
    expect(!few.ok && few.error.issues.map((i) => i.path)).toEqual([
      ["xs", 0],
      ["xs", 1],
    ]);
  });
});
