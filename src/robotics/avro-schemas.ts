/**
 * The Avro schemas of the robotics message set, as data (no Avro library is loaded here).
 *
 * This module is the source of `schemas/avro/<Message>.avsc` (`npm run gen:avro` writes them; a test
 * checks they match). Each .avsc file is self-contained: the named types it uses (Tensor, Image,
 * Feature, all in namespace `safewire.robotics.v1`) are defined inline at their first use and referred
 * to by name after, so any Avro implementation can load one file alone with no import mechanism.
 *
 * Every field but the required ones (enumeration strings with no valid empty value, and nested messages)
 * has a default, so readers can resolve data from writers with fewer fields: schemas grow by addition.
 */

/** A JSON value, as an Avro schema is written. */
import type { MessageName } from "./messages.js";

export type Json = null | boolean | number | string | Json[] | JsonObject;
export type JsonObject = { [key: string]: Json };

export const AVRO_NAMESPACE = "safewire.robotics.v1";

const arrayOf = (items: Json): Json => ({ type: "array", items });
const mapOf = (values: Json): Json => ({ type: "map", values });

const TENSOR: JsonObject = {
  type: "record",
  name: "Tensor",
  namespace: AVRO_NAMESPACE,
  doc: "An n-dimensional array: product(shape) x itemsize(dtype) bytes, little-endian, C order.",
  fields: [
    {
      name: "dtype",
      type: "string",
      doc: "float16, bfloat16, float32, float64, int8, int16, int32, int64, uint8 or bool.",
    },
    { name: "shape", type: arrayOf("int"), default: [], doc: "At most 8 dimensions, each 0 .. 2^31-1." },
    { name: "data", type: "bytes", default: "", doc: "The elements, little-endian, C order." },
  ],
};

const IMAGE: JsonObject = {
  type: "record",
  name: "Image",
  namespace: AVRO_NAMESPACE,
  doc: "One camera frame: raw pixels (step >= width x bytes per pixel, step x height bytes) or a jpeg/png file (step 0).",
  fields: [
    { name: "height", type: "int", default: 0 },
    { name: "width", type: "int", default: 0 },
    {
      name: "encoding",
      type: "string",
      doc: "rgb8, bgr8, rgba8, bgra8, mono8, mono16, 16UC1, 32FC1, jpeg or png.",
    },
    { name: "step", type: "int", default: 0 },
    { name: "data", type: "bytes", default: "" },
  ],
};

const FEATURE: JsonObject = {
  type: "record",
  name: "Feature",
  namespace: AVRO_NAMESPACE,
  doc: "One input or output of a policy.",
  fields: [
    { name: "dtype", type: "string", doc: "A tensor dtype, or image, video, string." },
    { name: "shape", type: arrayOf("int"), default: [] },
    { name: "names", type: arrayOf("string"), default: [] },
  ],
};

const TENSOR_REF = `${AVRO_NAMESPACE}.Tensor`;

function record(name: string, doc: string, fields: Json[]): JsonObject {
  return { type: "record", name, namespace: AVRO_NAMESPACE, doc, fields };
}

/** The Avro schema of each message, self-contained. */
export const AVRO_SCHEMAS: { readonly [M in MessageName]: JsonObject } = Object.freeze({
  Tensor: TENSOR,
  Image: IMAGE,
  Observation: record("Observation", "What a robot sends its policy server.", [
    { name: "timestamp_ns", type: "long", default: 0, doc: "Nanoseconds since the Unix epoch." },
    { name: "timestep", type: "long", default: 0 },
    { name: "task", type: "string", default: "" },
    { name: "must_go", type: "boolean", default: false },
    { name: "state", type: TENSOR },
    { name: "state_names", type: arrayOf("string"), default: [] },
    { name: "images", type: mapOf(IMAGE), default: {} },
    { name: "extras", type: mapOf(TENSOR_REF), default: {} },
  ]),
  ActionChunk: record(
    "ActionChunk",
    "T actions of D values: action i happens at timestamp_ns + i x step_ns, at step timestep + i.",
    [
      { name: "timestamp_ns", type: "long", default: 0 },
      { name: "timestep", type: "long", default: 0 },
      { name: "step_ns", type: "long", default: 0 },
      { name: "actions", type: TENSOR, doc: "Shape [T, D], T >= 1." },
      { name: "action_names", type: arrayOf("string"), default: [] },
    ],
  ),
  PolicySetup: record("PolicySetup", "How a client configures a policy server.", [
    {
      name: "policy_type",
      type: "string",
      doc: "act, smolvla, diffusion, tdmpc, vqbet, pi0, pi05 or groot.",
    },
    { name: "pretrained_name_or_path", type: "string" },
    { name: "features", type: mapOf(FEATURE), default: {} },
    { name: "actions_per_chunk", type: "int", doc: "1 .. 1000." },
    { name: "device", type: "string", doc: "cpu, cuda, cuda:N or mps." },
    { name: "rename_map", type: mapOf("string"), default: {} },
  ]),
  Transition: record("Transition", "One environment step, for a replay buffer.", [
    { name: "state", type: mapOf(TENSOR), default: {} },
    { name: "action", type: TENSOR_REF },
    { name: "reward", type: "double", default: 0 },
    { name: "next_state", type: mapOf(TENSOR_REF), default: {} },
    { name: "done", type: "boolean", default: false },
    { name: "truncated", type: "boolean", default: false },
    { name: "info", type: mapOf(TENSOR_REF), default: {} },
  ]),
  Parameters: record("Parameters", "A model's state dict.", [
    { name: "tensors", type: mapOf(TENSOR), default: {} },
  ]),
  InteractionStats: record("InteractionStats", "What an actor reports after an episode.", [
    { name: "episodic_reward", type: "double", default: 0 },
    { name: "interaction_step", type: "long", default: 0 },
    { name: "intervention_rate", type: "double", default: 0 },
    { name: "episode_interventions", type: "int", default: 0 },
    { name: "extra", type: mapOf("double"), default: {} },
  ]),
});
