/**
 * SafewireError ↔ gRPC status. A payload refused by a codec becomes INVALID_ARGUMENT, or
 * RESOURCE_EXHAUSTED when a limit was exceeded, with the safewire details in the trailing metadata:
 *
 * | key | value |
 * |---|---|
 * | `safewire-code` | `limit_exceeded`, `malformed`, `schema_violation` or `unsafe_payload` |
 * | `safewire-path` | the path in the message, `images.front.data` (empty at the root) |
 * | `safewire-offset` | the byte offset in the payload, when known |
 * | `safewire-limit` | the limit's name, for `limit_exceeded` |
 * | `safewire-format` | the codec's format |
 * | `safewire-message` | the message type the payload was read as |
 *
 * The status details carry the error's sentence. Metadata values are printable ASCII, at most 512
 * characters (anything else is percent-encoded, then cut), so a hostile map key cannot bloat a trailer.
 */
import { Metadata, status } from "@grpc/grpc-js";
import {
  type ErrorCode,
  FORMATS,
  type Format,
  formatPath,
  printable,
  type SafewireError,
} from "../errors.js";
import { LIMIT_KEYS, type Limits } from "../limits.js";

export const MD_CODE = "safewire-code";
export const MD_PATH = "safewire-path";
export const MD_OFFSET = "safewire-offset";
export const MD_LIMIT = "safewire-limit";
export const MD_FORMAT = "safewire-format";
export const MD_MESSAGE = "safewire-message";

const MAX_VALUE_CHARS = 512;
const MAX_DETAILS_CHARS = 1024;

/** Printable ASCII only (a gRPC ASCII header value); `%` and everything else percent-encoded; capped. */
export function asciiValue(text: string, max = MAX_VALUE_CHARS): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c >= 0x20 && c <= 0x7e && ch !== "%") out += ch;
    else for (const b of Buffer.from(ch, "utf8")) out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
    if (out.length > max) return `${out.slice(0, max - 1)}~`;
  }
  return out;
}

/**
 * A sentence for status details: one line of printable text (see `printable`), cut at a character
 * boundary. grpc-js percent-encodes details with encodeURI, which throws on a lone surrogate (half an
 * emoji cut off): the status was then never sent, and a client stream hung without an answer.
 */
export function detailsText(text: string): string {
  const line = printable(text);
  if (line.length <= MAX_DETAILS_CHARS) return line;
  let end = MAX_DETAILS_CHARS - 1;
  const last = line.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // a pair's first half: cut before it
  return `${line.slice(0, end)}…`;
}

/** The gRPC status code for a safewire error code. */
export function grpcStatusFor(code: ErrorCode): status {
  return code === "limit_exceeded" ? status.RESOURCE_EXHAUSTED : status.INVALID_ARGUMENT;
}

/** What a server sends back for a refused payload. */
export interface RefusalStatus {
  code: status;
  details: string;
  metadata: Metadata;
}

/** Builds the status and trailing metadata for a payload a codec refused. */
export function refusalStatus(err: SafewireError, message?: string): RefusalStatus {
  const metadata = new Metadata();
  metadata.set(MD_CODE, err.code);
  metadata.set(MD_PATH, asciiValue(formatPath(err.path)));
  if (err.offset !== undefined) metadata.set(MD_OFFSET, String(err.offset));
  if (err.limit !== undefined) metadata.set(MD_LIMIT, err.limit);
  metadata.set(MD_FORMAT, err.format);
  if (message !== undefined) metadata.set(MD_MESSAGE, asciiValue(message));
  return { code: grpcStatusFor(err.code), details: detailsText(err.message), metadata };
}

/** The safewire details a peer put in its trailing metadata. */
export interface SafewireDetails {
  code: ErrorCode;
  /** As rendered by `formatPath` (percent-encoded outside printable ASCII). */
  path: string;
  offset?: number;
  limit?: keyof Limits;
  format?: Format;
  message?: string;
}

const CODES: ReadonlySet<string> = new Set([
  "limit_exceeded",
  "malformed",
  "schema_violation",
  "unsafe_payload",
]);

function first(md: Metadata | undefined, key: string): string | undefined {
  const v = md?.get(key)[0];
  return typeof v === "string" ? v : undefined;
}

/** Reads the safewire details from trailing metadata, or undefined when there are none. */
export function readSafewireDetails(md: Metadata | undefined): SafewireDetails | undefined {
  const code = first(md, MD_CODE);
  if (code === undefined || !CODES.has(code)) return undefined;
  // The peer may be hostile: names are taken only when they are ones safewire sends, text only as
  // printable ASCII within the cap (as the server writes them), anything else re-encoded so.
  const out: SafewireDetails = { code: code as ErrorCode, path: trailerText(first(md, MD_PATH) ?? "") };
  const offset = first(md, MD_OFFSET);
  if (offset !== undefined && /^\d{1,15}$/.test(offset)) out.offset = Number(offset);
  const limit = first(md, MD_LIMIT);
  if (limit !== undefined && (LIMIT_KEYS as readonly string[]).includes(limit))
    out.limit = limit as keyof Limits;
  const format = first(md, MD_FORMAT);
  if (format !== undefined && (FORMATS as readonly string[]).includes(format)) out.format = format as Format;
  const message = first(md, MD_MESSAGE);
  if (message !== undefined) out.message = trailerText(message);
  return out;
}

/** A trailer's text as `asciiValue` would have written it: kept when it is, re-encoded when not. */
function trailerText(v: string): string {
  return v.length <= MAX_VALUE_CHARS && /^[\x20-\x7e]*$/.test(v) ? v : asciiValue(v);
}

/** The name of a gRPC status code (`INVALID_ARGUMENT`). */
export function statusName(code: number): string {
  return (status as unknown as Record<number, string>)[code] ?? `status ${code}`;
}

/**
 * A handler may throw this to answer with a chosen status. Anything else a handler throws becomes
 * INTERNAL with a generic message (the error is logged on the server, not sent to the peer).
 */
export class StatusError extends Error {
  override readonly name = "StatusError";
  constructor(
    readonly code: status,
    message: string,
    readonly metadata?: Metadata,
  ) {
    super(message);
  }
}

/** A failed call, as the client sees it. */
export class SafewireRpcError extends Error {
  override readonly name = "SafewireRpcError";
  /** The gRPC status code. */
  readonly code: status;
  /** `INVALID_ARGUMENT`, `UNAVAILABLE`, … */
  readonly status: string;
  /** The status details the server sent. */
  readonly details: string;
  /** `/safewire.robotics.v1.PolicyService/SendObservations` */
  readonly method: string;
  /** The safewire details from the trailers, when the server refused a payload. */
  readonly safewire?: SafewireDetails;
  readonly metadata?: Metadata;

  constructor(init: {
    code: status;
    details: string;
    method: string;
    target: string;
    metadata?: Metadata;
    cause?: unknown;
  }) {
    const safewire = readSafewireDetails(init.metadata);
    super(describe(init.code, init.details, init.method, init.target, safewire), { cause: init.cause });
    this.code = init.code;
    this.status = statusName(init.code);
    this.details = init.details;
    this.method = init.method;
    if (safewire !== undefined) this.safewire = safewire;
    if (init.metadata !== undefined) this.metadata = init.metadata;
  }
}

function describe(
  code: status,
  details: string,
  method: string,
  target: string,
  sw: SafewireDetails | undefined,
): string {
  const name = method.slice(method.lastIndexOf("/") + 1);
  // The server's words, one line and capped: a hostile server must not forge log lines through them.
  details = detailsText(details);
  switch (code) {
    case status.UNAVAILABLE:
      return `${name}: the server at ${target} is unavailable (connection refused or lost): ${details}`;
    case status.DEADLINE_EXCEEDED:
      return `${name}: deadline exceeded talking to ${target}: ${details}`;
    case status.UNAUTHENTICATED:
      return `${name}: the server at ${target} refused the credentials: ${details}`;
    case status.CANCELLED:
      return `${name}: cancelled: ${details}`;
    default: {
      const where = sw ? ` [safewire ${sw.code}${sw.path ? ` at ${sw.path}` : ""}]` : "";
      return `${name}: ${statusName(code)} from ${target}: ${details}${where}`;
    }
  }
}
