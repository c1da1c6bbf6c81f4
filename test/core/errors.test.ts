import { describe, expect, it } from "vitest";
import { formatPath, isSafewireError, SafewireError } from "../../src/index.js";

describe("SafewireError", () => {
  const err = new SafewireError({
    format: "msgpack",
    direction: "decode",
    issues: [
      {
        code: "limit_exceeded",
        limit: "maxStringBytes",
        actual: 70000,
        max: 65536,
        path: ["images", "front", "encoding"],
        offset: 12,
        message: "string at images.front.encoding is 70000 bytes, limit maxStringBytes is 65536 (byte 12)",
      },
      { code: "schema_violation", path: ["task"], message: "bad task" },
    ],
    cause: new RangeError("x"),
  });

  it("carries the first issue's code, path, offset and limit", () => {
    expect(err.name).toBe("SafewireError");
    expect(err.code).toBe("limit_exceeded");
    expect(err.limit).toBe("maxStringBytes");
    expect(err.path).toEqual(["images", "front", "encoding"]);
    expect(err.offset).toBe(12);
    expect(err.issues).toHaveLength(2);
    expect(err.cause).toBeInstanceOf(RangeError);
    expect(err.message).toBe(
      "msgpack decode: string at images.front.encoding is 70000 bytes, limit maxStringBytes is 65536 (byte 12) (and 1 more issues)",
    );
  });

  it("is recognised by shape, across copies of the package", () => {
    expect(isSafewireError(err)).toBe(true);
    const copy = {
      ...err,
      name: "SafewireError",
      code: err.code,
      format: "avro",
      direction: "decode",
      path: [],
      issues: [],
    };
    expect(isSafewireError(copy)).toBe(true);
    expect(isSafewireError(new Error("x"))).toBe(false);
    expect(isSafewireError({ name: "SafewireError", code: "nope" })).toBe(false);
    expect(isSafewireError(null)).toBe(false);
  });

  it("formats paths with indices and keys", () => {
    expect(formatPath(["state_names", 3])).toBe("state_names[3]");
    expect(formatPath(["images", "front", "data"])).toBe("images.front.data");
    expect(formatPath([0, 1])).toBe("[0][1]");
  });

  it("needs at least one issue", () => {
    expect(() => new SafewireError({ format: "avro", direction: "encode", issues: [] })).toThrow(TypeError);
  });
});
