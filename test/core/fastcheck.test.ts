// The fast check's contract: whenever it says yes, zod accepts the value and returns an equal one (same
// keys in the same order, same types, Object.is on numbers, the same binary objects). It may say no to
// anything (zod then decides); for valid messages it must say yes, or the codecs lose their fast path.
import { fc, test } from "@fast-check/vitest";
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  compileFastCheck,
  crossCheck,
  declareIdentityWhen,
  declarePlain,
  plainDepth,
  plainMapGuard,
} from "../../src/fastcheck.js";
import { avroCodec } from "../../src/formats/avro/index.js";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import { FORBIDDEN_KEYS } from "../../src/keys.js";
import { MESSAGE_NAMES, type MessageName, messageSchemas } from "../../src/robotics/messages.js";
import { bytes, float32, int64, uint64 } from "../../src/schema.js";
import { roboticsArbitraries } from "../../src/testing/arbitraries.js";

/** Equal as the fast path promises: key order included, binaries by identity (zod passes them through). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return Object.is(a, b);
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    // Elements only: zod copies an array's elements (not other properties), and so do the writers.
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
    // zod builds its copies on Object.prototype; a null-prototype input is the same plain record.
    const pa: unknown = Object.getPrototypeOf(a);
    const pb: unknown = Object.getPrototypeOf(b);
    if (!((pa === null || pa === Object.prototype) && (pb === null || pb === Object.prototype))) return false;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i] as string;
    if (k !== kb[i]) return false;
    if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** The property itself: fast yes ⇒ zod yes, with data equal to the input. */
function agrees(schema: z.ZodType, value: unknown): void {
  const fast = compileFastCheck(schema);
  if (!fast(value)) return;
  const r = schema.safeParse(value);
  expect(r.success, "the fast check accepted a value zod refuses").toBe(true);
  expect(same(r.data, value), "zod returned a different value than the one the fast check kept").toBe(true);
}

const REPLACEMENTS: readonly (() => unknown)[] = [
  () => undefined,
  () => null,
  () => 0,
  () => -0,
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => 1.5,
  () => -1,
  () => 2 ** 31,
  () => 2 ** 53,
  () => 0.1,
  () => 1n,
  () => -1n,
  () => 2n ** 63n,
  () => "",
  () => "x",
  () => "float32",
  () => "cuda:01",
  () => "😀",
  () => true,
  () => [],
  () => [1, 2],
  () => ({}),
  () => Object.create(null),
  () => new Uint8Array(4),
  () => new Float32Array(1),
  () => Buffer.from([0, 0, 0, 0]),
  () => new Map(),
  () => new Date(0),
];

type Edit = { at: number; op: number; pick: number };

/** Every container and leaf of `v` with a way to change it: replace, delete, add a key, reorder. */
function edit(value: unknown, e: Edit): unknown {
  const root = structuredCloneKeepBinaries(value);
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown): void => {
    if (typeof v !== "object" || v === null || ArrayBuffer.isView(v)) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        slots.push({ parent: v, key: i });
        walk(x);
      });
      return;
    }
    for (const k of Object.keys(v)) {
      slots.push({ parent: v as Record<string, unknown>, key: k });
      walk((v as Record<string, unknown>)[k]);
    }
  };
  walk(root);
  if (slots.length === 0) return (REPLACEMENTS[e.pick % REPLACEMENTS.length] as () => unknown)();
  const { parent, key } = slots[e.at % slots.length] as (typeof slots)[number];
  const p = parent as Record<string | number, unknown>;
  switch (e.op % 6) {
    case 0:
    case 1:
      p[key] = (REPLACEMENTS[e.pick % REPLACEMENTS.length] as () => unknown)();
      break;
    case 2:
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete p[key];
      break;
    case 3: {
      // An extra key: a plain one, or one zod would drop silently.
      const extra = ["extra", "__proto__", "constructor", "0"][e.pick % 4] as string;
      Object.defineProperty(parent, extra, {
        value: 1,
        enumerable: true,
        configurable: true,
        writable: true,
      });
      break;
    }
    case 4: {
      // Same entries, another order: move the chosen key last.
      if (!Array.isArray(parent)) {
        const v = p[key];
        delete p[key];
        p[key] = v;
      }
      break;
    }
    default:
      Object.defineProperty(parent, key, { value: p[key], enumerable: false });
  }
  return root;
}

/** A deep copy of plain objects and arrays that keeps binaries (and every other object) by reference. */
function structuredCloneKeepBinaries(v: unknown): unknown {
  if (typeof v !== "object" || v === null || ArrayBuffer.isView(v)) return v;
  if (Array.isArray(v)) return Array.from(v, structuredCloneKeepBinaries);
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  const out: Record<string, unknown> = proto === null ? Object.create(null) : {};
  for (const k of Object.keys(v)) out[k] = structuredCloneKeepBinaries((v as Record<string, unknown>)[k]);
  return out;
}

const editArb: fc.Arbitrary<Edit> = fc.record({ at: fc.nat(), op: fc.nat(), pick: fc.nat() });

describe.each([false, true])("robotics messages, allowNonFinite %s", (allowNonFinite) => {
  const arbs = roboticsArbitraries({ allowNonFinite });
  const schemas = messageSchemas({ allowNonFinite });
  describe.each(MESSAGE_NAMES.map((m) => [m] as [MessageName]))("%s", (message) => {
    const schema = schemas[message] as z.ZodType;
    const arb = arbs[message] as fc.Arbitrary<unknown>;

    test.prop([arb], { numRuns: 100 })("a valid value takes the fast path, unchanged", (value) => {
      expect(compileFastCheck(schema)(value)).toBe(true);
      agrees(schema, value);
    });

    test.prop([arb, fc.array(editArb, { minLength: 1, maxLength: 3 })], { numRuns: 300 })(
      "an edited value is accepted only when zod accepts it as it is",
      (value, edits) => {
        let v = value;
        for (const e of edits) v = edit(v, e);
        agrees(schema, v);
      },
    );
  });
});

// The robotics map guard's shape: identity, with an issue for a non-plain object or a forbidden key.
const refuseOddMaps = declareIdentityWhen((input: unknown, ctx: z.core.$RefinementCtx): unknown => {
  if (!plainMapGuard(input)) ctx.addIssue({ code: "custom", message: "not a plain map", input });
  return input;
}, plainMapGuard);
const mapLike: fc.Arbitrary<unknown> = fc.oneof(
  fc.dictionary(fc.string(), fc.integer()),
  fc.constantFrom(
    JSON.parse('{"__proto__": 1}'),
    { constructor: 2 },
    Object.create({ inherited: 1 }),
    new Map([["a", 1]]),
    Object.create(null),
    [1],
    "text",
  ),
);

describe("zod schemas beyond the robotics set", () => {
  const Tree: z.ZodType = z.object({
    name: z.string().min(1).max(3),
    get children() {
      return z.array(Tree).max(4);
    },
  });
  const cases: [string, z.ZodType, fc.Arbitrary<unknown>][] = [
    [
      "string lengths in code points",
      z.string().min(2).max(3),
      fc.string({ unit: "grapheme", maxLength: 5 }),
    ],
    ["a global regex", z.string().regex(/a+/g), fc.string({ unit: fc.constantFrom("a", "b"), maxLength: 4 })],
    ["int32 bounds", z.int32(), fc.oneof(fc.double(), fc.integer(), fc.constantFrom(2 ** 31, -(2 ** 31)))],
    ["exclusive bounds", z.number().gt(0).lt(1), fc.double({ min: -1, max: 2 })],
    ["int64 widening", int64(), fc.oneof(fc.bigInt(), fc.integer(), fc.double())],
    ["uint64", uint64(), fc.oneof(fc.bigInt({ min: -1n, max: 2n ** 64n }), fc.nat())],
    ["enum", z.enum(["a", "b"]), fc.constantFrom("a", "b", "c", 0, undefined)],
    [
      "record",
      z.record(z.string(), z.number()),
      fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string())),
    ],
    [
      "record with key checks",
      z.record(z.string().max(1), z.number()),
      fc.dictionary(fc.string(), fc.integer()),
    ],
    [
      "default",
      z.object({ a: z.number().default(1) }),
      fc.record({ a: fc.option(fc.integer(), { nil: undefined }) }),
    ],
    ["transform", z.string().transform((s) => s.length), fc.string()],
    // A guard a record check implies (so it is skipped before one), but not any other check.
    ["plain-map guard into a record", z.preprocess(refuseOddMaps, z.record(z.string(), z.number())), mapLike],
    [
      "plain-map guard into anything",
      z.preprocess(
        refuseOddMaps,
        z.custom(() => true),
      ),
      mapLike,
    ],
    ["union", z.union([z.string(), z.number()]), fc.oneof(fc.string(), fc.integer(), fc.boolean())],
    // Checks that replace the value and add no issue: zod returns the replaced value.
    ["trim", z.string().trim(), fc.string({ unit: fc.constantFrom(" ", "a", "\t"), maxLength: 4 })],
    ["toLowerCase", z.object({ a: z.string().toLowerCase() }), fc.record({ a: fc.string({ maxLength: 3 }) })],
    ["toUpperCase in a pipe", z.string().pipe(z.string().toUpperCase()), fc.string({ maxLength: 3 })],
    ["normalize", z.string().normalize("NFC"), fc.constantFrom("e\u0301", "\u00e9", "a")],
    ["overwrite", z.number().overwrite((n) => n * 2), fc.integer()],
    [
      "a check that sets ctx.value",
      z.object({
        name: z.string().check((ctx) => {
          ctx.value = ctx.value.toUpperCase();
        }),
      }),
      fc.record({ name: fc.string({ unit: fc.constantFrom("a", "B"), maxLength: 3 }) }),
    ],
    [
      "overwrite of an array",
      z.array(z.number()).overwrite((a) => a.slice(0, 1)),
      fc.array(fc.integer(), { maxLength: 3 }),
    ],
    [
      "recursive",
      Tree,
      fc.letrec((tie) => ({
        node: fc.record({
          name: fc.string({ maxLength: 4 }),
          children: fc.oneof(
            { depthSize: "small" },
            fc.constant([]),
            fc.array(tie("node"), { maxLength: 5 }),
          ),
        }),
      })).node,
    ],
  ];
  for (const [name, schema, arb] of cases) {
    test.prop([arb, fc.array(editArb, { maxLength: 2 })], { numRuns: 300 })(name, (value, edits) => {
      let v = value;
      for (const e of edits) v = edit(v, e);
      agrees(schema, v);
    });
  }

  test("with an enumerable key on Object.prototype, only own keys count (zod's copy has them own)", () => {
    const ab = z.object({ a: z.number(), b: z.number() });
    const proto = Object.prototype as Record<string, unknown>;
    const cases: unknown[] = [
      { a: 1 },
      { a: 1, b: 2 },
      { b: 2, a: 1 },
      Object.assign(Object.create(null), { a: 1 }),
    ];
    try {
      proto.b = 2;
      const fast = compileFastCheck(ab);
      expect(fast({ a: 1 })).toBe(false); // b only inherited: zod's copy would own it
      expect(fast({ a: 1, b: 2 })).toBe(true);
      for (const v of cases) agrees(ab, v);
      proto.z = 3; // one key more than the shape: zod decides (it strips it)
      expect(fast({ a: 1, b: 2 })).toBe(false);
    } finally {
      delete proto.b;
      delete proto.z;
    }
    expect(compileFastCheck(ab)({ a: 1, b: 2 })).toBe(true);
  });

  test("a recursive value deeper than the fast path follows is left to zod", () => {
    const Chain: z.ZodType = z.object({
      get next() {
        return z.array(Chain);
      },
    });
    let v: unknown = { next: [] };
    for (let i = 0; i < 600; i++) v = { next: [v] };
    expect(compileFastCheck(Chain)(v)).toBe(false);
    expect(Chain.safeParse(v).success).toBe(true);
  });
});

// The codec skips the scan of its encode output on this bound (src/codec.ts): it must never be low.
describe("plainDepth: how deep an accepted value nests, or Infinity", () => {
  it("counts objects, arrays and records; leaves, defaults and declared identities add nothing", () => {
    expect(plainDepth(z.string())).toBe(0);
    expect(plainDepth(z.object({ a: z.number() }))).toBe(1);
    expect(plainDepth(z.object({ a: z.array(z.record(z.string(), z.object({ x: int64() }))) }))).toBe(4);
    expect(plainDepth(z.object({ b: bytes(), f: float32(), l: z.array(z.string()).default(() => []) }))).toBe(
      2,
    );
    const s = messageSchemas();
    expect(plainDepth(s.Tensor)).toBe(2); // the tensor, its shape
    expect(plainDepth(s.Observation)).toBe(4); // observation, extras, a tensor, its shape
    expect(plainDepth(s.InteractionStats)).toBe(2);
  });
  it("is Infinity for recursion and for anything the check lets through that may not be plain data", () => {
    const Tree: z.ZodType = z.object({
      get kids() {
        return z.array(Tree);
      },
    });
    expect(plainDepth(Tree)).toBe(Number.POSITIVE_INFINITY);
    expect(plainDepth(z.object({ d: z.date() }))).toBe(Number.POSITIVE_INFINITY);
    expect(plainDepth(z.object({ u: z.union([z.string(), z.number()]) }))).toBe(Number.POSITIVE_INFINITY);
    expect(plainDepth(z.custom(() => true))).toBe(Number.POSITIVE_INFINITY);
    expect(plainDepth(z.object({ a: z.string().transform((v) => v.length) }))).toBe(Number.POSITIVE_INFINITY);
    // A custom predicate declared plain counts as a leaf, also through zod's clones (.refine).
    const even = declarePlain(z.custom<number>((v) => typeof v === "number" && v % 2 === 0));
    expect(plainDepth(z.array(even.refine((v) => v > 0)))).toBe(1);
  });
});

// The same through the codecs, whose decode check also skips what their reader guarantees: a decoded or
// encoded value is zod's output, replaced where the schema replaces it, in every format.
describe("codecs return zod's output for checks that replace the value", () => {
  const proto = protobuf
    .parse(`syntax = "proto3"; message M { string name = 1; map<string, string> tags = 2; }`, {
      keepCase: true,
    })
    .root.lookupType("M");
  const avroType = {
    type: "record",
    name: "M",
    fields: [
      { name: "name", type: "string" },
      { name: "tags", type: { type: "map", values: "string" } },
    ],
  };
  const schema = z.object({
    name: z.string().trim().toLowerCase(),
    tags: z.record(z.string(), z.string().trim()),
  });
  const plain = z.object({ name: z.string(), tags: z.record(z.string(), z.string()) });
  const value = { name: "  Alice ", tags: { role: " admin " } };
  const formats = {
    protobuf: (s: z.ZodType<z.infer<typeof plain>>) => protobufCodec({ type: proto, schema: s }),
    avro: (s: z.ZodType<z.infer<typeof plain>>) => avroCodec({ type: avroType, schema: s }),
    msgpack: (s: z.ZodType<z.infer<typeof plain>>) => msgpackCodec({ schema: s }),
  };
  for (const [format, make] of Object.entries(formats)) {
    it(format, () => {
      const codec = make(schema);
      const raw = make(plain);
      const want = { name: "alice", tags: { role: "admin" } };
      expect(codec.decode(raw.encode(value))).toEqual(want);
      expect(raw.decode(codec.encode(value))).toEqual(want);
    });
  }
});

// Schemas the property tests above rarely or never draw: each value here is one zod refuses or returns
// changed, so a yes from the fast check would send it without zod (found by mutating fastcheck.ts).
describe("values zod refuses or changes, which the fast check must leave to zod", () => {
  enum Native {
    A = 0,
    B = 1,
  }
  // A preprocess declared an identity only for short strings: it upper-cases longer ones.
  const upLong = declareIdentityWhen(
    (v: string) => (v.length < 3 ? v : v.toUpperCase()),
    (v) => typeof v === "string" && v.length < 3,
  );
  // A guard that is not plainMapGuard, before a record: a record check does not imply it.
  const fewKeys = (v: unknown) => typeof v !== "object" || v === null || Object.keys(v).length < 2;
  const atMostOne = declareIdentityWhen((input: unknown, ctx: z.core.$RefinementCtx): unknown => {
    if (!fewKeys(input)) ctx.addIssue({ code: "custom", message: "too many keys", input });
    return input;
  }, fewKeys);
  // A declared identity that carries a check of its own (the check refuses): zod runs it.
  const same = declareIdentityWhen(
    (v: string) => v,
    () => true,
  );
  const cases: [string, z.ZodType, unknown][] = [
    [
      "a check on a declared identity before a pipe",
      z.pipe(
        z.transform(same).refine(() => false),
        z.string(),
      ),
      "x",
    ],
    [
      "a check on a declared identity after a pipe",
      z.string().pipe(z.transform(same).refine(() => false)),
      "x",
    ],
    ["two lower bounds, the looser first", z.number().gt(0).gt(5), 3],
    ["an exclusive bound after an inclusive one at the same value", z.number().gte(0).gt(0), 0],
    ["an exclusive bound", z.number().gt(0), 0],
    ["two upper lengths, the tighter first", z.string().max(3).max(5), "abcd"],
    ["a code point floor met in units only", z.string().min(2), "😀"],
    ["a string format zod checks itself", z.string().email(), "not an email"],
    ["a refined boolean", z.boolean().refine((b) => b), false],
    ["a numeric enum given a key name", z.enum(Native), "A"],
    ["undefined where a default fills it", z.object({ a: z.unknown().default(1) }), { a: undefined }],
    ["an element check in a string list", z.array(z.string().min(1)), [""]],
    ["an exclusive bound in an int list", z.array(z.number().int().lt(5)), [5]],
    ["an upper bound in an int list", z.array(z.number().int().lte(5)), [6]],
    ["an infinite number", z.number(), Number.POSITIVE_INFINITY],
    [
      "an own __proto__ key the shape names (zod's copy drops it)",
      z.object({ ["__proto__"]: z.number() }),
      JSON.parse('{"__proto__":1}'),
    ],
    ["a symbol key in a record", z.record(z.string(), z.number()), { a: 1, [Symbol("s")]: 2 }],
    [
      "a guard other than plainMapGuard before a record",
      z.preprocess(atMostOne, z.record(z.string(), z.number())),
      { a: 1, b: 2 },
    ],
    ["a transform declared an identity only under its guard", z.string().transform(upLong), "abcd"],
  ];
  for (const [name, schema, value] of cases) {
    it(name, () => {
      expect(compileFastCheck(schema)(value)).toBe(false);
      agrees(schema, value);
    });
  }

  it("a global regex answers the same on every call (its lastIndex is reset)", () => {
    const fast = compileFastCheck(z.string().regex(/a/g));
    expect([fast("a"), fast("a"), fast("a")]).toEqual([true, true, true]);
  });

  it("a refinement its `when` skips does not refuse the value on the fast path", () => {
    const schema = z.object({ a: z.string() }).refine((v) => v.a.length > 0, { when: () => false });
    expect(schema.safeParse({ a: "" }).success).toBe(true);
    expect(compileFastCheck(schema)({ a: "" })).toBe(true);
  });

  it("an async refinement is not taken for a yes (zod throws on it in a synchronous parse)", () => {
    const schema = z.object({ a: z.string().refine(async () => true) });
    expect(compileFastCheck(schema)({ a: "x" })).toBe(false);
    const r = msgpackCodec({ schema }).safeEncode({ a: "x" });
    expect(r.ok).toBe(false);
  });

  it("plainMapGuard refuses every prototype-polluting key, whatever the transform it guards does", () => {
    for (const k of FORBIDDEN_KEYS) expect(plainMapGuard(JSON.parse(`{"${k}": 1}`)), k).toBe(false);
    // A transform that refuses those keys itself, guarded by plainMapGuard before a schema taking anything.
    const noPollution = declareIdentityWhen((input: unknown, ctx: z.core.$RefinementCtx): unknown => {
      if (
        typeof input === "object" &&
        input !== null &&
        Object.keys(input).some((k) => FORBIDDEN_KEYS.has(k))
      )
        ctx.addIssue({ code: "custom", message: "forbidden key", input });
      return input;
    }, plainMapGuard);
    const schema = z.preprocess(noPollution, z.unknown());
    expect(compileFastCheck(schema)({ constructor: 1 })).toBe(false);
    expect(schema.safeParse({ constructor: 1 }).success).toBe(false);
  });

  it("crossCheck runs only after every field passed: a bad field is zod's issue, not a TypeError", () => {
    const schema = crossCheck(z.object({ a: z.array(z.number()) }), (v) =>
      v.a.map((x) => x).length > 3 ? [{ message: "long", path: ["a"] }] : undefined,
    );
    const r = schema.safeParse({ a: 5 });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.code, i.path])).toEqual([["invalid_type", ["a"]]]);
    expect(compileFastCheck(schema)({ a: [1, 2, 3, 4] })).toBe(false);
    expect(compileFastCheck(schema)({ a: [1] })).toBe(true);
  });
});
