import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { protobufCodec } from "../src/formats/protobuf/index.js";
import { type Codec, DEFAULT_LIMITS } from "../src/index.js";
import {
  emptyRich,
  fullRich,
  InnerSchema,
  NodeDescriptor,
  NodeSchema,
  NodeStatic,
  NodeType,
  protoFile,
  type Rich,
  RichDescriptor,
  RichSchema,
  RichStatic,
  RichType,
  type TimedAction,
  TimedActionDescriptor,
  TimedActionSchema,
  TimedActionStatic,
  TimedActionType,
} from "./fixtures/protobuf/rich.js";
import { hex, thrown } from "./helpers/bounded.js";

/** Same bits: Object.is for -0 and NaN, which toEqual also applies. */
function expectSame(actual: unknown, expected: unknown): void {
  expect(actual).toEqual(expected);
}

const flavours = [
  ["reflection Type", () => protobufCodec({ type: RichType, schema: RichSchema })],
  ["static class", () => protobufCodec({ type: RichStatic, descriptor: RichDescriptor, schema: RichSchema })],
] as const;

describe.each(flavours)("Rich via %s", (_name, make) => {
  const codec: Codec<Rich> = make();

  test("round-trips every field kind, extremes included", () => {
    const value = fullRich();
    const back = codec.decode(codec.encode(value));
    expectSame(back, value);
    // The corners toEqual would also catch, spelled out.
    expect(Object.is(back.f64, -0)).toBe(true);
    expect(Object.is(back.doubles[3], -0)).toBe(true);
    expect(Number.isNaN(back.doubles[0])).toBe(true);
    expect(back.doubles[1]).toBe(Number.POSITIVE_INFINITY);
    expect(back.doubles[2]).toBe(Number.NEGATIVE_INFINITY);
    expect(Object.is(back.floats[1], -0)).toBe(true);
    expect(back.i64).toBe(-(2n ** 63n));
    expect(back.s64).toBe(2n ** 63n - 1n);
    expect(back.u64).toBe(2n ** 64n - 1n);
    expect(back.packed_longs[4]).toBe(2n ** 53n + 1n);
    expect(back.text).toBe("grüße, 世界 🤖");
  });

  test("64-bit integers are always bigint, small ones too", () => {
    const back = codec.decode(codec.encode({ ...emptyRich(), i64: 5n, u64: 1n, packed_longs: [1n, -2n] }));
    for (const v of [back.i64, back.u64, back.s64, back.fx64, back.sfx64, ...back.packed_longs]) {
      expect(typeof v).toBe("bigint");
    }
    expect(back.by_flag).toEqual({});
  });

  test("an empty message decodes to every field at its default; defaults encode to nothing", () => {
    const back = codec.decode(new Uint8Array(0));
    expectSame(back, emptyRich());
    expect(codec.encode(emptyRich()).length).toBe(0);
    // Fields with presence are absent, not null or default.
    for (const key of ["inner", "maybe", "choice_text", "choice_inner", "choice_num"])
      expect(key in back).toBe(false);
  });

  test("bytes come back as plain Uint8Array views into the input, without copies", () => {
    const input = codec.encode(fullRich());
    const back = codec.decode(input);
    for (const b of [back.blob, back.blobs[0], back.by_uid["18446744073709551615"]]) {
      expect(b).toBeInstanceOf(Uint8Array);
      expect(Object.getPrototypeOf(b)).toBe(Uint8Array.prototype);
      expect(b?.buffer).toBe(input.buffer);
    }
    expect(back.blob.byteOffset).toBeGreaterThan(0);
    expect([...back.blob]).toEqual([0, 1, 2, 254, 255]);
  });

  test("a Node Buffer input still yields plain Uint8Array views over the same memory", () => {
    const input = Buffer.from(codec.encode(fullRich()));
    const back = codec.decode(input);
    expect(Object.getPrototypeOf(back.blob)).toBe(Uint8Array.prototype);
    expect(back.blob.buffer).toBe(input.buffer);
    expectSame(back, fullRich());
  });

  test("encode returns a plain Uint8Array that owns its memory", () => {
    const out = codec.encode(fullRich());
    expect(Object.getPrototypeOf(out)).toBe(Uint8Array.prototype);
    expect(out.byteOffset).toBe(0);
    expect(out.buffer.byteLength).toBe(out.length);
  });

  test("decoded objects are plain: Object.prototype all the way down", () => {
    const back = codec.decode(codec.encode(fullRich()));
    const objects = [
      back,
      back.inner,
      back.inner_list[0],
      back.inners,
      back.inners.front,
      back.labels,
      back.by_id,
    ];
    for (const o of objects) expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    for (const a of [back.names, back.inner_list, back.packed_longs]) expect(Array.isArray(a)).toBe(true);
    // Field names stay as in the .proto.
    expect(Object.keys(back)).toContain("packed_ints");
    expect(Object.keys(back)).not.toContain("packedInts");
  });

  test("map keys: integers in canonical decimal, bools as true/false, shadowing names kept as data", () => {
    const back = codec.decode(codec.encode(fullRich()));
    expect(Object.keys(back.by_id).sort()).toEqual(["-9223372036854775808", "0", "9223372036854775807"]);
    expect(Object.keys(back.by_uid).sort()).toEqual(["1", "18446744073709551615"]);
    expect(back.by_i32["-5"]).toBe(1.5);
    expect(back.by_flag).toEqual({ true: 1n, false: -(2n ** 40n) });
    expect(back.by_s32["-2147483648"]).toBe(1);
    expect(Object.hasOwn(back.labels, "toString")).toBe(true);
    expect(back.labels.toString).toBe("shadow");
  });

  test("oneof: one member at a time, the last one on the wire wins", () => {
    const a = codec.decode(codec.encode({ ...emptyRich(), choice_text: "hi" }));
    expect(a.choice_text).toBe("hi");
    expect("choice_inner" in a || "choice_num" in a).toBe(false);
    const b = codec.decode(codec.encode({ ...emptyRich(), choice_inner: { label: "", n: 0 } }));
    expect(b.choice_inner).toEqual({ label: "", n: 0 });
    // Two members on the wire (a peer may send that): protobuf semantics keep the last.
    const both = Uint8Array.from([...codec.encode({ ...emptyRich(), choice_text: "x" }), 0xe0, 0x02, 0x07]);
    const c = codec.decode(both);
    expect(c.choice_num).toBe(7n);
    expect("choice_text" in c).toBe(false);
  });

  test("encode refuses two members of one oneof", () => {
    const err = thrown(() => codec.encode({ ...emptyRich(), choice_text: "x", choice_num: 1n }));
    expect(err.code).toBe("schema_violation");
    expect(err.direction).toBe("encode");
    expect(err.path).toEqual(["choice"]);
  });

  test("unknown fields and mismatched wire types are skipped, as protoc does", () => {
    const base = codec.encode({ ...emptyRich(), text: "kept", i32: 3 });
    const extra = [
      [0xf8, 0x06, 0x05], // field 111 varint
      [0xfa, 0x06, 0x02, 0xff, 0xfe], // field 111 length-delimited
      [0xfd, 0x06, 1, 2, 3, 4], // field 111 fixed32
      [0xf9, 0x06, 1, 2, 3, 4, 5, 6, 7, 8], // field 111 fixed64
      [0xfb, 0x06, 0x08, 0x01, 0xfc, 0x06], // field 111 group with a varint inside
      [0x0a, 0x00], // field 1 (an int32) sent length-delimited
    ].flat();
    const back = codec.decode(Uint8Array.from([...base, ...extra]));
    expect(back.text).toBe("kept");
    expect(back.i32).toBe(3);
  });

  test("a singular message sent twice is merged (protobuf semantics)", () => {
    const first = codec.encode({ ...emptyRich(), inner: { label: "a", n: 0 } });
    const second = codec.encode({ ...emptyRich(), inner: { label: "", n: 5 } });
    expect(codec.decode(Uint8Array.from([...first, ...second])).inner).toEqual({ label: "a", n: 5 });
  });

  test("repeated scalars accept packed and unpacked runs, mixed", () => {
    // packed_ints (20): one unpacked element, then a packed run of two.
    const bytes = Uint8Array.from([0xa0, 0x01, 0x01, 0xa2, 0x01, 0x02, 0x02, 0x03]);
    expect(codec.decode(bytes).packed_ints).toEqual([1, 2, 3]);
  });

  test("explicit default values on the wire decode to the defaults", () => {
    // i32 = 0, text = "", blob = empty, f64 = +0, flag = false: legal, if unusual, encodings.
    const bytes = Uint8Array.from([
      0x08, 0x00, 0x52, 0x00, 0x5a, 0x00, 0x41, 0, 0, 0, 0, 0, 0, 0, 0, 0x48, 0x00,
    ]);
    expectSame(codec.decode(bytes), emptyRich());
  });

  test("a well-formed message the schema refuses is a schema_violation with the path", () => {
    const strict = flavoursWith(
      RichSchema.extend({ inner_list: z.array(InnerSchema.extend({ n: z.number().min(0) })) }),
    );
    const bytes = codec.encode({
      ...emptyRich(),
      inner_list: [
        { label: "a", n: 1 },
        { label: "b", n: -1 },
      ],
    });
    for (const c of strict) {
      const err = thrown(() => c.decode(bytes));
      expect(err.code).toBe("schema_violation");
      expect(err.direction).toBe("decode");
      expect(err.path).toEqual(["inner_list", 1, "n"]);
    }
  });

  test("an invalid value on encode is a schema_violation with the path (zod)", () => {
    const bad = {
      ...emptyRich(),
      inner_list: [
        { label: "a", n: 1 },
        { label: "b", n: 1.5 },
      ],
    };
    const err = thrown(() => codec.encode(bad));
    expect(err.code).toBe("schema_violation");
    expect(err.direction).toBe("encode");
    expect(err.path).toEqual(["inner_list", 1, "n"]);
  });

  test("values a loose schema lets through are still checked against the proto types", () => {
    const loose = flavoursWith(z.custom<Rich>(() => true));
    const cases: [unknown, PropertyKey[]][] = [
      [{ f32: 0.1 }, ["f32"]],
      [{ i32: 2 ** 31 }, ["i32"]],
      [{ u32: -1 }, ["u32"]],
      [{ u64: -1n }, ["u64"]],
      [{ i64: 2n ** 63n }, ["i64"]],
      [{ i64: 1.5 }, ["i64"]],
      [{ text: "\ud800" }, ["text"]],
      [{ blob: "not bytes" }, ["blob"]],
      [{ flag: 1 }, ["flag"]],
      [{ names: ["a", 2] }, ["names", 1]],
      [{ inner: { label: "x", n: 0, extra: 1 } }, ["inner", "extra"]],
      [{ nope: 1 }, ["nope"]],
      [{ by_id: { abc: "x" } }, ["by_id", "abc"]],
      [{ by_id: { "007": "x" } }, ["by_id", "007"]],
      [{ by_uid: { "-1": new Uint8Array(0) } }, ["by_uid", "-1"]],
      [{ by_flag: { yes: 1n } }, ["by_flag", "yes"]],
      [{ by_i32: { "2147483648": 1 } }, ["by_i32", "2147483648"]],
      [{ inners: { a: null } }, ["inners", "a"]],
      [{ labels: JSON.parse('{"__proto__": "x"}') }, ["labels", "__proto__"]],
      [{ labels: { constructor: "x" } }, ["labels", "constructor"]],
    ];
    for (const c of loose) {
      for (const [patch, path] of cases) {
        const err = thrown(() => c.encode({ ...emptyRich(), ...(patch as object) } as Rich));
        expect(err.code, JSON.stringify(path)).toBe("schema_violation");
        expect(err.path, err.message).toEqual(path);
      }
    }
  });

  test("limits apply on encode too, before and after protobufjs writes", () => {
    const small = protobufCodec({
      type: RichType,
      schema: RichSchema,
      limits: { maxArrayLength: 2, maxStringBytes: 3 },
    });
    const e1 = thrown(() => small.encode({ ...emptyRich(), names: ["a", "b", "c"] }));
    expect([e1.code, e1.limit, e1.path]).toEqual(["limit_exceeded", "maxArrayLength", ["names"]]);
    const e2 = thrown(() => small.encode({ ...emptyRich(), text: "four" }));
    expect([e2.code, e2.limit, e2.direction, e2.path]).toEqual([
      "limit_exceeded",
      "maxStringBytes",
      "encode",
      ["text"],
    ]);
  });

  test("a cyclic value fails as maxDepth instead of overflowing the stack", () => {
    const node: { value: number; children: unknown[]; named: Record<string, unknown>; child?: unknown } = {
      value: 1,
      children: [],
      named: {},
    };
    node.child = node;
    const loose = protobufCodec({ type: NodeType, schema: z.custom<unknown>(() => true) });
    const err = thrown(() => loose.encode(node));
    expect([err.code, err.limit]).toEqual(["limit_exceeded", "maxDepth"]);
  });
});

function flavoursWith<T>(schema: z.ZodType<T>): Codec<T>[] {
  return [
    protobufCodec({ type: RichType, schema }),
    protobufCodec({ type: RichStatic, descriptor: RichDescriptor, schema }),
  ];
}

describe("reflection and static agree", () => {
  const reflection = protobufCodec({ type: RichType, schema: RichSchema });
  const stat = protobufCodec({ type: RichStatic, descriptor: RichDescriptor, schema: RichSchema });

  test("the same value encodes to the same bytes, and each decodes the other's", () => {
    const a = reflection.encode(fullRich());
    const b = stat.encode(fullRich());
    expect(b).toEqual(a);
    expectSame(stat.decode(a), fullRich());
    expectSame(reflection.decode(b), fullRich());
  });

  test("bytes from protobufjs' own encoder decode to the same value", () => {
    const raw = RichType.encode(
      RichType.fromObject({
        i64: "-9223372036854775808",
        text: "x",
        inner: { label: "y" },
        labels: { k: "v" },
      }),
    ).finish();
    const back = stat.decode(raw);
    expect(back.i64).toBe(-(2n ** 63n));
    expect(back.inner).toEqual({ label: "y", n: 0 });
    expect(back.labels).toEqual({ k: "v" });
  });

  test("recursive messages round-trip through both", () => {
    const v = {
      value: 1,
      child: { value: 2, children: [], named: {} },
      children: [{ value: 3, children: [], named: { x: { value: 4, children: [], named: {} } } }],
      named: {},
    };
    for (const c of [
      protobufCodec({ type: NodeType, schema: NodeSchema }),
      protobufCodec({ type: NodeStatic, descriptor: NodeDescriptor, schema: NodeSchema }),
    ]) {
      expect(c.decode(c.encode(v))).toEqual(v);
    }
  });
});

describe.each([
  ["reflection Type", () => protobufCodec({ type: TimedActionType, schema: TimedActionSchema })],
  [
    "static class",
    () =>
      protobufCodec({
        type: TimedActionStatic,
        descriptor: TimedActionDescriptor,
        schema: TimedActionSchema,
      }),
  ],
] as const)("a message without oneofs (decoded straight into a plain object) via %s", (_name, make) => {
  const codec: Codec<TimedAction> = make();
  const defaults: TimedAction = { timestamp: 0, timestep: 0n, action: [], task: "", must_go: false };
  const value: TimedAction = {
    timestamp: 1718000000.125,
    timestep: 2n ** 62n,
    action: [0.5, -1.25, 3, Number.NaN].map(Math.fround),
    task: "pick up the cube",
    must_go: true,
  };

  test("round-trips, repeatedly, with every key present and Object.prototype", () => {
    for (let i = 0; i < 3; i++) {
      const back = codec.decode(codec.encode(value));
      expect(back).toEqual(value);
      expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
      expect(Object.keys(back).sort()).toEqual(["action", "must_go", "task", "timestamp", "timestep"]);
      const empty = codec.decode(new Uint8Array(0));
      expect(empty).toEqual(defaults);
      expect(Object.keys(empty).sort()).toEqual(["action", "must_go", "task", "timestamp", "timestep"]);
      // Decoded arrays are fresh: changing one does not leak into the next decode.
      empty.action.push(1);
      expect(codec.decode(new Uint8Array(0)).action).toEqual([]);
    }
  });

  test("explicit default values on the wire still decode to every key, at its default", () => {
    const cases = [
      "09 00 00 00 00 00 00 00 00", // timestamp = +0
      "10 00", // timestep = 0
      "10 80 80 00", // timestep = 0, in three bytes
      "1a 00", // an empty packed run
      "22 00", // task = ""
      "28 00", // must_go = false
      "09 00 00 00 00 00 00 00 00 10 00 1a 00 22 00 28 00",
      "10 05 10 00", // a later default replaces an earlier value
    ];
    for (const c of cases) {
      const back = codec.decode(hex(c));
      expect(back, c).toEqual(defaults);
      expect(Object.keys(back).sort(), c).toEqual(["action", "must_go", "task", "timestamp", "timestep"]);
    }
    // Not defaults: -0, and 128 (whose first byte looks like a zero).
    expect(Object.is(codec.decode(hex("09 00 00 00 00 00 00 00 80")).timestamp, -0)).toBe(true);
    expect(codec.decode(hex("10 80 01")).timestep).toBe(128n);
  });

  test("a Buffer input and a subarray input decode the same", () => {
    const bytes = codec.encode(value);
    const padded = new Uint8Array(bytes.length + 6);
    padded.set(bytes, 3);
    expect(codec.decode(padded.subarray(3, 3 + bytes.length))).toEqual(value);
    expect(codec.decode(Buffer.from(bytes))).toEqual(value);
  });
});

describe("construction", () => {
  test("name defaults to the full message name; limits are merged over the defaults", () => {
    const c = protobufCodec({ type: RichType, schema: RichSchema, limits: { maxDepth: 9 } });
    expect(c.format).toBe("protobuf");
    expect(c.name).toBe("safewire.test.Rich");
    expect(c.limits).toEqual({ ...DEFAULT_LIMITS, maxDepth: 9 });
    expect(protobufCodec({ type: RichType, schema: RichSchema, name: "rich" }).name).toBe("rich");
  });

  test("a static class needs its descriptor, and the descriptor must be the same message", () => {
    expect(() => protobufCodec({ type: RichStatic, schema: RichSchema })).toThrow(/descriptor/);
    expect(() => protobufCodec({ type: RichStatic, descriptor: NodeDescriptor, schema: RichSchema })).toThrow(
      /safewire\.test\.Rich.*safewire\.test\.Node/,
    );
    expect(() =>
      protobufCodec({ type: RichType, descriptor: NodeDescriptor as protobuf.Type, schema: RichSchema }),
    ).toThrow(/descriptor/);
  });

  test("a descriptor loaded without keepCase does not match a --keep-case static class", () => {
    const camel = new protobuf.Root().loadSync(protoFile).lookupType("safewire.test.Rich"); // packedInts, …
    expect(() => protobufCodec({ type: RichStatic, descriptor: camel, schema: RichSchema })).toThrow(
      /--keep-case/,
    );
  });

  test("anything else is refused with a TypeError", () => {
    expect(() => protobufCodec({ type: {} as protobuf.Type, schema: RichSchema })).toThrow(TypeError);
  });
});

describe("static path without run-time code generation", () => {
  test("encodes, decodes and refuses hostile bytes under --disallow-code-generation-from-strings", () => {
    const script = fileURLToPath(new URL("fixtures/protobuf/no-codegen.ts", import.meta.url));
    const stdout = execFileSync(
      process.execPath,
      ["--disallow-code-generation-from-strings", "--import", "tsx", script],
      {
        encoding: "utf8",
        cwd: fileURLToPath(new URL("..", import.meta.url)),
      },
    );
    expect(JSON.parse(stdout.trim().split("\n").pop() as string)).toEqual({
      roundTrip: true,
      nodeRoundTrip: true,
      hostile: "malformed",
      reflectionDecode: "decoded",
      reflectionEncode: "encoded",
      protobufjsEncode: "blocked",
    });
  }, 30_000);
});

describe("map entries without their value field (fuzz finding)", () => {
  // A map<uint64, bytes> entry of field 33 holding only its key (08 07): proto3 reads the value as empty,
  // as python3-protobuf does (b''); protobufjs leaves [] there, which must not reach the value.
  const loose = (type: protobuf.Type) =>
    protobufCodec({
      type,
      schema: z.object({ by_uid: z.record(z.string(), z.instanceof(Uint8Array)) }).loose(),
    });

  test("decodes as an empty Uint8Array, with reflection and static code alike", () => {
    for (const c of [
      loose(RichType),
      protobufCodec({ type: RichStatic, descriptor: RichDescriptor, schema: z.any() }),
    ]) {
      const v = c.decode(hex("8a 02 02 08 07")) as { by_uid: Record<string, Uint8Array> };
      expect(v.by_uid["7"]).toBeInstanceOf(Uint8Array);
      expect(v.by_uid["7"]?.byteLength).toBe(0);
    }
  });
});

describe("proto2 required fields", () => {
  const root = protobuf.parse(
    `syntax = "proto2";
     message Inner { required int32 x = 1; }
     message Outer { required int32 a = 1; optional Inner inner = 2; }`,
    { keepCase: true },
  ).root;
  const codec = protobufCodec({
    type: root.lookupType("Outer"),
    schema: z.object({ a: z.number(), inner: z.object({ x: z.number() }).optional() }),
  });

  test("a message without one is malformed, in safewire's words, naming the field", () => {
    for (const [bytes, field] of [
      [hex(""), "a"],
      [hex("0801 1200"), "x"], // inner present, its x missing
    ] as const) {
      const err = thrown(() => codec.decode(bytes));
      expect(err.code).toBe("malformed");
      expect(err.message).toBe(
        `protobuf decode: required field "${field}" is missing (a proto2 message needs it)`,
      );
    }
    expect(codec.decode(hex("0801 1202 0807"))).toEqual({ a: 1, inner: { x: 7 } });
  });

  // A required field keeps safewire's table encoder out: the value is checked by toWire and written by
  // protobufjs, which needs 64-bit values as Long bits, wherever they sit. One message per place, since
  // any 64-bit field makes toWire copy the whole message (mutants that skipped the copy for a message
  // whose only 64-bit values are in maps, or are unsigned, sent them all as 0).
  test.each([
    [
      "map<string, int64> by_name = 2; map<uint64, sint64> by_id = 3;",
      {
        by_name: { k: 2n ** 62n, n: -(2n ** 63n) },
        by_id: { "18446744073709551615": -7n, "9007199254740993": 2n ** 63n - 1n },
      },
    ],
    [
      "optional uint64 u = 2; repeated uint64 us = 3; optional fixed64 f = 4;",
      { u: 2n ** 64n - 1n, us: [2n ** 63n, 5n], f: 2n ** 64n - 2n },
    ],
    ["repeated int64 is = 2 [packed = true];", { is: [-(2n ** 63n), 2n ** 62n] }],
  ])("64-bit values come back exact: %s", (fields, values) => {
    const type = protobuf
      .parse(`syntax = "proto2"; message Wide { required int32 r = 1; ${fields} }`, { keepCase: true })
      .root.lookupType("Wide");
    const codec = protobufCodec({ type, schema: z.unknown() });
    const value = { r: 1, ...values };
    expect(codec.decode(codec.encode(value))).toEqual(value);
  });
});

// In an editions file whose messages are DELIMITED (group-encoded), map values stay length-prefixed: a map
// entry is a message of its own kind, which the feature does not reach.
describe("editions: message_encoding = DELIMITED and maps", () => {
  const type = protobuf
    .parse(
      `edition = "2023"; option features.message_encoding = DELIMITED;
       message V { int32 a = 1; } message M { map<string, V> m = 1; V v = 2; }`,
      { keepCase: true },
    )
    .root.lookupType("M");
  const codec = protobufCodec({ type, schema: z.unknown() });

  test("the field is a group, the map's values are length-prefixed", () => {
    const value = { m: { k: { a: 1 } }, v: { a: 2 } };
    const bytes = codec.encode(value);
    expect(Buffer.from(bytes).toString("hex")).toBe("0a070a016b1202080113080214");
    expect(codec.decode(bytes)).toEqual(value);
  });

  test("a map value sent as a group has the wrong wire type: an unknown field, so the value is empty", () => {
    // As protoc's runtimes read a map entry: a field of the wrong wire type is skipped as unknown (checked
    // with Debian's python3-protobuf 4.21 on the same bytes for a proto3 map<string, V>: {'k': V()}).
    expect(codec.decode(hex("0a07 0a016b 130801 14"))).toEqual({ m: { k: {} } });
  });
});

// Field numbers below 1024 are looked up by index, the rest in a map: each side of that line, and past it.
describe("field numbers around 1024", () => {
  const M = protobuf
    .parse(
      'syntax = "proto3"; message M { int32 a = 1; int32 b = 1023; int32 c = 1024; int32 d = 1025; string e = 536870911; }',
      { keepCase: true },
    )
    .root.lookupType("M");
  const Schema = z.object({ a: z.number(), b: z.number(), c: z.number(), d: z.number(), e: z.string() });
  const codec = protobufCodec({ type: M, schema: Schema });
  const value = { a: 1, b: 2, c: 3, d: 4, e: "x".repeat(20_000) };

  test("each field is read and written, in a small message and a large one (past the checked read)", () => {
    for (const v of [{ ...value, e: "e" }, value]) {
      const bytes = M.encode(M.fromObject(v)).finish();
      expect(codec.decode(bytes)).toEqual(v);
      expect(new Uint8Array(codec.encode(v))).toEqual(new Uint8Array(bytes));
    }
  });

  test("a field numbered 1024 is checked where 1023 is the highest indexed one (large input: the prescan)", () => {
    const N = protobuf
      .parse('syntax = "proto3"; message N { int32 b = 1023; string c = 1024; }', { keepCase: true })
      .root.lookupType("N");
    const limited = protobufCodec({
      type: N,
      schema: z.object({ b: z.number(), c: z.string() }),
      limits: { maxStringBytes: 1000 },
    });
    const bytes = N.encode(N.fromObject({ b: 1, c: "x".repeat(20_000) })).finish();
    const err = thrown(() => limited.decode(bytes));
    expect([err.code, err.limit, err.path]).toEqual(["limit_exceeded", "maxStringBytes", ["c"]]);
  });
});
