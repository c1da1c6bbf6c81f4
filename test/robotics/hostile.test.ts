// Hostile cases specific to the robotics message set. Each is a named test with the error code it must
// produce: on decode (bytes written by a codec that checks nothing, in every format) within the time and
// heap budgets, and on encode (the same value handed to the robotics codec).
import { describe, expect, test } from "vitest";
import type { ErrorCode, Format } from "../../src/index.js";
import { isSafewireError } from "../../src/index.js";
import type { MessageName } from "../../src/robotics/messages.js";
import { fromTypedArray } from "../../src/robotics/tensor.js";
import { expectBoundedFailure, PICKLE_OS_SYSTEM } from "../helpers/bounded.js";
import { codec, FORMATS, laxCodec, replaceAscii } from "./support.js";

const f32 = (...v: number[]) => fromTypedArray(new Float32Array(v));
const JOINTS = ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"];

function rgb(width: number, height: number, step = width * 3, length = step * height) {
  return { height, width, encoding: "rgb8", step, data: new Uint8Array(length) };
}

function observation(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    timestamp_ns: 1_767_225_600_000_000_000n,
    timestep: 3n,
    task: "pick",
    must_go: false,
    state: f32(1, 2, 3, 4, 5, 6),
    state_names: JOINTS,
    images: { front: rgb(4, 2) },
    extras: {},
    ...over,
  };
}

function actionChunk(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    timestamp_ns: 0n,
    timestep: 0n,
    step_ns: 20_000_000n,
    actions: fromTypedArray(new Float32Array(12), [2, 6]),
    action_names: [],
    ...over,
  };
}

function policySetup(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    policy_type: "smolvla",
    pretrained_name_or_path: "lerobot/smolvla_base",
    features: {},
    actions_per_chunk: 50,
    device: "cuda",
    rename_map: {},
    ...over,
  };
}

/** Writes `value` without any semantic check, decodes it with the robotics codec and encodes it with it. */
function expectRefused(
  message: MessageName,
  format: Format,
  value: Record<string, unknown>,
  code: ErrorCode,
  path?: PropertyKey[],
  options: { encode?: boolean } = {},
): void {
  const bytes = laxCodec(message, format).encode(value);
  const target = codec(message, format);
  // Warm up once (first-call compilation is not what the budget measures), then measure.
  target.safeDecode(bytes);
  target.safeEncode(value as never);
  const err = expectBoundedFailure(() => target.decode(bytes), code);
  expect(err.direction).toBe("decode");
  if (path !== undefined) expect(err.path).toEqual(path);
  if (options.encode !== false) {
    const enc = expectBoundedFailure(() => target.encode(value as never), code);
    expect(enc.direction).toBe("encode");
    if (path !== undefined) expect(enc.path).toEqual(path);
  }
}

describe.each(FORMATS)("%s", (format) => {
  test("image data length off by one → schema_violation", () => {
    expectRefused(
      "Observation",
      format,
      observation({ images: { front: rgb(4, 2, 12, 25) } }),
      "schema_violation",
      ["images", "front", "data"],
    );
    expectRefused(
      "Observation",
      format,
      observation({ images: { front: rgb(4, 2, 12, 23) } }),
      "schema_violation",
      ["images", "front", "data"],
    );
  });

  test("image step too small → schema_violation", () => {
    expectRefused(
      "Observation",
      format,
      observation({ images: { front: rgb(4, 2, 11) } }),
      "schema_violation",
      ["images", "front", "step"],
    );
  });

  test("tensor shape/byte mismatch → schema_violation", () => {
    const state = { dtype: "float32", shape: [6], data: new Uint8Array(20) };
    expectRefused("Observation", format, observation({ state }), "schema_violation", ["state", "data"]);
  });

  test("tensor shape overflow: [2^31-1] × 8 → schema_violation (no overflow, no crash)", () => {
    const state = { dtype: "float64", shape: Array(8).fill(2 ** 31 - 1), data: new Uint8Array(8) };
    expectRefused("Observation", format, observation({ state, state_names: [] }), "schema_violation", [
      "state",
      "data",
    ]);
  });

  test("tensor shape [2^31, 2^31] → clean error (dimension past 2^31-1)", () => {
    const state = { dtype: "float32", shape: [2 ** 31, 2 ** 31], data: new Uint8Array(4) };
    if (format === "avro") {
      // An Avro int cannot hold 2^31: no writer produces it, and a hand-made varint is malformed.
      // Tensor: dtype "float32", shape block of 2 items (zigzag varints of 2^31), end, data 4 bytes.
      const big = [0x80, 0x80, 0x80, 0x80, 0x10]; // zigzag(2^31) = 2^32
      const bytes = Uint8Array.from([
        0x0e,
        ...Buffer.from("float32"),
        0x04,
        ...big,
        ...big,
        0x00,
        0x08,
        0,
        0,
        0,
        0,
      ]);
      expectBoundedFailure(() => codec("Tensor", "avro").decode(bytes), "malformed");
      expectBoundedFailure(() => codec("Tensor", "avro").encode(state as never), "schema_violation");
      return;
    }
    expectRefused("Observation", format, observation({ state, state_names: [] }), "schema_violation", [
      "state",
      "shape",
      0,
    ]);
  });

  test("tensor rank 9 → schema_violation", () => {
    const state = { dtype: "float32", shape: Array(9).fill(1), data: new Uint8Array(4) };
    expectRefused("Observation", format, observation({ state, state_names: [] }), "schema_violation", [
      "state",
      "shape",
    ]);
  });

  test("unknown dtype → schema_violation", () => {
    const state = { dtype: "complex64", shape: [1], data: new Uint8Array(8) };
    expectRefused("Observation", format, observation({ state, state_names: [] }), "schema_violation", [
      "state",
      "dtype",
    ]);
  });

  test("map key __proto__ in images → schema_violation", () => {
    // Written as "__prot0__" (a writer may refuse the real key), then patched in place: same length.
    const good = laxCodec("Observation", format).encode(observation({ images: { __prot0__: rgb(4, 2) } }));
    const bytes = replaceAscii(good, "__prot0__", "__proto__");
    const err = expectBoundedFailure(() => codec("Observation", format).decode(bytes), "schema_violation");
    expect(err.path.slice(0, 2)).toEqual(["images", "__proto__"]);
    expect(Object.prototype).not.toHaveProperty("height");
    const polluted = JSON.parse('{"__proto__": {"height": 2, "width": 4, "encoding": "rgb8", "step": 12}}');
    expectBoundedFailure(
      () => codec("Observation", format).encode(observation({ images: polluted }) as never),
      "schema_violation",
    );
  });

  test("NaN in state → schema_violation (unless allowNonFinite)", () => {
    const value = observation({ state: f32(1, 2, Number.NaN, 4, 5, 6) });
    expectRefused("Observation", format, value, "schema_violation", ["state", "data"]);
    const lenient = codec("Observation", format, { allowNonFinite: true });
    const back = lenient.decode(lenient.encode(value as never));
    expect(Number.isNaN(new Float32Array(back.state.data.slice().buffer)[2])).toBe(true);
  });

  test("Parameters keep ±Inf and NaN by default (state dict buffers); allowNonFinite: false refuses them", () => {
    // LeRobot's normalization buffers are +inf until dataset stats are loaded.
    const value = {
      tensors: { "normalize_inputs.buffer_observation_state.mean": f32(Infinity, Number.NaN, -0) },
    };
    const byDefault = codec("Parameters", format);
    const back = byDefault.decode(byDefault.encode(value as never));
    const data = back.tensors["normalize_inputs.buffer_observation_state.mean"]?.data ?? new Uint8Array(0);
    const floats = new Float32Array(data.slice().buffer);
    expect([floats[0], Number.isNaN(floats[1]), Object.is(floats[2], -0)]).toEqual([Infinity, true, true]);
    const strict = codec("Parameters", format, { allowNonFinite: false });
    const bytes = laxCodec("Parameters", format).encode(value);
    const err = expectBoundedFailure(() => strict.decode(bytes), "schema_violation");
    expect(err.path).toEqual(["tensors", "normalize_inputs.buffer_observation_state.mean", "data"]);
    expectBoundedFailure(() => strict.encode(value as never), "schema_violation");
  });

  test("state_names of the wrong length → schema_violation", () => {
    expectRefused("Observation", format, observation({ state_names: JOINTS.slice(1) }), "schema_violation", [
      "state_names",
    ]);
  });

  test("unsupported policy type → schema_violation", () => {
    expectRefused("PolicySetup", format, policySetup({ policy_type: "ppo" }), "schema_violation", [
      "policy_type",
    ]);
  });

  test("ActionChunk with zero rows → schema_violation", () => {
    const actions = { dtype: "float32", shape: [0, 6], data: new Uint8Array(0) };
    expectRefused("ActionChunk", format, actionChunk({ actions }), "schema_violation", [
      "actions",
      "shape",
      0,
    ]);
  });

  // More of the same family.
  test("jpeg without its magic bytes → schema_violation", () => {
    const img = {
      height: 1,
      width: 1,
      encoding: "jpeg",
      step: 0,
      data: Uint8Array.of(0x89, 0x50, 0x4e, 0x47),
    };
    expectRefused("Observation", format, observation({ images: { front: img } }), "schema_violation", [
      "images",
      "front",
      "data",
    ]);
  });

  test("unknown image encoding → schema_violation", () => {
    const img = { ...rgb(4, 2), encoding: "yuv422" };
    expectRefused("Observation", format, observation({ images: { front: img } }), "schema_violation", [
      "images",
      "front",
      "encoding",
    ]);
  });

  test("bool tensor byte other than 0 or 1 → schema_violation", () => {
    const extras = { flag: { dtype: "bool", shape: [2], data: Uint8Array.of(1, 2) } };
    expectRefused("Observation", format, observation({ extras }), "schema_violation", [
      "extras",
      "flag",
      "data",
    ]);
  });

  test("Infinity in actions → schema_violation", () => {
    const actions = fromTypedArray(new Float64Array([0, Number.POSITIVE_INFINITY]), [1, 2]);
    expectRefused("ActionChunk", format, actionChunk({ actions }), "schema_violation", ["actions", "data"]);
  });

  test("ActionChunk of rank 1 → schema_violation", () => {
    expectRefused("ActionChunk", format, actionChunk({ actions: f32(1, 2) }), "schema_violation", [
      "actions",
      "shape",
    ]);
  });

  test("ActionChunk whose last timestamp overflows int64 → schema_violation", () => {
    const value = actionChunk({ timestamp_ns: 2n ** 63n - 1n, step_ns: 1n });
    expectRefused("ActionChunk", format, value, "schema_violation", ["timestamp_ns"]);
  });

  test("ActionChunk of several rows with step_ns 0 → schema_violation", () => {
    expectRefused("ActionChunk", format, actionChunk({ step_ns: 0n }), "schema_violation", ["step_ns"]);
  });

  test("action_names of the wrong length → schema_violation", () => {
    expectRefused("ActionChunk", format, actionChunk({ action_names: ["a"] }), "schema_violation", [
      "action_names",
    ]);
  });

  test("bad device, actions_per_chunk out of range, empty path → schema_violation", () => {
    for (const device of ["gpu", "cuda:", "cuda:01", "cuda:-1", "CPU", "cuda:12345"]) {
      expectRefused("PolicySetup", format, policySetup({ device }), "schema_violation", ["device"]);
    }
    for (const n of [0, 1001]) {
      expectRefused("PolicySetup", format, policySetup({ actions_per_chunk: n }), "schema_violation", [
        "actions_per_chunk",
      ]);
    }
    expectRefused("PolicySetup", format, policySetup({ pretrained_name_or_path: "" }), "schema_violation", [
      "pretrained_name_or_path",
    ]);
  });

  test("intervention_rate past 1, negative interaction_step → schema_violation", () => {
    const stats = {
      episodic_reward: 1,
      interaction_step: 0n,
      intervention_rate: 1.5,
      episode_interventions: 0,
      extra: {},
    };
    expectRefused("InteractionStats", format, stats, "schema_violation", ["intervention_rate"]);
    expectRefused(
      "InteractionStats",
      format,
      { ...stats, intervention_rate: 0, interaction_step: -1n },
      "schema_violation",
      ["interaction_step"],
    );
  });

  test("a message with no state tensor → schema_violation", () => {
    const { state: _omit, ...rest } = observation({ state_names: [] });
    const target = codec("Observation", format);
    if (format === "avro") {
      // Avro cannot leave a record field out: the writer refuses.
      expect(() => laxCodec("Observation", format).encode(rest)).toThrow();
    } else {
      const bytes = laxCodec("Observation", format).encode(rest);
      expectBoundedFailure(() => target.decode(bytes), "schema_violation");
    }
    expectBoundedFailure(() => target.encode(rest as never), "schema_violation");
  });

  test("a pickle is refused by name before any decoding", () => {
    const err = expectBoundedFailure(
      () => codec("Observation", format).decode(PICKLE_OS_SYSTEM),
      "unsafe_payload",
    );
    expect(isSafewireError(err)).toBe(true);
  });
});
