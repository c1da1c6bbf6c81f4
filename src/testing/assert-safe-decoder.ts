import fc from "fast-check";
import type { Codec } from "../codec.js";
import { isSafewireError } from "../errors.js";
import { fromSample, type HostilePayload } from "./hostile.js";
import { mutated } from "./mutate.js";

export interface SafeDecoderOptions {
  /** How many generated inputs (fast-check `numRuns`). Default 1000. */
  runs?: number;
  /** fast-check seed, to replay a failure (with `path`: both are printed when one is found). */
  seed?: number;
  /** fast-check replay path: with `seed`, runs the shrunk failing input straight away. */
  path?: string;
  /** Valid encodings to mutate; also decoded after every input to prove the decoder still works. */
  samples?: readonly Uint8Array[];
  /** Named attack payloads to try first (see `hostile`). */
  hostile?: readonly HostilePayload[];
  /** Per-input budget of CPU time, in ms (best of up to three runs). Default 50. */
  timeBudgetMs?: number;
  /** Per-input heap-growth budget, in bytes. Default 8 MiB. */
  heapBudgetBytes?: number;
  /** Which thrown values count as a clean refusal. Default: a SafewireError. */
  isExpectedError?: (e: unknown) => boolean;
  /** Longest random input, in bytes. Default 512. */
  maxLength?: number;
}

export type DecodeTarget<T = unknown> = Codec<T> | ((bytes: Uint8Array) => unknown);

export class UnsafeDecoderError extends Error {
  override readonly name = "UnsafeDecoderError";
}

function describeBytes(b: Uint8Array): string {
  const head = Buffer.from(b.subarray(0, 64)).toString("hex");
  return `${b.length} bytes: ${head}${b.length > 64 ? "…" : ""}`;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

/**
 * Checks one input: it decodes to a schema-valid value (for a Codec: the value re-encodes) or fails with
 * an expected error, within the time and heap budgets, and the decoder still decodes every sample after.
 * Throws UnsafeDecoderError describing the first breach.
 */
export function checkInput<T>(
  target: DecodeTarget<T>,
  input: Uint8Array,
  options: SafeDecoderOptions = {},
): void {
  const decode = typeof target === "function" ? target : (b: Uint8Array) => target.decode(b);
  const expected = options.isExpectedError ?? isSafewireError;
  const timeBudget = options.timeBudgetMs ?? 50;
  const heapBudget = options.heapBudgetBytes ?? 8 * 1024 * 1024;
  const heap0 = process.memoryUsage().heapUsed;
  const cpu0 = process.cpuUsage();
  let value: unknown;
  let failure: unknown;
  let threw = false;
  try {
    value = decode(input);
  } catch (e) {
    threw = true;
    failure = e;
  }
  let ms = cpuMs(cpu0);
  const grew = process.memoryUsage().heapUsed - heap0;

  if (threw && !expected(failure)) {
    throw new UnsafeDecoderError(`unexpected error ${String(failure)} on ${describeBytes(input)}`, {
      cause: failure,
    });
  }
  if (!threw && typeof target !== "function") {
    const again = target.safeEncode(value as T);
    if (!again.ok) {
      throw new UnsafeDecoderError(
        `decoded a value that does not re-encode (${again.error.message}) from ${describeBytes(input)}`,
      );
    }
  }
  // CPU time, not wall time: other processes on the machine do not count against the decoder. Over
  // budget, it gets two more tries (a GC pause lands on some runs); the best one counts.
  for (let i = 0; i < 2 && ms > timeBudget; i++) {
    const again = process.cpuUsage();
    try {
      decode(input);
    } catch {
      // Same input, same outcome: only the time matters here.
    }
    ms = Math.min(ms, cpuMs(again));
  }
  if (ms > timeBudget)
    throw new UnsafeDecoderError(
      `took ${ms.toFixed(1)} ms (budget ${timeBudget}) on ${describeBytes(input)}`,
    );
  // No GC before the call (it would cost more than most decodes): growth during the call still bounds
  // what it allocated, unless a collection ran in between, which only makes the number smaller.
  if (grew > heapBudget) {
    throw new UnsafeDecoderError(`heap grew ${grew} bytes (budget ${heapBudget}) on ${describeBytes(input)}`);
  }
  for (const s of options.samples ?? []) {
    try {
      decode(s);
    } catch (e) {
      throw new UnsafeDecoderError(
        `decoder broken after ${describeBytes(input)}: a valid sample now fails (${String(e)})`,
      );
    }
  }
}

/**
 * A property harness for any Codec or `(bytes) => unknown`: named hostile payloads, random bytes and
 * mutated samples must each decode to a valid value or fail with the expected error, within budget, and
 * leave the decoder working. On failure it throws with fast-check's shrunk counter-example and seed.
 */
export function assertSafeDecoder<T>(target: DecodeTarget<T>, options: SafeDecoderOptions = {}): void {
  const samples = options.samples ?? [];
  const named = [...(options.hostile ?? []), ...samples.flatMap((s) => fromSample(s))];
  for (const h of named) {
    try {
      checkInput(target, h.bytes, options);
    } catch (e) {
      throw new UnsafeDecoderError(`hostile payload "${h.name}": ${(e as Error).message}`, { cause: e });
    }
  }
  const random = fc.uint8Array({ maxLength: options.maxLength ?? 512 });
  const inputs = samples.length > 0 ? fc.oneof(random, mutated(samples)) : random;
  const params: fc.Parameters<[Uint8Array]> = { numRuns: options.runs ?? 1000 };
  if (options.seed !== undefined) params.seed = options.seed;
  if (options.path !== undefined) params.path = options.path;
  const run = fc.check(
    fc.property(inputs, (input) => {
      checkInput(target, input, options);
    }),
    params,
  );
  if (run.failed) {
    const example = run.counterexample?.[0];
    const why = run.errorInstance instanceof Error ? run.errorInstance.message : String(run.errorInstance);
    throw new UnsafeDecoderError(
      `${why}\nCounterexample (shrunk ${run.numShrinks} times): ${example ? describeBytes(example) : "none"}\n` +
        `Replay with { seed: ${run.seed}, path: "${run.counterexamplePath ?? ""}" } after ${run.numRuns} runs`,
      { cause: run.errorInstance },
    );
  }
}
