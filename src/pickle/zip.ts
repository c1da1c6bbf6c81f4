/**
 * A minimal, bounded ZIP reader: enough to find the pickles inside PyTorch `.pt` archives
 * (`archive/data.pkl` next to `archive/data/0`, …) and NumPy `.npz` archives (the head of each member,
 * to tell an array of objects). It reads the central directory (ZIP64 included),
 * and stored or deflated members through `inflateRawSync` with `maxOutputLength` set to the declared
 * size, so a member that inflates past its declared size is cut off, not allocated. Every offset and
 * size is checked against the archive before it is read; the archive is read through a ByteSource, so
 * a multi-gigabyte checkpoint costs only its directory and its pickles.
 */
import * as buffer from "node:buffer";
import * as zlib from "node:zlib";
import { DEFAULT_ZIP_LIMITS, PickleScanError, type PickleScanErrorInit, type ZipLimits } from "./errors.js";

/** Random access to an archive: a byte array, or an open file. */
export interface ByteSource {
  readonly size: number;
  /** `length` bytes at `offset`; the caller keeps both inside `size`. */
  read(offset: number, length: number): Uint8Array;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: (offset, length) => bytes.subarray(offset, offset + length) };
}

export interface ZipEntry {
  /** The member's path, decoded as UTF-8. */
  name: string;
  /** 0 stored, 8 deflate; anything else is refused when read. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  /** Declared uncompressed size. */
  size: number;
  localHeaderOffset: number;
  /** Offset of the member's central-directory record, for errors. */
  directoryOffset: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_LOCATOR64 = 0x07064b50;

function fail(init: Omit<PickleScanErrorInit, "source">): never {
  throw new PickleScanError({ ...init, source: "zip" });
}

/** True when the bytes start like a ZIP archive: a local header, or an empty archive's end record. */
export function looksLikeZip(head: Uint8Array): boolean {
  return (
    head.length >= 4 &&
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))
  );
}

function dv(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** A 64-bit field as a number, refused past 2^53 (no archive here is that large). */
function u64(view: DataView, at: number, what: string, offset: number): number {
  const v = view.getBigUint64(at, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
    fail({ code: "malformed", message: `the ZIP ${what} is ${v}, larger than any archive`, offset });
  }
  return Number(v);
}

function readAt(src: ByteSource, offset: number, length: number, what: string): Uint8Array {
  if (offset < 0 || length < 0 || offset > src.size || length > src.size - offset) {
    fail({
      code: "malformed",
      message: `the ZIP ${what} (${length} bytes at ${offset}) lies outside the ${src.size}-byte archive`,
      offset: Math.max(0, Math.min(offset, src.size)),
    });
  }
  const out = src.read(offset, length);
  if (out.length !== length) {
    fail({ code: "malformed", message: `could not read the ZIP ${what}`, offset, eof: true });
  }
  return out;
}

interface EndRecord {
  entries: number;
  directorySize: number;
  directoryOffset: number;
  /** Where the directory must end: at the ZIP64 end record, or else at the end record. */
  directoryEnd: number;
  /** The end record's offset. */
  at: number;
}

/** How far back Python's zipfile looks for the end record (miniz looks about as far). */
const EOCD_SEARCH = 0x10000 + 22;

/**
 * The end record: the last signature with 22 bytes after it, as Python's zipfile and PyTorch's miniz
 * take it, whatever its comment length. A second signature makes the archive ambiguous (other readers
 * skip a record whose comment runs past the end, or whose directory does not check out, and take an
 * earlier one), so it is refused: a scan rates the archive dangerous.
 */
function findEnd(src: ByteSource, limits: ZipLimits): EndRecord {
  const tailLen = Math.min(src.size, EOCD_SEARCH);
  const tailStart = src.size - tailLen;
  const tail = readAt(src, tailStart, tailLen, "end record");
  const view = dv(tail);
  let at = -1;
  for (let i = tailLen - 22; i >= 0; i--) {
    if (view.getUint32(i, true) !== SIG_EOCD) continue;
    if (at < 0) {
      at = i;
      continue;
    }
    fail({
      code: "malformed",
      message:
        `the ZIP has more than one end-of-central-directory record (at bytes ${tailStart + i} and ` +
        `${tailStart + at}): readers disagree on which one counts, so which pickles load is ambiguous`,
      offset: tailStart + i,
    });
  }
  if (at < 0)
    fail({ code: "malformed", message: "no ZIP end-of-central-directory record", offset: src.size });
  const eocd = tailStart + at;
  const disk = view.getUint16(at + 4, true);
  const cdDisk = view.getUint16(at + 6, true);
  let entries = view.getUint16(at + 10, true);
  let directorySize = view.getUint32(at + 12, true);
  let directoryOffset = view.getUint32(at + 16, true);
  if (disk !== 0 || cdDisk !== 0) {
    fail({ code: "malformed", message: "multi-disk ZIP archives are not supported", offset: eocd });
  }
  // Where the directory must end: Python's zipfile (np.load) reads the `directorySize` bytes right
  // before the end records, whatever the offset says (it takes a difference as data prepended to the
  // archive and shifts every member's offset by it), and the ZIP64 end record right before its locator,
  // whatever the locator says. An archive whose offsets point elsewhere reads one way here and another
  // there, so it is refused.
  let directoryEnd = eocd;
  // ZIP64: a locator sits right before the end record.
  if (eocd >= 20) {
    const loc = dv(readAt(src, eocd - 20, 20, "ZIP64 locator"));
    if (loc.getUint32(0, true) === SIG_LOCATOR64) {
      const recAt = u64(loc, 8, "ZIP64 end record offset", eocd - 20);
      if (recAt !== eocd - 20 - 56) {
        fail({
          code: "malformed",
          message:
            `the ZIP64 locator points at byte ${recAt}, not at the record right before it (byte ${eocd - 76}), ` +
            "which Python's zipfile reads instead: which members load is ambiguous",
          offset: eocd - 20,
        });
      }
      directoryEnd = recAt;
      const rec = dv(readAt(src, recAt, 56, "ZIP64 end record"));
      if (rec.getUint32(0, true) !== SIG_EOCD64) {
        fail({
          code: "malformed",
          message: "the ZIP64 locator points at no ZIP64 end record",
          offset: recAt,
        });
      }
      entries = u64(rec, 32, "entry count", recAt);
      directorySize = u64(rec, 40, "central directory size", recAt);
      directoryOffset = u64(rec, 48, "central directory offset", recAt);
    }
  }
  if (entries > limits.maxEntries) {
    fail({
      code: "limit_exceeded",
      message: `the ZIP declares ${entries} entries (limit maxEntries is ${limits.maxEntries})`,
      offset: eocd,
      limit: "maxEntries",
    });
  }
  if (directorySize > limits.maxDirectoryBytes) {
    fail({
      code: "limit_exceeded",
      message: `the ZIP central directory is ${directorySize} bytes (limit maxDirectoryBytes is ${limits.maxDirectoryBytes})`,
      offset: eocd,
      limit: "maxDirectoryBytes",
    });
  }
  return { entries, directorySize, directoryOffset, directoryEnd, at: eocd };
}

const names = new TextDecoder("utf-8");

/** Reads the central directory. Throws PickleScanError (source "zip") on anything malformed or too large. */
export function readZipDirectory(src: ByteSource, opts: Partial<ZipLimits> = {}): ZipEntry[] {
  const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...opts };
  const end = findEnd(src, limits);
  const cd = readAt(src, end.directoryOffset, end.directorySize, "central directory");
  if (end.directoryOffset + end.directorySize !== end.directoryEnd) {
    fail({
      code: "malformed",
      message:
        `the ZIP central directory (${end.directorySize} bytes at ${end.directoryOffset}) does not end where the end ` +
        `records start (byte ${end.directoryEnd}); Python's zipfile reads the bytes right before them instead: ` +
        "which members load is ambiguous",
      offset: end.at,
    });
  }
  const view = dv(cd);
  const out: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < end.entries; i++) {
    const at = end.directoryOffset + p;
    if (p + 46 > cd.length || view.getUint32(p, true) !== SIG_CENTRAL) {
      fail({
        code: "malformed",
        message: `ZIP central-directory record ${i} is missing or cut short`,
        offset: at,
      });
    }
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc32 = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localHeaderOffset = view.getUint32(p + 42, true);
    const recordLen = 46 + nameLen + extraLen + commentLen;
    if (p + recordLen > cd.length) {
      fail({
        code: "malformed",
        message: `ZIP central-directory record ${i} runs past the directory`,
        offset: at,
      });
    }
    const name = names.decode(cd.subarray(p + 46, p + 46 + nameLen));
    // ZIP64 extra field: 8-byte values, in this order, for the fields that hold 0xFFFFFFFF.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = view.getUint16(e, true);
      const len = view.getUint16(e + 2, true);
      if (e + 4 + len > extraEnd) break;
      if (id === 0x0001) {
        let q = e + 4;
        const take = (): number => {
          if (q + 8 > e + 4 + len) {
            fail({ code: "malformed", message: `ZIP64 extra field of "${name}" is cut short`, offset: at });
          }
          const v = u64(view, q, "ZIP64 size", at);
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      }
      e += 4 + len;
    }
    out.push({ name, method, flags, crc32, compressedSize, size, localHeaderOffset, directoryOffset: at });
    p += recordLen;
  }
  // Python's zipfile reads records to the directory's end, whatever the end record counts.
  if (p !== cd.length) {
    fail({
      code: "malformed",
      message:
        `the ZIP central directory holds ${cd.length - p} bytes past its ${end.entries} declared entries, ` +
        "which Python's zipfile reads as more members: which members load is ambiguous",
      offset: end.directoryOffset + p,
    });
  }
  return out;
}

/** The offset of a member's data, after its local header. */
function dataOffset(src: ByteSource, entry: ZipEntry): number {
  const h = dv(readAt(src, entry.localHeaderOffset, 30, `local header of "${entry.name}"`));
  if (h.getUint32(0, true) !== SIG_LOCAL) {
    fail({
      code: "malformed",
      message: `the local header of "${entry.name}" is missing`,
      offset: entry.localHeaderOffset,
    });
  }
  const start = entry.localHeaderOffset + 30 + h.getUint16(26, true) + h.getUint16(28, true);
  if (start > src.size || entry.compressedSize > src.size - start) {
    fail({
      code: "malformed",
      message: `the data of "${entry.name}" (${entry.compressedSize} bytes at ${start}) runs past the archive`,
      offset: entry.localHeaderOffset,
    });
  }
  return start;
}

/** Refuses a member this reader cannot read: encrypted, or compressed other than stored or deflate. */
function checkReadable(entry: ZipEntry): void {
  const at = entry.directoryOffset;
  if ((entry.flags & 1) !== 0) {
    fail({ code: "malformed", message: `"${entry.name}" is encrypted and cannot be scanned`, offset: at });
  }
  if (entry.method !== 0 && entry.method !== 8) {
    fail({
      code: "malformed",
      message: `"${entry.name}" uses ZIP compression method ${entry.method}; only stored (0) and deflate (8) are read`,
      offset: at,
    });
  }
}

/** Compressed bytes fed to the first attempt at a member's head; doubled until enough comes out. */
const HEAD_INPUT_FIRST = 64;
/**
 * Most compressed bytes read for a head: deflate data may hold empty blocks that inflate to nothing, and
 * a head hidden behind more of them than this is refused rather than searched for.
 */
const HEAD_INPUT_MAX = 64 * 1024;

/**
 * The first `n` bytes of `entry`'s data (fewer if it is shorter), without reading the rest: what np.load
 * looks at to tell an array from other bytes. A deflated member inflates only a prefix of its data, which
 * grows from 64 compressed bytes until `n` bytes come out, so that what is inflated stays near `n` (a
 * prefix inflates to at most about 1,000 times its length), and stops at HEAD_INPUT_MAX. What is read
 * and what is inflated count against `budget`, and no more than it leaves is inflated.
 */
export function readZipEntryHead(
  src: ByteSource,
  entry: ZipEntry,
  n: number,
  opts: Partial<ZipLimits> = {},
  budget: ZipBudget = { bytesLeft: Number.POSITIVE_INFINITY },
): Uint8Array {
  const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...opts };
  const at = entry.directoryOffset;
  checkReadable(entry);
  const start = dataOffset(src, entry);
  const want = Math.min(n, entry.size);
  let out: Uint8Array;
  if (entry.method === 0) {
    out = readAt(src, start, Math.min(want, entry.compressedSize), `data of "${entry.name}"`);
    spend(budget, out.length, entry, limits);
  } else {
    out = new Uint8Array(0);
    for (let input = HEAD_INPUT_FIRST; ; input *= 2) {
      if (input > HEAD_INPUT_MAX) {
        fail({
          code: "malformed",
          message: `the first ${HEAD_INPUT_MAX} bytes of the deflate data of "${entry.name}" inflate to only ${out.length} bytes`,
          offset: at,
        });
      }
      const take = Math.min(input, entry.compressedSize);
      const raw = readAt(src, start, take, `data of "${entry.name}"`);
      spend(budget, take, entry, limits);
      try {
        // A prefix is an unfinished stream: a sync flush returns what it holds instead of failing. One
        // doubling may inflate about 1,000 times what it adds: no more than the budget leaves comes out.
        const inflated = zlib.inflateRawSync(raw, {
          finishFlush: zlib.constants.Z_SYNC_FLUSH,
          maxOutputLength: Math.max(1, Math.min(budget.bytesLeft, buffer.constants.MAX_LENGTH)),
        });
        out = new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength);
      } catch (err) {
        if ((err as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") pastBudget(entry, limits);
        fail({
          code: "malformed",
          message: `the deflate data of "${entry.name}" is corrupt: ${err instanceof Error ? err.message : String(err)}`,
          offset: at,
        });
      }
      spend(budget, out.length, entry, limits);
      if (out.length >= want || take === entry.compressedSize) break;
    }
    out = out.subarray(0, want);
  }
  return out;
}

/** Takes `n` bytes read from `entry` off the archive's budget, or refuses them. */
function spend(budget: ZipBudget, n: number, entry: ZipEntry, limits: ZipLimits): void {
  if (n > budget.bytesLeft) pastBudget(entry, limits);
  budget.bytesLeft -= n;
}

/** Refuses `entry`: reading it would take the archive past maxTotalBytes. */
function pastBudget(entry: ZipEntry, limits: ZipLimits): never {
  return fail({
    code: "limit_exceeded",
    message: `"${entry.name}" would take the archive past ${limits.maxTotalBytes} bytes read (limit maxTotalBytes)`,
    offset: entry.directoryOffset,
    limit: "maxTotalBytes",
  });
}

/** What the caller may still inflate from one archive, all members together. */
export interface ZipBudget {
  bytesLeft: number;
}

/**
 * Reads and, for deflate, inflates one member, refusing declared or actual sizes past
 * `maxPickleBytes`, more than `budget.bytesLeft` in all, and any mismatch with the declared size or CRC.
 */
export function readZipEntry(
  src: ByteSource,
  entry: ZipEntry,
  opts: Partial<ZipLimits> = {},
  budget: ZipBudget = { bytesLeft: Number.POSITIVE_INFINITY },
): Uint8Array {
  const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...opts };
  const at = entry.directoryOffset;
  checkReadable(entry);
  const max = limits.maxPickleBytes;
  if (entry.size > max || entry.compressedSize > max + 65536) {
    fail({
      code: "limit_exceeded",
      message: `"${entry.name}" declares ${entry.size} bytes (limit maxPickleBytes is ${max})`,
      offset: at,
      limit: "maxPickleBytes",
    });
  }
  if (entry.size > budget.bytesLeft) pastBudget(entry, limits);
  const start = dataOffset(src, entry);
  const raw = readAt(src, start, entry.compressedSize, `data of "${entry.name}"`);
  let out: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) {
      fail({
        code: "malformed",
        message: `stored member "${entry.name}" has compressed size ${entry.compressedSize} but size ${entry.size}`,
        offset: at,
      });
    }
    out = raw;
  } else {
    try {
      const inflated = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) });
      out = new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code === "ERR_BUFFER_TOO_LARGE") {
        fail({
          code: "malformed",
          message: `"${entry.name}" inflates past its declared ${entry.size} bytes (a zip bomb?)`,
          offset: at,
        });
      }
      fail({
        code: "malformed",
        message: `the deflate data of "${entry.name}" is corrupt: ${err instanceof Error ? err.message : String(err)}`,
        offset: at,
      });
    }
    if (out.length !== entry.size) {
      fail({
        code: "malformed",
        message: `"${entry.name}" inflates to ${out.length} bytes, but declares ${entry.size}`,
        offset: at,
      });
    }
  }
  budget.bytesLeft -= out.length;
  if (typeof zlib.crc32 === "function" && zlib.crc32(out) >>> 0 !== entry.crc32) {
    fail({ code: "malformed", message: `"${entry.name}" fails its CRC-32 check`, offset: at });
  }
  return out;
}
