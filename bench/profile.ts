/**
 * Where safewire's time goes: each stage of the decode and encode pipelines timed on its own, for one
 * case, next to the whole codec and the raw library.
 *
 *   node --single-threaded --import tsx bench/profile.ts [Case ...] [--time ms]
 *
 * The stages are rebuilt here from safewire's internals exactly as `src/formats/* /codec.ts` wires them,
 * so each can run alone. Rates are per second of CPU time; the shares are of the whole codec's time.
 */
import { parseArgs } from "node:util";
import { Decoder, Encoder } from "@msgpack/msgpack";
import type { z } from "zod";
import { compileDecodeCheck, compileFastCheck } from "../src/fastcheck.js";
import { type AvroTypeInput, avscType } from "../src/formats/avro/avsc.js";
import { toAvsc } from "../src/formats/avro/normalise.js";
import { compilePrescan } from "../src/formats/avro/prescan.js";
import { compileDecoder, readShape } from "../src/formats/avro/read.js";
import { compile } from "../src/formats/avro/tree.js";
import { compileAvscEncoder, compileWriter } from "../src/formats/avro/write.js";
import { prescanMsgpack } from "../src/formats/msgpack/prescan.js";
import { readMsgpack } from "../src/formats/msgpack/read.js";
import { msgpackWriter } from "../src/formats/msgpack/write.js";
import { compileEncoder } from "../src/formats/protobuf/encode.js";
import { asView, toPlain, toWire } from "../src/formats/protobuf/normalise.js";
import { Prescanner } from "../src/formats/protobuf/prescan.js";
import { compileReader, readerShape } from "../src/formats/protobuf/read.js";
import { compileTables } from "../src/formats/protobuf/tables.js";
import { safewire } from "../src/generated/robotics.js";
import { AVRO_SCHEMAS, limitsFor, loadCodec, messageSchemas } from "../src/robotics/index.js";
import { protobufDescriptor } from "../src/robotics/protobuf.js";
import { looksLikePickle } from "../src/sniff.js";
import { CASE_NAMES, type CaseName, isCaseName, makeValue } from "./fixtures.js";

const USAGE = `Usage: node --single-threaded --import tsx bench/profile.ts [CASE...] [--time MS]

  CASE       ${CASE_NAMES.join(", ")} (default: ActionChunk InteractionStats PolicySetup)
  --time MS  CPU time per stage, 1 to 60000 (default 200)
`;

/** A bad command line: the reason and the usage on stderr, exit 2 (as bench/run.ts and bench/ab.ts). */
function usage(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function options() {
  try {
    return parseArgs({ allowPositionals: true, options: { time: { type: "string", default: "200" } } });
  } catch (err) {
    return usage(err instanceof Error ? err.message : String(err));
  }
}

const { values, positionals } = options();
const timeMs = Number(values.time);
if (!/^\d+$/.test(values.time) || timeMs < 1 || timeMs > 60_000)
  usage(`--time needs 1 to 60000, got "${values.time}"`);
for (const p of positionals) if (!isCaseName(p)) usage(`unknown case ${JSON.stringify(p)}`);
const cases =
  positionals.length > 0
    ? (positionals as CaseName[])
    : (["ActionChunk", "InteractionStats", "PolicySetup"] as CaseName[]);

let sink: unknown;
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Ops per CPU second: warm-up, then the best of 5 runs of `timeMs / 5`. */
function rate(fn: () => unknown): number {
  let n = 1;
  for (;;) {
    const t0 = cpuNow();
    for (let i = 0; i < n; i++) sink = fn();
    if (cpuNow() - t0 > 20) break;
    n *= 2;
  }
  let best = 0;
  for (let r = 0; r < 5; r++) {
    let ops = 0;
    const t0 = cpuNow();
    let dt = 0;
    while (dt < timeMs / 5) {
      for (let i = 0; i < n; i++) sink = fn();
      ops += n;
      dt = cpuNow() - t0;
    }
    best = Math.max(best, (ops * 1000) / dt);
  }
  return best;
}

interface Row {
  stage: string;
  hz: number;
}

/** Each stage's closure, measured twice: the first pass only warms (V8 needs ~0.3 s per pipeline). */
interface Stage {
  stage: string;
  fn: () => unknown;
}

function measureAll(stages: Stage[]): Row[] {
  for (const s of stages) rate(s.fn);
  return stages.map((s) => ({ stage: s.stage, hz: rate(s.fn) }));
}

function print(title: string, stages: Stage[]): void {
  const rows = measureAll(stages);
  const whole = (rows[0] as Row).hz;
  console.log(`\n${title}`);
  for (const r of rows) {
    const us = 1e6 / r.hz;
    const share = r.hz > 0 ? `${((whole / r.hz) * 100).toFixed(0).padStart(4)}%` : "";
    console.log(
      `  ${r.stage.padEnd(44)} ${Math.round(r.hz).toLocaleString("en-US").padStart(12)}/s ${us.toFixed(2).padStart(9)} µs ${share}`,
    );
  }
}

for (const name of cases) {
  const value = makeValue(name);
  const schema = messageSchemas()[name] as z.ZodType<unknown>;
  const limits = limitsFor(name);

  // ---- protobuf ----
  {
    const codec = await loadCodec(name, "protobuf");
    const bytes = codec.encode(value);
    const cls = (
      safewire.robotics.v1 as unknown as Record<
        string,
        { decode(b: Uint8Array): object; encode(m: unknown): { finish(): Uint8Array } }
      >
    )[name];
    if (cls === undefined) throw new Error(name);
    const table = compileTables(protobufDescriptor(name));
    const reader = compileReader(table, protobufDescriptor(name));
    const tableEncoder = compileEncoder(table, protobufDescriptor(name));
    const decodeCheck =
      reader === undefined ? compileFastCheck(schema) : compileDecodeCheck(schema, readerShape(reader));
    const scanner = new Prescanner(table);
    const view = asView(bytes);
    const rawMsg = cls.decode(view);
    const plain = toPlain(table, cls.decode(view), view);
    print(`${name} protobuf decode (${bytes.length} B)`, [
      { stage: "safewire decode (whole)", fn: () => codec.decode(bytes) },
      { stage: "  looksLikePickle", fn: () => looksLikePickle(bytes) },
      { stage: "  Prescanner.scan", fn: () => scanner.scan(bytes, limits) },
      { stage: "  table reader (read.ts; the codec's path)", fn: () => reader?.(view) },
      { stage: "  protobufjs static decode (the fallback)", fn: () => cls.decode(view) },
      { stage: "  toPlain (on a fresh decode)", fn: () => toPlain(table, cls.decode(view), view) },
      { stage: "  decode check (zod only on a no)", fn: () => decodeCheck(plain) },
      { stage: "raw protobufjs decode", fn: () => cls.decode(bytes) },
    ]);
    const parsed = schema.parse(value);
    const wire = toWire(table, parsed, [], limits, 1);
    print(`${name} protobuf encode`, [
      { stage: "safewire encode (whole)", fn: () => codec.encode(value) },
      { stage: "  fast check (zod only on a no)", fn: () => compileFastCheck(schema)(value) },
      { stage: "  table encoder (encode.ts; the codec's path)", fn: () => tableEncoder?.(parsed, limits) },
      { stage: "  toWire (the fallback)", fn: () => toWire(table, parsed, [], limits, 1) },
      { stage: "  protobufjs encode + finish (the fallback)", fn: () => cls.encode(wire).finish() },
      { stage: "  Prescanner.scan of the output (big outputs)", fn: () => scanner.scan(bytes, limits) },
      { stage: "raw protobufjs encode (its own decoded object)", fn: () => cls.encode(rawMsg).finish() },
    ]);
  }

  // ---- avro ----
  {
    const codec = await loadCodec(name, "avro");
    const bytes = codec.encode(value);
    const type = avscType(AVRO_SCHEMAS[name] as AvroTypeInput);
    const root = compile(type);
    const prescan = compilePrescan(root);
    const read = compileDecoder(root);
    const decodeCheck = compileDecodeCheck(schema, readShape(root));
    const writer = compileWriter(root);
    const avscWrite = compileAvscEncoder(type, root);
    const plain = read(bytes);
    print(`${name} avro decode (${bytes.length} B)`, [
      { stage: "safewire decode (whole)", fn: () => codec.decode(bytes) },
      { stage: "  looksLikePickle", fn: () => looksLikePickle(bytes) },
      { stage: "  compiled prescan", fn: () => prescan(bytes, limits) },
      { stage: "  compiled reader (safewire's, not avsc)", fn: () => read(bytes) },
      { stage: "  decode check (zod only on a no)", fn: () => decodeCheck(plain) },
    ]);
    const parsed = schema.parse(value);
    print(`${name} avro encode`, [
      { stage: "safewire encode (whole)", fn: () => codec.encode(value) },
      { stage: "  fast check (zod only on a no)", fn: () => compileFastCheck(schema)(value) },
      { stage: "  toAvsc (Uint8Array→Buffer, surrogates)", fn: () => toAvsc(root, parsed) },
      { stage: "  safewire's writer (the codec's path)", fn: () => writer(parsed) },
      { stage: "  avsc encode into scratch + slice (fallback)", fn: () => avscWrite(parsed) },
      { stage: "  compiled prescan of the output (big outputs)", fn: () => prescan(bytes, limits) },
    ]);
  }

  // ---- msgpack ----
  {
    const codec = await loadCodec(name, "msgpack");
    const bytes = codec.encode(value);
    const decoder = new Decoder({
      useBigInt64: true,
      maxStrLength: limits.maxStringBytes,
      maxBinLength: limits.maxBinaryBytes,
      maxArrayLength: limits.maxArrayLength,
      maxMapLength: limits.maxMapEntries,
      maxExtLength: 0,
    });
    const encoder = new Encoder({ useBigInt64: true, ignoreUndefined: true, maxDepth: limits.maxDepth });
    const writer = msgpackWriter(limits);
    const plain = decoder.decode(bytes);
    print(`${name} msgpack decode (${bytes.length} B)`, [
      { stage: "safewire decode (whole)", fn: () => codec.decode(bytes) },
      { stage: "  looksLikePickle", fn: () => looksLikePickle(bytes) },
      { stage: "  prescanMsgpack", fn: () => prescanMsgpack(bytes, limits) },
      { stage: "  safewire's reader (the codec's path)", fn: () => readMsgpack(bytes) },
      { stage: "  @msgpack/msgpack decode", fn: () => decoder.decode(bytes) },
      { stage: "  fast check (zod only on a no)", fn: () => compileFastCheck(schema)(plain) },
    ]);
    const parsed = schema.parse(value);
    print(`${name} msgpack encode`, [
      { stage: "safewire encode (whole)", fn: () => codec.encode(value) },
      { stage: "  fast check (zod only on a no)", fn: () => compileFastCheck(schema)(value) },
      { stage: "  safewire's writer (the codec's path)", fn: () => writer(parsed) },
      { stage: "  @msgpack/msgpack encode (the reference)", fn: () => encoder.encode(parsed) },
      { stage: "  prescanMsgpack of the output (big outputs)", fn: () => prescanMsgpack(bytes, limits) },
    ]);
  }
}
if (sink === Symbol.for("never")) console.log("unreachable");
