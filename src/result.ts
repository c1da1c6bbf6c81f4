import type { SafewireError } from "./errors.js";

/** The outcome of a non-throwing call: a value, or the error that `decode`/`encode` would have thrown. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: SafewireError };
