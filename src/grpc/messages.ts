/**
 * The transport's own messages (`Empty`, `Chunk`, `Envelope` in services.proto) and the repeated-field
 * framing of `TransitionBatch`. They are flat protobuf messages of a few scalar fields, so this file walks
 * them itself (no wire library), through the same `createCodec` pipeline as every safewire codec: the
 * maxBytes check, the pickle sniff, one bounded walk, then zod.
 */
import { z } from "zod";
import { type Codec, createCodec, type WireDriver } from "../codec.js";
import {
  failLimit,
  failMalformed,
  IssueSignal,
  type LimitIssue,
  limitIssue,
  type Path,
  SafewireError,
  type SafewireIssue,
} from "../errors.js";
import { type Limits, resolveLimits } from "../limits.js";
import { bytes, uint32, uint64 } from "../schema.js";
import { isValidUtf8 } from "../utf8.js";

/** `safewire.robotics.v1.Empty`: no fields. */
export type Empty = Record<string, never>;

/** One piece of a large encoded message (`safewire.robotics.v1.Chunk`). */
export interface Chunk {
  /** Names the transfer; the same on every piece of it. 1 .. 64 bytes. */
  transfer_id: string;
  /** 0, 1, 2, … within the transfer. */
  index: number;
  /** True on the final piece. */
  last: boolean;
  /** The whole message's size in bytes; the same on every piece. */
  total_bytes: bigint;
  /** This piece's bytes. */
  data: Uint8Array;
}

/** Formats a message may be carried in inside an `Envelope`. */
export const ENVELOPE_FORMATS = ["protobuf", "msgpack", "avro"] as const;
export type EnvelopeFormat = (typeof ENVELOPE_FORMATS)[number];

/** A message encoded in another safewire format (`safewire.robotics.v1.Envelope`). */
export interface Envelope {
  format: EnvelopeFormat;
  payload: Uint8Array;
}

export const MAX_TRANSFER_ID_BYTES = 64;

type Kind = "string" | "bytes" | "uint32" | "uint64" | "bool";
interface FlatField {
  id: number;
  name: string;
  kind: Kind;
}

const WIRE_OF: Record<Kind, number> = { string: 2, bytes: 2, uint32: 0, uint64: 0, bool: 0 };
const DEFAULT_OF: Record<Kind, () => unknown> = {
  string: () => "",
  bytes: () => new Uint8Array(0),
  uint32: () => 0,
  uint64: () => 0n,
  bool: () => false,
};

/**
 * `limitIssue` for a uint64 size the peer declared. The issue's `actual` is a number, so past 2^53 it holds
 * 2^53 - 1; the sentence says the value actually sent.
 */
export function declaredLimitIssue(
  limit: LimitIssue["limit"],
  declared: bigint,
  max: number,
  path: Path,
  what: string,
  offset?: number,
): LimitIssue {
  const actual = declared > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(declared);
  const issue = limitIssue(limit, actual, max, path, what, offset);
  if (BigInt(actual) !== declared)
    issue.message = issue.message.replace(` is ${actual} `, ` is ${declared} `);
  return issue;
}

/** Reads a varint at `pos` as a bigint (at most 10 bytes, at most 64 bits). */
function readVarint(buf: Uint8Array, pos: number, path: PropertyKey[]): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= buf.length) failMalformed("a varint runs past the end of the message", path, pos);
    const b = buf[pos + i] as number;
    if (i === 9 && b > 1) failMalformed("a varint is longer than 64 bits", path, pos);
    result |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return [result, pos + i + 1];
    shift += 7n;
  }
  return failMalformed("a varint is longer than 10 bytes", path, pos);
}

/** Walks a flat message once: every length against the limits and the bytes left; unknown fields skipped. */
function walkFlat(
  fields: readonly FlatField[],
  buf: Uint8Array,
  limits: Readonly<Limits>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const seen = new Set<number>();
  let pos = 0;
  while (pos < buf.length) {
    const tagAt = pos;
    const [tag, afterTag] = readVarint(buf, pos, []);
    pos = afterTag;
    if (tag > 0xffffffffn) failMalformed("a field tag is out of range", [], tagAt);
    const id = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    if (id === 0 || id > 536_870_911) failMalformed(`field number ${id} is invalid`, [], tagAt);
    const field = fields.find((f) => f.id === id);
    const path: PropertyKey[] = field ? [field.name] : [];
    if (field && WIRE_OF[field.kind] !== wire) {
      failMalformed(
        `field ${field.name} has wire type ${wire}, expected ${WIRE_OF[field.kind]}`,
        path,
        tagAt,
      );
    }
    if (field && seen.has(id)) failMalformed(`field ${field.name} appears twice`, path, tagAt);
    seen.add(id);
    switch (wire) {
      case 0: {
        const [v, next] = readVarint(buf, pos, path);
        if (field?.kind === "uint32") {
          if (v > 0xffffffffn) failMalformed("a uint32 field holds more than 32 bits", path, pos);
          out[field.name] = Number(v);
        } else if (field?.kind === "bool") {
          if (v > 1n) failMalformed("a bool field holds a value other than 0 or 1", path, pos);
          out[field.name] = v === 1n;
        } else if (field?.kind === "uint64") {
          out[field.name] = v;
        }
        pos = next;
        break;
      }
      case 1:
      case 5: {
        const size = wire === 1 ? 8 : 4;
        if (pos + size > buf.length) failMalformed("a fixed-size field runs past the end", path, pos);
        pos += size;
        break;
      }
      case 2: {
        const lenAt = pos;
        const [len64, start] = readVarint(buf, pos, path);
        const left = buf.length - start;
        const isString = field?.kind === "string";
        const cap = isString ? limits.maxStringBytes : limits.maxBinaryBytes;
        if (len64 > BigInt(cap)) {
          throw new IssueSignal(
            declaredLimitIssue(
              isString ? "maxStringBytes" : "maxBinaryBytes",
              len64,
              cap,
              path,
              isString ? "string" : "binary",
              lenAt,
            ),
          );
        }
        const len = Number(len64);
        if (len > left) failMalformed(`a field declares ${len} bytes but ${left} remain`, path, lenAt);
        const end = start + len;
        if (isString) {
          if (!isValidUtf8(buf, start, end)) failMalformed("string is not valid UTF-8", path, start);
          out[(field as FlatField).name] = Buffer.from(buf.buffer, buf.byteOffset + start, len).toString(
            "utf8",
          );
        } else if (field) {
          out[field.name] = new Uint8Array(buf.buffer, buf.byteOffset + start, len);
        }
        pos = end;
        break;
      }
      default:
        failMalformed(`wire type ${wire} is not allowed here`, path, tagAt);
    }
  }
  for (const f of fields) if (!(f.name in out)) out[f.name] = DEFAULT_OF[f.kind]();
  return out;
}

function varintBytes(v: bigint, out: number[]): void {
  let x = v;
  while (x >= 0x80n) {
    out.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  }
  out.push(Number(x));
}

function writeFlat(fields: readonly FlatField[], value: Record<string, unknown>): Uint8Array {
  const head: number[] = [];
  const parts: Uint8Array[] = [];
  let total = 0;
  const flush = () => {
    if (head.length > 0) {
      const h = Uint8Array.from(head);
      parts.push(h);
      total += h.length;
      head.length = 0;
    }
  };
  for (const f of fields) {
    const v = value[f.name];
    const tag = BigInt((f.id << 3) | WIRE_OF[f.kind]);
    switch (f.kind) {
      case "bool":
        if (v === true) {
          varintBytes(tag, head);
          head.push(1);
        }
        break;
      case "uint32":
      case "uint64": {
        const n = BigInt(v as number | bigint);
        if (n !== 0n) {
          varintBytes(tag, head);
          varintBytes(n, head);
        }
        break;
      }
      case "string":
      case "bytes": {
        const data = typeof v === "string" ? new TextEncoder().encode(v) : (v as Uint8Array);
        if (data.length === 0) break;
        varintBytes(tag, head);
        varintBytes(BigInt(data.length), head);
        flush();
        parts.push(data);
        total += data.length;
        break;
      }
    }
  }
  flush();
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const UNBOUNDED: Readonly<Limits> = Object.freeze({
  maxBytes: Number.MAX_SAFE_INTEGER,
  maxDepth: Number.MAX_SAFE_INTEGER,
  maxStringBytes: Number.MAX_SAFE_INTEGER,
  maxBinaryBytes: Number.MAX_SAFE_INTEGER,
  maxArrayLength: Number.MAX_SAFE_INTEGER,
  maxMapEntries: Number.MAX_SAFE_INTEGER,
});

function flatDriver(fields: readonly FlatField[]): WireDriver {
  return {
    format: "protobuf",
    prescan: (buf, limits) => void walkFlat(fields, buf, limits),
    // The prescan has checked every length against the codec's limits; the read walks the same bytes.
    read: (buf) => walkFlat(fields, buf, UNBOUNDED),
    write: (value) => writeFlat(fields, value as Record<string, unknown>),
  };
}

const EmptySchema = z.object({}).strict() as unknown as z.ZodType<Empty>;
const ChunkSchema: z.ZodType<Chunk> = z.object({
  transfer_id: z
    .string()
    .min(1, { message: "transfer_id must not be empty" })
    .refine((s) => Buffer.byteLength(s) <= MAX_TRANSFER_ID_BYTES, {
      message: `transfer_id is longer than ${MAX_TRANSFER_ID_BYTES} bytes`,
    }),
  index: uint32(),
  last: z.boolean(),
  total_bytes: uint64(),
  data: bytes(),
});
const EnvelopeSchema: z.ZodType<Envelope> = z.object({ format: z.enum(ENVELOPE_FORMATS), payload: bytes() });

/** Any non-empty input to Empty is refused: it has no fields to carry, so bytes there are a probe or a bug. */
const emptyDriver: WireDriver = {
  format: "protobuf",
  prescan(buf) {
    if (buf.length > 0) failMalformed(`an Empty message must have no bytes, got ${buf.length}`, [], 0);
  },
  read: () => ({}),
  write: () => new Uint8Array(0),
};

/** Small enough that anything sent to an Empty method is refused cheaply, large enough to name a pickle. */
export const EMPTY_MAX_BYTES = 64 * 1024;

/** The codec of `Empty`. */
export function emptyCodec(): Codec<Empty> {
  return createCodec({
    driver: emptyDriver,
    schema: EmptySchema,
    limits: resolveLimits({ maxBytes: EMPTY_MAX_BYTES }),
    name: "safewire.robotics.v1.Empty",
  });
}

const CHUNK_FIELDS: readonly FlatField[] = [
  { id: 1, name: "transfer_id", kind: "string" },
  { id: 2, name: "index", kind: "uint32" },
  { id: 3, name: "last", kind: "bool" },
  { id: 4, name: "total_bytes", kind: "uint64" },
  { id: 5, name: "data", kind: "bytes" },
];
/** Tag, length and the four small fields of a Chunk fit in this many bytes. */
export const CHUNK_OVERHEAD_BYTES = 128;

/** The codec of `Chunk`, for pieces of at most `maxPieceBytes` data bytes. */
export function chunkCodec(maxPieceBytes: number): Codec<Chunk> {
  return createCodec({
    driver: flatDriver(CHUNK_FIELDS),
    schema: ChunkSchema,
    limits: resolveLimits({
      maxBytes: maxPieceBytes + CHUNK_OVERHEAD_BYTES,
      maxBinaryBytes: maxPieceBytes,
      maxStringBytes: MAX_TRANSFER_ID_BYTES,
    }),
    name: "safewire.robotics.v1.Chunk",
  });
}

const ENVELOPE_FIELDS: readonly FlatField[] = [
  { id: 1, name: "format", kind: "string" },
  { id: 2, name: "payload", kind: "bytes" },
];

/** Tag, length and format of an Envelope fit in this many bytes. */
export const ENVELOPE_OVERHEAD_BYTES = 64;

/** The codec of `Envelope`, for payloads of at most `maxPayloadBytes`. */
export function envelopeCodec(maxPayloadBytes: number): Codec<Envelope> {
  return createCodec({
    driver: flatDriver(ENVELOPE_FIELDS),
    schema: EnvelopeSchema,
    limits: resolveLimits({
      maxBytes: maxPayloadBytes + ENVELOPE_OVERHEAD_BYTES,
      maxBinaryBytes: maxPayloadBytes,
      maxStringBytes: 16,
    }),
    name: "safewire.robotics.v1.Envelope",
  });
}

export interface RepeatedCodecOptions {
  /** Most elements. */
  maxItems: number;
  /** Most bytes of the whole list. */
  maxBytes: number;
  /** The list message's name, for errors. */
  name: string;
}

/**
 * `message List { repeated T items = 1; }` over a protobuf `Codec<T>`: each element is one
 * length-delimited field 1, decoded by `item` (with its own limits). Unknown fields are refused.
 */
export function repeatedCodec<T>(item: Codec<T>, options: RepeatedCodecOptions): Codec<T[]> {
  if (item.format !== "protobuf") throw new TypeError("repeatedCodec needs a protobuf item codec");
  const limits = resolveLimits({ maxBytes: options.maxBytes, maxArrayLength: options.maxItems });
  const rebase = (err: SafewireError, i: number, at: number): SafewireError =>
    new SafewireError({
      format: err.format,
      direction: err.direction,
      issues: err.issues.map((issue) => {
        const moved: SafewireIssue = { ...issue, path: [i, ...issue.path] };
        if (issue.offset !== undefined) moved.offset = issue.offset + at;
        return moved;
      }),
      cause: err,
    });

  function split(buf: Uint8Array): { at: number; bytes: Uint8Array }[] {
    const items: { at: number; bytes: Uint8Array }[] = [];
    let pos = 0;
    while (pos < buf.length) {
      const tagAt = pos;
      const [tag, afterTag] = readVarint(buf, pos, [items.length]);
      if (tag !== 0x0an)
        failMalformed("expected field 1 (a length-delimited element)", [items.length], tagAt);
      const [len64, start] = readVarint(buf, afterTag, [items.length]);
      if (len64 > BigInt(buf.length - start)) {
        failMalformed(
          `an element declares ${len64} bytes but ${buf.length - start} remain`,
          [items.length],
          afterTag,
        );
      }
      if (items.length >= limits.maxArrayLength) {
        failLimit("maxArrayLength", items.length + 1, limits.maxArrayLength, [], "list", tagAt);
      }
      const end = start + Number(len64);
      items.push({ at: start, bytes: buf.subarray(start, end) });
      pos = end;
    }
    return items;
  }

  const driver: WireDriver = {
    format: "protobuf",
    prescan: (buf) => void split(buf),
    read(buf) {
      return split(buf).map(({ at, bytes: b }, i) => {
        const r = item.safeDecode(b);
        if (!r.ok) throw rebase(r.error, i, at);
        return r.value;
      });
    },
    write(value) {
      const list = value as T[];
      const parts: Uint8Array[] = [];
      let total = 0;
      list.forEach((v, i) => {
        const r = item.safeEncode(v);
        if (!r.ok) throw rebase(r.error, i, 0);
        const head: number[] = [0x0a];
        varintBytes(BigInt(r.value.length), head);
        parts.push(Uint8Array.from(head), r.value);
        total += head.length + r.value.length;
      });
      const out = new Uint8Array(total);
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    },
  };
  const schema = z.array(z.custom<T>(() => true)).max(options.maxItems) as unknown as z.ZodType<T[]>;
  return createCodec({ driver, schema, limits, name: options.name });
}
