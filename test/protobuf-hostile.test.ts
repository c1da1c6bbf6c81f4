import { afterEach, describe, expect, test } from "vitest";
import { protobufCodec } from "../src/formats/protobuf/index.js";
import { type Codec, isSafewireError, type Limits } from "../src/index.js";
import {
  emptyRich,
  fullRich,
  NodeDescriptor,
  NodeSchema,
  NodeStatic,
  NodeType,
  type NodeValue,
  type Rich,
  RichDescriptor,
  RichSchema,
  RichStatic,
  RichType,
} from "./fixtures/protobuf/rich.js";
import {
  expectBoundedFailure,
  HEAP_BUDGET_BYTES,
  hex,
  measure,
  PICKLE_OS_SYSTEM,
  TIME_BUDGET_MS,
} from "./helpers/bounded.js";
import { tag as field, ldelim, varint } from "./helpers/protobuf-wire.js";

/*
 * Hostile inputs: each must fail with the right code and limit, in under 50 ms and 8 MB of heap,
 * through both the reflection and the static decoder, and leave the codec working.
 */

function richCodecs(limits?: Partial<Limits>): Codec<Rich>[] {
  return [
    protobufCodec({ type: RichType, schema: RichSchema, limits }),
    protobufCodec({ type: RichStatic, descriptor: RichDescriptor, schema: RichSchema, limits }),
  ];
}
function nodeCodecs(limits?: Partial<Limits>): Codec<NodeValue>[] {
  return [
    protobufCodec({ type: NodeType, schema: NodeSchema, limits }),
    protobufCodec({ type: NodeStatic, descriptor: NodeDescriptor, schema: NodeSchema, limits }),
  ];
}

const rich = richCodecs();
const nodes = nodeCodecs();
const VALID = rich[0]?.encode(fullRich()) as Uint8Array;

// After every hostile input, both decoders (and the shared prescanners) still work.
afterEach(() => {
  for (const c of rich) expect(c.decode(VALID)).toEqual(fullRich());
  const n = { value: 1, children: [], named: {} };
  for (const c of nodes) expect(c.decode(c.encode(n))).toEqual(n);
});

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Node nested `levels` deep through `child` (field 1): each level is `0a <length>` around the next. */
function nodeChain(levels: number): Uint8Array {
  const sizes = [2]; // the innermost body: value = 1
  for (let i = 0; i < levels; i++) {
    const inner = sizes[i] as number;
    sizes.push(1 + varint(inner).length + inner);
  }
  const out = new Uint8Array(sizes[levels] as number);
  let p = 0;
  for (let i = levels; i > 0; i--) {
    out[p++] = 0x0a;
    for (const b of varint(sizes[i - 1] as number)) out[p++] = b;
  }
  out.set([0x10, 0x01], p);
  return out;
}

function failsEverywhere<T>(
  codecs: Codec<T>[],
  bytes: Uint8Array,
  code: Parameters<typeof expectBoundedFailure>[1],
  limit?: keyof Limits,
) {
  return codecs.map((c) => expectBoundedFailure(() => c.decode(bytes), code, limit));
}

describe("structure", () => {
  test("30,000 nested group starts fail as maxDepth", () => {
    const bomb = new Uint8Array(30_000).fill(0x0b);
    for (const err of [
      ...failsEverywhere(rich, bomb, "limit_exceeded", "maxDepth"),
      ...failsEverywhere(nodes, bomb, "limit_exceeded", "maxDepth"),
    ]) {
      expect(err.message).toMatch(/group/);
    }
  });

  test("a length of 2^31-1 is malformed, not a RangeError", () => {
    for (const id of [10, 11, 40, 99]) {
      // string, bytes, message and unknown field: each declares 2 GiB and has 3 bytes.
      const bytes = Uint8Array.from([...field(id, 2), 0xff, 0xff, 0xff, 0xff, 0x07, 1, 2, 3]);
      for (const err of failsEverywhere(rich, bytes, "malformed")) {
        expect(err.message).toMatch(/length 2147483647 runs past the end of the input \(3 bytes left\)/);
        expect(err.offset).toBe(field(id, 2).length);
      }
    }
  });

  test("a length past the end of an enclosing message is malformed", () => {
    // inner (40) of 4 bytes whose label claims 10.
    const bytes = Uint8Array.from(ldelim(40, [0x0a, 0x0a, 0x61, 0x62]));
    for (const err of failsEverywhere(rich, bytes, "malformed")) {
      expect(err.message).toMatch(/enclosing message/);
      expect(err.path).toEqual(["inner", "label"]);
    }
  });

  test("invalid UTF-8 (c3 28) in a string is malformed with path and offset", () => {
    for (const err of failsEverywhere(rich, hex("52 02 c3 28"), "malformed")) {
      expect(err.path).toEqual(["text"]);
      expect(err.offset).toBe(2);
      expect(err.message).toMatch(/UTF-8/);
    }
    // Also nested, in a repeated string, and in a map key.
    const cases: [number[], PropertyKey[]][] = [
      [ldelim(28, [0x0a, 0x01, 0xff]), ["inner_list", 0, "label"]],
      [
        [...ldelim(22, utf8("ok")), ...ldelim(22, [0xed, 0xa0, 0x80])],
        ["names", 1],
      ], // a UTF-8 surrogate
      [ldelim(31, [0x0a, 0x01, 0xc0, 0x12, 0x00]), ["labels"]],
      [ldelim(31, [0x0a, 0x01, 0x6b, 0x12, 0x02, 0xf8, 0x88]), ["labels", "k"]],
    ];
    for (const [bytes, path] of cases) {
      for (const err of failsEverywhere(rich, Uint8Array.from(bytes), "malformed"))
        expect(err.path).toEqual(path);
    }
  });

  test("every truncation of a valid message decodes or fails as malformed", () => {
    let failures = 0;
    for (const c of rich) {
      for (let n = 0; n < VALID.length; n++) {
        const prefix = VALID.subarray(0, n);
        let error: unknown;
        // Fastest of up to three runs: one slow run can be a GC pause or a busy machine.
        let ms = Number.POSITIVE_INFINITY;
        for (let run = 0; run < 3 && ms >= TIME_BUDGET_MS; run++) {
          const t0 = performance.now();
          try {
            c.decode(prefix);
          } catch (e) {
            error = e;
          }
          ms = Math.min(ms, performance.now() - t0);
        }
        expect(ms).toBeLessThan(TIME_BUDGET_MS);
        if (error !== undefined) {
          failures++;
          expect(isSafewireError(error), String(error)).toBe(true);
          expect((error as { code: string }).code).toBe("malformed");
        }
        // The heap budget too, on a sample (a full GC per prefix would take minutes).
        if (n % 97 === 1) {
          const m = measure(() => {
            try {
              c.decode(prefix);
            } catch {}
          });
          expect(m.heapGrowth).toBeLessThan(HEAP_BUDGET_BYTES);
        }
      }
    }
    expect(failures).toBeGreaterThan(VALID.length); // most prefixes cut a field in two
  });

  test("an overlong varint (11 bytes) is malformed", () => {
    const bytes = Uint8Array.from([0x08, ...new Array(10).fill(0xff), 0x01]);
    for (const err of failsEverywhere(rich, bytes, "malformed")) {
      expect(err.message).toMatch(/longer than 10 bytes/);
      expect(err.path).toEqual(["i32"]);
    }
    // In an unknown field, a packed run and a map entry too.
    const more = [
      [0xf8, 0x06, ...new Array(10).fill(0x80), 0x00],
      ldelim(20, [...new Array(10).fill(0x80), 0x00]),
      ldelim(34, [0x08, ...new Array(11).fill(0x80)]),
    ];
    for (const b of more) failsEverywhere(rich, Uint8Array.from(b), "malformed");
  });

  test("a varint cut short is malformed", () => {
    for (const err of failsEverywhere(rich, hex("08 ff ff"), "malformed")) {
      expect(err.message).toMatch(/premature EOF reading varint/);
    }
    failsEverywhere(rich, Uint8Array.from(ldelim(20, [0x01, 0x80])), "malformed"); // packed run ends mid-varint
  });

  test("wire types 6 and 7 are malformed", () => {
    for (const b of ["0e 00", "0f 00", "fe 06 00"]) {
      for (const err of failsEverywhere(rich, hex(b), "malformed"))
        expect(err.message).toMatch(/invalid wire type [67]/);
    }
  });

  test("field number 0 is malformed", () => {
    for (const b of ["00 00", "02 00", "05 00 00 00 00", "80 00 01"]) {
      for (const err of failsEverywhere(rich, hex(b), "malformed"))
        expect(err.message).toMatch(/field number 0/);
    }
  });

  test("a tag wider than 32 bits, and a length prefix wider than 5 bytes, are malformed", () => {
    failsEverywhere(rich, hex("ff ff ff ff 1f 00"), "malformed");
    failsEverywhere(rich, hex("52 80 80 80 80 80 00"), "malformed");
  });

  test("a five-byte tag's last byte carries bits 28 to 31 only: 0x0f is the widest, 0x10 is malformed", () => {
    // Alone (a one-pass read leaves tags of three bytes or more to the prescan) and after 17 KB, where
    // only the prescan runs: field 2^29-1 (the largest) is an unknown field; one bit more is refused.
    const pad = ldelim(99, new Array(17_000).fill(0));
    for (const before of [[], pad]) {
      for (const c of rich)
        expect(c.decode(Uint8Array.from([...before, ...hex("f8 ff ff ff 0f 00")]))).toBeDefined();
      for (const tag of ["f8 ff ff ff 10", "80 80 80 80 10", "f8 ff ff ff 1f", "f8 ff ff ff 8f 00"]) {
        const bytes = Uint8Array.from([...before, ...hex(`${tag} 00`)]);
        for (const err of failsEverywhere(rich, bytes, "malformed")) {
          expect(err.message).toMatch(/field tag does not fit in 32 bits/);
          expect(err.offset).toBe(before.length);
        }
      }
    }
  });

  test("stray, mismatched and unterminated groups are malformed", () => {
    for (const b of ["0c", "0b 14", "0b 08 01", "0b 0b 0c"]) failsEverywhere(rich, hex(b), "malformed");
  });

  test("fixed-width values cut short and packed runs of the wrong size are malformed", () => {
    for (const b of [
      "41 00 00 00",
      "3d 00 00",
      [...ldelim(26, [1, 2, 3, 4, 5])],
      [...ldelim(25, [1, 2, 3, 4])],
    ]) {
      const bytes = typeof b === "string" ? hex(b) : Uint8Array.from(b);
      failsEverywhere(rich, bytes, "malformed");
    }
  });

  test("a message nested 10,000 deep fails as maxDepth with the path to it", () => {
    const bomb = nodeChain(10_000);
    for (const err of failsEverywhere(nodes, bomb, "limit_exceeded", "maxDepth")) {
      expect(err.path).toEqual(new Array(64).fill("child"));
      expect(err.message).toMatch(/limit maxDepth is 64/);
    }
  });

  test("map keys __proto__, constructor and prototype are schema violations", () => {
    for (const key of ["__proto__", "constructor", "prototype"]) {
      const labels = Uint8Array.from(ldelim(31, [...ldelim(1, utf8(key)), ...ldelim(2, utf8("x"))]));
      for (const err of failsEverywhere(rich, labels, "schema_violation"))
        expect(err.path).toEqual(["labels", key]);
      const named = Uint8Array.from(ldelim(4, [...ldelim(1, utf8(key)), ...ldelim(2, [])]));
      for (const err of failsEverywhere(nodes, named, "schema_violation"))
        expect(err.path).toEqual(["named", key]);
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  test("a pickle is unsafe_payload", () => {
    for (const c of [...rich, ...nodes])
      expectBoundedFailure(() => c.decode(PICKLE_OS_SYSTEM), "unsafe_payload");
  });

  test("not a Uint8Array is malformed", () => {
    for (const c of rich) expectBoundedFailure(() => c.decode("0800" as unknown as Uint8Array), "malformed");
  });
});

describe("each limit, exceeded by one, names the limit and the path", () => {
  const encoder = protobufCodec({ type: RichType, schema: RichSchema, limits: { maxDepth: 1000 } });
  const enc = (patch: Partial<Rich>) => encoder.encode({ ...emptyRich(), ...patch });

  function atLimit(
    limits: Partial<Limits>,
    ok: Partial<Rich>,
    over: Partial<Rich>,
    limit: keyof Limits,
    path: PropertyKey[],
  ) {
    const okBytes = enc(ok);
    const overBytes = enc(over);
    for (const c of richCodecs(limits)) {
      expect(() => c.decode(okBytes)).not.toThrow();
      const err = expectBoundedFailure(() => c.decode(overBytes), "limit_exceeded", limit);
      expect(err.path).toEqual(path);
      expect(err.offset).toBeTypeOf("number");
    }
  }

  test("maxStringBytes", () => {
    const lim = { maxStringBytes: 8 };
    atLimit(lim, { text: "12345678" }, { text: "123456789" }, "maxStringBytes", ["text"]);
    atLimit(lim, { names: ["a", "12345678"] }, { names: ["a", "123456789"] }, "maxStringBytes", ["names", 1]);
    atLimit(
      lim,
      { inner_list: [{ label: "12345678", n: 0 }] },
      {
        inner_list: [
          { label: "", n: 0 },
          { label: "123456789", n: 0 },
        ],
      },
      "maxStringBytes",
      ["inner_list", 1, "label"],
    );
    atLimit(lim, { labels: { k: "12345678" } }, { labels: { k: "123456789" } }, "maxStringBytes", [
      "labels",
      "k",
    ]);
    atLimit(lim, { labels: { "12345678": "" } }, { labels: { "123456789": "" } }, "maxStringBytes", [
      "labels",
    ]);
    atLimit(
      lim,
      { inners: { k: { label: "12345678", n: 1 } } },
      { inners: { k: { label: "123456789", n: 1 } } },
      "maxStringBytes",
      ["inners", "k", "label"],
    );
    // Multi-byte characters count in UTF-8 bytes: 4 × 2 bytes fits, 9 bytes does not.
    atLimit(lim, { text: "üüüü" }, { text: "üüüüa" }, "maxStringBytes", ["text"]);
  });

  test("maxBinaryBytes", () => {
    const lim = { maxBinaryBytes: 4 };
    const b = (n: number) => new Uint8Array(n).fill(7);
    atLimit(lim, { blob: b(4) }, { blob: b(5) }, "maxBinaryBytes", ["blob"]);
    atLimit(lim, { blobs: [b(0), b(4)] }, { blobs: [b(0), b(5)] }, "maxBinaryBytes", ["blobs", 1]);
    atLimit(
      lim,
      { by_uid: { "18446744073709551615": b(4) } },
      { by_uid: { "18446744073709551615": b(5) } },
      "maxBinaryBytes",
      ["by_uid", "18446744073709551615"],
    );
  });

  test("maxArrayLength, repeated and packed", () => {
    const lim = { maxArrayLength: 3 };
    atLimit(lim, { unpacked_ints: [1, 2, 3] }, { unpacked_ints: [1, 2, 3, 4] }, "maxArrayLength", [
      "unpacked_ints",
    ]);
    atLimit(lim, { names: ["a", "b", "c"] }, { names: ["a", "b", "c", "d"] }, "maxArrayLength", ["names"]);
    atLimit(lim, { packed_ints: [1, 2, 3] }, { packed_ints: [1, 2, 3, 4] }, "maxArrayLength", [
      "packed_ints",
    ]);
    atLimit(lim, { floats: [1, 2, 3] }, { floats: [1, 2, 3, 4] }, "maxArrayLength", ["floats"]);
    atLimit(lim, { packed_longs: [1n, 2n, 3n] }, { packed_longs: [1n, 2n, 3n, 4n] }, "maxArrayLength", [
      "packed_longs",
    ]);
    const inner = { label: "", n: 0 };
    atLimit(
      lim,
      { inner_list: [inner, inner, inner] },
      { inner_list: [inner, inner, inner, inner] },
      "maxArrayLength",
      ["inner_list"],
    );
    atLimit(
      lim,
      { inner: { label: "", n: 0 }, packed_ints: [1, 2, 3] },
      { inner: { label: "", n: 0 }, packed_ints: [1, 2, 3, 4] },
      "maxArrayLength",
      ["packed_ints"],
    );
    // Two packed runs of two, and packed plus unpacked, add up.
    const split = Uint8Array.from([...ldelim(20, [1, 2]), ...ldelim(20, [3, 4])]);
    const mixed = Uint8Array.from([...ldelim(20, [1, 2, 3]), 0xa0, 0x01, 0x04]);
    for (const c of richCodecs(lim)) {
      for (const bytes of [split, mixed]) {
        expect(expectBoundedFailure(() => c.decode(bytes), "limit_exceeded", "maxArrayLength").path).toEqual([
          "packed_ints",
        ]);
      }
    }
  });

  test("maxMapEntries", () => {
    const lim = { maxMapEntries: 2 };
    atLimit(lim, { labels: { a: "", b: "" } }, { labels: { a: "", b: "", c: "" } }, "maxMapEntries", [
      "labels",
    ]);
    atLimit(lim, { by_id: { "1": "", "2": "" } }, { by_id: { "1": "", "2": "", "3": "" } }, "maxMapEntries", [
      "by_id",
    ]);
    // Entries are counted as sent: a repeated key still costs an entry.
    const dup = Uint8Array.from(
      [0, 1, 2].flatMap(() => ldelim(31, [...ldelim(1, utf8("k")), ...ldelim(2, utf8("v"))])),
    );
    for (const c of richCodecs(lim))
      expectBoundedFailure(() => c.decode(dup), "limit_exceeded", "maxMapEntries");
  });

  test("maxDepth: messages, arrays and maps each add a level", () => {
    const leaf = (): NodeValue => ({ value: 0, children: [], named: {} });
    const chain = (n: number): NodeValue => (n === 1 ? leaf() : { ...leaf(), child: chain(n - 1) });
    const enc3 = protobufCodec({ type: NodeType, schema: NodeSchema });
    const cases: [NodeValue, NodeValue, PropertyKey[]][] = [
      [chain(3), chain(4), ["child", "child", "child"]],
      // top (1) → children array (2) → element (3) → its children array (4)
      [
        { ...leaf(), children: [leaf()] },
        { ...leaf(), children: [{ ...leaf(), children: [leaf()] }] },
        ["children", 0, "children"],
      ],
      [
        { ...leaf(), named: { a: leaf() } },
        { ...leaf(), named: { a: { ...leaf(), named: { b: leaf() } } } },
        ["named", "a", "named"],
      ],
    ];
    for (const [ok, over, path] of cases) {
      const okBytes = enc3.encode(ok);
      const overBytes = enc3.encode(over);
      for (const c of nodeCodecs({ maxDepth: 3 })) {
        expect(c.decode(okBytes)).toEqual(ok);
        expect(expectBoundedFailure(() => c.decode(overBytes), "limit_exceeded", "maxDepth").path).toEqual(
          path,
        );
        // The encoder refuses what the decoder would.
        const e = (() => {
          try {
            c.encode(over);
          } catch (err) {
            return err as { code: string; limit: string; path: PropertyKey[] };
          }
        })();
        expect([e?.code, e?.limit, e?.path]).toEqual(["limit_exceeded", "maxDepth", path]);
      }
    }
  });

  test("maxBytes", () => {
    const bytes = enc({ text: "0123456789" });
    for (const c of richCodecs({ maxBytes: bytes.length })) expect(c.decode(bytes).text).toBe("0123456789");
    for (const c of richCodecs({ maxBytes: bytes.length - 1 })) {
      const err = expectBoundedFailure(() => c.decode(bytes), "limit_exceeded", "maxBytes");
      expect(err.path).toEqual([]);
      expect(err.offset).toBeUndefined();
    }
  });
});

describe("amplification stays within the limits", () => {
  // Each bomb is refused by its count, and the walk stops at the limit: the cost is the limit's
  // number of steps, whatever the input's size. (Limits below the defaults keep these far inside the
  // time budget on a busy machine; the defaults cost about ten times more steps.)
  test("4 MiB of one-byte packed varints is refused by count, not decoded", () => {
    const n = 4 * 1024 * 1024 - 8;
    const body = new Uint8Array(n + 8);
    body.set([0xa2, 0x01, ...varint(n)]);
    const bytes = body.subarray(0, 2 + varint(n).length + n);
    for (const c of richCodecs({ maxArrayLength: 100_000 })) {
      expect(expectBoundedFailure(() => c.decode(bytes), "limit_exceeded", "maxArrayLength").path).toEqual([
        "packed_ints",
      ]);
    }
  });

  test("a million empty map entries are refused by count", () => {
    const entry = [0xf2, 0x01, 0x00];
    const bytes = new Uint8Array(entry.length * 1_000_000);
    for (let i = 0; i < bytes.length; i += 3) bytes.set(entry, i);
    for (const c of richCodecs({ maxMapEntries: 10_000 })) {
      const err = expectBoundedFailure(() => c.decode(bytes), "limit_exceeded", "maxMapEntries");
      expect([err.path, err.offset]).toEqual([["inners"], 10_000 * 3]);
    }
  });

  test("1.3 million empty messages in a repeated field are refused by count", () => {
    const bytes = new Uint8Array(3_999_999);
    for (let i = 0; i < bytes.length; i += 3) bytes.set([0xe2, 0x01, 0x00], i);
    for (const c of richCodecs({ maxArrayLength: 100_000 })) {
      const err = expectBoundedFailure(() => c.decode(bytes), "limit_exceeded", "maxArrayLength");
      expect(err.path).toEqual(["inner_list"]);
      expect(err.offset).toBe(100_000 * 3);
    }
  });

  test("a huge unknown field is bounded by maxBinaryBytes", () => {
    const bytes = Uint8Array.from([0xfa, 0x06, ...varint(300), ...new Array(300).fill(0)]);
    for (const c of richCodecs({ maxBinaryBytes: 299 })) {
      expect(expectBoundedFailure(() => c.decode(bytes), "limit_exceeded", "maxBinaryBytes").message).toMatch(
        /unknown field 111/,
      );
    }
  });
});
