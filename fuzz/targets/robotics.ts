/**
 * One target per robotics message: `codec(message, format)` in all three formats. The first byte of a
 * fuzz input picks the format (byte % 3: protobuf, avro, msgpack), the rest is the payload, so one
 * campaign per message mutates all three encodings. Stored regression files hold the payload alone,
 * under test/fuzz-corpus/<format>/<Message>-*.bin.
 */
import type { Codec } from "../../src/codec.js";
import type { Format } from "../../src/errors.js";
import { codec, loadAvro } from "../../src/robotics/codecs.js";
import { IMAGE_ENCODINGS } from "../../src/robotics/image.js";
import { FEATURE_DTYPES, type MessageName, POLICY_TYPES } from "../../src/robotics/messages.js";
import { DTYPES } from "../../src/robotics/tensor.js";
import * as hostile from "../../src/testing/hostile.js";
import {
  concat,
  decodeAndRoundTrip,
  type FuzzTarget,
  regressionFiles,
  stringsIn,
  stringTokens,
  vectors,
} from "./harness.js";

export const FORMATS: readonly Format[] = ["protobuf", "avro", "msgpack"];

const HOSTILE: Record<Format, () => { bytes: Uint8Array }[]> = {
  protobuf: () => hostile.protobuf.all(),
  avro: () => hostile.avro.all(),
  msgpack: () => hostile.msgpack.all(),
};

export function roboticsTarget(message: MessageName): FuzzTarget {
  let codecs: Codec<unknown>[] | undefined;
  const withSelector = (format: Format, bytes: Uint8Array) => concat([[FORMATS.indexOf(format)], bytes]);
  return {
    name: message,
    files: FORMATS.map((dir) => ({ dir, prefix: message })),
    async init() {
      await loadAvro();
      codecs = FORMATS.map((f) => codec(message, f) as Codec<unknown>);
    },
    seeds() {
      const out: Uint8Array[] = [];
      for (const format of FORMATS) {
        const vs = vectors(format, message);
        for (const v of vs) out.push(withSelector(format, v));
        for (const h of HOSTILE[format]()) out.push(withSelector(format, h.bytes));
        for (const v of vs.slice(0, 2))
          for (const h of hostile.fromSample(v)) out.push(withSelector(format, h.bytes));
        for (const f of regressionFiles(format, message)) out.push(withSelector(format, f.bytes));
      }
      return out;
    },
    dictionary() {
      const strings = new Set<string>([
        ...DTYPES,
        ...FEATURE_DTYPES,
        ...IMAGE_ENCODINGS,
        ...POLICY_TYPES,
        "cpu",
        "cuda:0",
        "mps",
      ]);
      const msgpack = codecs?.[2];
      if (msgpack) {
        for (const v of vectors("msgpack", message)) {
          const r = msgpack.safeDecode(v);
          if (r.ok) stringsIn(r.value, strings);
        }
      }
      return FORMATS.flatMap((f) => stringTokens(strings, f));
    },
    check(input) {
      if (codecs === undefined) throw new Error("init() first");
      const which = input.length === 0 ? 0 : (input[0] as number) % 3;
      decodeAndRoundTrip(codecs[which] as Codec<unknown>, input.subarray(1));
    },
    toFile(input) {
      const which = input.length === 0 ? 0 : (input[0] as number) % 3;
      return { dir: FORMATS[which] as Format, prefix: message, bytes: input.subarray(1) };
    },
    fromFile: (dir, _prefix, bytes) => withSelector(dir as Format, bytes),
  };
}
