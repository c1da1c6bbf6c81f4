/**
 * A small deterministic policy server (the demo's, and the tests'): a fixed linear map from a 6-joint
 * state to a T×6 action chunk. scripts/py_grpc_policy_server.py computes the same map.
 *
 *   action[t][j] = (1 - t/100) · state[j] + 0.1 · state[(j+1) mod 6]      (float32)
 */
import { type PolicyHandlers, StatusError } from "../../src/grpc/index.js";
import type { ActionChunk, Observation, PolicySetup } from "../../src/robotics/index.js";
import { fromTypedArray, toTypedArray } from "../../src/robotics/index.js";

export const JOINTS = [
  "shoulder_pan.pos",
  "shoulder_lift.pos",
  "elbow_flex.pos",
  "wrist_flex.pos",
  "wrist_roll.pos",
  "gripper.pos",
] as const;
export const DEFAULT_CHUNK = 50;
/** 30 Hz. */
export const STEP_NS = 33_333_333n;

/** The policy's map, in float32. */
export function linearPolicy(state: Float32Array, T: number): Float32Array {
  const D = state.length;
  const out = new Float32Array(T * D);
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < D; j++) {
      out[t * D + j] = (1 - t / 100) * (state[j] as number) + 0.1 * (state[(j + 1) % D] as number);
    }
  }
  return out;
}

/** The chunk the policy answers `obs` with. */
export function chunkFor(obs: Observation, T: number): ActionChunk {
  const state = toTypedArray(obs.state) as Float32Array;
  const actions = linearPolicy(state, T);
  return {
    timestamp_ns: obs.timestamp_ns,
    timestep: obs.timestep,
    step_ns: STEP_NS,
    actions: fromTypedArray(actions, [T, state.length]),
    action_names: state.length === JOINTS.length ? [...JOINTS] : [],
  };
}

interface Session {
  setup: PolicySetup | undefined;
  latest: Observation | undefined;
  waiters: Set<() => void>;
  observations: number;
}

export interface DemoPolicy {
  handlers: PolicyHandlers;
  /** Observations taken, over all sessions. */
  readonly observations: number;
  readonly setups: number;
}

const MAX_SESSIONS = 1024;

/**
 * The demo policy's handlers. State is kept per `safewire-session` (the robot's id), so several robots
 * may share a server; each observation wakes that session's StreamActions calls.
 */
export function createDemoPolicy(): DemoPolicy {
  const sessions = new Map<string, Session>();
  let observations = 0;
  let setups = 0;
  const session = (id: string | undefined, peer: string): Session => {
    const key = id ?? peer;
    let s = sessions.get(key);
    if (s === undefined) {
      if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
      s = { setup: undefined, latest: undefined, waiters: new Set(), observations: 0 };
      sessions.set(key, s);
    }
    return s;
  };
  const chunkLength = (s: Session) => s.setup?.actions_per_chunk ?? DEFAULT_CHUNK;

  const handlers: PolicyHandlers = {
    sendPolicyInstructions(setup, ctx) {
      session(ctx.session, ctx.peer).setup = setup;
      setups++;
    },
    async sendObservations(stream, ctx) {
      const s = session(ctx.session, ctx.peer);
      for await (const obs of stream) {
        if (obs.state.dtype !== "float32") {
          throw new StatusError(3, `this policy takes a float32 state, got ${obs.state.dtype}`);
        }
        s.latest = obs;
        s.observations++;
        observations++;
        for (const wake of s.waiters) wake();
      }
    },
    getActions(ctx) {
      const s = session(ctx.session, ctx.peer);
      if (s.latest === undefined) throw new StatusError(9, "no observation received yet for this session");
      return chunkFor(s.latest, chunkLength(s));
    },
    async *streamActions(ctx) {
      const s = session(ctx.session, ctx.peer);
      let seen: Observation | undefined;
      while (!ctx.signal.aborted) {
        if (s.latest !== undefined && s.latest !== seen) {
          seen = s.latest;
          yield chunkFor(seen, chunkLength(s));
          continue;
        }
        await new Promise<void>((resolve) => {
          const wake = () => {
            s.waiters.delete(wake);
            ctx.signal.removeEventListener("abort", wake);
            resolve();
          };
          s.waiters.add(wake);
          ctx.signal.addEventListener("abort", wake, { once: true });
        });
      }
    },
  };
  return {
    handlers,
    get observations() {
      return observations;
    },
    get setups() {
      return setups;
    },
  };
}
