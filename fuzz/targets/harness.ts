/**
 * What every fuzz target shares: the oracle (refused with a SafewireError, or decoded and round-tripped),
 * seed loading from the golden vectors and the committed regression files, and dictionary tokens.
 * The fuzz engine (fuzz/engine) and the replay test (test/fuzz/replay.test.ts) both use these targets.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import type { Codec } from "../../src/codec.js";
import { isSafewireError } from "../../src/errors.js";

/** Where regression inputs live: test/fuzz-corpus/<dir>/<prefix>-<kind>-<hash>.bin */
export type CorpusDir = "protobuf" | "avro" | "msgpack" | "grpc";
export const CORPUS_DIRS: readonly CorpusDir[] = ["protobuf", "avro", "msgpack", "grpc"];

export interface RegressionFile {
  dir: CorpusDir;
  /** The file name's first part: which codec of the target replays it. */
  prefix: string;
  bytes: Uint8Array;
}

export interface FuzzTarget {
  readonly name: string;
  /** Builds the codecs (Avro loads avsc, which compiles code when it loads). */
  init(): Promise<void>;
  /** Raw fuzz inputs to start from: golden vectors, hostile payloads, committed regression files. */
  seeds(): Uint8Array[];
  /** Tokens the mutator inserts: field names, enum symbols, headers. */
  dictionary(): Uint8Array[];
  /**
   * One input through the decode path. Returns when the codec refused it with a SafewireError, or
   * decoded it to a value that encodes and decodes back to an equal value. Throws anything else.
   */
  check(input: Uint8Array): void;
  /** Where a raw fuzz input is stored in test/fuzz-corpus. */
  toFile(input: Uint8Array): RegressionFile;
  /** The regression files this target replays: (dir, prefix) pairs. */
  readonly files: readonly { dir: CorpusDir; prefix: string }[];
  /** Script URL fragments whose coverage guides the fuzzer, besides safewire and the wire libraries. */
  readonly coverage?: readonly string[];
  /** A stored regression file back to a raw fuzz input. */
  fromFile(dir: CorpusDir, prefix: string, bytes: Uint8Array): Uint8Array;
}

/** A broken property (not a crash): the decoded value does not survive encode and decode. */
export class RoundTripError extends Error {
  override readonly name = "RoundTripError";
}

/**
 * A refusal that did not come from safewire's own checks: the codec pipeline wrapped an error thrown by
 * the wire library (or by safewire code that failed unexpectedly) on bytes the prescan had accepted. The
 * caller still gets a SafewireError, but the prescan missed something and the message is the library's.
 */
export class WrappedError extends Error {
  override readonly name = "WrappedError";
}

function findRoot(from: string): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "safewire") return dir;
      } catch {
        // not ours
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`no safewire package.json above ${from}`);
    dir = up;
  }
}

/** The repository root, found from this file (it also runs compiled, from .fuzz-work/). */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const VECTORS_DIR = join(ROOT, "test", "vectors");
export const CORPUS_ROOT = join(ROOT, "test", "fuzz-corpus");

/** The golden vectors of one message in one format (test/vectors/<format>/<message>/*.bin). */
export function vectors(format: "protobuf" | "avro" | "msgpack", message: string): Uint8Array[] {
  const dir = join(VECTORS_DIR, format, message);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".bin"))
    .sort()
    .map((f) => new Uint8Array(readFileSync(join(dir, f))));
}

/** Committed regression files of one (dir, prefix), sorted by name. */
export function regressionFiles(dir: CorpusDir, prefix: string): { name: string; bytes: Uint8Array }[] {
  const base = join(CORPUS_ROOT, dir);
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .filter((f) => f.endsWith(".bin") && f.startsWith(`${prefix}-`))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(base, name))) }));
}

function describe(x: unknown, depth = 0): string {
  if (typeof x === "bigint") return `${x}n`;
  if (x instanceof Uint8Array) return `${x.constructor.name}(${x.length})`;
  if (typeof x === "number" && Object.is(x, -0)) return "-0";
  if (Array.isArray(x)) return depth > 1 ? "[…]" : `[${x.map((v) => describe(v, depth + 1)).join(", ")}]`;
  if (typeof x === "object" && x !== null) {
    if (depth > 1) return "{…}";
    return `{${Object.entries(x)
      .map(([k, v]) => `${k}: ${describe(v, depth + 1)}`)
      .join(", ")}}`;
  }
  return JSON.stringify(x) ?? String(x);
}

/** Where two values first differ, as a path and the two sides. */
export function firstDifference(a: unknown, b: unknown, path = "$"): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: prototypes differ`;
    if (!(a instanceof Uint8Array)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const k of keys) {
        const d = firstDifference(
          (a as Record<string, unknown>)[k],
          (b as Record<string, unknown>)[k],
          `${path}.${k}`,
        );
        if (d !== undefined) return d;
      }
    }
  }
  return `${path}: ${describe(a)} became ${describe(b)}`;
}

/**
 * The oracle for one codec: decode; a refusal must be a SafewireError raised by safewire's own checks
 * (anything else propagates, a finding; a SafewireError wrapping another error is a WrappedError); a
 * decoded value must encode (else RoundTripError) and decode back to an equal value.
 * Returns the decoded value, or undefined when refused.
 */
export function decodeAndRoundTrip<T>(codec: Codec<T>, bytes: Uint8Array): T | undefined {
  let value: T;
  try {
    value = codec.decode(bytes);
  } catch (e) {
    if (!isSafewireError(e)) throw e;
    if (e.cause !== undefined) {
      const raw = e.cause instanceof Error ? `${e.cause.name}: ${e.cause.message}` : String(e.cause);
      throw new WrappedError(`${codec.name}: the prescan accepted bytes that then failed with ${raw}`, {
        cause: e,
      });
    }
    return undefined;
  }
  roundTrip(codec, value);
  return value;
}

/** `value` (decoded by `codec`) must encode and decode back to itself. */
export function roundTrip<T>(codec: Codec<T>, value: T): void {
  const again = codec.safeEncode(value);
  if (!again.ok) {
    throw new RoundTripError(`${codec.name}: a decoded value does not encode: ${again.error.message}`, {
      cause: again.error,
    });
  }
  const back = codec.safeDecode(again.value);
  if (!back.ok) {
    throw new RoundTripError(
      `${codec.name}: its own encoding of a decoded value does not decode: ${back.error.message}`,
      {
        cause: back.error,
      },
    );
  }
  const diff = firstDifference(value, back.value);
  if (diff !== undefined)
    throw new RoundTripError(`${codec.name}: decode(encode(x)) differs from x at ${diff}`);
}

const utf8 = new TextEncoder();

/** Strings as tokens for one format: bare, and with that format's length prefix. */
export function stringTokens(
  strings: Iterable<string>,
  format: "protobuf" | "avro" | "msgpack",
): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const s of new Set(strings)) {
    const b = utf8.encode(s);
    if (b.length === 0 || b.length > 40) continue;
    out.push(b);
    const head =
      format === "msgpack" ? [0xa0 | b.length] : format === "avro" ? varint(b.length * 2) : varint(b.length);
    out.push(Uint8Array.from([...head, ...b]));
  }
  return out;
}

export function varint(n: number): number[] {
  const out: number[] = [];
  let x = n;
  while (x >= 0x80) {
    out.push((x & 0x7f) | 0x80);
    x = Math.floor(x / 128);
  }
  out.push(x);
  return out;
}

/** Every object key and short string in a value (tokens for the dictionary). */
export function stringsIn(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === "string") {
    if (value.length <= 40) out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) stringsIn(v, out);
  } else if (typeof value === "object" && value !== null && !(value instanceof Uint8Array)) {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      stringsIn(v, out);
    }
  }
  return out;
}

export function concat(parts: readonly (Uint8Array | readonly number[])[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
