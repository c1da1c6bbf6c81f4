import { describe, expect, it } from "vitest";
import { chunkMessage, Reassembler } from "../../src/grpc/chunks.js";
import { type Chunk, chunkCodec, emptyCodec, envelopeCodec, repeatedCodec } from "../../src/grpc/messages.js";
import { isSafewireError, type SafewireError } from "../../src/index.js";
import { codec } from "../../src/robotics/index.js";
import { hostile } from "../../src/testing/index.js";

/** A codec that passes bytes through, so the reassembler is tested on its own. */
const identity = {
  format: "protobuf",
  name: "raw",
  limits: {} as never,
  decode: (b: Uint8Array) => b,
  encode: (b: Uint8Array) => b,
  safeDecode: (b: Uint8Array) => ({ ok: true as const, value: b }),
  safeEncode: (b: Uint8Array) => ({ ok: true as const, value: b }),
} as const;

function bytesOf(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + 7) & 0xff;
  return out;
}

function refusal(fn: () => unknown): SafewireError {
  try {
    fn();
  } catch (err) {
    if (isSafewireError(err)) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

const piece = (over: Partial<Chunk>): Chunk => ({
  transfer_id: "t1",
  index: 0,
  last: false,
  total_bytes: 10n,
  data: new Uint8Array(5),
  ...over,
});

describe("chunkMessage", () => {
  it("splits into views of at most pieceBytes, indexed from 0, last on the final one", () => {
    const msg = bytesOf(10);
    const chunks = [...chunkMessage(msg, { pieceBytes: 4, transferId: "x" })];
    expect(chunks.map((c) => c.data.length)).toEqual([4, 4, 2]);
    expect(chunks.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(chunks.map((c) => c.last)).toEqual([false, false, true]);
    expect(chunks.every((c) => c.total_bytes === 10n && c.transfer_id === "x")).toBe(true);
    expect(chunks[0]?.data.buffer).toBe(msg.buffer);
  });

  it("marks only the final piece last, whatever the message length", () => {
    for (let n = 0; n <= 13; n++) {
      const lasts = [...chunkMessage(bytesOf(n), { pieceBytes: 4 })].map((c) => c.last);
      expect(lasts, `${n} bytes`).toEqual([...Array(Math.max(1, Math.ceil(n / 4)) - 1).fill(false), true]);
    }
  });

  it("refuses a piece size that is not a positive integer, before yielding anything", () => {
    // 0 would never advance: an endless stream of empty pieces.
    for (const pieceBytes of [0, -1, 1.5, Number.NaN]) {
      expect(() => chunkMessage(bytesOf(4), { pieceBytes }).next(), String(pieceBytes)).toThrow(TypeError);
    }
  });

  it("sends an empty message as one empty last piece", () => {
    const chunks = [...chunkMessage(new Uint8Array(0))];
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.last).toBe(true);
    expect(chunks[0]?.total_bytes).toBe(0n);
  });
});

describe("Reassembler", () => {
  const make = (maxTotalBytes = 1 << 20, maxPieceBytes = 1 << 16) =>
    new Reassembler(identity as never, { maxTotalBytes, maxPieceBytes });

  it("puts pieces back together, transfer after transfer", () => {
    const r = make();
    for (const size of [0, 1, 1000, 70_000]) {
      const msg = bytesOf(size);
      let out: Uint8Array | undefined;
      const chunks = [...chunkMessage(msg, { pieceBytes: 4096 })];
      chunks.forEach((c, i) => {
        out = r.push(c) as Uint8Array | undefined;
        if (i < chunks.length - 1) expect(out).toBeUndefined();
      });
      expect(out).toEqual(msg);
      expect(r.inProgress).toBe(false);
      expect(r.bufferedBytes).toBe(0);
    }
    r.end();
  });

  it("keeps no piece of a multi-piece transfer as a view: each is copied out of its message", () => {
    // A piece is a view into its whole gRPC message, which can be megabytes of padding around one data byte:
    // a reassembler that kept the views would hold all of them. Here each piece's memory is detached
    // (transferred away) as soon as it is pushed, as if it were freed: the transfer must still come out whole.
    const r = make();
    const msg = bytesOf(10_000);
    let out: Uint8Array | undefined;
    for (const c of chunkMessage(msg, { pieceBytes: 1000 })) {
      const padded = new Uint8Array(1 << 16);
      padded.set(c.data, 500);
      out = r.push({ ...c, data: padded.subarray(500, 500 + c.data.length) }) as Uint8Array | undefined;
      structuredClone(padded.buffer, { transfer: [padded.buffer] });
      expect(padded.byteLength).toBe(0); // detached
    }
    expect(out).toEqual(msg);
  });

  it("decodes a one-piece transfer from the piece itself (no copy)", () => {
    const msg = bytesOf(100);
    const [only] = [...chunkMessage(msg)];
    const out = make().push(only as Chunk) as Uint8Array;
    expect(out.buffer).toBe(msg.buffer);
  });

  it("refuses a declared total over the limit on the first piece, holding nothing", () => {
    const r = make(1 << 20);
    const err = refusal(() => r.push(piece({ total_bytes: 1n << 30n, data: new Uint8Array(100) })));
    expect(err.code).toBe("limit_exceeded");
    expect(err.limit).toBe("maxBytes");
    expect(err.path).toEqual(["total_bytes"]);
    expect(r.bufferedBytes).toBe(0);
  });

  it("holds the total limit as given: one byte over is refused, the limit itself is taken", () => {
    const over = refusal(() =>
      make(100).push(piece({ last: true, total_bytes: 101n, data: new Uint8Array(101) })),
    );
    expect([over.code, over.limit, over.path]).toEqual(["limit_exceeded", "maxBytes", ["total_bytes"]]);
    const whole = make(100).push(piece({ last: true, total_bytes: 100n, data: new Uint8Array(100) }));
    expect(whole).toHaveLength(100);
  });

  it("refuses a declared total past 2^53 without rounding it into range, and says the total sent", () => {
    const err = refusal(() => make().push(piece({ total_bytes: 2n ** 64n - 1n })));
    expect(err.code).toBe("limit_exceeded");
    expect(err.message).toContain(" is 18446744073709551615 bytes, limit maxBytes is 1048576");
    const at60 = refusal(() => make().push(piece({ total_bytes: 2n ** 60n })));
    expect(at60.message).toContain(" is 1152921504606846976 bytes,");
    expect((at60.issues[0] as { actual: number }).actual).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("refuses a piece over maxPieceBytes", () => {
    const err = refusal(() => make(1 << 20, 8).push(piece({ data: new Uint8Array(9), total_bytes: 100n })));
    expect(err.code).toBe("limit_exceeded");
    expect(err.path).toEqual(["data"]);
  });

  it("holds the piece limit as given: a piece of exactly maxPieceBytes is taken", () => {
    const r = make(1 << 20, 8);
    expect(r.push(piece({ data: new Uint8Array(8), total_bytes: 16n }))).toBeUndefined();
    expect(r.push(piece({ index: 1, last: true, data: new Uint8Array(8), total_bytes: 16n }))).toHaveLength(
      16,
    );
  });

  it.each([
    ["a transfer that starts past piece 0", [piece({ index: 1 })], ["index"]],
    ["a duplicate piece", [piece({}), piece({ index: 0 })], ["index"]],
    ["an out-of-order piece", [piece({}), piece({ index: 2 })], ["index"]],
    ["an interleaved transfer", [piece({}), piece({ transfer_id: "t2", index: 1 })], ["transfer_id"]],
    ["pieces past the declared total", [piece({}), piece({ index: 1, data: new Uint8Array(6) })], ["data"]],
    [
      "a last piece short of the total",
      [piece({}), piece({ index: 1, last: true, data: new Uint8Array(1) })],
      ["last"],
    ],
    ["an empty piece that is not the last", [piece({ data: new Uint8Array(0) })], ["data"]],
    [
      "a total that changes mid-transfer",
      [piece({}), piece({ index: 1, total_bytes: 11n })],
      ["total_bytes"],
    ],
  ])("refuses %s", (_name, chunks, path) => {
    const r = make();
    const err = refusal(() => {
      for (const c of chunks as Chunk[]) r.push(c);
    });
    expect(["malformed", "schema_violation"]).toContain(err.code);
    expect(err.path).toEqual(path);
    expect(r.bufferedBytes).toBe(0);
    expect(() => r.push(piece({}))).toThrow(/after a refusal/);
  });

  it("refuses a stream that ends inside a transfer", () => {
    const r = make();
    r.push(piece({}));
    expect(refusal(() => r.end()).code).toBe("malformed");
    // The refusal lets go of the transfer: nothing is held, and a second end() does not refuse again.
    expect([r.inProgress, r.bufferedBytes]).toEqual([false, 0]);
    expect(() => r.end()).not.toThrow();
  });

  it("decodes the whole with the codec, and passes its refusal on", () => {
    const params = codec("Parameters", "protobuf");
    const r = new Reassembler(params, { maxTotalBytes: 1 << 20, maxPieceBytes: 1 << 16 });
    const value = {
      tensors: {
        w: { dtype: "float32" as const, shape: [2], data: new Uint8Array(new Float32Array([1, 2]).buffer) },
      },
    };
    let out: unknown;
    for (const c of chunkMessage(params.encode(value), { pieceBytes: 3 })) out = r.push(c);
    expect(out).toEqual(value);
    const bad = new Reassembler(params, { maxTotalBytes: 1 << 20, maxPieceBytes: 1 << 16 });
    const pickle = hostile.pickles()[2]?.bytes as Uint8Array;
    const err = refusal(() => {
      for (const c of chunkMessage(pickle, { pieceBytes: 7 })) bad.push(c);
    });
    expect(err.code).toBe("unsafe_payload");
  });
});

describe("transport messages", () => {
  it("Chunk round-trips and reads what Python's protobuf writes", () => {
    const c = chunkCodec(1024);
    const value: Chunk = {
      transfer_id: "a",
      index: 1,
      last: true,
      total_bytes: 5n,
      data: Uint8Array.of(0x78, 0x79),
    };
    // services_pb2.Chunk(transfer_id='a', index=1, last=True, total_bytes=5, data=b'xy').SerializeToString()
    const python = Buffer.from("0a01611001180120052a027879", "hex");
    expect(Buffer.from(c.encode(value)).toString("hex")).toBe(python.toString("hex"));
    expect(c.decode(python)).toEqual(value);
    const empty = c.safeDecode(new Uint8Array(0));
    expect(empty.ok ? "ok" : empty.error.path).toEqual(["transfer_id"]);
  });

  it("Chunk refuses duplicates, wrong wire types, bad UTF-8, oversize data and an empty transfer_id", () => {
    const c = chunkCodec(4);
    const cases: [string, string][] = [
      ["0a01610a0161", "malformed"],
      ["0d00000000", "malformed"],
      ["0a02c328", "malformed"],
      ["0a01612a0500000000000", "limit_exceeded"],
      ["1001", "schema_violation"],
      ["0a016118 02".replace(" ", ""), "malformed"],
    ];
    for (const [hex, code] of cases) {
      const r = c.safeDecode(Buffer.from(hex.length % 2 ? `${hex}0` : hex, "hex"));
      expect(r.ok ? "ok" : r.error.code, hex).toBe(code);
    }
  });

  it("Chunk names a declared data length past 2^53 as sent", () => {
    // field 5 (data), length 2^60: a varint of 9 bytes, 0x80 × 8 then 0x10
    const bytes = Uint8Array.from([0x2a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]);
    const r = chunkCodec(4).safeDecode(bytes);
    expect(r.ok ? "ok" : r.error.code).toBe("limit_exceeded");
    if (!r.ok) expect(r.error.message).toContain("binary at data is 1152921504606846976 bytes");
  });

  it("Empty refuses every byte, and names a pickle", () => {
    const e = emptyCodec();
    expect(e.decode(new Uint8Array(0))).toEqual({});
    expect(e.safeDecode(Uint8Array.of(8, 1)).ok).toBe(false);
    for (const p of hostile.pickles()) {
      const r = e.safeDecode(p.bytes);
      expect(r.ok ? "ok" : r.error.code).toBe("unsafe_payload");
    }
  });

  it("Envelope round-trips and refuses an unknown format", () => {
    const e = envelopeCodec(100);
    const v = { format: "msgpack" as const, payload: Uint8Array.of(1) };
    expect(Buffer.from(e.encode(v)).toString("hex")).toBe("0a076d73677061636b120101");
    expect(e.decode(e.encode(v))).toEqual(v);
    const r = e.safeDecode(Buffer.from("0a06706963686c65", "hex"));
    expect(r.ok ? "ok" : r.error.code).toBe("schema_violation");
  });

  it("repeatedCodec frames items as field 1 and reports item errors with the item's index", () => {
    const stats = codec("InteractionStats", "protobuf");
    const list = repeatedCodec(stats, { maxItems: 3, maxBytes: 1 << 16, name: "List" });
    const items = [0, 1, 2].map((i) => ({
      episodic_reward: i,
      interaction_step: BigInt(i),
      intervention_rate: 0.5,
      episode_interventions: i,
      extra: {},
    }));
    expect(list.decode(list.encode(items))).toEqual(items);
    expect(list.safeEncode([...items, ...items]).ok).toBe(false);
    // maxItems as given: one item past it is refused on decode.
    const four = list.safeDecode(new Uint8Array([...list.encode(items), ...list.encode(items.slice(0, 1))]));
    expect(four.ok ? "ok" : [four.error.code, four.error.limit]).toEqual([
      "limit_exceeded",
      "maxArrayLength",
    ]);
    const bytes = list.encode(items);
    const tooMany = new Uint8Array([...bytes, ...bytes]);
    const r = list.safeDecode(tooMany);
    expect(r.ok ? "ok" : r.error.code).toBe("limit_exceeded");
    // item 3: intervention_rate (field 3, a double) = 2.0, outside 0 .. 1
    const bad = Uint8Array.from([...bytes, 0x0a, 0x09, 0x19, 0, 0, 0, 0, 0, 0, 0, 0x40]);
    const r2 = repeatedCodec(stats, { maxItems: 10, maxBytes: 1 << 16, name: "List" }).safeDecode(bad);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error.path).toEqual([3, "intervention_rate"]);
  });
});

describe("Reassembler memory", () => {
  it("holds what arrived, not what was declared: a one-byte first piece of a 64 MiB transfer allocates no 64 MiB", () => {
    // Before, the first piece of a multi-piece transfer allocated the declared total at once: 16 bytes on
    // the wire per stream committed 64 MiB each (16 streams: 1 GiB for 256 bytes sent).
    const total = 64n * 1024n * 1024n;
    const before = process.memoryUsage().arrayBuffers;
    const open = Array.from({ length: 16 }, () => {
      const r = new Reassembler(identity as never, { maxTotalBytes: Number(total), maxPieceBytes: 1 << 20 });
      expect(r.push(piece({ total_bytes: total, data: Uint8Array.of(1) }))).toBeUndefined();
      return r;
    });
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(open.every((r) => r.bufferedBytes === 1)).toBe(true);
    expect(grown).toBeLessThan(16 * 1024 * 1024);
  });

  it("grows the buffer as pieces come, and still puts a transfer of many uneven pieces back together", () => {
    const msg = bytesOf(300_001);
    const r = new Reassembler(identity as never, { maxTotalBytes: 1 << 20, maxPieceBytes: 1 << 16 });
    let at = 0;
    let index = 0;
    let out: Uint8Array | undefined;
    for (const size of [1, 7, 65_536, 3, 65_536, 65_536, 65_536, 37_846]) {
      const data = msg.subarray(at, at + size);
      at += size;
      out = r.push(piece({ index: index++, total_bytes: 300_001n, last: at === msg.length, data })) as
        | Uint8Array
        | undefined;
    }
    expect(at).toBe(msg.length);
    expect(out).toEqual(msg);
    expect(out?.byteLength).toBe(msg.length);
  });
});
