/** Every fuzz target, by name, in the order `npm run fuzz` runs them. Each loads only what it fuzzes. */
import type { FuzzTarget } from "./harness.js";
import { MESSAGES } from "./messages.js";

export type { CorpusDir, FuzzTarget, RegressionFile } from "./harness.js";

export const TARGETS: Readonly<Record<string, () => Promise<FuzzTarget>>> = Object.freeze({
  msgpack: async () => (await import("./msgpack.js")).msgpackTarget(),
  protobuf: async () => (await import("./protobuf.js")).protobufTarget(),
  avro: async () => (await import("./avro.js")).avroTarget(),
  ...Object.fromEntries(
    MESSAGES.map((m) => [m, async () => (await import("./robotics.js")).roboticsTarget(m)]),
  ),
  chunks: async () => (await import("./chunks.js")).chunksTarget(),
});

export const TARGET_NAMES: readonly string[] = Object.keys(TARGETS);

/** Targets only run by name (`--target selftest-crash`), never by default. */
export const EXTRA_TARGETS: Readonly<Record<string, () => Promise<FuzzTarget>>> = Object.freeze({
  "selftest-crash": async () => (await import("./selftest.js")).selftestTarget("crash"),
  "selftest-hang": async () => (await import("./selftest.js")).selftestTarget("hang"),
});
