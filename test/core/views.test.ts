// The typed-array accessors of src/views.ts: a Uint8Array subclass is read through the built-in getters,
// at the offset and length it really has. A subclass's getter lying about either, or a view that forgot
// the offset, would decode or send other bytes than the ones the array holds.
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { avscType } from "../../src/formats/avro/avsc.js";
import { avroCodec } from "../../src/formats/avro/index.js";
import { compile } from "../../src/formats/avro/tree.js";
import { compileAvscEncoder } from "../../src/formats/avro/write.js";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import { bytes, type Codec } from "../../src/index.js";
import { isUint8Array, plainView, trueLength } from "../../src/views.js";

const Bin = z.object({ b: bytes() });
const proto = protobuf
  .parse('syntax = "proto3"; message B { bytes b = 1; }', { keepCase: true })
  .root.lookupType("B");
const codecs: [string, Codec<{ b: Uint8Array }>][] = [
  ["protobuf", protobufCodec({ type: proto, schema: Bin })],
  [
    "avro",
    avroCodec({ type: { type: "record", name: "B", fields: [{ name: "b", type: "bytes" }] }, schema: Bin }),
  ],
  ["msgpack", msgpackCodec({ schema: Bin })],
];

/** `bytes` in a subclass's view at offset 5 of a larger buffer, with 0xee around it. */
function atOffset<C extends new (buf: ArrayBuffer, at: number, n: number) => Uint8Array>(
  Sub: C,
  bytes: Uint8Array,
): InstanceType<C> {
  const buf = new ArrayBuffer(bytes.length + 9);
  new Uint8Array(buf).fill(0xee);
  const v = new Sub(buf, 5, bytes.length) as InstanceType<C>;
  v.set(bytes);
  return v;
}

class Tagged extends Uint8Array {}
// Its getters say the view starts at 0: a reader taking them would read the 0xee before the bytes.
class SaysZero extends Uint8Array {
  override get byteOffset(): number {
    return 0;
  }
}

describe("plainView", () => {
  it("views a subclass's bytes where they are, and keeps a plain array or a Buffer as it is", () => {
    const held = Uint8Array.of(1, 2, 3);
    for (const Sub of [Tagged, SaysZero]) {
      const view = plainView(atOffset(Sub, held)) as Uint8Array;
      expect(Object.getPrototypeOf(view)).toBe(Uint8Array.prototype);
      expect(Array.from(view)).toEqual([1, 2, 3]);
      expect(view.byteOffset).toBe(5);
    }
    const plain = new Uint8Array(2);
    const buffer = Buffer.from([1]);
    expect(plainView(plain)).toBe(plain);
    expect(plainView(buffer)).toBe(buffer);
    expect(plainView(new Uint16Array(2))).toBeUndefined();
    expect(isUint8Array(new Proxy(plain, {}))).toBe(false);
  });

  it("a detached subclass's view is empty, and its length is 0", () => {
    const v = new Tagged(new ArrayBuffer(8));
    structuredClone(v.buffer, { transfer: [v.buffer] });
    expect(plainView(v)?.length).toBe(0);
    expect(trueLength(v)).toBe(0);
  });
});

describe.each(codecs)("%s", (_format, codec) => {
  it("decodes a subclass's view at an offset as the bytes it holds", () => {
    const wire = codec.encode({ b: Uint8Array.of(7, 8, 9) });
    for (const Sub of [Tagged, SaysZero]) {
      expect(Array.from(codec.decode(atOffset(Sub, wire)).b)).toEqual([7, 8, 9]);
    }
  });

  it("encodes a subclass's bytes at an offset as they are, whatever its byteOffset getter says", () => {
    for (const Sub of [Tagged, SaysZero]) {
      const back = codec.decode(codec.encode({ b: atOffset(Sub, Uint8Array.of(1, 2, 3)) })).b;
      expect(Array.from(back)).toEqual([1, 2, 3]);
    }
  });
});

describe("the avsc path (toAvsc hands avsc a Buffer over the same memory)", () => {
  it("sends the bytes a subclass holds at its offset, whatever its byteOffset getter says", () => {
    const type = avscType({ type: "record", name: "B", fields: [{ name: "b", type: "bytes" }] });
    const slow = compileAvscEncoder(type, compile(type));
    for (const Sub of [Tagged, SaysZero]) {
      expect(Array.from(slow({ b: atOffset(Sub, Uint8Array.of(1, 2, 3)) }))).toEqual([6, 1, 2, 3]);
    }
  });
});
