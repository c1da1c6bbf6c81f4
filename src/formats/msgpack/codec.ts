import type { z } from "zod";
import { type Codec, createCodec, type WireDriver } from "../../codec.js";
import { type Limits, resolveLimits } from "../../limits.js";
import { prescanMsgpack } from "./prescan.js";
import { readMsgpack } from "./read.js";
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
 * into the input, integers past 32 bits on the wire are `bigint` (exact), extension types are refused.
 * Reading and writing are safewire's own (read.ts, write.ts), held byte for byte to @msgpack/msgpack's
 * by the tests, but for what that library loses (see write.ts).
 */
export function msgpackCodec<T>(options: MsgpackCodecOptions<T>): Codec<T> {
  const limits = resolveLimits(options.limits);
  const encode = msgpackWriter(limits);
  const driver: WireDriver = {
    format: "msgpack",
    prescan: prescanMsgpack,
    // safewire's own reader of prescanned bytes: the values @msgpack/msgpack's Decoder({ useBigInt64: true })
    // returns (but a leading U+FEFF is always kept), faster (see ./read.ts for what it relies on).
    read: readMsgpack,
    write: encode,
    // Every value and key has at least its header byte; the writer refuses lone surrogates.
    itemsTakeBytes: true,
  };
  return createCodec({ driver, schema: options.schema, limits, name: options.name ?? "msgpack" });
}
