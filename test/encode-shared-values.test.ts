import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { avroCodec } from "../src/formats/avro/index.js";
import { msgpackCodec } from "../src/formats/msgpack/index.js";
import { protobufCodec } from "../src/formats/protobuf/index.js";
import { NodeSchema, NodeType, type NodeValue } from "./fixtures/protobuf/rich.js";
import { expectBoundedFailure } from "./helpers/bounded.js";

/*
 * Values whose objects are shared or cyclic: a handful of objects that encode as a tree exponentially
 * bigger (`v = [v, v]` 22 times over is 22 arrays and 2^22 leaves). Encode must refuse them at the
 * limits, within the hostile-input budgets, as it refuses a tree that big: not measure or write the whole
 * tree first (4 GB for 32 levels; protobuf aborted the process with a V8 "invalid size" fatal error), nor
 * walk it whole in the checks before the writer (exponential in maxDepth for a cycle).
 */

const LEVELS = 22;
const SMALL = { maxBytes: 16 * 1024 };

/** `levels` arrays, each holding the next one twice. */
function sharedArrays(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = [v, v];
  return v;
}

/** `levels` records, each holding the next one under two keys. */
function sharedRecords(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: v, b: v };
  return v;
}

/** Protobuf Nodes, each holding the next one twice in `children`. */
function sharedNodes(levels: number): NodeValue {
  let v: NodeValue = { value: 1, children: [], named: {} };
  for (let i = 0; i < levels; i++) v = { value: 1, children: [v, v], named: {} };
  return v;
}

const Json: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.number(), z.array(Json), z.record(z.string(), Json)]),
);

const AVRO_TREE = {
  type: "record",
  name: "T",
  fields: [{ name: "kids", type: { type: "array", items: "T" } }],
} as const;
type Tree = { kids: Tree[] };
function sharedTrees(levels: number): Tree {
  let v: Tree = { kids: [] };
  for (let i = 0; i < levels; i++) v = { kids: [v, v] };
  return v;
}

const mpAny = msgpackCodec({ schema: z.unknown(), limits: SMALL });
const mpJson = msgpackCodec({ schema: Json, limits: SMALL });
const pbAny = protobufCodec({ type: NodeType, schema: z.custom<NodeValue>(() => true), limits: SMALL });
const pbNode = protobufCodec({ type: NodeType, schema: NodeSchema, limits: SMALL });
const avTree = avroCodec<Tree>({
  type: AVRO_TREE as never,
  schema: z.custom<Tree>(() => true),
  limits: SMALL,
});

afterEach(() => {
  // Every codec still encodes and decodes after the refusal.
  expect(mpAny.decode(mpAny.encode([1, { a: 2 }]))).toEqual([1, { a: 2 }]);
  expect(mpJson.decode(mpJson.encode({ a: [1, 2] }))).toEqual({ a: [1, 2] });
  const n = { value: 3, children: [{ value: 1, children: [], named: {} }], named: {} };
  expect(pbAny.decode(pbAny.encode(n))).toEqual(n);
  expect(pbNode.decode(pbNode.encode(n))).toEqual(n);
  expect(avTree.decode(avTree.encode({ kids: [{ kids: [] }] }))).toEqual({ kids: [{ kids: [] }] });
});

describe("shared objects (a DAG whose tree is 2^22 leaves) are refused at maxBytes without measuring it all", () => {
  it("msgpack: arrays and records, schema z.unknown()", () => {
    for (const v of [sharedArrays(LEVELS), sharedRecords(LEVELS)]) {
      const err = expectBoundedFailure(() => mpAny.encode(v), "limit_exceeded", "maxBytes");
      expect(err.message).toContain("more than 16384 bytes");
    }
  });

  it("msgpack: under a recursive (z.lazy) schema", () => {
    for (const v of [sharedArrays(LEVELS), sharedRecords(LEVELS)]) {
      expectBoundedFailure(() => mpJson.encode(v), "limit_exceeded", "maxBytes");
    }
  });

  it("protobuf: Node children, with a schema that takes anything and with the recursive Node schema", () => {
    expectBoundedFailure(() => pbAny.encode(sharedNodes(LEVELS)), "limit_exceeded", "maxBytes");
    expectBoundedFailure(() => pbNode.encode(sharedNodes(LEVELS)), "limit_exceeded", "maxBytes");
  });

  it("avro: a record of an array of itself", () => {
    expectBoundedFailure(() => avTree.encode(sharedTrees(LEVELS)), "limit_exceeded", "maxBytes");
  });
});

describe("cyclic objects held twice by their parent are refused at maxDepth, not walked as a tree", () => {
  // The checks before the writer walked 2^20 objects here (2^64 at the default maxDepth, never ending). A
  // protobuf Node in `children` is two levels deep (the array is one).
  const mp = msgpackCodec({ schema: Json, limits: { maxDepth: 20 } });
  const pb = protobufCodec({ type: NodeType, schema: NodeSchema, limits: { maxDepth: 40 } });

  it("msgpack: an array holding itself twice, a record holding itself under two keys", () => {
    const a: unknown[] = [];
    a.push(a, a);
    const o: Record<string, unknown> = {};
    o.x = o;
    o.y = o;
    for (const v of [a, o]) expectBoundedFailure(() => mp.encode(v as never), "limit_exceeded", "maxDepth");
  });

  it("protobuf: a Node that is its own two children", () => {
    const n: NodeValue = { value: 1, children: [], named: {} };
    n.children.push(n, n);
    const err = expectBoundedFailure(() => pb.encode(n), "limit_exceeded", "maxDepth");
    expect(err.path.slice(0, 2)).toEqual(["children", 0]);
  });
});
