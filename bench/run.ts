/**
 * The benchmark harness: `npm run bench` (full, about 3 minutes) or `npm run bench -- --quick` (seconds,
 * for CI: checks the harness runs, judges nothing). The options are in USAGE below (`--help`).
 *
 * Each process measures one family of contenders on every case (safewire in one format and its raw
 * library share a process, so their ratio is measured under the same conditions; formats never share a
 * process, so zod's call sites see one format's values, as in an application that speaks one format).
 * Each case is so measured in `--rounds` processes; rounds rotate the order of families, cases and
 * contenders. Python's pickle runs in its own process per round, in the same rotation.
 */
import { spawn } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { ChildReport } from "./child.js";
import { contenderInfo, NODE_CONTENDERS } from "./contenders.js";
import {
  CASE_DESCRIPTIONS,
  CASE_NAMES,
  type CaseName,
  isCaseName,
  makeValue,
  toPortableJson,
} from "./fixtures.js";
import {
  aggregate,
  type CompareResult,
  caseTable,
  chart,
  compare,
  compareTable,
  evaluateTargets,
  mdList,
  parseResults,
  type Results,
  ratios,
  ratioTable,
  resultsTable,
  type Sample,
  targetTable,
  withoutVerdicts,
} from "./report.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BUILD = `${ROOT}bench/.build/`;
const PYTHON = "/usr/bin/python3";

const USAGE = `Usage: npm run bench -- [options]

  --quick             one short process per case; writes bench/results/quick.{json,svg,md}
  --compare FILE      check every safewire ÷ raw ratio against FILE's: more than 20% lower fails
                      (exit 1) when this run's per-process ratios all lie below the baseline's
                      (not run-to-run noise); --strict fails on the median alone;
                      --threshold 0.2 sets the 20%; a run that shares no ratio with
                      FILE fails too (exit 1: nothing was compared)
  --current FILE      report (and compare) a saved results file instead of measuring
  --out DIR           where results go (default bench/results)
  --cases A,B         only these cases (${CASE_NAMES.join(", ")})
  --rounds N          processes per case and contender family (full: 5)
  --budget S          wall-clock seconds the full run aims at (default 165): later processes get
                      shorter measuring times when the machine is slower than planned
  --no-pickle         skip the Python pickle contender
  --tsx               run the children with tsx instead of an esbuild bundle
  --help              this text
`;

function parseOptions() {
  try {
    return parseArgs({ options: OPTIONS });
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    process.exit(2);
  }
}

const OPTIONS = {
  quick: { type: "boolean", default: false },
  compare: { type: "string" },
  current: { type: "string" },
  out: { type: "string" },
  cases: { type: "string" },
  rounds: { type: "string" },
  budget: { type: "string", default: "165" },
  "no-pickle": { type: "boolean", default: false },
  strict: { type: "boolean", default: false },
  threshold: { type: "string", default: "0.2" },
  tsx: { type: "boolean", default: false },
  help: { type: "boolean", default: false },
} as const;
const { values: args } = parseOptions();
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

/** A bad argument: the reason and the usage on stderr, exit 2, before anything is measured. */
function usageError(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

/** A number option: finite and within [min, max] (an integer if asked), else a usage error. */
function numberOption(name: string, text: string, min: number, max: number, integer = false): number {
  const x = Number(text);
  if (text.trim() === "" || !Number.isFinite(x) || x < min || x > max || (integer && !Number.isInteger(x)))
    usageError(
      `--${name} ${JSON.stringify(text)}: expected ${integer ? "an integer" : "a number"} from ${min} to ${max}`,
    );
  return x;
}

/** A results file (--compare, --current), checked before anything is measured. */
function readResults(option: string, file: string): Results {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    usageError(`--${option} ${file}: cannot read it (${err instanceof Error ? err.message : String(err)})`);
  }
  try {
    return parseResults(text);
  } catch (err) {
    usageError(`--${option} ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const quick = args.quick === true;
const outDir = args.out ?? `${ROOT}bench/results/`;
const outBase = `${outDir.endsWith("/") ? outDir : `${outDir}/`}${quick ? "quick" : "latest"}`;
const selectedCases: CaseName[] = [...CASE_NAMES];
if (args.cases !== undefined) {
  const names = args.cases.split(",").filter((s) => s !== "");
  const unknown = names.filter((s) => !isCaseName(s));
  if (unknown.length > 0 || names.length === 0)
    usageError(
      `--cases ${JSON.stringify(args.cases)}: ${unknown.length > 0 ? `unknown ${unknown.map((u) => `"${u}"`).join(", ")}; ` : ""}choose from ${CASE_NAMES.join(", ")}`,
    );
  selectedCases.splice(0, selectedCases.length, ...names.filter(isCaseName));
}
const rounds =
  args.rounds === undefined ? (quick ? 1 : 5) : numberOption("rounds", args.rounds, 1, 100, true);
const budgetS = numberOption("budget", args.budget, 1, 86_400);
const threshold = numberOption("threshold", args.threshold, 0, 0.99);
const current = args.current === undefined ? undefined : readResults("current", args.current);
const baseline = args.compare === undefined ? undefined : readResults("compare", args.compare);
if (current === undefined) {
  try {
    mkdirSync(outDir, { recursive: true });
    accessSync(outDir, constants.W_OK);
  } catch (err) {
    usageError(`--out ${outDir}: cannot write there (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** Contender families: one process each (full mode). */
const FAMILIES: readonly (readonly string[])[] = [
  ["sw-protobuf", "protobufjs"],
  ["sw-avro", "avsc"],
  ["sw-msgpack", "msgpack", "msgpackr"],
  ["msgpackr-zod", "json-zod", "memcpy-set", "memcpy-alloc"],
];

interface Knobs {
  time: number;
  warmup: number;
  warm: number;
  sample: number;
}
const FULL: Knobs = { time: 80, warmup: 20, warm: 600, sample: 1 };
const QUICK: Knobs = { time: 10, warmup: 3, warm: 30, sample: 0.5 };

function rotate<T>(xs: readonly T[], by: number): T[] {
  const n = xs.length;
  if (n === 0) return [];
  const k = ((by % n) + n) % n;
  return [...xs.slice(k), ...xs.slice(0, k)];
}

function run(
  cmd: string,
  argv: string[],
): Promise<{ code: number; stdout: string; stderr: string; wallMs: number }> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr, wallMs: Date.now() - t0 }));
  });
}

function version(pkg: string): string {
  try {
    const file = `${ROOT}node_modules/${pkg}/package.json`;
    return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  } catch {
    return "?";
  }
}

/** The child as one ESM file (packages stay external): starts in ~0.2 s of CPU instead of ~1 s with tsx. */
async function buildChild(): Promise<string[]> {
  if (!args.tsx) {
    try {
      const esbuild = await import("esbuild");
      await esbuild.build({
        entryPoints: [`${ROOT}bench/child.ts`],
        outfile: `${BUILD}child.mjs`,
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        packages: "external",
        logLevel: "error",
      });
      return [`${BUILD}child.mjs`];
    } catch (err) {
      console.error(`esbuild bundle failed (${String(err)}); running the children with tsx`);
    }
  }
  return ["--import", "tsx", `${ROOT}bench/child.ts`];
}

interface PythonCase {
  bytes: number;
  encode: { hz: number; hzWall: number; allocPerOp?: number };
  decode: { hz: number; hzWall: number; allocPerOp?: number };
}
interface PythonReport {
  skipped?: string;
  python: string;
  numpy: string;
  cases: Record<string, PythonCase>;
}

async function measure(): Promise<Results> {
  const started = Date.now();
  const loadStart = os.loadavg();
  const cases = selectedCases;
  const knobs = quick ? QUICK : FULL;
  const budgetMs = budgetS * 1000 * (quick ? 0.15 : 1);
  mkdirSync(BUILD, { recursive: true });
  const childCmd = await buildChild();

  // Python's side: the same values as portable JSON, when numpy is there.
  let pickle = !args["no-pickle"] && existsSync(PYTHON);
  const notes: string[] = [];
  const errors: string[] = [];
  if (args["no-pickle"]) notes.push("pickle: skipped (--no-pickle)");
  else if (!existsSync(PYTHON)) notes.push(`pickle: skipped, ${PYTHON} not found`);
  if (pickle) {
    const probe = await run(PYTHON, ["-c", "import numpy"]);
    if (probe.code !== 0) {
      pickle = false;
      notes.push(`pickle: skipped, numpy is not installed for ${PYTHON} (apt-get install python3-numpy)`);
    }
  }
  const fixtures = new Map<CaseName, string>();
  if (pickle) {
    for (const c of cases) {
      const file = `${BUILD}${c}.json`;
      writeFileSync(file, JSON.stringify(toPortableJson(makeValue(c))));
      fixtures.set(c, file);
    }
  }

  // The plan: per round, one process per contender family measuring every case (families in rotating
  // order, cases and contenders rotated too), and one Python process for all cases at a position that
  // moves from round to round.
  type Job =
    | { kind: "node"; cases: CaseName[]; ids: string[]; round: number }
    | { kind: "python"; cases: CaseName[]; round: number };
  const jobs: Job[] = [];
  const families = quick ? [NODE_CONTENDERS] : FAMILIES;
  for (let r = 0; r < rounds; r++) {
    const round: Job[] = rotate(families, r).map((f) => ({
      kind: "node" as const,
      cases: rotate(cases, r),
      ids: r % 2 === 1 ? [...rotate(f, r)].reverse() : rotate(f, r),
      round: r,
    }));
    if (pickle)
      round.splice(r % (round.length + 1), 0, { kind: "python", cases: rotate(cases, r), round: r });
    jobs.push(...round);
  }

  const samples: Sample[] = [];
  const caseBytes = new Map<string, Record<string, number>>();
  const setBytes = (c: string, f: string, n: number) => {
    const b = caseBytes.get(c) ?? {};
    b[f] = n;
    caseBytes.set(c, b);
  };
  let pyVersions: { python: string; numpy: string } | undefined;
  const wallStart = Date.now();
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i] as Job;
    // Keep to the budget: when the machine is slower than planned, later processes measure for less.
    const elapsed = Date.now() - wallStart;
    const remaining = jobs.length - i;
    const perJob = i > 0 ? elapsed / i : 0;
    const scale = i > 0 ? Math.min(1, Math.max(0, (budgetMs - elapsed) / (perJob * remaining))) : 1;
    // Only the measuring time shrinks: a shorter warm-up would measure code V8 has not optimised yet.
    const k: Knobs = { ...knobs, time: knobs.time * Math.max(scale, 0.4) };
    const memory = job.round === 0;
    const tag = `[${i + 1}/${jobs.length}] ${job.kind === "node" ? job.ids.join(",") : "pickle"}: ${job.cases.join(",")}`;
    process.stderr.write(
      `${tag}${k.time < knobs.time ? ` (measuring ×${(k.time / knobs.time).toFixed(2)})` : ""}\n`,
    );
    if (job.kind === "node") {
      const argv = [
        "--single-threaded",
        "--expose-gc",
        ...childCmd,
        "--cases",
        job.cases.join(","),
        "--contenders",
        job.ids.join(","),
        "--time",
        k.time.toFixed(1),
        "--warmup",
        k.warmup.toFixed(1),
        "--warm",
        k.warm.toFixed(1),
        "--sample",
        String(k.sample),
        ...(memory ? ["--memory"] : []),
        ...(quick ? ["--quick"] : []),
      ];
      const res = await run(process.execPath, argv);
      process.stderr.write(`    ${(res.wallMs / 1000).toFixed(1)} s\n`);
      const line = res.stdout.trim().split("\n").pop() ?? "";
      let report: ChildReport;
      try {
        report = JSON.parse(line) as ChildReport;
      } catch {
        errors.push(`${tag}: exit ${res.code}: ${res.stderr.trim().slice(-2000)}`);
        continue;
      }
      for (const e of report.errors) errors.push(`${e.contender}: ${e.message}`);
      for (const n of report.notes) if (!notes.includes(n)) notes.push(n);
      for (const m of report.measurements) {
        samples.push({ round: job.round, ...m });
        const info = contenderInfo(m.contender);
        if (m.contender.startsWith("sw-")) setBytes(m.case, info.format ?? "", m.bytes);
        if (m.contender === "json-zod") setBytes(m.case, "json", m.bytes);
      }
    } else {
      const argv = [`${ROOT}bench/pickle_bench.py`];
      for (const c of job.cases) argv.push("--fixture", fixtures.get(c) as string);
      argv.push(
        "--time",
        String(k.time / 1000),
        "--warmup",
        String(k.warmup / 1000),
        "--sample",
        String(k.sample / 1000),
        ...(memory ? ["--memory"] : []),
      );
      const res = await run(PYTHON, argv);
      process.stderr.write(`    ${(res.wallMs / 1000).toFixed(1)} s\n`);
      let py: PythonReport;
      try {
        py = JSON.parse(res.stdout.trim().split("\n").pop() ?? "") as PythonReport;
      } catch {
        errors.push(`${tag}: exit ${res.code}: ${res.stderr.trim().slice(-2000)}`);
        continue;
      }
      if (py.skipped !== undefined) {
        if (!notes.includes(`pickle: ${py.skipped}`)) notes.push(`pickle: ${py.skipped}`);
        continue;
      }
      pyVersions = { python: py.python, numpy: py.numpy };
      for (const [c, pc] of Object.entries(py.cases)) {
        setBytes(c, "pickle", pc.bytes);
        for (const d of ["encode", "decode"] as const) {
          samples.push({
            case: c,
            contender: "pickle",
            direction: d,
            round: job.round,
            hz: pc[d].hz,
            hzWall: pc[d].hzWall,
            bytes: pc.bytes,
            allocPerOp: pc[d].allocPerOp ?? null,
            allocGc: false,
          });
        }
      }
    }
  }

  const cpus = os.cpus();
  const results: Results = {
    schema: 1,
    mode: quick ? "quick" : "full",
    date: new Date(started).toISOString(),
    durationS: (Date.now() - started) / 1000,
    machine: {
      cpu: `${cpus[0]?.model ?? "?"}${cpus[0]?.speed ? ` @ ${cpus[0].speed} MHz` : ""}`,
      cores: cpus.length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: `Node.js ${process.version}`,
      loadavgStart: loadStart.map((x) => Number(x.toFixed(2))),
      loadavgEnd: os.loadavg().map((x) => Number(x.toFixed(2))),
    },
    versions: {
      node: process.version,
      v8: process.versions.v8,
      safewire: (JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { version: string }).version,
      protobufjs: version("protobufjs"),
      avsc: version("avsc"),
      "@msgpack/msgpack": version("@msgpack/msgpack"),
      msgpackr: version("msgpackr"),
      zod: version("zod"),
      tinybench: version("tinybench"),
      ...(pyVersions !== undefined ? { python: pyVersions.python, numpy: pyVersions.numpy } : {}),
    },
    method: {
      clock: "process CPU time (process.cpuUsage; Python: time.process_time)",
      nodeFlags: "--single-threaded --expose-gc",
      rounds,
      processes: jobs.length,
      families: families.map((f) => f.join(",")),
      knobsMs: knobs,
      rate: "per process: batch size ÷ mean batch time, slowest 10% of batches left out; reported: median and min–max over processes",
      ratio: "safewire ÷ its raw library, per process (same process), median over processes",
      allocation:
        "Node: heap + external bytes per operation over a GC-free window; Python: tracemalloc peak of one call; first round only",
    },
    cases: Object.fromEntries(
      cases.map((c) => [c, { description: CASE_DESCRIPTIONS[c], bytes: caseBytes.get(c) ?? {} }]),
    ),
    results: aggregate(samples),
    ratios: ratios(samples),
    targets: [],
    notes,
    errors,
  };
  return results;
}

function markdown(r: Results, cmp: CompareResult | undefined): string {
  const m = r.machine;
  const v = r.versions;
  const parts = [
    `Measured ${r.date.slice(0, 16).replace("T", " ")} UTC (${r.mode} run, ${r.durationS.toFixed(0)} s) on ${String(m.cpu)}, ${String(m.cores)} cores, ${String(m.memoryGiB)} GiB, ${String(m.os)}; load average ${JSON.stringify(m.loadavgStart)} at the start.`,
    `Node.js ${v.node} (V8 ${v.v8}), protobufjs ${v.protobufjs}, avsc ${v.avsc}, @msgpack/msgpack ${v["@msgpack/msgpack"]}, msgpackr ${v.msgpackr}, zod ${v.zod}${v.python ? `, Python ${v.python} with numpy ${v.numpy}` : ""}.`,
    "",
    caseTable(r),
    "",
    resultsTable(r),
    "",
    ratioTable(r),
    "",
    targetTable(r.targets),
  ];
  if (cmp !== undefined) parts.push("", compareTable(cmp));
  if (r.notes.length > 0) parts.push("", "Notes:", ...mdList(r.notes));
  if (r.errors.length > 0) parts.push("", "Errors:", ...mdList(r.errors));
  return `${parts.join("\n")}\n`;
}

const results: Results = current ?? (await measure());

let cmp: CompareResult | undefined;
if (baseline !== undefined) {
  if (results.mode === "quick") {
    process.stderr.write(
      "note: a --quick run measures too briefly to judge speed; the comparison is only indicative\n",
    );
  }
  cmp = compare(results, baseline as Results, threshold, args.strict === true);
}
results.targets = evaluateTargets(results, cmp);
if (results.mode === "quick") results.targets = withoutVerdicts(results.targets);

const md = markdown(results, cmp);
if (args.current === undefined) {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(`${outBase}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${outBase}.svg`, chart(results));
  writeFileSync(`${outBase}.md`, md);
}
process.stdout.write(md);
if (args.current === undefined) process.stdout.write(`\nWrote ${outBase}.json, .svg and .md\n`);
if (results.errors.length > 0) process.exitCode = 2;
if (cmp !== undefined && cmp.rows.length === 0) {
  process.stdout.write("\nNothing compared: this run measured none of the baseline's ratios\n");
  process.exitCode = 1;
}
if (cmp !== undefined && cmp.flagged.length > 0) {
  process.stdout.write(
    `\n${cmp.flagged.length} ratio(s) more than ${Math.round(cmp.threshold * 100)}% below the baseline` +
      `${cmp.otherMachine !== undefined ? `, which is from another machine (${cmp.otherMachine.baseline})` : ""}\n`,
  );
  process.exitCode = 1;
}
