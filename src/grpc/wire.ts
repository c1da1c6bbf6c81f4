/**
 * How one rpc's messages become gRPC payloads and back: straight through a codec, inside an `Envelope`
 * (msgpack or Avro on PolicyEnvelopeService), or split into `Chunk`s (LearnerService). Each direction
 * is opened once per call, with the call's request metadata, so a stream can keep state (a reassembler).
 */
import type { Metadata } from "@grpc/grpc-js";
import type { Codec } from "../codec.js";
import { type Format, SafewireError, schemaIssue } from "../errors.js";
import { chunkMessage, DEFAULT_PIECE_BYTES, Reassembler } from "./chunks.js";
import { chunkCodec, type EnvelopeFormat, envelopeCodec } from "./messages.js";

/** Metadata key naming the format of PolicyEnvelopeService payloads. */
export const MD_WIRE_FORMAT = "safewire-format";

/** Reads one call's payloads. `push` returns a message, or undefined while a chunked one is incomplete. */
export interface Decoder<T> {
  push(bytes: Uint8Array): T | undefined;
  /** The stream ended: throws if a message was left incomplete. */
  end(): void;
  /**
   * The message type the last `push` or `end` was reading (where it differs from the Inbound's `name`: a
   * piece of a chunked message is a Chunk), for the refusal's `safewire-message`.
   */
  readonly reading?: string;
}

export interface Inbound<T> {
  /** The message type, for logs and metadata. */
  readonly name: string;
  /** The largest single gRPC payload this accepts: gRPC's receive limit is aligned to it. */
  readonly maxBytes: number;
  open(metadata: Metadata): Decoder<T>;
}

export interface Outbound<T> {
  readonly name: string;
  /** The largest single gRPC payload this sends. */
  readonly maxBytes: number;
  /** Returns the encoder for one call: a message becomes one or more payloads. */
  open(metadata: Metadata): (value: T) => Iterable<Uint8Array>;
}

export function codecInbound<T>(codec: Codec<T>): Inbound<T> {
  const decoder: Decoder<T> = { push: (bytes) => codec.decode(bytes), end: () => {} };
  return { name: codec.name, maxBytes: codec.limits.maxBytes, open: () => decoder };
}

export function codecOutbound<T>(codec: Codec<T>): Outbound<T> {
  const encode = (value: T): Iterable<Uint8Array> => [codec.encode(value)];
  return { name: codec.name, maxBytes: codec.limits.maxBytes, open: () => encode };
}

/** The format a PolicyEnvelopeService call declared in its metadata, or undefined. */
export function declaredFormat(metadata: Metadata): string | undefined {
  const v = metadata.get(MD_WIRE_FORMAT)[0];
  return typeof v === "string" ? v : undefined;
}

/** The codec of `format`, or a refusal at `format`; `what` names the format's source in the sentence. */
function pick<T>(
  codecs: Partial<Record<Format, Codec<T>>>,
  format: string | undefined,
  direction: "encode" | "decode",
  what = `format "${format}"`,
) {
  const codec = format !== undefined && Object.hasOwn(codecs, format) ? codecs[format as Format] : undefined;
  if (codec === undefined) {
    const accepted = Object.keys(codecs).join(", ");
    throw new SafewireError({
      format: "protobuf",
      direction,
      issues: [schemaIssue(`${what} is not accepted here (accepted: ${accepted})`, ["format"])],
    });
  }
  return codec;
}

function maxOf<T>(codecs: Partial<Record<Format, Codec<T>>>): number {
  return Math.max(0, ...Object.values(codecs).map((c) => (c as Codec<T>).limits.maxBytes));
}

/**
 * Messages inside an Envelope. On decode the envelope's own format picks the codec (and must match the
 * call's `safewire-format` metadata when that is set); the inner codec's refusal is passed on as it is.
 */
export function envelopeInbound<T>(
  name: string,
  codecs: Partial<Record<EnvelopeFormat, Codec<T>>>,
): Inbound<T> {
  const envelope = envelopeCodec(maxOf(codecs));
  return {
    name,
    maxBytes: envelope.limits.maxBytes,
    open(metadata) {
      const declared = declaredFormat(metadata);
      return {
        push(bytes) {
          const env = envelope.decode(bytes);
          if (declared !== undefined && env.format !== declared) {
            throw new SafewireError({
              format: "protobuf",
              direction: "decode",
              issues: [
                schemaIssue(`envelope format "${env.format}" differs from the call's "${declared}"`, [
                  "format",
                ]),
              ],
            });
          }
          return pick(codecs, env.format, "decode").decode(env.payload);
        },
        end() {},
      };
    },
  };
}

/**
 * Messages inside an Envelope, in the format the call's `safewire-format` metadata names. `open` refuses
 * (schema_violation at `format`) a call that names none or one not served: the server opens it before the
 * handler runs, so the client's mistake is a refusal rather than a failed response.
 */
export function envelopeOutbound<T>(
  name: string,
  codecs: Partial<Record<EnvelopeFormat, Codec<T>>>,
): Outbound<T> {
  const envelope = envelopeCodec(maxOf(codecs));
  return {
    name,
    maxBytes: envelope.limits.maxBytes,
    open(metadata) {
      const format = declaredFormat(metadata);
      const missing = format === undefined ? `a call without ${MD_WIRE_FORMAT} metadata` : undefined;
      const codec = pick(codecs, format, "encode", missing);
      return (value) => [envelope.encode({ format: format as EnvelopeFormat, payload: codec.encode(value) })];
    },
  };
}

export interface ChunkedOptions {
  /** Largest piece accepted (inbound) or sent (outbound), in data bytes. */
  pieceBytes?: number;
}

/** Messages reassembled from Chunks; the whole is bounded by `codec.limits.maxBytes`. */
export function chunkedInbound<T>(codec: Codec<T>, options: ChunkedOptions = {}): Inbound<T> {
  const maxPieceBytes = options.pieceBytes ?? 2 * DEFAULT_PIECE_BYTES;
  const pieces = chunkCodec(maxPieceBytes);
  return {
    name: codec.name,
    maxBytes: pieces.limits.maxBytes,
    open() {
      // What a refusal concerns: the piece (its decode, the reassembly's checks) or the whole message.
      let reading = pieces.name;
      const whole = {
        decode(bytes: Uint8Array): T {
          reading = codec.name;
          return codec.decode(bytes);
        },
      };
      const reassembler = new Reassembler(whole, {
        maxTotalBytes: codec.limits.maxBytes,
        maxPieceBytes,
      });
      return {
        push(bytes) {
          reading = pieces.name;
          return reassembler.push(pieces.decode(bytes));
        },
        end() {
          reading = pieces.name;
          reassembler.end();
        },
        get reading() {
          return reading;
        },
      };
    },
  };
}

/** Messages split into Chunks of `pieceBytes`. */
export function chunkedOutbound<T>(codec: Codec<T>, options: ChunkedOptions = {}): Outbound<T> {
  const pieceBytes = options.pieceBytes ?? DEFAULT_PIECE_BYTES;
  const pieces = chunkCodec(pieceBytes);
  return {
    name: codec.name,
    maxBytes: pieces.limits.maxBytes,
    open() {
      return function* (value: T) {
        for (const chunk of chunkMessage(codec.encode(value), { pieceBytes })) yield pieces.encode(chunk);
      };
    },
  };
}
