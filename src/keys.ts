import { failSchema, type Path } from "./errors.js";

/** Map keys that could reach an object's prototype chain or impersonate its constructor. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** FORBIDDEN_KEYS.has(key), with the Set asked only at their lengths (9 and 11): most keys are not. */
export function isForbiddenKey(key: string): boolean {
  return (key.length === 9 || key.length === 11) && FORBIDDEN_KEYS.has(key);
}

/** Refuses a decoded map key that could pollute or shadow a prototype. */
export function checkKey(key: string, path: Path): void {
  if (FORBIDDEN_KEYS.has(key))
    failSchema(`map key "${key}" is not allowed (prototype pollution)`, [...path, key]);
}

const FORBIDDEN_BYTES = [...FORBIDDEN_KEYS].map((key) => ({ key, bytes: new TextEncoder().encode(key) }));

/**
 * The forbidden key that `bytes[start, start + len)` spells, compared byte by byte, or undefined: prescans
 * call it on every map key, so it builds no string for ordinary keys.
 */
export function forbiddenKeyAt(bytes: Uint8Array, start: number, len: number): string | undefined {
  if (len !== 9 && len !== 11) return undefined;
  for (const f of FORBIDDEN_BYTES) {
    if (f.bytes.length !== len) continue;
    let i = 0;
    while (i < len && bytes[start + i] === f.bytes[i]) i++;
    if (i === len) return f.key;
  }
  return undefined;
}

/**
 * True for a plain object (prototype Object.prototype or null, not an array): what a map or record is in
 * safewire's values. A Map, a Set or a class instance is not: their entries are no own properties, so a
 * writer would send them as an empty map, silently.
 */
export function isPlainRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const toTag = Object.prototype.toString;

/**
 * True for what may stand for a message or record: a plain object, or a class instance (protobufjs and
 * avsc build those). Not an array or a built-in such as a Map, a Set, a Date or a typed array: a writer
 * reading its fields as properties would send the defaults, silently ([1, 2] as a record { length: 2 }).
 */
export function isRecordLike(v: unknown): v is Record<string, unknown> {
  // A plain object first: the common case, without building a tag string.
  if (isPlainRecord(v)) return true;
  return typeof v === "object" && v !== null && !Array.isArray(v) && toTag.call(v) === "[object Object]";
}

/** How an object that is not plain data is named in messages: its class. */
export function objectKind(v: object): string {
  const tag = toTag.call(v).slice(8, -1);
  const ctor = (Object.getPrototypeOf(v) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof ctor === "string" && ctor !== "" ? ctor : tag;
}

/**
 * The path of the first object in `value` (depth first, arrays by index, objects in key order) with
 * an own `__proto__` property, which JSON.parse makes: zod's records and objects drop that key from their
 * output without an issue, so an encode of zod's output would lose it silently. Plain objects, class
 * instances (a message may be one, its maps plain objects) and arrays are walked, each once (shared or
 * cyclic ones too), down to `maxLevel` levels (the value is level 1): deeper nesting is refused by the
 * writers anyway. A getter or proxy that throws ends the walk (undefined), as zod will meet it.
 */
export function ownProtoKeyPath(value: unknown, maxLevel: number): Path | undefined {
  const seen = new Set<object>();
  const path: Path = [];
  const look = (v: unknown, level: number): boolean => {
    if (typeof v !== "object" || v === null || level > maxLevel || seen.has(v)) return false;
    if (Array.isArray(v)) {
      seen.add(v);
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        if (look(v[i], level + 1)) return true;
        path.pop();
      }
      return false;
    }
    if (!isRecordLike(v)) return false;
    seen.add(v);
    if (Object.hasOwn(v, "__proto__")) {
      path.push("__proto__");
      return true;
    }
    for (const k of Object.keys(v)) {
      path.push(k);
      if (look(v[k], level + 1)) return true;
      path.pop();
    }
    return false;
  };
  try {
    return look(value, 1) ? path : undefined;
  } catch {
    return undefined; // a throwing getter or proxy, or nesting past the stack: zod meets it next
  }
}
