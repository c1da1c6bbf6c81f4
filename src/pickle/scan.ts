/**
 * `scanBytes` / `scanSource`: sniff what a file is (a pickle stream, a ZIP archive such as a PyTorch
 * `.pt`, an Avro container, or none of these), disassemble every pickle in it without running
 * anything, and rate it. Never throws on hostile input: problems end up in the report's `error`.
 */
import { Buffer } from "node:buffer";
import {
  type Disassembly,
  disassemblePartial,
  type PickleCall,
  type PickleGlobal,
  type PickleOp,
} from "./disassemble.js";
import {
  type PickleErrorCode,
  type PickleErrorSource,
  PickleScanError,
  resolveScanLimits,
  type ScanLimits,
} from "./errors.js";
import { type Rating, RatingBuilder, type Reason, rateInto, worse } from "./rate.js";
import {
  type ByteSource,
  bytesSource,
  looksLikeZip,
  readZipDirectory,
  readZipEntry,
  readZipEntryHead,
  type ZipBudget,
  type ZipEntry,
} from "./zip.js";

/**
 * - `pickle`: a pickle stream (or several back to back).
 * - `zip`: a ZIP archive; its `.pkl` members are in `entries` (a PyTorch `.pt` holds `archive/data.pkl`).
 * - `avro-container`: an Avro object container file (`Obj\x01`): data only.
 * - `not-pickle`: none of these. Safewire's own MessagePack, Protobuf and Avro messages carry no
 *   signature, so they land here too: nothing in them runs when loaded.
 */
export type ScanKind = "pickle" | "zip" | "avro-container" | "not-pickle";

export interface ScanErrorInfo {
  code: PickleErrorCode;
  source: PickleErrorSource;
  /** A sentence, with the byte offset. */
  message: string;
  offset: number;
  limit?: keyof ScanLimits;
}

export interface ScanReport {
  /** The file path, or the member path inside an archive. */
  name: string;
  kind: ScanKind;
  rating: Rating;
  /** Size in bytes (of the whole file, when only a part was read). */
  bytes: number;
  /** For pickles: the PROTO argument, or the newest protocol among the opcodes of an unversioned stream. */
  protocol?: number;
  /** For pickles: the streams read back to back (PyTorch's legacy format writes five). */
  streams?: number;
  /** False when the scan stopped early; `error` says where and why. */
  complete: boolean;
  /** Imports, with byte offsets into this pickle (for archive members: into the member). */
  globals: PickleGlobal[];
  calls: PickleCall[];
  /** Why the rating: dangerous reasons first. Empty for `safe`. */
  reasons: Reason[];
  notes: string[];
  error?: ScanErrorInfo;
  /** The opcode listing, when asked for (`ops: true`). */
  ops?: PickleOp[];
  /** For archives: one report per pickle member. */
  entries?: ScanReport[];
}

export interface ScanOptions {
  limits?: Partial<ScanLimits>;
  /** Include the opcode listing in each pickle report. Default false. */
  ops?: boolean;
  /** More `module.name`s to treat as allowlisted. */
  allow?: Iterable<string>;
}

/** Files larger than this are probed with their first PROBE_BYTES before being read further. */
const PROBE_BYTES = 1024 * 1024;

/**
 * At most this many pickle streams back to back are read from one input (PyTorch's legacy format writes
 * five; a file that `pickle.dump` appended records to holds one per record). Reading stops there, and
 * the input is rated as a scan stopped by a limit: another load would go on to the next stream. Each
 * stream costs about a microsecond of set-up on top of its opcodes, which `maxOps` bounds in total.
 */
const MAX_STREAMS = 10_000;

const NOT_A_PICKLE =
  "MessagePack, Protobuf and Avro messages carry no signature, so a safewire payload cannot be told " +
  "apart from other bytes; nothing in such bytes runs when loaded";

function errorInfo(e: PickleScanError): ScanErrorInfo {
  const info: ScanErrorInfo = { code: e.code, source: e.source, message: e.message, offset: e.offset };
  if (e.limit !== undefined) info.limit = e.limit;
  return info;
}

function append<T>(into: T[], from: readonly T[]): void {
  for (const x of from) into.push(x);
}

function looksLikeAvroContainer(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x4f && head[1] === 0x62 && head[2] === 0x6a && head[3] === 1;
}

/**
 * `maxOps` and `maxFindings` bound all the streams of one input together: a stream after the first is
 * disassembled with what the ones before it left, and a limit it hits is reported against the total.
 */
function totalLimit(e: PickleScanError, limits: Readonly<ScanLimits>, budget: StreamBudget): PickleScanError {
  const what = budget.archive ? "the archive's pickles" : "the pickle streams";
  let message: string;
  if (e.limit === "maxOps") {
    message = `${what} have more than ${limits.maxOps} opcodes in total (limit maxOps)`;
  } else if (e.limit === "maxFindings") {
    message = `${what} make more than ${limits.maxFindings} imports and calls in total (limit maxFindings)`;
  } else return e;
  return new PickleScanError({ code: e.code, source: e.source, message, offset: e.offset, limit: e.limit });
}

/**
 * What the pickle streams of one input may still cost, all together: opcodes (maxOps), findings
 * (maxFindings) and streams (MAX_STREAMS). An archive's members share one: each member used to get the
 * whole of it, so an archive listing one small deflated member a thousand times cost a thousand times
 * the limits (17 s for a 51 KB file of 10,000 one-value streams per member, 35 s for 100 members of
 * 10 million opcodes each, both within maxTotalBytes).
 */
interface StreamBudget {
  ops: number;
  findings: number;
  streams: number;
  /** True for an archive's members, for the messages. */
  archive: boolean;
}

function streamBudget(limits: Readonly<ScanLimits>, archive: boolean): StreamBudget {
  return { ops: limits.maxOps, findings: limits.maxFindings, streams: MAX_STREAMS, archive };
}

/** True when `budget` has nothing left for another stream. */
function spent(budget: StreamBudget): boolean {
  return budget.ops <= 0 || budget.findings <= 0 || budget.streams <= 0;
}

/**
 * Scans the pickle stream(s) in `bytes`. `totalSize`, when larger than `bytes.length`, says the bytes
 * are only the start of a longer file: running out of them is then a limit, not a malformed stream.
 *
 * Bytes after a STOP are read as the next stream whatever their first byte (protocols 0 and 1 have no
 * PROTO opcode), since a second `pickle.load` on the same file starts there. Bytes there that fail to
 * parse and import and call nothing are trailing data: a load fails on them before anything runs, but
 * the scanner could not read them, so they make the input at least suspicious, never safe.
 */
function scanPickle(
  bytes: Uint8Array,
  name: string,
  limits: Readonly<ScanLimits>,
  opts: ScanOptions,
  totalSize = bytes.length,
  budget: StreamBudget = streamBudget(limits, false),
): ScanReport {
  const globals: PickleGlobal[] = [];
  const calls: PickleCall[] = [];
  const ops: PickleOp[] = [];
  const notes: string[] = [];
  let first: Disassembly | undefined;
  let error: PickleScanError | undefined;
  /** Trailing data the scanner could not read: where it starts, after which STOP, how long. */
  let unread: { offset: number; stop: number; bytes: number } | undefined;
  let streams = 0;
  let pos = 0;
  // What an earlier member of the same archive left: its streams, opcodes and findings count here too.
  const shared = budget.archive && (budget.ops < limits.maxOps || budget.findings < limits.maxFindings);
  for (;;) {
    // (An archive's member is only scanned while the budget has something left: see scanZip.)
    if (first !== undefined && budget.streams <= 0) {
      error = new PickleScanError({
        code: "limit_exceeded",
        source: "pickle",
        message: budget.archive
          ? `the archive's pickles hold more than ${MAX_STREAMS} pickle streams in all; the ${bytes.length - pos} bytes from byte ${pos} were not read`
          : `the input holds more than ${MAX_STREAMS} pickle streams back to back; ` +
            `the ${bytes.length - pos} bytes after the STOP at byte ${pos - 1} were not read`,
        offset: pos,
      });
      break;
    }
    const r = disassemblePartial(bytes, {
      start: pos,
      keepOps: opts.ops === true,
      limits: { ...limits, maxOps: Math.max(0, budget.ops), maxFindings: Math.max(0, budget.findings) },
    });
    const e = r.error;
    const found = r.disassembly.globals.length + r.disassembly.calls.length;
    budget.ops -= r.disassembly.opCount;
    budget.findings -= r.disassembly.findingUnits;
    if (
      streams > 0 &&
      e !== undefined &&
      e.code === "malformed" &&
      found === 0 &&
      !(e.eof && totalSize > bytes.length)
    ) {
      // What follows a pickle need not be one (PyTorch's legacy format puts raw tensor data there):
      // bytes that fail to parse, and import and call nothing, are trailing data.
      unread = { offset: pos, stop: pos - 1, bytes: bytes.length - pos };
      notes.push(
        `${bytes.length - pos} bytes after the STOP at byte ${pos - 1} are not a pickle (${e.message}); ` +
          "pickle.load stops at the STOP, and another load from there fails before importing or calling anything",
      );
      break;
    }
    streams++;
    first ??= r.disassembly;
    append(globals, r.disassembly.globals);
    append(calls, r.disassembly.calls);
    if (opts.ops === true) append(ops, r.disassembly.ops);
    budget.streams--;
    if (e) {
      error = streams > 1 || shared ? totalLimit(e, limits, budget) : e;
      break;
    }
    pos = r.disassembly.end;
    if (bytes.length - pos === 0) break;
  }
  const d = first as Disassembly;

  if (totalSize > bytes.length && (error?.eof || (error === undefined && unread === undefined))) {
    // Out of bytes mid-stream, or right after a STOP: either way an unpickler would read on.
    error = new PickleScanError({
      code: "limit_exceeded",
      source: "pickle",
      message: `the file is ${totalSize} bytes and only the first ${bytes.length} were read (limit maxPickleBytes)`,
      offset: bytes.length,
      limit: "maxPickleBytes",
    });
  } else if (error === undefined && totalSize > bytes.length) {
    notes.push(`only the first ${bytes.length} of ${totalSize} bytes were read (limit maxPickleBytes)`);
  }

  // Only bytes refused at their first opcode are no pickle: once an opcode was read, an error is one
  // the scanner reports for CPython, and if it is wrong about that, what follows may run.
  const notPickle =
    error !== undefined &&
    error.code === "malformed" &&
    error.offset === d.start &&
    streams === 1 &&
    !d.declared &&
    globals.length === 0 &&
    calls.length === 0 &&
    !(error.eof && d.opCount > 0);
  if (notPickle) {
    const report: ScanReport = {
      name,
      kind: "not-pickle",
      rating: "safe",
      bytes: totalSize,
      complete: true,
      globals,
      calls,
      reasons: [],
      notes: [`not a pickle: ${(error as PickleScanError).message}`, NOT_A_PICKLE],
    };
    return report;
  }

  const builder = new RatingBuilder();
  rateInto({ globals, calls }, builder, opts);
  if (unread !== undefined) {
    builder.add(
      "suspicious",
      `the ${unread.bytes} bytes after the STOP at byte ${unread.stop} could not be read as a pickle, so they ` +
        "were not checked: a loader that reads them in its own way (not pickle.load) may find anything there",
      unread.offset,
    );
  }
  if (error?.code === "limit_exceeded") {
    builder.add(
      "dangerous",
      `the scan stopped: ${error.message}; the rest was not checked, and an unpickler would go on`,
      error.offset,
    );
  } else if (error) {
    builder.add(
      "suspicious",
      `the pickle could not be read to its end (${error.message}); CPython's unpickler should fail there ` +
        "too, but nothing after it was checked, and a more lenient loader may read on",
      error.offset,
    );
  }
  if (streams > 1) notes.push(`${streams} pickle streams back to back`);
  const rated = builder.done();
  const report: ScanReport = {
    name,
    kind: "pickle",
    rating: rated.rating,
    bytes: totalSize,
    protocol: d.protocol,
    streams,
    complete: error === undefined,
    globals,
    calls,
    reasons: rated.reasons,
    notes,
  };
  if (error) report.error = errorInfo(error);
  if (opts.ops === true) report.ops = ops;
  return report;
}

/** A pickle member: any case of `.pkl` (see scanZip). */
const PKL = /\.pkl$/i;

function scanZip(src: ByteSource, name: string, limits: Readonly<ScanLimits>, opts: ScanOptions): ScanReport {
  const report: ScanReport = {
    name,
    kind: "zip",
    rating: "safe",
    bytes: src.size,
    complete: true,
    globals: [],
    calls: [],
    reasons: [],
    notes: [],
    entries: [],
  };
  const entries = report.entries as ScanReport[];
  const unreadable = (e: PickleScanError, what: string): void => {
    report.complete = false;
    report.error = errorInfo(e);
    report.rating = "dangerous";
    report.reasons.push({
      rating: "dangerous",
      message: `${what} could not be read, so its pickles were not checked: ${e.message}`,
      offset: e.offset,
      count: 1,
    });
  };
  let members: ReturnType<typeof readZipDirectory>;
  try {
    members = readZipDirectory(src, limits);
  } catch (e) {
    if (!(e instanceof PickleScanError)) throw e;
    unreadable(e, "the archive");
    return report;
  }
  // torch.load finds data.pkl through miniz's locate_file, which ignores ASCII case.
  const pickles = members.filter((m) => PKL.test(m.name));
  const budget: ZipBudget = { bytesLeft: limits.maxTotalBytes };
  // np.load reads any member whose data starts with the .npy magic as an array, whatever its name (an
  // .npz is a ZIP of them), and unpickles an object array's data: those are scanned as pickles too.
  const arrays: { member: ZipEntry; start: number }[] = [];
  for (const m of members) {
    // An encrypted member: np.load cannot open it (zipfile asks for a password, going by the directory's flag).
    if (PKL.test(m.name) || (m.flags & 1) !== 0) continue;
    let start: number | undefined;
    try {
      // The magic first (a few bytes of every member), the header only behind it.
      const magic = readZipEntryHead(src, m, NPY_MAGIC.length, limits, budget);
      if (hasNpyMagic(magic))
        start = npyPickleStart(readZipEntryHead(src, m, NPY_HEAD_BYTES, limits, budget), m.size);
    } catch (e) {
      if (!(e instanceof PickleScanError)) throw e;
      if (e.code === "limit_exceeded") {
        unreadable(e, `"${m.name}"`);
        return report;
      }
      // Unchecked, as a .pkl member that cannot be read is: np.load reads bzip2 and LZMA members through
      // zipfile and unpickles an object array in them.
      report.rating = "dangerous";
      report.reasons.push({
        rating: "dangerous",
        message: `"${m.name}" could not be read to tell whether it is a NumPy array holding a pickle: ${e.message}`,
        offset: e.offset,
        count: 1,
      });
      continue;
    }
    if (start !== undefined) arrays.push({ member: m, start });
  }
  if (pickles.length + arrays.length > limits.maxPickles) {
    const npy = arrays.length > 0 ? ` and ${arrays.length} NumPy arrays holding pickles` : "";
    unreadable(
      new PickleScanError({
        code: "limit_exceeded",
        source: "zip",
        message: `the archive holds ${pickles.length} .pkl members${npy} (limit maxPickles is ${limits.maxPickles})`,
        offset: 0,
        limit: "maxPickles",
      }),
      "the archive",
    );
    return report;
  }
  const seen = new Set<string>();
  for (const m of pickles) {
    if (seen.has(m.name)) report.notes.push(`"${m.name}" appears more than once; every copy is scanned`);
    seen.add(m.name);
  }
  if (pickles.some((m) => /(^|\/)data\.pkl$/i.test(m.name))) {
    report.notes.push(
      "a PyTorch archive: torch.load unpickles data.pkl and reads tensor data from the other members",
    );
  }
  if (pickles.length === 0)
    report.notes.push("no .pkl member: nothing in this archive is unpickled by torch.load");
  if (arrays.length > 0) {
    report.notes.push(
      `${arrays.length} NumPy array member(s) hold pickles: np.load(allow_pickle=True) unpickles them`,
    );
  }
  const work = [...pickles.map((member) => ({ member, start: 0 })), ...arrays];
  const budgetLeft = streamBudget(limits, true);
  for (const [i, { member: m, start: from }] of work.entries()) {
    if (spent(budgetLeft)) {
      // The members before used up the archive's opcodes, findings or streams (and were rated for it).
      report.complete = false;
      report.rating = "dangerous";
      report.reasons.push({
        rating: "dangerous",
        message:
          `the scan stopped before "${m.name}": the pickles before it used up the archive's limits ` +
          `(maxOps, maxFindings, ${MAX_STREAMS} streams); ${work.length - i} members were not checked`,
        offset: m.directoryOffset,
        count: 1,
      });
      break;
    }
    let sub: ScanReport;
    let start = from;
    try {
      const data = readZipEntry(src, m, limits, budget);
      // A .pkl member that is a .npy file: np.load reads it as one (torch.load refuses its first byte).
      if (start === 0 && hasNpyMagic(data))
        start = npyPickleStart(data.subarray(0, NPY_HEAD_BYTES), data.length) ?? 0;
      sub = scanPickle(data.subarray(start), m.name, limits, opts, undefined, budgetLeft);
      if (start > 0) {
        sub.bytes = data.length;
        sub.notes.unshift(npyNote(start));
      }
    } catch (e) {
      if (!(e instanceof PickleScanError)) throw e;
      sub = {
        name: m.name,
        kind: "pickle",
        rating: "dangerous",
        bytes: m.size,
        complete: false,
        globals: [],
        calls: [],
        reasons: [
          {
            rating: "dangerous",
            message: `the member could not be read, so it was not checked: ${e.message}`,
            offset: e.offset,
            count: 1,
          },
        ],
        notes: [],
        error: errorInfo(e),
      };
    }
    entries.push(sub);
    report.rating = worse(report.rating, sub.rating);
    if (!sub.complete) report.complete = false;
  }
  return report;
}

function npyNote(start: number): string {
  return (
    "a NumPy .npy array whose header is not a plain numeric dtype: np.load(allow_pickle=True) unpickles " +
    `what follows it; offsets here count from byte ${start}`
  );
}

/** `\x93NUMPY`, which every .npy file starts with. */
const NPY_MAGIC: readonly number[] = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

function hasNpyMagic(head: Uint8Array): boolean {
  return head.length >= NPY_MAGIC.length && NPY_MAGIC.every((b, i) => head[i] === b);
}

/** What is read of a file or member to judge a NumPy header: magic, version, length, 4,096 bytes of header. */
const NPY_HEAD_BYTES = 12 + 4096;

/**
 * Where the data of a NumPy `.npy` file starts, when `np.load(..., allow_pickle=True)` may unpickle it:
 * after a header (`\x93NUMPY`, version, length) that does not spell a plain numeric dtype exactly as
 * numpy writes one. The header is a Python literal (duplicate keys, concatenated strings, `'object'`
 * also make an object array), so anything but that exact form counts as a pickle. Undefined otherwise.
 * `head` is the first `min(size, NPY_HEAD_BYTES)` bytes of data `size` bytes long.
 */
function npyPickleStart(head: Uint8Array, size: number): number | undefined {
  if (head.length < 10 || !hasNpyMagic(head)) return undefined;
  const major = head[6] as number;
  const wide = major >= 2;
  if (wide && head.length < 12) return undefined;
  const len = wide
    ? ((head[8] as number) | ((head[9] as number) << 8) | ((head[10] as number) << 16)) +
      (head[11] as number) * 2 ** 24
    : (head[8] as number) | ((head[9] as number) << 8);
  const from = wide ? 12 : 10;
  const start = from + len;
  if (start > size) return undefined;
  if (len <= NPY_HEAD_BYTES - 12) {
    // Decoded at once: a spread of the bytes cost 0.2 ms a header, paid again for every listing of a member.
    const bytes = head.subarray(from, start);
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
    if (PLAIN_NPY_HEADER.test(text)) return undefined;
  }
  return start;
}

/**
 * The header numpy writes for an array of numbers, booleans, strings or dates: no pickle follows. The
 * shape is a tuple's repr, `()`, `(3,)` or `(2, 3)`: spelled exactly, with no nested repetition, so the
 * match is linear in the header (a looser `( *\d+ *,?)*` took seconds on 30 digits and a stray byte).
 */
const PLAIN_NPY_HEADER =
  /^\{'descr': '[<>|=]?[A-NP-Za-z]\d*(?:\[\w+\])?', 'fortran_order': (?:True|False), 'shape': \((?:|\d+,|\d+(?:, \d+)+)\), \} *\n$/;

/**
 * Scans one input through random access: a ZIP archive costs only its directory, the first bytes of
 * each member (a NumPy header's, where one starts), and its `.pkl` members and arrays of objects;
 * anything else is read up to `maxPickleBytes`. Never throws PickleScanError.
 */
export function scanSource(src: ByteSource, name: string, opts: ScanOptions = {}): ScanReport {
  const limits = resolveScanLimits(opts.limits);
  let head = src.read(0, Math.min(src.size, 12));
  if (looksLikeZip(head)) return scanZip(src, name, limits, opts);
  // A NumPy header is read only behind its magic (a scan of anything else reads its first bytes alone).
  if (hasNpyMagic(head)) head = src.read(0, Math.min(src.size, NPY_HEAD_BYTES));
  const npy = npyPickleStart(head, src.size);
  if (npy !== undefined) {
    // np.load(allow_pickle=True) reads an object array with pickle.load from the end of the header.
    const data: ByteSource = { size: src.size - npy, read: (o, n) => src.read(npy + o, n) };
    const r = scanPickleSource(data, name, limits, opts);
    r.bytes = src.size;
    r.notes.unshift(npyNote(npy));
    return r;
  }
  if (looksLikeAvroContainer(head)) {
    return {
      name,
      kind: "avro-container",
      rating: "safe",
      bytes: src.size,
      complete: true,
      globals: [],
      calls: [],
      reasons: [],
      notes: ["an Avro object container file: schema and data only, nothing in it runs when read"],
    };
  }
  return scanPickleSource(src, name, limits, opts);
}

/** `src` read as pickle streams: what `scanSource` does with anything that is no ZIP or Avro container. */
function scanPickleSource(
  src: ByteSource,
  name: string,
  limits: Readonly<ScanLimits>,
  opts: ScanOptions,
): ScanReport {
  // A large file is probed first: bytes that are no pickle are refused within the first few opcodes,
  // and a verdict on a prefix that fails before its end (malformed, or a limit) holds for the whole file.
  if (src.size > PROBE_BYTES && limits.maxPickleBytes > PROBE_BYTES) {
    const probe = scanPickle(src.read(0, PROBE_BYTES), name, limits, opts, src.size);
    if (probe.error !== undefined && probe.error.limit !== "maxPickleBytes") return probe;
    if (probe.kind === "not-pickle") return probe;
  }
  const n = Math.min(src.size, limits.maxPickleBytes);
  return scanPickle(src.read(0, n), name, limits, opts, src.size);
}

/** Scans bytes held in memory: `scanSource` over them. */
export function scanBytes(bytes: Uint8Array, name = "<bytes>", opts: ScanOptions = {}): ScanReport {
  return scanSource(bytesSource(bytes), name, opts);
}
