// The table reader (src/formats/protobuf/read.ts) against the path it replaces: protobufjs' decode
// followed by normalise.ts (toPlain / finishDirect), as `protobufDriver(options, false)` still runs it.
// Both drivers prescan the same bytes; where the prescan accepts, the two reads must agree exactly:
// same keys in the same order, same prototypes, bigint vs number, Object.is on numbers (-0, NaN), the
// same Uint8Array views (same buffer, offset and length; the shared frozen empty one where the old
// path has it), and where the old path throws, the new one throws the same error.
// READ_RUNS=5000 npx vitest run test/protobuf-read: more random inputs than the default.
import { fc, test } from "@fast-check/vitest";
import protobuf from "protobufjs";
import { describe, expect } from "vitest";
import { z } from "zod";
import { KITCHEN_PROTO } from "../fuzz/targets/protobuf.js";
import {
  type ProtobufCodecOptions,
  type ProtobufDriverParts,
  protobufCodec,
  protobufDriver,
} from "../src/formats/protobuf/codec.js";
import { asView } from "../src/formats/protobuf/normalise.js";
import { compileReader } from "../src/formats/protobuf/read.js";
import { compileTables, EMPTY_BYTES, type MessageTable } from "../src/formats/protobuf/tables.js";
import { DEFAULT_LIMITS, type Limits } from "../src/index.js";
import {
  limitsFor,
  type MessageName,
  messageSchemas,
  codec as roboticsCodec,
} from "../src/robotics/index.js";
import { protobufDescriptor, STATIC_CLASSES } from "../src/robotics/protobuf.js";
import { arbitraries, mutated } from "../src/testing/index.js";
import {
  emptyRich,
  fullRich,
  NodeDescriptor,
  NodeStatic,
  NodeType,
  RichDescriptor,
  RichStatic,
  RichType,
  TimedActionDescriptor,
  TimedActionStatic,
  TimedActionType,
} from "./fixtures/protobuf/rich.js";
import {
  mutatedWire,
  placed,
  pushUint,
  Rng,
  strictDiff,
  TIGHT_LIMITS,
  viewsOf,
  wireBytes,
} from "./helpers/protobuf-wire.js";

const RUNS = Number(process.env.READ_RUNS ?? 300);

// ---- extra schemas: what the fixtures do not reach ----

/** proto3 corners: an enum whose first value is not 0, every 64-bit map key, sparse and maximal field numbers, an empty message. */
const EDGE_PROTO = `
syntax = "proto3";
package safewire.readtest;
enum Shifted { SHIFTED_ONE = 1; SHIFTED_ZERO = 0; SHIFTED_TWO = 2; }
message Empty {}
message Leaf {
  sint64 s = 1; map<sfixed64, Leaf> kids = 2; optional bytes maybe = 3; bytes blob = 4; repeated bytes blobs = 5;
}
message Edge {
  Shifted shifted = 1; repeated Shifted shifts = 2; map<fixed64, Shifted> by_fx = 3; map<sint64, Leaf> by_s64 = 4;
  map<uint64, int64> by_u64 = 5; map<int32, bytes> by_i32 = 6; map<bool, string> by_bool = 7;
  map<string, sfixed64> by_name = 8; map<sfixed32, float> by_sfx32 = 9; map<uint32, Empty> by_u32 = 10;
  Empty empty = 11; Leaf leaf = 12; optional string opt_text = 13; optional bytes opt_blob = 14;
  optional Shifted opt_enum = 15;
  oneof pick { Leaf pick_leaf = 16; bytes pick_blob = 17; double pick_num = 18; Empty pick_empty = 19; }
  repeated Leaf leaves = 20; repeated sint32 s32s = 21; repeated fixed32 fx32s = 22; repeated sfixed64 sfx64s = 23;
  repeated uint64 u64s = 24; repeated bool flags = 25; float f = 26; Edge next = 27;
  map<int64, string> by_i64 = 28; map<string, bytes> blobs_by_name = 29;
  string far = 5000; repeated int64 far_list = 536870911;
}`;

/** proto2: plain optional fields are read by the table reader; groups, required, defaults and closed enums are not. */
const PROTO2 = `
syntax = "proto2";
package safewire.readtest2;
enum Closed { CLOSED_A = 0; CLOSED_B = 1; }
message Plain { optional int32 x = 1; optional string s = 2; repeated int32 r = 3; optional bytes b = 4; optional Plain p = 5; }
message WithGroup { optional group G = 1 { optional int32 x = 2; } }
message WithRequired { required int32 x = 1; }
message WithDefault { optional int32 x = 1 [default = 5]; }
message WithClosed { optional Closed c = 1; }
message Outer { optional Plain plain = 1; optional WithDefault inner = 2; }
`;

const edgeRoot = protobuf.parse(EDGE_PROTO, { keepCase: true }).root;
const EdgeType = edgeRoot.lookupType("safewire.readtest.Edge");
const proto2Root = protobuf.parse(PROTO2, { keepCase: true }).root;
const KitchenType = protobuf
  .parse(KITCHEN_PROTO, { keepCase: true })
  .root.lookupType("safewire.fuzz.Kitchen");

// ---- the two drivers ----

const LIMITS: Limits = { ...DEFAULT_LIMITS, maxDepth: 1000 };

interface Pair {
  readonly name: string;
  readonly old: ProtobufDriverParts;
  readonly fresh: ProtobufDriverParts;
  readonly table: MessageTable;
}

function pair(name: string, options: ProtobufCodecOptions<unknown>): Pair {
  const old = protobufDriver(options, false);
  const fresh = protobufDriver(options, true);
  return { name, old, fresh, table: fresh.table };
}

const anySchema = z.unknown();
const ROBOTICS = Object.keys(STATIC_CLASSES) as MessageName[];

const roboticsPairs = ROBOTICS.map((m) =>
  pair(`robotics ${m}`, {
    type: STATIC_CLASSES[m],
    descriptor: protobufDescriptor(m),
    schema: messageSchemas({ allowNonFinite: true })[m] as z.ZodType<unknown>,
    limits: limitsFor(m),
  }),
);

const fixturePairs = [
  pair("Rich (reflection)", { type: RichType, schema: anySchema, limits: LIMITS }),
  pair("Rich (static)", { type: RichStatic, descriptor: RichDescriptor, schema: anySchema, limits: LIMITS }),
  pair("Node (reflection)", { type: NodeType, schema: anySchema, limits: LIMITS }),
  pair("Node (static)", { type: NodeStatic, descriptor: NodeDescriptor, schema: anySchema, limits: LIMITS }),
  pair("TimedAction (reflection)", { type: TimedActionType, schema: anySchema, limits: LIMITS }),
  pair("TimedAction (static)", {
    type: TimedActionStatic,
    descriptor: TimedActionDescriptor,
    schema: anySchema,
    limits: LIMITS,
  }),
  pair("Kitchen (fuzz target)", { type: KitchenType, schema: anySchema, limits: LIMITS }),
  pair("Edge", { type: EdgeType, schema: anySchema, limits: LIMITS }),
  pair("proto2 Plain", {
    type: proto2Root.lookupType("safewire.readtest2.Plain"),
    schema: anySchema,
    limits: LIMITS,
  }),
];

type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

function outcome(fn: () => unknown): Outcome {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

interface Stats {
  refused: number;
  compared: number;
  readerGaveUp: number;
  oldThrew: number;
  /** Checked reads (no prescan) that returned a value, and those that gave up on bytes the prescan accepts. */
  checkedRead: number;
  checkedGaveUp: number;
}

const newStats = (): Stats => ({
  refused: 0,
  compared: 0,
  readerGaveUp: 0,
  oldThrew: 0,
  checkedRead: 0,
  checkedGaveUp: 0,
});

/**
 * The checked read (the reader with limits, no prescan) under `limits`: it never throws, and when it
 * returns a value the prescan accepts the bytes under the same limits and the read after that prescan
 * returns the same value.
 */
function checkedAgrees(p: Pair, bytes: Uint8Array, limits: Readonly<Limits>, stats: Stats): void {
  const reader = p.fresh.reader;
  if (reader === undefined) return;
  const checked = outcome(() => reader(bytes, limits));
  if (!checked.ok) throw new Error(`${p.name}: the checked read threw ${checked.error}`);
  const scan = outcome(() => p.fresh.driver.prescan(bytes, limits));
  if (checked.value === undefined) {
    if (scan.ok) stats.checkedGaveUp++;
    return;
  }
  if (!scan.ok)
    throw new Error(`${p.name}: the checked read accepted what the prescan refuses: ${scan.error}`);
  stats.checkedRead++;
  const after = outcome(() => reader(asView(bytes)));
  if (!after.ok || after.value === undefined)
    throw new Error(`${p.name}: the checked read decoded what the reader after the prescan does not`);
  const d = strictDiff(after.value, checked.value);
  if (d !== undefined) throw new Error(`${p.name} (checked read): ${d}`);
}

/** READ_STATS=1: how many inputs each test compared (the rest the prescan refused). */
function report(name: string, stats: Stats): void {
  if (process.env.READ_STATS) console.log(`${name}: ${JSON.stringify(stats)}`);
}

/**
 * Prescans and reads `bytes` with both drivers and asserts they agree. Also runs the reader alone,
 * which must give the same value or give up (return undefined).
 */
function agree(p: Pair, bytes: Uint8Array, stats: Stats): void {
  checkedAgrees(p, bytes, p.fresh.limits, stats);
  for (const tight of TIGHT_LIMITS) checkedAgrees(p, bytes, { ...p.fresh.limits, ...tight }, stats);
  const scan = outcome(() => p.old.driver.prescan(bytes, p.old.limits));
  if (!scan.ok) {
    stats.refused++;
    return;
  }
  const expected = outcome(() => p.old.driver.read(bytes));
  p.fresh.driver.prescan(bytes, p.fresh.limits);
  const actual = outcome(() => p.fresh.driver.read(bytes));
  stats.compared++;
  if (!expected.ok) {
    stats.oldThrew++;
    expect(actual, `${p.name}: the old path threw, the new one must too`).toEqual(expected);
  } else {
    if (!actual.ok) throw new Error(`${p.name}: the new path threw ${actual.error}`);
    const d = strictDiff(expected.value, actual.value);
    if (d !== undefined) throw new Error(`${p.name}: ${d}`);
    expect(viewsOf(actual.value, bytes), `${p.name}: bytes are views of the input`).toBe(true);
  }
  if (p.fresh.reader !== undefined) {
    // The reader alone, right after a prescan of the same bytes (as the driver calls it).
    p.fresh.driver.prescan(bytes, p.fresh.limits);
    const direct = outcome(() => (p.fresh.reader as (b: Uint8Array) => unknown)(asView(bytes)));
    if (!direct.ok) throw new Error(`${p.name}: the reader threw ${direct.error}`);
    if (direct.value === undefined) stats.readerGaveUp++;
    else if (expected.ok) {
      const d = strictDiff(expected.value, direct.value);
      if (d !== undefined) throw new Error(`${p.name} (reader alone): ${d}`);
    } else throw new Error(`${p.name}: the reader decoded what protobufjs refused (${expected.error})`);
  }
}

// ---- the tests ----

describe("which messages the table reader takes", () => {
  test.each(roboticsPairs.map((p) => [p.name, p] as const))("%s: reader", (_name, p) => {
    expect(p.fresh.reader).toBeDefined();
    expect(p.old.reader).toBeUndefined();
  });

  test.each(fixturePairs.map((p) => [p.name, p] as const))("%s: reader", (_name, p) => {
    expect(p.fresh.reader).toBeDefined();
  });

  test.each([
    "safewire.readtest2.WithGroup",
    "safewire.readtest2.WithRequired",
    "safewire.readtest2.WithDefault",
    "safewire.readtest2.WithClosed",
    "safewire.readtest2.Outer", // reaches WithDefault
  ])("%s: protobufjs decodes (the reader does not emulate it)", (name) => {
    const type = proto2Root.lookupType(name);
    expect(compileReader(compileTables(type), type)).toBeUndefined();
    const d = protobufDriver({ type, schema: anySchema });
    expect(d.reader).toBeUndefined();
  });

  test("a static class from another protobufjs (no target argument to decode) keeps its decode", () => {
    const legacy = Object.assign(function Legacy() {}, {
      encode: RichStatic.encode,
      decode: (r: Uint8Array) => RichStatic.decode(r),
    });
    legacy.prototype = RichStatic.prototype;
    const d = protobufDriver({
      type: legacy as unknown as typeof RichStatic,
      descriptor: RichDescriptor,
      schema: anySchema,
    });
    expect(d.reader).toBeUndefined();
  });

  test("a static class with a field its descriptor lacks keeps its decode (that field would show)", () => {
    const Wider = Object.assign(function Wider() {}, {
      encode: RichStatic.encode,
      decode: RichStatic.decode,
    });
    Wider.prototype = Object.create(RichStatic.prototype, {
      added_later: { value: 0, enumerable: true, writable: true },
    });
    const d = protobufDriver({
      type: Wider as unknown as typeof RichStatic,
      descriptor: RichDescriptor,
      schema: anySchema,
    });
    expect(d.reader).toBeUndefined();
  });

  test("compiled once per table", () => {
    const t = compileTables(EdgeType);
    expect(compileReader(t, EdgeType)).toBe(compileReader(t, EdgeType));
  });
});

describe("differential: table reader vs protobufjs + normalise", () => {
  describe.each(roboticsPairs.map((p, i) => [p.name, p, ROBOTICS[i] as MessageName] as const))(
    "%s",
    (_name, p, message) => {
      const codec = roboticsCodec(message, "protobuf", { allowNonFinite: true });
      const arb: fc.Arbitrary<unknown> = arbitraries.all({
        allowNonFinite: true,
        maxKeys: 3,
        maxElements: 16,
      })[message];
      const encode = (v: unknown) => codec.encode(v as never);

      test.prop([arb.chain((v) => placed(encode(v)))], { numRuns: RUNS })("encoded values", (bytes) => {
        agree(p, bytes, newStats());
        // What safewire writes (no unknown fields, short tags and lengths) takes the one-pass checked read.
        expect(p.fresh.reader?.(bytes, p.fresh.limits)).toBeDefined();
      });

      const samples = fc.sample(arb, { numRuns: 12, seed: 7 }).map(encode);
      test("mutated encodings that still pass the prescan", () => {
        const stats = newStats();
        fc.assert(
          fc.property(
            mutated(samples, 2).chain((b) => placed(b)),
            (bytes) => agree(p, bytes, stats),
          ),
          { numRuns: RUNS * 4 },
        );
        report(`${p.name} mutated`, stats);
        expect(stats.compared).toBeGreaterThan(RUNS / 20);
      });

      test.prop([wireBytes(p.table).chain((b) => placed(b))], { numRuns: RUNS })(
        "random wire bytes over its fields",
        (bytes) => {
          agree(p, bytes, newStats());
        },
      );
    },
  );

  describe.each(fixturePairs.map((p) => [p.name, p] as const))("%s", (_name, p) => {
    test("random wire bytes over its fields (every field kind, merges, oneofs, odd encodings)", () => {
      const stats = newStats();
      fc.assert(
        fc.property(
          wireBytes(p.table).chain((b) => placed(b)),
          (bytes) => agree(p, bytes, stats),
        ),
        { numRuns: RUNS * 4 },
      );
      report(`${p.name} random`, stats);
      expect(stats.compared).toBeGreaterThan(RUNS * 2);
      expect(stats.readerGaveUp).toBeLessThan(stats.compared / 4);
    });

    test("mutated random messages, hostile payloads", () => {
      const stats = newStats();
      fc.assert(
        fc.property(mutatedWire(p.table), (bytes) => agree(p, bytes, stats)),
        { numRuns: RUNS * 3 },
      );
      report(`${p.name} mutated`, stats);
      expect(stats.compared).toBeGreaterThan(RUNS / 10);
    });
  });

  test("Rich values encoded by protobufjs (full, empty, extremes)", () => {
    for (const p of fixturePairs.slice(0, 2)) {
      for (const v of [fullRich(), emptyRich(), { ...fullRich(), choice_num: undefined, choice_text: "" }]) {
        const bytes = protobufDriver({ type: RichType, schema: anySchema }).driver.write(v);
        const stats = newStats();
        agree(p, bytes, stats);
        agree(p, Buffer.from(bytes), stats);
        expect(stats.compared).toBe(2);
        expect(stats.readerGaveUp).toBe(0);
      }
    }
  });
});

describe("cases pinned down", () => {
  const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ""), "hex"));
  const [richR, richS] = fixturePairs as [Pair, Pair];

  function read(p: Pair, bytes: Uint8Array): Record<string, unknown> {
    const stats = newStats();
    agree(p, bytes, stats);
    expect(stats.compared).toBe(1);
    p.fresh.driver.prescan(bytes, p.fresh.limits);
    return p.fresh.driver.read(bytes) as Record<string, unknown>;
  }

  test("the checked read leaves to the prescan what only it words: tags and lengths past 5 bytes", () => {
    // by_uid (map<uint64, bytes>, field 33): an entry whose key tag (field 1, varint) takes 6 bytes, which
    // the prescan refuses (a tag is at most 5 bytes) and a plain varint read would take as 8.
    const wideTag = hex("8a 02 07 88 80 80 80 80 00 07");
    // A bytes field (blob, 11) whose length 1 is spelt in 6 bytes: refused the same way.
    const wideLen = hex("5a 81 80 80 80 80 00 61");
    for (const p of [richR, richS]) {
      for (const bytes of [wideTag, wideLen]) {
        expect(p.fresh.reader?.(bytes, p.fresh.limits)).toBeUndefined();
      }
    }
    const codec = protobufCodec({ type: RichType, schema: anySchema });
    for (const bytes of [wideTag, wideLen]) {
      const r = codec.safeDecode(bytes);
      expect(r.ok ? "decoded" : r.error.code).toBe("malformed");
    }
  });

  test("a map<uint64, bytes> entry without its value: the shared empty bytes", () => {
    for (const p of [richR, richS]) {
      const v = read(p, hex("8a 02 02 08 07"));
      expect((v.by_uid as Record<string, Uint8Array>)["7"]).toBe(EMPTY_BYTES);
    }
  });

  test("map entries without a key, twice, and an explicit 0 key: protobufjs' key order and winner", () => {
    // by_id (map<int64, string>, field 32): "" → "a" with no key, key 0 → "b", no key → "c".
    const v = read(richR, hex("82 02 03 12 01 61  82 02 05 08 00 12 01 62  82 02 03 12 01 63"));
    expect(v.by_id).toEqual({ "0": "b" });
  });

  test("a singular message field seen twice merges; a scalar seen twice: the last wins", () => {
    // inner (40): {label: "a"} then {n: 5}; i32 (1): 7 then 0.
    const v = read(richR, hex("c2 02 03 0a 01 61  c2 02 02 10 05  08 07  08 00"));
    expect(v.inner).toEqual({ label: "a", n: 5 });
    expect(v.i32).toBe(0);
  });

  test("oneof: a later member removes the earlier one, and the key moves to the end", () => {
    // choice_text (42) "x", inner (40) {}, choice_num (44) 3, choice_text (42) "y".
    const v = read(richR, hex("d2 02 01 78  c2 02 00  e0 02 03  d2 02 01 79"));
    expect(Object.keys(v).slice(-2)).toEqual(["inner", "choice_text"]);
    expect(v.choice_text).toBe("y");
    expect("choice_num" in v).toBe(false);
  });

  test("nesting past protobufjs' recursion limit: both throw its error", () => {
    const node = fixturePairs[2] as Pair;
    const nest = (levels: number): Uint8Array => {
      let body: number[] = [];
      for (let i = 0; i < levels; i++) {
        const next = [0x0a];
        pushUint(next, body.length);
        body = [...next, ...body];
      }
      return Uint8Array.from(body);
    };
    const stats = newStats();
    agree(node, nest(100), stats); // 100 levels below the top: protobufjs' limit, still read
    agree(node, nest(101), stats);
    expect(stats).toMatchObject({ compared: 2, oldThrew: 1, readerGaveUp: 1 });
  });

  test("an unknown group inside a message without fields: protobufjs throws, so does the codec", () => {
    const edge = fixturePairs.find((p) => p.name === "Edge") as Pair;
    // empty (11) holding group 5 { } : protobufjs' skip of a field-less message misreads the end tag.
    const stats = newStats();
    agree(edge, hex("5a 02 2b 2c"), stats);
    expect(stats).toMatchObject({ compared: 1, oldThrew: 1, readerGaveUp: 1 });
  });

  test("a Buffer input (a slice of Node's pool): bytes fields are plain Uint8Array views of its memory", () => {
    const value = { ...emptyRich(), blob: Uint8Array.of(1, 2, 3), blobs: [Uint8Array.of(4)] };
    const bytes = Buffer.from(protobufDriver({ type: RichType, schema: anySchema }).driver.write(value));
    const v = read(richS, bytes);
    for (const b of [v.blob, ...(v.blobs as Uint8Array[])] as Uint8Array[]) {
      expect(Object.getPrototypeOf(b)).toBe(Uint8Array.prototype);
      expect(b.buffer).toBe(bytes.buffer);
    }
    expect(v.text).toBe("");
    expect(v.inners).toEqual({});
  });

  test("the cache of short strings: look-alikes (same length, same sampled bytes) never stand in for each other", () => {
    // Same first two, middle and last four bytes: one cache set for all of them (two ways), so they
    // keep evicting each other; the non-ASCII one is never cached.
    const alike = ["abXYZcmnop", "abQRScmnop", "abXYWcmnop", "ab\u00e9Zcmnop", "abXYcZmnop"];
    const field22 = (names: string[]) =>
      Uint8Array.from(
        names.flatMap((n) => {
          const b = [...new TextEncoder().encode(n)];
          return [0xb2, 0x01, b.length, ...b];
        }),
      );
    const rng = new Rng(12345);
    for (let round = 0; round < 200; round++) {
      const names = Array.from({ length: 1 + rng.int(6) }, () => rng.pick(alike));
      expect(read(richR, field22(names)).names).toEqual(names);
    }
  });

  test("bool: 0 or 1 in any number of bytes (other values are refused: test/protobuf-varint-range)", () => {
    // flag (9): 1 in ten bytes.
    expect(read(richR, hex("48 81 80 80 80 80 80 80 80 80 00")).flag).toBe(true);
    expect(read(richR, hex("48 80 00")).flag).toBe(false);
  });
});
