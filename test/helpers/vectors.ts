// Golden vectors and the tagged JSON shared with the Python side (scripts/safewire_py.py).
//
// Tagged JSON holds what JSON cannot: {"$bigint": "…"}, {"$bytes": "<base64>"},
// {"$float": "NaN" | "-0" | "Infinity" | "-Infinity"}. Map keys starting with "$" get one more "$".
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const VECTORS_DIR = join(ROOT, "test", "vectors");

const FLOATS: Record<string, number> = {
  NaN: Number.NaN,
  "-0": -0,
  Infinity: Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
};

/** Turns tagged JSON (already parsed) into a value: bigint, Uint8Array, NaN, -0, ±Infinity. */
export function fromTagged(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(fromTagged);
  if (typeof x === "object" && x !== null) {
    const entries = Object.entries(x);
    if (entries.length === 1) {
      const [k, v] = entries[0] as [string, unknown];
      if (typeof v === "string") {
        if (k === "$bigint") return BigInt(v);
        if (k === "$bytes") return new Uint8Array(Buffer.from(v, "base64"));
        if (k === "$float" && v in FLOATS) return FLOATS[v];
      }
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      const key = k.startsWith("$$") ? k.slice(1) : k;
      Object.defineProperty(out, key, {
        value: fromTagged(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return x;
}

/** The tagged JSON form of a value (the inverse of `fromTagged`). */
export function toTagged(x: unknown): unknown {
  if (typeof x === "bigint") return { $bigint: x.toString() };
  if (x instanceof Uint8Array)
    return { $bytes: Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString("base64") };
  if (typeof x === "number") {
    if (Number.isNaN(x)) return { $float: "NaN" };
    if (x === Number.POSITIVE_INFINITY) return { $float: "Infinity" };
    if (x === Number.NEGATIVE_INFINITY) return { $float: "-Infinity" };
    if (Object.is(x, -0)) return { $float: "-0" };
    return x;
  }
  if (Array.isArray(x)) return x.map(toTagged);
  if (typeof x === "object" && x !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) {
      Object.defineProperty(out, k.startsWith("$") ? `$${k}` : k, {
        value: toTagged(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return x;
}

/** Parses tagged JSON text. */
export function parseTagged(text: string): unknown {
  return fromTagged(JSON.parse(text));
}

/** Tagged JSON text of a value. */
export function stringifyTagged(value: unknown): string {
  return JSON.stringify(toTagged(value));
}

export interface Vector {
  format: "protobuf" | "avro" | "msgpack";
  message: string;
  name: string;
  bytes: Uint8Array;
  /** The expected value, revived. */
  value: unknown;
  /** Cases named "…nonfinite…" hold NaN or ±Infinity: decode them with allowNonFinite. */
  nonFinite: boolean;
}

/** Every golden vector of a format, sorted by message and case. */
export function loadVectors(format: Vector["format"]): Vector[] {
  const dir = join(VECTORS_DIR, format);
  if (!existsSync(dir)) return [];
  const out: Vector[] = [];
  for (const message of readdirSync(dir).sort()) {
    for (const file of readdirSync(join(dir, message)).sort()) {
      if (!file.endsWith(".bin")) continue;
      const name = file.slice(0, -4);
      const bytes = new Uint8Array(readFileSync(join(dir, message, file)));
      const value = parseTagged(readFileSync(join(dir, message, `${name}.json`), "utf8"));
      out.push({ format, message, name, bytes, value, nonFinite: name.includes("nonfinite") });
    }
  }
  return out;
}
