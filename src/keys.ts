import { failSchema, type Path } from "./errors.js";

/** Map keys that could reach an object's prototype chain or impersonate its constructor. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Refuses a decoded map key that could pollute or shadow a prototype. */
export function checkKey(key: string, path: Path): void {
  if (FORBIDDEN_KEYS.has(key))
    failSchema(`map key "${key}" is not allowed (prototype pollution)`, [...path, key]);
}
