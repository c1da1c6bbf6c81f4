// Hostile input: each case ends in a clean PickleScanError (or a report carrying one) within 100 ms and
// 16 MB of heap growth, never an exception from deeper down, a hang, or an allocation the size of a
// declared length.
import { deflateRawSync } from "node:zlib";
import { beforeAll, describe, expect, test } from "vitest";
import {
  disassemble,
  disassemblePartial,
  OPCODE_BY_BYTE,
  PickleScanError,
  type ScanLimits,
  type ScanReport,
  scanBytes,
} from "../../src/pickle/index.js";
import { bounded, buildZip, cat, loadManifest, readVector, repeat, u32, u64 } from "./support.js";

/** Disassembles (without a listing) under the budget and returns the error it must end in. */
function fails(bytes: Uint8Array): PickleScanError {
  const r = bounded(() => disassemblePartial(bytes, { keepOps: false }));
  expect(r.error, "expected a PickleScanError").toBeInstanceOf(PickleScanError);
  return r.error as PickleScanError;
}

/** Scans under the budget. */
function scans(bytes: Uint8Array, limits: Partial<ScanLimits> = {}): ScanReport {
  return bounded(() => scanBytes(bytes, "hostile", { limits }));
}

/** Runs the scan a few times unmeasured, for a shape no other test warms the JIT on. */
function warm(bytes: Uint8Array, limits: Partial<ScanLimits> = {}): void {
  for (let i = 0; i < 3; i++) scanBytes(bytes, "warm", { limits });
}

beforeAll(() => {
  // Warm the JIT on the same code paths, so the budgets measure the work and not the compiler.
  for (const v of loadManifest().vectors) scanBytes(readVector(v.file));
  const warm = [
    cat("\x80\x04N", repeat("\x94", 1_100_000), "."),
    cat("\x80\x02", repeat("N", 1_100_000), "."),
    cat("\x80\x02", repeat("(", 20_000), "."),
  ];
  for (let i = 0; i < 3; i++) {
    for (const w of warm) {
      disassemblePartial(w, { keepOps: false });
      scanBytes(w);
    }
  }
});

describe("hostile pickles", () => {
  test("every prefix of valid pickles is a clean truncation error", () => {
    const files = [
      "data_p0.pkl",
      "data_p2.pkl",
      "data_p5.pkl",
      "numpy_p5.pkl",
      "os_system_p4.pkl",
      "exec_p0.pkl",
    ];
    for (const file of files) {
      const full = readVector(file);
      for (let n = 1; n < full.length; n++) {
        const prefix = full.subarray(0, n);
        const r = disassemblePartial(prefix);
        expect(r.error, `${file}[0:${n}]`).toBeInstanceOf(PickleScanError);
        expect(r.error?.code).toBe("malformed");
        expect(r.error?.eof, `${file}[0:${n}]: ${r.error?.message}`).toBe(true);
        expect(() => disassemble(prefix)).toThrow(PickleScanError);
        expect(scanBytes(prefix).complete, `${file}[0:${n}]`).toBe(false);
      }
    }
  });

  test("a truncated dangerous pickle keeps the imports read before the cut", () => {
    const full = readVector("os_system_p2.pkl");
    const r = scans(full.subarray(0, full.length - 3));
    expect(r).toMatchObject({
      kind: "pickle",
      rating: "dangerous",
      complete: false,
      error: { code: "malformed" },
    });
  });

  test("unknown opcodes", () => {
    const unknown = [...Array(256).keys()].filter((b) => OPCODE_BY_BYTE[b] === undefined);
    expect(unknown.length).toBe(256 - 68);
    const errors = bounded(() =>
      unknown.map((b) => disassemblePartial(cat("\x80\x04", [b], "."), { keepOps: false }).error),
    );
    for (const e of errors) {
      expect(e).toMatchObject({ code: "malformed", offset: 2, eof: false });
      expect(e?.message).toMatch(/is not a pickle opcode/);
    }
  });

  test("BINUNICODE8 declaring 2^63 bytes", () => {
    const e = fails(cat("\x80\x04\x8d", u64(1n << 63n), "abc."));
    expect(e).toMatchObject({ code: "malformed", offset: 2, eof: true });
    expect(e.message).toMatch(/declares 9223372036854775808 bytes/);
  });

  test("BINBYTES8, BYTEARRAY8 declaring 2^64-1 bytes; BINUNICODE and BINBYTES 2^32-1", () => {
    for (const op of ["\x8e", "\x96"])
      expect(fails(cat("\x80\x05", op, u64((1n << 64n) - 1n), "N.")).eof).toBe(true);
    for (const op of ["X", "B"]) expect(fails(cat("\x80\x04", op, u32(0xffffffff), "N.")).eof).toBe(true);
  });

  test("FRAME past the end, even 2^64-1 bytes: read on, as pickle.py does (the C unpickler refuses it)", () => {
    for (const n of [1_000_000n, (1n << 64n) - 1n]) {
      const bytes = cat("\x80\x04\x95", u64(n), "cos\nsystem\n(S'echo PWNED'\ntR.");
      const r = scans(bytes);
      expect(r).toMatchObject({ kind: "pickle", rating: "dangerous", complete: true });
      expect(r.globals.map((g) => g.qualified)).toEqual(["os.system"]);
      expect(disassemble(cat("\x80\x04\x95", u64(n), "N.")).ops[1]).toEqual({
        offset: 2,
        name: "FRAME",
        arg: n > BigInt(Number.MAX_SAFE_INTEGER) ? String(n) : Number(n),
      });
    }
  });

  test("huge and negative LONG4, BINSTRING lengths", () => {
    expect(fails(cat("\x80\x02\x8b", u32(0x7fffffff), "\x01\x02.")).message).toMatch(
      /declares 2147483647 bytes/,
    );
    expect(fails(cat("\x80\x02\x8b", u32(0xffffffff), ".")).message).toMatch(/negative byte count/);
    expect(fails(cat("\x80\x02T", u32(0x80000000), ".")).message).toMatch(/negative length/);
  });

  test("memo bomb: two million MEMOIZE (the limit stops it after one million)", () => {
    const e = fails(cat("\x80\x04N", repeat("\x94", 2_000_000), "."));
    expect(e).toMatchObject({ code: "limit_exceeded", limit: "maxMemo" });
    const r = scans(cat("\x80\x04N", repeat("\x94", 2_000_000), "."));
    expect(r).toMatchObject({ rating: "dangerous", complete: false, error: { limit: "maxMemo" } });
  });

  test("memo bomb: LONG_BINPUT and PUT at index 2^32-1 allocate nothing", () => {
    const e = fails(cat("\x80\x02Nr", u32(0xffffffff), "."));
    expect(e).toMatchObject({ code: "limit_exceeded", limit: "maxMemo", offset: 3 });
    expect(fails(cat("Np4294967295\n.")).limit).toBe("maxMemo");
    expect(fails(cat("Np99999999999999999999999\n.")).limit).toBe("maxMemo");
    // Below the limit, a sparse index is fine.
    expect(bounded(() => disassemble(cat("\x80\x02Nr", u32(999_999), "0j", u32(999_999), ".")).opCount)).toBe(
      6,
    );
    // GET of an index never set.
    expect(fails(cat("\x80\x02j", u32(0xffffffff), ".")).code).toBe("malformed");
  });

  test("memo churn: re-PUTting one index does not grow memory", () => {
    const one = cat("\x8c\x01a", "q\x00", "0", "N", "q\x00", "0");
    const bytes = cat("\x80\x04", ...Array<Uint8Array>(20_000).fill(one), "N.");
    expect(bounded(() => disassemble(bytes, { keepOps: false })).opCount).toBe(20_000 * 6 + 3);
  });

  test("MARK nesting bomb: a million MARKs", () => {
    const e = fails(cat("\x80\x02", repeat("(", 1_000_000), "."));
    expect(e).toMatchObject({ code: "limit_exceeded", limit: "maxMarks", offset: 2 + 10_000 });
    expect(scans(cat("\x80\x02", repeat("(", 1_000_000), ".")).rating).toBe("dangerous");
  });

  test("list nesting bomb: EMPTY_LIST and MARK pairs", () => {
    const pair = cat("](");
    expect(fails(cat("\x80\x02", ...Array<Uint8Array>(100_000).fill(pair), ".")).limit).toBe("maxMarks");
  });

  test("stack bomb: two million values", () => {
    expect(fails(cat("\x80\x02", repeat("N", 2_000_000), ".")).limit).toBe("maxStack");
  });

  test("opcode count limit", () => {
    expect(
      disassemblePartial(cat("\x80\x02", repeat("N", 100), "."), { limits: { maxOps: 50 } }).error?.limit,
    ).toBe("maxOps");
  });

  test("stream bomb: a million one-value pickles back to back stop at the stream cap", () => {
    const r = scans(cat("N.".repeat(1_000_000)));
    expect(r).toMatchObject({ rating: "dangerous", complete: false, streams: 10_000 });
    expect(r.error).toMatchObject({ code: "limit_exceeded", offset: 20_000 });
  });

  test("findings limit", () => {
    const bytes = cat(
      "\x80\x02ccollections\nOrderedDict\nq\x00",
      repeat("0", 0),
      ...Array(200).fill(cat("h\x00)R0")),
      "N.",
    );
    expect(disassemblePartial(bytes, { limits: { maxFindings: 100 } }).error?.limit).toBe("maxFindings");
  });

  test("names the memo repeats: 1 KiB names in 100,000 imports and calls cost neither seconds nor a huge report", () => {
    // Two 1 KiB strings, memoized, then STACK_GLOBAL on them (and a call) for 7 bytes a finding: each
    // rating reason and each `module.name` used to be built and hashed anew, 2 KiB each, which took
    // 7 s and 850 MB for 1.2 MB (the CLI's --json failed on a report of gigabytes). Long names now
    // count as several findings, so the report holds at most about maxFindings × 256 bytes of names.
    const name = (c: string) => cat("X", u32(1024), repeat(c, 1024), "\x94");
    const head = cat("\x80\x04", name("m"), name("n"), "00");
    // (maxFindings 20,000 keeps the test light: 2 KiB names count 9 each, so about 2,222 are recorded.)
    for (const each of ["h\x00h\x01\x930", "h\x00h\x01\x93)R0"]) {
      const input = cat(head, ...Array<string>(100_000).fill(each), "N.");
      warm(input, { maxFindings: 20_000 });
      const r = scans(input, { maxFindings: 20_000 });
      expect(r).toMatchObject({ rating: "dangerous", complete: false, error: { limit: "maxFindings" } });
      const named = r.globals.length + r.calls.length;
      expect(named).toBeGreaterThan(2_000);
      expect(named).toBeLessThanOrEqual(Math.floor(20_000 / 9));
      expect(new Set(r.globals.map((g) => g.qualified)).size).toBe(1);
    }
  });

  test("a ZIP member declaring 4 GiB", () => {
    for (const zip64 of [false, true]) {
      const zip = buildZip([
        { name: "archive/data.pkl", data: cat("N."), size: zip64 ? 4 * 2 ** 30 : 0xffffffff, zip64 },
      ]);
      const r = scans(zip);
      expect(r).toMatchObject({ kind: "zip", rating: "dangerous", complete: false });
      expect(r.entries?.[0]?.error).toMatchObject({
        code: "limit_exceeded",
        limit: "maxPickleBytes",
        source: "zip",
      });
    }
  });

  test("a zip bomb: a member that inflates far past its declared size", () => {
    const bomb = new Uint8Array(deflateRawSync(new Uint8Array(64 * 1024 * 1024)));
    const r = scans(bombZip(bomb, 1000));
    expect(r.entries?.[0]?.error?.message).toMatch(/inflates past its declared 1000 bytes/);
    expect(r.rating).toBe("dangerous");
    // Declared honestly, or as more than the limit, it is refused before anything is inflated.
    const honest = scans(bombZip(bomb, 64 * 1024 * 1024), { maxPickleBytes: 1 << 20 });
    expect(honest.entries?.[0]?.error).toMatchObject({ code: "limit_exceeded", limit: "maxPickleBytes" });
    const huge = scans(bombZip(bomb, 2 ** 30));
    expect(huge.entries?.[0]?.error).toMatchObject({ code: "limit_exceeded", limit: "maxPickleBytes" });
  });

  test("a directory listing one small .pkl member many times: its members share one budget of streams and opcodes", () => {
    // Every member got the whole of maxOps, maxFindings and the 10,000-stream cap: 1,000 listings of
    // 10,000 "N." streams (a 51 KB file) took 17 s and came out safe; 100 listings of 10 million
    // opcodes, 35 s. Now the archive's pickles share them, as the streams of one file do.
    const listed = listedTimes(cat("N.".repeat(10_000)), 200);
    warm(listed);
    const streams = scans(listed);
    expect(streams).toMatchObject({ kind: "zip", rating: "dangerous", complete: false });
    expect(streams.reasons.at(-1)?.message).toMatch(
      /^the scan stopped before "a\.pkl": .* 199 members were not checked/,
    );
    const ops = cat("\x80\x02", "N0".repeat(30_000), "N.");
    warm(listedTimes(ops, 100), { maxOps: 100_000 });
    const r = scans(listedTimes(ops, 100), { maxOps: 100_000 });
    expect(r).toMatchObject({ kind: "zip", rating: "dangerous", complete: false });
    expect(r.entries?.[1]?.error).toMatchObject({ code: "limit_exceeded", limit: "maxOps" });
    expect(r.entries?.[1]?.error?.message).toMatch(
      /^the archive's pickles have more than 100000 opcodes in total/,
    );
    expect(r.entries).toHaveLength(2);
  });

  test("a directory listing one deflate bomb 2,000 times: the heads read stop at maxTotalBytes", () => {
    // Not a .pkl: only its head is read, to tell a NumPy array, and each inflated head counts.
    const bomb = new Uint8Array(deflateRawSync(new Uint8Array(64 * 1024 * 1024)));
    const r = scans(bombZip(bomb, 64 * 1024 * 1024, "x.npy", 2000), { maxTotalBytes: 16 << 20 });
    expect(r).toMatchObject({ kind: "zip", rating: "dangerous", complete: false });
    expect(r.error).toMatchObject({ code: "limit_exceeded", limit: "maxTotalBytes" });
  });

  test("a ZIP directory declaring a million entries", () => {
    const zip = buildZip([{ name: "x.pkl", data: cat("N.") }]);
    const eocd = zip.length - 22;
    zip[eocd + 8] = 0xff;
    zip[eocd + 9] = 0xff;
    zip[eocd + 10] = 0xff;
    zip[eocd + 11] = 0xff;
    const r = scans(zip);
    expect(r).toMatchObject({ kind: "zip", rating: "dangerous", error: { source: "zip" } });
  });
});

/**
 * An archive whose one member's deflated data is `deflated`, declaring `size` bytes, listed `entries`
 * times in its directory.
 */
function bombZip(deflated: Uint8Array, size: number, member = "archive/data.pkl", entries = 1): Uint8Array {
  const name = new TextEncoder().encode(member);
  const le = (n: number, w: number): number[] =>
    [...Array(w).keys()].map((i) => Math.floor(n / 256 ** i) % 256);
  const crc = 0;
  const local = cat(
    le(0x04034b50, 4),
    le(20, 2),
    le(0, 2),
    le(8, 2),
    le(0, 4),
    le(crc, 4),
    le(deflated.length, 4),
    le(size, 4),
    le(name.length, 2),
    le(0, 2),
    name,
    deflated,
  );
  const cd = cat(
    le(0x02014b50, 4),
    le(20, 2),
    le(20, 2),
    le(0, 2),
    le(8, 2),
    le(0, 4),
    le(crc, 4),
    le(deflated.length, 4),
    le(size, 4),
    le(name.length, 2),
    le(0, 2),
    le(0, 2),
    le(0, 2),
    le(0, 2),
    le(0, 4),
    le(0, 4),
    name,
  );
  const end = cat(
    le(0x06054b50, 4),
    le(0, 2),
    le(0, 2),
    le(entries, 2),
    le(entries, 2),
    le(cd.length * entries, 4),
    le(local.length, 4),
    le(0, 2),
  );
  return cat(local, ...Array<Uint8Array>(entries).fill(cd), end);
}

/** A ZIP archive of one deflated member "a.pkl" holding `data`, whose directory lists it `times` times. */
function listedTimes(data: Uint8Array, times: number): Uint8Array {
  const one = buildZip([{ name: "a.pkl", data, method: 8 }]);
  const v = new DataView(one.buffer, one.byteOffset, one.byteLength);
  const cdSize = v.getUint32(one.length - 22 + 12, true);
  const cdAt = v.getUint32(one.length - 22 + 16, true);
  const end = one.slice(one.length - 22);
  const e = new DataView(end.buffer);
  e.setUint16(8, times, true);
  e.setUint16(10, times, true);
  e.setUint32(12, cdSize * times, true);
  const cd = one.subarray(cdAt, cdAt + cdSize);
  return cat(one.subarray(0, cdAt), ...Array<Uint8Array>(times).fill(cd), end);
}
