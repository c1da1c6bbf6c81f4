/**
 * Reading and decoding one robotics message for `inspect` and `convert`: bounded input, a named format or
 * `auto` (try every format), and failure reports with the error code, path, byte offset and a hex window.
 */
import type { Codec } from "../codec.js";
import { type Format, formatPath, isSafewireError, printable, type SafewireError } from "../errors.js";
import type { Limits } from "../limits.js";
import { loadCodec } from "../robotics/codecs.js";
import { limitsFor } from "../robotics/limits.js";
import type { MessageName, Messages } from "../robotics/messages.js";
import { type CliIO, readBounded } from "./io.js";
import { hexWindow } from "./render.js";

/**
 * When several formats decode the same bytes (possible for small messages), the most self-describing wins:
 * msgpack names every field, protobuf tags every field, Avro's binary encoding has neither.
 */
export const AUTO_ORDER: readonly Format[] = Object.freeze(["msgpack", "protobuf", "avro"]);

/** How to decode: which message, which format (or every one), which limits. */
export interface DecodeRequest {
  message: MessageName;
  format: Format | "auto";
  /** Over the message's default limits (`MESSAGE_LIMITS`). */
  limits: Partial<Limits>;
  allowNonFinite: boolean;
}

export interface Decoded {
  ok: true;
  format: Format;
  value: Messages[MessageName];
  /** Every format that decoded the input (more than one only with `auto`), in AUTO_ORDER. */
  decodedAs: Format[];
  /** The formats that failed (with `auto`), and why. */
  failures: Failure[];
}

export interface Failure {
  format: Format;
  error: SafewireError;
}

export interface NotDecoded {
  ok: false;
  failures: Failure[];
}

/** The codec of one message and format, with the request's options. */
export function codecFor(req: DecodeRequest, format: Format): Promise<Codec<Messages[MessageName]>> {
  // Without the flag, each message's own default (Parameters accepts ±Inf; see SchemaOptions).
  return loadCodec(req.message, format, {
    limits: req.limits,
    ...(req.allowNonFinite ? { allowNonFinite: true } : {}),
  });
}

/** The effective limits of a request (the message's defaults under `--limits`). */
export function effectiveLimits(req: DecodeRequest): Readonly<Limits> {
  return limitsFor(req.message, req.limits);
}

/** Decodes `bytes` in the requested format, or tries every format for `auto`. */
export async function decode(bytes: Uint8Array, req: DecodeRequest): Promise<Decoded | NotDecoded> {
  const formats = req.format === "auto" ? AUTO_ORDER : [req.format];
  const decoded: { format: Format; value: Messages[MessageName] }[] = [];
  const failures: Failure[] = [];
  for (const format of formats) {
    const codec = await codecFor(req, format);
    const result = codec.safeDecode(bytes);
    if (result.ok) decoded.push({ format, value: result.value });
    else failures.push({ format, error: result.error });
  }
  const first = decoded[0];
  if (first === undefined) return { ok: false, failures };
  return {
    ok: true,
    format: first.format,
    value: first.value,
    decodedAs: decoded.map((d) => d.format),
    failures,
  };
}

/** Reads the input within the effective `maxBytes`; undefined (after reporting) when it is larger. */
export async function readInput(
  file: string,
  req: DecodeRequest,
  command: string,
  io: CliIO,
): Promise<Uint8Array | undefined> {
  const cap = effectiveLimits(req).maxBytes;
  const input = await readBounded(file, cap, io);
  if (input instanceof Uint8Array) return input;
  const name = file === "-" ? "standard input" : file;
  const size = input.size === undefined ? `more than ${cap} bytes` : `${input.size} bytes`;
  io.stderr.write(
    `safewire ${command}: ${printable(name)} is ${size}, limit maxBytes is ${cap} for ${req.message}; not read\n` +
      `  code:    limit_exceeded\n` +
      `  limit:   maxBytes (raise it with --limits maxBytes=N)\n`,
  );
  return undefined;
}

const MAX_LISTED_ISSUES = 10;

/** A failure as lines: code, path, offset, message, other issues, and the bytes around the offset. */
export function failureLines(error: unknown, bytes: Uint8Array | undefined): string[] {
  if (!isSafewireError(error)) return [`  error:   ${printable(String(error))}`];
  const lines = [
    `  code:    ${error.code}`,
    `  path:    ${error.path.length > 0 ? printable(formatPath(error.path)) : "(the whole message)"}`,
  ];
  if (error.limit !== undefined) lines.push(`  limit:   ${error.limit}`);
  if (error.direction === "decode") {
    lines.push(
      `  offset:  ${error.offset ?? (error.code === "schema_violation" ? "none (found after decoding)" : "unknown")}`,
    );
  }
  lines.push(`  message: ${printable(error.message)}`);
  const more = error.issues.slice(1);
  if (more.length > 0) {
    lines.push(`  other issues (${more.length}):`);
    for (const issue of more.slice(0, MAX_LISTED_ISSUES)) {
      const where = issue.path.length > 0 ? ` at ${printable(formatPath(issue.path))}` : "";
      lines.push(`    ${issue.code}${where}: ${printable(issue.message)}`);
    }
    if (more.length > MAX_LISTED_ISSUES) lines.push(`    ... and ${more.length - MAX_LISTED_ISSUES} more`);
  }
  if (error.code === "unsafe_payload") {
    lines.push(
      "  hint:    `safewire scan FILE` lists what this pickle would import and call, without loading it",
    );
  }
  if (bytes !== undefined && error.offset !== undefined) {
    lines.push(`  bytes around offset ${error.offset} (of ${bytes.length}):`);
    for (const l of hexWindow(bytes, error.offset)) lines.push(`  ${l}`);
  }
  return lines;
}

/** Reports a failed decode of `bytes` (every format's error, for `auto`) on stderr. */
export function reportNotDecoded(
  command: string,
  name: string,
  req: DecodeRequest,
  result: NotDecoded,
  bytes: Uint8Array,
  io: CliIO,
): void {
  const what = printable(name === "-" ? "standard input" : name);
  const out: string[] = [];
  const pickle = result.failures.every((f) => f.error.code === "unsafe_payload");
  if (req.format === "auto" && pickle) {
    // Every format refuses a pickle the same way: say it once.
    out.push(`safewire ${command}: cannot decode ${what} as ${req.message}: it is a Python pickle`);
    const first = result.failures[0];
    if (first !== undefined) out.push(...failureLines(first.error, bytes));
  } else {
    for (const f of result.failures) {
      out.push(`safewire ${command}: cannot decode ${what} as ${f.format} ${req.message}`);
      out.push(...failureLines(f.error, bytes));
    }
    if (req.format === "auto")
      out.push(`safewire ${command}: no format decoded ${what} (tried ${AUTO_ORDER.join(", ")})`);
  }
  io.stderr.write(`${out.join("\n")}\n`);
}

/** The note `auto` prints on stderr: which format decoded, and whether others did too. */
export function autoNote(command: string, result: Decoded, option = "--format"): string {
  if (result.decodedAs.length === 1) {
    const failed = result.failures.map((f) => `${f.format}: ${f.error.code}`).join(", ");
    return `safewire ${command}: decoded as ${result.format}${failed === "" ? "" : ` (${failed})`}\n`;
  }
  return (
    `safewire ${command}: decoded as ${result.decodedAs.join(" and ")}; using ${result.format} ` +
    `(order when several decode: ${AUTO_ORDER.join(", ")}; pass ${option} to choose)\n`
  );
}
