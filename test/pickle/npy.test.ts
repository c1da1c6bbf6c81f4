// NumPy .npy files: an object array is a pickle after the header, which np.load(allow_pickle=True)
// unpickles; an array of numbers is raw bytes that numpy never unpickles.

import { deflateRawSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { scanBytes } from "../../src/pickle/index.js";
import { bounded, buildZip, cat, readVector, u32 } from "./support.js";

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
    expect(r.rating).toBe("suspicious");
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

  test("an encrypted member is not read (np.load cannot open it); an unknown method is suspicious", () => {
    const zip = buildZip([{ name: "w.npy", data: object }]);
    // The directory's flags (bit 0: encrypted), which zipfile goes by.
    expect(scanBytes(patched(zip, undefined, 8, 1))).toMatchObject({ rating: "safe", entries: [] });
    // Method 12 (bzip2), in the local header and the directory: zipfile reads it, the scanner cannot.
    const r = scanBytes(patched(zip, 8, 10, 12));
    expect(r.rating).toBe("suspicious");
    expect(r.reasons[0]?.message).toMatch(/^"w\.npy" could not be read to tell .*compression method 12/);
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
