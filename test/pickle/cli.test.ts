import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { EXIT_DANGEROUS, EXIT_ERROR, EXIT_SAFE, EXIT_SUSPICIOUS, runScan } from "../../src/cli/scan.js";
import { printable } from "../../src/errors.js";
import { cat, VECTORS } from "./support.js";

interface Run {
  code: number;
  out: string;
  err: string;
}

async function scan(...argv: string[]): Promise<Run> {
  return scanWith(undefined, ...argv);
}

/** `scan` with `stdin` as standard input (the path `-`); undefined: none. */
async function scanWith(stdin: Uint8Array[] | undefined, ...argv: string[]): Promise<Run> {
  let out = "";
  let err = "";
  const code = await runScan(argv, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdin:
      stdin === undefined
        ? undefined
        : (async function* () {
            yield* stdin;
          })(),
  });
  return { code, out, err };
}

let dir: string;
const v = (name: string): string => join(VECTORS, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "safewire-scan-"));
  mkdirSync(join(dir, "models", "deep"), { recursive: true });
  copyFileSync(v("data_p2.pkl"), join(dir, "a-data.pkl"));
  copyFileSync(v("numpy_p4.pkl"), join(dir, "models", "b-numpy.pkl"));
  copyFileSync(v("torch_stored.pt"), join(dir, "models", "deep", "model.pt"));
  writeFileSync(join(dir, "models", "notes.txt"), "hello, not a pickle\n");
  symlinkSync(v("os_system_p4.pkl"), join(dir, "models", "link.pkl"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("safewire scan", () => {
  test("--help: usage, ratings, exit codes, an example", async () => {
    const r = await scan("--help");
    expect(r.code).toBe(EXIT_SAFE);
    expect(r.out).toMatch(/^Usage: safewire scan \[options\] FILE\|DIR\.\.\./);
    expect(r.out).toMatch(/Exit status/);
    expect(r.out).toMatch(/Examples:\n {2}safewire scan observation\.pkl/);
    expect(r.err).toBe("");
    expect((await scan("-h")).out).toBe(r.out);
  });

  test("usage errors exit 3 with a message on stderr", async () => {
    for (const argv of [
      [],
      ["--nope", "x"],
      ["--max-bytes", "abc", "x"],
      ["--max-bytes"],
      ["--allow", "os", "x"],
      ["--json=1", "x"],
      // An option that takes a value is given once: the other commands refuse repeats, not keep the last.
      ["--max-bytes", "1", "--max-bytes", "2", "x"],
      ["--max-files", "1", "--max-files=2", "x"],
      ["--limit", "maxOps=5", "--limit=maxOps=6", "x"],
      ["-", "-"],
    ]) {
      const r = await scan(...argv);
      expect(r.code, argv.join(" ")).toBe(EXIT_ERROR);
      expect(r.err).toMatch(/^safewire scan: .+\nTry 'safewire scan --help'\.\n$/);
      expect(r.out).toBe("");
    }
  });

  test("--max-bytes and --max-files take plain decimal integers above 0; others are usage errors", async () => {
    for (const argv of [
      ["--max-bytes", "1e3"],
      ["--max-files", "0x10"],
      ["--max-bytes", " 7"],
      ["--max-files", "0"],
      ["--max-bytes", "0"],
      // Past Number.MAX_SAFE_INTEGER: not a size to round silently.
      ["--max-bytes", "99999999999999999999"],
    ]) {
      const r = await scan(...argv, v("data_p0.pkl"));
      expect(r.code, argv.join(" ")).toBe(EXIT_ERROR);
      expect(r.err, argv.join(" ")).toBe(
        `safewire scan: ${argv[0]} needs a positive integer, got "${argv[1]}"\nTry 'safewire scan --help'.\n`,
      );
      expect(r.out).toBe("");
    }
  });

  test("exit status by the worst rating", async () => {
    expect((await scan(v("data_p0.pkl"))).code).toBe(EXIT_SAFE);
    expect((await scan(v("data_p0.pkl"), v("ordereddict_p2.pkl"))).code).toBe(EXIT_SUSPICIOUS);
    expect((await scan(v("ordereddict_p2.pkl"), v("os_system_p0.pkl"), v("data_p0.pkl"))).code).toBe(
      EXIT_DANGEROUS,
    );
  });

  test("one line per file: rating, name, kind, imports and calls with offsets", async () => {
    const r = await scan(v("os_system_p4.pkl"));
    expect(r.out).toBe(
      `dangerous   ${v("os_system_p4.pkl")}  [pickle p4, 48 bytes]  globals: posix.system@28  calls: REDUCE posix.system@45\n`,
    );
    expect(r.err).toBe("");
  });

  test("--verbose adds the reasons and notes", async () => {
    const r = await scan("-v", v("os_system_p4.pkl"), v("data_trailing_p4.pkl"));
    expect(r.out).toMatch(
      /\n {4}dangerous: imports posix\.system, which is not on the allowlist: runs a command/,
    );
    expect(r.out).toMatch(/\n {4}note: 14 bytes after the STOP/);
  });

  test("a data pickle then a protocol 0 os.system pickle: dangerous, exit 2", async () => {
    // pickle.dumps({'a': 1}, 0) + a protocol 0 pickle that a second pickle.load on the file runs.
    const file = join(dir, "two0.pkl");
    writeFileSync(file, cat("(dp0\nVa\np1\nI1\ns.", "cos\nsystem\n(S'echo PWNED'\ntR."));
    try {
      const r = await scan(file);
      expect(r.code).toBe(EXIT_DANGEROUS);
      expect(r.out).toBe(
        `dangerous   ${file}  [pickle p0, 2 streams, 45 bytes]  globals: os.system@16  calls: REDUCE os.system@43\n`,
      );
    } finally {
      rmSync(file);
    }
    expect((await scan(v("two_streams_p0_p1.pkl"))).code).toBe(EXIT_DANGEROUS);
  });

  test("bytes after a STOP that are not a pickle: suspicious, exit 1, with the reason", async () => {
    const r = await scan("-v", v("data_trailing_p4.pkl"));
    expect(r.code).toBe(EXIT_SUSPICIOUS);
    expect(r.out).toMatch(/^suspicious\s/);
    expect(r.out).toMatch(
      /\n {4}suspicious: the 14 bytes after the STOP at byte 19 could not be read as a pickle/,
    );
    expect((await scan(v("two_data_streams_p0_p1.pkl"))).code).toBe(EXIT_SAFE);
  });

  test("--ops prints the disassembly", async () => {
    const r = await scan("--ops", v("os_system_p4.pkl"));
    expect(r.out).toMatch(/\n {10}28: STACK_GLOBAL\n/);
    expect(r.out).toMatch(/\n {10}11: SHORT_BINUNICODE "posix"\n/);
  });

  test("directories are walked in order, symlinks skipped, archives scanned member by member", async () => {
    const r = await scan(dir);
    const lines = r.out.trimEnd().split("\n");
    expect(lines.map((l) => l.split(/\s+/).slice(0, 2).join(" "))).toEqual([
      `safe ${join(dir, "a-data.pkl")}`,
      `suspicious ${join(dir, "models", "b-numpy.pkl")}`,
      `suspicious ${join(dir, "models", "deep", "model.pt")}`,
      `suspicious ${join(dir, "models", "deep", "model.pt")}:archive/data.pkl`,
      `safe ${join(dir, "models", "notes.txt")}`,
    ]);
    expect(lines[4]).toMatch(/\[not a pickle, 20 bytes\]/);
    expect(r.err).toBe(`safewire scan: skipped ${join(dir, "models", "link.pkl")}: symbolic link\n`);
    expect(r.code).toBe(EXIT_SUSPICIOUS);
    // Named explicitly, a symlink is followed.
    expect((await scan(join(dir, "models", "link.pkl"))).code).toBe(EXIT_DANGEROUS);
  });

  test("--json: one stable report", async () => {
    const r = await scan("--json", v("torch_evil.pt"), v("data_p5.pkl"));
    expect(r.code).toBe(EXIT_DANGEROUS);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(["schema", "rating", "exitCode", "files", "errors", "skipped"]);
    expect(doc).toMatchObject({
      schema: "safewire.scan/1",
      rating: "dangerous",
      exitCode: 2,
      errors: [],
      skipped: [],
    });
    expect(doc.files.map((f: { name: string; rating: string }) => [f.name, f.rating])).toEqual([
      [v("torch_evil.pt"), "dangerous"],
      [v("data_p5.pkl"), "safe"],
    ]);
    const member = doc.files[0].entries[0];
    expect(member).toMatchObject({ name: "archive/data.pkl", kind: "pickle", protocol: 2 });
    expect(member.globals[0]).toEqual({
      module: "posix",
      name: "system",
      qualified: "posix.system",
      offset: 2,
      via: "GLOBAL",
      resolved: true,
    });
    expect(member.calls[0]).toEqual({ op: "REDUCE", offset: 38, callee: "posix.system", target: "global" });
    expect(doc.files[1].ops).toBeUndefined();
    expect(
      JSON.parse((await scan("--json", "--ops", v("data_p5.pkl"))).out).files[0].ops.length,
    ).toBeGreaterThan(10);
  });

  test("unreadable paths exit 3 and are reported on stderr; the rest is still scanned", async () => {
    const r = await scan(join(dir, "missing.pkl"), v("data_p0.pkl"), "/dev/null");
    expect(r.code).toBe(EXIT_ERROR);
    expect(r.out).toMatch(/^safe /);
    expect(r.err).toContain(
      `safewire scan: ${join(dir, "missing.pkl")}: no such file or directory (ENOENT)\n`,
    );
    expect(r.err).toMatch(/\/dev\/null: not a regular file/);
    const json = JSON.parse((await scan("--json", join(dir, "missing.pkl"))).out);
    expect(json.exitCode).toBe(3);
    expect(json.errors[0].path).toBe(join(dir, "missing.pkl"));
  });

  test("- reads standard input: a pickle, a ZIP archive; bounded by --max-bytes", async () => {
    const evil = readFileSync(v("os_system_p4.pkl"));
    const r = await scanWith([evil.subarray(0, 10), evil.subarray(10)], "-");
    expect(r.code).toBe(EXIT_DANGEROUS);
    expect(r.out).toMatch(/^dangerous {3}- {2}\[pickle p4, \d+ bytes\]/);
    const torch = await scanWith([readFileSync(v("torch_evil.pt"))], "--json", "-", v("data_p0.pkl"));
    const report = JSON.parse(torch.out);
    expect(report.files.map((f: { name: string; kind: string }) => [f.name, f.kind])).toEqual([
      ["-", "zip"],
      [v("data_p0.pkl"), "pickle"],
    ]);
    expect(torch.code).toBe(EXIT_DANGEROUS);
    const long = await scanWith([evil], "--max-bytes", "10", "-");
    expect(long.code).toBe(EXIT_ERROR);
    expect(long.err).toBe(
      "safewire scan: -: standard input is longer than 10 bytes (--max-bytes): scan it from a file, which is read in pieces\n",
    );
    const none = await scan("-");
    expect(none.code).toBe(EXIT_ERROR);
    expect(none.err).toBe("safewire scan: -: no standard input to read from\n");
  });

  test("--max-bytes: a longer pickle is not vouched for", async () => {
    const r = await scan("-v", "--max-bytes", "100", v("data_p0.pkl"));
    expect(r.code).toBe(EXIT_DANGEROUS);
    expect(r.out).toMatch(/only the first 100 were read \(limit maxPickleBytes\)/);
    expect((await scan("--max-bytes=100000", v("data_p0.pkl"))).code).toBe(EXIT_SAFE);
  });

  test("--limit sets any scan limit", async () => {
    const r = await scan("--limit", "maxOps=5", v("data_p2.pkl"));
    expect(r.code).toBe(EXIT_DANGEROUS);
    expect((await scan("-v", "--limit=maxOps=5", v("data_p2.pkl"))).out).toMatch(
      /more than 5 opcodes \(limit maxOps\)/,
    );
    for (const bad of ["maxOps", "maxOps=0", "nope=3", "maxPickleBytes=5", "toString=1"]) {
      const r = await scan("--limit", bad, v("data_p2.pkl"));
      expect(r.code, bad).toBe(EXIT_ERROR);
      // A usage error, not a scan that then fails: the line pointing to --help says which.
      expect(r.err, bad).toMatch(/^safewire scan: .+\nTry 'safewire scan --help'\.\n$/);
    }
  });

  test("--max-files stops the walk", async () => {
    const r = await scan("--max-files", "2", dir);
    expect(r.code).toBe(EXIT_ERROR);
    expect(r.out.trimEnd().split("\n")).toHaveLength(2);
    expect(r.err).toMatch(/more than 2 files/);
    // Said once, however many paths are left over.
    const f = v("data_p0.pkl");
    const many = await scan("--max-files", "1", f, f, f);
    expect(many.code).toBe(EXIT_ERROR);
    expect(many.err).toBe(
      `safewire scan: ${f}: more than 1 files (--max-files); the rest were not scanned\n`,
    );
  });

  test("a directory nested deeper than 64 is not entered, exit 3", async () => {
    const root = join(dir, "nest");
    let d = root;
    for (let i = 0; i < 66; i++) d = join(d, "d");
    mkdirSync(d, { recursive: true });
    copyFileSync(v("os_system_p1.pkl"), join(d, "evil.pkl"));
    try {
      const r = await scan(root);
      expect(r.code).toBe(EXIT_ERROR);
      expect(r.out).toBe("");
      expect(r.err).toMatch(/: directories nest deeper than 64; not entered\n$/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test("--allow adds to the allowlist", async () => {
    const file = join(dir, "custom.bin");
    writeFileSync(file, cat("\x80\x02cmylib\nPoint\nK\x01\x85R."));
    expect((await scan(file)).code).toBe(EXIT_DANGEROUS);
    expect((await scan("--allow", "mylib.Point", file)).code).toBe(EXIT_SUSPICIOUS);
    rmSync(file);
  });

  test("names from the file cannot drive the terminal", async () => {
    const file = join(dir, "esc.bin");
    writeFileSync(file, cat("\x80\x02cos\x1b[2J\nsys", [0xe2, 0x80, 0xae], "tem\n."));
    const r = await scan(file);
    expect(r.out.includes("\u001b")).toBe(false);
    expect(r.out).toContain("os\\u001b[2J.sys\\u202etem@2");
    rmSync(file);
    expect(printable("a\u0000b\u200fc\u2028d")).toBe("a\\u0000b\\u200fc\\u2028d");
  });

  test("a hostile file name is escaped on its line, in -v reasons and in --ops arguments", async () => {
    const file = join(dir, "n\x1b[2J.pkl");
    // GLOBAL os<ESC>.system, then a SHORT_BINUNICODE argument with U+202E and U+009B (CSI) in it:
    // JSON.stringify leaves both raw.
    const arg = Buffer.from("x\u202e\u009by", "utf8");
    writeFileSync(file, cat("\x80\x02cos\x1b[2J\nsystem\n", [0x8c, arg.length], arg, "\x85R."));
    try {
      const r = await scan("-v", "--ops", file);
      expect(r.code).toBe(EXIT_DANGEROUS);
      expect(r.out).toMatch(/^[ -~\n]*$/);
      expect(r.out).toMatch(/^dangerous {3}\S+\/n\\u001b\[2J\.pkl {2}\[pickle p2, /);
      expect(r.out).toContain("\n    dangerous: imports os\\u001b[2J.system, which is not on the allowlist");
      expect(r.out).toContain('\n          17: SHORT_BINUNICODE "x\\u202e\\u009by"\n');
    } finally {
      rmSync(file);
    }
  });

  test("skipped and unreadable paths are escaped on stderr", async () => {
    const sub = join(dir, "esc-paths");
    mkdirSync(sub);
    symlinkSync(v("data_p0.pkl"), join(sub, "l\x1b[2J"));
    try {
      const r = await scan(sub, join(dir, "missing\x1b[2J"));
      expect(r.code).toBe(EXIT_ERROR);
      expect(r.err).toBe(
        `safewire scan: skipped ${join(sub, "l\\u001b[2J")}: symbolic link\n` +
          `safewire scan: ${join(dir, "missing\\u001b[2J")}: no such file or directory (ENOENT)\n`,
      );
    } finally {
      rmSync(sub, { recursive: true, force: true });
    }
  });
});
