export { type MsgpackCodecOptions, msgpackCodec } from "./codec.js";
