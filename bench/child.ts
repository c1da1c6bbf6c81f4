/**
 * One short measuring process: some cases, some contenders, in the order given. Started by bench/run.ts
 * (bundled by esbuild first, so a process starts in a fraction of what tsx takes), or by hand:
 *
 *   node --single-threaded --expose-gc --import tsx bench/child.ts --cases ActionChunk,Observation \
 *     --contenders sw-protobuf,protobufjs --time 100 --warmup 30 --warm 300 --sample 1 --memory
 *
 * Time is the process's CPU time (`process.cpuUsage`), not the wall clock: the machine is shared, and
 * time spent waiting for a CPU that other work held must not count. `--single-threaded` keeps V8's
 * compiler and GC on this thread, so CPU time is this benchmark's work and nothing else's.
 *
 * 1. A warm-up of `--warm` ms that runs every operation of the process in turn (V8 needs a few hundred
 *    ms of CPU to optimise a validating pipeline; shared code, such as zod's, reaches its final state,
 *    polymorphic over the process's message types as in an application, before anything is measured).
 * 2. For each case and direction, the contenders together: each a warm-up of `--warmup` ms that also
 *    sizes a batch to about `--sample` ms, then tinybench's runs of batches, `--time` ms in all, in
 *    `--slices` interleaved slices (A B C A B C ...), so the machine's other load falls on all alike.
 *    The process's rate is the batch size over the mean batch time, the slowest 10% left out.
 * 3. With `--memory` (needs `--expose-gc`): bytes allocated per decode, from heap and external memory
 *    before and after k operations with no GC in between (checked with a GC observer; k shrinks until
 *    it holds). Includes garbage: it is what the operation allocates, not what it keeps. An operation
 *    that allocates megabytes is measured once; if a GC ran in it the number is a lower bound.
 * Prints one JSON line (`ChildReport`) on stdout.
 */
import { PerformanceObserver, performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Bench } from "tinybench";
import {
  type Batch,
  type CaseContext,
  caseContext,
  type Direction,
  type Prepared,
  prepare,
} from "./contenders.js";
import { type CaseName, isCaseName, makeValue } from "./fixtures.js";

export interface Measurement {
  contender: string;
  direction: Direction;
  /** Operations per second of CPU time in this process. */
  hz: number;
  /** The same over wall-clock time (lower when other work on the machine took the CPU). */
  hzWall: number;
  batch: number;
  samples: number;
  bytes: number;
  /** Bytes allocated per operation (JS heap + external), or null when not measured. */
  allocPerOp: number | null;
  /** Operations the allocation was averaged over; `allocGc` true if a GC ran in the window anyway. */
  allocOps: number;
  allocGc: boolean;
}

export interface ChildReport {
  cases: string[];
  measurements: (Measurement & { case: string })[];
  notes: string[];
  errors: { contender: string; message: string }[];
  cpuMs: number;
}

const { values } = parseArgs({
  options: {
    cases: { type: "string" },
    contenders: { type: "string" },
    time: { type: "string", default: "100" },
    warmup: { type: "string", default: "30" },
    warm: { type: "string", default: "300" },
    sample: { type: "string", default: "1" },
    slices: { type: "string", default: "4" },
    memory: { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
  },
});

const cases = (values.cases ?? "").split(",").filter((s) => s !== "");
for (const c of cases) if (!isCaseName(c)) throw new Error(`unknown case "${c}"`);
const ids = (values.contenders ?? "").split(",").filter((s) => s !== "");
const timeMs = Number(values.time);
const warmupMs = Number(values.warmup);
const warmAllMs = Number(values.warm);
const sampleMs = Number(values.sample);
const slicesCount = Math.max(1, Number(values.slices));
const quick = values.quick === true;
const gc = (globalThis as { gc?: (options?: { type: "minor" | "major" }) => void }).gc;

let sink: unknown;

/** CPU time of this process in ms (user + system). */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Warms the code up for `warmupMs` of CPU and sizes a batch to about `sampleMs`: n doubles until one call
 * takes half a sample, then runs on at that size until the warm-up time is spent; the batch size comes
 * from the fastest call at that size (so neither cold code nor a GC in one call skews it).
 */
function calibrate(run: Batch): { batch: number; opMs: number } {
  let n = 1;
  let spent = 0;
  let best = Number.POSITIVE_INFINITY;
  for (;;) {
    const t0 = cpuNow();
    sink = run(n);
    const dt = cpuNow() - t0;
    spent += dt;
    if (dt < sampleMs / 2 && n < 1 << 22 && best === Number.POSITIVE_INFINITY) {
      n *= 2;
      continue;
    }
    best = Math.min(best, dt);
    if (spent >= warmupMs) {
      return { batch: Math.max(1, Math.round((n * sampleMs) / Math.max(best, 1e-3))), opMs: best / n };
    }
  }
}

interface Timed {
  hz: number;
  hzWall: number;
  batch: number;
  samples: number;
  opMs: number;
}

/**
 * Times several operations of one case and direction (safewire and its raw library, say) interleaved:
 * `slices` rounds in which each runs tinybench for `timeMs / slices`, so that whatever else the machine
 * does in the meantime falls on all of them alike and their ratio holds.
 */
async function timeTogether(runs: Batch[], slices: number): Promise<Timed[]> {
  const cal = runs.map((run) => calibrate(run));
  const samples: number[][] = runs.map(() => []);
  const wall = runs.map(() => 0);
  for (let s = 0; s < slices; s++) {
    for (let i = 0; i < runs.length; i++) {
      const run = runs[i] as Batch;
      const { batch, opMs } = cal[i] as { batch: number; opMs: number };
      // Slow operations (a 10 MB JSON decode) get fewer samples, so one measurement stays short.
      const slow = opMs * batch * 5 > timeMs / slices;
      const bench = new Bench({
        time: timeMs / slices,
        warmup: false, // calibrate() warmed up; one more batch on the first slice, outside the wall time
        warmupTime: 0,
        warmupIterations: 1,
        iterations: quick ? 1 : slow ? 2 : 3,
        throws: true,
        now: cpuNow,
        retainSamples: true,
      });
      bench.add("batch", () => {
        sink = run(batch);
      });
      const task = bench.tasks[0];
      if (task === undefined) throw new Error("tinybench added no task");
      if (!quick && s === 0) await task.warmup();
      const w0 = performance.now();
      await bench.run();
      wall[i] = (wall[i] as number) + performance.now() - w0;
      const result = task.result;
      if (result.state !== "completed" || result.latency.samples === undefined)
        throw new Error(`tinybench: the batch ended ${result.state}`);
      (samples[i] as number[]).push(...result.latency.samples);
    }
  }
  return runs.map((_, i) => {
    const { batch, opMs } = cal[i] as { batch: number; opMs: number };
    const sorted = [...(samples[i] as number[])].sort((a, b) => a - b);
    // The slowest 10% of batches are left out: a batch that a page fault or a migration hit.
    const keep = sorted.slice(0, Math.max(1, Math.ceil(sorted.length * 0.9)));
    const mean = keep.reduce((a, b) => a + b, 0) / keep.length;
    return {
      hz: (batch * 1000) / mean,
      hzWall: (batch * sorted.length * 1000) / (wall[i] as number),
      batch,
      samples: sorted.length,
      opMs,
    };
  });
}

// GC events, to tell whether an allocation window was clean.
const gcSpans: number[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcSpans.push(e.startTime, e.startTime + e.duration);
}).observe({ entryTypes: ["gc"] });

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/** Heap + external bytes allocated by `k` operations, and whether a GC ran in between (then it is low). */
async function window(run: Batch, k: number): Promise<{ bytes: number; dirty: boolean }> {
  // A scavenge empties the young generation, where the window's objects go (a full GC is not needed
  // and costs tens of ms on a heap holding a 10 MB fixture).
  gc?.({ type: "minor" });
  await settle();
  gcSpans.length = 0;
  const before = process.memoryUsage();
  const t0 = performance.now();
  sink = run(k);
  const t1 = performance.now();
  const after = process.memoryUsage();
  sink = undefined;
  await settle();
  let dirty = false;
  for (let i = 0; i < gcSpans.length; i += 2) {
    if ((gcSpans[i + 1] as number) >= t0 && (gcSpans[i] as number) <= t1) dirty = true;
  }
  return { bytes: Math.max(0, after.heapUsed - before.heapUsed + (after.external - before.external)), dirty };
}

async function allocation(
  run: Batch,
  opMs: number,
): Promise<{ perOp: number | null; ops: number; gc: boolean }> {
  if (gc === undefined) return { perOp: null, ops: 0, gc: false };
  // Slow operations allocate megabytes: one operation, and a GC in it is reported (the number is low).
  if (opMs > 5) {
    const w = await window(run, 1);
    return { perOp: w.bytes, ops: 1, gc: w.dirty };
  }
  // A first guess from a few operations, then a window of about 512 KB (the young generation holds it).
  let k = Math.max(1, Math.min(4, Math.floor(1 / Math.max(opMs, 1e-6))));
  const guess = await window(run, k);
  if (!guess.dirty) k = Math.max(1, Math.min(4000, Math.floor((512 * 1024) / Math.max(guess.bytes / k, 8))));
  let last = guess;
  for (let attempt = 0; attempt < 4; attempt++) {
    last = await window(run, k);
    if (!last.dirty) return { perOp: last.bytes / k, ops: k, gc: false };
    if (k === 1) break;
    k = Math.max(1, Math.floor(k / 4));
  }
  return { perOp: last.bytes / k, ops: k, gc: true };
}

const report: ChildReport = { cases, measurements: [], notes: [], errors: [], cpuMs: 0 };
const fail = (c: string, id: string, err: unknown) =>
  report.errors.push({
    contender: `${c} ${id}`,
    message: err instanceof Error ? (err.stack ?? err.message) : String(err),
  });

const prepared: { c: CaseName; id: string; p: Prepared }[] = [];
for (const c of cases as CaseName[]) {
  const ctx: CaseContext = caseContext(c, makeValue(c));
  for (const id of ids) {
    try {
      const p = await prepare(id, ctx);
      for (const note of p.notes) report.notes.push(`${id}: ${note}`);
      prepared.push({ c, id, p });
    } catch (err) {
      fail(c, id, err);
    }
  }
}

// 1. Warm every operation in turn, about 2 ms at a time, until each has had its share of `--warm`
// (an operation slower than its share runs once).
const all = prepared.flatMap(({ p }) => Object.values(p.ops));
const sizes = all.map(() => 1);
const spent = all.map(() => 0);
const share = warmAllMs / Math.max(1, all.length);
const warmStart = cpuNow();
for (let busy = true; busy && cpuNow() - warmStart < 2 * warmAllMs; ) {
  busy = false;
  for (let i = 0; i < all.length; i++) {
    if ((spent[i] as number) >= share) continue;
    busy = true;
    const t0 = cpuNow();
    sink = (all[i] as Batch)(sizes[i] as number);
    const dt = cpuNow() - t0;
    spent[i] = (spent[i] as number) + dt;
    if (dt < 2) sizes[i] = (sizes[i] as number) * 2;
  }
}

// 2 and 3. Measure, case by case and direction by direction, the contenders of each interleaved.
for (const c of cases as CaseName[]) {
  const here = prepared.filter((x) => x.c === c);
  for (const direction of ["encode", "decode", "copy"] as const) {
    const group = here.filter((x) => x.p.ops[direction] !== undefined);
    if (group.length === 0) continue;
    let timed: Timed[];
    try {
      timed = await timeTogether(
        group.map((x) => x.p.ops[direction] as Batch),
        quick ? 1 : slicesCount,
      );
    } catch (err) {
      fail(c, group.map((x) => x.id).join("+"), err);
      continue;
    }
    for (let i = 0; i < group.length; i++) {
      const { id, p } = group[i] as (typeof group)[number];
      const t = timed[i] as Timed;
      try {
        // Allocation is measured for decoding (and copying): what a receiver pays per message.
        const mem =
          values.memory && direction !== "encode"
            ? await allocation(p.ops[direction] as Batch, t.opMs)
            : { perOp: null, ops: 0, gc: false };
        report.measurements.push({
          case: c,
          contender: id,
          direction,
          hz: t.hz,
          hzWall: t.hzWall,
          batch: t.batch,
          samples: t.samples,
          bytes: p.bytes,
          allocPerOp: mem.perOp,
          allocOps: mem.ops,
          allocGc: mem.gc,
        });
      } catch (err) {
        fail(c, id, err);
      }
    }
  }
}

report.cpuMs = cpuNow();
if (sink === Symbol.for("never")) console.error("unreachable");
process.stdout.write(`${JSON.stringify(report)}\n`);
