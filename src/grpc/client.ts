/**
 * The client side: encodes requests with a safewire codec, and decodes every response with one too (a
 * hostile server is hostile input). A call that fails at the server rejects with SafewireRpcError (its
 * gRPC status, and the safewire details when the server refused a payload); a response this side refuses
 * rejects with the SafewireError itself.
 */
import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import {
  type ChannelOptions,
  Client,
  type ClientReadableStream,
  type ClientWritableStream,
  type CallOptions as GrpcCallOptions,
  Metadata,
  type ServiceError,
  status,
} from "@grpc/grpc-js";
import { type ClientTlsOptions, clientCredentials, hostOf, type SecurityOptions } from "./credentials.js";
import { MD_SESSION, type MethodSpec, methodPath, toBuffer } from "./definitions.js";
import { SafewireRpcError } from "./status.js";
import type { Inbound, Outbound } from "./wire.js";

/** The default deadline of unary calls. */
export const DEFAULT_DEADLINE_MS = 10_000;

export interface ClientOptions extends SecurityOptions<ClientTlsOptions> {
  /** Deadline of unary calls (Ready, SendPolicyInstructions, GetActions), in ms. Default 10 s. */
  deadlineMs?: number;
  /** Deadline of streaming calls, in ms. Default: none (streams last as long as the robot runs). */
  streamDeadlineMs?: number;
  /** Sent as `safewire-session` on every call. Default: a random UUID per client. */
  session?: string;
  /**
   * `round_robin` spreads calls over every address (grpc-js's own balancer): the default when several
   * addresses are given. `pick_first` (grpc-js's default) sticks to one.
   */
  loadBalancing?: "round_robin" | "pick_first";
  /** Extra grpc-js channel options (keepalive, …). */
  grpcOptions?: ChannelOptions;
}

/** Per-call options. */
export interface CallOptions {
  /** Overrides the client's deadline for this call, in ms. */
  deadlineMs?: number;
  /** Cancels the call. */
  signal?: AbortSignal;
  /** Extra metadata (ASCII values). */
  metadata?: Record<string, string>;
}

/**
 * The gRPC target for one address or several. Several must be IP literals of one family
 * (`127.0.0.1:5001`, `[::1]:5002`): they become an `ipv4:`/`ipv6:` target that grpc-js resolves to every
 * address, for its round_robin balancer to spread calls over.
 */
export function grpcTarget(addresses: string | readonly string[]): string {
  const list = typeof addresses === "string" ? [addresses] : [...addresses];
  if (list.length === 0) throw new TypeError("safewire client: no server address");
  if (list.length === 1) return list[0] as string;
  const families = list.map((a) => isIP(hostOf(a)));
  if (families.some((f) => f === 0) || new Set(families).size > 1) {
    throw new TypeError(
      "safewire client: several addresses must all be IPv4 or all IPv6 literals with ports; " +
        "for a DNS name with several records, pass it alone with loadBalancing: 'round_robin'",
    );
  }
  return `${families[0] === 4 ? "ipv4" : "ipv6"}:${list.join(",")}`;
}

function isServiceError(err: unknown): err is ServiceError {
  return (
    typeof err === "object" &&
    err !== null &&
    typeof (err as ServiceError).code === "number" &&
    "details" in err
  );
}

/** A channel to one or more servers, with typed, codec-checked calls. */
export class RpcChannel {
  readonly target: string;
  readonly session: string;
  private readonly client: Client;
  private readonly base: Metadata;

  constructor(
    addresses: string | readonly string[],
    private readonly options: ClientOptions,
    limits: { maxReceiveBytes: number; maxSendBytes: number },
  ) {
    const list = typeof addresses === "string" ? [addresses] : addresses;
    const { creds, channelOptions } = clientCredentials(options, list);
    this.target = grpcTarget(addresses);
    const balance = options.loadBalancing ?? (list.length > 1 ? "round_robin" : undefined);
    const channel: ChannelOptions = {
      ...channelOptions,
      "grpc.max_receive_message_length": limits.maxReceiveBytes,
      "grpc.max_send_message_length": limits.maxSendBytes,
      ...options.grpcOptions,
    };
    if (balance !== undefined) {
      channel["grpc.service_config"] = JSON.stringify({ loadBalancingConfig: [{ [balance]: {} }] });
    }
    this.client = new Client(this.target, creds, channel);
    this.session = options.session ?? randomUUID();
    this.base = new Metadata();
    this.base.set(MD_SESSION, this.session);
    if (options.token !== undefined) this.base.set("authorization", `Bearer ${options.token}`);
  }

  /** Waits until the channel is connected, or rejects after `timeoutMs`. */
  waitForReady(timeoutMs = DEFAULT_DEADLINE_MS): Promise<void> {
    return new Promise((resolve, reject) => {
      this.client.waitForReady(Date.now() + timeoutMs, (err) =>
        err
          ? reject(
              new SafewireRpcError({
                code: status.UNAVAILABLE,
                details: `not connected within ${timeoutMs} ms (${err.message})`,
                method: "/waitForReady",
                target: this.target,
              }),
            )
          : resolve(),
      );
    });
  }

  close(): void {
    this.client.close();
  }

  /** The metadata of one call: session, token, the `extra` pairs, then the caller's. */
  metadata(extra: Record<string, string>, opts: CallOptions): Metadata {
    const md = this.base.clone();
    for (const [k, v] of Object.entries(extra)) md.set(k, v);
    for (const [k, v] of Object.entries(opts.metadata ?? {})) md.set(k, v);
    return md;
  }

  private callOptions(opts: CallOptions, streaming: boolean): GrpcCallOptions {
    const ms =
      opts.deadlineMs ??
      (streaming ? this.options.streamDeadlineMs : (this.options.deadlineMs ?? DEFAULT_DEADLINE_MS));
    return ms === undefined ? {} : { deadline: Date.now() + ms };
  }

  private rpcError(err: unknown, path: string): unknown {
    if (!isServiceError(err)) return err;
    return new SafewireRpcError({
      code: err.code,
      details: err.details,
      method: path,
      target: this.target,
      metadata: err.metadata,
      cause: err,
    });
  }

  private cancelOn(signal: AbortSignal | undefined, cancel: () => void): () => void {
    if (signal === undefined) return () => {};
    if (signal.aborted) {
      cancel();
      return () => {};
    }
    signal.addEventListener("abort", cancel, { once: true });
    return () => signal.removeEventListener("abort", cancel);
  }

  async unary<Req, Res>(
    service: string,
    spec: MethodSpec,
    out: Outbound<Req>,
    inbound: Inbound<Res>,
    value: Req,
    md: Metadata,
    opts: CallOptions,
  ): Promise<Res> {
    const path = methodPath(service, spec);
    const [payload] = [...out.open(md)(value)];
    const raw = await new Promise<Buffer>((resolve, reject) => {
      const call = this.client.makeUnaryRequest<Buffer, Buffer>(
        path,
        (b) => b,
        (b) => b,
        toBuffer(payload as Uint8Array),
        md,
        this.callOptions(opts, false),
        (err, response) => {
          release();
          if (err) reject(this.rpcError(err, path));
          else resolve(response as Buffer);
        },
      );
      const release = this.cancelOn(opts.signal, () => call.cancel());
    });
    const decoded = inbound.open(md).push(raw);
    if (decoded === undefined) throw new Error(`${path}: the response is incomplete`);
    return decoded;
  }

  async clientStream<Req, Res>(
    service: string,
    spec: MethodSpec,
    out: Outbound<Req>,
    inbound: Inbound<Res>,
    values: AsyncIterable<Req> | Iterable<Req>,
    md: Metadata,
    opts: CallOptions,
  ): Promise<Res> {
    const path = methodPath(service, spec);
    const encode = out.open(md);
    let settled = false;
    let call!: ClientWritableStream<Buffer>;
    const response = new Promise<Buffer>((resolve, reject) => {
      call = this.client.makeClientStreamRequest<Buffer, Buffer>(
        path,
        (b) => b,
        (b) => b,
        md,
        this.callOptions(opts, true),
        (err, res) => {
          settled = true;
          if (err) reject(this.rpcError(err, path));
          else resolve(res as Buffer);
        },
      );
    });
    call.on("error", () => {}); // the callback reports it
    response.catch(() => {}); // awaited below; a refusal may arrive while we are still writing
    const release = this.cancelOn(opts.signal, () => call.cancel());
    // The source is raced against the call: a cancel or the server's answer ends the call while the
    // source may be waiting for a value that never comes (a camera that stopped sending). A fresh
    // promise each turn: racing one long-lived promise would keep a reaction per message until the end.
    let wake: (stop: typeof ENDED) => void = () => {};
    response.then(
      () => wake(ENDED),
      () => wake(ENDED),
    );
    const source = iterate(values);
    let open = true; // as for-await: return() is called on a source left before its end, not after it threw
    let waiting = false; // left while its next value is still to come
    try {
      while (!settled) {
        const stop = new Promise<typeof ENDED>((resolve) => {
          wake = resolve;
        });
        let step: IteratorResult<Req> | typeof ENDED;
        try {
          const next = Promise.resolve(source.next());
          next.catch(() => {}); // once the call has ended, a failure of the source has no one to tell
          step = await Promise.race([next, stop]);
        } catch (err) {
          open = false;
          throw err;
        }
        if (step === ENDED) {
          waiting = true;
          break;
        }
        if (step.done === true) {
          open = false;
          break;
        }
        for (const payload of encode(step.value)) {
          if (settled) break;
          if (!call.write(toBuffer(payload))) await drained(call, () => settled);
        }
      }
      if (!settled) call.end();
    } catch (err) {
      call.cancel();
      release();
      // The server's answer explains more than a write error, when there is one.
      await response.catch((e: unknown) => {
        if (!(e instanceof SafewireRpcError && e.code === status.CANCELLED)) throw e;
      });
      throw err;
    } finally {
      // Closed as for-await closes it, but a source left waiting is not waited for: its return() runs
      // only once its pending value comes, which may be never.
      const closing = open ? Promise.resolve().then(() => source.return?.()) : undefined;
      closing?.catch(() => {});
      if (!waiting) await closing;
    }
    let raw: Buffer;
    try {
      raw = await response;
    } finally {
      release();
    }
    const decoded = inbound.open(md).push(raw);
    if (decoded === undefined) throw new Error(`${path}: the response is incomplete`);
    return decoded;
  }

  async *serverStream<Req, Res>(
    service: string,
    spec: MethodSpec,
    out: Outbound<Req>,
    inbound: Inbound<Res>,
    value: Req,
    md: Metadata,
    opts: CallOptions,
  ): AsyncGenerator<Res, void, undefined> {
    const path = methodPath(service, spec);
    const [payload] = [...out.open(md)(value)];
    const call: ClientReadableStream<Buffer> = this.client.makeServerStreamRequest<Buffer, Buffer>(
      path,
      (b) => b,
      (b) => b,
      toBuffer(payload as Uint8Array),
      md,
      this.callOptions(opts, true),
    );
    call.on("error", () => {}); // the iterator below reports it
    const release = this.cancelOn(opts.signal, () => call.cancel());
    const decoder = inbound.open(md);
    let finished = false;
    try {
      for await (const raw of call as AsyncIterable<Buffer>) {
        const decoded = decoder.push(raw);
        if (decoded !== undefined) yield decoded;
      }
      finished = true;
      decoder.end();
    } catch (err) {
      throw this.rpcError(err, path);
    } finally {
      release();
      if (!finished) call.cancel();
    }
  }
}

const ENDED: unique symbol = Symbol("ended");

/** The iterator a for-await loop over `values` would use. */
function iterate<T>(values: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> | Iterator<T> {
  return Symbol.asyncIterator in values
    ? (values as AsyncIterable<T>)[Symbol.asyncIterator]()
    : (values as Iterable<T>)[Symbol.iterator]();
}

function drained(call: ClientWritableStream<Buffer>, settled: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (settled()) return resolve();
    const done = () => {
      call.removeListener("drain", done);
      call.removeListener("status", done);
      call.removeListener("close", done);
      resolve();
    };
    call.once("drain", done);
    call.once("status", done);
    call.once("close", done);
  });
}

const rawIn: Inbound<Uint8Array> = {
  name: "raw bytes",
  maxBytes: Number.MAX_SAFE_INTEGER,
  open: () => ({ push: (b) => b, end: () => {} }),
};
const rawOut: Outbound<Uint8Array> = {
  name: "raw bytes",
  maxBytes: Number.MAX_SAFE_INTEGER,
  open: () => (b) => [b],
};

/** What a raw call ended with: the response payloads, or the server's status. Never a rejection for a status. */
export interface RawOutcome {
  ok: boolean;
  responses: Uint8Array[];
  /** The failure, when `ok` is false. */
  error?: SafewireRpcError;
}

/**
 * A client that sends exact bytes and reads exact bytes, with no codec on either side: for tests,
 * diagnostics and demonstrations of what a server does with hostile payloads. Not for applications.
 */
export interface RawClient {
  readonly target: string;
  /** Calls `service`'s `spec` with `payloads` (one for unary and server-streaming methods). */
  call(
    service: string,
    spec: MethodSpec,
    payloads: readonly Uint8Array[],
    opts?: CallOptions,
  ): Promise<RawOutcome>;
  waitForReady(timeoutMs?: number): Promise<void>;
  close(): void;
}

export function createRawClient(
  addresses: string | readonly string[],
  options: ClientOptions & { maxReceiveBytes?: number; maxSendBytes?: number },
): RawClient {
  const channel = new RpcChannel(addresses, options, {
    maxReceiveBytes: options.maxReceiveBytes ?? 64 * 1024 * 1024,
    maxSendBytes: options.maxSendBytes ?? 1024 * 1024 * 1024,
  });
  return {
    target: channel.target,
    async call(service, spec, payloads, opts = {}) {
      const md = channel.metadata({}, opts);
      const responses: Uint8Array[] = [];
      try {
        if (spec.kind === "unary") {
          responses.push(
            await channel.unary(service, spec, rawOut, rawIn, payloads[0] ?? new Uint8Array(0), md, opts),
          );
        } else if (spec.kind === "clientStream") {
          responses.push(await channel.clientStream(service, spec, rawOut, rawIn, payloads, md, opts));
        } else {
          const stream = channel.serverStream(
            service,
            spec,
            rawOut,
            rawIn,
            payloads[0] ?? new Uint8Array(0),
            md,
            opts,
          );
          for await (const r of stream) responses.push(r);
        }
        return { ok: true, responses };
      } catch (err) {
        if (err instanceof SafewireRpcError) return { ok: false, responses, error: err };
        throw err;
      }
    },
    waitForReady: (timeoutMs) => channel.waitForReady(timeoutMs),
    close: () => channel.close(),
  };
}
