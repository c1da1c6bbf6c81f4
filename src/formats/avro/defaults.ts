import type { Type } from "avsc";
import { ARRAY, ENUM, MAP, type Node, RECORD, UNION } from "./tree.js";
import { writerAccepts } from "./write.js";

/*
 * Defaults are checked when a codec is made. avsc writes a record field's default whenever a value leaves
 * the field out, and checks it only as far as avsc does: an enum default "constructor" passes its symbol
 * lookup (an inherited property of a plain object) and goes out as symbol 0, and a string default with a
 * lone surrogate was refused only at the first encode that used it. safewire refuses both at once: a
 * field's default must be a value safewire's own writer accepts for the field's type, and an enum's own
 * default (its symbol for unknown ones, in schema resolution) one of its symbols.
 */

// avsc's typings leave these members out.
interface AvscWithDefaults {
  readonly name?: string;
  readonly default?: unknown;
  readonly itemsType?: Type;
  readonly valuesType?: Type;
  readonly types?: readonly Type[];
  readonly fields?: readonly { readonly name: string; readonly type: Type; defaultValue(): unknown }[];
}

function shown(v: unknown): string {
  if (typeof v === "bigint") return String(v);
  if (v === 0 && 1 / v < 0) return "-0";
  if (v instanceof Uint8Array) return `${v.length} bytes`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Throws TypeError for a default that safewire would not write (see above). `root` is `compile(type)`. */
export function checkDefaults(type: Type, root: Node): void {
  const seen = new Set<Node>();
  const visit = (t: AvscWithDefaults, n: Node): void => {
    if (seen.has(n)) return;
    seen.add(n);
    switch (n.kind) {
      case ENUM:
        if (t.default !== undefined && !n.symbols.includes(t.default as string)) {
          throw new TypeError(`avro enum ${n.name}: default ${shown(t.default)} is not one of its symbols`);
        }
        return;
      case ARRAY:
      case MAP:
        visit((t.itemsType ?? t.valuesType) as AvscWithDefaults, n.items as Node);
        return;
      case UNION:
        n.branches.forEach((b, i) => {
          visit(t.types?.[i] as AvscWithDefaults, b);
        });
        return;
      case RECORD:
        n.fields.forEach((f, i) => {
          const field = t.fields?.[i];
          if (field === undefined) return;
          visit(field.type as AvscWithDefaults, f.node);
          const d = field.defaultValue();
          if (d !== undefined && !writerAccepts(f.node, d)) {
            throw new TypeError(
              `avro record ${n.name}: field "${f.name}" has default ${shown(d)}, which is not a valid ${f.node.name}`,
            );
          }
        });
        return;
      default:
        return;
    }
  };
  visit(type as AvscWithDefaults, root);
}
