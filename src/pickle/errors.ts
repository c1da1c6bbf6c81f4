/**
 * The one error the pickle scanner throws. It is deliberately not a SafewireError: that class
 * describes a codec (its `format` is protobuf, avro or msgpack, its `direction` encode or decode, its
 * `limit` a codec limit), and a scan is none of those. The shape follows it all the same: a `code`
 * from the same vocabulary, the byte `offset`, the `limit` that was hit, and a message that reads as
 * a sentence.
 */

/** Bounds on one pickle disassembly. Every one is a count; all are positive safe integers. */
export interface PickleLimits {
  /**
   * Most opcodes read from one pickle stream (by a scan: from all the streams of one input together,
   * and of all the pickles of one archive together).
   */
  maxOps: number;
  /** Deepest MARK nesting (the unpickler's mark stack). */
  maxMarks: number;
  /** Most values on the symbolic stack at once. */
  maxStack: number;
  /** Memo indices must be below this; it also bounds the number of memo entries. */
  maxMemo: number;
  /**
   * Most imports plus calls recorded for one stream (by a scan: for all the streams of one input, or
   * all the pickles of one archive, together). A finding whose name is 256 bytes or longer counts once
   * more for every 256 bytes, so that a report holds at most about maxFindings × 256 bytes of names.
   */
  maxFindings: number;
}

/** Bounds on reading a ZIP container (PyTorch `.pt`). Sizes are bytes. */
export interface ZipLimits {
  /** Most central-directory entries. */
  maxEntries: number;
  /** Largest central directory read into memory. */
  maxDirectoryBytes: number;
  /**
   * Largest pickle read into memory: a file (a longer one is scanned up to this many bytes, and rated
   * as not fully checked), or a ZIP member (declared or inflated).
   */
  maxPickleBytes: number;
  /** Most uncompressed bytes read from one archive, all members together. */
  maxTotalBytes: number;
  /** Most pickle members scanned in one archive. */
  maxPickles: number;
}

export type ScanLimits = PickleLimits & ZipLimits;

export const DEFAULT_PICKLE_LIMITS: Readonly<PickleLimits> = Object.freeze({
  maxOps: 10_000_000,
  maxMarks: 10_000,
  maxStack: 1_000_000,
  maxMemo: 1_000_000,
  maxFindings: 200_000,
});

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxEntries: 100_000,
  maxDirectoryBytes: 64 * 1024 * 1024,
  maxPickleBytes: 256 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxPickles: 1_000,
});

export const DEFAULT_SCAN_LIMITS: Readonly<ScanLimits> = Object.freeze({
  ...DEFAULT_PICKLE_LIMITS,
  ...DEFAULT_ZIP_LIMITS,
});

/** Merges `partial` over the defaults. Throws TypeError on a limit that is not a positive safe integer. */
export function resolveScanLimits(partial: Partial<ScanLimits> = {}): Readonly<ScanLimits> {
  const out: ScanLimits = { ...DEFAULT_SCAN_LIMITS };
  for (const key of Object.keys(partial) as (keyof ScanLimits)[]) {
    if (!(key in DEFAULT_SCAN_LIMITS)) throw new TypeError(`unknown scan limit "${String(key)}"`);
    const value = partial[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new TypeError(`scan limit ${key} must be a positive safe integer, got ${String(value)}`);
    }
    out[key] = value;
  }
  return Object.freeze(out);
}

export type PickleErrorCode = "malformed" | "limit_exceeded";

/** Where the failure was found: in a pickle stream, or in the ZIP container around one. */
export type PickleErrorSource = "pickle" | "zip";

export interface PickleScanErrorInit {
  code: PickleErrorCode;
  source: PickleErrorSource;
  /** What went wrong, as a sentence without the offset (the constructor appends it). */
  message: string;
  /** Byte offset into the input (the pickle stream, or the archive). */
  offset: number;
  limit?: keyof ScanLimits;
  /** True when the failure is running out of input: a truncated stream. */
  eof?: boolean;
}

export class PickleScanError extends Error {
  override readonly name = "PickleScanError";
  readonly code: PickleErrorCode;
  readonly source: PickleErrorSource;
  readonly offset: number;
  readonly limit?: keyof ScanLimits;
  readonly eof: boolean;

  constructor(init: PickleScanErrorInit) {
    super(`${init.message} (byte ${init.offset})`);
    this.code = init.code;
    this.source = init.source;
    this.offset = init.offset;
    if (init.limit !== undefined) this.limit = init.limit;
    this.eof = init.eof === true;
  }
}

/** True for a PickleScanError from any copy of the package: checks the shape, not the class. */
export function isPickleScanError(x: unknown): x is PickleScanError {
  if (typeof x !== "object" || x === null) return false;
  const e = x as Record<string, unknown>;
  return (
    e.name === "PickleScanError" &&
    (e.code === "malformed" || e.code === "limit_exceeded") &&
    (e.source === "pickle" || e.source === "zip") &&
    typeof e.offset === "number"
  );
}
