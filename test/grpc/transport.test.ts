// The transport around the codecs: concurrency, load balancing, TLS and tokens, deadlines, connection
// loss, graceful shutdown, and a hostile server.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type handleServerStreamingCall,
  type handleUnaryCall,
  Server,
  ServerCredentials,
  status,
} from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoPolicy, linearPolicy } from "../../examples/demo/policy.js";
import { observationAt, so100Setup, stateAt } from "../../examples/demo/robot.js";
import { clientCredentials, hostOf, serverCredentials } from "../../src/grpc/credentials.js";
import { rawServiceDefinition } from "../../src/grpc/definitions.js";
import {
  createPolicyClient,
  createPolicyServer,
  createRawClient,
  grpcTarget,
  isLoopbackHost,
  POLICY_METHODS,
  POLICY_SERVICE,
  SafewireRpcError,
  type SafewireServer,
} from "../../src/grpc/index.js";
import { toTypedArray } from "../../src/robotics/index.js";
import { hostile } from "../../src/testing/index.js";

const small = { height: 48, width: 64 };
const quiet = { onRefused: () => {}, onError: () => {} };
const servers: SafewireServer[] = [];
async function serve(...args: Parameters<typeof createPolicyServer>): Promise<SafewireServer> {
  const s = await createPolicyServer(...args);
  servers.push(s);
  return s;
}
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close(500)));
});

describe("50 concurrent robots", () => {
  it("each streams observations and gets its own actions back, with no failed call", async () => {
    const server = await serve(createDemoPolicy().handlers, { address: "127.0.0.1:0", insecure: true });
    const robots = Array.from({ length: 50 }, () => createPolicyClient(server.address, { insecure: true }));
    try {
      const results = await Promise.allSettled(
        robots.map(async (robot, r) => {
          await robot.sendPolicyInstructions(so100Setup(10));
          const steps = Array.from({ length: 10 }, (_, k) => observationAt(r * 100 + k, small));
          await robot.sendObservations(steps);
          const chunk = await robot.getActions();
          expect(chunk.timestep).toBe(BigInt(r * 100 + 9));
          expect(toTypedArray(chunk.actions)).toEqual(linearPolicy(stateAt(r * 100 + 9), 10));
        }),
      );
      const failed = results.filter((x) => x.status === "rejected");
      expect(failed.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
    } finally {
      for (const r of robots) r.close();
    }
  });
});

describe("several servers, grpc-js round_robin", () => {
  it("a client given three addresses sends calls to each of them", async () => {
    const hits = [0, 0, 0];
    const three = await Promise.all(
      hits.map((_, i) =>
        serve(
          {
            ready: () => {
              hits[i] = (hits[i] ?? 0) + 1;
            },
          },
          { address: "127.0.0.1:0", insecure: true },
        ),
      ),
    );
    const client = createPolicyClient(
      three.map((s) => s.address),
      { insecure: true },
    );
    expect(client.target).toMatch(/^ipv4:127\.0\.0\.1:\d+,127\.0\.0\.1:\d+,127\.0\.0\.1:\d+$/);
    try {
      await client.waitForReady(5000);
      for (let i = 0; i < 300 && hits.some((h) => h < 3); i++) await client.ready();
      expect(hits.every((h) => h >= 3)).toBe(true);
    } finally {
      client.close();
    }
  });

  it("grpcTarget builds ipv4:/ipv6: targets and refuses mixed or named lists", () => {
    expect(grpcTarget("127.0.0.1:1")).toBe("127.0.0.1:1");
    expect(grpcTarget(["127.0.0.1:1", "127.0.0.2:2"])).toBe("ipv4:127.0.0.1:1,127.0.0.2:2");
    expect(grpcTarget(["[::1]:1", "[::1]:2"])).toBe("ipv6:[::1]:1,[::1]:2");
    expect(() => grpcTarget(["127.0.0.1:1", "[::1]:2"])).toThrow(TypeError);
    expect(() => grpcTarget(["localhost:1", "127.0.0.1:2"])).toThrow(TypeError);
  });
});

describe("security options", () => {
  it("plaintext only on loopback, and only when asked for", async () => {
    await expect(createPolicyServer({}, { address: "0.0.0.0:0", insecure: true })).rejects.toThrow(
      /loopback/,
    );
    await expect(createPolicyServer({}, { address: "127.0.0.1:0" })).rejects.toThrow(/tls/);
    expect(() => createPolicyClient("10.1.2.3:50051", { insecure: true })).toThrow(/loopback/);
    expect(() => createPolicyClient("127.0.0.1:50051", {})).toThrow(/tls/);
    for (const h of ["127.0.0.1", "127.3.2.1", "::1", "localhost"]) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["0.0.0.0", "::", "10.0.0.1", "example.com", "128.0.0.1"])
      expect(isLoopbackHost(h), h).toBe(false);
  });

  it("reads the host of every target form, and takes IPv4-mapped and long-form ::1 as loopback", () => {
    expect(hostOf("dns:///localhost:50051")).toBe("localhost");
    expect(hostOf("ipv4:127.0.0.1:1")).toBe("127.0.0.1");
    expect(hostOf("ipv6:[::1]:1")).toBe("::1");
    expect(hostOf("[::1]:1")).toBe("::1");
    expect(hostOf("::1")).toBe("::1");
    for (const h of ["::ffff:127.0.0.1", "0:0:0:0:0:0:0:1", "LOCALHOST"])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["::ffff:10.0.0.1", "::2", "12.0.0.1"]) expect(isLoopbackHost(h), h).toBe(false);
    expect(() => clientCredentials({ insecure: true }, ["dns:///localhost:50051"])).not.toThrow();
  });

  it("insecure is checked on every address of a list, not only the first", () => {
    expect(() => clientCredentials({ insecure: true }, ["127.0.0.1:1", "10.0.0.1:2"])).toThrow(/loopback/);
  });

  it("refuses tls and insecure together, a short token, and a client certificate without its key", () => {
    const tls = { certFile: "/nonexistent.crt", keyFile: "/nonexistent.key" };
    expect(() => serverCredentials({ tls, insecure: true }, "127.0.0.1:0")).toThrow(/not both/);
    expect(() => clientCredentials({ tls: {}, insecure: true }, ["127.0.0.1:1"])).toThrow(/not both/);
    // The token must be at least 16 characters: 15 is refused, 16 taken.
    expect(() => clientCredentials({ insecure: true, token: "t".repeat(15) }, ["127.0.0.1:1"])).toThrow(
      /at least 16/,
    );
    expect(() => clientCredentials({ insecure: true, token: "t".repeat(16) }, ["127.0.0.1:1"])).not.toThrow();
    expect(() => clientCredentials({ tls: { certFile: "/nonexistent.crt" } }, ["127.0.0.1:1"])).toThrow(
      /go together/,
    );
  });

  it("a server with a token refuses calls without it (UNAUTHENTICATED) before decoding anything", async () => {
    let calls = 0;
    const refused: string[] = [];
    const token = "s3cret-token-0123456789";
    const server = await serve(
      { ready: () => void calls++, sendPolicyInstructions: () => void calls++ },
      { address: "127.0.0.1:0", insecure: true, token, onRefused: (e) => refused.push(e.status) },
    );
    const anonymous = createPolicyClient(server.address, { insecure: true });
    const wrong = createPolicyClient(server.address, { insecure: true, token: "wrong-token-0123456789" });
    const right = createPolicyClient(server.address, { insecure: true, token });
    try {
      for (const c of [anonymous, wrong]) {
        const err = await c.ready().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(SafewireRpcError);
        expect((err as SafewireRpcError).code).toBe(status.UNAUTHENTICATED);
        await expect(c.sendPolicyInstructions(so100Setup())).rejects.toMatchObject({
          status: "UNAUTHENTICATED",
        });
      }
      expect(calls).toBe(0);
      await right.ready();
      await right.sendPolicyInstructions(so100Setup());
      expect(calls).toBe(2);
      expect(refused).toEqual(Array(4).fill("UNAUTHENTICATED"));
    } finally {
      for (const c of [anonymous, wrong, right]) c.close();
    }
  });

  it("a server with a token refuses its streaming calls without it too, before any handler runs", async () => {
    const ran: string[] = [];
    const refused: string[] = [];
    const token = "s3cret-token-0123456789";
    const server = await serve(
      {
        async sendObservations(observations) {
          ran.push("SendObservations");
          for await (const _ of observations);
        },
        streamActions() {
          ran.push("StreamActions");
          return [];
        },
      },
      { address: "127.0.0.1:0", insecure: true, token, onRefused: (e) => refused.push(e.status) },
    );
    const clients = [
      createRawClient(server.address, { insecure: true }),
      createRawClient(server.address, { insecure: true, token: "wrong-token-0123456789" }),
    ];
    try {
      for (const c of clients)
        for (const spec of [POLICY_METHODS.sendObservations, POLICY_METHODS.streamActions]) {
          const out = await c.call(POLICY_SERVICE, spec, []);
          expect(out.ok, spec.name).toBe(false);
          expect(out.error?.code, spec.name).toBe(status.UNAUTHENTICATED);
        }
      expect(ran).toEqual([]);
      expect(refused).toEqual(Array(4).fill("UNAUTHENTICATED"));
      const right = createRawClient(server.address, { insecure: true, token });
      clients.push(right);
      expect((await right.call(POLICY_SERVICE, POLICY_METHODS.streamActions, [])).ok).toBe(true);
      expect(ran).toEqual(["StreamActions"]);
    } finally {
      for (const c of clients) c.close();
    }
  });

  const haveOpenssl = (() => {
    try {
      execFileSync("openssl", ["version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  if (!haveOpenssl && process.env.CI === "true") {
    it("openssl is installed (needed for the TLS tests)", () => {
      expect(haveOpenssl).toBe(true);
    });
  }

  describe.skipIf(!haveOpenssl)(`TLS${haveOpenssl ? "" : " (skipped: openssl not found)"}`, () => {
    let dir: string;
    const pem = (name: string) => join(dir, name);
    const selfSigned = (name: string, cn: string) =>
      execFileSync(
        "openssl",
        [
          ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
          ...["-keyout", pem(`${name}.key`), "-out", pem(`${name}.crt`), "-days", "1", "-subj", `/CN=${cn}`],
          ...["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        ],
        { stdio: "ignore" },
      );
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "safewire-tls-"));
      selfSigned("server", "localhost");
      selfSigned("client", "robot-1");
      selfSigned("other", "localhost");
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("serves over TLS from PEM files, with a token, to a client that trusts the CA", async () => {
      const token = "tls-token-0123456789abcdef";
      const server = await serve(createDemoPolicy().handlers, {
        address: "127.0.0.1:0",
        tls: { certFile: pem("server.crt"), keyFile: pem("server.key") },
        token,
      });
      const client = createPolicyClient(server.address, {
        tls: { caFile: pem("server.crt"), serverName: "localhost" },
        token,
      });
      const plain = createPolicyClient(server.address, { insecure: true, token, deadlineMs: 2000 });
      const untrusting = createPolicyClient(server.address, {
        tls: { caFile: pem("other.crt"), serverName: "localhost" },
        deadlineMs: 2000,
      });
      try {
        await client.sendObservations([observationAt(5, small)]);
        expect((await client.getActions()).timestep).toBe(5n);
        await expect(plain.ready()).rejects.toMatchObject({ status: "UNAVAILABLE" });
        await expect(untrusting.ready()).rejects.toMatchObject({ status: "UNAVAILABLE" });
      } finally {
        for (const c of [client, plain, untrusting]) c.close();
      }
    });

    it("mutual TLS: with clientCaFile, a client must present a certificate the CA signed", async () => {
      const server = await serve(
        {},
        {
          address: "127.0.0.1:0",
          tls: { certFile: pem("server.crt"), keyFile: pem("server.key"), clientCaFile: pem("client.crt") },
        },
      );
      const withCert = createPolicyClient(server.address, {
        tls: {
          caFile: pem("server.crt"),
          certFile: pem("client.crt"),
          keyFile: pem("client.key"),
          serverName: "localhost",
        },
      });
      const without = createPolicyClient(server.address, {
        tls: { caFile: pem("server.crt"), serverName: "localhost" },
        deadlineMs: 2000,
      });
      try {
        await withCert.ready();
        await expect(without.ready()).rejects.toBeInstanceOf(SafewireRpcError);
      } finally {
        withCert.close();
        without.close();
      }
    });

    it("a missing PEM file is a clear error", async () => {
      await expect(
        createPolicyServer(
          {},
          { address: "127.0.0.1:0", tls: { certFile: pem("nope.crt"), keyFile: pem("server.key") } },
        ),
      ).rejects.toThrow(/cannot read the TLS certificate from .*nope\.crt/);
    });
  });
});

describe("deadlines, connection loss and shutdown", () => {
  it("a unary call past its deadline fails with DEADLINE_EXCEEDED, and the handler's signal aborts", async () => {
    let aborted = false;
    const server = await serve(
      {
        getActions: (ctx) =>
          new Promise((_, reject) => {
            ctx.signal.addEventListener("abort", () => {
              aborted = true;
              reject(new Error("gave up"));
            });
          }),
      },
      { address: "127.0.0.1:0", insecure: true, ...quiet },
    );
    const client = createPolicyClient(server.address, { insecure: true, deadlineMs: 200 });
    try {
      const err = await client.getActions().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SafewireRpcError);
      expect((err as SafewireRpcError).code).toBe(status.DEADLINE_EXCEEDED);
      expect((err as Error).message).toMatch(/GetActions: deadline exceeded/);
      await new Promise((r) => setTimeout(r, 100));
      expect(aborted).toBe(true);
    } finally {
      client.close();
    }
  });

  it("no server: a clear UNAVAILABLE error naming the address", async () => {
    const probe = await serve({}, { address: "127.0.0.1:0", insecure: true });
    const address = probe.address;
    await probe.close(0);
    const client = createPolicyClient(address, { insecure: true, deadlineMs: 3000 });
    try {
      const err = await client.ready().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SafewireRpcError);
      expect((err as SafewireRpcError).code).toBe(status.UNAVAILABLE);
      expect((err as Error).message).toContain(`the server at ${address} is unavailable`);
    } finally {
      client.close();
    }
  });

  it("connection lost mid-stream: the stream rejects with a SafewireRpcError", async () => {
    const server = await serve(createDemoPolicy().handlers, { address: "127.0.0.1:0", insecure: true });
    const client = createPolicyClient(server.address, { insecure: true });
    try {
      await client.sendObservations([observationAt(1, small)]);
      const stream = client.streamActions();
      const first = await stream.next();
      expect(first.done).toBe(false);
      server.grpcServer.forceShutdown();
      const err = await stream.next().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SafewireRpcError);
      expect([status.UNAVAILABLE, status.CANCELLED, status.INTERNAL]).toContain(
        (err as SafewireRpcError).code,
      );
    } finally {
      client.close();
    }
  });

  it("graceful shutdown ends open streams cleanly and refuses new calls", async () => {
    const server = await serve(createDemoPolicy().handlers, { address: "127.0.0.1:0", insecure: true });
    const client = createPolicyClient(server.address, { insecure: true, deadlineMs: 2000 });
    try {
      await client.sendObservations([observationAt(1, small)]);
      const got: bigint[] = [];
      const reading = (async () => {
        for await (const c of client.streamActions()) got.push(c.timestep);
      })();
      await new Promise((r) => setTimeout(r, 100));
      const t0 = Date.now();
      await server.close(5000);
      expect(Date.now() - t0).toBeLessThan(4000);
      await reading; // ended without an error
      expect(got).toEqual([1n]);
      await expect(client.ready()).rejects.toMatchObject({ status: "UNAVAILABLE" });
    } finally {
      client.close();
    }
  });
});

describe("a hostile server", () => {
  let server: Server;
  let address: string;
  const pickle = hostile.pickles()[2]?.bytes as Uint8Array;
  beforeAll(async () => {
    server = new Server();
    const getActions: handleUnaryCall<Buffer, Buffer> = (_call, cb) => cb(null, Buffer.from(pickle));
    const streamActions: handleServerStreamingCall<Buffer, Buffer> = (call) => {
      call.write(Buffer.from([0x22, 0xff, 0xff, 0xff, 0xff, 0x0f])); // ActionChunk.actions: 4 GiB declared
      call.end();
    };
    server.addService(rawServiceDefinition(POLICY_SERVICE, POLICY_METHODS), {
      getActions,
      streamActions,
      ready: ((_c, cb) => cb(null, Buffer.from([0x08, 0x01]))) as handleUnaryCall<Buffer, Buffer>,
    });
    const port = await new Promise<number>((res, rej) =>
      server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))),
    );
    address = `127.0.0.1:${port}`;
  });
  afterAll(() => server.forceShutdown());

  it("the client decodes responses with the codecs too: a pickle, a length bomb, a non-empty Empty", async () => {
    const client = createPolicyClient(address, { insecure: true });
    try {
      await expect(client.getActions()).rejects.toMatchObject({
        name: "SafewireError",
        code: "unsafe_payload",
      });
      const err = await (async () => {
        for await (const _ of client.streamActions());
      })().catch((e: unknown) => e);
      expect(err).toMatchObject({ name: "SafewireError", direction: "decode" });
      await expect(client.ready()).rejects.toMatchObject({ name: "SafewireError", code: "malformed" });
    } finally {
      client.close();
    }
  });
});
