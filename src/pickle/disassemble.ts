/**
 * A static pickle disassembler: it reads a pickle stream opcode by opcode, never executes anything,
 * and runs a small symbolic stack machine next to it, so that it can name every import (GLOBAL,
 * STACK_GLOBAL, INST, EXT*) and the callee of every call (REDUCE, BUILD, INST, OBJ, NEWOBJ, NEWOBJ_EX,
 * and the container updates that call methods on non-builtin objects). The machine mirrors CPython's
 * C unpickler (Modules/_pickle.c): the same stack and mark ("fence") rules, the same memo, the same
 * errors at the same opcode. Where it is lenient (it does not parse the text of INT, LONG or FLOAT),
 * it reads on where CPython would stop, so its findings are a superset of what a load could reach.
 *
 * Bounded: every declared length is checked against the bytes that remain before anything is read,
 * memo indices against `maxMemo` (the memo is a dense Int32Array, never a sparse JS array), MARK
 * nesting against `maxMarks`, the stack against `maxStack` (runs of plain data cost one slot), the
 * opcode count against `maxOps`, and the findings against `maxFindings`. No recursion anywhere.
 */
import { fixImports } from "./compat.js";
import {
  DEFAULT_PICKLE_LIMITS,
  type PickleLimits,
  PickleScanError,
  type PickleScanErrorInit,
} from "./errors.js";
import { HIGHEST_PROTOCOL, OPCODE_BY_BYTE, type OpcodeInfo, type OpName } from "./opcodes.js";

/** How an import reached the stack. EXT* imports go through copyreg's extension registry. */
export type GlobalVia = "GLOBAL" | "STACK_GLOBAL" | "INST" | "EXT1" | "EXT2" | "EXT4";

/** One import: what `find_class(module, name)` would be asked for. */
export interface PickleGlobal {
  /** The module as written in the stream ("" when unresolved). */
  module: string;
  /** The attribute path as written ("" when unresolved). Protocol 4+ resolves dots in it. */
  name: string;
  /** `module.name` after CPython's Python 2 import fixes (protocols 0 to 2), or a description when unresolved. */
  qualified: string;
  /** Byte offset of the opcode. */
  offset: number;
  via: GlobalVia;
  /**
   * False when the scanner cannot tell what is imported: an EXT code (resolved through copyreg's
   * registry at load time), or STACK_GLOBAL on values that are not string literals.
   */
  resolved: boolean;
}

/** Opcodes that make the unpickler call something. */
export type CallOp =
  | "REDUCE"
  | "BUILD"
  | "INST"
  | "OBJ"
  | "NEWOBJ"
  | "NEWOBJ_EX"
  | "APPEND"
  | "APPENDS"
  | "SETITEM"
  | "SETITEMS"
  | "ADDITEMS"
  | "PERSID"
  | "BINPERSID";

/**
 * What a call acts on. `global`: an imported object itself (REDUCE calls it; BUILD or SETITEM would
 * set attributes or items on it). `instance`: an object made by an earlier call to `callee` (BUILD
 * calls its `__setstate__`, SETITEM its `__setitem__`). `data`: a plain value such as a str or a list,
 * which nothing can call (the load fails there). `unresolved`: anything else: the result of calling
 * something that is not an import, an object from `persistent_load`, an unresolved import.
 */
export type CallTarget = "global" | "instance" | "data" | "unresolved";

export interface PickleCall {
  op: CallOp;
  /** Byte offset of the opcode. */
  offset: number;
  /** Qualified name of the import called, or whose instance the call acts on; absent when unknown. */
  callee?: string;
  target: CallTarget;
  /** For targets other than `global`: where the value came from, as a phrase. */
  detail?: string;
}

/** One opcode of the disassembly. `arg` is a display form: long strings are cut, bytes are counted. */
export interface PickleOp {
  offset: number;
  name: OpName;
  arg?: string | number;
}

export interface Disassembly {
  /** Every opcode, in order (empty when `keepOps` is false). */
  ops: PickleOp[];
  /**
   * The leading PROTO opcode's argument; without one, the newest protocol among the opcodes used (0 to 5:
   * a PROTO further on is itself a protocol 2 opcode, and its argument is not taken).
   */
  protocol: number;
  /** True when the stream starts with PROTO. */
  declared: boolean;
  globals: PickleGlobal[];
  calls: PickleCall[];
  /** Offset of the stream's first byte. */
  start: number;
  /** Offset just past STOP (on an error, the offset of the opcode that failed). */
  end: number;
  /** Opcodes read. */
  opCount: number;
  /** Bytes after STOP. The unpickler ignores them; another `pickle.load` on the same file may not. */
  trailing: number;
  /**
   * What the imports and calls count against `maxFindings`: one each, and one more for every
   * LONG_NAME bytes of the name a finding carries (see `findingWeight`).
   */
  findingUnits: number;
}

export interface DisassembleOptions {
  /** Keep the opcode list (memory grows with the op count). Default true. */
  keepOps?: boolean;
  /**
   * Where the stream starts in `bytes`: an integer from 0 to `bytes.length` (else a RangeError, the
   * caller's mistake rather than the input's). Default 0. Offsets in the result are into `bytes`.
   */
  start?: number;
  limits?: Partial<PickleLimits>;
}

export interface PartialDisassembly {
  /** What was read; on an error, everything before the failing opcode. */
  disassembly: Disassembly;
  error?: PickleScanError;
}

// ---------------------------------------------------------------------------------------------
// Symbolic values

const K_DATA = 0;
const K_STR = 1;
const K_GLOBAL = 2;
const K_OBJ = 3;
const K_PERS = 4;

interface DataSym {
  readonly k: typeof K_DATA;
}
interface StrSym {
  readonly k: typeof K_STR;
  readonly s: string;
}
interface GlobalSym {
  readonly k: typeof K_GLOBAL;
  readonly g: PickleGlobal;
}
interface ObjSym {
  readonly k: typeof K_OBJ;
  /** The import whose call made this object, when the callee was one. */
  readonly origin: PickleGlobal | undefined;
  readonly op: CallOp;
  readonly offset: number;
}
interface PersSym {
  readonly k: typeof K_PERS;
  readonly offset: number;
}
type Sym = DataSym | StrSym | GlobalSym | ObjSym | PersSym;

/** Numbers, containers, bytes, and strings the scanner does not keep: one shared value. */
const DATA: DataSym = Object.freeze({ k: K_DATA });

/** Strings longer than this (in bytes) are not kept as possible module or attribute names. */
const NAME_CAP = 1024;
/** Display arguments are cut to this many characters. */
const PREVIEW = 200;

/** The unpickler's value stack, run-length encoded: a run of plain data costs one slot. */
class SymStack {
  private readonly vals: Sym[] = [];
  private readonly runs: number[] = [];
  size = 0;

  push(v: Sym): void {
    const n = this.vals.length;
    if (v === DATA && n > 0 && this.vals[n - 1] === DATA) this.runs[n - 1] = (this.runs[n - 1] as number) + 1;
    else {
      this.vals.push(v);
      this.runs.push(1);
    }
    this.size++;
  }

  /** The top value. The caller checks size >= 1. */
  top(): Sym {
    return this.vals[this.vals.length - 1] as Sym;
  }

  /** The k-th value from the top (1 is the top). The caller checks 1 <= k <= size. */
  peek(k: number): Sym {
    let left = k;
    // Bounded by the runs, so that a caller that forgot its check fails instead of spinning forever.
    for (let i = this.vals.length - 1; i >= 0; i--) {
      const r = this.runs[i] as number;
      if (left <= r) return this.vals[i] as Sym;
      left -= r;
    }
    throw new Error(`pickle scanner: peek(${k}) past a stack of ${this.size}`);
  }

  /** Drops values until `newSize` remain. */
  truncate(newSize: number): void {
    let drop = this.size - newSize;
    while (drop > 0) {
      const i = this.vals.length - 1;
      const r = this.runs[i] as number;
      if (r <= drop) {
        this.vals.pop();
        this.runs.pop();
        drop -= r;
      } else {
        this.runs[i] = r - drop;
        drop = 0;
      }
    }
    this.size = newSize;
  }
}

/**
 * The memo: a dense Int32Array of slot ids, grown by doubling up to `max` entries (4 bytes each), so
 * an index of 2^32-1 is refused, not allocated. Id 0 is unset, 1 is plain data, n >= 2 names
 * `refs[n - 2]`; ref slots are reused, so the refs stay bounded by the live entries.
 */
class Memo {
  private ids = new Int32Array(0);
  private readonly refs: Sym[] = [];
  private readonly free: number[] = [];
  /** Entries set: CPython's memo_len, where MEMOIZE stores. */
  count = 0;

  constructor(private readonly max: number) {}

  get(i: number): Sym | undefined {
    if (i >= this.ids.length) return undefined;
    const id = this.ids[i] as number;
    if (id === 0) return undefined;
    return id === 1 ? DATA : this.refs[id - 2];
  }

  /** False when `i` is at or past the limit. */
  set(i: number, v: Sym): boolean {
    if (i >= this.max) return false;
    if (i >= this.ids.length) {
      let len = Math.max(64, this.ids.length * 2);
      while (len <= i) len *= 2;
      const grown = new Int32Array(Math.min(len, this.max));
      grown.set(this.ids);
      this.ids = grown;
    }
    const old = this.ids[i] as number;
    if (old === 0) this.count++;
    if (v === DATA) {
      if (old >= 2) {
        this.refs[old - 2] = DATA;
        this.free.push(old - 2);
      }
      this.ids[i] = 1;
    } else if (old >= 2) {
      this.refs[old - 2] = v;
    } else {
      const slot = this.free.pop();
      if (slot !== undefined) {
        this.refs[slot] = v;
        this.ids[i] = slot + 2;
      } else {
        this.refs.push(v);
        this.ids[i] = this.refs.length + 1;
      }
    }
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Text helpers (no TextDecoder("latin1"): WHATWG maps that label to windows-1252)

const utf8 = new TextDecoder("utf-8");
/** Python's strict decoders, for the names pickle.py decodes (a bad byte fails before any import). */
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const strictAscii = {
  decode(bytes: Uint8Array): string {
    for (const b of bytes) if (b >= 0x80) throw new RangeError("not ASCII");
    return String.fromCharCode(...bytes);
  },
};

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let out = "";
  for (let i = start; i < end; i += 4096) {
    out += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 4096)));
  }
  return out;
}

/** UTF-8 text of a short string; plain ASCII (every module and attribute name) skips the decoder. */
function decodeName(bytes: Uint8Array, start: number, n: number): string {
  if (n <= 32) {
    let ascii = true;
    for (let i = start; i < start + n; i++) if ((bytes[i] as number) >= 0x80) ascii = false;
    if (ascii) return String.fromCharCode(...bytes.subarray(start, start + n));
  }
  return utf8.decode(bytes.subarray(start, start + n));
}

function cut(s: string): string {
  return s.length > PREVIEW ? `${s.slice(0, PREVIEW)}…` : s;
}

function hexByte(b: number): string {
  return `0x${b.toString(16).padStart(2, "0")}`;
}

const HEX = /^[0-9a-fA-F]+$/;

/** Python's bytes escape decoding (STRING's repr-style argument), as latin-1 text; undefined on a bad escape. */
function unescapeString(raw: string): string | undefined {
  if (!raw.includes("\\")) return raw;
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = raw[++i];
    if (e === undefined) return undefined;
    switch (e) {
      case "\n":
        break;
      case "\\":
      case "'":
      case '"':
        out += e;
        break;
      case "a":
        out += "\x07";
        break;
      case "b":
        out += "\b";
        break;
      case "f":
        out += "\f";
        break;
      case "n":
        out += "\n";
        break;
      case "r":
        out += "\r";
        break;
      case "t":
        out += "\t";
        break;
      case "v":
        out += "\v";
        break;
      case "x": {
        const h = raw.slice(i + 1, i + 3);
        if (h.length !== 2 || !HEX.test(h)) return undefined;
        out += String.fromCharCode(Number.parseInt(h, 16));
        i += 2;
        break;
      }
      default:
        if (e >= "0" && e <= "7") {
          let j = i;
          while (j < i + 3 && j < raw.length && (raw[j] as string) >= "0" && (raw[j] as string) <= "7") j++;
          out += String.fromCharCode(Number.parseInt(raw.slice(i, j), 8) & 0xff);
          i = j - 1;
        } else out += `\\${e}`;
    }
  }
  return out;
}

/** Python's raw-unicode-escape decoding (UNICODE's argument); undefined on a bad escape. */
function rawUnicodeEscape(raw: string): string | undefined {
  if (!raw.includes("\\")) return raw;
  let out = "";
  let i = 0;
  while (i < raw.length) {
    const c = raw[i] as string;
    // An odd run of backslashes before u/U starts an escape; an even run is literal.
    if (c === "\\" && (raw[i + 1] === "u" || raw[i + 1] === "U")) {
      const n = raw[i + 1] === "u" ? 4 : 8;
      const h = raw.slice(i + 2, i + 2 + n);
      if (h.length !== n || !HEX.test(h)) return undefined;
      const cp = Number.parseInt(h, 16);
      if (cp > 0x10ffff) return undefined;
      out += String.fromCodePoint(cp);
      i += 2 + n;
    } else if (c === "\\" && raw[i + 1] === "\\") {
      out += "\\\\";
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** C's isspace in the "C" locale: what PyLong_FromString skips around the digits. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/**
 * A GET or PUT memo index as CPython's C unpickler reads it: the whole line through PyLong_FromString
 * base 10 (whitespace around, a sign, digits with single underscores between them), as a C string, so
 * a NUL ends it. NaN where CPython refuses the text; past 2^53 (no memo is that large) ±Infinity. One
 * pass over the bytes and no string, however long the line: zeros and spaces cost no memory.
 */
function parseIndex(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && isSpace(bytes[i] as number)) i++;
  const neg = i < end && bytes[i] === 0x2d;
  if (neg || (i < end && bytes[i] === 0x2b)) i++;
  let v = 0;
  let digits = 0;
  let underscore = false;
  for (; i < end; i++) {
    const c = bytes[i] as number;
    if (c >= 0x30 && c <= 0x39) {
      v = v * 10 + (c - 0x30);
      if (v > Number.MAX_SAFE_INTEGER) v = Number.POSITIVE_INFINITY;
      digits++;
      underscore = false;
    } else if (c === 0x5f && digits > 0 && !underscore) underscore = true;
    else break;
  }
  while (i < end && isSpace(bytes[i] as number)) i++;
  // Neither a space nor a digit, a NUL stops both loops: the text ends there.
  if (digits === 0 || underscore || (i < end && bytes[i] !== 0)) return Number.NaN;
  return neg && v !== 0 ? -v : v;
}

/** A little-endian two's-complement integer (LONG1, LONG4) as decimal text, for display. */
function longText(bytes: Uint8Array, start: number, n: number): string {
  if (n === 0) return "0";
  if (n > 64) return `<${n}-byte int>`;
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[start + i] as number);
  if (((bytes[start + n - 1] as number) & 0x80) !== 0) v -= 1n << BigInt(8 * n);
  return v.toString();
}

// ---------------------------------------------------------------------------------------------

/**
 * A name this long or longer makes a finding count twice against maxFindings, twice as long three
 * times, and so on. Real module and attribute paths are far shorter; names of up to NAME_CAP bytes,
 * which the memo can repeat in every finding for a few bytes each, would otherwise let a 1 MB pickle
 * make a report of gigabytes (each finding holds its name in `module`, `name` and `qualified`, or in
 * `callee`), more than a JSON string can hold. With the weight, a report holds at most about
 * maxFindings × LONG_NAME bytes of names.
 */
const LONG_NAME = 256;

/** A module name as Python spells one: identifiers joined by dots (linear: `.` is no identifier character). */
const PY_MODULE = /^[\p{ID_Start}_]\p{ID_Continue}*(?:\.[\p{ID_Start}_]\p{ID_Continue}*)*$/u;

function findingWeight(nameLength: number): number {
  return 1 + Math.floor(nameLength / LONG_NAME);
}

function fail(init: Omit<PickleScanErrorInit, "source">): never {
  throw new PickleScanError({ ...init, source: "pickle" });
}

/**
 * Disassembles one pickle stream, from `opts.start` to its STOP. Throws PickleScanError (and nothing
 * else) on malformed or oversized input. Never executes, imports or evaluates anything.
 */
export function disassemble(bytes: Uint8Array, opts: DisassembleOptions = {}): Disassembly {
  const r = disassemblePartial(bytes, opts);
  if (r.error) throw r.error;
  return r.disassembly;
}

/** `disassemble` that returns what it read before an error together with the error, instead of throwing. */
export function disassemblePartial(bytes: Uint8Array, opts: DisassembleOptions = {}): PartialDisassembly {
  const start = opts.start ?? 0;
  if (!Number.isSafeInteger(start) || start < 0 || start > bytes.length) {
    throw new RangeError(
      `disassemble: start must be an integer from 0 to ${bytes.length}, got ${String(start)}`,
    );
  }
  const m = new Machine(bytes, opts);
  try {
    m.run();
  } catch (err) {
    if (err instanceof PickleScanError) return { disassembly: m.result(), error: err };
    throw err;
  }
  return { disassembly: m.result() };
}

/**
 * The symbolic unpickler. The hot loop (`run`) and the common opcodes stay small so that V8 optimises
 * them early; everything that allocates or reports lives in its own method.
 */
class Machine {
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly end: number;
  private readonly start: number;
  private readonly limits: PickleLimits;
  private readonly keepOps: boolean;
  private readonly ops: PickleOp[] = [];
  private readonly globals: PickleGlobal[] = [];
  private readonly calls: PickleCall[] = [];
  private readonly stack = new SymStack();
  private readonly marks: number[] = [];
  private readonly memo: Memo;
  /** qualify's strings, below protocol 3 and from 3 on, by module then name. */
  private readonly qualifiedOld = new Map<string, Map<string, string>>();
  private readonly qualifiedNew = new Map<string, Map<string, string>>();

  private pos: number;
  /** Offset of the opcode being read. */
  private at: number;
  /** Its byte. */
  private op = 0x2e;
  private arg: string | number | undefined = undefined;
  private proto = 0;
  private declared = false;
  private declaredProto = 0;
  private maxOpProto = 0;
  private opCount = 0;
  /** Findings so far, as counted against maxFindings. */
  private units = 0;
  private stopped = false;

  constructor(bytes: Uint8Array, opts: DisassembleOptions) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.end = bytes.length;
    this.start = opts.start ?? 0;
    this.pos = this.start;
    this.at = this.start;
    this.limits = { ...DEFAULT_PICKLE_LIMITS, ...opts.limits };
    this.keepOps = opts.keepOps !== false;
    this.memo = new Memo(this.limits.maxMemo);
  }

  result(): Disassembly {
    return {
      ops: this.ops,
      protocol: this.declared ? this.declaredProto : this.maxOpProto,
      declared: this.declared,
      globals: this.globals,
      calls: this.calls,
      start: this.start,
      end: this.stopped ? this.pos : this.at,
      opCount: this.opCount,
      trailing: this.stopped ? this.end - this.pos : 0,
      findingUnits: this.units,
    };
  }

  /** The current opcode's name, for messages. */
  private get name(): OpName {
    return (OPCODE_BY_BYTE[this.op] as OpcodeInfo).name;
  }

  run(): void {
    const bytes = this.bytes;
    const end = this.end;
    const maxOps = this.limits.maxOps;
    const keepOps = this.keepOps;
    while (!this.stopped) {
      const at = this.pos;
      this.at = at;
      if (at >= end) this.truncatedBeforeStop();
      const b = bytes[at] as number;
      this.pos = at + 1;
      this.op = b;
      const info = OPCODE_BY_BYTE[b];
      if (info === undefined) this.unknownOpcode(b);
      if (this.opCount >= maxOps) this.tooManyOps();
      this.opCount++;
      if (info.proto > this.maxOpProto) this.maxOpProto = info.proto;
      // The opcodes a flood is made of, inline; the rest in `step`.
      if (b === 0x94) {
        // MEMOIZE: the top of the stack into the next memo slot.
        const stack = this.stack;
        const marks = this.marks;
        const fence = marks.length > 0 ? (marks[marks.length - 1] as number) : 0;
        if (stack.size <= fence) this.underflow("a value on the stack");
        const idx = this.memo.count;
        if (keepOps) this.arg = idx;
        if (!this.memo.set(idx, stack.top())) this.memoFull(idx);
      } else if (b === 0x4e) {
        // NONE
        if (this.stack.size >= this.limits.maxStack) this.stackFull();
        this.stack.push(DATA);
      } else this.step(b);
      if (keepOps) this.record(info);
    }
  }

  private record(info: OpcodeInfo): void {
    const o: PickleOp = { offset: this.at, name: info.name };
    if (this.arg !== undefined) o.arg = this.arg;
    this.arg = undefined;
    this.ops.push(o);
  }

  // --- failures --------------------------------------------------------------------------------------

  private truncatedBeforeStop(): never {
    this.op = 0x2e;
    return fail({
      code: "malformed",
      message: "the pickle is truncated: it ends before STOP",
      offset: this.at,
      eof: true,
    });
  }

  private unknownOpcode(b: number): never {
    return fail({ code: "malformed", message: `${hexByte(b)} is not a pickle opcode`, offset: this.at });
  }

  private tooManyOps(): never {
    const max = this.limits.maxOps;
    return fail({
      code: "limit_exceeded",
      message: `the pickle has more than ${max} opcodes (limit maxOps)`,
      offset: this.at,
      limit: "maxOps",
    });
  }

  private truncated(n: number, what: string, declares: boolean): never {
    const verb = declares ? "declares" : "needs";
    return fail({
      code: "malformed",
      message: `the pickle is truncated: ${this.name} ${verb} ${n} bytes of ${what}, ${this.end - this.pos} remain`,
      offset: this.at,
      eof: true,
    });
  }

  private malformed(message: string): never {
    return fail({ code: "malformed", message, offset: this.at });
  }

  private underflow(what: string): never {
    return this.malformed(`stack underflow: ${this.name} needs ${what}`);
  }

  // --- reading -----------------------------------------------------------------------------------------

  private need(n: number): void {
    if (n > this.end - this.pos) this.truncated(n, "argument", false);
  }
  private u8(): number {
    this.need(1);
    return this.bytes[this.pos++] as number;
  }
  private u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }
  private i32(): number {
    this.need(4);
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }
  private u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  /** An 8-byte length, checked against the bytes that remain before it becomes a number. */
  private len8(what: string): number {
    this.need(8);
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    if (v > BigInt(this.end - this.pos)) {
      fail({
        code: "malformed",
        message: `the pickle is truncated: ${this.name} declares ${v} bytes of ${what}, ${this.end - this.pos} remain`,
        offset: this.at,
        eof: true,
      });
    }
    return Number(v);
  }
  /**
   * FRAME's 8-byte length, not checked: CPython's C unpickler refuses a frame that runs past the end,
   * but pickle.py (joblib's loader) reads on in the short frame, so the scanner reads on too.
   */
  private frameLength(): number | string {
    this.need(8);
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  }
  /** Skips `n` counted bytes (checked first); returns where they start. */
  private counted(n: number, what: string): number {
    if (n > this.end - this.pos) this.truncated(n, what, true);
    const s = this.pos;
    this.pos += n;
    return s;
  }
  /** The position of the next newline, or a truncation error. */
  private newline(): number {
    const nl = this.bytes.indexOf(0x0a, this.pos);
    if (nl < 0) {
      fail({
        code: "malformed",
        message: `the pickle is truncated: ${this.name}'s argument has no terminating newline`,
        offset: this.at,
        eof: true,
      });
    }
    return nl;
  }
  /** One newline-terminated line, without the newline, as latin-1 text (cut to `cap` bytes). */
  private line(cap: number): { text: string; len: number; last: number } {
    const nl = this.newline();
    const len = nl - this.pos;
    const text = latin1(this.bytes, this.pos, this.pos + Math.min(len, cap));
    const last = len > 0 ? (this.bytes[nl - 1] as number) : -1;
    this.pos = nl + 1;
    return { text, len, last };
  }
  /** A GLOBAL or INST name line, as UTF-8; CPython refuses an empty one. */
  private nameLine(): string {
    const nl = this.newline();
    const len = nl - this.pos;
    if (len === 0) this.malformed(`${this.name} has an empty module or attribute name`);
    const text =
      len > NAME_CAP
        ? `${utf8.decode(this.bytes.subarray(this.pos, this.pos + NAME_CAP))}…`
        : utf8.decode(this.bytes.subarray(this.pos, nl));
    this.pos = nl + 1;
    return text;
  }

  /** GLOBAL's or INST's two lines; where they fail, the import pickle.py still makes is recorded first. */
  private importLines(via: "GLOBAL" | "INST"): [module: string, attr: string] {
    const from = this.pos;
    try {
      return [this.nameLine(), this.nameLine()];
    } catch (err) {
      this.lenientImport(from, via);
      throw err;
    }
  }

  /**
   * The import pickle.py (`pickle._Unpickler`, joblib's loader) makes for a GLOBAL or INST whose
   * arguments CPython's C unpickler refuses, recorded before the scan fails there. pickle.py reads each
   * line as `readline()[:-1]`: an empty line is an empty name, and a line cut by the end of the input
   * loses its last byte; it decodes the lines (GLOBAL as UTF-8, INST as ASCII) and calls find_class,
   * which imports the module, before it checks the name, and for INST before it looks for the MARK.
   * Nothing is recorded where pickle.py fails first (text that does not decode), or where the module
   * cannot be one Python imports: `__import__` refuses an empty name, and finds a name that is not dotted
   * identifiers (`mport os`, `lass Foo:`, `ntigravity\r`) only as a file of that very name. So text files
   * (a Python source starting `import` or `class`, a CSV) are still no pickle.
   */
  private lenientImport(from: number, via: "GLOBAL" | "INST"): void {
    const decoder = via === "GLOBAL" ? strictUtf8 : strictAscii;
    let p = from;
    const line = (): string | undefined => {
      const nl = this.bytes.indexOf(0x0a, p);
      const start = p;
      const stop = nl < 0 ? Math.max(p, this.end - 1) : nl;
      p = nl < 0 ? this.end : nl + 1;
      // A long line is kept cut, as nameLine keeps it (its rest is not checked: the cut may split a character).
      if (stop - start > NAME_CAP) return `${utf8.decode(this.bytes.subarray(start, start + NAME_CAP))}…`;
      try {
        return decoder.decode(this.bytes.subarray(start, stop));
      } catch {
        return undefined;
      }
    };
    const module = line();
    const attr = line();
    if (module === undefined || !PY_MODULE.test(module) || attr === undefined) return;
    this.addGlobal(module, attr, via, true);
  }

  // --- the stack -----------------------------------------------------------------------------------------

  private fence(): number {
    const n = this.marks.length;
    return n > 0 ? (this.marks[n - 1] as number) : 0;
  }
  private requireItems(n: number): void {
    if (this.stack.size - this.fence() < n) {
      this.underflow(n === 1 ? "a value on the stack" : `${n} values on the stack`);
    }
  }
  private push(v: Sym): void {
    if (this.stack.size >= this.limits.maxStack) this.stackFull();
    this.stack.push(v);
  }
  private stackFull(): never {
    const max = this.limits.maxStack;
    return fail({
      code: "limit_exceeded",
      message: `the stack holds more than ${max} values (limit maxStack)`,
      offset: this.at,
      limit: "maxStack",
    });
  }
  private drop(n: number): void {
    this.stack.truncate(this.stack.size - n);
  }
  private popMark(): number {
    const m = this.marks.pop();
    if (m === undefined) return this.malformed(`${this.name} needs a MARK, and none is open`);
    return m;
  }
  private mark(): void {
    if (this.marks.length >= this.limits.maxMarks) {
      const max = this.limits.maxMarks;
      fail({
        code: "limit_exceeded",
        message: `MARKs nest more than ${max} deep (limit maxMarks)`,
        offset: this.at,
        limit: "maxMarks",
      });
    }
    this.marks.push(this.stack.size);
  }

  // --- memo --------------------------------------------------------------------------------------------------

  private memoPut(idx: number): void {
    this.arg = idx;
    this.requireItems(1);
    if (!this.memo.set(idx, this.stack.top())) this.memoFull(idx);
  }
  private memoFull(idx: number): never {
    const max = this.limits.maxMemo;
    return fail({
      code: "limit_exceeded",
      message: `memo index ${idx} is past the limit of ${max} entries (limit maxMemo)`,
      offset: this.at,
      limit: "maxMemo",
    });
  }
  private memoGet(idx: number): void {
    const v = Number.isSafeInteger(idx) && idx >= 0 ? this.memo.get(idx) : undefined;
    if (v === undefined) {
      const key = Number.isFinite(idx) ? `memo key ${idx}` : "a memo key past 2^53";
      this.malformed(`${this.name} of ${key}, which was never set`);
    }
    this.push(v);
  }

  // --- findings ------------------------------------------------------------------------------------------

  /**
   * Counts one finding carrying a name `nameLength` long against maxFindings (see `findingWeight`),
   * or fails on the limit.
   */
  private finding(nameLength = 0): void {
    const units = this.units + findingWeight(nameLength);
    if (units > this.limits.maxFindings) {
      const max = this.limits.maxFindings;
      fail({
        code: "limit_exceeded",
        message: `the pickle makes more than ${max} imports and calls (limit maxFindings)`,
        offset: this.at,
        limit: "maxFindings",
      });
    }
    this.units = units;
  }

  /**
   * `module.name` after the import fixes, one string per module, name and side of protocol 3: names the
   * memo repeats (STACK_GLOBAL on the same two strings, thousands of times) share it, so every later
   * use of it (the rating, a report) pays for its length once, not once per import.
   */
  private qualify(module: string, attr: string): string {
    const cache = this.proto < 3 ? this.qualifiedOld : this.qualifiedNew;
    let byName = cache.get(module);
    if (byName === undefined) {
      byName = new Map();
      cache.set(module, byName);
    }
    let q = byName.get(attr);
    if (q === undefined) {
      const [m, n] = fixImports(module, attr, this.proto);
      q = `${m}.${n}`;
      byName.set(attr, q);
    }
    return q;
  }

  private addGlobal(
    module: string,
    attr: string,
    via: GlobalVia,
    resolved: boolean,
    what?: string,
  ): GlobalSym {
    const qualified = resolved ? this.qualify(module, attr) : (what ?? "<unresolved>");
    this.finding(qualified.length);
    const g: PickleGlobal = { module, name: attr, qualified, offset: this.at, via, resolved };
    this.globals.push(g);
    return { k: K_GLOBAL, g };
  }

  /** Records a call on `target`; returns the value the call leaves (for REDUCE and friends). */
  private call(op: CallOp, target: Sym): ObjSym {
    const d = describe(target);
    this.finding(d.callee?.length ?? 0);
    const c: PickleCall = { op, offset: this.at, target: d.target };
    if (d.callee !== undefined) c.callee = d.callee;
    if (d.detail !== undefined) c.detail = d.detail;
    this.calls.push(c);
    const origin = target.k === K_GLOBAL && target.g.resolved ? target.g : undefined;
    return { k: K_OBJ, origin, op, offset: this.at };
  }

  /** A method call on a container (APPEND, SETITEM, BUILD, …): plain lists, dicts and sets make none. */
  private update(op: CallOp, target: Sym): void {
    if (target.k !== K_DATA && target.k !== K_STR) this.call(op, target);
  }

  /** A string push: kept as a possible name when short, else plain data. */
  private str(s: string | undefined): void {
    this.push(s === undefined ? DATA : { k: K_STR, s });
  }

  // --- one opcode ------------------------------------------------------------------------------------------

  private step(b: number): void {
    switch (b) {
      // Constants and small ints: the hot path.
      case 0x4e: // NONE
      case 0x88: // NEWTRUE
      case 0x89: // NEWFALSE
      case 0x5d: // EMPTY_LIST
      case 0x29: // EMPTY_TUPLE
      case 0x7d: // EMPTY_DICT
      case 0x8f: // EMPTY_SET
      case 0x97: // NEXT_BUFFER
        this.push(DATA);
        return;
      case 0x4b: // BININT1
        this.arg = this.u8();
        this.push(DATA);
        return;
      case 0x4d: // BININT2
        this.arg = this.u16();
        this.push(DATA);
        return;
      case 0x4a: // BININT
        this.arg = this.i32();
        this.push(DATA);
        return;
      case 0x71: // BINPUT
      case 0x72: {
        // LONG_BINPUT
        this.memoPut(b === 0x71 ? this.u8() : this.u32());
        return;
      }
      case 0x68: // BINGET
      case 0x6a: {
        // LONG_BINGET
        const idx = b === 0x68 ? this.u8() : this.u32();
        this.arg = idx;
        this.memoGet(idx);
        return;
      }
      case 0x28: // MARK
        this.mark();
        return;
      case 0x30: // POP
        // As in CPython: an empty frame on top of a MARK pops the MARK.
        if (this.marks.length > 0 && this.marks[this.marks.length - 1] === this.stack.size) this.marks.pop();
        else {
          this.requireItems(1);
          this.drop(1);
        }
        return;
      case 0x31: // POP_MARK
        this.stack.truncate(this.popMark());
        return;
      case 0x32: // DUP
        this.requireItems(1);
        this.push(this.stack.peek(1));
        return;
      case 0x85: // TUPLE1
      case 0x86: // TUPLE2
      case 0x87: {
        // TUPLE3
        const n = b - 0x84;
        this.requireItems(n);
        this.drop(n);
        this.push(DATA);
        return;
      }
      case 0x6c: // LIST
      case 0x74: // TUPLE
      case 0x91: // FROZENSET
      case 0x64: // DICT
        this.collect(b);
        return;
      case 0x61: // APPEND
        this.requireItems(2);
        this.update("APPEND", this.stack.peek(2));
        this.drop(1);
        return;
      case 0x73: // SETITEM
        this.requireItems(3);
        this.update("SETITEM", this.stack.peek(3));
        this.drop(2);
        return;
      case 0x65: // APPENDS
        this.extend("APPENDS");
        return;
      case 0x75: // SETITEMS
        this.extend("SETITEMS");
        return;
      case 0x90: // ADDITEMS
        this.extend("ADDITEMS");
        return;
      case 0x98: // READONLY_BUFFER
        this.requireItems(1);
        this.drop(1);
        this.push(DATA);
        return;
      case 0x95: // FRAME
        this.arg = this.frameLength();
        return;
      case 0x2e: // STOP
        this.requireItems(1);
        this.stopped = true;
        return;
      case 0x80: // PROTO
        this.protocol();
        return;
      default:
        this.rare(b);
    }
  }

  /** LIST, TUPLE, FROZENSET, DICT: the values after the last MARK become one. */
  private collect(b: number): void {
    const m = this.popMark();
    if (b === 0x64 && (this.stack.size - m) % 2 !== 0) this.malformed("odd number of items for DICT");
    this.stack.truncate(m);
    this.push(DATA);
  }

  /** APPENDS, SETITEMS, ADDITEMS: the values after the MARK go into the container below it. */
  private extend(op: "APPENDS" | "SETITEMS" | "ADDITEMS"): void {
    const m = this.popMark();
    if (m <= this.fence()) this.underflow("a container below its MARK");
    const n = this.stack.size - m;
    if (n > 0) {
      if (op === "SETITEMS" && n % 2 !== 0) this.malformed("odd number of items for SETITEMS");
      this.update(op, this.stack.peek(n + 1));
    }
    this.stack.truncate(m);
  }

  private protocol(): void {
    const v = this.u8();
    this.arg = v;
    if (v > HIGHEST_PROTOCOL) this.malformed(`unsupported pickle protocol: ${v}`);
    this.proto = v;
    if (this.at === this.start) {
      this.declared = true;
      this.declaredProto = v;
    }
  }

  /** Everything else: strings, long integers, floats, imports, calls, persistent ids. */
  private rare(b: number): void {
    switch (b) {
      case 0x49: // INT
      case 0x4c: // LONG
      case 0x46: // FLOAT
        // CPython parses these leniently (int() and float() rules); the scanner does not need the value.
        this.arg = this.line(PREVIEW).text;
        this.push(DATA);
        return;
      case 0x8a: // LONG1
      case 0x8b: {
        // LONG4
        const n = b === 0x8a ? this.u8() : this.i32();
        if (n < 0) this.malformed(`${this.name} has a negative byte count (${n})`);
        const s = this.counted(n, "integer");
        if (this.keepOps) this.arg = longText(this.bytes, s, n);
        this.push(DATA);
        return;
      }
      case 0x47: {
        // BINFLOAT
        this.need(8);
        const f = this.view.getFloat64(this.pos, false);
        this.pos += 8;
        this.arg = Number.isFinite(f) ? f : String(f);
        this.push(DATA);
        return;
      }
      case 0x53: // STRING
        this.stringOp();
        return;
      case 0x56: {
        // UNICODE
        const l = this.line(NAME_CAP);
        const s = l.len <= NAME_CAP ? rawUnicodeEscape(l.text) : undefined;
        this.arg = cut(s ?? l.text);
        this.str(s);
        return;
      }
      case 0x55: // SHORT_BINSTRING
      case 0x54: {
        // BINSTRING
        const n = b === 0x55 ? this.u8() : this.i32();
        if (n < 0) this.malformed(`BINSTRING has a negative length (${n})`);
        const s = this.counted(n, "string");
        const text = latin1(this.bytes, s, s + Math.min(n, NAME_CAP));
        this.arg = cut(text);
        this.str(n <= NAME_CAP ? text : undefined);
        return;
      }
      case 0x8c: // SHORT_BINUNICODE
      case 0x58: // BINUNICODE
      case 0x8d: {
        // BINUNICODE8
        const n = b === 0x8c ? this.u8() : b === 0x58 ? this.u32() : this.len8("UTF-8 text");
        const s = this.counted(n, "UTF-8 text");
        if (n <= NAME_CAP) {
          const text = decodeName(this.bytes, s, n);
          this.arg = cut(text);
          this.str(text);
        } else {
          if (this.keepOps) {
            this.arg = `${utf8.decode(this.bytes.subarray(s, s + Math.min(n, PREVIEW * 4))).slice(0, PREVIEW)}…`;
          }
          this.push(DATA);
        }
        return;
      }
      case 0x43: // SHORT_BINBYTES
      case 0x42: // BINBYTES
      case 0x8e: // BINBYTES8
      case 0x96: {
        // BYTEARRAY8
        const n =
          b === 0x43 ? this.u8() : b === 0x42 ? this.u32() : this.len8(b === 0x96 ? "bytearray" : "bytes");
        this.counted(n, "bytes");
        this.arg = `<${n} bytes>`;
        this.push(DATA);
        return;
      }
      case 0x67: // GET
      case 0x70: {
        // PUT
        const s = this.pos;
        const l = this.line(PREVIEW);
        const idx = parseIndex(this.bytes, s, s + l.len);
        this.arg = l.text;
        if (Number.isNaN(idx)) this.malformed(`${this.name} needs a decimal memo index`);
        if (b === 0x67) this.memoGet(idx);
        else {
          if (idx < 0) this.malformed("negative PUT argument");
          this.memoPut(idx);
        }
        return;
      }
      case 0x63: {
        // GLOBAL
        const [module, attr] = this.importLines("GLOBAL");
        this.arg = cut(`${module} ${attr}`);
        this.push(this.addGlobal(module, attr, "GLOBAL", true));
        return;
      }
      case 0x93: {
        // STACK_GLOBAL
        this.requireItems(2);
        const attr = this.stack.peek(1);
        const module = this.stack.peek(2);
        this.drop(2);
        if (module.k === K_STR && attr.k === K_STR) {
          this.push(this.addGlobal(module.s, attr.s, "STACK_GLOBAL", true));
        } else {
          this.push(
            this.addGlobal(
              "",
              "",
              "STACK_GLOBAL",
              false,
              "<STACK_GLOBAL on values that are not string literals>",
            ),
          );
        }
        return;
      }
      case 0x82: // EXT1
      case 0x83: // EXT2
      case 0x84: {
        // EXT4
        const code = b === 0x82 ? this.u8() : b === 0x83 ? this.u16() : this.i32();
        this.arg = code;
        if (code <= 0) this.malformed(`${this.name} specifies code <= 0`);
        const via: GlobalVia = b === 0x82 ? "EXT1" : b === 0x83 ? "EXT2" : "EXT4";
        this.push(this.addGlobal("", "", via, false, `<copyreg extension code ${code}>`));
        return;
      }
      case 0x52: // REDUCE
      case 0x81: // NEWOBJ
      case 0x92: {
        // NEWOBJ_EX
        const n = b === 0x92 ? 3 : 2;
        this.requireItems(n);
        const callee = this.stack.peek(n);
        this.drop(n);
        this.push(this.call(b === 0x52 ? "REDUCE" : b === 0x81 ? "NEWOBJ" : "NEWOBJ_EX", callee));
        return;
      }
      case 0x62: // BUILD
        this.requireItems(2);
        this.update("BUILD", this.stack.peek(2));
        this.drop(1);
        return;
      case 0x69: {
        // INST: CPython finds the MARK first, then reads the two lines, then imports; pickle.py reads
        // the lines and imports first, and only then looks for the MARK.
        if (this.marks.length === 0) this.lenientImport(this.pos, "INST");
        const m = this.popMark();
        const [module, attr] = this.importLines("INST");
        this.arg = cut(`${module} ${attr}`);
        const g = this.addGlobal(module, attr, "INST", true);
        this.stack.truncate(m);
        this.push(this.call("INST", g));
        return;
      }
      case 0x6f: {
        // OBJ
        const m = this.popMark();
        const n = this.stack.size - m;
        if (n < 1) this.underflow("a class after its MARK");
        const cls = this.stack.peek(n);
        this.stack.truncate(m);
        this.push(this.call("OBJ", cls));
        return;
      }
      case 0x50: // PERSID
      case 0x51: // BINPERSID
        if (b === 0x50) this.arg = this.line(PREVIEW).text;
        else {
          this.requireItems(1);
          this.drop(1);
        }
        this.finding();
        this.calls.push({
          op: b === 0x50 ? "PERSID" : "BINPERSID",
          offset: this.at,
          target: "unresolved",
          detail: "the unpickler's persistent_load",
        });
        this.push({ k: K_PERS, offset: this.at });
        return;
    }
  }

  private stringOp(): void {
    const l = this.line(NAME_CAP + 2);
    const t = l.text;
    const q = t[0];
    if (l.len < 2 || (q !== "'" && q !== '"') || l.last !== q.charCodeAt(0)) {
      this.malformed("the STRING opcode argument must be quoted");
    }
    const s = l.len <= NAME_CAP + 2 ? unescapeString(t.slice(1, -1)) : undefined;
    this.arg = cut(s ?? t);
    this.str(s);
  }
}

function describe(v: Sym): Pick<PickleCall, "callee" | "target" | "detail"> {
  switch (v.k) {
    case K_GLOBAL:
      return v.g.resolved
        ? { callee: v.g.qualified, target: "global" }
        : { target: "unresolved", detail: `an unresolved import (${v.g.via} at byte ${v.g.offset})` };
    case K_OBJ:
      return v.origin !== undefined
        ? {
            callee: v.origin.qualified,
            target: "instance",
            detail: `the result of ${v.op} at byte ${v.offset}`,
          }
        : { target: "unresolved", detail: `the result of ${v.op} at byte ${v.offset}` };
    case K_PERS:
      return { target: "unresolved", detail: `an object from persistent_load (byte ${v.offset})` };
    default:
      return { target: "data", detail: "a plain data value" };
  }
}
