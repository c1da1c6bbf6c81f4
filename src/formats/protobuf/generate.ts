import type { Field, Type } from "protobufjs";
import { isForbiddenKey } from "../../keys.js";
import { compileReader, mapValueDefaultOf } from "./read.js";
import { compileTables, EMPTY_BYTES, F_MAP, F_REPEATED, F_SINGLE, type MessageTable } from "./tables.js";

/*
 * Build-time code generation of protobuf readers (npm run gen:proto writes src/generated/robotics-readers.ts).
 *
 * The table reader (read.ts) is one piece of code for every message type: in a process that decodes several
 * types its dispatch and property stores see them all, and V8 optimises it for none (measured: ActionChunk
 * decode at 0.51–0.60× protobufjs' static code with every robotics type warm, against ~0.9× for the same
 * reads written out for ActionChunk alone). A generated reader is that written-out code: one function per
 * message, a `switch` on the tags it expects, fields kept in locals and the message built at the end as
 * one object literal in declaration order. It runs on read.ts' Reader (the same varint, string, bytes and
 * limit code) as a checked read, and where it returns a value that value is the one the table reader's
 * checked read returns (test/protobuf-generated.test.ts compares them on valid, mutated and random bytes).
 * It gives up, and the table reader takes over, on anything rarer: an unknown field, a field on another
 * wire type, a message field or a map entry's message value seen twice (protobufjs merges those).
 *
 * Only messages within a plain subset are generated (`unsupported` says why one is not): no oneofs, no
 * recursion, presence only on message fields and on at most one per message, map keys of 32 bits or less,
 * field numbers below 2048, no field named like a forbidden key, and what the table reader emulates.
 * Nothing is evaluated at run time: the output is TypeScript, compiled with the package.
 */

/** A string that changes whenever something the generated code relies on changes in `table`. */
export function readerFingerprint(table: MessageTable): string {
  const seen = new Map<MessageTable, number>();
  const value = (t: { type: string; wire: number; message: MessageTable | null }): string =>
    t.message === null ? `${t.type}/${t.wire}` : `${t.type}/${t.wire}=${visit(t.message)}`;
  function visit(t: MessageTable): string {
    const known = seen.get(t);
    if (known !== undefined) return `#${known}`;
    seen.set(t, seen.size);
    const fields = t.fields.map((f) =>
      [
        f.id,
        f.name,
        f.kind,
        value(f.value),
        f.key === null ? "" : value(f.key),
        f.packable ? "p" : "",
        f.presence ? "o" : "",
        f.key64,
        defaultText(t.template[f.name]),
      ].join(":"),
    );
    return `${t.name}(${t.oneofs.length}){${fields.join(";")}}`;
  }
  return visit(table);
}

function defaultText(v: unknown): string {
  if (Array.isArray(v)) return "[]";
  if (typeof v === "object" && v !== null && v !== EMPTY_BYTES) return "{}";
  return literal(v) ?? (v === undefined ? "" : String(v));
}

export interface GenerateOptions {
  /** Module specifier the generated file imports its runtime from (./generated-runtime.ts). */
  readonly runtime: string;
  /** Said in the file's first line: what wrote it. */
  readonly source: string;
}

export interface GeneratedSource {
  /**
   * The TypeScript module: one exported GeneratedReader per generated message, by its simple name, and
   * `readers`, all of them by that name.
   */
  readonly code: string;
  /** Messages asked for but not generated, with the reason. */
  readonly skipped: readonly { readonly name: string; readonly why: string }[];
}

/** Names a message cannot be exported under: the module's own, and JavaScript's reserved words. */
const RESERVED: readonly string[] = [
  "readers",
  "Reader",
  "GeneratedReader",
  "giveUp",
  "EMPTY_BYTES",
  "isForbiddenKey",
  ...`break case catch class const continue debugger default delete do else enum export extends false finally
  for function if import in instanceof new null return super switch this throw true try typeof var void while
  with yield let static implements interface package private protected public await`.split(/\s+/),
];

interface Node {
  readonly table: MessageTable;
  readonly type: Type;
  readonly fn: string;
}

/** Generates readers for `types` (reflection Types; a static class's descriptor). */
export function generateReaders(types: readonly Type[], options: GenerateOptions): GeneratedSource {
  const skipped: { name: string; why: string }[] = [];
  const nodes = new Map<MessageTable, Node>();
  const roots: { export: string; node: Node; nesting: number; fingerprint: string }[] = [];
  const exports = new Set<string>(RESERVED);
  for (const type of types) {
    const table = compileTables(type);
    const why = unsupported(table, type);
    if (why !== undefined) {
      skipped.push({ name: table.name, why });
      continue;
    }
    const name = type.name;
    if (exports.has(name) || name.startsWith("read_") || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      skipped.push({ name: table.name, why: `export name ${name} is taken or not an identifier` });
      continue;
    }
    exports.add(name);
    const node = collect(table, type, nodes);
    roots.push({ export: name, node, nesting: nesting(table), fingerprint: readerFingerprint(table) });
  }
  const sorted = [...nodes.values()].sort((a, b) => (a.fn < b.fn ? -1 : a.fn > b.fn ? 1 : 0));
  const body: string[] = [];
  for (const node of sorted) body.push(messageFunction(node, nodes), "");
  for (const r of roots) {
    body.push(
      `export const ${r.export}: GeneratedReader = {`,
      `  fingerprint: ${JSON.stringify(r.fingerprint)},`,
      `  nesting: ${r.nesting},`,
      `  read: (r) => ${r.node.fn}(r, r.buf.length, 1),`,
      "};",
      "",
    );
  }
  body.push(
    "/** Every reader above, by message name. */",
    "export const readers: Readonly<Record<string, GeneratedReader>> = Object.freeze({",
    ...roots.map((r) => `  ${r.export},`),
    "});",
    "",
  );
  const text = body.join("\n");
  const imports = ["type GeneratedReader", "giveUp", "type Reader"];
  if (text.includes("EMPTY_BYTES")) imports.unshift("EMPTY_BYTES");
  if (text.includes("isForbiddenKey(")) imports.splice(imports.indexOf("type Reader"), 0, "isForbiddenKey");
  const out = [
    `// Generated by ${options.source}: do not edit. See src/formats/protobuf/generate.ts.`,
    `import { ${imports.join(", ")} } from "${options.runtime}";`,
    "",
    text,
  ];
  return { code: out.join("\n"), skipped };
}

function collect(table: MessageTable, type: Type, nodes: Map<MessageTable, Node>): Node {
  const known = nodes.get(table);
  if (known !== undefined) return known;
  const node: Node = { table, type, fn: `read_${table.name.replace(/[^A-Za-z0-9_]/g, "_")}` };
  nodes.set(table, node);
  table.fields.forEach((f, i) => {
    const sub = f.value.message;
    if (sub !== null) collect(sub, nestedType(type, i), nodes);
  });
  return node;
}

function nestedType(type: Type, i: number): Type {
  return (type.fieldsArray[i] as Field).resolve().resolvedType as Type;
}

/** protobufjs' nesting of the deepest message (the top one is 0); the types do not recurse. */
function nesting(table: MessageTable): number {
  let most = 0;
  for (const f of table.fields)
    if (f.value.message !== null) most = Math.max(most, 1 + nesting(f.value.message));
  return most;
}

const KEY_TYPES = new Set(["string", "bool", "int32", "uint32", "sint32", "fixed32", "sfixed32"]);

/** Why `table` (or a message it reaches) is not generated, or undefined when it is. */
export function unsupported(table: MessageTable, type: Type): string | undefined {
  if (compileReader(table, type) === undefined) return "the table reader does not read it";
  return walk(table, type, []);
}

function walk(table: MessageTable, type: Type, path: MessageTable[]): string | undefined {
  if (path.includes(table)) return `${table.name} contains itself`;
  if (type.oneofsArray.length > 0) return `${table.name} has a oneof`;
  let presence = 0;
  for (let i = 0; i < table.fields.length; i++) {
    const f = table.fields[i];
    if (f === undefined) continue;
    const where = `${table.name}.${f.name}`;
    if (isForbiddenKey(f.name)) return `${where}: field name`;
    if (f.id >= 2048) return `${where}: field number past 2047`;
    if (f.kind !== F_SINGLE && f.kind !== F_REPEATED && f.kind !== F_MAP) return `${where}: field kind`;
    if (f.presence) {
      if (f.kind !== F_SINGLE || f.value.message === null) return `${where}: presence on a scalar`;
      presence++;
    } else if (f.kind === F_SINGLE) {
      if (f.value.message !== null) return `${where}: message without presence`;
      if (literal(table.template[f.name]) === undefined) return `${where}: default`;
    }
    if (f.kind === F_MAP && (f.key === null || !KEY_TYPES.has(f.key.type))) return `${where}: map key type`;
    if (read(f.value.type, false) === undefined) return `${where}: type ${f.value.type}`;
    if (f.value.message !== null) {
      const why = walk(f.value.message, nestedType(type, i), [...path, table]);
      if (why !== undefined) return why;
    }
  }
  if (presence > 1) return `${table.name}: more than one field with presence`;
  return undefined;
}

/** A default as a TypeScript expression, or undefined for one this generator does not write. */
function literal(v: unknown): string | undefined {
  if (v === EMPTY_BYTES) return "EMPTY_BYTES";
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "string" || typeof v === "boolean") return JSON.stringify(v);
  if (typeof v === "number" && Number.isFinite(v) && !Object.is(v, -0)) return String(v);
  return undefined;
}

/** The expression reading one value of `type` (a singular bytes field keeps the shared empty default). */
function read(type: string, singleBytes: boolean): string | undefined {
  switch (type) {
    case "int32":
    case "enum":
      return "r.int32()";
    case "uint32":
      return "r.uint32()";
    case "sint32":
      return "r.sint32()";
    case "fixed32":
      return "r.fixed32() >>> 0";
    case "sfixed32":
      return "r.fixed32() | 0";
    case "float":
      return "r.float32()";
    case "double":
      return "r.float64()";
    case "bool":
      return "r.bool()";
    case "int64":
      return "r.int64()";
    case "uint64":
      return "r.uint64()";
    case "sint64":
      return "r.sint64()";
    case "fixed64":
      return "r.fixed64u()";
    case "sfixed64":
      return "r.sfixed64()";
    case "string":
      return "r.string()";
    case "bytes":
      return singleBytes ? "r.bytes(true)" : "r.bytes()";
    case "message":
      return "message";
    default:
      return undefined;
  }
}

/** What protobufjs' map decoder starts an entry's value from (read.ts' mapValueDefault), as code. */
function mapDefault(type: string): string {
  return literal(mapValueDefaultOf(type)) as string;
}

const TS_TYPE: Readonly<Record<string, string>> = {
  int64: "bigint",
  uint64: "bigint",
  sint64: "bigint",
  fixed64: "bigint",
  sfixed64: "bigint",
  bool: "boolean",
  string: "string",
  bytes: "Uint8Array",
  message: "Record<string, unknown>",
};

function tsType(type: string): string {
  return TS_TYPE[type] ?? "number";
}

function messageFunction(node: Node, nodes: ReadonlyMap<MessageTable, Node>): string {
  const { table } = node;
  const fnOf = (t: MessageTable | null): string => (nodes.get(t as MessageTable) as Node).fn;
  const locals: string[] = [];
  const cases: string[] = [];
  table.fields.forEach((f, i) => {
    const v = `v${i}`;
    const vt = f.value;
    const isMessage = vt.message !== null;
    const elem = isMessage ? "" : (read(vt.type, false) as string);
    if (f.kind === F_SINGLE) {
      const tag = (f.id << 3) | vt.wire;
      if (isMessage) {
        locals.push(`let ${v}: Record<string, unknown> | undefined;`);
        cases.push(
          `case ${tag}:`,
          `  if (${v} !== undefined) giveUp(); // protobufjs merges a second one: the table reader does that`,
          `  ${v} = ${fnOf(vt.message)}(r, r.nested(d + 1), d + 1);`,
          "  break;",
        );
      } else {
        const def = literal(table.template[f.name]) as string;
        const type = vt.type === "bytes" ? "Uint8Array" : tsType(vt.type);
        locals.push(`let ${v}: ${type} = ${def};`);
        cases.push(`case ${tag}:`, `  ${v} = ${read(vt.type, true)};`, "  break;");
      }
    } else if (f.kind === F_REPEATED) {
      locals.push(`const ${v}: ${tsType(vt.type)}[] = [];`);
      const tag = (f.id << 3) | vt.wire;
      const push = isMessage ? `${fnOf(vt.message)}(r, r.nested(d + 2), d + 2)` : elem;
      cases.push(
        `case ${tag}:`,
        `  if (${v}.length >= r.maxArray || d + 1 > r.maxDepth) giveUp();`,
        `  ${v}.push(${push});`,
        "  break;",
      );
      if (f.packable) {
        cases.push(
          `case ${(f.id << 3) | 2}: {`,
          "  const stop = r.packed(d + 1);",
          "  while (r.pos < stop) {",
          `    if (${v}.length >= r.maxArray) giveUp();`,
          `    ${v}.push(${elem});`,
          "  }",
          "  if (r.pos !== stop) giveUp();",
          "  break;",
          "}",
        );
      }
    } else {
      const key = f.key as NonNullable<typeof f.key>;
      const n = `n${i}`;
      locals.push(`const ${v}: Record<string, ${tsType(vt.type)}> = {};`, `let ${n} = 0;`);
      const keyTag = (1 << 3) | key.wire;
      const valueTag = (2 << 3) | vt.wire;
      const keyRead =
        key.type === "bool" ? '(r.bool() ? "true" : "false")' : (read(key.type, false) as string);
      const keyDefault = key.type === "string" ? '""' : key.type === "bool" ? '"false"' : '"0"';
      const body: string[] = [
        `case ${(f.id << 3) | 2}: {`,
        `  if (++${n} > r.maxEntries || d + 1 > r.maxDepth) giveUp();`,
        "  const len = r.length();",
        "  const stop = r.pos + len;",
        `  let k: ${key.type === "string" || key.type === "bool" ? "string" : "string | number"} = ${keyDefault};`,
        isMessage
          ? "  let x: Record<string, unknown> | undefined;"
          : `  let x: ${tsType(vt.type)} = ${mapDefault(vt.type)};`,
        "  while (r.pos < stop) {",
        "    const t = r.entryTag();",
        // A string key is checked at each occurrence, not only at the one that wins: the prescan refuses a
        // forbidden key wherever it occurs in the entry (and words the error).
        ...(key.type === "string"
          ? [`    if (t === ${keyTag}) {`, `      k = ${keyRead};`, "      if (isForbiddenKey(k)) giveUp();"]
          : [`    if (t === ${keyTag}) k = ${keyRead};`]),
      ];
      // The key's block, where it has one, closes on the line that goes on with the value.
      const orElse = key.type === "string" ? "    } else" : "    else";
      if (isMessage) {
        body.push(
          `${orElse} if (t === ${valueTag}) {`,
          "      if (x !== undefined) giveUp(); // merged by protobufjs: the table reader does that",
          `      x = ${fnOf(vt.message)}(r, r.nested(d + 2), d + 2);`,
          "    } else giveUp();",
        );
      } else body.push(`${orElse} if (t === ${valueTag}) x = ${elem};`, "    else giveUp();");
      body.push("  }", "  if (r.pos !== stop) giveUp();");
      body.push(
        isMessage ? `  ${v}[k] = x ?? ${fnOf(vt.message)}(r, r.pos, d + 2);` : `  ${v}[k] = x;`,
        "  break;",
        "}",
      );
      cases.push(...body);
    }
  });
  // Declaration order; the field with presence (at most one) only when it is set.
  const prop = (name: string, v: string) => `${JSON.stringify(name)}: ${v}`;
  const all = table.fields.map((f, i) => prop(f.name, `v${i}`));
  const p = table.fields.findIndex((f) => f.presence);
  const result =
    p < 0
      ? [`return { ${all.join(", ")} };`]
      : [
          `if (v${p} === undefined) return { ${all.filter((_, i) => i !== p).join(", ")} };`,
          `return { ${all.join(", ")} };`,
        ];
  const indent = (lines: string[], by: string) => lines.map((l) => by + l);
  return [
    `// ${table.name}`,
    `function ${node.fn}(r: Reader, end: number, d: number): Record<string, unknown> {`,
    ...indent(locals, "  "),
    "  while (r.pos < end) {",
    "    switch (r.tag()) {",
    ...indent(cases, "      "),
    "      default:",
    "        giveUp();",
    "    }",
    "  }",
    "  if (r.pos !== end) giveUp();",
    ...indent(result, "  "),
    "}",
  ].join("\n");
}
