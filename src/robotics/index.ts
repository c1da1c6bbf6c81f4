/**
 * `safewire/robotics`: typed, validated, bounded messages for robot policies and training loops, in
 * protobuf, Avro and MessagePack. Importing it never loads avsc (see `loadAvro`).
 *
 * @module safewire/robotics
 */
export type { Codec } from "../codec.js";
export type { Format } from "../errors.js";
export type { Limits } from "../limits.js";
export { AVRO_NAMESPACE, AVRO_SCHEMAS, type Json, type JsonObject } from "./avro-schemas.js";
export { avroLoaded, type CodecOptions, codec, loadAvro, loadCodec } from "./codecs.js";
export * as image from "./image.js";
export {
  bytesPerPixel,
  type CompressedEncoding,
  hasMagic,
  IMAGE_ENCODINGS,
  type Image,
  type ImageEncoding,
  isCompressed,
  MAGIC,
  RAW_ENCODINGS,
  type RawEncoding,
} from "./image.js";
export { limitsFor, MESSAGE_LIMITS } from "./limits.js";
export {
  type ActionChunk,
  ActionChunkSchema,
  DEVICE_PATTERN,
  type Device,
  FEATURE_DTYPES,
  type Feature,
  type FeatureDtype,
  ImageSchema,
  type InteractionStats,
  InteractionStatsSchema,
  MAX_ACTIONS_PER_CHUNK,
  MESSAGE_NAMES,
  type MessageName,
  type MessageSchemas,
  type Messages,
  messageSchemas,
  type Observation,
  ObservationSchema,
  type Parameters,
  ParametersSchema,
  POLICY_TYPES,
  type PolicySetup,
  PolicySetupSchema,
  type PolicyType,
  parse,
  type SchemaOptions,
  TensorSchema,
  type Transition,
  TransitionSchema,
} from "./messages.js";
export * as tensor from "./tensor.js";
export {
  DTYPES,
  type Dtype,
  elementCount,
  expectedByteLength,
  type FromTypedArrayOptions,
  fromTypedArray,
  ITEMSIZE,
  MAX_DIM,
  MAX_RANK,
  type Tensor,
  type TensorLike,
  type TensorTypedArray,
  type TypedArrayFor,
  toTypedArray,
} from "./tensor.js";
