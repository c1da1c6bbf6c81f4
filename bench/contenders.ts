/**
 * Everything the harness measures, per case. Each contender prepares, for one case's value, a batch
 * function per direction: `run(n)` does the operation n times on the same input and returns the last
 * result. Every loop is written out in its own function (its own call-site feedback in V8), so no
 * contender's inlining depends on another's.
 *
 * The raw contenders decode the very bytes safewire decodes, with the library configured as safewire
 * configures it (64-bit integers exact), and encode the value their own decoder gives back.
 */
import { existsSync, readFileSync } from "node:fs";
import { Decoder, Encoder } from "@msgpack/msgpack";
import avsc from "avsc";
import { Packr } from "msgpackr";
import type { z } from "zod";
import { safewire } from "../src/generated/robotics.js";
import { loadCodec, type Messages, messageSchemas } from "../src/robotics/index.js";
import type { CaseName } from "./fixtures.js";

export type Direction = "encode" | "decode" | "copy";
export type Batch = (n: number) => unknown;

export interface ContenderInfo {
  readonly id: string;
  /** Shown in tables. */
  readonly label: string;
  /** safewire (validated, limits on), raw (a library alone), reference (other ways), limit (memcpy). */
  readonly kind: "safewire" | "raw" | "reference" | "limit";
  /** For safewire contenders: the raw library it is compared to. */
  readonly rawId?: string;
  readonly format?: "protobuf" | "avro" | "msgpack";
}

export interface Prepared {
  /** Bytes on the wire (what MB/s counts). */
  readonly bytes: number;
  readonly ops: Partial<Record<Direction, Batch>>;
  /** Problems found while preparing (a round trip that differs, a decode that copies): reported, not fatal. */
  readonly notes: string[];
}

export const CONTENDERS: readonly ContenderInfo[] = [
  {
    id: "sw-protobuf",
    label: "safewire protobuf",
    kind: "safewire",
    rawId: "protobufjs",
    format: "protobuf",
  },
  { id: "sw-avro", label: "safewire avro", kind: "safewire", rawId: "avsc", format: "avro" },
  { id: "sw-msgpack", label: "safewire msgpack", kind: "safewire", rawId: "msgpack", format: "msgpack" },
  { id: "protobufjs", label: "protobufjs (static)", kind: "raw", format: "protobuf" },
  { id: "avsc", label: "avsc", kind: "raw", format: "avro" },
  { id: "msgpack", label: "@msgpack/msgpack", kind: "raw", format: "msgpack" },
  { id: "msgpackr", label: "msgpackr", kind: "raw" },
  { id: "msgpackr-zod", label: "msgpackr + zod", kind: "reference" },
  { id: "json-zod", label: "JSON + base64 + zod", kind: "reference" },
  { id: "pickle", label: "Python pickle 5 + numpy", kind: "reference" },
  { id: "memcpy-set", label: "memcpy (Uint8Array.set)", kind: "limit" },
  { id: "memcpy-alloc", label: "alloc + copy", kind: "limit" },
];

/** Contenders the Node child measures (pickle runs in Python). */
export const NODE_CONTENDERS = CONTENDERS.filter((c) => c.id !== "pickle").map((c) => c.id);

export function contenderInfo(id: string): ContenderInfo {
  const c = CONTENDERS.find((x) => x.id === id);
  if (c === undefined) throw new Error(`unknown contender "${id}"`);
  return c;
}

type WireFormat = "protobuf" | "avro" | "msgpack";

/** Context shared by the contenders of one case: the value and safewire's own encodings of it. */
export interface CaseContext<C extends CaseName = CaseName> {
  readonly name: C;
  readonly value: Messages[C];
  /** safewire's encoding of the value in a format (made on first use, then kept). */
  wire(format: WireFormat): Promise<Uint8Array>;
}

export function caseContext<C extends CaseName>(name: C, value: Messages[C]): CaseContext<C> {
  const cache = new Map<WireFormat, Uint8Array>();
  return {
    name,
    value,
    async wire(format) {
      let bytes = cache.get(format);
      if (bytes === undefined) {
        bytes = (await loadCodec(name, format)).encode(value);
        cache.set(format, bytes);
      }
      return bytes;
    },
  };
}

const STATIC = safewire.robotics.v1;
interface StaticClass {
  encode(message: unknown): { finish(): Uint8Array };
  decode(bytes: Uint8Array): unknown;
}

/** The same Avro `long` mapping safewire encodes with: exact bigints (avsc's own refuses past 2^53). */
const BIGINT_LONG = avsc.types.LongType.__with({
  fromBuffer: (buf: Buffer) => buf.readBigInt64LE(0),
  toBuffer: (v: bigint) => {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(v);
    return b;
  },
  fromJSON: (v: unknown) => BigInt(v as number | string),
  toJSON: (v: bigint) => Number(v),
  isValid: (v: unknown) => typeof v === "bigint",
  compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
});

/** The repository root: the nearest folder up from this module with schemas/avro (this file may be bundled). */
function repoRoot(): URL {
  let dir = new URL(".", import.meta.url);
  for (let i = 0; i < 6; i++) {
    if (existsSync(new URL("schemas/avro/", dir))) return dir;
    dir = new URL("..", dir);
  }
  throw new Error("cannot find schemas/avro above the benchmark");
}

function avroType(name: CaseName): avsc.Type {
  const url = new URL(`schemas/avro/${name}.avsc`, repoRoot());
  const schema = JSON.parse(readFileSync(url, "utf8")) as Parameters<typeof avsc.Type.forSchema>[0];
  return avsc.Type.forSchema(schema, {
    wrapUnions: "never",
    registry: {},
    typeHook: (s: unknown) =>
      s === "long" || (typeof s === "object" && s !== null && (s as { type?: unknown }).type === "long")
        ? BIGINT_LONG
        : undefined,
  });
}

/** A Buffer over the same memory (avsc reads Buffers only): made once, outside the timed loop. */
function bufferView(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

// ---- JSON + base64 + zod: the "naive safe" way ----

function jsonReplacer(_key: string, v: unknown): unknown {
  if (typeof v === "bigint") return { $int: v.toString() };
  if (v instanceof Uint8Array)
    return { $b64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64") };
  return v;
}

function jsonReviver(_key: string, v: unknown): unknown {
  if (typeof v === "object" && v !== null && !Array.isArray(v)) {
    const o = v as { $b64?: unknown; $int?: unknown };
    if (typeof o.$b64 === "string") {
      const b = Buffer.from(o.$b64, "base64");
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    }
    if (typeof o.$int === "string") return BigInt(o.$int);
  }
  return v;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** Prepares one contender for one case. */
export async function prepare(id: string, ctx: CaseContext): Promise<Prepared> {
  const { name, value } = ctx;
  const notes: string[] = [];
  const schema = messageSchemas()[name] as z.ZodType<unknown>;
  switch (id) {
    case "sw-protobuf": {
      const codec = await loadCodec(name, "protobuf");
      const bytes = await ctx.wire("protobuf");
      checkViews(name, codec.decode(bytes), bytes, notes);
      return {
        bytes: bytes.length,
        ops: {
          encode: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++) r = codec.encode(value);
            return r;
          },
          decode: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++) r = codec.decode(bytes);
            return r;
          },
        },
        notes,
      };
    }
    case "sw-avro": {
      const codec = await loadCodec(name, "avro");
      const bytes = await ctx.wire("avro");
      checkViews(name, codec.decode(bytes), bytes, notes);
      return {
        bytes: bytes.length,
        ops: {
          encode: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++) r = codec.encode(value);
            return r;
          },
          decode: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++) r = codec.decode(bytes);
            return r;
          },
        },
        notes,
      };
    }
    case "sw-msgpack": {
      const codec = await loadCodec(name, "msgpack");
      const bytes = await ctx.wire("msgpack");
      checkViews(name, codec.decode(bytes), bytes, notes);
      return {
        bytes: bytes.length,
        ops: {
          encode: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++) r = codec.encode(value);
            return r;
          },
          decode: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++) r = codec.decode(bytes);
            return r;
          },
        },
        notes,
      };
    }
    case "protobufjs": {
      const cls = STATIC[name] as unknown as StaticClass;
      const bytes = await ctx.wire("protobuf");
      const message = cls.decode(bytes);
      const again = cls.encode(message).finish();
      if (!sameBytes(again, bytes)) notes.push("protobufjs re-encodes to different bytes (map order?)");
      return {
        bytes: bytes.length,
        ops: {
          encode: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++) r = cls.encode(message).finish();
            return r;
          },
          decode: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++) r = cls.decode(bytes);
            return r;
          },
        },
        notes,
      };
    }
    case "avsc": {
      const type = avroType(name);
      const buf = bufferView(await ctx.wire("avro"));
      const decoded: unknown = type.fromBuffer(buf);
      if (!sameBytes(type.toBuffer(decoded), buf)) notes.push("avsc re-encodes to different bytes");
      return {
        bytes: buf.length,
        ops: {
          encode: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++) r = type.toBuffer(decoded);
            return r;
          },
          decode: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++) r = type.fromBuffer(buf);
            return r;
          },
        },
        notes,
      };
    }
    case "msgpack": {
      const decoder = new Decoder({ useBigInt64: true });
      const encoder = new Encoder({ useBigInt64: true, ignoreUndefined: true });
      const bytes = await ctx.wire("msgpack");
      const decoded = decoder.decode(bytes);
      if (!sameBytes(encoder.encode(decoded), bytes)) notes.push("@msgpack/msgpack re-encodes differently");
      return {
        bytes: bytes.length,
        ops: {
          encode: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++) r = encoder.encode(decoded);
            return r;
          },
          decode: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++) r = decoder.decode(bytes);
            return r;
          },
        },
        notes,
      };
    }
    case "msgpackr": {
      const packr = new Packr({ useRecords: false, mapsAsObjects: true, int64AsType: "bigint" });
      const bytes = await ctx.wire("msgpack");
      const decoded: unknown = packr.unpack(bytes);
      return {
        bytes: bytes.length,
        ops: {
          encode: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++) r = packr.pack(decoded);
            return r;
          },
          decode: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++) r = packr.unpack(bytes);
            return r;
          },
        },
        notes,
      };
    }
    case "msgpackr-zod": {
      const packr = new Packr({ useRecords: false, mapsAsObjects: true, int64AsType: "bigint" });
      const bytes = await ctx.wire("msgpack");
      schema.parse(packr.unpack(bytes));
      return {
        bytes: bytes.length,
        ops: {
          encode: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++) r = packr.pack(schema.parse(value));
            return r;
          },
          decode: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++) r = schema.parse(packr.unpack(bytes));
            return r;
          },
        },
        notes,
      };
    }
    case "json-zod": {
      const bytes = utf8Encoder.encode(JSON.stringify(schema.parse(value), jsonReplacer));
      const back = schema.parse(JSON.parse(utf8Decoder.decode(bytes), jsonReviver));
      const again = utf8Encoder.encode(JSON.stringify(back, jsonReplacer));
      if (!sameBytes(again, bytes)) notes.push("JSON round trip differs");
      return {
        bytes: bytes.length,
        ops: {
          encode: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++)
              r = utf8Encoder.encode(JSON.stringify(schema.parse(value), jsonReplacer));
            return r;
          },
          decode: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++) r = schema.parse(JSON.parse(utf8Decoder.decode(bytes), jsonReviver));
            return r;
          },
        },
        notes,
      };
    }
    case "memcpy-set": {
      const src = await ctx.wire("protobuf");
      const dst = new Uint8Array(src.length);
      return {
        bytes: src.length,
        ops: {
          copy: (n) => {
            for (let i = 0; i < n; i++) dst.set(src);
            return dst;
          },
        },
        notes,
      };
    }
    case "memcpy-alloc": {
      const src = await ctx.wire("protobuf");
      return {
        bytes: src.length,
        ops: {
          copy: (n) => {
            let r: unknown;
            for (let i = 0; i < n; i++) r = src.slice();
            return r;
          },
        },
        notes,
      };
    }
    default:
      throw new Error(`unknown contender "${id}"`);
  }
}

/** Decoded binaries must be views into the input, not copies: checked once per contender. */
function checkViews(name: CaseName, decoded: unknown, input: Uint8Array, notes: string[]): void {
  const binaries: Uint8Array[] = [];
  const walk = (v: unknown): void => {
    if (v instanceof Uint8Array) binaries.push(v);
    else if (Array.isArray(v)) for (const x of v) walk(x);
    else if (typeof v === "object" && v !== null) for (const x of Object.values(v)) walk(x);
  };
  walk(decoded);
  const copies = binaries.filter((b) => b.length > 0 && b.buffer !== input.buffer).length;
  if (copies > 0)
    notes.push(`${name}: ${copies} of ${binaries.length} decoded binaries are copies, not views`);
}
