// Shared by the robotics tests (not a test file itself).
import { z } from "zod";
import { avroCodec } from "../../src/formats/avro/index.js";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import type { Codec, Format, Limits } from "../../src/index.js";
import { AVRO_SCHEMAS } from "../../src/robotics/avro-schemas.js";
import { type CodecOptions, loadAvro, codec as roboticsCodec } from "../../src/robotics/codecs.js";
import type { MessageName, Messages } from "../../src/robotics/messages.js";
import { protobufDescriptor, STATIC_CLASSES } from "../../src/robotics/protobuf.js";

export const FORMATS: readonly Format[] = ["protobuf", "avro", "msgpack"];

await loadAvro();

/** The robotics codec (Avro already loaded). */
export function codec<M extends MessageName>(
  message: M,
  format: Format,
  options: CodecOptions = {},
): Codec<Messages[M]> {
  return roboticsCodec(message, format, options);
}

const LAX: Partial<Limits> = { maxBytes: 1 << 30, maxBinaryBytes: 1 << 30 };

/**
 * A codec for the same wire schema that checks nothing about the value beyond what the wire needs:
 * it writes the hostile messages the robotics codecs must refuse.
 */
export function laxCodec(message: MessageName, format: Format): Codec<unknown> {
  const schema = z.unknown();
  switch (format) {
    case "protobuf":
      return protobufCodec({
        type: STATIC_CLASSES[message],
        descriptor: protobufDescriptor(message),
        schema,
        limits: LAX,
      });
    case "avro":
      return avroCodec({ type: AVRO_SCHEMAS[message], schema, limits: LAX });
    case "msgpack":
      return msgpackCodec({ schema, limits: LAX });
  }
}

/** Replaces every occurrence of one ASCII string in `bytes` by another of the same length. */
export function replaceAscii(bytes: Uint8Array, from: string, to: string): Uint8Array {
  if (from.length !== to.length) throw new Error("same length only");
  const a = Buffer.from(from, "latin1");
  const b = Buffer.from(to, "latin1");
  const out = Buffer.from(bytes);
  let found = 0;
  for (let i = out.indexOf(a); i >= 0; i = out.indexOf(a, i + 1)) {
    b.copy(out, i);
    found++;
  }
  if (found === 0) throw new Error(`"${from}" not found`);
  return new Uint8Array(out);
}

/**
 * The value with every Uint8Array as `{ bytes: "<base64>" }`: compares like the original under toEqual
 * (bigint, -0 and NaN included), but large binaries compare as one string instead of element by element.
 */
export function comparable(x: unknown): unknown {
  if (x instanceof Uint8Array)
    return { bytes: Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString("base64") };
  if (Array.isArray(x)) return x.map(comparable);
  if (typeof x === "object" && x !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) {
      Object.defineProperty(out, k, {
        value: comparable(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return x;
}
