/**
 * `safewire`: the core every format shares: the `Codec` shape, `SafewireError` and its issues, limits,
 * and the zod helpers for values the wire keeps exact (`int64()`, `uint64()`, `float32()`, `bytes()`).
 *
 * @module safewire
 */
export type { Codec } from "./codec.js";
export type {
  Direction,
  ErrorCode,
  Format,
  LimitIssue,
  MalformedIssue,
  Path,
  SafewireErrorInit,
  SafewireIssue,
  SchemaIssue,
  UnsafeIssue,
} from "./errors.js";
export { formatPath, isSafewireError, SafewireError } from "./errors.js";
export { FORBIDDEN_KEYS } from "./keys.js";
export type { Limits } from "./limits.js";
export {
  DEFAULT_LIMITS,
  DEFAULT_MAX_ARRAY_LENGTH,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_MAP_ENTRIES,
  DEFAULT_MAX_STRING_BYTES,
  resolveLimits,
} from "./limits.js";
export type { Result } from "./result.js";
export { bytes, finite, float32, float64, int32, int64, uint32, uint64 } from "./schema.js";
export { looksLikePickle } from "./sniff.js";
