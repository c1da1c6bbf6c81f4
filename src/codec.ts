import type { z } from "zod";
import {
  type Direction,
  type Format,
  formatPath,
  IssueSignal,
  isSafewireError,
  limitIssue,
  malformedIssue,
  printable,
  SafewireError,
  type SafewireIssue,
  schemaIssue,
  unsafeIssue,
} from "./errors.js";
import { compileDecodeCheck, compileFastCheck, plainDepth, type ReadShape } from "./fastcheck.js";
import { parseBounded, type ZodLikeIssue } from "./issues.js";
import { ownProtoKeyPath } from "./keys.js";
import type { Limits } from "./limits.js";
import { deepestNesting, isStackOverflow } from "./nesting.js";
import { builtInAsObject } from "./object-input.js";
import type { Result } from "./result.js";
import { looksLikePickle } from "./sniff.js";
import { plainView } from "./views.js";
import type { ZodNode } from "./zod-walk.js";

/** One message type in one wire format, validated and bounded in both directions. */
export interface Codec<T> {
  readonly format: Format;
  readonly name: string;
  readonly limits: Readonly<Limits>;
  /** Validates `value` against the schema, encodes it, and makes sure the output is within the limits. */
  encode(value: T): Uint8Array;
  /**
   * Checks limits and structure on the raw bytes, decodes, then validates. Throws only SafewireError.
   * Binaries in the value are views into `bytes`, or into a copy when `bytes` is in a SharedArrayBuffer.
   */
  decode(bytes: Uint8Array): T;
  /** `encode` that returns a Result instead of throwing. */
  safeEncode(value: T): Result<Uint8Array>;
  /** `decode` that returns a Result instead of throwing. */
  safeDecode(bytes: Uint8Array): Result<T>;
}

/**
 * What a format supplies to the shared pipeline. Only `src/formats/*` implement it.
 * Any of these may throw IssueSignal; anything else they throw is wrapped as `malformed`
 * (decode) or `schema_violation` (encode), with the original as `cause`.
 */
export interface WireDriver {
  readonly format: Format;
  /** Walks the bytes once, enforcing every limit and the structure before the library allocates. */
  prescan(bytes: Uint8Array, limits: Readonly<Limits>): void;
  /** Prescanned bytes to plain values (bigint, Uint8Array, records), by safewire's reader or the library. */
  read(bytes: Uint8Array): unknown;
  /**
   * Bytes not prescanned to plain values, checking as it reads everything the prescan would under
   * `limits`: the value, or undefined when it cannot vouch for the bytes (they break a limit, or have
   * something it leaves to the prescan). Then `prescan` runs (and words the error) and `read` reads.
   * Called only for inputs up to CHECKED_READ_BYTES.
   */
  readChecked?(bytes: Uint8Array, limits: Readonly<Limits>): unknown;
  /** Encode of a schema-valid plain value (safewire's writer or the library's). */
  write(value: unknown): Uint8Array;
  /**
   * True when every string, binary, array element and map entry of an output takes at least one byte of
   * it, and every string written is well-formed UTF-8 (a lone surrogate is refused, never replaced). Then
   * an output no longer than the smallest of those limits cannot break one: see `encode`. Default false.
   */
  readonly itemsTakeBytes?: boolean;
  /** What `read` guarantees about the shapes of the values it builds, if anything (see ReadShape). */
  readonly readShape?: ReadShape;
  /** False when the value `read` just returned came by a path `readShape` does not hold for. */
  readShaped?(): boolean;
  /**
   * A decoded value the schema refused, retyped where the wire's typing is the writer's choice rather than
   * the value's (msgpack's integer widths): the value to check again, or undefined for no change.
   */
  retype?(schema: unknown, value: unknown, maxLevel: number): unknown;
  /** False when the value `read` just returned holds nothing `retype` would change (default true). */
  readRetypable?(): boolean;
  /** The scan of the encoder's own output (defaults to `prescan`): no decode follows it. */
  scanOutput?(bytes: Uint8Array, limits: Readonly<Limits>): void;
}

/**
 * Inputs up to this size are read in one pass that checks as it reads (`readChecked`), where the driver
 * has one: a refused input has then cost at most allocations in proportion to its size before the prescan
 * words the error. Bigger inputs are prescanned first, and refused before anything is allocated.
 */
export const CHECKED_READ_BYTES = 16 * 1024;

export interface CodecParts<T> {
  driver: WireDriver;
  schema: z.ZodType<T>;
  limits: Readonly<Limits>;
  name: string;
}

function toError(format: Format, direction: Direction, err: unknown): SafewireError {
  let text: string;
  try {
    if (err instanceof SafewireError) return err;
    if (err instanceof IssueSignal) return new SafewireError({ format, direction, issues: [err.issue] });
    if (isSafewireError(err)) return err;
    text = err instanceof Error ? String(err.message) : String(err);
  } catch {
    // What the schema's code or a getter threw cannot be looked at: a revoked Proxy, an object without
    // a toString. Asking would throw a TypeError of its own, and only SafewireError may leave a codec.
    text = "a thrown value that cannot be read";
  }
  const issue: SafewireIssue =
    direction === "decode"
      ? malformedIssue(`the ${format} decoder rejected the bytes: ${text}`, [])
      : schemaIssue(`the ${format} encoder rejected the value: ${text}`, []);
  return new SafewireError({ format, direction, issues: [issue], cause: err });
}

/**
 * Nesting this shallow never runs safewire's walks, zod or the libraries out of stack (they take about
 * 2,000 levels on Node's default stack): an overflow below it came from elsewhere.
 */
const SHALLOW_NESTING = 256;

/**
 * The stack ran out: nesting deeper than it holds. With the value (to encode, or decoded and being
 * validated), the refusal names the first container past maxDepth as the writers would, or, when maxDepth
 * is set above what the stack holds, the deepest one; with a shallow value, the code it ran is blamed.
 * Without (the decoder's own walk ran out), only the limit is known.
 */
function stackIssue(limits: Readonly<Limits>, value: unknown, known: boolean): SafewireIssue {
  const max = limits.maxDepth;
  const above = `before reaching limit maxDepth ${max}: it is set above what this process holds`;
  if (!known) {
    const issue = limitIssue("maxDepth", max, max, [], "nesting");
    issue.message = `nesting ran out of stack ${above}`;
    return issue;
  }
  const { depth, path } = deepestNesting(value, max);
  const issue = limitIssue("maxDepth", depth, max, path, "nesting");
  // Past the limit: as the writers word it. Below it: the path may be thousands of levels long.
  if (depth <= max) {
    const shown = printable(path.length > 8 ? `${formatPath(path.slice(0, 8))}…` : formatPath(path));
    const at = shown === "" ? "" : ` (at ${shown})`;
    issue.message =
      depth < SHALLOW_NESTING
        ? `ran out of stack with the value only ${depth} levels deep${at}: not its nesting, but code it ran ` +
          "(a refine, a transform or a getter that recurses without end) or a call made with little stack left"
        : `nesting at least ${depth} levels deep${at} ran out of stack ${above}`;
  }
  return issue;
}

/**
 * Most of zod's issues an error lists. Where the walk cannot go (into a union), zod reports every bad
 * element: a discriminated union over an array of a million nulls gave a million issues.
 */
export const MAX_LISTED_ISSUES = 100;

function zodIssues(issues: readonly ZodLikeIssue[]): SafewireIssue[] {
  const listed = issues
    .slice(0, MAX_LISTED_ISSUES)
    .map((i) => schemaIssue(i.message, i.path as PropertyKey[]));
  if (issues.length > MAX_LISTED_ISSUES) {
    const message = `zod reported ${issues.length} issues; the first ${MAX_LISTED_ISSUES} are listed`;
    listed.push(schemaIssue(message, []));
  }
  return listed;
}

/** True when `bytes` is in a SharedArrayBuffer, of any realm (a vm context's or a test runner's). */
function isShared(bytes: Uint8Array): boolean {
  const buffer = bytes.buffer;
  return (
    !(buffer instanceof ArrayBuffer) &&
    Object.prototype.toString.call(buffer) === "[object SharedArrayBuffer]"
  );
}

/** Builds a Codec from a format driver: the one pipeline every format shares. */
export function createCodec<T>(parts: CodecParts<T>): Codec<T> {
  const { driver, schema, limits, name } = parts;
  const format = driver.format;
  // Success path without zod's output copy; zod still decides (and words the issues) whenever this says no.
  const valid = compileFastCheck(schema);
  // The same answers on decoded values, without re-testing the shapes the reader guarantees.
  const validRead = driver.readShape === undefined ? valid : compileDecodeCheck(schema, driver.readShape);
  const scanOutput = driver.scanOutput ?? driver.prescan;
  // Outputs up to this size skip the scan of the output when the fast check accepted the value: every
  // value it accepts is plain data nested no deeper than maxDepth, the writer refuses lone surrogates,
  // and a string, binary, element or entry longer or more numerous than the output cannot be in it.
  const smallOutput =
    driver.itemsTakeBytes === true && plainDepth(schema) <= limits.maxDepth
      ? Math.min(limits.maxStringBytes, limits.maxBinaryBytes, limits.maxArrayLength, limits.maxMapEntries)
      : -1;

  /** Any error as safewire's; a stack overflow worded from the value, where there is one. */
  function failure(direction: Direction, err: unknown, value: unknown, known: boolean): SafewireError {
    if (!isStackOverflow(err)) return toError(format, direction, err);
    return new SafewireError({ format, direction, issues: [stackIssue(limits, value, known)], cause: err });
  }

  function decode(bytes: Uint8Array): T {
    let raw: unknown;
    let read = false;
    try {
      const view = plainView(bytes);
      if (view === undefined) {
        throw new IssueSignal(malformedIssue(`expected a Uint8Array, got ${typeof bytes}`, []));
      }
      bytes = view;
      if (bytes.length > limits.maxBytes) {
        throw new IssueSignal(limitIssue("maxBytes", bytes.length, limits.maxBytes, [], "message"));
      }
      // Memory another thread can write (a SharedArrayBuffer) could change between the checks and the read
      // that trusts them: a string measured within maxStringBytes was read past it (test/limits/shared-input).
      // A private copy is what gets checked and read.
      if (isShared(bytes)) bytes = new Uint8Array(bytes);
      if (looksLikePickle(bytes)) {
        throw new IssueSignal(
          unsafeIssue("the payload is a Python pickle stream, which can run code when loaded; refused", 0),
        );
      }
      raw = bytes.length <= CHECKED_READ_BYTES ? driver.readChecked?.(bytes, limits) : undefined;
      if (raw === undefined) {
        driver.prescan(bytes, limits);
        raw = driver.read(bytes);
      }
      read = true;
      // Asked now, of the read just made: validation runs the schema's code, which may decode again.
      const retypable = driver.retype !== undefined && driver.readRetypable?.() !== false;
      if ((driver.readShaped === undefined || driver.readShaped() ? validRead : valid)(raw)) return raw as T;
      const retyped = retypable ? driver.retype?.(schema, raw, limits.maxDepth) : undefined;
      if (retyped !== undefined) {
        raw = retyped;
        if (valid(raw)) return raw as T;
      }
      const parsed = parseBounded(schema, raw, limits.maxDepth);
      if (!parsed.success)
        throw new SafewireError({ format, direction: "decode", issues: zodIssues(parsed.issues) });
      return parsed.data as T;
    } catch (err) {
      throw failure("decode", err, raw, read);
    }
  }

  function parseForEncode(value: T): T {
    const parsed = parseBounded(schema, value, limits.maxDepth);
    if (!parsed.success)
      throw new SafewireError({ format, direction: "encode", issues: zodIssues(parsed.issues) });
    // zod's output lacks an own __proto__ key it was given, with no issue: refused here, as decoders do.
    const proto = ownProtoKeyPath(value, limits.maxDepth);
    if (proto !== undefined) {
      throw new IssueSignal(schemaIssue('key "__proto__" is not allowed (prototype pollution)', proto));
    }
    // And zod takes a Map (a Set, a Date...) for an object, as an object without its entries.
    const builtIn = builtInAsObject(schema as unknown as ZodNode, value, limits.maxDepth);
    if (builtIn !== undefined) {
      const message = `expected a plain object, got a ${builtIn.kind} (zod reads it as an object without its contents)`;
      throw new IssueSignal(schemaIssue(message, builtIn.path));
    }
    return parsed.data as T;
  }

  function encode(value: T): Uint8Array {
    try {
      const fast = valid(value);
      const bytes = driver.write(fast ? value : parseForEncode(value));
      if (bytes.length > limits.maxBytes) {
        throw new IssueSignal(limitIssue("maxBytes", bytes.length, limits.maxBytes, [], "encoded message"));
      }
      // The same walk the peer will do, unless it provably cannot fail: a message we would refuse is never sent.
      if (!fast || bytes.length > smallOutput) scanOutput(bytes, limits);
      return bytes;
    } catch (err) {
      throw failure("encode", err, value, true);
    }
  }

  return Object.freeze({
    format,
    name,
    limits,
    encode,
    decode,
    safeEncode(value: T): Result<Uint8Array> {
      try {
        return { ok: true, value: encode(value) };
      } catch (err) {
        return { ok: false, error: toError(format, "encode", err) };
      }
    },
    safeDecode(bytes: Uint8Array): Result<T> {
      try {
        return { ok: true, value: decode(bytes) };
      } catch (err) {
        return { ok: false, error: toError(format, "decode", err) };
      }
    },
  });
}
