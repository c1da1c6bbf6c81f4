// A client stream whose source waits for a value that never comes (a camera that stopped sending): the
// caller's abort must still settle the call. It did not: the client looked at the call again only when the
// source yielded its next value.
import { describe, expect, it } from "vitest";
import { observationAt } from "../../examples/demo/robot.js";
import { createPolicyClient, createPolicyServer } from "../../src/grpc/index.js";
import type { Observation } from "../../src/robotics/index.js";

const small = { height: 8, width: 8 };

describe("a client stream whose source is waiting", () => {
  it("rejects with CANCELLED when the caller's signal aborts, without waiting for the source", async () => {
    let gotFirst!: () => void;
    const first = new Promise<void>((r) => {
      gotFirst = r;
    });
    const server = await createPolicyServer(
      {
        async sendObservations(observations) {
          for await (const _ of observations) gotFirst();
        },
      },
      { address: "127.0.0.1:0", insecure: true, onError: () => {} },
    );
    const client = createPolicyClient(server.address, { insecure: true });
    try {
      const controller = new AbortController();
      const stuck = (async function* (): AsyncGenerator<Observation> {
        yield observationAt(1, small);
        await new Promise(() => {}); // the camera's next frame never comes
      })();
      const sending = client.sendObservations(stuck, { signal: controller.signal });
      await first;
      controller.abort();
      // Before, this never settled (the test timed out).
      await expect(sending).rejects.toMatchObject({ status: "CANCELLED" });
    } finally {
      client.close();
      await server.close(500);
    }
  }, 10_000);

  it("settles with the server's answer when the handler ends the call first", async () => {
    const server = await createPolicyServer(
      {
        async sendObservations(observations) {
          for await (const _ of observations) throw new Error("the handler gives up");
        },
      },
      { address: "127.0.0.1:0", insecure: true, onError: () => {} },
    );
    const client = createPolicyClient(server.address, { insecure: true });
    try {
      const stuck = (async function* (): AsyncGenerator<Observation> {
        yield observationAt(1, small);
        await new Promise(() => {});
      })();
      await expect(client.sendObservations(stuck)).rejects.toMatchObject({ status: "INTERNAL" });
    } finally {
      client.close();
      await server.close(500);
    }
  }, 10_000);
});
