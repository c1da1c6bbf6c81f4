// The harness's report functions on saved results: the regression check against a baseline that lacks
// cases, reading a results file, and how a skipped pickle shows in the targets and the chart.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  chart,
  compare,
  compareTable,
  evaluateTargets,
  parseResults,
  type Results,
  targetTable,
  withoutVerdicts,
} from "../../bench/report.js";
import { ROOT } from "../helpers/vectors.js";

const text = readFileSync(join(ROOT, "bench/results/baseline.json"), "utf8");
const load = (): Results => JSON.parse(text) as Results;

describe("compare", () => {
  it("names the ratios this run has and the baseline lacks (they were not checked)", () => {
    const current = load();
    const baseline = load();
    baseline.ratios = baseline.ratios.filter((r) => r.case !== "Observation");
    const cmp = compare(current, baseline);
    expect(cmp.rows.some((r) => r.case === "Observation")).toBe(false);
    expect(cmp.unchecked).toContain("Observation protobuf decode");
    expect(cmp.unchecked).toHaveLength(6);
    expect(compareTable(cmp)).toMatch(/Not in the baseline \(not checked\): Observation protobuf encode/);
    const t = evaluateTargets(current, cmp).find((x) => x.id === "regression-check");
    expect(t?.detail).toMatch(/6 not in the baseline/);
  });

  it("a baseline with every ratio: nothing unchecked", () => {
    const cmp = compare(load(), load());
    expect(cmp.unchecked).toEqual([]);
    expect(compareTable(cmp)).not.toMatch(/Not in the baseline/);
  });
});

describe("parseResults", () => {
  it("reads a results file", () => {
    expect(parseResults(text).ratios.length).toBe(load().ratios.length);
  });
  it.each([
    ["not JSON", "{bad", /JSON/],
    ["not an object", "[1,2]", /results/],
    ["another schema", JSON.stringify({ ...load(), schema: 0 }), /schema/],
    ["no ratios", JSON.stringify({ ...load(), ratios: undefined }), /ratios/],
    [
      "ratios as plain numbers (an older format)",
      JSON.stringify({ ...load(), ratios: load().ratios.map((r) => ({ ...r, ratio: r.ratio.median })) }),
      /ratio/,
    ],
    ["no results", JSON.stringify({ ...load(), results: null }), /results/],
  ])("refuses %s with a sentence", (_what, input, message) => {
    expect(() => parseResults(input)).toThrow(message);
  });
});

describe("a run without pickle", () => {
  const r = load();
  r.results = r.results.filter((x) => x.contender !== "pickle");
  r.notes = ["pickle: skipped, numpy is not installed for /usr/bin/python3 (apt-get install python3-numpy)"];

  it("the pickle target says why it is n/a", () => {
    const t = evaluateTargets(r).find((x) => x.id === "beats-pickle");
    expect(t?.status).toBe("n/a");
    expect(t?.detail).toMatch(/skipped, numpy is not installed/);
  });

  it("the chart's pickle panel says why it is empty", () => {
    const svg = chart(r);
    expect(svg).toMatch(/skipped, numpy is not installed/);
    expect(svg).not.toMatch(/÷ Python pickle[\s\S]*not measured/);
  });
});

describe("a --quick run", () => {
  it("keeps each target's figures and gives no verdict (it measures too briefly)", () => {
    const judged = evaluateTargets(load());
    expect(judged.some((t) => t.status === "pass") && judged.some((t) => t.status === "fail")).toBe(true);
    const quick = withoutVerdicts(judged);
    expect(quick.map((t) => t.status)).toEqual(judged.map(() => "n/a"));
    quick.forEach((t, i) => {
      expect(t.detail).toBe(`not judged: a --quick run measures too briefly. ${judged[i]?.detail}`);
    });
    expect(targetTable(quick)).not.toMatch(/pass|fail/);
  });
});

describe("compare across machines", () => {
  it("says when the baseline is from another CPU (ratios move with the machine), and not when it is not", () => {
    const current = load();
    const same = compare(current, load());
    expect(same.otherMachine).toBeUndefined();
    expect(compareTable(same)).not.toMatch(/another machine|ratios move with the machine/);
    const baseline = load();
    baseline.machine = { ...baseline.machine, cpu: "Some Other CPU @ 1 MHz" };
    const cmp = compare(current, baseline);
    expect(cmp.otherMachine).toEqual({
      baseline: "Some Other CPU @ 1 MHz",
      current: String(current.machine.cpu),
    });
    expect(compareTable(cmp)).toMatch(
      /The baseline was measured on Some Other CPU @ 1 MHz, this run on .+: ratios move with the machine/,
    );
    const t = evaluateTargets(current, cmp).find((x) => x.id === "regression-check");
    expect(t?.detail).toMatch(/the baseline is from another machine \(Some Other CPU @ 1 MHz\)$/);
  });
});
