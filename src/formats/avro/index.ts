/**
 * `safewire/avro`: safewire's Avro format, on avsc.
 *
 * @module safewire/avro
 */
export type { AvroSchema, AvroTypeInput } from "./avsc.js";
export { type AvroCodecOptions, avroCodec } from "./codec.js";
