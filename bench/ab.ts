/**
 * A/B timing of a few contenders on one case, for working on speed (`npm run bench` is what reports it):
 *
 *   npm run bench:ab -- ActionChunk decode sw-protobuf protobufjs [--warm-all] [--slices 60]
 *
 * The contenders' batches run interleaved, in slices of the same length, and each keeps its fastest slice
 * (after the first ten): on a shared machine the fastest slice is the least disturbed one, and interleaving
 * puts both contenders under the same conditions. The ratio is the second contender's time over the first's
 * (with safewire first and its raw library second, safewire ÷ raw in ops/s, as the bench reports it).
 *
 * `--warm-all` first runs every contender on every case in both directions, as a bench process does: code
 * shared between message types (safewire's table-driven readers and checks) then meets the polymorphism it
 * meets in a service that speaks several messages. Without it, the case runs alone.
 */
import { parseArgs } from "node:util";
import { caseContext, NODE_CONTENDERS, prepare } from "./contenders.js";
import { CASE_NAMES, type CaseName, isCaseName, makeValue } from "./fixtures.js";

const USAGE = `Usage: npm run bench:ab -- CASE encode|decode CONTENDER... [options]

  CASE          ${CASE_NAMES.join(", ")}
  CONTENDER     ${NODE_CONTENDERS.join(", ")}
  --warm-all    first run every contender on every case, both directions (as a bench process does)
  --slices N    measured slices per contender (default 50, after 10 unmeasured)
  --help        this text
`;

type Direction = "encode" | "decode";

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function options() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        "warm-all": { type: "boolean", default: false },
        slices: { type: "string", default: "50" },
        help: { type: "boolean", default: false },
      },
    });
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
}

const { values: args, positionals } = options();
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const [name, direction, ...ids] = positionals;
if (name === undefined || !isCaseName(name)) fail(`unknown case ${JSON.stringify(name)}`);
if (direction !== "encode" && direction !== "decode") fail(`expected encode or decode, got ${direction}`);
if (ids.length === 0) fail("no contender");
for (const id of ids) if (!NODE_CONTENDERS.includes(id)) fail(`unknown contender ${JSON.stringify(id)}`);
const slices = Number(args.slices);
if (!Number.isInteger(slices) || slices < 1) fail(`--slices must be a positive integer, got ${args.slices}`);

const BIG: ReadonlySet<CaseName> = new Set(["Observation", "Parameters"]);

if (args["warm-all"]) {
  for (const c of CASE_NAMES) {
    const ctx = caseContext(c, makeValue(c));
    for (const id of ids) {
      const prepared = await prepare(id, ctx);
      for (const d of ["encode", "decode"] as const) {
        const op = prepared.ops[d];
        if (op === undefined) continue;
        const until = Date.now() + 300;
        while (Date.now() < until) op(BIG.has(c) ? 1 : 200);
      }
    }
  }
}

const ctx = caseContext(name, makeValue(name));
const ops = [];
for (const id of ids) {
  const op = (await prepare(id, ctx)).ops[direction as Direction];
  if (op === undefined) fail(`${id} does not ${direction}`);
  ops.push(op);
}

// A slice of about 20 ms for each contender, sized from a first timing.
const t0 = process.hrtime.bigint();
(ops[0] as (n: number) => unknown)(10);
const once = Math.max(1, Number(process.hrtime.bigint() - t0) / 10);
const n = Math.max(1, Math.round(20e6 / once));
for (const op of ops) op(n);

const best = ids.map(() => Number.POSITIVE_INFINITY);
for (let slice = 0; slice < slices + 10; slice++) {
  for (let k = 0; k < ops.length; k++) {
    const start = process.hrtime.bigint();
    (ops[k] as (n: number) => unknown)(n);
    const ns = Number(process.hrtime.bigint() - start) / n;
    if (slice >= 10 && ns < (best[k] as number)) best[k] = ns;
  }
}

const cells = ids.map((id, k) => `${id} ${(best[k] as number).toFixed(0)} ns`);
const ratio = ids.length === 2 ? `  ratio ${((best[1] as number) / (best[0] as number)).toFixed(2)}` : "";
process.stdout.write(`${name} ${direction}: ${cells.join("  ")}${ratio}\n`);
