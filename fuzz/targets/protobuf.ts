/**
 * `protobuf`: the Protobuf decode path on a reflection type with every field kind (scalars of every
 * width, packed and unpacked repeated, maps with every key kind, oneof, proto3 optional, enums, nested
 * and self-recursive messages), with an accept-anything schema. The robotics targets cover static code.
 */
import protobuf from "protobufjs";
import { z } from "zod";
import type { Codec } from "../../src/codec.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import * as hostile from "../../src/testing/hostile.js";
import {
  type CorpusDir,
  decodeAndRoundTrip,
  type FuzzTarget,
  regressionFiles,
  stringTokens,
  varint,
} from "./harness.js";

export const KITCHEN_PROTO = `
syntax = "proto3";
package safewire.fuzz;
enum Color { COLOR_UNSPECIFIED = 0; COLOR_RED = 1; COLOR_GREEN = 2; }
message Leaf { string label = 1; sint32 n = 2; bytes blob = 3; }
message Kitchen {
  int32 i32 = 1; int64 i64 = 2; uint32 u32 = 3; uint64 u64 = 4; sint32 s32 = 5; sint64 s64 = 6;
  fixed32 fx32 = 7; fixed64 fx64 = 8; sfixed32 sfx32 = 9; sfixed64 sfx64 = 10;
  float f32 = 11; double f64 = 12; bool flag = 13; string text = 14; bytes blob = 15; Color color = 16;
  repeated int32 packed_i32 = 20; repeated int32 loose_i32 = 21 [packed = false];
  repeated sint64 packed_s64 = 22; repeated double packed_f64 = 23; repeated float packed_f32 = 24;
  repeated fixed64 packed_fx64 = 25; repeated bool packed_flag = 26; repeated Color colors = 27;
  repeated string names = 28; repeated bytes blobs = 29; repeated Leaf leaves = 30;
  map<string, Leaf> by_name = 40; map<int64, string> by_i64 = 41; map<uint32, bytes> by_u32 = 42;
  map<bool, double> by_flag = 43; map<sint64, Color> by_s64 = 44; map<fixed32, int64> by_fx32 = 45;
  Leaf leaf = 50; optional int64 maybe = 51; Kitchen child = 52;
  oneof choice { string choice_text = 60; Leaf choice_leaf = 61; uint64 choice_num = 62; }
}`;

function kitchenType(): protobuf.Type {
  return protobuf.parse(KITCHEN_PROTO, { keepCase: true }).root.lookupType("safewire.fuzz.Kitchen");
}

/** Values in safewire's protobuf mapping, encoded by the codec itself into seeds. */
function sampleValues(): unknown[] {
  const leaf = (label: string, n: number) => ({ label, n, blob: new Uint8Array([1, 2, 3]) });
  const base = {
    i32: -7,
    i64: -(2n ** 63n),
    u32: 4_294_967_295,
    u64: 2n ** 64n - 1n,
    s32: -2_147_483_648,
    s64: 2n ** 63n - 1n,
    fx32: 1,
    fx64: 2n ** 40n,
    sfx32: -1,
    sfx64: -5n,
    f32: 1.5,
    f64: -0,
    flag: true,
    text: "shoulder_pan.pos",
    blob: new Uint8Array([0xde, 0xad]),
    color: 2,
    packed_i32: [1, -1, 300],
    loose_i32: [0, 2_147_483_647],
    packed_s64: [-1n, 1n],
    packed_f64: [Number.NaN, Number.POSITIVE_INFINITY, 0.1],
    packed_f32: [0.5, -2],
    packed_fx64: [0n, 2n ** 64n - 1n],
    packed_flag: [true, false],
    colors: [0, 1, 2, 7],
    names: ["a", "é", ""],
    blobs: [new Uint8Array(0), new Uint8Array([9])],
    leaves: [leaf("x", -3)],
    by_name: { front: leaf("cam", 1) },
    by_i64: { "-3": "minus", "9007199254740993": "big" },
    by_u32: { "7": new Uint8Array([7]) },
    by_flag: { true: 1.25, false: -0 },
    by_s64: { "-1": 1 },
    by_fx32: { "4294967295": -1n },
    leaf: leaf("root", 0),
    maybe: 0n,
    choice_text: "go",
  };
  const empty = {};
  const nested = {
    child: { child: { child: { i32: 1, choice_num: 5n, leaf: leaf("deep", 2) } } },
    choice_leaf: leaf("c", 9),
  };
  return [
    base,
    empty,
    nested,
    { text: "x".repeat(200), packed_i32: Array.from({ length: 64 }, (_, i) => i * 1000) },
  ];
}

export function protobufTarget(): FuzzTarget {
  let codec: Codec<unknown> | undefined;
  const DIR: CorpusDir = "protobuf";
  const PREFIX = "kitchen";
  return {
    name: "protobuf",
    files: [{ dir: DIR, prefix: PREFIX }],
    async init() {
      codec = protobufCodec({ type: kitchenType(), schema: z.unknown(), name: "fuzz.Kitchen" });
    },
    seeds() {
      const c = codec ?? protobufCodec({ type: kitchenType(), schema: z.unknown() });
      const encoded: Uint8Array[] = [];
      for (const v of sampleValues()) {
        const r = c.safeEncode(v);
        if (r.ok) encoded.push(r.value);
      }
      return [
        ...encoded,
        ...hostile.protobuf.all().map((h) => h.bytes),
        hostile.protobuf.invalidUtf8().bytes,
        ...encoded.slice(0, 2).flatMap((v) => hostile.fromSample(v).map((h) => h.bytes)),
        ...regressionFiles(DIR, PREFIX).map((f) => f.bytes),
      ];
    },
    dictionary() {
      const tags: Uint8Array[] = [];
      for (let field = 1; field <= 62; field++)
        for (const wire of [0, 1, 2, 5]) tags.push(Uint8Array.from(varint((field << 3) | wire)));
      return [...tags, ...stringTokens(["true", "false", "-1", "front", "label"], "protobuf")];
    },
    check(input) {
      if (codec === undefined) throw new Error("init() first");
      decodeAndRoundTrip(codec, input);
    },
    toFile: (input) => ({ dir: DIR, prefix: PREFIX, bytes: input }),
    fromFile: (_dir, _prefix, bytes) => bytes,
  };
}
