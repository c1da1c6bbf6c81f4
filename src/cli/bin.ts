#!/usr/bin/env node
/** The `safewire` executable (package.json `bin`): runs `main` on this process's arguments and streams. */
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

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
