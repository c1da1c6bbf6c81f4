/** Hard limits enforced on the raw bytes before any wire library allocates. All are counts or byte sizes. */
export interface Limits {
  /** Largest accepted encoded message, in bytes. Checked first, before any parsing. */
  maxBytes: number;
  /** Deepest nesting of messages, arrays and maps. Guards the stack against depth bombs. */
  maxDepth: number;
  /** Longest single string, in UTF-8 bytes. */
  maxStringBytes: number;
  /** Longest single binary (bytes) field. Defaults to `maxBytes`: images and tensors are big. */
  maxBinaryBytes: number;
  /** Most elements in one array (repeated field, list). */
  maxArrayLength: number;
  /** Most entries in one map (record, dict). */
  maxMapEntries: number;
}

/** 4 MiB: gRPC's default receive limit, and LeRobot's. */
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
/** 64 levels: far beyond any real message, far below any stack. */
export const DEFAULT_MAX_DEPTH = 64;
/** 1 MiB: longer strings are nearly always an attack or a bug. */
export const DEFAULT_MAX_STRING_BYTES = 1024 * 1024;
/** 1,048,576 elements. */
export const DEFAULT_MAX_ARRAY_LENGTH = 1_048_576;
/** 65,536 entries. */
export const DEFAULT_MAX_MAP_ENTRIES = 65_536;

/** The defaults, frozen. `maxBinaryBytes` equals `maxBytes`. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxBytes: DEFAULT_MAX_BYTES,
  maxDepth: DEFAULT_MAX_DEPTH,
  maxStringBytes: DEFAULT_MAX_STRING_BYTES,
  maxBinaryBytes: DEFAULT_MAX_BYTES,
  maxArrayLength: DEFAULT_MAX_ARRAY_LENGTH,
  maxMapEntries: DEFAULT_MAX_MAP_ENTRIES,
});

export const LIMIT_KEYS: readonly (keyof Limits)[] = Object.freeze([
  "maxBytes",
  "maxDepth",
  "maxStringBytes",
  "maxBinaryBytes",
  "maxArrayLength",
  "maxMapEntries",
]);

/**
 * Merges `Partial<Limits>` over `base` (the defaults unless given) and freezes the result.
 * When `maxBytes` is raised and `maxBinaryBytes` is not given, the binary limit follows it.
 * Throws TypeError on a limit that is not a positive safe integer: a programming error, not input.
 */
export function resolveLimits(
  partial: Partial<Limits> = {},
  base: Readonly<Limits> = DEFAULT_LIMITS,
): Readonly<Limits> {
  const out: Limits = { ...base };
  for (const key of Object.keys(partial)) {
    if (!(LIMIT_KEYS as readonly string[]).includes(key)) throw new TypeError(`unknown limit "${key}"`);
    const value = partial[key as keyof Limits];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new TypeError(`limit ${key} must be a positive safe integer, got ${String(value)}`);
    }
    out[key as keyof Limits] = value;
  }
  if (partial.maxBinaryBytes === undefined && base.maxBinaryBytes === base.maxBytes) {
    out.maxBinaryBytes = out.maxBytes;
  }
  return Object.freeze(out);
}
