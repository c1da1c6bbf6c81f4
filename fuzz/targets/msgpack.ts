/** `msgpack`: the MessagePack decode path with an accept-anything schema (prescan, decoder, normalisation). */
import { createRequire } from "node:module";
import { z } from "zod";
import type { Codec } from "../../src/codec.js";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import * as hostile from "../../src/testing/hostile.js";
import {
  type CorpusDir,
  decodeAndRoundTrip,
  type FuzzTarget,
  regressionFiles,
  stringsIn,
  stringTokens,
  vectors,
} from "./harness.js";
import { MESSAGES } from "./messages.js";

const require = createRequire(import.meta.url);
type Case = { msgpack: string[] };
const fromHex = (s: string) => Uint8Array.from(s.split("-").filter(Boolean), (h) => Number.parseInt(h, 16));

/** The msgpack-test-suite vectors: every type and width of the spec. */
function suite(): Uint8Array[] {
  const data = require("msgpack-test-suite/dist/msgpack-test-suite.json") as Record<string, Case[]>;
  return Object.values(data).flatMap((cases) => cases.flatMap((c) => c.msgpack.map(fromHex)));
}

// Every header byte that introduces a length or a count, at each width.
const HEADERS = [
  0xc4, 0xc5, 0xc6, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0xcf, 0xd3, 0xcb, 0xca, 0x91, 0x81, 0xa1,
];

export function msgpackTarget(): FuzzTarget {
  let codec: Codec<unknown> | undefined;
  const PREFIX = "any";
  const DIR: CorpusDir = "msgpack";
  return {
    name: "msgpack",
    files: [{ dir: DIR, prefix: PREFIX }],
    async init() {
      codec = msgpackCodec({ schema: z.unknown(), name: "msgpack-any" });
    },
    seeds() {
      const vs = MESSAGES.flatMap((m) => vectors("msgpack", m));
      return [
        ...vs,
        ...suite(),
        ...hostile.msgpack.all().map((h) => h.bytes),
        ...vs.slice(0, 8).flatMap((v) => hostile.fromSample(v).map((h) => h.bytes)),
        ...regressionFiles(DIR, PREFIX).map((f) => f.bytes),
      ];
    },
    dictionary() {
      const strings = new Set<string>();
      const probe = msgpackCodec({ schema: z.unknown() });
      for (const m of MESSAGES)
        for (const v of vectors("msgpack", m))
          stringsIn(probe.safeDecode(v).ok ? probe.decode(v) : undefined, strings);
      return [...HEADERS.map((h) => Uint8Array.of(h)), ...stringTokens(strings, "msgpack")];
    },
    check(input) {
      if (codec === undefined) throw new Error("init() first");
      decodeAndRoundTrip(codec, input);
    },
    toFile: (input) => ({ dir: DIR, prefix: PREFIX, bytes: input }),
    fromFile: (_dir, _prefix, bytes) => bytes,
  };
}
