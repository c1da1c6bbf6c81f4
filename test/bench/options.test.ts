// The benchmark tools' command lines: --help lists every option they parse; bad arguments are refused
// with the usage, exit 2 (before anything is measured); bench:ab times what it is asked to.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/vectors.js";

const run = promisify(execFile);

async function bench(argv: string[], script = "run"): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run(process.execPath, ["--import", "tsx", join(ROOT, `bench/${script}.ts`), ...argv], {
      cwd: ROOT,
    });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

describe("npm run bench -- …", () => {
  it("--help prints every option the harness parses, and exits 0", async () => {
    const r = await bench(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: npm run bench -- \[options\]/);
    const source = readFileSync(join(ROOT, "bench/run.ts"), "utf8");
    const block = source.slice(source.indexOf("const OPTIONS = {"), source.indexOf("} as const;"));
    const names = [...block.matchAll(/^ {2}"?([a-z-]+)"?: \{/gm)].map((m) => m[1] as string);
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(r.out).toContain(`--${name}`);
  }, 30_000);

  it("an unknown option: the usage on stderr, exit 2", async () => {
    const r = await bench(["--no-such-option"]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/Unknown option '--no-such-option'[\s\S]*Usage: npm run bench/);
  }, 30_000);
});

describe("npm run bench:ab -- …", () => {
  it("times the contenders interleaved and prints each one's best slice and the ratio", async () => {
    const r = await bench(["InteractionStats", "decode", "sw-msgpack", "msgpack", "--slices", "2"], "ab");
    expect(r.code).toBe(0);
    const m =
      /^InteractionStats decode: sw-msgpack (\d+) ns {2}msgpack (\d+) ns {2}ratio (\d+\.\d\d)\n$/.exec(r.out);
    expect(m).not.toBeNull();
    const [a, b, ratio] = (m as RegExpExecArray).slice(1).map(Number) as [number, number, number];
    expect(a).toBeGreaterThan(0);
    expect(ratio).toBeCloseTo(b / a, 1);
  }, 60_000);

  it("refuses an unknown case or contender, a bad direction or --slices, with the usage and exit 2", async () => {
    for (const argv of [
      ["Nope", "decode", "sw-protobuf"],
      ["ActionChunk", "sideways", "sw-protobuf"],
      ["ActionChunk", "decode", "pickle"],
      ["ActionChunk", "decode"],
      ["ActionChunk", "decode", "sw-protobuf", "--slices", "0"],
    ]) {
      const r = await bench(argv, "ab");
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/Usage: npm run bench:ab/);
    }
  }, 60_000);
});

describe("bench/profile.ts …", () => {
  it("refuses an unknown option or case and a bad --time with the usage and exit 2, before measuring", async () => {
    for (const [argv, reason] of [
      [["--nope"], /Unknown option '--nope'/],
      [["Nope"], /unknown case "Nope"/],
      [["ActionChunk", "--time", "abc"], /--time needs 1 to 60000, got "abc"/],
      [["ActionChunk", "--time", "0"], /--time needs 1 to 60000, got "0"/],
    ] as const) {
      const r = await bench([...argv], "profile");
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.out).toBe("");
      expect(r.err).toMatch(reason);
      expect(r.err).toMatch(/Usage: node --single-threaded --import tsx bench\/profile\.ts/);
    }
  }, 60_000);
});

// Bad input is refused before anything is measured (a full run takes minutes): a sentence and exit 2,
// not a stack trace after the measurement, and not exit 1 (which means "a ratio regressed").
describe("npm run bench -- … refuses bad input before measuring", () => {
  const dir = mkdtempSync(join(tmpdir(), "safewire-bench-"));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const baseline = JSON.parse(readFileSync(join(ROOT, "bench/results/baseline.json"), "utf8")) as {
    ratios: { ratio: { median: number } }[];
  };
  // A fast measurement, in case the input is not refused.
  const measuring = ["--quick", "--no-pickle", "--cases", "InteractionStats", "--out", join(dir, "out")];

  const cases: [string, string[], RegExp][] = [
    ["a --compare file that does not exist", ["--compare", join(dir, "nope.json")], /nope\.json/],
    ["a --compare file that is not JSON", ["--compare", file("bad.json", "{bad")], /bad\.json.*JSON/],
    [
      "a --compare file of another format (schema 0, ratios as numbers)",
      [
        "--compare",
        file(
          "old.json",
          JSON.stringify({
            ...baseline,
            schema: 0,
            ratios: baseline.ratios.map((r) => ({ ...r, ratio: r.ratio.median })),
          }),
        ),
      ],
      /old\.json/,
    ],
    ["a --compare file with no ratios", ["--compare", file("empty.json", "{}")], /empty\.json/],
    ["an --out that cannot be a directory", ["--out", join(file("afile", ""), "sub")], /--out/],
    ["an unknown case in --cases", ["--cases", "Nope,InteractionStats"], /Nope/],
    ["--cases with no case", ["--cases", ""], /--cases/],
    ["--rounds 0", ["--rounds", "0"], /--rounds/],
    ["--rounds abc", ["--rounds", "abc"], /--rounds/],
    ["--budget abc", ["--budget", "abc"], /--budget/],
    ["--threshold abc", ["--threshold", "abc"], /--threshold/],
    ["--threshold 1.5", ["--threshold", "1.5"], /--threshold/],
  ];
  for (const [what, argv, message] of cases) {
    it(what, async () => {
      const r = await bench([...measuring, ...argv]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/^\[1\//m); // nothing was measured
      expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(join(dir, "out", "quick.json"))).toBe(false);
    }, 30_000);
  }

  it("--compare where this run measured none of the baseline's ratios: said so, exit 1", async () => {
    const baseline = join(ROOT, "bench/results/baseline.json");
    const none = { ...JSON.parse(readFileSync(baseline, "utf8")), ratios: [] };
    const r = await bench(["--current", file("none.json", JSON.stringify(none)), "--compare", baseline]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Nothing compared: this run measured none of the baseline's ratios/);
    expect(r.out).toMatch(/nothing compared: none of the baseline's \d+ ratios was measured in this run/);
  }, 30_000);

  it("--current with a file that is not results: a sentence, exit 2", async () => {
    const r = await bench(["--current", file("bad2.json", "[1,2]")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad2\.json/);
    expect(r.err).not.toMatch(/\n\s+at /);
  }, 30_000);
});
