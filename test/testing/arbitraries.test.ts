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
});
