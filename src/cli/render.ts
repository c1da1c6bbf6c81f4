/**
 * Decoded values as JSON for `safewire inspect`, and hex dumps for its errors.
 *
 * Full output follows protobuf's canonical JSON mapping, which `safewire schema --json-schema` describes:
 * 64-bit integers are decimal strings (exact), binaries are base64 strings, NaN and ±Infinity are the
 * strings "NaN", "Infinity" and "-Infinity". Summaries replace every tensor and image with its dtype (or
 * encoding), shape, byte length, min/max/mean and first bytes in hex.
 */
import { printable } from "../errors.js";
import { bytesPerPixel, IMAGE_ENCODINGS, type Image, isCompressed } from "../robotics/image.js";
import { DTYPES, type Dtype, ITEMSIZE, type Tensor } from "../robotics/tensor.js";

/** JSON text values can hold. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface RenderOptions {
  /** Print every byte (base64) instead of summaries. */
  full?: boolean;
}

/** How many leading bytes a summary shows in hex. */
export const HEAD_BYTES = 16;
/** Tensors with at most this many elements list their values in summaries too. */
export const MAX_LISTED_VALUES = 16;

const DTYPE_SET: ReadonlySet<string> = new Set(DTYPES);
const ENCODING_SET: ReadonlySet<string> = new Set(IMAGE_ENCODINGS);

function hasKeys(o: object, keys: readonly string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(o, k));
}

function isTensor(x: object): x is Tensor {
  const t = x as Record<string, unknown>;
  return (
    hasKeys(x, ["dtype", "shape", "data"]) &&
    typeof t.dtype === "string" &&
    DTYPE_SET.has(t.dtype) &&
    Array.isArray(t.shape) &&
    t.data instanceof Uint8Array
  );
}

function isImage(x: object): x is Image {
  const i = x as Record<string, unknown>;
  return (
    hasKeys(x, ["height", "width", "encoding", "step", "data"]) &&
    typeof i.encoding === "string" &&
    ENCODING_SET.has(i.encoding) &&
    i.data instanceof Uint8Array
  );
}

/** A JSON-ready copy of a decoded value. */
export function toJson(value: unknown, options: RenderOptions = {}): Json {
  const full = options.full === true;
  const walk = (x: unknown): Json => {
    if (x === null || x === undefined) return null;
    switch (typeof x) {
      case "bigint":
        return x.toString();
      case "number":
        return number(x);
      case "string":
      case "boolean":
        return x;
      case "object":
        break;
      default:
        return String(x);
    }
    if (x instanceof Uint8Array) return full ? base64(x) : { bytes: x.byteLength, first_bytes: hex(x) };
    if (Array.isArray(x)) return x.map(walk);
    if (!full && isTensor(x)) return tensorSummary(x);
    if (!full && isImage(x)) return imageSummary(x);
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(x)) {
      Object.defineProperty(out, k, { value: walk(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return walk(value);
}

function number(x: number): Json {
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.POSITIVE_INFINITY) return "Infinity";
  if (x === Number.NEGATIVE_INFINITY) return "-Infinity";
  return x;
}

function base64(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64");
}

/** The first `n` bytes as space-separated hex pairs. */
export function hex(b: Uint8Array, n = HEAD_BYTES): string {
  return Array.from(b.subarray(0, n), (v) => v.toString(16).padStart(2, "0")).join(" ");
}

/** A float16 bit pattern as a number. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);
/** A bfloat16 bit pattern as a number. */
export function bfloat16ToNumber(bits: number): number {
  U32[0] = (bits & 0xffff) << 16;
  return F32[0] as number;
}

/** Element `i` of little-endian `data` of `dtype`. */
function element(view: DataView, dtype: Dtype, i: number): number | bigint {
  const at = i * ITEMSIZE[dtype];
  switch (dtype) {
    case "float16":
      return halfToNumber(view.getUint16(at, true));
    case "bfloat16":
      return bfloat16ToNumber(view.getUint16(at, true));
    case "float32":
      return view.getFloat32(at, true);
    case "float64":
      return view.getFloat64(at, true);
    case "int8":
      return view.getInt8(at);
    case "int16":
      return view.getInt16(at, true);
    case "int32":
      return view.getInt32(at, true);
    case "int64":
      return view.getBigInt64(at, true);
    case "uint8":
    case "bool":
      return view.getUint8(at);
  }
}

interface Stats {
  min?: Json;
  max?: Json;
  mean?: Json;
  nonfinite?: number;
}

/** min, max and mean of every element; NaN and ±Infinity are counted apart, not averaged. */
function stats(view: DataView, dtype: Dtype, count: number): Stats {
  if (count === 0) return {};
  if (dtype === "int64") {
    let min = view.getBigInt64(0, true);
    let max = min;
    let sum = 0n;
    for (let i = 0; i < count; i++) {
      const v = view.getBigInt64(i * 8, true);
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    return { min: min.toString(), max: max.toString(), mean: Number(sum) / count };
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let finite = 0;
  for (let i = 0; i < count; i++) {
    const v = element(view, dtype, i) as number;
    if (!Number.isFinite(v)) continue;
    finite++;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  const out: Stats = finite > 0 ? { min, max, mean: mean(view, dtype, count, sum, finite) } : {};
  if (finite < count) out.nonfinite = count - finite;
  return out;
}

/** sum / n, or, when the sum of large float64 values overflowed, the sum of each value / n (finite). */
function mean(view: DataView, dtype: Dtype, count: number, sum: number, n: number): number {
  if (Number.isFinite(sum)) return sum / n;
  let out = 0;
  for (let i = 0; i < count; i++) {
    const v = element(view, dtype, i) as number;
    if (Number.isFinite(v)) out += v / n;
  }
  return out;
}

function viewOf(data: Uint8Array): DataView {
  return new DataView(data.buffer, data.byteOffset, data.byteLength);
}

function tensorSummary(t: Tensor): Json {
  const count = Math.floor(t.data.byteLength / ITEMSIZE[t.dtype]);
  const view = viewOf(t.data);
  const out: { [key: string]: Json } = {
    dtype: t.dtype,
    shape: [...t.shape],
    bytes: t.data.byteLength,
    ...(stats(view, t.dtype, count) as { [key: string]: Json }),
  };
  if (count <= MAX_LISTED_VALUES) {
    out.values = Array.from({ length: count }, (_, i) => {
      const v = element(view, t.dtype, i);
      return typeof v === "bigint" ? v.toString() : number(v);
    });
  }
  out.first_bytes = hex(t.data);
  return out;
}

/** Pixel statistics of a raw image: channels are uint8, uint16 (mono16, 16UC1) or float32 (32FC1). */
function pixelStats(img: Image): Stats {
  if (isCompressed(img.encoding) || bytesPerPixel(img.encoding) === undefined) return {};
  const view = viewOf(img.data);
  if (img.encoding === "32FC1") return stats(view, "float32", Math.floor(img.data.byteLength / 4));
  if (img.encoding !== "mono16" && img.encoding !== "16UC1") return stats(view, "uint8", img.data.byteLength);
  const n = Math.floor(img.data.byteLength / 2);
  if (n === 0) return {};
  let min = 65535;
  let max = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = view.getUint16(i * 2, true);
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { min, max, mean: sum / n };
}

function imageSummary(img: Image): Json {
  return {
    encoding: img.encoding,
    height: img.height,
    width: img.width,
    step: img.step,
    bytes: img.data.byteLength,
    ...(pixelStats(img) as { [key: string]: Json }),
    first_bytes: hex(img.data),
  };
}

/**
 * An `xxd`-style dump of the bytes around `offset`: `context` bytes either side, in rows of 16, with a
 * `^^` marker under the byte at `offset` (or a note when the offset is the end of the input).
 */
export function hexWindow(bytes: Uint8Array, offset: number, context = 32): string[] {
  const lines: string[] = [];
  if (bytes.length === 0) return ["  (the input is empty)"];
  const from = Math.max(0, Math.floor((Math.min(offset, bytes.length) - context) / 16) * 16);
  const to = Math.min(bytes.length, Math.ceil((offset + context + 1) / 16) * 16);
  const width = Math.max(8, bytes.length.toString(16).length);
  for (let row = from; row < to; row += 16) {
    const cells: string[] = [];
    let ascii = "";
    for (let i = row; i < row + 16; i++) {
      const b = bytes[i];
      cells.push(b === undefined ? "  " : b.toString(16).padStart(2, "0"));
      ascii += b === undefined ? " " : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".";
    }
    const prefix = `  ${row.toString(16).padStart(width, "0")}  `;
    lines.push(`${prefix}${cells.slice(0, 8).join(" ")}  ${cells.slice(8).join(" ")}  |${ascii}|`);
    if (offset >= row && offset < row + 16 && offset < bytes.length) {
      const col = offset - row;
      lines.push(`${" ".repeat(prefix.length + col * 3 + (col >= 8 ? 1 : 0))}^^`);
    }
  }
  if (offset >= bytes.length) lines.push(`  (byte ${offset} is the end of the input: ${bytes.length} bytes)`);
  return lines;
}

/**
 * `json` (JSON text) with every character `printable` would escape (C1 controls such as U+009B CSI, bidi
 * overrides, line separators, zero-width and tag characters) as `\uXXXX` escapes: JSON.stringify leaves
 * them raw, and a terminal acts on them or hides them. Outside strings JSON text is ASCII, so this only
 * touches strings, and JSON.parse gives back the same values.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(/[^ -~\n]/gu, (c) =>
    printable(c) === c
      ? c
      : Array.from(
          { length: c.length },
          (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`,
        ).join(""),
  );
}

/**
 * JSON text with two-space indentation, but arrays of plain values (shapes, small tensors' values, name
 * lists) on one line when they fit in `width` characters. Terminal-safe (see terminalSafeJson).
 */
export function stringify(value: Json, width = 100): string {
  const parts: string[] = [];
  writeJson(value, (s) => parts.push(s), width, Number.POSITIVE_INFINITY);
  return parts.join("");
}

/** How many characters writeJson gathers before it writes them. */
export const WRITE_CHUNK = 1 << 20;

/**
 * The text of `stringify(value, width)`, passed to `write` in pieces of about `chunk` characters: the
 * whole text is never one string, which V8 caps at about 2^29 characters (a 64 MiB message of escaped
 * control characters prints more than that).
 */
export function writeJson(
  value: Json,
  write: (text: string) => void,
  width = 100,
  chunk: number = WRITE_CHUNK,
): void {
  let pending = "";
  const emit = (text: string): void => {
    pending += text;
    if (pending.length >= chunk) flush();
  };
  const flush = (): void => {
    if (pending === "") return;
    // Pieces are whole tokens (no surrogate pair is cut): escaping each chunk is escaping the text.
    const text = terminalSafeJson(pending);
    pending = "";
    write(text);
  };
  // -0 keeps its sign: "-0" is valid JSON, but JSON.stringify(-0) is "0".
  const scalar = (x: Json): string => (Object.is(x, -0) ? "-0" : JSON.stringify(x));
  /** The array on one line, or undefined once it is longer than `room` (without building the rest). */
  const oneLine = (x: Json[], room: number): string | undefined => {
    let length = 1;
    const items: string[] = [];
    for (const v of x) {
      if (v !== null && typeof v === "object") return undefined;
      const text = scalar(v);
      length += text.length + (items.length > 0 ? 2 : 0);
      if (length + 1 > room) return undefined;
      items.push(text);
    }
    return `[${items.join(", ")}]`;
  };
  const walk = (x: Json, indent: string): void => {
    if (x === null || typeof x !== "object") {
      emit(scalar(x));
      return;
    }
    const inner = `${indent}  `;
    if (Array.isArray(x)) {
      if (x.length === 0) {
        emit("[]");
        return;
      }
      const line = oneLine(x, width - indent.length);
      if (line !== undefined) {
        emit(line);
        return;
      }
      emit("[\n");
      x.forEach((v, i) => {
        emit(i === 0 ? inner : `,\n${inner}`);
        walk(v, inner);
      });
      emit(`\n${indent}]`);
      return;
    }
    const entries = Object.entries(x);
    if (entries.length === 0) {
      emit("{}");
      return;
    }
    emit("{\n");
    entries.forEach(([k, v], i) => {
      emit(`${i === 0 ? "" : ",\n"}${inner}${JSON.stringify(k)}: `);
      walk(v, inner);
    });
    emit(`\n${indent}}`);
  };
  walk(value, "");
  flush();
}
