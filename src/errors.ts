import type { Limits } from "./limits.js";

export type Format = "protobuf" | "avro" | "msgpack";
/** Every format, in the order safewire lists them. */
export const FORMATS: readonly Format[] = Object.freeze(["protobuf", "avro", "msgpack"]);
/** Why -0 is refused where an integer goes: the schema helpers (int32(), int64()...) and the encoders say it. */
export const NEGATIVE_ZERO = "-0 has no integer encoding (protobuf and Avro send 0, msgpack a float): pass 0";
export type Direction = "encode" | "decode";
export type ErrorCode = "limit_exceeded" | "malformed" | "schema_violation" | "unsafe_payload";
export type Path = PropertyKey[];

interface IssueBase {
  /** Where in the message: field names, map keys and array indices. */
  path: Path;
  /** One sentence naming the path and (on decode) the byte offset where known. */
  message: string;
  /** Byte offset into the input, on decode, where known. */
  offset?: number;
}
/** A field or count went past a limit. */
export interface LimitIssue extends IssueBase {
  code: "limit_exceeded";
  limit: keyof Limits;
  /**
   * The size seen (or declared) on the wire, or in the value to encode. maxDepth when the stack ran out
   * below the limit: the depth reached, or the limit itself where the decoder's own walk ran out.
   */
  actual: number;
  /** The limit's value. */
  max: number;
}
/** The bytes are not a well-formed encoding. */
export interface MalformedIssue extends IssueBase {
  code: "malformed";
}
/** Well-formed, but the value does not match the schema. */
export interface SchemaIssue extends IssueBase {
  code: "schema_violation";
}
/** The input is something that must never be decoded (a pickle stream). */
export interface UnsafeIssue extends IssueBase {
  code: "unsafe_payload";
}
export type SafewireIssue = LimitIssue | MalformedIssue | SchemaIssue | UnsafeIssue;

export interface SafewireErrorInit {
  format: Format;
  direction: Direction;
  issues: SafewireIssue[];
  cause?: unknown;
}

/** Renders a path as `images.front.data` or `state_names[3]`. */
export function formatPath(path: Path): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

const INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each code point is matched alone on purpose (a lone combining mark is what must show)
  /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0\u{e0100}-\u{e01ef}]/gu;

/**
 * `s` with control, invisible and bidi-control characters as `\uXXXX` (`\u{XXXXX}` past U+FFFF) escapes.
 * Messages carry map keys and zod's words about hostile input: each stays one line of plain text (no
 * terminal escapes, no forged log lines, no text reordered for display), while `path` keeps the keys
 * exactly. Escaped: controls (Cc), format characters (Cf: bidi controls, zero-width characters, tag
 * characters...), line and paragraph separators, lone surrogates, and the characters that are blank by
 * design though not in those (variation selectors, Hangul fillers, the combining grapheme joiner...).
 */
export function printable(s: string): string {
  return s.replace(INVISIBLE, (c) => {
    const cp = c.codePointAt(0) as number;
    return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, "0")}`;
  });
}

function where(path: Path): string {
  return path.length > 0 ? ` at ${formatPath(path)}` : "";
}
function byteAt(offset: number | undefined): string {
  return offset !== undefined ? ` (byte ${offset})` : "";
}
const UNITS: Record<keyof Limits, string> = {
  maxBytes: "bytes",
  maxDepth: "levels deep",
  maxStringBytes: "bytes",
  maxBinaryBytes: "bytes",
  maxArrayLength: "elements",
  maxMapEntries: "entries",
};

/** The one error safewire throws. `code`, `path`, `offset` and `limit` are those of the first issue. */
export class SafewireError extends Error {
  override readonly name = "SafewireError";
  readonly code: ErrorCode;
  readonly format: Format;
  readonly direction: Direction;
  readonly path: Path;
  readonly offset?: number;
  readonly limit?: keyof Limits;
  readonly issues: readonly SafewireIssue[];

  constructor(init: SafewireErrorInit) {
    const first = init.issues[0];
    if (first === undefined) throw new TypeError("SafewireError needs at least one issue");
    const more = init.issues.length > 1 ? ` (and ${init.issues.length - 1} more issues)` : "";
    super(`${init.format} ${init.direction}: ${first.message}${more}`, { cause: init.cause });
    this.code = first.code;
    this.format = init.format;
    this.direction = init.direction;
    this.path = first.path;
    if (first.offset !== undefined) this.offset = first.offset;
    if (first.code === "limit_exceeded") this.limit = first.limit;
    this.issues = Object.freeze([...init.issues]);
  }
}

const CODES: ReadonlySet<string> = new Set([
  "limit_exceeded",
  "malformed",
  "schema_violation",
  "unsafe_payload",
]);

/** True for a SafewireError from any copy of the package: checks the shape, not the class. */
export function isSafewireError(x: unknown): x is SafewireError {
  if (typeof x !== "object" || x === null) return false;
  const e = x as Record<string, unknown>;
  return (
    e.name === "SafewireError" &&
    typeof e.code === "string" &&
    CODES.has(e.code) &&
    typeof e.format === "string" &&
    (e.direction === "encode" || e.direction === "decode") &&
    Array.isArray(e.path) &&
    Array.isArray(e.issues)
  );
}

/**
 * A format-independent failure raised inside a prescan or normaliser, turned into a SafewireError
 * (with format and direction) by the codec pipeline. Cheap: no stack trace is captured.
 */
export class IssueSignal {
  constructor(readonly issue: SafewireIssue) {}
}

export function limitIssue(
  limit: keyof Limits,
  actual: number,
  max: number,
  path: Path,
  what: string,
  offset?: number,
): LimitIssue {
  const issue: LimitIssue = {
    code: "limit_exceeded",
    limit,
    actual,
    max,
    path,
    message: printable(
      `${what}${where(path)} is ${actual} ${UNITS[limit]}, limit ${limit} is ${max}${byteAt(offset)}`,
    ),
  };
  if (offset !== undefined) issue.offset = offset;
  return issue;
}

export function malformedIssue(message: string, path: Path, offset?: number): MalformedIssue {
  const issue: MalformedIssue = {
    code: "malformed",
    path,
    message: printable(`${message}${where(path)}${byteAt(offset)}`),
  };
  if (offset !== undefined) issue.offset = offset;
  return issue;
}

/** Throw helpers for prescans: they keep hot loops short. */
export function failLimit(
  limit: keyof Limits,
  actual: number,
  max: number,
  path: Path,
  what: string,
  offset?: number,
): never {
  throw new IssueSignal(limitIssue(limit, actual, max, path, what, offset));
}

/**
 * An encoder's output that must pass maxBytes, found before it was all measured (a value whose objects
 * are shared is measured as the tree it encodes to, which may be exponentially larger): how much larger
 * is not known, so `actual` is the first size past the limit.
 */
export function failOutputPastLimit(maxBytes: number): never {
  const issue = limitIssue("maxBytes", maxBytes + 1, maxBytes, [], "encoded message");
  issue.message = `encoded message is more than ${maxBytes} bytes (measuring stopped there), limit maxBytes is ${maxBytes}`;
  throw new IssueSignal(issue);
}

export function failMalformed(message: string, path: Path, offset?: number): never {
  throw new IssueSignal(malformedIssue(message, path, offset));
}

export function failSchema(message: string, path: Path): never {
  throw new IssueSignal(schemaIssue(message, path));
}

export function schemaIssue(message: string, path: Path): SchemaIssue {
  return { code: "schema_violation", path, message: printable(`${message}${where(path)}`) };
}

export function unsafeIssue(message: string, offset?: number): UnsafeIssue {
  const issue: UnsafeIssue = {
    code: "unsafe_payload",
    path: [],
    message: printable(`${message}${byteAt(offset)}`),
  };
  if (offset !== undefined) issue.offset = offset;
  return issue;
}
