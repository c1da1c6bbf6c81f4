import { Encoder } from "@msgpack/msgpack";
import type { z } from "zod";
import { type Codec, createCodec, type WireDriver } from "../../codec.js";
import { type Limits, resolveLimits } from "../../limits.js";
import { prescanMsgpack } from "./prescan.js";
import { readMsgpack } from "./read.js";
import { singleCopyEncoder } from "./write.js";

export interface MsgpackCodecOptions<T> {
  /** The zod v4 schema of the plain value. */
  schema: z.ZodType<T>;
  /** Limits over DEFAULT_LIMITS. */
  limits?: Partial<Limits>;
  /** A name for messages and tooling; defaults to "msgpack". */
  name?: string;
}

interface NumberEncoding {
  encodeNumber(n: number): void;
  encodeNumberAsFloat(n: number): void;
}

function newEncoder(maxDepth: number): Encoder {
  const encoder = new Encoder({ useBigInt64: true, ignoreUndefined: true, maxDepth });
  // @msgpack/msgpack writes -0 as the integer 0 (it is a safe integer), losing the sign: write it as float 64.
  const e = encoder as unknown as NumberEncoding;
  const encodeNumber = e.encodeNumber;
  e.encodeNumber = function (this: NumberEncoding, n: number) {
    if (n === 0 && 1 / n < 0) this.encodeNumberAsFloat(n);
    else encodeNumber.call(this, n);
  };
  return encoder;
}

/**
 * A MessagePack codec. Values: maps are plain records with string keys, binaries are Uint8Array views
 * into the input, integers past 32 bits on the wire are `bigint` (exact), extension types are refused.
 */
export function msgpackCodec<T>(options: MsgpackCodecOptions<T>): Codec<T> {
  const limits = resolveLimits(options.limits);
  // The library counts one level more than the prescan does for the same value.
  const encode = singleCopyEncoder(newEncoder(limits.maxDepth + 1));
  const driver: WireDriver = {
    format: "msgpack",
    prescan: prescanMsgpack,
    // safewire's own reader of prescanned bytes: the values @msgpack/msgpack's Decoder({ useBigInt64: true })
    // returns (but a leading U+FEFF is always kept), faster (see ./read.ts for what it relies on).
    read: readMsgpack,
    write: encode,
  };
  return createCodec({ driver, schema: options.schema, limits, name: options.name ?? "msgpack" });
}
