import type { Enum, Field, MapField, Type } from "protobufjs";

/*
 * Field tables compiled once per message type from protobufjs reflection. The prescan, the value
 * mapping and the encoder's checks all read these instead of the reflection objects: a field number
 * is one array index away, and nothing here generates code.
 */

/** How the prescan walks one value on the wire. */
export const W_VARINT = 0; // 64-bit integers (and unknown fields' varints): any value that fits 64 bits
export const W_FIXED64 = 1;
export const W_FIXED32 = 2;
export const W_STRING = 3;
export const W_BYTES = 4;
export const W_MESSAGE = 5;
/** A message in tag-delimited (group) encoding. */
export const W_GROUP = 6;
/**
 * Varints of 32-bit fields, whose value must fit the field: decoders keep only the low 32 bits of a longer
 * one, so 2^32 + 5 in a uint32 would read as 5. Signed (int32, enum): sign-extended to 64 bits, as every
 * encoder writes a negative one. Unsigned (uint32, and sint32's zigzag): below 2^32.
 */
export const W_VARINT32 = 7;
export const W_UVARINT32 = 8;
/** A bool's varint: 0 or 1 (decoders read any other as true). */
export const W_BOOL = 9;

/** How a decoded value maps to a plain value (and back). */
export const C_PLAIN = 0; // number, boolean, string, enum number: used as they are
export const C_INT64 = 1; // signed 64-bit: Long ↔ bigint
export const C_UINT64 = 2; // unsigned 64-bit: Long ↔ bigint
export const C_BYTES = 3; // Uint8Array view
export const C_MESSAGE = 4; // nested message ↔ plain object

/** Encode-side checks for scalars (what a plain value must be before protobufjs writes it). */
export const V_INT32 = 0;
export const V_UINT32 = 1;
export const V_INT64 = 2;
export const V_UINT64 = 3;
export const V_FLOAT = 4;
export const V_DOUBLE = 5;
export const V_BOOL = 6;
export const V_STRING = 7;
export const V_BYTES = 8;
export const V_MESSAGE = 9;

/** One value type: a field's element, or a map's key or value. */
export interface ValueType {
  /** The protobuf type name (`int64`, `string`, …), `enum` or `message`. */
  readonly type: string;
  /** Wire type of one value: 0, 1, 2, 3 (group) or 5. */
  readonly wire: number;
  readonly walk: number;
  readonly conv: number;
  readonly check: number;
  /** The message table, for messages and groups. Filled after construction (types may recurse). */
  message: MessageTable | null;
  /** Plain default for fields without presence (bytes: one frozen, shared, empty Uint8Array). */
  readonly plainDefault: unknown;
  /**
   * A closed enum (proto2's, or editions' `enum_type = CLOSED`): its full name and the numbers it names.
   * A decoder drops any other number (protobufjs keeps it out of the message), so none is encoded. Null
   * for open enums (any int32 goes) and for everything else.
   */
  readonly closed: ClosedEnum | null;
}

export interface ClosedEnum {
  readonly name: string;
  readonly values: ReadonlySet<number>;
}

export interface FieldInfo {
  readonly name: string;
  readonly id: number;
  readonly kind: number;
  readonly value: ValueType;
  /** Map key type (maps only). */
  readonly key: ValueType | null;
  /** A repeated scalar field that may arrive as packed runs (wire type 2). */
  readonly packable: boolean;
  /**
   * Counter slot in the prescan's window of its message: repeated and map fields (elements and entries so
   * far) and singular message fields (occurrences so far: a second one merges, see prescan.ts); else -1.
   */
  readonly slot: number;
  /** Explicit presence: absent → the key is left out of the plain object. */
  readonly presence: boolean;
  /** Maps with 64-bit keys: 1 signed, 2 unsigned; else 0. */
  readonly key64: number;
  /** Field numbers of the other members of its oneof (setting this field clears them); null when none. */
  readonly siblings: readonly number[] | null;
  /** proto2 `required`: encode refuses a value without it (protobufjs would write a default or throw). */
  readonly required: boolean;
}

export const F_SINGLE = 0;
export const F_REPEATED = 1;
export const F_MAP = 2;

export interface OneofInfo {
  readonly name: string;
  readonly fields: readonly FieldInfo[];
}

export interface MessageTable {
  /** Full name without the leading dot: `pkg.Message`. */
  readonly name: string;
  /** Declaration order. */
  readonly fields: readonly FieldInfo[];
  /** Field numbers below DENSE_LIMIT, by number. */
  readonly dense: readonly (FieldInfo | undefined)[];
  /** Field numbers from DENSE_LIMIT up (rare). */
  readonly sparse: ReadonlyMap<number, FieldInfo> | null;
  readonly byName: ReadonlyMap<string, FieldInfo>;
  /** Number of counter slots (see FieldInfo.slot): counters the prescan keeps per message. */
  readonly slots: number;
  /** Oneofs with two or more members (proto3 `optional` synthetic oneofs are left out). */
  readonly oneofs: readonly OneofInfo[];
  /** True when some field needs conversion on encode (64-bit, messages, maps): a copy is made. */
  readonly convertOnWrite: boolean;
  /** Defaults of the fields without presence, cloned for each decoded message. */
  readonly template: Readonly<Record<string, unknown>>;
  /** Fields whose decoded values need converting (64-bit, messages) or replacing (repeated, maps). */
  readonly post: readonly FieldInfo[];
  /**
   * Whether protobufjs can decode this message straight into a plain object (see normalise.ts):
   * no oneof (its decoder sets a virtual property and clears siblings through prototype setters)
   * and no implicit enum whose default is not 0.
   */
  readonly directable: boolean;
}

const DENSE_LIMIT = 1024;

export function lookupField(table: MessageTable, id: number): FieldInfo | undefined {
  // In-bounds reads only: an out-of-bounds array read is a slow path in V8.
  if (id < table.dense.length) return table.dense[id];
  return id >= DENSE_LIMIT && table.sparse !== null ? table.sparse.get(id) : undefined;
}

/** The default of an absent bytes field: shared, so frozen (a zero-length array has nothing else to change). */
export const EMPTY_BYTES = Object.freeze(new Uint8Array(0));

interface Scalar {
  wire: number;
  walk: number;
  conv: number;
  check: number;
  plainDefault: unknown;
}

const SCALARS: Readonly<Record<string, Scalar>> = {
  double: { wire: 1, walk: W_FIXED64, conv: C_PLAIN, check: V_DOUBLE, plainDefault: 0 },
  float: { wire: 5, walk: W_FIXED32, conv: C_PLAIN, check: V_FLOAT, plainDefault: 0 },
  int32: { wire: 0, walk: W_VARINT32, conv: C_PLAIN, check: V_INT32, plainDefault: 0 },
  uint32: { wire: 0, walk: W_UVARINT32, conv: C_PLAIN, check: V_UINT32, plainDefault: 0 },
  sint32: { wire: 0, walk: W_UVARINT32, conv: C_PLAIN, check: V_INT32, plainDefault: 0 },
  fixed32: { wire: 5, walk: W_FIXED32, conv: C_PLAIN, check: V_UINT32, plainDefault: 0 },
  sfixed32: { wire: 5, walk: W_FIXED32, conv: C_PLAIN, check: V_INT32, plainDefault: 0 },
  int64: { wire: 0, walk: W_VARINT, conv: C_INT64, check: V_INT64, plainDefault: 0n },
  uint64: { wire: 0, walk: W_VARINT, conv: C_UINT64, check: V_UINT64, plainDefault: 0n },
  sint64: { wire: 0, walk: W_VARINT, conv: C_INT64, check: V_INT64, plainDefault: 0n },
  fixed64: { wire: 1, walk: W_FIXED64, conv: C_UINT64, check: V_UINT64, plainDefault: 0n },
  sfixed64: { wire: 1, walk: W_FIXED64, conv: C_INT64, check: V_INT64, plainDefault: 0n },
  bool: { wire: 0, walk: W_BOOL, conv: C_PLAIN, check: V_BOOL, plainDefault: false },
  string: { wire: 2, walk: W_STRING, conv: C_PLAIN, check: V_STRING, plainDefault: "" },
  bytes: { wire: 2, walk: W_BYTES, conv: C_BYTES, check: V_BYTES, plainDefault: EMPTY_BYTES },
};

function isMessageType(x: unknown): x is Type {
  return typeof x === "object" && x !== null && "fieldsArray" in x && "oneofsArray" in x;
}

interface EnumFeatures {
  _features?: { enum_type?: string };
}

function isEnumType(x: unknown): x is Enum {
  return typeof x === "object" && x !== null && "valuesById" in x;
}

/** A reflection Type, structurally: what `protobufCodec` accepts as `type` or `descriptor`. */
export function isReflectionType(x: unknown): x is Type {
  return isMessageType(x) && typeof (x as { fullName?: unknown }).fullName === "string";
}

const cache = new WeakMap<Type, MessageTable>();

/**
 * Compiles (once, cached per Type) the tables for `type` and every type it reaches. Resolves the
 * reflection tree first: `resolveAll` links type references and feature defaults (presence, packed)
 * without generating code, so this is safe where code generation is disallowed.
 */
export function compileTables(type: Type): MessageTable {
  const hit = cache.get(type);
  if (hit) return hit;
  type.root.resolveAll();
  const pending: [ValueType, Type][] = [];
  const made = new Map<Type, MessageTable>();
  const table = build(type, made, pending);
  // Fill message references breadth-first; `made` breaks cycles for recursive types.
  while (pending.length > 0) {
    const [vt, t] = pending.pop() as [ValueType, Type];
    vt.message = made.get(t) ?? cache.get(t) ?? build(t, made, pending);
  }
  for (const [t, tab] of made) if (!cache.has(t)) cache.set(t, tab);
  return table;
}

function valueType(
  field: Field,
  typeName: string,
  resolved: unknown,
  pending: [ValueType, Type][],
): ValueType {
  const scalar = SCALARS[typeName];
  if (scalar !== undefined) {
    const { wire, walk, conv, check, plainDefault } = scalar;
    return { type: typeName, wire, walk, conv, check, message: null, plainDefault, closed: null };
  }
  if (isEnumType(resolved)) {
    const first = Object.values(resolved.values)[0] ?? 0;
    return {
      type: "enum",
      wire: 0,
      walk: W_VARINT32,
      conv: C_PLAIN,
      check: V_INT32,
      message: null,
      plainDefault: typeof field.typeDefault === "number" ? field.typeDefault : first,
      // The test protobufjs' decoder makes (after resolveAll, which resolves the features).
      closed:
        (resolved as EnumFeatures)._features?.enum_type === "CLOSED"
          ? {
              name: resolved.fullName.replace(/^\./, ""),
              values: new Set(Object.values(resolved.values)),
            }
          : null,
    };
  }
  if (isMessageType(resolved)) {
    const delimited = !field.map && field.delimited;
    const vt: ValueType = {
      type: "message",
      wire: delimited ? 3 : 2,
      walk: delimited ? W_GROUP : W_MESSAGE,
      conv: C_MESSAGE,
      check: V_MESSAGE,
      message: null,
      plainDefault: undefined,
      closed: null,
    };
    pending.push([vt, resolved]);
    return vt;
  }
  throw new TypeError(`protobuf field ${field.fullName}: unsupported type "${typeName}"`);
}

function build(type: Type, made: Map<Type, MessageTable>, pending: [ValueType, Type][]): MessageTable {
  const fields: FieldInfo[] = [];
  let sparse: Map<number, FieldInfo> | null = null;
  const byName = new Map<string, FieldInfo>();
  let slots = 0;
  let convertOnWrite = false;
  const siblings = new Map<string, number[]>();
  for (const oneof of type.oneofsArray) {
    if (oneof.fieldsArray.length < 2) continue;
    for (const f of oneof.fieldsArray)
      siblings.set(
        f.name,
        oneof.fieldsArray.filter((g) => g !== f).map((g) => g.id),
      );
  }
  for (const raw of type.fieldsArray) {
    const field = raw.resolve();
    // Assigning a "__proto__" key would set the plain object's prototype instead of a field.
    if (field.name === "__proto__")
      throw new TypeError(`protobuf field ${field.fullName}: the name __proto__ is not supported`);
    let info: FieldInfo;
    if (field.map) {
      const keyType = (field as unknown as MapField).keyType;
      const key = valueType(field, keyType, null, pending);
      const value = valueType(field, field.type, field.resolvedType, pending);
      info = {
        name: field.name,
        id: field.id,
        kind: F_MAP,
        value,
        key,
        packable: false,
        slot: slots++,
        presence: false,
        key64: key.conv === C_INT64 ? 1 : key.conv === C_UINT64 ? 2 : 0,
        siblings: null,
        required: false,
      };
      convertOnWrite = true;
    } else {
      const value = valueType(field, field.type, field.resolvedType, pending);
      const repeated = field.repeated;
      info = {
        name: field.name,
        id: field.id,
        kind: repeated ? F_REPEATED : F_SINGLE,
        value,
        key: null,
        // protobufjs (like protoc) accepts packed and unpacked runs for any packable repeated field.
        packable: repeated && (value.wire === 0 || value.walk === W_FIXED32 || value.walk === W_FIXED64),
        slot: repeated || value.conv === C_MESSAGE ? slots++ : -1,
        presence: !repeated && (value.conv === C_MESSAGE || field.hasPresence),
        key64: 0,
        siblings: siblings.get(field.name) ?? null,
        required: field.required,
      };
      if (value.conv === C_INT64 || value.conv === C_UINT64 || value.conv === C_MESSAGE)
        convertOnWrite = true;
    }
    fields.push(info);
    byName.set(info.name, info);
    if (info.id >= DENSE_LIMIT) {
      sparse ??= new Map();
      sparse.set(info.id, info);
    }
  }
  // A packed (hole-free) array keeps the prescan's field lookup on V8's fast path.
  let top = 0;
  for (const f of fields) if (f.id < DENSE_LIMIT && f.id > top) top = f.id;
  const dense: (FieldInfo | undefined)[] = Array.from({ length: top + 1 }, () => undefined);
  for (const f of fields) if (f.id < DENSE_LIMIT) dense[f.id] = f;
  const oneofs: OneofInfo[] = [];
  for (const oneof of type.oneofsArray) {
    if (oneof.fieldsArray.length < 2) continue;
    const members = oneof.fieldsArray
      .map((f) => byName.get(f.name))
      .filter((f): f is FieldInfo => f !== undefined);
    oneofs.push({ name: oneof.name, fields: members });
  }
  // Repeated and map fields are in the template too (undefined, filled after the copy), so that
  // copying the decoder's fields over a clone only overwrites properties, never adds them. Built by
  // Object.fromEntries: an object grown key by key turns into a slow dictionary past a dozen keys.
  const entries: [string, unknown][] = [];
  const post: FieldInfo[] = [];
  for (const f of fields) {
    if (f.kind === F_SINGLE) {
      if (!f.presence) entries.push([f.name, f.value.plainDefault]);
      if (f.value.conv !== C_PLAIN && f.value.conv !== C_BYTES) post.push(f);
    } else {
      entries.push([f.name, undefined]);
      post.push(f);
    }
  }
  const template = Object.fromEntries(entries);
  const directable =
    type.oneofsArray.length === 0 &&
    fields.every(
      (f) => f.kind !== F_SINGLE || f.presence || f.value.type !== "enum" || f.value.plainDefault === 0,
    );
  const table: MessageTable = {
    name: type.fullName.replace(/^\./, ""),
    fields,
    dense,
    sparse,
    byName,
    slots,
    oneofs,
    convertOnWrite,
    template,
    post,
    directable,
  };
  made.set(type, table);
  return table;
}
