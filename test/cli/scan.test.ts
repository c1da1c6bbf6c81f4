// `safewire scan` on what a careless or hostile command line hands it: FIFOs, control characters in
// argv, a dangerous file next to a missing one. FIFO cases spawn the CLI: a blocking open() would hang
// the test worker itself, and only a killed process times out.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT, main } from "../../src/cli/main.js";
import { VECTORS_DIR } from "../helpers/vectors.js";
import { cli, spawnCli } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "safewire-cli-scan-"));
const pickle = (name: string) => join(VECTORS_DIR, "pickle", name);
const PLAIN_ASCII = /^[ -~\n]*$/;
const hasMkfifo = process.platform !== "win32" && spawnSync("mkfifo", ["--help"]).error === undefined;

function fifo(name: string): string {
  const path = join(dir, name);
  const r = spawnSync("mkfifo", [path]);
  if (r.status !== 0) throw new Error(`mkfifo ${path}: ${r.stderr}`);
  return path;
}

describe.skipIf(!hasMkfifo)("scan: FIFOs are refused, never opened", () => {
  // Well under the test timeout: a hang shows as a killed process, not a stuck worker.
  const spawn = (argv: string[]) => spawnCli(argv, { timeout: 20_000 });

  it("a FIFO named on the command line (no writer) is not a regular file, exit 3", () => {
    const path = fifo("named.fifo");
    const r = spawn(["scan", path, pickle("data_p0.pkl")]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.out).toMatch(/^safe {8}\S+data_p0\.pkl/);
    expect(r.err).toBe(`safewire scan: ${path}: not a regular file\n`);
  }, 30_000);

  it("so is a symbolic link to a FIFO", () => {
    const link = join(dir, "link-to.fifo");
    symlinkSync(fifo("target.fifo"), link);
    const r = spawn(["scan", "--json", link]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(EXIT.USAGE);
    expect(JSON.parse(r.out).errors).toEqual([{ path: link, message: "not a regular file" }]);
  }, 30_000);

  it("a FIFO inside a walked directory is skipped", () => {
    const sub = join(dir, "walked");
    mkdirSync(sub);
    fifo(join("walked", "inner.fifo"));
    copyFileSync(pickle("data_p0.pkl"), join(sub, "data.pkl"));
    const r = spawn(["scan", sub]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(EXIT.OK);
    expect(r.err).toBe(`safewire scan: skipped ${join(sub, "inner.fifo")}: not a regular file\n`);
  }, 30_000);
});

describe("scan: usage errors escape what they quote from argv", () => {
  // What `safewire scan *` passes for a file named so: an OSC title, a bell, clear screen, a forged line.
  const hostile = "-\u001b]0;owned\u0007\u001b[2J\rFORGED LINE";

  it.each([
    [[hostile], "unknown option -\\u001b]0;owned\\u0007\\u001b[2J\\u000dFORGED LINE"],
    [["--allow", "x\u001b[31m", "x"], '--allow needs a module.name, got "x\\u001b[31m"'],
    [["--limit", "maxOps\u001b[2J=1", "x"], 'got "maxOps\\u001b[2J=1"'],
    [["--max-bytes", "1\u001b[2J", "x"], 'got "1\\u001b[2J"'],
  ])("%j", async (argv, shown) => {
    const r = await cli(["scan", ...argv]);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.err).toMatch(PLAIN_ASCII);
    expect(r.err).toContain(shown);
  });

  it("through the real process too", () => {
    const r = spawnCli(["scan", hostile], { timeout: 20_000 });
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.err).toMatch(PLAIN_ASCII);
    expect(r.err).toContain("FORGED LINE");
  }, 30_000);
});

describe("scan: a dangerous file wins over an error", () => {
  it("exits 2 when a file is dangerous and another path cannot be read, and still reports the error", async () => {
    const missing = join(dir, "missing.pkl");
    for (const argv of [
      [pickle("os_system_p1.pkl"), missing],
      [missing, pickle("os_system_p1.pkl")],
    ]) {
      const r = await cli(["scan", ...argv]);
      expect(r.code).toBe(EXIT.DANGEROUS);
      expect(r.out).toMatch(/^dangerous /);
      expect(r.err).toBe(`safewire scan: ${missing}: no such file or directory (ENOENT)\n`);
      const doc = JSON.parse((await cli(["scan", "--json", ...argv])).out);
      expect([doc.rating, doc.exitCode, doc.errors.length]).toEqual(["dangerous", 2, 1]);
    }
  });

  it("an error still wins over suspicious and safe", async () => {
    const missing = join(dir, "missing.pkl");
    expect((await cli(["scan", pickle("numpy_p4.pkl"), missing])).code).toBe(EXIT.USAGE);
    expect((await cli(["scan", pickle("data_p0.pkl"), missing])).code).toBe(EXIT.USAGE);
  });
});

describe("scan --json: written a file report at a time", () => {
  it("prints JSON.stringify(doc, null, 2) of the whole document, in one write per report and not one string", async () => {
    // A directory's reports together, or one report with 200,000 findings, can be more than one string
    // holds (about 512 MiB): JSON.stringify of the whole document failed there with "Invalid string
    // length", exit 4 and nothing printed (seven 1.2 MB pickles made a 665 MB report).
    const files = ["data_p0.pkl", "os_system_p1.pkl", "numpy_p4.pkl"].map(pickle);
    const writes: string[] = [];
    const code = await main(["scan", "--json", ...files, join(dir, "missing.pkl")], {
      stdout: {
        write: (c: string | Uint8Array) => writes.push(typeof c === "string" ? c : Buffer.from(c).toString()),
      },
      stderr: { write: () => {} },
    });
    expect(code).toBe(EXIT.DANGEROUS);
    const out = writes.join("");
    const doc = JSON.parse(out);
    expect(out).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    expect(Object.keys(doc)).toEqual(["schema", "rating", "exitCode", "files", "errors", "skipped"]);
    expect(doc.files.map((f: { name: string }) => f.name)).toEqual(files);
    expect(writes.length).toBeGreaterThan(files.length);
    for (const [argv, files] of [
      [[], 0],
      [[pickle("data_p0.pkl")], 1],
    ] as const) {
      const one = (await cli(["scan", "--json", ...argv, join(dir, "missing.pkl")])).out;
      expect(one).toBe(`${JSON.stringify(JSON.parse(one), null, 2)}\n`);
      expect(JSON.parse(one).files).toHaveLength(files);
    }
  });
});
