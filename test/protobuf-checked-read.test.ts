import protobuf from "protobufjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createCodec, type WireDriver } from "../src/codec.js";
import { protobufDriver } from "../src/formats/protobuf/codec.js";
import { protobufCodec } from "../src/formats/protobuf/index.js";
import { Prescanner } from "../src/formats/protobuf/prescan.js";
import { readGenerated } from "../src/formats/protobuf/read.js";
import { readers as ROBOTICS_READERS } from "../src/generated/robotics-readers.js";
import type { Codec, Limits } from "../src/index.js";
import {
  limitsFor,
  type MessageName,
  messageSchemas,
  codec as roboticsCodec,
} from "../src/robotics/index.js";
import { protobufDescriptor, STATIC_CLASSES } from "../src/robotics/protobuf.js";
import { hostile } from "../src/testing/index.js";
import { describeOnePassDecode, SAMPLE_SIZED_LIMITS, sameOutcome } from "./helpers/outcome.js";
import { ldelim, tag } from "./helpers/protobuf-wire.js";

/** The robotics codec, and the same codec without the checked read (prescan first, as before it). */
function codecs(message: MessageName, limits: Readonly<Limits>): [Codec<unknown>, Codec<unknown>] {
  const schema = messageSchemas({ allowNonFinite: true })[message] as z.ZodType<unknown>;
  const make = (checked: boolean) => {
    const { driver } = protobufDriver({
      type: STATIC_CLASSES[message],
      descriptor: protobufDescriptor(message),
      schema,
      limits,
    });
    const d = checked ? driver : { ...driver, readChecked: undefined };
    return createCodec({ driver: d, schema, limits, name: message }) as Codec<unknown>;
  };
  return [make(true), make(false)];
}

describeOnePassDecode(
  codecs,
  hostile.protobuf.all().map((h) => h.bytes),
  SAMPLE_SIZED_LIMITS,
  50,
);

describe("which inputs take the one pass", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const limits = limitsFor("Tensor");
  const [codec] = codecs("Tensor", limits);
  const tensor = (n: number) => ({ dtype: "uint8" as const, shape: [n], data: new Uint8Array(n).fill(7) });

  it("small inputs are not prescanned; over 16 KiB they are, before the reader allocates", () => {
    const scan = vi.spyOn(Prescanner.prototype, "scan");
    const small = codec.encode(tensor(100));
    const big = codec.encode(tensor(20_000));
    scan.mockClear(); // the encodes may scan their output
    expect(codec.decode(small)).toEqual(tensor(100));
    expect(scan).not.toHaveBeenCalled();
    expect(codec.decode(big)).toEqual(tensor(20_000));
    expect(scan).toHaveBeenCalledTimes(1);
  });
});

// A map entry may hold its key field more than once (protobufjs keeps the last). The prescan refuses a
// forbidden key ("__proto__", "constructor", "prototype") at any occurrence, so the one-pass reads (the
// table reader's checked read and the generated readers) must give up on one wherever it occurs, not only
// where it is the key that wins, and leave the prescan to word the error.
describe("a map entry that holds its key field twice, one of them forbidden", () => {
  const utf8 = (t: string) => [...new TextEncoder().encode(t)];
  /** Map field `field`'s entry: a string key field per key, in order, then the value field's bytes. */
  const entry = (field: number, keys: readonly string[], value: readonly number[]) =>
    Uint8Array.from(ldelim(field, [...keys.flatMap((k) => ldelim(1, utf8(k))), ...value]));

  /** The codec of `driver`, and the same without the checked read (prescan first). */
  function pair(driver: WireDriver, schema: z.ZodType<unknown>, limits: Readonly<Limits>) {
    const make = (d: WireDriver) => createCodec({ driver: d, schema, limits, name: "test" });
    return [make(driver), make({ ...driver, readChecked: undefined })] as const;
  }

  /** Both decodes refuse `bytes` alike, with the prescan's schema_violation at `path`. */
  function refusedAlike(a: Codec<unknown>, b: Codec<unknown>, bytes: Uint8Array, path: PropertyKey[]): void {
    const onePass = a.safeDecode(bytes);
    const prescanFirst = b.safeDecode(bytes);
    sameOutcome(onePass, prescanFirst);
    expect(prescanFirst.ok).toBe(false);
    if (prescanFirst.ok) return;
    expect(prescanFirst.error.code).toBe("schema_violation");
    expect(prescanFirst.error.path).toEqual(path);
    expect(prescanFirst.error.message).toContain("is not allowed (prototype pollution)");
  }

  // [forbidden key, where it is among the entry's key fields]
  const ORDERS: [string, "first" | "second"][] = [
    ["__proto__", "first"],
    ["constructor", "first"],
    ["prototype", "first"],
    ["__proto__", "second"],
    ["constructor", "second"],
  ];
  const keysOf = (bad: string, where: "first" | "second") => (where === "first" ? [bad, "a"] : ["a", bad]);

  describe("a user's schema (the table reader's checked read)", () => {
    const type = protobuf
      .parse(`syntax = "proto3"; message M { map<string, int32> m = 1; }`, { keepCase: true })
      .root.lookupType("M");
    const schema = z.object({ m: z.record(z.string(), z.number()) }) as z.ZodType<unknown>;
    const { driver, limits } = protobufDriver({ type, schema });
    const [onePass, prescanFirst] = pair(driver, schema, limits);
    const value = [...tag(2, 0), 5];

    it("the probe's bytes: __proto__ then a, value 5", () => {
      const bytes = entry(1, ["__proto__", "a"], value);
      expect(Buffer.from(bytes).toString("hex")).toBe("0a100a095f5f70726f746f5f5f0a01611005");
      expect(driver.readChecked?.(bytes, limits)).toBeUndefined();
      refusedAlike(onePass, prescanFirst, bytes, ["m", "__proto__"]);
    });

    it.each(ORDERS)("%s %s: the one pass gives up, and both decodes refuse it alike", (bad, where) => {
      const bytes = entry(1, keysOf(bad, where), value);
      expect(driver.readChecked?.(bytes, limits)).toBeUndefined();
      refusedAlike(onePass, prescanFirst, bytes, ["m", bad]);
    });

    it("two ordinary keys: read in one pass, the last wins", () => {
      const bytes = entry(1, ["b", "a"], value);
      expect(driver.readChecked?.(bytes, limits)).toEqual({ m: { a: 5 } });
      sameOutcome(onePass.safeDecode(bytes), prescanFirst.safeDecode(bytes));
      expect(onePass.decode(bytes)).toEqual({ m: { a: 5 } });
    });
  });

  describe("the robotics messages (generated readers)", () => {
    /** The driver the robotics codecs use (with its generated reader), and its codecs. */
    function robotics(message: MessageName) {
      const schema = messageSchemas({ allowNonFinite: true })[message] as z.ZodType<unknown>;
      const limits = limitsFor(message);
      const gen = ROBOTICS_READERS[message];
      if (gen === undefined) throw new Error(`no generated reader for ${message}`);
      const { driver } = protobufDriver({
        type: STATIC_CLASSES[message],
        descriptor: protobufDescriptor(message),
        schema,
        limits,
        generated: gen,
      });
      return { gen, driver, limits, codecs: pair(driver, schema, limits) };
    }
    // [message, map field, its number, a value field's bytes]: a map of doubles, and one of messages.
    const MAPS: [MessageName, string, number, number[]][] = [
      ["InteractionStats", "extra", 5, [...tag(2, 1), 0, 0, 0, 0, 0, 0, 0xf8, 0x3f]],
      ["Parameters", "tensors", 1, ldelim(2, [])],
    ];
    const CASES = MAPS.flatMap(([m, field, id, value]) =>
      ORDERS.map(([bad, where]) => [m, field, bad, where, id, value] as const),
    );

    it("the probe's InteractionStats bytes, by the robotics codec itself", () => {
      const bytes = entry(5, ["__proto__", "reward"], [...tag(2, 1), 0, 0, 0, 0, 0, 0, 0xf8, 0x3f]);
      expect(Buffer.from(bytes).toString("hex")).toBe(
        "2a1c0a095f5f70726f746f5f5f0a0672657761726411000000000000f83f",
      );
      const { codecs } = robotics("InteractionStats");
      refusedAlike(roboticsCodec("InteractionStats", "protobuf"), codecs[1], bytes, ["extra", "__proto__"]);
    });

    it.each(CASES)(
      "%s.%s: %s %s, the generated reader and the checked read give up, both decodes refuse alike",
      (message, field, bad, where, id, value) => {
        const { gen, driver, limits, codecs } = robotics(message);
        const bytes = entry(id, keysOf(bad, where), value);
        expect(readGenerated(gen, bytes, limits)).toBeUndefined();
        expect(driver.readChecked?.(bytes, limits)).toBeUndefined();
        refusedAlike(codecs[0], codecs[1], bytes, [field, bad]);
      },
    );

    it("InteractionStats: two ordinary keys are read by the generated reader, the last wins", () => {
      const { gen, driver, limits, codecs } = robotics("InteractionStats");
      const bytes = entry(5, ["b", "reward"], [...tag(2, 1), 0, 0, 0, 0, 0, 0, 0xf8, 0x3f]);
      const got = readGenerated(gen, bytes, limits);
      expect(got?.extra).toEqual({ reward: 1.5 });
      expect(driver.readChecked?.(bytes, limits)).toEqual(got);
      sameOutcome(codecs[0].safeDecode(bytes), codecs[1].safeDecode(bytes));
    });
  });
});

// Pinned cases the random differential finds only now and then: a field that runs past the message or map
// entry that holds it, and a packed run that is not a whole number of fixed-width values.
describe("bounds of enclosing messages, map entries and packed runs", () => {
  const root = protobuf.parse(
    `syntax = "proto3";
     message S { int32 x = 1; string t = 2; } message A { S s = 4; } message O { A a = 1; int32 z = 2; }
     message M { map<string, int32> m = 1; int32 z = 2; }
     message P { repeated fixed32 f = 1; repeated double d = 3; }
     message L { repeated string t = 1; repeated bytes b = 2; repeated int32 u = 3 [packed = false]; }`,
    { keepCase: true },
  ).root;
  const decode = (type: string, bytes: number[], limits?: Partial<Limits>) =>
    protobufCodec({ type: root.lookupType(type), schema: z.unknown(), limits }).safeDecode(
      Uint8Array.from(bytes),
    );
  const refused = (r: ReturnType<typeof decode>, message: RegExp) => {
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("malformed");
      expect(r.error.message).toMatch(message);
    }
  };

  it("a field whose value would be read past its message's end is malformed", () => {
    // O.a (3 bytes) holds A.s (2 bytes) = S{ x: <the byte after A> }; then O.z = 7.
    refused(decode("O", [0x0a, 0x03, 0x22, 0x02, 0x08, 0x05, 0x10, 0x07]), /./);
    // S.t declares 3 bytes, 2 of them past S.
    refused(decode("O", [0x0a, 0x07, 0x22, 0x02, 0x12, 0x03, 0x61, 0x62, 0x63, 0x10, 0x07]), /./);
    expect(decode("O", [0x0a, 0x04, 0x22, 0x02, 0x08, 0x05, 0x10, 0x07])).toMatchObject({ ok: true });
  });

  it("a map entry's key or value read past the entry's end is malformed", () => {
    refused(decode("M", [0x0a, 0x02, 0x0a, 0x03, 0x61, 0x62, 0x63, 0x10, 0x07]), /./);
    refused(decode("M", [0x0a, 0x04, 0x0a, 0x01, 0x6b, 0x10, 0x05, 0x10, 0x07]), /./);
    expect(decode("M", [0x0a, 0x05, 0x0a, 0x01, 0x6b, 0x10, 0x05, 0x10, 0x07])).toMatchObject({
      ok: true,
      value: { m: { k: 5 }, z: 7 },
    });
  });

  it("a known group without its end tag is malformed, in the prescan's words and at the group's path", () => {
    const G = protobuf
      .parse(`syntax = "proto2"; message G { optional group Grp = 1 { optional int32 x = 2; } }`, {
        keepCase: true,
      })
      .root.lookupType("G");
    const codec = protobufCodec({ type: G, schema: z.unknown() });
    for (const pad of [0, 20_000]) {
      // Past 16 KiB too: a trailing unknown bytes field (id 15) of `pad` bytes after the open group.
      const tail = pad === 0 ? [] : ldelim(15, new Uint8Array(pad));
      const r = codec.safeDecode(Uint8Array.from([0x0b, 0x10, 0x01, ...tail]));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe("malformed");
        expect(r.error.message).toMatch(/group for field 1 has no end-group tag/);
        expect(r.error.path).toEqual(["grp"]);
      }
    }
    expect(codec.decode(Uint8Array.from([0x0b, 0x10, 0x01, 0x0c]))).toEqual({ grp: { x: 1 } });
  });

  it("a run of elements under the same one-byte tag is counted against maxArrayLength, each element", () => {
    // The one pass reads such a run (strings, bytes, unpacked numbers in fields 1 to 15) in a loop of its own.
    const runs: [string, number[]][] = [
      ["t", [0x0a, 0x01, 0x61]],
      ["b", [0x12, 0x00]],
      ["u", [0x18, 0x07]],
    ];
    for (const [field, element] of runs) {
      const of = (n: number) => new Array(n).fill(element).flat() as number[];
      expect(decode("L", of(3), { maxArrayLength: 3 })).toMatchObject({ ok: true });
      const r = decode("L", of(4), { maxArrayLength: 3 });
      expect(r.ok ? "ok" : `${r.error.code} ${r.error.limit} ${r.error.path.join(".")}`).toBe(
        `limit_exceeded maxArrayLength ${field}`,
      );
    }
  });

  it("a length prefix of 2^32-1 in five bytes is malformed, not read as a negative length", () => {
    // The one pass takes lengths of up to four bytes; a fifth would shift bit 31 into an int32's sign.
    for (const bytes of [
      [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x61],
      [0x12, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x61],
    ]) {
      refused(decode("L", bytes), /length 4294967295 runs past the end of the input \(1 bytes left\)/);
    }
  });

  it("a packed fixed-width run of the wrong length is malformed, under any maxArrayLength", () => {
    for (const limits of [{}, { maxArrayLength: 1 }]) {
      refused(decode("P", [0x0a, 0x05, 1, 0, 0, 0, 0xaa], limits), /not a whole number of 4-byte values/);
      refused(
        decode("P", [0x1a, 0x09, ...new Array(9).fill(0)], limits),
        /not a whole number of 8-byte values/,
      );
    }
  });
});
