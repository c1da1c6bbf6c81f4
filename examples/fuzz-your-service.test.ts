// Fuzz your own gRPC handler with safewire's kit (safewire/testing): the same attacks the library is
// fuzzed with — pickle gadgets, depth and length bombs, truncations, random and mutated bytes — thrown at
// the function you register with your gRPC server. A handler passes when every input either gets an answer
// or is refused with a SafewireError (which your server turns into a gRPC status), within time and memory.
//
//   npx vitest run examples/fuzz-your-service.test.ts
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ErrorCode, isSafewireError, SafewireError } from "../src/errors.js";
import { grpcStatusFor, refusalStatus } from "../src/grpc/status.js";
import {
  type ActionChunk,
  codec,
  fromTypedArray,
  type Observation,
  toTypedArray,
} from "../src/robotics/index.js";
import { assertSafeDecoder, checkInput, hostile, UnsafeDecoderError } from "../src/testing/index.js";

// ---- your service -----------------------------------------------------------------------------------
const observations = codec("Observation", "protobuf");
const actions = codec("ActionChunk", "protobuf");

/** A stand-in policy: 50 actions that hold the current joint positions. */
function policy(obs: Observation): ActionChunk {
  const state = toTypedArray(obs.state, "float32");
  const out = new Float32Array(50 * state.length);
  for (let i = 0; i < 50; i++) out.set(state, i * state.length);
  return {
    timestamp_ns: obs.timestamp_ns,
    timestep: obs.timestep,
    step_ns: 20_000_000n,
    actions: fromTypedArray(out, [50, state.length]),
    action_names: obs.state_names,
  };
}

/** Your handler: request bytes in, response bytes out. Hostile bytes throw SafewireError from `decode`. */
function getActions(request: Uint8Array): Uint8Array {
  const obs = observations.decode(request);
  if (obs.state.dtype !== "float32") {
    throw new SafewireError({
      format: "protobuf",
      direction: "decode",
      issues: [
        { code: "schema_violation", path: ["state", "dtype"], message: "this policy takes float32 state" },
      ],
    });
  }
  return actions.encode(policy(obs));
}

/** The same handler written as many are: it trusts the robot to send at least one joint. */
function getActionsTrusting(request: Uint8Array): Uint8Array {
  const obs = observations.decode(request);
  const state = toTypedArray(obs.state, "float32");
  const first = (state[0] as number).toFixed(3); // TypeError on an empty state, which is valid on the wire
  void first;
  return actions.encode(policy(obs));
}

// ---- the fuzzing --------------------------------------------------------------------------------------
/** Valid requests to mutate: the golden Observation vectors (yours would be recorded traffic). */
const dir = join(import.meta.dirname, "..", "test", "vectors", "protobuf", "Observation");
const samples = readdirSync(dir)
  .filter((f) => f.endsWith(".bin"))
  .map((f) => new Uint8Array(readFileSync(join(dir, f))))
  .filter((b) => observations.safeDecode(b).ok && observations.decode(b).state.dtype === "float32");

describe("fuzzing a gRPC handler with safewire/testing", () => {
  it("the handler answers or refuses with a SafewireError, whatever the bytes", () => {
    assertSafeDecoder(getActions, {
      samples,
      hostile: hostile.protobuf.all(), // pickle gadgets, group and length bombs, bad wire types…
      runs: 400,
      timeBudgetMs: 250, // generous: CI machines are shared
    });
  });

  it("finds the bug in a handler that trusts the peer", () => {
    // An empty state: well-formed protobuf, valid per the schema, fatal to the trusting handler.
    const base = observations.decode(samples[0] as Uint8Array);
    const crafted = observations.encode({
      ...base,
      state: fromTypedArray(new Float32Array(0), [0]),
      state_names: [],
    });
    expect(() => getActions(crafted)).not.toThrow(TypeError);
    expect(() => checkInput(getActionsTrusting, crafted)).toThrow(UnsafeDecoderError);
    expect(() =>
      assertSafeDecoder(getActionsTrusting, { samples: [...samples, crafted], runs: 200, timeBudgetMs: 250 }),
    ).toThrow(UnsafeDecoderError);
  });
});

// ---- the same handler behind a real gRPC server on loopback ----------------------------------------------
const bytesIn = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const service: grpc.ServiceDefinition = {
  getActions: {
    path: "/safewire.example.Policy/GetActions",
    requestStream: false,
    responseStream: false,
    requestSerialize: (b: Uint8Array) => Buffer.from(b),
    requestDeserialize: bytesIn,
    responseSerialize: (b: Uint8Array) => Buffer.from(b),
    responseDeserialize: bytesIn,
  },
};

describe("over gRPC", () => {
  let server: grpc.Server;
  let client: grpc.Client & {
    getActions: (req: Uint8Array, cb: (err: grpc.ServiceError | null, res?: Uint8Array) => void) => void;
  };
  beforeAll(async () => {
    server = new grpc.Server();
    server.addService(service, {
      getActions(
        call: grpc.ServerUnaryCall<Uint8Array, Uint8Array>,
        callback: grpc.sendUnaryData<Uint8Array>,
      ) {
        try {
          callback(null, getActions(call.request));
        } catch (err) {
          if (!isSafewireError(err)) throw err; // a bug: let it crash the test
          const status = refusalStatus(err);
          callback({ code: status.code, details: status.details, metadata: status.metadata });
        }
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) =>
        e ? reject(e) : resolve(p),
      ),
    );
    const Client = grpc.makeGenericClientConstructor(service, "Policy");
    client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as typeof client;
  });
  afterAll(() => {
    client?.close();
    server?.forceShutdown();
  });

  const call = (req: Uint8Array) =>
    new Promise<{ err: grpc.ServiceError | null; res?: Uint8Array }>((resolve) =>
      client.getActions(req, (err, res) => resolve(res === undefined ? { err } : { err, res })),
    );

  it("refuses every hostile payload with the status of its safewire code, and keeps serving", async () => {
    for (const h of [...hostile.protobuf.all(), ...hostile.fromSample(samples[0] as Uint8Array)]) {
      const { err } = await call(h.bytes);
      if (err === null && h.mayDecode === true) continue; // a protobuf message cut between two fields
      const code = err?.metadata.get("safewire-code")[0] as ErrorCode;
      expect(h.expect, h.name).toContain(code);
      expect(err?.code, h.name).toBe(grpcStatusFor(code)); // INVALID_ARGUMENT, RESOURCE_EXHAUSTED, …
    }
    const ok = await call(samples[0] as Uint8Array);
    expect(ok.err).toBeNull();
    expect(actions.decode(ok.res as Uint8Array).actions.shape[0]).toBe(50);
  });
});
