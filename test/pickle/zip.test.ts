import { crc32 } from "node:zlib";
import { describe, expect, test } from "vitest";
import {
  bytesSource,
  isPickleScanError,
  looksLikeZip,
  type PickleScanError,
  readZipDirectory,
  readZipEntry,
  scanBytes,
} from "../../src/pickle/index.js";
import { buildZip, cat, readVector, u64 } from "./support.js";

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

describe("ZIP reader edges", () => {
  /** Offset of the end record (no archive comment). */
  const eocdOf = (zip: Uint8Array): number => zip.length - 22;
  const dirOf = (zip: Uint8Array): number => new DataView(zip.buffer).getUint32(eocdOf(zip) + 16, true);

  test("an empty archive is a ZIP with no entries", () => {
    const empty = cat("PK\x05\x06", new Uint8Array(18));
    expect(looksLikeZip(empty)).toBe(true);
    expect(readZipDirectory(bytesSource(empty))).toEqual([]);
  });

  test("an end record whose comment is 65535 bytes long is found", () => {
    const zip = buildZip([{ name: "archive/data.pkl", data: EVIL }]);
    zip[zip.length - 2] = 0xff;
    zip[zip.length - 1] = 0xff;
    const entries = readZipDirectory(bytesSource(cat(zip, new Uint8Array(0xffff))));
    expect(entries.map((e) => e.name)).toEqual(["archive/data.pkl"]);
  });

  test("multi-disk archives are refused", () => {
    const zip = buildZip([{ name: "x.pkl", data: PKL }]);
    zip[eocdOf(zip) + 4] = 1;
    expect(zipError(() => readZipDirectory(bytesSource(zip))).message).toMatch(/multi-disk/);
  });

  test("a central-directory record without its signature is refused", () => {
    const zip = buildZip([{ name: "x.pkl", data: PKL }]);
    zip[dirOf(zip)] = 0;
    const e = zipError(() => readZipDirectory(bytesSource(zip)));
    expect(e).toMatchObject({ code: "malformed", offset: dirOf(zip) });
    expect(e.message).toMatch(/record 0 is missing/);
  });

  test("a member comment in the central directory is skipped to reach the next record", () => {
    const zip = buildZip([
      { name: "a.pkl", data: PKL },
      { name: "b.pkl", data: EVIL },
    ]);
    const cd = dirOf(zip);
    const first = 46 + 5; // the first record: no extra field, no comment yet
    const comment = "PK\x01\x02 a comment that looks like a record";
    const withComment = cat(zip.subarray(0, cd + first), comment, zip.subarray(cd + first));
    const view = new DataView(withComment.buffer);
    view.setUint16(cd + 32, comment.length, true);
    const eocd = eocdOf(withComment);
    view.setUint32(eocd + 12, view.getUint32(eocd + 12, true) + comment.length, true);
    expect(readZipDirectory(bytesSource(withComment)).map((e) => e.name)).toEqual(["a.pkl", "b.pkl"]);
  });

  test("ZIP64: a locator pointing at no ZIP64 end record, or a count past 2^53, is refused", () => {
    const zip = buildZip([{ name: "x.pkl", data: PKL, zip64: true }]);
    const locator = zip.length - 22 - 20;
    const record = Number(new DataView(zip.buffer).getBigUint64(locator + 8, true));
    const noRecord = zip.slice();
    noRecord[record] = 0;
    expect(zipError(() => readZipDirectory(bytesSource(noRecord))).message).toMatch(
      /points at no ZIP64 end record/,
    );
    const huge = zip.slice();
    huge.set(u64(1n << 60n), record + 32);
    const e = zipError(() => readZipDirectory(bytesSource(huge)));
    expect(e).toMatchObject({ code: "malformed", offset: record });
    expect(e.message).toMatch(/entry count is 1152921504606846976, larger than any archive/);
  });

  test("only the ZIP64 extra field (id 1) replaces sizes of 0xFFFFFFFF", () => {
    const zip = buildZip([{ name: "x.pkl", data: PKL, zip64: true }]);
    const view = new DataView(zip.buffer);
    const record = Number(view.getBigUint64(zip.length - 22 - 20 + 8, true));
    const cd = Number(view.getBigUint64(record + 48, true));
    zip[cd + 46 + 5] = 0x02; // the extra field's id: 1 becomes 2
    const [entry] = readZipDirectory(bytesSource(zip));
    expect(entry).toMatchObject({
      size: 0xffffffff,
      compressedSize: 0xffffffff,
      localHeaderOffset: 0xffffffff,
    });
  });

  test("limits are exact: a value at the limit passes", () => {
    const zip = buildZip([
      { name: "a.pkl", data: PKL },
      { name: "b.pkl", data: PKL },
      { name: "c.pkl", data: PKL },
    ]);
    const src = bytesSource(zip);
    const dirBytes = new DataView(zip.buffer).getUint32(eocdOf(zip) + 12, true);
    expect(readZipDirectory(src, { maxEntries: 3, maxDirectoryBytes: dirBytes })).toHaveLength(3);
    expect(zipError(() => readZipDirectory(src, { maxDirectoryBytes: dirBytes - 1 })).limit).toBe(
      "maxDirectoryBytes",
    );
    const [entry] = readZipDirectory(src);
    expect(readZipEntry(src, entry as never, { maxPickleBytes: PKL.length })).toEqual(PKL);
    const budget = { bytesLeft: PKL.length };
    expect(readZipEntry(src, entry as never, {}, budget)).toEqual(PKL);
    expect(budget.bytesLeft).toBe(0);
  });

  test("a declared compressed size past maxPickleBytes is refused before anything is read", () => {
    const zip = buildZip([{ name: "x.pkl", data: PKL, method: 8 }]);
    new DataView(zip.buffer).setUint32(dirOf(zip) + 20, 0x7fffffff, true);
    const src = bytesSource(zip);
    const e = zipError(() => readZipEntry(src, readZipDirectory(src)[0] as never, { maxPickleBytes: 1000 }));
    expect(e).toMatchObject({ code: "limit_exceeded", limit: "maxPickleBytes" });
  });

  test("a member whose data ends at the archive's last byte is read", () => {
    // The directory first, then the member, whose stored data is the end record itself.
    const le = (n: number, w: number): number[] => [...Array(w).keys()].map((i) => (n >>> (8 * i)) & 0xff);
    const eocd = cat(le(0x06054b50, 4), le(0, 4), le(1, 2), le(1, 2), le(46 + 5, 4), le(0, 4), le(0, 2));
    const crc = crc32(eocd);
    const central = cat(le(0x02014b50, 4), le(20, 2), le(20, 2), le(0, 4), le(0, 4), le(crc, 4));
    const cd = cat(central, le(22, 4), le(22, 4), le(5, 2), new Uint8Array(12), le(46 + 5, 4), "x.pkl");
    const local = cat(
      le(0x04034b50, 4),
      le(20, 2),
      le(0, 8),
      le(crc, 4),
      le(22, 4),
      le(22, 4),
      le(5, 2),
      le(0, 2),
    );
    const zip = cat(cd, local, "x.pkl", eocd);
    const src = bytesSource(zip);
    // Python's zipfile reads the directory right before the end record (here the member), so the
    // directory refuses this layout; the member itself reads to the archive's last byte.
    expect(zipError(() => readZipDirectory(src)).message).toMatch(/does not end where the end records start/);
    const entry = { name: "x.pkl", method: 0, flags: 0, crc32: crc, compressedSize: 22, size: 22 };
    expect(readZipEntry(src, { ...entry, localHeaderOffset: cd.length, directoryOffset: 0 })).toEqual(eocd);
  });

  test("an empty deflated member reads as no bytes", () => {
    const src = bytesSource(buildZip([{ name: "x.pkl", data: new Uint8Array(0), method: 8 }]));
    expect(readZipEntry(src, readZipDirectory(src)[0] as never)).toEqual(new Uint8Array(0));
  });
});
