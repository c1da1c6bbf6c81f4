/**
 * `chunks`: the gRPC chunk path, from bytes on the wire to a decoded message. A fuzz input is a series of
 * frames, each a varint length and that many bytes of an encoded `Chunk`; every frame is decoded with
 * `chunkCodec` and pushed into a `Reassembler` of protobuf `ActionChunk`s, and the stream is ended.
 * Any refusal must be a SafewireError; every decoded Chunk and every reassembled message must round-trip.
 */
import type { Codec } from "../../src/codec.js";
import { isSafewireError } from "../../src/errors.js";
import { chunkMessage, Reassembler } from "../../src/grpc/chunks.js";
import { type Chunk, chunkCodec } from "../../src/grpc/messages.js";
import { codec } from "../../src/robotics/codecs.js";
import type { ActionChunk } from "../../src/robotics/messages.js";
import {
  type CorpusDir,
  concat,
  type FuzzTarget,
  regressionFiles,
  roundTrip,
  stringTokens,
  varint,
  vectors,
} from "./harness.js";

const MAX_PIECE = 512;
const MAX_TOTAL = 8192;
const DIR: CorpusDir = "grpc";
const PREFIX = "chunks";

/** Splits an input into frames: varint length, then that many bytes (or what is left). */
export function frames(input: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let pos = 0;
  while (pos < input.length) {
    let len = 0;
    let shift = 0;
    while (pos < input.length && shift < 21) {
      const b = input[pos++] as number;
      len += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) break;
    }
    const end = Math.min(input.length, pos + len);
    out.push(input.subarray(pos, end));
    pos = end;
  }
  return out;
}

export function framed(parts: readonly Uint8Array[]): Uint8Array {
  return concat(parts.flatMap((p) => [varint(p.length), p]));
}

export function chunksTarget(): FuzzTarget {
  let pieces: Codec<Chunk> | undefined;
  let inner: Codec<ActionChunk> | undefined;
  return {
    name: "chunks",
    files: [{ dir: DIR, prefix: PREFIX }],
    async init() {
      pieces = chunkCodec(MAX_PIECE);
      inner = codec("ActionChunk", "protobuf");
    },
    seeds() {
      if (pieces === undefined) throw new Error("init() first");
      const out: Uint8Array[] = [];
      const messages = vectors("protobuf", "ActionChunk").filter((v) => v.length <= MAX_TOTAL);
      for (const [i, m] of messages.entries()) {
        for (const size of [16, 64, MAX_PIECE]) {
          const parts = [...chunkMessage(m, { pieceBytes: size, transferId: `t${i}` })].map((c) =>
            (pieces as Codec<Chunk>).encode(c),
          );
          out.push(framed(parts));
        }
      }
      // Two transfers back to back, and an empty message.
      const two = messages
        .slice(0, 2)
        .flatMap((m, i) => [...chunkMessage(m, { pieceBytes: 64, transferId: `x${i}` })]);
      out.push(framed(two.map((c) => (pieces as Codec<Chunk>).encode(c))));
      out.push(
        framed(
          [...chunkMessage(new Uint8Array(0), { transferId: "e" })].map((c) =>
            (pieces as Codec<Chunk>).encode(c),
          ),
        ),
      );
      for (const f of regressionFiles(DIR, PREFIX)) out.push(f.bytes);
      return out;
    },
    dictionary() {
      const tags = [0x0a, 0x10, 0x18, 0x20, 0x2a].map((t) => Uint8Array.of(t));
      return [...tags, Uint8Array.of(0x18, 0x01), ...stringTokens(["t0", "t1", "x0", "x1"], "protobuf")];
    },
    check(input) {
      if (pieces === undefined || inner === undefined) throw new Error("init() first");
      const r = new Reassembler(inner, { maxTotalBytes: MAX_TOTAL, maxPieceBytes: MAX_PIECE });
      try {
        for (const frame of frames(input)) {
          const chunk = pieces.decode(frame);
          roundTrip(pieces, chunk);
          const message = r.push(chunk);
          if (message !== undefined) roundTrip(inner, message);
        }
        r.end();
      } catch (e) {
        if (isSafewireError(e)) return;
        throw e;
      }
    },
    toFile: (input) => ({ dir: DIR, prefix: PREFIX, bytes: input }),
    fromFile: (_dir, _prefix, bytes) => bytes,
  };
}
