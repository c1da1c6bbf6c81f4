// Values are plain data: a Map, a Set, a class instance or a typed array other than Uint8Array where a
// map or record goes would be written as something else (a Map as an empty map, a Float32Array as raw
// bytes that arrive as a Uint8Array). Every format refuses them on encode, naming the path.
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { avroCodec } from "../../src/formats/avro/index.js";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import { bytes, type Codec } from "../../src/index.js";
import { builtInAsObject } from "../../src/object-input.js";

// Schemas that let anything through, so that only the writers stand between the value and the wire.
const anything = z.custom<unknown>(() => true);
const Schema = z.object({ m: anything });
type Value = z.infer<typeof Schema>;

const proto = protobuf
  .parse('syntax = "proto3"; message V { map<string, int32> m = 1; }', { keepCase: true })
  .root.lookupType("V");
const avro = {
  type: "record",
  name: "V",
  fields: [{ name: "m", type: { type: "map", values: "int" } }],
};

const CODECS: [string, Codec<Value>][] = [
  ["protobuf", protobufCodec({ type: proto, schema: Schema })],
  ["avro", avroCodec({ type: avro, schema: Schema })],
  ["msgpack", msgpackCodec({ schema: Schema })],
];

class Point {
  x = 1;
}

describe.each(CODECS)("%s", (_format, codec) => {
  it("refuses a Map, a Set or a class instance where a map goes, instead of sending an empty map", () => {
    for (const [m, kind] of [
      [new Map([["a", 1]]), "Map"],
      [new Set(["a"]), "Set"],
      [new Point(), "Point"],
    ] as const) {
      const r = codec.safeEncode({ m });
      expect(r.ok, kind).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe("schema_violation");
        expect(r.error.path).toEqual(["m"]);
        expect(r.error.message).toContain(kind);
      }
    }
    // A plain record (also with a null prototype) is fine, and the codec still works.
    const bare = Object.assign(Object.create(null) as Record<string, number>, { a: 1 });
    expect(codec.decode(codec.encode({ m: bare }))).toEqual({ m: { a: 1 } });
    expect(codec.decode(codec.encode({ m: { b: 2 } }))).toEqual({ m: { b: 2 } });
  });
});

describe("where a message or record goes (protobuf and Avro)", () => {
  // Their writers read a message's fields as properties of any object: a Map would go out as the defaults.
  const R = "message R { string name = 1; int32 length = 2; }";
  const protoV = protobuf
    .parse(`syntax = "proto3"; ${R} message V { R r = 1; }`, { keepCase: true })
    .root.lookupType("V");
  const recordR = {
    type: "record",
    name: "R",
    fields: [
      { name: "name", type: "string", default: "x" },
      { name: "length", type: "int", default: 0 },
    ],
  };
  const avroV = { type: "record", name: "V", fields: [{ name: "r", type: recordR }] };
  const Any = z.object({ r: anything });
  const codecs: [string, Codec<{ r?: unknown }>][] = [
    ["protobuf", protobufCodec({ type: protoV, schema: Any })],
    ["avro", avroCodec({ type: avroV, schema: Any })],
  ];

  it.each(codecs)(
    "%s refuses an array, a Map, a Set, a Date or a typed array, naming it",
    (format, codec) => {
      for (const [r, kind] of [
        [["ab", 1], "array"],
        [new Map([["name", "m"]]), "Map"],
        [new Set(["name"]), "Set"],
        [new Date(0), "Date"],
        [Uint8Array.of(1), "Uint8Array"],
        [new Float64Array(2), "Float64Array"],
      ] as const) {
        const got = codec.safeEncode({ r });
        expect(got.ok, `${format} ${kind}`).toBe(false);
        if (!got.ok) {
          expect(got.error.code).toBe("schema_violation");
          expect(got.error.path).toEqual(["r"]);
          expect(got.error.message).toContain(kind);
        }
      }
    },
  );

  it.each(codecs)("%s takes a plain object, one with a null prototype, and a class instance", (_f, codec) => {
    class Named {
      name = "c";
      length = 3;
    }
    const bare = Object.assign(Object.create(null) as object, { name: "n", length: 2 });
    for (const r of [{ name: "p", length: 1 }, bare, new Named()]) {
      expect(codec.decode(codec.encode({ r }))).toEqual({ r: { ...r } });
    }
  });

  it("Avro refuses them at the root and in a union too", () => {
    const root = avroCodec({ type: recordR, schema: anything });
    const union = avroCodec({ type: ["null", recordR], schema: anything });
    for (const codec of [root, union]) {
      const got = codec.safeEncode(new Map([["name", "m"]]));
      expect(got.ok ? "ok" : `${got.error.code} ${got.error.message}`).toMatch(
        /^schema_violation .*expected an object for record R, got a Map/,
      );
    }
    expect(union.decode(union.encode(null))).toBeNull();
  });
});

describe("a built-in object where a zod object goes", () => {
  // zod 4's z.object takes any non-array object: a Map passes, and comes out as an object of the shape's
  // keys read as properties, its entries gone (all of it, when every field is optional).
  const Inner = z.object({ name: z.string().optional(), n: z.number().optional() });
  const Schema = z.object({
    r: Inner.optional(),
    list: z.array(Inner).optional(),
    byName: z.record(z.string(), Inner).optional(),
    fromMap: z
      .map(z.string(), z.number())
      .transform((m) => Object.fromEntries(m))
      .optional(),
  });
  const codec = msgpackCodec({ schema: Schema });

  it("is refused with its kind and path, at any depth", () => {
    for (const [v, path, kind] of [
      [{ r: new Map([["name", "m"]]) }, ["r"], "Map"],
      [{ r: new Date(0) }, ["r"], "Date"],
      [{ list: [{}, new Set()] }, ["list", 1], "Set"],
      [{ byName: { a: Uint8Array.of(1) } }, ["byName", "a"], "Uint8Array"],
    ] as const) {
      const got = codec.safeEncode(v as never);
      expect(got.ok, kind).toBe(false);
      if (!got.ok) {
        expect(got.error.code).toBe("schema_violation");
        expect(got.error.path).toEqual(path);
        expect(got.error.message).toContain(`got a ${kind}`);
      }
    }
  });

  it("leaves plain objects, class instances and a transform that takes a Map on purpose alone", () => {
    class Named {
      name = "c";
    }
    expect(codec.decode(codec.encode({ r: { name: "p" }, list: [new Named()] }))).toEqual({
      r: { name: "p" },
      list: [{ name: "c" }],
    });
    const out = codec.encode({ fromMap: new Map([["a", 1]]) } as never);
    expect(msgpackCodec({ schema: z.unknown() }).decode(out)).toEqual({ fromMap: { a: 1 } });
  });

  it("is refused where the object is reached through a union, a lazy, an intersection, a tuple or a catchall", () => {
    const A = z.object({ kind: z.literal("a"), s: z.string() });
    const B = z.object({ kind: z.literal("b"), r: Inner.optional() });
    interface Tree {
      name?: string;
      children?: Tree[];
    }
    const Tree: z.ZodType<Tree> = z.lazy(() =>
      z.object({ name: z.string().optional(), children: z.array(Tree).optional() }),
    );
    const Wide = z.object({
      either: z.union([z.string(), Inner]).optional(),
      tagged: z.discriminatedUnion("kind", [A, B]).optional(),
      one: z.xor([z.string(), Inner]).optional(),
      tree: Tree.optional(),
      both: z.intersection(Inner, z.object({ extra: z.string().optional() })).optional(),
      pair: z.tuple([z.string(), Inner]).optional(),
      loose: z.object({}).catchall(Inner).optional(),
    });
    const wide = msgpackCodec({ schema: Wide });
    const m = new Map([["name", "m"]]);
    for (const [v, path] of [
      [{ either: m }, ["either"]],
      [{ tagged: { kind: "b", r: m } }, ["tagged", "r"]],
      [{ one: m }, ["one"]],
      [{ tree: { children: [{ name: "x" }, { children: [m] }] } }, ["tree", "children", 1, "children", 0]],
      [{ both: m }, ["both"]],
      [{ pair: ["s", m] }, ["pair", 1]],
      [{ loose: { any: m } }, ["loose", "any"]],
    ] as const) {
      const got = wide.safeEncode(v as never);
      expect(got.ok ? "sent" : `${got.error.code} ${got.error.path.join(".")}`, JSON.stringify(path)).toBe(
        `schema_violation ${path.join(".")}`,
      );
      if (!got.ok) expect(got.error.message).toContain("got a Map");
    }
    // zod takes as a record an object whose prototype has no constructor, not only a plain one.
    const odd = Object.create(Object.create(null)) as Record<string, unknown>;
    odd.a = m;
    const inRecord = msgpackCodec({ schema: z.object({ rec: z.record(z.string(), Inner) }) }).safeEncode({
      rec: odd as never,
    });
    expect(inRecord.ok ? "sent" : `${inRecord.error.code} ${inRecord.error.path.join(".")}`).toBe(
      "schema_violation rec.a",
    );
    // A chain of lazies longer than maxDepth (64): zod follows it to the end, and so does the walk.
    let deep: z.ZodType = Inner;
    for (let i = 0; i < 70; i++) {
      const inner = deep;
      deep = z.lazy(() => inner);
    }
    const behindLazies = msgpackCodec({ schema: z.object({ r: deep }) }).safeEncode({ r: m });
    expect(behindLazies.ok ? "sent" : `${behindLazies.error.code} ${behindLazies.error.path.join(".")}`).toBe(
      "schema_violation r",
    );
    // The option zod takes decides: a Map an earlier option takes on purpose goes out as that option made it.
    const ByMap = z.object({
      u: z.union([z.map(z.string(), z.string()).transform((x) => Object.fromEntries(x)), Inner]),
    });
    const out = msgpackCodec({ schema: ByMap }).encode({ u: m } as never);
    expect(msgpackCodec({ schema: z.unknown() }).decode(out)).toEqual({ u: { name: "m" } });
    // And a plain value through those schemas still goes out whole.
    const fine = {
      either: { name: "e" },
      tagged: { kind: "b" as const, r: { n: 1 } },
      one: "s",
      tree: { children: [{ name: "x" }, { children: [] }] },
      both: { name: "b", extra: "x" },
      pair: ["s", { n: 2 }] as [string, { n: number }],
      loose: { any: { name: "l" } },
    };
    expect(wide.decode(wide.encode(fine))).toEqual(fine);
  });

  it("is refused through every format's codec, with an ordinary schema", () => {
    const Message = z.object({ r: Inner.optional() });
    const pb = protobuf
      .parse(
        'syntax = "proto3"; message I { optional string name = 1; optional double n = 2; } message M { I r = 1; }',
        {
          keepCase: true,
        },
      )
      .root.lookupType("M");
    const inner = {
      type: "record",
      name: "I",
      fields: [
        { name: "name", type: ["null", "string"], default: null },
        { name: "n", type: ["null", "double"], default: null },
      ],
    };
    const av = { type: "record", name: "M", fields: [{ name: "r", type: ["null", inner], default: null }] };
    for (const c of [
      protobufCodec({ type: pb, schema: Message }),
      avroCodec({ type: av, schema: Message }),
      msgpackCodec({ schema: Message }),
    ]) {
      const got = c.safeEncode({ r: new Map([["name", "m"]]) } as never);
      expect(got.ok ? "sent" : `${got.error.code} ${got.error.path.join(".")}`, c.format).toBe(
        "schema_violation r",
      );
    }
  });
});

// The walk's edges, each one a line of object-input.ts (found by mutating it).
describe("where the walk for a built-in object goes", () => {
  const Inner = z.object({ name: z.string().optional(), n: z.number().optional() });
  const m = new Map([["name", "m"]]);
  const sent = (schema: z.ZodType, value: unknown): string => {
    const r = msgpackCodec({ schema }).safeEncode(value);
    return r.ok ? "sent" : `${r.error.code} ${r.error.path.join(".")}`;
  };

  it("goes maxLevel containers down, the value being the first, through objects and arrays", () => {
    const at = (schema: z.ZodType, v: unknown, maxLevel: number) =>
      builtInAsObject(schema as never, v, maxLevel)?.path;
    expect(at(Inner, m, 1)).toEqual([]);
    expect(at(Inner, m, 0)).toBeUndefined();
    expect(at(z.object({ r: Inner }), { r: m }, 2)).toEqual(["r"]);
    expect(at(z.object({ r: Inner }), { r: m }, 1)).toBeUndefined();
    expect(at(z.array(Inner), [m], 2)).toEqual([0]);
    expect(at(z.array(Inner), [m], 1)).toBeUndefined();
  });

  it("is refused in a tuple's rest, either side of an intersection, and past a wrapper a lazy returns", () => {
    expect(sent(z.tuple([z.string()], Inner), ["s", m])).toBe("schema_violation 1");
    const a = z.object({ a: z.string().optional() });
    const r = z.object({ r: Inner.optional() });
    expect(sent(z.intersection(a, r), { r: m })).toBe("schema_violation r");
    expect(sent(z.intersection(r, a), { r: m })).toBe("schema_violation r");
    expect(
      sent(
        z.lazy(() => Inner.optional()),
        m,
      ),
    ).toBe("schema_violation ");
  });

  it("a catchall judges only the keys the shape does not name", () => {
    // The shape's own field takes the Map on purpose; the catchall's object schema must not judge it.
    const schema = z
      .object({ m: z.map(z.string(), z.string()).transform((x) => Object.fromEntries(x)) })
      .catchall(Inner);
    expect(sent(schema, { m })).toBe("sent");
    expect(sent(schema, { m, other: m })).toBe("schema_violation other");
  });
});

describe("a binary whose length getter says otherwise than the bytes it holds", () => {
  // Writers size a binary by its length: one saying 40 for 3 bytes sent 37 bytes an earlier message had
  // left in the scratch (Avro, msgpack) or zeros (protobuf); one saying 1 sent a single byte.
  const Bin = z.object({ b: bytes() });
  const proto = protobuf
    .parse('syntax = "proto3"; message B { bytes b = 1; }', { keepCase: true })
    .root.lookupType("B");
  // A required field keeps the table encoder out: toWire checks the value, protobufjs writes it.
  const proto2 = protobuf
    .parse('syntax = "proto2"; message B { required bytes b = 1; }', { keepCase: true })
    .root.lookupType("B");
  const fixed = { type: "fixed", name: "F", size: 3 };
  const record = (type: unknown) => ({ type: "record", name: "B", fields: [{ name: "b", type }] });
  const codecs: [string, Codec<{ b: Uint8Array }>][] = [
    ["protobuf", protobufCodec({ type: proto, schema: Bin })],
    ["protobuf (protobufjs' encoder)", protobufCodec({ type: proto2, schema: Bin })],
    ["avro", avroCodec({ type: record("bytes"), schema: Bin })],
    ["avro fixed", avroCodec({ type: record(fixed), schema: Bin })],
    ["msgpack", msgpackCodec({ schema: Bin })],
  ];
  const lying = (says: number) =>
    class extends Uint8Array {
      override get length() {
        return says;
      }
    };

  it.each(codecs)("%s refuses it, naming both lengths", (_format, codec) => {
    for (const says of [40, 1, 0]) {
      codec.safeEncode({ b: new Uint8Array(3).fill(0xee) }); // what an earlier message leaves behind
      const got = codec.safeEncode({ b: new (lying(says))([1, 2, 3]) });
      expect(got.ok ? "sent" : `${got.error.code} ${got.error.path.join(".")} ${got.error.message}`).toMatch(
        new RegExp(`^schema_violation b .*length says ${says} holds 3 bytes`),
      );
    }
  });

  it.each(codecs)("%s takes a subclass whose length is true, as the bytes it holds", (_format, codec) => {
    class Tagged extends Uint8Array {
      tag = "t";
    }
    const back = codec.decode(codec.encode({ b: new Tagged([1, 2, 3]) })).b;
    expect(Array.from(back)).toEqual([1, 2, 3]);
    expect(Object.getPrototypeOf(back)).toBe(Uint8Array.prototype);
  });
});

describe("msgpack, where every object is a map", () => {
  const codec = msgpackCodec({ schema: z.object({ v: anything }) });
  it("refuses typed arrays other than Uint8Array, Dates and class instances anywhere, with the path", () => {
    for (const [v, path, kind] of [
      [new Float32Array([1.5]), ["v"], "Float32Array"],
      [{ deep: [1, new Date(0)] }, ["v", "deep", 1], "Date"],
      [[{ p: new Point() }], ["v", 0, "p"], "Point"],
      [new DataView(new ArrayBuffer(2)), ["v"], "DataView"],
    ] as const) {
      const r = codec.safeEncode({ v });
      expect(r.ok, kind).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe("schema_violation");
        expect(r.error.path).toEqual(path);
        expect(r.error.message).toContain(kind);
      }
    }
    // A Buffer is a Uint8Array: fine, and it arrives as a plain Uint8Array.
    const back = codec.decode(codec.encode({ v: Buffer.from([1, 2]) })).v;
    expect(back).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(back)).toBe(false);
  });
});

describe("msgpack, bigints", () => {
  const codec = msgpackCodec({ schema: z.object({ v: z.array(z.bigint()) }) });
  it("refuses one past 64 bits (the library would send its low 64 bits: 2^70 as 0)", () => {
    for (const [b, i] of [
      [2n ** 64n, 1],
      [2n ** 70n, 1],
      [-(2n ** 63n) - 1n, 1],
    ] as const) {
      const r = codec.safeEncode({ v: [0n, b] });
      expect(r.ok, String(b)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe("schema_violation");
        expect(r.error.path).toEqual(["v", i]);
        expect(r.error.message).toContain(String(b));
      }
    }
    // The edges of the range go through exactly.
    const edges = [-(2n ** 63n), 2n ** 64n - 1n, 0n];
    expect(codec.decode(codec.encode({ v: edges })).v).toEqual(edges);
  });
  it("names the bigint past 64 bits, not 2^64-1 before it (the top of the range is in it)", () => {
    const r = codec.safeEncode({ v: [2n ** 64n - 1n, 2n ** 70n] });
    expect(r).toMatchObject({ ok: false, error: { code: "schema_violation", path: ["v", 1] } });
    if (!r.ok) {
      expect(r.error.message).toContain(String(2n ** 70n));
      expect(r.error.message).not.toContain(String(2n ** 64n - 1n));
    }
  });
});
