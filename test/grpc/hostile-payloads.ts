// The hostile payloads of the core and robotics issues, as raw gRPC message bytes (not a test file).
import type { ErrorCode, Format } from "../../src/index.js";
import type { MessageName } from "../../src/robotics/messages.js";
import { fromTypedArray } from "../../src/robotics/tensor.js";
import { type HostilePayload, hostile } from "../../src/testing/index.js";
import { laxCodec, replaceAscii } from "../robotics/support.js";

/** A payload meant for one message type, with the exact code (and path) that type's codec answers. */
export interface TargetedPayload extends HostilePayload {
  message: MessageName;
  code: ErrorCode;
  path: string;
}

const f32 = (...v: number[]) => fromTypedArray(new Float32Array(v));
const JOINTS = ["a", "b", "c", "d", "e", "f"];
const rgb = (width: number, height: number, step = width * 3, length = step * height) => ({
  height,
  width,
  encoding: "rgb8",
  step,
  data: new Uint8Array(length),
});

export function observationValue(over: Record<string, unknown> = {}): Record<string, unknown> {
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

export function setupValue(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    policy_type: "act",
    pretrained_name_or_path: "lerobot/act_so100",
    features: {},
    actions_per_chunk: 50,
    device: "cpu",
    rename_map: {},
    ...over,
  };
}

/** The robotics issue's hostile messages, written in `format` by a codec that checks nothing. */
export function roboticsPayloads(format: Format): TargetedPayload[] {
  const w = (message: MessageName, value: Record<string, unknown>) => laxCodec(message, format).encode(value);
  const t = (
    name: string,
    message: MessageName,
    bytes: Uint8Array,
    code: ErrorCode,
    path: string,
  ): TargetedPayload => ({ name: `${format}:${name}`, message, bytes, expect: [code], code, path });
  const proto = replaceAscii(
    w("Observation", observationValue({ images: { __prot0__: rgb(4, 2) } })),
    "__prot0__",
    "__proto__",
  );
  return [
    t(
      "tensor-shape-mismatch",
      "Observation",
      w(
        "Observation",
        observationValue({ state: { dtype: "float32", shape: [6], data: new Uint8Array(20) } }),
      ),
      "schema_violation",
      "state.data",
    ),
    t(
      "tensor-shape-overflow",
      "Observation",
      w(
        "Observation",
        observationValue({
          state: { dtype: "float64", shape: Array(8).fill(2 ** 31 - 1), data: new Uint8Array(8) },
          state_names: [],
        }),
      ),
      "schema_violation",
      "state.data",
    ),
    t(
      "image-data-off-by-one",
      "Observation",
      w("Observation", observationValue({ images: { front: rgb(4, 2, 12, 25) } })),
      "schema_violation",
      "images.front.data",
    ),
    t(
      "nan-in-state",
      "Observation",
      w("Observation", observationValue({ state: f32(1, 2, Number.NaN, 4, 5, 6) })),
      "schema_violation",
      "state.data",
    ),
    t("proto-map-key", "Observation", proto, "schema_violation", "images.__proto__"),
    t(
      "unknown-dtype",
      "Observation",
      w(
        "Observation",
        observationValue({
          state: { dtype: "complex64", shape: [1], data: new Uint8Array(8) },
          state_names: [],
        }),
      ),
      "schema_violation",
      "state.dtype",
    ),
    t(
      "unsupported-policy-type",
      "PolicySetup",
      w("PolicySetup", setupValue({ policy_type: "ppo" })),
      "schema_violation",
      "policy_type",
    ),
    t(
      "bad-device",
      "PolicySetup",
      w("PolicySetup", setupValue({ device: "cuda:01" })),
      "schema_violation",
      "device",
    ),
    t(
      "intervention-rate-past-1",
      "InteractionStats",
      w("InteractionStats", {
        episodic_reward: 1,
        interaction_step: 0n,
        intervention_rate: 1.5,
        episode_interventions: 0,
        extra: {},
      }),
      "schema_violation",
      "intervention_rate",
    ),
  ];
}

/** The core issue's payloads: pickles, wire-level bombs of each format, and cuts of a valid message. */
export function corePayloads(validSample: Uint8Array): HostilePayload[] {
  const seen = new Set<string>();
  const out: HostilePayload[] = [];
  const all = [
    ...hostile.pickles(),
    ...hostile.protobuf.all(),
    ...hostile.msgpack.all(),
    ...hostile.avro.all(),
    ...hostile.fromSample(validSample),
    {
      name: "oversize-1.5MiB",
      bytes: new Uint8Array(1536 * 1024),
      expect: ["limit_exceeded", "malformed"] as ErrorCode[],
    },
  ];
  for (const p of all) {
    if (seen.has(p.name)) continue;
    seen.add(p.name);
    out.push(p);
  }
  return out;
}
