// Encode paths the writer leaves to avsc: what reaches avsc must come back exactly, or be refused.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { avroCodec } from "../src/formats/avro/index.js";
import { thrown } from "./helpers/bounded.js";

describe("avro encode through avsc", () => {
  it("an encode from a getter during another's avsc encode leaves the outer output intact", () => {
    // Both values leave a defaulted field out, so both take the avsc path (the writer steps aside).
    const inner = avroCodec({
      type: {
        type: "record",
        name: "Inner",
        fields: [
          { name: "s", type: "string" },
          { name: "n", type: "null", default: null },
        ],
      },
      schema: z.any(),
    });
    const outer = avroCodec({
      type: {
        type: "record",
        name: "Outer",
        fields: [
          { name: "a", type: "string" },
          { name: "g", type: "string" },
          { name: "d", type: "int", default: 3 },
        ],
      },
      schema: z.any(),
    });
    const value = {
      a: "AAAA",
      get g() {
        inner.encode({ s: "zzzz" }); // as long as "AAAA": the clobbered output would still be valid
        return "x";
      },
    };
    expect(outer.decode(outer.encode(value))).toEqual({ a: "AAAA", g: "x", d: 3 });
  });

  it("a bigint or a symbol in an int field is refused at its path (avsc's test threw V8's words, path [])", () => {
    const codec = avroCodec({
      type: { type: "record", name: "M", fields: [{ name: "a", type: { type: "array", items: "int" } }] },
      schema: z.any(),
    });
    for (const [bad, what] of [
      [5n, "bigint 5n"],
      [Symbol("s"), "symbol"],
    ] as const) {
      const err = thrown(() => codec.encode({ a: [1, bad] }));
      expect(err.code).toBe("schema_violation");
      expect(err.path).toEqual(["a", 1]);
      expect(err.message).toContain(`expected a number for an Avro int, got ${what}`);
    }
    expect(codec.decode(codec.encode({ a: [1, 2] }))).toEqual({ a: [1, 2] });
  });

  it("a fixed of the wrong size is named with both sizes; an int default of -0 is shown as -0", () => {
    const codec = avroCodec({
      type: {
        type: "record",
        name: "M",
        fields: [{ name: "f", type: { type: "fixed", name: "F", size: 4 } }],
      },
      schema: z.object({ f: z.instanceof(Uint8Array) }),
    });
    const err = thrown(() => codec.encode({ f: new Uint8Array(3) }));
    expect(err.path).toEqual(["f"]);
    expect(err.message).toContain("a Uint8Array of 3 bytes is not a valid Avro fixed of 4 bytes");
    const type = { type: "record", name: "R", fields: [{ name: "a", type: "int", default: -0 }] };
    expect(() => avroCodec({ type, schema: z.any() })).toThrow("has default -0, which is not a valid int");
  });

  it("a number float32 does not hold is refused in a union too (avsc would round it)", () => {
    const codec = avroCodec({
      type: { type: "record", name: "R", fields: [{ name: "f", type: ["null", "float"] }] },
      schema: z.object({ f: z.number().nullable() }),
    });
    const err = thrown(() => codec.encode({ f: 0.1 }));
    expect([err.code, err.path]).toEqual(["schema_violation", ["f"]]);
    expect(err.message).toContain("0.1 is not exactly representable as an Avro float");
    expect(codec.decode(codec.encode({ f: Math.fround(0.1) }))).toEqual({ f: Math.fround(0.1) });
  });

  it("a Uint8Array in a union of map and bytes goes to bytes, whichever branch comes first", () => {
    // The defaulted field left out sends the value down the avsc path.
    const codec = avroCodec({
      type: {
        type: "record",
        name: "R",
        fields: [
          { name: "u", type: [{ type: "map", values: "int" }, "bytes"] },
          { name: "d", type: "int", default: 0 },
        ],
      },
      schema: z.any(),
    });
    expect(codec.decode(codec.encode({ u: Uint8Array.of(1, 2) }))).toEqual({ u: Uint8Array.of(1, 2), d: 0 });
  });

  it("a view of a detached buffer is empty bytes, as it reads (Buffer.from of its buffer threw)", () => {
    const codec = avroCodec({
      type: { type: "record", name: "M", fields: [{ name: "b", type: "bytes" }] },
      schema: z.object({ b: z.instanceof(Uint8Array) }),
    });
    const view = new Uint8Array(new ArrayBuffer(4));
    structuredClone(view.buffer, { transfer: [view.buffer] });
    expect(view.byteLength).toBe(0);
    expect(codec.decode(codec.encode({ b: view }))).toEqual({ b: new Uint8Array(0) });
  });

  it("a Uint8Array where a map goes is refused, not sent as a map of its indices", () => {
    const map = avroCodec({ type: { type: "map", values: "int" }, schema: z.any() });
    expect(thrown(() => map.encode(new Uint8Array([1, 2]))).code).toBe("schema_violation");
    const nullable = avroCodec({ type: ["null", { type: "map", values: "int" }], schema: z.any() });
    expect(thrown(() => nullable.encode(new Uint8Array([1, 2]))).code).toBe("schema_violation");
    const inRecord = avroCodec({
      type: { type: "record", name: "R", fields: [{ name: "m", type: { type: "map", values: "int" } }] },
      schema: z.any(),
    });
    const e = thrown(() => inRecord.encode({ m: Buffer.from([7]) }));
    expect(e.code).toBe("schema_violation");
    expect(e.path).toEqual(["m"]);
  });

  it("an array where a map goes is refused, not sent as a map of its indices", () => {
    const map = avroCodec({ type: { type: "map", values: "int" }, schema: z.any() });
    const e = thrown(() => map.encode([1, 2]));
    expect(e.code).toBe("schema_violation");
    expect(e.message).toContain("an array is not a valid Avro map");
    const inRecord = avroCodec({
      type: { type: "record", name: "R", fields: [{ name: "m", type: { type: "map", values: "int" } }] },
      schema: z.any(),
    });
    const f = thrown(() => inRecord.encode({ m: [7] }));
    expect([f.code, f.path]).toEqual(["schema_violation", ["m"]]);
    expect(f.message).toContain("an array is not a valid Avro map");
  });

  it("avsc writes the strings toAvsc checked, not a getter's later answer (no ill-formed UTF-8 out)", () => {
    // A field left to its default sends the value down the avsc path. Each getter answers "a" three
    // times (zod, the writer, toAvsc), then a lone surrogate (avsc would write it as ED A0 80).
    const later = (): (() => string) => {
      let reads = 0;
      return () => (++reads > 3 ? "\ud800" : "a");
    };
    const c = avroCodec({
      type: {
        type: "record",
        name: "Later",
        fields: [
          { name: "s", type: "string" },
          { name: "m", type: { type: "map", values: "string" } },
          { name: "xs", type: { type: "array", items: "string" } },
          { name: "d", type: "int", default: 0 },
        ],
      },
      schema: z.object({ s: z.string(), m: z.record(z.string(), z.string()), xs: z.array(z.string()) }),
    });
    for (const where of ["s", "m", "xs"]) {
      const value = { s: "a", m: { k: "a" }, xs: ["a"] };
      const [host, key] = where === "s" ? [value, "s"] : where === "m" ? [value.m, "k"] : [value.xs, "0"];
      Object.defineProperty(host, key, { get: later(), enumerable: true });
      const r = c.safeEncode(value);
      expect(r.ok, where).toBe(true);
      if (r.ok) expect(c.decode(r.value)).toEqual({ s: "a", m: { k: "a" }, xs: ["a"] });
    }
  });
});
