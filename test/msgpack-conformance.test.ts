import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { msgpackCodec } from "../src/formats/msgpack/index.js";

// Every vector of the msgpack-test-suite package, through the codec with an accept-anything schema.
const require = createRequire(import.meta.url);
type Case = Record<string, unknown> & { msgpack: string[] };
const suite = require("msgpack-test-suite/dist/msgpack-test-suite.json") as Record<string, Case[]>;

const codec = msgpackCodec({ schema: z.unknown() });
const fromHex = (s: string) => Uint8Array.from(s.split("-").filter(Boolean), (h) => Number.parseInt(h, 16));

/** The value the case expects, in safewire's mapping. */
function expected(c: Case): unknown {
  if ("nil" in c) return null;
  if ("bool" in c) return c.bool;
  if ("binary" in c) return fromHex(String(c.binary));
  if ("string" in c) return c.string;
  if ("array" in c) return c.array;
  if ("map" in c) return c.map;
  if ("number" in c) return c.number;
  if ("bignum" in c) return BigInt(String(c.bignum));
  throw new Error(`unknown case ${JSON.stringify(c)}`);
}

// 64-bit wire integers (cf, d3) decode as bigint, so no value is ever rounded; compare numerically.
function sameNumber(actual: unknown, want: unknown): boolean {
  if (typeof actual === "bigint")
    return typeof want === "bigint" ? actual === want : actual === BigInt(want as number);
  return Object.is(actual, want) || actual === want;
}

describe("msgpack-test-suite conformance", () => {
  for (const [file, cases] of Object.entries(suite)) {
    const refused = file.includes("timestamp") || file.includes("ext");
    it(`${file}: ${refused ? "refused: extension types carry no safewire value" : "decodes to the expected value"}`, () => {
      let vectors = 0;
      for (const c of cases) {
        for (const h of c.msgpack) {
          vectors++;
          const r = codec.safeDecode(fromHex(h));
          if (refused) {
            expect(r.ok, h).toBe(false);
            if (!r.ok) expect(r.error.code, h).toBe("schema_violation");
            continue;
          }
          expect(r.ok, `${h}: ${r.ok ? "" : r.error.message}`).toBe(true);
          if (!r.ok) continue;
          const want = expected(c);
          if ("number" in c || "bignum" in c)
            expect(sameNumber(r.value, want), `${h} -> ${String(r.value)}`).toBe(true);
          else expect(r.value, h).toEqual(want);
        }
      }
      expect(vectors).toBeGreaterThan(0);
    });
  }
});
