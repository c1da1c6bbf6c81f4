// Round trips at the edges the property tests rarely reach: what encode accepts comes back the same (Object.is
// on numbers) in every format, or is refused the same way in every format.
import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { isSafewireError } from "../../src/index.js";
import type { MessageName } from "../../src/robotics/messages.js";
import { int32, int64, uint32, uint64 } from "../../src/schema.js";
import { ROOT } from "../helpers/vectors.js";
import { codec, FORMATS } from "./support.js";

const tensor = (shape: number[]) => ({ dtype: "uint8" as const, shape, data: new Uint8Array(0) });
const mono = (o: Record<string, number>) => ({
  height: 0,
  width: 0,
  encoding: "mono8" as const,
  step: 0,
  data: new Uint8Array(0),
  ...o,
});
const jpeg = {
  height: 0,
  width: 0,
  encoding: "jpeg" as const,
  step: -0,
  data: Uint8Array.of(0xff, 0xd8, 0xff),
};
const observation = (o: Record<string, unknown>) => ({
  timestamp_ns: 0n,
  timestep: 0n,
  task: "",
  must_go: false,
  state: tensor([0]),
  state_names: [],
  images: {},
  extras: {},
  ...o,
});
const stats = (o: Record<string, unknown>) => ({
  episodic_reward: 0,
  interaction_step: 0n,
  intervention_rate: 0,
  episode_interventions: 0,
  extra: {},
  ...o,
});
const setup = (shape: number[]) => ({
  policy_type: "act" as const,
  pretrained_name_or_path: "x",
  features: { a: { dtype: "float32" as const, shape, names: [] } },
  actions_per_chunk: 1,
  device: "cpu" as const,
  rename_map: {},
});
const chunk = (shape: number[]) => ({
  timestamp_ns: 0n,
  timestep: 0n,
  step_ns: 0n,
  actions: { dtype: "float32" as const, shape, data: new Uint8Array(0) },
  action_names: [],
});

/** A value with -0 in an integer field, the path of that field, and the same value with +0 there. */
const NEGATIVE_ZEROS: [string, MessageName, unknown, (string | number)[], unknown][] = [
  ["Tensor shape [-0]", "Tensor", tensor([-0]), ["shape", 0], tensor([0])],
  ["Tensor shape [2, -0]", "Tensor", tensor([2, -0]), ["shape", 1], tensor([2, 0])],
  ["Image height", "Image", mono({ height: -0 }), ["height"], mono({ height: 0 })],
  ["Image width", "Image", mono({ width: -0 }), ["width"], mono({ width: 0 })],
  ["Image step", "Image", mono({ step: -0 }), ["step"], mono({ step: 0 })],
  ["jpeg step", "Image", jpeg, ["step"], { ...jpeg, step: 0 }],
  [
    "Observation image height",
    "Observation",
    observation({ images: { front: mono({ height: -0 }) } }),
    ["images", "front", "height"],
    observation({ images: { front: mono({ height: 0 }) } }),
  ],
  [
    "Observation state shape",
    "Observation",
    observation({ state: tensor([-0]) }),
    ["state", "shape", 0],
    observation({ state: tensor([0]) }),
  ],
  ["ActionChunk columns", "ActionChunk", chunk([1, -0]), ["actions", "shape", 1], chunk([1, 0])],
  ["PolicySetup feature shape", "PolicySetup", setup([-0]), ["features", "a", "shape", 0], setup([0])],
  [
    "InteractionStats episode_interventions",
    "InteractionStats",
    stats({ episode_interventions: -0 }),
    ["episode_interventions"],
    stats({ episode_interventions: 0 }),
  ],
  // int64 fields take a number for a peer's compact integer: -0 must not widen to 0n.
  [
    "InteractionStats interaction_step (int64)",
    "InteractionStats",
    stats({ interaction_step: -0 }),
    ["interaction_step"],
    stats({ interaction_step: 0n }),
  ],
  [
    "ActionChunk step_ns (int64)",
    "ActionChunk",
    { ...chunk([1, 0]), step_ns: -0 },
    ["step_ns"],
    chunk([1, 0]),
  ],
];

describe("-0 in an integer field", () => {
  // protobuf and Avro have no integer -0 (they sent +0), msgpack sent a float64 -0.0 that Python read as a
  // float where an int goes: no format carries it as an integer, so encode refuses it in all three.
  test.each(NEGATIVE_ZEROS)(
    "%s: refused on encode in every format, with the field's path",
    (_, message, value, path) => {
      for (const format of FORMATS) {
        let error: unknown;
        try {
          codec(message, format).encode(value as never);
        } catch (e) {
          error = e;
        }
        expect(isSafewireError(error), `${format}: ${String(error)}`).toBe(true);
        if (!isSafewireError(error)) continue;
        expect(error.code, format).toBe("schema_violation");
        expect(error.direction, format).toBe("encode");
        expect(error.path, format).toEqual(path);
        expect(error.message, format).toMatch(/-0 .*integer/);
      }
    },
  );

  test.each(NEGATIVE_ZEROS)("%s: +0 comes back as +0 in every format", (_, message, __, ___, zero) => {
    for (const format of FORMATS) {
      const c = codec(message, format);
      expect(c.decode(c.encode(zero as never)), format).toEqual(zero);
    }
  });

  test("a msgpack peer's float -0.0 in an integer field is refused on decode too", () => {
    // {"height": -0.0, "width": 0, "encoding": "mono8", "step": 0, "data": b""}, as msgpack-python writes it.
    const bytes = Buffer.from(
      "85a6686569676874cb8000000000000000a5776964746800a8656e636f64696e67a56d6f6e6f38a47374657000a464617461c400",
      "hex",
    );
    const r = codec("Image", "msgpack").safeDecode(new Uint8Array(bytes));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("schema_violation");
      expect(r.error.path).toEqual(["height"]);
    }
  });
});

describe("int32() and uint32() (src/schema.ts) refuse -0 as the robotics dimensions do", () => {
  const schema = z.object({ a: int32(), b: uint32() });
  const c = msgpackCodec({ schema });
  test.each([
    [{ a: -0, b: 0 }, ["a"]],
    [{ a: 0, b: -0 }, ["b"]],
  ])("%o is refused with its path", (value, path) => {
    const r = c.safeEncode(value);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("schema_violation");
      expect(r.error.path).toEqual(path);
    }
  });

  test("int64() and uint64() refuse -0 too (a number there is widened to a bigint, and BigInt(-0) is 0n)", () => {
    const wide = msgpackCodec({ schema: z.object({ a: int64(), b: uint64() }) });
    for (const [value, path] of [
      [{ a: -0, b: 0n }, ["a"]],
      [{ a: 0n, b: -0 }, ["b"]],
    ] as const) {
      const r = wide.safeEncode(value as never);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe("schema_violation");
        expect(r.error.path).toEqual(path);
        expect(r.error.message).toMatch(/-0 .*integer/);
      }
    }
    // A msgpack peer's float -0.0 there: {"a": -0.0, "b": 0}.
    const r = wide.safeDecode(
      Uint8Array.from([0x82, 0xa1, 0x61, 0xcb, 0x80, 0, 0, 0, 0, 0, 0, 0, 0xa1, 0x62, 0]),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.error.path]).toEqual(["schema_violation", ["a"]]);
    expect(wide.decode(wide.encode({ a: 0, b: 0 } as never))).toEqual({ a: 0n, b: 0n });
  });

  test("0 comes back as +0", () => {
    const back = c.decode(c.encode({ a: 0, b: 0 }));
    expect(Object.is(back.a, 0) && Object.is(back.b, 0)).toBe(true);
  });
});

describe("NaN bits in a double field", () => {
  // Quiet NaNs with a sign or a payload (signalling ones the engine may quiet: see the README).
  const PATTERNS = [0xfff8000000000001n, 0x7ff8000000000001n, 0xfff8000000000000n, 0xffffffffffffffffn];
  const hexLE = (bits: bigint) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(bits);
    return b.toString("hex");
  };

  test("protobuf writes them exactly, also on a fresh encoder scratch (the process's first encode, and after a big one)", () => {
    // A fresh process: the protobuf encoder's scratch is new there. Each pattern is encoded after a message
    // big enough to make the encoder drop its scratch, then once more.
    const script = `
      const { codec } = await import("./src/robotics/index.ts");
      const stats = codec("InteractionStats", "protobuf", { allowNonFinite: true });
      const big = codec("Observation", "protobuf");
      const state = { dtype: "uint8", shape: [65536], data: new Uint8Array(65536) };
      const huge = { state, state_names: Array.from({ length: 65536 }, () => "n") };
      const out = [];
      for (const bits of [${PATTERNS.map((p) => `${p}n`).join(", ")}]) {
        const x = new Float64Array(new BigUint64Array([bits]).buffer)[0];
        const value = { episodic_reward: x, interaction_step: 0n, intervention_rate: 0, episode_interventions: 0, extra: {} };
        const hex = () => Buffer.from(stats.encode(value)).toString("hex");
        out.push([hex(), hex()]);
        big.encode(huge);
      }
      console.log(JSON.stringify(out));`;
    const stdout = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
      cwd: ROOT,
    });
    const got = JSON.parse(stdout.trim().split("\n").pop() ?? "[]") as string[][];
    expect(got).toEqual(PATTERNS.map((p) => [`09${hexLE(p)}`, `09${hexLE(p)}`]));
  });

  test.each(PATTERNS)("0x%s comes back with the same bits from every format", (bits) => {
    const x = new Float64Array(new BigUint64Array([bits]).buffer)[0] as number;
    const value = {
      episodic_reward: x,
      interaction_step: 0n,
      intervention_rate: x,
      episode_interventions: 0,
      extra: { a: x },
    };
    for (const format of FORMATS) {
      const c = codec("InteractionStats", format, { allowNonFinite: true });
      const back = c.decode(c.encode(value));
      const got = [back.episodic_reward, back.intervention_rate, back.extra.a as number].map(
        (v) => new BigUint64Array(Float64Array.of(v).buffer)[0],
      );
      expect(got, format).toEqual([bits, bits, bits]);
    }
  });
});
