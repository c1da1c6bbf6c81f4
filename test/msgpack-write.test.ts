// safewire's msgpack writer (src/formats/msgpack/write.ts) against @msgpack/msgpack's encoder: the same
// bytes for every plain value (but -0, which the library writes as the integer 0, and undefined outside a
// map and forbidden map keys, which the library writes and safewire refuses), on both of its paths
// (the shared scratch and the measured output for big values), outputs that never share memory with each
// other or with the scratch, and no byte of unzeroed memory left in an output.

import { fc, test } from "@fast-check/vitest";
import { Encoder } from "@msgpack/msgpack";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { IssueSignal, type SafewireIssue } from "../src/errors.js";
import { msgpackCodec } from "../src/formats/msgpack/index.js";
import { freshBuffer, MEASURE_OUTPUT_BYTES, msgpackWriter } from "../src/formats/msgpack/write.js";
import { DEFAULT_LIMITS } from "../src/index.js";
import { isForbiddenKey } from "../src/keys.js";

const newEncoder = () => new Encoder({ useBigInt64: true, ignoreUndefined: true });
const LIMITS = { ...DEFAULT_LIMITS, maxDepth: 1000 };

const wellFormed = (s: string) => (s as unknown as { isWellFormed(): boolean }).isWellFormed();
const text = (maxLength: number) =>
  fc
    .oneof(
      fc.string({ unit: "binary", maxLength }),
      fc.string({ unit: "grapheme-ascii", maxLength }),
      fc.string({ unit: "binary", minLength: 40, maxLength: 300 }), // past the writer's native-text length
    )
    .filter(wellFormed);
const leaf = fc.oneof(
  text(40),
  fc.integer(),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  fc.constantFrom(0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 2 ** 32 - 1, 2 ** 32, -32, -33, -128, -129),
  fc.constantFrom(-32768, -32769, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53 - 1, -(2 ** 53) + 1),
  fc.double().filter((d) => !Object.is(d, -0)),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }),
  fc.boolean(),
  fc.constant(null),
  fc.uint8Array({ maxLength: 300, size: "max" }),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    leaf,
    fc.array(tie("v"), { maxLength: 20 }),
    // undefined only as a map value: left out of the map, as the library leaves it (refused elsewhere).
    fc.dictionary(
      text(12).filter((k) => !isForbiddenKey(k)), // refused (see below)
      fc.oneof(tie("v"), fc.constant(undefined)),
      { maxKeys: 20 },
    ),
  ),
})).v;

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** The issue the writer throws (the codec makes it a SafewireError). */
function catchError(fn: () => unknown): SafewireIssue {
  try {
    fn();
  } catch (err) {
    if (err instanceof IssueSignal) return err.issue;
    throw err;
  }
  throw new Error("expected a refusal");
}

// Memory with a past, as the unzeroed allocation may hand out: none of it may show in an output.
const dirty = (size: number) => {
  const b = freshBuffer(size);
  new Uint8Array(b).fill(0xaa);
  return b;
};

describe("msgpackWriter", () => {
  test.prop([value], { numRuns: 1000 })("writes what @msgpack/msgpack writes", (v) => {
    const out = msgpackWriter(LIMITS)(v);
    expect(same(out, newEncoder().encode(v))).toBe(true);
  });

  const big = (fill: number) => ({
    name: "weights",
    shape: [2, MEASURE_OUTPUT_BYTES],
    data: new Uint8Array(MEASURE_OUTPUT_BYTES * 2).fill(fill), // last: the output ends with its bytes
  });

  test.prop([fc.array(fc.oneof(value, fc.integer({ min: 1, max: 250 }).map(big)), { maxLength: 8 })], {
    numRuns: 60,
  })("writes the same on the measured path, and no output is changed by a later one", (values) => {
    const write = msgpackWriter(LIMITS, dirty);
    const reference = newEncoder();
    const outs = values.map((v) => {
      const out = write(v);
      expect(same(out, reference.encode(v))).toBe(true);
      return { out, copy: out.slice() };
    });
    for (const { out, copy } of outs) expect(same(out, copy)).toBe(true);
  });

  it("a big output after a big one is measured and written once, into memory of exactly its size", () => {
    const write = msgpackWriter(LIMITS, dirty);
    const first = write(big(1)); // the scratch runs out: measured
    const second = write(big(2)); // judged big from the first: measured straight away
    const small = write({ a: 1 }); // judged big, but exact all the same
    const third = write(big(3));
    for (const out of [first, second, third]) {
      expect(out.byteOffset).toBe(0);
      expect(out.buffer.byteLength).toBe(out.length); // nothing past the output to show
    }
    expect(second.buffer).not.toBe(third.buffer);
    expect([first.at(-1), second.at(-1), third.at(-1)]).toEqual([1, 2, 3]);
    expect(Array.from(small)).toEqual(Array.from(newEncoder().encode({ a: 1 })));
    // Small outputs own their memory too (a copy out of the scratch).
    const a = write({ a: 1 });
    const b = write({ b: 2 });
    expect(a.buffer).not.toBe(b.buffer);
    expect(a.buffer.byteLength).toBe(a.length);
  });

  it("writes -0 as a float 64 (the library writes the integer 0, losing the sign)", () => {
    expect(Array.from(msgpackWriter(LIMITS)(-0))).toEqual([0xcb, 0x80, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(newEncoder().encode(-0))).toEqual([0]);
  });

  it("refuses undefined outside a map: the library writes nil, which would arrive as null", () => {
    const write = msgpackWriter(LIMITS);
    expect(Array.from(newEncoder().encode([1, undefined]))).toEqual([0x92, 1, 0xc0]);
    for (const [v, path] of [
      [undefined, []],
      [[1, undefined], [1]],
      [{ a: [{ b: [undefined] }] }, ["a", 0, "b", 0]],
      // biome-ignore lint/suspicious/noSparseArray: a hole reads as undefined
      [[1, , 3], [1]],
    ] as const) {
      const err = catchError(() => write(v));
      expect(err).toMatchObject({ code: "schema_violation", path });
      expect(err.message).toContain("undefined has no msgpack form outside a map");
    }
    expect(Array.from(write({ a: undefined, b: 1 }))).toEqual(Array.from(newEncoder().encode({ b: 1 })));
  });

  it("refuses a forbidden map key, even one a getter hands over after the codec's checks", () => {
    const write = msgpackWriter(LIMITS);
    for (const key of ["__proto__", "constructor", "prototype"]) {
      const err = catchError(() => write({ ok: { a: 1, ...JSON.parse(`{"${key}": 2}`) } }));
      expect(err).toMatchObject({ code: "schema_violation", path: ["ok", key] });
      expect(err.message).toContain(`map key "${key}" is not allowed (prototype pollution)`);
    }
    // The codec checks the value, then the writer reads the getter again: the second answer is refused.
    let reads = 0;
    const codec = msgpackCodec({ schema: z.object({ m: z.record(z.string(), z.number()) }) });
    const value = {
      get m() {
        return reads++ === 0 ? { a: 1 } : JSON.parse('{"__proto__": 1}');
      },
    };
    const result = codec.safeEncode(value as never);
    expect(reads).toBeGreaterThan(1); // the check read it, then the writer
    expect(result).toMatchObject({
      ok: false,
      error: { code: "schema_violation", path: ["m", "__proto__"] },
    });
  });

  it("an encode from inside an encode (a getter) gets a scratch of its own", () => {
    const write = msgpackWriter(LIMITS);
    const inner = { x: "inner" };
    let nested: Uint8Array | undefined;
    const outer = {
      get a() {
        nested = write(inner);
        return "outer";
      },
    };
    const out = write(outer);
    expect(same(out, newEncoder().encode({ a: "outer" }))).toBe(true);
    expect(same(nested as Uint8Array, newEncoder().encode(inner))).toBe(true);
  });

  it("refuses a container nested past maxDepth itself, before any scan of its output", () => {
    const nest = (d: number): unknown => (d === 1 ? [] : [nest(d - 1)]);
    const write = msgpackWriter({ ...LIMITS, maxDepth: 3 });
    expect(Array.from(write(nest(3)))).toEqual([0x91, 0x91, 0x90]);
    const err = catchError(() => write(nest(4)));
    expect(err).toMatchObject({
      code: "limit_exceeded",
      limit: "maxDepth",
      actual: 4,
      max: 3,
      path: [0, 0, 0],
    });
    // Through the codec: the writer's refusal names no byte (a scan of written bytes would).
    const r = msgpackCodec({ schema: z.unknown(), limits: { maxDepth: 3 } }).safeEncode(nest(4));
    expect(r).toMatchObject({
      ok: false,
      error: { code: "limit_exceeded", limit: "maxDepth", path: [0, 0, 0] },
    });
    if (!r.ok) expect(r.error.offset).toBeUndefined();
  });

  it("refuses a map whose entry a getter drops between the count and the write", () => {
    let reads = 0;
    // Counted as present (2), then gone: the header would promise an entry that is not there.
    const v = {
      a: 1,
      get b() {
        return reads++ === 0 ? 2 : undefined;
      },
    };
    const err = catchError(() => msgpackWriter(LIMITS)(v));
    expect(reads).toBe(2);
    expect(err).toMatchObject({ code: "schema_violation", path: [] });
    expect(err.message).toContain("the value changed while it was encoded");
  });

  it("refuses a big value that a getter shrinks between the measuring and the writing", () => {
    let reads = 0;
    // Big for the scratch (counted, written: out of room) and the measuring, then "y": the measured
    // output would end in bytes never written.
    const v = {
      get s() {
        return ++reads <= 3 ? "x".repeat(100_000) : "y";
      },
    };
    const err = catchError(() => msgpackWriter(LIMITS, dirty)(v));
    expect(reads).toBeGreaterThan(3);
    expect(err).toMatchObject({ code: "schema_violation", path: [] });
    expect(err.message).toContain("the value changed while it was encoded");
  });
});

// The boundaries between header forms, pinned byte for byte: the property test above rarely reaches
// exactly 32 ASCII characters, 16 entries or 65,536 bytes.
describe("msgpackWriter: header forms at their boundaries", () => {
  const head = (out: Uint8Array, n: number) => Array.from(out.subarray(0, n));
  const BIG = { maxStringBytes: 1 << 20, maxArrayLength: 1 << 20, maxMapEntries: 1 << 20, maxBytes: 1 << 24 };

  it("a 32-character ASCII string is a str8, 31 is a fixstr, 255 a str8 and 256 a str16", () => {
    const codec = msgpackCodec({ schema: z.object({ s: z.string(), n: z.number() }) });
    // {s: ..., n: 1}: 82 a1 73, then the string's header.
    for (const [len, header] of [
      [31, [0xbf]],
      [32, [0xd9, 32]],
      [255, [0xd9, 0xff]],
      [256, [0xda, 0x01, 0x00]],
    ] as const) {
      const v = { s: "a".repeat(len), n: 1 };
      const out = codec.encode(v);
      expect(head(out, 3 + header.length), String(len)).toEqual([0x82, 0xa1, 0x73, ...header]);
      expect(out[3 + header.length]).toBe(0x61);
      expect(codec.decode(out)).toEqual(v);
    }
  });

  it("U+0080 is two bytes of UTF-8 (c2 80) and U+007F one: the ASCII fast path stops at 0x80", () => {
    const write = msgpackWriter(LIMITS);
    expect(Array.from(write("\u0080"))).toEqual([0xa2, 0xc2, 0x80]);
    expect(Array.from(write("a\u0080"))).toEqual([0xa3, 0x61, 0xc2, 0x80]);
    expect(Array.from(write("\u007f"))).toEqual([0xa1, 0x7f]);
    const codec = msgpackCodec({ schema: z.object({ s: z.string(), n: z.number() }) });
    expect(codec.decode(codec.encode({ s: "\u0080", n: 1 }))).toEqual({ s: "\u0080", n: 1 });
  });

  it("15 elements or keys are a fixarray / fixmap, 16 an array16 / map16", () => {
    const write = msgpackWriter(LIMITS);
    const list = (n: number) => Array.from({ length: n }, (_, i) => i);
    const map = (n: number) => Object.fromEntries(list(n).map((i) => [`k${i}`, i]));
    expect(head(write(list(15)), 1)).toEqual([0x9f]);
    expect(head(write(list(16)), 3)).toEqual([0xdc, 0x00, 0x10]);
    expect(head(write(map(15)), 1)).toEqual([0x8f]);
    expect(head(write(map(16)), 3)).toEqual([0xde, 0x00, 0x10]);
    const codec = msgpackCodec({
      schema: z.object({ list: z.array(z.number()), map: z.record(z.string(), z.number()) }),
    });
    const v = { list: list(16), map: map(16) };
    expect(codec.decode(codec.encode(v))).toEqual(v);
  });

  it("a string or binary of 65,535 bytes has a 16-bit length, one of 65,536 a 32-bit one", () => {
    const codec = msgpackCodec({ schema: z.union([z.string(), z.instanceof(Uint8Array)]), limits: BIG });
    for (const [v, header] of [
      ["a".repeat(0xffff), [0xda, 0xff, 0xff]],
      ["a".repeat(0x10000), [0xdb, 0x00, 0x01, 0x00, 0x00]],
      [new Uint8Array(0xffff).fill(7), [0xc5, 0xff, 0xff]],
      [new Uint8Array(0x10000).fill(7), [0xc6, 0x00, 0x01, 0x00, 0x00]],
    ] as const) {
      const out = codec.encode(v);
      expect(head(out, header.length)).toEqual(header);
      expect(out.length).toBe(header.length + v.length);
      const back = codec.decode(out);
      // Compared whole, not by toEqual (slow on 64 KiB).
      expect(typeof v === "string" ? back === v : same(back as Uint8Array, v)).toBe(true);
    }
  });

  it("an array or map of 65,535 entries has a 16-bit count, one of 65,536 a 32-bit one", () => {
    const codec = msgpackCodec({ schema: z.unknown(), limits: BIG });
    const list = (n: number) => new Array<number>(n).fill(0);
    const map = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 0]));
    for (const [v, header] of [
      [list(0xffff), [0xdc, 0xff, 0xff]],
      [list(0x10000), [0xdd, 0x00, 0x01, 0x00, 0x00]],
      [map(0x10000), [0xdf, 0x00, 0x01, 0x00, 0x00]],
    ] as const) {
      const out = codec.encode(v);
      expect(head(out, header.length)).toEqual(header);
      expect(same(out, newEncoder().encode(v))).toBe(true);
    }
  });

  it("a small binary after a big output is measured with its 8-bit length header", () => {
    // The big output makes the next one measured first: its size must match what is written.
    const codec = msgpackCodec({ schema: z.instanceof(Uint8Array), limits: BIG });
    expect(codec.encode(new Uint8Array(70_000)).length).toBe(70_005);
    for (const n of [32, 255]) {
      const out = codec.encode(new Uint8Array(n).fill(1));
      expect(head(out, 2)).toEqual([0xc4, n]);
      expect(out.length).toBe(2 + n);
    }
  });
});
