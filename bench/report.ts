/**
 * Aggregation, targets, the regression check, the Markdown tables and the SVG chart. Pure functions of
 * the measurements: `run.ts` feeds them, and `--current` re-reports a saved results file.
 */
import { CONTENDERS, type ContenderInfo, type Direction } from "./contenders.js";
import { CASE_NAMES, type CaseName } from "./fixtures.js";

/** One process's rate for one (case, contender, direction). */
export interface Sample {
  case: string;
  contender: string;
  direction: Direction;
  /** Which round (set of processes) it came from; safewire and its raw library share a process. */
  round: number;
  hz: number;
  hzWall: number;
  bytes: number;
  allocPerOp: number | null;
  allocGc: boolean;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** One value per process. */
  values: number[];
}

export interface Aggregate {
  case: string;
  contender: string;
  direction: Direction;
  bytes: number;
  /** Operations per CPU second. */
  hz: Spread;
  /** Operations per wall-clock second (for reference: depends on the machine's other load). */
  hzWall: Spread;
  /** Payload megabytes (10^6 B) per CPU second. */
  mbps: Spread;
  allocPerOp: number | null;
  allocGc: boolean;
}

/** safewire over its raw library, per process (both measured in the same process), then aggregated. */
export interface Ratio {
  case: string;
  format: string;
  direction: Direction;
  contender: string;
  raw: string;
  ratio: Spread;
}

export interface Target {
  id: string;
  text: string;
  status: "pass" | "fail" | "n/a";
  detail: string;
}

export interface Results {
  schema: 1;
  mode: "full" | "quick";
  date: string;
  durationS: number;
  machine: Record<string, unknown>;
  versions: Record<string, string>;
  method: Record<string, unknown>;
  cases: Record<string, { description: string; bytes: Record<string, number> }>;
  results: Aggregate[];
  ratios: Ratio[];
  targets: Target[];
  notes: string[];
  errors: string[];
}

export function spread(values: number[]): Spread {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, values: [] };
  const mid = v.length >> 1;
  const median = v.length % 2 === 1 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
  return { median, min: v[0] as number, max: v[v.length - 1] as number, values };
}

/**
 * A results file (`--compare`, `--current`) read back, or an Error that says what is wrong with it: not
 * JSON, another schema, or missing what the report and the regression check read.
 */
export function parseResults(text: string): Results {
  let r: unknown;
  try {
    r = JSON.parse(text);
  } catch (err) {
    throw new Error(`not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const isObject = (x: unknown): x is Record<string, unknown> =>
    typeof x === "object" && x !== null && !Array.isArray(x);
  // Rates and ratios are positive wherever they were measured: a 0 would divide by zero in the targets
  // and put -Infinity on the chart's log scale.
  const positive = (v: unknown) => typeof v === "number" && v > 0 && Number.isFinite(v);
  const isSpread = (x: unknown) =>
    isObject(x) &&
    ["median", "min", "max"].every((k) => positive(x[k])) &&
    Array.isArray(x.values) &&
    x.values.every(positive);
  const keyed = (x: unknown) =>
    isObject(x) &&
    typeof x.case === "string" &&
    typeof x.contender === "string" &&
    typeof x.direction === "string";
  if (!isObject(r)) throw new Error("not a benchmark results file (not a JSON object)");
  if (r.schema !== 1)
    throw new Error(`results of schema ${JSON.stringify(r.schema)}; this harness reads schema 1`);
  if (r.mode !== "full" && r.mode !== "quick") throw new Error('no "mode" of "full" or "quick"');
  if (typeof r.date !== "string") throw new Error('no "date"');
  if (typeof r.durationS !== "number") throw new Error('no "durationS"');
  for (const k of ["machine", "versions", "method", "cases"])
    if (!isObject(r[k])) throw new Error(`no "${k}" object`);
  for (const k of ["targets", "notes", "errors"]) if (!Array.isArray(r[k])) throw new Error(`no "${k}" list`);
  // The report prints the notes and errors, and the case table each case's description and sizes.
  for (const k of ["notes", "errors"])
    if (!(r[k] as unknown[]).every((x) => typeof x === "string")) throw new Error(`"${k}" not all strings`);
  for (const [name, c] of Object.entries(r.cases as Record<string, unknown>))
    if (!isObject(c) || typeof c.description !== "string" || !isObject(c.bytes))
      throw new Error(`cases.${name} has no description and bytes`);
  if (!Array.isArray(r.results)) throw new Error('no "results" list');
  r.results.forEach((x: unknown, i) => {
    if (
      !keyed(x) ||
      !isSpread((x as Record<string, unknown>).hz) ||
      !isSpread((x as Record<string, unknown>).mbps)
    )
      throw new Error(
        `results[${i}] is not a measurement (case, contender, direction, hz and mbps spreads of positive numbers)`,
      );
  });
  if (!Array.isArray(r.ratios)) throw new Error('no "ratios" list');
  r.ratios.forEach((x: unknown, i) => {
    if (
      !keyed(x) ||
      typeof (x as Record<string, unknown>).format !== "string" ||
      !isSpread((x as Record<string, unknown>).ratio)
    )
      throw new Error(
        `ratios[${i}] is not a ratio (case, format, contender, direction and a spread of positive ratios)`,
      );
  });
  return r as unknown as Results;
}

function key(c: string, contender: string, d: string): string {
  return `${c}|${contender}|${d}`;
}

export function aggregate(samples: Sample[]): Aggregate[] {
  const groups = new Map<string, Sample[]>();
  for (const s of samples) {
    const k = key(s.case, s.contender, s.direction);
    const g = groups.get(k) ?? [];
    g.push(s);
    groups.set(k, g);
  }
  const out: Aggregate[] = [];
  for (const g of groups.values()) {
    const first = g[0] as Sample;
    const mem = g.find((s) => s.allocPerOp !== null);
    out.push({
      case: first.case,
      contender: first.contender,
      direction: first.direction,
      bytes: first.bytes,
      hz: spread(g.map((s) => s.hz)),
      hzWall: spread(g.map((s) => s.hzWall)),
      mbps: spread(g.map((s) => (s.hz * s.bytes) / 1e6)),
      allocPerOp: mem?.allocPerOp ?? null,
      allocGc: mem?.allocGc ?? false,
    });
  }
  return sortResults(out);
}

function sortResults(rows: Aggregate[]): Aggregate[] {
  const ci = (c: string) => (CASE_NAMES as readonly string[]).indexOf(c);
  const ki = (c: string) => CONTENDERS.findIndex((x) => x.id === c);
  const di = (d: string) => ["encode", "decode", "copy"].indexOf(d);
  return rows.sort(
    (a, b) =>
      ci(a.case) - ci(b.case) || ki(a.contender) - ki(b.contender) || di(a.direction) - di(b.direction),
  );
}

export function ratios(samples: Sample[]): Ratio[] {
  const out: Ratio[] = [];
  for (const info of CONTENDERS) {
    if (info.kind !== "safewire" || info.rawId === undefined) continue;
    const rawId = info.rawId;
    for (const c of CASE_NAMES) {
      for (const d of ["encode", "decode"] as const) {
        const values: number[] = [];
        for (const s of samples) {
          if (s.case !== c || s.contender !== info.id || s.direction !== d) continue;
          const raw = samples.find(
            (r) => r.case === c && r.contender === rawId && r.direction === d && r.round === s.round,
          );
          if (raw !== undefined && raw.hz > 0) values.push(s.hz / raw.hz);
        }
        if (values.length > 0) {
          out.push({
            case: c,
            format: info.format ?? "",
            direction: d,
            contender: info.id,
            raw: rawId,
            ratio: spread(values),
          });
        }
      }
    }
  }
  return out;
}

export function find(
  results: Aggregate[],
  c: string,
  contender: string,
  d: Direction,
): Aggregate | undefined {
  return results.find((r) => r.case === c && r.contender === contender && r.direction === d);
}

const SAFEWIRE = CONTENDERS.filter((c) => c.kind === "safewire");
const SMALL: readonly CaseName[] = ["ActionChunk", "InteractionStats", "PolicySetup"];

export function evaluateTargets(
  r: Pick<Results, "results" | "ratios" | "notes">,
  compare?: CompareResult,
): Target[] {
  const targets: Target[] = [];
  const ratioOf = (c: string, id: string, d: Direction) =>
    r.ratios.find((x) => x.case === c && x.contender === id && x.direction === d)?.ratio.median;

  // Small messages: validated >= 0.6x the raw library, both directions, every format.
  for (const d of ["decode", "encode"] as const) {
    const parts: string[] = [];
    let ok = true;
    let seen = false;
    for (const c of SMALL) {
      for (const sw of SAFEWIRE) {
        const v = ratioOf(c, sw.id, d);
        if (v === undefined) continue;
        seen = true;
        if (v < 0.6) ok = false;
        parts.push(`${c} ${sw.format} ${fmtRatio(v)}`);
      }
    }
    targets.push({
      id: `small-${d}-ratio`,
      text: `small messages: safewire ${d} >= 0.6x its raw library's, every format`,
      status: seen ? (ok ? "pass" : "fail") : "n/a",
      detail: parts.join("; "),
    });
  }

  // Observation.
  const obs = "Observation";
  {
    const copies = r.notes.filter(
      (n) => n.startsWith("sw-") && n.includes(`${obs}:`) && n.includes("copies"),
    );
    const seen = SAFEWIRE.some((sw) => find(r.results, obs, sw.id, "decode") !== undefined);
    targets.push({
      id: "observation-views",
      text: "Observation decode: image bytes are views into the input, not copies",
      status: seen ? (copies.length === 0 ? "pass" : "fail") : "n/a",
      detail: copies.length === 0 ? "every decoded binary shares the input's buffer" : copies.join("; "),
    });
  }
  targets.push(
    perFormat(
      r,
      obs,
      "decode",
      "observation-alloc",
      "Observation decode allocates under 16 KB beyond the input",
      (a) => {
        if (a.allocPerOp === null) return undefined;
        // A GC in the window freed memory while it was counted: the figure is only a lower bound, which
        // can show a fail (already over) but not a pass.
        if (a.allocGc)
          return a.allocPerOp >= 16 * 1024 ? { ok: false, text: `≥ ${fmtBytes(a.allocPerOp)}` } : undefined;
        return { ok: a.allocPerOp < 16 * 1024, text: `${fmtBytes(a.allocPerOp)}` };
      },
    ),
  );
  targets.push(
    perFormat(r, obs, "decode", "observation-decode-rate", "Observation decode >= 50k/s", (a) => ({
      ok: a.hz.median >= 50_000,
      text: `${fmtNum(a.hz.median)}/s`,
    })),
  );
  {
    const parts: string[] = [];
    let ok = true;
    let seen = false;
    for (const sw of SAFEWIRE) {
      const v = ratioOf(obs, sw.id, "encode");
      if (v === undefined) continue;
      seen = true;
      if (v < 0.9) ok = false;
      parts.push(`${sw.format} ${fmtRatio(v)}`);
    }
    targets.push({
      id: "observation-encode-ratio",
      text: "Observation encode >= 0.9x the raw library's encode",
      status: seen ? (ok ? "pass" : "fail") : "n/a",
      detail: parts.join("; "),
    });
  }

  // Pickle and JSON.
  {
    const parts: string[] = [];
    const fails: string[] = [];
    let seen = false;
    for (const c of CASE_NAMES) {
      for (const d of ["encode", "decode"] as const) {
        const p = find(r.results, c, "pickle", d);
        if (p === undefined) continue;
        let worst = Number.POSITIVE_INFINITY;
        for (const sw of SAFEWIRE) {
          const a = find(r.results, c, sw.id, d);
          if (a === undefined) continue;
          seen = true;
          const x = a.hz.median / p.hz.median;
          worst = Math.min(worst, x);
          if (x <= 1) fails.push(`${c} ${d} ${sw.format} ${fmtRatio(x)}`);
        }
        if (Number.isFinite(worst)) parts.push(`${c} ${d} ${fmtRatio(worst)}`);
      }
    }
    targets.push({
      id: "beats-pickle",
      text: "every safewire format beats Python pickle, both directions, every case",
      status: seen ? (fails.length === 0 ? "pass" : "fail") : "n/a",
      detail: seen
        ? `slowest format ÷ pickle: ${parts.join("; ")}${fails.length > 0 ? ` — below 1: ${fails.join("; ")}` : ""}`
        : pickleSkipped(r.notes),
    });
  }
  {
    const parts: string[] = [];
    let ok = true;
    let seen = false;
    for (const d of ["encode", "decode"] as const) {
      const j = find(r.results, obs, "json-zod", d);
      if (j === undefined) continue;
      for (const sw of SAFEWIRE) {
        const a = find(r.results, obs, sw.id, d);
        if (a === undefined) continue;
        seen = true;
        const x = a.hz.median / j.hz.median;
        if (x < 10) ok = false;
        parts.push(`${d} ${sw.format} ${fmtRatio(x)}`);
      }
    }
    targets.push({
      id: "beats-json-10x",
      text: "Observation: every safewire format >= 10x JSON + base64 + zod",
      status: seen ? (ok ? "pass" : "fail") : "n/a",
      detail: parts.join("; "),
    });
  }
  {
    const pct = compare === undefined ? 20 : Math.round(compare.threshold * 100);
    let detail = "run with --compare bench/results/baseline.json";
    if (compare !== undefined && compare.rows.length === 0) {
      // A check that checked nothing is no pass: the baseline and this run share no case.
      detail = `nothing compared: none of the baseline's ${compare.missing.length} ratios was measured in this run`;
    } else if (compare !== undefined) {
      const lower = compare.rows.filter((r) => r.slower && !compare.flagged.includes(r));
      detail =
        compare.flagged.length === 0
          ? `${compare.rows.length} ratios compared, none ${compare.strict ? "" : "significantly "}more than ${pct}% lower` +
            (lower.length > 0
              ? ` (lower but within noise: ${lower
                  .map((r) => `${r.case} ${r.format} ${r.direction} ${(r.change * 100).toFixed(0)}%`)
                  .join(", ")})`
              : "")
          : compare.flagged
              .map(
                (f) =>
                  `${f.case} ${f.format} ${f.direction} ${fmtRatio(f.baseline)} → ${fmtRatio(f.current)}`,
              )
              .join("; ");
      if (compare.unchecked.length > 0)
        detail += `; ${compare.unchecked.length} not in the baseline (not checked)`;
      if (compare.missing.length > 0)
        detail += `; ${compare.missing.length} of the baseline not measured now`;
      if (compare.otherMachine !== undefined)
        detail += `; the baseline is from another machine (${compare.otherMachine.baseline})`;
    }
    targets.push({
      id: "regression-check",
      text: `--compare: no safewire ÷ raw ratio more than ${pct}% below the baseline's`,
      status:
        compare === undefined
          ? "n/a"
          : compare.flagged.length === 0 && compare.rows.length > 0
            ? "pass"
            : "fail",
      detail,
    });
  }
  return targets;
}

/** Why pickle was not measured, from the run's notes. */
function pickleSkipped(notes: readonly string[]): string {
  const note = notes.find((n) => n.startsWith("pickle: "));
  return note !== undefined ? note : "pickle: not measured";
}

function perFormat(
  r: Pick<Results, "results">,
  c: string,
  d: Direction,
  id: string,
  text: string,
  test: (a: Aggregate) => { ok: boolean; text: string } | undefined,
): Target {
  const parts: string[] = [];
  let ok = true;
  let seen = false;
  for (const sw of SAFEWIRE) {
    const a = find(r.results, c, sw.id, d);
    if (a === undefined) continue;
    const t = test(a);
    if (t === undefined) continue;
    seen = true;
    if (!t.ok) ok = false;
    parts.push(`${sw.format} ${t.text}`);
  }
  return { id, text, status: seen ? (ok ? "pass" : "fail") : "n/a", detail: parts.join("; ") };
}

// ---- regression check ----

export interface CompareRow {
  case: string;
  format: string;
  direction: Direction;
  baseline: number;
  current: number;
  change: number;
  /** Median more than `threshold` lower. */
  slower: boolean;
  /** …and every process of this run below every process of the baseline: not run-to-run noise. */
  significant: boolean;
}

export interface CompareResult {
  baselineDate: string;
  threshold: number;
  strict: boolean;
  rows: CompareRow[];
  /** The rows that fail the check: slower and significant (or just slower, with `strict`). */
  flagged: CompareRow[];
  /** Ratios of the baseline this run did not measure. */
  missing: string[];
  /** Ratios this run measured that the baseline lacks: not checked. */
  unchecked: string[];
  /**
   * The CPUs of the two runs when they differ. A ratio moves with the machine (ActionChunk protobuf decode:
   * 0.82× in the baseline, on an Intel Xeon; 0.66–0.70× in every full run since, on an AMD EPYC, with the
   * changes in between measured as neutral there): a flag may be the machine.
   */
  otherMachine?: { baseline: string; current: string };
}

/**
 * Each safewire-over-raw ratio against the baseline's. A ratio whose median is more than `threshold`
 * (20%) lower is slower; it fails the check when the two runs' per-process ratios do not overlap
 * (every process now below every baseline process), or whenever it is slower with `strict`. On a shared
 * machine the 10 MB cases move by 30% from run to run with no change in code; small messages by ~10%.
 */
export function compare(current: Results, baseline: Results, threshold = 0.2, strict = false): CompareResult {
  const rows: CompareRow[] = [];
  const missing: string[] = [];
  for (const b of baseline.ratios) {
    const c = current.ratios.find(
      (x) => x.case === b.case && x.contender === b.contender && x.direction === b.direction,
    );
    if (c === undefined) {
      missing.push(`${b.case} ${b.format} ${b.direction}`);
      continue;
    }
    const change = c.ratio.median / b.ratio.median - 1;
    const slower = change < -threshold;
    rows.push({
      case: b.case,
      format: b.format,
      direction: b.direction,
      baseline: b.ratio.median,
      current: c.ratio.median,
      change,
      slower,
      significant: slower && c.ratio.max < b.ratio.min,
    });
  }
  const unchecked = current.ratios
    .filter(
      (c) =>
        !baseline.ratios.some(
          (b) => b.case === c.case && b.contender === c.contender && b.direction === c.direction,
        ),
    )
    .map((c) => `${c.case} ${c.format} ${c.direction}`);
  const flagged = rows.filter((r) => (strict ? r.slower : r.significant));
  const cmp: CompareResult = {
    baselineDate: baseline.date,
    threshold,
    strict,
    rows,
    flagged,
    missing,
    unchecked,
  };
  const was = String(baseline.machine.cpu ?? "an unnamed CPU");
  const now = String(current.machine.cpu ?? "an unnamed CPU");
  if (was !== now) cmp.otherMachine = { baseline: was, current: now };
  return cmp;
}

export function compareTable(cmp: CompareResult): string {
  const pct = Math.round(cmp.threshold * 100);
  const lines = [
    `Regression check against the baseline of ${cmp.baselineDate}: safewire ÷ raw library, median of the per-process ratios (min–max). ` +
      `More than ${pct}% lower is **SLOWER** when ${cmp.strict ? "so (--strict)" : "the runs' ranges do not overlap, else *slower (within noise)*"}.`,
  ];
  if (cmp.otherMachine !== undefined) {
    lines.push(
      "",
      `The baseline was measured on ${cmp.otherMachine.baseline}, this run on ${cmp.otherMachine.current}: ratios move ` +
        "with the machine, so a flag may be the machine rather than the code. Measure a baseline on this machine " +
        "(`npm run bench -- --out DIR` on the code to compare against) and compare with DIR/latest.json.",
    );
  }
  lines.push("", "| case | format | direction | baseline | now | change |", "|---|---|---|---:|---:|---:|");
  for (const r of cmp.rows) {
    const flag = cmp.flagged.includes(r) ? " **SLOWER**" : r.slower ? " *slower (within noise)*" : "";
    lines.push(
      `| ${mdCell(r.case)} | ${mdCell(r.format)} | ${mdCell(r.direction)} | ${fmtRatio(r.baseline)} | ${fmtRatio(r.current)} | ${(r.change * 100).toFixed(0)}%${flag} |`,
    );
  }
  if (cmp.missing.length > 0) lines.push("", `Not measured now: ${cmp.missing.join(", ")}`);
  if (cmp.unchecked.length > 0)
    lines.push("", `Not in the baseline (not checked): ${cmp.unchecked.join(", ")}`);
  return lines.join("\n");
}

// ---- formatting ----

/** Text for a Markdown table cell: a `|` would end the cell and a line break the row. */
export function mdCell(s: string): string {
  return s
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/[\r\n]+/g, " ");
}

/** A Markdown bullet list whose items may span lines (a Python traceback, say): each stays one item. */
export function mdList(items: readonly string[]): string[] {
  return items.map((x) => `- ${x.replace(/\r?\n/g, "\n  ")}`);
}

export function fmtNum(x: number): string {
  if (!Number.isFinite(x)) return "—";
  const a = Math.abs(x);
  const sig = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
  if (a >= 1e9) return `${sig(x / 1e9)}G`;
  if (a >= 1e6) return `${sig(x / 1e6)}M`;
  if (a >= 1e3) return `${sig(x / 1e3)}k`;
  return sig(x);
}

export function fmtRatio(x: number): string {
  if (!Number.isFinite(x)) return "—";
  return `${x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2)}×`;
}

export function fmtBytes(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return "—";
  if (x >= 1024 * 1024) return `${(x / 1024 / 1024).toFixed(1)} MiB`;
  if (x >= 1024) return `${(x / 1024).toFixed(1)} KiB`;
  return `${Math.round(x)} B`;
}

function cell(a: Aggregate | undefined): [string, string] {
  if (a === undefined) return ["", ""];
  const range = a.hz.values.length > 1 ? ` (${fmtNum(a.hz.min)}–${fmtNum(a.hz.max)})` : "";
  return [`${fmtNum(a.hz.median)}${range}`, fmtNum(a.mbps.median)];
}

/** The main table: one row per case and contender. */
export function resultsTable(r: Pick<Results, "results" | "ratios" | "cases">): string {
  const lines = [
    "| case | contender | encode ops/s (min–max) | MB/s | decode ops/s (min–max) | MB/s | ÷ raw enc / dec | alloc / decode |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const c of CASE_NAMES) {
    const rows = r.results.filter((x) => x.case === c);
    if (rows.length === 0) continue;
    for (const info of CONTENDERS) {
      const enc = find(r.results, c, info.id, "encode");
      const dec = find(r.results, c, info.id, "decode");
      const copy = find(r.results, c, info.id, "copy");
      if (enc === undefined && dec === undefined && copy === undefined) continue;
      const label = labelFor(info, r.cases[c]?.bytes);
      const [e, em] = cell(enc ?? copy);
      const [d, dm] = cell(dec ?? copy);
      let ratio = "";
      if (info.kind === "safewire") {
        const re = r.ratios.find((x) => x.case === c && x.contender === info.id && x.direction === "encode");
        const rd = r.ratios.find((x) => x.case === c && x.contender === info.id && x.direction === "decode");
        ratio = `${re ? fmtRatio(re.ratio.median) : "—"} / ${rd ? fmtRatio(rd.ratio.median) : "—"}`;
      }
      const m = dec ?? copy;
      // A GC inside the window frees memory while it is counted: the number is then only a lower bound.
      const alloc =
        m?.allocGc === true
          ? (m.allocPerOp ?? 0) > 0
            ? `≥ ${fmtBytes(m.allocPerOp)}`
            : "— (GC ran)"
          : fmtBytes(m?.allocPerOp ?? null);
      lines.push(`| ${c} | ${label} | ${e} | ${em} | ${d} | ${dm} | ${ratio} | ${alloc} |`);
    }
  }
  return lines.join("\n");
}

function labelFor(info: ContenderInfo, bytes: Record<string, number> | undefined): string {
  if (info.kind === "limit") return `${info.label}, ${bytes?.protobuf?.toLocaleString("en-US") ?? "?"} B`;
  return info.label;
}

/** Ratios at a glance: safewire over its raw library, over pickle and over JSON + zod. */
export function ratioTable(r: Pick<Results, "results" | "ratios">): string {
  const lines = [
    "| case | direction | protobuf ÷ protobufjs | avro ÷ avsc | msgpack ÷ @msgpack/msgpack | slowest safewire ÷ pickle | slowest safewire ÷ JSON+zod |",
    "|---|---|---:|---:|---:|---:|---:|",
  ];
  for (const c of CASE_NAMES) {
    for (const d of ["encode", "decode"] as const) {
      const cells = SAFEWIRE.map((sw) => {
        const x = r.ratios.find((y) => y.case === c && y.contender === sw.id && y.direction === d);
        return x === undefined
          ? "—"
          : `${fmtRatio(x.ratio.median)} (${fmtRatio(x.ratio.min)}–${fmtRatio(x.ratio.max)})`;
      });
      const slowest = Math.min(
        ...SAFEWIRE.map((sw) => find(r.results, c, sw.id, d)?.hz.median ?? Number.POSITIVE_INFINITY),
      );
      const p = find(r.results, c, "pickle", d)?.hz.median;
      const j = find(r.results, c, "json-zod", d)?.hz.median;
      if (cells.every((x) => x === "—") && p === undefined) continue;
      lines.push(
        `| ${c} | ${d} | ${cells.join(" | ")} | ${p ? fmtRatio(slowest / p) : "—"} | ${j ? fmtRatio(slowest / j) : "—"} |`,
      );
    }
  }
  return lines.join("\n");
}

/** A --quick run's targets: the figures stay, the verdicts go (it measures too briefly to judge speed). */
export function withoutVerdicts(targets: readonly Target[]): Target[] {
  return targets.map((t) => ({
    ...t,
    status: "n/a",
    detail: `not judged: a --quick run measures too briefly. ${t.detail}`,
  }));
}

export function targetTable(targets: Target[]): string {
  const lines = ["| target | status | where it stands |", "|---|---|---|"];
  for (const t of targets) {
    const s = t.status === "pass" ? "✅ pass" : t.status === "fail" ? "❌ fail" : "n/a";
    lines.push(`| ${mdCell(t.text)} | ${s} | ${mdCell(t.detail)} |`);
  }
  return lines.join("\n");
}

export function caseTable(r: Pick<Results, "cases">): string {
  const lines = [
    "| case | content | protobuf | avro | msgpack | JSON | pickle |",
    "|---|---|---:|---:|---:|---:|---:|",
  ];
  for (const c of CASE_NAMES) {
    const info = r.cases[c];
    if (info === undefined) continue;
    const b = (f: string) =>
      info.bytes[f] !== undefined ? `${(info.bytes[f] as number).toLocaleString("en-US")} B` : "—";
    lines.push(
      `| ${c} | ${mdCell(info.description)} | ${b("protobuf")} | ${b("avro")} | ${b("msgpack")} | ${b("json")} | ${b("pickle")} |`,
    );
  }
  return lines.join("\n");
}

// ---- SVG ----

const COLORS: Record<string, string> = { protobuf: "#2f6fb0", avro: "#d9822b", msgpack: "#3a9a5b" };

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

interface Panel {
  title: string;
  subtitle: string;
  /** Reference lines: value and label. */
  lines: { at: number; label: string; dashed: boolean }[];
  value: (c: string, d: Direction, sw: ContenderInfo) => number | undefined;
  /** Shown across the panel when it has no bar at all. */
  empty: string;
}

/**
 * Three panels side by side, one row per case and direction, one bar per format (log scale):
 * safewire ÷ its raw library (with the 0.6× target), ÷ JSON + zod (10× line) and ÷ pickle (1× line).
 */
export function chart(
  r: Pick<Results, "results" | "ratios" | "date" | "mode" | "machine" | "notes">,
): string {
  // The cases this run measured (all of them in the layout of a run that measured none).
  const measured = CASE_NAMES.filter((c) => r.results.some((x) => x.case === c));
  const rows: { c: string; d: Direction }[] = [];
  for (const c of measured.length > 0 ? measured : CASE_NAMES)
    for (const d of ["encode", "decode"] as const) rows.push({ c, d });
  const ratioOf = (c: string, d: Direction, sw: ContenderInfo) =>
    r.ratios.find((x) => x.case === c && x.contender === sw.id && x.direction === d)?.ratio.median;
  const over = (other: string) => (c: string, d: Direction, sw: ContenderInfo) => {
    const a = find(r.results, c, sw.id, d)?.hz.median;
    const b = find(r.results, c, other, d)?.hz.median;
    return a !== undefined && b !== undefined && b > 0 ? a / b : undefined;
  };
  const panels: Panel[] = [
    {
      title: "÷ its raw library",
      subtitle: "validated + limits vs the library alone",
      lines: [
        { at: 1, label: "1×", dashed: false },
        { at: 0.6, label: "target 0.6×", dashed: true },
      ],
      value: ratioOf,
      empty: "not measured",
    },
    {
      title: "÷ JSON + base64 + zod",
      subtitle: "the naive safe way",
      lines: [
        { at: 1, label: "1×", dashed: false },
        { at: 10, label: "target 10× (Observation)", dashed: true },
      ],
      value: over("json-zod"),
      empty: "JSON + zod: not measured",
    },
    {
      title: "÷ Python pickle 5 + numpy",
      subtitle: "what LeRobot ships today",
      lines: [{ at: 1, label: "1×", dashed: false }],
      value: over("pickle"),
      empty: pickleSkipped(r.notes),
    },
  ];
  const bar = 9;
  const gapInRow = 1;
  const rowH = SAFEWIRE.length * (bar + gapInRow) + 9;
  const left = 168;
  const panelW = 300;
  const panelGap = 56;
  const top = 96;
  const width = left + panels.length * panelW + (panels.length - 1) * panelGap + 24;
  const height = top + rows.length * rowH + 66;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="24" font-size="16" font-weight="bold">safewire ops/s relative to other ways of carrying the same message (log scale; right of the line is faster)</text>`,
    `<text x="16" y="42" fill="#555">ops per CPU second; vs the raw library: median of per-process ratios (same process); vs JSON and pickle: ratio of medians; ${esc(String(r.machine.cpu ?? ""))}, ${esc(String(r.machine.node ?? ""))}; ${esc(r.mode)} run of ${esc(r.date.slice(0, 16).replace("T", " "))} UTC</text>`,
  );
  // Legend.
  let lx = 16;
  for (const sw of SAFEWIRE) {
    const f = sw.format ?? "";
    out.push(
      `<rect x="${lx}" y="52" width="12" height="10" fill="${COLORS[f]}"/>`,
      `<text x="${lx + 16}" y="61">safewire ${esc(f)}</text>`,
    );
    lx += 130;
  }
  // Row labels and stripes.
  rows.forEach((row, i) => {
    const y = top + i * rowH;
    if (row.d === "encode") {
      out.push(
        `<rect x="8" y="${y - 3}" width="${width - 16}" height="${rowH * 2}" fill="${(i / 2) % 2 === 0 ? "#f6f7f9" : "#ffffff"}"/>`,
      );
      out.push(`<text x="14" y="${y + rowH - 2}" font-weight="bold">${esc(row.c)}</text>`);
    }
    out.push(`<text x="${left - 8}" y="${y + rowH / 2 + 1}" text-anchor="end" fill="#444">${row.d}</text>`);
  });
  panels.forEach((p, pi) => {
    const x0 = left + pi * (panelW + panelGap);
    // Log domain: whole decades around every value and reference line, with room for the labels.
    const seen: number[] = p.lines.map((l) => l.at);
    for (const row of rows)
      for (const sw of SAFEWIRE) {
        const v = p.value(row.c, row.d, sw);
        if (v !== undefined && v > 0 && Number.isFinite(v)) seen.push(v);
      }
    const empty = seen.length === p.lines.length;
    const lo = 10 ** Math.floor(Math.log10(Math.min(...seen)));
    const hi = 10 ** Math.ceil(Math.log10(Math.max(...seen) * 3));
    const ticks: number[] = [];
    for (let t = lo; t <= hi * 1.001; t *= 10) ticks.push(Number(t.toPrecision(1)));
    const lg = (v: number) => Math.log10(v);
    const sx = (v: number) =>
      x0 + ((lg(Math.min(Math.max(v, lo), hi)) - lg(lo)) / (lg(hi) - lg(lo))) * panelW;
    out.push(
      `<text x="${x0}" y="${top - 22}" font-size="13" font-weight="bold">${esc(p.title)}</text>`,
      `<text x="${x0}" y="${top - 9}" fill="#555">${esc(p.subtitle)}</text>`,
    );
    const yEnd = top + rows.length * rowH - 4;
    for (const t of ticks) {
      out.push(
        `<line x1="${sx(t)}" y1="${top - 4}" x2="${sx(t)}" y2="${yEnd}" stroke="#e1e4e8"/>`,
        `<text x="${sx(t)}" y="${yEnd + 14}" text-anchor="middle" fill="#555">${t}×</text>`,
      );
    }
    if (empty) {
      // One line across the panel (why there is nothing), wrapped at about 50 characters.
      const words = p.empty.split(" ");
      const wrapped: string[] = [""];
      for (const w of words) {
        const last = wrapped.length - 1;
        if ((wrapped[last] as string).length + w.length > 50 && wrapped[last] !== "") wrapped.push(w);
        else wrapped[last] = wrapped[last] === "" ? w : `${wrapped[last]} ${w}`;
      }
      wrapped.forEach((line, j) => {
        out.push(
          `<text x="${x0 + panelW / 2}" y="${top + (rows.length * rowH) / 2 + j * 14}" text-anchor="middle" fill="#777">${esc(line)}</text>`,
        );
      });
    }
    rows.forEach((row, i) => {
      if (empty) return;
      SAFEWIRE.forEach((sw, k) => {
        const v = p.value(row.c, row.d, sw);
        const y = top + i * rowH + k * (bar + gapInRow);
        if (v === undefined) {
          out.push(`<text x="${x0 + 2}" y="${y + bar - 1}" fill="#999" font-size="9">not measured</text>`);
          return;
        }
        const w = Math.max(1, sx(v) - x0);
        out.push(
          `<rect x="${x0}" y="${y}" width="${w.toFixed(1)}" height="${bar}" fill="${COLORS[sw.format ?? ""]}"><title>${esc(`${row.c} ${row.d} safewire ${sw.format} ${p.title}: ${fmtRatio(v)}`)}</title></rect>`,
          `<text x="${(x0 + w + 3).toFixed(1)}" y="${y + bar - 1}" font-size="9" fill="#222" stroke="#ffffff" stroke-width="2.5" paint-order="stroke">${fmtRatio(v)}</text>`,
        );
      });
    });
    for (const l of p.lines) {
      out.push(
        `<line x1="${sx(l.at)}" y1="${top - 4}" x2="${sx(l.at)}" y2="${yEnd}" stroke="${l.dashed ? "#c0392b" : "#111"}" stroke-width="1.2"${l.dashed ? ' stroke-dasharray="4 3"' : ""}/>`,
      );
      // The solid 1× line is labelled by its tick; a target line gets its own label.
      if (l.dashed) {
        out.push(
          `<text x="${sx(l.at)}" y="${yEnd + 30}" text-anchor="middle" fill="#c0392b" font-size="10">${esc(l.label)}</text>`,
        );
      }
    }
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
