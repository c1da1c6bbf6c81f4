/**
 * The `safewire` command line: dispatches to one command per module. `main(argv, io)` takes the
 * arguments after the program name and resolves to the exit status, so tests run it in-process.
 */
import { readFileSync } from "node:fs";
import { printable } from "../errors.js";
import { runConvert } from "./convert.js";
import { runInspect } from "./inspect.js";
import { type CliIO, describe, EXIT, FileError, UsageError } from "./io.js";
import { runScan } from "./scan.js";
import { runSchema } from "./schema.js";

export type { CliIO, Writer } from "./io.js";
export { EXIT } from "./io.js";

type Command = (argv: readonly string[], io: CliIO) => number | Promise<number>;

/** Every command, with the one line `safewire --help` shows for it. */
export const COMMANDS: Readonly<Record<string, { run: Command; summary: string }>> = Object.freeze({
  inspect: { run: runInspect, summary: "decode one message (bounded, validated) and print it as JSON" },
  convert: { run: runConvert, summary: "re-encode one message in another format, through validation" },
  schema: { run: runSchema, summary: "print a message's JSON Schema, .proto or .avsc" },
  scan: { run: runScan, summary: "analyse Python pickle files statically, without loading them" },
});

export const MAIN_HELP = `Usage: safewire COMMAND [options]

Typed, validated, bounded codecs for robot messages in place of pickle.

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join("\n")}

Run 'safewire COMMAND --help' for a command's options and examples.

Options:
  -h, --help     show this help
  -v, --version  print the version

Exit status:
  0  success (scan: every file is safe)
  1  the input was refused: decode, validation or encode failure (scan: the worst file is suspicious)
  2  scan: a file is dangerous (even if another could not be read)
  3  usage error, or a file that could not be read or written (scan: and none is dangerous)
  4  internal error (a bug: please report it)

Examples:
  safewire inspect obs.bin --message Observation --format protobuf
  safewire convert chunk.pb --from protobuf --to msgpack --message ActionChunk -o chunk.msgpack
  safewire schema --message Observation --json-schema
  safewire scan checkpoints/
`;

/** The package version, from the package.json two levels above this module. */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version?: unknown;
  };
  return String(pkg.version);
}

/** Runs `safewire` with the arguments after the program name; resolves to the exit status. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(MAIN_HELP);
    return EXIT.USAGE;
  }
  if (first === "-h" || first === "--help") {
    io.stdout.write(MAIN_HELP);
    return EXIT.OK;
  }
  if (first === "-v" || first === "--version") {
    io.stdout.write(`${version()}\n`);
    return EXIT.OK;
  }
  if (first === "help") {
    const target = rest[0];
    if (target === undefined) {
      io.stdout.write(MAIN_HELP);
      return EXIT.OK;
    }
    return main([target, "--help"], io);
  }
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (command === undefined) {
    io.stderr.write(`safewire: unknown command "${printable(first)}"\nTry 'safewire --help'.\n`);
    return EXIT.USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      const hint = e instanceof FileError ? "" : `Try 'safewire ${first} --help'.\n`;
      io.stderr.write(`safewire ${first}: ${printable(e.message)}\n${hint}`);
      return EXIT.USAGE;
    }
    io.stderr.write(`safewire ${first}: internal error: ${printable(describe(e))}\n`);
    return EXIT.INTERNAL;
  }
}
