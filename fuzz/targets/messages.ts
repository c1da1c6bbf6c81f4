import type { MessageName } from "../../src/robotics/messages.js";

/** The robotics message set, each one a fuzz target (fuzz/targets/robotics.ts). Kept in step with MESSAGE_NAMES by test/fuzz/replay.test.ts. */
export const MESSAGES: readonly MessageName[] = [
  "Tensor",
  "Image",
  "Observation",
  "ActionChunk",
  "PolicySetup",
  "Transition",
  "Parameters",
  "InteractionStats",
];
