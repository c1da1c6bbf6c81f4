#!/usr/bin/env node
/** The `safewire` executable (package.json `bin`): runs `main` on this process's arguments and streams. */
import { main } from "./main.js";

// A reader that stops early (`safewire inspect ... | head`) closes the pipe: not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
