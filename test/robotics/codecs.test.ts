// robotics.codec(): one entry point for every message and format.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { expect, test } from "vitest";
import * as avroEntry from "../../src/robotics/avro.js";
import * as robotics from "../../src/robotics/index.js";
import { roboticsArbitraries } from "../../src/testing/arbitraries.js";
import { ROOT } from "../helpers/vectors.js";
import { FORMATS } from "./support.js";

test("a codec for every message in every format, named and limited per message", async () => {
  for (const message of robotics.MESSAGE_NAMES) {
    for (const format of FORMATS) {
      const c = await robotics.loadCodec(message, format);
      expect(c.format).toBe(format);
      expect(c.name).toBe(`safewire.robotics.v1.${message}`);
      expect(c.limits).toEqual(robotics.MESSAGE_LIMITS[message]);
    }
  }
});

test("limits and allowNonFinite options reach the codec", () => {
  const c = robotics.codec("Observation", "msgpack", { limits: { maxBytes: 1 << 25 } });
  expect(c.limits).toMatchObject({ maxBytes: 1 << 25, maxBinaryBytes: 1 << 25, maxStringBytes: 64 * 1024 });
  const nan = {
    dtype: "float64" as const,
    shape: [1],
    data: new Uint8Array(Float64Array.of(Number.NaN).buffer),
  };
  expect(robotics.codec("Tensor", "protobuf").safeEncode(nan).ok).toBe(false);
  expect(robotics.codec("Tensor", "protobuf", { allowNonFinite: true }).safeEncode(nan).ok).toBe(true);
});

test("Avro is loaded on demand; safewire/robotics/avro builds Avro codecs directly", async () => {
  await robotics.loadAvro();
  expect(robotics.avroLoaded()).toBe(true);
  const direct = avroEntry.codec("ActionChunk");
  expect(direct.format).toBe("avro");
  expect(avroEntry.AVRO_SCHEMAS.ActionChunk.name).toBe("ActionChunk");
});

test("unknown messages and formats are programming errors (TypeError)", () => {
  expect(() => robotics.codec("Nope" as never, "protobuf")).toThrow(TypeError);
  expect(() => robotics.codec("Tensor", "json" as never)).toThrow(TypeError);
  expect(() => robotics.codec("Tensor", "msgpack", { limits: { maxBytes: -1 } })).toThrow(TypeError);
  // Names inherited from Object.prototype are no message either, in every lookup by name.
  for (const name of ["Nope", "toString", "constructor", "__proto__", "hasOwnProperty"]) {
    const message = name as never;
    for (const format of FORMATS) {
      expect(() => robotics.codec(message, format)).toThrow(/unknown robotics message/);
    }
    expect(() => robotics.parse(message, {})).toThrow(/unknown robotics message/);
    expect(() => robotics.limitsFor(message)).toThrow(/unknown robotics message/);
  }
});

test("package.json exports safewire/robotics and safewire/robotics/avro, and builds the generated code", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    exports: Record<string, { types: string; default: string }>;
    scripts: Record<string, string>;
  };
  expect(pkg.exports["./robotics"]).toEqual({
    types: "./dist/robotics/index.d.ts",
    default: "./dist/robotics/index.js",
  });
  expect(pkg.exports["./robotics/avro"]).toEqual({
    types: "./dist/robotics/avro.d.ts",
    default: "./dist/robotics/avro.js",
  });
  expect(pkg.scripts.build).toContain("copy-generated.mjs");
  expect(pkg.scripts["gen:proto"]).toBeDefined();
});

test("schema helpers: parse fills defaults; the exported schemas are the strict ones", () => {
  const state = robotics.fromTypedArray(Float32Array.of(1));
  const obs = robotics.parse("Observation", { state });
  expect(obs).toEqual({
    timestamp_ns: 0n,
    timestep: 0n,
    task: "",
    must_go: false,
    state,
    state_names: [],
    images: {},
    extras: {},
  });
  expect(robotics.ObservationSchema).toBe(robotics.messageSchemas().Observation);
  expect(robotics.messageSchemas({ allowNonFinite: true })).toBe(
    robotics.messageSchemas({ allowNonFinite: true }),
  );
});

test("valid messages take the fast path in every format: zod runs only when the fast check says no", async () => {
  const arbs = roboticsArbitraries();
  for (const message of robotics.MESSAGE_NAMES) {
    const schema = robotics.messageSchemas()[message] as { safeParse: (v: unknown) => unknown };
    const safeParse = schema.safeParse;
    let calls = 0;
    schema.safeParse = (v: unknown) => {
      calls++;
      return safeParse.call(schema, v);
    };
    try {
      for (const format of FORMATS) {
        const c = await robotics.loadCodec(message, format);
        for (const value of fc.sample(arbs[message] as fc.Arbitrary<unknown>, { numRuns: 20, seed: 7 })) {
          c.decode(c.encode(value as never));
        }
        expect({ message, format, calls }).toEqual({ message, format, calls: 0 });
      }
    } finally {
      schema.safeParse = safeParse;
    }
  }
});
