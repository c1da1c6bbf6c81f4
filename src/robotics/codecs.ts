/**
 * `robotics.codec(message, format)`: a validated, bounded Codec for any message of the set in any format.
 *
 * protobuf uses static code generated from schemas/safewire/robotics/v1/*.proto (no code generation at
 * run time); msgpack needs no schema file. Both work under `node --disallow-code-generation-from-strings`.
 * Avro is loaded on demand (see ./avro.ts): call `await loadAvro()` once, or use `loadCodec()`.
 */
import type { Codec } from "../codec.js";
import type { Format } from "../errors.js";
import { msgpackCodec } from "../formats/msgpack/index.js";
import type { Limits } from "../limits.js";
import { limitsFor } from "./limits.js";
import {
  checkMessageName,
  type MessageName,
  type Messages,
  messageSchemas,
  type SchemaOptions,
} from "./messages.js";
import { protobufRoboticsCodec } from "./protobuf.js";

export interface CodecOptions extends SchemaOptions {
  /** Limits over the message's defaults (`MESSAGE_LIMITS`). `maxBytes` alone raises `maxBinaryBytes` too. */
  limits?: Partial<Limits>;
}

type AvroFactory = <M extends MessageName>(message: M, options?: CodecOptions) => Codec<Messages[M]>;
let avroFactory: AvroFactory | undefined;

/** @internal Called by ./avro.ts when it loads. */
export function registerAvro(factory: AvroFactory): void {
  avroFactory = factory;
}

/** Loads Avro support (and avsc, which compiles code at load). After it resolves, `codec(m, "avro")` works. */
export async function loadAvro(): Promise<void> {
  if (avroFactory === undefined) await import("./avro.js");
}

/** True once Avro support is loaded. */
export function avroLoaded(): boolean {
  return avroFactory !== undefined;
}

/**
 * A codec for `message` in `format`, with the message's default limits (`MESSAGE_LIMITS`) under
 * `options.limits`. For "avro", load Avro support first (`await loadAvro()`, or import
 * `safewire/robotics/avro`): otherwise this throws an Error saying so.
 */
export function codec<M extends MessageName>(
  message: M,
  format: Format,
  options: CodecOptions = {},
): Codec<Messages[M]> {
  checkMessageName(message);
  const schema = messageSchemas(options)[message];
  const limits = limitsFor(message, options.limits);
  const name = `safewire.robotics.v1.${message}`;
  switch (format) {
    case "protobuf":
      return protobufRoboticsCodec(message, schema, limits);
    case "msgpack":
      return msgpackCodec({ schema, limits, name });
    case "avro":
      if (avroFactory === undefined) {
        throw new Error(
          'Avro support is not loaded: `await loadAvro()` (or import "safewire/robotics/avro") first, or use `await loadCodec(...)`',
        );
      }
      return avroFactory(message, options);
    default:
      throw new TypeError(`unknown format "${String(format)}"`);
  }
}

/** `codec`, loading Avro support first when `format` is "avro". */
export async function loadCodec<M extends MessageName>(
  message: M,
  format: Format,
  options: CodecOptions = {},
): Promise<Codec<Messages[M]>> {
  if (format === "avro") await loadAvro();
  return codec(message, format, options);
}
