// The harness's report functions on saved results: the regression check against a baseline that lacks
// cases, reading a results file, and how a skipped pickle shows in the targets and the chart.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Direction } from "../../bench/contenders.js";
import {
  type Aggregate,
  aggregate,
  caseTable,
  chart,
  compare,
  compareTable,
  evaluateTargets,
  fmtBytes,
  fmtNum,
  fmtRatio,
  mdList,
  parseResults,
  type Ratio,
  type Results,
  ratios,
  ratioTable,
  resultsTable,
  type Sample,
  spread,
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

// ---- small hand-made inputs: every verdict below is decided by the numbers written here ----

const sample = (
  c: string,
  contender: string,
  direction: Direction,
  round: number,
  hz: number,
  more: Partial<Sample> = {},
): Sample => ({
  case: c,
  contender,
  direction,
  round,
  hz,
  hzWall: hz,
  bytes: 1000,
  allocPerOp: null,
  allocGc: false,
  ...more,
});

const agg = (
  c: string,
  contender: string,
  direction: Direction,
  hz: number,
  more: Partial<Aggregate> = {},
): Aggregate => ({
  case: c,
  contender,
  direction,
  bytes: 1000,
  hz: spread([hz]),
  hzWall: spread([hz]),
  mbps: spread([hz / 1000]),
  allocPerOp: null,
  allocGc: false,
  ...more,
});

const ratio = (c: string, contender: string, direction: Direction, values: number[]): Ratio => ({
  case: c,
  format: contender.replace("sw-", ""),
  direction,
  contender,
  raw: "raw",
  ratio: spread(values),
});

const run = (more: Partial<Results> = {}): Results => ({
  schema: 1,
  mode: "full",
  date: "2026-01-02T03:04:05.000Z",
  durationS: 1,
  machine: { cpu: "CPU A" },
  versions: {},
  method: {},
  cases: {},
  results: [],
  ratios: [],
  targets: [],
  notes: [],
  errors: [],
  ...more,
});

const target = (r: Partial<Results>, id: string, cmp?: ReturnType<typeof compare>) =>
  evaluateTargets(run(r), cmp).find((t) => t.id === id);

describe("spread", () => {
  it("median of an odd and an even count, min and max, sorted as numbers; values kept as given", () => {
    expect(spread([9, 100, 10])).toEqual({ median: 10, min: 9, max: 100, values: [9, 100, 10] });
    expect(spread([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, values: [4, 1, 3, 2] });
    expect(spread([7])).toEqual({ median: 7, min: 7, max: 7, values: [7] });
    expect(spread([]).median).toBeNaN();
  });
});

describe("aggregate and ratios", () => {
  it("MB/s is ops/s × bytes; the allocation comes from the process that measured it", () => {
    const [a] = aggregate([
      sample("ActionChunk", "sw-protobuf", "decode", 0, 2000, { bytes: 500 }),
      sample("ActionChunk", "sw-protobuf", "decode", 1, 4000, { bytes: 500, allocPerOp: 321 }),
    ]);
    expect(a?.hz.median).toBe(3000);
    expect(a?.mbps.values).toEqual([1, 2]);
    expect(a?.allocPerOp).toBe(321);
    const both = aggregate([
      sample("ActionChunk", "sw-protobuf", "encode", 0, 1),
      sample("ActionChunk", "sw-protobuf", "decode", 0, 2),
    ]);
    expect(both.map((x) => [x.direction, x.hz.median])).toEqual([
      ["encode", 1],
      ["decode", 2],
    ]);
  });

  it("safewire ÷ its raw library, each process against the raw run in the same round", () => {
    const r = ratios([
      sample("ActionChunk", "sw-protobuf", "encode", 0, 60),
      sample("ActionChunk", "protobufjs", "encode", 0, 100),
      sample("ActionChunk", "sw-protobuf", "encode", 1, 40),
      sample("ActionChunk", "protobufjs", "encode", 1, 50),
      // a raw rate of 0 gives no ratio (and no division by zero)
      sample("ActionChunk", "sw-protobuf", "encode", 2, 10),
      sample("ActionChunk", "protobufjs", "encode", 2, 0),
    ]);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({
      case: "ActionChunk",
      format: "protobuf",
      direction: "encode",
      contender: "sw-protobuf",
      raw: "protobufjs",
    });
    expect(r[0]?.ratio.values).toEqual([0.6, 0.8]);
    const dec = ratios([
      sample("Observation", "sw-avro", "decode", 0, 30),
      sample("Observation", "avsc", "decode", 0, 60),
    ]);
    expect(dec.map((x) => [x.direction, x.raw, x.ratio.median])).toEqual([["decode", "avsc", 0.5]]);
  });
});

describe("parseResults refuses a file missing what the report reads", () => {
  const ok = run({
    results: [agg("ActionChunk", "sw-protobuf", "encode", 1)],
    ratios: [ratio("ActionChunk", "sw-protobuf", "encode", [1])],
  });
  const edit = (f: (r: Record<string, unknown>) => void): string => {
    const r = structuredClone(ok) as unknown as Record<string, unknown>;
    f(r);
    return JSON.stringify(r);
  };
  const first = (r: Record<string, unknown>, list: string) => (r[list] as Record<string, unknown>[])[0] ?? {};

  it("reads the hand-made file", () => {
    expect(parseResults(JSON.stringify(ok))).toEqual(ok);
  });
  it.each([
    [
      "an unknown mode",
      edit((r) => {
        r.mode = "fast";
      }),
      /mode/,
    ],
    ["no date", edit((r) => delete r.date), /date/],
    ["no machine", edit((r) => delete r.machine), /machine/],
    [
      "cases as a list",
      edit((r) => {
        r.cases = [];
      }),
      /cases/,
    ],
    ["no notes", edit((r) => delete r.notes), /notes/],
    ["no errors", edit((r) => delete r.errors), /errors/],
    ["a result without direction", edit((r) => delete first(r, "results").direction), /results\[0\]/],
    ["a result without mbps", edit((r) => delete first(r, "results").mbps), /results\[0\]/],
    [
      "a result whose hz has no min",
      edit((r) => delete (first(r, "results").hz as Record<string, unknown>).min),
      /results\[0\]/,
    ],
    [
      "a result whose hz has no values",
      edit((r) => delete (first(r, "results").hz as Record<string, unknown>).values),
      /results\[0\]/,
    ],
    ["a ratio without format", edit((r) => delete first(r, "ratios").format), /ratios\[0\]/],
    // a rate or ratio of 0 divides by zero in the targets and is -Infinity on the chart's log scale
    [
      "a result whose median rate is 0",
      edit((r) => {
        (first(r, "results").hz as Record<string, unknown>).median = 0;
      }),
      /results\[0\]/,
    ],
    [
      "a result with a negative MB/s among its values",
      edit((r) => {
        (first(r, "results").mbps as Record<string, unknown>).values = [1, -1];
      }),
      /results\[0\]/,
    ],
    [
      "a ratio whose min is 0",
      edit((r) => {
        (first(r, "ratios").ratio as Record<string, unknown>).min = 0;
      }),
      /ratios\[0\]/,
    ],
    [
      "a ratio with a value that is not a number",
      edit((r) => {
        (first(r, "ratios").ratio as Record<string, unknown>).values = ["1"];
      }),
      /ratios\[0\]/,
    ],
  ])("%s", (_what, input, message) => {
    expect(() => parseResults(input)).toThrow(message);
  });
});

describe("targets at their thresholds", () => {
  const obs = "Observation";

  it("small messages: 0.6× passes, below fails, no ratio is n/a", () => {
    const at = (v: number) =>
      target({ ratios: [ratio("ActionChunk", "sw-avro", "decode", [v])] }, "small-decode-ratio")?.status;
    expect(at(0.6)).toBe("pass");
    expect(at(0.55)).toBe("fail");
    // judged on the median of the processes, not on the slowest one
    expect(
      target({ ratios: [ratio("ActionChunk", "sw-avro", "decode", [0.5, 0.7, 0.8])] }, "small-decode-ratio")
        ?.status,
    ).toBe("pass");
    expect(target({}, "small-decode-ratio")?.status).toBe("n/a");
    // a large case does not count
    expect(
      target({ ratios: [ratio("Parameters", "sw-avro", "decode", [0.1])] }, "small-decode-ratio")?.status,
    ).toBe("n/a");
  });

  it("Observation views: a safewire decode that copies fails; another contender's note does not", () => {
    const results = [agg(obs, "sw-protobuf", "decode", 1)];
    const note = (who: string) => `${who}: ${obs}: 1 of 2 decoded binaries are copies, not views`;
    expect(target({ results, notes: [note("sw-protobuf")] }, "observation-views")?.status).toBe("fail");
    expect(target({ results, notes: [note("json-zod")] }, "observation-views")?.status).toBe("pass");
    // no Observation decode measured: nothing to judge
    expect(target({ notes: [note("sw-protobuf")] }, "observation-views")?.status).toBe("n/a");
  });

  it("Observation decode allocation: under 16 KiB passes, 16 KiB fails, not measured is n/a", () => {
    const at = (allocPerOp: number | null) =>
      target({ results: [agg(obs, "sw-msgpack", "decode", 1, { allocPerOp })] }, "observation-alloc")?.status;
    expect(at(16 * 1024 - 1)).toBe("pass");
    expect(at(16 * 1024)).toBe("fail");
    expect(at(null)).toBe("n/a");
  });

  it("Observation decode rate: 50k/s passes, just below fails", () => {
    const at = (hz: number) =>
      target({ results: [agg(obs, "sw-avro", "decode", hz)] }, "observation-decode-rate")?.status;
    expect(at(50_000)).toBe("pass");
    expect(at(49_999)).toBe("fail");
  });

  it("Observation encode: 0.9× its raw library passes, below fails", () => {
    const at = (v: number) =>
      target({ ratios: [ratio(obs, "sw-protobuf", "encode", [v])] }, "observation-encode-ratio")?.status;
    expect(at(0.9)).toBe("pass");
    expect(at(0.85)).toBe("fail");
  });

  it("beats pickle: faster passes, as fast fails, and the detail names the slowest format", () => {
    const at = (avro: number) =>
      target(
        {
          results: [
            agg("ActionChunk", "pickle", "encode", 100),
            agg("ActionChunk", "sw-protobuf", "encode", 300),
            agg("ActionChunk", "sw-avro", "encode", avro),
          ],
        },
        "beats-pickle",
      );
    expect(at(150)?.status).toBe("pass");
    expect(at(150)?.detail).toBe("slowest format ÷ pickle: ActionChunk encode 1.5×");
    expect(at(100)?.status).toBe("fail");
    expect(at(100)?.detail).toMatch(/below 1: ActionChunk encode avro 1\.0×$/);
    // pickle measured in a case with no safewire measurement: that case is not listed
    const t = target(
      {
        results: [
          agg("ActionChunk", "pickle", "encode", 100),
          agg("ActionChunk", "sw-protobuf", "encode", 300),
          agg("Observation", "pickle", "encode", 100),
        ],
      },
      "beats-pickle",
    );
    expect(t?.detail).toBe("slowest format ÷ pickle: ActionChunk encode 3.0×");
  });

  it("10× JSON + zod: 10× passes, below fails", () => {
    const at = (hz: number) =>
      target(
        { results: [agg(obs, "json-zod", "decode", 10), agg(obs, "sw-msgpack", "decode", hz)] },
        "beats-json-10x",
      )?.status;
    expect(at(100)).toBe("pass");
    expect(at(99)).toBe("fail");
  });
});

describe("compare on hand-made ratios", () => {
  // baseline ratio median 1.0 (range 0.9–1.1); the current one as given
  const base = () => run({ ratios: [ratio("ActionChunk", "sw-protobuf", "decode", [0.9, 1.0, 1.1])] });
  const now = (values: number[]) => run({ ratios: [ratio("ActionChunk", "sw-protobuf", "decode", values)] });

  it("more than 20% lower with no overlap: flagged, and the regression target fails", () => {
    const cmp = compare(now([0.7, 0.75, 0.8]), base());
    expect(cmp.rows[0]).toMatchObject({ slower: true, significant: true });
    expect(cmp.rows[0]?.change).toBeCloseTo(-0.25);
    expect(cmp.flagged).toHaveLength(1);
    expect(compareTable(cmp)).toMatch(/\| -25% \*\*SLOWER\*\* \|/);
    const t = target(now([0.7, 0.75, 0.8]), "regression-check", cmp);
    expect(t?.status).toBe("fail");
    expect(t?.detail).toBe("ActionChunk protobuf decode 1.0× → 0.75×");
  });

  it("slower but the ranges overlap: within noise, unless strict", () => {
    const cmp = compare(now([0.7, 0.75, 0.95]), base());
    expect(cmp.rows[0]).toMatchObject({ slower: true, significant: false });
    expect(cmp.flagged).toEqual([]);
    expect(compareTable(cmp)).toMatch(/\| -25% \*slower \(within noise\)\* \|/);
    expect(target({}, "regression-check", cmp)?.detail).toMatch(
      /^1 ratios compared, none significantly more than 20% lower \(lower but within noise: ActionChunk protobuf decode -25%\)/,
    );
    const strict = compare(now([0.7, 0.75, 0.95]), base(), 0.2, true);
    expect(strict.flagged).toHaveLength(1);
    const fine = compare(now([1]), base(), 0.2, true);
    expect(target({}, "regression-check", fine)?.detail).toBe("1 ratios compared, none more than 20% lower");
  });

  it("ranges that only touch (now's max = the baseline's min) are not 'every process below'", () => {
    expect(compare(now([0.7, 0.75, 0.9]), base()).rows[0]?.significant).toBe(false);
  });

  it("exactly the threshold lower is not more than it; 15% lower is not slower; faster is not slower", () => {
    // 0.75 / 1 - 1 is exactly -0.25 in floating point
    expect(
      compare(now([0.75]), run({ ratios: [ratio("ActionChunk", "sw-protobuf", "decode", [1])] }), 0.25)
        .rows[0]?.slower,
    ).toBe(false);
    expect(compare(now([0.84, 0.85, 0.86]), base()).rows[0]?.slower).toBe(false);
    expect(compare(now([2, 2, 2]), base()).rows[0]?.slower).toBe(false);
  });

  it("the threshold given is used, and named in the target", () => {
    const cmp = compare(now([0.7, 0.75, 0.8]), base(), 0.3);
    expect(cmp.flagged).toEqual([]);
    expect(target({}, "regression-check", cmp)?.text).toMatch(/more than 30% below/);
  });

  it("pairs each baseline ratio with the same contender and direction", () => {
    const both = (enc: number, dec: number) =>
      run({
        ratios: [
          ratio("ActionChunk", "sw-protobuf", "encode", [enc]),
          ratio("ActionChunk", "sw-avro", "encode", [dec]),
          ratio("ActionChunk", "sw-protobuf", "decode", [dec]),
        ],
      });
    const cmp = compare(both(0.5, 1), both(0.5, 1), 0.2, true);
    expect(cmp.rows.map((r) => r.change)).toEqual([0, 0, 0]);
  });

  it("counts the baseline's ratios this run did not measure", () => {
    const baseline = run({
      ratios: [
        ratio("ActionChunk", "sw-protobuf", "decode", [1]),
        ratio("ActionChunk", "sw-avro", "decode", [1]),
      ],
    });
    const cmp = compare(now([1]), baseline);
    expect(cmp.missing).toEqual(["ActionChunk avro decode"]);
    expect(target({}, "regression-check", cmp)?.status).toBe("pass");
    expect(target({}, "regression-check", cmp)?.detail).toMatch(/; 1 of the baseline not measured now$/);
  });

  it("a run that measured none of the baseline's ratios compared nothing: no pass", () => {
    const cmp = compare(run(), base());
    expect(cmp.rows).toEqual([]);
    expect(cmp.missing).toEqual(["ActionChunk protobuf decode"]);
    const t = target({}, "regression-check", cmp);
    expect(t?.status).toBe("fail");
    expect(t?.detail).toBe("nothing compared: none of the baseline's 1 ratios was measured in this run");
  });
});

describe("report text", () => {
  it("the chart escapes the machine's name and the notes it shows", () => {
    const svg = chart(
      run({
        machine: { cpu: "Fast<CPU> & co", node: "v20" },
        notes: ["pickle: skipped, /opt/<python> & friends not found"],
        results: [agg("ActionChunk", "sw-protobuf", "encode", 1)],
      }),
    );
    expect(svg).toContain("Fast&lt;CPU&gt; &amp; co");
    expect(svg).toContain("/opt/&lt;python&gt; &amp; friends");
    // every < opens a tag, every & an entity
    expect(svg).not.toMatch(/<(?![a-z/])|&(?!(amp|lt|gt);)/);
  });

  it("the chart's bars are safewire ÷ the other (20× JSON + zod here)", () => {
    const svg = chart(
      run({
        results: [
          agg("ActionChunk", "sw-protobuf", "encode", 200),
          agg("ActionChunk", "json-zod", "encode", 10),
        ],
      }),
    );
    expect(svg).toContain("<title>ActionChunk encode safewire protobuf ÷ JSON + base64 + zod: 20×</title>");
  });

  it("the raw-library bar is the median of the per-process ratios", () => {
    const svg = chart(
      run({
        results: [agg("ActionChunk", "sw-protobuf", "encode", 1)],
        ratios: [ratio("ActionChunk", "sw-protobuf", "encode", [0.5, 0.7, 0.8])],
      }),
    );
    expect(svg).toContain("<title>ActionChunk encode safewire protobuf ÷ its raw library: 0.70×</title>");
  });

  it("the cases' background stripes alternate", () => {
    const svg = chart(
      run({
        results: [
          agg("ActionChunk", "sw-protobuf", "encode", 1),
          agg("Observation", "sw-protobuf", "encode", 1),
        ],
      }),
    );
    const stripes = [...svg.matchAll(/<rect x="8" [^>]*fill="(#[0-9a-f]+)"/g)].map((m) => m[1]);
    expect(stripes).toEqual(["#f6f7f9", "#ffffff"]);
  });

  it("a long reason for an empty panel is wrapped at about 50 characters", () => {
    const note =
      "pickle: skipped, numpy is not installed for /usr/bin/python3 (apt-get install python3-numpy)";
    const svg = chart(run({ notes: [note] }));
    const lines = [...svg.matchAll(/fill="#777">([^<]*)</g)].map((m) => m[1]);
    expect(lines.filter((l) => l?.startsWith("pickle"))).toEqual([
      "pickle: skipped, numpy is not installed for",
    ]);
    expect(lines.join(" ")).toContain(note);
  });

  it("an allocation measured while a GC ran shows as a lower bound, or not at all", () => {
    const table = (allocPerOp: number) =>
      resultsTable(
        run({ results: [agg("ActionChunk", "sw-protobuf", "decode", 1, { allocPerOp, allocGc: true })] }),
      );
    expect(table(20 * 1024)).toMatch(/\| ≥ 20\.0 KiB \|$/);
    expect(table(0)).toMatch(/\| — \(GC ran\) \|$/);
  });
});

describe("free text in the Markdown", () => {
  // Notes, Python's errors and a results file's names end up in table cells and bullets: a `|` or a line
  // break there would split a cell or a row.
  const cells = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1);

  it("a target's detail with a | and a line break stays one cell of one row", () => {
    const table = targetTable([
      { id: "x", text: "a | b", status: "n/a", detail: "pickle: skipped, exit 1\nTraceback | (most recent)" },
    ]);
    const rows = table.split("\n");
    expect(rows).toHaveLength(3);
    expect(cells(rows[2] as string)).toEqual([
      " a \\| b ",
      " n/a ",
      " pickle: skipped, exit 1 Traceback \\| (most recent) ",
    ]);
  });

  it("a case description from a results file stays in its cell", () => {
    const rows = caseTable({
      cases: { ActionChunk: { description: "50|6\nfloat32", bytes: { protobuf: 1 } } },
    }).split("\n");
    expect(rows).toHaveLength(3);
    expect(cells(rows[2] as string)).toHaveLength(7);
  });

  it("compare's rows escape the names a baseline file gives", () => {
    const baseline = run({ ratios: [ratio("Action|Chunk", "sw-protobuf", "encode", [1])] });
    const table = compareTable(compare(baseline, baseline, 0.2, false));
    const row = table.split("\n").find((l) => l.startsWith("| Action"));
    expect(row && cells(row)).toHaveLength(6);
  });

  it("a multi-line note or error stays one bullet", () => {
    expect(mdList(["one", "exit 1: Traceback\n  File x\nValueError"])).toEqual([
      "- one",
      "- exit 1: Traceback\n    File x\n  ValueError",
    ]);
  });
});

describe("numbers in the tables", () => {
  it("switch precision at 10×, 100 and 1 MiB", () => {
    expect([fmtRatio(9.99), fmtRatio(10), fmtRatio(0.5), fmtRatio(Number.NaN)]).toEqual([
      "10.0×",
      "10×",
      "0.50×",
      "—",
    ]);
    expect([fmtNum(99.5), fmtNum(100), fmtNum(12_345), fmtNum(2.5e6)]).toEqual([
      "99.5",
      "100",
      "12.3k",
      "2.50M",
    ]);
    expect([fmtBytes(1023), fmtBytes(1024), fmtBytes(1024 * 1024), fmtBytes(null)]).toEqual([
      "1023 B",
      "1.0 KiB",
      "1.0 MiB",
      "—",
    ]);
  });

  it("the results table: encode then decode ratio, and a range only for several processes", () => {
    const r = run({
      results: [
        agg("ActionChunk", "sw-protobuf", "encode", 1000),
        { ...agg("ActionChunk", "sw-protobuf", "decode", 2000), hz: spread([1000, 2000, 3000]) },
      ],
      ratios: [
        ratio("ActionChunk", "sw-protobuf", "encode", [0.5]),
        ratio("ActionChunk", "sw-protobuf", "decode", [2]),
      ],
    });
    expect(resultsTable(r).split("\n")[2]).toBe(
      "| ActionChunk | safewire protobuf | 1.00k | 1.00 | 2.00k (1.00k–3.00k) | 2.00 | 0.50× / 2.0× | — |",
    );
  });

  it("the ratio table: the slowest safewire format over pickle", () => {
    const r = run({
      results: [
        agg("ActionChunk", "pickle", "encode", 100),
        agg("ActionChunk", "sw-protobuf", "encode", 300),
        agg("ActionChunk", "sw-avro", "encode", 150),
      ],
    });
    expect(ratioTable(r)).toContain("| ActionChunk | encode | — | — | — | 1.5× | — |");
  });
});

describe("what the report refuses to judge", () => {
  it("a file the report cannot print is refused when read, not crashed on later", () => {
    const ok = run();
    // run.ts prints `durationS.toFixed(0)`, caseTable reads each case's description and bytes, the
    // observation target calls `startsWith` on every note
    expect(() => parseResults(JSON.stringify({ ...ok, durationS: undefined }))).toThrow(/durationS/);
    expect(() =>
      parseResults(JSON.stringify({ ...ok, cases: { ActionChunk: { description: "x" } } })),
    ).toThrow(/cases/);
    expect(() => parseResults(JSON.stringify({ ...ok, notes: [1] }))).toThrow(/notes/);
    expect(() => parseResults(JSON.stringify({ ...ok, errors: [{}] }))).toThrow(/errors/);
  });

  it("Observation allocation: a GC-disturbed measurement under 16 KiB (a lower bound) is not a pass", () => {
    const at = (allocPerOp: number) =>
      target(
        { results: [agg("Observation", "sw-protobuf", "decode", 1, { allocPerOp, allocGc: true })] },
        "observation-alloc",
      );
    expect(at(0)?.status).toBe("n/a");
    expect(at(4096)?.status).toBe("n/a");
    // a lower bound already over the limit is a fail
    expect(at(32 * 1024)?.status).toBe("fail");
    expect(at(32 * 1024)?.detail).toBe("protobuf ≥ 32.0 KiB");
  });
});
