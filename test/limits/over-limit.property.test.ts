import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { Limits } from "../../src/index.js";
import { type Doc, docCodec, FORMATS, LAX } from "../fixtures/doc.js";

// A random valid Doc with one field pushed over a limit always fails with limit_exceeded naming that limit
// (and that field's path), in every format. Limits sit above everything else the value holds, so only the
// pushed field can trip them: field names are at most 8 bytes, every map and list is kept small.
const LIMIT = 24;
const word = fc.string({ unit: "grapheme-ascii", maxLength: 8 });
const key = word.filter((k) => !["__proto__", "constructor", "prototype"].includes(k));
const leaf = fc.record({
  name: word,
  blob: fc.uint8Array({ maxLength: 8 }),
  list: fc.array(fc.double({ noNaN: true }), { maxLength: 4 }),
  tags: fc.dictionary(key, word, { maxKeys: 3, noNullPrototype: true }),
  children: fc.constant([] as Doc[]),
});
const docArb: fc.Arbitrary<Doc> = fc
  .tuple(leaf, fc.array(leaf, { maxLength: 3 }))
  .map(([root, children]) => ({ ...root, children }));

type Push = {
  limit: keyof Limits;
  apply: (d: Doc, target: Doc) => void;
  path: (i: number | null) => PropertyKey[];
};
const PUSHES: Push[] = [
  {
    limit: "maxStringBytes",
    apply: (_, t) => {
      t.name = "s".repeat(LIMIT + 1);
    },
    path: (i) => (i === null ? ["name"] : ["children", i, "name"]),
  },
  {
    limit: "maxBinaryBytes",
    apply: (_, t) => {
      t.blob = new Uint8Array(LIMIT + 1);
    },
    path: (i) => (i === null ? ["blob"] : ["children", i, "blob"]),
  },
  {
    limit: "maxArrayLength",
    apply: (_, t) => {
      t.list = Array.from({ length: LIMIT + 1 }, (_, k) => k);
    },
    path: (i) => (i === null ? ["list"] : ["children", i, "list"]),
  },
  {
    limit: "maxMapEntries",
    apply: (_, t) => {
      t.tags = Object.fromEntries(Array.from({ length: LIMIT + 1 }, (_, k) => [`t${k}`, ""]));
    },
    path: (i) => (i === null ? ["tags"] : ["children", i, "tags"]),
  },
];

describe("one field over a limit", () => {
  for (const format of FORMATS) {
    test.prop([docArb, fc.constantFrom(...PUSHES), fc.nat()], { numRuns: 60 })(
      `${format}: always limit_exceeded, naming the limit and the field`,
      (value, push, pick) => {
        const i = value.children.length === 0 ? null : pick % (value.children.length + 1);
        const index = i === value.children.length ? null : i;
        const target = index === null ? value : (value.children[index] as Doc);
        push.apply(value, target);
        const wire = docCodec(format, LAX).encode(value);
        const strict = docCodec(format, { [push.limit]: LIMIT, maxBytes: LAX.maxBytes });
        const r = strict.safeDecode(wire);
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe("limit_exceeded");
          expect(r.error.limit).toBe(push.limit);
          expect(r.error.path).toEqual(push.path(index));
        }
      },
    );
  }
});
