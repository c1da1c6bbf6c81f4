import { spawnSync } from "node:child_process";
import avsc from "avsc";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { avroCodec } from "../src/formats/avro/index.js";
import { bytes, float32, float64, int32, int64 } from "../src/index.js";
import { hex, thrown } from "./helpers/bounded.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const RICH = {
  type: "record",
  name: "Rich",
  namespace: "test.avro",
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
  ],
};

const Rich = z.object({
  i: int32(),
  l: int64(),
  f: float32(),
  d: float64(),
  s: z.string(),
  b: bytes(),
  h: bytes().refine((x) => x.length === 4, "a Hash is 4 bytes"),
  e: z.enum(["IDLE", "RUN", "STOP"]),
  xs: z.array(float64()),
  m: z.record(z.string(), int64()),
  inner: z.object({ ok: z.boolean(), tags: z.array(z.string()) }),
  opt: z.string().nullable(),
  blobs: z.record(z.string(), bytes().nullable()),
  nothing: z.null(),
});
type Rich = z.infer<typeof Rich>;

function rich(partial: Partial<Rich> = {}): Rich {
  return {
    i: 7,
    l: 1_700_000_000_000_000_000n,
    f: 1.5,
    d: Math.PI,
    s: "shoulder_pan.pos",
    b: new Uint8Array([1, 2, 3]),
    h: new Uint8Array([0xde, 0xad, 0xbe, 0xef]),
    e: "RUN",
    xs: [0.1, -0.2],
    m: { a: 1n, b: -1n },
    inner: { ok: true, tags: ["x", "y"] },
    opt: "task",
    blobs: { front: new Uint8Array([9, 9]), none: null },
    nothing: null,
    ...partial,
  };
}

const codec = avroCodec({ type: RICH, schema: Rich });

describe("avro value mapping", () => {
  it("round-trips a typical value", () => {
    const v = rich();
    expect(codec.decode(codec.encode(v))).toEqual(v);
  });

  it("round-trips extremes: long ±2^63, int32 bounds, NaN, -0, ±Infinity, non-ASCII, empties", () => {
    const cases: Partial<Rich>[] = [
      { i: 2 ** 31 - 1, l: INT64_MAX, f: Number.NaN, d: -0, xs: [] },
      { i: -(2 ** 31), l: INT64_MIN, f: -0, d: Number.NaN, m: {}, blobs: {} },
      { l: 0n, f: Number.POSITIVE_INFINITY, d: Number.NEGATIVE_INFINITY, s: "" },
      { l: -1n, f: Math.fround(3.4e38), d: Number.MAX_VALUE, s: "ĉu vi? 日本語 🤖", b: new Uint8Array(0) },
      { l: 2n ** 53n + 1n, d: Number.MIN_VALUE, xs: [Number.NaN, -0, 0, Number.EPSILON], opt: null },
      { l: -(2n ** 31n), m: { "": INT64_MIN, ключ: INT64_MAX }, inner: { ok: false, tags: [] } },
    ];
    for (const partial of cases) {
      const v = rich(partial);
      const out = codec.decode(codec.encode(v));
      expect(out).toEqual(v);
      expect(Object.is(out.d, v.d)).toBe(true);
      expect(Object.is(out.f, v.f)).toBe(true);
      expect(typeof out.l).toBe("bigint");
    }
  });

  it("every long is a bigint, exact across the 64-bit range", () => {
    const c = avroCodec({ type: "long", schema: int64() });
    for (const l of [
      0n,
      1n,
      -1n,
      63n,
      -64n,
      2n ** 27n,
      2n ** 28n,
      2n ** 52n - 1n,
      2n ** 53n,
      INT64_MAX,
      INT64_MIN,
    ]) {
      expect(c.decode(c.encode(l))).toBe(l);
    }
    // The 10-byte encodings of the extremes, as every Avro implementation writes them.
    expect(c.decode(hex("feffffffffffffffff01"))).toBe(INT64_MAX);
    expect(c.decode(hex("ffffffffffffffffff01"))).toBe(INT64_MIN);
  });

  it("a long with a logical type is a bigint too: a number is refused, a default of 0 decodes as 0n", () => {
    const ts = { type: "long", logicalType: "timestamp-millis" };
    const c = avroCodec({ type: ts, schema: z.any() });
    expect(Array.from(c.encode(5n))).toEqual([0x0a]);
    expect(c.decode(c.encode(5n))).toBe(5n);
    const e = thrown(() => c.encode(5));
    expect(e.code).toBe("schema_violation");
    expect(e.message).toContain("5 is not a valid Avro long");
    const r = avroCodec({
      type: { type: "record", name: "R", fields: [{ name: "t", type: ts, default: 0 }] },
      schema: z.any(),
    });
    expect(r.decode(r.encode({}))).toEqual({ t: 0n });
  });

  it("decodes every long next to a power of two exactly, in both decode paths", () => {
    // Written here, not by our encoder: the reader switches from doubles to bigints at 2^52 (zigzag), and a
    // wrong switch point loses low bits or flips the sign only in the values around it.
    const zigzag = (n: bigint): number[] => {
      let u = n < 0n ? (-n << 1n) - 1n : n << 1n;
      const out: number[] = [];
      for (; u >= 0x80n; u >>= 7n) out.push(Number(u & 0x7fn) | 0x80);
      return [...out, Number(u)];
    };
    const values: bigint[] = [];
    for (let k = 0n; k <= 63n; k++)
      for (const v of [2n ** k - 1n, 2n ** k, 2n ** k + 1n])
        for (const s of [v, -v]) if (s >= INT64_MIN && s <= INT64_MAX) values.push(s);
    const small = avroCodec({ type: "long", schema: int64() });
    const record = {
      type: "record",
      name: "Padded",
      fields: [
        { name: "pad", type: "string" },
        { name: "l", type: "long" },
      ],
    };
    const large = avroCodec({ type: record, schema: z.object({ pad: z.string(), l: int64() }) });
    const pad = [...zigzag(20_000n), ...new Uint8Array(20_000).fill(0x61)]; // past 16 KiB: prescan, then read
    for (const l of values) {
      expect(small.decode(Uint8Array.from(zigzag(l)))).toBe(l);
      expect(large.decode(Uint8Array.from([...pad, ...zigzag(l)])).l).toBe(l);
    }
  });

  it("bytes and fixed come back as plain Uint8Array views into the input, never copies or Buffers", () => {
    const wire = codec.encode(rich());
    for (const input of [wire, Buffer.from(wire)]) {
      const out = codec.decode(input);
      for (const bin of [out.b, out.h, out.blobs.front as Uint8Array]) {
        expect(Object.getPrototypeOf(bin)).toBe(Uint8Array.prototype);
        expect(bin.buffer).toBe(input.buffer);
      }
      expect(out.h).toEqual(new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
    }
  });

  it("records and maps are plain objects with Object.prototype", () => {
    const out = codec.decode(codec.encode(rich()));
    for (const obj of [out, out.inner, out.m, out.blobs])
      expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    // Also without zod in the way (it copies objects).
    const raw = avroCodec({ type: RICH, schema: z.any() }).decode(codec.encode(rich())) as Rich;
    for (const obj of [raw, raw.inner, raw.m, raw.blobs])
      expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(raw.b)).toBe(Uint8Array.prototype);
  });

  it("encode returns a plain Uint8Array, not a Buffer", () => {
    expect(Object.getPrototypeOf(codec.encode(rich()))).toBe(Uint8Array.prototype);
  });

  it("encodes messages around and past the 64 KiB scratch buffer exactly", () => {
    const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    const overhead = codec.encode(rich({ b: new Uint8Array(65_000) })).length - 65_000;
    for (const total of [65_535, 65_536, 65_537, 1_000_000]) {
      const v = rich({ b: new Uint8Array(total - overhead).fill(total & 0xff) });
      const wire = codec.encode(v);
      expect(wire.length).toBe(total);
      expect(Object.getPrototypeOf(wire)).toBe(Uint8Array.prototype);
      const out = codec.decode(wire);
      expect(sameBytes(out.b, v.b)).toBe(true);
      expect({ ...out, b: null }).toEqual({ ...v, b: null });
    }
  });

  it("large encodes own exactly their bytes: avsc's own encoding, never aliased by a later encode", () => {
    const avscType = avsc.Type.forSchema(RICH as avsc.schema.RecordType, { wrapUnions: "never" });
    const pattern = (n: number, seed: number) => {
      const b = new Uint8Array(n);
      for (let i = 0; i < n; i++) b[i] = (i * seed + (i >> 8)) & 0xff;
      return b;
    };
    const v1 = rich({ l: 5n, m: {}, b: pattern(300_000, 7), s: "ü".repeat(40_000) });
    const v2 = rich({ l: 5n, m: {}, b: pattern(300_000, 13), blobs: { x: pattern(70_000, 3), y: null } });
    const w1 = codec.encode(v1);
    const keep = w1.slice();
    const w2 = codec.encode(v2);
    for (const [wire, v] of [
      [w1, v1],
      [w2, v2],
    ] as const) {
      expect(Object.getPrototypeOf(wire)).toBe(Uint8Array.prototype);
      expect([wire.byteOffset, wire.buffer.byteLength]).toEqual([0, wire.length]);
      // Every byte as avsc writes it (longs as small numbers for avsc's own long type).
      const expected = avscType.toBuffer({
        ...v,
        l: Number(v.l),
        b: Buffer.from(v.b),
        h: Buffer.from(v.h),
        blobs: Object.fromEntries(
          Object.entries(v.blobs).map(([k, x]) => [k, x === null ? null : Buffer.from(x)]),
        ),
      });
      expect(Buffer.from(wire).equals(expected)).toBe(true);
    }
    expect(w1.buffer).not.toBe(w2.buffer);
    expect(Buffer.from(w1).equals(Buffer.from(keep))).toBe(true);
  });

  it("accepts a Buffer and a Uint8Array subarray as bytes on encode", () => {
    const backing = new Uint8Array([0, 1, 2, 3, 4, 5]);
    const v = rich({ b: backing.subarray(2, 5), blobs: { k: Buffer.from([7]) } });
    const out = codec.decode(codec.encode(v));
    expect(out.b).toEqual(new Uint8Array([2, 3, 4]));
    expect(out.blobs.k).toEqual(new Uint8Array([7]));
    expect(Object.getPrototypeOf(out.blobs.k)).toBe(Uint8Array.prototype);
  });

  it("float keeps float32 semantics: zod's float32() refuses a value float32 cannot hold", () => {
    const err = thrown(() => codec.encode(rich({ f: 0.1 })));
    expect(err.code).toBe("schema_violation");
    expect(err.path).toEqual(["f"]);
    expect(codec.decode(codec.encode(rich({ f: Math.fround(0.1) }))).f).toBe(Math.fround(0.1));
    // Without float32() in the zod schema, encode refuses it (avsc would round it), as protobuf does.
    const lax = avroCodec({ type: "float", schema: z.number() });
    for (const v of [0.1, 1e40, 1e-46, -2147483649]) {
      const r = lax.safeEncode(v);
      expect(r.ok ? "encoded" : r.error.code).toBe("schema_violation");
      if (!r.ok) expect(r.error.message).toContain("not exactly representable as an Avro float");
    }
    for (const v of [Math.fround(0.1), -0, 2 ** -149])
      expect(Object.is(lax.decode(lax.encode(v)), v)).toBe(true);
    const any = avroCodec({ type: "float", schema: float64() }); // takes NaN and ±Infinity
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY])
      expect(Object.is(any.decode(any.encode(v)), v)).toBe(true);
  });

  it("unions are unwrapped: a nullable string is null or a string", () => {
    const c = avroCodec({
      type: ["null", "string", "long", "bytes"],
      schema: z.union([z.null(), z.string(), int64(), bytes()]),
    });
    for (const v of [null, "s", 5n, new Uint8Array([1])]) expect(c.decode(c.encode(v))).toEqual(v);
    expect(c.decode(hex("00"))).toBe(null);
    expect(c.decode(hex("02 02 61"))).toBe("a");
    expect(c.decode(hex("04 0a"))).toBe(5n);
  });

  it("an int and a long union: numbers go to int, bigints to long", () => {
    const c = avroCodec({ type: ["int", "long"], schema: z.union([int32(), int64()]) });
    expect(c.encode(1)).toEqual(hex("00 02"));
    expect(c.encode(1n)).toEqual(hex("02 02"));
    expect(c.decode(hex("02 02"))).toBe(1n);
  });

  it("a union that a plain value cannot tell apart is refused when the codec is built", () => {
    for (const type of [
      ["int", "double"],
      [
        { type: "record", name: "A", fields: [] },
        { type: "record", name: "B", fields: [] },
      ],
    ]) {
      // safewire's own words (avsc's can be a crash while printing the union), as a TypeError.
      expect(() => avroCodec({ type, schema: z.unknown() })).toThrow(TypeError);
      expect(() => avroCodec({ type, schema: z.unknown() })).toThrow(/cannot tell apart.*unwrapped/);
    }
  });

  it("a record field named __proto__ is refused when the codec is built", () => {
    const type = { type: "record", name: "P", fields: [{ name: "__proto__", type: "int" }] };
    expect(() => avroCodec({ type, schema: z.unknown() })).toThrow(TypeError);
  });

  it("recursive schemas round-trip", () => {
    interface Node {
      value: number;
      next: Node | null;
    }
    const NodeSchema: z.ZodType<Node> = z.object({
      value: int32(),
      get next() {
        return NodeSchema.nullable();
      },
    });
    const type = {
      type: "record",
      name: "Node",
      fields: [
        { name: "value", type: "int" },
        { name: "next", type: ["null", "Node"] },
      ],
    };
    const c = avroCodec({ type, schema: NodeSchema });
    const v: Node = { value: 1, next: { value: 2, next: { value: 3, next: null } } };
    expect(c.decode(c.encode(v))).toEqual(v);
  });

  it("reads block-encoded arrays and maps (negative count, then byte size)", () => {
    const arr = avroCodec({ type: { type: "array", items: "int" }, schema: z.array(int32()) });
    // -2 items, 2 bytes: 1, 2; then 1 item: 3; end.
    expect(arr.decode(hex("03 04 02 04 02 06 00"))).toEqual([1, 2, 3]);
    const map = avroCodec({ type: { type: "map", values: "int" }, schema: z.record(z.string(), int32()) });
    // -1 entry, 3 bytes: "a" -> 1; end.
    expect(map.decode(hex("01 06 02 61 02 00"))).toEqual({ a: 1 });
  });

  it("top-level primitives, enums and arrays work", () => {
    const s = avroCodec({ type: "string", schema: z.string() });
    expect(s.decode(s.encode("héllo"))).toBe("héllo");
    const e = avroCodec({
      type: { type: "enum", name: "E", symbols: ["A", "B"] },
      schema: z.enum(["A", "B"]),
    });
    expect(e.decode(hex("02"))).toBe("B");
    expect(e.name).toBe("E");
    const a = avroCodec({ type: { type: "array", items: "null" }, schema: z.array(z.null()) });
    expect(a.decode(a.encode([null, null, null]))).toEqual([null, null, null]);
    expect(a.name).toBe("array");
  });

  it("interoperates with plain avsc bytes", () => {
    const plain = avsc.Type.forSchema(RICH as avsc.schema.RecordType);
    const v = rich({ l: 12345n, m: { a: 1n } });
    const wire = plain.toBuffer({
      ...v,
      l: 12345,
      m: { a: 1 },
      b: Buffer.from(v.b),
      h: Buffer.from(v.h),
      blobs: { front: Buffer.from([9, 9]), none: null },
    });
    expect(codec.decode(wire)).toEqual(v);
    expect(Buffer.from(codec.encode(v)).equals(wire)).toBe(true);
  });
});

describe("avroCodec construction", () => {
  it("accepts an Avro schema object and an avsc Type, and names the codec after the type", () => {
    const fromType = avroCodec({ type: avsc.Type.forSchema(RICH as avsc.schema.RecordType), schema: Rich });
    const v = rich();
    expect(fromType.decode(codec.encode(v))).toEqual(v);
    expect(codec.decode(fromType.encode(v))).toEqual(v);
    expect(codec.name).toBe("test.avro.Rich");
    expect(fromType.name).toBe("test.avro.Rich");
    expect(codec.format).toBe("avro");
    expect(avroCodec({ type: RICH, schema: Rich, name: "custom" }).name).toBe("custom");
  });

  it("an avsc Type built with wrapped unions or number longs still maps to safewire's values", () => {
    const type = avsc.Type.forSchema(RICH as avsc.schema.RecordType, { wrapUnions: true });
    const c = avroCodec({ type, schema: Rich });
    const v = rich();
    expect(c.decode(c.encode(v))).toEqual(v);
  });

  it("merges limits over the defaults", () => {
    const c = avroCodec({ type: RICH, schema: Rich, limits: { maxStringBytes: 10 } });
    expect(c.limits.maxStringBytes).toBe(10);
    expect(c.limits.maxDepth).toBe(64);
    expect(() => avroCodec({ type: RICH, schema: Rich, limits: { maxDepth: 0 } })).toThrow(TypeError);
  });

  it("a type named like an Object.prototype property is no duplicate of it", () => {
    const c = avroCodec({
      type: { type: "record", name: "constructor", fields: [{ name: "a", type: "int" }] },
      schema: z.object({ a: z.number() }),
    });
    expect(c.decode(c.encode({ a: 1 }))).toEqual({ a: 1 });
    expect(() => avroCodec({ type: "toString", schema: z.unknown() })).toThrow(
      /undefined type name: toString/,
    );
  });

  it("an invalid Avro schema is a TypeError when the codec is built", () => {
    expect(() => avroCodec({ type: { type: "record", name: "X" }, schema: z.unknown() })).toThrow(TypeError);
    expect(() => avroCodec({ type: "Nope", schema: z.unknown() })).toThrow(TypeError);
  });

  it("an enum symbol avsc cannot hold (an inherited property's name) says so, not 'duplicate'", () => {
    for (const symbol of ["toString", "constructor", "valueOf", "__proto__"]) {
      const type = { type: "enum", name: "ns.E", symbols: ["A", symbol] };
      expect(() => avroCodec({ type, schema: z.unknown() })).toThrow(
        `invalid avro schema: enum ns.E: the symbol "${symbol}" names a property every JavaScript object inherits`,
      );
    }
    const twice = { type: "enum", name: "E", symbols: ["A", "A"] };
    expect(() => avroCodec({ type: twice, schema: z.unknown() })).toThrow('duplicate "E" symbol: "A"');
  });
});

describe("avro validation", () => {
  it("a well-formed value the zod schema refuses is schema_violation on decode, with its path", () => {
    const strict = avroCodec({
      type: RICH,
      schema: Rich.extend({ inner: z.object({ ok: z.boolean(), tags: z.array(z.string().max(1)) }) }),
    });
    const wire = codec.encode(rich({ inner: { ok: true, tags: ["x", "too long"] } }));
    const err = thrown(() => strict.decode(wire));
    expect(err.code).toBe("schema_violation");
    expect(err.direction).toBe("decode");
    expect(err.path).toEqual(["inner", "tags", 1]);
  });

  it("an invalid value is schema_violation on encode, with its path", () => {
    const err = thrown(() => codec.encode(rich({ m: { a: 2n ** 63n } })));
    expect(err.code).toBe("schema_violation");
    expect(err.direction).toBe("encode");
    expect(err.path).toEqual(["m", "a"]);
    const wrongEnum = thrown(() => codec.encode({ ...rich(), e: "JUMP" } as unknown as Rich));
    expect(wrongEnum.path).toEqual(["e"]);
  });

  it("a value the zod schema lets through but Avro cannot hold is schema_violation, not a crash", () => {
    const lax = avroCodec({ type: RICH, schema: z.any() });
    const err = thrown(() => lax.encode({ ...rich(), h: new Uint8Array(3) }));
    expect(err.code).toBe("schema_violation");
    const noLong = thrown(() => lax.encode({ ...rich(), l: 1 }));
    expect(noLong.code).toBe("schema_violation");
  });

  it("a forbidden map key in a value is refused on encode, with its path", () => {
    const lax = avroCodec({ type: RICH, schema: z.any() });
    // An own "__proto__" property, as JSON.parse makes one.
    const own = (value: unknown) => Object.defineProperty({}, "__proto__", { value, enumerable: true });
    for (const [field, map] of [
      ["m", own(1n)],
      ["blobs", own(null)],
    ] as const) {
      const r = lax.safeEncode({ ...rich(), [field]: map });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe("schema_violation");
        expect(r.error.path).toEqual([field, "__proto__"]);
      }
    }
  });

  it("a string that is not one of an enum's symbols is refused on encode, inherited names included", () => {
    // avsc looks symbols up in a plain object: "constructor" passed its check and went out as symbol 0.
    const Color = { type: "enum", name: "Color", symbols: ["RED", "GREEN"] };
    const c = avroCodec({ type: Color, schema: z.string() });
    const inRecord = avroCodec({
      type: { type: "record", name: "P", fields: [{ name: "c", type: ["null", Color] }] },
      schema: z.object({ c: z.string().nullable() }),
    });
    for (const name of ["PURPLE", "constructor", "toString", "__proto__", "valueOf", "hasOwnProperty"]) {
      const err = thrown(() => c.encode(name));
      expect(err.code).toBe("schema_violation");
      expect(err.message).toContain(`"${name}" is not a symbol of enum Color`);
      expect(thrown(() => inRecord.encode({ c: name }))).toMatchObject({
        code: "schema_violation",
        path: ["c"],
      });
    }
    expect(c.decode(c.encode("GREEN"))).toBe("GREEN");
    expect(inRecord.decode(inRecord.encode({ c: "RED" }))).toEqual({ c: "RED" });
  });

  it("what avsc refuses is schema_violation with the path and the value at fault", () => {
    const c = avroCodec({
      type: {
        type: "record",
        name: "L",
        fields: [{ name: "xs", type: { type: "array", items: { type: "map", values: "long" } } }],
      },
      // z.bigint() lets values through that no Avro long holds: avsc is what refuses them.
      schema: z.object({ xs: z.array(z.record(z.string(), z.bigint())) }),
    });
    const err = thrown(() => c.encode({ xs: [{}, { k: 2n ** 70n }] }));
    expect(err.code).toBe("schema_violation");
    expect(err.path).toEqual(["xs", 1, "k"]);
    expect(err.message).toContain(`${2n ** 70n}n is not a valid Avro long`);
    expect(c.decode(c.encode({ xs: [{ k: 2n ** 63n - 1n }] }))).toEqual({ xs: [{ k: 2n ** 63n - 1n }] });
  });

  it("a union that refuses a value is named by its branches, not by avsc's internal type name", () => {
    const c = avroCodec({
      type: {
        type: "record",
        name: "U",
        fields: [
          { name: "b", type: ["string", "long"] },
          { name: "c", type: ["null", { type: "map", values: "double" }] },
        ],
      },
      schema: z.object({
        b: z.union([z.string(), z.number()]),
        c: z.record(z.string(), z.number()).optional(),
      }),
    });
    // undefined is not Avro's null: a nullable union wants .nullable() in the zod schema, not .optional().
    const missing = thrown(() => c.encode({ b: "x" }));
    expect(missing.path).toEqual(["c"]);
    expect(missing.message).toBe("avro encode: undefined is not a valid Avro union of null | map at c");
    const float = thrown(() => c.encode({ b: 1.5, c: {} }));
    expect(float.message).toBe("avro encode: 1.5 is not a valid Avro union of string | long at b");
  });

  it("a lone surrogate (no UTF-8 form) is schema_violation on encode, never sent as U+FFFD", () => {
    const lone = "ab\uD800c";
    const cases: [Partial<Rich>, PropertyKey[]][] = [
      [{ s: lone }, ["s"]],
      [{ opt: lone }, ["opt"]],
      [{ inner: { ok: true, tags: ["x", lone] } }, ["inner", "tags", 1]],
      [{ m: { [lone]: 1n } }, ["m", lone]],
      [{ blobs: { [lone]: null } }, ["blobs", lone]],
    ];
    for (const [partial, path] of cases) {
      const err = thrown(() => codec.encode(rich(partial)));
      expect(err.code).toBe("schema_violation");
      expect(err.path).toEqual(path);
    }
    // A well-formed pair is fine.
    expect(codec.decode(codec.encode(rich({ s: "\uD83E\uDD16" }))).s).toBe("🤖");
  });

  it("a map key seen twice is malformed on decode", () => {
    const map = avroCodec({ type: { type: "map", values: "int" }, schema: z.record(z.string(), int32()) });
    const err = thrown(() => map.decode(hex("04 02 61 02 02 61 04 00")));
    expect(err.code).toBe("malformed");
    expect(err.path).toEqual(["a"]);
  });

  it("a boolean byte other than 0 or 1 is malformed", () => {
    const b = avroCodec({ type: "boolean", schema: z.boolean() });
    expect(b.decode(hex("01"))).toBe(true);
    expect(thrown(() => b.decode(hex("02"))).code).toBe("malformed");
  });
});

// Apache Avro's Python implementation (Debian's python3-avro) as the reference peer.
const PYTHON = "/usr/bin/python3";
const hasPeer = spawnSync(PYTHON, ["-c", "import avro.io"], { encoding: "utf8" }).status === 0;

// Values cross as JSON: bytes as hex, longs as decimal strings.
const SCRIPT = `
import io, json, sys
import avro.io, avro.schema
req = json.load(sys.stdin)
schema = avro.schema.parse(json.dumps(req["schema"]))
def to_py(v):
    return {**v, "l": int(v["l"]), "b": bytes.fromhex(v["b"]), "h": bytes.fromhex(v["h"]),
            "m": {k: int(x) for k, x in v["m"].items()},
            "blobs": {k: None if x is None else bytes.fromhex(x) for k, x in v["blobs"].items()}}
def from_py(v):
    return {**v, "l": str(v["l"]), "b": v["b"].hex(), "h": v["h"].hex(),
            "m": {k: str(x) for k, x in v["m"].items()},
            "blobs": {k: None if x is None else x.hex() for k, x in v["blobs"].items()}}
out = io.BytesIO()
avro.io.DatumWriter(schema).write(to_py(req["value"]), avro.io.BinaryEncoder(out))
theirs = avro.io.DatumReader(schema).read(avro.io.BinaryDecoder(io.BytesIO(bytes.fromhex(req["ours"]))))
json.dump({"wire": out.getvalue().hex(), "decoded": from_py(theirs)}, sys.stdout)
`;

function toJson(v: Rich): unknown {
  const toHex = (b: Uint8Array) => Buffer.from(b).toString("hex");
  return {
    ...v,
    l: v.l.toString(),
    b: toHex(v.b),
    h: toHex(v.h),
    m: Object.fromEntries(Object.entries(v.m).map(([k, x]) => [k, x.toString()])),
    blobs: Object.fromEntries(Object.entries(v.blobs).map(([k, x]) => [k, x === null ? null : toHex(x)])),
  };
}

describe.skipIf(!hasPeer)("avro interop with Apache Avro (Python)", () => {
  const values: Rich[] = [
    rich(),
    rich({ l: -(2n ** 63n), m: { min: -(2n ** 63n), max: 2n ** 63n - 1n }, s: "日本語 🤖", opt: null }),
    rich({ i: -(2 ** 31), xs: [], m: {}, blobs: {}, b: new Uint8Array(0), inner: { ok: false, tags: [] } }),
  ];
  for (const [n, v] of values.entries()) {
    it(`value ${n}: the same bytes both ways, and each side decodes the other's`, () => {
      const ours = codec.encode(v);
      const run = spawnSync(PYTHON, ["-c", SCRIPT], {
        input: JSON.stringify({ schema: RICH, value: toJson(v), ours: Buffer.from(ours).toString("hex") }),
        encoding: "utf8",
      });
      expect(run.status, run.stderr).toBe(0);
      const res = JSON.parse(run.stdout) as { wire: string; decoded: unknown };
      expect(res.wire).toBe(Buffer.from(ours).toString("hex"));
      expect(codec.decode(Buffer.from(res.wire, "hex"))).toEqual(v);
      expect(res.decoded).toEqual(toJson(v));
    });
  }
});
