// The committed vectors (scripts/gen-pickles.py, run by Debian's /usr/bin/python3): each file's rating,
// imports and calls as the manifest says. The manifest's imports come from CPython's own unpickler.
import { describe, expect, test } from "vitest";
import { type ScanReport, scanBytes } from "../../src/pickle/index.js";
import { cat, checkVector, loadManifest, readVector } from "./support.js";

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
  test("bytes after a pickle that only start like one are trailing data", () => {
    const raw = cat(readVector("data_p2.pkl"), "\x80\x02\x00\x00\x00\x00raw tensor bytes");
    const r = scanBytes(raw);
    expect(r).toMatchObject({ rating: "safe", complete: true, streams: 1 });
    expect(r.error).toBeUndefined();
    expect(r.notes.join(" ")).toMatch(/are not a pickle \(0x00 is not a pickle opcode/);
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
