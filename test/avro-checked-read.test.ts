// Avro decodes small inputs in one pass: the checked reader (read-checked.ts) checks everything the prescan
// would, and gives up (undefined) where the bytes break any of it; the prescan then words the error.
// - The reader itself, against prescan + read: on every input the prescan accepts and the reader reads,
//   the same value; on every other, undefined. Under the default limits and tight ones, on a schema with
//   every type (a recursive one included), one with zero-byte elements, and the robotics messages.
// - The codec, against the same codec with the prescan first: the same value or error, byte for byte.
// - What it allocates stays in proportion to the input: zero-byte elements past one per byte of input
//   are left to the prescan.

import { fc, test } from "@fast-check/vitest";
import avsc from "avsc";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { KITCHEN_AVRO } from "../fuzz/targets/avro.js";
import { CHECKED_READ_BYTES, type Codec, createCodec, type WireDriver } from "../src/codec.js";
import { avscType } from "../src/formats/avro/avsc.js";
import { avroDriver } from "../src/formats/avro/codec.js";
import { avroCodec } from "../src/formats/avro/index.js";
import { compilePrescan } from "../src/formats/avro/prescan.js";
import { compileDecoder } from "../src/formats/avro/read.js";
import { CHECKED_READ_LEVELS, compileCheckedDecoder } from "../src/formats/avro/read-checked.js";
import { compile } from "../src/formats/avro/tree.js";
import { DEFAULT_LIMITS, type Limits, resolveLimits } from "../src/limits.js";
import { AVRO_SCHEMAS, codec, loadAvro, MESSAGE_NAMES, type MessageName } from "../src/robotics/index.js";
import { arbitraries, hostile, mutated } from "../src/testing/index.js";
import { bigLong } from "./helpers/avro-long.js";
import { measure, TIME_BUDGET_MS } from "./helpers/bounded.js";
import { sameOutcome } from "./helpers/outcome.js";

await loadAvro();

/** Arrays and maps of values that take no bytes: nulls, empty records, records of those. */
const ZERO_AVRO = {
  type: "record",
  name: "Zero",
  fields: [
    { name: "nulls", type: { type: "array", items: "null" } },
    { name: "empties", type: { type: "array", items: { type: "record", name: "E", fields: [] } } },
    {
      name: "deep",
      type: {
        type: "array",
        items: {
          type: "record",
          name: "D",
          fields: [
            { name: "e", type: "E" },
            { name: "n", type: "null" },
          ],
        },
      },
    },
    { name: "grid", type: { type: "array", items: { type: "array", items: "null" } } },
    { name: "m", type: { type: "map", values: "null" } },
    { name: "tag", type: "string" },
  ],
} as const;

/** Encodings of avsc's random values of `schema` (its generator covers every branch and length). */
function randomEncodings(schema: object, n: number): Uint8Array[] {
  const type = avsc.Type.forSchema(schema as avsc.Schema, { registry: { long: bigLong } });
  return Array.from({ length: n }, () => Uint8Array.from(type.toBuffer(type.random())));
}

interface Walks {
  prescan: (bytes: Uint8Array, limits: Readonly<Limits>) => void;
  read: (bytes: Uint8Array) => unknown;
  checked: (bytes: Uint8Array, limits: Readonly<Limits>) => unknown;
}

function walks(schema: object): Walks {
  const root = compile(avscType(schema as never));
  return { prescan: compilePrescan(root), read: compileDecoder(root), checked: compileCheckedDecoder(root) };
}

/** Tallies of what the property tests met (both kinds must have happened, often). */
const tally = { read: 0, refused: 0, leftToPrescan: 0 };

/**
 * The checked read against prescan + read on `bytes`: the same value where those accept, undefined where
 * they refuse. `mayDecline`: it may also give up on bytes they accept (zero-byte elements past one per
 * byte of input), and nothing else.
 */
function agrees(w: Walks, bytes: Uint8Array, limits: Readonly<Limits>, mayDecline: boolean): void {
  let want: unknown;
  let accepted = true;
  try {
    w.prescan(bytes, limits);
    want = w.read(bytes);
  } catch {
    accepted = false;
  }
  const got = w.checked(bytes, limits);
  if (!accepted) {
    tally.refused++;
    expect(got).toBeUndefined();
  } else if (got === undefined && mayDecline) {
    tally.leftToPrescan++;
  } else {
    tally.read++;
    expect(got).toStrictEqual(want);
  }
}

const tight = fc.record({
  maxDepth: fc.integer({ min: 1, max: 5 }),
  maxStringBytes: fc.integer({ min: 1, max: 24 }),
  maxBinaryBytes: fc.integer({ min: 1, max: 48 }),
  maxArrayLength: fc.integer({ min: 1, max: 12 }),
  maxMapEntries: fc.integer({ min: 1, max: 6 }),
});

const SCHEMAS: [string, object, boolean][] = [
  ["every type (Kitchen)", KITCHEN_AVRO, false],
  ["zero-byte elements", ZERO_AVRO, true],
];

/**
 * Zero: 100 nulls in 6 bytes (more zero-byte elements than bytes, which the checked read leaves to the
 * prescan), then empty empties, deep, grid and m, and tag "". Random encodings may hold none such.
 */
const ZERO_MANY_NULLS = Uint8Array.of(0xc8, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);

describe.each(SCHEMAS)("the checked read on %s", (_name, schema, mayDecline) => {
  const w = walks(schema);
  const samples = randomEncodings(schema, 40);
  if (schema === ZERO_AVRO) samples.push(ZERO_MANY_NULLS);
  const inputs = fc.oneof(
    fc.constantFrom(...samples),
    mutated(samples, 3),
    fc.uint8Array({ maxLength: 40 }),
    fc.constantFrom(...hostile.avro.all().map((h) => h.bytes)),
  );

  it("reads every valid encoding under the default limits", () => {
    for (const bytes of samples) {
      const got = w.checked(bytes, DEFAULT_LIMITS);
      if (got === undefined && mayDecline) continue;
      expect(got).toStrictEqual(w.read(bytes));
    }
  });

  test.prop([inputs], { numRuns: 400 })("the default limits: what prescan + read do", (bytes) => {
    agrees(w, bytes, DEFAULT_LIMITS, mayDecline);
  });

  test.prop([inputs, tight], { numRuns: 400 })("tight limits: the same", (bytes, some) => {
    agrees(w, bytes, resolveLimits(some), mayDecline);
  });
});

describe.each(MESSAGE_NAMES.map((m) => [m] as [MessageName]))("the checked read on %s", (message) => {
  const w = walks(AVRO_SCHEMAS[message]);
  const c = codec(message, "avro", { allowNonFinite: true });
  const arb = arbitraries.all({ allowNonFinite: true, maxKeys: 3, maxElements: 8 })[
    message
  ] as fc.Arbitrary<unknown>;
  const samples = fc.sample(arb, { numRuns: 10, seed: 7 }).map((v) => c.encode(v as never));

  test.prop([fc.oneof(fc.constantFrom(...samples), mutated(samples, 3)), tight], { numRuns: 150 })(
    "its own limits and tight ones: what prescan + read do",
    (bytes, some) => {
      agrees(w, bytes, c.limits, false);
      agrees(w, bytes, resolveLimits({ ...c.limits, ...some }), false);
    },
  );
});

it("more zero-byte elements than input bytes: left to the prescan, which accepts them", () => {
  const w = walks(ZERO_AVRO);
  expect(w.checked(ZERO_MANY_NULLS, DEFAULT_LIMITS)).toBeUndefined();
  w.prescan(ZERO_MANY_NULLS, DEFAULT_LIMITS);
  expect((w.read(ZERO_MANY_NULLS) as { nulls: unknown[] }).nulls).toHaveLength(100);
});

it("the property tests met reads, refusals and (zero-byte elements) inputs left to the prescan", () => {
  expect(tally.read).toBeGreaterThan(500);
  expect(tally.refused).toBeGreaterThan(500);
  expect(tally.leftToPrescan).toBeGreaterThan(0);
});

describe("pinned: each check the prescan makes, made by the checked read too", () => {
  const utf8 = (t: string) => [...new TextEncoder().encode(t)];
  const nested = {
    type: "record",
    name: "R",
    fields: [
      {
        name: "s",
        type: {
          type: "record",
          name: "S",
          fields: [{ name: "t", type: { type: "record", name: "T", fields: [{ name: "x", type: "int" }] } }],
        },
      },
    ],
  };
  const twoArrays = {
    type: "record",
    name: "A2",
    fields: [
      { name: "a", type: { type: "array", items: "null" } },
      { name: "b", type: { type: "array", items: "null" } },
      { name: "pad", type: "string" },
    ],
  };
  const emptyRecord = { type: "record", name: "E", fields: [] };
  const withEnum = {
    type: "record",
    name: "WithEnum",
    fields: [{ name: "e", type: { type: "enum", name: "AB", symbols: ["A", "B"] } }],
  };
  // [what, schema, bytes, limits, refused]: each refusal has a twin that passes, so neither is vacuous.
  const CASES: [string, object, number[], Partial<Limits>, boolean][] = [
    ["a record past maxDepth", nested, [0x02], { maxDepth: 2 }, true],
    ["a record at maxDepth", nested, [0x02], { maxDepth: 3 }, false],
    [
      "an array block whose byte size is not its items'",
      { type: "array", items: "int" },
      [0x01, 0x04, 0x02, 0x00],
      {},
      true,
    ],
    [
      "an array block of the right byte size",
      { type: "array", items: "int" },
      [0x01, 0x02, 0x02, 0x00],
      {},
      false,
    ],
    [
      "a map block whose byte size is not its items'",
      { type: "map", values: "int" },
      [0x01, 0x08, 0x02, 0x61, 0x02, 0x00],
      {},
      true,
    ],
    [
      "a map block of the right byte size",
      { type: "map", values: "int" },
      [0x01, 0x06, 0x02, 0x61, 0x02, 0x00],
      {},
      false,
    ],
    [
      "a map key __proto__",
      { type: "map", values: "int" },
      [0x02, 0x12, ...utf8("__proto__"), 0x02, 0x00],
      {},
      true,
    ],
    [
      "a map key constructor",
      { type: "map", values: "int" },
      [0x02, 0x16, ...utf8("constructor"), 0x02, 0x00],
      {},
      true,
    ],
    [
      "a map key toString",
      { type: "map", values: "int" },
      [0x02, 0x10, ...utf8("toString"), 0x02, 0x00],
      {},
      false,
    ],
    [
      "a map key seen twice",
      { type: "map", values: "int" },
      [0x04, 0x02, 0x61, 0x02, 0x02, 0x61, 0x04, 0x00],
      {},
      true,
    ],
    [
      "a fixed past maxBinaryBytes",
      { type: "fixed", name: "F", size: 8 },
      Array(8).fill(1),
      { maxBinaryBytes: 4 },
      true,
    ],
    [
      "a fixed at maxBinaryBytes",
      { type: "fixed", name: "F", size: 8 },
      Array(8).fill(1),
      { maxBinaryBytes: 8 },
      false,
    ],
    [
      "zero-byte elements past maxArrayLength in the message",
      twoArrays,
      [0x0e, 0x00, 0x0e, 0x00, 0x18, ...Array(12).fill(0x61)],
      { maxArrayLength: 12 },
      true,
    ],
    [
      "zero-byte elements within it",
      twoArrays,
      [0x0c, 0x00, 0x0c, 0x00, 0x18, ...Array(12).fill(0x61)],
      { maxArrayLength: 12 },
      false,
    ],
    // In a record: at the top an unread enum is undefined anyway, which leaves it to the prescan.
    ["an enum index one past its symbols", withEnum, [0x04], {}, true],
    ["an enum's last symbol", withEnum, [0x02], {}, false],
    ["a boolean byte of 2", "boolean" as unknown as object, [0x02], {}, true],
    ["an int of 6 bytes", "int" as unknown as object, [0x80, 0x80, 0x80, 0x80, 0x80, 0x01], {}, true],
    ["a long past 64 bits", "long" as unknown as object, [...Array(9).fill(0xff), 0x02], {}, true],
    ["the longest long", "long" as unknown as object, [...Array(9).fill(0xff), 0x01], {}, false],
    // Zero-byte items are counted, never walked: the prescan's depth check for them is a separate line.
    [
      "empty records past maxDepth",
      { type: "array", items: emptyRecord },
      [0x02, 0x00],
      { maxDepth: 1 },
      true,
    ],
    [
      "empty records at maxDepth",
      { type: "array", items: emptyRecord },
      [0x02, 0x00],
      { maxDepth: 2 },
      false,
    ],
  ];
  it.each(CASES)("%s", (_what, schema, bytes, some, refused) => {
    const w = walks(schema);
    const input = Uint8Array.from(bytes);
    const limits = resolveLimits(some);
    let prescanned = true;
    try {
      w.prescan(input, limits);
      w.read(input);
    } catch {
      prescanned = false;
    }
    expect(prescanned).toBe(!refused);
    agrees(w, input, limits, false);
    if (!refused) expect(w.checked(input, limits)).not.toBeUndefined();
  });
});

describe("zero-byte elements", () => {
  const w = walks({ type: "array", items: "null" });
  const count = (n: number) => {
    // A block of n nulls (zigzag varint count), then the end.
    const out: number[] = [];
    let z = n * 2;
    while (z >= 0x80) {
      out.push((z & 0x7f) | 0x80);
      z = Math.floor(z / 128);
    }
    out.push(z, 0);
    return Uint8Array.from(out);
  };

  it("up to one per byte of input are read in the one pass; more are left to the prescan and the reader", () => {
    expect(w.checked(count(2), DEFAULT_LIMITS)).toEqual([null, null]);
    expect(w.checked(count(3), DEFAULT_LIMITS)).toBeUndefined();
    const nulls = avroCodec({ type: { type: "array", items: "null" }, schema: z.array(z.null()) });
    expect(nulls.decode(count(1000))).toHaveLength(1000);
  });

  it("2^20 of them in five bytes (within maxArrayLength): the one pass gives up before building any", () => {
    const bytes = count(2 ** 20);
    expect(bytes.length).toBe(5);
    w.prescan(bytes, DEFAULT_LIMITS); // accepted: the limits allow them, and the codec's reader builds them
    const m = measure(() => w.checked(bytes, DEFAULT_LIMITS));
    expect(m.value).toBeUndefined();
    // Building 2^20 nulls takes ~8 MB and tens of ms here; giving up takes neither.
    expect(m.heapGrowth).toBeLessThan(1024 * 1024);
    expect(m.cpuMs).toBeLessThan(TIME_BUDGET_MS);
  });
});

describe("the codec", () => {
  /** A codec on Avro's driver, and the same without the checked read (prescan first, as before it). */
  function codecs(
    schema: object,
    limits: Readonly<Limits>,
    prescan?: WireDriver["prescan"],
  ): [Codec<unknown>, Codec<unknown>] {
    const make = (checked: boolean) => {
      const driver = avroDriver(avscType(schema as never));
      const d: WireDriver = {
        ...driver,
        prescan: prescan ?? driver.prescan,
        readChecked: checked ? driver.readChecked : undefined,
      };
      return createCodec({ driver: d, schema: z.unknown(), limits, name: "test" });
    };
    return [make(true), make(false)];
  }
  const samples = randomEncodings(KITCHEN_AVRO, 20);
  const inputs = fc.oneof(fc.constantFrom(...samples), mutated(samples, 3), fc.uint8Array({ maxLength: 40 }));

  test.prop([inputs, tight], { numRuns: 300 })(
    "the same value or error as a prescan-first decode",
    (bytes, some) => {
      for (const limits of [resolveLimits(some), DEFAULT_LIMITS]) {
        const [a, b] = codecs(KITCHEN_AVRO, limits);
        sameOutcome(a.safeDecode(bytes), b.safeDecode(bytes));
      }
    },
  );

  it("small inputs are not prescanned; over 16 KiB they are, before the reader allocates", () => {
    const prescan = vi.fn(avroDriver(avscType("bytes")).prescan);
    const [c] = codecs("bytes" as unknown as object, DEFAULT_LIMITS, prescan);
    const small = Uint8Array.from([200, 1, ...new Uint8Array(100).fill(7)]); // length 100, then the bytes
    const big = Uint8Array.from([0xc0, 0xb8, 0x02, ...new Uint8Array(20_000).fill(7)]); // length 20,000
    expect(c.decode(small)).toEqual(new Uint8Array(100).fill(7));
    expect(prescan).not.toHaveBeenCalled();
    expect(c.decode(big)).toEqual(new Uint8Array(20_000).fill(7));
    expect(prescan).toHaveBeenCalledTimes(1);
  });
});

// With maxDepth set above what the stack holds, the walks run out of stack at depths that differ (the
// prescan's frames are bigger) and that move with what the JIT has compiled: a one-pass read that went as
// deep as maxDepth let it could decode what the prescan-first decode refuses as "nesting ran out of
// stack". The checked read stops at CHECKED_READ_LEVELS, well within what both walks hold, and leaves
// deeper bytes to the prescan: past it both decodes run the same walks. Checked here at the bound, not by
// running out of stack.
describe("nesting past CHECKED_READ_LEVELS, with maxDepth far above it", () => {
  const limits = resolveLimits({ maxDepth: 1_000_000 });
  const RECORDS = { type: "record", name: "R", fields: [{ name: "n", type: ["null", "R"] }] };
  const ARRAYS = { type: "record", name: "A", fields: [{ name: "k", type: { type: "array", items: "A" } }] };
  const MAPS = { type: "record", name: "M", fields: [{ name: "k", type: { type: "map", values: "M" } }] };
  /** R nested down to `levels` (each record a level: the union adds none): branch 1, ..., then null. */
  const records = (levels: number) => Uint8Array.from([...Array(levels - 1).fill(0x02), 0x00]);
  /** A record (odd levels) and array (even levels) down to `levels` (even): one-item blocks, then ends. */
  const arrays = (levels: number) =>
    Uint8Array.from([...Array(levels / 2 - 1).fill(0x02), ...Array(levels / 2).fill(0x00)]);
  /** The same with maps: one entry, key "a", a block at a time. */
  const maps = (levels: number) =>
    Uint8Array.from([
      ...Array.from({ length: levels / 2 - 1 }, () => [0x02, 0x02, 0x61]).flat(),
      ...Array(levels / 2).fill(0x00),
    ]);
  const CASES: [string, object, (levels: number) => Uint8Array][] = [
    ["records in unions", RECORDS, records],
    ["records in arrays", ARRAYS, arrays],
    ["records in maps", MAPS, maps],
  ];

  it("the bound is far below maxDepth here, and its deepest inputs are small enough for the one pass", () => {
    expect(limits.maxDepth).toBeGreaterThan(CHECKED_READ_LEVELS);
    for (const [, , nest] of CASES)
      expect(nest(2 * CHECKED_READ_LEVELS).length).toBeLessThan(CHECKED_READ_BYTES);
  });

  describe.each(CASES)("%s", (_what, schema, nest) => {
    const w = walks(schema);
    const deepest = (bytes: Uint8Array) => {
      w.prescan(bytes, limits); // accepted: maxDepth allows it, and the stack holds it
      return w.read(bytes);
    };

    it("down to the bound: read in one pass, as prescan + read read it", () => {
      const bytes = nest(CHECKED_READ_LEVELS);
      const got = w.checked(bytes, limits);
      expect(got).not.toBeUndefined();
      expect(got).toStrictEqual(deepest(bytes));
    });

    it("past it: the one pass gives up, although prescan + read accept it", () => {
      for (const levels of [CHECKED_READ_LEVELS + 2, 2 * CHECKED_READ_LEVELS]) {
        const bytes = nest(levels);
        expect(w.checked(bytes, limits)).toBeUndefined();
        expect(deepest(bytes)).not.toBeUndefined();
      }
    });

    it("the codec: one pass to the bound, prescan first past it, the same value as a prescan-first decode", () => {
      const driver = avroDriver(avscType(schema as never));
      const prescan = vi.fn(driver.prescan);
      const onePass = createCodec({ driver: { ...driver, prescan }, schema: z.unknown(), limits, name: "R" });
      const prescanFirst = createCodec({
        driver: { ...driver, readChecked: undefined },
        schema: z.unknown(),
        limits,
        name: "R",
      });
      const within = nest(CHECKED_READ_LEVELS);
      sameOutcome(onePass.safeDecode(within), prescanFirst.safeDecode(within));
      expect(prescan).not.toHaveBeenCalled();
      const past = nest(CHECKED_READ_LEVELS + 2);
      const r = onePass.safeDecode(past);
      expect(prescan).toHaveBeenCalledTimes(1);
      expect(r.ok).toBe(true);
      sameOutcome(r, prescanFirst.safeDecode(past));
    });
  });

  it("records: the bound's level is read, the next is left to the prescan; a lower maxDepth decides", () => {
    const w = walks(RECORDS);
    expect(w.checked(records(CHECKED_READ_LEVELS), limits)).not.toBeUndefined();
    expect(w.checked(records(CHECKED_READ_LEVELS + 1), limits)).toBeUndefined();
    // Under a maxDepth of its own below the bound, the bound changes nothing: maxDepth decides.
    const tight = resolveLimits({ maxDepth: 100 });
    expect(w.checked(records(100), tight)).not.toBeUndefined();
    expect(w.checked(records(101), tight)).toBeUndefined();
  });
});
