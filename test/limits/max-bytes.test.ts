import { describe, expect, it } from "vitest";
import { doc, docCodec, FORMATS } from "../fixtures/doc.js";
import { expectBoundedFailure } from "../helpers/bounded.js";
import { limitCase } from "./limit-case.js";

describe("maxBytes", () => {
  for (const format of FORMATS) {
    it(`${format}: input one byte over maxBytes is refused before any parsing`, () => {
      const value = doc({ name: "robot", blob: new Uint8Array(64), list: [1, 2, 3] });
      const size = docCodec(format).encode(value).length;
      limitCase(format, "maxBytes", size, value, []);
    });
    it(`${format}: a 64 MiB input is refused at once, without reading it`, () => {
      const huge = new Uint8Array(64 << 20).fill(0xff);
      const err = expectBoundedFailure(() => docCodec(format).decode(huge), "limit_exceeded", "maxBytes");
      expect(err.offset).toBeUndefined();
    });
  }
});
