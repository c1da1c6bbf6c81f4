// An own `__proto__` key (JSON.parse makes them) in a value to encode. zod's records and objects leave it
// out of their output without an issue, so a codec that encoded zod's output sent the rest of the map and
// lost the entry, silently, where every decoder refuses the same key. Every format refuses it now, with
// its path, as it refuses `constructor` and `prototype`.
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { avroCodec } from "../../src/formats/avro/index.js";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import type { Codec } from "../../src/index.js";
import { ownProtoKeyPath } from "../../src/keys.js";

const Schema = z.object({
  labels: z.record(z.string(), z.number()),
  items: z.array(z.object({ tags: z.record(z.string(), z.number()) })),
});
type Value = z.infer<typeof Schema>;

const proto = protobuf.parse(
  `syntax = "proto3";
   message Item { map<string, int32> tags = 1; }
   message V { map<string, int32> labels = 1; repeated Item items = 2; }`,
  { keepCase: true },
).root;
const tags = { type: "map", values: "int" };
const avro = {
  type: "record",
  name: "V",
  fields: [
    { name: "labels", type: tags },
    {
      name: "items",
      type: {
        type: "array",
        items: { type: "record", name: "Item", fields: [{ name: "tags", type: tags }] },
      },
    },
  ],
};

const CODECS: [string, Codec<Value>][] = [
  ["protobuf", protobufCodec({ type: proto.lookupType("V"), schema: Schema })],
  ["avro", avroCodec({ type: avro, schema: Schema })],
  ["msgpack", msgpackCodec({ schema: Schema })],
];

const parse = (json: string) => JSON.parse(json) as Value;

describe("zod, the cause", () => {
  it("drops an own __proto__ record key from its output without an issue", () => {
    const value = parse('{"labels": {"__proto__": 1, "ok": 2}, "items": []}');
    expect(Object.hasOwn(value.labels, "__proto__")).toBe(true);
    expect(Object.hasOwn(Schema.parse(value).labels, "__proto__")).toBe(false);
  });
});

describe.each(CODECS)("%s", (_format, codec) => {
  it("refuses an own __proto__ map key on encode, with its path, instead of leaving it out", () => {
    for (const [json, path] of [
      ['{"labels": {"ok": 2, "__proto__": 1}, "items": []}', ["labels", "__proto__"]],
      [
        '{"labels": {}, "items": [{"tags": {}}, {"tags": {"__proto__": 1}}]}',
        ["items", 1, "tags", "__proto__"],
      ],
    ] as const) {
      const result = codec.safeEncode(parse(json));
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe("schema_violation");
      expect(result.error.path).toEqual(path);
      expect(result.error.message).toContain('key "__proto__" is not allowed (prototype pollution)');
    }
  });

  it("refuses constructor and prototype keys as before, and encodes the same map without them", () => {
    for (const key of ["constructor", "prototype"]) {
      const result = codec.safeEncode(parse(`{"labels": {"${key}": 1}, "items": []}`));
      expect(result).toMatchObject({ ok: false, error: { code: "schema_violation", path: ["labels", key] } });
    }
    const ok = parse('{"labels": {"ok": 2}, "items": [{"tags": {"a": 1}}]}');
    expect(codec.decode(codec.encode(ok))).toEqual(ok);
  });

  it("refuses it at the deepest level maxDepth allows, where the writers would take the map", () => {
    // Level 1 the value, 2 `labels`: the key is in a map at maxDepth 2, which encodes without it.
    const limited = (
      codec.format === "protobuf"
        ? protobufCodec({ type: proto.lookupType("V"), schema: Schema, limits: { maxDepth: 2 } })
        : codec.format === "avro"
          ? avroCodec({ type: avro, schema: Schema, limits: { maxDepth: 2 } })
          : msgpackCodec({ schema: Schema, limits: { maxDepth: 2 } })
    ) as Codec<Value>;
    expect(limited.decode(limited.encode(parse('{"labels": {"a": 1}, "items": []}')))).toEqual({
      labels: { a: 1 },
      items: [],
    });
    const result = limited.safeEncode(parse('{"labels": {"__proto__": 1}, "items": []}'));
    expect(result).toMatchObject({
      ok: false,
      error: { code: "schema_violation", path: ["labels", "__proto__"] },
    });
  });

  it("words zod's issue first when the value is invalid anyway", () => {
    const result = codec.safeEncode(parse('{"labels": {"__proto__": 1, "bad": "x"}, "items": []}'));
    expect(result).toMatchObject({ ok: false, error: { code: "schema_violation", path: ["labels", "bad"] } });
  });
});

describe("ownProtoKeyPath", () => {
  it("finds the first own __proto__ key depth first, and nothing in values without one", () => {
    expect(ownProtoKeyPath(JSON.parse('{"a": [1, {"b": {"__proto__": {}}}]}'), 10)).toEqual([
      "a",
      1,
      "b",
      "__proto__",
    ]);
    expect(ownProtoKeyPath({ a: [1, { b: {} }], c: "__proto__" }, 10)).toBeUndefined();
    // A literal's __proto__ sets the prototype (no own key); a computed one is an own key.
    expect(ownProtoKeyPath({ __proto__: null, a: 1 }, 10)).toBeUndefined();
    expect(ownProtoKeyPath({ a: { ["__proto__"]: 1 } }, 10)).toEqual(["a", "__proto__"]);
  });

  it("walks each object once (cycles and shared subtrees), and no deeper than asked", () => {
    const shared: Record<string, unknown> = { x: 1 };
    const cyclic: Record<string, unknown> = { a: shared, b: shared };
    cyclic.self = cyclic;
    expect(ownProtoKeyPath(cyclic, 1_000)).toBeUndefined();
    // 2^40 paths through 40 shared levels: visited once each.
    let wide: unknown = JSON.parse('{"__proto__": 1}');
    for (let i = 0; i < 40; i++) wide = { l: wide, r: wide };
    expect(ownProtoKeyPath(wide, 100)?.length).toBe(41);
    expect(ownProtoKeyPath(wide, 40)).toBeUndefined(); // the key is at level 41
    expect(ownProtoKeyPath(wide, 41)?.length).toBe(41);
  });

  it("ends the walk (undefined) at a getter that throws, leaving it to zod", () => {
    const value = {
      get a(): never {
        throw new Error("no");
      },
    };
    expect(ownProtoKeyPath(value, 10)).toBeUndefined();
  });
});
