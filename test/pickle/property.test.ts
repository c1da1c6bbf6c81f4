// Arbitrary bytes, grammar-made pickles and mutations of real ones: the scanner only ever throws its own
// error (the disassembler) or nothing at all (scanBytes), never hangs, and agrees with itself.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  type Disassembly,
  disassemble,
  disassemblePartial,
  isPickleScanError,
  scanBytes,
} from "../../src/pickle/index.js";
import { loadManifest, mutationArb, pickleArb, readVector } from "./support.js";

const SEEDS = loadManifest().vectors.map((v) => readVector(v.file));
// CPU time, not wall time: a hang shows in either, and a loaded machine (which stretches wall time) does not
// fail the check.
const PER_CASE_CPU_MS = 250;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

function checkOne(bytes: Uint8Array): void {
  const t0 = process.cpuUsage();
  let d: Disassembly | undefined;
  try {
    d = disassemble(bytes);
  } catch (e) {
    expect(isPickleScanError(e), String(e)).toBe(true);
  }
  const partial = disassemblePartial(bytes, { keepOps: false });
  if (d !== undefined) {
    expect(partial.error).toBeUndefined();
    expect(partial.disassembly.globals).toEqual(d.globals);
    expect(partial.disassembly.calls).toEqual(d.calls);
    for (const op of d.ops) expect(op.offset).toBeLessThan(bytes.length);
  }
  const r = scanBytes(bytes, "fuzz");
  expect(["safe", "suspicious", "dangerous"]).toContain(r.rating);
  if (r.error?.code === "limit_exceeded") expect(r.rating).toBe("dangerous");
  if (r.globals.some((g) => !g.resolved)) expect(r.rating).toBe("dangerous");
  expect(() => JSON.stringify(r)).not.toThrow();
  expect(cpuMs(t0)).toBeLessThan(PER_CASE_CPU_MS);
}

describe("pickle scanner properties", () => {
  test.prop([fc.uint8Array({ maxLength: 2048, size: "max" })], { numRuns: 400 })(
    "arbitrary bytes",
    (bytes) => {
      checkOne(bytes);
    },
  );

  test.prop([fc.constantFrom(0, 1, 2, 3, 4, 5), fc.uint8Array({ maxLength: 512, size: "max" })], {
    numRuns: 400,
  })("arbitrary bytes after PROTO", (p, tail) => {
    const bytes = new Uint8Array(tail.length + 2);
    bytes.set([0x80, p]);
    bytes.set(tail, 2);
    checkOne(bytes);
  });

  test.prop([pickleArb()], { numRuns: 600 })("pickles from an opcode grammar", (bytes) => {
    checkOne(bytes);
  });

  test.prop([mutationArb(SEEDS)], { numRuns: 600 })("mutations of the committed vectors", (bytes) => {
    checkOne(bytes);
  });

  test.prop([pickleArb(), fc.nat()], { numRuns: 300 })(
    "a prefix reports a prefix of the imports and calls (nothing is lost by reading less)",
    (bytes, cut) => {
      const full = disassemblePartial(bytes).disassembly;
      const cutShort = disassemblePartial(bytes.subarray(0, cut % (bytes.length + 1)));
      const prefix = cutShort.disassembly;
      // A GLOBAL or INST cut short is still an import under pickle.py, which reads the cut lines as
      // they are (`cos` imports `o`): that one, at the opcode the prefix fails on, is the cut's own.
      const at = cutShort.error?.offset ?? Number.POSITIVE_INFINITY;
      const globals = prefix.globals.filter((g) => g.offset < at);
      expect(full.globals.slice(0, globals.length)).toEqual(globals);
      expect(full.calls.slice(0, prefix.calls.length)).toEqual(prefix.calls);
    },
  );

  test.prop([mutationArb(SEEDS.filter((s) => s[0] === 0x50 && s[1] === 0x4b))], { numRuns: 200 })(
    "mutations of ZIP archives",
    (bytes) => {
      checkOne(bytes);
    },
  );
});
