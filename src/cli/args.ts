/** Command-line parsing shared by the commands: `node:util` parseArgs with usage errors safewire can print. */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { FORMATS, type Format } from "../errors.js";
import { LIMIT_KEYS, type Limits } from "../limits.js";
import { MESSAGE_NAMES, type MessageName } from "../robotics/messages.js";
import { UsageError } from "./io.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The parsed options (strings and booleans) and positionals of one command line. */
export interface Parsed {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/**
 * `parseArgs` in strict mode, every option `--help`-able; its errors become UsageError. A string option
 * given twice is refused: parseArgs would keep the last one silently (`-m Image -m Tensor`).
 */
export function parse(argv: readonly string[], options: Options): Parsed {
  const { values, positionals, tokens } = parseStrict(argv, options);
  const seen = new Set<string>();
  // parseArgs' token type collapses to never for a non-literal config: read the fields it documents.
  for (const t of tokens as readonly { kind: string; name?: string; value?: string }[]) {
    if (t.kind !== "option" || t.name === undefined || t.value === undefined) continue;
    if (seen.has(t.name)) throw new UsageError(`--${t.name} is given more than once`);
    seen.add(t.name);
  }
  return { values, positionals };
}

function parseStrict(argv: readonly string[], options: Options) {
  try {
    return parseArgs({
      args: [...argv],
      options: { help: { type: "boolean", short: "h" }, ...options },
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (e) {
    throw usageOf(e, options);
  }
}

/**
 * parseArgs' error in safewire's words: its own messages run over several lines, quote the way a shell
 * would not take back (`'-- "--bogus"`), and read as a library's, not a command's.
 */
function usageOf(e: unknown, options: Options): UsageError {
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown } | null)?.code;
  const quoted = /'([^']*)'/.exec(message)?.[1];
  // The unknown option is the user's: it may hold a quote itself.
  const option = /^Unknown option '(.*)'\. To specify/s.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option !== undefined) {
    return new UsageError(`unknown option "${option}" (a FILE that starts with - goes after --)`);
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && quoted !== undefined) {
    const long = /--[^ ,]+/.exec(quoted)?.[0] ?? longName(quoted, options);
    if (/argument missing/.test(message)) return new UsageError(`${long} needs a value`);
    if (/ambiguous/.test(message)) {
      return new UsageError(
        `${quoted} needs a value, but the next argument is an option (write ${long}=VALUE for a value that starts with -)`,
      );
    }
    if (/does not take an argument/.test(message)) return new UsageError(`${long} takes no value`);
  }
  return new UsageError(message.split("\n")[0] ?? message);
}

/** `--name` of a short option such as `-m`, or the option as given. */
function longName(option: string, options: Options): string {
  const short = option.replace(/^-/, "");
  const entry = Object.entries({ help: { short: "h" }, ...options }).find(([, o]) => o.short === short);
  return entry === undefined ? option : `--${entry[0]}`;
}

/** A string option's value, or undefined. */
export function str(p: Parsed, name: string): string | undefined {
  const v = p.values[name];
  return typeof v === "string" ? v : undefined;
}

/** A boolean option's value. */
export function flag(p: Parsed, name: string): boolean {
  return p.values[name] === true;
}

/** The `--message` value, matched case-insensitively against the message set. */
export function messageName(value: string | undefined): MessageName {
  if (value === undefined) throw new UsageError(`--message is required (one of ${MESSAGE_NAMES.join(", ")})`);
  const found = MESSAGE_NAMES.find((m) => m.toLowerCase() === value.toLowerCase());
  if (found === undefined) {
    throw new UsageError(`unknown message "${value}": expected one of ${MESSAGE_NAMES.join(", ")}`);
  }
  return found;
}

/** A `--format`, `--from` or `--to` value; "auto" only where `allowAuto`. */
export function formatName(option: string, value: string | undefined, allowAuto: boolean): Format | "auto" {
  const choices = allowAuto ? [...FORMATS, "auto"] : FORMATS;
  if (value === undefined) throw new UsageError(`--${option} is required (${choices.join(", ")})`);
  const v = value.toLowerCase();
  if (v === "auto" && allowAuto) return "auto";
  if ((FORMATS as readonly string[]).includes(v)) return v as Format;
  throw new UsageError(`--${option} must be one of ${choices.join(", ")}, got "${value}"`);
}

const UNITS: Readonly<Record<string, number>> = Object.freeze({
  "": 1,
  k: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
});

/**
 * `--limits maxBytes=8MiB,maxDepth=32`: limit names as in `Limits`, values positive integers with an
 * optional binary unit (k/KiB, M/MiB, G/GiB). Throws UsageError on anything else.
 */
export function parseLimits(text: string | undefined): Partial<Limits> {
  const out: Partial<Limits> = {};
  if (text === undefined) return out;
  for (const part of text.split(",")) {
    const item = part.trim();
    if (item === "") continue;
    const eq = item.indexOf("=");
    if (eq <= 0) throw new UsageError(`--limits takes name=value pairs, got "${item}"`);
    const key = item.slice(0, eq).trim();
    const raw = item.slice(eq + 1).trim();
    const limit = LIMIT_KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
    if (limit === undefined)
      throw new UsageError(`unknown limit "${key}": expected ${LIMIT_KEYS.join(", ")}`);
    if (out[limit] !== undefined) throw new UsageError(`limit ${limit} is given more than once`);
    const m = /^(\d+)\s*([a-z]*)$/i.exec(raw);
    const unit = m === null ? undefined : UNITS[(m[2] ?? "").toLowerCase()];
    const value = m === null || unit === undefined ? Number.NaN : Number(m[1]) * unit;
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new UsageError(`limit ${limit} must be a positive integer (units k, M, G allowed), got "${raw}"`);
    }
    out[limit] = value;
  }
  return out;
}

/** Exactly `count` positionals, or a UsageError naming what is missing or extra. */
export function positionals(p: Parsed, names: readonly string[]): string[] {
  if (p.positionals.length < names.length) {
    throw new UsageError(`missing ${names.slice(p.positionals.length).join(" and ")}`);
  }
  if (p.positionals.length > names.length) {
    throw new UsageError(`unexpected argument "${p.positionals[names.length]}"`);
  }
  const empty = p.positionals.indexOf("");
  if (empty >= 0) throw new UsageError(`${names[empty]} is an empty string`);
  return p.positionals;
}
