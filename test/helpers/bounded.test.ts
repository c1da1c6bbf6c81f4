import { describe, expect, it } from "vitest";
import { HEAP_BUDGET_BYTES, measure } from "./bounded.js";

// The hostile-input tests' memory budget: a decoder that trusts a declared length allocates a typed array,
// whose bytes V8 keeps outside the JS heap. heapUsed alone saw none of it.
describe("measure", () => {
  it("counts ArrayBuffer memory as growth", () => {
    const big = measure(() => new Uint8Array(4 * HEAP_BUDGET_BYTES));
    expect(big.heapGrowth).toBeGreaterThanOrEqual(4 * HEAP_BUDGET_BYTES);
  });

  it("counts the same memory dropped before the call returns (garbage is an upper bound)", () => {
    const dropped = measure(() => {
      new Uint8Array(4 * HEAP_BUDGET_BYTES).fill(1);
      throw new Error("refused after allocating");
    });
    expect(dropped.error).toBeInstanceOf(Error);
    expect(dropped.heapGrowth).toBeGreaterThanOrEqual(4 * HEAP_BUDGET_BYTES);
  });

  it("stays small for a small call", () => {
    expect(measure(() => new Uint8Array(64)).heapGrowth).toBeLessThan(1 << 20);
  });
});
