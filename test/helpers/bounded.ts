import { appendFileSync } from "node:fs";
import { expect } from "vitest";
import { isSafewireError, type Limits, type SafewireError } from "../../src/index.js";

/** Budgets from the core issue: every hostile input fails fast and small. */
export const TIME_BUDGET_MS = 50;
/** A wall-clock ceiling on top of the CPU budget: it catches a hang (waiting, not computing). */
export const WALL_CEILING_MS = 2_000;
export const HEAP_BUDGET_BYTES = 8 * 1024 * 1024;

const gc = (globalThis as { gc?: () => void }).gc;

export interface Measured<T> {
  value?: T;
  error?: unknown;
  /** Wall-clock time. */
  ms: number;
  /** CPU time of this process (user + system): the work done, whatever else the machine runs. */
  cpuMs: number;
  /** Growth of the JS heap plus ArrayBuffer memory (a `new Uint8Array(1 << 30)` lives outside the heap). */
  heapGrowth: number;
}

/** The JS heap and the ArrayBuffers' backing stores, which V8 keeps outside it. */
function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Runs `fn` once after a full GC and reports time and memory growth (garbage included: an upper bound). */
export function measure<T>(fn: () => T): Measured<T> {
  // Twice, as safewire/testing does: the second finishes the first's sweep, which would otherwise free
  // older garbage during the call and count it against the growth (32 MiB allocated measured 59 KB short).
  gc?.();
  gc?.();
  const before = heapBytes();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let value: T | undefined;
  let error: unknown;
  try {
    value = fn();
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const heapGrowth = heapBytes() - before;
  return { value, error, ms, cpuMs: (cpu.user + cpu.system) / 1000, heapGrowth };
}

/**
 * Asserts `fn` throws a SafewireError with `code` (and `limit`, when given) within the time (`budgetMs`,
 * TIME_BUDGET_MS unless given) and heap budgets. Time is CPU time, the best of up to three runs (the decode is deterministic; the best run is
 * the one least disturbed by GC and other processes), under a wall-clock ceiling that catches hangs.
 * Returns the error for further checks.
 */
export function expectBoundedFailure(
  fn: () => unknown,
  code: SafewireError["code"],
  limit?: keyof Limits,
  budgetMs: number = TIME_BUDGET_MS,
): SafewireError {
  if (!gc) throw new Error("run with --expose-gc (vitest.config.ts sets it)");
  const m = measure(fn);
  expect(m.error, "expected a failure").toBeDefined();
  expect(isSafewireError(m.error), `expected SafewireError, got ${String(m.error)}`).toBe(true);
  const err = m.error as SafewireError;
  expect(err.code, err.message).toBe(code);
  if (limit !== undefined) expect(err.limit, err.message).toBe(limit);
  let cpuMs = m.cpuMs;
  for (let i = 0; i < 2 && cpuMs >= budgetMs; i++) cpuMs = Math.min(cpuMs, measure(fn).cpuMs);
  logBudget(cpuMs, budgetMs, m.heapGrowth);
  expect(cpuMs, `took ${cpuMs.toFixed(1)} ms of CPU`).toBeLessThan(budgetMs);
  expect(m.ms, `took ${m.ms.toFixed(1)} ms of wall-clock time`).toBeLessThan(WALL_CEILING_MS);
  expect(m.heapGrowth, `heap grew ${m.heapGrowth} bytes`).toBeLessThan(HEAP_BUDGET_BYTES);
  return err;
}

/**
 * `refuse()` throws schema_violation within the hostile-input budgets, and costs about what `valid()` (a
 * decode of a valid message as large) does: the time budget is TIME_BUDGET_MS or three times the valid
 * decode, whichever is more, so a slower machine is not failed for being slower. Both run once first: the
 * budget is for the work, not for compiling the code on first use (a 16k-key record took 87 ms to refuse
 * the first time and 18 ms after, here; 53 ms at best of three, cold, on a CI machine).
 */
export function expectRefusedLikeDecode(refuse: () => unknown, valid: () => unknown): SafewireError {
  valid();
  expect(refuse).toThrow();
  let validMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) validMs = Math.min(validMs, measure(valid).cpuMs);
  return expectBoundedFailure(refuse, "schema_violation", undefined, Math.max(TIME_BUDGET_MS, 3 * validMs));
}

/**
 * With SAFEWIRE_BUDGET_LOG=file, each time budget checked appends a JSON line (test, cpuMs, budgetMs, and the
 * heap growth where measured) to the file: a full run under load shows which tests come close to their
 * budgets before a slower machine fails them.
 */
export function logBudget(cpuMs: number, budgetMs: number, heapGrowth?: number): void {
  const file = process.env.SAFEWIRE_BUDGET_LOG;
  if (file === undefined || file === "") return;
  const test = expect.getState().currentTestName ?? "?";
  const line = { test, cpuMs: Number(cpuMs.toFixed(2)), budgetMs, heapGrowth };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

/** The SafewireError `fn` throws; fails the test if it throws anything else or nothing. */
export function thrown(fn: () => unknown): SafewireError {
  try {
    fn();
  } catch (e) {
    expect(isSafewireError(e), `expected a SafewireError, got ${String(e)}`).toBe(true);
    return e as SafewireError;
  }
  throw new Error("expected a SafewireError, and nothing was thrown");
}

/** Builds bytes from hex with optional spaces: `hex("dd ff ff ff ff")`. */
export function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, "");
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** A protocol-4 pickle whose __reduce__ calls os.system("touch /tmp/pwned"), as Debian's Python 3.11 writes it (pickle.dumps(E(), protocol=4)). */
export const PICKLE_OS_SYSTEM = hex(
  "8004952b000000000000008c05706f736978948c0673797374656d9493948c10746f756368202f746d702f70776e656494859452942e",
);
