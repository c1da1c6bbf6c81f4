import { describe, expect, test } from "vitest";
import { ALLOWLIST, disassemble, rate, ratingLevel, scanBytes, worse } from "../../src/pickle/index.js";
import { cat, sbu } from "./support.js";

const rated = (bytes: Uint8Array, allow?: string[]) => rate(disassemble(bytes), allow ? { allow } : {});

describe("ratings", () => {
  test("order and exit levels", () => {
    expect(worse("safe", "suspicious")).toBe("suspicious");
    expect(worse("dangerous", "suspicious")).toBe("dangerous");
    expect([ratingLevel("safe"), ratingLevel("suspicious"), ratingLevel("dangerous")]).toEqual([0, 1, 2]);
  });

  test("the allowlist holds the data reconstructors and none of the known escape hatches", () => {
    for (const name of [
      "collections.OrderedDict",
      "numpy.core.multiarray._reconstruct",
      "numpy._core.multiarray._reconstruct",
      "numpy._core.multiarray.scalar",
      "numpy._core.numeric._frombuffer",
      "numpy.ndarray",
      "numpy.dtype",
      "numpy.core.multiarray.scalar",
      "torch._utils._rebuild_tensor_v2",
      "torch._utils._rebuild_parameter",
      "torch.FloatStorage",
      // What torch 2 names in the persistent id of every storage it saves.
      "torch.storage.UntypedStorage",
      "builtins.set",
      "builtins.frozenset",
      "builtins.bytearray",
      "builtins.complex",
      "builtins.slice",
    ]) {
      expect(ALLOWLIST.has(name), name).toBe(true);
    }
    for (const name of [
      "builtins.getattr",
      "builtins.setattr",
      "builtins.eval",
      "builtins.exec",
      "builtins.compile",
      "builtins.__import__",
      "builtins.open",
      "builtins.type",
      "builtins.object",
      "copyreg._reconstructor",
      "torch._tensor._rebuild_from_type_v2",
      "torch.load",
      "numpy.load",
      "os.system",
      "posix.system",
      "subprocess.Popen",
      "runpy._run_code",
      "importlib.import_module",
    ]) {
      expect(ALLOWLIST.has(name), name).toBe(false);
    }
    for (const [name, why] of ALLOWLIST) expect(why.length, name).toBeGreaterThan(10);
  });

  test("data only is safe; an allowlisted import or call is suspicious", () => {
    expect(rated(cat("\x80\x04]\x94(K\x01K\x02e.")).rating).toBe("safe");
    expect(rated(cat("\x80\x04]\x94(K\x01K\x02e.")).reasons).toEqual([]);
    const od = rated(cat("\x80\x02ccollections\nOrderedDict\n)R."));
    expect(od.rating).toBe("suspicious");
    expect(od.reasons.map((r) => r.message)).toEqual([
      "imports collections.OrderedDict (allowlisted)",
      "REDUCE calls collections.OrderedDict (allowlisted)",
    ]);
  });

  test("anything else is dangerous, with the reason first", () => {
    const r = rated(cat("\x80\x02ccollections\nOrderedDict\n)Rcposix\nsystem\nX\x02\x00\x00\x00id\x85R."));
    expect(r.rating).toBe("dangerous");
    expect(r.reasons[0]?.message).toBe(
      "imports posix.system, which is not on the allowlist: runs a command or replaces the process",
    );
    expect(r.reasons[0]?.offset).toBe(29);
    expect(r.reasons.at(-1)?.rating).toBe("suspicious");
  });

  test("each reason is rated, not only the rating: a call on a dangerous import is a dangerous reason too", () => {
    // Windows pickles os.system as nt.system: the same reason as posix.system.
    for (const mod of ["os", "posix", "nt"]) {
      expect(rated(cat(`\x80\x02c${mod}\nsystem\nX\x02\x00\x00\x00id\x85R.`)).reasons).toEqual([
        {
          rating: "dangerous",
          message: `imports ${mod}.system, which is not on the allowlist: runs a command or replaces the process`,
          offset: 2,
          count: 1,
        },
        {
          rating: "dangerous",
          message: `REDUCE calls ${mod}.system: runs a command or replaces the process`,
          // The REDUCE byte, after "\x80\x02", the GLOBAL line, the BINUNICODE and the TUPLE1.
          offset: 2 + 1 + mod.length + 8 + 7 + 1,
          count: 1,
        },
      ]);
    }
    // BUILD on what a non-allowlisted class made: dangerous, unless that class is allowed.
    const build = (allow?: string[]) =>
      rated(cat("\x80\x02cmylib\nPoint\n)R}b."), allow).reasons.find((r) => r.message.startsWith("BUILD"));
    expect(build()).toMatchObject({
      rating: "dangerous",
      message: "BUILD sets the state of a mylib.Point object",
    });
    expect(build(["mylib.Point"])).toMatchObject({
      rating: "suspicious",
      message: "BUILD sets the state of a mylib.Point object (allowlisted)",
    });
  });

  test("dangerous reasons come first, then suspicious ones, each in stream order", () => {
    // The call at byte 30 comes before the import at byte 32, though imports are collected first.
    const r = rated(cat("\x80\x02ccollections\nOrderedDict\n)R)R0cos\nsystem\n."));
    expect(r.reasons.map((x) => [x.rating, x.offset])).toEqual([
      ["dangerous", 30],
      ["dangerous", 32],
      ["suspicious", 2],
      ["suspicious", 28],
    ]);
  });

  test("INST of an allowlisted class is a call to it; NEWOBJ and NEWOBJ_EX on what a call made are dangerous", () => {
    expect(rated(cat("(icollections\nOrderedDict\n.")).reasons).toEqual([
      { rating: "suspicious", message: "imports collections.OrderedDict (allowlisted)", offset: 1, count: 1 },
      {
        rating: "suspicious",
        message: "INST calls collections.OrderedDict (allowlisted)",
        offset: 1,
        count: 1,
      },
    ]);
    // cls.__new__(cls, *args) on an OrderedDict instance: no pickler writes that.
    const newobj = rated(cat("\x80\x02ccollections\nOrderedDict\n)R)\x81."));
    expect(newobj.rating).toBe("dangerous");
    expect(newobj.reasons[0]?.message).toBe("NEWOBJ calls the object that collections.OrderedDict returned");
    const newobjEx = rated(cat("\x80\x04ccollections\nOrderedDict\n)R)}\x92."));
    expect(newobjEx.rating).toBe("dangerous");
    expect(newobjEx.reasons[0]?.message).toBe(
      "NEWOBJ_EX calls the object that collections.OrderedDict returned",
    );
  });

  test("an import that is only referenced, never called, is dangerous all the same", () => {
    expect(rated(cat("\x80\x02cos\nsystem\n.")).rating).toBe("dangerous");
  });

  test("BUILD or SETITEM on an allowlisted import itself is dangerous; on what it made, suspicious", () => {
    expect(rated(cat("\x80\x02cnumpy\ndtype\nN}\x86b.")).reasons[0]?.message).toBe(
      "BUILD sets the state of the imported object numpy.dtype itself",
    );
    expect(rated(cat("\x80\x02ccollections\nOrderedDict\nK\x01K\x02s.")).rating).toBe("dangerous");
    expect(rated(cat("\x80\x02ccollections\nOrderedDict\n)RK\x01K\x02s.")).rating).toBe("suspicious");
  });

  test("calling what a call returned, a data value, or an unresolved import is dangerous", () => {
    expect(rated(cat("\x80\x02ccollections\nOrderedDict\n)R)R.")).reasons[0]?.message).toBe(
      "REDUCE calls the object that collections.OrderedDict returned",
    );
    expect(rated(cat("\x80\x02K\x01)R.")).reasons[0]?.message).toMatch(/calls a plain data value/);
    expect(rated(cat("\x80\x02\x82\x05)R.")).rating).toBe("dangerous");
    expect(rated(cat("\x80\x04", sbu("collections"), "K\x01\x93)R.")).reasons[0]?.message).toMatch(
      /STACK_GLOBAL imports something the scanner cannot resolve/,
    );
    expect(rated(cat("\x80\x02Pid\nK\x01b.")).reasons[0]?.message).toMatch(/persistent_load/);
    // Rated, not only worded: each of these is dangerous, and so is OBJ on anything but an import.
    for (const bytes of [
      "\x80\x02K\x01)R.", // REDUCE on data
      "\x80\x02Pid\n)R.", // REDUCE on what persistent_load returned
      "\x80\x02Pid\nK\x01b.", // BUILD on it
      "(Pid\no.", // OBJ on it
      "(K\x01o.", // OBJ on data
      "\x80\x02(ccollections\nOrderedDict\n)Ro.", // OBJ on an instance
    ])
      expect(rated(cat(bytes)).rating, JSON.stringify(bytes)).toBe("dangerous");
  });

  test("exact names only: an allowlisted module with another name is not allowlisted", () => {
    expect(rated(cat("\x80\x04", sbu("collections"), sbu("OrderedDict.fromkeys"), "\x93.")).rating).toBe(
      "dangerous",
    );
    expect(rated(cat("\x80\x04", sbu("collections "), sbu("OrderedDict"), "\x93.")).rating).toBe("dangerous");
  });

  test("persistent ids alone are suspicious", () => {
    expect(rated(cat("Pid\n.")).rating).toBe("suspicious");
  });

  test("extra allowlisted names", () => {
    const bytes = cat("\x80\x02cmylib\nPoint\nK\x01\x85R.");
    expect(rated(bytes).rating).toBe("dangerous");
    expect(rated(bytes, ["mylib.Point"]).rating).toBe("suspicious");
    expect(scanBytes(bytes, "x", { allow: ["mylib.Point"] }).rating).toBe("suspicious");
  });

  test("repeated reasons are counted once, with the first offset", () => {
    const r = rated(cat("\x80\x02ccollections\nOrderedDict\nq\x00)R0h\x00)R0h\x00)R."));
    const call = r.reasons.find((x) => x.message.startsWith("REDUCE"));
    expect(call).toMatchObject({ count: 3, offset: 30 });
  });
});
