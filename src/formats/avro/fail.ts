import { failLimit, failMalformed, type Path } from "../../errors.js";
import type { Limits } from "../../limits.js";

/**
 * A failure deep in a walk whose path is not known yet. Paths are built lazily: each record, array and
 * map frame the failure unwinds through adds its segment, so the happy path never builds one.
 */
export class WalkFailure {
  /** Innermost segment first. */
  readonly segments: PropertyKey[] = [];
  constructor(readonly raise: (path: Path) => never) {}
}

/** Adds `segment` to a WalkFailure on its way out; anything else (a stack overflow) passes unchanged. */
export function unwind(err: unknown, segment: PropertyKey): unknown {
  if (err instanceof WalkFailure) err.segments.push(segment);
  return err;
}

/** Rethrows a WalkFailure as the IssueSignal the pipeline expects, with its full path; anything else as is. */
export function rethrow(err: unknown): never {
  if (err instanceof WalkFailure) err.raise(err.segments.reverse());
  throw err;
}

export function malformed(message: string, offset: number): WalkFailure {
  return new WalkFailure((path) => failMalformed(message, path, offset));
}

export function overLimit(
  limit: keyof Limits,
  actual: number,
  max: number,
  what: string,
  offset: number,
): WalkFailure {
  return new WalkFailure((path) => failLimit(limit, actual, max, path, what, offset));
}
