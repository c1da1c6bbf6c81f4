// What protobuf encode does with a field that is not there. protobufjs takes null as "not set" and writes
// a proto2 `required` field left out as its default (or throws a TypeError on a string or message): a value
// came back changed (null as "" or missing, a missing required int as 0), or the refusal was protobufjs' raw
// text without a path. Both are refused now, with the field's path; decode already refused a message
// missing a required field.
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { protobufCodec } from "../src/formats/protobuf/index.js";
import type { Codec } from "../src/index.js";

const type = (src: string) => protobuf.parse(src, { keepCase: true }).root.lookupType("M");

function refusal<T>(codec: Codec<T>, value: unknown) {
  const r = codec.safeEncode(value as T);
  if (r.ok) throw new Error(`encoded ${JSON.stringify(value)}`);
  return { code: r.error.code, path: r.error.path, message: r.error.message };
}

describe("a proto2 required field left out", () => {
  const M = type(`syntax = "proto2";
    message S { required int32 x = 1; optional string note = 2; }
    message M { required int32 a = 1; required string s = 2; required S inner = 3; repeated S list = 4; }`);
  const S = z.object({ x: z.number().int().optional(), note: z.string().optional() });
  const schema = z.object({
    a: z.number().int().optional(),
    s: z.string().optional(),
    inner: S.optional(),
    list: z.array(S).optional(),
  });
  const codec = protobufCodec({ type: M, schema });
  const full = { a: 1, s: "s", inner: { x: 2 }, list: [{ x: 3 }] };

  it("is refused on encode, at its path, whatever its type and however deep", () => {
    for (const k of ["a", "s", "inner"] as const) {
      const { [k]: _, ...rest } = full;
      const r = refusal(codec, rest);
      expect(r.code).toBe("schema_violation");
      expect(r.path).toEqual([k]);
      expect(r.message).toContain(`required field "${k}" of M is missing`);
    }
    expect(refusal(codec, { ...full, inner: {} }).path).toEqual(["inner", "x"]);
    expect(refusal(codec, { ...full, list: [{ x: 1 }, { note: "n" }] }).path).toEqual(["list", 1, "x"]);
  });

  it("a value with every required field round-trips, and the codec still works after a refusal", () => {
    refusal(codec, {});
    expect(codec.decode(codec.encode(full))).toEqual(full);
    // Its own decode refuses the bytes a missing field would have made (protobufjs writes nothing for it).
    const r = codec.safeDecode(new Uint8Array(0));
    expect(r.ok ? "decoded" : r.error.code).toBe("malformed");
  });
});

describe("null in a protobuf field", () => {
  const cases: [string, string, z.ZodType, unknown][] = [
    ["proto3 scalar", "string s = 1;", z.object({ s: z.string().nullish() }), { s: null }],
    ["proto3 optional", "optional string s = 1;", z.object({ s: z.string().nullish() }), { s: null }],
    [
      "oneof member",
      "oneof o { string s = 1; int32 n = 2; }",
      z.object({ s: z.string().nullish() }),
      { s: null },
    ],
    ["repeated", "repeated string s = 1;", z.object({ s: z.array(z.string()).nullish() }), { s: null }],
    ["message", "M s = 1;", z.object({ s: z.object({}).nullish() }), { s: null }],
    [
      "map",
      "map<string, int32> s = 1;",
      z.object({ s: z.record(z.string(), z.number()).nullish() }),
      { s: null },
    ],
  ];
  for (const [name, field, schema, value] of cases) {
    it(`${name}: refused (it would come back as a default or missing), at its path`, () => {
      const codec = protobufCodec({ type: type(`syntax = "proto3"; message M { ${field} }`), schema });
      const r = refusal(codec, value);
      expect(r.code).toBe("schema_violation");
      expect(r.path).toEqual(["s"]);
      expect(r.message).toContain("null has no protobuf form");
      // Left out, the field encodes, and comes back as the wire says (a default or missing).
      expect(codec.safeEncode({} as never).ok).toBe(true);
    });
  }
});
