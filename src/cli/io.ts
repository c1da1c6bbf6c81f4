/**
 * What every `safewire` command shares: the I/O object commands take (so tests run them in-process),
 * the exit codes, usage errors, and bounded reading of an input file or standard input.
 */
import { constants as bufferConstants } from "node:buffer";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { basename, dirname, join } from "node:path";
import { Writable } from "node:stream";

/** Somewhere to write text (standard error) or text and bytes (standard output). */
export interface Writer {
  write(chunk: string | Uint8Array): unknown;
}

/**
 * The streams a command uses. `process` itself fits (`{ stdout: process.stdout, stderr: process.stderr,
 * stdin: process.stdin }`); tests pass collecting writers and an in-memory stdin.
 */
export interface CliIO {
  /** Results: JSON, schemas, converted bytes (`-o -`). */
  stdout: Writer;
  /** Errors, usage messages and notes. */
  stderr: Writer;
  /** Read when the input is `-`. */
  stdin?: AsyncIterable<Uint8Array | string>;
}

/**
 * Exit codes, the same for every command:
 * - 0: success (`scan`: every file is safe, or not a pickle).
 * - 1: the input was refused: a decode, validation or encode failure (`scan`: the worst file is suspicious).
 * - 2: `scan` only: a file is dangerous (even if another could not be read).
 * - 3: a usage error, or a file that could not be read or written (`scan`: and none is dangerous).
 * - 4: an unexpected internal error (a bug: please report it).
 */
export const EXIT = Object.freeze({
  OK: 0,
  REFUSED: 1,
  DANGEROUS: 2,
  USAGE: 3,
  INTERNAL: 4,
} as const);

/** A bad command line: exits 3 with the message and a pointer to `--help`. */
export class UsageError extends Error {
  override readonly name: string = "UsageError";
}

/** A file that could not be read or written: exits 3 with the message. */
export class FileError extends UsageError {
  override readonly name = "FileError";
}

/** Input larger than the size cap: never read past the cap. */
export interface TooLarge {
  readonly tooLarge: true;
  /** The size when known (a regular file), or undefined (a pipe: only "more than the cap" is known). */
  readonly size: number | undefined;
  /** The cap that was exceeded. */
  readonly cap: number;
}

/** The most one readSync call asks for. */
const READ_PART = 1 << 30;
/** One more than the most bytes a Buffer holds (4 GiB in Node 20): a larger input cannot be read whole. */
const MAX_BUFFER = bufferConstants.MAX_LENGTH;

/** An input larger than any Buffer (under a `maxBytes` raised past it). */
function tooBigForMemory(what: string, size: string): FileError {
  return new FileError(
    `cannot read ${what}: it is ${size}, more than Node.js can hold in one buffer (${MAX_BUFFER - 1} bytes)`,
  );
}

/** The bytes of `file` (`-` for standard input), reading at most `cap` bytes, or why not. */
export async function readBounded(file: string, cap: number, io: CliIO): Promise<Uint8Array | TooLarge> {
  if (file === "-") {
    if (io.stdin === undefined) throw new UsageError("no standard input to read from");
    // Node reads a directory on fd 0 (`< /`) as an empty stream: say so instead of decoding nothing.
    if (io.stdin === process.stdin && isDirectoryFd(0)) {
      throw new FileError("cannot read standard input: it is a directory");
    }
    try {
      return await readStream(io.stdin, cap);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      // A broken pipe or device: the input could not be read, not a bug of ours.
      throw new FileError(`cannot read standard input: ${describe(e)}`);
    }
  }
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (e) {
    throw new FileError(`cannot read ${file}: ${describe(e)}`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) throw new FileError(`cannot read ${file}: it is a directory`);
    if (st.isFile() && st.size > cap) return { tooLarge: true, size: st.size, cap };
    if (st.isFile() && st.size >= MAX_BUFFER) throw tooBigForMemory(file, `${st.size} bytes`);
    // Not trusting the size (a FIFO, a device, a growing file): read at most cap + 1 bytes.
    const buf = Buffer.allocUnsafe(Math.min(cap + 1, st.isFile() ? st.size + 1 : 64 * 1024));
    let chunks: Buffer[] = [];
    let total = 0;
    let current = buf;
    for (;;) {
      const room = current.length;
      let got = 0;
      while (got < room) {
        // One read() takes at most 2 GiB - 1 bytes (Node refuses more): a big file is read in parts.
        const n = fs.readSync(fd, current, got, Math.min(room - got, READ_PART), null);
        if (n === 0) break;
        got += n;
      }
      total += got;
      chunks.push(current.subarray(0, got));
      if (total > cap) return { tooLarge: true, size: undefined, cap };
      if (total >= MAX_BUFFER) throw tooBigForMemory(file, `more than ${MAX_BUFFER - 1} bytes`);
      if (got < room) break;
      current = Buffer.allocUnsafe(Math.min(cap + 1 - total, 1024 * 1024));
    }
    const out = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
    chunks = [];
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new FileError(`cannot read ${file}: ${describe(e)}`);
  } finally {
    fs.closeSync(fd);
  }
}

function isDirectoryFd(fd: number): boolean {
  try {
    return fs.fstatSync(fd).isDirectory();
  } catch {
    return false;
  }
}

async function readStream(
  stream: AsyncIterable<Uint8Array | string>,
  cap: number,
): Promise<Uint8Array | TooLarge> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    total += bytes.byteLength;
    // Stop reading (and let the stream close) as soon as the cap is passed.
    if (total > cap) return { tooLarge: true, size: undefined, cap };
    if (total >= MAX_BUFFER) throw tooBigForMemory("standard input", `more than ${MAX_BUFFER - 1} bytes`);
    chunks.push(bytes);
  }
  const out = Buffer.concat(chunks, total);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Writes `bytes` to `file` (`-` for standard output), creating or replacing it; resolves once written,
 * so a success message is never printed before a write that fails (`-o - > /dev/full`).
 */
export async function writeOutput(file: string, bytes: Uint8Array, io: CliIO): Promise<void> {
  if (file === "-") {
    // A Node stream reports a failed write only through the callback (and an 'error' event) later.
    if (!(io.stdout instanceof Writable)) {
      io.stdout.write(bytes);
      return;
    }
    const stdout = io.stdout;
    await new Promise<void>((resolve, reject) =>
      stdout.write(bytes, (e) =>
        e ? reject(new FileError(`cannot write standard output: ${describe(e)}`)) : resolve(),
      ),
    );
    return;
  }
  try {
    replaceFile(file, bytes);
  } catch (e) {
    throw new FileError(`cannot write ${file}: ${describe(e)}`);
  }
}

/**
 * Replaces a regular file whole or not at all: the bytes go to a new file beside it, flushed, then renamed
 * over it, so a process killed mid-write or a full disk leaves the old file as it was, never a cut one.
 * A symlink's target is replaced (the link stays), a write-protected file is refused (as `>` refuses it) and
 * an existing file keeps its permissions (not setuid or setgid); hard links to it
 * keep the old bytes. Anything else (a FIFO, a device, /dev/stdout, a dangling link) is written in place:
 * renaming over it would replace the node itself. The new file's name is cut to stay within NAME_MAX.
 */
function replaceFile(file: string, bytes: Uint8Array): void {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  const inPlace =
    st === undefined ? fs.lstatSync(file, { throwIfNoEntry: false }) !== undefined : !st.isFile();
  if (inPlace) {
    fs.writeFileSync(file, bytes);
    return;
  }
  const target = st === undefined ? file : fs.realpathSync(file);
  // Renaming over a file needs only the directory's permission: refuse one we may not write, as `>` does.
  if (st !== undefined) fs.accessSync(target, fs.constants.W_OK);
  const temp = join(
    dirname(target),
    `.${utf8Prefix(basename(target), 100)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`,
  );
  const fd = fs.openSync(temp, "wx", 0o666);
  try {
    try {
      // Its permissions, not setuid, setgid or sticky: writing in place clears setuid, and new bytes
      // (converted from untrusted input) must not run with the owner's rights.
      if (st !== undefined) fs.fchmodSync(fd, st.mode & 0o777);
      fs.writeFileSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

/** The longest prefix of `s` (whole code points) that is at most `max` bytes in UTF-8: NAME_MAX counts bytes. */
function utf8Prefix(s: string, max: number): string {
  let out = "";
  let bytes = 0;
  for (const ch of s) {
    bytes += Buffer.byteLength(ch, "utf8");
    if (bytes > max) break;
    out += ch;
  }
  return out;
}

/**
 * An error's message without a stack. A system error's is Node's "ENOENT: no such file or directory,
 * open 'x'": callers name the file already, so keep the words and the code only.
 */
export function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = (e as NodeJS.ErrnoException).code;
  if (typeof code === "string" && (e as NodeJS.ErrnoException).syscall !== undefined) {
    const words = new RegExp(`^${code}: (.+?), [a-z_]+\\b`).exec(e.message)?.[1];
    if (words !== undefined) return `${code === "EISDIR" ? "it is a directory" : words} (${code})`;
  }
  return e.message;
}
