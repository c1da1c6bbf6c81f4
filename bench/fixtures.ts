/**
 * The benchmark cases: one value per robotics message, the same content in every format and in Python.
 * Deterministic (a fixed-seed PRNG), so every process and every run measures the same bytes.
 */
import type {
  ActionChunk,
  InteractionStats,
  MessageName,
  Messages,
  Observation,
  Parameters,
  PolicySetup,
  Tensor,
} from "../src/robotics/index.js";

export const CASE_NAMES = [
  "ActionChunk",
  "Observation",
  "InteractionStats",
  "Parameters",
  "PolicySetup",
] as const satisfies readonly MessageName[];
export type CaseName = (typeof CASE_NAMES)[number];

export function isCaseName(s: string): s is CaseName {
  return (CASE_NAMES as readonly string[]).includes(s);
}

/** One line per case for the report. */
export const CASE_DESCRIPTIONS: Readonly<Record<CaseName, string>> = {
  ActionChunk: "50×6 float32 actions, 6 names, three int64 times",
  Observation: "6-float state, two 480×640 rgb8 frames (921,600 B each), a task string",
  InteractionStats: "four scalars and a 2-entry map of doubles",
  Parameters: "50 float32 tensors, 10.3 MB in all (25 × 256×400 weights, 25 × 256 biases)",
  PolicySetup: "smolvla setup: 4 features, a rename map, device cuda:0",
};

/** xorshift32: the same stream in every process. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

function float32Tensor(shape: number[], seed: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const next = rng(seed);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = (next() / 2 ** 32) * 2 - 1;
  return { dtype: "float32", shape, data: new Uint8Array(values.buffer) };
}

function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  const words = new Uint32Array(out.buffer, 0, n >>> 2);
  const next = rng(seed);
  for (let i = 0; i < words.length; i++) words[i] = next();
  return out;
}

export const JOINTS = [
  "shoulder_pan.pos",
  "shoulder_lift.pos",
  "elbow_flex.pos",
  "wrist_flex.pos",
  "wrist_roll.pos",
  "gripper.pos",
];

const T0 = 1_767_225_600_000_000_000n; // 2026-01-01T00:00:00Z in ns: past 2^53, as real timestamps are

function actionChunk(): ActionChunk {
  return {
    timestamp_ns: T0,
    timestep: 12_345n,
    step_ns: 20_000_000n, // 50 fps
    actions: float32Tensor([50, 6], 1),
    action_names: [...JOINTS],
  };
}

function camera(seed: number) {
  return {
    height: 480,
    width: 640,
    encoding: "rgb8" as const,
    step: 640 * 3,
    data: randomBytes(480 * 640 * 3, seed),
  };
}

function observation(): Observation {
  return {
    timestamp_ns: T0,
    timestep: 12_345n,
    task: "pick up the red cube and put it in the bin",
    must_go: false,
    state: float32Tensor([6], 2),
    state_names: [...JOINTS],
    images: { front: camera(3), wrist: camera(4) },
    extras: {},
  };
}

function interactionStats(): InteractionStats {
  return {
    episodic_reward: 12.75,
    interaction_step: 1_234_567n,
    intervention_rate: 0.125,
    episode_interventions: 3,
    extra: { success: 1, episode_length: 400 },
  };
}

function parameters(): Parameters {
  const tensors: Record<string, Tensor> = {};
  for (let i = 0; i < 25; i++) {
    tensors[`model.layers.${i}.weight`] = float32Tensor([256, 400], 100 + i);
    tensors[`model.layers.${i}.bias`] = float32Tensor([256], 200 + i);
  }
  return { tensors };
}

function policySetup(): PolicySetup {
  const image = { dtype: "image" as const, shape: [3, 480, 640], names: ["channels", "height", "width"] };
  return {
    policy_type: "smolvla",
    pretrained_name_or_path: "lerobot/smolvla_base",
    features: {
      "observation.state": { dtype: "float32", shape: [6], names: [...JOINTS] },
      "observation.images.front": image,
      "observation.images.wrist": { ...image, names: [...image.names] },
      action: { dtype: "float32", shape: [6], names: [...JOINTS] },
    },
    actions_per_chunk: 50,
    device: "cuda:0",
    rename_map: { "observation.images.top": "observation.images.front" },
  };
}

const BUILDERS: { readonly [C in CaseName]: () => Messages[C] } = {
  ActionChunk: actionChunk,
  Observation: observation,
  InteractionStats: interactionStats,
  Parameters: parameters,
  PolicySetup: policySetup,
};

/** A fresh value of the case's message. */
export function makeValue<C extends CaseName>(name: C): Messages[C] {
  return BUILDERS[name]();
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * The value as JSON for the Python side: binaries as `{"$bytes": base64}`, bigints as `{"$int": "…"}`.
 * Tensors (`{dtype, shape, data}` objects) become `{"$tensor": {dtype, shape, data: base64}}` and images
 * `{"$image": {...}}`, so Python can build numpy arrays of the same bytes.
 */
export function toPortableJson(value: unknown): Json {
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString("base64") };
  if (typeof value === "bigint") return { $int: value.toString() };
  if (Array.isArray(value)) return value.map(toPortableJson);
  if (typeof value === "object" && value !== null) {
    const o = value as Record<string, unknown>;
    if ("dtype" in o && "shape" in o && o.data instanceof Uint8Array) {
      return {
        $tensor: { dtype: o.dtype as string, shape: o.shape as number[], data: toPortableJson(o.data) },
      };
    }
    if ("encoding" in o && "step" in o && o.data instanceof Uint8Array) {
      const img: Record<string, Json> = {};
      for (const [k, v] of Object.entries(o)) img[k] = toPortableJson(v);
      return { $image: img };
    }
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(o)) out[k] = toPortableJson(v);
    return out;
  }
  return value as Json;
}
