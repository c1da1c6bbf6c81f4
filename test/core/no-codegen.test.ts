import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// CSP-like hardening: a process started with --disallow-code-generation-from-strings must be able to use
// the core and the protobuf (static code) and msgpack codecs. avsc would throw at load there.
function runHardened(script: string): Record<string, unknown> {
  const out = execFileSync(
    process.execPath,
    ["--disallow-code-generation-from-strings", "--import", "tsx", script],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  return JSON.parse(out.trim().split("\n").pop() ?? "{}") as Record<string, unknown>;
}

describe("--disallow-code-generation-from-strings", () => {
  it("msgpack codec and core: round trip and hostile rejection", () => {
    expect(runHardened("test/fixtures/no-codegen/msgpack.ts")).toEqual({
      codegenBlocked: true,
      roundTrip: true,
      hostileCode: "limit_exceeded",
      hostileLimit: "maxDepth",
      zodRejects: true,
    });
  });

  it("the flag really breaks avsc, so the other checks mean something", () => {
    expect(() =>
      execFileSync(process.execPath, ["--disallow-code-generation-from-strings", "-e", "require('avsc')"], {
        stdio: "pipe",
      }),
    ).toThrow(/Code generation from strings disallowed/);
  });
});
