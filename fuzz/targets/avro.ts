/**
 * `avro`: the Avro decode path on a schema with every type (primitives, bytes, fixed, enum, array, map,
 * unions of every unwrappable kind, nested and recursive records), with an accept-anything schema.
 */
import { z } from "zod";
import type { Codec } from "../../src/codec.js";
import * as hostile from "../../src/testing/hostile.js";
import {
  type CorpusDir,
  decodeAndRoundTrip,
  type FuzzTarget,
  regressionFiles,
  stringTokens,
  varint,
} from "./harness.js";

export const KITCHEN_AVRO = {
  type: "record",
  name: "Kitchen",
  namespace: "safewire.fuzz",
  fields: [
    { name: "n", type: "null" },
    { name: "flag", type: "boolean" },
    { name: "i", type: "int" },
    { name: "l", type: "long" },
    { name: "f", type: "float" },
    { name: "d", type: "double" },
    { name: "b", type: "bytes" },
    { name: "s", type: "string" },
    { name: "h", type: { type: "fixed", name: "Hash", size: 4 } },
    { name: "e", type: { type: "enum", name: "Mode", symbols: ["IDLE", "RUN", "STOP"] } },
    { name: "xs", type: { type: "array", items: "double" } },
    { name: "ls", type: { type: "array", items: "long" } },
    { name: "nested", type: { type: "array", items: { type: "array", items: "string" } } },
    { name: "m", type: { type: "map", values: "long" } },
    { name: "blobs", type: { type: "map", values: ["null", "bytes"] } },
    { name: "opt", type: ["null", "string"] },
    { name: "any", type: ["null", "boolean", "long", "double", "string", "bytes"] },
    { name: "modes", type: { type: "array", items: "Mode" } },
    {
      name: "list",
      type: [
        "null",
        {
          type: "record",
          name: "Node",
          fields: [
            { name: "value", type: "int" },
            { name: "next", type: ["null", "Node"] },
          ],
        },
      ],
    },
  ],
} as const;

function sampleValues(): unknown[] {
  const base = {
    n: null,
    flag: true,
    i: -2_147_483_648,
    l: 2n ** 63n - 1n,
    f: 1.5,
    d: -0,
    b: new Uint8Array([1, 2, 3]),
    s: "shoulder_pan.pos",
    h: new Uint8Array([0xde, 0xad, 0xbe, 0xef]),
    e: "RUN",
    xs: [Number.NaN, 0.1, Number.NEGATIVE_INFINITY],
    ls: [-1n, 0n, -(2n ** 63n)],
    nested: [["a", "é"], []],
    m: { a: 1n, b: -1n },
    blobs: { front: new Uint8Array([9]), none: null },
    opt: "task",
    any: 12n,
    modes: ["IDLE", "STOP"],
    list: { value: 1, next: { value: 2, next: null } },
  };
  const small = {
    ...base,
    flag: false,
    i: 0,
    l: 0n,
    f: 0,
    d: 0,
    b: new Uint8Array(0),
    s: "",
    h: new Uint8Array(4),
    e: "IDLE",
    xs: [],
    ls: [],
    nested: [],
    m: {},
    blobs: {},
    opt: null,
    any: null,
    modes: [],
    list: null,
  };
  return [
    base,
    small,
    { ...base, any: "text" },
    { ...base, any: new Uint8Array([1]) },
    { ...base, any: 2.5 },
    { ...base, any: false },
  ];
}

export function avroTarget(): FuzzTarget {
  let codec: Codec<unknown> | undefined;
  const DIR: CorpusDir = "avro";
  const PREFIX = "kitchen";
  return {
    name: "avro",
    files: [{ dir: DIR, prefix: PREFIX }],
    async init() {
      const { avroCodec } = await import("../../src/formats/avro/index.js");
      codec = avroCodec({ type: KITCHEN_AVRO, schema: z.unknown(), name: "fuzz.Kitchen" });
    },
    seeds() {
      if (codec === undefined) throw new Error("init() first");
      const encoded: Uint8Array[] = [];
      for (const v of sampleValues()) {
        const r = codec.safeEncode(v);
        if (!r.ok) throw new Error(`avro seed does not encode: ${r.error.message}`);
        encoded.push(r.value);
      }
      return [
        ...encoded,
        ...hostile.avro.all().map((h) => h.bytes),
        ...encoded.slice(0, 2).flatMap((v) => hostile.fromSample(v).map((h) => h.bytes)),
        ...regressionFiles(DIR, PREFIX).map((f) => f.bytes),
      ];
    },
    dictionary() {
      // Zigzag lengths and counts: 0, -1, 1, 2^6, 2^13, 2^20, 2^27, 2^31-1; block counts can be negative.
      const counts = [0, -1, 1, -2, 64, 8192, 1 << 20, 1 << 27, 2 ** 31 - 1].map((n) =>
        Uint8Array.from(varint(n >= 0 ? n * 2 : -n * 2 - 1)),
      );
      return [...counts, ...stringTokens(["IDLE", "RUN", "STOP", "front", "none", "a", "b"], "avro")];
    },
    check(input) {
      if (codec === undefined) throw new Error("init() first");
      decodeAndRoundTrip(codec, input);
    },
    toFile: (input) => ({ dir: DIR, prefix: PREFIX, bytes: input }),
    fromFile: (_dir, _prefix, bytes) => bytes,
  };
}
