// Who is at fault: only the server's own reading of a request (its payloads, its metadata) is a refusal.
// A SafewireError a handler throws is the server's bug: INTERNAL with a generic message, reported to
// onError, its text and the safewire trailers kept from the peer.
import { status } from "@grpc/grpc-js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chunkFor } from "../../examples/demo/policy.js";
import { observationAt, so100Setup } from "../../examples/demo/robot.js";
import {
  createLearnerServer,
  createPolicyClient,
  createPolicyServer,
  createRawClient,
  type HandlerErrorEvent,
  LEARNER_METHODS,
  LEARNER_SERVICE,
  POLICY_ENVELOPE_SERVICE,
  POLICY_METHODS,
  POLICY_SERVICE,
  type PolicyClient,
  type RawClient,
  type RefusalEvent,
  SafewireRpcError,
  type SafewireServer,
} from "../../src/grpc/index.js";
import { chunkCodec } from "../../src/grpc/messages.js";
import { isSafewireError } from "../../src/index.js";
import { codec } from "../../src/robotics/index.js";
import { hostile } from "../../src/testing/index.js";

const small = { height: 8, width: 8 };
const P = POLICY_METHODS;

/** What a handler's own codec call throws: field number 0 is not allowed. */
function handlersOwnDecode(): never {
  codec("ActionChunk", "protobuf").decode(new Uint8Array([1, 2, 3]));
  throw new Error("unreachable: the decode above refuses");
}

const refused: RefusalEvent[] = [];
const errors: HandlerErrorEvent[] = [];
const ran: string[] = [];
let server: SafewireServer;
let client: PolicyClient;
let raw: RawClient;

beforeAll(async () => {
  server = await createPolicyServer(
    {
      sendPolicyInstructions: () => {
        ran.push("SendPolicyInstructions");
        handlersOwnDecode();
      },
      async sendObservations(observations) {
        ran.push("SendObservations");
        for await (const _ of observations) handlersOwnDecode();
      },
      getActions: () => {
        ran.push("GetActions");
        return chunkFor(observationAt(1, small), 2);
      },
      async *streamActions() {
        ran.push("StreamActions");
        yield chunkFor(observationAt(1, small), 2);
        handlersOwnDecode();
      },
    },
    {
      address: "127.0.0.1:0",
      insecure: true,
      formats: ["protobuf", "msgpack"],
      onRefused: (e) => refused.push(e),
      onError: (e) => errors.push(e),
    },
  );
  client = createPolicyClient(server.address, { insecure: true });
  raw = createRawClient(server.address, { insecure: true });
});
afterAll(async () => {
  client?.close();
  raw?.close();
  await server?.close(1000);
});
beforeEach(() => {
  refused.length = 0;
  errors.length = 0;
  ran.length = 0;
});

/** The call failed as the server's own fault: INTERNAL, the generic sentence, no safewire trailers. */
function expectServerFault(err: unknown, method: string): void {
  expect(err).toBeInstanceOf(SafewireRpcError);
  const e = err as SafewireRpcError;
  expect(e.code).toBe(status.INTERNAL);
  expect(e.details).toBe(`${method}: internal error in the server's handler`);
  expect(e.safewire).toBeUndefined();
  expect(Object.keys(e.metadata?.getMap() ?? {}).filter((k) => k.startsWith("safewire-"))).toEqual([]);
  expect(refused).toEqual([]);
  expect(errors).toHaveLength(1);
  expect(errors[0]?.method).toBe(method);
  expect(isSafewireError(errors[0]?.error)).toBe(true);
}

describe("a SafewireError thrown by a handler is the server's fault", () => {
  it("unary: INTERNAL, generic message, onError, not onRefused", async () => {
    const err = await client.sendPolicyInstructions(so100Setup()).catch((e: unknown) => e);
    expect(ran).toEqual(["SendPolicyInstructions"]);
    expectServerFault(err, "SendPolicyInstructions");
  });

  it("client stream: a valid observation, then the handler's own decode fails", async () => {
    const err = await client.sendObservations([observationAt(1, small)]).catch((e: unknown) => e);
    expect(ran).toEqual(["SendObservations"]);
    expectServerFault(err, "SendObservations");
  });

  it("server stream: the handler fails after its first chunk", async () => {
    const got: bigint[] = [];
    const err = await (async () => {
      for await (const c of client.streamActions()) got.push(c.timestep);
    })().catch((e: unknown) => e);
    expect(got).toEqual([1n]);
    expectServerFault(err, "StreamActions");
  });

  it("a refused request is still the client's fault, in a stream too", async () => {
    const pickle = hostile.pickles()[2]?.bytes as Uint8Array;
    const out = await raw.call(POLICY_SERVICE, P.sendObservations, [pickle]);
    expect(out.error?.code).toBe(status.INVALID_ARGUMENT);
    expect(out.error?.safewire?.code).toBe("unsafe_payload");
    expect(refused.map((r) => r.method)).toEqual(["SendObservations"]);
    expect(errors).toEqual([]);
  });
});

describe("a response that fails the server's own codec", () => {
  it("is INTERNAL, reported to onError, named as the response's failure rather than the handler's", async () => {
    const bad = { ...chunkFor(observationAt(1, small), 2) };
    bad.actions = { ...bad.actions, data: new Uint8Array(3) }; // 3 bytes for 2 × 6 float32
    const own: HandlerErrorEvent[] = [];
    const s = await createPolicyServer(
      { getActions: () => bad },
      {
        address: "127.0.0.1:0",
        insecure: true,
        onRefused: (e) => refused.push(e),
        onError: (e) => own.push(e),
      },
    );
    const c = createPolicyClient(s.address, { insecure: true });
    try {
      const err = await c.getActions().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SafewireRpcError);
      expect((err as SafewireRpcError).code).toBe(status.INTERNAL);
      expect((err as SafewireRpcError).details).toMatch(
        /^GetActions: the server's response failed its own codec/,
      );
      expect((err as SafewireRpcError).safewire).toBeUndefined();
      expect(own.map((e) => isSafewireError(e.error))).toEqual([true]);
      expect(refused).toEqual([]);
    } finally {
      c.close();
      await s.close(500);
    }
  });
});

describe("PolicyEnvelopeService: the response format the call's metadata names", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["no safewire-format metadata", {}, "a call without safewire-format metadata"],
    ["safewire-format: xml", { "safewire-format": "xml" }, 'format "xml"'],
    ["a format this server does not serve (avro)", { "safewire-format": "avro" }, 'format "avro"'],
    // Names every object has: the lookup of a format is by own key only.
    ["safewire-format: constructor", { "safewire-format": "constructor" }, 'format "constructor"'],
    ["safewire-format: __proto__", { "safewire-format": "__proto__" }, 'format "__proto__"'],
    ["safewire-format: toString", { "safewire-format": "toString" }, 'format "toString"'],
  ];
  for (const spec of [P.getActions, P.streamActions]) {
    it.each(cases)(
      `${spec.name} with %s: INVALID_ARGUMENT before the handler runs`,
      async (_n, metadata, named) => {
        const out = await raw.call(POLICY_ENVELOPE_SERVICE, spec, [new Uint8Array(0)], { metadata });
        expect(out.ok).toBe(false);
        expect(out.error?.code, out.error?.message).toBe(status.INVALID_ARGUMENT);
        // The response's format was refused: the trailers name the response type, not the request's Empty.
        expect(out.error?.safewire).toMatchObject({
          code: "schema_violation",
          path: "format",
          message: "safewire.robotics.v1.Envelope(ActionChunk)",
        });
        expect(out.error?.details).toContain(`${named} is not accepted here (accepted: protobuf, msgpack)`);
        expect(ran).toEqual([]);
        expect(errors).toEqual([]);
        expect(refused.map((r) => [r.method, r.status])).toEqual([[spec.name, "INVALID_ARGUMENT"]]);
      },
    );
  }

  it("GetActions with safewire-format: msgpack is answered", async () => {
    const out = await raw.call(POLICY_ENVELOPE_SERVICE, P.getActions, [new Uint8Array(0)], {
      metadata: { "safewire-format": "msgpack" },
    });
    expect(out.ok, out.error?.message).toBe(true);
    expect(ran).toEqual(["GetActions"]);
  });
});

describe("a declared size past 2^53 is reported as sent", () => {
  it("a Chunk declaring total_bytes = 2^60 names 2^60, over gRPC", async () => {
    const learner = await createLearnerServer(
      {
        async sendTransitions(batches) {
          for await (const _ of batches);
        },
      },
      { address: "127.0.0.1:0", insecure: true, onRefused: () => {} },
    );
    const rawLearner = createRawClient(learner.address, { insecure: true });
    try {
      const piece = chunkCodec(16).encode({
        transfer_id: "t",
        index: 0,
        last: false,
        total_bytes: 2n ** 60n,
        data: new Uint8Array(4),
      });
      const out = await rawLearner.call(LEARNER_SERVICE, LEARNER_METHODS.sendTransitions, [piece]);
      expect(out.error?.code).toBe(status.RESOURCE_EXHAUSTED);
      expect(out.error?.safewire).toMatchObject({ code: "limit_exceeded", path: "total_bytes" });
      expect(out.error?.details).toContain(" is 1152921504606846976 bytes, limit maxBytes is ");
    } finally {
      rawLearner.close();
      await learner.close(500);
    }
  });
});
