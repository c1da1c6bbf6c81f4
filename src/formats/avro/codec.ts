import type { Type } from "avsc";
import type { z } from "zod";
import { type Codec, createCodec, type WireDriver } from "../../codec.js";
import { type Limits, resolveLimits } from "../../limits.js";
import { type AvroTypeInput, avscType } from "./avsc.js";
import { checkDefaults } from "./defaults.js";
import { compilePrescan } from "./prescan.js";
import { compileDecoder, readShape } from "./read.js";
import { compileCheckedDecoder } from "./read-checked.js";
import { ARRAY, compile, reaches } from "./tree.js";
import { compileEncoder } from "./write.js";

export interface AvroCodecOptions<T> {
  /** The Avro type: an avsc `Type`, or an Avro schema (`{ type: "record", ... }`, `"string"`, ...). */
  type: AvroTypeInput;
  /** The zod schema of the plain value (see `avroCodec` for how Avro types map to values). */
  schema: z.ZodType<T>;
  /** Merged over DEFAULT_LIMITS. */
  limits?: Partial<Limits>;
  /** Defaults to the Avro type's full name (`ns.Record`), or its type name (`array`) when it has none. */
  name?: string;
}

/**
 * A codec for Avro binary (no container header: one value per message). Values are plain:
 * - `null`, `boolean`, `string` as in JS; `int`, `float`, `double` as numbers. `float` holds float32: a
 *   number it does not hold exactly is refused on encode (avsc would round it; `float32()` in the zod
 *   schema refuses it at validation). An `int` refuses -0. `double` keeps -0, NaN and ±Infinity.
 * - `long` is always a `bigint`, exact over the whole signed 64-bit range (use `int64()`).
 * - `bytes` and `fixed` are `Uint8Array`s; decoded ones are views into the input, not copies.
 * - `enum` is its symbol (a string); `array` an array; `map` and `record` plain objects.
 * - unions are unwrapped: `["null","string"]` is `null | string`. A union whose branches a plain value
 *   cannot tell apart (two records, `int` and `double`, `string` and `enum`...) is refused here.
 * - logical types decode as their underlying type; writer and reader schema are the same (no resolution).
 * Map keys `__proto__`, `constructor` and `prototype`, and a map key seen twice, are refused on decode;
 * a string or map key with a lone surrogate (no UTF-8 form) is refused on encode.
 * maxDepth counts records, arrays and maps (the top-level one is level 1); unions add no level.
 * avsc parses the schema and encodes; decoding is safewire's own prescan and reader over the same
 * compiled type, so avsc never sees untrusted bytes. Throws TypeError for an invalid or unsupported type.
 */
export function avroCodec<T>(options: AvroCodecOptions<T>): Codec<T> {
  const type = avscType(options.type);
  const limits = resolveLimits(options.limits);
  return createCodec({
    driver: avroDriver(type, limits),
    schema: options.schema,
    limits,
    name: options.name ?? type.name ?? type.typeName,
  });
}

/** @internal `avroCodec`'s driver (the tests compare it with and without its one-pass read). */
export function avroDriver(type: Type, limits?: Readonly<Limits>): WireDriver {
  const root = compile(type); // once per codec: the walks use this graph, never avsc's types
  checkDefaults(type, root);
  return {
    format: "avro",
    prescan: compilePrescan(root),
    read: compileDecoder(root),
    // Small inputs in one pass that checks what the prescan would (see CHECKED_READ_BYTES in ../../codec.ts).
    readChecked: compileCheckedDecoder(root),
    readShape: readShape(root),
    // A plain Uint8Array: no Buffer in public values. Measuring stops past maxBytes (see compileWriter).
    write: compileEncoder(type, root, limits?.maxBytes),
    // Only arrays of zero-byte elements (null, empty records) hold more items than bytes.
    itemsTakeBytes: !reaches(root, (n) => n.kind === ARRAY && n.items !== null && n.items.minBytes === 0),
  };
}
