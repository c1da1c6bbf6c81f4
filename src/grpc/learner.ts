/**
 * LearnerService, typed end to end: parameters flow to actors and transitions flow back, each large
 * message split into Chunks and reassembled (see ./chunks.ts) under the receiver's limits.
 */
import type { Codec } from "../codec.js";
import type { Limits } from "../limits.js";
import { codec } from "../robotics/codecs.js";
import { limitsFor } from "../robotics/limits.js";
import type { InteractionStats, Parameters, Transition } from "../robotics/messages.js";
import { DEFAULT_PIECE_BYTES } from "./chunks.js";
import { type CallOptions, type ClientOptions, RpcChannel } from "./client.js";
import { LEARNER_METHODS, LEARNER_SERVICE } from "./definitions.js";
import { CHUNK_OVERHEAD_BYTES, type Empty, emptyCodec, repeatedCodec } from "./messages.js";
import {
  type Awaitable,
  anyIn,
  anyOut,
  type CallContext,
  type SafewireServer,
  type ServerOptions,
  type ServiceBinding,
  startServer,
} from "./server.js";
import { chunkedInbound, chunkedOutbound, codecInbound, codecOutbound } from "./wire.js";

/** What a learner does. A missing handler answers UNIMPLEMENTED (Ready answers OK). */
export interface LearnerHandlers {
  ready?(ctx: CallContext): Awaitable<void>;
  /** Parameters to publish to the actor, each time they change, until `ctx.signal` aborts. */
  streamParameters?(ctx: CallContext): AsyncIterable<Parameters> | Iterable<Parameters>;
  /** Batches of transitions from the actor, each reassembled and validated. */
  sendTransitions?(batches: AsyncIterable<Transition[]>, ctx: CallContext): Awaitable<void>;
  /** Episode statistics from the actor. */
  sendInteractions?(stats: AsyncIterable<InteractionStats>, ctx: CallContext): Awaitable<void>;
}

export interface LearnerLimits {
  /** Over the robotics defaults: a Parameters message (the whole of a transfer) is 64 MiB at most. */
  Parameters?: Partial<Limits>;
  /** Over the robotics defaults, for each transition in a batch. */
  Transition?: Partial<Limits>;
  InteractionStats?: Partial<Limits>;
  /** A whole TransitionBatch (one transfer): default 64 MiB and 65,536 transitions. */
  TransitionBatch?: { maxBytes?: number; maxItems?: number };
}

interface LearnerCodecOptions {
  limits?: LearnerLimits;
  /** NaN and ±Infinity in doubles and floating-point tensors: see `SchemaOptions.allowNonFinite`. */
  allowNonFinite?: boolean;
  /** Data bytes per Chunk sent. Default 2 MiB. */
  pieceBytes?: number;
  /** Largest Chunk data accepted. Default 4 MiB (and never below `pieceBytes`). */
  maxPieceBytes?: number;
}

export interface LearnerServerOptions extends ServerOptions, LearnerCodecOptions {}
export interface LearnerClientOptions extends ClientOptions, LearnerCodecOptions {}

const MiB = 1024 * 1024;

interface LearnerCodecs {
  Parameters: Codec<Parameters>;
  TransitionBatch: Codec<Transition[]>;
  InteractionStats: Codec<InteractionStats>;
}

function learnerCodecs(opts: LearnerCodecOptions): LearnerCodecs {
  const o = (l: Partial<Limits> | undefined) => ({
    ...(l !== undefined ? { limits: l } : {}),
    ...(opts.allowNonFinite !== undefined ? { allowNonFinite: opts.allowNonFinite } : {}),
  });
  const batch = opts.limits?.TransitionBatch ?? {};
  return {
    Parameters: codec("Parameters", "protobuf", o(opts.limits?.Parameters)),
    TransitionBatch: repeatedCodec(codec("Transition", "protobuf", o(opts.limits?.Transition)), {
      maxBytes: batch.maxBytes ?? 64 * MiB,
      maxItems: batch.maxItems ?? 65_536,
      name: "safewire.robotics.v1.TransitionBatch",
    }),
    InteractionStats: codec("InteractionStats", "protobuf", o(opts.limits?.InteractionStats)),
  };
}

function pieces(opts: LearnerCodecOptions): { pieceBytes: number; maxPieceBytes: number } {
  const pieceBytes = opts.pieceBytes ?? DEFAULT_PIECE_BYTES;
  return { pieceBytes, maxPieceBytes: Math.max(opts.maxPieceBytes ?? 2 * DEFAULT_PIECE_BYTES, pieceBytes) };
}

const EMPTY = emptyCodec();
const emptyIn = codecInbound(EMPTY);
const emptyOut = codecOutbound(EMPTY);

/** Starts a learner server. */
export async function createLearnerServer(
  handlers: LearnerHandlers,
  options: LearnerServerOptions,
): Promise<SafewireServer> {
  const c = learnerCodecs(options);
  const { pieceBytes, maxPieceBytes } = pieces(options);
  const M = LEARNER_METHODS;
  const h = handlers;
  const binding: ServiceBinding = {
    service: LEARNER_SERVICE,
    methods: {
      ready: {
        spec: M.ready,
        in: emptyIn,
        out: anyOut(emptyOut),
        fn: async (_req: unknown, ctx: CallContext) => {
          await h.ready?.(ctx);
          return {};
        },
      },
      streamParameters: {
        spec: M.streamParameters,
        in: emptyIn,
        out: anyOut(chunkedOutbound(c.Parameters, { pieceBytes })),
        ...(h.streamParameters && {
          fn: (_req: unknown, ctx: CallContext) =>
            (h.streamParameters as NonNullable<LearnerHandlers["streamParameters"]>)(ctx),
        }),
      },
      sendTransitions: {
        spec: M.sendTransitions,
        in: anyIn(chunkedInbound(c.TransitionBatch, { pieceBytes: maxPieceBytes })),
        out: anyOut(emptyOut),
        ...(h.sendTransitions && {
          fn: async (reqs: AsyncIterable<unknown>, ctx: CallContext) => {
            await h.sendTransitions?.(reqs as AsyncIterable<Transition[]>, ctx);
            return {};
          },
        }),
      },
      sendInteractions: {
        spec: M.sendInteractions,
        in: anyIn(codecInbound(c.InteractionStats)),
        out: anyOut(emptyOut),
        ...(h.sendInteractions && {
          fn: async (reqs: AsyncIterable<unknown>, ctx: CallContext) => {
            await h.sendInteractions?.(reqs as AsyncIterable<InteractionStats>, ctx);
            return {};
          },
        }),
      },
    },
  };
  return startServer([binding], options);
}

/** An actor's side of LearnerService. */
export interface LearnerClient {
  readonly target: string;
  readonly session: string;
  ready(opts?: CallOptions): Promise<void>;
  /** Parameters as the learner publishes them, each reassembled from its Chunks and validated. */
  streamParameters(opts?: CallOptions): AsyncGenerator<Parameters, void, undefined>;
  /** Sends each batch as one chunked transfer. */
  sendTransitions(
    batches: AsyncIterable<Transition[]> | Iterable<Transition[]>,
    opts?: CallOptions,
  ): Promise<void>;
  sendInteractions(
    stats: AsyncIterable<InteractionStats> | Iterable<InteractionStats>,
    opts?: CallOptions,
  ): Promise<void>;
  waitForReady(timeoutMs?: number): Promise<void>;
  close(): void;
}

/** A client for one learner, or several behind grpc-js's round_robin balancer. */
export function createLearnerClient(
  addresses: string | readonly string[],
  options: LearnerClientOptions,
): LearnerClient {
  const c = learnerCodecs(options);
  const { pieceBytes, maxPieceBytes } = pieces(options);
  const channel = new RpcChannel(addresses, options, {
    maxReceiveBytes: maxPieceBytes + CHUNK_OVERHEAD_BYTES,
    maxSendBytes: Math.max(
      pieceBytes + CHUNK_OVERHEAD_BYTES,
      limitsFor("InteractionStats", options.limits?.InteractionStats).maxBytes,
    ),
  });
  const params = chunkedInbound(c.Parameters, { pieceBytes: maxPieceBytes });
  const batches = chunkedOutbound(c.TransitionBatch, { pieceBytes });
  const stats = codecOutbound(c.InteractionStats);
  const M = LEARNER_METHODS;
  const S = LEARNER_SERVICE;
  const md = (opts: CallOptions) => channel.metadata({}, opts);
  return {
    target: channel.target,
    session: channel.session,
    async ready(opts = {}) {
      await channel.unary(S, M.ready, emptyOut, emptyIn, {} as Empty, md(opts), opts);
    },
    streamParameters(opts = {}) {
      return channel.serverStream(S, M.streamParameters, emptyOut, params, {} as Empty, md(opts), opts);
    },
    async sendTransitions(list, opts = {}) {
      await channel.clientStream(S, M.sendTransitions, batches, emptyIn, list, md(opts), opts);
    },
    async sendInteractions(list, opts = {}) {
      await channel.clientStream(S, M.sendInteractions, stats, emptyIn, list, md(opts), opts);
    },
    waitForReady: (timeoutMs) => channel.waitForReady(timeoutMs),
    close: () => channel.close(),
  };
}
