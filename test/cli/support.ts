// Shared by the CLI tests (not a test file itself): runs `safewire` in-process with collected output.
import { main } from "../../src/cli/main.js";

export interface Run {
  code: number;
  /** stdout as text. */
  out: string;
  /** stdout as bytes (convert -o -). */
  outBytes: Uint8Array;
  err: string;
}

/** Runs `safewire ...argv` in-process; `stdin` is what `-` reads. */
export async function cli(
  argv: readonly string[],
  stdin?: AsyncIterable<Uint8Array | string> | Uint8Array,
): Promise<Run> {
  const out: Uint8Array[] = [];
  const err: string[] = [];
  const input =
    stdin instanceof Uint8Array
      ? (async function* () {
          yield stdin;
        })()
      : stdin;
  const code = await main(argv, {
    stdout: { write: (c: string | Uint8Array) => out.push(typeof c === "string" ? Buffer.from(c) : c) },
    stderr: {
      write: (c: string | Uint8Array) => err.push(typeof c === "string" ? c : Buffer.from(c).toString()),
    },
    ...(input === undefined ? {} : { stdin: input }),
  });
  const outBytes = new Uint8Array(Buffer.concat(out));
  return { code, out: Buffer.from(outBytes).toString("utf8"), outBytes, err: err.join("") };
}
