import type { z } from "zod";
import { type Codec, createCodec, type WireDriver } from "../../codec.js";
import { type Limits, resolveLimits } from "../../limits.js";
import { prescanMsgpack } from "./prescan.js";
import { readMadeBigInt, readMsgpack, readMsgpackChecked } from "./read.js";
import { numbersFromInt64 } from "./retype.js";
import { msgpackWriter } from "./write.js";

export interface MsgpackCodecOptions<T> {
  /** The zod v4 schema of the plain value. */
  schema: z.ZodType<T>;
  /** Limits over DEFAULT_LIMITS. */
  limits?: Partial<Limits>;
  /** A name for messages and tooling; defaults to "msgpack". */
  name?: string;
}

/**
 * A MessagePack codec. Values: maps are plain records with string keys, binaries are Uint8Array views
 * into the input, integers past 32 bits on the wire are `bigint` (exact) but where the schema takes a number
 * and a double holds them exactly, extension types are refused.
 * Reading and writing are safewire's own (read.ts, write.ts), held byte for byte to @msgpack/msgpack's
 * by the tests, but for what that library loses (see write.ts).
 */
export function msgpackCodec<T>(options: MsgpackCodecOptions<T>): Codec<T> {
  const limits = resolveLimits(options.limits);
  return createCodec({
    driver: msgpackDriver(limits),
    schema: options.schema,
    limits,
    name: options.name ?? "msgpack",
  });
}

/** @internal `msgpackCodec`'s driver (the tests compare it with and without its one-pass read). */
export function msgpackDriver(limits: Readonly<Limits>): WireDriver {
  return {
    format: "msgpack",
    prescan: prescanMsgpack,
    // safewire's own reader of prescanned bytes: the values @msgpack/msgpack's Decoder({ useBigInt64: true })
    // returns (but a leading U+FEFF is always kept), faster (see ./read.ts for what it relies on).
    read: readMsgpack,
    // Small inputs in one pass that checks what the prescan would (see CHECKED_READ_BYTES in ../../codec.ts).
    readChecked: readMsgpackChecked,
    write: msgpackWriter(limits),
    // Every value and key has at least its header byte; the writer refuses lone surrogates.
    itemsTakeBytes: true,
    // A 64-bit integer form (a bigint) where the schema takes a number: that number, where exact. Only
    // values holding a bigint are walked.
    retype: numbersFromInt64,
    readRetypable: readMadeBigInt,
  };
}
