// Generated protobuf readers (src/formats/protobuf/generate.ts) against the table reader's checked read
// (read.ts), which they stand in front of: wherever a generated reader returns a value, the table reader
// returns the same value for the same bytes and limits, strictly (see strictDiff) and with the same key
// order; it may give up on more. Held on the robotics set (src/generated/robotics-readers.ts, what the
// robotics codecs use) and on a test schema with every field kind the generator writes, generated here.
// READ_RUNS=5000 npx vitest run test/protobuf-generated: more random inputs than the default.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fc, test } from "@fast-check/vitest";
import protobuf, { type Type } from "protobufjs";
import { describe, expect } from "vitest";
import { z } from "zod";
import { createCodec } from "../src/codec.js";
import { protobufCodec, protobufDriver } from "../src/formats/protobuf/codec.js";
import { generateReaders, readerFingerprint, unsupported } from "../src/formats/protobuf/generate.js";
import {
  compileReader,
  type GeneratedReader,
  readGenerated,
  type TableReader,
} from "../src/formats/protobuf/read.js";
import { compileTables, type MessageTable } from "../src/formats/protobuf/tables.js";
import { readers as ROBOTICS_READERS } from "../src/generated/robotics-readers.js";
import { type Codec, DEFAULT_LIMITS, type Limits } from "../src/index.js";
import {
  limitsFor,
  MESSAGE_NAMES,
  type MessageName,
  messageSchemas,
  codec as roboticsCodec,
} from "../src/robotics/index.js";
import { protobufDescriptor, STATIC_CLASSES } from "../src/robotics/protobuf.js";
import { arbitraries, hostile, mutated } from "../src/testing/index.js";
import { NodeType, RichType, TimedActionType } from "./fixtures/protobuf/rich.js";
import { describeOnePassDecode, SAMPLE_SIZED_LIMITS, sameOutcome } from "./helpers/outcome.js";
import {
  mutatedWire,
  placed,
  strictDiff,
  TIGHT_LIMITS,
  viewsOf,
  wireBytes,
} from "./helpers/protobuf-wire.js";

const RUNS = Number(process.env.READ_RUNS ?? 300);

/** Every field kind the generator writes: scalars, repeated (packed and not), maps of each key width. */
const GEN_PROTO = `
syntax = "proto3";
package safewire.gentest;
enum Color { COLOR_ZERO = 0; COLOR_ONE = 1; COLOR_TWO = 2; }
message Empty {}
message Leaf { string s = 1; bytes b = 2; repeated bytes bs = 3; sint64 z = 4; }
message All {
  int32 i32 = 1; int64 i64 = 2; uint32 u32 = 3; uint64 u64 = 4; sint32 s32 = 5; sint64 s64 = 6;
  fixed32 fx32 = 7; fixed64 fx64 = 8; sfixed32 sfx32 = 9; sfixed64 sfx64 = 10; float f = 11; double d = 12;
  bool flag = 13; string text = 14; bytes blob = 15; Color color = 16;
  Leaf leaf = 17;
  repeated int32 ints = 18; repeated sint64 zs = 19; repeated double ds = 20; repeated float fs = 21;
  repeated bool flags = 22; repeated Color colors = 23; repeated fixed64 fx64s = 24; repeated sfixed32 sfx32s = 25;
  repeated string names = 26; repeated bytes blobs = 27; repeated Leaf leaves = 28;
  repeated uint32 unpacked = 29 [packed = false];
  map<string, Leaf> by_name = 30; map<int32, string> by_i32 = 31; map<uint32, bytes> by_u32 = 32;
  map<sint32, double> by_s32 = 33; map<fixed32, int64> by_fx32 = 34; map<sfixed32, Color> by_sfx32 = 35;
  map<bool, float> by_flag = 36; map<string, uint64> counts = 37; map<string, Empty> empties = 38;
  string far = 2047;
}
message Wrap { repeated All alls = 1; All all = 2; map<string, All> by = 3; repeated Empty empties_far = 2000; }
message TwoPresence { Leaf a = 1; Leaf b = 2; }
message WithOneof { oneof pick { string x = 1; int32 y = 2; } }
message WithOptional { optional int32 maybe = 1; }
message WithLongKeys { map<int64, string> by_id = 1; }
message Big { string far = 2048; }
message WithConstructor { string constructor = 1; }
`;
const genRoot = protobuf.parse(GEN_PROTO, { keepCase: true }).root;
const genType = (name: string) => genRoot.lookupType(`safewire.gentest.${name}`);
const GENERATED_NAMES = ["All", "Wrap", "Leaf", "Empty"] as const;

// The generator's output for the test schema, written next to the tests and imported as TypeScript.
const outDir = join(dirname(fileURLToPath(import.meta.url)), ".generated");
mkdirSync(outDir, { recursive: true });
const testSource = generateReaders([...GENERATED_NAMES.map(genType), TimedActionType], {
  runtime: "../../src/formats/protobuf/generated-runtime.js",
  source: "test/protobuf-generated.test.ts",
});
writeFileSync(join(outDir, "gentest-readers.ts"), testSource.code);
const TEST_READERS = (
  (await import(join(outDir, "gentest-readers.ts"))) as { readers: Record<string, GeneratedReader> }
).readers;

interface Case {
  readonly name: string;
  readonly gen: GeneratedReader;
  readonly table: MessageTable;
  readonly reader: TableReader;
}

function makeCase(name: string, type: Type, gen: GeneratedReader | undefined): Case {
  const table = compileTables(type);
  const reader = compileReader(table, type);
  if (gen === undefined || reader === undefined) throw new Error(`${name}: no generated or table reader`);
  return { name, gen, table, reader };
}

const roboticsCases = MESSAGE_NAMES.map((m) =>
  makeCase(`robotics ${m}`, protobufDescriptor(m), ROBOTICS_READERS[m]),
);
const testCases = [
  ...GENERATED_NAMES.map((n) => makeCase(n, genType(n), TEST_READERS[n])),
  makeCase("TimedAction", TimedActionType, TEST_READERS.TimedAction),
];

/** Where the key order of `a` and `b` differs (objects and arrays, recursively), or undefined. */
function orderDiff(a: unknown, b: unknown, path = "$"): string | undefined {
  if (typeof a !== "object" || a === null || a instanceof Uint8Array) return undefined;
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  if (ka.join("\u0000") !== kb.join("\u0000")) return `${path}: [${ka}] vs [${kb}]`;
  for (const k of ka) {
    const d = orderDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

interface Stats {
  /** The generated reader returned a value. */
  read: number;
  /** It gave up where the table reader's checked read returned one. */
  gaveUp: number;
  /** Both gave up. */
  neither: number;
}

const newStats = (): Stats => ({ read: 0, gaveUp: 0, neither: 0 });

const LIMITS: Limits = { ...DEFAULT_LIMITS, maxDepth: 1000 };

function agreeUnder(c: Case, bytes: Uint8Array, limits: Readonly<Limits>, stats: Stats): void {
  let got: Record<string, unknown> | undefined;
  try {
    got = readGenerated(c.gen, bytes, limits);
  } catch (err) {
    throw new Error(`${c.name}: the generated reader threw ${String(err)}`);
  }
  const want = c.reader(bytes, limits);
  if (got === undefined) {
    if (want === undefined) stats.neither++;
    else stats.gaveUp++;
    return;
  }
  if (want === undefined)
    throw new Error(`${c.name}: the generated reader read what the table reader gives up on`);
  const d = strictDiff(want, got) ?? orderDiff(want, got);
  if (d !== undefined) throw new Error(`${c.name}: ${d}`);
  expect(viewsOf(got, bytes), `${c.name}: bytes are views of the input`).toBe(true);
  stats.read++;
}

function agree(c: Case, bytes: Uint8Array, stats: Stats): void {
  agreeUnder(c, bytes, LIMITS, stats);
  for (const tight of TIGHT_LIMITS) agreeUnder(c, bytes, { ...LIMITS, ...tight }, stats);
}

function report(name: string, stats: Stats): void {
  if (process.env.READ_STATS) console.log(`${name}: ${JSON.stringify(stats)}`);
}

// A codec given a generated reader checks its fingerprint against the type it compiles: a reader generated
// from another definition of the message must be refused, not run.
describe("the reader fingerprint", () => {
  const fp = (proto: string) =>
    readerFingerprint(compileTables(protobuf.parse(proto, { keepCase: true }).root.lookupType("M")));

  test("tells apart a oneof from the same fields each optional (presence alike, grouping not)", () => {
    expect(fp('syntax = "proto3"; message M { oneof o { int32 a = 1; string b = 2; } }')).not.toBe(
      fp('syntax = "proto3"; message M { optional int32 a = 1; optional string b = 2; }'),
    );
  });

  test("follows message fields into the nested message", () => {
    expect(fp('syntax = "proto3"; message M { I i = 1; } message I { int32 x = 1; }')).not.toBe(
      fp('syntax = "proto3"; message M { I i = 1; } message I { int32 x = 1; int32 y = 2; }'),
    );
  });

  test("is the same for the same definition, parsed twice", () => {
    const proto = 'syntax = "proto3"; message M { I i = 1; repeated M kids = 2; } message I { int32 x = 1; }';
    expect(fp(proto)).toBe(fp(proto));
  });
});

describe("which messages are generated", () => {
  test("every robotics message, each checked against its descriptor", () => {
    for (const m of MESSAGE_NAMES) {
      const reader = ROBOTICS_READERS[m];
      expect(reader?.fingerprint, m).toBe(readerFingerprint(compileTables(protobufDescriptor(m))));
    }
    expect(Object.keys(ROBOTICS_READERS).sort()).toEqual([...MESSAGE_NAMES].sort());
    expect(testSource.skipped).toEqual([]);
  });

  test.each([
    ["TwoPresence", "more than one field with presence"],
    ["WithOneof", "has a oneof"],
    ["WithOptional", "has a oneof"], // proto3 optional is a synthetic oneof
    ["WithLongKeys", "map key type"],
    ["Big", "field number past 2047"],
    ["WithConstructor", "field name"],
  ])("%s: not generated (%s)", (name, why) => {
    const type = genType(name);
    expect(unsupported(compileTables(type), type)).toContain(why);
    const { code, skipped } = generateReaders([type], { runtime: "x", source: "y" });
    expect(skipped).toEqual([{ name: `safewire.gentest.${name}`, why: expect.stringContaining(why) }]);
    expect(code).not.toContain(`export const ${name}`);
  });

  test("a message named like the module's own exports or a reserved word is not exported", () => {
    const root = protobuf.parse(
      'syntax = "proto3"; package n; message Reader { int32 a = 1; } message readers {} message read_x {}',
      { keepCase: true },
    ).root;
    const types = ["Reader", "readers", "read_x"].map((n) => root.lookupType(`n.${n}`));
    const { code, skipped } = generateReaders(types, { runtime: "x", source: "y" });
    expect(skipped.map((s) => s.name)).toEqual(["n.Reader", "n.readers", "n.read_x"]);
    expect(code.match(/^export const \w+/gm)).toEqual(["export const readers"]); // the module's own, empty
  });

  test("recursive messages, and what the table reader does not read, are not generated", () => {
    expect(unsupported(compileTables(NodeType), NodeType)).toContain("contains itself");
    expect(unsupported(compileTables(RichType), RichType)).toContain("has a oneof");
    const proto2 = protobuf.parse('syntax = "proto2"; message R { required int32 a = 1; }', {
      keepCase: true,
    }).root;
    const r = proto2.lookupType("R");
    expect(unsupported(compileTables(r), r)).toBe("the table reader does not read it");
  });

  test("a deep chain of distinct messages is generated: only a message that reaches itself is refused", () => {
    // M0 { M1 m = 1; } ... M59 { M60 m = 1; } M60 {}: 60 levels, within protobufjs' recursion limit (100).
    const levels = Array.from({ length: 60 }, (_, i) => `message M${i} { M${i + 1} m = 1; }`);
    const root = protobuf.parse(`syntax = "proto3"; ${levels.join(" ")} message M60 {}`, {
      keepCase: true,
    }).root;
    const top = root.lookupType("M0");
    expect(unsupported(compileTables(top), top)).toBeUndefined();
    const { code, skipped } = generateReaders([top], { runtime: "x", source: "y" });
    expect(skipped).toEqual([]);
    expect(code).toContain("nesting: 60,");
  });

  test("a codec given a reader generated from another message refuses it", () => {
    const options = {
      type: STATIC_CLASSES.ActionChunk,
      descriptor: protobufDescriptor("ActionChunk"),
      schema: messageSchemas().ActionChunk,
    };
    expect(() => protobufCodec({ ...options, generated: ROBOTICS_READERS.Tensor })).toThrow(
      /generated from another definition/,
    );
    expect(() => protobufCodec({ ...options, generated: ROBOTICS_READERS.ActionChunk })).not.toThrow();
  });
});

describe("differential: generated reader vs the table reader's checked read", () => {
  describe.each(roboticsCases.map((c, i) => [c.name, c, MESSAGE_NAMES[i] as MessageName] as const))(
    "%s",
    (_name, c, message) => {
      const codec = roboticsCodec(message, "protobuf", { allowNonFinite: true });
      const arb: fc.Arbitrary<unknown> = arbitraries.all({
        allowNonFinite: true,
        maxKeys: 3,
        maxElements: 16,
      })[message];
      const encode = (v: unknown) => codec.encode(v as never);

      test.prop([arb.chain((v) => placed(encode(v)))], { numRuns: RUNS })(
        "encoded values: always read by the generated reader, as the table reader reads them",
        (bytes) => {
          const stats = newStats();
          agreeUnder(c, bytes, limitsFor(message), stats);
          expect(stats.read).toBe(1);
          agree(c, bytes, stats);
        },
      );

      test("mutated encodings, hostile payloads, random bytes", () => {
        const samples = fc.sample(arb, { numRuns: 12, seed: 7 }).map(encode);
        const attacks = hostile.protobuf.all().map((h) => h.bytes);
        const stats = newStats();
        fc.assert(
          fc.property(
            fc.oneof(mutated(samples, 2), fc.constantFrom(...attacks), fc.uint8Array({ maxLength: 32 })),
            (bytes) => agree(c, bytes, stats),
          ),
          { numRuns: RUNS * 2 },
        );
        report(`${c.name} mutated`, stats);
        expect(stats.read).toBeGreaterThan(RUNS / 10);
      });

      test.prop([wireBytes(c.table).chain((b) => placed(b))], { numRuns: RUNS })(
        "random wire bytes over its fields",
        (bytes) => agree(c, bytes, newStats()),
      );
    },
  );

  describe.each(testCases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    test("random wire bytes over its fields (every field kind, repeats, odd encodings)", () => {
      const stats = newStats();
      fc.assert(
        fc.property(
          wireBytes(c.table).chain((b) => placed(b)),
          (bytes) => agree(c, bytes, stats),
        ),
        { numRuns: RUNS * 4 },
      );
      report(`${c.name} random`, stats);
      expect(stats.read).toBeGreaterThan(RUNS / 2);
    });

    test("mutated random messages, hostile payloads", () => {
      const stats = newStats();
      fc.assert(
        fc.property(mutatedWire(c.table), (bytes) => agree(c, bytes, stats)),
        { numRuns: RUNS * 3 },
      );
      report(`${c.name} mutated`, stats);
      expect(stats.read).toBeGreaterThan(RUNS / 10);
    });
  });
});

describe("cases pinned down", () => {
  const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ""), "hex"));
  const actionChunkCase = roboticsCases[MESSAGE_NAMES.indexOf("ActionChunk")] as Case;
  const limits = limitsFor("ActionChunk");
  // The robotics ActionChunk codec's driver, with any value accepted: what the reads make of the bytes.
  const anyActionChunk = protobufCodec({
    type: STATIC_CLASSES.ActionChunk,
    descriptor: protobufDescriptor("ActionChunk"),
    schema: z.unknown(),
    limits,
    generated: ROBOTICS_READERS.ActionChunk,
  });

  test("a message field seen twice: the generated reader gives up, the codec merges as protobufjs does", () => {
    expect(actionChunkCase.name).toBe("robotics ActionChunk");
    // actions { dtype: "uint8" } then actions { shape: [1, 1] data: [7] }: protobufjs merges the two.
    const bytes = hex("22 07 0a05 75696e7438   22 07 1202 0101 1a01 07");
    expect(readGenerated(actionChunkCase.gen, bytes, limits)).toBeUndefined();
    const decoded = anyActionChunk.decode(bytes) as { actions: unknown };
    expect(decoded.actions).toEqual({ dtype: "uint8", shape: [1, 1], data: Uint8Array.of(7) });
    expect(roboticsCodec("ActionChunk", "protobuf").decode(bytes).actions).toEqual(decoded.actions);
  });

  test("an unknown field: the generated reader gives up, the codec skips it (proto3) after the prescan", () => {
    const bytes = hex("08 01  f801 00"); // timestamp_ns = 1, then field 31 (unknown), varint 0
    expect(readGenerated(actionChunkCase.gen, bytes, limits)).toBeUndefined();
    expect(actionChunkCase.reader(bytes, limits)).toBeUndefined();
    expect(anyActionChunk.decode(bytes)).toEqual({
      timestamp_ns: 1n,
      timestep: 0n,
      step_ns: 0n,
      action_names: [],
    });
  });

  test("nesting past protobufjs' recursion limit: the generated reader leaves it to the table reader", () => {
    const wrap = testCases[1] as Case;
    expect(wrap.gen.nesting).toBe(2); // Wrap > All > Leaf
    const bytes = hex("0a 00"); // one empty All in alls
    const saved = protobuf.Reader.recursionLimit;
    try {
      protobuf.Reader.recursionLimit = 1;
      expect(readGenerated(wrap.gen, bytes, LIMITS)).toBeUndefined();
      protobuf.Reader.recursionLimit = 2;
      expect(readGenerated(wrap.gen, bytes, LIMITS)).toBeDefined();
    } finally {
      protobuf.Reader.recursionLimit = saved;
    }
  });

  test("a packed run whose last element ends past the run: the generated reader gives up, the codec refuses", () => {
    const all = testCases[0] as Case;
    // fs (21) packed, 5 bytes: one float and one byte; the second float would take 3 bytes past the run,
    // which are then the rest of the message (read as one more float, the bytes end where it does).
    const bytes = hex("aa01 05 0000803f 00   08 01 00");
    expect(readGenerated(all.gen, bytes, LIMITS)).toBeUndefined();
    expect(all.reader(bytes, LIMITS)).toBeUndefined();
    const codec = protobufCodec({ type: genType("All"), schema: z.unknown(), generated: all.gen });
    const r = codec.safeDecode(bytes);
    expect(r.ok ? "decoded" : r.error.code).toBe("malformed");
  });

  test("a map entry without its message value gets an empty message, as protobufjs' map decoder does", () => {
    const all = testCases[0] as Case;
    const bytes = hex("f201 03 0a01 6b"); // by_name: { k: (no value) }
    const got = readGenerated(all.gen, bytes, LIMITS) as { by_name: Record<string, unknown> };
    expect(got.by_name).toEqual({ k: { s: "", b: new Uint8Array(0), bs: [], z: 0n } });
    expect(strictDiff(all.reader(bytes, LIMITS), got)).toBeUndefined();
  });
});

describe("inputs over 16 KiB: the generated reader reads them after the prescan", () => {
  const schema = messageSchemas({ allowNonFinite: true }).Observation as z.ZodType<unknown>;
  const limits = limitsFor("Observation");
  let calls = 0;
  const counting: GeneratedReader = {
    ...(ROBOTICS_READERS.Observation as GeneratedReader),
    read: (r) => {
      const out = (ROBOTICS_READERS.Observation as GeneratedReader).read(r);
      calls++; // counts reads that returned (giving up throws past this)
      return out;
    },
  };
  const options = {
    type: STATIC_CLASSES.Observation,
    descriptor: protobufDescriptor("Observation"),
    schema,
    limits,
  };
  const generated = protobufCodec({ ...options, generated: counting });
  const tableOnly = protobufCodec(options);
  const frame = (seed: number) => ({
    height: 100,
    width: 100,
    encoding: "rgb8" as const,
    step: 300,
    data: Uint8Array.from({ length: 30_000 }, (_, i) => (i * 31 + seed) & 0xff),
  });
  const value = {
    timestamp_ns: 1_767_225_600_000_000_000n,
    timestep: 7n,
    task: "stack the blocks",
    must_go: true,
    state: { dtype: "float32" as const, shape: [2], data: new Uint8Array(8) },
    state_names: ["a", "b"],
    images: { front: frame(1), wrist: frame(2) },
    extras: {},
  };
  const bytes = tableOnly.encode(value as never);

  test("the same value as the table reader, in the same key order, and views of the input", () => {
    expect(bytes.length).toBeGreaterThan(16 * 1024);
    calls = 0;
    const got = generated.decode(bytes);
    expect(calls).toBe(1);
    const want = tableOnly.decode(bytes);
    expect(strictDiff(want, got) ?? orderDiff(want, got)).toBeUndefined();
    expect(viewsOf(got, bytes)).toBe(true);
  });

  test.prop([mutated([bytes], 3)], { numRuns: RUNS })("mutated: the same value or error", (input) => {
    sameOutcome(generated.safeDecode(input), tableOnly.safeDecode(input));
  });
});

// The robotics codecs read small inputs with the generated readers: held, like the table reader's
// checked read, to a decode that prescans first (same values, same errors, byte for byte).
describeOnePassDecode(
  (message: MessageName, limits: Readonly<Limits>): [Codec<unknown>, Codec<unknown>] => {
    const schema = messageSchemas({ allowNonFinite: true })[message] as z.ZodType<unknown>;
    const { driver } = protobufDriver({
      type: STATIC_CLASSES[message],
      descriptor: protobufDescriptor(message),
      schema,
      limits,
      generated: ROBOTICS_READERS[message],
    });
    const make = (d: typeof driver) =>
      createCodec({ driver: d, schema, limits, name: message }) as Codec<unknown>;
    return [make(driver), make({ ...driver, readChecked: undefined })];
  },
  hostile.protobuf.all().map((h) => h.bytes),
  SAMPLE_SIZED_LIMITS,
  50,
);
