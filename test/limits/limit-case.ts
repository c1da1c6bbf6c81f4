import { expect } from "vitest";
import type { Limits, Path } from "../../src/index.js";
import { type Doc, type DocFormat, docCodec, LAX } from "../fixtures/doc.js";
import { expectBoundedFailure } from "../helpers/bounded.js";

/**
 * The shared shape of a limit test: `value` decodes with the limit at `atLimit`, and fails with one less,
 * naming the limit and the field's path, within the time and heap budgets.
 */
export function limitCase(
  format: DocFormat,
  limit: keyof Limits,
  atLimit: number,
  value: Doc,
  path: Path,
): void {
  const wire = docCodec(format, LAX).encode(value);
  const ok = docCodec(format, { [limit]: atLimit });
  expect(ok.decode(wire)).toEqual(value);
  // At the limit it is sent too, byte for byte: encode refuses only past it.
  expect(ok.encode(value)).toEqual(wire);
  const strict = docCodec(format, { [limit]: atLimit - 1 });
  const err = expectBoundedFailure(() => strict.decode(wire), "limit_exceeded", limit);
  expect(err.path).toEqual(path);
  expect(err.message).toContain(limit);
  // The same value is refused on encode too: a message the peer would refuse is never sent.
  const enc = strict.safeEncode(value);
  expect(enc.ok).toBe(false);
  if (!enc.ok) expect(enc.error.limit).toBe(limit);
  // And the strict codec still works afterwards.
  expect(
    strict.decode(
      strict.encode({ ...value, children: [], tags: {}, list: [], name: "", blob: new Uint8Array(0) }),
    ).name,
  ).toBe("");
}
