// msgpack's integer widths are the writer's choice: a 64-bit form (uint 64 0xcf, int 64 0xd3) of a value a
// double holds exactly is that number where the schema takes a number, and stays a bigint elsewhere; one
// no double holds is refused, never rounded. msgpack-python writes 2**40 as uint 64 wherever it goes.
import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { msgpackCodec } from "../src/formats/msgpack/index.js";
import { float32, float64, int32, int64, isSafewireError, uint32 } from "../src/index.js";
import { codec as roboticsCodec } from "../src/robotics/index.js";
import { expectRefusedLikeDecode } from "./helpers/bounded.js";

/** uint 64 (0xcf) or int 64 (0xd3) bytes of `n`. */
function int64Form(n: bigint): number[] {
  const b = new DataView(new ArrayBuffer(8));
  b.setBigUint64(0, BigInt.asUintN(64, n));
  return [n < 0n ? 0xd3 : 0xcf, ...new Uint8Array(b.buffer)];
}
const key = (k: string) => [0xa0 | k.length, ...new TextEncoder().encode(k)];
/** A map of one key to the given value bytes. */
const one = (k: string, value: number[]) => Uint8Array.from([0x81, ...key(k), ...value]);

describe("a 64-bit integer form where a number goes", () => {
  const numberSchemas = {
    "z.number()": z.number(),
    "float64()": float64(),
    "float32()": float32(),
    "int32()": int32(),
    "uint32()": uint32(),
    "z.number().int().min(0)": z.number().int().min(0),
    "z.number().optional()": z.number().optional(),
    "z.number().default(1)": z.number().default(1),
    "z.number().nullable()": z.number().nullable(),
    // A catch replaces what its schema refuses: a 64-bit form is the writer's choice, not a bad value.
    "z.number().catch(-1)": z.number().catch(-1),
  };
  for (const [name, schema] of Object.entries(numberSchemas)) {
    test(`${name}: 5 and -5 in 64-bit forms decode as numbers`, () => {
      const c = msgpackCodec({ schema: z.object({ x: schema }) });
      expect(c.decode(one("x", int64Form(5n)))).toEqual({ x: 5 });
      if (!name.includes("uint") && !name.includes("min(0)"))
        expect(c.decode(one("x", int64Form(-5n)))).toEqual({ x: -5 });
    });
  }

  test("exact past 2^53 passes as the number; anything a double cannot hold exactly is refused, with its path", () => {
    const c = msgpackCodec({ schema: z.object({ x: float64() }) });
    expect(c.decode(one("x", int64Form(2n ** 53n)))).toEqual({ x: 2 ** 53 });
    expect(c.decode(one("x", int64Form(2n ** 60n)))).toEqual({ x: 2 ** 60 });
    expect(c.decode(one("x", int64Form(-(2n ** 63n))))).toEqual({ x: -(2 ** 63) });
    for (const n of [2n ** 53n + 1n, 2n ** 64n - 1n, -(2n ** 53n) - 1n]) {
      const r = c.safeDecode(one("x", int64Form(n)));
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe("schema_violation");
      expect(r.error.path).toEqual(["x"]);
      expect(r.error.message).toContain(`integer ${n} where a number goes has no exact double`);
    }
    // The codec still works afterwards.
    expect(c.decode(c.encode({ x: 1.5 }))).toEqual({ x: 1.5 });
  });

  test("a catch still replaces what its schema refuses, and a catch around an object retypes inside it", () => {
    const c = msgpackCodec({ schema: z.object({ x: z.number().catch(-1) }) });
    expect(c.decode(one("x", [0xa1, 0x61]))).toEqual({ x: -1 }); // "a"
    expect(c.decode(one("x", int64Form(2n ** 40n)))).toEqual({ x: 2 ** 40 });
    const outer = msgpackCodec({ schema: z.object({ x: z.number() }).catch({ x: -1 }) });
    expect(outer.decode(one("x", int64Form(2n ** 40n)))).toEqual({ x: 2 ** 40 });
    expect(outer.decode(one("x", [0xc3]))).toEqual({ x: -1 }); // true
  });

  test("a number schema's own checks still apply to the number", () => {
    const c = msgpackCodec({ schema: z.object({ x: int32() }) });
    const r = c.safeDecode(one("x", int64Form(2n ** 40n)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("schema_violation");
  });

  test("bigint, int64() and untyped fields keep the bigint (what safewire's writer makes of one)", () => {
    for (const schema of [z.bigint(), int64(), z.unknown(), z.union([z.number(), z.bigint()])]) {
      const c = msgpackCodec({ schema: z.object({ x: schema }) });
      expect(c.decode(one("x", int64Form(5n)))).toEqual({ x: 5n });
      expect(c.decode(c.encode({ x: 5n }))).toEqual({ x: 5n });
    }
  });

  test("a bigint field keeps its bigint while a number beside it is retyped (only number schemas take one)", () => {
    // b's 64-bit form makes the schema refuse the value as read, so every field is walked, a included.
    const bytes = Uint8Array.from([0x82, ...key("a"), ...int64Form(5n), ...key("b"), ...int64Form(5n)]);
    for (const a of [z.bigint(), z.custom<bigint>((v) => typeof v === "bigint")]) {
      const c = msgpackCodec({ schema: z.object({ a, b: z.number() }) });
      expect(c.decode(bytes)).toEqual({ a: 5n, b: 5 });
    }
  });

  test("inside arrays, records and nested objects, at every place", () => {
    const schema = z.object({
      list: z.array(z.number()),
      named: z.record(z.string(), z.object({ v: float64(), n: int64() })),
    });
    const c = msgpackCodec({ schema });
    const bytes = Uint8Array.from([
      0x82,
      ...key("list"),
      0x93,
      ...int64Form(1n),
      0x02,
      ...int64Form(-(2n ** 40n)),
      ...key("named"),
      0x81,
      ...key("a"),
      0x82,
      ...key("v"),
      ...int64Form(7n),
      ...key("n"),
      ...int64Form(7n),
    ]);
    expect(c.decode(bytes)).toEqual({ list: [1, 2, -(2 ** 40)], named: { a: { v: 7, n: 7n } } });
  });

  test("a top-level number", () => {
    const c = msgpackCodec({ schema: z.number() });
    expect(c.decode(Uint8Array.from(int64Form(9n)))).toBe(9);
  });

  test("hostile: 30k 64-bit forms ending in one no double holds are refused within the budgets", () => {
    const c = msgpackCodec({ schema: z.array(z.number()), limits: { maxArrayLength: 50_000 } });
    const n = 30_000;
    const forms = (last: bigint) => {
      const bytes = new Uint8Array(5 + 9 * n);
      bytes.set([0xdd, 0, 0, 0x75, 0x30]); // array 32 of 30,000
      for (let i = 0; i < n; i++) bytes.set(int64Form(i === n - 1 ? last : BigInt(i)), 5 + 9 * i);
      return bytes;
    };
    const [bad, good] = [forms(2n ** 53n + 1n), forms(2n ** 53n)];
    expect(c.decode(good)[n - 1]).toBe(2 ** 53); // the same walk, every form retyped
    const err = expectRefusedLikeDecode(
      () => c.decode(bad),
      () => c.decode(good),
    );
    expect(err.path).toEqual([n - 1]);
  });
});

// Debian's interpreter, not the first python3 on PATH (which may lack the Debian packages).
const PYTHON = process.env.SAFEWIRE_PYTHON ?? "/usr/bin/python3";
const probe = spawnSync(PYTHON, ["-c", "import msgpack"], { encoding: "utf8" });
const missing = probe.status === 0 ? undefined : `${PYTHON} with python3-msgpack is missing`;
const inCI = process.env.CI === "true";

describe("msgpack-python's integers in double fields", () => {
  if (missing !== undefined && !inCI) {
    test.skip(`skipped: ${missing} (apt-get install python3-msgpack)`, () => {});
    return;
  }
  test("InteractionStats with 2**40 and 2**60 in its double fields decodes them exactly", () => {
    expect(missing, "CI installs the Python peers").toBeUndefined();
    const script = [
      "import msgpack, sys",
      "v = {'episodic_reward': 2**40, 'interaction_step': 3, 'intervention_rate': 0,",
      "     'episode_interventions': 2, 'extra': {'t_ms': 1764300000000, 'big': 2**60, 'odd': 2**53 + 1}}",
      "sys.stdout.buffer.write(msgpack.packb(v))",
    ].join("\n");
    const r = spawnSync(PYTHON, ["-c", script]);
    expect(r.status, String(r.stderr)).toBe(0);
    const bytes = new Uint8Array(r.stdout);
    const c = roboticsCodec("InteractionStats", "msgpack");
    const res = c.safeDecode(bytes);
    // 2**53 + 1 has no double: refused at its path, after the others were made numbers.
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(isSafewireError(res.error)).toBe(true);
      expect(res.error.path).toEqual(["extra", "odd"]);
    }
    const fixed = spawnSync(PYTHON, ["-c", script.replace(", 'odd': 2**53 + 1", "")]);
    expect(c.decode(new Uint8Array(fixed.stdout))).toEqual({
      episodic_reward: 2 ** 40,
      interaction_step: 3n,
      intervention_rate: 0,
      episode_interventions: 2,
      extra: { t_ms: 1764300000000, big: 2 ** 60 },
    });
  });
});

describe("the retyping walk's reach and guards", () => {
  test("it reaches a number in the deepest container maxDepth allows", () => {
    // {o: {x: uint 64 5}}: two levels, maxDepth 2. The walk must not stop one level short.
    const c = msgpackCodec({ schema: z.object({ o: z.object({ x: z.number() }) }), limits: { maxDepth: 2 } });
    const bytes = Uint8Array.from([0x81, ...key("o"), ...one("x", int64Form(5n))]);
    expect(c.decode(bytes)).toEqual({ o: { x: 5 } });
  });

  test("a refusal names its own path, inside a container and after one", () => {
    const c = msgpackCodec({ schema: z.object({ o: z.object({ x: z.number() }), y: z.number() }) });
    const odd = int64Form(2n ** 53n + 1n);
    const cases: [number[], number[], PropertyKey[]][] = [
      [odd, int64Form(1n), ["o", "x"]],
      [int64Form(1n), odd, ["y"]], // the walk has come back out of o
    ];
    for (const [x, y, path] of cases) {
      const bytes = Uint8Array.from([0x82, ...key("o"), ...one("x", x), ...key("y"), ...y]);
      const r = c.safeDecode(bytes);
      expect(r.ok ? "ok" : [r.error.code, r.error.path]).toEqual(["schema_violation", path]);
    }
  });

  test("every entry of a record and every field of an object is retyped, not only the first changed", () => {
    const c = msgpackCodec({ schema: z.record(z.string(), z.object({ v: z.number(), w: z.number() })) });
    const entry = (k: string) => [
      ...key(k),
      0x82,
      ...key("v"),
      ...int64Form(1n),
      ...key("w"),
      ...int64Form(2n),
    ];
    const bytes = Uint8Array.from([0x82, ...entry("a"), ...entry("b")]);
    expect(c.decode(bytes)).toEqual({ a: { v: 1, w: 2 }, b: { v: 1, w: 2 } });
  });

  test("a preprocess (a transform it cannot see through) gets the bigint as read, and decides", () => {
    const toNumber = (v: unknown) => (typeof v === "bigint" ? Number(v) : v);
    const c = msgpackCodec({ schema: z.object({ a: z.preprocess(toNumber, z.number()), b: z.number() }) });
    const bytes = Uint8Array.from([0x82, ...key("a"), ...int64Form(5n), ...key("b"), ...int64Form(6n)]);
    expect(c.decode(bytes)).toEqual({ a: 5, b: 6 });
    // One it refuses: zod's refusal at its path, not an error of the walk's own.
    const only = msgpackCodec({ schema: z.object({ a: z.preprocess((v) => v, z.number()), b: z.number() }) });
    const r = only.safeDecode(bytes);
    expect(r.ok ? "ok" : [r.error.code, r.error.path]).toEqual(["schema_violation", ["a"]]);
  });

  test("a map where an array goes is refused as that, not walked as one, whatever its length key says", () => {
    // {length: 1, "0": uint 64 2^53 + 1}; walked as an array it would be refused at [0], and a length
    // key of 2^32 - 1 would be walked 4 billion times.
    const c = msgpackCodec({ schema: z.array(z.number()) });
    for (const length of [[0x01], [0xce, 0xff, 0xff, 0xff, 0xff]]) {
      const bytes = Uint8Array.from([
        0x82,
        ...key("length"),
        ...length,
        ...key("0"),
        ...int64Form(2n ** 53n + 1n),
      ]);
      const r = c.safeDecode(bytes);
      expect(r.ok ? "ok" : [r.error.code, r.error.path]).toEqual(["schema_violation", []]);
      if (!r.ok) expect(r.error.message).not.toContain("no exact double");
    }
  });

  test("an array where an object or a record goes is refused as that, not walked as one", () => {
    // [uint 64 2^53 + 1]: walked as an object it would be refused at ["0"] for having no exact double.
    const bytes = Uint8Array.from([0x91, ...int64Form(2n ** 53n + 1n)]);
    for (const schema of [z.object({ 0: z.number() }), z.record(z.string(), z.number())]) {
      const r = msgpackCodec({ schema }).safeDecode(bytes);
      expect(r.ok ? "ok" : [r.error.code, r.error.path]).toEqual(["schema_violation", []]);
      if (!r.ok) expect(r.error.message).not.toContain("no exact double");
    }
  });
});
