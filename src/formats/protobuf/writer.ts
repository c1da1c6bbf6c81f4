import * as protobuf from "protobufjs/minimal.js";

/*
 * Writers for protobufjs' encoders (static and reflection alike take the writer as their second
 * argument), so that the bytes are written once into memory of their own:
 *
 * - Small messages are encoded into one kept scratch writer (no writer or pool allocation per call)
 *   and copied out into a Uint8Array of exactly their size.
 * - Messages with large binaries are sized first: the same encoder runs against a writer that only
 *   counts bytes and records the length of every length-delimited submessage, in the order the
 *   encoder forks them. The real pass then writes into one allocation of exactly that size, and
 *   writes each submessage's length up front, where protobufjs' own writer reserves one byte and
 *   shifts the whole submessage when its length needs more (an image is moved once per level of
 *   nesting, then copied again by `finish()`). Every length and the total are checked as the real
 *   pass goes; on any difference the caller encodes again the ordinary way.
 *
 * Plain code, no run-time code generation.
 */

/** The encoder call: protobufjs' `encode(message, writer)`. */
export type EncodeWith<M = unknown> = (message: M, writer: object) => unknown;

interface LongBitsLike {
  lo: number;
  hi: number;
  length(): number;
  zzEncode(): LongBitsLike;
}

interface WriterState {
  pos: number;
  buf: Uint8Array;
  view: DataView | null;
  states: number[] | null;
}

const util = protobuf.util as unknown as {
  LongBits: { from(v: unknown): LongBitsLike; fromNumber(v: number): LongBitsLike };
  base64: { length(s: string): number };
};
const BufferWriterCtor = protobuf.BufferWriter as unknown as { prototype: object };

function sizeVarint32(value: number): number {
  return value < 128 ? 1 : value < 16384 ? 2 : value < 2097152 ? 3 : value < 268435456 ? 4 : 5;
}

/** Thrown (and caught below) when the writers disagree: the caller falls back to a plain encode. */
const MISMATCH = new Error("safewire: protobuf size pass mismatch");

/**
 * Counts the bytes protobufjs' Writer would write, method by method (writer.js, writer_buffer.js),
 * and records each fork's content length at the fork's index. `reset` and the old unforked
 * `ldelim` are not supported: they throw, and the caller encodes the ordinary way.
 */
class SizeWriter {
  pos = 0;
  /** Content length of each fork, in fork order. */
  lens: number[] = [];
  /** Open forks: index into `lens`, then start position, pairwise. */
  open: number[] = [];

  start(): void {
    this.pos = 0;
    this.lens.length = 0;
    this.open.length = 0;
  }
  uint32(v: number): this {
    this.pos += sizeVarint32(v >>> 0);
    return this;
  }
  int32(v: number): this {
    const x = v | 0;
    this.pos += x < 0 ? 10 : sizeVarint32(x);
    return this;
  }
  sint32(v: number): this {
    this.pos += sizeVarint32(((v << 1) ^ (v >> 31)) >>> 0);
    return this;
  }
  uint64(v: unknown): this {
    this.pos += util.LongBits.from(v).length();
    return this;
  }
  int64(v: unknown): this {
    this.pos += util.LongBits.from(v).length();
    return this;
  }
  sint64(v: unknown): this {
    this.pos += util.LongBits.from(v).zzEncode().length();
    return this;
  }
  bool(_v: unknown): this {
    this.pos += 1;
    return this;
  }
  fixed32(_v: unknown): this {
    this.pos += 4;
    return this;
  }
  sfixed32(_v: unknown): this {
    this.pos += 4;
    return this;
  }
  float(_v: unknown): this {
    this.pos += 4;
    return this;
  }
  fixed64(v: unknown): this {
    util.LongBits.from(v); // throws as the writer would on a bad value
    this.pos += 8;
    return this;
  }
  sfixed64(v: unknown): this {
    return this.fixed64(v);
  }
  double(_v: unknown): this {
    this.pos += 8;
    return this;
  }
  bytes(v: Uint8Array | string): this {
    let len = v.length >>> 0;
    if (len === 0) {
      this.pos += 1;
      return this;
    }
    if (typeof v === "string") len = util.base64.length(v);
    this.pos += sizeVarint32(len) + len;
    return this;
  }
  raw(v: Uint8Array): this {
    this.pos += v.length >>> 0;
    return this;
  }
  string(v: string): this {
    if (v.length === 0) {
      this.pos += 1;
      return this;
    }
    const len = Buffer.byteLength(v, "utf8");
    this.pos += sizeVarint32(len) + len;
    return this;
  }
  private packed(len: number): this {
    this.pos += sizeVarint32(len) + len;
    return this;
  }
  uint32s(v: readonly number[]): this {
    let len = 0;
    for (let i = 0; i < v.length; i++) len += sizeVarint32((v[i] as number) >>> 0);
    return this.packed(len);
  }
  int32s(v: readonly number[]): this {
    let len = 0;
    for (let i = 0; i < v.length; i++) {
      const x = (v[i] as number) | 0;
      len += x < 0 ? 10 : sizeVarint32(x);
    }
    return this.packed(len);
  }
  sint32s(v: readonly number[]): this {
    let len = 0;
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as number;
      len += sizeVarint32(((x << 1) ^ (x >> 31)) >>> 0);
    }
    return this.packed(len);
  }
  uint64s(v: readonly unknown[]): this {
    let len = 0;
    for (let i = 0; i < v.length; i++) len += util.LongBits.from(v[i]).length();
    return this.packed(len);
  }
  int64s(v: readonly unknown[]): this {
    return this.uint64s(v);
  }
  sint64s(v: readonly unknown[]): this {
    let len = 0;
    for (let i = 0; i < v.length; i++) len += util.LongBits.from(v[i]).zzEncode().length();
    return this.packed(len);
  }
  bools(v: readonly unknown[]): this {
    return this.packed(v.length);
  }
  fixed32s(v: readonly unknown[]): this {
    return this.packed(v.length * 4);
  }
  sfixed32s(v: readonly unknown[]): this {
    return this.packed(v.length * 4);
  }
  floats(v: readonly unknown[]): this {
    return this.packed(v.length * 4);
  }
  fixed64s(v: readonly unknown[]): this {
    for (let i = 0; i < v.length; i++) util.LongBits.from(v[i]);
    return this.packed(v.length * 8);
  }
  sfixed64s(v: readonly unknown[]): this {
    return this.fixed64s(v);
  }
  doubles(v: readonly unknown[]): this {
    return this.packed(v.length * 8);
  }
  fork(): this {
    this.open.push(this.lens.length, this.pos);
    this.lens.push(0);
    return this;
  }
  ldelim(): this {
    const open = this.open;
    if (open.length === 0) throw MISMATCH;
    const start = open.pop() as number;
    const index = open.pop() as number;
    const len = this.pos - start;
    this.lens[index] = len;
    this.pos += sizeVarint32(len);
    return this;
  }
  reset(): this {
    throw MISMATCH;
  }
}

/**
 * protobufjs' BufferWriter writing into a buffer already of the message's exact size, with the
 * fork lengths known: `fork` writes the length and `ldelim` checks it. `_reserve` never grows (the
 * size is exact; its reservations are worst cases, e.g. 5 bytes for any uint32): the final length
 * and every submessage length are checked instead, so a write past the end cannot go unnoticed.
 */
interface PresizedWriter extends WriterState {
  lens: number[];
  next: number;
  uint32(v: number): PresizedWriter;
}

const presizedProto = Object.create(BufferWriterCtor.prototype) as Record<string, unknown>;
presizedProto._reserve = function _reserve(): void {};
presizedProto.fork = function fork(this: PresizedWriter): PresizedWriter {
  const len = this.lens[this.next++];
  if (len === undefined) throw MISMATCH;
  this.uint32(len);
  (this.states as number[]).push(this.pos + len);
  return this;
};
presizedProto.ldelim = function ldelim(this: PresizedWriter): PresizedWriter {
  const states = this.states as number[];
  if (states.length === 0 || states.pop() !== this.pos) throw MISMATCH;
  return this;
};
presizedProto.reset = function reset(): never {
  throw MISMATCH;
};

function newPresized(): PresizedWriter {
  const w = Object.create(presizedProto) as PresizedWriter;
  w.pos = 0;
  w.buf = EMPTY_BUFFER;
  w.view = null;
  w.states = [];
  w.lens = NO_LENS;
  w.next = 0;
  return w;
}

const EMPTY_BUFFER = Buffer.alloc(0);
const NO_LENS: number[] = [];

let sizeWriter: SizeWriter | null = new SizeWriter();
let presized: PresizedWriter | null = newPresized();

/**
 * Encodes `message` with `encode` into one exactly sized allocation of its own (a plain Uint8Array over a
 * non-pooled ArrayBuffer), or returns undefined when the size pass and the encoder disagree (the
 * caller then encodes the ordinary way, which reports any error the encoder raises).
 */
export function encodePresized<M>(encode: EncodeWith<M>, message: M): Uint8Array | undefined {
  // Taken, not shared, while in use: an encode that re-enters (a getter) gets writers of its own.
  const sw = sizeWriter ?? new SizeWriter();
  const w = presized ?? newPresized();
  sizeWriter = null;
  presized = null;
  try {
    sw.start();
    encode(message, sw);
    if (sw.open.length !== 0) return undefined;
    const size = sw.pos;
    const buf = Buffer.allocUnsafeSlow(size);
    w.pos = 0;
    w.buf = buf;
    w.view = null;
    (w.states as number[]).length = 0;
    w.lens = sw.lens;
    w.next = 0;
    encode(message, w);
    if (w.pos !== size || w.next !== sw.lens.length || (w.states as number[]).length !== 0) return undefined;
    return new Uint8Array(buf.buffer, buf.byteOffset, size);
  } catch {
    return undefined;
  } finally {
    w.buf = EMPTY_BUFFER;
    w.view = null;
    w.lens = NO_LENS;
    sw.lens.length = 0;
    sizeWriter = sw;
    presized = w;
  }
}

interface ScratchWriter extends WriterState {
  /** A plain Uint8Array over `buf`'s memory (so a copy out is a plain Uint8Array, not a Buffer). */
  u8: Uint8Array;
  /** The buffer `u8` views: the writer replaces `buf` when it grows. */
  src: Uint8Array;
}

/** The scratch starts at this size and is kept up to `SCRATCH_KEEP` (a bigger one is dropped after use). */
const SCRATCH_SIZE = 16 * 1024;
const SCRATCH_KEEP = 1024 * 1024;

function newScratch(): ScratchWriter {
  const w = protobuf.Writer.create() as unknown as ScratchWriter;
  const buf = Buffer.allocUnsafeSlow(SCRATCH_SIZE);
  w.buf = buf;
  w.u8 = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
  w.src = buf;
  return w;
}

let scratch: ScratchWriter | null = newScratch();

/**
 * Encodes `message` with `encode` into the kept scratch writer and returns a copy of exactly the bytes written,
 * in a plain Uint8Array of its own. Errors the encoder raises propagate.
 */
export function encodeScratch<M>(encode: EncodeWith<M>, message: M): Uint8Array {
  const w = scratch ?? newScratch();
  scratch = null;
  try {
    w.pos = 0;
    if (w.states !== null) w.states.length = 0;
    encode(message, w);
    const buf = w.buf;
    if (w.src !== buf) {
      w.u8 = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
      w.src = buf;
    }
    return w.u8.slice(0, w.pos);
  } finally {
    scratch = w.buf.length > SCRATCH_KEEP ? null : w;
  }
}
