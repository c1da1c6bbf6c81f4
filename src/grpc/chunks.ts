/**
 * Large messages over gRPC: one encoded message split into `Chunk`s, and put back together.
 *
 * The reassembler checks the declared `total_bytes` against its limit on the first piece, before it keeps
 * a single byte; it refuses pieces out of order, repeated, past the declared total or belonging to another
 * transfer while one is open; and it decodes the whole with a safewire codec. Pure: no gRPC here.
 */
import { randomUUID } from "node:crypto";
import type { Codec } from "../codec.js";
import { limitIssue, malformedIssue, SafewireError, type SafewireIssue, schemaIssue } from "../errors.js";
import { type Chunk, declaredLimitIssue } from "./messages.js";

/** 2 MiB: LeRobot's piece size, half gRPC's default 4 MiB message limit. */
export const DEFAULT_PIECE_BYTES = 2 * 1024 * 1024;

export interface ChunkerOptions {
  /** Data bytes per piece; defaults to DEFAULT_PIECE_BYTES. */
  pieceBytes?: number;
  /** Defaults to a random UUID. */
  transferId?: string;
}

/** Splits one encoded message into pieces (views into `bytes`, no copies). An empty message is one empty piece. */
export function* chunkMessage(bytes: Uint8Array, options: ChunkerOptions = {}): Generator<Chunk> {
  const piece = options.pieceBytes ?? DEFAULT_PIECE_BYTES;
  if (!Number.isSafeInteger(piece) || piece < 1) throw new TypeError(`pieceBytes must be a positive integer`);
  const transfer_id = options.transferId ?? randomUUID();
  const total_bytes = BigInt(bytes.length);
  let index = 0;
  let at = 0;
  do {
    const end = Math.min(at + piece, bytes.length);
    yield { transfer_id, index, last: end === bytes.length, total_bytes, data: bytes.subarray(at, end) };
    index++;
    at = end;
  } while (at < bytes.length);
}

export interface ReassemblerOptions {
  /** Largest whole message accepted, in bytes (checked against the declared total on the first piece). */
  maxTotalBytes: number;
  /** Largest piece accepted, in data bytes. */
  maxPieceBytes: number;
}

function fail(issue: SafewireIssue): never {
  throw new SafewireError({ format: "protobuf", direction: "decode", issues: [issue] });
}

/**
 * Turns a stream of `Chunk`s into messages. `push` returns the decoded message when a piece completes a
 * transfer, and undefined otherwise; it throws SafewireError on any refusal, after which the reassembler
 * holds nothing and must not be used again.
 */
export class Reassembler<T> {
  /**
   * The transfer's bytes so far, each piece copied in; a one-piece transfer is decoded from its piece,
   * without a copy. A piece is a view into its whole gRPC message, which may hold much more than the piece
   * (an unknown field of padding): kept as views, pieces of one byte could pin megabytes each. The buffer
   * grows with what arrived (doubling, up to the declared total), never to the declared total up front: a
   * one-byte first piece declaring 64 MiB allocated 64 MiB, so a few bytes per stream committed the limit
   * on every stream. What is held is at most twice the bytes received, and never past the declared total.
   */
  private held: Uint8Array | undefined;
  private received = 0;
  private open: { id: string; total: number; next: number } | undefined;
  private broken = false;

  constructor(
    private readonly codec: Pick<Codec<T>, "decode">,
    private readonly options: ReassemblerOptions,
  ) {}

  /** Bytes held for the transfer in progress. */
  get bufferedBytes(): number {
    return this.received;
  }

  /** True while a transfer has started and not finished. */
  get inProgress(): boolean {
    return this.open !== undefined;
  }

  push(chunk: Chunk): T | undefined {
    if (this.broken) throw new Error("Reassembler: used after a refusal");
    try {
      return this.accept(chunk);
    } catch (err) {
      this.broken = true;
      this.held = undefined;
      this.received = 0;
      this.open = undefined;
      throw err;
    }
  }

  /** Call when the stream ends: throws if a transfer was left incomplete. */
  end(): void {
    if (this.open !== undefined) {
      const { id, total, next } = this.open;
      const received = this.received;
      this.held = undefined;
      this.received = 0;
      this.open = undefined;
      fail(
        malformedIssue(
          `the stream ended inside transfer ${id} after ${next} pieces, ${received} of ${total} declared bytes`,
          [],
        ),
      );
    }
  }

  private accept(chunk: Chunk): T | undefined {
    const { maxTotalBytes, maxPieceBytes } = this.options;
    const size = chunk.data.length;
    if (size > maxPieceBytes) {
      fail(limitIssue("maxBinaryBytes", size, maxPieceBytes, ["data"], "piece"));
    }
    let open = this.open;
    if (open === undefined) {
      if (chunk.index !== 0) {
        fail(
          malformedIssue(`transfer ${chunk.transfer_id} must start at piece 0, got piece ${chunk.index}`, [
            "index",
          ]),
        );
      }
      // The declared size is checked before anything is kept: a 1 GiB claim costs nothing.
      if (chunk.total_bytes > BigInt(maxTotalBytes)) {
        fail(
          declaredLimitIssue(
            "maxBytes",
            chunk.total_bytes,
            maxTotalBytes,
            ["total_bytes"],
            "the declared transfer",
          ),
        );
      }
      open = { id: chunk.transfer_id, total: Number(chunk.total_bytes), next: 0 };
      this.open = open;
    } else {
      if (chunk.transfer_id !== open.id) {
        fail(
          malformedIssue(
            `piece of transfer ${chunk.transfer_id} interleaved with transfer ${open.id}, which is not finished`,
            ["transfer_id"],
          ),
        );
      }
      if (chunk.index < open.next) {
        fail(malformedIssue(`duplicate piece ${chunk.index} (expected piece ${open.next})`, ["index"]));
      }
      if (chunk.index > open.next) {
        fail(malformedIssue(`piece ${chunk.index} out of order (expected piece ${open.next})`, ["index"]));
      }
      if (chunk.total_bytes !== BigInt(open.total)) {
        fail(
          schemaIssue(`total_bytes changed from ${open.total} to ${chunk.total_bytes} within a transfer`, [
            "total_bytes",
          ]),
        );
      }
    }
    if (this.received + size > open.total) {
      fail(
        malformedIssue(
          `piece ${chunk.index} brings the transfer to ${this.received + size} bytes, past the declared ${open.total}`,
          ["data"],
        ),
      );
    }
    if (size === 0 && !chunk.last) {
      fail(malformedIssue(`piece ${chunk.index} is empty and not the last`, ["data"]));
    }
    if (size > 0) this.keep(chunk, open.total);
    this.received += size;
    open.next++;
    if (!chunk.last) return undefined;
    if (this.received !== open.total) {
      fail(
        malformedIssue(`the transfer ended at ${this.received} of ${open.total} declared bytes`, ["last"]),
      );
    }
    const whole = this.held ?? new Uint8Array(0);
    this.held = undefined;
    this.received = 0;
    this.open = undefined;
    return this.codec.decode(whole);
  }

  /** Keeps a non-empty piece (see `held`). */
  private keep(chunk: Chunk, total: number): void {
    if (this.held === undefined && chunk.last) {
      this.held = chunk.data; // the whole transfer in one piece
      return;
    }
    const need = this.received + chunk.data.length; // at most total: checked by the caller
    const held = this.held ?? new Uint8Array(0);
    if (need > held.length) {
      const grown = new Uint8Array(Math.min(total, Math.max(need, 2 * held.length)));
      grown.set(held.subarray(0, this.received));
      this.held = grown;
    }
    (this.held as Uint8Array).set(chunk.data, this.received);
  }
}
