/**
 * The pickle opcode table, transcribed from CPython's Lib/pickletools.py (3.11): every opcode of
 * protocols 0 to 5 with its code byte, the kind of argument that follows it in the stream, and the
 * protocol that introduced it. The disassembler reads arguments by `arg` alone; the stack effects
 * live in disassemble.ts.
 */

/**
 * How an opcode's argument is laid out in the stream (pickletools' ArgumentDescriptor names).
 * `none` means the opcode has no argument.
 */
export type ArgKind =
  | "none"
  | "uint1"
  | "uint2"
  | "int4"
  | "uint4"
  | "uint8"
  | "long1"
  | "long4"
  | "decimalnl_short"
  | "decimalnl_long"
  | "floatnl"
  | "float8"
  | "stringnl"
  | "stringnl_noescape"
  | "stringnl_noescape_pair"
  | "string1"
  | "string4"
  | "bytes1"
  | "bytes4"
  | "bytes8"
  | "bytearray8"
  | "unicodestringnl"
  | "unicodestring1"
  | "unicodestring4"
  | "unicodestring8";

export type OpName =
  | "INT"
  | "BININT"
  | "BININT1"
  | "BININT2"
  | "LONG"
  | "LONG1"
  | "LONG4"
  | "STRING"
  | "BINSTRING"
  | "SHORT_BINSTRING"
  | "BINBYTES"
  | "SHORT_BINBYTES"
  | "BINBYTES8"
  | "BYTEARRAY8"
  | "NEXT_BUFFER"
  | "READONLY_BUFFER"
  | "NONE"
  | "NEWTRUE"
  | "NEWFALSE"
  | "UNICODE"
  | "SHORT_BINUNICODE"
  | "BINUNICODE"
  | "BINUNICODE8"
  | "FLOAT"
  | "BINFLOAT"
  | "EMPTY_LIST"
  | "APPEND"
  | "APPENDS"
  | "LIST"
  | "EMPTY_TUPLE"
  | "TUPLE"
  | "TUPLE1"
  | "TUPLE2"
  | "TUPLE3"
  | "EMPTY_DICT"
  | "DICT"
  | "SETITEM"
  | "SETITEMS"
  | "EMPTY_SET"
  | "ADDITEMS"
  | "FROZENSET"
  | "POP"
  | "DUP"
  | "MARK"
  | "POP_MARK"
  | "GET"
  | "BINGET"
  | "LONG_BINGET"
  | "PUT"
  | "BINPUT"
  | "LONG_BINPUT"
  | "MEMOIZE"
  | "EXT1"
  | "EXT2"
  | "EXT4"
  | "GLOBAL"
  | "STACK_GLOBAL"
  | "REDUCE"
  | "BUILD"
  | "INST"
  | "OBJ"
  | "NEWOBJ"
  | "NEWOBJ_EX"
  | "PROTO"
  | "STOP"
  | "FRAME"
  | "PERSID"
  | "BINPERSID";

export interface OpcodeInfo {
  readonly name: OpName;
  /** The opcode byte. */
  readonly code: number;
  readonly arg: ArgKind;
  /** The protocol that introduced the opcode. */
  readonly proto: 0 | 1 | 2 | 3 | 4 | 5;
}

const ch = (s: string): number => s.charCodeAt(0);

function op(name: OpName, code: number, arg: ArgKind, proto: OpcodeInfo["proto"]): OpcodeInfo {
  return Object.freeze({ name, code, arg, proto });
}

/** All 68 opcodes, in pickletools' order. */
export const OPCODES: readonly OpcodeInfo[] = Object.freeze([
  // Integers
  op("INT", ch("I"), "decimalnl_short", 0),
  op("BININT", ch("J"), "int4", 1),
  op("BININT1", ch("K"), "uint1", 1),
  op("BININT2", ch("M"), "uint2", 1),
  op("LONG", ch("L"), "decimalnl_long", 0),
  op("LONG1", 0x8a, "long1", 2),
  op("LONG4", 0x8b, "long4", 2),
  // Strings and bytes
  op("STRING", ch("S"), "stringnl", 0),
  op("BINSTRING", ch("T"), "string4", 1),
  op("SHORT_BINSTRING", ch("U"), "string1", 1),
  op("BINBYTES", ch("B"), "bytes4", 3),
  op("SHORT_BINBYTES", ch("C"), "bytes1", 3),
  op("BINBYTES8", 0x8e, "bytes8", 4),
  op("BYTEARRAY8", 0x96, "bytearray8", 5),
  op("NEXT_BUFFER", 0x97, "none", 5),
  op("READONLY_BUFFER", 0x98, "none", 5),
  // Constants
  op("NONE", ch("N"), "none", 0),
  op("NEWTRUE", 0x88, "none", 2),
  op("NEWFALSE", 0x89, "none", 2),
  // Unicode strings
  op("UNICODE", ch("V"), "unicodestringnl", 0),
  op("SHORT_BINUNICODE", 0x8c, "unicodestring1", 4),
  op("BINUNICODE", ch("X"), "unicodestring4", 1),
  op("BINUNICODE8", 0x8d, "unicodestring8", 4),
  // Floats
  op("FLOAT", ch("F"), "floatnl", 0),
  op("BINFLOAT", ch("G"), "float8", 1),
  // Lists
  op("EMPTY_LIST", ch("]"), "none", 1),
  op("APPEND", ch("a"), "none", 0),
  op("APPENDS", ch("e"), "none", 1),
  op("LIST", ch("l"), "none", 0),
  // Tuples
  op("EMPTY_TUPLE", ch(")"), "none", 1),
  op("TUPLE", ch("t"), "none", 0),
  op("TUPLE1", 0x85, "none", 2),
  op("TUPLE2", 0x86, "none", 2),
  op("TUPLE3", 0x87, "none", 2),
  // Dicts
  op("EMPTY_DICT", ch("}"), "none", 1),
  op("DICT", ch("d"), "none", 0),
  op("SETITEM", ch("s"), "none", 0),
  op("SETITEMS", ch("u"), "none", 1),
  // Sets
  op("EMPTY_SET", 0x8f, "none", 4),
  op("ADDITEMS", 0x90, "none", 4),
  op("FROZENSET", 0x91, "none", 4),
  // Stack manipulation
  op("POP", ch("0"), "none", 0),
  op("DUP", ch("2"), "none", 0),
  op("MARK", ch("("), "none", 0),
  op("POP_MARK", ch("1"), "none", 1),
  // Memo
  op("GET", ch("g"), "decimalnl_short", 0),
  op("BINGET", ch("h"), "uint1", 1),
  op("LONG_BINGET", ch("j"), "uint4", 1),
  op("PUT", ch("p"), "decimalnl_short", 0),
  op("BINPUT", ch("q"), "uint1", 1),
  op("LONG_BINPUT", ch("r"), "uint4", 1),
  op("MEMOIZE", 0x94, "none", 4),
  // Extension registry (copyreg)
  op("EXT1", 0x82, "uint1", 2),
  op("EXT2", 0x83, "uint2", 2),
  op("EXT4", 0x84, "int4", 2),
  // Imports and calls
  op("GLOBAL", ch("c"), "stringnl_noescape_pair", 0),
  op("STACK_GLOBAL", 0x93, "none", 4),
  op("REDUCE", ch("R"), "none", 0),
  op("BUILD", ch("b"), "none", 0),
  op("INST", ch("i"), "stringnl_noescape_pair", 0),
  op("OBJ", ch("o"), "none", 1),
  op("NEWOBJ", 0x81, "none", 2),
  op("NEWOBJ_EX", 0x92, "none", 4),
  // Machine control
  op("PROTO", 0x80, "uint1", 2),
  op("STOP", ch("."), "none", 0),
  op("FRAME", 0x95, "uint8", 4),
  // Persistent ids
  op("PERSID", ch("P"), "stringnl_noescape", 0),
  op("BINPERSID", ch("Q"), "none", 1),
]);

/** Lookup by code byte: `OPCODE_BY_BYTE[b]` is undefined for a byte that is no opcode. */
export const OPCODE_BY_BYTE: readonly (OpcodeInfo | undefined)[] = (() => {
  const table: (OpcodeInfo | undefined)[] = new Array(256).fill(undefined);
  for (const info of OPCODES) {
    if (table[info.code] !== undefined) throw new Error(`duplicate opcode byte ${info.code}`);
    table[info.code] = info;
  }
  return Object.freeze(table);
})();

/** The newest pickle protocol this table knows (CPython's pickle.HIGHEST_PROTOCOL). */
export const HIGHEST_PROTOCOL = 5;
