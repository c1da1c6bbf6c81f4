#!/usr/bin/env node
// `npm run fuzz -- [--seconds N] [--execs N] [--target name[,name]] …`: coverage-guided fuzzing of every
// decode path. Builds the targets (fuzz/targets, compiled with src/ into .fuzz-work/build), runs each in a
// worker thread for N seconds (or N executions), prints a table, writes fuzz/results/latest.json, copies
// each finding to test/fuzz-corpus/<format>/ and exits 1 when there was any. See fuzz/README.md.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const WORK = join(ROOT, ".fuzz-work");
const BUILD = join(WORK, "build");

const { values: opts } = parseArgs({
  options: {
    seconds: { type: "string" },
    execs: { type: "string" },
    target: { type: "string", multiple: true },
    "timeout-ms": { type: "string", default: "5000" },
    "slow-ms": { type: "string", default: "100" },
    "heap-budget-mb": { type: "string", default: "64" },
    "rss-limit-mb": { type: "string", default: "2048" },
    "max-len": { type: "string", default: "4096" },
    batch: { type: "string", default: "2048" },
    seed: { type: "string" },
    results: { type: "string", default: join(ROOT, "fuzz", "results", "latest.json") },
    "corpus-dir": { type: "string", default: join(WORK, "corpus") },
    "no-write": { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    "no-coverage": { type: "boolean", default: false },
    distill: { type: "boolean", default: false },
    "stop-on-finding": { type: "boolean", default: false },
    list: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (opts.help) {
  console.log(`usage: npm run fuzz -- [--seconds N] [--execs N] [--target NAME[,NAME]] [--list]
  --seconds N        time per target (default 30 unless --execs is given)
  --execs N          generated inputs per target (with --seconds: whichever comes first)
  --target NAME      only these targets (repeat or comma-separate)
  --timeout-ms N     one input running this long is a hang: the worker is killed (default 5000)
  --slow-ms N        one input taking this long, three times over, is a finding (default 100)
  --heap-budget-mb N one input growing the heap (JS + ArrayBuffers) this much is a finding (default 64)
  --rss-limit-mb N   the process past this RSS, or the worker's heap past it, is a finding (default 2048)
  --max-len N        longest generated input in bytes (default 4096)
  --batch N          most inputs run between two coverage takes (default 2048)
  --seed N           PRNG seed (default: random; printed)
  --stop-on-finding  end a target's campaign at its first finding
  --no-write         do not copy findings to test/fuzz-corpus
  --no-coverage      skip the line-coverage replay after each campaign
  --distill          no fuzzing: replace test/fuzz-corpus/<format>/<prefix>-corpus-*.bin with the smallest
                     set of inputs from .fuzz-work/corpus that covers what the whole corpus covers`);
  process.exit(0);
}

const num = (s, name) => {
  const n = Number(s);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`--${name} must be a positive number, got ${s}`);
    process.exit(2);
  }
  return n;
};
const execsLimit = opts.execs !== undefined ? num(opts.execs, "execs") : Number.POSITIVE_INFINITY;
const seconds =
  opts.seconds !== undefined
    ? num(opts.seconds, "seconds")
    : opts.execs !== undefined
      ? Number.POSITIVE_INFINITY
      : 30;
const timeoutMs = num(opts["timeout-ms"], "timeout-ms");
const rssLimitMb = num(opts["rss-limit-mb"], "rss-limit-mb");
const baseSeed = opts.seed !== undefined ? Number(opts.seed) >>> 0 : (Math.random() * 2 ** 32) >>> 0;

// ---- build ----
if (!opts["no-build"]) {
  const t0 = Date.now();
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  // --noCheck: typechecking is `npm run typecheck`'s job; here we only need the JavaScript.
  const r = spawnSync(process.execPath, [tsc, "-p", join(ROOT, "fuzz", "tsconfig.json"), "--noCheck"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const emitted = existsSync(join(BUILD, "fuzz", "targets", "index.js"));
  if (r.status !== 0 && !emitted) {
    console.error(`fuzz: building the targets failed\n${r.stdout}${r.stderr}`);
    process.exit(2);
  }
  // Generated JavaScript (pbjs static modules) is imported as-is: copy it next to the compiled sources.
  const gen = join(ROOT, "src", "generated");
  if (existsSync(gen)) {
    mkdirSync(join(BUILD, "src", "generated"), { recursive: true });
    for (const f of readdirSync(gen))
      if (f.endsWith(".js")) copyFileSync(join(gen, f), join(BUILD, "src", "generated", f));
  }
  console.log(`fuzz: built targets in ${Date.now() - t0} ms`);
}

const registry = await import(pathToFileURL(join(BUILD, "fuzz", "targets", "index.js")).href);
const { TARGET_NAMES } = registry;
const TARGETS = { ...registry.TARGETS, ...registry.EXTRA_TARGETS };
if (opts.list) {
  for (const n of TARGET_NAMES) console.log(n);
  process.exit(0);
}
const selected = (opts.target ?? []).flatMap((t) => t.split(",")).filter(Boolean);
for (const t of selected) {
  if (!(t in TARGETS)) {
    console.error(`fuzz: unknown target "${t}"; targets: ${TARGET_NAMES.join(", ")}`);
    process.exit(2);
  }
}
const names = selected.length > 0 ? selected : TARGET_NAMES;

// ---- findings already reported and not fixed yet (test/fuzz-corpus/known.json) ----
const KNOWN_FILE = join(ROOT, "test", "fuzz-corpus", "known.json");
const known = existsSync(KNOWN_FILE) ? Object.entries(JSON.parse(readFileSync(KNOWN_FILE, "utf8"))) : [];
const knownAs = (target, kind, message) =>
  known.find(([, k]) => k.target === target && k.kind === kind && message.includes(k.match))?.[0];

// ---- one campaign ----
const CONTROL_BYTES = 16 + (1 << 20);

function startWorker(mode, name, extra) {
  const control = new SharedArrayBuffer(CONTROL_BYTES);
  const worker = new Worker(new URL("./engine/worker.mjs", import.meta.url), {
    workerData: {
      mode,
      target: name,
      buildDir: BUILD,
      corpusDir: join(opts["corpus-dir"], name),
      control,
      maxLen: num(opts["max-len"], "max-len"),
      slowMs: num(opts["slow-ms"], "slow-ms"),
      heapBudgetBytes: num(opts["heap-budget-mb"], "heap-budget-mb") * 1024 * 1024,
      batch: num(opts.batch, "batch"),
      stopOnFinding: opts["stop-on-finding"],
      ...extra,
    },
    resourceLimits: { maxOldGenerationSizeMb: rssLimitMb, maxYoungGenerationSizeMb: 64 },
    stdout: false,
    stderr: false,
  });
  return { worker, control };
}

/** Runs one worker to its end; kills it on a hang or memory blow-up and says which input did it. */
function watch(worker, control, onMessage) {
  const ctl = new Int32Array(control, 0, 4);
  const bytes = new Uint8Array(control, 16);
  const currentInput = () => bytes.slice(0, Math.min(Atomics.load(ctl, 1), bytes.length));
  return new Promise((resolve) => {
    let lastSeq = -1;
    let stuckSince = Date.now();
    let killed;
    const timer = setInterval(() => {
      const seq = Atomics.load(ctl, 0);
      const running = Atomics.load(ctl, 2) === 1;
      if (seq !== lastSeq || !running) {
        lastSeq = seq;
        stuckSince = Date.now();
      } else if (Date.now() - stuckSince > timeoutMs) {
        killed = {
          kind: "timeout",
          input: currentInput(),
          message: `one input ran for more than ${timeoutMs} ms`,
        };
        void worker.terminate();
      }
      const rss = process.memoryUsage.rss();
      if (killed === undefined && rss > rssLimitMb * 1024 * 1024) {
        killed = {
          kind: "oom",
          input: currentInput(),
          message: `RSS reached ${(rss / 2 ** 20).toFixed(0)} MB (limit ${rssLimitMb} MB)`,
        };
        void worker.terminate();
      }
    }, 100);
    worker.on("message", onMessage);
    worker.on("error", (err) => {
      if (killed === undefined) {
        const oom = err?.code === "ERR_WORKER_OUT_OF_MEMORY";
        killed = oom
          ? {
              kind: "oom",
              input: currentInput(),
              message: `the worker ran out of heap (${rssLimitMb} MB): ${err.message}`,
            }
          : { kind: "error", message: String(err?.stack ?? err) };
      }
    });
    worker.on("exit", () => {
      clearInterval(timer);
      resolve(killed);
    });
  });
}

const sha = (b) => createHash("sha256").update(b).digest("hex");

/** Copies a finding to test/fuzz-corpus/<dir>/<prefix>-<kind>-<hash>.bin unless the same bytes are there. */
function store(file, kind) {
  const dir = join(ROOT, "test", "fuzz-corpus", file.dir);
  const bytes = file.bytes instanceof Uint8Array ? file.bytes : new Uint8Array(file.bytes);
  if (existsSync(dir)) {
    for (const f of readdirSync(dir)) {
      if (f.endsWith(".bin") && Buffer.from(readFileSync(join(dir, f))).equals(Buffer.from(bytes)))
        return relative(ROOT, join(dir, f));
    }
  }
  const path = join(dir, `${file.prefix}-${kind}-${sha(bytes).slice(0, 12)}.bin`);
  if (!opts["no-write"]) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, bytes);
  }
  return relative(ROOT, path);
}

async function campaign(name, index) {
  const row = {
    target: name,
    execs: 0,
    replays: 0,
    seconds: 0,
    execsPerSecond: 0,
    corpus: 0,
    seeds: 0,
    blocks: 0,
    lines: null,
    findings: [],
    errors: [],
  };
  const finding = async (f) => {
    const file = f.file ?? (f.input ? (await TARGETS[name]()).toFile(f.input) : undefined);
    const entry = { kind: f.kind, message: f.message, signature: f.signature ?? `${f.kind} | ${name}` };
    if (f.stack) entry.stack = f.stack.split("\n").slice(0, 12).join("\n");
    if (f.cause) entry.cause = f.cause.split("\n").slice(0, 8).join("\n");
    if (row.findings.some((x) => x.signature === entry.signature)) return; // e.g. the same hang after a restart
    const isKnown = knownAs(name, entry.kind, entry.message);
    if (isKnown !== undefined) entry.known = isKnown;
    row.findings.push(entry);
    if (file) {
      entry.file = store(file, f.kind);
      entry.hex = Buffer.from(file.bytes).subarray(0, 256).toString("hex");
      entry.bytes = file.bytes.length;
    }
    console.log(
      `  ${entry.known ? "KNOWN" : "FINDING"} ${name} ${entry.kind}: ${entry.message.split("\n")[0].slice(0, 200)}${entry.file ? `\n    input: ${entry.file}` : ""}`,
    );
  };
  let left = seconds;
  let execsLeft = execsLimit;
  let restarts = 0;
  let lastProgress = Date.now();
  while (left > 0.5 && execsLeft > 0) {
    const t0 = Date.now();
    const { worker, control } = startWorker("fuzz", name, {
      seconds: left,
      maxExecs: execsLeft,
      seed: (baseSeed + index * 7919 + restarts) >>> 0,
    });
    let done;
    const killed = await watch(worker, control, (m) => {
      if (m.type === "finding") finding(m);
      else if (m.type === "seeded") row.seeds = m.seeds;
      else if (m.type === "stats" || m.type === "done") {
        done = m;
        if (process.stdout.isTTY)
          process.stdout.write(`\r  ${name}: ${m.execs} execs, ${m.covered} blocks, corpus ${m.corpus}   `);
        else if (Date.now() - lastProgress > 60_000) {
          lastProgress = Date.now();
          console.log(`  … ${name}: ${row.execs + m.execs} execs, ${m.covered} blocks, corpus ${m.corpus}`);
        }
      }
    });
    if (process.stdout.isTTY) process.stdout.write("\r\x1b[K");
    if (done) {
      row.execs += done.execs;
      row.replays += done.replays;
      row.seconds += done.seconds;
      row.corpus = done.corpus;
      row.blocks = Math.max(row.blocks, done.covered);
      row.slowestMs = Math.max(row.slowestMs ?? 0, done.slowestMs);
      row.coverageTakes = (row.coverageTakes ?? 0) + done.takes;
      row.coverageMs = (row.coverageMs ?? 0) + done.takeMs;
      row.bisections = (row.bisections ?? 0) + done.bisections;
      row.runMs = (row.runMs ?? 0) + done.runMs;
      row.mergeMs = (row.mergeMs ?? 0) + done.mergeMs;
      execsLeft -= done.execs;
    }
    if (killed?.kind === "error") {
      row.errors.push(killed.message);
      console.error(`  ERROR ${name}: ${killed.message}`);
      break;
    }
    if (killed) await finding(killed);
    if (done?.type === "done" || !killed || opts["stop-on-finding"]) break;
    left -= (Date.now() - t0) / 1000;
    if (++restarts > 3) break;
  }
  row.execsPerSecond = row.seconds > 0 ? Math.round(row.execs / row.seconds) : 0;
  if (!opts["no-coverage"] && row.errors.length === 0) {
    const { worker, control } = startWorker("coverage", name, { seconds: 0, maxExecs: 0, seed: 0 });
    let files;
    const killed = await watch(worker, control, (m) => {
      if (m.type === "coverage") files = m.files;
    });
    if (files) {
      const lines = files.reduce((a, f) => a + f.lines, 0);
      const covered = files.reduce((a, f) => a + f.covered, 0);
      row.lines = {
        covered,
        lines,
        percent: lines > 0 ? Math.round((1000 * covered) / lines) / 10 : 0,
        files,
      };
    } else if (killed) row.errors.push(`coverage replay: ${killed.message}`);
  }
  return row;
}

// ---- distilling the corpus into test/fuzz-corpus ----
if (opts.distill) {
  let total = 0;
  for (const name of names) {
    const target = await TARGETS[name]();
    const { worker, control } = startWorker("distill", name, { seconds: 0, maxExecs: 0, seed: 0 });
    let result;
    const killed = await watch(worker, control, (m) => {
      if (m.type === "distilled") result = m;
    });
    if (!result) {
      console.error(`fuzz: distilling ${name} failed: ${killed?.message ?? "no result"}`);
      process.exit(2);
    }
    for (const { dir, prefix } of target.files) {
      const base = join(ROOT, "test", "fuzz-corpus", dir);
      if (!existsSync(base)) continue;
      for (const f of readdirSync(base)) if (f.startsWith(`${prefix}-corpus-`)) rmSync(join(base, f));
    }
    for (const file of result.files) store(file, "corpus");
    total += result.files.length;
    console.log(
      `  ${name}: kept ${result.files.length} of ${result.candidates} inputs (${result.covered} blocks past the seeds)`,
    );
  }
  console.log(`fuzz: distilled ${total} inputs into test/fuzz-corpus`);
  process.exit(0);
}

// ---- all of them ----
console.log(
  `fuzz: ${names.length} targets, ${Number.isFinite(seconds) ? `${seconds} s` : "no time limit"}${Number.isFinite(execsLimit) ? `, ${execsLimit} execs` : ""} each, seed ${baseSeed}`,
);
const rows = [];
/** Findings not listed in test/fuzz-corpus/known.json: these fail the run. */
function fresh(row) {
  return row.findings.filter((f) => f.known === undefined).length;
}

function findingsText(row, short = false) {
  const n = fresh(row);
  const k = row.findings.length - n;
  if (short) return k > 0 ? `${n}+${k}k` : String(n);
  return `${n} finding(s)${k > 0 ? ` and ${k} known` : ""}`;
}

function writeResults() {
  mkdirSync(dirname(opts.results), { recursive: true });
  const doc = {
    date: new Date().toISOString(),
    node: process.version,
    seed: baseSeed,
    seconds: Number.isFinite(seconds) ? seconds : null,
    execs: Number.isFinite(execsLimit) ? execsLimit : null,
    findings: rows.reduce((a, r) => a + fresh(r), 0),
    known: rows.reduce((a, r) => a + r.findings.length - fresh(r), 0),
    targets: rows,
  };
  writeFileSync(opts.results, `${JSON.stringify(doc, null, 2)}\n`);
}

for (const [i, name] of names.entries()) {
  const row = await campaign(name, i);
  rows.push(row);
  writeResults(); // after every target, so a long campaign that is stopped still leaves its numbers
  const lines = row.lines ? `, lines ${row.lines.percent}%` : "";
  console.log(
    `  ${name}: ${row.execs} execs in ${row.seconds.toFixed(0)} s (${row.execsPerSecond}/s), ${row.blocks} blocks${lines}, ${findingsText(row)}`,
  );
}

const pad = (s, n) => String(s).padStart(n);
console.log(
  `\n${"target".padEnd(18)}${pad("execs", 11)}${pad("exec/s", 9)}${pad("corpus", 8)}${pad("blocks", 8)}${pad("lines", 18)}${pad("findings", 10)}`,
);
for (const r of rows) {
  const lines = r.lines ? `${r.lines.covered}/${r.lines.lines} ${r.lines.percent}%` : "-";
  console.log(
    `${r.target.padEnd(18)}${pad(r.execs, 11)}${pad(r.execsPerSecond, 9)}${pad(r.corpus, 8)}${pad(r.blocks, 8)}${pad(lines, 18)}${pad(findingsText(r, true), 10)}${r.errors.length ? "  ERROR" : ""}`,
  );
}
const findings = rows.reduce((a, r) => a + fresh(r), 0);
const knownFindings = rows.reduce((a, r) => a + r.findings.length - fresh(r), 0);
const errors = rows.reduce((a, r) => a + r.errors.length, 0);
writeResults();
console.log(
  `\nfuzz: ${findings} finding(s)${knownFindings ? ` (and ${knownFindings} known, listed in test/fuzz-corpus/known.json)` : ""}${errors ? `, ${errors} error(s)` : ""}; results in ${relative(ROOT, opts.results)}`,
);
process.exit(findings > 0 || errors > 0 ? 1 : 0);
