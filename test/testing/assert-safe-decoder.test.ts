import { openSync, readSync } from "node:fs";
import { decode as rawDecode } from "@msgpack/msgpack";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { bytes, float64, SafewireError } from "../../src/index.js";
import { codec as roboticsCodec } from "../../src/robotics/index.js";
import { assertSafeDecoder, checkInput, hostile, UnsafeDecoderError } from "../../src/testing/index.js";

const Msg = z.object({ name: z.string(), xs: z.array(float64()), data: bytes() });
const codec = msgpackCodec({ schema: Msg });
const samples = [codec.encode({ name: "a", xs: [1, 2], data: new Uint8Array(4) })];

type CpuClock = (previous?: NodeJS.CpuUsage) => NodeJS.CpuUsage;
const threadCpuUsage = (process as { threadCpuUsage?: CpuClock }).threadCpuUsage;
/** The CPU clock the kit reads: this thread's where Node counts it (23.9 and later), else the process's. */
const cpuUsage: CpuClock = threadCpuUsage
  ? (previous) => threadCpuUsage.call(process, previous)
  : (previous) => process.cpuUsage(previous);

/**
 * Works until `ms` of CPU time (of `kind`) have passed on the kit's clock, doing `step` meanwhile. Not a
 * wall-clock spin: on a loaded machine 30 ms of wall time may be 10 ms of CPU, under the budget a test
 * means to exceed; CPU time spent is what the kit counts, whatever the load.
 */
function burnCpu(ms: number, kind: "total" | "system" = "total", step: () => void = () => {}): void {
  const start = cpuUsage();
  const spent = () => {
    const d = cpuUsage(start);
    return (kind === "system" ? d.system : d.user + d.system) / 1000;
  };
  while (spent() < ms) step();
}

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
      burnCpu(30);
      return codec.decode(b);
    };
    expect(() => assertSafeDecoder(slow, { runs: 3, timeBudgetMs: 10 })).toThrow(/budget/);
  });

  // A refusal as a codec throws it, after whatever the decoder did first.
  const refusal = () =>
    new SafewireError({
      format: "msgpack",
      direction: "decode",
      issues: [{ code: "malformed", path: [], message: "refused" }],
    });

  it("counts ArrayBuffer memory: a decoder that allocates a declared length before refusing fails", () => {
    const trusting = (b: Uint8Array) => {
      if (b[0] === 0xc6) new Uint8Array(64 << 20).fill(1); // bin32's length, trusted
      throw refusal();
    };
    expect(() => checkInput(trusting, hostile.msgpack.binaryBomb().bytes, { timeBudgetMs: 10_000 })).toThrow(
      /allocated \d+ bytes \(budget/,
    );
    expect(() => checkInput(trusting, Uint8Array.of(0x90))).not.toThrow();
  });

  it("counts what a collection during the call freed: a decoder building 20 MB fails every time", () => {
    const greedy = () => {
      const out: number[][] = [];
      for (let i = 0; i < 20_000; i++) out.push(new Array(125).fill(i + 0.5));
      return out;
    };
    let caught = 0;
    for (let i = 0; i < 5; i++) {
      greedy(); // garbage from earlier work, which a collection in the next call frees
      try {
        checkInput(greedy, Uint8Array.of(i), { timeBudgetMs: 10_000 });
      } catch (e) {
        if (e instanceof UnsafeDecoderError && /allocated/.test(e.message)) caught++;
      }
    }
    expect(caught).toBe(5);
  });

  it("catches a decoder that waits without computing (wall-clock ceiling)", () => {
    const cell = new Int32Array(new SharedArrayBuffer(4));
    const waits = (b: Uint8Array) => {
      if (b[0] === 0xff) Atomics.wait(cell, 0, 0, 300);
      return codec.decode(b);
    };
    expect(() =>
      checkInput(waits, Uint8Array.of(0xff), { wallCeilingMs: 100, isExpectedError: () => true }),
    ).toThrow(/wall-clock time \(ceiling 100\)/);
    expect(() => checkInput(waits, samples[0] as Uint8Array, { wallCeilingMs: 100 })).not.toThrow();
  });

  it("catches a decoder that changes its input, or a sample's bytes", () => {
    const scribbles = (b: Uint8Array) => {
      b.fill(0);
      throw refusal();
    };
    expect(() => checkInput(scribbles, Uint8Array.of(1, 2, 3))).toThrow(/changed its input/);
    const sample = (samples[0] as Uint8Array).slice();
    let calls = 0;
    const later = (b: Uint8Array) => {
      // Decodes the sample, then zeroes it on its second decode: its reference value is a view of those bytes.
      const v = codec.decode(b);
      if (b === sample && ++calls === 2) b.fill(0);
      return v;
    };
    expect(() =>
      checkInput(later, Uint8Array.of(0xc0), { samples: [sample], isExpectedError: () => true }),
    ).toThrow(/changed the bytes of sample 0/);
  });

  it("catches a decoder whose samples decode to something else after a bad input", () => {
    let poisoned = false;
    const stale = (b: Uint8Array) => {
      if (b[0] === 0xdd) {
        poisoned = true;
        throw refusal();
      }
      return poisoned ? { name: "", xs: [], data: new Uint8Array(0) } : codec.decode(b);
    };
    expect(() =>
      assertSafeDecoder(stale, { runs: 5, samples, hostile: [hostile.msgpack.arrayBomb()] }),
    ).toThrow(/msgpack-array32-bomb.*sample 0 now decodes to a different value/);
  });

  it("refuses an async decoder, whose rejections it cannot see", () => {
    const later = async (b: Uint8Array) => codec.decode(b);
    expect(() => checkInput(later, Uint8Array.of(1))).toThrow(/returned a Promise/);
    expect(() => assertSafeDecoder(later, { runs: 1, samples })).toThrow(/returned a Promise/);
  });

  it("reports a sample that never decoded as the caller's, not as a broken decoder", () => {
    const bad = codec.encode({ name: "a", xs: [], data: new Uint8Array(0) }).slice(0, -1);
    expect(() => assertSafeDecoder(codec, { runs: 1, samples: [bad] })).toThrow(
      /sample 0 does not decode, before any hostile input/,
    );
  });

  it("lets a decoded value re-encode larger than maxBytes (a float32 read back is written as a float64)", () => {
    const Floats = z.object({ xs: z.array(z.number()) });
    const small = msgpackCodec({ schema: Floats, limits: { maxBytes: 128 } });
    // 20 float32s (0xca): 107 bytes; encoded again as float64s, 188.
    const sample = Uint8Array.from([
      0x81,
      0xa2,
      0x78,
      0x73,
      0xdc,
      0x00,
      0x14,
      ...Array(20).fill([0xca, 0x3f, 0xc0, 0, 0]).flat(),
    ]);
    expect(small.decode(sample).xs[0]).toBe(1.5);
    expect(small.safeEncode(small.decode(sample)).ok).toBe(false);
    expect(() => checkInput(small, sample)).not.toThrow();
  });

  it("still fails a value over any other limit on re-encode (a decoder looser than its encoder)", () => {
    const Floats = z.object({ xs: z.array(z.number()) });
    const loose = msgpackCodec({ schema: Floats });
    const strict = msgpackCodec({ schema: Floats, limits: { maxArrayLength: 4 } });
    const skewed = { ...strict, decode: loose.decode, safeDecode: loose.safeDecode };
    const wire = loose.encode({ xs: [1, 2, 3, 4, 5] });
    const again = strict.safeEncode(loose.decode(wire));
    expect(again.ok ? "ok" : `${again.error.code} ${again.error.limit}`).toBe(
      "limit_exceeded maxArrayLength",
    );
    expect(() => checkInput(skewed, wire)).toThrow(/does not re-encode.*maxArrayLength/);
    expect(() => checkInput(skewed, loose.encode({ xs: [1, 2, 3, 4] }))).not.toThrow();
  });

  it("fails a value that does not re-encode, unless the schema's output is not its input (reencode: false)", () => {
    const Id = z.object({ id: z.string().regex(/^\d+$/).transform(Number) });
    const ids = msgpackCodec({ schema: Id });
    const wire = Uint8Array.from([0x81, 0xa2, 0x69, 0x64, 0xa2, 0x31, 0x32]); // { id: "12" }
    expect(ids.decode(wire)).toEqual({ id: 12 });
    expect(() => checkInput(ids, wire)).toThrow(/does not re-encode.*reencode: false/);
    expect(() => checkInput(ids, wire, { reencode: false })).not.toThrow();
    expect(() => assertSafeDecoder(ids, { runs: 100, samples: [wire], reencode: false })).not.toThrow();
  });

  it("quotes a decoder's error as one line of escaped text", () => {
    const echo = (b: Uint8Array) => {
      throw new Error(`bad input: ${Buffer.from(b).toString("latin1")}`);
    };
    let message = "";
    try {
      checkInput(echo, Buffer.from("\x1b]0;pwned\x07\r\nFAKE: all passed"));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/unexpected error Error: bad input: /);
    expect(message).toContain("\\u001b]0;pwned\\u0007\\u000d\\u000aFAKE");
    expect([...message].filter((c) => (c.codePointAt(0) as number) < 0x20)).toEqual([]);
  });

  it("a protobuf message cut between fields may decode: fromSample's truncations say so", () => {
    const stats = roboticsCodec("InteractionStats", "protobuf");
    const wire = stats.encode({
      episodic_reward: 1.5,
      interaction_step: 7n,
      intervention_rate: 0,
      episode_interventions: 0,
      extra: {},
    });
    const payloads = hostile.fromSample(wire);
    const cut = payloads.find((h) => h.name === "truncated-0");
    expect(cut?.mayDecode).toBe(true);
    expect(stats.safeDecode(cut?.bytes as Uint8Array).ok).toBe(true); // the empty message is valid
    for (const h of payloads.filter((p) => !p.name.startsWith("truncated-"))) {
      expect(h.mayDecode, h.name).toBeUndefined();
      const result = stats.safeDecode(h.bytes);
      expect(result.ok ? "decoded" : result.error.code, h.name).toMatch(
        /malformed|limit_exceeded|schema_violation/,
      );
    }
  });
});

// Each check at its edge: a looser budget, a sample left unchecked or a payload made smaller would let an
// unsafe decoder pass (found by mutation testing the kit).
describe("assertSafeDecoder: each check holds at its edge", () => {
  const over = (f: () => void, message: RegExp) => expect(f).toThrow(message);

  it("counts heap a collection freed during the call, when the decoder keeps nothing", () => {
    const scratchy = (b: Uint8Array) => {
      if (b[0] === 0xdd) for (let i = 0; i < 20_000; i++) new Array(125).fill(i + 0.5);
      return null;
    };
    for (let i = 0; i < 5; i++)
      over(() => checkInput(scratchy, Uint8Array.of(0xdd), { timeBudgetMs: 10_000 }), /allocated/);
  });

  it("holds the memory budget as given: 5 MiB fails a 4 MiB budget, 3 MiB passes it", () => {
    const allocates = (mib: number) => (b: Uint8Array) => {
      if (b[0] === 0xc6) new Uint8Array(mib << 20).fill(1);
      return null;
    };
    const options = { timeBudgetMs: 10_000, heapBudgetBytes: 4 << 20 };
    // Five times: the collection an allocation sets off may free older ArrayBuffers during the call.
    for (let i = 0; i < 5; i++)
      over(
        () => checkInput(allocates(5), Uint8Array.of(0xc6), options),
        /allocated \d+ bytes \(budget 4194304\)/,
      );
    expect(() => checkInput(allocates(3), Uint8Array.of(0xc6), options)).not.toThrow();
  });

  it("holds the time budget as given (30 ms of work fails a 20 ms budget), system time included", () => {
    const spin = (b: Uint8Array) => {
      if (b[0] === 0xff) burnCpu(30);
      return null;
    };
    over(() => checkInput(spin, Uint8Array.of(0xff), { timeBudgetMs: 20 }), /ms of CPU \(budget 20\)/);
    // 100 ms of system time reading /dev/zero (and some 10 ms of user time), which a user-time-only count
    // would miss.
    const fd = openSync("/dev/zero", "r");
    const buf = Buffer.allocUnsafe(1 << 20);
    const sys = (b: Uint8Array) => {
      if (b[0] === 0xff) burnCpu(100, "system", () => readSync(fd, buf, 0, buf.length, null));
      return null;
    };
    over(() => checkInput(sys, Uint8Array.of(0xff), { heapBudgetBytes: 1 << 30 }), /ms of CPU \(budget 50\)/);
  });

  it("checks every sample after a bad input, not only the first", () => {
    const Num = msgpackCodec({ schema: z.object({ n: z.number() }) });
    const two = [Num.encode({ n: 1 }), Num.encode({ n: 2 })];
    let poisoned = false;
    const cache = (b: Uint8Array) => {
      if (b[0] === 0xdd) {
        poisoned = true;
        return null;
      }
      const v = Num.decode(b);
      return poisoned && v.n === 2 ? { n: 999 } : v;
    };
    over(
      () => checkInput(cache, Uint8Array.of(0xdd), { samples: two, isExpectedError: () => true }),
      /sample 1 now decodes to a different value/,
    );
  });

  it("refuses a Promise returned for a sample only, and a thenable function", () => {
    const sample = Uint8Array.of(1, 2, 3);
    const offload = (b: Uint8Array) => (Buffer.compare(b, sample) === 0 ? new Promise(() => {}) : null);
    over(
      () => assertSafeDecoder(offload, { runs: 5, samples: [sample], isExpectedError: () => true }),
      /Promise/,
    );
    // biome-ignore lint/suspicious/noThenProperty: a thenable function is the case under test.
    const thenable = (_b: Uint8Array) => Object.assign(() => {}, { then: () => {} });
    over(() => checkInput(thenable, Uint8Array.of(1)), /Promise/);
  });

  it("tries the samples' truncations: a decoder that breaks on half a sample fails", () => {
    const sample = samples[0] as Uint8Array;
    const prefixCrash = (b: Uint8Array) => {
      if (b.length === sample.length >> 1 && Buffer.compare(b, sample.subarray(0, b.length)) === 0)
        throw new TypeError("Cannot read properties of undefined (reading 'length')");
      return codec.decode(b);
    };
    over(() => assertSafeDecoder(prefixCrash, { runs: 20, seed: 1, samples: [sample] }), /truncated-\d+/);
  });

  it("the msgpack bombs declare 2^32-1 items or bytes, and the depth bomb nests 200,000 levels", () => {
    const { arrayBomb, mapBomb, stringBomb, binaryBomb, depthBomb } = hostile.msgpack;
    for (const p of [arrayBomb(), mapBomb(), stringBomb(), binaryBomb()])
      expect([...p.bytes.subarray(1, 5)], p.name).toEqual([0xff, 0xff, 0xff, 0xff]);
    expect(depthBomb().bytes.length).toBe(200_001);
  });
});

describe("assertSafeDecoder: reports and defaults", () => {
  const failure = (f: () => void): string => {
    try {
      f();
    } catch (e) {
      if (e instanceof UnsafeDecoderError) return e.message;
      throw e;
    }
    return "passed";
  };
  const plain = () => {
    throw new Error("plain");
  };

  it("quotes the input's length and first 64 bytes in hex, with … only past 64", () => {
    const long = Uint8Array.from({ length: 65 }, (_, i) => i);
    const hex = Buffer.from(long.subarray(0, 64)).toString("hex");
    expect(failure(() => checkInput(plain, long))).toContain(`on 65 bytes: ${hex}…`);
    expect(failure(() => checkInput(plain, long.subarray(0, 64)))).toMatch(
      new RegExp(`on 64 bytes: ${hex}$`),
    );
  });

  it("cuts a decoder's long error to 500 characters", () => {
    const chatty = () => {
      throw new Error("x".repeat(10_000));
    };
    // "Error: " and 493 x's.
    expect(failure(() => checkInput(chatty, Uint8Array.of(1)))).toMatch(
      /unexpected error Error: x{493}… on 1 bytes/,
    );
  });

  it("reports a thrown value that cannot be made a string, rather than throwing on it", () => {
    const odd = () => {
      throw Object.create(null);
    };
    expect(failure(() => checkInput(odd, Uint8Array.of(1)))).toMatch(/unexpected error \[object Object\] on/);
  });

  it("takes the best of three runs: a decoder slow on its first two runs only passes", () => {
    // A first call that warms a cache or compiles is not the input's cost; three slow runs are.
    const warming = (slowRuns: number) => {
      let calls = 0;
      return () => {
        if (++calls <= slowRuns) burnCpu(40);
        return null;
      };
    };
    expect(failure(() => checkInput(warming(2), Uint8Array.of(1), { timeBudgetMs: 20 }))).toBe("passed");
    expect(failure(() => checkInput(warming(3), Uint8Array.of(1), { timeBudgetMs: 20 }))).toMatch(
      /ms of CPU \(budget 20\)/,
    );
    const cell = new Int32Array(new SharedArrayBuffer(4));
    let waits = 0;
    const waiting = () => {
      if (++waits <= 2) Atomics.wait(cell, 0, 0, 200);
      return null;
    };
    expect(failure(() => checkInput(waiting, Uint8Array.of(1), { wallCeilingMs: 100 }))).toBe("passed");
    let allocations = 0;
    const allocating = () => {
      if (++allocations <= 2) new Uint8Array(16 << 20).fill(1);
      return null;
    };
    expect(failure(() => checkInput(allocating, Uint8Array.of(1), { timeBudgetMs: 10_000 }))).toBe("passed");
  });

  it("has a wall-clock ceiling of 2000 ms by default", () => {
    const cell = new Int32Array(new SharedArrayBuffer(4));
    const stalls = () => {
      Atomics.wait(cell, 0, 0, 2_050);
      return null;
    };
    expect(failure(() => checkInput(stalls, Uint8Array.of(1)))).toMatch(/wall-clock time \(ceiling 2000\)/);
  });

  it("tries random inputs of up to 512 bytes by default, or maxLength", () => {
    const longest = (options: { maxLength?: number }) => {
      let max = 0;
      assertSafeDecoder(
        (b) => {
          max = Math.max(max, b.length);
          return null;
        },
        { runs: 200, seed: 5, ...options },
      );
      return max;
    };
    expect(longest({})).toBeGreaterThan(256);
    expect(longest({})).toBeLessThanOrEqual(512);
    expect(longest({ maxLength: 16 })).toBeLessThanOrEqual(16);
  });

  it("runs 1000 inputs by default", () => {
    let calls = 0;
    assertSafeDecoder(() => {
      calls++;
      return null;
    });
    // A few more where a breach is measured again (a collection landing on a run).
    expect(calls).toBeGreaterThanOrEqual(1000);
    expect(calls).toBeLessThan(1100);
  });

  it("tries the same inputs for the same seed", () => {
    const inputs = (seed: number) => {
      const seen: string[] = [];
      assertSafeDecoder(
        (b) => {
          seen.push(Buffer.from(b).toString("hex"));
          return null;
        },
        { runs: 20, seed },
      );
      return seen;
    };
    expect(inputs(11)).toEqual(inputs(11));
    expect(inputs(11)).not.toEqual(inputs(12));
  });

  it("mutates the samples: a decoder that breaks on a sample with one byte changed fails", () => {
    const sample = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    // Random bytes of that length that start like the sample are 1 in 2^32: only a mutated sample gets here.
    const fragile = (b: Uint8Array) => {
      if (b.length === sample.length && Buffer.compare(b.subarray(0, 4), sample.subarray(0, 4)) === 0)
        if (Buffer.compare(b, sample) !== 0) throw new TypeError("offset out of range");
      return null;
    };
    expect(failure(() => assertSafeDecoder(fragile, { runs: 200, seed: 3, samples: [sample] }))).toMatch(
      /unexpected error TypeError: offset out of range/,
    );
  });
});
