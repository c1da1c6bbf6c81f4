import { failLimit, failMalformed, type Path } from "../../errors.js";
import { checkKey, forbiddenKeyAt } from "../../keys.js";
import type { Limits } from "../../limits.js";
import type { FieldInfo, MessageTable } from "./tables.js";
import * as tables from "./tables.js";
import { varintFits, varintProblem } from "./varint-range.js";

// Imported bindings copied into module constants once: the hot loop then compares against plain
// constants (some loaders, vitest's among them, turn every imported-name read into a getter call).
const F_SINGLE = tables.F_SINGLE;
const F_REPEATED = tables.F_REPEATED;
const W_VARINT = tables.W_VARINT;
const W_FIXED64 = tables.W_FIXED64;
const W_FIXED32 = tables.W_FIXED32;
const W_STRING = tables.W_STRING;
const W_BYTES = tables.W_BYTES;
const W_MESSAGE = tables.W_MESSAGE;
const W_GROUP = tables.W_GROUP;
const W_VARINT32 = tables.W_VARINT32;
const W_UVARINT32 = tables.W_UVARINT32;
const W_BOOL = tables.W_BOOL;
const lookupField = tables.lookupField;

/*
 * The wire walk. One pass over the bytes, driven by the compiled field tables, before protobufjs
 * sees them. Every length is checked against the bytes that remain and against its limit, every
 * count against its limit, every nesting against maxDepth, every string for UTF-8, every varint
 * against its field's range (varint-range.ts), and every map key against the prototype-polluting
 * names. protobufjs then decodes bytes that cannot make it throw, recurse deeply or allocate past
 * the limits.
 *
 * Depth counts the nesting of the plain value: the top message is depth 1, a nested message one
 * more, and a repeated or map field that occurs on the wire adds a level for its array or record
 * (so `inner_list[0]` is at depth 3). Groups count like messages. Empty containers add nothing.
 *
 * Paths are built only on failure, from a stack of (field, index or map entry) per level that the
 * walk overwrites as it goes; a map key is decoded from its entry's bytes only then.
 *
 * Counts are per message value, and a message value may span several occurrences: a singular message
 * field seen twice in one message is merged (protobufjs, and read.ts after it, decode the second
 * occurrence into the first), so its repeated fields concatenate and its maps gather the entries of
 * both, at every level below; a map entry's message value sent twice in one entry merges the same way.
 * Encoders never write that, so the walk assumes it away: a counter slot per singular message field
 * notes its occurrences in each message, and a second one starts the walk over in merge mode. There
 * that slot holds where the field's value keeps its counters between occurrences (a region of `arena`,
 * its own slots pointing on to its values in turn), so each count is the length of the decoded array
 * (or, counting duplicate keys, the record). A oneof member that is set clears its siblings' slots, as
 * the decoder deletes their values. A value that starts afresh (the top message, a list element, a map
 * entry) frees the regions of its values when it ends: merge mode allocates nothing, and its arena
 * holds only the values still open.
 */

const EMPTY = new Uint8Array(0);
const NO_SEL = -1;
const keyDecoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** Thrown at the first merge when not in merge mode: the scan starts over in it. */
const MERGES: unique symbol = Symbol("safewire.protobuf.prescan.merges");
/** Merge mode: a message value that starts afresh (it has no counters kept in the arena). */
const FRESH = -1;
/** An arena kept past a scan only while it is this small. */
const KEEP_ARENA = 1024;

export class Prescanner {
  private buf: Uint8Array = EMPTY;
  private p = 0;
  private lim!: Readonly<Limits>;
  // The limits read in the hot loop, as plain number fields.
  private maxDepth = 0;
  private maxString = 0;
  private maxBinary = 0;
  private maxArray = 0;
  private maxEntries = 0;
  /** Repeated/map occurrence counters, a window of `slots` per open message. */
  private counts = new Int32Array(64);
  /** Path stack: the field entered at each level, and its index or map entry (start, end). */
  private readonly stField: FieldInfo[] = [];
  private readonly stSel: number[] = [];
  private readonly stEnd: number[] = [];
  /**
   * Merge mode (see the module comment): the counters kept between occurrences, their used length, and
   * for the message about to open at each level where its counters are kept (or FRESH).
   */
  private merging = false;
  private arena = new Int32Array(64);
  private top = 0;
  private readonly kept: number[] = [];

  /**
   * After a successful scan: the bytes scanned, and whether a top-level field without presence
   * carried its default value. Read (and cleared) by the decode that follows the scan.
   */
  scanned: Uint8Array | null = null;
  sawDefault = false;
  /** Set false by the encoder for the scan of its own output, which no decode follows. */
  record = true;

  constructor(private readonly root: MessageTable) {}

  scan(bytes: Uint8Array, limits: Readonly<Limits>): void {
    this.scanned = null;
    this.sawDefault = false;
    this.buf = bytes;
    this.p = 0;
    this.lim = limits;
    this.maxDepth = limits.maxDepth;
    this.maxString = limits.maxStringBytes;
    this.maxBinary = limits.maxBinaryBytes;
    this.maxArray = limits.maxArrayLength;
    this.maxEntries = limits.maxMapEntries;
    try {
      try {
        this.message(this.root, bytes.length, 1, 0, 0, 0);
      } catch (err) {
        if (err !== MERGES) throw err;
        this.merging = true;
        this.p = 0;
        this.sawDefault = false;
        this.top = 0;
        this.kept[0] = FRESH;
        this.message(this.root, bytes.length, 1, 0, 0, 0);
      }
      if (this.record) this.scanned = bytes;
    } finally {
      this.buf = EMPTY; // never keep the caller's bytes alive
      this.record = true;
      if (this.merging) {
        this.merging = false;
        if (this.arena.length > KEEP_ARENA) this.arena = new Int32Array(64);
      }
    }
  }

  /** Walks one message body up to `end` (or, for a group, up to its end-group tag for field `group`). */
  private message(
    t: MessageTable,
    end: number,
    depth: number,
    level: number,
    sp: number,
    group: number,
  ): void {
    const slots = t.slots;
    // Merge mode: where this value's counters are kept between occurrences, and the arena's top to go
    // back to (a fresh value frees its values' counters when it ends); mark -1 otherwise.
    let kept = FRESH;
    let mark = -1;
    if (slots > 0) {
      if (sp + slots > this.counts.length) this.grow(sp + slots);
      const counts = this.counts;
      if (!this.merging) for (let i = sp; i < sp + slots; i++) counts[i] = 0;
      else {
        kept = this.kept[level] as number;
        mark = this.top;
        const arena = this.arena;
        for (let i = 0; i < slots; i++) counts[sp + i] = kept === FRESH ? 0 : (arena[kept + i] as number);
      }
    }
    const nsp = sp + slots;
    const buf = this.buf;
    while (this.p < end) {
      const at = this.p;
      const b = buf[at] as number;
      let tag: number;
      if (b < 0x80) {
        tag = b;
        this.p = at + 1;
      } else if (at + 1 < end && (buf[at + 1] as number) < 0x80) {
        tag = (b & 0x7f) | ((buf[at + 1] as number) << 7); // fields 16 to 2047
        this.p = at + 2;
      } else tag = this.tagSlow(end, level);
      const id = tag >>> 3;
      const wt = tag & 7;
      if (id === 0) this.bad("field number 0 is not allowed", level, null, NO_SEL, NO_SEL, at);
      if (wt === 4) {
        if (id === group) {
          if (mark >= 0) this.leave(kept, mark, sp, slots);
          return;
        }
        this.bad(
          group === 0
            ? `end-group tag for field ${id} without an open group`
            : `end-group tag for field ${id} inside the group of field ${group}`,
          level,
          null,
          NO_SEL,
          NO_SEL,
          at,
        );
      }
      if (wt > 5) this.bad(`invalid wire type ${wt} for field ${id}`, level, null, NO_SEL, NO_SEL, at);
      const f = lookupField(t, id);
      // Unknown fields, and known ones on a wire type they cannot have, are skipped (as protobufjs
      // and protoc do) but still bounded.
      if (f === undefined) {
        this.skip(wt, id, end, depth, level, at);
        continue;
      }
      const vt = f.value;
      let sel = NO_SEL;
      let vdepth = depth; // depth of the value's container
      if (f.kind === F_SINGLE) {
        if (wt !== vt.wire) {
          this.skip(wt, id, end, depth, level, at);
          continue;
        }
        if (f.siblings !== null && this.merging) this.unset(t, f, sp, end);
      } else if (f.kind === F_REPEATED) {
        if (wt !== vt.wire) {
          if (wt === 2 && f.packable) this.packed(f, end, depth, level, sp, at);
          else this.skip(wt, id, end, depth, level, at);
          continue;
        }
        const n = (this.counts[sp + f.slot] as number) + 1;
        this.counts[sp + f.slot] = n;
        if (n > this.maxArray) this.limit("maxArrayLength", n, "repeated field", level, f, NO_SEL, at);
        vdepth = depth + 1;
        if (vdepth > this.maxDepth) this.limit("maxDepth", vdepth, "array nesting", level, f, NO_SEL, at);
        sel = n - 1;
      } else {
        if (wt !== 2) {
          this.skip(wt, id, end, depth, level, at);
          continue;
        }
        const n = (this.counts[sp + f.slot] as number) + 1;
        this.counts[sp + f.slot] = n;
        if (n > this.maxEntries) this.limit("maxMapEntries", n, "map", level, f, NO_SEL, at);
        if (depth + 1 > this.maxDepth) this.limit("maxDepth", depth + 1, "map nesting", level, f, NO_SEL, at);
        this.entry(f, end, depth + 1, level, nsp);
        continue;
      }
      // Leaf values are handled inline: this loop is the hot path for small messages.
      const walk = vt.walk;
      const q = this.p;
      // A top-level field without presence that carries its default value (legal, if unusual) makes
      // protobufjs delete the property: the direct decode (normalise.ts) must not be used then.
      const watch = level === 0 && sel === NO_SEL && !f.presence;
      if (vt.wire === 0) {
        const vb = q < end ? (buf[q] as number) : 0x80;
        if (watch && (vb === 0 || vb === 0x80)) this.sawDefault = true; // 0x80…: maybe a long zero
        if (vb < 0x80) {
          if (vb > 1 && walk === W_BOOL) this.bad(varintProblem(buf, q, q, walk), level, f, sel, NO_SEL, q);
          this.p = q + 1;
        } else this.varint(end, level, f, sel, NO_SEL, walk);
      } else if (walk === W_STRING || walk === W_BYTES) {
        let len: number;
        const lb = q < end ? (buf[q] as number) : 0x80;
        if (lb < 0x80 && lb < end - q) {
          len = lb;
          this.p = q + 1;
        } else len = this.length(end, level, f, sel, NO_SEL);
        if (watch && len === 0) this.sawDefault = true;
        const start = this.p;
        this.p = start + len;
        if (walk === W_STRING) {
          if (len > this.maxString) this.limit("maxStringBytes", len, "string", level, f, sel, at);
          const bad = invalidUtf8At(buf, start, start + len);
          if (bad >= 0) this.bad("string is not valid UTF-8", level, f, sel, NO_SEL, bad);
        } else if (len > this.maxBinary) this.limit("maxBinaryBytes", len, "bytes field", level, f, sel, at);
      } else if (walk === W_FIXED32 || walk === W_FIXED64) {
        const size = walk === W_FIXED32 ? 4 : 8;
        if (end - q < size) this.fixed(size, end, level, f, sel, NO_SEL);
        if (watch) {
          let bits = 0;
          for (let i = q; i < q + size; i++) bits |= buf[i] as number;
          if (bits === 0) this.sawDefault = true;
        }
        this.p = q + size;
      } else if (walk === W_MESSAGE) {
        let len: number;
        const lb = q < end ? (buf[q] as number) : 0x80;
        if (lb < 0x80 && lb < end - q) {
          len = lb;
          this.p = q + 1;
        } else len = this.length(end, level, f, sel, NO_SEL);
        if (vdepth + 1 > this.maxDepth)
          this.limit("maxDepth", vdepth + 1, "message nesting", level, f, sel, at);
        if (len > 0) {
          this.stField[level] = f;
          this.stSel[level] = sel;
          this.stEnd[level] = NO_SEL;
          this.into(f, level, sp, sel);
          this.message(vt.message as MessageTable, this.p + len, vdepth + 1, level + 1, nsp, 0);
        }
      } else {
        this.into(f, level, sp, sel); // a group
        this.value(f, walk, end, vdepth, level, nsp, sel, NO_SEL, at);
      }
    }
    if (group !== 0)
      this.bad(`group for field ${group} has no end-group tag`, level, null, NO_SEL, NO_SEL, end);
    if (mark >= 0) this.leave(kept, mark, sp, slots);
  }

  /**
   * Before a message value of `f`, in the message open at `level` (counters from `sp`), is walked: a
   * singular field's second occurrence starts merge mode over; in it, where the value's counters are.
   */
  private into(f: FieldInfo, level: number, sp: number, sel: number): void {
    if (this.merging) {
      if (sel !== NO_SEL) {
        this.kept[level + 1] = FRESH;
        return;
      }
      // The slot holds 1 + the value's place in the arena; 0 before its first occurrence; negated once
      // the value was deleted (a oneof sibling was set), when its place is used again from scratch.
      const i = sp + f.slot;
      let at = this.counts[i] as number;
      if (at <= 0) {
        const sub = f.value.message as MessageTable;
        if (at === 0) at = this.alloc(sub.slots) + 1;
        else {
          at = -at;
          this.clear(sub, at - 1);
        }
        this.counts[i] = at;
      }
      this.kept[level + 1] = at - 1;
    } else if (sel === NO_SEL) {
      const i = sp + f.slot;
      if (this.counts[i] !== 0) throw MERGES;
      this.counts[i] = 1;
    }
  }

  /** Merge mode: `n` zeroed counters at the arena's top; their place. */
  private alloc(n: number): number {
    const at = this.top;
    const top = at + n;
    if (top > this.arena.length) {
      const next = new Int32Array(Math.max(top, this.arena.length * 2));
      next.set(this.arena.subarray(0, at));
      this.arena = next;
    } else {
      const arena = this.arena;
      for (let i = at; i < top; i++) arena[i] = 0;
    }
    this.top = top;
    return at;
  }

  /**
   * Merge mode: the counters at `at` (a message of table `t`) back to those of a new value; the places of
   * its own values are kept, negated, to be used again.
   */
  private clear(t: MessageTable, at: number): void {
    const arena = this.arena;
    const fields = t.fields;
    for (let i = 0; i < fields.length; i++) {
      const g = fields[i] as FieldInfo;
      if (g.slot < 0) continue;
      const v = arena[at + g.slot] as number;
      if (g.kind !== F_SINGLE) arena[at + g.slot] = 0;
      else if (v > 0) arena[at + g.slot] = -v;
    }
  }

  /** Merge mode, at the end of an occurrence: its counters kept, or (a fresh value) its values' freed. */
  private leave(kept: number, mark: number, sp: number, slots: number): void {
    if (kept === FRESH) {
      this.top = mark;
      return;
    }
    const arena = this.arena;
    const counts = this.counts;
    for (let i = 0; i < slots; i++) arena[kept + i] = counts[sp + i] as number;
  }

  /**
   * Merge mode: oneof member `f`, set in the message open at `level` (of table `t`, counters from `sp`),
   * deletes its siblings' values: a later occurrence of one of them starts afresh.
   */
  private unset(t: MessageTable, f: FieldInfo, sp: number, end: number): void {
    const closed = f.value.closed;
    // A number a closed enum does not name is kept out of the message (protobufjs): nothing is set.
    if (closed !== null && !closed.values.has(this.int32At(end))) return;
    const counts = this.counts;
    for (const id of f.siblings as readonly number[]) {
      const g = lookupField(t, id);
      if (g === undefined || g.slot < 0) continue;
      const at = counts[sp + g.slot] as number;
      if (at > 0) counts[sp + g.slot] = -at;
    }
  }

  /** The varint at the walk's position, as protobufjs reads an int32 (its low 32 bits), not consumed. */
  private int32At(end: number): number {
    const buf = this.buf;
    let v = 0;
    for (let p = this.p, shift = 0; p < end && shift < 70; p++, shift += 7) {
      const b = buf[p] as number;
      if (shift < 32) v |= (b & 0x7f) << shift;
      if (b < 0x80) break;
    }
    return v | 0;
  }

  /**
   * One value of field `f` whose container is at `depth` (a message nested here is at depth + 1).
   * `sel`/`selEnd` say where the value sits: a repeated index, or a map entry's byte range.
   */
  private value(
    f: FieldInfo,
    walk: number,
    end: number,
    depth: number,
    level: number,
    sp: number,
    sel: number,
    selEnd: number,
    at: number,
  ): void {
    switch (walk) {
      case W_VARINT:
      case W_VARINT32:
      case W_UVARINT32:
      case W_BOOL:
        this.varint(end, level, f, sel, selEnd, walk);
        return;
      case W_FIXED64:
        this.fixed(8, end, level, f, sel, selEnd);
        return;
      case W_FIXED32:
        this.fixed(4, end, level, f, sel, selEnd);
        return;
      case W_STRING: {
        const len = this.length(end, level, f, sel, selEnd);
        if (len > this.maxString) this.limit("maxStringBytes", len, "string", level, f, sel, at, selEnd);
        const start = this.p;
        this.p = start + len;
        const bad = invalidUtf8At(this.buf, start, start + len);
        if (bad >= 0) this.bad("string is not valid UTF-8", level, f, sel, selEnd, bad);
        return;
      }
      case W_BYTES: {
        const len = this.length(end, level, f, sel, selEnd);
        if (len > this.maxBinary) this.limit("maxBinaryBytes", len, "bytes field", level, f, sel, at, selEnd);
        this.p += len;
        return;
      }
      case W_MESSAGE: {
        const len = this.length(end, level, f, sel, selEnd);
        this.enter(f, depth + 1, level, sel, selEnd, at);
        this.message(f.value.message as MessageTable, this.p + len, depth + 1, level + 1, sp, 0);
        return;
      }
      case W_GROUP:
        this.enter(f, depth + 1, level, sel, selEnd, at);
        this.message(f.value.message as MessageTable, end, depth + 1, level + 1, sp, f.id);
        return;
    }
  }

  /** Checks the depth of a message about to be entered and records the path step to it. */
  private enter(f: FieldInfo, depth: number, level: number, sel: number, selEnd: number, at: number): void {
    if (depth > this.maxDepth) this.limit("maxDepth", depth, "message nesting", level, f, sel, at, selEnd);
    this.stField[level] = f;
    this.stSel[level] = sel;
    this.stEnd[level] = selEnd;
  }

  /** One map entry: a small message of key (1) and value (2); anything else in it is skipped. */
  private entry(f: FieldInfo, end: number, depth: number, level: number, sp: number): void {
    const len = this.length(end, level, f, NO_SEL, NO_SEL);
    if (len === 0) return; // default key and value: nothing to check
    const start = this.p;
    const stop = start + len;
    const key = f.key as FieldInfo["value"];
    const val = f.value;
    const buf = this.buf;
    // A message value sent twice in the entry merges (see the module comment).
    let values = 0;
    let kept = FRESH;
    const mark = this.top;
    while (this.p < stop) {
      const tat = this.p;
      const b = buf[tat] as number;
      let tag: number;
      if (b < 0x80) {
        tag = b;
        this.p = tat + 1;
      } else tag = this.tagSlow(stop, level);
      const id = tag >>> 3;
      const wt = tag & 7;
      if (id === 0) this.bad("field number 0 is not allowed in a map entry", level, f, NO_SEL, NO_SEL, tat);
      if (wt === 4)
        this.bad(`end-group tag for field ${id} without an open group`, level, f, NO_SEL, NO_SEL, tat);
      if (wt > 5) this.bad(`invalid wire type ${wt} for field ${id}`, level, f, NO_SEL, NO_SEL, tat);
      if (id === 1 && wt === key.wire) {
        if (key.walk === W_STRING) this.stringKey(f, stop, level);
        else this.value(f, key.walk, stop, depth, level, sp, NO_SEL, NO_SEL, tat);
      } else if (id === 2 && wt === val.wire) {
        if (val.message !== null) {
          if (this.merging) {
            if (kept === FRESH) kept = this.alloc((val.message as MessageTable).slots);
            this.kept[level + 1] = kept;
          } else if (++values > 1) throw MERGES;
        }
        this.value(f, val.walk, stop, depth, level, sp, start, stop, tat);
      } else {
        this.skip(wt, id, stop, depth, level, tat);
      }
    }
    if (kept !== FRESH) this.top = mark; // the entry's value, like any fresh one, frees what it kept
  }

  private stringKey(f: FieldInfo, end: number, level: number): void {
    const at = this.p;
    const len = this.length(end, level, f, NO_SEL, NO_SEL);
    if (len > this.maxString) this.limit("maxStringBytes", len, "map key", level, f, NO_SEL, at);
    const start = this.p;
    this.p = start + len;
    const bad = invalidUtf8At(this.buf, start, start + len);
    if (bad >= 0) this.bad("map key is not valid UTF-8", level, f, NO_SEL, NO_SEL, bad);
    const k = forbiddenKeyAt(this.buf, start, len);
    if (k !== undefined) checkKey(k, this.pathAt(level, f, NO_SEL, NO_SEL));
  }

  /** A packed run of a repeated scalar: counts its elements without decoding them. */
  private packed(f: FieldInfo, end: number, depth: number, level: number, sp: number, at: number): void {
    const len = this.length(end, level, f, NO_SEL, NO_SEL);
    const start = this.p;
    const stop = start + len;
    let n = 0;
    const walk = f.value.walk;
    if (walk === W_FIXED32 || walk === W_FIXED64) {
      const size = walk === W_FIXED32 ? 4 : 8;
      if (len % size !== 0) {
        this.bad(
          `packed run of ${len} bytes is not a whole number of ${size}-byte values`,
          level,
          f,
          NO_SEL,
          NO_SEL,
          at,
        );
      }
      n = len / size;
    } else {
      // Each varint ends at a byte below 0x80, after at most 9 continuation bytes. Counting stops
      // as soon as the run holds more elements than the limit allows: a bomb costs maxArrayLength
      // steps, not its length.
      const buf = this.buf;
      const room = this.maxArray - (this.counts[sp + f.slot] as number);
      let run = 0;
      for (let i = start; i < stop; i++) {
        if ((buf[i] as number) < 0x80) {
          if ((run >= 4 || walk === W_BOOL) && !varintFits(buf, i - run, i, walk)) {
            this.bad(varintProblem(buf, i - run, i, walk), level, f, n, NO_SEL, i - run);
          }
          run = 0; // before the break: a varint that ends here is whole, and only over the limit
          if (++n > room) break;
        } else if (++run > 9) {
          this.bad("varint longer than 10 bytes in a packed run", level, f, n, NO_SEL, i - 9);
        }
      }
      if (run !== 0) this.bad("packed run ends inside a varint", level, f, n, NO_SEL, stop - run);
    }
    this.p = stop;
    if (n === 0) return;
    const total = (this.counts[sp + f.slot] as number) + n;
    this.counts[sp + f.slot] = total;
    if (total > this.maxArray) this.limit("maxArrayLength", total, "repeated field", level, f, NO_SEL, at);
    if (depth + 1 > this.maxDepth) this.limit("maxDepth", depth + 1, "array nesting", level, f, NO_SEL, at);
  }

  /** Skips a value nobody will read (unknown field), still bounded by the input, maxBinaryBytes and maxDepth. */
  private skip(wt: number, id: number, end: number, depth: number, level: number, at: number): void {
    switch (wt) {
      case 0:
        this.varint(end, level, null, NO_SEL, NO_SEL);
        return;
      case 1:
        this.fixed(8, end, level, null, NO_SEL, NO_SEL);
        return;
      case 5:
        this.fixed(4, end, level, null, NO_SEL, NO_SEL);
        return;
      case 2: {
        const len = this.length(end, level, null, NO_SEL, NO_SEL);
        if (len > this.maxBinary) {
          this.limit("maxBinaryBytes", len, `unknown field ${id}`, level, null, NO_SEL, at);
        }
        this.p += len;
        return;
      }
      default:
        this.skipGroup(id, end, depth + 1, level, at);
    }
  }

  /** An unknown group: walked tag by tag (it has no length), one level deeper per nested group. */
  private skipGroup(id: number, end: number, depth: number, level: number, at: number): void {
    if (depth > this.maxDepth)
      this.limit("maxDepth", depth, `group (field ${id}) nesting`, level, null, NO_SEL, at);
    const buf = this.buf;
    while (this.p < end) {
      const tat = this.p;
      const b = buf[tat] as number;
      let tag: number;
      if (b < 0x80) {
        tag = b;
        this.p = tat + 1;
      } else tag = this.tagSlow(end, level);
      const fid = tag >>> 3;
      const wt = tag & 7;
      if (fid === 0) this.bad("field number 0 is not allowed", level, null, NO_SEL, NO_SEL, tat);
      if (wt === 4) {
        if (fid === id) return;
        this.bad(
          `end-group tag for field ${fid} inside the group of field ${id}`,
          level,
          null,
          NO_SEL,
          NO_SEL,
          tat,
        );
      }
      if (wt > 5) this.bad(`invalid wire type ${wt} for field ${fid}`, level, null, NO_SEL, NO_SEL, tat);
      this.skip(wt, fid, end, depth, level, tat);
    }
    this.bad(`group for field ${id} has no end-group tag`, level, null, NO_SEL, NO_SEL, end);
  }

  /** A tag of two or more bytes: at most 5, and it must fit 32 bits (as protobufjs reads it). */
  private tagSlow(end: number, level: number): number {
    const buf = this.buf;
    const start = this.p;
    let value = 0;
    let shift = 0;
    for (let p = start; p < end; p++, shift += 7) {
      const b = buf[p] as number;
      if (shift === 28) {
        if (b > 0x0f) this.bad("field tag does not fit in 32 bits", level, null, NO_SEL, NO_SEL, start);
        this.p = p + 1;
        return (value | (b << 28)) >>> 0;
      }
      value |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.p = p + 1;
        return value;
      }
    }
    return this.bad("premature EOF reading a field tag", level, null, NO_SEL, NO_SEL, start);
  }

  /** A varint of a field walked as `walk` (an unknown field's: W_VARINT): whole, and in its range. */
  private varint(
    end: number,
    level: number,
    f: FieldInfo | null,
    sel: number,
    selEnd: number,
    walk: number = W_VARINT,
  ): void {
    const buf = this.buf;
    const start = this.p;
    if (start < end && (buf[start] as number) < 0x80) {
      if ((buf[start] as number) > 1 && walk === W_BOOL) {
        this.bad(varintProblem(buf, start, start, walk), level, f, sel, selEnd, start);
      }
      this.p = start + 1;
      return;
    }
    const stop = Math.min(end, start + 10);
    for (let p = start; p < stop; p++) {
      if ((buf[p] as number) < 0x80) {
        if ((p - start >= 4 || walk === W_BOOL) && !varintFits(buf, start, p, walk)) {
          this.bad(varintProblem(buf, start, p, walk), level, f, sel, selEnd, start);
        }
        this.p = p + 1;
        return;
      }
    }
    if (stop - start >= 10) this.bad("varint is longer than 10 bytes", level, f, sel, selEnd, start);
    this.bad("premature EOF reading varint", level, f, sel, selEnd, start);
  }

  private fixed(
    size: number,
    end: number,
    level: number,
    f: FieldInfo | null,
    sel: number,
    selEnd: number,
  ): void {
    const left = end - this.p;
    if (left < size) {
      this.bad(
        `premature EOF reading a ${size * 8}-bit value (${left} bytes left)`,
        level,
        f,
        sel,
        selEnd,
        this.p,
      );
    }
    this.p += size;
  }

  /** A length prefix: at most 5 bytes (as protobufjs reads it) and no longer than what remains. */
  private length(end: number, level: number, f: FieldInfo | null, sel: number, selEnd: number): number {
    const buf = this.buf;
    const start = this.p;
    let value = 0;
    let p = start;
    for (let shift = 0; ; shift += 7, p++) {
      if (p >= end) this.bad("premature EOF reading a length", level, f, sel, selEnd, start);
      const b = buf[p] as number;
      if (shift === 28) {
        // Fifth byte: anything with a continuation bit is longer than protobufjs reads.
        if (b >= 0x80) this.bad("length prefix is longer than 5 bytes", level, f, sel, selEnd, start);
        value += b * 0x10000000; // may pass 2^31: a number, not an int32
        break;
      }
      value |= (b & 0x7f) << shift;
      if (b < 0x80) break;
    }
    this.p = p + 1;
    const left = end - this.p;
    if (value > left) {
      const what = level === 0 && end === buf.length ? "input" : "enclosing message";
      this.bad(
        `length ${value} runs past the end of the ${what} (${left} bytes left)`,
        level,
        f,
        sel,
        selEnd,
        start,
      );
    }
    return value;
  }

  private grow(need: number): void {
    const next = new Int32Array(Math.max(need, this.counts.length * 2));
    next.set(this.counts);
    this.counts = next;
  }

  // ---- failures: everything below runs only when the input is refused ----

  private bad(
    message: string,
    level: number,
    f: FieldInfo | null,
    sel: number,
    selEnd: number,
    at: number,
  ): never {
    failMalformed(message, this.pathAt(level, f, sel, selEnd), at);
  }

  private limit(
    limit: keyof Limits,
    actual: number,
    what: string,
    level: number,
    f: FieldInfo | null,
    sel: number,
    at: number,
    selEnd: number = NO_SEL,
  ): never {
    failLimit(limit, actual, this.lim[limit], this.pathAt(level, f, sel, selEnd), what, at);
  }

  private pathAt(level: number, f: FieldInfo | null, sel: number, selEnd: number): Path {
    const out: Path = [];
    for (let l = 0; l < level; l++) {
      this.segment(out, this.stField[l] as FieldInfo, this.stSel[l] as number, this.stEnd[l] as number);
    }
    if (f !== null) this.segment(out, f, sel, selEnd);
    return out;
  }

  private segment(out: Path, f: FieldInfo, sel: number, selEnd: number): void {
    out.push(f.name);
    if (selEnd >= 0) out.push(mapKeyOf(this.buf, f, sel, selEnd));
    else if (sel >= 0) out.push(sel);
  }
}

/**
 * The key of the map entry in bytes [start, end), as the plain record will spell it: for error
 * paths only. The entry may be malformed past the key, so this reads defensively.
 */
function mapKeyOf(buf: Uint8Array, f: FieldInfo, start: number, end: number): string {
  const key = f.key;
  if (key === null) return "?";
  let found: string | undefined;
  let p = start;
  const readVarint = (): bigint | undefined => {
    let v = 0n;
    for (let i = 0; i < 10 && p < end; i++) {
      const b = buf[p++] as number;
      v |= BigInt(b & 0x7f) << BigInt(7 * i);
      if (b < 0x80) return v;
    }
    return undefined;
  };
  while (p < end) {
    const tag = readVarint();
    if (tag === undefined) break;
    const id = Number(tag >> 3n);
    const wt = Number(tag & 7n);
    if (wt === 0) {
      const v = readVarint();
      if (v === undefined) break;
      if (id === 1 && key.wire === 0) found = varintKey(key.type, v);
    } else if (wt === 1 || wt === 5) {
      const size = wt === 1 ? 8 : 4;
      if (end - p < size) break;
      if (id === 1 && key.wire === wt) {
        let v = 0n;
        for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(buf[p + i] as number);
        found = fixedKey(key.type, v);
      }
      p += size;
    } else if (wt === 2) {
      const len = readVarint();
      if (len === undefined || len > BigInt(end - p)) break;
      const n = Number(len);
      if (id === 1 && key.wire === 2) found = keyDecoder.decode(buf.subarray(p, p + n));
      p += n;
    } else break;
  }
  if (found !== undefined) return found;
  return key.type === "string" ? "" : key.type === "bool" ? "false" : "0";
}

function varintKey(type: string, v: bigint): string {
  switch (type) {
    case "bool":
      return v !== 0n ? "true" : "false";
    case "sint32":
    case "sint64":
      return ((v >> 1n) ^ -(v & 1n)).toString();
    case "uint32":
      return BigInt.asUintN(32, v).toString();
    case "int32":
      return BigInt.asIntN(32, v).toString();
    case "uint64":
      return BigInt.asUintN(64, v).toString();
    default:
      return BigInt.asIntN(64, v).toString();
  }
}

function fixedKey(type: string, v: bigint): string {
  if (type === "sfixed32") return BigInt.asIntN(32, v).toString();
  if (type === "sfixed64") return BigInt.asIntN(64, v).toString();
  return v.toString();
}

/**
 * Offset of the first byte that breaks strict UTF-8 (WHATWG fatal decoding: no overlongs, no
 * surrogates, nothing past U+10FFFF) in buf[start, end), or -1 when all of it is valid.
 */
export function invalidUtf8At(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const c = buf[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c < 0xc2) return i;
    if (c < 0xe0) {
      if (i + 1 >= end || ((buf[i + 1] as number) & 0xc0) !== 0x80) return i;
      i += 2;
      continue;
    }
    if (c < 0xf0) {
      if (i + 2 >= end) return i;
      const c1 = buf[i + 1] as number;
      if (
        (c1 & 0xc0) !== 0x80 ||
        (c === 0xe0 && c1 < 0xa0) ||
        (c === 0xed && c1 > 0x9f) ||
        ((buf[i + 2] as number) & 0xc0) !== 0x80
      ) {
        return i;
      }
      i += 3;
      continue;
    }
    if (c < 0xf5) {
      if (i + 3 >= end) return i;
      const c1 = buf[i + 1] as number;
      if (
        (c1 & 0xc0) !== 0x80 ||
        (c === 0xf0 && c1 < 0x90) ||
        (c === 0xf4 && c1 > 0x8f) ||
        ((buf[i + 2] as number) & 0xc0) !== 0x80 ||
        ((buf[i + 3] as number) & 0xc0) !== 0x80
      ) {
        return i;
      }
      i += 4;
      continue;
    }
    return i;
  }
  return -1;
}
