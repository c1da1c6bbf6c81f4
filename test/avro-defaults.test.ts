import { describe, expect, it } from "vitest";
import { z } from "zod";
import { avroCodec } from "../src/formats/avro/index.js";

/*
 * Field defaults are checked when the codec is made: avsc writes a default whenever a value leaves its
 * field out, so a default safewire would not write itself is a schema error, said at once, not at the first
 * encode that leaves the field out (or never: an enum default "constructor" went out as symbol 0).
 */

const record = (field: Record<string, unknown>) => ({
  type: "record",
  name: "R",
  fields: [{ name: "f", ...field }],
});
const make = (schema: unknown) => () =>
  avroCodec({ type: schema as never, schema: z.record(z.string(), z.unknown()) });
const ENUM = { type: "enum", name: "E", symbols: ["A", "B"] };

describe("invalid defaults: TypeError when the codec is made, naming the field and the value", () => {
  it.each([
    [
      "an enum default that is an Object.prototype name",
      { type: ENUM, default: "constructor" },
      /field "f" has default "constructor", which is not a valid E/,
    ],
    [
      "an enum default that is no symbol",
      { type: ENUM, default: "toString" },
      /"toString", which is not a valid E/,
    ],
    [
      "a string default with a lone surrogate",
      { type: "string", default: "a\ud800" },
      /"a\\ud800", which is not a valid string/,
    ],
    [
      "a map default with a forbidden key",
      { type: { type: "map", values: "int" }, default: { constructor: 1 } },
      /field "f" has default \{"constructor":1\}, which is not a valid map/,
    ],
    [
      // JSON.parse makes the key own; avsc's copy of the default dropped it, so the entry was lost silently.
      "a map default with an own __proto__ key",
      { type: { type: "map", values: "int" }, default: JSON.parse('{"__proto__": 1, "k": 2}') },
      /a "__proto__" key at fields\.0\.default\.__proto__/,
    ],
    [
      "a long default past int64",
      { type: "long", default: "9223372036854775808" },
      /9223372036854775808 is outside the signed 64-bit range of a long/,
    ],
    [
      "a long default below int64",
      { type: "long", default: "-9223372036854775809" },
      /-9223372036854775809 is outside the signed 64-bit range/,
    ],
    [
      // avsc prints a default it refuses with JSON.stringify, which throws on a bigint: its words were
      // "Do not know how to serialize a BigInt", naming neither the field nor the rule.
      "a long default past int64 as a bigint",
      { type: "long", default: 2n ** 64n },
      /record R: field "f" has default 18446744073709551616n, which is not a valid "long": a bigint is a default only where a long goes/,
    ],
    [
      "a bigint default where an int goes",
      { type: "int", default: 5n },
      /record R: field "f" has default 5n, which is not a valid "int"/,
    ],
    [
      "a bigint default for a union whose first branch is null",
      { type: ["null", "long"], default: 5n },
      /field "f" has default 5n, which is not a valid \["null","long"\]: .*\(in a union, its first branch\)/,
    ],
    [
      "a bigint past int64 inside a map default",
      { type: { type: "map", values: "long" }, default: { a: 2n ** 70n } },
      /field "f" has default \{"a":"1180591620717411303424n"\}, which is not a valid \{"type":"map","values":"long"\}/,
    ],
    [
      // JSON.parse of 9007199254740993 gives 9007199254740992: taken, it went out rounded, silently.
      "a long default past 2^53 as a number",
      JSON.parse('{"type": "long", "default": 9007199254740993}'),
      /9007199254740992 is past 2\^53 as a number, so it may be rounded: give it as a string or a bigint/,
    ],
    [
      "a long default below -2^53 as a number",
      { type: "long", default: -(2 ** 60) },
      /-1152921504606847000 is past 2\^53 as a number/,
    ],
  ])("%s", (_what, field, message) => {
    expect(make(record(field))).toThrow(TypeError);
    expect(make(record(field))).toThrow(message);
  });

  it("a long default that is a fraction is refused as no integer, not as past 2^53", () => {
    expect(make(record({ type: "long", default: 1.5 }))).toThrow(
      /incompatible field default 1\.5 \(.*not an integer/,
    );
    expect(make(record({ type: "long", default: 1.5 }))).not.toThrow(/2\^53/);
  });

  it("an enum's own default (for unknown symbols) must be one of its symbols", () => {
    expect(make({ ...ENUM, default: "constructor" })).toThrow(
      /avro enum E: default "constructor" is not one of its symbols/,
    );
    expect(make({ ...ENUM, default: "B" })).not.toThrow();
  });

  it("names the field whose bigint default is refused, past valid bigint defaults before it", () => {
    const inner = { type: "record", name: "In", fields: [{ name: "x", type: "int", default: 7n }] };
    const schema = {
      type: "record",
      name: "R",
      fields: [
        { name: "ok", type: "long", default: 2n ** 63n - 1n },
        { name: "nested", type: inner, default: { x: 1 } },
      ],
    };
    expect(make(schema)).toThrow(
      /^invalid avro schema: record In: field "x" has default 7n, which is not a valid "int"/,
    );
  });

  it("a default deep inside (a record in an array in a union) is checked too", () => {
    const inner = { type: "record", name: "In", fields: [{ name: "e", type: ENUM, default: "valueOf" }] };
    const schema = record({ type: ["null", { type: "array", items: inner }], default: null });
    expect(make(schema)).toThrow(/avro record In: field "e" has default "valueOf"/);
  });

  it("a default inside a map's values is checked too", () => {
    const inner = { type: "record", name: "In", fields: [{ name: "e", type: ENUM, default: "valueOf" }] };
    expect(make(record({ type: { type: "map", values: inner } }))).toThrow(
      /avro record In: field "e" has default "valueOf"/,
    );
  });
});

describe("valid defaults: written when the field is left out, and decoded", () => {
  it.each([
    ["enum", { type: ENUM, default: "B" }, "B"],
    ["string", { type: "string", default: "grüße 🤖" }, "grüße 🤖"],
    ["bytes (code points 0-255)", { type: "bytes", default: "\u0000\u00ff" }, Uint8Array.of(0, 255)],
    ["long at the int64 edge", { type: "long", default: "-9223372036854775808" }, -(2n ** 63n)],
    [
      "long 2^53-1 as a number (the largest exact one)",
      { type: "long", default: 2 ** 53 - 1 },
      2n ** 53n - 1n,
    ],
    ["long past 2^53 as a bigint", { type: "long", default: 2n ** 53n + 1n }, 2n ** 53n + 1n],
    ["union (its first branch)", { type: ["null", "string"], default: null }, null],
    ["map", { type: { type: "map", values: "int" }, default: { a: 1 } }, { a: 1 }],
    ["array", { type: { type: "array", items: "double" }, default: [1.5, -0] }, [1.5, -0]],
  ])("%s", (_what, field, want) => {
    const codec = make(record(field))();
    const out = codec.decode(codec.encode({}));
    expect(out.f).toEqual(want);
    if (want instanceof Uint8Array) expect(Object.getPrototypeOf(out.f)).toBe(Uint8Array.prototype);
  });
});
