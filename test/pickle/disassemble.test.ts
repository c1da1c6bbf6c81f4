import { describe, expect, test } from "vitest";
import {
  disassemble,
  disassemblePartial,
  isPickleScanError,
  OPCODE_BY_BYTE,
  OPCODES,
  PickleScanError,
} from "../../src/pickle/index.js";
import { cat, sbu, u32, u64 } from "./support.js";

function err(bytes: Uint8Array): PickleScanError {
  const r = disassemblePartial(bytes);
  expect(r.error, "expected an error").toBeInstanceOf(PickleScanError);
  return r.error as PickleScanError;
}

describe("opcode table", () => {
  test("68 opcodes, one per byte, protocols 0 to 5", () => {
    expect(OPCODES).toHaveLength(68);
    expect(new Set(OPCODES.map((o) => o.code)).size).toBe(68);
    expect(new Set(OPCODES.map((o) => o.name)).size).toBe(68);
    for (const o of OPCODES) expect(OPCODE_BY_BYTE[o.code]).toBe(o);
    expect(OPCODE_BY_BYTE[0xff]).toBeUndefined();
    expect(OPCODES.find((o) => o.name === "BYTEARRAY8")).toMatchObject({
      code: 0x96,
      arg: "bytearray8",
      proto: 5,
    });
    expect(OPCODES.find((o) => o.name === "GLOBAL")).toMatchObject({
      code: 0x63,
      arg: "stringnl_noescape_pair",
    });
  });
});

describe("disassemble", () => {
  test("offsets and display arguments", () => {
    const d = disassemble(
      cat(
        "\x80\x02",
        "K\x07",
        "J",
        u32(-2 >>> 0),
        "X",
        u32(2),
        "hi",
        "\x8a\x02\x00\x80",
        "G?\xf0\0\0\0\0\0\0",
        ".",
      ),
    );
    expect(d.ops).toEqual([
      { offset: 0, name: "PROTO", arg: 2 },
      { offset: 2, name: "BININT1", arg: 7 },
      { offset: 4, name: "BININT", arg: -2 },
      { offset: 9, name: "BINUNICODE", arg: "hi" },
      { offset: 16, name: "LONG1", arg: "-32768" },
      { offset: 20, name: "BINFLOAT", arg: 1 },
      { offset: 29, name: "STOP" },
    ]);
    expect(d).toMatchObject({ protocol: 2, declared: true, start: 0, end: 30, opCount: 7, trailing: 0 });
  });

  test("an unversioned stream reports the newest protocol among its opcodes", () => {
    expect(disassemble(cat("(lp0\nI1\na.")).protocol).toBe(0);
    expect(disassemble(cat("]q\x00K\x01a.")).protocol).toBe(1);
    expect(disassemble(cat("]q\x00K\x01a.")).declared).toBe(false);
  });

  test("keepOps: false keeps no listing", () => {
    const d = disassemble(cat("\x80\x04N."), { keepOps: false });
    expect(d.ops).toEqual([]);
    expect(d.opCount).toBe(3);
  });

  test("GLOBAL applies CPython's Python 2 import fixes below protocol 3 only", () => {
    const p2 = disassemble(cat("\x80\x02c__builtin__\nset\n)R."));
    expect(p2.globals[0]).toMatchObject({ module: "__builtin__", name: "set", qualified: "builtins.set" });
    const p0 = disassemble(cat("ccommands\ngetoutput\n."));
    expect(p0.globals[0]?.qualified).toBe("subprocess.getoutput");
    const p0x = disassemble(cat("c__builtin__\nxrange\n."));
    expect(p0x.globals[0]?.qualified).toBe("builtins.range");
    const p3 = disassemble(cat("\x80\x03c__builtin__\nset\n."));
    expect(p3.globals[0]?.qualified).toBe("__builtin__.set");
  });

  test("STACK_GLOBAL resolves strings through the memo (BINPUT, MEMOIZE, BINGET, LONG_BINGET, GET)", () => {
    const viaBinput = cat(
      "\x80\x04",
      sbu("os"),
      "q\x05",
      "0",
      sbu("system"),
      "r",
      u32(7),
      "0",
      "h\x05",
      "j",
      u32(7),
      "\x93.",
    );
    expect(disassemble(viaBinput).globals[0]).toMatchObject({
      qualified: "os.system",
      via: "STACK_GLOBAL",
      resolved: true,
    });
    const viaText = cat("\x80\x04", "Vos\np3\n0", "Vsystem\np4\n0g3\ng4\n\x93.");
    expect(disassemble(viaText).globals[0]?.qualified).toBe("os.system");
    const viaMemoize = cat("\x80\x04", sbu("posix"), "\x94", sbu("system"), "\x94", "\x93.");
    expect(disassemble(viaMemoize).globals[0]?.qualified).toBe("posix.system");
    // STRING and BINSTRING are str under pickle.loads' default encoding, escapes undone.
    const viaString = cat("\x80\x04", "S'o\\x73'\n", "U\x06system", "\x93.");
    expect(disassemble(viaString).globals[0]?.qualified).toBe("os.system");
  });

  test("STACK_GLOBAL on values that are not string literals is unresolved", () => {
    const d = disassemble(cat("\x80\x04", sbu("os"), "K\x01", "\x93."));
    expect(d.globals[0]).toMatchObject({ resolved: false, via: "STACK_GLOBAL" });
    const called = disassemble(
      cat("\x80\x04", "cbuiltins\nstr\n", sbu("os"), "\x85R", sbu("system"), "\x93."),
    );
    expect(called.globals[1]).toMatchObject({ resolved: false });
  });

  test("calls: REDUCE, NEWOBJ, NEWOBJ_EX, OBJ, INST, BUILD and method calls on instances", () => {
    const d = disassemble(
      cat(
        "\x80\x04",
        "ccollections\nOrderedDict\n", // 2
        "\x94)R", // 27: MEMOIZE, EMPTY_TUPLE, REDUCE at 29
        sbu("k"),
        "K\x01s", // SETITEM at 35
        "N}\x86b", // BUILD at 39
        "0",
        "h\x00)\x81", // NEWOBJ at 44
        "0",
        "h\x00)}\x92", // NEWOBJ_EX at 50
        "0",
        "(h\x00o", // OBJ at 55
        "0",
        "(ibuiltins\nset\n", // INST at 58
        ".",
      ),
    );
    expect(d.calls).toEqual([
      { op: "REDUCE", offset: 29, callee: "collections.OrderedDict", target: "global" },
      {
        op: "SETITEM",
        offset: 35,
        callee: "collections.OrderedDict",
        target: "instance",
        detail: "the result of REDUCE at byte 29",
      },
      {
        op: "BUILD",
        offset: 39,
        callee: "collections.OrderedDict",
        target: "instance",
        detail: "the result of REDUCE at byte 29",
      },
      { op: "NEWOBJ", offset: 44, callee: "collections.OrderedDict", target: "global" },
      { op: "NEWOBJ_EX", offset: 50, callee: "collections.OrderedDict", target: "global" },
      { op: "OBJ", offset: 55, callee: "collections.OrderedDict", target: "global" },
      { op: "INST", offset: 58, callee: "builtins.set", target: "global" },
    ]);
    expect(d.globals.map((g) => [g.via, g.qualified, g.offset])).toEqual([
      ["GLOBAL", "collections.OrderedDict", 2],
      ["INST", "builtins.set", 58],
    ]);
  });

  test("container updates on plain data are no calls; on an imported object they are", () => {
    expect(disassemble(cat("\x80\x02]K\x01a}K\x01K\x02s0(K\x01e.")).calls).toEqual([]);
    const d = disassemble(cat("\x80\x02cos\nenviron\nK\x01K\x02s."));
    expect(d.calls[0]).toMatchObject({ op: "SETITEM", callee: "os.environ", target: "global" });
    // APPENDS with nothing after the MARK calls nothing, as in CPython.
    expect(disassemble(cat("\x80\x02cos\nenviron\n(e.")).calls).toEqual([]);
  });

  test("persistent ids and extension codes", () => {
    const d = disassemble(cat("\x80\x02", "Pkey\n", "K\x01Q", "\x82\x01", "."));
    expect(d.calls.map((c) => [c.op, c.target])).toEqual([
      ["PERSID", "unresolved"],
      ["BINPERSID", "unresolved"],
    ]);
    expect(d.globals[0]).toMatchObject({
      via: "EXT1",
      resolved: false,
      qualified: "<copyreg extension code 1>",
    });
    expect(err(cat("\x80\x02\x82\x00.")).message).toMatch(/code <= 0/);
    // EXT4's code is signed, as in CPython.
    expect(err(cat("\x80\x02\x84", u32(0xffffffff), ".")).message).toMatch(/EXT4 specifies code <= 0/);
  });

  test("the MARK fence: values below a MARK are out of reach, as in CPython", () => {
    expect(err(cat("N(R.")).message).toMatch(/stack underflow: REDUCE/);
    expect(err(cat("(.")).message).toMatch(/stack underflow: STOP/);
    // POP on an empty frame pops the MARK; then the N is reachable.
    expect(disassemble(cat("N(0.")).opCount).toBe(4);
  });

  test("structural errors, each at its opcode's offset", () => {
    expect(err(cat("\x80\x06N.")).message).toMatch(/unsupported pickle protocol: 6/);
    expect(err(cat("\x80\x02K\x01e.")).message).toMatch(/needs a MARK/);
    expect(err(cat("\x80\x02(K\x01d.")).message).toMatch(/odd number of items for DICT/);
    expect(err(cat("\x80\x02}(K\x01u.")).message).toMatch(/odd number of items for SETITEMS/);
    expect(err(cat("\x80\x02h\x03.")).message).toMatch(/memo key 3, which was never set/);
    expect(err(cat("\x80\x02S'abc\n.")).message).toMatch(/must be quoted/);
    expect(err(cat("\x80\x02c\nx\n.")).message).toMatch(/empty module or attribute name/);
    expect(err(cat("\x80\x02Nq\x00p-1\n.")).message).toMatch(/negative PUT/);
    const e = err(cat("\x80\x02N\x00."));
    expect(e).toMatchObject({ code: "malformed", source: "pickle", offset: 3, eof: false });
    expect(e.message).toBe("0x00 is not a pickle opcode (byte 3)");
    expect(isPickleScanError(e)).toBe(true);
  });

  test("text opcodes are parsed as leniently as CPython does (whitespace, underscores)", () => {
    expect(disassemble(cat("Np 1_0 \ng10\n.")).opCount).toBe(4);
    expect(disassemble(cat("I  12\nL5L\nF1e5\nI01\n000.")).opCount).toBe(8);
  });

  test("the partial result keeps the imports found before an error", () => {
    const r = disassemblePartial(cat("\x80\x02cos\nsystem\nX\xff\xff\xff\xff"));
    expect(r.error?.eof).toBe(true);
    expect(r.disassembly.globals[0]?.qualified).toBe("os.system");
    expect(r.disassembly.end).toBe(13);
    expect(() => disassemble(cat("\x80\x02cos\nsystem\n"))).toThrow(PickleScanError);
  });

  test("start: a second stream at an offset, offsets into the whole input", () => {
    const bytes = cat("\x80\x02K\x01.", "\x80\x02cos\nsystem\n.");
    const first = disassemble(bytes);
    expect(first.trailing).toBe(14);
    const second = disassemble(bytes, { start: first.end });
    expect(second.globals[0]?.offset).toBe(7);
    expect(second.start).toBe(5);
  });

  test("BINUNICODE8 and BINBYTES8 within the bytes that remain", () => {
    const d = disassemble(
      cat("\x80\x04\x8d", u64(2n), "hi", "\x8e", u64(3n), "abc", "\x96", u64(0n), "\x86\x86."),
    );
    expect(d.ops.map((o) => o.arg)).toEqual([
      4,
      "hi",
      "<3 bytes>",
      "<0 bytes>",
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("the symbolic stack and memo", () => {
  test("a POP that empties the top run leaves the value below it on top", () => {
    // BINPUT must store "os", not the "x" just popped.
    const d = disassemble(cat("\x80\x04", sbu("os"), sbu("x"), "0q\x000h\x00", sbu("getcwd"), "\x93."));
    expect(d.globals[0]?.qualified).toBe("os.getcwd");
  });

  test("memo indices where the memo grows (64, 128) are kept", () => {
    const d = disassemble(cat("\x80\x04", sbu("os"), "q\x400", sbu("system"), "q\x800h\x40h\x80\x93."));
    expect(d.globals[0]).toMatchObject({ qualified: "os.system", resolved: true });
  });

  test("a memo slot freed by a PUT of plain data is reused for the next name", () => {
    const d = disassemble(
      cat("\x80\x04", sbu("x"), "q\x000Nq\x000", sbu("os"), "q\x010", sbu("system"), "q\x020h\x01h\x02\x93."),
    );
    expect(d.globals[0]).toMatchObject({ qualified: "os.system", resolved: true });
  });

  test("values below a MARK are out of reach of MEMOIZE, STACK_GLOBAL, BUILD, APPEND, SETITEM, READONLY_BUFFER, OBJ, APPENDS", () => {
    // CPython: "unexpected MARK found" or "stack underflow", at the opcode.
    for (const [bytes, offset, name] of [
      [cat("\x80\x04N(\x94."), 4, "MEMOIZE"],
      [cat("\x80\x04N(N(\x94."), 6, "MEMOIZE"], // the innermost MARK is the fence
      [cat("\x80\x02N(N(K\x01b."), 8, "BUILD"],
      [cat("\x80\x04", sbu("os"), "(", sbu("system"), "\x93."), 15, "STACK_GLOBAL"],
      [cat("\x80\x02N(K\x01b."), 6, "BUILD"],
      [cat("\x80\x02](K\x01a."), 6, "APPEND"],
      [cat("\x80\x02}(K\x01K\x02s."), 8, "SETITEM"],
      [cat("\x80\x05N(\x98."), 4, "READONLY_BUFFER"],
      [cat("\x80\x02N(2."), 4, "DUP"],
      [cat("\x80\x02N(o."), 4, "OBJ"],
      [cat("\x80\x02(e."), 3, "APPENDS"],
      [cat("\x80\x02Q."), 2, "BINPERSID"],
      [cat("\x80\x02N(Q."), 4, "BINPERSID"],
    ] as const) {
      const e = err(bytes);
      expect(e.message, name).toMatch(new RegExp(`^stack underflow: ${name} `));
      expect(e.offset, name).toBe(offset);
    }
  });

  test("POP drops a value above a MARK, and pops the MARK only when nothing is above it", () => {
    expect(err(cat("N(N0.")).message).toMatch(/stack underflow: STOP/);
    expect(disassemble(cat("N(N00.")).opCount).toBe(6);
  });

  test("INST and OBJ leave only the new object, their arguments consumed", () => {
    expect(err(cat("(]ibuiltins\nlist\n0.")).message).toMatch(/stack underflow: STOP/);
    expect(err(cat("(cbuiltins\nlist\n]o0.")).message).toMatch(/stack underflow: STOP/);
  });
});

describe("findings, boundaries and display", () => {
  test("APPENDS, SETITEMS, ADDITEMS act on the object below the MARK", () => {
    const d = disassemble(cat("\x80\x04cos\nenviron\n(K\x01K\x02u(K\x01e(K\x01\x90."));
    expect(d.calls).toEqual([
      { op: "SETITEMS", offset: 19, callee: "os.environ", target: "global" },
      { op: "APPENDS", offset: 23, callee: "os.environ", target: "global" },
      { op: "ADDITEMS", offset: 27, callee: "os.environ", target: "global" },
    ]);
  });

  test("container updates on a string make no call", () => {
    expect(disassemble(cat("\x80\x04", sbu("ab"), "K\x01aK\x01K\x02sNb(K\x01e.")).calls).toEqual([]);
  });

  test("a call on what an unresolved import returned names no callee", () => {
    const d = disassemble(cat("\x80\x02\x82\x01)R}b."));
    expect(d.calls[1]).toEqual({
      op: "BUILD",
      offset: 7,
      target: "unresolved",
      detail: "the result of REDUCE at byte 5",
    });
  });

  test("what calling an instance returns is unresolved, not another instance of the import", () => {
    const d = disassemble(cat("\x80\x02ccollections\nOrderedDict\n)R)R}b."));
    expect(d.calls.slice(1)).toEqual([
      {
        op: "REDUCE",
        offset: 30,
        callee: "collections.OrderedDict",
        target: "instance",
        detail: "the result of REDUCE at byte 28",
      },
      { op: "BUILD", offset: 32, target: "unresolved", detail: "the result of REDUCE at byte 30" },
    ]);
  });

  test("a call on a persistent object is unresolved and says where the object came from", () => {
    const d = disassemble(cat("\x80\x02Pk\nNb."));
    expect(d.calls[1]).toEqual({
      op: "BUILD",
      offset: 6,
      target: "unresolved",
      detail: "an object from persistent_load (byte 2)",
    });
  });

  test("EXT2 and EXT4 read their codes at their widths", () => {
    const d = disassemble(cat("\x80\x02\x83\x01\x01\x84", u32(0x10000), "\x86."));
    expect(d.globals.map((g) => [g.via, g.offset, g.qualified])).toEqual([
      ["EXT2", 2, "<copyreg extension code 257>"],
      ["EXT4", 5, "<copyreg extension code 65536>"],
    ]);
  });

  test("persistent ids count towards maxFindings", () => {
    const bytes = cat("\x80\x02", "Pk\n0".repeat(5), "N.");
    expect(disassemblePartial(bytes, { limits: { maxFindings: 5 } }).error).toBeUndefined();
    expect(disassemblePartial(bytes, { limits: { maxFindings: 4 } }).error).toMatchObject({
      limit: "maxFindings",
      offset: 18,
    });
  });

  test("maxStack and maxMemo are exact: the limit fits, one more fails at its opcode", () => {
    const limits = { maxStack: 3, maxMemo: 2 };
    expect(disassemblePartial(cat("\x80\x02NNN\x87."), { limits }).error).toBeUndefined();
    expect(disassemblePartial(cat("\x80\x02NNNN."), { limits }).error).toMatchObject({
      limit: "maxStack",
      offset: 5,
    });
    expect(disassemblePartial(cat("\x80\x02K\x01K\x01K\x01\x87."), { limits }).error).toBeUndefined();
    expect(disassemblePartial(cat("\x80\x02K\x01K\x01K\x01K\x01."), { limits }).error).toMatchObject({
      limit: "maxStack",
      offset: 8,
    });
    expect(disassemblePartial(cat("\x80\x04N\x94\x94."), { limits }).error).toBeUndefined();
    expect(disassemblePartial(cat("\x80\x04N\x94\x94\x94."), { limits }).error).toMatchObject({
      limit: "maxMemo",
      offset: 5,
    });
    expect(disassemblePartial(cat("\x80\x02Nq\x02."), { limits }).error).toMatchObject({ limit: "maxMemo" });
  });

  test("a stream cut right after a complete argument fails at the cut, that opcode read", () => {
    for (const bytes of [
      cat("\x80\x02K\x01"),
      cat("\x80\x02J", u32(1)),
      cat("\x80\x02U\x02hi"),
      cat("\x80\x04\x8d", u64(2n), "hi"),
    ]) {
      const r = disassemblePartial(bytes);
      expect(r.error).toMatchObject({ offset: bytes.length, eof: true });
      expect(r.error?.message).toMatch(/ends before STOP/);
      expect(r.disassembly.opCount).toBe(2);
    }
  });

  test("strings of up to 1024 bytes can name an import, longer ones cannot", () => {
    const encoders: [string, (s: string) => Uint8Array][] = [
      ["UNICODE", (s) => cat("V", s, "\n")],
      ["STRING", (s) => cat("S'", s, "'\n")],
      ["BINSTRING", (s) => cat("T", u32(s.length), s)],
      ["BINUNICODE", (s) => cat("X", u32(s.length), s)],
      ["BINUNICODE8", (s) => cat("\x8d", u64(BigInt(s.length)), s)],
    ];
    for (const [name, enc] of encoders) {
      for (const [n, resolved] of [
        [1024, true],
        [1025, false],
      ] as const) {
        const g = disassemble(cat("\x80\x04", enc("m".repeat(n)), sbu("f"), "\x93.")).globals[0];
        expect(g?.resolved, `${name} ${n}`).toBe(resolved);
      }
    }
    // GLOBAL keeps a 1024-byte name whole and cuts a longer one.
    expect(disassemble(cat("c", "m".repeat(1024), "\nf\n.")).globals[0]?.module).toBe("m".repeat(1024));
    expect(disassemble(cat("c", "m".repeat(1025), "\nf\n.")).globals[0]?.module).toBe(`${"m".repeat(1024)}…`);
  });

  test("STRING: single or double quotes, at least two of them; octal escapes take up to three digits", () => {
    expect(err(cat("S'\n.")).message).toMatch(/must be quoted/);
    expect(disassemble(cat('S"abc"\n.')).ops[0]?.arg).toBe("abc");
    expect(disassemble(cat("S'\\1234'\n.")).ops[0]?.arg).toBe("S4");
  });

  test("UNICODE: an even run of backslashes before u is literal, an odd one escapes", () => {
    expect(disassemble(cat("V\\\\u0041\n.")).ops[0]?.arg).toBe("\\\\u0041");
    expect(disassemble(cat("V\\\\\\u0041\n.")).ops[0]?.arg).toBe("\\\\A");
  });

  test("escapes CPython refuses leave the raw text, which names nothing", () => {
    // UNICODE past U+10FFFF and STRING with a trailing backslash: CPython fails; the scanner reads on.
    expect(disassemble(cat("V\\U00110000\n.")).ops[0]?.arg).toBe("\\U00110000");
    expect(disassemble(cat("S'a\\'\n.")).ops[0]?.arg).toBe("'a\\'");
  });

  test("a start outside the bytes is the caller's mistake: a RangeError, not a scan error", () => {
    const bytes = cat("\x80\x02N.");
    for (const start of [-1, 1.5, Number.NaN, bytes.length + 1]) {
      expect(() => disassemblePartial(bytes, { start }), String(start)).toThrow(RangeError);
      expect(() => disassemble(bytes, { start }), String(start)).toThrow(
        /start must be an integer from 0 to 4/,
      );
    }
    // At the very end: a stream with nothing in it, cut before STOP.
    expect(disassemblePartial(bytes, { start: bytes.length }).error).toMatchObject({ offset: 4, eof: true });
    expect(disassemble(bytes, { start: 2 })).toMatchObject({ start: 2, end: 4, opCount: 2 });
  });

  test("a later PROTO does not make the stream declared", () => {
    expect(disassemble(cat("N0\x80\x03N."))).toMatchObject({ declared: false, protocol: 2 });
  });

  test("BINSTRING of length -1 is refused", () => {
    expect(err(cat("\x80\x02T", u32(0xffffffff), "N.")).message).toMatch(/negative length \(-1\)/);
  });
});
