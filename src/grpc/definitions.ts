/**
 * The method tables of services.proto, and grpc-js service definitions whose (de)serializers pass the
 * raw bytes through: every payload is decoded by a safewire codec in the call wrappers, never by grpc-js.
 */
import type { MethodDefinition, ServiceDefinition } from "@grpc/grpc-js";

export const PACKAGE = "safewire.robotics.v1";
export const POLICY_SERVICE = `${PACKAGE}.PolicyService`;
export const POLICY_ENVELOPE_SERVICE = `${PACKAGE}.PolicyEnvelopeService`;
export const LEARNER_SERVICE = `${PACKAGE}.LearnerService`;

/** Metadata key of the robot session a call belongs to (client-chosen, the same on all its calls). */
export const MD_SESSION = "safewire-session";

export type MethodKind = "unary" | "clientStream" | "serverStream";

/** One rpc: its name in the .proto, its streaming kind, and its message types. */
export interface MethodSpec {
  readonly name: string;
  readonly kind: MethodKind;
  readonly request: string;
  readonly response: string;
}

export const POLICY_METHODS = {
  ready: { name: "Ready", kind: "unary", request: "Empty", response: "Empty" },
  sendPolicyInstructions: {
    name: "SendPolicyInstructions",
    kind: "unary",
    request: "PolicySetup",
    response: "Empty",
  },
  sendObservations: {
    name: "SendObservations",
    kind: "clientStream",
    request: "Observation",
    response: "Empty",
  },
  getActions: { name: "GetActions", kind: "unary", request: "Empty", response: "ActionChunk" },
  streamActions: { name: "StreamActions", kind: "serverStream", request: "Empty", response: "ActionChunk" },
} as const satisfies Record<string, MethodSpec>;

export const LEARNER_METHODS = {
  streamParameters: { name: "StreamParameters", kind: "serverStream", request: "Empty", response: "Chunk" },
  sendTransitions: { name: "SendTransitions", kind: "clientStream", request: "Chunk", response: "Empty" },
  sendInteractions: {
    name: "SendInteractions",
    kind: "clientStream",
    request: "InteractionStats",
    response: "Empty",
  },
  ready: { name: "Ready", kind: "unary", request: "Empty", response: "Empty" },
} as const satisfies Record<string, MethodSpec>;

export type PolicyMethod = keyof typeof POLICY_METHODS;
export type LearnerMethod = keyof typeof LEARNER_METHODS;

/** `/safewire.robotics.v1.PolicyService/Ready` */
export function methodPath(service: string, spec: MethodSpec): string {
  return `/${service}/${spec.name}`;
}

/** A Buffer over the same memory (grpc-js writes Buffers). */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
const identity = (b: Buffer): Buffer => b;

export type RawMethod = MethodDefinition<Uint8Array, Uint8Array>;

/** A grpc-js definition of `service` whose methods carry raw bytes both ways. */
export function rawServiceDefinition(
  service: string,
  methods: Record<string, MethodSpec>,
): ServiceDefinition<Record<string, RawMethod>> {
  const out: Record<string, RawMethod> = {};
  for (const [key, spec] of Object.entries(methods)) {
    out[key] = {
      path: methodPath(service, spec),
      requestStream: spec.kind === "clientStream",
      responseStream: spec.kind === "serverStream",
      requestSerialize: toBuffer,
      requestDeserialize: identity,
      responseSerialize: toBuffer,
      responseDeserialize: identity,
      originalName: key,
    };
  }
  return out;
}
