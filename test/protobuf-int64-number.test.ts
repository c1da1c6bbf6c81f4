// A number in a 64-bit protobuf field. protobufjs writes it, and decode makes every 64-bit field a bigint:
// under `z.number().int()` the codec refused its own output, and under a schema taking both, 5 came back 5n.
// Encode now refuses the number (as Avro's long does), with a hint; int64() widens a number to a bigint
// before the encoder sees it, so it still takes 5.
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { protobufCodec } from "../src/formats/protobuf/index.js";
import { int64, uint64 } from "../src/index.js";

const TYPES = ["int64", "uint64", "sint64", "fixed64", "sfixed64"] as const;
const message = (t: string) =>
  protobuf
    .parse(
      `syntax = "proto3"; message M { ${t} a = 1; repeated ${t} list = 2; map<string, ${t}> byName = 3; }`,
    )
    .root.lookupType("M");

describe("a number where a 64-bit integer goes", () => {
  for (const t of TYPES) {
    it(`${t}: refused on encode, at its path, single, repeated and as a map value`, () => {
      const n = z.number().int();
      const codec = protobufCodec({
        type: message(t),
        schema: z.object({ a: n.optional(), list: z.array(n), byName: z.record(z.string(), n) }),
      });
      const cases: [unknown, PropertyKey[]][] = [
        [{ a: 5, list: [], byName: {} }, ["a"]],
        [{ a: 0, list: [], byName: {} }, ["a"]], // the default too: it would come back 0n
        [{ list: [1, 2], byName: {} }, ["list", 0]],
        [{ list: [], byName: { k: 7 } }, ["byName", "k"]],
      ];
      for (const [value, path] of cases) {
        const r = codec.safeEncode(value as never);
        expect(r.ok).toBe(false);
        if (r.ok) continue;
        expect(r.error.code).toBe("schema_violation");
        expect(r.error.path).toEqual(path);
        expect(r.error.message).toContain("decodes as a bigint");
      }
    });
  }

  it("a schema taking both: the bigint round-trips, the number is refused (it would come back a bigint)", () => {
    const either = z.union([z.bigint(), z.number().int()]);
    const codec = protobufCodec({
      type: message("int64"),
      schema: z.object({ a: either, list: z.array(either), byName: z.record(z.string(), either) }),
    });
    const value = { a: 5n, list: [-(2n ** 63n)], byName: { k: 2n ** 63n - 1n } };
    expect(codec.decode(codec.encode(value))).toEqual(value);
    expect(codec.safeEncode({ ...value, a: 5 }).ok).toBe(false);
  });

  it("a bigint just past the safe integers goes through exactly, on the path a required field takes", () => {
    // proto2 with a required field: encoded by way of toWire, which makes a bigint a number only when exact.
    const M = protobuf
      .parse(
        'syntax = "proto2"; message M { required int32 id = 1; optional int64 big = 2; optional sint64 sb = 3; }',
      )
      .root.lookupType("M");
    const codec = protobufCodec({ type: M, schema: z.object({ id: z.number(), big: int64(), sb: int64() }) });
    for (const n of [-(2n ** 53n) - 1n, -(2n ** 53n), -(2n ** 53n) + 1n, 2n ** 53n, 2n ** 53n + 1n]) {
      const value = { id: 1, big: n, sb: n };
      expect(codec.decode(codec.encode(value))).toEqual(value);
    }
  });

  it("int64() and uint64() take a number and widen it to the bigint decode returns", () => {
    for (const [t, s] of [
      ["int64", int64()],
      ["uint64", uint64()],
    ] as const) {
      const codec = protobufCodec({
        type: message(t),
        schema: z.object({ a: s, list: z.array(s), byName: z.record(z.string(), s) }),
      });
      expect(codec.decode(codec.encode({ a: 5, list: [6], byName: { k: 7 } } as never))).toEqual({
        a: 5n,
        list: [6n],
        byName: { k: 7n },
      });
    }
  });
});
