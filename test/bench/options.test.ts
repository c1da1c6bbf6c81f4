// The benchmark tools' command lines: --help lists every option they parse; bad arguments are refused
// with the usage, exit 2 (before anything is measured); bench:ab times what it is asked to.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
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
