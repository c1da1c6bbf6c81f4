// safewire's own Avro writer (compileWriter) against the avsc path it replaces (toAvsc + avsc's
// type.encode, compileAvscEncoder): byte for byte the same whenever the writer accepts a value, and the
// writer accepts every valid value (else it is never used). On invalid values it steps aside (undefined),
// so the codec's error is avsc's / toAvsc's, as before.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { makeValue } from "../bench/fixtures.js";
import { KITCHEN_AVRO } from "../fuzz/targets/avro.js";
import { IssueSignal } from "../src/errors.js";
import { type AvroSchema, avscType } from "../src/formats/avro/avsc.js";
import { avroCodec } from "../src/formats/avro/index.js";
import * as K from "../src/formats/avro/tree.js";
import { compile, type Node } from "../src/formats/avro/tree.js";
import { compileAvscEncoder, compileWriter } from "../src/formats/avro/write.js";
import { int64 } from "../src/index.js";
import { AVRO_SCHEMAS } from "../src/robotics/avro-schemas.js";
import { MESSAGE_NAMES } from "../src/robotics/messages.js";
import { roboticsArbitraries } from "../src/testing/arbitraries.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const RUNS = Number(process.env.DIFF_RUNS ?? 150);

interface Pair {
  root: Node;
  fast: (v: unknown) => Uint8Array | undefined;
  slow: (v: unknown) => Uint8Array;
}

function pair(schema: AvroSchema): Pair {
  const type = avscType(schema);
  const root = compile(type);
  return { root, fast: compileWriter(root), slow: compileAvscEncoder(type, root) };
}

function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");
}

function expectSame(a: Uint8Array, b: Uint8Array): void {
  expect(a.length).toBe(b.length);
  if (a.length <= 4096) expect(hex(a)).toBe(hex(b));
  else expect(Buffer.compare(a, b)).toBe(0);
}

/** The writer accepts v, and writes what avsc writes. */
function accepted(p: Pair, v: unknown): void {
  const a = p.fast(v);
  expect(a, "the writer fell back on a valid value").toBeDefined();
  expect(a?.constructor).toBe(Uint8Array); // a plain Uint8Array, never a Buffer
  expectSame(a as Uint8Array, p.slow(v));
}

/** Whatever the writer accepts, avsc writes the same (and accepts it). */
function consistent(p: Pair, v: unknown): void {
  const a = p.fast(v);
  if (a === undefined) return;
  let b: Uint8Array;
  try {
    b = p.slow(v);
  } catch (err) {
    throw new Error(`the writer accepted a value avsc refuses: ${String(err)}`);
  }
  expectSame(a, b);
}

// --- random valid values of any schema, from its Node graph ---

const key = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.string({ unit: "binary", maxLength: 6 }),
  fc.string({ unit: "grapheme", maxLength: 4 }),
);
const mapKey = key.filter((k) => !["__proto__", "constructor", "prototype"].includes(k));

// Not -0: an int has no -0, and both paths refuse it (test/core/negative-zero.test.ts).
const intArb = fc.oneof(
  fc.integer(),
  fc.integer({ min: -200, max: 200 }),
  fc.constantFrom(-(2 ** 31), 2 ** 31 - 1, 0, 63, 64, -64, -65, 8191, 8192, 2 ** 30, -(2 ** 30) - 1),
);
const longArb = fc.oneof(
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.bigInt({ min: -(2n ** 53n), max: 2n ** 53n }),
  fc.constantFrom(
    INT64_MIN,
    INT64_MAX,
    INT64_MIN + 1n,
    INT64_MAX - 1n,
    0n,
    -1n,
    2n ** 31n,
    -(2n ** 31n) - 1n,
    2n ** 32n,
    2n ** 52n,
    -(2n ** 52n) - 1n,
    2n ** 56n,
    -(2n ** 62n),
    1_700_000_000_000_000_000n,
  ),
);
const specials = fc.constantFrom(
  Number.NaN,
  -0,
  0,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.MIN_VALUE, // subnormal double, 0 as float32
  2 ** -149, // the smallest float32 subnormal
  2 ** -150, // rounds (to even) to 0 in float32
  3 * 2 ** -150,
  2 ** -126 * (1 - 2 ** -23),
  3.4028235677973366e38, // float32 max
  3.4028236e38, // past it: Infinity in float32
  Number.MAX_VALUE,
  0.1,
  1 / 3,
);
// A float field takes what float32 holds exactly: any other number is refused by both paths (avro.test.ts).
const floatArb = fc.oneof(fc.float(), specials.map(Math.fround));
const doubleArb = fc.oneof(fc.double(), specials);
const bytesArb = (min = 0, max = 80): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    fc.uint8Array({ minLength: min, maxLength: max }),
    fc.uint8Array({ minLength: min, maxLength: max }).map((b) => Buffer.from(b)),
    // a view into a bigger buffer, not at offset 0
    fc
      .uint8Array({ minLength: min + 3, maxLength: max + 3 })
      .map((b) => new Uint8Array(b.buffer, 3, b.length - 3)),
  );
const stringArb = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }), // astral characters: surrogate pairs
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", minLength: 20, maxLength: 120 }), // past the short-string paths
  fc.string({ minLength: 60, maxLength: 200 }),
  fc.constantFrom(
    "",
    "é",
    "\u0080",
    "a\u0080",
    "🤖",
    "日本語",
    "a".repeat(63),
    "a".repeat(64),
    `${"a".repeat(62)}é`,
  ),
);

function valueArb(n: Node, depth: number): fc.Arbitrary<unknown> {
  switch (n.kind) {
    case K.NULL:
      return fc.constant(null);
    case K.BOOLEAN:
      return fc.boolean();
    case K.INT:
      return intArb;
    case K.LONG:
      return longArb;
    case K.FLOAT:
      return floatArb;
    case K.DOUBLE:
      return doubleArb;
    case K.BYTES:
      return bytesArb();
    case K.STRING:
      return stringArb;
    case K.FIXED:
      return bytesArb(n.size, n.size);
    case K.ENUM:
      return fc.constantFrom(...n.symbols);
    case K.ARRAY:
      return depth <= 0 ? fc.constant([]) : fc.array(valueArb(n.items as Node, depth - 1), { maxLength: 5 });
    case K.MAP:
      return depth <= 0
        ? fc.constant({})
        : fc.oneof(
            fc.dictionary(mapKey, valueArb(n.items as Node, depth - 1), {
              maxKeys: 4,
              noNullPrototype: true,
            }),
            fc.dictionary(mapKey, valueArb(n.items as Node, depth - 1), { maxKeys: 4 }),
          );
    case K.RECORD:
      return fc.record(Object.fromEntries(n.fields.map((f) => [f.name, valueArb(f.node, depth - 1)])));
    case K.UNION: {
      const shallow = n.branches.filter((b) => b.kind !== K.RECORD && b.kind !== K.ARRAY && b.kind !== K.MAP);
      const branches = depth <= 0 && shallow.length > 0 ? shallow : n.branches;
      return fc.oneof(...branches.map((b) => valueArb(b, depth)));
    }
  }
}

const RICH = {
  type: "record",
  name: "Rich",
  fields: [
    { name: "i", type: "int" },
    { name: "l", type: "long" },
    { name: "f", type: "float" },
    { name: "d", type: "double" },
    { name: "s", type: "string" },
    { name: "b", type: "bytes" },
    { name: "h", type: { type: "fixed", name: "Hash", size: 4 } },
    { name: "e", type: { type: "enum", name: "Mode", symbols: ["IDLE", "RUN", "STOP"] } },
    { name: "xs", type: { type: "array", items: "double" } },
    { name: "m", type: { type: "map", values: "long" } },
    {
      name: "inner",
      type: {
        type: "record",
        name: "Inner",
        fields: [
          { name: "ok", type: "boolean" },
          { name: "tags", type: { type: "array", items: "string" } },
        ],
      },
    },
    { name: "opt", type: ["null", "string"] },
    { name: "blobs", type: { type: "map", values: ["null", "bytes"] } },
    { name: "nothing", type: "null" },
    { name: "children", type: { type: "array", items: "Inner" } },
  ],
};

const UNIONS = {
  type: "record",
  name: "Unions",
  fields: [
    { name: "a", type: ["null", "string", "long", "bytes"] },
    { name: "b", type: ["int", "long"] },
    {
      name: "c",
      type: [
        "null",
        "boolean",
        "float",
        { type: "enum", name: "E", symbols: ["A", "B", "C"] },
        { type: "fixed", name: "F", size: 3 },
        { type: "array", items: ["null", "double"] },
        { type: "map", values: { type: "map", values: ["long", "string"] } },
      ],
    },
    {
      name: "d",
      type: [
        "null",
        { type: "record", name: "R", fields: [{ name: "x", type: { type: "array", items: "F" } }] },
      ],
    },
    { name: "big", type: { type: "fixed", name: "Big", size: 200 } },
    { name: "empty", type: { type: "fixed", name: "Empty", size: 0 } },
  ],
};

const SCHEMAS: Record<string, AvroSchema> = {
  Rich: RICH,
  Kitchen: KITCHEN_AVRO,
  Unions: UNIONS,
  "top-level union": ["null", "string", "long", "bytes"],
  "int|long": ["int", "long"],
  string: "string",
  float: "float",
  long: "long",
  "array of maps": { type: "array", items: { type: "map", values: { type: "array", items: "int" } } },
  recursive: {
    type: "record",
    name: "Tree",
    fields: [
      { name: "label", type: "string" },
      { name: "kids", type: { type: "array", items: "Tree" } },
      { name: "next", type: ["null", "Tree"] },
    ],
  },
};

describe("robotics messages: the writer writes every one, as avsc does", () => {
  for (const allowNonFinite of [false, true]) {
    const arbs = roboticsArbitraries({ allowNonFinite });
    for (const m of MESSAGE_NAMES) {
      it(`${m}${allowNonFinite ? " (non-finite)" : ""}`, () => {
        const p = pair(AVRO_SCHEMAS[m]);
        fc.assert(
          fc.property(arbs[m] as fc.Arbitrary<unknown>, (v) => accepted(p, v)),
          { numRuns: RUNS },
        );
      });
    }
  }

  it("the bench fixtures, a big Observation (two 921,600-byte images) included", () => {
    for (const m of [
      "ActionChunk",
      "InteractionStats",
      "PolicySetup",
      "Observation",
      "Parameters",
    ] as const) {
      const p = pair(AVRO_SCHEMAS[m]);
      const v = makeValue(m);
      accepted(p, v); // first time: the scratch runs out, then measured and written once
      accepted(p, v); // then: measured first (predicted from the previous size)
      if (m === "Observation") {
        const a = p.fast(v) as Uint8Array;
        expect(a.length).toBeGreaterThan(2 * 921_600);
        expect(a.byteOffset).toBe(0);
        expect(a.buffer.byteLength).toBe(a.length); // exactly its size
        // a small one after big ones goes back to the scratch
        const small = { ...v, images: {} };
        accepted(p, small);
        accepted(p, small);
      }
    }
  });
});

describe("test schemas: random valid values", () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(name, () => {
      const p = pair(schema);
      fc.assert(
        fc.property(valueArb(p.root, 4), (v) => accepted(p, v)),
        { numRuns: RUNS * 2 },
      );
    });
  }

  it("exact bytes of some values", () => {
    const long = pair("long");
    expect(hex(long.fast(0n) as Uint8Array)).toBe("00");
    expect(hex(long.fast(-1n) as Uint8Array)).toBe("01");
    expect(hex(long.fast(64n) as Uint8Array)).toBe("8001");
    expect(hex(long.fast(INT64_MAX) as Uint8Array)).toBe("feffffffffffffffff01");
    expect(hex(long.fast(INT64_MIN) as Uint8Array)).toBe("ffffffffffffffffff01");
    const arr = pair({ type: "array", items: "int" });
    expect(hex(arr.fast([]) as Uint8Array)).toBe("00");
    expect(hex(arr.fast([1, -1]) as Uint8Array)).toBe("04020100");
    const map = pair({ type: "map", values: "boolean" });
    expect(hex(map.fast({}) as Uint8Array)).toBe("00");
    expect(hex(map.fast({ b: true, a: false, 1: true }) as Uint8Array)).toBe("060231010262010261" + "0000");
    // U+0080 is the first character past ASCII: two bytes of UTF-8, so the ASCII fast path stops there.
    const str = pair("string");
    expect(hex(str.fast("\u007f") as Uint8Array)).toBe("027f");
    expect(hex(str.fast("\u0080") as Uint8Array)).toBe("04c280");
    expect(hex(str.fast("a\u0080") as Uint8Array)).toBe("0661c280");
    const f = pair("float");
    for (const x of [Number.NaN, -0, 2 ** -149, Number.POSITIVE_INFINITY]) accepted(f, x);
    // What float32 does not hold exactly (avsc would round it to 0, to Infinity): both paths refuse it.
    for (const x of [2 ** -150, 1e39, 0.1]) {
      expect(f.fast(x)).toBeUndefined();
      let thrown: unknown;
      try {
        f.slow(x);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(IssueSignal);
      expect((thrown as IssueSignal).issue.message).toContain("not exactly representable as an Avro float");
    }
  });
});

describe("a varint across the end of the writer's 64 KiB scratch", () => {
  // The string leaves the scratch a few bytes short of the int or long after it: the writer must run
  // out of room (and measure) rather than write the varint's tail past the end.
  const record = (type: string, x: z.ZodType) =>
    avroCodec({
      type: {
        type: "record",
        name: "R",
        fields: [
          { name: "s", type: "string" },
          { name: "x", type },
        ],
      },
      schema: z.object({ s: z.string(), x }),
    });

  it("an int of 5 bytes starting at byte 65,533", () => {
    const c = record("int", z.number().int());
    const v = { s: "a".repeat(65530), x: 2 ** 30 };
    const out = c.encode(v);
    expect(out.length).toBe(3 + 65530 + 5);
    expect(hex(out.subarray(65533))).toBe("8080808008");
    const back = c.decode(out);
    expect(back.s === v.s && back.x === v.x).toBe(true);
  });

  it("a long of 10 bytes starting at byte 65,531", () => {
    const c = record("long", int64());
    const v = { s: "a".repeat(65528), x: 2n ** 62n };
    const out = c.encode(v);
    expect(out.length).toBe(3 + 65528 + 10);
    expect(hex(out.subarray(65531))).toBe(`${"80".repeat(9)}01`);
    const back = c.decode(out);
    expect(back.s === v.s && back.x === v.x).toBe(true);
  });
});

// --- invalid values: the writer steps aside, or (never expected) writes exactly what avsc writes ---

const junk = fc.oneof(
  fc.anything({ withBigInt: true, withTypedArray: true, withNullPrototype: true, withBoxedValues: true }),
  fc.constantFrom<unknown>(
    undefined,
    null,
    1.5,
    2 ** 31,
    -(2 ** 31) - 1,
    Number.NaN,
    2n ** 63n,
    -(2n ** 63n) - 1n,
    1n,
    1,
    "\ud800",
    "a\udc00b",
    "NOPE",
    "A",
    "RUN",
    "",
    new Uint8Array(3),
    new Uint8Array(5),
    new Int8Array(4),
    new Float32Array(2),
    new ArrayBuffer(4),
    [],
    [1],
    {},
    JSON.parse('{"__proto__": 1}'),
    { constructor: 1 },
    { prototype: 2 },
    { "\ud800": 1 },
    () => 1,
    Symbol("s"),
    new Date(0),
  ),
);

/** Replaces the `at`-th slot (array item, object property, in walk order) in v with x; v itself if none. */
function replaceAt(v: unknown, at: number, x: unknown): unknown {
  let seen = 0;
  let done = false;
  const walk = (node: unknown): void => {
    if (done || typeof node !== "object" || node === null || ArrayBuffer.isView(node)) return;
    for (const k of Object.keys(node)) {
      if (done) return;
      if (seen++ === at) {
        (node as Record<string, unknown>)[k] = x;
        done = true;
        return;
      }
      walk((node as Record<string, unknown>)[k]);
    }
  };
  walk(v);
  return done ? v : x;
}

describe("invalid values: the writer never writes what avsc would not", () => {
  const all: Record<string, AvroSchema> = {
    ...SCHEMAS,
    Observation: AVRO_SCHEMAS.Observation,
    PolicySetup: AVRO_SCHEMAS.PolicySetup,
  };
  for (const [name, schema] of Object.entries(all)) {
    it(name, () => {
      const p = pair(schema);
      fc.assert(
        fc.property(valueArb(p.root, 3), fc.nat(60), junk, (v, at, x) => {
          consistent(p, replaceAt(v, at, x));
        }),
        { numRuns: RUNS * 2 },
      );
    });
  }

  it("steps aside on each kind of invalid value", () => {
    const rich = pair(RICH);
    const base = makeRich();
    accepted(rich, base);
    const cases: Record<string, unknown>[] = [
      { i: 1.5 },
      { i: 2 ** 31 },
      { i: -(2 ** 31) - 1 },
      { i: 1n },
      { i: "1" },
      { l: 1 },
      { l: 2n ** 63n },
      { l: -(2n ** 63n) - 1n },
      { f: 1n },
      { d: "1" },
      { s: "\ud800" },
      { s: `${"x".repeat(80)}\udfff` },
      { s: 1 },
      { b: "b" },
      { b: new Int8Array(1) },
      { b: [1] },
      { h: new Uint8Array(3) },
      { h: new Uint8Array(5) },
      { e: "NOPE" },
      { e: "toString" },
      { e: 1 },
      { xs: [1, undefined] },
      { xs: { 0: 1, length: 1 } },
      { m: JSON.parse('{"__proto__": 1}') },
      { m: { constructor: 1n } },
      { m: { prototype: 1n } },
      { m: { "\udc00": 1n } },
      { m: { a: 1 } },
      { m: [] },
      { m: new Uint8Array(2) },
      { inner: undefined },
      { inner: null },
      { inner: [] },
      { inner: { ok: true } },
      { opt: undefined },
      { opt: 1 },
      { opt: "\ud800" },
      { blobs: { x: "x" } },
      { blobs: { x: new Uint16Array(1) } },
      { nothing: undefined },
      { nothing: 0 },
    ];
    for (const c of cases) {
      const v = { ...base, ...c };
      expect(rich.fast(v), JSON.stringify(Object.keys(c))).toBeUndefined();
    }
    // A missing field (avsc would write its default, or refuse). An inherited one is read as avsc reads
    // it (toAvsc's copy takes each field by name), in a record with bytes too.
    const { i: _i, ...missing } = base;
    expect(rich.fast(missing)).toBeUndefined();
    accepted(rich, Object.assign(Object.create({ i: 1 }), missing));
    // A view of a transferred (detached) buffer: toAvsc's Buffer.from throws on it.
    const gone = new Uint8Array(4);
    structuredClone(gone.buffer, { transfer: [gone.buffer] });
    expect(rich.fast({ ...base, b: gone })).toBeUndefined();
    expect(rich.fast(null)).toBeUndefined();
    expect(rich.fast([])).toBeUndefined();
    // Unions: values no branch (or not plainly one branch) takes.
    const u = pair(["null", "string", "long", "bytes"]);
    for (const x of [1, true, undefined, [], {}, new Uint16Array(1), 2n ** 64n, "\ud800"]) {
      expect(u.fast(x)).toBeUndefined();
    }
  });

  it("the codec's errors are unchanged (they come from the avsc path)", () => {
    const c = avroCodec({ type: RICH, schema: z.any() });
    const base = makeRich();
    const code = (v: unknown): string | undefined => {
      const r = c.safeEncode(v);
      return r.ok ? undefined : r.error.code;
    };
    expect(code(base)).toBeUndefined();
    expect(code({ ...base, s: "\ud800" })).toBe("schema_violation");
    expect(code({ ...base, m: JSON.parse('{"__proto__": 1}') })).toBe("schema_violation");
    expect(code({ ...base, m: { constructor: 1n } })).toBe("schema_violation");
    const r = c.safeEncode({ ...base, i: 1.5 });
    expect(r.ok).toBe(false);
  });
});

function makeRich(): Record<string, unknown> {
  return {
    i: 1,
    l: 1n,
    f: 1,
    d: 1,
    s: "s",
    b: new Uint8Array(1),
    h: new Uint8Array(4),
    e: "RUN",
    xs: [1],
    m: { a: 1n },
    inner: { ok: true, tags: ["t"] },
    opt: null,
    blobs: { x: null },
    nothing: null,
    children: [],
  };
}
