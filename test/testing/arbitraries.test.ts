import { fc } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { codec, ObservationSchema } from "../../src/robotics/index.js";
import { arbitraries, assertSafeDecoder, hostile } from "../../src/testing/index.js";

describe("testing arbitraries", () => {
  it("observation({ cameras: 2, maxSide: 64 }) gives valid observations with exactly two cameras", () => {
    fc.assert(
      fc.property(arbitraries.observation({ cameras: 2, maxSide: 64 }), (obs) => {
        expect(Object.keys(obs.images)).toEqual(["cam0", "cam1"]);
        for (const img of Object.values(obs.images)) {
          if (img.step > 0) expect(Math.max(img.height, img.width)).toBeLessThanOrEqual(64);
        }
        expect(ObservationSchema.safeParse(obs).success).toBe(true);
      }),
      { numRuns: 50, seed: 1 },
    );
  });

  it("feeds assertSafeDecoder with valid samples for a robotics codec", () => {
    const c = codec("Observation", "msgpack");
    const samples = fc
      .sample(arbitraries.observation({ cameras: 1, maxSide: 8 }), { numRuns: 5, seed: 3 })
      .map((o) => c.encode(o));
    assertSafeDecoder(c, { runs: 200, seed: 5, samples, hostile: hostile.msgpack.all() });
  });

  it("shapes fit maxElements, 0 included (every shape then has a 0 dimension), and refuse what none fits", () => {
    for (const max of [0, 1, 7]) {
      fc.assert(
        fc.property(arbitraries.shape(0, 8, max), (shape) => {
          expect(shape.reduce((a, b) => a * b, 1)).toBeLessThanOrEqual(max);
          if (max === 0) expect(shape.length).toBeGreaterThan(0);
        }),
        { numRuns: 200, seed: max },
      );
    }
    for (const t of fc.sample(arbitraries.tensor({ maxElements: 0 }), { numRuns: 20, seed: 2 })) {
      expect(t.data.length).toBe(0);
      expect(codec("Tensor", "protobuf").decode(codec("Tensor", "protobuf").encode(t))).toEqual(t);
    }
    expect(() => arbitraries.shape(0, 0, 0)).toThrow(RangeError);
    expect(() => arbitraries.shape(0, 8, -1)).toThrow(RangeError);
    expect(() => arbitraries.shape(0, 8, 1.5)).toThrow(RangeError);
  });
});
