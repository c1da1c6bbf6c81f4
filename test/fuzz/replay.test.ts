// Replays every committed fuzz input (test/fuzz-corpus/<format>/<prefix>-*.bin) through the target that
// found it: each must be refused with a SafewireError, or decode to a value that round-trips, in time.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CORPUS_DIRS, CORPUS_ROOT, type CorpusDir, type FuzzTarget } from "../../fuzz/targets/harness.js";
import { TARGET_NAMES, TARGETS } from "../../fuzz/targets/index.js";
import { MESSAGES } from "../../fuzz/targets/messages.js";
import { MESSAGE_NAMES } from "../../src/robotics/messages.js";

/** Per input: generous next to the fuzzer's 100 ms, since the test runner shares the machine. */
const BUDGET_MS = 1000;

/** Findings reported and not fixed yet: they must still fail as recorded (delete the entry once fixed). */
interface Known {
  target: string;
  kind: string;
  match: string;
  reason: string;
}
const KNOWN_FILE = join(CORPUS_ROOT, "known.json");
const KNOWN: Record<string, Known> = existsSync(KNOWN_FILE)
  ? JSON.parse(readFileSync(KNOWN_FILE, "utf8"))
  : {};

const targets = new Map<string, FuzzTarget>();
beforeAll(async () => {
  for (const name of TARGET_NAMES) {
    const t = await (TARGETS[name] as () => Promise<FuzzTarget>)();
    await t.init();
    targets.set(name, t);
  }
}, 60_000);

function owner(dir: string, file: string): { target: FuzzTarget; prefix: string } | undefined {
  for (const t of targets.values()) {
    for (const f of t.files)
      if (f.dir === dir && file.startsWith(`${f.prefix}-`)) return { target: t, prefix: f.prefix };
  }
  return undefined;
}

describe("fuzz corpus", () => {
  it("has a target for every robotics message", () => {
    expect([...MESSAGES]).toEqual([...MESSAGE_NAMES]);
  });

  for (const dir of CORPUS_DIRS) {
    const base = join(CORPUS_ROOT, dir);
    const files = existsSync(base)
      ? readdirSync(base)
          .filter((f) => f.endsWith(".bin"))
          .sort()
      : [];
    if (files.length === 0) continue;
    it(`${dir}: ${files.length} inputs are refused with a SafewireError or round-trip`, () => {
      const problems: string[] = [];
      for (const file of files) {
        const who = owner(dir, file);
        if (who === undefined) {
          problems.push(`${file}: no fuzz target replays test/fuzz-corpus/${dir}/${file.split("-")[0]}-*`);
          continue;
        }
        const bytes = new Uint8Array(readFileSync(join(base, file)));
        const known = KNOWN[`${dir}/${file}`];
        if (known !== undefined) continue; // replayed below
        const t0 = performance.now();
        try {
          who.target.check(who.target.fromFile(dir, who.prefix, bytes));
        } catch (e) {
          problems.push(
            `${file} (${who.target.name}): ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
          );
          continue;
        }
        const ms = performance.now() - t0;
        if (ms > BUDGET_MS) problems.push(`${file} (${who.target.name}): took ${ms.toFixed(0)} ms`);
      }
      expect(problems).toEqual([]);
    });
  }
});

// Only while known.json lists open findings: vitest refuses an empty suite.
describe.runIf(Object.keys(KNOWN).length > 0)("known findings (test/fuzz-corpus/known.json)", () => {
  for (const [path, known] of Object.entries(KNOWN)) {
    it(`${path} still fails as reported (${known.kind}); once fixed, delete its entry`, () => {
      const [dir, file] = path.split("/") as [string, string];
      const who = owner(dir, file);
      expect(who?.target.name).toBe(known.target);
      const bytes = new Uint8Array(readFileSync(join(CORPUS_ROOT, dir, file)));
      const target = who?.target as FuzzTarget;
      expect(() => target.check(target.fromFile(dir as CorpusDir, who?.prefix as string, bytes))).toThrow(
        known.match,
      );
    });
  }
});

describe("fuzz targets", () => {
  for (const name of TARGET_NAMES) {
    it(`${name}: every seed is refused with a SafewireError or round-trips`, () => {
      const t = targets.get(name) as FuzzTarget;
      const problems: string[] = [];
      for (const seed of t.seeds()) {
        try {
          t.check(seed);
        } catch (e) {
          const text = String(e);
          const isKnown = Object.values(KNOWN).some((k) => k.target === name && text.includes(k.match));
          if (!isKnown) problems.push(`${Buffer.from(seed.subarray(0, 32)).toString("hex")}: ${text}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
