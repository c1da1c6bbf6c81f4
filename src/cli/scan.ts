/**
 * `safewire scan FILE...|DIR`: the static pickle analyser's command line. `runScan(argv, io)` takes the
 * arguments after `scan` and resolves to the exit status, so it runs in-process in tests; run this module
 * directly (`node dist/cli/scan.js ...`) and it reads `process.argv`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { printable } from "../errors.js";
import type { PickleCall } from "../pickle/disassemble.js";
import { DEFAULT_SCAN_LIMITS, type ScanLimits } from "../pickle/errors.js";
import { type Rating, ratingLevel, worse } from "../pickle/rate.js";
import { type ScanReport, scanSource } from "../pickle/scan.js";
import { type ByteSource, bytesSource } from "../pickle/zip.js";
import { describe, readBounded } from "./io.js";
import { terminalSafeJson } from "./render.js";

export interface Writable {
  write(chunk: string): unknown;
}

export interface ScanIO {
  stdout: Writable;
  stderr: Writable;
  /** Read for the path `-`. */
  stdin?: AsyncIterable<Uint8Array | string>;
}

export const EXIT_SAFE = 0;
export const EXIT_SUSPICIOUS = 1;
export const EXIT_DANGEROUS = 2;
export const EXIT_ERROR = 3;

const DEFAULT_MAX_FILES = 100_000;
const MAX_DEPTH = 64;

export const SCAN_HELP = `Usage: safewire scan [options] FILE|DIR...

Analyses Python pickle files statically, without running them: every opcode is read with its byte
offset, every import (GLOBAL, STACK_GLOBAL, INST) and call (REDUCE, BUILD, OBJ, NEWOBJ, NEWOBJ_EX) is
listed, and each file is rated. Pickles inside ZIP archives (PyTorch .pt/.pth: archive/data.pkl) are
found and scanned, as is what follows the header of a NumPy .npy object array (alone, or in a ZIP
such as an .npz); directories are walked (symbolic links inside them are skipped). The path - reads
standard input (at most --max-bytes of it).

Ratings:
  safe        data only: numbers, strings, bytes, lists, tuples, dicts, sets
  suspicious  also imports allowlisted reconstructors only (numpy arrays, torch tensors,
              collections.OrderedDict, builtins.set, ...): load only with a restricted unpickler;
              or has bytes after a STOP that are not a pickle, or fails after its first opcode
              (truncated or malformed): the rest was not checked
  dangerous   anything else (os.system, subprocess.*, builtins.eval/exec/getattr, runpy, importlib,
              ...), a call the scanner cannot resolve, a scan stopped by a limit, or a ZIP archive
              that cannot be read (two end records, say)

Options:
  --json          print one JSON report on stdout (schema "safewire.scan/1")
  --ops           include the opcode listing (human: under each file; JSON: an "ops" array)
  -v, --verbose   print why each file got its rating, and notes
  --allow NAME    treat module.name as allowlisted too (repeatable)
  --max-bytes N   read at most N bytes of a file or ZIP member (default ${DEFAULT_SCAN_LIMITS.maxPickleBytes});
                  a longer pickle is rated dangerous: not fully checked
  --max-files N   scan at most N files (default ${DEFAULT_MAX_FILES})
  --limit K=N     set a scan limit (repeatable): maxOps, maxMarks, maxStack, maxMemo, maxFindings,
                  maxEntries, maxDirectoryBytes, maxTotalBytes, maxPickles (see the defaults in
                  safewire/pickle's DEFAULT_SCAN_LIMITS)
  -h, --help      show this help

Exit status (the first that applies):
  2  a file is dangerous (even if another could not be read: errors are still reported)
  3  usage error, or a path could not be read or is not a regular file or directory (messages on
     stderr): none is dangerous, but not every file was checked
  1  the worst file is suspicious
  0  every file is safe (or not a pickle)

Examples:
  safewire scan observation.pkl
  safewire scan --verbose checkpoints/ model.pt
  safewire scan --json payloads/ > report.json
`;

interface Parsed {
  limits: Partial<ScanLimits>;
  /** Options that take a value and are given at most once (as the other commands refuse repeats). */
  seen: Set<string>;
  json: boolean;
  ops: boolean;
  verbose: boolean;
  allow: string[];
  maxBytes: number;
  maxFiles: number;
  paths: string[];
}

class UsageError extends Error {}

function positiveInt(flag: string, value: string | undefined): number {
  if (value === undefined) throw new UsageError(`${flag} needs a value`);
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} needs a positive integer, got "${value}"`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new UsageError(`${flag} needs a positive integer, got "${value}"`);
  return n;
}

function parse(argv: readonly string[]): Parsed | "help" {
  const p: Parsed = {
    limits: {},
    seen: new Set(),
    json: false,
    ops: false,
    verbose: false,
    allow: [],
    maxBytes: DEFAULT_SCAN_LIMITS.maxPickleBytes,
    maxFiles: DEFAULT_MAX_FILES,
    paths: [],
  };
  let i = 0;
  while (i < argv.length) {
    const a = argv[i++] as string;
    if (a === "--") {
      while (i < argv.length) p.paths.push(argv[i++] as string);
      break;
    }
    if (!a.startsWith("-") || a === "-") {
      p.paths.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const flag = eq > 0 && a.startsWith("--") ? a.slice(0, eq) : a;
    const inline = eq > 0 && a.startsWith("--") ? a.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[i++];
    const once = (name: string): void => {
      if (p.seen.has(name)) throw new UsageError(`${name} is given more than once`);
      p.seen.add(name);
    };
    switch (flag) {
      case "-h":
      case "--help":
        return "help";
      case "--json":
        p.json = true;
        break;
      case "--ops":
        p.ops = true;
        break;
      case "-v":
      case "--verbose":
        p.verbose = true;
        break;
      case "--allow": {
        const v = value();
        if (v === undefined || !/^[^\s.]+(\.[^\s.]+)+$/.test(v)) {
          throw new UsageError(`--allow needs a module.name, got "${v ?? ""}"`);
        }
        p.allow.push(v);
        break;
      }
      case "--max-bytes":
        once(flag);
        p.maxBytes = positiveInt(flag, value());
        break;
      case "--max-files":
        once(flag);
        p.maxFiles = positiveInt(flag, value());
        break;
      case "--limit": {
        const v = value() ?? "";
        const m = /^([A-Za-z]+)=(.*)$/.exec(v);
        const key = m?.[1] as keyof ScanLimits | undefined;
        if (
          m === null ||
          key === undefined ||
          !Object.hasOwn(DEFAULT_SCAN_LIMITS, key) ||
          key === "maxPickleBytes"
        ) {
          throw new UsageError(
            `--limit needs NAME=N with a scan limit name (use --max-bytes for maxPickleBytes), got "${v}"`,
          );
        }
        once(`limit ${key}`);
        p.limits[key] = positiveInt(`--limit ${key}`, m[2]);
        break;
      }
      default:
        throw new UsageError(`unknown option ${a}`);
    }
    if (inline !== undefined && (flag === "--json" || flag === "--ops" || flag === "--verbose")) {
      throw new UsageError(`${flag} takes no value`);
    }
  }
  if (p.paths.length === 0) throw new UsageError("no FILE or DIR given");
  if (p.paths.filter((x) => x === "-").length > 1)
    throw new UsageError("- (standard input) is given more than once");
  return p;
}

/** What every scanned input is scanned with: the limits (--max-bytes among them), --ops and --allow. */
function scanOptions(p: Parsed) {
  return { limits: { ...p.limits, maxPickleBytes: p.maxBytes }, ops: p.ops, allow: p.allow };
}

/** A file read through its descriptor: ZIP archives are read in pieces. */
function fileSource(fd: number, size: number): ByteSource {
  return {
    size,
    read(offset, length) {
      const buf = Buffer.alloc(length);
      let got = 0;
      while (got < length) {
        const n = fs.readSync(fd, buf, got, length - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      return new Uint8Array(buf.buffer, buf.byteOffset, got);
    },
  };
}

function countBy<T>(items: readonly T[], key: (t: T) => string, offset: (t: T) => number): string[] {
  const m = new Map<string, { first: number; n: number }>();
  for (const it of items) {
    const k = key(it);
    const e = m.get(k);
    if (e === undefined) m.set(k, { first: offset(it), n: 1 });
    else e.n++;
  }
  return [...m].map(([k, e]) => `${printable(k)}@${e.first}${e.n > 1 ? ` (x${e.n})` : ""}`);
}

/** `os.system` for an import, `numpy.dtype()` for what a call to it made, `<…>` for the rest. */
function calleeText(c: PickleCall): string {
  if (c.op === "PERSID" || c.op === "BINPERSID") return "<persistent_load>";
  if (c.target === "global") return c.callee ?? "<unresolved>";
  if (c.target === "instance") return `${c.callee ?? "?"}()`;
  return `<${c.target}>`;
}

function describeKind(r: ScanReport): string {
  switch (r.kind) {
    case "pickle":
      return `pickle p${r.protocol ?? 0}${(r.streams ?? 1) > 1 ? `, ${r.streams} streams` : ""}`;
    case "zip":
      return `zip, ${r.entries?.length ?? 0} pickle${r.entries?.length === 1 ? "" : "s"}`;
    case "avro-container":
      return "avro container";
    case "not-pickle":
      return "not a pickle";
  }
}

function humanLines(r: ScanReport, label: string, p: Parsed, out: string[]): void {
  let line = `${r.rating.padEnd(10)}  ${printable(label)}  [${describeKind(r)}, ${r.bytes} bytes]`;
  if (r.globals.length > 0)
    line += `  globals: ${countBy(
      r.globals,
      (g) => g.qualified,
      (g) => g.offset,
    ).join(", ")}`;
  if (r.calls.length > 0) {
    line += `  calls: ${countBy(
      r.calls,
      (c) => `${c.op} ${calleeText(c)}`,
      (c) => c.offset,
    ).join(", ")}`;
  }
  if (r.error) line += `  error: ${r.error.code}: ${printable(r.error.message)}`;
  out.push(line);
  if (p.verbose) {
    for (const reason of r.reasons) {
      const times = reason.count > 1 ? ` (x${reason.count})` : "";
      out.push(`    ${reason.rating}: ${printable(reason.message)} @${reason.offset}${times}`);
    }
    for (const n of r.notes) out.push(`    note: ${printable(n)}`);
  }
  if (p.ops && r.ops) {
    for (const o of r.ops) {
      const arg = o.arg === undefined ? "" : ` ${typeof o.arg === "string" ? JSON.stringify(o.arg) : o.arg}`;
      out.push(`    ${String(o.offset).padStart(8)}: ${o.name}${printable(arg)}`);
    }
  }
  for (const e of r.entries ?? []) humanLines(e, `${label}:${e.name}`, p, out);
}

/**
 * `JSON.stringify(doc, null, 2)` (terminal-safe), written a file report at a time: the reports of a
 * directory together, or one report with 200,000 findings, can be more than one JavaScript string
 * holds (about 512 MiB), and the whole document as one string failed with "Invalid string length"
 * (exit 4, nothing printed) where each report fits.
 */
function writeJson(
  doc: {
    schema: string;
    rating: Rating;
    exitCode: number;
    files: ScanReport[];
    errors: Walk["errors"];
    skipped: Walk["skipped"];
  },
  write: (text: string) => void,
): void {
  const { schema, rating, exitCode, files, errors, skipped } = doc;
  // `{\n  "schema": …,\n  "exitCode": N` without its closing `\n}`.
  write(
    `${terminalSafeJson(JSON.stringify({ schema, rating, exitCode }, null, 2).slice(0, -2))},\n  "files": `,
  );
  if (files.length === 0) write("[]");
  else {
    write("[\n");
    files.forEach((r, i) => {
      const text = JSON.stringify(r, null, 2).replace(/\n/g, "\n    ");
      write(`${i > 0 ? ",\n" : ""}    ${terminalSafeJson(text)}`);
    });
    write("\n  ]");
  }
  // `  "errors": …\n}` without its opening `{\n`.
  write(`,\n${terminalSafeJson(JSON.stringify({ errors, skipped }, null, 2).slice(2))}\n`);
}

interface Walk {
  reports: ScanReport[];
  errors: { path: string; message: string }[];
  skipped: { path: string; reason: string }[];
  files: number;
}

function scanFile(file: string, p: Parsed, walk: Walk): void {
  if (walk.files >= p.maxFiles) {
    if (walk.files === p.maxFiles) {
      walk.errors.push({
        path: file,
        message: `more than ${p.maxFiles} files (--max-files); the rest were not scanned`,
      });
      walk.files++;
    }
    return;
  }
  walk.files++;
  let fd: number | undefined;
  try {
    // O_NONBLOCK: a FIFO swapped in after the caller's stat must not block open() (no effect on files).
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const st = fs.fstatSync(fd);
    if (!st.isFile()) {
      walk.errors.push({ path: file, message: "not a regular file" });
      return;
    }
    walk.reports.push(scanSource(fileSource(fd, st.size), file, scanOptions(p)));
  } catch (e) {
    walk.errors.push({ path: file, message: describe(e) });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function walkDir(dir: string, depth: number, p: Parsed, walk: Walk): void {
  if (depth > MAX_DEPTH) {
    walk.errors.push({ path: dir, message: `directories nest deeper than ${MAX_DEPTH}; not entered` });
    return;
  }
  let items: fs.Dirent[];
  try {
    items = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    walk.errors.push({ path: dir, message: describe(e) });
    return;
  }
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const it of items) {
    if (walk.files > p.maxFiles) return;
    const full = path.join(dir, it.name);
    if (it.isSymbolicLink()) walk.skipped.push({ path: full, reason: "symbolic link" });
    else if (it.isDirectory()) walkDir(full, depth + 1, p, walk);
    else if (it.isFile()) scanFile(full, p, walk);
    else walk.skipped.push({ path: full, reason: "not a regular file" });
  }
}

/** Standard input (`-`), read whole (at most --max-bytes) and scanned from memory. */
async function scanStdin(p: Parsed, io: ScanIO, walk: Walk): Promise<void> {
  walk.files++;
  let bytes: Awaited<ReturnType<typeof readBounded>>;
  try {
    bytes = await readBounded("-", p.maxBytes, io);
  } catch (e) {
    walk.errors.push({ path: "-", message: describe(e) });
    return;
  }
  if (!(bytes instanceof Uint8Array)) {
    const message = `standard input is longer than ${p.maxBytes} bytes (--max-bytes): scan it from a file, which is read in pieces`;
    walk.errors.push({ path: "-", message });
    return;
  }
  walk.reports.push(scanSource(bytesSource(bytes), "-", scanOptions(p)));
}

/**
 * Dangerous (2) > error (3) > suspicious (1) > safe (0): a dangerous file is never masked by another
 * that could not be read (a script quarantining on 2 must see it), and an unread file is never reported
 * as safe or merely suspicious.
 */
function exitCode(worst: Rating, errors: boolean): number {
  if (worst === "dangerous") return EXIT_DANGEROUS;
  return errors ? EXIT_ERROR : ratingLevel(worst);
}

/** Runs `safewire scan` with the arguments after `scan`. Resolves to the exit status (see SCAN_HELP). */
export async function runScan(argv: readonly string[], io: ScanIO): Promise<number> {
  let p: Parsed;
  try {
    const parsed = parse(argv);
    if (parsed === "help") {
      io.stdout.write(SCAN_HELP);
      return EXIT_SAFE;
    }
    p = parsed;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    // Messages quote argv, which a glob can fill with a hostile file name.
    io.stderr.write(`safewire scan: ${printable(e.message)}\nTry 'safewire scan --help'.\n`);
    return EXIT_ERROR;
  }

  const walk: Walk = { reports: [], errors: [], skipped: [], files: 0 };
  for (const arg of p.paths) {
    if (arg === "-") {
      await scanStdin(p, io, walk);
      continue;
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(arg);
    } catch (e) {
      walk.errors.push({ path: arg, message: describe(e) });
      continue;
    }
    if (st.isDirectory()) walkDir(arg, 0, p, walk);
    // Never open a FIFO, device or socket: open() on a FIFO with no writer blocks forever.
    else if (!st.isFile()) walk.errors.push({ path: arg, message: "not a regular file" });
    else scanFile(arg, p, walk);
  }

  let worst: Rating = "safe";
  for (const r of walk.reports) worst = worse(worst, r.rating);
  const code = exitCode(worst, walk.errors.length > 0);

  if (p.json) {
    const doc = {
      schema: "safewire.scan/1",
      rating: worst,
      exitCode: code,
      files: walk.reports,
      errors: walk.errors,
      skipped: walk.skipped,
    };
    writeJson(doc, (text) => io.stdout.write(text));
  } else {
    const out: string[] = [];
    for (const r of walk.reports) humanLines(r, r.name, p, out);
    if (out.length > 0) io.stdout.write(`${out.join("\n")}\n`);
  }
  for (const s of walk.skipped) io.stderr.write(`safewire scan: skipped ${printable(s.path)}: ${s.reason}\n`);
  for (const e of walk.errors)
    io.stderr.write(`safewire scan: ${printable(e.path)}: ${printable(e.message)}\n`);
  return code;
}

const invoked = process.argv[1];
if (invoked !== undefined && import.meta.url === pathToFileURL(path.resolve(invoked)).href) {
  runScan(process.argv.slice(2), process).then((code) => {
    process.exitCode = code;
  });
}
