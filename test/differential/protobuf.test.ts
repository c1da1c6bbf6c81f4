// Differential: safewire's Protobuf decode against protobufjs' own (reflection), on the same bytes.
// - valid encodings (written by protobufjs from random messages of a type with every field kind):
//   safewire decodes exactly protobufjs' message, normalised to safewire's plain mapping;
// - random and mutated bytes: where protobufjs throws, safewire throws a SafewireError with a code
//   (never the raw error); where safewire decodes, protobufjs decodes the same message.
// Golden vectors against the Python reference (python3-protobuf): test/robotics/vectors.test.ts.
// DIFF_RUNS=20000 npx vitest run test/differential: more random valid messages than the default.
import fc from "fast-check";
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { firstDifference } from "../../fuzz/targets/harness.js";
import { KITCHEN_PROTO } from "../../fuzz/targets/protobuf.js";
import { isSafewireError } from "../../src/errors.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import { FORBIDDEN_KEYS } from "../../src/keys.js";
import { hostile, mutated } from "../../src/testing/index.js";

const Kitchen = protobuf.parse(KITCHEN_PROTO, { keepCase: true }).root.lookupType("safewire.fuzz.Kitchen");
Kitchen.root.resolveAll();
const codec = protobufCodec({ type: Kitchen, schema: z.unknown() });

// ---- protobufjs' message → safewire's plain value, written from the .proto's rules, not safewire's code ----
const SIGNED_64 = new Set(["int64", "sint64", "sfixed64"]);
const UNSIGNED_64 = new Set(["uint64", "fixed64"]);
const hasOwn = (o: object, k: string) => Object.hasOwn(o, k);

function toBigInt(v: unknown, signed: boolean): bigint {
  if (typeof v === "number") return BigInt(v);
  const { low, high } = v as { low: number; high: number };
  const bits = (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
  return signed ? BigInt.asIntN(64, bits) : bits;
}

function mapKey(keyType: string, k: string): string {
  if (SIGNED_64.has(keyType) || UNSIGNED_64.has(keyType)) {
    if (k.length !== 8) return k; // a number key: already decimal
    const bits = protobuf.util.LongBits.fromHash(k);
    return String(toBigInt({ low: bits.lo, high: bits.hi }, SIGNED_64.has(keyType)));
  }
  return k; // strings as they are; numbers and bools were stringified by the object key
}

function scalar(f: protobuf.Field, v: unknown): unknown {
  if (f.resolvedType instanceof protobuf.Type) return message(f.resolvedType, v as Record<string, unknown>);
  if (SIGNED_64.has(f.type)) return toBigInt(v, true);
  if (UNSIGNED_64.has(f.type)) return toBigInt(v, false);
  if (f.type === "bytes") return new Uint8Array(v as Uint8Array);
  return v;
}

function message(type: protobuf.Type, m: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of type.fieldsArray) {
    const own = hasOwn(m, f.name) && m[f.name] !== null && m[f.name] !== undefined;
    if (f.map) {
      const src = (own ? m[f.name] : {}) as Record<string, unknown>;
      const entries = Object.entries(src).map(([k, v]) => [
        mapKey((f as unknown as protobuf.MapField).keyType, k),
        scalar(f, v),
      ]);
      out[f.name] = Object.fromEntries(entries);
    } else if (f.repeated) {
      out[f.name] = own ? (m[f.name] as unknown[]).map((v) => scalar(f, v)) : [];
    } else if (f.resolvedType instanceof protobuf.Type || f.partOf) {
      if (own) out[f.name] = scalar(f, m[f.name]); // fields with presence: only when on the wire
    } else {
      out[f.name] = scalar(f, m[f.name]); // the prototype holds the proto3 default
    }
  }
  return out;
}

const raw = (bytes: Uint8Array) =>
  message(Kitchen, Kitchen.decode(bytes) as unknown as Record<string, unknown>);

// ---- random messages, in protobufjs' fromObject form ----
const i32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const u32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const i64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String);
const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String);
const f32 = fc.float({ noDefaultInfinity: false });
const text = fc.string({ unit: "grapheme", maxLength: 12 });
// safewire refuses these map keys by design (prototype pollution), so valid messages do not use them.
const key = text.filter((k) => !FORBIDDEN_KEYS.has(k));
const blob = fc.uint8Array({ maxLength: 12 });
const color = fc.integer({ min: 0, max: 3 });
const leaf = fc.record({ label: text, n: i32, blob }, { requiredKeys: [] });
const arr = <T>(a: fc.Arbitrary<T>) => fc.array(a, { maxLength: 4 });
const dict = <T>(k: fc.Arbitrary<string>, v: fc.Arbitrary<T>) => fc.dictionary(k, v, { maxKeys: 3 });
const choice = fc.oneof(
  fc.constant({}),
  fc.record({ choice_text: text }),
  fc.record({ choice_leaf: leaf }),
  fc.record({ choice_num: u64 }),
);
const { kitchen } = fc.letrec((tie) => ({
  kitchen: fc
    .tuple(
      fc.record(
        {
          i32,
          i64,
          u32,
          u64,
          s32: i32,
          s64: i64,
          fx32: u32,
          fx64: u64,
          sfx32: i32,
          sfx64: i64,
          f32,
          f64: fc.double(),
          flag: fc.boolean(),
          text,
          blob,
          color,
          packed_i32: arr(i32),
          loose_i32: arr(i32),
          packed_s64: arr(i64),
          packed_f64: arr(fc.double()),
          packed_f32: arr(f32),
          packed_fx64: arr(u64),
          packed_flag: arr(fc.boolean()),
          colors: arr(color),
          names: arr(text),
          blobs: arr(blob),
          leaves: arr(leaf),
          by_name: dict(key, leaf),
          by_i64: dict(i64, text),
          by_u32: dict(u32.map(String), blob),
          by_flag: dict(fc.constantFrom("true", "false"), fc.double()),
          by_s64: dict(i64, color),
          by_fx32: dict(u32.map(String), i64),
          leaf,
          maybe: i64,
          child: fc.option(tie("kitchen"), { depthSize: "small", nil: undefined }),
        },
        { requiredKeys: [] },
      ),
      choice,
    )
    .map(([fields, oneof]) => ({ ...fields, ...oneof })),
}));

describe("protobuf: safewire vs protobufjs", () => {
  it("decodes what protobufjs wrote exactly as protobufjs does", () => {
    fc.assert(
      fc.property(kitchen, (obj) => {
        const bytes = Kitchen.encode(Kitchen.fromObject(obj as Record<string, unknown>)).finish();
        const safe = codec.safeDecode(bytes);
        if (!safe.ok) throw new Error(`refused a valid encoding: ${safe.error.message}`);
        expect(firstDifference(raw(bytes), safe.value)).toBeUndefined();
      }),
      { numRuns: Number(process.env.DIFF_RUNS ?? 300) },
    );
  });

  it("throws a SafewireError with a code wherever protobufjs throws, and agrees wherever it decodes", () => {
    const samples = fc
      .sample(kitchen, { numRuns: 30, seed: 5 })
      .map((obj) => Kitchen.encode(Kitchen.fromObject(obj as Record<string, unknown>)).finish());
    const attacks = hostile.protobuf.all().map((h) => h.bytes);
    let rawThrew = 0;
    let bothDecoded = 0;
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 64 }), mutated(samples), fc.constantFrom(...attacks)),
        (bytes) => {
          let expected: { ok: true; value: unknown } | { ok: false; error: unknown };
          try {
            expected = { ok: true, value: raw(bytes) };
          } catch (error) {
            expected = { ok: false, error };
          }
          const safe = codec.safeDecode(bytes);
          if (!expected.ok) {
            rawThrew++;
            expect(safe.ok).toBe(false);
            if (!safe.ok) {
              expect(isSafewireError(safe.error)).toBe(true);
              expect(safe.error.code).toMatch(/^(malformed|limit_exceeded|schema_violation|unsafe_payload)$/);
              expect(safe.error).not.toBe(expected.error);
            }
          } else if (safe.ok) {
            bothDecoded++;
            expect(firstDifference(expected.value, safe.value)).toBeUndefined();
          } else {
            // Stricter than protobufjs by design (invalid UTF-8, wrong wire types, bad map entries,
            // pickles, limits): still a clean SafewireError.
            expect(isSafewireError(safe.error)).toBe(true);
          }
        },
      ),
      { numRuns: 2000, seed: 13 },
    );
    expect(rawThrew).toBeGreaterThan(100);
    expect(bothDecoded).toBeGreaterThan(50);
  });
});
