// Edges of the tensor and image helpers, the message checks and the per-message limits: each test fails on
// a plausible slip in the code (named in its comment) and passes on the code as it is.
import { describe, expect, test } from "vitest";
import { isSafewireError } from "../../src/index.js";
import { hasMagic, imageMismatch, MAGIC } from "../../src/robotics/image.js";
import { limitsFor, MESSAGE_LIMITS } from "../../src/robotics/limits.js";
import { ParametersSchema, parse } from "../../src/robotics/messages.js";
import {
  firstNonFinite,
  fromTypedArray,
  ITEMSIZE,
  type Tensor,
  toTypedArray,
} from "../../src/robotics/tensor.js";
import { codec, FORMATS, laxCodec } from "./support.js";

describe("fromTypedArray: an explicit dtype must fit the array's elements", () => {
  // Only a Uint8Array may be bool, only a Uint16Array float16 or bfloat16: any other array would make a
  // tensor whose data is not itemsize × elements bytes (or whose bool bytes are -1 as 0xff).
  test.each([
    [new Int8Array([0, 1]), "bool"],
    [new Float32Array(2), "bool"],
    [new Float32Array(2), "float16"],
    [new Float32Array(2), "bfloat16"],
    [new Int16Array(2), "float16"],
    [new Int16Array(2), "bfloat16"],
    [new Uint8Array(2), "float16"],
  ] as const)("a %o cannot hold %s", (ta, dtype) => {
    expect(() => fromTypedArray(ta, [2], { dtype })).toThrow(TypeError);
    expect(() => fromTypedArray(ta, [2], { dtype })).toThrow(`cannot hold ${dtype} elements`);
  });

  test("an Int8Array of -1 is no bool tensor (its byte is 0xff)", () => {
    expect(() => fromTypedArray(Int8Array.of(0, -1), [2], { dtype: "bool" })).toThrow(TypeError);
  });
});

describe("fromTypedArray: the tensor owns its shape", () => {
  // A caller reusing its shape array must not reshape a tensor already made (and checked).
  test("changing the shape array afterwards leaves the tensor's shape alone", () => {
    const shape = [2, 3];
    const t = fromTypedArray(new Float32Array(6), shape);
    shape[0] = 3;
    shape.push(7);
    expect(t.shape).toEqual([2, 3]);
    expect(t.shape).not.toBe(shape);
  });
});

describe("toTypedArray: an unaligned copy holds the tensor's bytes and nothing else", () => {
  // The copy is of the tensor's bytes only: copying from its offset to the end of the buffer would hand
  // the caller (through .buffer) whatever else the buffer holds, e.g. other messages in a pooled Buffer.
  test("the copy's buffer is exactly the tensor's length", () => {
    const backing = new Uint8Array(1 + 4 * 2 + 16).fill(0xab);
    const t: Tensor = { dtype: "float32", shape: [2], data: backing.subarray(1, 9) };
    new DataView(backing.buffer).setFloat32(1, 1.5, true);
    new DataView(backing.buffer).setFloat32(5, -2, true);
    const arr = toTypedArray(t);
    expect([...arr]).toEqual([1.5, -2]);
    expect(arr.byteOffset).toBe(0);
    expect(arr.buffer.byteLength).toBe(8);
  });
});

describe("firstNonFinite: 16-bit data that ends where its buffer ends", () => {
  // An odd count of float16/bfloat16 elements, aligned, with no spare bytes after them: the word view must
  // stop at the last whole pair (a view one word longer throws a RangeError from the engine).
  test.each(["float16", "bfloat16"] as const)("%s, odd counts, no trailing bytes", (dtype) => {
    const [one, nan] = dtype === "float16" ? [0x3c00, 0x7e00] : [0x3f80, 0x7fc0];
    for (const count of [129, 201, 8193]) {
      const bits = new Uint16Array(count).fill(one);
      const data = new Uint8Array(bits.buffer);
      expect(data.buffer.byteLength).toBe(2 * count);
      expect(firstNonFinite(dtype, data), `${count}`).toBe(-1);
      bits[count - 1] = nan;
      expect(firstNonFinite(dtype, data), `${count}`).toBe(count - 1);
    }
  });
});

describe("hasMagic: every byte of the signature counts", () => {
  // An empty file is no jpeg or png either: a compressed image always carries its file.
  test.each(["jpeg", "png"] as const)("%s: empty data → schema_violation at data", (encoding) => {
    const img = { height: 0, width: 0, encoding, step: 0, data: new Uint8Array(0) };
    expect(hasMagic(encoding, img.data)).toBe(false);
    expect(imageMismatch(img)?.field).toBe("data");
    for (const format of FORMATS) {
      const r = codec("Image", format).safeEncode(img);
      expect(r.ok, format).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe("schema_violation");
        expect(r.error.path).toEqual(["data"]);
      }
    }
  });

  // A check that stops one byte short would take a file whose signature differs only in its last byte.
  test.each(["jpeg", "png"] as const)("%s: any one byte changed is not the signature", (encoding) => {
    const magic = MAGIC[encoding];
    const file = Uint8Array.of(...magic, 0x00, 0x10);
    expect(hasMagic(encoding, file)).toBe(true);
    for (let i = 0; i < magic.length; i++) {
      const bad = file.slice();
      bad[i] = (bad[i] as number) ^ 0x01;
      expect(hasMagic(encoding, bad), `byte ${i}`).toBe(false);
      const img = { height: 1, width: 1, encoding, step: 0, data: bad };
      expect(imageMismatch(img)?.field, `byte ${i}`).toBe("data");
    }
  });
});

/** An ActionChunk refused at `path` both ways: decoding what a lax codec wrote, and encoding it. */
function refusedBothWays(format: (typeof FORMATS)[number], chunk: unknown, path: PropertyKey[]): void {
  const target = codec("ActionChunk", format);
  for (const run of [
    () => target.decode(laxCodec("ActionChunk", format).encode(chunk as never)),
    () => target.encode(chunk as never),
  ]) {
    let caught: unknown;
    try {
      run();
    } catch (e) {
      caught = e;
    }
    expect(isSafewireError(caught) && caught.code).toBe("schema_violation");
    expect(isSafewireError(caught) && caught.path).toEqual(path);
  }
}

describe.each(FORMATS)("%s: ActionChunk step_ns must not be negative", (format) => {
  // Action i is due at timestamp_ns + i × step_ns: a negative step puts later actions earlier, for one
  // action as for many (the cross-check only asks for a positive step when there are several).
  test.each([1, 3])(
    "%i action(s), step_ns -1 → schema_violation at step_ns, decoding and encoding",
    (rows) => {
      const chunk = {
        timestamp_ns: 1_000_000_000n,
        timestep: 0n,
        step_ns: -1n,
        actions: fromTypedArray(new Float32Array(rows * 2), [rows, 2]),
        action_names: [],
      };
      refusedBothWays(format, chunk, ["step_ns"]);
    },
  );
});

describe.each(FORMATS)(
  "%s: InteractionStats intervention_rate is within 0 .. 1, both ends included",
  (format) => {
    // An actor that intervened at every step reports exactly 1; none, exactly 0 (or -0).
    const stats = (intervention_rate: number) => ({
      episodic_reward: 0,
      interaction_step: 10n,
      intervention_rate,
      episode_interventions: 10,
      extra: {},
    });
    test("0, -0 and 1 round-trip; the next double past either end is refused at intervention_rate", () => {
      const c = codec("InteractionStats", format);
      for (const rate of [0, -0, 1]) {
        expect(Object.is(c.decode(c.encode(stats(rate))).intervention_rate, rate), String(rate)).toBe(true);
      }
      for (const rate of [1 + Number.EPSILON, -Number.MIN_VALUE]) {
        const r = c.safeEncode(stats(rate));
        expect(r.ok, String(rate)).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe("schema_violation");
          expect(r.error.path).toEqual(["intervention_rate"]);
        }
      }
    });
  },
);

describe.each(FORMATS)("%s: shapes and maps the cross-checks must refuse", (format) => {
  // Actions are [T, D]: a rank-3 tensor has the right byte count but no meaning as T actions of D values.
  test("ActionChunk of rank 3 → schema_violation at actions.shape, decoding and encoding", () => {
    const chunk = {
      timestamp_ns: 0n,
      timestep: 0n,
      step_ns: 20_000_000n,
      actions: fromTypedArray(new Float32Array(12), [2, 6, 1]),
      action_names: [],
    };
    refusedBothWays(format, chunk, ["actions", "shape"]);
  });

  // A map whose prototype is another plain object has entries the writers would never see: refused, not
  // sent without them.
  test("a map inheriting entries from another object → schema_violation at the map", () => {
    const t = fromTypedArray(Float32Array.of(1));
    const extras = Object.assign(Object.create({ inherited: t }) as Record<string, Tensor>, { own: t });
    const observation = {
      timestamp_ns: 0n,
      timestep: 0n,
      task: "",
      must_go: false,
      state: t,
      state_names: [],
      images: {},
      extras,
    };
    const r = codec("Observation", format).safeEncode(observation);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("schema_violation");
      expect(r.error.path).toEqual(["extras"]);
    }
  });
});

describe.each(FORMATS)("%s: double fields are finite unless allowNonFinite", (format) => {
  // A NaN reward poisons a replay buffer as a NaN action does a motor: refused by default, at its field.
  const transition = (reward: number) => ({
    state: {},
    action: fromTypedArray(Float32Array.of(0)),
    reward,
    next_state: {},
    done: false,
    truncated: false,
    info: {},
  });
  const stats = (episodic_reward: number, extra: number) => ({
    episodic_reward,
    interaction_step: 0n,
    intervention_rate: 0,
    episode_interventions: 0,
    extra: { a: extra },
  });

  test.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])("%d", (x) => {
    const results = [
      [codec("Transition", format).safeEncode(transition(x)), ["reward"]],
      [codec("InteractionStats", format).safeEncode(stats(x, 0)), ["episodic_reward"]],
      [codec("InteractionStats", format).safeEncode(stats(0, x)), ["extra", "a"]],
    ] as const;
    for (const [r, path] of results) {
      expect(r.ok, path.join(".")).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe("schema_violation");
        expect(r.error.path).toEqual(path);
      }
    }
    expect(codec("Transition", format, { allowNonFinite: true }).safeEncode(transition(x)).ok).toBe(true);
    expect(codec("InteractionStats", format, { allowNonFinite: true }).safeEncode(stats(x, x)).ok).toBe(true);
  });
});

describe("message limits", () => {
  const KiB = 1024;
  const MiB = 1024 * KiB;
  // The documented defaults (limits.ts): a looser one lets a bigger message through every decode.
  test("each message's defaults are the documented ones", () => {
    const common = { maxDepth: 16, maxStringBytes: 64 * KiB, maxArrayLength: 65_536, maxMapEntries: 65_536 };
    const sizes = {
      Tensor: [16 * MiB, 16 * MiB],
      Image: [4 * MiB, 4 * MiB],
      Observation: [16 * MiB, 4 * MiB],
      ActionChunk: [1 * MiB, 1 * MiB],
      PolicySetup: [1 * MiB, 1 * MiB],
      Transition: [16 * MiB, 4 * MiB],
      Parameters: [64 * MiB, 64 * MiB],
      InteractionStats: [64 * KiB, 64 * KiB],
    } as const;
    for (const [message, [maxBytes, maxBinaryBytes]] of Object.entries(sizes)) {
      expect(MESSAGE_LIMITS[message as keyof typeof sizes], message).toMatchObject({
        ...common,
        maxBytes,
        maxBinaryBytes,
      });
    }
  });

  // maxBytes raises maxBinaryBytes only when the caller gives no maxBinaryBytes of its own.
  test("limitsFor keeps an explicit maxBinaryBytes given with maxBytes", () => {
    expect(limitsFor("Observation", { maxBytes: 32 * MiB, maxBinaryBytes: 8 * MiB })).toMatchObject({
      maxBytes: 32 * MiB,
      maxBinaryBytes: 8 * MiB,
    });
  });

  test.each(FORMATS)("%s: a Transition with a 5 MiB tensor needs an explicit limit", (format) => {
    const value = {
      state: {},
      action: fromTypedArray(new Uint8Array(5 * MiB)),
      reward: 0,
      next_state: {},
      done: false,
      truncated: false,
      info: {},
    };
    expect(codec("Transition", format).safeEncode(value)).toMatchObject({
      ok: false,
      error: { code: "limit_exceeded", limit: "maxBinaryBytes" },
    });
    expect(codec("Transition", format, { limits: { maxBinaryBytes: 8 * MiB } }).safeEncode(value).ok).toBe(
      true,
    );
  });
});

describe("firstNonFinite ignores a trailing partial element", () => {
  // As documented: the scan covers whole elements only, never bytes past the data (which may be another
  // message's) and never past the buffer (an engine RangeError), aligned or not, at the 16 KiB chunk edge too.
  test.each(["float16", "bfloat16", "float32", "float64"] as const)("%s", (dtype) => {
    const size = ITEMSIZE[dtype];
    for (const count of [200, (16 * 1024) / size]) {
      for (const offset of [0, 1]) {
        const length = count * size + size - 1;
        // Finite zeros, then all-ones bytes (NaN patterns) from the partial element to the buffer's end.
        const spare = new Uint8Array(offset + length + 8).fill(0xff);
        spare.fill(0, offset, offset + count * size);
        expect(firstNonFinite(dtype, spare.subarray(offset, offset + length)), `${count}+${offset}`).toBe(-1);
        const exact = new Uint8Array(offset + length);
        expect(firstNonFinite(dtype, exact.subarray(offset)), `${count}+${offset}`).toBe(-1);
      }
    }
  });
});

describe("absent binaries decode to fresh empty arrays", () => {
  // Each default is a new Uint8Array: one shared by every message would carry one caller's changes (an
  // expando property, say) into every other message.
  test("two tensors with no data do not share an array", () => {
    const a = parse("Tensor", { dtype: "uint8", shape: [0] });
    const b = parse("Tensor", { dtype: "uint8", shape: [0] });
    expect(a.data).toHaveLength(0);
    expect(a.data).not.toBe(b.data);
  });
});

describe("toTypedArray: a view whenever the bytes are aligned to the element", () => {
  // Aligned means byteOffset a multiple of the element's size, not of 8: a float32 at offset 4 or an int16
  // at offset 2 (a field inside a decoded message) is read in place.
  test.each([
    ["float32", 4],
    ["int16", 2],
    ["int32", 12],
    ["float16", 6],
  ] as const)("%s at byte offset %i", (dtype, offset) => {
    const backing = new Uint8Array(offset + 4 * ITEMSIZE[dtype]);
    const t: Tensor = { dtype, shape: [4], data: backing.subarray(offset) };
    const arr = toTypedArray(t);
    expect(arr.buffer).toBe(backing.buffer);
    expect(arr.byteOffset).toBe(offset);
  });
});

describe("map keys that reach Object.prototype are refused by the schemas themselves", () => {
  // The codecs' readers and writers refuse these keys too, but the exported schemas (parse, ParametersSchema)
  // are used on their own: zod would drop a "__proto__" entry (the value changing silently) and keep
  // "constructor" or "prototype" for a consumer to trip on. Each is an issue at its own path.
  test.each(["__proto__", "constructor", "prototype"])("Parameters.tensors[%s]", (key) => {
    const tensors: Record<string, Tensor> = {};
    Object.defineProperty(tensors, key, {
      value: fromTypedArray(Float32Array.of(1)),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    const r = ParametersSchema.safeParse({ tensors });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path)).toContainEqual(["tensors", key]);
    expect(() => parse("Parameters", { tensors })).toThrow(/prototype pollution/);
    for (const format of FORMATS) {
      const e = codec("Parameters", format).safeEncode({ tensors });
      expect(e.ok ? undefined : e.error.code, format).toBe("schema_violation");
    }
  });
});
