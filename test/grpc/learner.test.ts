import { status } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createLearnerClient,
  createLearnerServer,
  type LearnerClient,
  SafewireRpcError,
  type SafewireServer,
} from "../../src/grpc/index.js";
import type { InteractionStats, Parameters, Transition } from "../../src/robotics/index.js";
import { fromTypedArray } from "../../src/robotics/tensor.js";

const MiB = 1024 * 1024;

/** 64 MiB of float32 parameters in 16 tensors, with a pattern that a misplaced piece would break. */
function bigParameters(): Parameters {
  const tensors: Parameters["tensors"] = {};
  for (let i = 0; i < 16; i++) {
    const values = new Float32Array(MiB); // 4 MiB
    for (let j = 0; j < values.length; j += 1024) values[j] = i * 1e6 + j;
    tensors[`layer${i}.weight`] = fromTypedArray(values, [1024, 1024]);
  }
  return { tensors };
}

function transitionAt(k: number): Transition {
  return {
    state: { "observation.state": fromTypedArray(new Float32Array([k, k + 1, k + 2])) },
    action: fromTypedArray(new Float32Array([k / 2, -k / 2])),
    reward: k % 3,
    next_state: { "observation.state": fromTypedArray(new Float32Array([k + 1, k + 2, k + 3])) },
    done: k % 10 === 9,
    truncated: false,
    info: {},
  };
}

const stats = (k: number): InteractionStats => ({
  episodic_reward: k,
  interaction_step: BigInt(k * 100),
  intervention_rate: 0.1,
  episode_interventions: k,
  extra: { "loss/critic": 0.5 },
});

describe("LearnerService on loopback", () => {
  const params = bigParameters();
  const received = { batches: [] as Transition[][], stats: [] as InteractionStats[] };
  const limits = { Parameters: { maxBytes: 65 * MiB } };
  let server: SafewireServer;
  let client: LearnerClient;

  beforeAll(async () => {
    server = await createLearnerServer(
      {
        *streamParameters() {
          yield { tensors: { tiny: fromTypedArray(new Float32Array([1])) } };
          yield params;
        },
        async sendTransitions(batches) {
          for await (const b of batches) received.batches.push(b);
        },
        async sendInteractions(list) {
          for await (const s of list) received.stats.push(s);
        },
      },
      { address: "127.0.0.1:0", insecure: true, limits },
    );
    client = createLearnerClient(server.address, { insecure: true, limits });
  });
  afterAll(async () => {
    client?.close();
    await server?.close(1000);
  });

  it("Ready", async () => {
    await client.ready();
  });

  it("StreamParameters: a 64 MiB state dict in 2 MiB chunks, reassembled and checked", async () => {
    const got: Parameters[] = [];
    for await (const p of client.streamParameters()) got.push(p);
    expect(got).toHaveLength(2);
    expect(Object.keys(got[0]?.tensors ?? {})).toEqual(["tiny"]);
    const big = got[1] as Parameters;
    expect(Object.keys(big.tensors)).toEqual(Object.keys(params.tensors));
    let total = 0;
    for (const [name, t] of Object.entries(params.tensors)) {
      const back = big.tensors[name];
      expect(back?.shape).toEqual([1024, 1024]);
      expect(Buffer.compare(Buffer.from(back?.data ?? []), Buffer.from(t.data)), name).toBe(0);
      total += t.data.length;
    }
    expect(total).toBe(64 * MiB);
  });

  it("the actor refuses parameters over its own limit, whatever the learner sends", async () => {
    const small = createLearnerClient(server.address, {
      insecure: true,
      limits: { Parameters: { maxBytes: MiB } },
    });
    try {
      const err = await (async () => {
        for await (const _ of small.streamParameters());
      })().catch((e: unknown) => e);
      expect(err).toMatchObject({ name: "SafewireError", code: "limit_exceeded", path: ["total_bytes"] });
    } finally {
      small.close();
    }
  });

  it("SendTransitions: batches arrive whole and in order", async () => {
    const batches = [0, 1, 2].map((b) => Array.from({ length: 50 }, (_, i) => transitionAt(b * 50 + i)));
    await client.sendTransitions(batches);
    expect(received.batches).toEqual(batches);
  });

  it("SendTransitions: a batch bigger than a piece travels in several", async () => {
    const small = createLearnerClient(server.address, { insecure: true, pieceBytes: 1024 });
    try {
      const batch = Array.from({ length: 100 }, (_, i) => transitionAt(i));
      received.batches.length = 0;
      await small.sendTransitions([batch]);
      expect(received.batches).toEqual([batch]);
    } finally {
      small.close();
    }
  });

  it("SendInteractions", async () => {
    await client.sendInteractions([stats(1), stats(2)]);
    expect(received.stats).toEqual([stats(1), stats(2)]);
  });

  it("pieceBytes is what a side sends, maxPieceBytes what it takes (never below its own pieceBytes)", async () => {
    const batch = Array.from({ length: 100 }, (_, i) => transitionAt(i)); // several KiB
    const params1k: Parameters = { tensors: { w: fromTypedArray(new Float32Array(2048)) } }; // 8 KiB
    const got: Transition[][] = [];
    const handlers = {
      *streamParameters() {
        yield params1k;
      },
      async sendTransitions(b: AsyncIterable<Transition[]>) {
        for await (const x of b) got.push(x);
      },
    };
    // Sends 1 KiB pieces, told to take 512: it takes its own 1 KiB pieces all the same.
    const a = await createLearnerServer(handlers, {
      address: "127.0.0.1:0",
      insecure: true,
      pieceBytes: 1024,
      maxPieceBytes: 512,
    });
    // Sends 512-byte pieces, takes the default 4 MiB.
    const b = await createLearnerServer(handlers, {
      address: "127.0.0.1:0",
      insecure: true,
      pieceBytes: 512,
    });
    const toA = createLearnerClient(a.address, { insecure: true, pieceBytes: 1024, maxPieceBytes: 1024 });
    const toB = createLearnerClient(b.address, { insecure: true, pieceBytes: 2048 });
    try {
      await toA.sendTransitions([batch]);
      await toB.sendTransitions([batch]);
      expect(got).toEqual([batch, batch]);
      // A piece of exactly maxPieceBytes, with its Chunk fields around it, still fits gRPC's receive limit.
      const back: Parameters[] = [];
      for await (const p of toA.streamParameters()) back.push(p);
      expect(back).toEqual([params1k]);
    } finally {
      toA.close();
      toB.close();
      await Promise.all([a.close(500), b.close(500)]);
    }
  });

  it("a transfer over the learner's batch limit is RESOURCE_EXHAUSTED with the safewire details", async () => {
    const tight = await createLearnerServer(
      {
        async sendTransitions(b) {
          for await (const _ of b);
        },
      },
      {
        address: "127.0.0.1:0",
        insecure: true,
        limits: { TransitionBatch: { maxBytes: 4096 } },
        onRefused: () => {},
      },
    );
    const c = createLearnerClient(tight.address, { insecure: true });
    try {
      const err = await c
        .sendTransitions([Array.from({ length: 100 }, (_, i) => transitionAt(i))])
        .catch((e) => e);
      expect(err).toBeInstanceOf(SafewireRpcError);
      expect((err as SafewireRpcError).code).toBe(status.RESOURCE_EXHAUSTED);
      expect((err as SafewireRpcError).safewire).toMatchObject({
        code: "limit_exceeded",
        path: "total_bytes",
      });
    } finally {
      c.close();
      await tight.close(500);
    }
  });
});
