// An input in memory another thread can write (a SharedArrayBuffer) may change while it is decoded. The
// prescan's verdict binds only if the reader sees the bytes it checked: the codec decodes a private copy.
// Without it, racing a writer that swapped a 50-byte name for a 70-byte one under maxStringBytes 64, about
// 0.3% of protobuf decodes returned the 70-byte name (3,926 of 1.4 million in 10 s, measured); the race
// below fails in every format without the copy.
import { runInNewContext } from "node:vm";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { doc, docCodec, FORMATS, LAX } from "../fixtures/doc.js";

const LIMITS = { maxStringBytes: 64 };
/** Over 16 KiB, so that the prescan runs and the reader trusts it. */
const blob = new Uint8Array(20_000).fill(7);

function sharedCopy(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(new SharedArrayBuffer(bytes.length));
  out.set(bytes);
  return out;
}

/** Writes `a` and `b` (same length) into `shared` in turn, as fast as it can, until terminated. */
function alternate(shared: Uint8Array, a: Uint8Array, b: Uint8Array): Worker {
  const source = `
    const { workerData } = require("node:worker_threads");
    const { shared, a, b } = workerData;
    const u = new Uint8Array(shared);
    for (;;) { u.set(a); u.set(b); }
  `;
  return new Worker(source, { eval: true, workerData: { shared: shared.buffer, a, b } });
}

describe("inputs in shared memory", () => {
  for (const format of FORMATS) {
    it(`${format}: decodes a copy: the same value, its binaries not views of the shared memory`, () => {
      const codec = docCodec(format);
      const wire = codec.encode(doc({ name: "n", blob }));
      for (const input of [wire, wire.subarray(0, 40)]) {
        const shared = sharedCopy(input);
        const plain = codec.safeDecode(input);
        const got = codec.safeDecode(shared);
        expect(got).toEqual(plain);
        if (got.ok) expect(got.value.blob.buffer).not.toBe(shared.buffer);
      }
    });

    it(`${format}: a writer racing the decode never gets a string past maxStringBytes through`, async () => {
      const lax = docCodec(format, LAX);
      // The same length in every format: only the name's and the tag's lengths differ.
      const within = lax.encode(doc({ name: "a".repeat(64), tags: { k: "x".repeat(31) }, blob }));
      const over = lax.encode(doc({ name: "a".repeat(84), tags: { k: "x".repeat(11) }, blob }));
      expect(over.length).toBe(within.length);
      const codec = docCodec(format, LIMITS);
      expect(codec.decode(within).name.length).toBe(64);
      expect(codec.safeDecode(over).ok).toBe(false);
      const shared = sharedCopy(within);
      const writer = alternate(shared, within, over);
      await new Promise((ok) => writer.once("online", ok));
      let decoded = 0;
      let longest = 0;
      try {
        const until = performance.now() + 1_000;
        while (performance.now() < until) {
          const r = codec.safeDecode(shared);
          if (!r.ok) continue;
          decoded++;
          longest = Math.max(longest, r.value.name.length, r.value.tags.k?.length ?? 0);
        }
      } finally {
        await writer.terminate();
      }
      expect(decoded).toBeGreaterThan(0);
      expect(longest).toBeLessThanOrEqual(64);
    });
  }
});

describe("inputs from another realm", () => {
  it("a vm context's ArrayBuffer is decoded in place; its SharedArrayBuffer is copied", () => {
    const codec = docCodec("msgpack");
    const wire = codec.encode(doc({ name: "n", blob: new Uint8Array([1, 2, 3]) }));
    for (const ctor of ["ArrayBuffer", "SharedArrayBuffer"]) {
      const buffer = runInNewContext(`new ${ctor}(${wire.length})`) as ArrayBufferLike;
      expect(buffer instanceof ArrayBuffer || buffer instanceof SharedArrayBuffer).toBe(false); // another realm
      const input = new Uint8Array(buffer);
      input.set(wire);
      const got = codec.decode(input);
      expect(got.blob).toEqual(new Uint8Array([1, 2, 3]));
      expect(got.blob.buffer === buffer).toBe(ctor === "ArrayBuffer");
    }
  });
});
