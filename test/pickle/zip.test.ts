import { describe, expect, test } from "vitest";
import {
  bytesSource,
  isPickleScanError,
  type PickleScanError,
  readZipDirectory,
  readZipEntry,
  scanBytes,
} from "../../src/pickle/index.js";
import { buildZip, cat, readVector } from "./support.js";

const PKL = cat("\x80\x02}q\x00X\x01\x00\x00\x00aK\x01s.");
const EVIL = readVector("os_system_p2.pkl");

function zipError(fn: () => unknown): PickleScanError {
  try {
    fn();
  } catch (e) {
    expect(isPickleScanError(e)).toBe(true);
    expect((e as PickleScanError).source).toBe("zip");
    return e as PickleScanError;
  }
  throw new Error("expected a PickleScanError");
}

describe("ZIP reader", () => {
  test("reads Python zipfile archives: stored and deflated members", () => {
    for (const file of ["torch_stored.pt", "torch_deflated.pt"]) {
      const src = bytesSource(readVector(file));
      const entries = readZipDirectory(src);
      expect(entries.map((e) => e.name)).toEqual([
        "archive/data.pkl",
        "archive/byteorder",
        "archive/data/0",
        "archive/data/1",
        "archive/version",
      ]);
      const data = readZipEntry(src, entries[0] as (typeof entries)[0]);
      expect(data[0]).toBe(0x80);
      expect(data[data.length - 1]).toBe(0x2e);
      expect(new TextDecoder().decode(readZipEntry(src, entries[4] as (typeof entries)[0]))).toBe("3\n");
    }
  });

  test("reads ZIP64 sizes, offsets and end records", () => {
    const zip = buildZip([
      { name: "a/version", data: cat("3\n"), zip64: true },
      { name: "a/data.pkl", data: EVIL, method: 8, zip64: true },
    ]);
    const src = bytesSource(zip);
    const entries = readZipDirectory(src);
    expect(entries.map((e) => [e.name, e.size])).toEqual([
      ["a/version", 2],
      ["a/data.pkl", EVIL.length],
    ]);
    expect(readZipEntry(src, entries[1] as (typeof entries)[0])).toEqual(EVIL);
    expect(scanBytes(zip).rating).toBe("dangerous");
  });

  test("a member's data starts after its local extra field, which the central directory does not repeat", () => {
    // A 14-byte extra field that reads as the head of a harmless pickle: data taken from the end of the
    // name would start there.
    const localExtra = cat(new Uint8Array([0xfe, 0xca, 10, 0]), "\x80\x02C\x04\0\0\0\x000");
    const zip = buildZip([{ name: "archive/data.pkl", data: EVIL, localExtra }]);
    const src = bytesSource(zip);
    const [entry] = readZipDirectory(src);
    expect(readZipEntry(src, entry as NonNullable<typeof entry>)).toEqual(EVIL);
    const r = scanBytes(zip, "model.pt");
    expect(r.entries?.map((e) => [e.name, e.rating, e.globals.map((g) => g.qualified)])).toEqual([
      ["archive/data.pkl", "dangerous", ["posix.system"]],
    ]);
  });

  test("every .pkl member is scanned, duplicates included", () => {
    const zip = buildZip([
      { name: "m/data.pkl", data: PKL },
      { name: "m/data.pkl", data: EVIL },
      { name: "extra/other.pkl", data: PKL, method: 8 },
    ]);
    const r = scanBytes(zip, "model.pt");
    expect(r.entries?.map((e) => [e.name, e.rating])).toEqual([
      ["m/data.pkl", "safe"],
      ["m/data.pkl", "dangerous"],
      ["extra/other.pkl", "safe"],
    ]);
    expect(r.rating).toBe("dangerous");
    expect(r.notes.join(" ")).toMatch(/appears more than once/);
  });

  test("an archive without pickles is safe, and says so", () => {
    const r = scanBytes(buildZip([{ name: "weights.bin", data: new Uint8Array(10) }]));
    expect(r).toMatchObject({ kind: "zip", rating: "safe", entries: [] });
    expect(r.notes.join(" ")).toMatch(/no \.pkl member/);
  });

  test("refuses inconsistent members: CRC, stored sizes, lying deflate sizes, methods, encryption", () => {
    const check = (m: Parameters<typeof buildZip>[0][0], pattern: RegExp): void => {
      const src = bytesSource(buildZip([m]));
      const entry = readZipDirectory(src)[0] as ReturnType<typeof readZipDirectory>[0];
      expect(zipError(() => readZipEntry(src, entry)).message).toMatch(pattern);
    };
    check({ name: "x.pkl", data: PKL, crc: 1 }, /CRC-32/);
    check({ name: "x.pkl", data: PKL, size: PKL.length + 1 }, /compressed size/);
    check({ name: "x.pkl", data: PKL, method: 8, size: PKL.length - 1 }, /inflates past its declared/);
    check(
      { name: "x.pkl", data: PKL, method: 8, size: PKL.length + 5 },
      /inflates to 15 bytes, but declares 20/,
    );
    const bz = buildZip([{ name: "x.pkl", data: PKL }]);
    bz[8] = 12; // local header method: irrelevant, the central directory decides
    const cdAt = bz.length - 22 - (46 + 5);
    bz[cdAt + 10] = 12; // bzip2
    const src = bytesSource(bz);
    expect(zipError(() => readZipEntry(src, readZipDirectory(src)[0] as never)).message).toMatch(/method 12/);
    bz[cdAt + 10] = 0;
    bz[cdAt + 8] = 1; // encrypted
    expect(zipError(() => readZipEntry(src, readZipDirectory(src)[0] as never)).message).toMatch(/encrypted/);
  });

  test("malformed archives: no end record, directory out of bounds, broken local header", () => {
    expect(
      zipError(() => readZipDirectory(bytesSource(cat("PK\x03\x04", new Uint8Array(40))))).message,
    ).toMatch(/no ZIP end-of-central-directory/);
    const zip = buildZip([{ name: "x.pkl", data: PKL }]);
    const cut = zip.slice();
    cut[cut.length - 6] = 0xff; // central directory offset far past the end
    expect(zipError(() => readZipDirectory(bytesSource(cut))).message).toMatch(/outside the/);
    const broken = zip.slice();
    broken[0] = 0; // local header signature
    const src = bytesSource(broken);
    expect(zipError(() => readZipEntry(src, readZipDirectory(src)[0] as never)).message).toMatch(
      /local header/,
    );
    // In a scan, an unreadable member is not vouched for.
    expect(scanBytes(broken, "x.zip")).toMatchObject({ rating: "safe", kind: "not-pickle" });
    const r = scanBytes(cat("PK\x03\x04", broken.subarray(4)));
    expect(r.kind).toBe("zip");
  });

  test("limits: entries, member size, total size, pickle count", () => {
    const zip = buildZip([
      { name: "a.pkl", data: PKL },
      { name: "b.pkl", data: PKL },
      { name: "c.pkl", data: PKL },
    ]);
    const src = bytesSource(zip);
    expect(zipError(() => readZipDirectory(src, { maxEntries: 2 })).limit).toBe("maxEntries");
    expect(zipError(() => readZipDirectory(src, { maxDirectoryBytes: 10 })).limit).toBe("maxDirectoryBytes");
    const e0 = readZipDirectory(src)[0] as never;
    expect(zipError(() => readZipEntry(src, e0, { maxPickleBytes: 10 })).limit).toBe("maxPickleBytes");
    const r = scanBytes(zip, "z", { limits: { maxTotalBytes: 40 } });
    expect(r.entries?.map((e) => e.rating)).toEqual(["safe", "safe", "dangerous"]);
    expect(r.entries?.[2]?.error?.limit).toBe("maxTotalBytes");
    expect(r.complete).toBe(false);
    const many = scanBytes(zip, "z", { limits: { maxPickles: 2 } });
    expect(many).toMatchObject({ rating: "dangerous", complete: false, error: { limit: "maxPickles" } });
  });
});
