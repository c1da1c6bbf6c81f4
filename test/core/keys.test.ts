// The shared key and object checks of src/keys.ts, at their edges: near misses of the forbidden keys, and
// the objects that are (or only look like) plain records.
import { describe, expect, it } from "vitest";
import { forbiddenKeyAt, isForbiddenKey, isPlainRecord, isRecordLike } from "../../src/keys.js";

describe("forbidden keys", () => {
  it("are exactly __proto__, constructor and prototype, as strings and as bytes anywhere in a buffer", () => {
    const near = [
      "__proto_",
      "__proto__x",
      "__proto_x",
      "_proto__",
      "constructo",
      "constructoR",
      "prototypE",
    ];
    for (const key of ["__proto__", "constructor", "prototype", ...near]) {
      const want = ["__proto__", "constructor", "prototype"].includes(key);
      expect(isForbiddenKey(key), key).toBe(want);
      const b = new TextEncoder().encode(`..${key}..`);
      expect(forbiddenKeyAt(b, 2, key.length), key).toBe(want ? key : undefined);
    }
  });
});

describe("isPlainRecord and isRecordLike", () => {
  it("take plain objects (a null prototype too), not arrays, even one with Object's prototype", () => {
    expect(isPlainRecord({})).toBe(true);
    expect(isPlainRecord(Object.create(null))).toBe(true);
    const arrayAsObject = Object.setPrototypeOf([1, 2], Object.prototype) as unknown;
    expect(Array.isArray(arrayAsObject)).toBe(true);
    expect(isPlainRecord(arrayAsObject)).toBe(false);
    expect(isRecordLike(arrayAsObject)).toBe(false);
  });

  it("isRecordLike takes class instances, not built-ins", () => {
    expect(isRecordLike(new (class Point {})())).toBe(true);
    expect(isPlainRecord(new (class Point {})())).toBe(false);
    for (const v of [new Map(), new Set(), new Date(0), new Uint8Array(1), [], null, "x"]) {
      expect(isRecordLike(v), Object.prototype.toString.call(v)).toBe(false);
    }
  });
});
