/**
 * `safewire/grpc`: PolicyService and LearnerService over gRPC (@grpc/grpc-js, an optional peer
 * dependency that only this entry point loads), with every payload decoded by a safewire codec.
 *
 * @module safewire/grpc
 */
export {
  type ChunkerOptions,
  chunkMessage,
  DEFAULT_PIECE_BYTES,
  Reassembler,
  type ReassemblerOptions,
} from "./chunks.js";
export {
  type CallOptions,
  type ClientOptions,
  createRawClient,
  DEFAULT_DEADLINE_MS,
  grpcTarget,
  type RawClient,
  type RawOutcome,
} from "./client.js";
export {
  type ClientTlsOptions,
  isLoopbackHost,
  type SecurityOptions,
  type ServerTlsOptions,
} from "./credentials.js";
export {
  LEARNER_METHODS,
  LEARNER_SERVICE,
  MD_SESSION,
  type MethodKind,
  type MethodSpec,
  methodPath,
  POLICY_ENVELOPE_SERVICE,
  POLICY_METHODS,
  POLICY_SERVICE,
} from "./definitions.js";
export {
  createLearnerClient,
  createLearnerServer,
  type LearnerClient,
  type LearnerClientOptions,
  type LearnerHandlers,
  type LearnerLimits,
  type LearnerServerOptions,
} from "./learner.js";
export {
  type Chunk,
  chunkCodec,
  type Empty,
  ENVELOPE_FORMATS,
  type Envelope,
  type EnvelopeFormat,
  emptyCodec,
  envelopeCodec,
  type RepeatedCodecOptions,
  repeatedCodec,
} from "./messages.js";
export {
  createPolicyClient,
  createPolicyServer,
  type PolicyClient,
  type PolicyClientOptions,
  type PolicyHandlers,
  type PolicyLimits,
  type PolicyServerOptions,
} from "./policy.js";
export type {
  Awaitable,
  CallContext,
  HandlerErrorEvent,
  RefusalEvent,
  SafewireServer,
  ServerOptions,
} from "./server.js";
export {
  grpcStatusFor,
  MD_CODE,
  MD_FORMAT,
  MD_LIMIT,
  MD_MESSAGE,
  MD_OFFSET,
  MD_PATH,
  readSafewireDetails,
  type SafewireDetails,
  SafewireRpcError,
  StatusError,
} from "./status.js";
export { MD_WIRE_FORMAT } from "./wire.js";
