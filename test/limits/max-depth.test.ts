import { describe, expect, it } from "vitest";
import { chain, docCodec, FORMATS, LAX } from "../fixtures/doc.js";
import { expectBoundedFailure } from "../helpers/bounded.js";

/** The smallest maxDepth that accepts `wire` (formats count levels differently: maps, arrays, messages). */
function minDepth(format: (typeof FORMATS)[number], wire: Uint8Array): number {
  let d = 1;
  while (!docCodec(format, { maxDepth: d }).safeDecode(wire).ok) d++;
  return d;
}

describe("maxDepth", () => {
  for (const format of FORMATS) {
    it(`${format}: one level over the limit fails, with the path down the chain`, () => {
      const wire = docCodec(format, LAX).encode(chain(20));
      const d = minDepth(format, wire);
      const err = expectBoundedFailure(
        () => docCodec(format, { maxDepth: d - 1 }).decode(wire),
        "limit_exceeded",
        "maxDepth",
      );
      // The path walks down children[0] links, and may end in the field where the limit was hit.
      const links = err.path.length - (err.path.length % 2);
      expect(links).toBeGreaterThan(0);
      for (let i = 0; i < links; i++) expect(err.path[i]).toBe(i % 2 === 0 ? "children" : 0);
      if (links < err.path.length)
        expect(["name", "blob", "list", "tags", "children"]).toContain(err.path[links]);
      // The value is refused on encode too, as the same limit (msgpack's encoder has a depth fence of its own).
      const enc = docCodec(format, { maxDepth: d - 1 }).safeEncode(chain(20));
      expect(enc.ok).toBe(false);
      if (!enc.ok) {
        expect(enc.error.code).toBe("limit_exceeded");
        expect(enc.error.limit).toBe("maxDepth");
        expect(enc.error.path[0]).toBe("children");
      }
      // Depth is counted, not guessed: five more levels need more depth.
      expect(minDepth(format, docCodec(format, LAX).encode(chain(25)))).toBeGreaterThan(d);
    });
    it(`${format}: the default limit (64) refuses a 90-level chain within budget`, () => {
      const wire = docCodec(format, LAX).encode(chain(90));
      expectBoundedFailure(() => docCodec(format).decode(wire), "limit_exceeded", "maxDepth");
    });
  }
});
