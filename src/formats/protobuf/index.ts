/**
 * safewire's Protobuf format, on protobufjs.
 *
 * ```ts
 * import protobuf from "protobufjs";
 * import { protobufCodec } from "safewire/protobuf";
 *
 * // Reflection: load with keepCase so fields keep their .proto (snake_case) names.
 * const Obs = protobuf.loadSync("robot.proto", { keepCase: true }).lookupType("robot.Observation");
 * const codec = protobufCodec({ type: Obs, schema: ObservationSchema });
 *
 * // Static module (no run-time code generation): the generated class encodes and decodes, and the
 * // JSON descriptor of the same .proto drives the prescan.
 * //   pbjs -t static-module -w es6 --keep-case -o robot.js robot.proto
 * //   pbjs -t json --keep-case -o robot.json robot.proto
 * const root = protobuf.Root.fromJSON(robotJson);
 * const codec2 = protobufCodec({
 *   type: robot.Observation,
 *   descriptor: root.lookupType("robot.Observation"),
 *   schema: ObservationSchema,
 * });
 * ```
 *
 * Value mapping (decode yields it, encode expects it):
 * - messages are plain objects (Object.prototype), keyed by the .proto field names;
 * - fields without presence (proto3 scalars and enums, repeated, maps) are always present, with
 *   their default when absent on the wire (0, 0n, false, "", empty bytes, [], {}); the schema's
 *   defaults must agree so that `decode(encode(x))` equals `x`;
 * - fields with presence (messages, oneof members, proto3 `optional`) are left out when absent;
 *   encode refuses null in any field (protobufjs would take it as not set) and a proto2 `required`
 *   field left out;
 * - int64, uint64, sint64, fixed64, sfixed64 are `bigint` (use `int64()`/`uint64()` from safewire, which
 *   widen a number): encode refuses a number there, which would come back a bigint; -0 in any integer
 *   field is refused on encode (it would go out as 0);
 * - float is binary32: encode refuses a number float32 cannot hold exactly (use `float32()`);
 *   double keeps -0, NaN and ±Infinity;
 * - bytes are `Uint8Array` views into the decoded input (no copy, never Buffer);
 * - enums are numbers (open enums keep values the schema has not named yet);
 * - oneof members are ordinary optional fields; encode refuses a value with two members set;
 * - maps are plain records with string keys: integer keys in canonical decimal ("-3"), bool keys
 *   "true"/"false"; keys `__proto__`, `constructor` and `prototype` are refused both ways;
 * - an absent bytes field decodes to one shared, frozen, empty Uint8Array.
 *
 * Limits, as the prescan applies them to the wire:
 * - maxDepth counts the plain value's nesting: the message is 1, each nested message, and each
 *   repeated or map field present on the wire (its array or record), adds 1; groups count as messages;
 *   whatever maxDepth says, messages nest at most 100 deep (protobufjs' recursion limit): past it, both
 *   ways, limit_exceeded on maxDepth with max 100;
 * - maxArrayLength counts a repeated field's elements across all its occurrences and packed runs;
 *   maxMapEntries counts entries as sent (a repeated key still costs one);
 * - maxStringBytes applies to strings and string map keys (UTF-8 bytes), maxBinaryBytes to bytes
 *   fields and to unknown length-delimited fields, which are skipped but still bounded;
 * - a field on a wire type its declaration cannot have is skipped as unknown, as protoc does.
 * protobufjs' own recursion limit (100 messages) still applies above that.
 *
 * @module safewire/protobuf
 */
export type { ProtobufCodecOptions, ProtobufWriterLike, StaticMessageClass } from "./codec.js";
export { protobufCodec } from "./codec.js";
