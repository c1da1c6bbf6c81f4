// The shared UTF-8 code (src/utf8.ts), at every edge of the encoding: the writers size a string with
// utf8Length (inline up to 16 units, native past) and write it with writeUtf8 (inline up to 48 units), and
// the readers check bytes with isValidUtf8 (inline ASCII up to 64 bytes). A wrong edge sends invalid UTF-8,
// mis-sizes a string, or takes bytes a strict decoder refuses.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { avroCodec } from "../../src/formats/avro/index.js";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { isValidUtf8, utf8Length, writeUtf8 } from "../../src/utf8.js";

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const isStrictUtf8 = (b: Uint8Array): boolean => {
  try {
    strict.decode(b);
    return true;
  } catch {
    return false;
  }
};

// One or two units on each side of every edge: 1/2, 2/3 and 3/4 byte forms, the surrogate range, U+FFFF.
const WELL_FORMED = [
  "\u007f",
  "\u0080",
  "\u07ff",
  "\u0800",
  "\ud7ff",
  "\ue000",
  "\uffff",
  "\u{10000}", // \ud800\udc00
  "\u{10ffff}", // \udbff\udfff
  "\u{103ff}", // \ud800\udfff
  "\u{10fc00}", // \udbff\udc00
];
// Lone surrogates: a low one first, a high one not followed by a low one (by U+E000 or another high one).
const LONE = [
  "\ud800",
  "\udbff",
  "\udc00",
  "\udfff",
  "\udc00\udc00",
  "\udfff\udc00",
  "\ud800\ud800",
  "\udbff\ud800",
  "\ud800\ue000",
  "\ud800\ud7ff",
  "\ud800a",
];
// Before the edge case: nothing, short of the inline cut-overs (16 and 48 units), and past both.
const PADS = [0, 1, 14, 15, 16, 30, 46, 47, 60];

/** writeUtf8 into a buffer with a marked margin on both sides, as a writer's scratch. */
function written(s: string, len: number): { bytes: Uint8Array; end: number; margin: number[] } {
  const buf = new Uint8Array(len + 8).fill(0xee);
  const end = writeUtf8(buf, 3, s, len);
  return { bytes: buf.slice(3, end), end, margin: [...buf.subarray(0, 3), ...buf.subarray(3 + len)] };
}

describe("utf8Length and writeUtf8", () => {
  it("measure and write each edge of the encoding as TextEncoder does, inline and native", () => {
    for (const c of WELL_FORMED) {
      for (const pad of PADS) {
        for (const s of ["a".repeat(pad) + c, c + "é".repeat(pad), c.repeat(pad + 1)]) {
          const want = new TextEncoder().encode(s);
          expect(utf8Length(s), JSON.stringify(s)).toBe(want.length);
          const w = written(s, want.length);
          expect(w.bytes, JSON.stringify(s)).toEqual(want);
          expect(w.end).toBe(3 + want.length);
          expect(w.margin).toEqual(Array(8).fill(0xee)); // nothing written past `len`
        }
      }
    }
  });

  it("refuse (-1) a lone surrogate wherever it stands, inline and native", () => {
    for (const c of LONE) {
      for (const pad of PADS) {
        for (const s of ["a".repeat(pad) + c, c + "a".repeat(pad), `é${"\u{10000}".repeat(pad)}${c}`]) {
          expect(utf8Length(s), JSON.stringify(s)).toBe(-1);
        }
      }
    }
  });

  // Code units drawn near the edges, lone surrogates included.
  const unit = fc.oneof(
    fc.constantFrom(0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xffff),
    fc.integer({ min: 0xd800, max: 0xdfff }),
    fc.integer({ min: 0, max: 0xffff }),
    fc.constant(0x61),
  );
  test.prop([fc.array(unit, { maxLength: 70 })], { numRuns: 2000 })(
    "agree with the engine on any string of code units",
    (units) => {
      const s = String.fromCharCode(...units);
      // Well-formed exactly when TextEncoder keeps it (it writes U+FFFD for a lone surrogate).
      if (new TextDecoder().decode(new TextEncoder().encode(s)) !== s) {
        expect(utf8Length(s)).toBe(-1);
        return;
      }
      const want = new TextEncoder().encode(s);
      expect(utf8Length(s)).toBe(want.length);
      expect(written(s, want.length).bytes).toEqual(want);
    },
  );

  it("a lone surrogate is refused by the writers, with the path, short or long", () => {
    const schema = z.object({ s: z.string() });
    const codecs = [
      msgpackCodec({ schema }),
      avroCodec({ type: { type: "record", name: "R", fields: [{ name: "s", type: "string" }] }, schema }),
    ];
    for (const codec of codecs) {
      for (const s of ["\udc00\udc00", "\ud800\ue000", "\ud800\ud800", `${"a".repeat(20)}\udc00\udc00`]) {
        const r = codec.safeEncode({ s });
        expect(r.ok ? "sent" : `${r.error.code} ${r.error.path.join(".")}`, JSON.stringify(s)).toBe(
          "schema_violation s",
        );
      }
    }
  });
});

describe("isValidUtf8", () => {
  // Each edge of strict UTF-8, valid and not: continuation bytes, overlongs, surrogates, past U+10FFFF.
  const SEQUENCES = [
    [0x7f],
    [0x80],
    [0xbf],
    [0xc0, 0x80],
    [0xc1, 0xbf],
    [0xc2, 0x80],
    [0xdf, 0xbf],
    [0xc2],
    [0xe0, 0x9f, 0xbf],
    [0xe0, 0xa0, 0x80],
    [0xed, 0x9f, 0xbf],
    [0xed, 0xa0, 0x80],
    [0xed, 0xbf, 0xbf],
    [0xee, 0x80, 0x80],
    [0xef, 0xbf, 0xbf],
    [0xe0, 0xa0],
    [0xf0, 0x8f, 0xbf, 0xbf],
    [0xf0, 0x90, 0x80, 0x80],
    [0xf4, 0x8f, 0xbf, 0xbf],
    [0xf4, 0x90, 0x80, 0x80],
    [0xf5, 0x80, 0x80, 0x80],
    [0xf0, 0x90, 0x80],
    [0xff],
  ];

  it("decides as a strict decoder, wherever the sequence stands in the range, inline or native", () => {
    for (const seq of SEQUENCES) {
      for (const pad of [0, 1, 3, 4, 59, 60, 61, 63, 64, 65, 100]) {
        for (const bytes of [
          [...Array(pad).fill(0x61), ...seq],
          [...seq, ...Array(pad).fill(0x61)],
        ]) {
          const want = isStrictUtf8(Uint8Array.from(bytes));
          // Inside a larger buffer, with invalid bytes on both sides that the range leaves out.
          const buf = Uint8Array.from([0xff, 0xc3, ...bytes, 0xc3, 0xff]);
          expect(isValidUtf8(buf, 2, 2 + bytes.length), `${seq} pad ${pad}`).toBe(want);
        }
      }
    }
  });
});

describe("readers", () => {
  it("refuse a lone continuation byte among 0x00s in a string (small inputs take the checked read)", () => {
    const codec = msgpackCodec({ schema: z.object({ s: z.string() }) });
    for (const body of [[0x80], [0x80, 0, 0, 0], [0, 0, 0, 0x80], [0, 0, 0, 0, 0x80, 0, 0, 0]]) {
      const wire = Uint8Array.from([0x81, 0xa1, 0x73, 0xa0 + body.length, ...body]);
      const r = codec.safeDecode(wire);
      expect(
        r.ok ? "decoded" : `${r.error.code} ${r.error.path.join(".")} ${r.error.message}`,
        `${body}`,
      ).toMatch(/^malformed s .*not valid UTF-8/);
    }
  });
});
