/**
 * `safewire/testing`: fuzz your own decoder: fast-check arbitraries for the robotics messages, hostile
 * payloads, byte mutations, and `assertSafeDecoder`.
 *
 * @module safewire/testing
 */
export {
  arbitraries,
  type ImageArbitraryOptions,
  type ObservationArbitraryOptions,
  type RoboticsArbitraryOptions,
  type TensorArbitraryOptions,
} from "./arbitraries.js";
export {
  assertSafeDecoder,
  checkInput,
  type DecodeTarget,
  type SafeDecoderOptions,
  UnsafeDecoderError,
} from "./assert-safe-decoder.js";
export type { HostilePayload } from "./hostile.js";
export * as hostile from "./hostile.js";
export { applyMutations, type Mutation, mutated, mutations } from "./mutate.js";
