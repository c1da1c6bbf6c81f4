import { readdirSync, readFileSync } from "node:fs";
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { avroCodec } from "../../src/formats/avro/index.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import { int64, looksLikePickle } from "../../src/index.js";
import { MESSAGE_NAMES, codec as roboticsCodec } from "../../src/robotics/index.js";
import "../../src/robotics/avro.js";
import { hex, PICKLE_OS_SYSTEM } from "../helpers/bounded.js";

const VECTORS = new URL("../vectors/pickle/", import.meta.url);

describe("pickle sniff", () => {
  it("recognises a protocol-4 pickle with a frame", () => {
    expect(looksLikePickle(PICKLE_OS_SYSTEM)).toBe(true);
  });

  // Bytes as Debian's Python 3.11 writes pickle.dumps(None) and pickle.dumps([1, 2, "abc"]).
  it("recognises protocols 2 to 5, framed or not", () => {
    for (const p of ["02", "03", "04", "05"]) expect(looksLikePickle(hex(`80 ${p} 4e 2e`))).toBe(true);
    expect(looksLikePickle(hex("80025d7100284b014b0258030000006162637101652e"))).toBe(true);
    expect(looksLikePickle(hex("8005950f000000000000005d94284b014b028c0361626394652e"))).toBe(true);
  });

  it("refuses a pickle as unsafe_payload at byte 0, the offset carried as well as worded", () => {
    const r = avroCodec({ type: "string", schema: z.string() }).safeDecode(
      Uint8Array.from([0x80, 0x02, 0x4e, 0x2e]),
    );
    expect(r).toMatchObject({ ok: false, error: { code: "unsafe_payload", offset: 0 } });
    if (!r.ok) {
      expect(r.error.issues[0]?.offset).toBe(0);
      expect(r.error.message).toMatch(/ \(byte 0\)$/);
    }
  });

  it("leaves other bytes alone", () => {
    expect(looksLikePickle(hex("80"))).toBe(false);
    expect(looksLikePickle(hex("80 01 4e 2e"))).toBe(false);
    expect(looksLikePickle(hex("80 02 4e 2f"))).toBe(false);
    // A frame that claims more bytes than exist is not a pickle stream.
    expect(looksLikePickle(hex("80 04 95 ff 00 00 00 00 00 00 00 4e 2e"))).toBe(false);
    // Not even by one byte: the frame holds "4e 2e", two bytes, not three.
    expect(looksLikePickle(hex("80 04 95 03 00 00 00 00 00 00 00 4e 2e"))).toBe(false);
    // pickle.loads refuses protocol 6 ("unsupported pickle protocol"), and 80 06 starts other formats' messages.
    expect(looksLikePickle(hex("80 06 4e 2e"))).toBe(false);
    // The sniff is for protocols 2 to 5, which open with PROTO: "4b 02 4e 2e" reads as opcodes (and
    // pickle.loads takes it, as protocol 1), but is not sniffed.
    expect(looksLikePickle(hex("4b 02 4e 2e"))).toBe(false);
  });

  it("recognises every pickle of protocol 2 to 5 in the corpus (real ones, written by CPython)", () => {
    const files = readdirSync(VECTORS).filter((f) => /^[a-z_]+_p[2-5](_p\d)*\.pkl$/.test(f));
    expect(files.length).toBeGreaterThan(30);
    for (const f of files) {
      const bytes = new Uint8Array(readFileSync(new URL(f, VECTORS)));
      // data_trailing ends in bytes after its STOP, so it is not sniffed (the prescans refuse it).
      expect(looksLikePickle(bytes), f).toBe(bytes[bytes.length - 1] === 0x2e);
    }
  });

  it("reads the opcodes through to a STOP, as pickle.loads does", () => {
    // Loads: a STOP after data; trailing bytes after the first STOP (loads ignores them); a frame;
    // pickle.dumps(257, 2), a BININT2 and its two bytes.
    for (const b of [
      "80 02 4e 2e 00 2e",
      "80 02 80 03 4e 2e",
      "80 04 95 02 00 00 00 00 00 00 00 4e 2e",
      "80 02 4d 01 01 2e",
    ])
      expect(looksLikePickle(hex(b)), b).toBe(true);
    // Not a stream loads reads: nothing before STOP (stack underflow; a FRAME loads nothing), the STOP
    // byte taken as BININT1's argument, a BINUNICODE length of 2^24 and a BINBYTES8 one of 2^32 (their
    // high bytes set), a byte that is no opcode, an argument longer than the input, a text argument with
    // no newline.
    for (const b of [
      "80 04 95 00 00 00 00 00 00 00 00 2e",
      "80 02 4b 2e",
      "80 02 58 00 00 00 01 2e",
      "80 04 8e 00 00 00 00 01 00 00 00 2e",
      "80 02 2e",
      "80 02 02 2e",
      "80 02 58 ff ff ff ff 2e",
      "80 02 49 31 2e",
      "80 02 63 61 0a 2e",
    ])
      expect(looksLikePickle(hex(b)), b).toBe(false);
  });
});

describe("a pickle whose opcodes break after its call", () => {
  it("is no pickle to the sniff, and every robotics codec refuses it as malformed", () => {
    // pickle.loads would run os.system before reaching the byte that is no opcode; the sniff reads on and
    // finds no STOP, so the format's checks refuse it (never unsafe_payload, never decoded).
    for (const f of ["os_system_p2.pkl", "os_system_p4.pkl", "popen_p4.pkl"]) {
      const b = new Uint8Array(readFileSync(new URL(f, VECTORS)));
      for (const junk of [0x01, 0xff]) {
        const bad = Uint8Array.from([...b.subarray(0, -1), junk, 0x2e]);
        expect(looksLikePickle(bad)).toBe(false);
        for (const m of MESSAGE_NAMES) {
          for (const format of ["protobuf", "avro", "msgpack"] as const) {
            const r = roboticsCodec(m, format).safeDecode(bad);
            expect(r.ok ? "decoded" : r.error.code, `${f} ${m} ${format}`).toBe("malformed");
          }
        }
      }
    }
  });
});

describe("other formats' messages that start with 80 02 to 80 05 and end in '.'", () => {
  it("an Avro Image 128, 192, 256 or 320 rows high whose last byte is 46 decodes (it was refused as a pickle)", () => {
    const image = roboticsCodec("Image", "avro");
    for (const height of [128, 192, 256, 320]) {
      const data = new Uint8Array(height * 4 * 3).fill(7);
      data[data.length - 1] = 0x2e;
      const value = { height, width: 4, encoding: "rgb8", step: 12, data };
      const bytes = image.encode(value as Parameters<typeof image.encode>[0]);
      expect([bytes[0], bytes[1], bytes[bytes.length - 1]]).toEqual([0x80, height / 64, 0x2e]);
      expect(image.decode(bytes)).toEqual(value);
    }
  });

  it("a protobuf field 32 of 46 and an Avro long of 128 then '.' decode", () => {
    const M = protobuf
      .parse('syntax = "proto3"; message M { int32 n = 32; }', { keepCase: true })
      .root.lookupType("M");
    const pb = protobufCodec({ type: M, schema: z.object({ n: z.number() }) });
    expect(Array.from(pb.encode({ n: 46 }))).toEqual([0x80, 0x02, 0x2e]);
    expect(pb.decode(pb.encode({ n: 46 }))).toEqual({ n: 46 });
    const R = {
      type: "record",
      name: "R",
      fields: [
        { name: "a", type: "long" },
        { name: "s", type: "string" },
      ],
    };
    const av = avroCodec({ type: R, schema: z.object({ a: int64(), s: z.string() }) });
    expect(Array.from(av.encode({ a: 128n, s: "." }))).toEqual([0x80, 0x02, 0x02, 0x2e]);
    expect(av.decode(av.encode({ a: 128n, s: "." }))).toEqual({ a: 128n, s: "." });
  });
});
