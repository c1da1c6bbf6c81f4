import { describe, it } from "vitest";
import { doc, FORMATS } from "../fixtures/doc.js";
import { limitCase } from "./limit-case.js";

describe("maxArrayLength", () => {
  for (const format of FORMATS) {
    it(`${format}: an array of numbers one element over the limit fails with its path`, () => {
      const list = Array.from({ length: 30 }, (_, i) => i / 3);
      limitCase(format, "maxArrayLength", 30, doc({ list }), ["list"]);
    });
    it(`${format}: an array of messages one element over the limit fails with its path`, () => {
      const children = Array.from({ length: 12 }, () => doc());
      limitCase(format, "maxArrayLength", 12, doc({ children: [doc({ children })] }), [
        "children",
        0,
        "children",
      ]);
    });
  }
});
