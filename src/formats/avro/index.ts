export type { AvroSchema, AvroTypeInput } from "./avsc.js";
export { type AvroCodecOptions, avroCodec } from "./codec.js";
