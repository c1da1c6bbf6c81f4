import { z } from "zod";
import { NEGATIVE_ZERO } from "./errors.js";
import { declareAcceptsAll, declareIdentityWhen, declarePlain } from "./fastcheck.js";
import { isUint8Array } from "./views.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

// Peers (msgpack-python, say) send small 64-bit integers in the smallest wire form, which decodes
// as a JS number; a safe integer is exact, so it is widened to bigint here. Anything else is refused,
// -0 with the reason int32() gives (BigInt(-0) is 0n: it would come back as 0, silently).
const widen = declareIdentityWhen(
  (v: unknown, ctx: z.core.$RefinementCtx): unknown => {
    if (typeof v !== "number" || !Number.isSafeInteger(v)) return v;
    if (Object.is(v, -0)) {
      ctx.addIssue({ code: "custom", message: NEGATIVE_ZERO, input: v });
      return v;
    }
    return BigInt(v);
  },
  (v) => typeof v !== "number",
);

/** A signed 64-bit integer, always a `bigint` in values (exact, never rounded). */
export function int64() {
  return declareAcceptsAll(z.preprocess(widen, z.bigint().gte(INT64_MIN).lte(INT64_MAX)), "int64");
}

/** An unsigned 64-bit integer, always a `bigint` in values. */
export function uint64() {
  return declareAcceptsAll(z.preprocess(widen, z.bigint().gte(0n).lte(UINT64_MAX)), "uint64");
}

/** Raw bytes: a `Uint8Array` (a Node Buffer is accepted on encode; decode always yields Uint8Array). */
export function bytes() {
  // A brand check, not instanceof: a Proxy of a Uint8Array passes instanceof and runs code as it is read.
  return declareAcceptsAll(
    declarePlain(z.custom<Uint8Array>(isUint8Array, { message: "expected a Uint8Array" })),
    "bytes",
  );
}

/**
 * A number stored as IEEE-754 binary32. Values that float32 cannot hold exactly are refused rather than
 * silently rounded: pass `Math.fround(x)` to store the nearest float32. NaN and ±Infinity pass; -0 keeps its sign.
 */
export function float32() {
  return anyNumber().refine((v) => Number.isNaN(v) || Math.fround(v) === v, {
    message: "number is not exactly representable as float32 (round it with Math.fround first)",
  });
}

/** A number stored as IEEE-754 binary64 (every JS number, NaN and ±Infinity included). */
export function float64() {
  return anyNumber();
}

// zod 4's z.number() refuses NaN and ±Infinity; tensors and sensor values may carry them on purpose.
// Use z.number() (or `finite` below) where only finite values make sense.
function anyNumber() {
  return declarePlain(z.custom<number>(isNumber, { message: "expected a number" }));
}
// One predicate for every anyNumber schema: zod's clones (float32's refine) keep it, so it names them all.
const isNumber = (v: unknown): boolean => typeof v === "number";

/**
 * @internal True when a zod schema's definition takes only numbers: zod's `z.number()` (so `finite`,
 * `int32`, `uint32`) and this module's `float32` and `float64`. Refinements of those stay numbers.
 */
export function takesOnlyNumbers(def: { type: string; fn?: unknown }): boolean {
  return def.type === "number" || (def.type === "custom" && def.fn === isNumber);
}

/** A finite binary64 number (zod's own z.number()): NaN and ±Infinity are refused. */
export function finite() {
  return z.number();
}

/**
 * @internal `schema` (an integer number schema) refusing -0. No wire has an integer -0: protobuf and Avro
 * would send 0, and msgpack a float -0.0 (which a Python peer reads as a float where an int goes). So it
 * is refused, on encode and on decode, rather than sent as something else.
 */
export function noNegativeZero<S extends z.ZodNumber>(schema: S): S {
  return schema.refine((v) => !Object.is(v, -0), { message: NEGATIVE_ZERO });
}

/** A signed 32-bit integer (-0 refused: no wire carries it). */
export function int32() {
  return noNegativeZero(
    z
      .number()
      .int()
      .gte(-(2 ** 31))
      .lte(2 ** 31 - 1),
  );
}

/** An unsigned 32-bit integer (-0 refused: no wire carries it). */
export function uint32() {
  return noNegativeZero(
    z
      .number()
      .int()
      .gte(0)
      .lte(2 ** 32 - 1),
  );
}
