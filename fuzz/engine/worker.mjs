// One fuzz campaign (or one coverage replay) of one target, in a worker thread. The main thread
// (fuzz/run.mjs) watches the shared control block and kills this worker on a hang or a memory blow-up.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { getHeapStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { CoverageMap, lineCoverage, V8Coverage } from "./coverage.mjs";
import { mutate, rng } from "./mutate.mjs";

const {
  mode, // "fuzz" | "coverage" | "distill"
  target: targetName,
  buildDir,
  corpusDir,
  control, // SharedArrayBuffer: Int32 [seq, length, running, _] then the current input's bytes
  seconds,
  maxExecs,
  maxLen,
  slowMs,
  heapBudgetBytes,
  seed,
  batch: MAX_BATCH,
  stopOnFinding,
} = workerData;

const ctl = new Int32Array(control, 0, 4);
const current = new Uint8Array(control, 16);
const SAFEWIRE = "/.fuzz-work/build/src/";
const LIBS = /\/node_modules\/(@msgpack\/msgpack|protobufjs|@protobufjs\/[^/]+|avsc|zod|long)\//;
// Scripts that count: safewire, the wire libraries, zod, and code they compile at run time (no url).
const include = (url) =>
  url === "" ||
  url.includes(SAFEWIRE) ||
  LIBS.test(url) ||
  (target?.coverage ?? []).some((s) => url.includes(s));

const cov = new V8Coverage(); // before any target code loads, so top-level code is seen too
const { TARGETS, EXTRA_TARGETS } = await import(pathToFileURL(join(buildDir, "fuzz/targets/index.js")).href);
const target = await (TARGETS[targetName] ?? EXTRA_TARGETS[targetName])();
await target.init();

const post = (m) => parentPort.postMessage(m);
const sha = (b) => createHash("sha256").update(b).digest("hex");

function readDir(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((f) => new Uint8Array(readFileSync(join(dir, f))));
}

let takes = 0;
let runMs = 0;
let mergeMs = 0;
let takeMs = 0;
let bisections = 0;
let found = 0;

const heapNow = () => {
  const h = getHeapStatistics();
  return h.used_heap_size + h.external_memory;
};

function publish(input) {
  current.set(input.length <= current.length ? input : input.subarray(0, current.length));
  Atomics.store(ctl, 1, input.length);
  Atomics.add(ctl, 0, 1);
}

/** Runs the oracle once; returns the error it threw (undefined when it held) and the time and heap it took. */
function run(input) {
  publish(input);
  Atomics.store(ctl, 2, 1);
  const h0 = heapNow();
  const t0 = performance.now();
  let error;
  try {
    target.check(input);
  } catch (e) {
    error = e ?? new Error(`threw ${String(e)}`);
  }
  const ms = performance.now() - t0;
  runMs += ms;
  const grew = heapNow() - h0;
  Atomics.store(ctl, 2, 0);
  return { error, ms, grew };
}

if (mode === "coverage") {
  // One cumulative take after replaying everything: uncalled functions show up with count 0.
  const inputs = [...target.seeds(), ...readDir(corpusDir)];
  for (const input of inputs) run(input);
  const result = cov.take();
  const sources = [];
  for (const s of result) {
    if (!s.url.includes(SAFEWIRE) || s.url.includes("/generated/")) continue;
    sources.push([s.url, readFileSync(fileURLToPath(s.url), "utf8")]);
  }
  const files = lineCoverage(result, sources).map((f) => ({
    ...f,
    file: f.file.slice(f.file.indexOf(SAFEWIRE) + SAFEWIRE.length),
  }));
  post({ type: "coverage", inputs: inputs.length, files });
  cov.stop();
  process.exit(0);
}

if (mode === "distill") {
  // The fewest inputs that together reach everything the corpus reaches past what the golden vectors and
  // hostile seeds reach already: each input's coverage on its own, then a greedy set cover (largest gain
  // first, shorter input on a tie), re-checking stale gains lazily.
  const { regressionFiles } = await import(pathToFileURL(join(buildDir, "fuzz/targets/harness.js")).href);
  const committed = new Map();
  for (const { dir, prefix } of target.files) {
    for (const f of regressionFiles(dir, prefix))
      committed.set(sha(target.fromFile(dir, prefix, f.bytes)), f.name);
  }
  const map = new CoverageMap(include);
  const keep = (result) => result.filter((sc) => include(sc.url));
  cov.take();
  for (const input of target.seeds()) {
    const name = committed.get(sha(input));
    if (name === undefined || !name.includes("-corpus-")) run(input);
  }
  const baseline = keep(cov.take());
  map.merge(baseline, true);
  const candidates = new Map();
  for (const input of [...target.seeds(), ...readDir(corpusDir)]) {
    const key = sha(input);
    const name = committed.get(key);
    if (name === undefined || name.includes("-corpus-")) candidates.set(key, input);
  }
  const runs = [];
  for (const input of candidates.values()) {
    const { error } = run(input);
    const result = keep(cov.take());
    map.merge(result, true); // register every probe before any input's hits are read
    if (error === undefined) runs.push({ input, result });
  }
  const ids = new Map();
  const idOf = (h) => {
    let id = ids.get(h);
    if (id === undefined) {
      id = ids.size;
      ids.set(h, id);
    }
    return id;
  };
  const idsOf = (result) => new Set(map.hits(result).map(idOf));
  const seen = idsOf(baseline);
  const sets = runs.map((r) => [...idsOf(r.result)].filter((id) => !seen.has(id)));
  const uncovered = new Set(sets.flat());
  const total = uncovered.size;
  const gain = (i) => sets[i].reduce((a, id) => a + (uncovered.has(id) ? 1 : 0), 0);
  const order = sets.map((_, i) => ({ i, g: gain(i) })).filter((x) => x.g > 0);
  const kept = [];
  while (uncovered.size > 0 && order.length > 0) {
    order.sort((a, b) => b.g - a.g || runs[a.i].input.length - runs[b.i].input.length);
    const top = order[0];
    top.g = gain(top.i);
    if (top.g === 0) {
      order.shift();
      continue;
    }
    if (order.length > 1 && top.g < order[1].g) continue; // stale: sort again
    order.shift();
    for (const id of sets[top.i]) uncovered.delete(id);
    kept.push(target.toFile(runs[top.i].input));
  }
  post({ type: "distilled", files: kept, candidates: candidates.size, covered: total });
  cov.stop();
  process.exit(0);
}

// ---- fuzzing ----
const r = rng(seed);
const corpus = [];
const dictionary = target.dictionary();
const map = new CoverageMap(include);
const signatures = new Set();
let execs = 0; // generated inputs run
let replays = 0; // seed runs, bisection replays, confirmations, minimisation
const started = performance.now();
let lastStats = started;
let slowest = 0;
function take() {
  const t0 = performance.now();
  const result = cov.take();
  takeMs += performance.now() - t0;
  takes++;
  return result;
}

/** The innermost Error of a cause chain: where it really went wrong. */
function root(error) {
  let e = error instanceof Error ? error : undefined;
  while (e?.cause instanceof Error) e = e.cause;
  return e;
}

function signatureOf(kind, error) {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const text = message.split("\n")[0].replace(/\d+/g, "N").slice(0, 160);
  const stack = String(root(error)?.stack ?? "");
  const frame = stack.split("\n").find((l) => l.includes(SAFEWIRE) || LIBS.test(l)) ?? "";
  const where = frame
    .replace(/^.*\/(node_modules|\.fuzz-work\/build)\//, "")
    .replace(/:\d+\)?$/, "")
    .trim();
  return `${kind} | ${text} | ${where}`;
}

function kindOf(error) {
  if (error instanceof Error && error.name === "RoundTripError") return "roundtrip";
  if (error instanceof Error && error.name === "WrappedError") return "wrapped";
  return "crash";
}

/**
 * A smaller input that still fails the same way: delete runs of bytes, long runs first, at every offset
 * (whole length-prefixed fields must go at once), and again until nothing more can go.
 */
function minimise(input, signature) {
  let best = input;
  let budget = 20_000;
  const lengths = () => {
    const out = [];
    for (let n = best.length >> 1; n > 64; n >>= 1) out.push(n);
    for (let n = Math.min(64, best.length); n >= 1; n--) out.push(n);
    return out;
  };
  for (let progress = true; progress && budget > 0; ) {
    progress = false;
    for (const len of lengths()) {
      for (let at = 0; at + len <= best.length && budget > 0; at++) {
        const candidate = new Uint8Array(best.length - len);
        candidate.set(best.subarray(0, at));
        candidate.set(best.subarray(at + len), at);
        budget--;
        replays++;
        const { error } = run(candidate);
        if (error !== undefined && signatureOf(kindOf(error), error) === signature) {
          best = candidate;
          progress = true;
          at--;
        }
      }
    }
  }
  return best;
}

function report(kind, input, error, extra = "") {
  const signature = signatureOf(kind, error);
  if (signatures.has(signature)) return;
  signatures.add(signature);
  const small =
    kind === "crash" || kind === "roundtrip" || kind === "wrapped" ? minimise(input, signature) : input;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const stack = error instanceof Error ? String(error.stack ?? "") : "";
  const inner = root(error);
  const cause = inner !== undefined && inner !== error ? String(inner.stack ?? inner) : undefined;
  post({
    type: "finding",
    kind,
    signature,
    message: message + extra,
    stack,
    cause,
    input: small,
    file: target.toFile(small),
  });
  found++;
}

/** Runs one input and reports what it breaks; returns true when it is clean (may join the corpus). */
function exec(input) {
  const { error, ms, grew } = run(input);
  if (ms > slowest) slowest = ms;
  if (error !== undefined) {
    report(kindOf(error), input, error);
    return false;
  }
  if (ms > slowMs) {
    // Confirm: GC pauses and JIT tiering cause one-off spikes.
    let best = ms;
    for (let i = 0; i < 3 && best > slowMs; i++) {
      replays++;
      best = Math.min(best, run(input).ms);
    }
    if (best > slowMs) {
      report(
        "slow",
        input,
        new Error(`took ${best.toFixed(1)} ms (budget ${slowMs} ms) on ${input.length} bytes`),
      );
      return false;
    }
  }
  if (grew > heapBudgetBytes) {
    globalThis.gc?.();
    replays++;
    const again = run(input).grew;
    if (again > heapBudgetBytes) {
      report(
        "memory",
        input,
        new Error(`heap grew ${again} bytes (budget ${heapBudgetBytes}) on ${input.length} bytes`),
      );
      return false;
    }
  }
  return true;
}

function keep(input) {
  corpus.push(input);
  if (corpusDir) {
    mkdirSync(corpusDir, { recursive: true });
    writeFileSync(join(corpusDir, `${sha(input).slice(0, 16)}.bin`), input);
  }
}

/** Finds which inputs of a batch brought new coverage: replay halves, recurse where it shows. */
function bisect(inputs) {
  for (const x of inputs) {
    replays++;
    run(x);
  }
  const result = take();
  if (map.merge(result, true) === 0) return;
  if (inputs.length === 1) {
    map.merge(result);
    keep(inputs[0]);
    return;
  }
  const mid = inputs.length >> 1;
  bisect(inputs.slice(0, mid));
  bisect(inputs.slice(mid));
}

function stats(final = false) {
  const now = performance.now();
  const secondsRun = (now - started) / 1000;
  post({
    type: final ? "done" : "stats",
    execs,
    replays,
    seconds: secondsRun,
    corpus: corpus.length,
    covered: map.covered,
    probes: map.probes,
    slowestMs: slowest,
    takes,
    takeMs: Math.round(takeMs),
    bisections,
    runMs: Math.round(runMs),
    mergeMs: Math.round(mergeMs),
  });
}

// Seeds and the corpus kept from earlier runs: every clean one joins the corpus (they were chosen for
// their coverage already), with one coverage take for all of them.
take();
const seen = new Set();
for (const input of [...target.seeds(), ...readDir(corpusDir)]) {
  const key = sha(input);
  if (seen.has(key)) continue;
  seen.add(key);
  replays++;
  if (exec(input) && input.length <= maxLen) corpus.push(input);
}
map.merge(take());
if (corpus.length === 0) corpus.push(new Uint8Array(0));
post({ type: "seeded", corpus: corpus.length, covered: map.covered, probes: map.probes, seeds: seen.size });

/**
 * After a batch ran: keep the inputs of it that reached new code. Returns whether any did. One coverage
 * take costs milliseconds (V8 walks every function), so inputs run in batches with one take each, and
 * only a batch that reached new code is bisected to find which inputs did.
 */
function batchDone(inputs) {
  const result = take();
  const m0 = performance.now();
  const found = map.merge(result, true);
  mergeMs += performance.now() - m0;
  if (found === 0) return false;
  bisections++;
  bisect(inputs);
  map.merge(result); // whatever did not reproduce on its own: do not chase it again
  return true;
}

const deadline = started + seconds * 1000;
// The batch grows while nothing new turns up (fewer takes) and shrinks when something does (cheaper bisection).
let batch = 32;
for (;;) {
  const inputs = [];
  for (let i = 0; i < batch; i++) {
    const parent = corpus[r.below(corpus.length)];
    const child = mutate(parent, r, corpus, dictionary, maxLen);
    execs++;
    if (exec(child)) inputs.push(child);
  }
  batch = batchDone(inputs) ? Math.max(16, batch >> 1) : Math.min(MAX_BATCH, batch * 2);
  const now = performance.now();
  if (now - lastStats > 1000) {
    lastStats = now;
    stats();
  }
  if (now >= deadline || execs >= maxExecs || (stopOnFinding && found > 0)) break;
}
stats(true);
if (process.env.FUZZ_DEBUG) {
  const rows = [];
  for (const [url, fns] of map.scripts) {
    let covered = 0;
    let probes = 0;
    for (const info of fns.values()) {
      probes += info.starts.length;
      for (const c of info.covered) covered += c;
    }
    rows.push(`${covered}/${probes} ${fns.size} fns ${url.replace(/^.*\/(node_modules|build)\//, "")}`);
  }
  console.error(rows.sort().join("\n"));
}
cov.stop();
process.exit(0);
