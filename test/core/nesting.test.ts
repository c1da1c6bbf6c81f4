// deepestNesting words the refusal when the stack ran out: it must measure any depth without recursing,
// stay bounded on values that share subtrees, and never throw.
import { describe, expect, it } from "vitest";
import { deepestNesting, isStackOverflow, NESTING_BUDGET } from "../../src/nesting.js";
import { measure } from "../helpers/bounded.js";

function nested(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: [v] };
  return v;
}

describe("deepestNesting", () => {
  it("counts plain objects, arrays and Maps as levels, and nothing else", () => {
    expect(deepestNesting(7, 10)).toEqual({ depth: 0, path: [] });
    expect(deepestNesting({}, 10)).toEqual({ depth: 1, path: [] });
    const leaves = { b: new Uint8Array(3), d: new Date(0), c: new (class C {})(), s: "x" };
    expect(deepestNesting(leaves, 10)).toEqual({ depth: 1, path: [] });
    expect(deepestNesting({ m: new Map([["k", [{}]]]) }, 10)).toEqual({ depth: 4, path: ["m", "k", 0] });
    expect(deepestNesting(Object.assign(Object.create(null), { x: [] }), 10)).toEqual({
      depth: 2,
      path: ["x"],
    });
  });

  it("finds the first container past the limit, in key order, as the writers walk", () => {
    const v = { a: { b: {} }, c: { d: { e: {} } }, f: { g: { h: { i: {} } } } };
    expect(deepestNesting(v, 3)).toEqual({ depth: 4, path: ["c", "d", "e"] });
    expect(deepestNesting(v, 10)).toEqual({ depth: 5, path: ["f", "g", "h", "i"] });
  });

  it("measures nesting far past any stack, without recursing", () => {
    const { depth, path } = deepestNesting(nested(200_000), 1_000_000);
    expect(depth).toBe(400_000);
    expect(path.length).toBe(399_999);
    expect(path.slice(0, 4)).toEqual(["a", 0, "a", 0]);
  });

  it("follows a cycle to the limit", () => {
    const loop: { self?: unknown } = {};
    loop.self = loop;
    expect(deepestNesting(loop, 5)).toEqual({ depth: 6, path: ["self", "self", "self", "self", "self"] });
  });

  it("stays within its budget on a value with exponentially many paths", () => {
    let v: unknown = {};
    for (let i = 0; i < 60; i++) v = [v, v]; // 2^60 paths, 61 objects
    const m = measure(() => deepestNesting(v, 1000));
    expect(m.value).toEqual({ depth: 61, path: Array(60).fill(0) });
    expect(m.cpuMs).toBeLessThan(2_000); // two walks of NESTING_BUDGET steps at most
    expect(NESTING_BUDGET).toBeLessThanOrEqual(1 << 20);
  });

  it("never throws: a throwing getter or proxy ends the walk where it is", () => {
    const v = {
      a: { b: {} },
      get c(): never {
        throw new Error("hostile getter");
      },
    };
    expect(deepestNesting(v, 10)).toEqual({ depth: 0, path: [] });
    const trap = new Proxy(
      {},
      {
        getPrototypeOf: () => {
          throw new Error("hostile proxy");
        },
      },
    );
    expect(deepestNesting({ x: { y: trap } }, 10)).toEqual({ depth: 2, path: ["x"] });
  });
});

describe("isStackOverflow", () => {
  it("is V8's stack overflow, and no other RangeError", () => {
    const recurse = (n: number): number => recurse(n + 1) + 1;
    let overflow: unknown;
    try {
      recurse(0);
    } catch (e) {
      overflow = e;
    }
    expect(isStackOverflow(overflow)).toBe(true);
    expect(isStackOverflow(new RangeError("Invalid array length"))).toBe(false);
    expect(isStackOverflow(new Error("Maximum call stack size exceeded"))).toBe(false);
  });
});

describe("deepestNesting's budget", () => {
  it("counts an object's keys listed as steps, as well as its values looked at", () => {
    // 700 objects of 1000 keys: 700 × 2001 steps (keys listed, then values) spend the budget before the
    // deeper object after them; counting only the values (700 × 1001 steps) would reach it.
    const wide = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]));
    const v = [...Array<unknown>(700).fill(wide), { a: { b: {} } }];
    expect(700 * 2001).toBeGreaterThan(NESTING_BUDGET);
    expect(deepestNesting(v, 10)).toEqual({ depth: 2, path: [0] });
    // Within the budget, it is found.
    expect(deepestNesting(v.slice(300), 10)).toEqual({ depth: 4, path: [400, "a", "b"] });
  });

  it("at a limit of 0, the top container is the first past it", () => {
    expect(deepestNesting({ a: { b: {} } }, 0)).toEqual({ depth: 1, path: [] });
  });
});
