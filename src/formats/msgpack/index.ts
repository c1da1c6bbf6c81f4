/**
 * `safewire/msgpack`: safewire's MessagePack format, on @msgpack/msgpack.
 *
 * @module safewire/msgpack
 */
export { type MsgpackCodecOptions, msgpackCodec } from "./codec.js";
