import { describe, it } from "vitest";
import { doc, FORMATS } from "../fixtures/doc.js";
import { limitCase } from "./limit-case.js";

describe("maxBinaryBytes", () => {
  for (const format of FORMATS) {
    it(`${format}: a binary one byte over the limit fails with its path`, () => {
      const blob = new Uint8Array(100).map((_, i) => i);
      limitCase(format, "maxBinaryBytes", 100, doc({ children: [doc({ blob })] }), ["children", 0, "blob"]);
    });
  }
});
