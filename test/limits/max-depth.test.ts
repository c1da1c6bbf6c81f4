import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import { isSafewireError, type SafewireError } from "../../src/index.js";
import { chain, deepWire, doc, docCodec, FORMATS, LAX } from "../fixtures/doc.js";
import { expectBoundedFailure, logBudget, measure } from "../helpers/bounded.js";

/** The smallest maxDepth that accepts `wire` (formats count levels differently: maps, arrays, messages). */
function minDepth(format: (typeof FORMATS)[number], wire: Uint8Array): number {
  let d = 1;
  while (!docCodec(format, { maxDepth: d }).safeDecode(wire).ok) d++;
  return d;
}

describe("maxDepth", () => {
  for (const format of FORMATS) {
    it(`${format}: one level over the limit fails, with the path down the chain`, () => {
      const wire = docCodec(format, LAX).encode(chain(20));
      const d = minDepth(format, wire);
      const err = expectBoundedFailure(
        () => docCodec(format, { maxDepth: d - 1 }).decode(wire),
        "limit_exceeded",
        "maxDepth",
      );
      // The path walks down children[0] links, and may end in the field where the limit was hit.
      const links = err.path.length - (err.path.length % 2);
      expect(links).toBeGreaterThan(0);
      for (let i = 0; i < links; i++) expect(err.path[i]).toBe(i % 2 === 0 ? "children" : 0);
      if (links < err.path.length)
        expect(["name", "blob", "list", "tags", "children"]).toContain(err.path[links]);
      // The value is refused on encode too, as the same limit (msgpack's encoder has a depth fence of its own).
      const enc = docCodec(format, { maxDepth: d - 1 }).safeEncode(chain(20));
      expect(enc.ok).toBe(false);
      if (!enc.ok) {
        expect(enc.error.code).toBe("limit_exceeded");
        expect(enc.error.limit).toBe("maxDepth");
        expect(enc.error.path[0]).toBe("children");
      }
      // Depth is counted, not guessed: five more levels need more depth.
      expect(minDepth(format, docCodec(format, LAX).encode(chain(25)))).toBeGreaterThan(d);
    });
    it(`${format}: the default limit (64) refuses a 90-level chain within budget`, () => {
      const wire = docCodec(format, LAX).encode(chain(90));
      expectBoundedFailure(() => docCodec(format).decode(wire), "limit_exceeded", "maxDepth");
    });
  }

  it("msgpack: the writer's refusal names the level reached, one past the limit", () => {
    const codec = msgpackCodec({ schema: z.unknown(), limits: { maxDepth: 2 } });
    const r = codec.safeEncode([[[1]]]);
    expect(r).toMatchObject({
      ok: false,
      error: { code: "limit_exceeded", limit: "maxDepth", path: [0, 0] },
    });
    if (!r.ok) {
      expect(r.error.issues[0]).toMatchObject({ actual: 3, max: 2 });
      expect(r.error.message).toMatch(/is 3 levels deep, limit maxDepth is 2$/);
    }
  });
});

// zod validates recursively with no depth limit of its own and runs out of stack past about a thousand
// levels: a value that deep reaches it on encode before any writer counts levels, and so does anything
// when maxDepth is set above what the stack holds. Either way the refusal is maxDepth, never a stack
// overflow worded as the library's.
describe("maxDepth past the stack", () => {
  const huge = { ...LAX, maxDepth: 1_000_000 };
  // With maxDepth that high, a message is read whole before validation runs out of stack: time and memory
  // go with its size (a few hundred KB here), not with the small budgets of the default limits.
  // Running out of stack is itself slow: V8 unwinds the thousands of frames zod's recursion built. Measured
  // alone, 9–28 ms for the 6,000-level value; 59 ms (at best of three) in one CI run, under the load of the
  // other test files. A bound all the same, and the default limits' 50 ms still holds everywhere else.
  const STACK_OVERFLOW_CPU_MS = 150;
  const PROPORTIONAL_CPU_MS = 500;
  const PROPORTIONAL_HEAP_BYTES = 128 << 20;
  function expectProportionalFailure(fn: () => unknown): SafewireError {
    let m = measure(fn);
    for (let i = 0; i < 2 && m.cpuMs >= PROPORTIONAL_CPU_MS; i++) m = measure(fn);
    expect(isSafewireError(m.error), String(m.error)).toBe(true);
    logBudget(m.cpuMs, PROPORTIONAL_CPU_MS, m.heapGrowth);
    expect(m.cpuMs).toBeLessThan(PROPORTIONAL_CPU_MS);
    expect(m.heapGrowth).toBeLessThan(PROPORTIONAL_HEAP_BYTES);
    const err = m.error as SafewireError;
    expect(err.code).toBe("limit_exceeded");
    expect(err.limit).toBe("maxDepth");
    expect(err.cause).toBeInstanceOf(RangeError); // it did run out of stack: the path under test
    return err;
  }

  for (const format of FORMATS) {
    it(`${format}: a value 6,000 levels deep is refused on encode as the writer refuses one 100 deep`, () => {
      const codec = docCodec(format);
      const shallow = codec.safeEncode(chain(100)); // zod accepts it; the writer counts the levels
      expect(shallow.ok).toBe(false);
      if (shallow.ok) return;
      const deep = chain(3000);
      const err = expectBoundedFailure(
        () => codec.encode(deep),
        "limit_exceeded",
        "maxDepth",
        STACK_OVERFLOW_CPU_MS,
      );
      expect(err.cause).toBeInstanceOf(RangeError);
      expect(err.path).toEqual(shallow.error.path);
      expect(err.issues[0]).toMatchObject({ actual: 65, max: 64 });
      expect(err.message).toMatch(
        /^\w+ encode: nesting at children\[0\]\.children\[0\].* is 65 levels deep, limit maxDepth is 64$/,
      );
      expect(codec.decode(codec.encode(chain(5)))).toEqual(chain(5)); // and the codec still works
    });

    it(`${format}: a value that contains itself is refused on encode as nesting past maxDepth`, () => {
      const loop = doc({ name: "loop" });
      loop.children.push(loop);
      const err = expectBoundedFailure(
        () => docCodec(format).encode(loop),
        "limit_exceeded",
        "maxDepth",
        STACK_OVERFLOW_CPU_MS,
      );
      expect(err.path).toEqual(Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? "children" : 0)));
    });

    it(`${format}: with maxDepth above what the stack holds, encode names how deep the value went`, () => {
      const codec = docCodec(format, huge);
      const deep = chain(3000);
      const err = expectProportionalFailure(() => codec.encode(deep));
      // 3,000 docs and their children arrays; the first of the deepest containers is the leaf's list.
      expect(err.issues[0]).toMatchObject({ actual: 6000, max: 1_000_000 });
      expect(err.path.length).toBe(5999);
      expect(err.path.at(-1)).toBe("list");
      expect(err.message).toMatch(
        /nesting at least 6000 levels deep \(at children\[0\]\.children\[0\]\.children\[0\]\.children\[0\]…\) ran out of stack before reaching limit maxDepth 1000000/,
      );
    });
  }

  for (const format of ["avro", "msgpack"] as const) {
    it(`${format}: with maxDepth above what the stack holds, a message 20,000 levels deep (10,000 docs) is refused as maxDepth`, () => {
      const codec = docCodec(format, huge);
      const small = deepWire(format, 30);
      expect(codec.encode(codec.decode(small))).toEqual(small); // the bytes are a Doc chain
      const wire = deepWire(format, 10_000);
      const err = expectProportionalFailure(() => codec.decode(wire));
      expect(err.message).toMatch(
        /ran out of stack before reaching limit maxDepth 1000000: it is set above what this process holds$/,
      );
      expect(err.message.length).toBeLessThan(300);
      expect(codec.encode(codec.decode(small))).toEqual(small); // and the codec still works
    });
  }

  it("a schema's own code that runs out of stack on a shallow value is not blamed on maxDepth", () => {
    // A refine that recurses without end: the value is 2 levels deep, far from any limit or the stack's.
    const endless = (n: number): number => endless(n + 1) + 1;
    const codec = msgpackCodec({
      schema: z.object({ a: z.array(z.number()).refine((v) => endless(v.length) > 0) }),
    });
    const wire = msgpackCodec({ schema: z.unknown() }).encode({ a: [1] });
    for (const err of [
      expectProportionalFailure(() => codec.decode(wire)),
      expectProportionalFailure(() => codec.encode({ a: [1] })),
    ]) {
      expect(err.message).toMatch(
        /ran out of stack with the value only 2 levels deep \(at a\): not its nesting, but code it ran \(a refine/,
      );
      expect(err.message).not.toContain("maxDepth");
    }
  });
});

// protobufjs refuses messages nested more than its recursion limit (100) deep, whatever maxDepth says: with
// maxDepth raised past it, that refusal was protobufjs' own words ("max depth exceeded") as schema_violation
// on encode and malformed on decode. It is the limit it is: maxDepth, capped for protobuf messages.
describe("protobuf: messages nested past protobufjs' recursion limit", () => {
  const M = protobuf.parse(`syntax = "proto3"; message M { int32 a = 1; M child = 2; }`).root.lookupType("M");
  interface Node {
    a: number;
    child?: Node;
  }
  const Node: z.ZodType<Node> = z.lazy(() => z.object({ a: z.number(), child: Node.optional() }));
  const codec = protobufCodec({ type: M, schema: Node, limits: { maxDepth: 1000 } });
  const nested = (n: number): Node => {
    let v: Node = { a: 1 };
    for (let i = 1; i < n; i++) v = { a: 1, child: v };
    return v;
  };
  /** The same message as bytes: field 2 wrapping the level below, 150 deep. */
  function wire(n: number): Uint8Array {
    let bytes: number[] = [0x08, 0x01];
    for (let i = 1; i < n; i++) {
      const len = bytes.length < 128 ? [bytes.length] : [(bytes.length & 127) | 128, bytes.length >> 7];
      bytes = [0x08, 0x01, 0x12, ...len, ...bytes];
    }
    return Uint8Array.from(bytes);
  }

  it("is refused as maxDepth, capped at 100, on encode and decode; 100 levels still go through", () => {
    for (const r of [codec.safeEncode(nested(150)), codec.safeDecode(wire(150))]) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe("limit_exceeded");
      expect(r.error.limit).toBe("maxDepth");
      expect(r.error.issues[0]).toMatchObject({ actual: 101, max: 100 });
      expect(r.error.message).toContain("protobufjs' recursion limit caps maxDepth");
    }
    expect(codec.decode(codec.encode(nested(100)))).toEqual(nested(100));
    expect(codec.decode(wire(100))).toEqual(nested(100));
  });
});

// A message as a map value sits one level below the map (the map's entry record is not a level of its
// own): the check that counts it is not the one that counts nested messages or the map itself.
describe("protobuf: a message as a map value", () => {
  const root = protobuf.parse(
    `syntax = "proto3"; message V { int32 a = 1; } message M { map<string, V> m = 1; bytes pad = 2; }`,
    { keepCase: true },
  ).root;
  const schema = z.object({
    m: z.record(z.string(), z.object({ a: z.number() })),
    pad: z.instanceof(Uint8Array),
  });
  const at = (maxDepth: number) =>
    protobufCodec({ type: root.lookupType("M"), schema, limits: { maxDepth } });
  const value = (padBytes: number) => ({ m: { k: { a: 1 } }, pad: new Uint8Array(padBytes) });

  it("counts as a level, under 16 KiB and above (the one-pass read, then the prescan)", () => {
    for (const padBytes of [0, 20_000]) {
      const wire = at(3).encode(value(padBytes));
      expect(at(3).decode(wire)).toEqual(value(padBytes));
      const err = expectBoundedFailure(() => at(2).decode(wire), "limit_exceeded", "maxDepth");
      expect(err.path).toEqual(["m", "k"]);
    }
  });
});
