#!/usr/bin/env node
/** The `safewire` executable (package.json `bin`): runs `main` on this process's arguments and streams. */
import { readFileSync } from "node:fs";
import { printable } from "../errors.js";
import { describe, EXIT } from "./io.js";
import { main } from "./main.js";

for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    // A reader that stops early (`safewire inspect ... | head`) closes the pipe: not an error of ours.
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    // Anything else (a full disk, /dev/full) is output that could not be written: a sentence, exit 3.
    if (stream === process.stdout)
      process.stderr.write(`safewire: cannot write standard output: ${describe(e)}\n`);
    process.exit(EXIT.USAGE);
  });
}

const garbled = nonUtf8Argument();
if (garbled !== undefined) {
  // Node decodes argv as UTF-8, each bad byte becoming U+FFFD: `-o $'\xfe.bin'` would write "\ufffd.bin".
  process.stderr.write(
    `safewire: argument "${printable(garbled)}" is not valid UTF-8 (shown with U+FFFD): Node.js cannot ` +
      "pass it on as it is, and a file named by it would be another file; rename the file, or use - (standard input, -o -)\n",
  );
  process.exit(EXIT.USAGE);
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});

/**
 * The first of this process's arguments whose bytes are not UTF-8, as process.argv shows it; undefined when
 * all are (or where the raw arguments cannot be read: Linux shows them in /proc/self/cmdline).
 */
function nonUtf8Argument(): string | undefined {
  const count = process.argv.length - 2;
  if (count <= 0) return undefined;
  let raw: Buffer;
  try {
    raw = readFileSync("/proc/self/cmdline");
  } catch {
    return undefined;
  }
  const parts: Buffer[] = [];
  for (let start = 0; start < raw.length; ) {
    const end = raw.indexOf(0, start);
    parts.push(raw.subarray(start, end < 0 ? raw.length : end));
    start = end < 0 ? raw.length : end + 1;
  }
  if (parts.length < count) return undefined;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (const [i, part] of parts.slice(parts.length - count).entries()) {
    try {
      decoder.decode(part);
    } catch {
      return process.argv[2 + i];
    }
  }
  return undefined;
}
