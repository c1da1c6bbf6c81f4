// The life of a call on both sides: cancellation reaches the handler, a client stops reading its source
// once answered, listeners on the caller's AbortSignal are released, deadlines apply where they are
// documented to, and what a handler's StatusError says reaches the peer.
import { getEventListeners } from "node:events";
import { type handleServerStreamingCall, Server, ServerCredentials, status } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { chunkFor } from "../../examples/demo/policy.js";
import { observationAt } from "../../examples/demo/robot.js";
import { rawServiceDefinition } from "../../src/grpc/definitions.js";
import {
  chunkCodec,
  createLearnerClient,
  createPolicyClient,
  createPolicyServer,
  type HandlerErrorEvent,
  LEARNER_METHODS,
  LEARNER_SERVICE,
  type PolicyClient,
  SafewireRpcError,
  type SafewireServer,
  StatusError,
} from "../../src/grpc/index.js";
import type { Observation } from "../../src/robotics/index.js";

const small = { height: 8, width: 8 };
const chunk = chunkFor(observationAt(1, small), 2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A promise with its resolver, for one side to wait on what the other did. */
function signal<T = void>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

let firstObservation = signal();
let observationsAborted = signal<string>();
let actionsAborted = signal();
const errors: HandlerErrorEvent[] = [];
const token = "streams-token-0123456789";
let server: SafewireServer;
let client: PolicyClient;

beforeAll(async () => {
  server = await createPolicyServer(
    {
      ready: () => {},
      async sendObservations(observations, ctx) {
        ctx.signal.addEventListener("abort", () => observationsAborted.resolve("aborted"));
        for await (const obs of observations) {
          firstObservation.resolve();
          if (obs.task === "stop") throw new StatusError(status.FAILED_PRECONDITION, "enough observations");
        }
      },
      getActions: (ctx) => {
        if (ctx.metadata.get("x-test")[0] === "surrogate") {
          // A message with a line break and a lone surrogate (half an emoji) in it.
          throw new StatusError(status.FAILED_PRECONDITION, "no state\r\nyet \ud83d");
        }
        return chunk;
      },
      async *streamActions(ctx) {
        if (ctx.metadata.get("x-test")[0] === "slow") {
          yield chunk;
          await sleep(600);
          yield chunk;
          return;
        }
        ctx.signal.addEventListener("abort", () => actionsAborted.resolve());
        yield chunk;
        if (ctx.metadata.get("x-test")[0] === "one") return;
        await new Promise((r) => ctx.signal.addEventListener("abort", r));
      },
    },
    { address: "127.0.0.1:0", insecure: true, token, onRefused: () => {}, onError: (e) => errors.push(e) },
  );
  client = createPolicyClient(server.address, { insecure: true, token });
});
afterAll(async () => {
  client?.close();
  await server?.close(500);
});

describe("cancellation", () => {
  it("breaking out of a server stream cancels the call: the handler's signal aborts", async () => {
    actionsAborted = signal();
    for await (const c of client.streamActions()) {
      expect(c.timestep).toBe(1n);
      break;
    }
    await actionsAborted.promise; // never resolves if the call is left open
  });

  it("an AbortSignal already aborted cancels the call: CANCELLED, never answered", async () => {
    const err = await client.ready({ signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SafewireRpcError);
    expect((err as SafewireRpcError).code).toBe(status.CANCELLED);
  });

  it("a call's listener on the caller's AbortSignal is removed once the call is over, on every call kind", async () => {
    // One signal for a robot's whole life, many calls: a listener left behind per call is a leak.
    const controller = new AbortController();
    const opts = { signal: controller.signal };
    await client.ready(opts);
    await client.getActions(opts);
    await client.sendObservations([observationAt(1, small)], opts);
    const got = [];
    for await (const c of client.streamActions({ ...opts, metadata: { "x-test": "one" } })) got.push(c);
    expect(got).toHaveLength(1);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});

describe("a client stream and its source", () => {
  it("stops reading an endless source once the server has answered, and rejects with its status", async () => {
    let read = 0;
    let closed = false;
    const endless = (async function* (): AsyncGenerator<Observation> {
      try {
        for (;;) {
          yield { ...observationAt(read, small), task: read === 0 ? "stop" : "go" };
          read++;
          await new Promise((r) => setImmediate(r));
        }
      } finally {
        closed = true;
      }
    })();
    const err = await client.sendObservations(endless).catch((e: unknown) => e);
    expect((err as SafewireRpcError).code).toBe(status.FAILED_PRECONDITION);
    // Closed once it gives control back: at once if it was at a yield, else when its next value comes.
    await vi.waitFor(() => expect(closed).toBe(true));
  }, 15_000);

  it("a source that throws after the server has answered: the server's answer is what rejects", async () => {
    firstObservation = signal();
    const late = (async function* (): AsyncGenerator<Observation> {
      yield { ...observationAt(1, small), task: "stop" }; // the handler answers FAILED_PRECONDITION
      await firstObservation.promise;
      await client.ready(); // answered after the stream's status, on the same connection
      throw new Error("camera unplugged");
    })();
    const err = await client.sendObservations(late).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SafewireRpcError);
    expect((err as SafewireRpcError).code).toBe(status.FAILED_PRECONDITION);
  }, 15_000);

  it("a source that throws cancels the call, and its own error is what rejects", async () => {
    firstObservation = signal();
    observationsAborted = signal<string>();
    const failing = (async function* (): AsyncGenerator<Observation> {
      yield observationAt(1, small);
      await firstObservation.promise;
      throw new Error("camera unplugged");
    })();
    // The call is cancelled: left open, the server would wait for the rest and the promise never settle.
    await expect(client.sendObservations(failing)).rejects.toThrow("camera unplugged");
  }, 15_000);
});

describe("shutdown", () => {
  it("a client-stream handler that stops with an error once its signal aborts is not a handler failure", async () => {
    // close() aborts the handlers' signals so that they stop: what they throw then is their way out.
    const own: HandlerErrorEvent[] = [];
    let handling!: () => void;
    const started = new Promise<void>((r) => {
      handling = r;
    });
    const s = await createPolicyServer(
      {
        async sendObservations(_observations, ctx) {
          handling();
          await new Promise((r) => ctx.signal.addEventListener("abort", r));
          throw new Error("stopped: the server is shutting down");
        },
      },
      { address: "127.0.0.1:0", insecure: true, onError: (e) => own.push(e) },
    );
    const c = createPolicyClient(s.address, { insecure: true });
    try {
      const sending = c.sendObservations([observationAt(1, small)]).catch((e: unknown) => e);
      await started;
      await s.close(5000);
      expect(((await sending) as SafewireRpcError).code).toBe(status.CANCELLED);
      expect(own).toEqual([]);
    } finally {
      c.close();
    }
  });
});

describe("deadlines", () => {
  it("deadlineMs is for unary calls: a stream outlives it, streamDeadlineMs ends it", async () => {
    const unaryOnly = createPolicyClient(server.address, { insecure: true, token, deadlineMs: 200 });
    const both = createPolicyClient(server.address, { insecure: true, token, streamDeadlineMs: 200 });
    const slow = { metadata: { "x-test": "slow" } };
    try {
      const got = [];
      for await (const c of unaryOnly.streamActions(slow)) got.push(c.timestep);
      expect(got).toEqual([1n, 1n]);
      const err = await (async () => {
        for await (const _ of both.streamActions(slow));
      })().catch((e: unknown) => e);
      expect((err as SafewireRpcError).code).toBe(status.DEADLINE_EXCEEDED);
    } finally {
      unaryOnly.close();
      both.close();
    }
  });
});

describe("what reaches the peer", () => {
  it("a StatusError's message reaches the client as one line with its code, whatever it holds", async () => {
    errors.length = 0;
    const err = await client.getActions({ metadata: { "x-test": "surrogate" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SafewireRpcError);
    expect((err as SafewireRpcError).code).toBe(status.FAILED_PRECONDITION);
    expect((err as SafewireRpcError).details).toBe("no state\\u000d\\u000ayet \\ud83d");
    expect(errors).toEqual([]); // a chosen status, not a handler failure
  });
});

describe("a hostile learner", () => {
  it("a parameter stream that ends inside a chunked transfer is malformed on the actor, not a clean end", async () => {
    const server = new Server();
    const streamParameters: handleServerStreamingCall<Buffer, Buffer> = (call) => {
      const first = { transfer_id: "p", index: 0, last: false, total_bytes: 10n, data: new Uint8Array(5) };
      call.write(Buffer.from(chunkCodec(16).encode(first)));
      call.end(); // the second piece never comes
    };
    server.addService(rawServiceDefinition(LEARNER_SERVICE, LEARNER_METHODS), { streamParameters });
    const port = await new Promise<number>((res, rej) =>
      server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))),
    );
    const actor = createLearnerClient(`127.0.0.1:${port}`, { insecure: true });
    try {
      const err = await (async () => {
        for await (const _ of actor.streamParameters());
      })().catch((e: unknown) => e);
      expect(err).toMatchObject({ name: "SafewireError", code: "malformed" });
    } finally {
      actor.close();
      server.forceShutdown();
    }
  });
});
