import { describe, it } from "vitest";
import { doc, FORMATS } from "../fixtures/doc.js";
import { limitCase } from "./limit-case.js";

describe("maxMapEntries", () => {
  for (const format of FORMATS) {
    it(`${format}: a map one entry over the limit fails with its path`, () => {
      const tags = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, `v${i}`]));
      limitCase(format, "maxMapEntries", 20, doc({ children: [doc({ tags })] }), ["children", 0, "tags"]);
    });
  }
});
