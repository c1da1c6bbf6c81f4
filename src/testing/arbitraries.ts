/**
 * fast-check arbitraries for the robotics message set: every value they produce is valid (the message's
 * zod schema accepts it unchanged). Use them to property-test your own code against safewire's codecs.
 * fast-check is needed at run time (an optional peer dependency of `safewire/testing`).
 */
import fc from "fast-check";
import { FORBIDDEN_KEYS } from "../keys.js";
import { type Image, MAGIC, RAW_ENCODINGS } from "../robotics/image.js";
import {
  type ActionChunk,
  type Device,
  FEATURE_DTYPES,
  type Feature,
  type InteractionStats,
  MAX_ACTIONS_PER_CHUNK,
  type MessageName,
  type Messages,
  type Observation,
  type Parameters,
  POLICY_TYPES,
  type PolicySetup,
  type Transition,
} from "../robotics/messages.js";
import { DTYPES, type Dtype, ITEMSIZE, MAX_DIM, MAX_RANK, type Tensor } from "../robotics/tensor.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export interface RoboticsArbitraryOptions {
  /** Produce NaN and ±Infinity in doubles and float tensors (decode them with `allowNonFinite`). Default false. */
  allowNonFinite?: boolean;
  /** Most elements in one tensor. Default 64. */
  maxElements?: number;
  /** Most entries in one map. Default 3. */
  maxKeys?: number;
}

export interface TensorArbitraryOptions extends RoboticsArbitraryOptions {
  /** Only these dtypes. Default: all. */
  dtypes?: readonly Dtype[];
  /** Rank bounds. Default 0 .. 8. */
  minRank?: number;
  maxRank?: number;
}

interface Resolved {
  allowNonFinite: boolean;
  maxElements: number;
  maxKeys: number;
}

function resolve(o: RoboticsArbitraryOptions = {}): Resolved {
  return {
    allowNonFinite: o.allowNonFinite === true,
    maxElements: o.maxElements ?? 64,
    maxKeys: o.maxKeys ?? 3,
  };
}

/** Strings of any Unicode (graphemes, so non-ASCII and astral characters come up often). */
const text = (maxLength = 12) => fc.string({ unit: "grapheme", maxLength });

/** A map key: any string but the prototype-polluting names. */
const mapKey = () => text(10).filter((k) => !FORBIDDEN_KEYS.has(k));

function record<V>(value: fc.Arbitrary<V>, maxKeys: number): fc.Arbitrary<Record<string, V>> {
  return fc.dictionary(mapKey(), value, { maxKeys, noNullPrototype: true });
}

/** A shape of `minRank .. maxRank` dimensions holding at most `maxElements` elements (mostly small dimensions). */
export function shapeArb(minRank = 0, maxRank = MAX_RANK, maxElements = 64): fc.Arbitrary<number[]> {
  if (!Number.isInteger(maxElements) || maxElements < 0) {
    throw new RangeError(`maxElements must be an integer, 0 or more; got ${maxElements}`);
  }
  // A rank-0 shape holds one element: with maxElements 0, every shape has a dimension (a 0).
  const lowest = maxElements === 0 ? Math.max(1, minRank) : minRank;
  if (lowest > maxRank) throw new RangeError(`no shape of rank ${minRank} to ${maxRank} holds 0 elements`);
  const dim = fc.oneof(
    { weight: 3, arbitrary: fc.constant(1) },
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 5 }) },
  );
  return fc.array(dim, { minLength: lowest, maxLength: maxRank }).map((shape) => {
    // Halve the largest dimension until the element count fits; a largest dimension of 1 becomes 0.
    const out = [...shape];
    const count = () => out.reduce((a, b) => a * b, 1);
    while (count() > maxElements) {
      const i = out.indexOf(Math.max(...out));
      const d = out[i] as number;
      out[i] = d > 1 ? Math.floor(d / 2) : 0;
    }
    return out;
  });
}

/** Random bytes for `n` elements of a dtype; float exponents are kept finite unless `allowNonFinite`. */
function elementBytes(dtype: Dtype, n: number, allowNonFinite: boolean): fc.Arbitrary<Uint8Array> {
  const size = ITEMSIZE[dtype];
  const raw = fc.uint8Array({ minLength: n * size, maxLength: n * size });
  if (dtype === "bool")
    return fc.array(fc.boolean(), { minLength: n, maxLength: n }).map((b) => Uint8Array.from(b, Number));
  if (
    allowNonFinite ||
    !(dtype === "float16" || dtype === "bfloat16" || dtype === "float32" || dtype === "float64")
  ) {
    return raw;
  }
  return raw.map((bytes) => {
    for (let i = size - 1; i < bytes.length; i += size) {
      const hi = bytes[i] as number;
      const next = bytes[i - 1] as number;
      const allOnes =
        dtype === "float16"
          ? (hi & 0x7c) === 0x7c
          : dtype === "float64"
            ? (hi & 0x7f) === 0x7f && (next & 0xf0) === 0xf0
            : (hi & 0x7f) === 0x7f && (next & 0x80) === 0x80;
      if (allOnes) bytes[i] = hi & ~0x40; // clear the top exponent bit: finite, same sign
    }
    return bytes;
  });
}

/** Valid tensors: any dtype, rank 0 .. 8, data of exactly the right length. */
export function tensorArb(options: TensorArbitraryOptions = {}): fc.Arbitrary<Tensor> {
  const o = resolve(options);
  const dtypes = options.dtypes ?? DTYPES;
  return fc
    .record({
      dtype: fc.constantFrom(...dtypes),
      shape: shapeArb(options.minRank ?? 0, options.maxRank ?? MAX_RANK, o.maxElements),
    })
    .chain(({ dtype, shape }) => {
      const n = shape.reduce((a, b) => a * b, 1);
      return elementBytes(dtype, n, o.allowNonFinite).map((data): Tensor => ({ dtype, shape, data }));
    });
}

export interface ImageArbitraryOptions {
  /** Largest raw height and width, in pixels. Default 4. */
  maxSide?: number;
}

/** Valid images: raw (any encoding, padded rows) or jpeg/png (magic bytes, then anything). */
export function imageArb(options: ImageArbitraryOptions = {}): fc.Arbitrary<Image> {
  const maxSide = options.maxSide ?? 4;
  const raw = fc
    .record({
      encoding: fc.constantFrom(...(Object.keys(RAW_ENCODINGS) as (keyof typeof RAW_ENCODINGS)[])),
      height: fc.integer({ min: 0, max: maxSide }),
      width: fc.integer({ min: 0, max: maxSide }),
      pad: fc.integer({ min: 0, max: 3 }),
    })
    .chain(({ encoding, height, width, pad }) => {
      const step = width * RAW_ENCODINGS[encoding] + pad;
      return fc
        .uint8Array({ minLength: step * height, maxLength: step * height })
        .map((data): Image => ({ height, width, encoding, step, data }));
    });
  const compressed = fc
    .record({
      encoding: fc.constantFrom("jpeg" as const, "png" as const),
      height: fc.integer({ min: 0, max: MAX_DIM }),
      width: fc.integer({ min: 0, max: MAX_DIM }),
      body: fc.uint8Array({ maxLength: 16 }),
    })
    .map(({ encoding, height, width, body }): Image => {
      const magic = MAGIC[encoding];
      const data = new Uint8Array(magic.length + body.length);
      data.set(magic);
      data.set(body, magic.length);
      return { height, width, encoding, step: 0, data };
    });
  return fc.oneof({ weight: 3, arbitrary: raw }, { weight: 1, arbitrary: compressed });
}

const int64 = () =>
  fc.oneof(
    { weight: 4, arbitrary: fc.bigInt({ min: INT64_MIN, max: INT64_MAX }) },
    { weight: 1, arbitrary: fc.constantFrom(INT64_MIN, INT64_MAX, 0n, -1n) },
  );

function double(allowNonFinite: boolean): fc.Arbitrary<number> {
  return fc.double({ noNaN: !allowNonFinite, noDefaultInfinity: !allowNonFinite });
}

export interface ObservationArbitraryOptions extends RoboticsArbitraryOptions, ImageArbitraryOptions {
  /** Exactly this many camera images (keys `cam0`, `cam1`, ...). Default: 0 to `maxKeys` under random keys. */
  cameras?: number;
}

export function observationArb(options: ObservationArbitraryOptions = {}): fc.Arbitrary<Observation> {
  const o = resolve(options);
  const image = imageArb(options);
  const images =
    options.cameras === undefined
      ? record(image, o.maxKeys)
      : fc
          .array(image, { minLength: options.cameras, maxLength: options.cameras })
          .map((list) => Object.fromEntries(list.map((img, i) => [`cam${i}`, img])));
  const state = tensorArb(options);
  return fc
    .record({
      timestamp_ns: int64(),
      timestep: int64(),
      task: text(40),
      must_go: fc.boolean(),
      state,
      named: fc.boolean(),
      images,
      extras: record(tensorArb({ ...options, maxElements: Math.min(o.maxElements, 16) }), o.maxKeys),
    })
    .chain(({ named, ...rest }) => {
      const last = rest.state.shape[rest.state.shape.length - 1];
      const names =
        named && last !== undefined
          ? fc.array(text(), { minLength: last, maxLength: last })
          : fc.constant<string[]>([]);
      return names.map(
        (state_names): Observation => ({
          timestamp_ns: rest.timestamp_ns,
          timestep: rest.timestep,
          task: rest.task,
          must_go: rest.must_go,
          state: rest.state,
          state_names,
          images: rest.images,
          extras: rest.extras,
        }),
      );
    });
}

export function actionChunkArb(options: RoboticsArbitraryOptions = {}): fc.Arbitrary<ActionChunk> {
  const o = resolve(options);
  return fc
    .record({
      rows: fc.integer({ min: 1, max: 8 }),
      cols: fc.integer({ min: 0, max: 8 }),
      dtype: fc.constantFrom(...DTYPES),
      named: fc.boolean(),
      stepSeed: fc.oneof(fc.bigInt({ min: 1n, max: 100_000_000n }), fc.bigInt({ min: 1n, max: INT64_MAX })),
      t0: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      k0: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    })
    .chain(({ rows, cols, dtype, named, stepSeed, t0, k0 }) => {
      const last = BigInt(rows - 1);
      // Keep timestamp_ns + (T-1) × step_ns and timestep + (T-1) within int64.
      const step_ns = rows === 1 ? stepSeed % 2n : last * stepSeed > INT64_MAX - INT64_MIN ? 1n : stepSeed;
      const tMax = INT64_MAX - last * step_ns;
      const timestamp_ns = INT64_MIN + (t0 % (tMax - INT64_MIN + 1n));
      const timestep = INT64_MIN + (k0 % (INT64_MAX - last - INT64_MIN + 1n));
      return fc
        .record({
          data: elementBytes(dtype, rows * cols, o.allowNonFinite),
          action_names: named
            ? fc.array(text(), { minLength: cols, maxLength: cols })
            : fc.constant<string[]>([]),
        })
        .map(
          ({ data, action_names }): ActionChunk => ({
            timestamp_ns,
            timestep,
            step_ns,
            actions: { dtype, shape: [rows, cols], data },
            action_names,
          }),
        );
    });
}

export function featureArb(): fc.Arbitrary<Feature> {
  return fc.record({
    dtype: fc.constantFrom(...FEATURE_DTYPES),
    shape: fc.array(fc.integer({ min: 0, max: MAX_DIM }), { maxLength: MAX_RANK }),
    names: fc.array(text(), { maxLength: 4 }),
  });
}

const deviceArb = (): fc.Arbitrary<Device> =>
  fc.oneof(
    fc.constantFrom<Device>("cpu", "mps", "cuda"),
    fc.integer({ min: 0, max: 9999 }).map((n): Device => `cuda:${n}`),
  );

export function policySetupArb(options: RoboticsArbitraryOptions = {}): fc.Arbitrary<PolicySetup> {
  const o = resolve(options);
  return fc.record({
    policy_type: fc.constantFrom(...POLICY_TYPES),
    pretrained_name_or_path: text(40).filter((s) => s.length > 0),
    features: record(featureArb(), o.maxKeys),
    actions_per_chunk: fc.integer({ min: 1, max: MAX_ACTIONS_PER_CHUNK }),
    device: deviceArb(),
    rename_map: record(text(), o.maxKeys),
  });
}

export function transitionArb(options: RoboticsArbitraryOptions = {}): fc.Arbitrary<Transition> {
  const o = resolve(options);
  const tensors = () =>
    record(tensorArb({ ...options, maxElements: Math.min(o.maxElements, 16) }), o.maxKeys);
  return fc.record({
    state: tensors(),
    action: tensorArb(options),
    reward: double(o.allowNonFinite),
    next_state: tensors(),
    done: fc.boolean(),
    truncated: fc.boolean(),
    info: tensors(),
  });
}

export function parametersArb(options: RoboticsArbitraryOptions = {}): fc.Arbitrary<Parameters> {
  const o = resolve(options);
  return fc.record({ tensors: record(tensorArb(options), o.maxKeys) });
}

export function interactionStatsArb(options: RoboticsArbitraryOptions = {}): fc.Arbitrary<InteractionStats> {
  const o = resolve(options);
  const rate = fc.double({ min: 0, max: 1, noNaN: true });
  return fc.record({
    episodic_reward: double(o.allowNonFinite),
    interaction_step: fc.bigInt({ min: 0n, max: INT64_MAX }),
    intervention_rate: o.allowNonFinite ? fc.oneof(rate, fc.constant(Number.NaN)) : rate,
    episode_interventions: fc.integer({ min: 0, max: MAX_DIM }),
    extra: record(double(o.allowNonFinite), o.maxKeys),
  });
}

/** The arbitrary of each message, by name. */
export function roboticsArbitraries(options: RoboticsArbitraryOptions = {}): {
  readonly [M in MessageName]: fc.Arbitrary<Messages[M]>;
} {
  return {
    Tensor: tensorArb(options),
    Image: imageArb(),
    Observation: observationArb(options),
    ActionChunk: actionChunkArb(options),
    PolicySetup: policySetupArb(options),
    Transition: transitionArb(options),
    Parameters: parametersArb(options),
    InteractionStats: interactionStatsArb(options),
  };
}

/**
 * The same arbitraries under short names, as in `arbitraries.observation({ cameras: 2, maxSide: 64 })`.
 * Every value is valid by construction (it passes the message's zod schema).
 */
export const arbitraries = {
  tensor: tensorArb,
  image: imageArb,
  observation: observationArb,
  actionChunk: actionChunkArb,
  policySetup: policySetupArb,
  transition: transitionArb,
  parameters: parametersArb,
  interactionStats: interactionStatsArb,
  feature: featureArb,
  shape: shapeArb,
  all: roboticsArbitraries,
};
