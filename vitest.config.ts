import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Hostile-input tests measure heap growth from a collected baseline.
    execArgv: ["--expose-gc"],
  },
});
