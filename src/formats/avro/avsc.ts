import avsc, { type Type } from "avsc";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function isInt64(v: unknown): v is bigint {
  return typeof v === "bigint" && v >= INT64_MIN && v <= INT64_MAX;
}

// avsc packs the 8 bytes `toBuffer` returns into the output before asking for the next long, so one
// scratch buffer serves every call (avsc may also invert it in place: it is rewritten each time).
const SCRATCH = Buffer.alloc(8);

/**
 * Avro `long` as an exact `bigint`. avsc's own long type refuses anything past 2^53; this one is only
 * used on encode (safewire's reader decodes longs itself) and for field defaults.
 */
const BIGINT_LONG: Type = avsc.types.LongType.__with({
  fromBuffer: (buf: Buffer) => buf.readBigInt64LE(0),
  toBuffer: (v: bigint) => {
    SCRATCH.writeBigInt64LE(v);
    return SCRATCH;
  },
  // Field defaults come through here. One past int64 is refused with its number: avsc's own words for it
  // would print the bigint with JSON.stringify, which throws ("Do not know how to serialize a BigInt").
  fromJSON: (v: unknown) => {
    // A number past 2^53 may already be rounded (JSON.parse of "9007199254740993" gives ...992): refused,
    // not taken as the bigint of whatever it became.
    if (typeof v === "number" && Number.isInteger(v) && !Number.isSafeInteger(v)) {
      throw new Error(`${v} is past 2^53 as a number, so it may be rounded: give it as a string or a bigint`);
    }
    const n = typeof v === "bigint" ? v : BigInt(v as number | string);
    if (!isInt64(n)) throw new Error(`${n} is outside the signed 64-bit range of a long`);
    return n;
  },
  toJSON: (v: bigint) => (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()),
  isValid: isInt64,
  compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
});

// Every `long` (logical types on it included: they decode as their underlying long) becomes a bigint.
function typeHook(schema: unknown): Type | undefined {
  if (schema === "long") return BIGINT_LONG;
  if (typeof schema === "object" && schema !== null && (schema as { type?: unknown }).type === "long") {
    return BIGINT_LONG;
  }
  return undefined;
}

/** An Avro schema as JSON: a type name, a `{ type, ... }` object, or a union (an array). Checked at run time. */
export type AvroSchema = string | { readonly [attr: string]: unknown } | readonly unknown[];

/** An avsc Type or an Avro schema. */
export type AvroTypeInput = Type | AvroSchema;

/** Where `x` (a schema as JSON) has an own "__proto__" key, as a dotted path; undefined where none. */
function protoKeyPath(x: unknown, path: string[], seen: Set<object>): string | undefined {
  if (typeof x !== "object" || x === null || seen.has(x)) return undefined;
  seen.add(x);
  if (Object.hasOwn(x, "__proto__")) return [...path, "__proto__"].join(".");
  for (const k of Object.keys(x)) {
    const found = protoKeyPath((x as Record<string, unknown>)[k], [...path, k], seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Builds the avsc Type safewire encodes with. An avsc Type passed in is rebuilt from its schema, since
 * its own options (wrapped unions, number longs) would not match safewire's value mapping:
 * - unions are unwrapped (`wrapUnions: "never"`): a `["null","string"]` value is `null` or a string.
 *   avsc refuses unions whose branches a plain value cannot tell apart (two records, two numeric types
 *   other than int/long, string and enum, bytes and fixed, map and record); so does safewire.
 * - `long` is always a bigint.
 * - a schema with an own `__proto__` key anywhere (JSON.parse makes one) is refused: avsc's copies of
 *   defaults drop it, so a map default would lose that entry silently.
 */
export function avscType(input: AvroTypeInput): Type {
  const schema = (
    avsc.Type.isType(input) ? (input as Type).schema({ exportAttrs: true }) : input
  ) as Parameters<typeof avsc.Type.forSchema>[0];
  const proto = protoKeyPath(schema, [], new Set());
  if (proto !== undefined)
    // JSON.parse makes an own "__proto__" key, which avsc's copies drop: a map default would lose it silently.
    throw new TypeError(
      `invalid avro schema: a "__proto__" key at ${proto} (not allowed anywhere in a schema)`,
    );
  try {
    // A registry without a prototype: a type named "constructor" is no duplicate of Object's.
    return avsc.Type.forSchema(schema, { wrapUnions: "never", typeHook, registry: Object.create(null) });
  } catch (err) {
    // avsc's own message for an ambiguous union can be a crash while printing it: tell the cause apart
    // by trying again with wrapped unions, which never refuse a union.
    let ambiguous = false;
    try {
      avsc.Type.forSchema(schema, { wrapUnions: "always", typeHook, registry: Object.create(null) });
      ambiguous = true;
    } catch {
      // not a union problem: report avsc's own error below
    }
    const text = ambiguous
      ? "a union has two branches a plain value cannot tell apart (two records, two of int/float/double, " +
        "string and enum, bytes and fixed, or map and record); safewire represents Avro unions unwrapped"
      : err instanceof Error
        ? (inheritedSymbol(err.message) ?? bigintDefault(err, schema) ?? err.message)
        : String(err);
    throw new TypeError(`invalid avro schema: ${text}`, { cause: err });
  }
}

/**
 * avsc keeps an enum's symbols in a plain object, so a symbol that names an inherited property
 * ("toString", "constructor", "valueOf") is found there before it is added, and refused as a duplicate.
 * Said as it is, not as "duplicate".
 */
function inheritedSymbol(message: string): string | undefined {
  const m = /^duplicate "([^"]*)" symbol: "([^"]*)"$/.exec(message);
  if (m === null || !((m[2] as string) in Object.prototype)) return undefined;
  return (
    `enum ${m[1]}: the symbol "${m[2]}" names a property every JavaScript object inherits, which avsc ` +
    "(the Avro library safewire builds on) cannot hold as a symbol; rename it"
  );
}

// JSON.stringify's refusal, which avsc meets when it prints a default it refuses that holds a bigint.
const BIGINT_PRINT = /serialize a BigInt/;

/**
 * avsc words a refused field default with JSON.stringify, which throws on a bigint: its error is then
 * "Do not know how to serialize a BigInt", naming neither the field nor the rule. The field is found by
 * trying the schema with one bigint-holding default at a time (the others left out), on this error only.
 */
function bigintDefault(err: Error, schema: unknown): string | undefined {
  if (!(err instanceof TypeError) || !BIGINT_PRINT.test(err.message)) return undefined;
  const fields: { record: unknown; field: Record<string, unknown> }[] = [];
  const seen = new Set<object>();
  const walk = (x: unknown): void => {
    if (typeof x !== "object" || x === null || seen.has(x)) return;
    seen.add(x);
    const fs = (x as { fields?: unknown }).fields;
    if (Array.isArray(fs)) {
      for (const f of fs) {
        if (typeof f === "object" && f !== null && holdsBigint(f.default, new Set())) {
          fields.push({ record: (x as { name?: unknown }).name, field: f });
        }
      }
    }
    for (const v of Object.values(x)) walk(v);
  };
  walk(schema);
  for (const { record, field } of fields) {
    const others = new Set(fields.map((c) => c.field).filter((f) => f !== field));
    try {
      avsc.Type.forSchema(withoutDefaults(schema, others, new Map()) as never, {
        wrapUnions: "never",
        typeHook,
        registry: Object.create(null),
      });
    } catch (e) {
      if (e instanceof TypeError && BIGINT_PRINT.test(e.message)) {
        return (
          `record ${String(record)}: field ${JSON.stringify(String(field.name))} has default ` +
          `${printed(field.default)}, which is not a valid ${printed(field.type)}: a bigint is a default ` +
          "only where a long goes (in a union, its first branch), within the signed 64-bit range"
        );
      }
    }
  }
  return undefined;
}

function holdsBigint(x: unknown, seen: Set<object>): boolean {
  if (typeof x === "bigint") return true;
  if (typeof x !== "object" || x === null || seen.has(x)) return false;
  seen.add(x);
  return Object.values(x).some((v) => holdsBigint(v, seen));
}

/** A copy of the schema `x` with the defaults of `strip`'s fields left out. */
function withoutDefaults(x: unknown, strip: ReadonlySet<object>, copies: Map<object, unknown>): unknown {
  if (typeof x !== "object" || x === null) return x;
  const done = copies.get(x);
  if (done !== undefined) return done;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(x) ? [] : {};
  copies.set(x, copy);
  for (const [k, v] of Object.entries(x)) {
    if (k === "default" && strip.has(x)) continue;
    (copy as Record<string, unknown>)[k] = withoutDefaults(v, strip, copies);
  }
  return copy;
}

/** JSON, with a bigint as its digits and an "n". */
function printed(x: unknown): string {
  if (typeof x === "bigint") return `${x}n`;
  return JSON.stringify(x, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v)) ?? String(x);
}
