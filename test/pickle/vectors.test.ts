// The committed vectors (scripts/gen-pickles.py, run by Debian's /usr/bin/python3): each file's rating,
// imports and calls as the manifest says. The manifest's imports come from CPython's own unpickler.
import { describe, expect, test } from "vitest";
import { type ByteSource, type ScanReport, scanBytes, scanSource } from "../../src/pickle/index.js";
import { cat, checkVector, loadManifest, readVector } from "./support.js";

/** A `size`-byte source that starts with `head` (zeros after it), and the length of every read. */
function countingSource(head: Uint8Array, size: number): { src: ByteSource; reads: number[] } {
  const reads: number[] = [];
  const src: ByteSource = {
    size,
    read(offset, length) {
      reads.push(length);
      const out = new Uint8Array(length);
      out.set(head.subarray(offset, offset + length));
      return out;
    },
  };
  return { src, reads };
}

/** `s` `n` times over. */
function repeatPickle(s: string, n: number): Uint8Array {
  return cat(s.repeat(n));
}

const manifest = loadManifest();

describe("committed pickle vectors", () => {
  test("cover every protocol, numpy, archives and the malicious cases", () => {
    const files = manifest.vectors.map((v) => v.file);
    for (let p = 0; p <= 5; p++) {
      expect(files).toContain(`data_p${p}.pkl`);
      expect(files).toContain(`os_system_p${p}.pkl`);
    }
    for (let p = 2; p <= 5; p++) expect(files).toContain(`numpy_p${p}.pkl`);
    expect(files).toEqual(expect.arrayContaining(["torch_stored.pt", "torch_deflated.pt", "inst_p0.pkl"]));
    expect(manifest.vectors.length).toBeGreaterThanOrEqual(45);
  });

  test.each(manifest.vectors.map((v) => [v.file, v] as const))("%s", (_file, v) => {
    checkVector(v, scanBytes(readVector(v.file), v.file));
  });

  test("os.system at every protocol: the import and the REDUCE, with their offsets", () => {
    for (let p = 0; p <= 5; p++) {
      const bytes = readVector(`os_system_p${p}.pkl`);
      const r = scanBytes(bytes);
      const g = r.globals[0];
      const c = r.calls[0];
      expect(g?.qualified).toBe("posix.system");
      expect(c).toMatchObject({ op: "REDUCE", callee: "posix.system", target: "global" });
      // The REDUCE opcode byte is where the report says.
      expect(bytes[c?.offset ?? -1]).toBe(0x52);
      expect(r.reasons[0]?.message).toMatch(/posix\.system/);
    }
  });

  test("a PyTorch archive: one data.pkl member, persistent ids, allowlisted rebuilds", () => {
    const r = scanBytes(readVector("torch_stored.pt"), "torch_stored.pt");
    expect(r.entries?.map((e) => e.name)).toEqual(["archive/data.pkl"]);
    const inner = r.entries?.[0] as ScanReport;
    expect(inner.calls.filter((c) => c.op === "BINPERSID")).toHaveLength(2);
    expect(inner.calls.filter((c) => c.callee === "torch._utils._rebuild_tensor_v2")).toHaveLength(2);
    expect(r.notes.join(" ")).toMatch(/PyTorch archive/);
  });

  test("trailing bytes after STOP are noted; a second stream is read", () => {
    expect(scanBytes(readVector("data_trailing_p4.pkl")).notes.join(" ")).toMatch(/14 bytes after the STOP/);
    const two = scanBytes(readVector("two_streams_p2.pkl"));
    expect(two.streams).toBe(2);
    expect(two.rating).toBe("dangerous");
  });

  test("the opcode listing, on request", () => {
    const r = scanBytes(readVector("os_system_p4.pkl"), "x", { ops: true });
    expect(r.ops?.map((o) => o.name)).toEqual([
      "PROTO",
      "FRAME",
      "SHORT_BINUNICODE",
      "MEMOIZE",
      "SHORT_BINUNICODE",
      "MEMOIZE",
      "STACK_GLOBAL",
      "MEMOIZE",
      "SHORT_BINUNICODE",
      "MEMOIZE",
      "TUPLE1",
      "MEMOIZE",
      "REDUCE",
      "MEMOIZE",
      "STOP",
    ]);
    expect(r.ops?.[2]).toEqual({ offset: 11, name: "SHORT_BINUNICODE", arg: "posix" });
    expect(scanBytes(readVector("os_system_p4.pkl")).ops).toBeUndefined();
  });
});

describe("streams back to back", () => {
  test("bytes after a pickle that only start like one are trailing data, not checked, so not safe", () => {
    const data = readVector("data_p2.pkl");
    const raw = cat(data, "\x80\x02\x00\x00\x00\x00raw tensor bytes");
    const r = scanBytes(raw);
    expect(r).toMatchObject({ rating: "suspicious", complete: true, streams: 1 });
    expect(r.error).toBeUndefined();
    expect(r.notes.join(" ")).toMatch(/are not a pickle \(0x00 is not a pickle opcode/);
    expect(r.reasons).toEqual([
      {
        rating: "suspicious",
        message: expect.stringMatching(
          new RegExp(`^the 22 bytes after the STOP at byte ${data.length - 1} could not be read as a pickle`),
        ),
        offset: data.length,
        count: 1,
      },
    ]);
  });

  // The probe: pickle.dumps({'a':1},0) + a protocol 0 os.system pickle; a second pickle.load runs it.
  const TWO_P0 = cat("(dp0\nVa\np1\nI1\ns.", "cos\nsystem\n(S'echo PWNED'\ntR.");

  test("a stream after a STOP is read whatever its first byte: protocols 0 and 1 have no PROTO", () => {
    const r = scanBytes(TWO_P0);
    expect(r).toMatchObject({ kind: "pickle", rating: "dangerous", complete: true, streams: 2, protocol: 0 });
    expect(r.globals).toEqual([
      { module: "os", name: "system", qualified: "os.system", offset: 16, via: "GLOBAL", resolved: true },
    ]);
    expect(r.calls).toEqual([{ op: "REDUCE", offset: 43, callee: "os.system", target: "global" }]);
    expect(TWO_P0[43]).toBe(0x52);
  });

  test.each([
    ["two_streams_p0_p0.pkl", 2],
    ["two_streams_p2_p0.pkl", 2],
    ["two_streams_p0_p1.pkl", 2],
    ["three_streams_p0_p2_p1.pkl", 3],
  ])("%s: the os.system stream after the data is found", (file, streams) => {
    const bytes = readVector(file);
    const r = scanBytes(bytes, file);
    expect(r).toMatchObject({ rating: "dangerous", complete: true, streams });
    expect(r.globals.map((g) => g.qualified)).toEqual(["posix.system"]);
    const reduce = r.calls.find((c) => c.callee === "posix.system");
    expect(bytes[reduce?.offset ?? -1]).toBe(0x52);
    // The import is in the last stream, past every STOP before it.
    expect(r.globals[0]?.offset).toBeGreaterThan(bytes.lastIndexOf(0x2e, bytes.length - 2));
  });

  test("data streams of protocols 0 and 1 back to back are safe, and every one is read", () => {
    const r = scanBytes(readVector("two_data_streams_p0_p1.pkl"));
    expect(r).toMatchObject({ rating: "safe", complete: true, streams: 2, reasons: [] });
    const many = scanBytes(cat("N.", "I1\n.", "(l.", "]\x94.", "\x80\x02K\x01."));
    expect(many).toMatchObject({ rating: "safe", complete: true, streams: 5 });
  });

  test("bytes after a STOP that are not a pickle are never rated safe", () => {
    const data = readVector("data_p0.pkl");
    for (const tail of [
      "\n",
      "\x00\x00\x00\x00raw",
      "trailing bytes",
      "I12",
      "\x8c\xffshort",
      "(\x00",
      // An exploit behind a byte that is no opcode: pickle.load cannot reach it, a custom loader may.
      cat("\x00", readVector("os_system_p0.pkl")),
    ]) {
      const r = scanBytes(cat(data, tail));
      expect(r.rating, JSON.stringify(tail)).toBe("suspicious");
      expect(r).toMatchObject({ kind: "pickle", complete: true, streams: 1 });
      expect(r.reasons[0]?.message).toMatch(/could not be read as a pickle, so they were not checked/);
    }
  });

  test("maxOps and maxFindings bound all the streams together, not each one", () => {
    const ops = scanBytes(cat("N.", "N.", "N."), "x", { limits: { maxOps: 5 } });
    expect(ops).toMatchObject({ rating: "dangerous", complete: false, streams: 3 });
    expect(ops.error).toMatchObject({ code: "limit_exceeded", limit: "maxOps", offset: 5 });
    expect(ops.error?.message).toMatch(/more than 5 opcodes in total \(limit maxOps\)/);
    expect(scanBytes(cat("N.", "N.", "N."), "x", { limits: { maxOps: 6 } }).rating).toBe("safe");

    const od = "ccollections\nOrderedDict\n)R.";
    const findings = scanBytes(cat(od, od, od), "x", { limits: { maxFindings: 5 } });
    expect(findings).toMatchObject({ rating: "dangerous", streams: 3, error: { limit: "maxFindings" } });
    expect(findings.error?.message).toMatch(/more than 5 imports and calls in total/);
    expect(scanBytes(cat(od, od, od), "x", { limits: { maxFindings: 6 } }).rating).toBe("suspicious");
  });

  test("past the stream cap the rest is not checked: rated dangerous, never safe", () => {
    const evil = readVector("os_system_p0.pkl");
    // Fewer streams than the cap: all read, the last one too.
    expect(scanBytes(cat(repeatPickle("N.", 100), evil))).toMatchObject({
      rating: "dangerous",
      streams: 101,
    });
    expect(scanBytes(repeatPickle("N.", 10_000))).toMatchObject({ rating: "safe", streams: 10_000 });
    const capped = scanBytes(cat(repeatPickle("N.", 10_000), "N."));
    expect(capped).toMatchObject({ rating: "dangerous", complete: false, streams: 10_000 });
    expect(capped.error).toMatchObject({ code: "limit_exceeded", offset: 20_000 });
    expect(capped.error?.message).toMatch(/more than 10000 pickle streams back to back/);
  });

  test("a file cut by maxPickleBytes right after a STOP is not vouched for", () => {
    const data = readVector("data_p0.pkl");
    const file = cat(data, readVector("os_system_p0.pkl"));
    const r = scanBytes(file, "x", { limits: { maxPickleBytes: data.length } });
    expect(r).toMatchObject({ rating: "dangerous", complete: false, error: { limit: "maxPickleBytes" } });
    // Where reading stopped: the first byte not read.
    expect(r.error?.offset).toBe(data.length);
    expect(scanBytes(file, "x", { limits: { maxPickleBytes: file.length } }).rating).toBe("dangerous");
  });

  test("a second stream cut by maxPickleBytes is the limit, not unreadable trailing data", () => {
    // pickle.load called twice on the file runs the second stream: None, then os.getcwd().
    const second = cat("\x80\x02X", [200, 0, 0, 0], "A".repeat(200), "0cos\ngetcwd\n)R.");
    const r = scanBytes(cat("\x80\x02N.", second), "x", { limits: { maxPickleBytes: 64 } });
    expect(r).toMatchObject({ rating: "dangerous", complete: false, error: { limit: "maxPickleBytes" } });
  });

  test("a large file: an unversioned stream after the first megabyte is read too", () => {
    const big = cat("S'", repeatPickle("a", 1_200_000), "'\n.");
    const r = scanBytes(cat(big, readVector("os_system_p0.pkl")));
    expect(r).toMatchObject({ rating: "dangerous", complete: true, streams: 2 });
    expect(r.globals.map((g) => g.qualified)).toEqual(["posix.system"]);
    expect(scanBytes(cat(big, "\x00junk"))).toMatchObject({ rating: "suspicious", streams: 1 });
  });

  test("garbage after a STOP inside the part read stops a load before the limit: suspicious, not the limit", () => {
    const data = readVector("data_p0.pkl");
    const file = cat(data, "\x00junk", new Uint8Array(100));
    const r = scanBytes(file, "x", { limits: { maxPickleBytes: data.length + 5 } });
    expect(r).toMatchObject({ rating: "suspicious", complete: true, streams: 1 });
    expect(r.error).toBeUndefined();
    expect(r.notes).toContain(
      `only the first ${data.length + 5} of ${file.length} bytes were read (limit maxPickleBytes)`,
    );
  });

  test("a large file whose first megabyte decides the verdict is not read further", () => {
    const size = 8 * 1024 * 1024;
    // Refused after its first opcodes (suspicious), and refused at its first byte (no pickle).
    for (const [head, kind, rating] of [
      ["\x80\x02N\x00", "pickle", "suspicious"],
      ["\x00", "not-pickle", "safe"],
    ] as const) {
      const { src, reads } = countingSource(cat(head), size);
      expect(scanSource(src, "x"), head).toMatchObject({ kind, rating, bytes: size });
      expect(Math.max(...reads), head).toBeLessThanOrEqual(1024 * 1024);
    }
  });

  test("maxPickleBytes below the probe size bounds the probe too", () => {
    // Past maxPickleBytes this would be refused (suspicious); the scan must not get there.
    const { src, reads } = countingSource(cat("\x80\x02N\x00"), 2 * 1024 * 1024);
    const r = scanSource(src, "x", { limits: { maxPickleBytes: 2 } });
    expect(r).toMatchObject({ rating: "dangerous", complete: false, error: { limit: "maxPickleBytes" } });
    // The sniffed head and two bytes, never the megabyte of a probe.
    expect(Math.max(...reads)).toBeLessThan(1024);
  });

  test("an Avro container is told by its four-byte magic, and is data only", () => {
    expect(scanBytes(cat("Obj\x01\x04\x14avro.schema"))).toMatchObject({
      kind: "avro-container",
      rating: "safe",
      complete: true,
    });
    // "Obj" with another fourth byte is not Avro: as a pickle, OBJ without a MARK is refused at once.
    expect(scanBytes(cat("Obj\x02"))).toMatchObject({ kind: "not-pickle", rating: "safe" });
  });

  test("the protocol is the first stream's; only several streams are noted", () => {
    expect(scanBytes(cat("\x80\x02N.", "\x80\x04N."))).toMatchObject({
      protocol: 2,
      streams: 2,
      notes: ["2 pickle streams back to back"],
    });
    expect(scanBytes(cat("\x80\x02N."))).toMatchObject({ protocol: 2, streams: 1, notes: [] });
  });

  test("a second stream that imports something is scanned, errors and all", () => {
    const r = scanBytes(cat(readVector("data_p2.pkl"), "\x80\x02cos\nsystem\n\x00"));
    expect(r).toMatchObject({
      rating: "dangerous",
      complete: false,
      streams: 2,
      error: { code: "malformed" },
    });
  });
});
