import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { avroCodec } from "../../src/formats/avro/index.js";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import { bytes, type Codec } from "../../src/index.js";
import "../../src/robotics/avro.js";
import { fromTypedArray, codec as roboticsCodec, type Tensor } from "../../src/robotics/index.js";
import { thrown } from "../helpers/bounded.js";

// Code the caller runs in the middle of a decode or an encode (a subclass's getter, a Proxy's trap, a zod
// refine) may decode or encode again: the outer call must come out as it would alone. The readers keep
// module-level scratch (8-byte number buffers, the short-string cache, the prescan's stacks and state).

const FORMATS = ["protobuf", "avro", "msgpack"] as const;

describe("inputs that would run the caller's code as they are read", () => {
  const stats = (format: (typeof FORMATS)[number]) => roboticsCodec("InteractionStats", format);
  const value = {
    episodic_reward: 1.5,
    interaction_step: 1_234_567_890_123n,
    intervention_rate: 0.25,
    episode_interventions: 3,
    extra: { abcdefgh: 2.5 },
  };

  it.each(FORMATS)("%s: a Proxy of a Uint8Array is refused before any read (malformed)", (format) => {
    const wire = stats(format).encode(value);
    let trapped = 0;
    const proxy = new Proxy(wire, {
      get(target, key) {
        trapped++;
        const v = Reflect.get(target, key);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    const err = thrown(() => stats(format).decode(proxy));
    expect(err.code).toBe("malformed");
    expect(err.message).toContain("expected a Uint8Array");
    expect(trapped).toBe(0);
  });

  it.each(FORMATS)("%s: a subclass's getters never run, and it decodes as the plain bytes do", (format) => {
    const wire = stats(format).encode(value);
    let ran = 0;
    class Input extends Uint8Array {
      override get length(): number {
        ran++;
        stats(format).decode(stats(format).encode({ ...value, extra: { zzzzzzzz: 9 } })); // decodes again
        return super.length;
      }
      override subarray(begin?: number, end?: number): Uint8Array<ArrayBuffer> {
        ran++;
        return super.subarray(begin, end);
      }
    }
    const input = new Input(wire.length);
    input.set(wire);
    expect(stats(format).decode(input)).toEqual(value);
    expect(ran).toBe(0);
  });

  it("protobuf: a subclass whose length getter decodes again no longer gets its bytes unchecked", () => {
    const M = protobuf
      .parse('syntax = "proto3"; package r; message M { string name = 1; bytes blob = 2; }', {
        keepCase: true,
      })
      .root.lookupType("r.M");
    const strict = protobufCodec({
      type: M,
      schema: z.object({ name: z.string(), blob: bytes() }),
      limits: { maxStringBytes: 1000 },
    });
    const lax = protobufCodec({ type: M, schema: z.any(), limits: { maxStringBytes: 1 << 20 } });
    const hostile = lax.encode({ name: "A".repeat(20_000), blob: new Uint8Array(0) });
    // A valid message as long as the hostile one: the inner scan ran to its end, so the outer one checked nothing.
    let blob = 20_000 - 10;
    let valid = strict.encode({ name: "", blob: new Uint8Array(blob) });
    while (valid.length !== hostile.length) {
      blob += hostile.length - valid.length;
      valid = strict.encode({ name: "", blob: new Uint8Array(blob) });
    }
    class Input extends Uint8Array {
      override get length(): number {
        strict.decode(valid);
        return super.length;
      }
    }
    const input = new Input(hostile.length);
    input.set(hostile);
    const err = thrown(() => strict.decode(input));
    expect([err.code, err.limit]).toEqual(["limit_exceeded", "maxStringBytes"]);
  });

  it("avro: a value whose getter shrinks between the writer's measuring and writing is sent as read last", () => {
    // Big for the scratch, then measured big, then "b": the measured buffer is not filled, so the writer
    // steps aside and the avsc path writes the value it reads (never the unfilled tail).
    const codec = avroCodec({
      type: { type: "record", name: "R", fields: [{ name: "s", type: "string" }] },
      schema: z.any(),
    });
    let reads = 0;
    const value = {
      get s() {
        return ++reads <= 2 ? "a".repeat(70_000) : "b";
      },
    };
    const out = codec.encode(value);
    expect(Array.from(out)).toEqual([0x02, 0x62]); // "b"
    expect(reads).toBeGreaterThan(2);
    expect(codec.decode(out)).toEqual({ s: "b" });
  });
});

describe("schema code that decodes again", () => {
  it("msgpack: a refine decoding another message keeps the outer read's 64-bit forms retyped", () => {
    const inner = msgpackCodec({ schema: z.object({ x: z.number() }) });
    const innerBytes = inner.encode({ x: 1 });
    const outer = msgpackCodec({
      schema: z.object({
        a: z.string().refine(() => inner.decode(innerBytes).x === 1),
        n: z.number(),
      }),
    });
    // { a: "hi", n: 2**40 as a uint 64 }, as msgpack-python writes it
    const wire = Uint8Array.from([
      0x82, 0xa1, 0x61, 0xa2, 0x68, 0x69, 0xa1, 0x6e, 0xcf, 0, 0, 1, 0, 0, 0, 0, 0,
    ]);
    expect(outer.decode(wire)).toEqual({ a: "hi", n: 2 ** 40 });
  });
});

describe("bytes() is a brand check", () => {
  it.each(FORMATS)(
    "%s: a Proxy of a Uint8Array as tensor data is refused at its path on encode",
    (format) => {
      const tensors: Codec<Tensor> = roboticsCodec("Tensor", format);
      const data = new Float32Array(256);
      data[0] = Number.NaN;
      const t = fromTypedArray(data, [256]);
      let trapped = 0;
      const proxy = new Proxy(t.data, {
        get(target, key) {
          trapped++;
          return Reflect.get(target, key);
        },
      });
      const err = thrown(() => tensors.encode({ ...t, data: proxy }));
      expect(err.code).toBe("schema_violation");
      expect(err.path).toEqual(["data"]);
      expect(trapped).toBe(0); // refused by its brand: the tensor's NaN scan never reads it
      // The real one is judged as ever: NaN refused without allowNonFinite.
      expect(thrown(() => tensors.encode(t)).code).toBe("schema_violation");
      expect(bytes().safeParse(Buffer.from("ab")).success).toBe(true);
      expect(bytes().safeParse(new (class extends Uint8Array {})(2)).success).toBe(true);
      expect(bytes().safeParse(new Uint16Array(2)).success).toBe(false);
    },
  );
});
