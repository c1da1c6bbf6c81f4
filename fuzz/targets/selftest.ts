/**
 * `selftest-crash` and `selftest-hang`: a planted crash ("SWF!") and a planted hang ("LOOP") behind 4-byte
 * magic values, reachable in seconds only by following coverage. Not run by default;
 * test/fuzz/engine.test.ts runs them to prove the engine finds crashes and hangs and exits non-zero.
 */
import type { FuzzTarget } from "./harness.js";

export function selftestTarget(planted: "crash" | "hang"): FuzzTarget {
  return {
    name: `selftest-${planted}`,
    files: [],
    coverage: ["/fuzz/targets/selftest."],
    async init() {},
    // One byte of each magic to start from: the other three (1 in 2^24 by chance) come from coverage.
    seeds: () => [Uint8Array.of(planted === "crash" ? 0x53 : 0x4c)],
    dictionary: () => [],
    check(input) {
      if (input[0] === 0x53) {
        if (input[1] === 0x57) {
          if (input[2] === 0x46) {
            if (input[3] === 0x21 && planted === "crash") throw new TypeError("planted crash: SWF!");
          }
        }
      }
      if (input[0] === 0x4c) {
        if (input[1] === 0x4f) {
          if (input[2] === 0x4f) {
            if (input[3] === 0x50 && planted === "hang") for (;;) {}
          }
        }
      }
    },
    toFile: (input) => ({ dir: "grpc", prefix: `selftest-${planted}`, bytes: input }),
    fromFile: (_dir, _prefix, bytes) => bytes,
  };
}
