/**
 * The robotics message set: one TypeScript value per message, the same from protobuf, Avro and msgpack.
 *
 * Field names are snake_case everywhere (as in the .proto and .avsc files and in Python). On every wire:
 * enumerations (`dtype`, `encoding`, `policy_type`, `device`) are strings, 64-bit integers are `bigint`,
 * dimensions and pixel counts are 32-bit non-negative numbers (≤ 2^31-1, an Avro `int`), binaries are
 * `Uint8Array`, floats are doubles, maps are plain records. Every field is always present: absent scalar,
 * list and map fields decode to their defaults (as proto3 does), so all three formats yield one value.
 */
import { z } from "zod";
import { crossCheck, declareIdentityWhen, type Problem, plainMapGuard } from "../fastcheck.js";
import { FORBIDDEN_KEYS } from "../keys.js";
import { bytes, float64, int64, noNegativeZero } from "../schema.js";
import { IMAGE_ENCODINGS, type Image, imageMismatch } from "./image.js";
import {
  DTYPES,
  extentProblem,
  firstNonFinite,
  MAX_DIM,
  MAX_RANK,
  type Tensor,
  tensorMismatch,
} from "./tensor.js";

export type { Image, ImageEncoding } from "./image.js";
export type { Dtype, Tensor } from "./tensor.js";

const INT64_MAX = 2n ** 63n - 1n;

/** LeRobot policies a PolicySetup may name. */
export const POLICY_TYPES = [
  "act",
  "smolvla",
  "diffusion",
  "tdmpc",
  "vqbet",
  "pi0",
  "pi05",
  "groot",
] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];

/** Feature dtypes: every tensor dtype, plus LeRobot's `image`, `video` and `string`. */
export const FEATURE_DTYPES = [...DTYPES, "image", "video", "string"] as const;
export type FeatureDtype = (typeof FEATURE_DTYPES)[number];

/** `cpu`, `mps`, `cuda` or `cuda:N` (N without leading zeros, at most 4 digits). */
export const DEVICE_PATTERN = /^(?:cpu|mps|cuda(?::(?:0|[1-9][0-9]{0,3}))?)$/;
export type Device = "cpu" | "mps" | "cuda" | `cuda:${number}`;

/** Most actions a PolicySetup may ask for per chunk. */
export const MAX_ACTIONS_PER_CHUNK = 1000;

/** What a robot sends its policy server. */
export interface Observation {
  /** When the observation was taken, nanoseconds since the Unix epoch. */
  timestamp_ns: bigint;
  /** The control step. */
  timestep: bigint;
  /** The language instruction (may be empty). */
  task: string;
  /** Act on this observation even when the server's queue is full. */
  must_go: boolean;
  /** Proprioceptive state. */
  state: Tensor;
  /** Empty, or one name per element of the state's last dimension. */
  state_names: string[];
  /** Camera frames by camera name. */
  images: Record<string, Image>;
  /** Other inputs by feature name. */
  extras: Record<string, Tensor>;
}

/** T actions of D values: action i happens at `timestamp_ns + i × step_ns`, at step `timestep + i`. */
export interface ActionChunk {
  timestamp_ns: bigint;
  timestep: bigint;
  /** ≥ 0, and > 0 when there is more than one action. */
  step_ns: bigint;
  /** Shape [T, D], T ≥ 1. */
  actions: Tensor;
  /** Empty, or D names. */
  action_names: string[];
}

/** One input or output of a policy (LeRobot's `{dtype, shape, names}`). */
export interface Feature {
  dtype: FeatureDtype;
  /** At most 8 dimensions, each 0 .. 2^31-1. */
  shape: number[];
  names: string[];
}

/** How a client configures a policy server (LeRobot's RemotePolicyConfig). */
export interface PolicySetup {
  policy_type: PolicyType;
  /** A Hub repository id or a local path; not empty. */
  pretrained_name_or_path: string;
  features: Record<string, Feature>;
  /** 1 .. 1000. */
  actions_per_chunk: number;
  device: Device;
  rename_map: Record<string, string>;
}

/** One environment step, for a replay buffer. */
export interface Transition {
  state: Record<string, Tensor>;
  action: Tensor;
  reward: number;
  next_state: Record<string, Tensor>;
  done: boolean;
  truncated: boolean;
  info: Record<string, Tensor>;
}

/** A model's state dict. */
export interface Parameters {
  tensors: Record<string, Tensor>;
}

/** What an actor reports after an episode. */
export interface InteractionStats {
  episodic_reward: number;
  /** ≥ 0. */
  interaction_step: bigint;
  /** 0 .. 1. */
  intervention_rate: number;
  /** 0 .. 2^31-1. */
  episode_interventions: number;
  extra: Record<string, number>;
}

/** Every message of the set, by name. */
export interface Messages {
  Tensor: Tensor;
  Image: Image;
  Observation: Observation;
  ActionChunk: ActionChunk;
  PolicySetup: PolicySetup;
  Transition: Transition;
  Parameters: Parameters;
  InteractionStats: InteractionStats;
}
export type MessageName = keyof Messages;

export const MESSAGE_NAMES: readonly MessageName[] = Object.freeze([
  "Tensor",
  "Image",
  "Observation",
  "ActionChunk",
  "PolicySetup",
  "Transition",
  "Parameters",
  "InteractionStats",
]);

const NAME_SET: ReadonlySet<string> = new Set(MESSAGE_NAMES);

/**
 * Throws TypeError unless `message` is one of MESSAGE_NAMES. Lookups by name go through this first: an
 * untyped caller's "toString" or "__proto__" would otherwise reach Object.prototype.
 */
export function checkMessageName(message: unknown): asserts message is MessageName {
  if (typeof message !== "string" || !NAME_SET.has(message)) {
    throw new TypeError(`unknown robotics message "${String(message)}" (one of ${MESSAGE_NAMES.join(", ")})`);
  }
}

export interface SchemaOptions {
  /**
   * Accept NaN and ±Infinity in double fields and in floating-point tensors. -0 is always accepted.
   *
   * Unset (the default): refused in every message but `Parameters`. A NaN joint position or action reaching
   * a motor controller is a bug to stop at the boundary; a state dict, though, legitimately holds ±Inf
   * (LeRobot creates its normalization buffers filled with +inf until dataset stats are loaded), so refusing
   * it would refuse real models. `true` accepts them everywhere; `false` refuses them in `Parameters` too.
   */
  allowNonFinite?: boolean;
}

export type MessageSchemas = { readonly [M in MessageName]: z.ZodType<Messages[M]> };

/** A dimension, a pixel count or a row stride: an integer 0 .. 2^31-1 (not -0, which no wire carries). */
const u31 = () => noNegativeZero(z.number().int().min(0).max(MAX_DIM));

/** A binary field, absent meaning empty (as in proto3): a new empty array each time, never one shared. */
const emptyBytes = () => bytes().default(() => new Uint8Array(0));

/**
 * A map with string keys. Refuses `__proto__`, `constructor` and `prototype` (zod would silently drop a
 * `__proto__` key) and objects whose prototype is not Object.prototype or null.
 */
function map<V extends z.ZodType>(value: V) {
  return z.preprocess(refuseUnsafeMaps, z.record(z.string(), value));
}

const refuseUnsafeMaps = declareIdentityWhen(
  (input: unknown, ctx: z.core.$RefinementCtx): unknown => {
    if (typeof input === "object" && input !== null && !Array.isArray(input)) {
      const proto: unknown = Object.getPrototypeOf(input);
      if (proto !== Object.prototype && proto !== null) {
        ctx.addIssue({ code: "custom", message: "a map must be a plain object", input });
      }
      for (const key of Object.keys(input)) {
        if (FORBIDDEN_KEYS.has(key)) {
          ctx.addIssue({
            code: "custom",
            message: `map key "${key}" is not allowed (prototype pollution)`,
            path: [key],
            input,
          });
        }
      }
    }
    return input;
  },
  // It never changes the input; it adds an issue only for an object of another prototype or a forbidden key.
  plainMapGuard,
);

// A type-level narrowing only: declared an identity so the fast check (fastcheck.ts) keeps the value.
const asDevice = declareIdentityWhen(
  (d: string) => d as Device,
  () => true,
);

/** Under these, `t + (rows - 1) × step` cannot pass INT64_MAX (rows ≤ 2^31-1): no BigInt arithmetic. */
const SAFE_START = 2n ** 62n;
const SAFE_STEP = 2n ** 31n;

function withProblem(found: Problem[] | undefined, p: Problem): Problem[] {
  if (found === undefined) return [p];
  found.push(p);
  return found;
}

/** An action chunk's cross-field problems (its fields already passed): shape [T, D], steps, names. */
function actionChunkProblems(a: ActionChunk): Problem[] | undefined {
  const shape = a.actions.shape;
  const rows = shape[0];
  const cols = shape[1];
  if (shape.length !== 2 || rows === undefined || cols === undefined) {
    return [
      { message: `actions must have shape [T, D], got rank ${shape.length}`, path: ["actions", "shape"] },
    ];
  }
  if (rows === 0) {
    return [
      {
        message: "an action chunk needs at least one action (T >= 1), got 0 rows",
        path: ["actions", "shape", 0],
      },
    ];
  }
  let found: Problem[] | undefined;
  if (rows > 1 && a.step_ns === 0n) {
    found = [{ message: `step_ns must be positive for ${rows} actions`, path: ["step_ns"] }];
  }
  if (!(a.timestamp_ns < SAFE_START && a.step_ns < SAFE_STEP)) {
    if (a.timestamp_ns + BigInt(rows - 1) * a.step_ns > INT64_MAX) {
      found = withProblem(found, {
        message: "the last action's timestamp_ns overflows int64",
        path: ["timestamp_ns"],
      });
    }
  }
  if (!(a.timestep < SAFE_START) && a.timestep + BigInt(rows - 1) > INT64_MAX) {
    found = withProblem(found, { message: "the last action's timestep overflows int64", path: ["timestep"] });
  }
  if (a.action_names.length > 0 && a.action_names.length !== cols) {
    found = withProblem(found, {
      message: `${a.action_names.length} action_names, but actions have ${cols} columns`,
      path: ["action_names"],
    });
  }
  return found;
}

function build(opts: SchemaOptions): MessageSchemas {
  const allowNonFinite = opts.allowNonFinite === true;
  const parametersNonFinite = opts.allowNonFinite !== false;
  // A double field: finite by default (zod's z.number() refuses NaN and ±Infinity).
  const double = (): z.ZodType<number> =>
    allowNonFinite ? float64() : z.number({ message: "expected a finite number" });

  const shape = z.array(u31()).max(MAX_RANK, { message: `a shape has at most ${MAX_RANK} dimensions` });

  const tensorSchema = (allowNonFinite: boolean): z.ZodType<Tensor> =>
    crossCheck(
      z.object({ dtype: z.enum(DTYPES), shape: shape.default(() => []), data: emptyBytes() }),
      (t) => {
        const problem = tensorMismatch(t.dtype, t.shape, t.data);
        if (problem !== undefined) return [{ message: problem, path: ["data"] }];
        // Empty but past what NumPy can shape: a Python peer's np.frombuffer(...).reshape(shape) raises.
        const extent = extentProblem(t.dtype, t.shape);
        if (extent !== undefined) return [{ message: extent, path: ["shape"] }];
        if (allowNonFinite) return undefined;
        const i = firstNonFinite(t.dtype, t.data);
        if (i < 0) return undefined;
        return [
          { message: `${t.dtype} element ${i} is NaN or infinite (allowNonFinite is off)`, path: ["data"] },
        ];
      },
    );
  const tensor = tensorSchema(allowNonFinite);

  const image: z.ZodType<Image> = crossCheck(
    z.object({
      height: u31().default(0),
      width: u31().default(0),
      encoding: z.enum(IMAGE_ENCODINGS),
      step: u31().default(0),
      data: emptyBytes(),
    }),
    (img) => {
      const problem = imageMismatch(img);
      return problem === undefined ? undefined : [{ message: problem.message, path: [problem.field] }];
    },
  );

  const names = () => z.array(z.string()).default(() => []);
  const tensors = (t = tensor) => map(t).default(() => ({}));

  const observation: z.ZodType<Observation> = crossCheck(
    z.object({
      timestamp_ns: int64().default(0n),
      timestep: int64().default(0n),
      task: z.string().default(""),
      must_go: z.boolean().default(false),
      state: tensor,
      state_names: names(),
      images: map(image).default(() => ({})),
      extras: tensors(),
    }),
    (o) => {
      const n = o.state_names.length;
      const last = o.state.shape[o.state.shape.length - 1];
      if (n === 0 || last === n) return undefined;
      const what = last === undefined ? "the state is a scalar" : `the state's last dimension is ${last}`;
      return [{ message: `${n} state_names, but ${what}`, path: ["state_names"] }];
    },
  );

  const actionChunk: z.ZodType<ActionChunk> = crossCheck(
    z.object({
      timestamp_ns: int64().default(0n),
      timestep: int64().default(0n),
      step_ns: int64()
        .default(0n)
        .refine((v) => v >= 0n, { message: "step_ns must not be negative" }),
      actions: tensor,
      action_names: names(),
    }),
    actionChunkProblems,
  );

  const feature = z.object({ dtype: z.enum(FEATURE_DTYPES), shape: shape.default(() => []), names: names() });

  const policySetup: z.ZodType<PolicySetup> = z.object({
    policy_type: z.enum(POLICY_TYPES),
    pretrained_name_or_path: z.string().min(1, { message: "pretrained_name_or_path must not be empty" }),
    features: map(feature).default(() => ({})),
    actions_per_chunk: z.number().int().min(1).max(MAX_ACTIONS_PER_CHUNK),
    device: z
      .string()
      .regex(DEVICE_PATTERN, { message: "device must be cpu, mps, cuda or cuda:N" })
      .transform(asDevice),
    rename_map: map(z.string()).default(() => ({})),
  });

  const transition: z.ZodType<Transition> = z.object({
    state: tensors(),
    action: tensor,
    reward: double().default(0),
    next_state: tensors(),
    done: z.boolean().default(false),
    truncated: z.boolean().default(false),
    info: tensors(),
  });

  const parameters: z.ZodType<Parameters> = z.object({
    tensors: tensors(parametersNonFinite === allowNonFinite ? tensor : tensorSchema(parametersNonFinite)),
  });

  const interactionStats: z.ZodType<InteractionStats> = z.object({
    episodic_reward: double().default(0),
    interaction_step: int64()
      .default(0n)
      .refine((v) => v >= 0n, { message: "interaction_step must not be negative" }),
    intervention_rate: double()
      .default(0)
      .refine((v) => Number.isNaN(v) || (v >= 0 && v <= 1), {
        message: "intervention_rate must be within 0 .. 1",
      }),
    episode_interventions: u31().default(0),
    extra: map(double()).default(() => ({})),
  });

  return Object.freeze({
    Tensor: tensor,
    Image: image,
    Observation: observation,
    ActionChunk: actionChunk,
    PolicySetup: policySetup,
    Transition: transition,
    Parameters: parameters,
    InteractionStats: interactionStats,
  });
}

const DEFAULT = build({});
const built = new Map<boolean, MessageSchemas>();

/** The zod schemas of every message. Built once per option set. */
export function messageSchemas(opts: SchemaOptions = {}): MessageSchemas {
  const flag = opts.allowNonFinite;
  if (flag === undefined) return DEFAULT;
  let schemas = built.get(flag);
  if (schemas === undefined) {
    schemas = build({ allowNonFinite: flag });
    built.set(flag, schemas);
  }
  return schemas;
}

export const TensorSchema: z.ZodType<Tensor> = DEFAULT.Tensor;
export const ImageSchema: z.ZodType<Image> = DEFAULT.Image;
export const ObservationSchema: z.ZodType<Observation> = DEFAULT.Observation;
export const ActionChunkSchema: z.ZodType<ActionChunk> = DEFAULT.ActionChunk;
export const PolicySetupSchema: z.ZodType<PolicySetup> = DEFAULT.PolicySetup;
export const TransitionSchema: z.ZodType<Transition> = DEFAULT.Transition;
export const ParametersSchema: z.ZodType<Parameters> = DEFAULT.Parameters;
export const InteractionStatsSchema: z.ZodType<InteractionStats> = DEFAULT.InteractionStats;

/** Checks a value against a message's schema (defaults filled in), throwing zod's error on failure. */
export function parse<M extends MessageName>(
  message: M,
  value: unknown,
  opts: SchemaOptions = {},
): Messages[M] {
  checkMessageName(message);
  return messageSchemas(opts)[message].parse(value);
}
