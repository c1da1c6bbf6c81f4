// Default limits per message: sized so real robots pass and nothing much bigger does.
import { describe, expect, test } from "vitest";
import { DEFAULT_LIMITS } from "../../src/index.js";
import { limitsFor, MESSAGE_LIMITS } from "../../src/robotics/limits.js";
import { MESSAGE_NAMES, type Observation } from "../../src/robotics/messages.js";
import { fromTypedArray } from "../../src/robotics/tensor.js";
import { expectBoundedFailure } from "../helpers/bounded.js";
import { codec, comparable, FORMATS } from "./support.js";

const MiB = 1 << 20;

function frame(width: number, height: number) {
  return {
    height,
    width,
    encoding: "rgb8" as const,
    step: width * 3,
    data: new Uint8Array(width * height * 3).fill(7),
  };
}

function observation(images: Observation["images"]): Observation {
  return {
    timestamp_ns: 1_767_225_600_000_000_000n,
    timestep: 1n,
    task: "fold the towel",
    must_go: false,
    state: fromTypedArray(new Float32Array(14)),
    state_names: [],
    images,
    extras: {},
  };
}

test("every message has limits, all within the core's bounds of sanity", () => {
  for (const m of MESSAGE_NAMES) {
    const l = MESSAGE_LIMITS[m];
    expect(l.maxBinaryBytes).toBeLessThanOrEqual(l.maxBytes);
    expect(l.maxDepth).toBeLessThanOrEqual(DEFAULT_LIMITS.maxDepth);
    expect(l.maxStringBytes).toBeLessThanOrEqual(DEFAULT_LIMITS.maxStringBytes);
    expect(Object.isFrozen(l)).toBe(true);
  }
  expect(MESSAGE_LIMITS.Observation.maxBytes).toBeGreaterThanOrEqual(16 * MiB);
});

test("limitsFor: overrides merge over the message's defaults; maxBytes alone raises maxBinaryBytes too", () => {
  expect(limitsFor("Observation")).toEqual(MESSAGE_LIMITS.Observation);
  expect(limitsFor("Observation", { maxBytes: 32 * MiB })).toMatchObject({
    maxBytes: 32 * MiB,
    maxBinaryBytes: 32 * MiB,
  });
  expect(limitsFor("Observation", { maxBinaryBytes: 8 * MiB })).toMatchObject({
    maxBytes: 16 * MiB,
    maxBinaryBytes: 8 * MiB,
  });
  expect(limitsFor("Observation", { maxStringBytes: 10 }).maxStringBytes).toBe(10);
  expect(() => limitsFor("Observation", { maxBytes: 0 })).toThrow(TypeError);
});

describe.each(FORMATS)("%s", (format) => {
  test("an Observation with four 640×480 RGB cameras passes by default", () => {
    const c = codec("Observation", format);
    const value = observation({
      cam_high: frame(640, 480),
      cam_low: frame(640, 480),
      cam_left_wrist: frame(640, 480),
      cam_right_wrist: frame(640, 480),
    });
    const bytes = c.encode(value);
    expect(bytes.length).toBeGreaterThan(4 * 921_600);
    expect(comparable(c.decode(bytes))).toEqual(comparable(value));
  });

  test("a 1080p frame (6,220,800 bytes) needs an explicit limit", () => {
    const value = observation({ front: frame(1920, 1080) });
    const strict = codec("Observation", format);
    // Encoding is not a hostile-input path (it may build the bytes before refusing them): no budget.
    expect(strict.safeEncode(value)).toMatchObject({
      ok: false,
      error: { code: "limit_exceeded", limit: "maxBinaryBytes" },
    });
    const roomy = codec("Observation", format, { limits: { maxBytes: 8 * MiB } });
    const bytes = roomy.encode(value);
    expect(bytes.length).toBeGreaterThan(6_220_800);
    expect(roomy.decode(bytes).images.front?.data.length).toBe(6_220_800);
    // The receiving side refuses it by default, before decoding.
    expectBoundedFailure(() => strict.decode(bytes), "limit_exceeded", "maxBinaryBytes");
    // A bare Image codec refuses the whole message on size alone (the frame built and encoded outside the
    // measured call: that took half the budget).
    const image = codec("Image", format, { limits: { maxBytes: 8 * MiB } }).encode(frame(1920, 1080));
    expectBoundedFailure(() => codec("Image", format).decode(image), "limit_exceeded", "maxBytes");
  });

  test("a task string past 64 KiB is refused by default", () => {
    const value = { ...observation({}), task: "x".repeat(64 * 1024 + 1) };
    const bytes = codec("Observation", format, { limits: { maxStringBytes: 1 * MiB } }).encode(value);
    expectBoundedFailure(
      () => codec("Observation", format).decode(bytes),
      "limit_exceeded",
      "maxStringBytes",
    );
  });
});
