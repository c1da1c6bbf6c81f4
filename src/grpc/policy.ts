/**
 * PolicyService (and PolicyEnvelopeService), typed end to end: a policy server and the robot's client.
 */
import type { Codec } from "../codec.js";
import type { Format } from "../errors.js";
import type { Limits } from "../limits.js";
import { codec, loadAvro } from "../robotics/codecs.js";
import { limitsFor } from "../robotics/limits.js";
import type { ActionChunk, Observation, PolicySetup } from "../robotics/messages.js";
import { type CallOptions, type ClientOptions, RpcChannel } from "./client.js";
import { POLICY_ENVELOPE_SERVICE, POLICY_METHODS, POLICY_SERVICE } from "./definitions.js";
import { type Empty, ENVELOPE_OVERHEAD_BYTES, emptyCodec } from "./messages.js";
import {
  type Awaitable,
  anyIn,
  anyOut,
  type Binding,
  type CallContext,
  type SafewireServer,
  type ServerOptions,
  type ServiceBinding,
  startServer,
} from "./server.js";
import {
  codecInbound,
  codecOutbound,
  envelopeInbound,
  envelopeOutbound,
  type Inbound,
  MD_WIRE_FORMAT,
  type Outbound,
} from "./wire.js";

/** What a policy server does. A missing handler answers UNIMPLEMENTED (Ready answers OK). */
export interface PolicyHandlers {
  ready?(ctx: CallContext): Awaitable<void>;
  /** Configure (or load) the policy for `ctx.session`. */
  sendPolicyInstructions?(setup: PolicySetup, ctx: CallContext): Awaitable<void>;
  /**
   * Consume the robot's observations. A refused observation ends the loop with an error (the client has
   * already been answered); the observations before it were valid.
   */
  sendObservations?(observations: AsyncIterable<Observation>, ctx: CallContext): Awaitable<void>;
  /** The action chunk for the session's latest observation. */
  getActions?(ctx: CallContext): Awaitable<ActionChunk>;
  /** Action chunks as they are computed, until `ctx.signal` aborts. */
  streamActions?(ctx: CallContext): AsyncIterable<ActionChunk> | Iterable<ActionChunk>;
}

/** Limits per message, over the robotics defaults (`MESSAGE_LIMITS`). */
export interface PolicyLimits {
  PolicySetup?: Partial<Limits>;
  Observation?: Partial<Limits>;
  ActionChunk?: Partial<Limits>;
}

interface PolicyCodecOptions {
  limits?: PolicyLimits;
  /** NaN and ±Infinity in doubles and floating-point tensors: see `SchemaOptions.allowNonFinite`. */
  allowNonFinite?: boolean;
}

export interface PolicyServerOptions extends ServerOptions, PolicyCodecOptions {
  /**
   * Wire formats served. "protobuf" is PolicyService; "msgpack" and "avro" are PolicyEnvelopeService
   * (the message inside an Envelope). Default: ["protobuf"].
   */
  formats?: readonly Format[];
}

export interface PolicyClientOptions extends ClientOptions, PolicyCodecOptions {
  /** "protobuf" (PolicyService, the default), or "msgpack" / "avro" (PolicyEnvelopeService). */
  format?: Format;
}

interface PolicyCodecs {
  PolicySetup: Codec<PolicySetup>;
  Observation: Codec<Observation>;
  ActionChunk: Codec<ActionChunk>;
}

function policyCodecs(format: Format, opts: PolicyCodecOptions): PolicyCodecs {
  const o = (l: Partial<Limits> | undefined) => ({
    ...(l !== undefined ? { limits: l } : {}),
    ...(opts.allowNonFinite !== undefined ? { allowNonFinite: opts.allowNonFinite } : {}),
  });
  return {
    PolicySetup: codec("PolicySetup", format, o(opts.limits?.PolicySetup)),
    Observation: codec("Observation", format, o(opts.limits?.Observation)),
    ActionChunk: codec("ActionChunk", format, o(opts.limits?.ActionChunk)),
  };
}

interface PolicyWires {
  setup: Inbound<PolicySetup>;
  setupOut: Outbound<PolicySetup>;
  observation: Inbound<Observation>;
  observationOut: Outbound<Observation>;
  chunk: Inbound<ActionChunk>;
  chunkOut: Outbound<ActionChunk>;
}

function directWires(c: PolicyCodecs): PolicyWires {
  return {
    setup: codecInbound(c.PolicySetup),
    setupOut: codecOutbound(c.PolicySetup),
    observation: codecInbound(c.Observation),
    observationOut: codecOutbound(c.Observation),
    chunk: codecInbound(c.ActionChunk),
    chunkOut: codecOutbound(c.ActionChunk),
  };
}

function envelopeWires(byFormat: Partial<Record<Format, PolicyCodecs>>): PolicyWires {
  const pick = <K extends keyof PolicyCodecs>(k: K) => {
    const out: Partial<Record<Format, PolicyCodecs[K]>> = {};
    for (const [f, c] of Object.entries(byFormat)) out[f as Format] = (c as PolicyCodecs)[k];
    return out;
  };
  const n = (m: string) => `safewire.robotics.v1.Envelope(${m})`;
  return {
    setup: envelopeInbound(n("PolicySetup"), pick("PolicySetup")),
    setupOut: envelopeOutbound(n("PolicySetup"), pick("PolicySetup")),
    observation: envelopeInbound(n("Observation"), pick("Observation")),
    observationOut: envelopeOutbound(n("Observation"), pick("Observation")),
    chunk: envelopeInbound(n("ActionChunk"), pick("ActionChunk")),
    chunkOut: envelopeOutbound(n("ActionChunk"), pick("ActionChunk")),
  };
}

const EMPTY = emptyCodec();
const emptyIn = codecInbound(EMPTY);
const emptyOut = codecOutbound(EMPTY);
const anyEmptyOut = anyOut(emptyOut);

function policyBinding(service: string, w: PolicyWires, h: PolicyHandlers): ServiceBinding {
  const M = POLICY_METHODS;
  const methods: Record<string, Binding> = {
    ready: {
      spec: M.ready,
      in: emptyIn,
      out: anyEmptyOut,
      fn: async (_req: unknown, ctx: CallContext) => {
        await h.ready?.(ctx);
        return {};
      },
    },
    sendPolicyInstructions: {
      spec: M.sendPolicyInstructions,
      in: anyIn(w.setup),
      out: anyEmptyOut,
      ...(h.sendPolicyInstructions && {
        fn: async (req: unknown, ctx: CallContext) => {
          await h.sendPolicyInstructions?.(req as PolicySetup, ctx);
          return {};
        },
      }),
    },
    sendObservations: {
      spec: M.sendObservations,
      in: anyIn(w.observation),
      out: anyEmptyOut,
      ...(h.sendObservations && {
        fn: async (reqs: AsyncIterable<unknown>, ctx: CallContext) => {
          await h.sendObservations?.(reqs as AsyncIterable<Observation>, ctx);
          return {};
        },
      }),
    },
    getActions: {
      spec: M.getActions,
      in: emptyIn,
      out: anyOut(w.chunkOut),
      ...(h.getActions && { fn: (_req: unknown, ctx: CallContext) => h.getActions?.(ctx) }),
    },
    streamActions: {
      spec: M.streamActions,
      in: emptyIn,
      out: anyOut(w.chunkOut),
      ...(h.streamActions && {
        fn: (_req: unknown, ctx: CallContext) =>
          (h.streamActions as NonNullable<PolicyHandlers["streamActions"]>)(ctx),
      }),
    },
  };
  return { service, methods };
}

/**
 * Starts a policy server. Every request is decoded by the robotics codecs before a handler sees it;
 * gRPC's receive limit is the largest of their `maxBytes`.
 *
 * ```ts
 * const server = await createPolicyServer({ getActions: (ctx) => chunkFor(ctx.session) },
 *   { address: "127.0.0.1:50051", insecure: true });
 * ```
 */
export async function createPolicyServer(
  handlers: PolicyHandlers,
  options: PolicyServerOptions,
): Promise<SafewireServer> {
  const formats: Format[] = [...new Set<Format>(options.formats ?? ["protobuf"])];
  if (formats.length === 0) throw new TypeError("createPolicyServer: formats must name at least one format");
  if (formats.includes("avro")) await loadAvro();
  const byFormat: Partial<Record<Format, PolicyCodecs>> = {};
  for (const f of formats) byFormat[f] = policyCodecs(f, options);
  const services: ServiceBinding[] = [];
  if (byFormat.protobuf !== undefined) {
    services.push(policyBinding(POLICY_SERVICE, directWires(byFormat.protobuf), handlers));
  }
  if (formats.some((f) => f !== "protobuf")) {
    services.push(policyBinding(POLICY_ENVELOPE_SERVICE, envelopeWires(byFormat), handlers));
  }
  return startServer(services, options);
}

/** A robot's side of PolicyService. */
export interface PolicyClient {
  /** The gRPC target (`ipv4:a:p,b:p` for several servers). */
  readonly target: string;
  /** The `safewire-session` sent on every call. */
  readonly session: string;
  readonly format: Format;
  ready(opts?: CallOptions): Promise<void>;
  sendPolicyInstructions(setup: PolicySetup, opts?: CallOptions): Promise<void>;
  /** Streams observations until the iterable ends; resolves when the server has taken them all. */
  sendObservations(
    observations: AsyncIterable<Observation> | Iterable<Observation>,
    opts?: CallOptions,
  ): Promise<void>;
  getActions(opts?: CallOptions): Promise<ActionChunk>;
  /** Action chunks as the server sends them; breaking out of the loop cancels the call. */
  streamActions(opts?: CallOptions): AsyncGenerator<ActionChunk, void, undefined>;
  /** Resolves once connected; rejects with UNAVAILABLE after `timeoutMs`. */
  waitForReady(timeoutMs?: number): Promise<void>;
  close(): void;
}

/**
 * A client for one policy server, or several (`["127.0.0.1:5001", "127.0.0.1:5002"]`) that grpc-js's
 * round_robin balancer spreads calls over. For `format: "avro"`, Avro support loads on the first call.
 */
export function createPolicyClient(
  addresses: string | readonly string[],
  options: PolicyClientOptions,
): PolicyClient {
  const format = options.format ?? "protobuf";
  const service = format === "protobuf" ? POLICY_SERVICE : POLICY_ENVELOPE_SERVICE;
  const extra: Record<string, string> = format === "protobuf" ? {} : { [MD_WIRE_FORMAT]: format };
  const build = (): PolicyWires => {
    const c = policyCodecs(format, options);
    return format === "protobuf" ? directWires(c) : envelopeWires({ [format]: c });
  };
  // Avro loads asynchronously (avsc compiles code when it loads); the others are ready now.
  let wires: PolicyWires | undefined = format === "avro" ? undefined : build();
  const ready = async (): Promise<PolicyWires> => {
    if (wires === undefined) {
      await loadAvro();
      wires = build();
    }
    return wires;
  };
  // gRPC's limits follow the codecs' (known before Avro loads: they are the robotics message limits).
  const overhead = format === "protobuf" ? 0 : ENVELOPE_OVERHEAD_BYTES;
  const max = (m: "PolicySetup" | "Observation" | "ActionChunk") =>
    limitsFor(m, options.limits?.[m]).maxBytes + overhead;
  const channel = new RpcChannel(addresses, options, {
    maxReceiveBytes: max("ActionChunk"),
    maxSendBytes: Math.max(max("PolicySetup"), max("Observation")),
  });
  const M = POLICY_METHODS;
  const md = (opts: CallOptions) => channel.metadata(extra, opts);

  return {
    target: channel.target,
    session: channel.session,
    format,
    async ready(opts = {}) {
      await channel.unary(service, M.ready, emptyOut, emptyIn, {} as Empty, md(opts), opts);
    },
    async sendPolicyInstructions(setup, opts = {}) {
      const w = await ready();
      await channel.unary(service, M.sendPolicyInstructions, w.setupOut, emptyIn, setup, md(opts), opts);
    },
    async sendObservations(observations, opts = {}) {
      const w = await ready();
      await channel.clientStream(
        service,
        M.sendObservations,
        w.observationOut,
        emptyIn,
        observations,
        md(opts),
        opts,
      );
    },
    async getActions(opts = {}) {
      const w = await ready();
      return channel.unary(service, M.getActions, emptyOut, w.chunk, {} as Empty, md(opts), opts);
    },
    async *streamActions(opts = {}) {
      const w = await ready();
      yield* channel.serverStream(service, M.streamActions, emptyOut, w.chunk, {} as Empty, md(opts), opts);
    },
    waitForReady: (timeoutMs) => channel.waitForReady(timeoutMs),
    close: () => channel.close(),
  };
}
