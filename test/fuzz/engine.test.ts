// The fuzz engine end to end: `npm run fuzz -- --target selftest-crash,selftest-hang` must find the planted
// crash and the planted hang (each behind three more magic bytes that only coverage feedback finds in time), copy
// nothing when told not to, write its results, and exit 1.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../../fuzz/targets/harness.js";

const work = mkdtempSync(join(tmpdir(), "safewire-fuzz-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Results {
  findings: number;
  targets: { target: string; execs: number; findings: { kind: string; message: string; hex: string }[] }[];
}

describe("fuzz engine", () => {
  it("finds a planted crash and a planted hang by coverage, and exits 1", () => {
    const results = join(work, "results.json");
    const run = spawnSync(
      process.execPath,
      [
        "--expose-gc",
        join(ROOT, "fuzz", "run.mjs"),
        "--target",
        "selftest-crash,selftest-hang",
        "--seconds",
        "60",
        "--stop-on-finding",
        "--timeout-ms",
        "1000",
        "--no-write",
        "--no-coverage",
        "--seed",
        "1",
        "--corpus-dir",
        join(work, "corpus"),
        "--results",
        results,
      ],
      { cwd: ROOT, encoding: "utf8", timeout: 150_000 },
    );
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(1);
    const doc = JSON.parse(readFileSync(results, "utf8")) as Results;
    const [crash, hang] = doc.targets;
    expect(crash?.target).toBe("selftest-crash");
    expect(crash?.findings.map((f) => f.kind)).toEqual(["crash"]);
    expect(crash?.findings[0]?.message).toMatch(/planted crash/);
    expect(crash?.findings[0]?.hex).toBe("53574621"); // minimised to the four magic bytes
    expect(hang?.target).toBe("selftest-hang");
    expect(hang?.findings.map((f) => f.kind)).toEqual(["timeout"]);
    expect(hang?.findings[0]?.hex.startsWith("4c4f4f50")).toBe(true);
  }, 180_000);
});
