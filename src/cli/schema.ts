/**
 * `safewire schema --message M --json-schema|--proto|--avro`: a message's schema. JSON Schema comes from
 * zod's own exporter (`z.toJSONSchema`); `.proto` and `.avsc` are the files shipped in the package's
 * `schemas/` folder, printed as they are.
 */
import * as fs from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { MESSAGE_NAMES, type MessageName, messageSchemas } from "../robotics/messages.js";
import { isUint8Array } from "../views.js";
import { flag, messageName, parse, positionals, str } from "./args.js";
import { type CliIO, EXIT, FileError, UsageError } from "./io.js";
import { type Json, stringify } from "./render.js";

/** The package's `schemas/` folder: two levels above this module, in `src/cli` and in `dist/cli` alike. */
export const SCHEMAS_DIR: string = fileURLToPath(new URL("../../schemas/", import.meta.url));
const PROTO_DIR = "safewire/robotics/v1";

export const SCHEMA_HELP = `Usage: safewire schema --message NAME [--json-schema | --proto | --avro] [--path]

Prints a message's schema on stdout.

  --json-schema  (default) JSON Schema (draft 2020-12) from zod's exporter, for the JSON mapping that
                 \`safewire inspect --full\` prints: 64-bit integers as decimal strings, binaries as
                 base64 strings. Fields with defaults are optional. Checks JSON Schema cannot express
                 (a tensor's byte length against its shape, an image's size) are not in it.
  --proto        the .proto file that defines the message, as shipped in the package
                 (schemas/${PROTO_DIR}/; imports are relative to schemas/)
  --avro         the message's .avsc file, as shipped (schemas/avro/)

Options:
  -m, --message NAME  ${MESSAGE_NAMES.join(", ")}
      --path          print the shipped file's path instead of its contents (--proto, --avro)
  -h, --help          show this help

Exit status: 0 printed, 3 usage error or a missing schema file.

Examples:
  safewire schema --message Observation --json-schema > observation.schema.json
  safewire schema --message ActionChunk --proto
  safewire schema --message Observation --avro --path
`;

type JsonObject = Record<string, unknown>;

interface ZodInternals {
  _zod: { def: { type: string }; bag: Record<string, unknown> };
}

/**
 * JSON Schema of a message, from `z.toJSONSchema` (input side: what a sender may write; fields with
 * defaults are optional). Types JSON has no word for are described by their JSON mapping: `bigint` as an
 * integer string (`format: "int64"` or `"uint64"`), `Uint8Array` as a base64 string.
 */
export function jsonSchema(message: MessageName): JsonObject {
  const schema = z.toJSONSchema(messageSchemas()[message], {
    io: "input",
    unrepresentable: "any",
    override(ctx) {
      const zod = ctx.zodSchema as unknown as ZodInternals;
      const js = ctx.jsonSchema as JsonObject;
      const { def, bag } = zod._zod;
      if (def.type === "bigint") {
        for (const k of Object.keys(js)) delete js[k];
        const unsigned = typeof bag.minimum === "bigint" && bag.minimum >= 0n;
        Object.assign(js, {
          type: "string",
          format: unsigned ? "uint64" : "int64",
          pattern: unsigned ? "^[0-9]+$" : "^-?[0-9]+$",
        });
      } else if (def.type === "custom" && (def as { fn?: unknown }).fn === isUint8Array) {
        Object.assign(js, { type: "string", contentEncoding: "base64" });
      } else if (def.type === "default") {
        // A binary's default (an empty Uint8Array) in its JSON mapping: zod would write the object, {}.
        const value: unknown = (def as { defaultValue?: unknown }).defaultValue;
        if (value instanceof Uint8Array) js.default = Buffer.from(value).toString("base64");
      } else if (def.type === "custom") {
        // float64(): any double, NaN and ±Infinity as strings (only with allowNonFinite).
        Object.assign(js, { anyOf: [{ type: "number" }, { enum: ["NaN", "Infinity", "-Infinity"] }] });
      }
    },
  }) as JsonObject;
  const { $schema, ...rest } = schema;
  return {
    $schema,
    title: `safewire.robotics.v1.${message}`,
    description:
      "int64 values are decimal strings and bytes are base64, as in protobuf's JSON mapping. safewire's " +
      "codecs check more than this schema says (tensor and image data sizes, finite floats, limits).",
    ...rest,
  };
}

/** The path of the shipped `.proto` file that defines `message`. */
export function protoFile(message: MessageName): string {
  const dir = `${SCHEMAS_DIR}${PROTO_DIR}`;
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith(".proto"));
  } catch {
    throw new FileError(`the .proto files are missing (looked in ${dir})`);
  }
  const pattern = new RegExp(`^message\\s+${message}\\s*\\{`, "m");
  for (const name of names.sort()) {
    const file = `${dir}/${name}`;
    if (pattern.test(fs.readFileSync(file, "utf8"))) return file;
  }
  throw new FileError(`no .proto file in ${dir} defines ${message}`);
}

/** The path of the shipped `.avsc` file of `message`. */
export function avroFile(message: MessageName): string {
  const file = `${SCHEMAS_DIR}avro/${message}.avsc`;
  if (!fs.existsSync(file)) throw new FileError(`the Avro schema is missing (looked for ${file})`);
  return file;
}

/** Runs `safewire schema` with the arguments after `schema`; resolves to the exit status. */
export async function runSchema(argv: readonly string[], io: CliIO): Promise<number> {
  const p = parse(argv, {
    message: { type: "string", short: "m" },
    "json-schema": { type: "boolean" },
    proto: { type: "boolean" },
    avro: { type: "boolean" },
    path: { type: "boolean" },
  });
  if (flag(p, "help")) {
    io.stdout.write(SCHEMA_HELP);
    return EXIT.OK;
  }
  positionals(p, []);
  const message = messageName(str(p, "message"));
  const kinds = (["json-schema", "proto", "avro"] as const).filter((k) => flag(p, k));
  if (kinds.length > 1)
    throw new UsageError(`choose one of --json-schema, --proto, --avro (got --${kinds.join(", --")})`);
  const kind = kinds[0] ?? "json-schema";
  if (kind === "json-schema") {
    if (flag(p, "path"))
      throw new UsageError("--path goes with --proto or --avro (JSON Schema is not a shipped file)");
    io.stdout.write(`${stringify(jsonSchema(message) as Json)}\n`);
    return EXIT.OK;
  }
  const file = kind === "proto" ? protoFile(message) : avroFile(message);
  io.stdout.write(flag(p, "path") ? `${file}\n` : fs.readFileSync(file, "utf8"));
  return EXIT.OK;
}
