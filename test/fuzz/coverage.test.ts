// The engine's feedback: V8 block coverage turned into "this input reached code nothing reached before".
import { runInThisContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { CoverageMap, lineCoverage, V8Coverage } from "../../fuzz/engine/coverage.mjs";
import { mutate, rng } from "../../fuzz/engine/mutate.mjs";

const cov = new V8Coverage();
afterAll(() => cov.stop());

const URL = "safewire-coverage-probe.js";
const SOURCE = "(function probe(x) {\n  if (x > 0) {\n    return 1;\n  }\n  return 2;\n})";
const probe = runInThisContext(SOURCE, { filename: URL }) as (x: number) => number;
const only = (url: string) => url === URL;

describe("CoverageMap", () => {
  it("counts a branch the first time an input takes it, and never again", () => {
    const map = new CoverageMap(only);
    cov.take();
    probe(1);
    expect(map.merge(cov.take())).toBeGreaterThan(0);
    probe(1);
    expect(map.merge(cov.take())).toBe(0);
    probe(-1);
    expect(map.merge(cov.take(), true)).toBeGreaterThan(0); // a dry run counts…
    probe(-1);
    expect(map.merge(cov.take())).toBeGreaterThan(0); // …but does not record
    probe(-1);
    expect(map.merge(cov.take())).toBe(0);
  });

  it("finds per input what a batch showed in aggregate (V8 merges blocks whose count equals the parent's)", () => {
    const batch = new CoverageMap(only);
    cov.take();
    probe(1);
    probe(-1);
    expect(batch.merge(cov.take(), true)).toBeGreaterThan(0);
    // Replaying the inputs one by one, as bisection does, must find the new blocks again.
    for (const x of [1, -1]) {
      probe(x);
      expect(batch.merge(cov.take())).toBeGreaterThan(0);
    }
  });

  it("reads line coverage the way c8 does", () => {
    // The first line belongs to the script's top level, which ran before this take's window.
    cov.take();
    probe(1);
    expect(lineCoverage(cov.take(), [[URL, SOURCE]])).toEqual([{ file: URL, lines: 4, covered: 2 }]);
    probe(1);
    probe(-1);
    expect(lineCoverage(cov.take(), [[URL, SOURCE]])).toEqual([{ file: URL, lines: 4, covered: 3 }]);
  });
});

describe("mutate", () => {
  it("is deterministic for a seed and respects the length limit", () => {
    const seed = Uint8Array.of(0x92, 0x01, 0xa1, 0x61);
    const run = (s: number) => {
      const r = rng(s);
      return Array.from({ length: 200 }, () => mutate(seed, r, [seed], [Uint8Array.of(0xff, 0xfe)], 16));
    };
    const a = run(42);
    expect(run(42)).toEqual(a);
    expect(run(43)).not.toEqual(a);
    for (const m of a) expect(m.length).toBeLessThanOrEqual(16);
    expect(new Set(a.map((m) => Buffer.from(m).toString("hex"))).size).toBeGreaterThan(150);
  });
});
