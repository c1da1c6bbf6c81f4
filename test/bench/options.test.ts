// The benchmark harness's command line: --help lists every option it parses; an unknown one is refused
// with the usage, exit 2 (before anything is measured).
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/vectors.js";

const run = promisify(execFile);

async function bench(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run(process.execPath, ["--import", "tsx", join(ROOT, "bench/run.ts"), ...argv], {
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
