/**
 * The server side: wraps typed handlers so that every payload is decoded by a safewire codec first.
 * A refused payload ends the call with INVALID_ARGUMENT or RESOURCE_EXHAUSTED and the safewire details in
 * the trailers; the handler never sees it, the refusal is reported (console.warn by default), and the
 * server goes on serving. Only the server's own reading of the request (its payloads and its metadata) is
 * a refusal: whatever a handler throws, a SafewireError included, is the server's failure (INTERNAL).
 */
import type { EventEmitter } from "node:events";
import {
  type ChannelOptions,
  type handleClientStreamingCall,
  type handleServerStreamingCall,
  type handleUnaryCall,
  Metadata,
  Server,
  type ServerErrorResponse,
  ServerInterceptingCall,
  type ServerInterceptor,
  type ServerReadableStream,
  type ServerWritableStream,
  status,
  type UntypedServiceImplementation,
} from "@grpc/grpc-js";
import { type ErrorCode, formatPath, isSafewireError, malformedIssue, SafewireError } from "../errors.js";
import {
  type SecurityOptions,
  type ServerTlsOptions,
  serverCredentials,
  tokenChecker,
} from "./credentials.js";
import { MD_SESSION, type MethodSpec, methodPath, rawServiceDefinition, toBuffer } from "./definitions.js";
import { detailsText, refusalStatus, StatusError, statusName } from "./status.js";
import type { Inbound, Outbound } from "./wire.js";

/** A handler may answer at once or later. */
export type Awaitable<T> = T | Promise<T>;

/** What a handler learns about its call. */
export interface CallContext {
  /** The rpc's name, `SendObservations`. */
  readonly method: string;
  /** The peer's address, `ipv4:127.0.0.1:53012`. */
  readonly peer: string;
  /** The `safewire-session` metadata, when the client sent one. */
  readonly session: string | undefined;
  readonly metadata: Metadata;
  /**
   * Aborted when the call is cancelled, its deadline passes, or the server shuts down. A client stream
   * the client cancels ends the handler's loop with an error, not as a complete stream, when the cancel
   * is known by its end: always from a C-core client (Python's grpcio). A grpc-js client sends its end of
   * stream just before its cancel (grpc-node#2583): the loop may then end as complete, the signal
   * aborting only after. Where an interrupted upload must not count, the messages themselves must say
   * which one is the last (a chunked transfer cut short is refused either way).
   */
  readonly signal: AbortSignal;
}

/** A refused call, as reported to `onRefused`. */
export interface RefusalEvent {
  method: string;
  peer: string;
  /** `INVALID_ARGUMENT`, `RESOURCE_EXHAUSTED` or `UNAUTHENTICATED`. */
  status: string;
  /** The safewire code, for a refused payload. */
  code?: ErrorCode;
  /** The path in the message, for a refused payload. */
  path?: string;
  /** One sentence. */
  message: string;
  error?: SafewireError;
}

/** A handler failure (a bug on the server side), as reported to `onError`. */
export interface HandlerErrorEvent {
  method: string;
  peer: string;
  error: unknown;
}

export interface ServerOptions extends SecurityOptions<ServerTlsOptions> {
  /** Where to listen: `127.0.0.1:50051`, `[::1]:0` (0 picks a free port), `0.0.0.0:50051` (TLS only). */
  address: string;
  /** Called for every refused call. Default: one `console.warn` line each. */
  onRefused?: (event: RefusalEvent) => void;
  /**
   * Called when a handler throws (the peer gets INTERNAL), except once its call's signal has aborted
   * (cancelled, past its deadline, or the server closing): stopping then is not a failure. Default: `console.error`.
   */
  onError?: (event: HandlerErrorEvent) => void;
  /** Extra grpc-js server options (keepalive, max concurrent streams, …). */
  grpcOptions?: ChannelOptions;
}

/** A running server. */
export interface SafewireServer {
  /** `127.0.0.1:50051`, with the port actually bound. */
  readonly address: string;
  readonly port: number;
  /** The grpc-js server, for what safewire does not wrap. */
  readonly grpcServer: Server;
  /**
   * Graceful shutdown: stops accepting calls, aborts the handlers' signals so streams can finish, waits up
   * to `graceMs` (default 5000) for calls in flight, then cancels what is left.
   */
  close(graceMs?: number): Promise<void>;
}

/** One method: its spec, its wires, and the typed handler (undefined → UNIMPLEMENTED). */
export type Binding =
  | { spec: MethodSpec & { kind: "unary" }; in: Inbound<unknown>; out: Outbound<unknown>; fn?: UnaryFn }
  | {
      spec: MethodSpec & { kind: "clientStream" };
      in: Inbound<unknown>;
      out: Outbound<unknown>;
      fn?: ClientStreamFn;
    }
  | {
      spec: MethodSpec & { kind: "serverStream" };
      in: Inbound<unknown>;
      out: Outbound<unknown>;
      fn?: ServerStreamFn;
    };
export type UnaryFn = (request: unknown, ctx: CallContext) => unknown;
export type ClientStreamFn = (requests: AsyncIterable<unknown>, ctx: CallContext) => unknown;
export type ServerStreamFn = (
  request: unknown,
  ctx: CallContext,
) => AsyncIterable<unknown> | Iterable<unknown>;

/** Erases a wire's message type for a Binding table (the typed wrappers keep types straight). */
export function anyIn<T>(w: Inbound<T>): Inbound<unknown> {
  return w as Inbound<unknown>;
}
export function anyOut<T>(w: Outbound<T>): Outbound<unknown> {
  return w as unknown as Outbound<unknown>;
}

export interface ServiceBinding {
  service: string;
  methods: Record<string, Binding>;
}

const defaultRefused = (e: RefusalEvent): void => {
  console.warn(`safewire grpc: refused ${e.method} from ${e.peer}: ${e.status}: ${e.message}`);
};
const defaultError = (e: HandlerErrorEvent): void => {
  console.error(`safewire grpc: handler ${e.method} failed for ${e.peer}:`, e.error);
};

/** Thrown inside a call wrapper once the call has been answered: the handler's loop stops, nothing more is sent. */
class CallEnded extends Error {
  override readonly name = "CallEnded";
}

type SurfaceCall = { getPeer(): string; readonly metadata: Metadata } & EventEmitter;

function metadataString(md: Metadata, key: string): string | undefined {
  const v = md.get(key)[0];
  return typeof v === "string" ? v : undefined;
}

/** Starts a server with the given services bound. */
export async function startServer(
  services: ServiceBinding[],
  options: ServerOptions,
): Promise<SafewireServer> {
  const creds = serverCredentials(options, options.address);
  const onRefused = options.onRefused ?? defaultRefused;
  const onError = options.onError ?? defaultError;
  const authorized = tokenChecker(options.token);
  const live = new Set<AbortController>();

  let maxIn = 0;
  let maxOut = 0;
  for (const s of services) {
    for (const b of Object.values(s.methods)) {
      maxIn = Math.max(maxIn, b.in.maxBytes);
      maxOut = Math.max(maxOut, b.out.maxBytes);
    }
  }
  // gRPC's own limits follow the codecs': anything larger never reaches a handler wrapper.
  // The token is checked on the call's headers, before grpc-js reads a byte of its messages. The handler
  // wrappers check it too, but grpc-js runs a unary or server-streaming handler only once the whole request
  // message has arrived: without this, a client with no token had the server buffer up to the receive
  // limit per call, and a call whose message never came was never answered at all.
  const tokenFirst: ServerInterceptor = (method, call) =>
    new ServerInterceptingCall(call, {
      start(next) {
        next({
          onReceiveMetadata(metadata, forward) {
            if (authorized(metadata)) return forward(metadata);
            const name = method.path.slice(method.path.lastIndexOf("/") + 1);
            const refused = unauthenticated(name, call.getPeer());
            call.sendStatus({
              code: status.UNAUTHENTICATED,
              details: refused.message,
              metadata: new Metadata(),
            });
          },
        });
      },
    });
  // grpc-js ends a call's requests when the client's stream ends, even inside a message (a length prefix
  // announcing more bytes than came): the cut message was dropped without a word, a client stream then
  // ending as complete (OK) and a unary call answered UNIMPLEMENTED "Received no request message for
  // server streaming method". Its decoder's state is not public: read defensively, and pinned by a test.
  const inbound = new Map<string, string>();
  for (const s of services) {
    for (const b of Object.values(s.methods)) inbound.set(methodPath(s.service, b.spec), b.in.name);
  }
  const wholeMessages: ServerInterceptor = (method, call) => {
    const decoder = (call as { decoder?: { readState?: unknown; readMessageRemaining?: unknown } }).decoder;
    return new ServerInterceptingCall(call, {
      start(next) {
        next({
          onReceiveHalfClose(forward) {
            if (typeof decoder?.readState !== "number" || decoder.readState === 0) return forward();
            const missing =
              typeof decoder.readMessageRemaining === "number" ? decoder.readMessageRemaining : 0;
            const what = decoder.readState === 1 ? "its length prefix" : `${missing} bytes short`;
            const err = new SafewireError({
              format: "protobuf",
              direction: "decode",
              issues: [malformedIssue(`the stream ended inside a gRPC message (${what})`, [])],
            });
            const name = method.path.slice(method.path.lastIndexOf("/") + 1);
            const st = refusal(err, name, call.getPeer(), inbound.get(method.path) ?? name);
            call.sendStatus({
              code: st.code ?? status.INVALID_ARGUMENT,
              details: st.details ?? err.message,
              metadata: st.metadata ?? new Metadata(),
            });
          },
        });
      },
    });
  };
  const grpcOptions = options.grpcOptions ?? {};
  const server = new Server({
    "grpc.max_receive_message_length": maxIn,
    "grpc.max_send_message_length": maxOut,
    ...grpcOptions,
    interceptors: [
      wholeMessages, // first: it wraps grpc-js's own call, whose decoder it reads
      ...(options.token !== undefined ? [tokenFirst] : []),
      ...((grpcOptions.interceptors as ServerInterceptor[] | undefined) ?? []),
    ],
  });

  for (const s of services) {
    const specs: Record<string, MethodSpec> = {};
    const impl: UntypedServiceImplementation = {};
    for (const [key, binding] of Object.entries(s.methods)) {
      specs[key] = binding.spec;
      impl[key] = wrap(s.service, binding);
    }
    server.addService(rawServiceDefinition(s.service, specs), impl);
  }

  function context(call: SurfaceCall, method: string): { ctx: CallContext; done: () => void } {
    const controller = new AbortController();
    live.add(controller);
    const abort = () => controller.abort(new Error(`${method} cancelled`));
    call.on("cancelled", abort);
    const ctx: CallContext = {
      method,
      peer: call.getPeer(),
      session: metadataString(call.metadata, MD_SESSION),
      metadata: call.metadata,
      signal: controller.signal,
    };
    return {
      ctx,
      done: () => {
        live.delete(controller);
        call.removeListener("cancelled", abort);
      },
    };
  }

  /**
   * The status for an error thrown while the server read the request: a SafewireError is the peer's
   * payload or metadata refused (reported to onRefused); anything else is a bug on this side.
   */
  function refusal(err: unknown, method: string, peer: string, message: string): ServerErrorResponse {
    if (isSafewireError(err)) {
      const st = refusalStatus(err, message);
      onRefused({
        method,
        peer,
        status: statusName(st.code),
        code: err.code,
        path: formatPath(err.path),
        message: err.message,
        error: err,
      });
      return Object.assign(new Error(st.details), st);
    }
    return failure(err, method, peer);
  }

  /**
   * The status for an error a handler threw; reports it. A SafewireError here comes from the handler's own
   * codec calls, not from reading the request: a server bug, whose text is not sent to the peer.
   */
  function failure(err: unknown, method: string, peer: string): ServerErrorResponse {
    if (err instanceof StatusError) {
      return Object.assign(new Error(err.message), {
        code: err.code,
        details: detailsText(err.message),
        metadata: err.metadata ?? new Metadata(),
      });
    }
    onError({ method, peer, error: err });
    return Object.assign(new Error("internal error"), {
      code: status.INTERNAL,
      details: `${method}: internal error in the server's handler`,
    });
  }

  function cancelled(): ServerErrorResponse {
    return Object.assign(new Error("cancelled"), { code: status.CANCELLED, details: "cancelled" });
  }

  function unauthenticated(method: string, peer: string): ServerErrorResponse {
    const message = "missing or wrong token (authorization: Bearer <token>)";
    onRefused({ method, peer, status: "UNAUTHENTICATED", message });
    return Object.assign(new Error(message), { code: status.UNAUTHENTICATED, details: message });
  }

  /** A response encoding error is the server's own bug: INTERNAL, reported, never a refusal. */
  function encodeFailure(err: unknown, method: string, peer: string): ServerErrorResponse {
    onError({ method, peer, error: err });
    const why = isSafewireError(err) ? `: ${err.message}` : "";
    return Object.assign(new Error("response refused"), {
      code: status.INTERNAL,
      details: detailsText(`${method}: the server's response failed its own codec${why}`),
    });
  }

  function wrap(service: string, b: Binding) {
    const method = b.spec.name;
    const path = methodPath(service, b.spec);
    const unimplemented = (): ServerErrorResponse =>
      Object.assign(new Error("unimplemented"), {
        code: status.UNIMPLEMENTED,
        details: `${path} is not implemented by this server`,
      });

    if (b.spec.kind === "unary") {
      const fn = (b as Extract<Binding, { spec: { kind: "unary" } }>).fn;
      const handler: handleUnaryCall<Buffer, Buffer> = (call, callback) => {
        const peer = call.getPeer();
        if (!authorized(call.metadata)) return callback(unauthenticated(method, peer));
        let request: unknown;
        try {
          request = b.in.open(call.metadata).push(call.request);
        } catch (err) {
          return callback(refusal(err, method, peer, b.in.name));
        }
        if (fn === undefined) return callback(unimplemented());
        // Opened before the handler runs: the call's metadata may name a response format the server does
        // not serve (PolicyEnvelopeService), which is the client's mistake, not a failed response.
        let encode: (value: unknown) => Iterable<Uint8Array>;
        try {
          encode = b.out.open(call.metadata);
        } catch (err) {
          return callback(refusal(err, method, peer, b.out.name));
        }
        const { ctx, done } = context(call, method);
        Promise.resolve()
          .then(() => fn(request, ctx))
          .then(
            (response) => {
              let out: Uint8Array[];
              try {
                out = [...encode(response)];
              } catch (err) {
                return callback(encodeFailure(err, method, peer));
              }
              callback(null, toBuffer(out[0] as Uint8Array));
            },
            // A handler that stops with an error once its signal aborts (the client cancelled or went away,
            // the deadline passed, the server is shutting down) is not a failure, as in client streams:
            // reported, any client could have the server log handler failures at will by cancelling calls.
            (err) => callback(ctx.signal.aborted ? cancelled() : failure(err, method, peer)),
          )
          .finally(done);
      };
      return handler;
    }

    if (b.spec.kind === "clientStream") {
      const fn = (b as Extract<Binding, { spec: { kind: "clientStream" } }>).fn;
      const handler: handleClientStreamingCall<Buffer, Buffer> = (call, callback) => {
        const peer = call.getPeer();
        if (!authorized(call.metadata)) return callback(unauthenticated(method, peer));
        if (fn === undefined) return callback(unimplemented());
        // Both directions read the call's metadata: refused before the handler runs, as in unary calls.
        let decoder: ReturnType<Inbound<unknown>["open"]>;
        let encode: (value: unknown) => Iterable<Uint8Array>;
        try {
          decoder = b.in.open(call.metadata);
        } catch (err) {
          return callback(refusal(err, method, peer, b.in.name));
        }
        try {
          encode = b.out.open(call.metadata);
        } catch (err) {
          return callback(refusal(err, method, peer, b.out.name));
        }
        let answered = false;
        const answer = (err: ServerErrorResponse | null, value?: Buffer): void => {
          if (answered) return;
          answered = true;
          callback(err, value);
        };
        const { ctx, done } = context(call, method);
        // Only this decode of each request is a refusal; the handler's own errors arrive below.
        const requests = decodeStream(call, decoder, (err) => {
          answer(refusal(err, method, peer, decoder.reading ?? b.in.name));
          call.destroy();
        });
        Promise.resolve()
          .then(() => fn(requests, ctx))
          .then(
            (response) => {
              if (answered) return;
              let out: Uint8Array[];
              try {
                out = [...encode(response)];
              } catch (err) {
                return answer(encodeFailure(err, method, peer));
              }
              answer(null, toBuffer(out[0] as Uint8Array));
            },
            (err) => {
              if (!answered && !(err instanceof CallEnded) && !ctx.signal.aborted) {
                answer(failure(err, method, peer));
              } else if (!answered) {
                answer(cancelled());
              }
            },
          )
          .finally(done);
      };
      return handler;
    }

    const fn = (b as Extract<Binding, { spec: { kind: "serverStream" } }>).fn;
    const handler: handleServerStreamingCall<Buffer, Buffer> = (call) => {
      const peer = call.getPeer();
      const fail = (e: ServerErrorResponse) => call.emit("error", e);
      if (!authorized(call.metadata)) return fail(unauthenticated(method, peer));
      let request: unknown;
      try {
        request = b.in.open(call.metadata).push(call.request);
      } catch (err) {
        return fail(refusal(err, method, peer, b.in.name));
      }
      if (fn === undefined) return fail(unimplemented());
      let encode: (value: unknown) => Iterable<Uint8Array>;
      try {
        encode = b.out.open(call.metadata);
      } catch (err) {
        return fail(refusal(err, method, peer, b.out.name));
      }
      const { ctx, done } = context(call, method);
      (async () => {
        const source = fn(request, ctx);
        for await (const value of source) {
          if (ctx.signal.aborted || call.cancelled) break;
          let payloads: Iterable<Uint8Array>;
          try {
            payloads = encode(value);
            for (const p of payloads) await write(call, p);
          } catch (err) {
            if (err instanceof CallEnded) break;
            fail(encodeFailure(err, method, peer));
            return;
          }
        }
        if (!call.cancelled) call.end();
      })()
        .catch((err) => {
          if (call.cancelled || err instanceof CallEnded) return;
          // A source that stops with an error once its signal aborts (the server closing) is not a
          // failure: CANCELLED, unreported, as in the other kinds of call (it was INTERNAL and onError).
          fail(ctx.signal.aborted ? cancelled() : failure(err, method, peer));
        })
        .finally(done);
    };
    return handler;
  }

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(options.address, creds, (err, p) => (err ? reject(err) : resolve(p)));
  });
  const host = options.address.slice(0, options.address.lastIndexOf(":"));
  let closing: Promise<void> | undefined;

  return {
    address: `${host}:${port}`,
    port,
    grpcServer: server,
    close(graceMs = 5000) {
      closing ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.forceShutdown(), graceMs);
        timer.unref();
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
        for (const c of live) c.abort(new Error("server shutting down"));
      });
      return closing;
    },
  };
}

/** Writes one payload, waiting for the stream to drain when its buffer is full. */
function write(call: ServerWritableStream<Buffer, Buffer>, payload: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    if (call.cancelled) return reject(new CallEnded());
    const onCancel = () => {
      call.removeListener("drain", onDrain);
      reject(new CallEnded());
    };
    const onDrain = () => {
      call.removeListener("cancelled", onCancel);
      resolve();
    };
    if (call.write(toBuffer(payload))) return resolve();
    call.once("drain", onDrain);
    call.once("cancelled", onCancel);
  });
}

/**
 * The decoded requests of a client stream. A refused payload calls `refuse` (which answers the call) and
 * ends the handler's loop with CallEnded; the refused message is never yielded.
 */
async function* decodeStream(
  call: ServerReadableStream<Buffer, Buffer>,
  decoder: ReturnType<Inbound<unknown>["open"]>,
  refuse: (err: unknown) => void,
): AsyncGenerator<unknown> {
  let value: unknown;
  try {
    for await (const raw of call as AsyncIterable<Buffer>) {
      try {
        value = decoder.push(raw);
      } catch (err) {
        refuse(err);
        throw new CallEnded();
      }
      if (value !== undefined) yield value;
    }
    // grpc-js ends the request stream on a cancel too: a C-core client's (Python's) cancel is known by
    // now, and is no end of the requests (nor, mid-transfer, a malformed one). A grpc-js client sends its
    // end of stream before its cancel (grpc-node#2583): that cancel may come only after this point.
    if (call.cancelled) throw new CallEnded("the client cancelled the call");
    try {
      decoder.end();
    } catch (err) {
      refuse(err);
      throw new CallEnded();
    }
  } catch (err) {
    if (err instanceof CallEnded) throw err;
    // The stream itself failed (the client cancelled or the connection dropped).
    throw new CallEnded(err instanceof Error ? err.message : String(err));
  }
}
