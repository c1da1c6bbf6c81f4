// NumPy .npy files: an object array is a pickle after the header, which np.load(allow_pickle=True)
// unpickles; an array of numbers is raw bytes that numpy never unpickles.

import * as zlib from "node:zlib";
import { deflateRawSync } from "node:zlib";
import { describe, expect, test, vi } from "vitest";
import { scanBytes } from "../../src/pickle/index.js";
import { bounded, buildZip, cat, readVector, u32, u64 } from "./support.js";

/** The longest output of any inflateRawSync call the scanner made: how much one head read allocates. */
const inflated = vi.hoisted(() => ({ max: 0 }));
vi.mock("node:zlib", async (original) => {
  const z = await original<typeof import("node:zlib")>();
  const inflateRawSync: typeof z.inflateRawSync = (...args) => {
    const out = z.inflateRawSync(...args);
    inflated.max = Math.max(inflated.max, out.length);
    return out;
  };
  return { ...z, default: { ...z, inflateRawSync }, inflateRawSync };
});

/** A .npy file: magic, version, header length, header (ending in a newline), then `data`. */
function npy(header: string, data: Uint8Array, major = 1): Uint8Array {
  const text = `${header}\n`;
  const len = major === 1 ? [text.length & 0xff, text.length >> 8] : u32(text.length);
  return cat("\x93NUMPY", [major, 0], len, text, data);
}

const OBJECT = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }";
const FLOATS = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";

describe("NumPy .npy files", () => {
  test("an object array's pickle is scanned: os.system in it is dangerous", () => {
    for (const major of [1, 2, 3]) {
      const header = OBJECT.padEnd(117, " ");
      const r = scanBytes(npy(header, readVector("os_system_p2.pkl"), major));
      expect(r, `version ${major}`).toMatchObject({ kind: "pickle", rating: "dangerous", complete: true });
      expect(r.globals.map((g) => g.qualified)).toEqual(["posix.system"]);
      expect(r.notes[0]).toMatch(/np\.load\(allow_pickle=True\) unpickles what follows it/);
    }
  });

  test("a header numpy reads as an object dtype in any spelling is scanned too", () => {
    const evil = readVector("os_system_p2.pkl");
    for (const header of [
      "{'descr': 'object', 'fortran_order': False, 'shape': (1,), }",
      // A Python literal: the last duplicate key wins, adjacent strings are joined.
      "{'descr': '<f8', 'descr': '|O', 'fortran_order': False, 'shape': (1,), }",
      "{'des' 'cr': '|O', 'fortran_order': False, 'shape': (1,), }",
      "{'descr': [('a', '|O')], 'fortran_order': False, 'shape': (1,), }",
    ]) {
      expect(scanBytes(npy(header, evil)).rating, header).toBe("dangerous");
    }
  });

  test("the headers numpy writes for arrays of numbers, strings, bytes and dates are raw data", () => {
    // As python3-numpy 1.24's np.save writes them (shapes (), (3,), (2, 3), (1, 2, 3, 4); Fortran order).
    const evil = readVector("os_system_p2.pkl");
    for (const [descr, shape, fortran] of [
      ["<f8", "(3,)", "False"],
      ["<f4", "(2, 3)", "False"],
      ["<i8", "()", "False"],
      ["<f8", "(0,)", "False"],
      ["<U2", "(2,)", "False"],
      ["|S1", "(1,)", "False"],
      ["<M8[ns]", "(1,)", "False"],
      ["<f8", "(2, 2)", "True"],
      ["|b1", "(3,)", "False"],
      ["<c16", "(2,)", "False"],
      ["<f8", "(1, 2, 3, 4)", "False"],
      ["|V4", "(2,)", "False"],
      ["<m8[s]", "(2,)", "False"],
      ["<f2", "(2,)", "False"],
    ]) {
      const header = `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shape}, }`.padEnd(117);
      expect(scanBytes(npy(header, evil)).kind, header).toBe("not-pickle");
    }
  });

  test("a hostile header is judged in time linear in its length", () => {
    // Digits with no comma and a stray byte: a shape pattern with nested repetition backtracks
    // exponentially here (seconds at 30 digits).
    const header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${"1".repeat(4000)}x), }`;
    const before = process.cpuUsage();
    const r = scanBytes(npy(header, readVector("os_system_p2.pkl")));
    const used = process.cpuUsage(before);
    expect(r.rating).toBe("dangerous"); // not numpy's plain form: what follows is scanned
    expect((used.user + used.system) / 1000).toBeLessThan(500);
  });

  test("an array of numbers is raw data, whatever its bytes look like", () => {
    // numpy reads these bytes as floats; they are never unpickled.
    const r = scanBytes(npy(FLOATS, readVector("os_system_p2.pkl")));
    expect(r).toMatchObject({ kind: "not-pickle", rating: "safe", globals: [] });
  });
});

describe("NumPy arrays in ZIP archives (.npz)", () => {
  const evil = readVector("os_system_p2.pkl");
  const object = npy(OBJECT, evil);
  const floats = npy(FLOATS, new Uint8Array(48));
  const names = (r: ReturnType<typeof scanBytes>) => (r.entries ?? []).map((e) => e.name);

  test("np.load reads any member that starts with the magic: each object array is scanned, stored or deflated", () => {
    const r = scanBytes(
      buildZip([
        { name: "plain.npy", data: floats },
        { name: "w.npy", data: object },
        { name: "no-extension", data: object, method: 8 },
        { name: "also.pkl", data: object }, // np.load reads it as an array too
        { name: "notes.txt", data: cat("hello") },
      ]),
    );
    expect(r).toMatchObject({ kind: "zip", rating: "dangerous", complete: true });
    expect(names(r).sort()).toEqual(["also.pkl", "no-extension", "w.npy"]);
    for (const e of r.entries ?? []) {
      expect(
        e.globals.map((g) => g.qualified),
        e.name,
      ).toEqual(["posix.system"]);
      expect(e.notes[0], e.name).toMatch(`offsets here count from byte ${10 + OBJECT.length + 1}`);
    }
    expect(r.notes).toContain(
      "2 NumPy array member(s) hold pickles: np.load(allow_pickle=True) unpickles them",
    );
  });

  test("arrays of numbers only: safe, and a big one costs its head, not its data", () => {
    const big = npy(FLOATS, new Uint8Array(32 * 1024 * 1024));
    const zip = buildZip([
      { name: "a.npy", data: floats },
      { name: "big.npy", data: big, method: 8 },
    ]);
    const r = bounded(() => scanBytes(zip));
    expect(r).toMatchObject({ kind: "zip", rating: "safe", complete: true, entries: [] });
  });

  test("a head hidden behind 64 KiB of deflate data that inflates to nothing is not searched for", () => {
    // Empty stored blocks (BFINAL 0, LEN 0, NLEN 0xffff), then the object array.
    const empty = Uint8Array.from({ length: 20_000 * 5 }, (_, i) => [0, 0, 0, 0xff, 0xff][i % 5] as number);
    const body = cat(empty, new Uint8Array(deflateRawSync(object)));
    const r = scanBytes(buildZip([{ name: "x.npy", data: object, method: 8, body }]));
    expect(r.rating).toBe("dangerous");
    expect(r.reasons[0]?.message).toMatch(/^"x\.npy" could not be read to tell whether it is a NumPy array/);
    expect(r.reasons[0]?.message).toMatch(
      /first 65536 bytes of the deflate data of "x\.npy" inflate to only 0 bytes/,
    );
  });

  /** `zip` with the 16-bit field at `at` of its first local header and first central record set to `value`. */
  function patched(zip: Uint8Array, local: number | undefined, central: number, value: number): Uint8Array {
    const out = zip.slice();
    const dir = Buffer.from(out).indexOf(Buffer.from("PK\x01\x02", "latin1"));
    for (const at of local === undefined ? [dir + central] : [local, dir + central]) {
      out[at] = value & 0xff;
      out[at + 1] = value >> 8;
    }
    return out;
  }

  test("an encrypted member is not read (np.load cannot open it); an unknown method is dangerous", () => {
    const zip = buildZip([{ name: "w.npy", data: object }]);
    // The directory's flags (bit 0: encrypted), which zipfile goes by.
    expect(scanBytes(patched(zip, undefined, 8, 1))).toMatchObject({ rating: "safe", entries: [] });
    // Method 12 (bzip2), in the local header and the directory: zipfile reads it, the scanner cannot.
    const r = scanBytes(patched(zip, 8, 10, 12));
    expect(r.rating).toBe("dangerous");
    expect(r.reasons[0]?.message).toMatch(/^"w\.npy" could not be read to tell .*compression method 12/);
  });

  test("a head read inflates no more than maxTotalBytes leaves, even from a member built to jump", () => {
    // A plain array of zeros whose deflate data holds the magic and header in a stored block, then
    // empty stored blocks past 32 KiB, then zeros compressed about 1,000 to 1: the head reader's input
    // doubles to 64 KiB while little comes out, and the last doubling inflated some 33 MB at once,
    // before maxTotalBytes was checked.
    const head = npy(FLOATS, new Uint8Array(0));
    const stored = cat([0, head.length, 0, head.length ^ 0xff, 0xff], head);
    const empty = Uint8Array.from({ length: 6_540 * 5 }, (_, i) => [0, 0, 0, 0xff, 0xff][i % 5] as number);
    const deflated = new Uint8Array(zlib.deflateRawSync(new Uint8Array(64 * 1024 * 1024)));
    const size = head.length + 64 * 1024 * 1024;
    const body = cat(stored, empty, deflated);
    const zip = buildZip([{ name: "z.npy", data: head, size, method: 8, body }]);
    inflated.max = 0;
    const r = scanBytes(zip, "z", { limits: { maxTotalBytes: 1024 * 1024 } });
    expect(r).toMatchObject({ rating: "dangerous", complete: false, error: { limit: "maxTotalBytes" } });
    expect(inflated.max).toBeGreaterThan(0);
    expect(inflated.max).toBeLessThanOrEqual(1024 * 1024);
  });

  test("the heads read count against maxTotalBytes", () => {
    const zip = buildZip([
      { name: "a.npy", data: floats },
      { name: "b.npy", data: floats },
    ]);
    // Each member: its magic (6 bytes), then its head (all of it: shorter than 4,108 bytes).
    const each = 6 + floats.length;
    expect(scanBytes(zip, "z", { limits: { maxTotalBytes: 2 * each } }).rating).toBe("safe");
    const r = scanBytes(zip, "z", { limits: { maxTotalBytes: 2 * each - 1 } });
    expect(r).toMatchObject({ rating: "dangerous", complete: false, error: { limit: "maxTotalBytes" } });
  });
});

/** An archive from buildZip (no ZIP64, no comment) cut into its members, its directory and its end record. */
function parts(zip: Uint8Array): { members: Uint8Array; cd: Uint8Array; end: Uint8Array } {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const size = v.getUint32(zip.length - 22 + 12, true);
  const at = v.getUint32(zip.length - 22 + 16, true);
  return { members: zip.slice(0, at), cd: zip.slice(at, at + size), end: zip.slice(zip.length - 22) };
}

/** A copy of directory records `cd` with each local-header offset mapped by `f`. */
function relocate(cd: Uint8Array, f: (offset: number) => number): Uint8Array {
  const out = cd.slice();
  const v = new DataView(out.buffer);
  for (let p = 0; p < out.length; ) {
    v.setUint32(p + 42, f(v.getUint32(p + 42, true)), true);
    p += 46 + v.getUint16(p + 28, true) + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  return out;
}

describe("NumPy heads judged in ZIP archives: time", () => {
  test("a directory listing one plain array with a 4 KiB header 20,000 times is judged in time", () => {
    // numpy reads such a header (spaces before the newline) as a plain array. Decoding each header by
    // spreading its bytes into String.fromCharCode cost about 0.2 ms a listing: 4 s for this 1 MB file.
    const header = FLOATS.padEnd(4095, " ");
    const { members, cd, end } = parts(buildZip([{ name: "a.npy", data: npy(header, new Uint8Array(8)) }]));
    const n = 20_000;
    const e = end.slice();
    const v = new DataView(e.buffer);
    v.setUint16(8, n, true);
    v.setUint16(10, n, true);
    v.setUint32(12, cd.length * n, true);
    const zip = cat(members, ...Array<Uint8Array>(n).fill(cd), e);
    const before = process.cpuUsage();
    const r = scanBytes(zip);
    const used = process.cpuUsage(before);
    expect(r).toMatchObject({ kind: "zip", rating: "safe", complete: true, entries: [] });
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
  });
});

describe("ZIP directories that Python's zipfile (np.load) reads otherwise", () => {
  // Two members, a plain array first and an object array pickling os.system second. Each archive
  // below was checked with Debian's Python 3.11 zipfile and numpy 1.24: np.load(f,
  // allow_pickle=True)["e"] unpickles posix.system (see python.test.ts).
  const evil = readVector("os_system_p2.pkl");
  const zip = buildZip([
    { name: "a.npy", data: npy(FLOATS, new Uint8Array(48)) },
    { name: "e.npy", data: npy(OBJECT, evil) },
  ]);
  const { members, cd, end } = parts(zip);
  const ev = (end: Uint8Array) => new DataView(end.buffer, end.byteOffset, end.byteLength);

  test("a directory holding more records than its end record counts: zipfile reads every record", () => {
    // zipfile parses the directory's declared bytes to their end, whatever the count says.
    const counted = end.slice();
    ev(counted).setUint16(8, 1, true);
    ev(counted).setUint16(10, 1, true);
    const r = scanBytes(cat(members, cd, counted));
    expect(r).toMatchObject({ kind: "zip", rating: "dangerous", complete: false });
    expect(r.reasons[0]?.message).toMatch(/central directory holds \d+ bytes past its 1 declared entries/);
  });

  test("a directory offset pointing at a decoy: zipfile reads the directory right before the end record", () => {
    // zipfile takes the difference as data prepended to the archive (it shifts every local-header
    // offset by it); here the decoy sits in the archive comment and lists only the plain array.
    const decoyAt = members.length + cd.length + 22;
    const real = relocate(cd, (o) => o + (decoyAt - members.length));
    const decoy = relocate(cd, () => 0);
    const e = end.slice();
    ev(e).setUint32(16, decoyAt, true);
    ev(e).setUint16(20, decoy.length, true);
    const r = scanBytes(cat(members, real, e, decoy));
    expect(r).toMatchObject({ kind: "zip", rating: "dangerous", complete: false });
    expect(r.reasons[0]?.message).toMatch(/central directory .* does not end where the end record/);
  });

  test("a ZIP64 locator pointing at a decoy: zipfile reads the ZIP64 end record right before the locator", () => {
    const z64 = (entries: number, size: number, at: number) =>
      cat(
        u32(0x06064b50),
        u64(44n),
        [45, 0, 45, 0],
        u32(0),
        u32(0),
        u64(BigInt(entries)),
        u64(BigInt(entries)),
        u64(BigInt(size)),
        u64(BigInt(at)),
      );
    const decoy = relocate(cd, () => 0);
    const decoyAt = members.length;
    const z1At = decoyAt + decoy.length;
    const realAt = z1At + 56;
    const e = end.slice();
    for (const [at, n] of [
      [8, 0xffff],
      [10, 0xffff],
      [12, 0xffffffff],
      [16, 0xffffffff],
    ] as const) {
      if (n === 0xffff) ev(e).setUint16(at, n, true);
      else ev(e).setUint32(at, n, true);
    }
    // The decoy directory and its ZIP64 end record (where the locator points), then the real ones.
    const locator = cat(u32(0x07064b50), u32(0), u64(BigInt(z1At)), u32(1));
    const archive = cat(
      members,
      decoy,
      z64(2, decoy.length, decoyAt),
      cd,
      z64(2, cd.length, realAt),
      locator,
      e,
    );
    const r = scanBytes(archive);
    expect(r).toMatchObject({ kind: "zip", rating: "dangerous", complete: false });
    expect(r.reasons[0]?.message).toMatch(
      /ZIP64 locator points at byte \d+, not at the record right before it/,
    );
  });
});
