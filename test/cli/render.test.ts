import { describe, expect, it } from "vitest";
import { parseLimits } from "../../src/cli/args.js";
import { UsageError } from "../../src/cli/io.js";
import { bfloat16ToNumber, halfToNumber, hex, hexWindow, stringify, toJson } from "../../src/cli/render.js";

describe("render", () => {
  it("converts float16 and bfloat16 bits", () => {
    expect(halfToNumber(0x3c00)).toBe(1);
    expect(halfToNumber(0xc000)).toBe(-2);
    expect(halfToNumber(0x7bff)).toBe(65504);
    expect(halfToNumber(0x0001)).toBe(2 ** -24);
    expect(halfToNumber(0x7c00)).toBe(Number.POSITIVE_INFINITY);
    expect(halfToNumber(0x7e00)).toBeNaN();
    expect(Object.is(halfToNumber(0x8000), -0)).toBe(true);
    expect(bfloat16ToNumber(0x3f80)).toBe(1);
    expect(bfloat16ToNumber(0xc0a0)).toBe(-5);
  });

  it("summarises float16 and bool tensors", () => {
    const t = { dtype: "float16", shape: [3], data: Uint8Array.of(0x00, 0x3c, 0x00, 0xc0, 0x00, 0x7c) };
    expect(toJson(t)).toMatchObject({
      min: -2,
      max: 1,
      mean: -0.5,
      nonfinite: 1,
      values: [1, -2, "Infinity"],
    });
    const b = { dtype: "bool", shape: [4], data: Uint8Array.of(1, 0, 1, 1) };
    expect(toJson(b)).toMatchObject({ min: 0, max: 1, mean: 0.75, values: [1, 0, 1, 1] });
  });

  it("lists the values of a tensor of up to 16 elements", () => {
    const t = { dtype: "uint8", shape: [16], data: new Uint8Array(16).fill(3) };
    expect((toJson(t) as { values?: unknown }).values).toEqual(new Array(16).fill(3));
    const t17 = { dtype: "uint8", shape: [17], data: new Uint8Array(17) };
    expect(toJson(t17)).not.toHaveProperty("values");
  });

  it("gives an int64 tensor's min and max whatever the order", () => {
    const data = new Uint8Array(BigInt64Array.of(5n, -3n).buffer);
    expect(toJson({ dtype: "int64", shape: [2], data })).toMatchObject({ min: "-3", max: "5", mean: 1 });
  });

  it("summarises 16-bit and float images", () => {
    const mono16 = {
      height: 1,
      width: 2,
      encoding: "mono16",
      step: 4,
      data: Uint8Array.of(0x01, 0x00, 0xff, 0xff),
    };
    expect(toJson(mono16)).toMatchObject({ min: 1, max: 65535, mean: 32768 });
    const depth = {
      height: 1,
      width: 1,
      encoding: "32FC1",
      step: 4,
      data: new Uint8Array(Float32Array.of(2.5).buffer),
    };
    expect(toJson(depth)).toMatchObject({ min: 2.5, max: 2.5, mean: 2.5 });
  });

  it("gives no pixel statistics for an empty 16-bit image", () => {
    const empty = { height: 0, width: 0, encoding: "mono16", step: 0, data: new Uint8Array(0) };
    expect(toJson(empty)).toEqual({
      encoding: "mono16",
      height: 0,
      width: 0,
      step: 0,
      bytes: 0,
      first_bytes: "",
    });
  });

  it("keeps plain objects' own keys only, and copies __proto__ as data", () => {
    const value = JSON.parse('{"extra": {"__proto__": 1, "a": 2}}');
    const out = toJson(value) as { extra: Record<string, unknown> };
    expect(Object.keys(out.extra)).toEqual(["__proto__", "a"]);
    expect(Object.getPrototypeOf(out.extra)).toBe(Object.prototype);
  });

  it("prints -0 with its sign and short arrays on one line", () => {
    expect(stringify({ a: [1, -0, "x"], b: { c: null } })).toBe(
      '{\n  "a": [1, -0, "x"],\n  "b": {\n    "c": null\n  }\n}',
    );
    expect(JSON.parse(stringify([-0]))[0]).toBe(-0);
    const long = Array.from({ length: 60 }, (_, i) => i);
    expect(stringify(long).split("\n")).toHaveLength(62);
  });

  it("dumps the bytes around an offset with a marker", () => {
    const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);
    const lines = hexWindow(bytes, 50);
    expect(lines[0]).toMatch(/^ {2}00000010 {2}10 11/);
    const marker = lines.findIndex((l) => l.trim() === "^^");
    expect(lines[marker - 1]).toMatch(/^ {2}00000030 /);
    const col = (lines[marker] as string).indexOf("^^");
    expect((lines[marker - 1] as string).slice(col, col + 2)).toBe("32");
    expect(hexWindow(bytes, 100).at(-1)).toBe("  (byte 100 is the end of the input: 100 bytes)");
    expect(hexWindow(new Uint8Array(0), 0)).toEqual(["  (the input is empty)"]);
    expect(hex(bytes, 3)).toBe("00 01 02");
  });

  it("marks an offset at the start of a row once, under that row", () => {
    const lines = hexWindow(
      Uint8Array.from({ length: 64 }, (_, i) => i),
      16,
    );
    const markers = lines.flatMap((l, i) => (l.trim() === "^^" ? [i] : []));
    expect(markers).toHaveLength(1);
    expect(lines[(markers[0] as number) - 1]).toMatch(/^ {2}00000010 {2}10 /);
  });
});

describe("--limits", () => {
  it("parses names, units and lists", () => {
    expect(parseLimits("maxBytes=8MiB, maxDepth=32,maxStringBytes=64k")).toEqual({
      maxBytes: 8 * 1024 * 1024,
      maxDepth: 32,
      maxStringBytes: 64 * 1024,
    });
    expect(parseLimits("maxbytes=1G")).toEqual({ maxBytes: 1024 ** 3 });
    expect(parseLimits(undefined)).toEqual({});
    // Empty items, as a trailing comma leaves, are skipped.
    expect(parseLimits("maxBytes=1k,")).toEqual({ maxBytes: 1024 });
    expect(parseLimits(", maxDepth=4 ,,")).toEqual({ maxDepth: 4 });
  });

  it.each([
    "maxBytes=-1",
    "maxBytes=1.5",
    "maxBytes=2T",
    "maxBytes=",
    "depth=3",
    "=3",
    "maxBytes=99999999999999999G",
  ])("refuses %s", (text) => expect(() => parseLimits(text)).toThrow(UsageError));
});
