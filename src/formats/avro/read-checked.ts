import { isForbiddenKey } from "../../keys.js";
import type { Limits } from "../../limits.js";
import { readValidText } from "../../text.js";
import { blockSize, index, length, Scan, scanBoolean, skip, varcount, varint } from "./prescan.js";
import { binary, readDouble, readFloat, readInt, readLong, recordTemplate } from "./read.js";
import type { Node } from "./tree.js";
import * as K from "./tree.js";

/*
 * The checked read: bytes that were not prescanned to the values compileDecoder (read.ts) makes, checking
 * as it goes everything compilePrescan (prescan.ts) checks, with the prescan's own helpers, in the same
 * order. Where the bytes break any of it, it gives up: no message and no path (the prescan, run next,
 * words the error). It allocates as it reads, at most in proportion to the input (every element takes a
 * byte, but for those of zero-byte types, which it takes only up to one per byte of input), so the codec
 * uses it only for small inputs. `level` is the prescan's: 1 at the top; each record, array and map adds
 * one for what it holds.
 */

/**
 * The deepest level the checked read walks, whatever maxDepth allows: past it, it gives up and the prescan
 * decides. Both walks recurse at most twice per level (a union's branch, then the record), the prescan on
 * bigger frames (a try/catch per record), so with maxDepth set above what the stack holds, a read that
 * went deeper could decode bytes the prescan-first decode refuses as "nesting ran out of stack". On
 * Node's default stack (about 984 KB) the prescan walked about 3,000 levels of records in unions, and
 * 4,400 of records in arrays or maps, before running out: the bound is under a fifth of either, which
 * leaves room for a deep caller's frames. Past it both decodes run the same walks (prescan, then read).
 */
export const CHECKED_READ_LEVELS = 512;

/** Thrown where the prescan would fail but has no helper to share; caught (as is everything) at the top. */
const GIVE_UP = new Error("safewire: avro checked read gave up");

type ReadFn = (s: Scan, level: number) => unknown;

/** A compiled checked decoder: the value, or undefined where the prescan would refuse the bytes. */
export type CheckedDecoder = (bytes: Uint8Array, limits: Readonly<Limits>) => unknown;

export function compileCheckedDecoder(root: Node): CheckedDecoder {
  const readRoot = reader(root, new Map());
  return (bytes, limits) => {
    const s = new Scan(bytes, limits, Math.min(limits.maxDepth, CHECKED_READ_LEVELS));
    try {
      const value = readRoot(s, 1);
      return s.pos === s.end ? value : undefined;
    } catch {
      // The prescan's WalkFailure, GIVE_UP, or anything else (a stack overflow): the prescan decides.
      return undefined;
    }
  };
}

function reader(n: Node, memo: Map<Node, ReadFn>): ReadFn {
  return K.compiledWalk(n, memo, (m) => build(m, memo));
}

function build(n: Node, memo: Map<Node, ReadFn>): ReadFn {
  switch (n.kind) {
    case K.NULL:
      return () => null;
    case K.BOOLEAN:
      return (s) => {
        scanBoolean(s);
        return s.buf[s.pos - 1] === 1;
      };
    case K.INT:
      return (s) => {
        const at = s.pos;
        varint(s, 5, 0x0f, "int");
        s.pos = at;
        return readInt(s);
      };
    case K.LONG:
      return (s) => {
        const at = s.pos;
        varint(s, 10, 0x01, "long");
        s.pos = at;
        return readLong(s);
      };
    case K.FLOAT:
      return (s) => {
        skip(s, 4, "float");
        s.pos -= 4;
        return readFloat(s);
      };
    case K.DOUBLE:
      return (s) => {
        skip(s, 8, "double");
        s.pos -= 8;
        return readDouble(s);
      };
    case K.BYTES:
      return (s) => binary(s, length(s, "bytes", "bytes length", "maxBinaryBytes", s.maxBinary));
    case K.STRING:
      return readString;
    case K.FIXED: {
      const size = n.size;
      return (s) => {
        if (size > s.maxBinary) throw GIVE_UP;
        skip(s, size, "fixed");
        s.pos -= size;
        return binary(s, size);
      };
    }
    case K.ENUM: {
      const symbols = n.symbols;
      return (s) => symbols[index(s, symbols.length, "enum index")];
    }
    case K.UNION: {
      const branches = n.branches.map((b) => reader(b, memo));
      return (s, level) => (branches[index(s, branches.length, "union branch index")] as ReadFn)(s, level);
    }
    case K.ARRAY:
      return arrayReader(n.items as Node, reader(n.items as Node, memo));
    case K.MAP:
      return mapReader(n.items as Node, reader(n.items as Node, memo));
    case K.RECORD:
      return recordReader(n, memo);
  }
}

function readString(s: Scan): string {
  const len = length(s, "string", "string length", "maxStringBytes", s.maxString);
  const text = readValidText(s.buf, s.pos, len);
  if (text === undefined) throw GIVE_UP;
  s.pos += len;
  return text;
}

function recordReader(n: Node, memo: Map<Node, ReadFn>): ReadFn {
  // The records read.ts makes: its template and clone site for this type.
  const { names, template, clone } = recordTemplate(n);
  const reads = n.fields.map((f) => reader(f.node, memo));
  const count = names.length;
  return (s, level) => {
    if (level > s.maxDepth) throw GIVE_UP;
    const out = clone(template);
    for (let i = 0; i < count; i++) out[names[i] as string] = (reads[i] as ReadFn)(s, level + 1);
    return out;
  };
}

/** A block's count, and (negative counts) its byte size into `blockBytes`, -1 when it has none. */
let blockBytes = -1;
function blockCount(s: Scan, what: "array" | "map", countWhat: string): number {
  const count = varcount(s, countWhat);
  blockBytes = -1;
  if (count >= 0) return count;
  blockBytes = blockSize(s, what);
  return -count;
}

function arrayReader(item: Node, readItem: ReadFn): ReadFn {
  return (s, level) => {
    if (level > s.maxDepth) throw GIVE_UP;
    const out: unknown[] = [];
    let total = 0;
    for (;;) {
      let count = blockCount(s, "array", "array block count");
      if (count === 0) return out;
      const size = blockBytes;
      total += count;
      if (item.zero) {
        // The prescan's bounds on elements that take no bytes (see arrayScanner), and one of its own: no
        // more of them than the input has bytes. The limits alone let five bytes declare 2^20 nulls; those
        // go to the prescan, which refuses them, when over a limit, before the reader makes any.
        if (size > 0 || total > s.maxArray) throw GIVE_UP;
        s.free += count;
        if (s.free > s.maxArray || s.free > s.end || level + item.zeroDepth > s.maxDepth) throw GIVE_UP;
      } else if (count * item.minBytes > (size >= 0 ? size : s.end - s.pos) || total > s.maxArray) {
        throw GIVE_UP;
      }
      const start = s.pos;
      while (count-- > 0) out.push(readItem(s, level + 1));
      if (size >= 0 && s.pos - start !== size) throw GIVE_UP;
    }
  };
}

function mapReader(values: Node, readValue: ReadFn): ReadFn {
  // Every entry has at least a one-byte key length.
  const entryBytes = 1 + values.minBytes;
  return (s, level) => {
    if (level > s.maxDepth) throw GIVE_UP;
    const out: Record<string, unknown> = {};
    let total = 0;
    for (;;) {
      let count = blockCount(s, "map", "map block count");
      if (count === 0) return out;
      const size = blockBytes;
      total += count;
      if (count * entryBytes > (size >= 0 ? size : s.end - s.pos) || total > s.maxMap) throw GIVE_UP;
      const start = s.pos;
      while (count-- > 0) {
        const key = readString(s);
        // A repeated key is the reader's refusal (read.ts), a forbidden one the prescan's.
        if (isForbiddenKey(key) || Object.hasOwn(out, key)) throw GIVE_UP;
        out[key] = readValue(s, level + 1);
      }
      if (size >= 0 && s.pos - start !== size) throw GIVE_UP;
    }
  };
}
