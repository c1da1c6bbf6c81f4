// The encode-side writers (src/formats/protobuf/writer.ts): the size pass and the presized writer must
// produce exactly protobufjs' own bytes, for every field kind and every length-prefix width.
import type protobuf from "protobufjs";
import { describe, expect, test } from "vitest";
import { protobufCodec } from "../src/formats/protobuf/index.js";
import { toWire } from "../src/formats/protobuf/normalise.js";
import { compileTables } from "../src/formats/protobuf/tables.js";
import { type EncodeWith, encodePresized, encodeScratch } from "../src/formats/protobuf/writer.js";
import { DEFAULT_LIMITS } from "../src/index.js";
import * as robotics from "../src/robotics/index.js";
import { protobufDescriptor, STATIC_CLASSES } from "../src/robotics/protobuf.js";
import {
  emptyRich,
  fullRich,
  NodeDescriptor,
  NodeStatic,
  NodeType,
  type NodeValue,
  pattern,
  type Rich,
  RichDescriptor,
  RichSchema,
  RichStatic,
  RichType,
  richValues,
} from "./fixtures/protobuf/rich.js";

const LIMITS = {
  ...DEFAULT_LIMITS,
  maxBytes: 1 << 26,
  maxBinaryBytes: 1 << 26,
  maxStringBytes: 1 << 24,
  maxDepth: 500,
};

function nested(depth: number, payload: number): NodeValue {
  let node: NodeValue = { value: payload, children: [], named: {} };
  for (let d = 0; d < depth; d++) {
    node = {
      value: d,
      child: node,
      children: d % 3 === 0 ? [{ value: d === 0 ? 0 : -d, children: [], named: {} }] : [],
      named: d % 4 === 0 ? { k: { value: 1, children: [], named: {} } } : {},
    };
  }
  return node;
}

type Encodable = { encode(m: never, w?: never): { finish(): Uint8Array } };

const flavours = [
  ["reflection Type", RichType, RichType, NodeType, NodeType],
  ["static class", RichStatic, RichDescriptor, NodeStatic, NodeDescriptor],
] as const;

describe.each(flavours)("writers via %s", (_name, rich, richDesc, node, nodeDesc) => {
  function check(cls: unknown, desc: protobuf.Type, value: unknown): void {
    const wire = toWire(compileTables(desc), value, [], LIMITS, 1);
    const enc = cls as Encodable;
    const expected: Uint8Array = enc.encode(wire as never).finish();
    const encode: EncodeWith<unknown> = (m, w) => enc.encode(m as never, w as never);
    const sized = encodePresized(encode, wire);
    expect(sized, "the size pass and the writer agree").toBeDefined();
    const out = sized as Uint8Array;
    expect(Object.getPrototypeOf(out)).toBe(Uint8Array.prototype);
    expect([out.byteOffset, out.buffer.byteLength]).toEqual([0, out.length]);
    expect(Buffer.from(out).equals(Buffer.from(expected))).toBe(true);
    const small = encodeScratch(encode, wire);
    expect(Object.getPrototypeOf(small)).toBe(Uint8Array.prototype);
    expect(Buffer.from(small).equals(Buffer.from(expected))).toBe(true);
  }

  test("presized and scratch encodes are protobufjs' bytes, every field kind and prefix width", () => {
    for (const v of richValues()) check(rich, richDesc, v);
  });

  test("nested submessages, shallow and deep, small and large", () => {
    for (const [depth, payload] of [
      [0, 0],
      [1, 5],
      [20, -1],
      [90, 2 ** 31 - 1],
    ] as const) {
      check(node, nodeDesc, nested(depth, payload));
    }
  });

  test("scratch results own their bytes: a later encode does not change an earlier result", () => {
    const enc = rich as unknown as Encodable;
    const tables = compileTables(richDesc);
    const a = toWire(tables, { ...emptyRich(), blob: pattern(100, 1) }, [], LIMITS, 1);
    const b = toWire(tables, { ...emptyRich(), blob: pattern(100, 2) }, [], LIMITS, 1);
    const encode: EncodeWith<unknown> = (m, w) => enc.encode(m as never, w as never);
    const first = encodeScratch(encode, a);
    const copy: Uint8Array = first.slice();
    const second = encodeScratch(encode, b);
    expect(first).toEqual(copy);
    expect(second).not.toEqual(first);
    expect(first.buffer).not.toBe(second.buffer);
    // The scratch grows past its first size (and past what it keeps), then still works.
    const huge = toWire(tables, { ...emptyRich(), blob: pattern(3_000_000) }, [], LIMITS, 1);
    const h = encodeScratch(encode, huge);
    expect(Buffer.from(h).equals(Buffer.from(enc.encode(huge as never).finish()))).toBe(true);
    expect(encodeScratch(encode, a)).toEqual(copy);
  });
});

describe("the presized path falls back rather than guess", () => {
  test("an encoder the size pass cannot follow gives undefined", () => {
    // `reset` is not supported by the size pass.
    expect(
      encodePresized((_m, w) => (w as { fork(): { reset(): void } }).fork().reset(), null),
    ).toBeUndefined();
    // The two passes write different things.
    let n = 0;
    const unstable: EncodeWith = (_m, w) => {
      const x = w as { uint32(v: number): unknown; string(s: string): unknown };
      x.uint32(10);
      x.string(n++ === 0 ? "a" : "bb");
    };
    expect(encodePresized(unstable, null)).toBeUndefined();
    // A fork left open.
    expect(encodePresized((_m, w) => (w as { fork(): unknown }).fork(), null)).toBeUndefined();
    // An ldelim without a fork.
    expect(encodePresized((_m, w) => (w as { ldelim(): unknown }).ldelim(), null)).toBeUndefined();
    // The encoder's own errors: undefined here, the plain encode reports them.
    expect(
      encodePresized(() => {
        throw new Error("boom");
      }, null),
    ).toBeUndefined();
    // Still usable afterwards.
    const enc = RichType as unknown as Encodable;
    const wire = toWire(compileTables(RichType), fullRich(), [], LIMITS, 1);
    expect(encodePresized((m, w) => enc.encode(m as never, w as never), wire)).toEqual(
      new Uint8Array(enc.encode(wire as never).finish()),
    );
  });

  test("a re-entrant encode gets writers of its own", () => {
    const enc = RichType as unknown as Encodable;
    const tables = compileTables(RichType);
    const inner = toWire(tables, { ...emptyRich(), blob: pattern(50_000, 3) }, [], LIMITS, 1);
    const outer = toWire(tables, { ...emptyRich(), blob: pattern(60_000, 4) }, [], LIMITS, 1);
    let nestedOut: Uint8Array | undefined;
    const encode: EncodeWith<unknown> = (m, w) => enc.encode(m as never, w as never);
    const out = encodePresized((m, w) => {
      nestedOut = encodePresized(encode, inner);
      return encode(m, w);
    }, outer);
    expect(Buffer.from(out as Uint8Array).equals(Buffer.from(enc.encode(outer as never).finish()))).toBe(
      true,
    );
    expect(
      Buffer.from(nestedOut as Uint8Array).equals(Buffer.from(enc.encode(inner as never).finish())),
    ).toBe(true);
  });
});

describe("codecs encode large messages exactly as protobufjs does", () => {
  test("Rich with large binaries, both flavours", () => {
    const value = richValues()[2] as Rich;
    for (const codec of [
      protobufCodec({ type: RichType, schema: RichSchema, limits: LIMITS }),
      protobufCodec({ type: RichStatic, descriptor: RichDescriptor, schema: RichSchema, limits: LIMITS }),
    ]) {
      const bytes = codec.encode(value);
      const wire = toWire(compileTables(RichType), value, [], LIMITS, 1);
      expect(Buffer.from(bytes).equals(Buffer.from(RichType.encode(wire).finish()))).toBe(true);
      expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
      // (toEqual on megabytes of Uint8Array is slow: compare a re-encode instead.)
      expect(Buffer.from(codec.encode(codec.decode(bytes))).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  test("an Observation with two camera frames", () => {
    const frame = (seed: number) => ({
      encoding: "rgb8" as const,
      height: 480,
      width: 640,
      step: 640 * 3,
      data: pattern(480 * 640 * 3, seed),
    });
    const codec = robotics.codec("Observation", "protobuf");
    const value = {
      timestamp_ns: 1_700_000_000_000_000_000n,
      timestep: 42n,
      task: "pick up the cube",
      must_go: true,
      state: { dtype: "float32" as const, shape: [6], data: new Uint8Array(24) },
      state_names: [],
      images: { front: frame(1), wrist: frame(2) },
      extras: {},
    } satisfies robotics.Observation;
    const bytes = codec.encode(value);
    const cls = STATIC_CLASSES.Observation as unknown as Encodable;
    const desc = protobufDescriptor("Observation");
    const wire = toWire(compileTables(desc), codec.decode(bytes), [], codec.limits, 1);
    expect(Buffer.from(bytes).equals(Buffer.from(cls.encode(wire as never).finish()))).toBe(true);
    expect([bytes.byteOffset, bytes.buffer.byteLength]).toEqual([0, bytes.length]);
  });
});
