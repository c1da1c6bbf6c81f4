// Every hostile payload of the core and robotics issues, sent as raw bytes on every method of every
// service: the right status, the safewire details in the trailers, the handler never fed, and the server
// still serving (a valid call on the same method succeeds right after).
import { status } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoPolicy } from "../../examples/demo/policy.js";
import { observationAt, so100Setup } from "../../examples/demo/robot.js";
import {
  createLearnerClient,
  createLearnerServer,
  createPolicyClient,
  createPolicyServer,
  createRawClient,
  LEARNER_METHODS,
  LEARNER_SERVICE,
  type LearnerClient,
  type MethodSpec,
  POLICY_ENVELOPE_SERVICE,
  POLICY_METHODS,
  POLICY_SERVICE,
  type PolicyClient,
  type PolicyHandlers,
  type RawClient,
  type RefusalEvent,
  type SafewireServer,
} from "../../src/grpc/index.js";
import { chunkCodec, envelopeCodec } from "../../src/grpc/messages.js";
import type { Format } from "../../src/index.js";
import { codec, type InteractionStats, type Parameters, type Transition } from "../../src/robotics/index.js";
import { fromTypedArray } from "../../src/robotics/tensor.js";
import type { HostilePayload } from "../../src/testing/index.js";
import { corePayloads, roboticsPayloads, type TargetedPayload } from "./hostile-payloads.js";

const small = { height: 8, width: 8 };
const params: Parameters = { tensors: { w: fromTypedArray(new Float32Array([1, 2, 3])) } };
const transition: Transition = {
  state: { x: fromTypedArray(new Float32Array([0.5])) },
  action: fromTypedArray(new Float32Array([1, 2])),
  reward: 1,
  next_state: {},
  done: false,
  truncated: false,
  info: {},
};
const stats: InteractionStats = {
  episodic_reward: 3,
  interaction_step: 10n,
  intervention_rate: 0.25,
  episode_interventions: 1,
  extra: {},
};

/** Messages that reached a handler, by method. */
const fed: Record<string, number> = {};
const feed = (m: string) => {
  fed[m] = (fed[m] ?? 0) + 1;
};
const refusals: RefusalEvent[] = [];

let policyServer: SafewireServer;
let learnerServer: SafewireServer;
let raw: RawClient;
let rawLearner: RawClient;
let typed: PolicyClient;
let typedMsgpack: PolicyClient;
let learner: LearnerClient;

beforeAll(async () => {
  const demo = createDemoPolicy();
  const h = demo.handlers;
  const handlers: PolicyHandlers = {
    ready: () => feed("Ready"),
    sendPolicyInstructions: (setup, ctx) => {
      feed("SendPolicyInstructions");
      return h.sendPolicyInstructions?.(setup, ctx);
    },
    sendObservations: async (stream, ctx) => {
      await h.sendObservations?.(
        (async function* () {
          for await (const obs of stream) {
            feed("SendObservations");
            yield obs;
          }
        })(),
        ctx,
      );
    },
    getActions: (ctx) => {
      feed("GetActions");
      return (h.getActions as NonNullable<PolicyHandlers["getActions"]>)(ctx);
    },
    streamActions: (ctx) => {
      feed("StreamActions");
      return (h.streamActions as NonNullable<PolicyHandlers["streamActions"]>)(ctx);
    },
  };
  const onRefused = (e: RefusalEvent) => refusals.push(e);
  policyServer = await createPolicyServer(handlers, {
    address: "127.0.0.1:0",
    insecure: true,
    formats: ["protobuf", "msgpack", "avro"],
    onRefused,
  });
  learnerServer = await createLearnerServer(
    {
      ready: () => feed("L.Ready"),
      *streamParameters() {
        feed("L.StreamParameters");
        yield params;
      },
      async sendTransitions(batches) {
        for await (const _ of batches) feed("L.SendTransitions");
      },
      async sendInteractions(list) {
        for await (const _ of list) feed("L.SendInteractions");
      },
    },
    { address: "127.0.0.1:0", insecure: true, onRefused },
  );
  raw = createRawClient(policyServer.address, { insecure: true });
  rawLearner = createRawClient(learnerServer.address, { insecure: true });
  typed = createPolicyClient(policyServer.address, { insecure: true });
  typedMsgpack = createPolicyClient(policyServer.address, { insecure: true, format: "msgpack" });
  learner = createLearnerClient(learnerServer.address, { insecure: true });
  await typed.sendObservations([observationAt(0, small)]);
  await typedMsgpack.sendObservations([observationAt(0, small)]);
});

afterAll(async () => {
  for (const c of [raw, rawLearner, typed, typedMsgpack, learner]) c?.close();
  await Promise.all([policyServer?.close(1000), learnerServer?.close(1000)]);
});

async function firstOf<T>(stream: AsyncGenerator<T, void, undefined>): Promise<T> {
  for await (const x of stream) {
    await stream.return(undefined);
    return x;
  }
  throw new Error("the stream ended empty");
}

interface Target {
  label: string;
  client: () => RawClient;
  service: string;
  spec: MethodSpec;
  /** The message the method reads: targeted payloads for it must give their exact code and path. */
  reads: string;
  /** Metadata of the raw calls. */
  metadata?: Record<string, string>;
  valid: () => Promise<unknown>;
}

const P = POLICY_METHODS;
const L = LEARNER_METHODS;
function policyTargets(
  service: string,
  client: () => PolicyClient,
  metadata?: Record<string, string>,
): Target[] {
  const label = service === POLICY_SERVICE ? "PolicyService" : "PolicyEnvelopeService";
  const envelope = service !== POLICY_SERVICE;
  const t = (spec: MethodSpec, reads: string, valid: () => Promise<unknown>): Target => ({
    label: `${label}/${spec.name}`,
    client: () => raw,
    service,
    spec,
    reads: envelope && reads !== "Empty" ? "Envelope" : reads,
    ...(metadata ? { metadata } : {}),
    valid,
  });
  return [
    t(P.ready, "Empty", () => client().ready()),
    t(P.sendPolicyInstructions, "PolicySetup", () => client().sendPolicyInstructions(so100Setup())),
    t(P.sendObservations, "Observation", () => client().sendObservations([observationAt(1, small)])),
    t(P.getActions, "Empty", () => client().getActions()),
    t(P.streamActions, "Empty", () => firstOf(client().streamActions())),
  ];
}
const TARGETS: Target[] = [
  ...policyTargets(POLICY_SERVICE, () => typed),
  ...policyTargets(POLICY_ENVELOPE_SERVICE, () => typedMsgpack, { "safewire-format": "msgpack" }),
  ...[
    [L.streamParameters, "Empty", () => firstOf(learner.streamParameters())],
    [L.sendTransitions, "Chunk", () => learner.sendTransitions([[transition]])],
    [L.sendInteractions, "InteractionStats", () => learner.sendInteractions([stats])],
    [L.ready, "Empty", () => learner.ready()],
  ].map(
    ([spec, reads, valid]): Target => ({
      label: `LearnerService/${(spec as MethodSpec).name}`,
      client: () => rawLearner,
      service: LEARNER_SERVICE,
      spec: spec as MethodSpec,
      reads: reads as string,
      valid: valid as () => Promise<unknown>,
    }),
  ),
];

const sample = codec("Observation", "protobuf").encode(observationAt(0, small));
const CORE = corePayloads(sample);
const ROBOTICS = roboticsPayloads("protobuf");

const interactionStats = codec("InteractionStats", "protobuf");
/**
 * True when the bytes are in fact a valid message of what the method reads: an empty payload is an Empty,
 * and InteractionStats (every field optional) reads unknown fields and wrong wire types as unknown fields,
 * as protobuf does. Such a call must succeed instead.
 */
function accepts(target: Target, bytes: Uint8Array): boolean {
  if (target.reads === "Empty") return bytes.length === 0;
  if (target.reads === "InteractionStats") return interactionStats.safeDecode(bytes).ok;
  return false;
}

async function expectRefusedAndHealthy(target: Target, payload: HostilePayload): Promise<void> {
  // An empty payload is a valid Empty: what the method then does is tested elsewhere.
  if (target.reads === "Empty" && payload.bytes.length === 0) return;
  const before = { ...fed };
  const outcome = await target.client().call(target.service, target.spec, [payload.bytes], {
    deadlineMs: 10_000,
    ...(target.metadata ? { metadata: target.metadata } : {}),
  });
  const what = `${target.label} ← ${payload.name}`;
  if (accepts(target, payload.bytes)) {
    expect(outcome.ok, `${what}: a valid ${target.reads} passes`).toBe(true);
    return;
  }
  expect(outcome.ok, what).toBe(false);
  const err = outcome.error;
  expect([status.INVALID_ARGUMENT, status.RESOURCE_EXHAUSTED], `${what}: ${err?.message}`).toContain(
    err?.code,
  );
  const sw = err?.safewire;
  expect(sw, `${what}: safewire details in the trailers`).toBeDefined();
  if (sw === undefined || err === undefined) return;
  // The status follows the safewire code.
  expect(err.code, what).toBe(
    sw.code === "limit_exceeded" ? status.RESOURCE_EXHAUSTED : status.INVALID_ARGUMENT,
  );
  if (payload.name.startsWith("pickle-")) expect(sw.code, what).toBe("unsafe_payload");
  const targeted = payload as Partial<TargetedPayload>;
  if (targeted.message === undefined) {
    expect(payload.expect, `${what}: ${err.details}`).toContain(sw.code);
  } else if (targeted.message === target.reads) {
    expect(sw.code, what).toBe(targeted.code);
    expect(sw.path, what).toBe(targeted.path);
  }
  // No message reached a handler.
  expect(fed, what).toEqual(before);
  // The server goes on serving: a valid call on the same method succeeds.
  await target.valid();
}

describe.each(TARGETS)("$label", (target) => {
  it(`refuses ${CORE.length} core payloads with the right status and keeps serving`, async () => {
    for (const payload of CORE) await expectRefusedAndHealthy(target, payload);
  });

  it(`refuses ${ROBOTICS.length} robotics payloads (protobuf) and keeps serving`, async () => {
    for (const payload of ROBOTICS) await expectRefusedAndHealthy(target, payload);
  });
});

describe("PolicyEnvelopeService: hostile payloads inside a valid envelope", () => {
  for (const format of ["msgpack", "avro"] as Format[]) {
    it(`${format}: robotics payloads get their code and path, pickles are unsafe_payload`, async () => {
      const envelope = envelopeCodec(16 << 20);
      const wrap = (bytes: Uint8Array) => envelope.encode({ format: format as "msgpack", payload: bytes });
      const meta = { "safewire-format": format };
      for (const p of roboticsPayloads(format)) {
        const spec = p.message === "PolicySetup" ? P.sendPolicyInstructions : P.sendObservations;
        if (p.message !== "PolicySetup" && p.message !== "Observation") continue;
        const out = await raw.call(POLICY_ENVELOPE_SERVICE, spec, [wrap(p.bytes)], { metadata: meta });
        expect(out.error?.safewire, p.name).toMatchObject({ code: p.code, path: p.path, format });
      }
      for (const p of CORE.filter((x) => x.name.startsWith("pickle-"))) {
        for (const spec of [P.sendPolicyInstructions, P.sendObservations]) {
          const out = await raw.call(POLICY_ENVELOPE_SERVICE, spec, [wrap(p.bytes)], { metadata: meta });
          expect(out.error?.code).toBe(status.INVALID_ARGUMENT);
          expect(out.error?.safewire).toMatchObject({ code: "unsafe_payload", format });
        }
      }
      await typedMsgpack.ready();
    });
  }

  it("refuses an envelope whose format differs from the call's, or that the server does not accept", async () => {
    const inner = codec("PolicySetup", "msgpack").encode(so100Setup());
    const env = envelopeCodec(1 << 20).encode({ format: "msgpack", payload: inner });
    const out = await raw.call(POLICY_ENVELOPE_SERVICE, P.sendPolicyInstructions, [env], {
      metadata: { "safewire-format": "avro" },
    });
    expect(out.error?.safewire).toMatchObject({ code: "schema_violation", path: "format" });
  });

  it("takes an envelope on a call without safewire-format metadata: the envelope's own format decides", async () => {
    // Only a response format needs the metadata; SendPolicyInstructions answers an Empty.
    const inner = codec("PolicySetup", "msgpack").encode(so100Setup());
    const env = envelopeCodec(1 << 20).encode({ format: "msgpack", payload: inner });
    const out = await raw.call(POLICY_ENVELOPE_SERVICE, P.sendPolicyInstructions, [env]);
    expect(out.ok, out.error?.message).toBe(true);
  });
});

describe("client streams", () => {
  it("a valid observation then a hostile one: the first reaches the handler, the call is refused", async () => {
    const before = fed.SendObservations ?? 0;
    const good = codec("Observation", "protobuf").encode(observationAt(2, small));
    const pickle = CORE.find((p) => p.name === "pickle-p4-os-system")?.bytes as Uint8Array;
    const out = await raw.call(POLICY_SERVICE, P.sendObservations, [good, pickle, good]);
    expect(out.error?.code).toBe(status.INVALID_ARGUMENT);
    expect(out.error?.safewire?.code).toBe("unsafe_payload");
    expect(fed.SendObservations).toBe(before + 1);
  });

  it("a chunked transfer declaring 1 GiB is refused on its first piece, before any buffering", async () => {
    const pieces = chunkCodec(1 << 20);
    const data = new Uint8Array(1 << 20);
    const chunks = Array.from({ length: 10 }, (_, index) =>
      pieces.encode({ transfer_id: "big", index, last: false, total_bytes: 1n << 30n, data }),
    );
    const before = fed["L.SendTransitions"] ?? 0;
    const out = await rawLearner.call(LEARNER_SERVICE, L.sendTransitions, chunks);
    expect(out.error?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(out.error?.safewire).toMatchObject({
      code: "limit_exceeded",
      limit: "maxBytes",
      path: "total_bytes",
      message: "safewire.robotics.v1.Chunk", // the piece was refused, not the batch
    });
    expect(fed["L.SendTransitions"] ?? 0).toBe(before);
    await learner.sendTransitions([[transition]]);
  });

  it("a stream that ends inside a chunked transfer is malformed, not a clean end", async () => {
    const first = chunkCodec(1 << 20).encode({
      transfer_id: "t",
      index: 0,
      last: false,
      total_bytes: 10n,
      data: new Uint8Array(5),
    });
    const before = fed["L.SendTransitions"] ?? 0;
    const out = await rawLearner.call(LEARNER_SERVICE, L.sendTransitions, [first]);
    expect(out.error?.code).toBe(status.INVALID_ARGUMENT);
    expect(out.error?.safewire?.code).toBe("malformed");
    expect(out.error?.details).toMatch(/the stream ended inside transfer t/);
    expect(fed["L.SendTransitions"] ?? 0).toBe(before);
  });

  it("a refused piece names the Chunk, a refused whole the message it reassembles into", async () => {
    const pieces = chunkCodec(1 << 20);
    const garbage = await rawLearner.call(LEARNER_SERVICE, L.sendTransitions, [Uint8Array.of(0xff, 0xff)]);
    expect(garbage.error?.safewire?.message).toBe("safewire.robotics.v1.Chunk");
    const whole = pieces.encode({
      transfer_id: "w",
      index: 0,
      last: true,
      total_bytes: 2n,
      data: Uint8Array.of(0xff, 0xff),
    });
    const out = await rawLearner.call(LEARNER_SERVICE, L.sendTransitions, [whole]);
    expect(out.error?.safewire?.code).toBe("malformed");
    expect(out.error?.safewire?.message).toMatch(/TransitionBatch$/);
  });

  it("after a whole message, a refused piece names the Chunk again, with the byte offset in the trailers", async () => {
    const empty = chunkCodec(16).encode({
      transfer_id: "ok",
      index: 0,
      last: true,
      total_bytes: 0n,
      data: new Uint8Array(0),
    }); // an empty TransitionBatch, whole
    // index = 1, then field 1 (transfer_id) with wire type 5: malformed at byte 2
    const bad = Uint8Array.of(0x10, 0x01, 0x0d, 0, 0, 0, 0);
    const out = await rawLearner.call(LEARNER_SERVICE, L.sendTransitions, [empty, bad]);
    expect(out.error?.code).toBe(status.INVALID_ARGUMENT);
    expect(out.error?.safewire).toMatchObject({
      code: "malformed",
      path: "transfer_id",
      offset: 2,
      message: "safewire.robotics.v1.Chunk",
    });
  });

  it("the default TransitionBatch limit is 64 MiB: a transfer declaring one byte more is refused on its first piece", async () => {
    const piece = chunkCodec(16).encode({
      transfer_id: "big",
      index: 0,
      last: false,
      total_bytes: BigInt(64 * 1024 * 1024 + 1),
      data: new Uint8Array(4),
    });
    const out = await rawLearner.call(LEARNER_SERVICE, L.sendTransitions, [piece]);
    expect(out.error?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(out.error?.safewire).toMatchObject({
      code: "limit_exceeded",
      limit: "maxBytes",
      path: "total_bytes",
      message: "safewire.robotics.v1.Chunk",
    });
  });

  it("a payload over gRPC's own receive limit (aligned to the largest codec limit) is RESOURCE_EXHAUSTED", async () => {
    const huge = new Uint8Array(16 * 1024 * 1024 + 1024);
    const out = await raw.call(POLICY_SERVICE, P.sendObservations, [huge]);
    expect(out.error?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(out.error?.safewire).toBeUndefined(); // grpc-js refused it, before any of it reached a codec
    await typed.sendObservations([observationAt(3, small)]);
  });
});

describe("compression", () => {
  it("a gzip bomb (64 MiB of zeros, ~64 KiB on the wire) is RESOURCE_EXHAUSTED, and the server keeps serving", async () => {
    // grpc-js >= 1.10.9 (CVE-2024-37168) checks the receive limit on the decompressed size.
    const gz = createRawClient(policyServer.address, {
      insecure: true,
      grpcOptions: { "grpc.default_compression_algorithm": 2 },
    });
    try {
      const out = await gz.call(POLICY_SERVICE, P.sendObservations, [new Uint8Array(64 * 1024 * 1024)]);
      expect(out.error?.code).toBe(status.RESOURCE_EXHAUSTED);
      const ok = await gz.call(POLICY_SERVICE, P.ready, [new Uint8Array(0)]);
      expect(ok.ok).toBe(true);
    } finally {
      gz.close();
    }
    await typed.ready();
  });
});

describe("refusals are reported, not hidden", () => {
  it("every refusal reached onRefused with its method, status and safewire code", () => {
    expect(refusals.length).toBeGreaterThan(100);
    const unsafe = refusals.filter((r) => r.code === "unsafe_payload");
    expect(unsafe.length).toBeGreaterThan(0);
    for (const r of refusals.slice(0, 50)) {
      expect(r.method).toMatch(/^[A-Z]/);
      expect(["INVALID_ARGUMENT", "RESOURCE_EXHAUSTED"]).toContain(r.status);
      expect(r.message.length).toBeGreaterThan(10);
    }
  });
});
