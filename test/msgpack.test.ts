import { encode as rawEncode } from "@msgpack/msgpack";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { msgpackCodec } from "../src/formats/msgpack/index.js";
import { bytes, float32, float64, int64, isSafewireError, uint64 } from "../src/index.js";
import { hex } from "./helpers/bounded.js";

const Rich = z.object({
  id: int64(),
  big: uint64(),
  ratio: float64(),
  f32: float32(),
  ok: z.boolean(),
  name: z.string(),
  blob: bytes(),
  list: z.array(float64()),
  tags: z.record(z.string(), z.string()),
  nested: z.object({ depth: z.number().int(), note: z.string().optional() }),
  maybe: z.string().nullable(),
});
type Rich = z.infer<typeof Rich>;

const codec = msgpackCodec({ schema: Rich, name: "Rich" });

function sample(): Rich {
  return {
    id: -(2n ** 63n),
    big: 2n ** 64n - 1n,
    ratio: -0,
    f32: Math.fround(0.1),
    ok: true,
    name: "Grüße, 世界 🤖",
    blob: new Uint8Array([0, 1, 2, 254, 255]),
    list: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1.5, 2 ** 53],
    tags: {},
    nested: { depth: 3 },
    maybe: null,
  };
}

describe("msgpack codec", () => {
  it("round-trips every kind of value exactly", () => {
    const v = sample();
    const out = codec.decode(codec.encode(v));
    expect(out).toEqual(v);
    expect(Object.is(out.ratio, -0)).toBe(true);
    expect(Object.is(out.list[3], -0)).toBe(true);
    expect(out.id).toBe(-(2n ** 63n));
    expect(out.big).toBe(2n ** 64n - 1n);
  });

  it("decodes uint64 2^53+1 as an exact bigint", () => {
    const c = msgpackCodec({ schema: int64() });
    expect(c.decode(hex("cf 00 20 00 00 00 00 00 01"))).toBe(9007199254740993n);
  });

  it("widens small integers from peers into bigint for int64 fields", () => {
    const c = msgpackCodec({ schema: z.object({ t: int64() }) });
    expect(c.decode(rawEncode({ t: 42 }))).toEqual({ t: 42n });
  });

  it("widens only safe integers: a number past 2^53 for an int64 field is refused, not guessed at", () => {
    const c = msgpackCodec({ schema: z.object({ n: int64() }) });
    expect(c.decode(c.encode({ n: 2 ** 53 - 1 } as never))).toEqual({ n: 2n ** 53n - 1n });
    const r = c.safeEncode({ n: 2 ** 60 } as never);
    expect(r).toMatchObject({ ok: false, error: { code: "schema_violation", path: ["n"] } });
  });

  it("gives binaries as plain Uint8Array views into the input, even from a Buffer", () => {
    const v = sample();
    const wire = Buffer.from(codec.encode(v));
    const out = codec.decode(wire);
    expect(Object.getPrototypeOf(out.blob)).toBe(Uint8Array.prototype);
    expect(out.blob.buffer).toBe(wire.buffer);
  });

  it("gives plain objects with Object.prototype", () => {
    const out = codec.decode(codec.encode(sample()));
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(out.tags)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(out.nested)).toBe(Object.prototype);
  });

  it("refuses a float32 field value that float32 cannot hold, on encode, with its path", () => {
    const r = codec.safeEncode({ ...sample(), f32: 0.1 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("schema_violation");
      expect(r.error.direction).toBe("encode");
      expect(r.error.path).toEqual(["f32"]);
    }
  });

  it("reports a well-formed but schema-invalid message as schema_violation with the path", () => {
    const wire = rawEncode({ ...sample(), nested: { depth: "three" } }, { useBigInt64: true });
    const r = codec.safeDecode(wire);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("schema_violation");
      expect(r.error.path).toEqual(["nested", "depth"]);
      expect(r.error.message).toMatch(/nested\.depth/);
    }
  });

  it("refuses duplicate map keys instead of silently keeping the last", () => {
    const c = msgpackCodec({ schema: z.record(z.string(), z.number()) });
    const r = c.safeDecode(hex("82 a1 61 01 a1 61 02"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("schema_violation");
  });

  it("refuses duplicate keys in large maps too (past the byte-compare size)", () => {
    const c = msgpackCodec({ schema: z.record(z.string(), z.number()) });
    const entries = Array.from({ length: 20 }, (_, i) => [`k${i}`, i] as const);
    const ok = rawEncode(Object.fromEntries(entries));
    expect(Object.keys(c.decode(ok))).toHaveLength(20);
    // Rename the last key "k19" to "k18": same length, so only the key bytes change.
    const dup = ok.slice();
    const at = Buffer.from(dup).lastIndexOf(Buffer.from("k19"));
    dup[at + 2] = 0x38;
    const r = c.safeDecode(dup);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/duplicate map key "k18"/);
  });

  it("refuses a repeated key at the byte-compare size and next to it, in both decode paths", () => {
    // The prescan compares keys byte by byte up to 16 entries and switches to a Set above: each side of
    // the switch (15, 16, 17 entries) with the repeat two keys apart, not next to the key it repeats.
    const c = msgpackCodec({ schema: z.record(z.string(), z.union([z.number(), bytes()])) });
    const build = (n: number, repeat: boolean, padded: boolean): Uint8Array => {
      const keys = Array.from({ length: n }, (_, i) => `k${i}`);
      if (repeat) keys[2] = "k0";
      const out = [...(n < 16 ? [0x80 | n] : [0xde, 0, n])];
      keys.forEach((k, i) => {
        out.push(0xa0 | k.length, ...Buffer.from(k));
        if (padded && i === n - 1)
          out.push(0xc6, 0, 0, 0x4e, 0x20, ...new Uint8Array(20_000)); // past 16 KiB
        else out.push(i);
      });
      return Uint8Array.from(out);
    };
    for (const n of [15, 16, 17])
      for (const padded of [false, true]) {
        expect(Object.keys(c.decode(build(n, false, padded)))).toHaveLength(n);
        const r = c.safeDecode(build(n, true, padded));
        expect(r.ok, `${n} entries, padded ${padded}`).toBe(false);
        if (!r.ok) expect(r.error.message).toMatch(/duplicate map key "k0"/);
      }
  });

  it("names the full path through maps and arrays when a nested value fails", () => {
    const c = msgpackCodec({ schema: z.unknown() });
    // {"a": {"b": 1, "c": [0, {"d": <string with c3 28>}]}}
    const wire = hex("81 a1 61 82 a1 62 01 a1 63 92 00 81 a1 64 a2 c3 28");
    const r = c.safeDecode(wire);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("malformed");
      expect(r.error.path).toEqual(["a", "c", 1, "d"]);
    }
  });

  it("refuses non-string map keys", () => {
    const c = msgpackCodec({ schema: z.record(z.string(), z.number()) });
    const r = c.safeDecode(hex("81 01 02"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("schema_violation");
  });

  it("a lone surrogate (no UTF-8 form) is schema_violation on encode, never sent as U+FFFD", () => {
    const lone = "ab\uD800c";
    // Short strings: the library would write invalid UTF-8; long ones go through TextEncoder, which
    // replaced the surrogate with U+FFFD and sent it silently before this was refused.
    const cases: [Partial<Rich>, PropertyKey[], string][] = [
      [{ name: lone }, ["name"], "string"],
      [{ name: `${"x".repeat(300)}${lone}` }, ["name"], "string"],
      [{ tags: { ok: "fine", k: lone } }, ["tags", "k"], "string"],
      [{ tags: { [lone]: "v" } }, ["tags", lone], "map key"],
      [{ maybe: "\uDC00".repeat(100) }, ["maybe"], "string"],
    ];
    for (const [partial, path, what] of cases) {
      const r = codec.safeEncode({ ...sample(), ...partial });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe("schema_violation");
        expect(r.error.path).toEqual(path);
        expect(r.error.message).toContain(`${what} contains a lone surrogate`);
      }
    }
    // The encoder still works, and a well-formed pair is fine.
    expect(codec.decode(codec.encode({ ...sample(), name: "\uD83E\uDD16" })).name).toBe("🤖");
  });

  it("safe twins never throw, even on non-bytes input", () => {
    const r = codec.safeDecode("not bytes" as unknown as Uint8Array);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(isSafewireError(r.error)).toBe(true);
    const e = codec.safeEncode({ nope: 1 } as unknown as Rich);
    expect(e.ok).toBe(false);
  });

  it("exposes format, name and frozen limits", () => {
    expect(codec.format).toBe("msgpack");
    expect(codec.name).toBe("Rich");
    expect(Object.isFrozen(codec.limits)).toBe(true);
  });
});

describe("msgpack depth fences agree", () => {
  it("a value exactly maxDepth containers deep decodes and encodes again (fuzz finding)", () => {
    const c = msgpackCodec({ schema: z.unknown(), limits: { maxDepth: 3 } });
    const v = c.decode(hex("91 91 91 01"));
    expect(v).toEqual([[[1]]]);
    expect(c.decode(c.encode(v))).toEqual([[[1]]]);
    expect(c.safeDecode(hex("91 91 91 91 01")).ok).toBe(false);
  });
});
