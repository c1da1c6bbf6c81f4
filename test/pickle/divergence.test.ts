// Where the scanner and a real loader could part ways: a memo index CPython reads and the scanner did
// not, a stream the scanner cannot follow to its end, a ZIP whose end record readers pick differently,
// a member name that torch.load matches without regard to case. None of these may come out safe.
import { describe, expect, test } from "vitest";
import { disassemblePartial, type ScanReport, scanBytes } from "../../src/pickle/index.js";
import { bounded, buildZip, cat, readVector, repeat } from "./support.js";

const TAIL = "cos\nsystem\n(S'echo PWNED'\ntR.";
const PKL = cat("\x80\x02}q\x00X\x01\x00\x00\x00aK\x01s.");
const EVIL = readVector("os_system_p2.pkl");

function expectOsSystem(r: ScanReport, label: string): void {
  expect(r, label).toMatchObject({ kind: "pickle", rating: "dangerous", complete: true });
  expect(
    r.globals.map((g) => g.qualified),
    label,
  ).toEqual(["os.system"]);
}

describe("GET and PUT memo indices, read as CPython's PyLong_FromString reads them", () => {
  // Each loads in CPython 3.11 (pickle.loads) and runs os.system; the last only with
  // sys.set_int_max_str_digits(0) or before 3.11, so the scanner accepts it too.
  const accepted = [
    "0",
    "0".repeat(20),
    `${" ".repeat(70)}0`,
    "+0",
    "-0",
    "0_0",
    "00_00_0",
    " \t\v\f\r0 \t\r",
    "0\x00junk",
    "0".repeat(5000),
  ];

  test.each(accepted.map((a) => [JSON.stringify(a.slice(0, 30)), a]))("GET %s is memo 0", (_, arg) => {
    for (const proto of ["", "\x80\x02"]) {
      expectOsSystem(scanBytes(cat(proto, "S'x'\np0\n0g", arg, "\n0", TAIL)), `GET ${arg}`);
    }
  });

  test.each(accepted.map((a) => [JSON.stringify(a.slice(0, 30)), a]))("PUT %s is memo 0", (_, arg) => {
    expectOsSystem(scanBytes(cat("S'x'\np", arg, "\n0g0\n0", TAIL)), `PUT ${arg}`);
  });

  test("text CPython refuses stops the scan there, and the file is not rated safe", () => {
    for (const arg of [
      "",
      "_0",
      "0_",
      "0__0",
      "0 0",
      "- 0",
      "+-0",
      "\xa00",
      "\x1c0",
      "0x0",
      "1e3",
      "\xd9\xa0",
    ]) {
      for (const op of ["g", "p"]) {
        const bytes = cat("S'x'\np0\n0", op, arg, "\n0", TAIL);
        const e = disassemblePartial(bytes).error;
        expect(e?.message, `${op} ${JSON.stringify(arg)}`).toMatch(/needs a decimal memo index/);
        expect(e?.offset).toBe(9);
        expect(scanBytes(bytes)).toMatchObject({ kind: "pickle", rating: "suspicious", complete: false });
      }
    }
  });

  test("a PUT over a key replaces its value, and MEMOIZE stores at the memo's size, which that does not grow", () => {
    // Both load in CPython and call os.getcwd; the names first stored under the keys are harmless.
    const sbu = (t: string) => cat([0x8c, t.length], t);
    const call = cat("\x93)R.");
    const overwritten = cat("\x80\x04", sbu("collections"), "q\x000", sbu("os"), "q\x000");
    const overwrittenToo = cat(sbu("OrderedDict"), "q\x010", sbu("getcwd"), "q\x010", "h\x00h\x01", call);
    const memoized = cat("\x80\x04", sbu("x"), "q\x00q\x000");
    const next = cat(sbu("collections"), "\x940", sbu("os"), "\x940", sbu("OrderedDict"), "\x940");
    for (const bytes of [
      cat(overwritten, overwrittenToo),
      cat(memoized, next, sbu("getcwd"), "\x940", "h\x02h\x04", call),
    ]) {
      const r = scanBytes(bytes);
      expect(r).toMatchObject({ kind: "pickle", rating: "dangerous" });
      expect(r.globals.map((g) => g.qualified)).toEqual(["os.getcwd"]);
    }
  });

  test("an index no memo holds is a missing key; a negative or huge PUT is refused", () => {
    const get = (arg: string): string | undefined =>
      disassemblePartial(cat("S'x'\np0\n0g", arg, "\n.")).error?.message;
    expect(get("-1")).toMatch(/GET of memo key -1, which was never set/);
    expect(get("9".repeat(19))).toMatch(/GET of a memo key past 2\^53, which was never set/);
    expect(get(`1${"0".repeat(400)}`)).toMatch(/past 2\^53/);
    expect(disassemblePartial(cat("Np-1\n.")).error?.message).toMatch(/negative PUT argument/);
    expect(disassemblePartial(cat("Np", "9".repeat(30), "\n.")).error?.limit).toBe("maxMemo");
  });

  test("long index lines cost time and memory in proportion to their length, no more", () => {
    // 8 MB of zeros in one line, then a thousand GETs with 8 KB of spaces each.
    expectOsSystem(
      bounded(() => scanBytes(cat("S'x'\np0\n0g", repeat("0", 8 << 20), "\n0", TAIL))),
      "8 MB",
    );
    const many = cat("S'x'\np0\n0", ...Array(1000).fill(cat("g", repeat(" ", 8192), "0\n0")), TAIL);
    expectOsSystem(
      bounded(() => scanBytes(many)),
      "1000 GETs",
    );
    // No newline at all: a truncation, found in one pass.
    const cut = bounded(() => scanBytes(cat("S'x'\np0\n0g", repeat("0", 8 << 20))));
    expect(cut).toMatchObject({ kind: "pickle", rating: "suspicious", complete: false });
  });
});

describe("a stream the scanner cannot follow to its end is never safe", () => {
  test("an error after opcodes were read: suspicious, a pickle, with the reason", () => {
    for (const head of [
      "N\x00", // an exploit behind a byte that is no opcode
      "S'x'\np0\n0h\x07", // BINGET of a key never set
      "N0a", // stack underflow
      "(S'x'\nd", // odd number of items for DICT
    ]) {
      const r = scanBytes(cat(head, TAIL));
      expect(r, JSON.stringify(head)).toMatchObject({
        kind: "pickle",
        rating: "suspicious",
        complete: false,
      });
      expect(r.reasons[0]?.message).toMatch(/^the pickle could not be read to its end \(/);
    }
    // Truncated (a GLOBAL cut so, which pickle.py still imports from, is in the next describe).
    for (const bytes of [cat("\x80\x02N"), cat("(N")]) {
      const r = scanBytes(bytes);
      expect(r).toMatchObject({ kind: "pickle", rating: "suspicious", complete: false });
      expect(r.reasons[0]?.message).toMatch(/^the pickle could not be read to its end \(/);
    }
  });

  test("bytes refused at their first opcode are still no pickle: nothing in them was read", () => {
    for (const text of ["hello, not a pickle\n", '{"a": 1}', "\x00\x01", ""]) {
      expect(scanBytes(cat(text)), JSON.stringify(text)).toMatchObject({
        kind: "not-pickle",
        rating: "safe",
      });
    }
  });
});

describe("GLOBAL and INST as pickle.py reads them: it imports before the checks the C unpickler makes first", () => {
  // pickle.py (pickle._Unpickler, joblib.load's unpickler) reads each line as readline()[:-1] (an empty
  // line is an empty name; a line cut by the end of the input loses its last byte), imports, and for INST
  // only then looks for the MARK. The C unpickler refuses all of these before importing; the scanner
  // stopped where the C unpickler stops, and rated the first two `safe` (no pickle: refused at the first
  // opcode). Each import below runs the module (antigravity opens a web browser) under pickle.py.
  test.each([
    ["INST with no MARK open", "iantigravity\nx\n", ["antigravity.x"]],
    ["GLOBAL with an empty name", "cantigravity\n\n", ["antigravity."]],
    ["INST with an empty name", "(iantigravity\n\n", ["antigravity."]],
    ["INST with no MARK, cut by the end", "iantigravity\nxy", ["antigravity.x"]],
    ["GLOBAL cut by the end", "NNcos\nsystem", ["os.syste"]],
    ["GLOBAL cut right after the module", "cantigravity\n", ["antigravity."]],
    ["INST below protocol 3: the Python 2 fixes", "i__builtin__\neval\n", ["builtins.eval"]],
  ])("%s: the import is found and rated", (_, text, globals) => {
    const r = scanBytes(cat(text));
    expect(r).toMatchObject({ kind: "pickle", rating: "dangerous", complete: false });
    expect(r.globals.map((g) => g.qualified)).toEqual(globals);
    expect(r.reasons[0]?.message).toMatch(/which is not on the allowlist/);
  });

  test("in a second stream too: bytes after a STOP that import are no trailing data", () => {
    const r = scanBytes(cat("\x80\x02K\x01.", "cposix\n\n"));
    expect(r).toMatchObject({ kind: "pickle", rating: "dangerous", streams: 2 });
    expect(r.globals.map((g) => g.qualified)).toEqual(["posix."]);
  });

  test("where pickle.py fails before importing, nothing is found: still no pickle", () => {
    for (const text of [
      "c\nx\n", // an empty module name: __import__ refuses it
      "i\xff\nx\n", // INST's lines are ASCII
      "i\nx\n",
      // modules no import finds (but a file of that very name): text files stay no pickle
      "iantigravity\r\nx\r\n", // readline()[:-1] keeps the \r
      "import os\nimport sys\n",
      "id,name\n1,a\n",
      "i1st\nx\n",
    ]) {
      expect(scanBytes(cat(text)), JSON.stringify(text)).toMatchObject({
        kind: "not-pickle",
        rating: "safe",
      });
    }
  });
});

/** A stored member's local header and central record, for `archive/data.pkl` at local offset `at`. */
function member(data: Uint8Array, at: number): { local: Uint8Array; cd: Uint8Array } {
  const z = buildZip([{ name: "archive/data.pkl", data }]);
  const cdLen = 46 + "archive/data.pkl".length;
  const cd = z.slice(z.length - 22 - cdLen, z.length - 22);
  new DataView(cd.buffer).setUint32(42, at, true);
  return { local: z.subarray(0, z.length - 22 - cdLen), cd };
}

function eocd(cdLen: number, cdAt: number, commentLen: number): Uint8Array {
  const b = new Uint8Array(22);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, 1, true);
  v.setUint16(10, 1, true);
  v.setUint32(12, cdLen, true);
  v.setUint32(16, cdAt, true);
  v.setUint16(20, commentLen, true);
  return b;
}

describe("ZIP end records", () => {
  test("a second end record in the first one's comment: ambiguous, dangerous", () => {
    // Python's zipfile and miniz take the last signature (its directory lists the evil data.pkl); a
    // reader that wants the comment to fit takes the first (the harmless one).
    const a = member(PKL, 0);
    const b = member(EVIL, a.local.length);
    const real = a.local.length + b.local.length;
    const fake = real + a.cd.length + 22;
    for (const fakeComment of [1, 0]) {
      const zip = cat(
        a.local,
        b.local,
        a.cd,
        eocd(a.cd.length, real, b.cd.length + 22 + fakeComment),
        b.cd,
        eocd(b.cd.length, fake, fakeComment),
      );
      const r = scanBytes(zip, "x.pt");
      expect(r).toMatchObject({ kind: "zip", rating: "dangerous", complete: false });
      expect(r.reasons[0]?.message).toMatch(
        new RegExp(
          `more than one end-of-central-directory record \\(at bytes ${real + a.cd.length} and ${fake + b.cd.length}\\)`,
        ),
      );
    }
  });

  test("one end record whose comment runs past the end is read, as zipfile and miniz read it", () => {
    for (const [data, rating] of [
      [EVIL, "dangerous"],
      [PKL, "safe"],
    ] as const) {
      const zip = buildZip([{ name: "archive/data.pkl", data }]);
      zip[zip.length - 2] = 9;
      const r = scanBytes(zip);
      expect(r).toMatchObject({ kind: "zip", rating, complete: true });
      expect(r.entries).toHaveLength(1);
    }
  });

  test("a tail full of signatures costs one pass", () => {
    const zip = cat(buildZip([{ name: "a.pkl", data: PKL }]), ...Array(20_000).fill("PK\x05\x06"));
    expect(bounded(() => scanBytes(zip))).toMatchObject({ kind: "zip", rating: "dangerous" });
  });
});

describe("ZIP member names", () => {
  test("any case of .pkl is scanned: miniz's locate_file (torch.load) ignores case", () => {
    for (const name of ["archive/DATA.PKL", "archive/data.Pkl", "x.pKL"]) {
      const r = scanBytes(buildZip([{ name, data: EVIL }]), "x.pt");
      expect(r, name).toMatchObject({ kind: "zip", rating: "dangerous" });
      expect(r.entries?.map((e) => e.name)).toEqual([name]);
    }
    const upper = scanBytes(buildZip([{ name: "archive/DATA.PKL", data: PKL }]));
    expect(upper.notes.join(" ")).toMatch(/a PyTorch archive/);
  });
});
