import { describe, it } from "vitest";
import { doc, FORMATS } from "../fixtures/doc.js";
import { limitCase } from "./limit-case.js";

describe("maxStringBytes", () => {
  for (const format of FORMATS) {
    it(`${format}: a string one byte over the limit fails with its path`, () => {
      const value = doc({ children: [doc(), doc({ tags: { k: "é".repeat(20) } })] });
      limitCase(format, "maxStringBytes", 40, value, ["children", 1, "tags", "k"]);
    });
    it(`${format}: a top-level string field over the limit fails with its path`, () => {
      limitCase(format, "maxStringBytes", 33, doc({ name: "n".repeat(33) }), ["name"]);
    });
  }
});
