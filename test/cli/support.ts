// Shared by the CLI tests (not a test file itself): runs `safewire` in-process with collected output,
// or as a real process.
import { type SpawnSyncOptions, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { codec } from "../../src/robotics/index.js";
import { ROOT, VECTORS_DIR } from "../helpers/vectors.js";

export const BIN = join(ROOT, "src", "cli", "bin.ts");

/** A golden ActionChunk in msgpack, which the `convert` tests turn into protobuf. */
export const CHUNK = join(VECTORS_DIR, "msgpack", "ActionChunk", "smolvla_50x6.bin");

/** `safewire convert CHUNK` to protobuf, written to `out`. */
export const convertChunk = (out: string): string[] => [
  "convert",
  CHUNK,
  "--from",
  "msgpack",
  "--to",
  "protobuf",
  "-m",
  "ActionChunk",
  "-o",
  out,
];

/** The bytes `convertChunk` writes: CHUNK decoded and encoded again by the codecs themselves. */
export const expectedChunk = (): Uint8Array =>
  codec("ActionChunk", "protobuf").encode(
    codec("ActionChunk", "msgpack").decode(new Uint8Array(readFileSync(CHUNK))),
  );

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

/**
 * Runs `safewire ...argv` as a real process (through tsx), killed after `timeout` ms so a hang fails
 * fast: `code` is then null and `signal` set.
 */
export function spawnCli(argv: readonly string[], options: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", BIN, ...argv], {
    cwd: ROOT,
    encoding: "buffer",
    timeout: 60_000,
    ...options,
  });
  const text = (b: unknown) => (Buffer.isBuffer(b) ? b.toString("utf8") : String(b ?? ""));
  return { code: r.status, signal: r.signal, out: text(r.stdout), err: text(r.stderr) };
}
