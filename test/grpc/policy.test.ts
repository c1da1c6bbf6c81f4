import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  chunkFor,
  createDemoPolicy,
  DEFAULT_CHUNK,
  linearPolicy,
  STEP_NS,
} from "../../examples/demo/policy.js";
import { observationAt, so100Setup, stateAt } from "../../examples/demo/robot.js";
import {
  createPolicyClient,
  createPolicyServer,
  type PolicyClient,
  type RefusalEvent,
  SafewireRpcError,
  type SafewireServer,
} from "../../src/grpc/index.js";
import { codec, toTypedArray } from "../../src/robotics/index.js";

const small = { height: 24, width: 32 };

describe("PolicyService on loopback", () => {
  const refused: RefusalEvent[] = [];
  const policy = createDemoPolicy();
  let server: SafewireServer;
  let client: PolicyClient;

  beforeAll(async () => {
    server = await createPolicyServer(policy.handlers, {
      address: "127.0.0.1:0",
      insecure: true,
      onRefused: (e) => refused.push(e),
    });
    client = createPolicyClient(server.address, { insecure: true });
  });
  afterAll(async () => {
    client?.close();
    await server?.close(1000);
  });

  it("Ready", async () => {
    await client.ready();
  });

  it("SendPolicyInstructions, SendObservations, GetActions: the chunk is the policy's map of the last state", async () => {
    await client.sendPolicyInstructions(so100Setup(20));
    await client.sendObservations(
      (function* () {
        for (let k = 0; k < 10; k++) yield observationAt(k, small);
      })(),
    );
    const chunk = await client.getActions();
    expect(chunk.timestep).toBe(9n);
    expect(chunk.step_ns).toBe(STEP_NS);
    expect(chunk.actions.shape).toEqual([20, 6]);
    expect(toTypedArray(chunk.actions)).toEqual(linearPolicy(stateAt(9), 20));
    expect(chunk).toEqual(chunkFor(observationAt(9, small), 20));
  });

  it("StreamActions: one chunk per observation, in order, while observations stream", async () => {
    const other = createPolicyClient(server.address, { insecure: true });
    try {
      const stream = other.streamActions();
      const got: bigint[] = [];
      const reading = (async () => {
        for await (const chunk of stream) {
          got.push(chunk.timestep);
          if (chunk.timestep === 4n) break;
        }
      })();
      // Let the stream open before the observations arrive.
      await new Promise((r) => setTimeout(r, 50));
      await other.sendObservations(
        (async function* () {
          for (let k = 0; k < 5; k++) {
            yield observationAt(k, small);
            await new Promise((r) => setTimeout(r, 20));
          }
        })(),
      );
      await reading;
      expect(got.at(-1)).toBe(4n);
      expect([...got].sort((a, b) => Number(a - b))).toEqual(got);
      const chunk = await other.getActions();
      expect(chunk.actions.shape).toEqual([DEFAULT_CHUNK, 6]);
    } finally {
      other.close();
    }
  });

  it("GetActions before any observation answers the handler's FAILED_PRECONDITION", async () => {
    const fresh = createPolicyClient(server.address, { insecure: true });
    try {
      const err = await fresh.getActions().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SafewireRpcError);
      expect((err as SafewireRpcError).status).toBe("FAILED_PRECONDITION");
    } finally {
      fresh.close();
    }
  });

  it("a method without a handler answers UNIMPLEMENTED; Ready answers OK", async () => {
    const bare = await createPolicyServer({}, { address: "127.0.0.1:0", insecure: true });
    const c = createPolicyClient(bare.address, { insecure: true });
    try {
      await c.ready();
      const calls: [string, () => Promise<unknown>][] = [
        ["SendPolicyInstructions", () => c.sendPolicyInstructions(so100Setup())],
        ["SendObservations", () => c.sendObservations([observationAt(1, small)])],
        ["GetActions", () => c.getActions()],
        [
          "StreamActions",
          async () => {
            for await (const _ of c.streamActions());
          },
        ],
      ];
      for (const [name, call] of calls) {
        await expect(call(), name).rejects.toMatchObject({ status: "UNIMPLEMENTED" });
      }
    } finally {
      c.close();
      await bare.close(500);
    }
  });

  it("an envelope client's receive limit has room for the envelope around a message at its limit", async () => {
    const chunk = chunkFor(observationAt(1, small), 20);
    const exact = codec("ActionChunk", "msgpack").encode(chunk).length;
    const limits = { ActionChunk: { maxBytes: exact } }; // the message is exactly at the limit
    const s = await createPolicyServer(
      { getActions: () => chunk },
      { address: "127.0.0.1:0", insecure: true, formats: ["msgpack"], limits },
    );
    const c = createPolicyClient(s.address, { insecure: true, format: "msgpack", limits });
    try {
      expect(await c.getActions()).toEqual(chunk);
    } finally {
      c.close();
      await s.close(500);
    }
  });

  it("a server must serve at least one format", async () => {
    await expect(
      createPolicyServer({}, { address: "127.0.0.1:0", insecure: true, formats: [] }),
    ).rejects.toThrow(TypeError);
  });

  it("refuses an invalid value on the client before sending it", async () => {
    const bad = { ...so100Setup(), actions_per_chunk: 0 };
    await expect(client.sendPolicyInstructions(bad)).rejects.toMatchObject({
      name: "SafewireError",
      code: "schema_violation",
      direction: "encode",
    });
  });

  it("carries observations past gRPC's default 4 MiB message limit (two 720p RGB cameras, 5.5 MB)", async () => {
    // The server's receive limit follows the codecs' (16 MiB for an Observation), not grpc-js's default.
    await client.sendObservations([observationAt(200, { height: 720, width: 1280 })]);
    expect((await client.getActions()).timestep).toBe(200n);
  });

  it("carries full-size observations (two 480×640 RGB cameras)", async () => {
    await client.sendObservations([observationAt(100), observationAt(101)]);
    const chunk = await client.getActions();
    expect(chunk.timestep).toBe(101n);
    expect(refused).toEqual([]);
  });
});
