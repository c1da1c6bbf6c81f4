// NumPy .npy files: an object array is a pickle after the header, which np.load(allow_pickle=True)
// unpickles; an array of numbers is raw bytes that numpy never unpickles.
import { describe, expect, test } from "vitest";
import { scanBytes } from "../../src/pickle/index.js";
import { cat, readVector, u32 } from "./support.js";

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
