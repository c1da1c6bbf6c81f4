import { isDeepStrictEqual } from "node:util";
import { GCProfiler } from "node:v8";
import fc from "fast-check";
import type { Codec } from "../codec.js";
import { isSafewireError, printable } from "../errors.js";
import { fromSample, type HostilePayload } from "./hostile.js";
import { mutated } from "./mutate.js";

export interface SafeDecoderOptions {
  /** How many generated inputs (fast-check `numRuns`). Default 1000. */
  runs?: number;
  /** fast-check seed, to replay a failure (with `path`: both are printed when one is found). */
  seed?: number;
  /** fast-check replay path: with `seed`, runs the shrunk failing input straight away. */
  path?: string;
  /**
   * Valid encodings to mutate. Each is decoded once first (a sample that fails is reported as such), and
   * again after every input: it must still decode to an equal value, and no decode may change its bytes.
   */
  samples?: readonly Uint8Array[];
  /** Named attack payloads to try first (see `hostile`). */
  hostile?: readonly HostilePayload[];
  /**
   * Per-input budget of CPU time, in ms (best of up to three runs). CPU time of the whole process where
   * Node has no per-thread count (before 23.9): busy worker threads count against the decoder there.
   * Default 50.
   */
  timeBudgetMs?: number;
  /**
   * Per-input ceiling of wall-clock time, in ms (best of up to three runs): a decoder that waits (a sleep,
   * a lock, synchronous I/O) uses no CPU. Default 2000.
   */
  wallCeilingMs?: number;
  /**
   * Per-input memory budget, in bytes: what one decode allocates on the JS heap and in ArrayBuffers (a
   * typed array's bytes live outside the heap), garbage included. Default 8 MiB. One blind spot: V8 does
   * not report the ArrayBuffers a collection frees, so a decoder that allocates and drops many large
   * buffers within one call (each collection freeing the last) is counted low.
   */
  heapBudgetBytes?: number;
  /** Which thrown values count as a clean refusal. Default: a SafewireError. */
  isExpectedError?: (e: unknown) => boolean;
  /** Longest random input, in bytes. Default 512. */
  maxLength?: number;
  /**
   * For a Codec: a decoded value must encode again (`safeEncode`; a larger output than `maxBytes` is
   * allowed, as a float32 read back may be written as a float64). Set false for a schema whose output is
   * not valid input (a transform, say). Default true.
   */
  reencode?: boolean;
}

export type DecodeTarget<T = unknown> = Codec<T> | ((bytes: Uint8Array) => unknown);

export class UnsafeDecoderError extends Error {
  override readonly name = "UnsafeDecoderError";
}

/** Longest text of a decoder's error quoted in a report. */
const QUOTE_CHARS = 500;

function describeBytes(b: Uint8Array): string {
  const head = Buffer.from(b.subarray(0, 64)).toString("hex");
  return `${b.length} bytes: ${head}${b.length > 64 ? "…" : ""}`;
}

/** A thrown value as one line of plain text: a decoder may echo hostile bytes (terminal escapes) in it. */
function describeError(e: unknown): string {
  let text: string;
  try {
    text = String(e);
  } catch {
    text = Object.prototype.toString.call(e);
  }
  const cut = text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text;
  return printable(cut);
}

type CpuClock = (previous?: NodeJS.CpuUsage) => NodeJS.CpuUsage;
/** This thread's CPU time where Node counts it (23.9 and later), else the process's. */
const threadCpuUsage = (process as { threadCpuUsage?: CpuClock }).threadCpuUsage;
const cpuUsage: CpuClock = threadCpuUsage
  ? (previous) => threadCpuUsage.call(process, previous)
  : (previous) => process.cpuUsage(previous);

function memoryBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

interface Run {
  threw: boolean;
  value: unknown;
  failure: unknown;
  cpuMs: number;
  wallMs: number;
  /** What the call allocated (see `measure`). */
  allocated: number;
  /** A collection ran during the call: `allocated` is an estimate. */
  disturbed: boolean;
}

/** Collections, as GCProfiler names them; its other events (marking steps, weak callbacks) free nothing. */
const COLLECTIONS = new Set(["Scavenge", "MinorMarkCompact", "MinorMarkSweep", "MarkSweepCompact"]);

/**
 * One decode, timed and weighed. With no collection during the call, the growth of heap and ArrayBuffer
 * memory is what it allocated, garbage included. A collection during the call also frees garbage from
 * before it, which hides as much of the call's own allocation: what it freed on the heap is added back
 * (which may count older garbage too), but ArrayBuffers it freed are not reported (see `check`).
 */
function measure(decode: (bytes: Uint8Array) => unknown, input: Uint8Array): Run {
  const collections = new GCProfiler();
  collections.start();
  const memory0 = memoryBytes();
  const cpu0 = cpuUsage();
  const wall0 = performance.now();
  let value: unknown;
  let failure: unknown;
  let threw = false;
  try {
    value = decode(input);
  } catch (e) {
    threw = true;
    failure = e;
  }
  const wallMs = performance.now() - wall0;
  const cpu = cpuUsage(cpu0);
  let allocated = memoryBytes() - memory0;
  let disturbed = false;
  for (const { gcType, beforeGC, afterGC } of collections.stop()?.statistics ?? []) {
    if (!COLLECTIONS.has(gcType)) continue;
    disturbed = true;
    allocated += Math.max(0, beforeGC.heapStatistics.usedHeapSize - afterGC.heapStatistics.usedHeapSize);
  }
  return { threw, value, failure, cpuMs: (cpu.user + cpu.system) / 1000, wallMs, allocated, disturbed };
}

function isThenable(v: unknown): boolean {
  return (
    ((typeof v === "object" && v !== null) || typeof v === "function") &&
    typeof (v as { then?: unknown }).then === "function"
  );
}

/** A sample with what it decoded to before any hostile input, and a copy of its bytes. */
interface Reference {
  bytes: Uint8Array;
  copy: Uint8Array;
  value: unknown;
}

function decoderOf<T>(target: DecodeTarget<T>): (bytes: Uint8Array) => unknown {
  return typeof target === "function" ? target : (b: Uint8Array) => target.decode(b);
}

/** Decodes every sample once, before any hostile input: a sample that fails is the caller's to fix. */
function references<T>(target: DecodeTarget<T>, samples: readonly Uint8Array[]): Reference[] {
  const decode = decoderOf(target);
  return samples.map((bytes, i) => {
    const copy = bytes.slice();
    let value: unknown;
    try {
      value = decode(bytes);
    } catch (e) {
      throw new UnsafeDecoderError(
        `sample ${i} does not decode, before any hostile input (${describeError(e)}): ${describeBytes(bytes)}`,
        { cause: e },
      );
    }
    if (isThenable(value)) refuseThenable(value, bytes);
    return { bytes, copy, value };
  });
}

function refuseThenable(value: unknown, input: Uint8Array): never {
  // Its rejection, if any, is the decoder's outcome and is never seen here: not left unhandled either.
  Promise.resolve(value).catch(() => {});
  throw new UnsafeDecoderError(
    `returned a Promise on ${describeBytes(input)}: only synchronous decoders can be checked ` +
      "(what a Promise rejects with, and when, is not seen)",
  );
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

/** How often a breach of a budget is measured again before it counts (a GC pause lands on some runs). */
const TRIES = 3;

function check<T>(
  target: DecodeTarget<T>,
  input: Uint8Array,
  options: SafeDecoderOptions,
  refs: readonly Reference[],
): void {
  const decode = decoderOf(target);
  const expected = options.isExpectedError ?? isSafewireError;
  const timeBudget = options.timeBudgetMs ?? 50;
  const wallCeiling = options.wallCeilingMs ?? 2000;
  const heapBudget = options.heapBudgetBytes ?? 8 * 1024 * 1024;
  const copy = input.slice();
  const first = measure(decode, input);
  const on = describeBytes(copy);

  if (!sameBytes(copy, input)) throw new UnsafeDecoderError(`changed its input, ${on}`);
  if (first.threw && !expected(first.failure)) {
    throw new UnsafeDecoderError(`unexpected error ${describeError(first.failure)} on ${on}`, {
      cause: first.failure,
    });
  }
  if (!first.threw && isThenable(first.value)) refuseThenable(first.value, copy);
  if (!first.threw && typeof target !== "function" && options.reencode !== false) {
    const again = target.safeEncode(first.value as T);
    if (!again.ok && !(again.error.code === "limit_exceeded" && again.error.limit === "maxBytes")) {
      throw new UnsafeDecoderError(
        `decoded a value that does not re-encode (${describeError(again.error.message)}) from ${on} ` +
          "(a schema whose output is not valid input takes { reencode: false })",
      );
    }
  }
  // The best of up to three runs counts, for each budget: the decode is deterministic, a disturbance not.
  // Memory counts runs without a collection during the call where there is one (their growth is exact):
  // a run is repeated until there is, after a full collection where `gc` is exposed (--expose-gc).
  let { cpuMs, wallMs } = first;
  let exact = first.disturbed ? Number.POSITIVE_INFINITY : first.allocated;
  // A disturbed run's growth misses the ArrayBuffers a collection freed during the call, older garbage
  // included: estimates from runs after a full collection (no older garbage left) replace the first one.
  let estimate = first.allocated;
  let cleanEstimate = Number.POSITIVE_INFINITY;
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 1; i < TRIES && (cpuMs > timeBudget || wallMs > wallCeiling || exact > heapBudget); i++) {
    // Twice: ArrayBuffers a collection finds dead are freed by a sweep the next one finishes.
    gc?.();
    gc?.();
    const run = measure(decode, input);
    cpuMs = Math.min(cpuMs, run.cpuMs);
    wallMs = Math.min(wallMs, run.wallMs);
    if (!run.disturbed) exact = Math.min(exact, run.allocated);
    else if (gc !== undefined) cleanEstimate = Math.min(cleanEstimate, run.allocated);
    else estimate = Math.min(estimate, run.allocated);
  }
  const allocated =
    exact < Number.POSITIVE_INFINITY
      ? exact
      : cleanEstimate < Number.POSITIVE_INFINITY
        ? cleanEstimate
        : estimate;
  if (cpuMs > timeBudget)
    throw new UnsafeDecoderError(`took ${cpuMs.toFixed(1)} ms of CPU (budget ${timeBudget}) on ${on}`);
  if (wallMs > wallCeiling)
    throw new UnsafeDecoderError(
      `took ${wallMs.toFixed(0)} ms of wall-clock time (ceiling ${wallCeiling}) on ${on}`,
    );
  if (allocated > heapBudget)
    throw new UnsafeDecoderError(`allocated ${allocated} bytes (budget ${heapBudget}) on ${on}`);

  refs.forEach((ref, i) => {
    let value: unknown;
    try {
      value = decode(ref.bytes);
    } catch (e) {
      throw new UnsafeDecoderError(
        `decoder broken after ${on}: sample ${i} now fails (${describeError(e)})`,
        {
          cause: e,
        },
      );
    }
    if (!sameBytes(ref.copy, ref.bytes)) throw new UnsafeDecoderError(`changed the bytes of sample ${i}`);
    if (!isDeepStrictEqual(value, ref.value)) {
      throw new UnsafeDecoderError(
        `decoder broken after ${on}: sample ${i} now decodes to a different value`,
      );
    }
  });
}

/**
 * Checks one input: it decodes to a value (for a Codec: one that encodes again) or fails with an expected
 * error, within the time and memory budgets, without changing the input, and the decoder still decodes
 * every sample to what it did before (each sample is decoded first, then after the input).
 * Throws UnsafeDecoderError describing the first breach.
 */
export function checkInput<T>(
  target: DecodeTarget<T>,
  input: Uint8Array,
  options: SafeDecoderOptions = {},
): void {
  check(target, input, options, references(target, options.samples ?? []));
}

/**
 * A property harness for any Codec or `(bytes) => unknown`: named hostile payloads, random bytes and
 * mutated samples must each pass `checkInput`. On failure it throws with fast-check's shrunk
 * counter-example and seed.
 */
export function assertSafeDecoder<T>(target: DecodeTarget<T>, options: SafeDecoderOptions = {}): void {
  const samples = options.samples ?? [];
  const refs = references(target, samples);
  const named = [...(options.hostile ?? []), ...samples.flatMap((s) => fromSample(s))];
  for (const h of named) {
    try {
      check(target, h.bytes, options, refs);
    } catch (e) {
      throw new UnsafeDecoderError(`hostile payload "${h.name}": ${(e as Error).message}`, { cause: e });
    }
  }
  // size "max": fast-check's default size ("small") keeps arrays to 10 elements, whatever maxLength says.
  const random = fc.uint8Array({ maxLength: options.maxLength ?? 512, size: "max" });
  const inputs = samples.length > 0 ? fc.oneof(random, mutated(samples)) : random;
  const params: fc.Parameters<[Uint8Array]> = { numRuns: options.runs ?? 1000 };
  if (options.seed !== undefined) params.seed = options.seed;
  if (options.path !== undefined) params.path = options.path;
  const run = fc.check(
    fc.property(inputs, (input) => {
      check(target, input, options, refs);
    }),
    params,
  );
  if (run.failed) {
    const example = run.counterexample?.[0];
    const why =
      run.errorInstance instanceof Error ? run.errorInstance.message : describeError(run.errorInstance);
    throw new UnsafeDecoderError(
      `${why}\nCounterexample (shrunk ${run.numShrinks} times): ${example ? describeBytes(example) : "none"}\n` +
        `Replay with { seed: ${run.seed}, path: "${run.counterexamplePath ?? ""}" } after ${run.numRuns} runs`,
      { cause: run.errorInstance },
    );
  }
}
