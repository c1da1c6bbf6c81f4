// The named payloads of the public fuzz kit (src/testing/hostile.ts): each must still be the attack its
// name says, so a decoder that passes them has met that attack. Their codes alone (`expect`) are too
// loose to tell: a payload mangled into any other bad input is refused with one of them too.
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { avroCodec } from "../../src/formats/avro/index.js";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import type { Codec } from "../../src/index.js";
import { disassemble, scanBytes } from "../../src/pickle/index.js";
import { type HostilePayload, hostile } from "../../src/testing/index.js";

// First (or only) field a string, where the generic payloads attack one.
const codecs: Record<"msgpack" | "protobuf" | "avro", Codec<unknown>> = {
  msgpack: msgpackCodec({ schema: z.any() }),
  protobuf: protobufCodec({
    type: protobuf.parse('syntax = "proto3"; message M { string s = 1; }').root.lookupType("M"),
    schema: z.any(),
  }),
  avro: avroCodec({
    type: { type: "record", name: "M", fields: [{ name: "s", type: "string" }] },
    schema: z.any(),
  }),
};

const PICKLE = ["unsafe_payload", /Python pickle stream/] as const;
/** What each payload is refused for: its code, and what the message names. */
const WHY: Record<string, readonly [string, RegExp]> = {
  "msgpack-array32-bomb": ["limit_exceeded", /array is 4294967295 elements/],
  "msgpack-map32-bomb": ["limit_exceeded", /map is 4294967295 entries/],
  "msgpack-str32-bomb": ["limit_exceeded", /string is 4294967295 bytes/],
  "msgpack-bin32-bomb": ["limit_exceeded", /binary is 4294967295 bytes/],
  "msgpack-depth-bomb": ["limit_exceeded", /maxDepth/],
  "msgpack-invalid-utf8": ["malformed", /not valid UTF-8/],
  "msgpack-proto-key": ["schema_violation", /"__proto__" is not allowed/],
  "msgpack-constructor-key": ["schema_violation", /"constructor" is not allowed/],
  "msgpack-reserved-c1": ["malformed", /0xc1 is never used/],
  "msgpack-ext-timestamp": ["schema_violation", /extension type \(0xd6\)/],
  "protobuf-group-bomb": ["limit_exceeded", /group \(field 1\) nesting/],
  "protobuf-length-2^31-1": ["malformed", /length 2147483647 runs past the end/],
  "protobuf-overlong-varint": ["malformed", /varint is longer than 10 bytes/],
  "protobuf-varint-past-64-bits": ["malformed", /does not fit in 64 bits/],
  "protobuf-wire-type-6": ["malformed", /invalid wire type 6/],
  "protobuf-wire-type-7": ["malformed", /invalid wire type 7/],
  "protobuf-field-0": ["malformed", /field number 0/],
  "protobuf-invalid-utf8": ["malformed", /not valid UTF-8 at s/],
  "avro-overlong-varint": ["malformed", /varint is longer than 10 bytes/],
  "avro-count-2^27": ["malformed", /declares 134217728 bytes/],
  "avro-negative-length": ["malformed", /length is negative \(-1\)/],
};

const all: [keyof typeof codecs, HostilePayload[]][] = [
  ["msgpack", hostile.msgpack.all()],
  ["protobuf", [...hostile.protobuf.all(), hostile.protobuf.invalidUtf8()]],
  ["avro", hostile.avro.all()],
];

describe("hostile payloads", () => {
  it.each(all)("%s: each is refused for what its name says, with a code it expects", (format, payloads) => {
    for (const h of payloads) {
      const [code, why] = h.name.startsWith("pickle-") ? PICKLE : (WHY[h.name] ?? ["?", /unnamed/]);
      const r = codecs[format].safeDecode(h.bytes);
      expect(r.ok ? "decoded" : `${r.error.code} ${r.error.message}`, h.name).toMatch(why);
      if (!r.ok) expect([r.error.code, h.expect], h.name).toEqual([code, expect.arrayContaining([code])]);
    }
  });

  it("the gadget table is frozen: one caller cannot swap a gadget out for every other", () => {
    expect(Object.isFrozen(hostile.PICKLE_GADGETS)).toBe(true);
  });

  it("each pickle gadget is the call its name says, at the protocol its name says", () => {
    // A codec refuses any pickle stream for being one: only the scanner tells a gadget from a mangled one.
    for (const p of hostile.pickles()) {
      const [, proto, module, name] = /^pickle-p(\d)-(os|builtins)-(system|exec)$/.exec(p.name) ?? [];
      const d = disassemble(p.bytes);
      const callee = module === "os" ? "posix.system" : `builtins.${name}`;
      expect([d.protocol, d.globals.map((g) => g.qualified), d.calls.map((c) => c.callee)], p.name).toEqual([
        Number(proto),
        [callee],
        [callee],
      ]);
      expect(scanBytes(p.bytes).rating, p.name).toBe("dangerous");
      const command = name === "exec" ? 'import os; os.system("id")' : "touch /tmp/safewire-pwned";
      expect(Buffer.from(p.bytes).includes(command), p.name).toBe(true);
    }
  });

  it("the protobuf group bomb opens 30,000 groups: deep enough to overflow a recursive decoder", () => {
    // Refused at the nesting limit long before that, so the refusal alone does not tell 30,000 from 300.
    expect(hostile.protobuf.groupBomb().bytes).toEqual(new Uint8Array(30_000).fill(0x0b));
  });

  it("all() lists every payload of its format, and the pickles", () => {
    const names = (ps: HostilePayload[]) => ps.map((p) => p.name);
    const pickles = names(hostile.pickles());
    expect(pickles).toHaveLength(5);
    expect(names(hostile.msgpack.all())).toEqual([
      ...Object.keys(WHY).filter((n) => n.startsWith("msgpack-")),
      ...pickles,
    ]);
    expect(names(hostile.protobuf.all())).toEqual([
      ...Object.keys(WHY).filter((n) => n.startsWith("protobuf-") && n !== "protobuf-invalid-utf8"),
      ...pickles,
    ]);
    expect(names(hostile.avro.all())).toEqual([
      ...Object.keys(WHY).filter((n) => n.startsWith("avro-")),
      ...pickles,
    ]);
  });

  it("fromSample cuts the sample at 0, 1, its middle and one short, and adds trailing bytes", () => {
    const sample = Uint8Array.from({ length: 10 }, (_, i) => i + 1);
    const got = hostile.fromSample(sample).map((h) => [h.name, Array.from(h.bytes), h.mayDecode ?? false]);
    const cut = (n: number) => [`truncated-${n}`, Array.from(sample.subarray(0, n)), true];
    expect(got).toEqual([
      cut(0),
      cut(1),
      cut(5),
      cut(9),
      ["trailing-byte", [...sample, 0], false],
      ["trailing-garbage", [...sample, 0xff, 0xff, 0xff, 0xff], false],
    ]);
    // Each is refused as bad structure, whatever the schema: none is a pickle.
    for (const h of hostile.fromSample(sample))
      expect([...h.expect].sort(), h.name).toEqual(["limit_exceeded", "malformed", "schema_violation"]);
    // A one-byte sample: cut at 0 only (1 would be the sample itself).
    expect(hostile.fromSample(Uint8Array.of(7)).map((h) => h.name)).toEqual([
      "truncated-0",
      "trailing-byte",
      "trailing-garbage",
    ]);
  });
});
