// The decode check (compileDecodeCheck) skips the shape tests the reader's own guarantees make redundant.
// Its contract: on every value the decoder can build, the same answer as the full fast check. Checked on
// the decoded values of valid messages and of the same bytes with random bytes changed (NaN, negative
// counts, other enum symbols, other map keys...), for every message of the set.
import { fc, test } from "@fast-check/vitest";
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  compileDecodeCheck,
  compileFastCheck,
  type LeafType,
  OTHER_SHAPE,
  type ReadShape,
} from "../../src/fastcheck.js";
import { avscType } from "../../src/formats/avro/avsc.js";
import { compilePrescan } from "../../src/formats/avro/prescan.js";
import { compileDecoder, readShape } from "../../src/formats/avro/read.js";
import { compile } from "../../src/formats/avro/tree.js";
import { protobufCodec, protobufDriver } from "../../src/formats/protobuf/codec.js";
import { AVRO_SCHEMAS, avroRoboticsCodec } from "../../src/robotics/avro.js";
import { limitsFor } from "../../src/robotics/limits.js";
import { MESSAGE_NAMES, type MessageName, messageSchemas } from "../../src/robotics/messages.js";
import { protobufDescriptor, protobufRoboticsCodec, STATIC_CLASSES } from "../../src/robotics/protobuf.js";
import { bytes, int64, uint64 } from "../../src/schema.js";
import { roboticsArbitraries } from "../../src/testing/arbitraries.js";

interface Reader {
  /** The decoded value of `bytes`, or undefined when the prescan refuses them. */
  read(bytes: Uint8Array): unknown;
  encode(value: unknown): Uint8Array;
  check: (v: unknown) => boolean;
  full: (v: unknown) => boolean;
  /** The decode check itself (the codec may still use `full` for some values). */
  trusted: (v: unknown) => boolean;
}

function avroReader(message: MessageName, schema: z.ZodType): Reader {
  const root = compile(avscType(AVRO_SCHEMAS[message]));
  const prescan = compilePrescan(root);
  const decode = compileDecoder(root);
  const limits = limitsFor(message);
  const codec = avroRoboticsCodec(message, { allowNonFinite: true });
  return {
    read(bytes) {
      try {
        prescan(bytes, limits);
      } catch {
        return undefined;
      }
      return decode(bytes);
    },
    encode: (v) => codec.encode(v as never),
    check: compileDecodeCheck(schema, readShape(root)),
    full: compileFastCheck(schema),
    get trusted() {
      return this.check;
    },
  };
}

function protobufReader(message: MessageName, schema: z.ZodType): Reader {
  const limits = limitsFor(message);
  const { driver } = protobufDriver({
    type: STATIC_CLASSES[message],
    descriptor: protobufDescriptor(message),
    schema,
    limits,
  });
  const codec = protobufRoboticsCodec(message, messageSchemas({ allowNonFinite: true })[message], limits);
  const shape = driver.readShape;
  const full = compileFastCheck(schema);
  const trusted = shape === undefined ? full : compileDecodeCheck(schema, shape);
  let last = true;
  return {
    read(bytes) {
      try {
        driver.prescan(bytes, limits);
        const v = driver.read(bytes);
        last = driver.readShaped?.() ?? true;
        return v;
      } catch {
        return undefined;
      }
    },
    encode: (v) => codec.encode(v as never),
    // The codec's choice: the decode check only for values the table reader built in order.
    check: (v) => (last ? trusted : full)(v),
    full,
    trusted,
  };
}

const byteEdits = fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), {
  minLength: 1,
  maxLength: 4,
});

const READERS = { avro: avroReader, protobuf: protobufReader };

describe.each([
  ["avro", false],
  ["avro", true],
  ["protobuf", false],
  ["protobuf", true],
] as const)("%s, allowNonFinite %s", (format, allowNonFinite) => {
  const arbs = roboticsArbitraries({ allowNonFinite: true });
  const schemas = messageSchemas({ allowNonFinite });
  describe.each(MESSAGE_NAMES.map((m) => [m] as [MessageName]))("%s", (message) => {
    const schema = schemas[message] as z.ZodType;
    const r = READERS[format](message, schema);

    it("skips the shape tests (the reader's shapes match the schema)", () => {
      expect(r.trusted).not.toBe(r.full);
    });

    test.prop([arbs[message] as fc.Arbitrary<unknown>, byteEdits], { numRuns: 150 })(
      "the same answer as the full fast check on decoded values",
      (value, edits) => {
        const bytes = r.encode(value);
        const clean = r.read(bytes);
        expect(r.check(clean)).toBe(r.full(clean));
        const changed = bytes.slice();
        for (const e of edits) changed[e.at % changed.length] = e.byte;
        const v = r.read(changed);
        if (v !== undefined) expect(r.check(v)).toBe(r.full(v));
      },
    );
  });
});

describe("where the reader's shapes do not vouch for the schema, the full check runs", () => {
  const shapeOf = (type: unknown) => readShape(compile(avscType(type as never)));
  const record = (fields: [string, unknown][]) => ({
    type: "record",
    name: "R",
    fields: fields.map(([name, type]) => ({ name, type })),
  });
  it("another key order, another key set, or a union where the schema has an object", () => {
    const ab = z.object({ a: z.string(), b: z.number() });
    expect(
      compileDecodeCheck(
        ab,
        shapeOf(
          record([
            ["a", "string"],
            ["b", "double"],
          ]),
        ),
      ),
    ).not.toBe(compileFastCheck(ab));
    for (const type of [
      record([
        ["b", "double"],
        ["a", "string"],
      ]),
      record([["a", "string"]]),
      record([
        ["a", "string"],
        ["b", "double"],
        ["c", "int"],
      ]),
      [
        "null",
        record([
          ["a", "string"],
          ["b", "double"],
        ]),
      ],
    ]) {
      expect(compileDecodeCheck(ab, shapeOf(type))).toBe(compileFastCheck(ab));
    }
    // A record of objects over an Avro map of records, and over a map of a union.
    const inner = record([
      ["a", "string"],
      ["b", "double"],
    ]);
    const m = z.record(z.string(), ab);
    expect(compileDecodeCheck(m, shapeOf({ type: "map", values: inner }))).not.toBe(compileFastCheck(m));
    expect(compileDecodeCheck(m, shapeOf({ type: "map", values: ["null", inner] }))).toBe(
      compileFastCheck(m),
    );
  });
});

describe("protobuf: a message merged from two occurrences", () => {
  it("comes out in the schema's key order all the same (the full check runs, zod reorders)", () => {
    const root = protobuf.parse(
      `syntax = "proto3";
      message Inner { optional string a = 1; string c = 2; optional string b = 3; }
      message Outer { Inner inner = 1; }`,
      { keepCase: true },
    ).root;
    const schema = z.object({ inner: z.object({ a: z.string(), c: z.string(), b: z.string() }) });
    const codec = protobufCodec({ type: root.lookupType("Outer"), schema });
    // inner { b: "x" } then inner { a: "y" }: protobufjs merges the second into the first.
    const merged = codec.decode(Uint8Array.of(0x0a, 3, 0x1a, 1, 0x78, 0x0a, 3, 0x0a, 1, 0x79));
    expect(merged).toEqual({ inner: { a: "y", c: "", b: "x" } });
    expect(Object.keys(merged.inner)).toEqual(["a", "c", "b"]);
    // In one occurrence, the reader's own order is the schema's.
    const once = codec.decode(Uint8Array.of(0x0a, 6, 0x1a, 1, 0x78, 0x0a, 1, 0x79));
    expect(Object.keys(once.inner)).toEqual(["a", "c", "b"]);
  });
});

describe("an object the reader could not have built is left to zod (the check answers no)", () => {
  const abc = z.object({ a: z.string(), b: z.number(), c: z.boolean() });
  const shape = {
    kind: "object",
    fields: [
      { name: "a", shape: OTHER_SHAPE, always: true },
      { name: "b", shape: OTHER_SHAPE, always: false },
      { name: "c", shape: OTHER_SHAPE, always: true },
    ],
  } as const;
  const check = compileDecodeCheck(abc, shape);

  it("is the decode check, and says yes to the keys in order", () => {
    expect(check).not.toBe(compileFastCheck(abc));
    expect(check({ a: "x", b: 1, c: true })).toBe(true);
    expect(check({ a: "x", b: 1, c: 0 })).toBe(false);
  });

  it("no to a key missing, one more, or keys out of order", () => {
    expect(check({ a: "x", c: true })).toBe(false); // b may be missing on the wire: zod decides
    expect(check({ a: "x", b: 1 })).toBe(false);
    expect(check({ a: "x", b: 1, c: true, d: 1 })).toBe(false);
    expect(check({ b: 1, a: "x", c: true })).toBe(false);
    // An enumerable key on the prototype, after the own ones, is one key too many.
    const polluted = Object.assign(Object.create({ z: 1 }), { a: "x", b: 1, c: true }) as unknown;
    expect(check(polluted)).toBe(false);
  });
});

describe("a record the reader does not vouch for is checked in full", () => {
  // Only a reader's record shape vouches for plain string keys: elsewhere a Map (no own keys) must not
  // pass as a record, also as a pipe's output schema.
  const rec = z.record(z.string(), z.number());
  const shape: ReadShape = { kind: "object", fields: [{ name: "r", shape: OTHER_SHAPE, always: true }] };

  it("directly, and as the output of a pipe", () => {
    for (const schema of [z.object({ r: rec }), z.object({ r: z.unknown().pipe(rec) })]) {
      const check = compileDecodeCheck(schema, shape);
      expect(check({ r: { a: 1 } })).toBe(true);
      expect(check({ r: new Map([["a", 1]]) })).toBe(false);
      expect(schema.safeParse({ r: new Map([["a", 1]]) }).success).toBe(false);
    }
  });
});

describe("the same object node at two positions, a field always there at one only", () => {
  // The field counts as always there only if it is at every position: where the wire may leave it out,
  // an inherited key (a protobufjs default on the prototype) is no own key, and zod decides.
  const inner = z.object({ a: z.string(), b: z.number() });
  const at = (bAlways: boolean): ReadShape => ({
    kind: "object",
    fields: [
      { name: "a", shape: OTHER_SHAPE, always: true },
      { name: "b", shape: OTHER_SHAPE, always: bAlways },
    ],
  });
  const check = compileDecodeCheck(z.object({ x: inner, y: inner }), {
    kind: "object",
    fields: [
      { name: "x", shape: at(true), always: true },
      { name: "y", shape: at(false), always: true },
    ],
  });

  it("answers no to an inherited key at either position", () => {
    const inherited = () => Object.assign(Object.create({ b: 1 }), { a: "s" }) as unknown;
    expect(check({ x: { a: "s", b: 1 }, y: { a: "s", b: 1 } })).toBe(true);
    expect(check({ x: { a: "s", b: 1 }, y: inherited() })).toBe(false);
    expect(check({ x: inherited(), y: { a: "s", b: 1 } })).toBe(false);
  });
});

describe("fields whose values the reader vouches for (leaf shapes) are not looked at", () => {
  // A value no reader would build (a number where the shape vouches for a string) shows which fields
  // the check skips: a skipped field answers yes to it, a checked one no.
  const leaf = (type: LeafType) => ({ kind: "leaf", type }) as const;
  const one = (schema: z.ZodType, shape: ReadShape, always = true) =>
    compileDecodeCheck(z.object({ f: schema }), {
      kind: "object",
      fields: [{ name: "f", shape, always }],
    });
  const WRONG = { f: Symbol("not what the reader vouched for") };

  it("skipped: a plain string, boolean, int64, uint64 or bytes schema at a leaf of its own type", () => {
    expect(one(z.string(), leaf("string"))(WRONG)).toBe(true);
    expect(one(z.boolean(), leaf("bool"))(WRONG)).toBe(true);
    expect(one(int64(), leaf("int64"))(WRONG)).toBe(true);
    expect(one(int64().default(0n), leaf("int64"))(WRONG)).toBe(true);
    expect(one(uint64(), leaf("uint64"))(WRONG)).toBe(true);
    expect(one(bytes(), leaf("bytes"))(WRONG)).toBe(true);
    expect(
      one(
        z.array(z.string()).default(() => []),
        { kind: "array", items: leaf("string") },
      )(WRONG),
    ).toBe(true);
  });

  it("checked: a schema with checks, of another type or range, or a field the wire may leave out", () => {
    const checked: [z.ZodType, ReadShape, boolean?][] = [
      [z.string().min(1), leaf("string")],
      [z.enum(["a", "b"]), leaf("string")],
      [z.string(), leaf("bytes")],
      [int64(), leaf("uint64")], // 2^63 .. 2^64-1 are not int64
      [uint64(), leaf("int64")],
      [int64().refine((v) => v >= 0n), leaf("int64")],
      [
        int64()
          .default(0n)
          .refine((v) => v >= 0n),
        leaf("int64"),
      ],
      [z.number(), leaf("int64")],
      [bytes().describe("described: a clone zod made"), leaf("bytes")],
      [z.array(z.string()).max(2), { kind: "array", items: leaf("string") }],
      [z.array(z.string().min(1)), { kind: "array", items: leaf("string") }],
      [z.string(), OTHER_SHAPE],
      [z.string(), leaf("string"), false],
    ];
    for (const [schema, shape, always] of checked) expect(one(schema, shape, always)(WRONG)).toBe(false);
  });

  it("the same node at two positions is skipped only where both vouch for it", () => {
    const inner = z.object({ s: z.string() });
    const schema = z.object({ x: inner, y: inner });
    const at = (s: ReadShape): ReadShape => ({
      kind: "object",
      fields: [{ name: "s", shape: s, always: true }],
    });
    const check = compileDecodeCheck(schema, {
      kind: "object",
      fields: [
        { name: "x", shape: at(leaf("string")), always: true },
        { name: "y", shape: at(OTHER_SHAPE), always: true },
      ],
    });
    expect(check({ x: { s: 1 }, y: { s: "ok" } })).toBe(false);
  });
});
