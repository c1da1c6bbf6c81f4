import { decode as rawDecode } from "@msgpack/msgpack";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { bytes, float64 } from "../../src/index.js";
import { assertSafeDecoder, hostile, UnsafeDecoderError } from "../../src/testing/index.js";

const Msg = z.object({ name: z.string(), xs: z.array(float64()), data: bytes() });
const codec = msgpackCodec({ schema: Msg });
const samples = [codec.encode({ name: "a", xs: [1, 2], data: new Uint8Array(4) })];

describe("assertSafeDecoder", () => {
  it("passes safewire's msgpack codec on hostile, random and mutated inputs", () => {
    assertSafeDecoder(codec, { runs: 300, seed: 42, samples, hostile: hostile.msgpack.all() });
  });

  it("catches the raw library on a depth bomb (a stack overflow or far over budget)", () => {
    expect(() =>
      assertSafeDecoder((b) => rawDecode(b), { runs: 10, hostile: [hostile.msgpack.depthBomb()] }),
    ).toThrow(/msgpack-depth-bomb.*(unexpected error RangeError|budget)/s);
  });

  it("catches a decoder that leaks non-safewire errors on random bytes, and reports the seed", () => {
    let message = "";
    try {
      assertSafeDecoder((b) => rawDecode(b), { runs: 200, seed: 7 });
    } catch (e) {
      message = String((e as Error).message);
    }
    expect(message).toMatch(/unexpected error/);
    expect(message).toMatch(/Counterexample \(shrunk \d+ times\): \d+ bytes/);
    expect(message).toMatch(/seed: -?\d+/);
    // The printed seed and path replay the shrunk input straight away.
    const replay = /Replay with \{ seed: (-?\d+), path: "([\d:]*)" \}/.exec(message);
    expect(replay).not.toBeNull();
    const [, seed, path] = replay as RegExpExecArray;
    const example = /Counterexample \(shrunk \d+ times\): (.*)\n/.exec(message)?.[1];
    let inputs = 0;
    let again = "";
    try {
      assertSafeDecoder(
        (b) => {
          inputs++;
          return rawDecode(b);
        },
        { runs: 200, seed: Number(seed), path },
      );
    } catch (e) {
      again = String((e as Error).message);
    }
    expect(again).toContain(`Counterexample (shrunk 0 times): ${example}`);
    expect(inputs).toBeLessThan(5);
  });

  it("catches a decoder that breaks after bad input", () => {
    let broken = false;
    const flaky = (b: Uint8Array) => {
      if (broken) throw new Error("stuck");
      if (b.length === 0) broken = true;
      return codec.decode(b);
    };
    expect(() => assertSafeDecoder(flaky, { runs: 5, samples, isExpectedError: () => true })).toThrow(
      UnsafeDecoderError,
    );
  });

  it("catches a decoder over its time budget", () => {
    const slow = (b: Uint8Array) => {
      const until = performance.now() + 30;
      while (performance.now() < until);
      return codec.decode(b);
    };
    expect(() => assertSafeDecoder(slow, { runs: 3, timeBudgetMs: 10 })).toThrow(/budget/);
  });
});
