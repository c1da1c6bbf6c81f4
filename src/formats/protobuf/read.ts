import type { Field, MapField, Type } from "protobufjs";
import protobuf from "protobufjs/minimal.js";
import { type Clone, cloneSite } from "../../clone.js";
import { OTHER_SHAPE, type ReadShape } from "../../fastcheck.js";
import { isForbiddenKey } from "../../keys.js";
import type { Limits } from "../../limits.js";
import { readText, readValidText } from "../../text.js";
import type { FieldInfo, MessageTable, ValueType } from "./tables.js";
import * as tables from "./tables.js";
import { varintFits } from "./varint-range.js";

// Copied once into module constants (see prescan.ts: imported-name reads can be getter calls).
const { EMPTY_BYTES, F_MAP, F_REPEATED, F_SINGLE, W_BOOL, W_UVARINT32, W_VARINT32 } = tables;

/*
 * The table-driven reader: prescanned protobuf bytes straight to safewire's plain value, in one pass,
 * without protobufjs and without generated code. Its output is, by construction and by the
 * differential tests (test/protobuf-read.test.ts), exactly what protobufjs' decoder followed by
 * normalise.ts (`toPlain` / `finishDirect`) returns for the same bytes:
 *
 * - an object per message: the table's template (fields without presence, in declaration order, with
 *   their defaults; fresh [] and {} for repeated and map fields), then fields with presence in the
 *   order protobufjs first set them;
 * - a singular field seen twice: the last scalar wins, messages merge (protobufjs decodes the second
 *   occurrence into the first); a oneof member removes the other members, as protobufjs' oneof setter;
 * - scalars read as protobufjs' Reader reads them (64-bit integers as bigint with the field's signedness);
 *   a varint that does not fit its field (a bool other than 0 or 1, a 32-bit field's past 32 bits), which
 *   protobufjs would narrow, the prescan refuses (varint-range.ts);
 * - bytes are subarray views of the input; an implicit-presence bytes field that is empty on the wire
 *   keeps the shared EMPTY_BYTES, as the template does in the protobufjs path;
 * - map entries missing their key or value get what protobufjs' map decoder starts from (0, "",
 *   false, 0n, EMPTY_BYTES, an empty message; enums 0). Maps with 64-bit keys are built keyed by
 *   protobufjs' 8-character hashes and rewritten to decimal at the end, exactly as plainMap does, so
 *   key order and duplicate resolution match.
 *
 * It relies on the prescan of the same bytes (lengths in bounds, varints terminated, UTF-8 valid,
 * forbidden map keys refused, depth bounded) and checks none of that again; or, given the limits, it
 * checks all of that itself as it reads (a checked read: small inputs are decoded in this one pass),
 * giving up on whatever the prescan would refuse and on the rarer wire forms it leaves to the prescan.
 * Where protobufjs would throw although the prescan accepted (its recursion limit; an unknown group in
 * a message without fields), and wherever something is not as the prescan promised, the reader gives up
 * (returns undefined) and the caller decodes with protobufjs instead.
 *
 * `compileReader` returns undefined for message types whose protobufjs decoding it does not emulate:
 * groups (delimited encoding), closed enums (proto2), required fields, explicit `[default = …]`,
 * extensions, map key types outside the protobuf set.
 */

/**
 * A reader: the value of `bytes`, or undefined where it leaves the decoding to protobufjs. Without
 * `limits` the bytes must have passed the prescan. With them the read is checked: it also refuses
 * (returns undefined for) whatever the prescan would refuse under those limits, and anything unusual it
 * does not check as the prescan does (unknown fields, a field on another wire type, groups, tags past
 * field 2047); the caller then prescans, which words the error, and reads again.
 */
export type TableReader = (
  bytes: Uint8Array,
  limits?: Readonly<Limits>,
) => Record<string, unknown> | undefined;

// How one value is read.
const R_INT32 = 0;
const R_UINT32 = 1;
const R_SINT32 = 2;
const R_FIXED32 = 3;
const R_SFIXED32 = 4;
const R_FLOAT = 5;
const R_DOUBLE = 6;
const R_BOOL = 7;
const R_INT64 = 8;
const R_UINT64 = 9;
const R_SINT64 = 10;
const R_FIXED64 = 11;
const R_SFIXED64 = 12;
const R_STRING = 13;
const R_BYTES = 14;
const R_MESSAGE = 15;

const OPS: Readonly<Record<string, number>> = {
  int32: R_INT32,
  enum: R_INT32,
  uint32: R_UINT32,
  sint32: R_SINT32,
  fixed32: R_FIXED32,
  sfixed32: R_SFIXED32,
  float: R_FLOAT,
  double: R_DOUBLE,
  bool: R_BOOL,
  int64: R_INT64,
  uint64: R_UINT64,
  sint64: R_SINT64,
  fixed64: R_FIXED64,
  sfixed64: R_SFIXED64,
  string: R_STRING,
  bytes: R_BYTES,
  message: R_MESSAGE,
};

const MAP_KEY_TYPES = new Set([
  "int32",
  "uint32",
  "sint32",
  "fixed32",
  "sfixed32",
  "int64",
  "uint64",
  "sint64",
  "fixed64",
  "sfixed64",
  "bool",
  "string",
]);

interface RField {
  readonly name: string;
  readonly kind: number;
  /** How one value (a map's value) is read. */
  readonly op: number;
  /** Wire type of one value. */
  readonly wire: number;
  readonly packable: boolean;
  /** Explicit presence (singular fields): an empty bytes value is kept as a view. */
  readonly presence: boolean;
  /** The other members of its oneof, which setting this field removes; null when none. */
  readonly siblings: readonly string[] | null;
  /** Message values: their table (filled after construction, types may recurse). */
  msg: RTable | null;
  // Maps only.
  readonly keyOp: number;
  readonly keyWire: number;
  /** 0, or 1 / 2 for signed / unsigned 64-bit keys. */
  readonly key64: number;
  /** The value of an entry without one (messages: a fresh empty message instead). */
  readonly mapDefault: unknown;
  /** Map fields: its place among the message's maps (a checked read counts wire entries there). */
  mapSlot: number;
}

interface RTable {
  /**
   * Declaration order, when a message with presence fields is to be rebuilt in it (see `message`); null
   * when the template already gives that order, or when 64-bit map keys are rewritten on the owner later.
   */
  readonly order: readonly string[] | null;
  /** Per `order` entry: true when the template holds the field (always own), false for a presence field. */
  readonly always: readonly boolean[];
  /**
   * With `order`: every field in declaration order, those with presence as undefined. A new message starts
   * from it, so that one with all its presence fields set is already in order (no rebuild).
   */
  readonly full: Readonly<Record<string, unknown>> | null;
  /** With `order`: the fields with presence. */
  readonly presence: readonly string[];
  /** The table's template (fields without presence, in order, with their defaults), a private copy. */
  readonly template: Readonly<Record<string, unknown>>;
  /** Every field is in the template (none with presence): a message never gains a property. */
  readonly closed: boolean;
  /** A spread clone of `full` (or the closed template), at a site of its own (see ../../clone.ts). */
  readonly clone: Clone | null;
  readonly dense: readonly (RField | undefined)[];
  readonly sparse: ReadonlyMap<number, RField> | null;
  /** Repeated fields (a fresh [] each) and map fields (a fresh {} each), by name. */
  readonly lists: readonly string[];
  readonly maps: readonly RField[];
  /** Whether some map field has 64-bit keys (its record is rewritten at the end). */
  readonly maps64: boolean;
  /** No fields at all: protobufjs then skips unknown groups wrongly (throws), so the reader gives up. */
  readonly empty: boolean;
  /** Every field, in declaration order. */
  readonly fields: readonly RField[];
}

const DENSE_LIMIT = 1024;

// ---- compile ----

const cache = new WeakMap<MessageTable, TableReader | null>();

/**
 * The reader for `table`, compiled from `compileTables(type)`, or undefined when the message (or one it
 * reaches) uses something the reader does not emulate exactly. Cached per table.
 */
export function compileReader(table: MessageTable, type: Type): TableReader | undefined {
  let hit = cache.get(table);
  if (hit === undefined) {
    hit = null;
    try {
      const made = new Map<MessageTable, RTable>();
      const root = buildTable(table, type, made);
      if (root !== null) {
        hit = (bytes, limits) => readRoot(root, bytes, limits);
        roots.set(hit, root);
      }
    } catch {
      hit = null; // anything unexpected in the reflection: protobufjs decodes
    }
    cache.set(table, hit);
  }
  return hit ?? undefined;
}

const roots = new WeakMap<TableReader, RTable>();

/** True when the last value `reader` returned has the shapes `readerShape` describes. */
export function readShaped(): boolean {
  return !lastMerged;
}

/**
 * The shapes of the values a compiled reader builds (see ReadShape in fastcheck.ts), as long as
 * `readShaped()` holds: a message is an object with its fields in declaration order (those with
 * presence only when set), where the reader rebuilds it in that order or has at most one presence field
 * after the others; a map is a record whose keys the prescan checked (64-bit keys are rewritten: other);
 * a repeated field is an array.
 */
export function readerShape(reader: TableReader): ReadShape {
  const root = roots.get(reader);
  if (root === undefined) return OTHER_SHAPE;
  let shape = shapes.get(root);
  if (shape === undefined) {
    shape = tableShape(root, new Map());
    shapes.set(root, shape);
  }
  return shape;
}

/** What the reader makes of a scalar, where the decode check can rely on it (see LeafType). */
const LEAVES: Readonly<Record<number, ReadShape>> = Object.freeze({
  [R_STRING]: Object.freeze({ kind: "leaf", type: "string" }),
  [R_BOOL]: Object.freeze({ kind: "leaf", type: "bool" }),
  [R_BYTES]: Object.freeze({ kind: "leaf", type: "bytes" }),
  [R_INT64]: Object.freeze({ kind: "leaf", type: "int64" }),
  [R_SINT64]: Object.freeze({ kind: "leaf", type: "int64" }),
  [R_SFIXED64]: Object.freeze({ kind: "leaf", type: "int64" }),
  [R_UINT64]: Object.freeze({ kind: "leaf", type: "uint64" }),
  [R_FIXED64]: Object.freeze({ kind: "leaf", type: "uint64" }),
});

// One shape per compiled table, so that codecs of the same message share their decode check.
const shapes = new WeakMap<RTable, ReadShape>();

function tableShape(t: RTable, memo: Map<RTable, ReadShape>): ReadShape {
  const known = memo.get(t);
  if (known !== undefined) return known;
  const presence = t.fields.filter((f) => !Object.hasOwn(t.template, f.name)).length;
  const templateFirst = t.fields.every(
    (f, i) => i < t.fields.length - presence || !Object.hasOwn(t.template, f.name),
  );
  const ordered = t.order !== null || presence === 0 || (presence === 1 && templateFirst);
  if (t.maps64 || !ordered) {
    memo.set(t, OTHER_SHAPE);
    return OTHER_SHAPE;
  }
  const fields: { name: string; shape: ReadShape; always: boolean }[] = [];
  const shape: ReadShape = { kind: "object", fields };
  memo.set(t, shape);
  for (const f of t.fields) {
    const one =
      f.op === R_MESSAGE && f.msg !== null ? tableShape(f.msg, memo) : (LEAVES[f.op] ?? OTHER_SHAPE);
    fields.push({
      name: f.name,
      always: Object.hasOwn(t.template, f.name),
      shape:
        f.kind === F_REPEATED
          ? { kind: "array", items: one }
          : f.kind === F_MAP
            ? { kind: "record", values: one }
            : one,
    });
  }
  return shape;
}

interface Features {
  _features?: { enum_type?: string };
}

/** Closed enums (proto2) make protobufjs keep unknown values out of the message: not emulated. */
function isOpenEnum(resolved: unknown): boolean {
  return (resolved as Features | null)?._features?.enum_type === "OPEN";
}

function buildTable(t: MessageTable, type: Type, made: Map<MessageTable, RTable>): RTable | null {
  const known = made.get(t);
  if (known !== undefined) return known;
  const raw = type.fieldsArray;
  if (raw.length !== t.fields.length) return null;
  const siblings = new Map<string, string[]>();
  for (const oneof of type.oneofsArray) {
    const names = oneof.fieldsArray.map((f) => f.name);
    if (t.byName.has(oneof.name)) return null; // a oneof's virtual property shadowing a field
    for (const name of names) {
      if (!t.byName.has(name) || siblings.has(name)) return null;
      siblings.set(
        name,
        names.filter((n) => n !== name),
      );
    }
  }
  const fields: RField[] = [];
  const nested: [RField, MessageTable, Type][] = [];
  for (let i = 0; i < t.fields.length; i++) {
    const info = t.fields[i] as FieldInfo;
    const field = (raw[i] as Field).resolve();
    if (field.name !== info.name || field.id !== info.id) return null;
    if (field.required || field.declaringField !== null || field.extensionField !== null) return null;
    if (field.options !== undefined && field.options.default !== undefined) return null;
    const vt = info.value;
    const op = OPS[vt.type];
    if (op === undefined || vt.walk === tables.W_GROUP || vt.wire === 3 || field.delimited) return null;
    if (vt.type === "enum" && !isOpenEnum(field.resolvedType)) return null;
    if (op === R_MESSAGE && (vt.message === null || !isTypeLike(field.resolvedType))) return null;
    let keyOp = -1;
    let keyWire = -1;
    let mapDefault: unknown;
    if (info.kind === F_MAP) {
      const key = info.key as ValueType;
      const keyType = (field as unknown as MapField).keyType;
      if (!MAP_KEY_TYPES.has(keyType) || key.type !== keyType) return null;
      keyOp = OPS[keyType] as number;
      keyWire = key.wire;
      mapDefault = mapValueDefault(op);
    } else if (info.kind !== F_SINGLE && info.kind !== F_REPEATED) return null;
    const sib = siblings.get(info.name);
    const rf: RField = {
      name: info.name,
      kind: info.kind,
      op,
      wire: vt.wire,
      packable: info.packable,
      presence: info.presence,
      siblings: sib !== undefined && sib.length > 0 ? sib : null,
      msg: null,
      keyOp,
      keyWire,
      key64: info.key64,
      mapDefault,
      mapSlot: -1,
    };
    if (op === R_MESSAGE) nested.push([rf, vt.message as MessageTable, field.resolvedType as Type]);
    fields.push(rf);
  }
  let top = 0;
  for (const f of t.fields) if (f.id < DENSE_LIMIT && f.id > top) top = f.id;
  const dense: (RField | undefined)[] = Array.from({ length: top + 1 }, () => undefined);
  let sparse: Map<number, RField> | null = null;
  const lists: string[] = [];
  const maps: RField[] = [];
  for (let i = 0; i < fields.length; i++) {
    const rf = fields[i] as RField;
    const id = (t.fields[i] as FieldInfo).id;
    if (id < DENSE_LIMIT) dense[id] = rf;
    else {
      sparse ??= new Map();
      sparse.set(id, rf);
    }
    if (rf.kind === F_REPEATED) lists.push(rf.name);
    else if (rf.kind === F_MAP) {
      rf.mapSlot = maps.length;
      maps.push(rf);
    }
  }
  // The template must be the table's (what toPlain clones): fields without presence, in order.
  for (const f of t.fields) {
    const inTemplate = Object.hasOwn(t.template, f.name);
    if (inTemplate !== (f.kind !== F_SINGLE || !f.presence)) return null;
  }
  const templateOrder = Object.keys(t.template);
  const declared = t.fields.map((f) => f.name);
  const inOrder = templateOrder.every((k, i) => k === declared[i]);
  const order = inOrder || maps.some((m) => m.key64 !== 0) ? null : declared;
  const closed = t.fields.every((f) => f.kind !== F_SINGLE || !f.presence);
  const rt: RTable = {
    order,
    always: declared.map((k) => Object.hasOwn(t.template, k)),
    full: order === null ? null : Object.fromEntries(declared.map((k) => [k, t.template[k]])),
    presence: declared.filter((k) => !Object.hasOwn(t.template, k)),
    template: Object.fromEntries(Object.entries(t.template)),
    closed,
    clone: order !== null || closed ? cloneSite() : null,
    dense,
    sparse,
    lists,
    maps,
    maps64: maps.some((m) => m.key64 !== 0),
    empty: fields.length === 0,
    fields,
  };
  made.set(t, rt);
  for (const [rf, mt, mtype] of nested) {
    const sub = buildTable(mt, mtype, made);
    if (sub === null) return null;
    rf.msg = sub;
  }
  return rt;
}

function isTypeLike(x: unknown): x is Type {
  return typeof x === "object" && x !== null && "fieldsArray" in x && "oneofsArray" in x;
}

/** `mapValueDefault` by protobuf type name (`int64`, `enum`, `message`, …), for generated readers. */
export function mapValueDefaultOf(type: string): unknown {
  const op = OPS[type];
  return op === undefined ? undefined : mapValueDefault(op);
}

/** protobufjs' map decoder starts each entry's value from types.defaults (an enum reads as int32: 0). */
function mapValueDefault(op: number): unknown {
  switch (op) {
    case R_INT64:
    case R_UINT64:
    case R_SINT64:
    case R_FIXED64:
    case R_SFIXED64:
      return 0n;
    case R_BOOL:
      return false;
    case R_STRING:
      return "";
    case R_BYTES:
      return EMPTY_BYTES;
    case R_MESSAGE:
      return undefined;
    default:
      return 0;
  }
}

// ---- read ----

/** Thrown inside the reader to give the bytes to protobufjs; never escapes `readRoot`. */
const GIVE_UP: unique symbol = Symbol("safewire.protobuf.read.giveUp");

const U8_PROTO = Uint8Array.prototype;
const TWO_32 = 4294967296;
function inOrder(
  m: Record<string, unknown>,
  order: readonly string[],
  always: readonly boolean[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < order.length; i++) {
    const k = order[i] as string;
    // A presence field that is set is never undefined; an unset one is undefined (own, from the template).
    if (always[i] === true || m[k] !== undefined) out[k] = m[k];
  }
  return out;
}

// Checked reads: map entry counts of the open messages (reads do not interleave: no user code runs).
let entryCounts: Int32Array = new Int32Array(64);

function growCounts(n: number): Int32Array {
  const grown = new Int32Array(Math.max(n, entryCounts.length * 2));
  grown.set(entryCounts);
  return grown;
}

/** `bytes` as a plain Uint8Array (a Buffer or other subclass: a view of the same memory). */
function plainView(bytes: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(bytes) === U8_PROTO
    ? bytes
    : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Leaves the bytes to the caller (a generated or table reader returns undefined). */
export function giveUp(): never {
  throw GIVE_UP;
}

/**
 * A reader generated for one message type by generate.ts: the message's fields read by straight-line
 * code on this module's Reader, always as a checked read. Where it returns a value, the value is the one
 * the table reader's checked read returns for the same bytes and limits (test/protobuf-generated.test.ts);
 * it gives up on more (a message field seen twice, an unknown field).
 */
export interface GeneratedReader {
  /** `readerFingerprint` (generate.ts) of the tables it was generated from. */
  readonly fingerprint: string;
  /** The deepest protobufjs nesting its messages reach (the top message is 0). */
  readonly nesting: number;
  readonly read: (r: Reader) => Record<string, unknown>;
}

/** `gen`'s value of `bytes` read under `limits`, or undefined where it gives up. */
export function readGenerated(
  gen: GeneratedReader,
  bytes: Uint8Array,
  limits: Readonly<Limits>,
): Record<string, unknown> | undefined {
  const limit = protobuf.Reader.recursionLimit;
  if (gen.nesting > limit) return undefined; // protobufjs would refuse: the table reader words it
  const view = plainView(bytes);
  const r = new Reader(view, limit);
  r.check(limits);
  try {
    return gen.read(r);
  } catch (err) {
    if (err === GIVE_UP) return undefined;
    throw err;
  }
}

function readRoot(
  root: RTable,
  bytes: Uint8Array,
  limits: Readonly<Limits> | undefined,
): Record<string, unknown> | undefined {
  const view = plainView(bytes);
  const r = new Reader(view, protobuf.Reader.recursionLimit);
  if (limits !== undefined) r.check(limits);
  try {
    const out = r.message(root, view.length, 0, undefined, 1);
    if (r.pending !== null) r.finish64();
    lastMerged = r.merged;
    return out;
  } catch (err) {
    if (err === GIVE_UP) return undefined;
    throw err;
  }
}

// Whether the last successful read merged a repeated message field (see `readShaped`).
let lastMerged = false;

/** The state of one read: its own object (class fields are faster to reach than module variables). */
export class Reader {
  pos = 0;
  /** The 64-bit value just read, as two unsigned 32-bit halves. */
  lo = 0;
  hi = 0;
  /** Records of maps with 64-bit keys, still keyed by hash: [owner, field, owner, field, …]. */
  pending: (Record<string, unknown> | RField)[] | null = null;
  /** Set when a message with presence fields was merged into: its keys may be out of order. */
  merged = false;
  /**
   * A checked read (no prescan ran): every limit and bound the prescan enforces is checked as the value
   * is read, with the prescan's rules (depth counts arrays and records as levels; counts are per message
   * value, merged occurrences together, and per field, map entries as they occur on the wire), and what
   * is not checked here gives up.
   */
  checked = false;
  maxDepth = 0;
  maxString = 0;
  maxBinary = 0;
  maxArray = 0;
  maxEntries = 0;
  /** Checked reads: wire entries per map field of each open message, a window of t.maps per message. */
  esp = 0;

  /**
   * The input's memory, for views of bytes fields (`new Uint8Array` on it is ~1.6× faster than
   * `subarray`), fetched at the first one: reading `buffer` costs about as much as the view.
   */
  memory: ArrayBufferLike | null = null;
  base = 0;

  constructor(
    readonly buf: Uint8Array,
    /** protobufjs' Reader.recursionLimit. */
    readonly limit: number,
  ) {}

  /** A view of `len` bytes of the input from `start`. */
  view(start: number, len: number): Uint8Array {
    if (this.memory === null) {
      this.memory = this.buf.buffer;
      this.base = this.buf.byteOffset;
    }
    return new Uint8Array(this.memory, this.base + start, len);
  }

  check(limits: Readonly<Limits>): void {
    this.checked = true;
    this.maxDepth = limits.maxDepth;
    this.maxString = limits.maxStringBytes;
    this.maxBinary = limits.maxBinaryBytes;
    this.maxArray = limits.maxArrayLength;
    this.maxEntries = limits.maxMapEntries;
  }

  /** A message with nothing read into it, as `message` would return it. */
  emptyMessage(t: RTable): Record<string, unknown> {
    const m = this.newMessage(t);
    return t.order !== null && t.presence.length > 0 ? inOrder(m, t.order, t.always) : m;
  }

  newMessage(t: RTable): Record<string, unknown> {
    // A spread clone takes the template's hidden class whole, which is fast as long as the message
    // only overwrites its fields; one that gains properties (fields with presence) is built with
    // Object.assign, whose result extends the ordinary hidden-class tree instead.
    const out: Record<string, unknown> =
      t.clone === null ? Object.assign({}, t.template) : t.clone(t.full ?? t.template);
    const lists = t.lists;
    for (let i = 0; i < lists.length; i++) out[lists[i] as string] = [];
    const maps = t.maps;
    for (let i = 0; i < maps.length; i++) out[(maps[i] as RField).name] = {};
    if (t.maps64) {
      for (let i = 0; i < maps.length; i++) {
        const f = maps[i] as RField;
        if (f.key64 === 0) continue;
        this.pending ??= [];
        this.pending.push(out, f);
      }
    }
    return out;
  }

  /**
   * One message body up to `end`, at protobufjs' nesting `q` (the top message is 0), into `target` (a
   * message already read for the same field, which protobufjs merges into) or a new object. `d` is its
   * depth as the prescan counts it (the top message is 1), for checked reads.
   */
  message(
    t: RTable,
    end: number,
    q: number,
    target: Record<string, unknown> | undefined,
    d: number,
  ): Record<string, unknown> {
    if (q > this.limit) giveUp(); // protobufjs: "max depth exceeded"
    if (target !== undefined) {
      // A second occurrence merged into the first may append presence fields out of declaration order.
      if (!t.closed) this.merged = true;
      // Its maps' entries so far were counted in the earlier occurrences' windows, which are gone (lists
      // count on: they are their own count). The prescan counts across occurrences.
      if (this.checked && t.maps.length > 0) giveUp();
    }
    const out = target ?? this.newMessage(t);
    const dense = t.dense;
    const buf = this.buf;
    const checked = this.checked;
    // Checked reads: this message's window of map entry counts.
    const base = this.esp;
    if (checked && t.maps.length > 0) {
      const top = base + t.maps.length;
      if (top > entryCounts.length) entryCounts = growCounts(top);
      for (let i = base; i < top; i++) entryCounts[i] = 0;
      this.esp = top;
    }
    while (this.pos < end) {
      const b = buf[this.pos] as number;
      let tag: number;
      if (b < 0x80) {
        tag = b;
        this.pos++;
      } else if (!checked) tag = this.varint32() >>> 0;
      else {
        // Two-byte tags (fields up to 2047) as the prescan reads them; longer ones are left to it.
        const b1 = buf[this.pos + 1] as number;
        if (!(b1 < 0x80)) giveUp();
        tag = (b & 0x7f) | (b1 << 7);
        this.pos += 2;
      }
      const id = tag >>> 3;
      const wt = tag & 7;
      const f =
        id < dense.length ? dense[id] : id >= DENSE_LIMIT && t.sparse !== null ? t.sparse.get(id) : undefined;
      if (f === undefined) {
        if (id === 0 || (wt === 3 && t.empty)) giveUp();
        this.skip(wt, id, q);
        continue;
      }
      const kind = f.kind;
      if (kind === F_SINGLE) {
        if (wt !== f.wire) {
          this.skip(wt, id, q);
          continue;
        }
        const name = f.name;
        const op = f.op;
        if (op === R_MESSAGE) {
          const len = this.length();
          if (checked && d + 1 > this.maxDepth) giveUp();
          const prev = out[name];
          out[name] = this.message(
            f.msg as RTable,
            this.pos + len,
            q + 1,
            typeof prev === "object" && prev !== null ? (prev as Record<string, unknown>) : undefined,
            d + 1,
          );
        } else if (op === R_BYTES) {
          out[name] = this.bytes(!f.presence);
        } else out[name] = this.scalar(op);
        const sib = f.siblings;
        if (sib !== null) {
          for (let i = 0; i < sib.length; i++) {
            const s = sib[i] as string;
            if (out[s] !== undefined) delete out[s];
          }
        }
      } else if (kind === F_REPEATED) {
        const list = out[f.name] as unknown[];
        const op = f.op;
        if (wt === f.wire) {
          // The array is a level; its elements are counted per message (merged ones: with the first's).
          if (checked && (list.length >= this.maxArray || d + 1 > this.maxDepth)) giveUp();
          if (op === R_MESSAGE) {
            const len = this.length();
            if (checked && d + 2 > this.maxDepth) giveUp();
            list.push(this.message(f.msg as RTable, this.pos + len, q + 1, undefined, d + 2));
          } else {
            list.push(this.scalar(op));
            // The same one-byte tag next (a list of strings or bytes, written one element a field): read
            // on here rather than through the dispatch above, which would find the same field.
            while (tag < 0x80 && this.pos < end && buf[this.pos] === tag) {
              if (checked && list.length >= this.maxArray) giveUp();
              this.pos++;
              list.push(this.scalar(op));
            }
          }
        } else if (wt === 2 && f.packable) {
          const len = this.length();
          const stop = this.pos + len;
          if (!checked) {
            while (this.pos < stop) list.push(this.scalar(op));
          } else {
            if (len > 0 && d + 1 > this.maxDepth) giveUp();
            const most = this.maxArray;
            while (this.pos < stop) {
              if (list.length >= most) giveUp();
              list.push(this.scalar(op));
            }
          }
          if (this.pos !== stop) giveUp();
        } else this.skip(wt, id, q);
      } else if (wt === 2) {
        if (checked) {
          // A record is a level; entries are counted as they occur on the wire, duplicates included.
          const at = base + f.mapSlot;
          const n = (entryCounts[at] as number) + 1;
          entryCounts[at] = n;
          if (n > this.maxEntries || d + 1 > this.maxDepth) giveUp();
        }
        this.entry(f, out[f.name] as Record<string, unknown>, q, d + 1);
      } else this.skip(wt, id, q);
    }
    if (this.pos !== end) giveUp();
    this.esp = base;
    // Fields with presence were appended after the template's: a new message is rebuilt in declaration
    // order (the order of the zod shape, as zod's own copy would have it), so the fast schema check
    // (src/fastcheck.ts) can keep it as it is instead of falling back to zod.
    if (target === undefined && t.order !== null) {
      // Built on the declared-order template: only a presence field left unset (undefined) is rebuilt out.
      const p = t.presence;
      for (let i = 0; i < p.length; i++)
        if (out[p[i] as string] === undefined) return inOrder(out, t.order, t.always);
    }
    return out;
  }

  /**
   * One map entry of field `f` into `rec` (a record at depth `d`): key (1) and value (2), anything else
   * skipped.
   */
  entry(f: RField, rec: Record<string, unknown>, q: number, d: number): void {
    const len = this.length();
    const stop = this.pos + len;
    const keyOp = f.keyOp;
    const keyWire = f.keyWire;
    const valWire = f.wire;
    const op = f.op;
    let key: string | number | undefined;
    let value: unknown;
    let has = false;
    while (this.pos < stop) {
      // Checked reads: an entry's key and value tags are one byte; anything else is left to the prescan.
      if (this.checked && !((this.buf[this.pos] as number) < 0x80)) giveUp();
      const tag = this.varint32() >>> 0;
      const id = tag >>> 3;
      const wt = tag & 7;
      if (id === 1 && wt === keyWire) {
        key = this.mapKey(keyOp);
        // Every occurrence, not only the one that wins: the prescan refuses a forbidden key wherever it
        // occurs in the entry, so it words the error (never built into a record).
        if (typeof key === "string" && isForbiddenKey(key)) giveUp();
      } else if (id === 2 && wt === valWire) {
        if (op === R_MESSAGE) {
          const len = this.length();
          if (this.checked && d + 1 > this.maxDepth) giveUp();
          value = this.message(
            f.msg as RTable,
            this.pos + len,
            q + 1,
            has ? (value as Record<string, unknown>) : undefined,
            d + 1,
          );
        } else value = this.scalar(op);
        has = true;
      } else {
        if (id === 0) giveUp();
        this.skip(wt, id, q);
      }
    }
    if (this.pos !== stop) giveUp();
    if (!has) value = op === R_MESSAGE ? this.emptyMessage(f.msg as RTable) : f.mapDefault;
    if (key === undefined) {
      // protobufjs starts from the key type's default; a missing 64-bit key is the number 0 ("0").
      key = keyOp === R_STRING ? "" : keyOp === R_BOOL ? "false" : "0";
    }
    rec[key as string] = value;
  }

  /** A map key as protobufjs spells the property: numbers, "true"/"false", strings, 64-bit hashes. */
  mapKey(op: number): string | number {
    switch (op) {
      case R_STRING:
        return this.string();
      case R_BOOL:
        return this.bool() ? "true" : "false";
      case R_INT64:
      case R_UINT64:
        this.varint64();
        return this.hash();
      case R_SINT64:
        this.varint64();
        this.unzigzag64();
        return this.hash();
      case R_FIXED64:
      case R_SFIXED64:
        this.fixed64();
        return this.hash();
      default:
        return this.scalar(op) as number;
    }
  }

  /** protobufjs' util.longToHash of the value in lo/hi. */
  hash(): string {
    const lo = this.lo;
    const hi = this.hi;
    return String.fromCharCode(
      lo & 255,
      (lo >>> 8) & 255,
      (lo >>> 16) & 255,
      lo >>> 24,
      hi & 255,
      (hi >>> 8) & 255,
      (hi >>> 16) & 255,
      hi >>> 24,
    );
  }

  /** Rewrites the hash-keyed records of 64-bit maps to decimal keys, as normalise.ts' plainMap does. */
  finish64(): void {
    const pending = this.pending as (Record<string, unknown> | RField)[];
    for (let i = 0; i < pending.length; i += 2) {
      const owner = pending[i] as Record<string, unknown>;
      const f = pending[i + 1] as RField;
      const m = owner[f.name] as Record<string, unknown>;
      const keys = Object.keys(m);
      if (keys.length === 0) continue;
      const out: Record<string, unknown> = {};
      const unsigned = f.key64 === 2;
      for (let k = 0; k < keys.length; k++) {
        const h = keys[k] as string;
        out[h.length === 8 ? hashToDecimal(h, unsigned) : h] = m[h];
      }
      owner[f.name] = out;
    }
  }

  /** Reads one value (not a message) as normalise.ts' plain value. */
  scalar(op: number): unknown {
    switch (op) {
      case R_INT32:
        return this.int32();
      case R_UINT32:
        return this.uint32();
      case R_SINT32:
        return this.sint32();
      case R_FIXED32:
        return this.fixed32() >>> 0;
      case R_SFIXED32:
        return this.fixed32() | 0;
      case R_FLOAT:
        return this.float32();
      case R_DOUBLE:
        return this.float64();
      case R_BOOL:
        return this.bool();
      case R_INT64:
        return this.int64();
      case R_UINT64:
        return this.uint64();
      case R_SINT64:
        return this.sint64();
      case R_FIXED64:
        return this.fixed64u();
      case R_SFIXED64:
        return this.sfixed64();
      case R_STRING:
        return this.string();
      case R_BYTES:
        return this.bytes();
      default:
        return giveUp();
    }
  }

  // One value of each scalar type, as `scalar` reads it (generated readers call these directly). A 32-bit
  // value whose varint does not fit its field gives up: the prescan refuses it (see varint-range.ts).
  int32(): number {
    return this.varint32(W_VARINT32) | 0;
  }

  uint32(): number {
    return this.varint32(W_UVARINT32) >>> 0;
  }

  sint32(): number {
    const v = this.varint32(W_UVARINT32);
    return ((v >>> 1) ^ -(v & 1)) | 0;
  }

  int64(): bigint {
    this.varint64();
    return toBigInt(this.lo, this.hi, false);
  }

  uint64(): bigint {
    this.varint64();
    return toBigInt(this.lo, this.hi, true);
  }

  sint64(): bigint {
    this.varint64();
    this.unzigzag64();
    return toBigInt(this.lo, this.hi, false);
  }

  fixed64u(): bigint {
    this.fixed64();
    return toBigInt(this.lo, this.hi, true);
  }

  sfixed64(): bigint {
    this.fixed64();
    return toBigInt(this.lo, this.hi, false);
  }

  /**
   * A bytes value: a view of the input (checked reads: within maxBinaryBytes). `sharedEmpty`: an empty one
   * is the shared EMPTY_BYTES, as a singular field without presence has it in the template.
   */
  bytes(sharedEmpty = false): Uint8Array {
    const len = this.length();
    if (this.checked && len > this.maxBinary) giveUp();
    const start = this.pos;
    this.pos = start + len;
    return len === 0 && sharedEmpty ? EMPTY_BYTES : this.view(start, len);
  }

  // ---- for generated readers (always checked reads: see generate.ts) ----

  /** A tag of one or two bytes (fields up to 2047), as `message` reads it; a longer one gives up. */
  tag(): number {
    const buf = this.buf;
    const b = buf[this.pos] as number;
    if (b < 0x80) {
      this.pos++;
      return b;
    }
    const b1 = buf[this.pos + 1] as number;
    if (!(b1 < 0x80)) giveUp();
    this.pos += 2;
    return (b & 0x7f) | (b1 << 7);
  }

  /** A map entry's key or value tag: one byte, as `entry` takes it in a checked read. */
  entryTag(): number {
    const b = this.buf[this.pos] as number;
    if (!(b < 0x80)) giveUp();
    this.pos++;
    return b;
  }

  /** The end of a nested message (a field, an element or a map value) that is at `depth`. */
  nested(depth: number): number {
    const len = this.length();
    if (depth > this.maxDepth) giveUp();
    return this.pos + len;
  }

  /** The end of a packed run, which (when not empty) is an array at `depth`. */
  packed(depth: number): number {
    const len = this.length();
    if (len > 0 && depth > this.maxDepth) giveUp();
    return this.pos + len;
  }

  /**
   * A length prefix, which must fit in the bytes that remain (the prescan also checked that it fits its
   * message; a checked read finds out when the message's end is not where the next read starts).
   */
  length(): number {
    const buf = this.buf;
    const b = buf[this.pos] as number;
    let len: number;
    if (b < 0x80) {
      this.pos++;
      len = b;
    } else len = this.checked ? this.shortLength() : this.varint32() >>> 0;
    if (len > buf.length - this.pos) giveUp();
    return len;
  }

  /** Checked reads: a length prefix of up to 4 bytes (below 2^28); a longer one is left to the prescan. */
  shortLength(): number {
    const buf = this.buf;
    let p = this.pos;
    let v = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      const c = buf[p++] as number;
      if (!(c >= 0)) giveUp(); // past the end
      v |= (c & 0x7f) << shift;
      if (c < 0x80) {
        this.pos = p;
        return v;
      }
    }
    return giveUp();
  }

  /**
   * A varint's low 32 bits (as protobufjs' uint32 reads it: further bytes skipped), as an int32. The
   * prescan checked that it ends within 10 bytes and within its message. With the `walk` of a 32-bit
   * field, one of five bytes or more that does not fit it gives up (shorter ones always fit); tags and
   * lengths pass none.
   */
  varint32(walk = -1): number {
    const buf = this.buf;
    let p = this.pos;
    let b = buf[p++] as number;
    let v = b & 0x7f;
    if (b >= 0x80) {
      b = buf[p++] as number;
      v |= (b & 0x7f) << 7;
      if (b >= 0x80) {
        b = buf[p++] as number;
        v |= (b & 0x7f) << 14;
        if (b >= 0x80) {
          b = buf[p++] as number;
          v |= (b & 0x7f) << 21;
          if (b >= 0x80) {
            b = buf[p++] as number;
            v |= b << 28;
            if (b >= 0x80) {
              let i = 0;
              while (i < 5 && (buf[p++] as number) >= 0x80) i++;
              if (i === 5) giveUp();
            }
            if (walk >= 0 && !varintFits(buf, this.pos, p - 1, walk)) giveUp();
          }
        }
      }
    }
    this.pos = p;
    return v;
  }

  /** A varint's 64 bits into lo/hi; one with bits past 64 gives up (protobufjs drops them). */
  varint64(): void {
    const buf = this.buf;
    const start = this.pos;
    let p = start;
    let b = buf[p++] as number;
    let l = b & 0x7f;
    let h = 0;
    if (b >= 0x80) {
      for (let shift = 7; shift < 28; shift += 7) {
        b = buf[p++] as number;
        l |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
      if (b >= 0x80) {
        b = buf[p++] as number;
        l |= (b & 0x7f) << 28;
        h = (b & 0x7f) >> 4;
        if (b >= 0x80) {
          for (let shift = 3; shift < 35; shift += 7) {
            b = buf[p++] as number;
            h |= (b & 0x7f) << shift;
            if (b < 0x80) break;
          }
          if (b >= 0x80 || (b > 1 && p - start === 10)) giveUp();
        }
      }
    }
    this.pos = p;
    this.lo = l >>> 0;
    this.hi = h >>> 0;
  }

  unzigzag64(): void {
    const lo = this.lo;
    const hi = this.hi;
    const mask = -(lo & 1);
    this.lo = (((lo >>> 1) | (hi << 31)) ^ mask) >>> 0;
    this.hi = ((hi >>> 1) ^ mask) >>> 0;
  }

  /** A bool: the varint 0 or 1, in any number of bytes; another value gives up (see varint-range.ts). */
  bool(): boolean {
    const buf = this.buf;
    const start = this.pos;
    const b = buf[start] as number;
    if (b < 0x80) {
      this.pos = start + 1;
      return b === 1 ? true : b === 0 ? false : giveUp();
    }
    for (let i = 1; i < 10; i++) {
      if ((buf[start + i] as number) < 0x80) {
        this.pos = start + i + 1;
        return varintFits(buf, start, start + i, W_BOOL) ? (b & 1) === 1 : giveUp();
      }
    }
    return giveUp();
  }

  fixed32(): number {
    const buf = this.buf;
    const p = this.pos;
    this.pos = p + 4;
    return (
      (buf[p] as number) |
      ((buf[p + 1] as number) << 8) |
      ((buf[p + 2] as number) << 16) |
      ((buf[p + 3] as number) << 24)
    );
  }

  fixed64(): void {
    this.lo = this.fixed32() >>> 0;
    this.hi = this.fixed32() >>> 0;
  }

  float32(): number {
    F32_WORD[0] = this.fixed32();
    return F32[0] as number;
  }

  float64(): number {
    const lo = this.fixed32();
    const hi = this.fixed32();
    F64_WORDS[LE ? 0 : 1] = lo;
    F64_WORDS[LE ? 1 : 0] = hi;
    return F64[0] as number;
  }

  /** A string (valid UTF-8: the prescan or this read checks), decoded by ../../text.ts (every reader's). */
  string(): string {
    const len = this.length();
    const start = this.pos;
    this.pos = start + len;
    if (!this.checked) return readText(this.buf, start, len);
    if (len > this.maxString) giveUp();
    const s = readValidText(this.buf, start, len);
    return s === undefined ? giveUp() : s;
  }

  /** Skips an unknown value (or a known field on a wire type it cannot have), as protobufjs' skipType. */
  skip(wt: number, id: number, q: number): void {
    if (this.checked) giveUp(); // unknown and misplaced fields are bounded by the prescan only
    switch (wt) {
      case 0:
        for (let i = 0; i < 10; i++) if ((this.buf[this.pos++] as number) < 0x80) return;
        giveUp();
        return;
      case 1:
        this.pos += 8;
        return;
      case 2: {
        const len = this.length(); // read before `pos`: `pos += length()` would add to the old pos
        this.pos += len;
        return;
      }
      case 3:
        this.skipGroup(id, q);
        return;
      case 5:
        this.pos += 4;
        return;
      default:
        giveUp();
    }
  }

  /** protobufjs' skipType(3, depth, id): every element inside is skipped one level deeper. */
  skipGroup(id: number, depth: number): void {
    for (;;) {
      if (this.pos >= this.buf.length) giveUp();
      const tag = this.varint32() >>> 0;
      const fid = tag >>> 3;
      const wt = tag & 7;
      if (fid === 0) giveUp();
      if (wt === 4) {
        if (fid !== id) giveUp();
        return;
      }
      if (depth + 1 > this.limit) giveUp();
      this.skip(wt, fid, depth + 1);
    }
  }
}

function hashToDecimal(h: string, unsigned: boolean): string {
  const l =
    (h.charCodeAt(0) | (h.charCodeAt(1) << 8) | (h.charCodeAt(2) << 16) | (h.charCodeAt(3) << 24)) >>> 0;
  const u =
    (h.charCodeAt(4) | (h.charCodeAt(5) << 8) | (h.charCodeAt(6) << 16) | (h.charCodeAt(7) << 24)) >>> 0;
  return toBigInt(l, u, unsigned).toString();
}

/** Two unsigned 32-bit halves as a bigint, signed or not (normalise.ts' toBigInt). */
function toBigInt(l: number, h: number, unsigned: boolean): bigint {
  if (h < 0x200000) return BigInt(h * TWO_32 + l); // below 2^53: exact as a number
  if (!unsigned && h >= 0xffe00000) return BigInt((h - TWO_32) * TWO_32 + l); // above -2^53
  // The two words read back as one 64-bit element: one bigint made, not four (3× faster, measured).
  I64_WORDS[LE ? 0 : 1] = l;
  I64_WORDS[LE ? 1 : 0] = h;
  return unsigned ? (U64[0] as bigint) : (I64[0] as bigint);
}

// Floats go through one shared scratch word (as protobufjs' util.float): the wire's little-endian bits
// as 32-bit words, read back as the float. Words are in the platform's byte order, so only the order of
// a double's two words depends on it.
const F32 = new Float32Array(1);
const F64 = new Float64Array(1);
const F32_WORD = new Int32Array(F32.buffer);
const F64_WORDS = new Int32Array(F64.buffer);
const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const I64 = new BigInt64Array(1);
const U64 = new BigUint64Array(I64.buffer);
const I64_WORDS = new Uint32Array(I64.buffer);
