import { describe, expect, it } from "vitest";
import { looksLikePickle } from "../../src/index.js";
import { hex, PICKLE_OS_SYSTEM } from "../helpers/bounded.js";

describe("pickle sniff", () => {
  it("recognises a protocol-4 pickle with a frame", () => {
    expect(looksLikePickle(PICKLE_OS_SYSTEM)).toBe(true);
  });

  // Bytes as Debian's Python 3.11 writes pickle.dumps(None) and pickle.dumps([1, 2, "abc"]).
  it("recognises protocols 2 to 5, framed or not", () => {
    for (const p of ["02", "03", "04", "05"]) expect(looksLikePickle(hex(`80 ${p} 4e 2e`))).toBe(true);
    expect(looksLikePickle(hex("80025d7100284b014b0258030000006162637101652e"))).toBe(true);
    expect(looksLikePickle(hex("8005950f000000000000005d94284b014b028c0361626394652e"))).toBe(true);
  });

  it("leaves other bytes alone", () => {
    expect(looksLikePickle(hex("80"))).toBe(false);
    expect(looksLikePickle(hex("80 01 4e 2e"))).toBe(false);
    expect(looksLikePickle(hex("80 02 4e 2f"))).toBe(false);
    // A frame that claims more bytes than exist is not a pickle stream.
    expect(looksLikePickle(hex("80 04 95 ff 00 00 00 00 00 00 00 4e 2e"))).toBe(false);
  });
});
