/**
 * `safewire/robotics/avro`: Avro codecs for the robotics message set.
 *
 * A separate entry because the Avro library (avsc) compiles code with `new Function` when it loads:
 * `safewire/robotics` itself never loads it, so protobuf and msgpack work in processes that disallow code
 * generation from strings. Import this module (or `await loadAvro()` from `safewire/robotics`) to use Avro;
 * after either, `codec(message, "avro")` works too.
 *
 * @module safewire/robotics/avro
 */
import type { Codec } from "../codec.js";
import { avroCodec } from "../formats/avro/index.js";
import { AVRO_SCHEMAS } from "./avro-schemas.js";
import { type CodecOptions, registerAvro } from "./codecs.js";
import { limitsFor } from "./limits.js";
import { type MessageName, type Messages, messageSchemas } from "./messages.js";

/** The Avro codec of a message (a bare binary datum: no container file, no single-object header). */
export function avroRoboticsCodec<M extends MessageName>(
  message: M,
  options: CodecOptions = {},
): Codec<Messages[M]> {
  return avroCodec({
    type: AVRO_SCHEMAS[message],
    schema: messageSchemas(options)[message],
    limits: limitsFor(message, options.limits),
    name: `safewire.robotics.v1.${message}`,
  });
}

registerAvro(avroRoboticsCodec);

export { AVRO_SCHEMAS } from "./avro-schemas.js";
export { avroRoboticsCodec as codec };
