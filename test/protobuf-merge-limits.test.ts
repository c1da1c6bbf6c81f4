import fc from "fast-check";
import protobuf from "protobufjs";
import { describe, expect, it, test } from "vitest";
import { z } from "zod";
import { createCodec } from "../src/codec.js";
import { protobufDriver } from "../src/formats/protobuf/codec.js";
import { protobufCodec } from "../src/formats/protobuf/index.js";
import { compileTables } from "../src/formats/protobuf/tables.js";
import type { Codec, Limits, Path } from "../src/index.js";
import { codec as roboticsCodec } from "../src/robotics/index.js";
import { STATIC_CLASSES } from "../src/robotics/protobuf.js";
import { fromTypedArray } from "../src/robotics/tensor.js";
import { expectBoundedFailure } from "./helpers/bounded.js";
import { ldelim, tag, varint, wireBytes } from "./helpers/protobuf-wire.js";

/*
 * Limits on the elements of repeated fields and the entries of maps hold across all the occurrences
 * that make up one value: a singular message field seen twice is merged by the decoder (repeated fields
 * concatenate, maps take the union, nested messages merge in turn), and so is a map entry's message value
 * sent twice in one entry. Each case runs on a small input (the one-pass checked read, and the generated
 * readers for robotics) and on one over 16 KiB (the prescan first).
 */

const PROTO3 = `
syntax = "proto3";
package safewire.mergetest;
message Leaf { repeated int32 xs = 1; map<string, int32> m = 2; repeated Leaf kids = 3; }
message Sub { repeated int32 xs = 1; map<string, int32> m = 2; Leaf leaf = 3; }
message Outer {
  Sub sub = 1;
  oneof pick { Sub a = 2; Sub b = 3; int32 n = 4; }
  map<string, Sub> by_name = 5;
  repeated Sub list = 6;
  bytes pad = 15;
}
`;

/** proto2: a group, and a oneof with a closed enum (a number it does not name is dropped, not set). */
const PROTO2 = `
syntax = "proto2";
package safewire.mergetest2;
enum Color { RED = 1; GREEN = 2; }
message Sub { repeated int32 xs = 1; }
message Outer {
  optional group G = 1 { repeated int32 xs = 2; }
  oneof pick { Sub a = 3; Color c = 4; }
  optional bytes pad = 15;
}
`;

const OuterType = protobuf.parse(PROTO3, { keepCase: true }).root.lookupType("safewire.mergetest.Outer");
const Outer2Type = protobuf.parse(PROTO2, { keepCase: true }).root.lookupType("safewire.mergetest2.Outer");

const ANY = z.record(z.string(), z.unknown());

function outer(limits: Partial<Limits>, type = OuterType): Codec<Record<string, unknown>> {
  return protobufCodec({ type, schema: ANY, limits });
}

// ---- wire bytes ----

const int = (id: number, v: number) => [...tag(id, 0), ...varint(v)];
const text = (s: string) => [...new TextEncoder().encode(s)];
/** Unpacked elements of repeated int32 field `id`, one tag each. */
const unpacked = (id: number, xs: readonly number[]) => xs.flatMap((x) => int(id, x));
const packed = (id: number, xs: readonly number[]) => ldelim(id, xs.flatMap(varint));
/** An entry of a map<string, int32> field `id`. */
const entry = (id: number, key: string, value: number) =>
  ldelim(id, [...ldelim(1, text(key)), ...int(2, value)]);

const KiB = 1024;
/** Small inputs take the one-pass checked read; those over 16 KiB are prescanned first. */
const SIZES = [
  ["small", 0],
  ["large", 17 * KiB],
] as const;

/** `parts` after a padding field (15, bytes) that makes the input `pad` bytes bigger. */
function wire(pad: number, ...parts: readonly number[][]): Uint8Array {
  const bytes = Uint8Array.from([...(pad > 0 ? ldelim(15, new Array(pad).fill(7)) : []), ...parts.flat()]);
  expect(bytes.length > 16 * KiB).toBe(pad > 0);
  return bytes;
}

function refused(c: Codec<unknown>, bytes: Uint8Array, limit: keyof Limits, path: Path): void {
  const err = expectBoundedFailure(() => c.decode(bytes), "limit_exceeded", limit);
  expect(err.path).toEqual(path);
  expect(err.message).toContain(limit);
}

/** protobufjs' own decode of the same bytes, as plain data (arrays and maps always there), without `pad`. */
function protobufjsValue(type: protobuf.Type, bytes: Uint8Array): Record<string, unknown> {
  const { pad: _, ...rest } = type.toObject(type.decode(bytes), { arrays: true, objects: true });
  return rest;
}

function withoutPad(v: Record<string, unknown>): Record<string, unknown> {
  const { pad: _, ...rest } = v;
  return rest;
}

// ---- the cases ----

describe.each(SIZES)("merged occurrences count together (%s input)", (_, pad) => {
  it("the issue's repro: a sub-message sent thousands of times (its repeated field, its map)", () => {
    const c = outer({ maxArrayLength: 3, maxMapEntries: 1 });
    const times = pad > 0 ? 5000 : 2000;
    const xs = [0x0a, 5, 0x0a, 3, 1, 2, 3]; // sub { xs: [1, 2, 3] } (packed)
    refused(c, wire(pad, ...Array.from({ length: times }, () => xs)), "maxArrayLength", ["sub", "xs"]);
    const m = ldelim(1, entry(2, "a", 1)); // sub { m: { a: 1 } }
    refused(c, wire(pad, ...Array.from({ length: times / 2 }, () => m)), "maxMapEntries", ["sub", "m"]);
  });

  it("repeated scalars, unpacked, packed and both, across occurrences of the sub-message", () => {
    const c = outer({ maxArrayLength: 3 });
    const sub = (body: number[]) => ldelim(1, body);
    refused(c, wire(pad, sub(unpacked(1, [1, 2])), sub(unpacked(1, [3, 4]))), "maxArrayLength", [
      "sub",
      "xs",
    ]);
    refused(c, wire(pad, sub(packed(1, [1, 2])), sub(packed(1, [3, 4]))), "maxArrayLength", ["sub", "xs"]);
    refused(c, wire(pad, sub(packed(1, [1, 2])), sub(unpacked(1, [3, 4]))), "maxArrayLength", ["sub", "xs"]);
    refused(c, wire(pad, sub(unpacked(1, [1])), sub(packed(1, [2, 3, 4]))), "maxArrayLength", ["sub", "xs"]);
    // Within the limit: the concatenation, as protobufjs decodes it.
    const ok = wire(pad, sub(unpacked(1, [1])), sub(packed(1, [2, 3])));
    expect(c.decode(ok).sub).toEqual({ xs: [1, 2, 3], m: {} });
    expect(withoutPad(c.decode(ok))).toEqual(protobufjsValue(OuterType, ok));
  });

  it("a packed run over the limit at an element of several bytes is over the limit, not malformed", () => {
    const c = outer({ maxArrayLength: 3 });
    const sub = (body: number[]) => ldelim(1, body);
    refused(c, wire(pad, sub(packed(1, [300, 300, 300, 300]))), "maxArrayLength", ["sub", "xs"]);
    refused(c, wire(pad, sub(packed(1, [300, 300])), sub(packed(1, [300, 300]))), "maxArrayLength", [
      "sub",
      "xs",
    ]);
  });

  it("maps, across occurrences: entries counted as they occur, a repeated key too (as within one)", () => {
    const sub = (...entries: number[][]) => ldelim(1, entries.flat());
    const one = outer({ maxMapEntries: 1 });
    refused(one, wire(pad, sub(entry(2, "a", 1)), sub(entry(2, "b", 2))), "maxMapEntries", ["sub", "m"]);
    // The same key twice counts twice, whether in one occurrence or in two.
    refused(one, wire(pad, sub(entry(2, "a", 1), entry(2, "a", 2))), "maxMapEntries", ["sub", "m"]);
    refused(one, wire(pad, sub(entry(2, "a", 1)), sub(entry(2, "a", 2))), "maxMapEntries", ["sub", "m"]);
    // Within the limit: the union, the later value winning, as protobufjs decodes it.
    const two = outer({ maxMapEntries: 2 });
    const ok = wire(pad, sub(entry(2, "a", 1)), sub(entry(2, "a", 2)));
    expect(two.decode(ok).sub).toEqual({ xs: [], m: { a: 2 } });
    const union = wire(pad, sub(entry(2, "a", 1)), sub(entry(2, "b", 2)));
    expect(two.decode(union).sub).toEqual({ xs: [], m: { a: 1, b: 2 } });
    expect(withoutPad(two.decode(union))).toEqual(protobufjsValue(OuterType, union));
  });

  it("nested: a sub-sub-message merged across merged parents", () => {
    const c = outer({ maxArrayLength: 3, maxMapEntries: 1 });
    const leafIn = (body: number[]) => ldelim(1, ldelim(3, body));
    refused(c, wire(pad, leafIn(packed(1, [1, 2])), leafIn(packed(1, [3, 4]))), "maxArrayLength", [
      "sub",
      "leaf",
      "xs",
    ]);
    refused(c, wire(pad, leafIn(entry(2, "a", 1)), leafIn(entry(2, "b", 1))), "maxMapEntries", [
      "sub",
      "leaf",
      "m",
    ]);
    // Elements of a repeated message field are values of their own: a merged list counts its elements
    // across occurrences, and an element's path is its index in the merged list.
    const kid = (xs: number[]) => ldelim(3, packed(1, xs));
    refused(
      c,
      wire(pad, leafIn([...kid([1]), ...kid([1])]), leafIn([...kid([1]), ...kid([1])])),
      "maxArrayLength",
      ["sub", "leaf", "kids"],
    );
    refused(c, wire(pad, leafIn(kid([1, 2, 3])), leafIn(kid([1, 2, 3, 4]))), "maxArrayLength", [
      "sub",
      "leaf",
      "kids",
      1,
      "xs",
    ]);
    // Within the limits: list elements are not merged with each other; the leaf is.
    const ok = wire(pad, leafIn(kid([1, 2, 3])), leafIn([...kid([4, 5, 6]), ...packed(1, [7, 8, 9])]));
    const leaf = {
      xs: [7, 8, 9],
      m: {},
      kids: [
        { xs: [1, 2, 3], m: {}, kids: [] },
        { xs: [4, 5, 6], m: {}, kids: [] },
      ],
    };
    expect(c.decode(ok).sub).toEqual({ xs: [], m: {}, leaf });
    expect(withoutPad(c.decode(ok))).toEqual(protobufjsValue(OuterType, ok));
  });

  it("a map entry's message value sent twice in the entry is merged (not separate entries or elements)", () => {
    const c = outer({ maxArrayLength: 3, maxMapEntries: 1 });
    const twice = (a: number[], b: number[]) =>
      ldelim(5, [...ldelim(1, text("k")), ...ldelim(2, a), ...ldelim(2, b)]);
    refused(c, wire(pad, twice(packed(1, [1, 2]), packed(1, [3, 4]))), "maxArrayLength", [
      "by_name",
      "k",
      "xs",
    ]);
    refused(c, wire(pad, twice(entry(2, "a", 1), entry(2, "b", 1))), "maxMapEntries", ["by_name", "k", "m"]);
    const ok = wire(pad, twice(packed(1, [1, 2]), packed(1, [3])));
    expect(c.decode(ok).by_name).toEqual({ k: { xs: [1, 2, 3], m: {} } });
    expect(withoutPad(c.decode(ok))).toEqual(protobufjsValue(OuterType, ok));
    // Two entries of one key: the later replaces the earlier. Two elements of a list: two values.
    const apart = wire(
      pad,
      ldelim(6, packed(1, [1, 2, 3])),
      ldelim(6, packed(1, [1, 2, 3])),
      ldelim(5, [...ldelim(1, text("k")), ...ldelim(2, packed(1, [1, 2, 3]))]),
      ldelim(5, [...ldelim(1, text("k")), ...ldelim(2, packed(1, [4, 5, 6]))]),
    );
    const v = outer({ maxArrayLength: 3, maxMapEntries: 2 }).decode(apart);
    expect(v.list).toEqual([
      { xs: [1, 2, 3], m: {} },
      { xs: [1, 2, 3], m: {} },
    ]);
    expect(v.by_name).toEqual({ k: { xs: [4, 5, 6], m: {} } });
    expect(withoutPad(v)).toEqual(protobufjsValue(OuterType, apart));
  });

  it("oneof message members: merged while set, afresh after another member was set", () => {
    const c = outer({ maxArrayLength: 3 });
    const a = (xs: number[]) => ldelim(2, packed(1, xs));
    const b = (xs: number[]) => ldelim(3, packed(1, xs));
    refused(c, wire(pad, a([1, 2]), a([3, 4])), "maxArrayLength", ["a", "xs"]);
    refused(c, wire(pad, a([1]), b([1, 2]), b([3, 4])), "maxArrayLength", ["b", "xs"]);
    // Another member (a message or a scalar) in between deletes the value: the next one starts afresh.
    for (const between of [b([9]), int(4, 7)]) {
      const ok = wire(pad, a([1, 2]), between, a([3, 4]));
      expect(c.decode(ok).a).toEqual({ xs: [3, 4], m: {} });
      expect(withoutPad(c.decode(ok))).toEqual(protobufjsValue(OuterType, ok));
    }
    // Afresh at every level below, and merged again from there on.
    const aLeaf = (xs: number[]) => ldelim(2, ldelim(3, packed(1, xs)));
    const turns = wire(pad, aLeaf([1, 2]), b([9]), aLeaf([3]), int(4, 7), aLeaf([4, 5]), aLeaf([6]));
    expect(c.decode(turns).a).toEqual({ xs: [], m: {}, leaf: { xs: [4, 5, 6], m: {}, kids: [] } });
    expect(withoutPad(c.decode(turns))).toEqual(protobufjsValue(OuterType, turns));
    refused(c, wire(pad, aLeaf([1, 2]), b([9]), aLeaf([3, 4]), aLeaf([5, 6])), "maxArrayLength", [
      "a",
      "leaf",
      "xs",
    ]);
  });

  it("proto2: a group sent twice, and a oneof member after a closed enum number it does not name", () => {
    const c = outer({ maxArrayLength: 3 }, Outer2Type);
    const group = (xs: number[]) => [...tag(1, 3), ...unpacked(2, xs), ...tag(1, 4)];
    refused(c, wire(pad, group([1, 2]), group([3, 4])), "maxArrayLength", ["g", "xs"]);
    const a = (xs: number[]) => ldelim(3, unpacked(1, xs));
    // 9 is not a Color: protobufjs drops it without setting the member, so `a` is merged.
    refused(c, wire(pad, a([1, 2]), int(4, 9), a([3, 4])), "maxArrayLength", ["a", "xs"]);
    const ok = wire(pad, a([1, 2]), int(4, 1), a([3, 4]));
    expect(c.decode(ok).a).toEqual({ xs: [3, 4] });
    const merged = wire(pad, group([1]), group([2, 3]));
    expect(c.decode(merged).g).toEqual({ xs: [1, 2, 3] });
  });
});

// ---- robotics ----

describe.each(SIZES)("robotics messages (%s input)", (_, pad) => {
  const setup = {
    policy_type: "act" as const,
    pretrained_name_or_path: "lerobot/act",
    features: {},
    actions_per_chunk: 10,
    device: "cpu" as const,
    rename_map: {},
  };
  /** A features entry "f" whose Feature value is sent once per list of names. */
  const feature = (...values: string[][]) =>
    ldelim(3, [
      ...ldelim(1, text("f")),
      ...values.flatMap((names) =>
        ldelim(2, [...ldelim(1, text("float32")), ...names.flatMap((n) => ldelim(3, text(n)))]),
      ),
    ]);
  /** A long pretrained_name_or_path (field 2), last: it makes the input `pad` bytes bigger. */
  const setupPad = pad > 0 ? ldelim(2, text("x".repeat(pad))) : [];

  it("PolicySetup: a feature's value sent twice in its entry counts its names together", () => {
    const c = roboticsCodec("PolicySetup", "protobuf", { limits: { maxArrayLength: 4 } });
    const base = [...c.encode(setup)];
    const bytes = Uint8Array.from([
      ...base,
      ...feature(["a", "b", "c", "d"], ["e", "f", "g", "h"]),
      ...setupPad,
    ]);
    refused(c, bytes, "maxArrayLength", ["features", "f", "names"]);
    const ok = Uint8Array.from([...base, ...feature(["a", "b"], ["c", "d"]), ...setupPad]);
    const names = ["a", "b", "c", "d"];
    expect(c.decode(ok).features).toEqual({ f: { dtype: "float32", shape: [], names } });
    const pb = STATIC_CLASSES.PolicySetup.decode(ok) as { features: Record<string, { names: string[] }> };
    expect(pb.features.f?.names).toEqual(names);
  });

  it("Observation: the state sent more than once counts its shape together", () => {
    const c = roboticsCodec("Observation", "protobuf", { limits: { maxArrayLength: 2 } });
    const observation = {
      timestamp_ns: 0n,
      timestep: 0n,
      task: "",
      must_go: false,
      state: fromTypedArray(new Float32Array(1)),
      state_names: [],
      images: {},
      extras: {},
    };
    const state = ldelim(5, packed(2, [1]));
    const taskPad = pad > 0 ? ldelim(3, text("x".repeat(pad))) : [];
    const bytes = Uint8Array.from([...c.encode(observation), ...state, ...state, ...taskPad]);
    refused(c, bytes, "maxArrayLength", ["state", "shape"]);
  });
});

it("a 16 MiB Observation whose state is sent ~16,700 times is refused at the limit, not built", () => {
  // Each occurrence of the state carries a packed shape of 1000 ones: 16.7M elements merged into one
  // array, where maxArrayLength is 65,536.
  const body = [...ldelim(2, new Array(1000).fill(1))];
  const one = Uint8Array.from(ldelim(5, body));
  const n = Math.floor((16 * 1024 * 1024) / one.length);
  const bytes = new Uint8Array(n * one.length);
  for (let i = 0; i < n; i++) bytes.set(one, i * one.length);
  const c = roboticsCodec("Observation", "protobuf");
  const err = expectBoundedFailure(() => c.decode(bytes), "limit_exceeded", "maxArrayLength");
  expect(err.path).toEqual(["state", "shape"]);
});

// ---- random wire bytes ----

/** Every array length and record size in a decoded value. */
function sizes(
  v: unknown,
  out = { array: 0, record: 0 },
  isRecord = false,
): { array: number; record: number } {
  if (Array.isArray(v)) {
    out.array = Math.max(out.array, v.length);
    for (const x of v) sizes(x, out);
  } else if (typeof v === "object" && v !== null && !(v instanceof Uint8Array)) {
    if (isRecord) out.record = Math.max(out.record, Object.keys(v).length);
    for (const [k, x] of Object.entries(v)) sizes(x, out, k === "m" || k === "by_name");
  }
  return out;
}

/** The codec, and the same codec without the one-pass checked read (the prescan first). */
function bothPaths(limits: Partial<Limits>): Codec<Record<string, unknown>>[] {
  const { driver, limits: resolved } = protobufDriver({ type: OuterType, schema: ANY, limits });
  return [
    outer(limits),
    createCodec({
      driver: { ...driver, readChecked: undefined },
      schema: ANY,
      limits: resolved,
      name: "Outer",
    }),
  ];
}

const LIMITS = [
  { maxArrayLength: 1, maxMapEntries: 1 },
  { maxArrayLength: 2, maxMapEntries: 1 },
  { maxArrayLength: 3, maxMapEntries: 2 },
  { maxArrayLength: 5, maxMapEntries: 3 },
].map((l) => ({ ...l, codecs: bothPaths(l) }));

// fc.assert, not @fast-check/vitest's test.prop: importing that builds about 230 MB of closures that stay
// live (one per chain of test modifiers), and every full collection the bounded checks above run then
// takes about 0.6 s instead of 20 ms.
test("random wire bytes (merges, oneofs, maps): whatever decodes is within maxArrayLength and maxMapEntries", () => {
  fc.assert(
    fc.property(
      wireBytes(compileTables(OuterType)),
      fc.constantFrom(...LIMITS),
      (bytes, { codecs, ...limits }) => {
        for (const c of codecs) {
          const r = c.safeDecode(bytes);
          if (!r.ok) continue;
          const s = sizes(r.value);
          expect(s.array).toBeLessThanOrEqual(limits.maxArrayLength);
          expect(s.record).toBeLessThanOrEqual(limits.maxMapEntries);
        }
      },
    ),
    { numRuns: 400 },
  );
});
