import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { printable } from "../../src/errors.js";
import { avroCodec } from "../../src/formats/avro/index.js";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import { formatPath, isSafewireError, SafewireError } from "../../src/index.js";

describe("SafewireError", () => {
  const err = new SafewireError({
    format: "msgpack",
    direction: "decode",
    issues: [
      {
        code: "limit_exceeded",
        limit: "maxStringBytes",
        actual: 70000,
        max: 65536,
        path: ["images", "front", "encoding"],
        offset: 12,
        message: "string at images.front.encoding is 70000 bytes, limit maxStringBytes is 65536 (byte 12)",
      },
      { code: "schema_violation", path: ["task"], message: "bad task" },
    ],
    cause: new RangeError("x"),
  });

  it("carries the first issue's code, path, offset and limit", () => {
    expect(err.name).toBe("SafewireError");
    expect(err.code).toBe("limit_exceeded");
    expect(err.limit).toBe("maxStringBytes");
    expect(err.path).toEqual(["images", "front", "encoding"]);
    expect(err.offset).toBe(12);
    expect(err.issues).toHaveLength(2);
    expect(err.cause).toBeInstanceOf(RangeError);
    expect(err.message).toBe(
      "msgpack decode: string at images.front.encoding is 70000 bytes, limit maxStringBytes is 65536 (byte 12) (and 1 more issues)",
    );
  });

  it("is recognised by shape, across copies of the package", () => {
    expect(isSafewireError(err)).toBe(true);
    const copy = {
      ...err,
      name: "SafewireError",
      code: err.code,
      format: "avro",
      direction: "decode",
      path: [],
      issues: [],
    };
    expect(isSafewireError(copy)).toBe(true);
    expect(isSafewireError(new Error("x"))).toBe(false);
    expect(isSafewireError({ name: "SafewireError", code: "nope" })).toBe(false);
    expect(isSafewireError(null)).toBe(false);
    // Every field is checked: an unknown code, or a direction other than encode and decode, is not one.
    expect(isSafewireError({ ...copy, code: "nope" })).toBe(false);
    expect(isSafewireError({ ...copy, direction: "sideways" })).toBe(false);
    expect(isSafewireError({ ...copy, path: "x" })).toBe(false);
  });

  it("formats paths with indices and keys", () => {
    expect(formatPath(["state_names", 3])).toBe("state_names[3]");
    expect(formatPath(["images", "front", "data"])).toBe("images.front.data");
    expect(formatPath([0, 1])).toBe("[0][1]");
  });

  it("names byte 0 when the refusal is at the first byte (0 is an offset, not its absence)", () => {
    const r = msgpackCodec({ schema: z.unknown() }).safeDecode(Uint8Array.from([0xc1]));
    expect(r).toMatchObject({ ok: false, error: { code: "malformed", offset: 0 } });
    if (!r.ok) expect(r.error.message).toMatch(/ \(byte 0\)$/);
  });

  it("needs at least one issue", () => {
    expect(() => new SafewireError({ format: "avro", direction: "encode", issues: [] })).toThrow(TypeError);
  });
});

describe("whatever a schema's code or a getter throws, a codec throws a SafewireError", () => {
  const revoked = () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  };
  const trapped = new Proxy(
    {},
    {
      get() {
        throw new Error("trap");
      },
      getPrototypeOf() {
        throw new Error("trap");
      },
    },
  );
  // Each makes `instanceof`, a property read or String() throw a TypeError of its own.
  const THROWN: [string, () => unknown][] = [
    ["an object without a prototype", () => Object.create(null)],
    ["a revoked Proxy", revoked],
    ["a Proxy whose traps throw", () => trapped],
    [
      "an Error whose message getter throws",
      () => Object.defineProperty(new Error(), "message", { get: revoked }),
    ],
  ];
  const M = protobuf
    .parse('syntax = "proto3"; message M { double a = 1; }', { keepCase: true })
    .root.lookupType("M");
  const avro = { type: "record", name: "M", fields: [{ name: "a", type: "double" }] };

  const Plain = z.object({ a: z.number() });
  const plain = {
    protobuf: protobufCodec({ type: M, schema: Plain }),
    avro: avroCodec({ type: avro, schema: Plain }),
    msgpack: msgpackCodec({ schema: Plain }),
  };

  it.each(THROWN)("%s", (_name, make) => {
    const refine = Plain.refine(() => {
      throw make();
    });
    const codecs = [
      protobufCodec({ type: M, schema: refine }),
      avroCodec({ type: avro, schema: refine }),
      msgpackCodec({ schema: refine }),
    ];
    const getter = {
      get a(): number {
        throw make();
      },
    };
    for (const c of codecs) {
      const wire = plain[c.format].encode({ a: 1 });
      for (const [direction, run, code] of [
        ["decode", () => c.decode(wire), "malformed"],
        ["encode", () => c.encode({ a: 1 }), "schema_violation"],
        ["encode (a getter)", () => plain[c.format].encode(getter), "schema_violation"],
      ] as const) {
        let thrown: unknown;
        try {
          run();
        } catch (e) {
          thrown = e;
        }
        expect(thrown, `${c.format} ${direction}`).toBeInstanceOf(SafewireError);
        expect((thrown as SafewireError).code).toBe(code);
      }
      expect(c.safeDecode(wire).ok).toBe(false);
    }
  });

  it("a SafewireError of another copy of the package goes through as it is", () => {
    // Shaped as one (isSafewireError), not an instance of this copy's class: a schema that decodes a
    // nested payload with a codec of another copy throws it. Wrapped, its code and path would be lost.
    const foreign = Object.assign(new Error("avro decode: bad"), {
      name: "SafewireError",
      code: "limit_exceeded",
      format: "avro",
      direction: "decode",
      path: ["inner"],
      issues: [],
    });
    const c = msgpackCodec({
      schema: z.object({ a: z.number() }).refine(() => {
        throw foreign;
      }),
    });
    for (const run of [() => c.decode(Uint8Array.from([0x81, 0xa1, 0x61, 0x01])), () => c.encode({ a: 1 })]) {
      let thrown: unknown;
      try {
        run();
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBe(foreign);
    }
  });

  it("a plain Error's message is kept, on decode as malformed", () => {
    const boom = msgpackCodec({
      schema: z.object({ a: z.number() }).refine(() => {
        throw new Error("boom");
      }),
    });
    const r = boom.safeDecode(Uint8Array.from([0x81, 0xa1, 0x61, 0x01]));
    expect(r.ok ? "ok" : `${r.error.code} ${r.error.message}`).toMatch(/^malformed .*boom/);
  });
});

// Map keys come from the wire. A message is one line of plain text whatever they hold; the path keeps them
// exactly. Without the escaping, logging err.message would print the terminal escape, the forged line and
// the right-to-left override as they are.
describe("messages carry hostile keys as escapes", () => {
  const KEY = "\u001b[2J\u001b[31mok\nINFO forged line\u202eevil";
  const proto = protobuf
    .parse(`syntax = "proto3"; message M { map<string, string> m = 1; }`, { keepCase: true })
    .root.lookupType("M");
  const avroType = {
    type: "record",
    name: "M",
    fields: [{ name: "m", type: { type: "map", values: "string" } }],
  };
  const schema = z.object({ m: z.record(z.string(), z.string().max(1)) });
  const codecs = {
    protobuf: protobufCodec({ type: proto, schema }),
    avro: avroCodec({ type: avroType, schema }),
    msgpack: msgpackCodec({ schema }),
  };
  for (const [format, codec] of Object.entries(codecs)) {
    it(`${format}: a schema violation under a hostile map key`, () => {
      const wire = (
        format === "protobuf"
          ? protobufCodec({ type: proto, schema: z.object({ m: z.record(z.string(), z.string()) }) })
          : format === "avro"
            ? avroCodec({ type: avroType, schema: z.object({ m: z.record(z.string(), z.string()) }) })
            : msgpackCodec({ schema: z.object({ m: z.record(z.string(), z.string()) }) })
      ).encode({ m: { [KEY]: "too long" } });
      const r = codec.safeDecode(wire);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe("schema_violation");
      expect(r.error.path).toEqual(["m", KEY]);
      const escaped = "\\u001b[2J\\u001b[31mok\\u000aINFO forged line\\u202eevil";
      for (const message of [r.error.message, r.error.issues[0]?.message ?? ""]) {
        expect(message).toContain(`at m.${escaped}`);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting none are left is the point
        expect(message).not.toMatch(/[\u0000-\u001f\u202e]/);
      }
    });
  }

  it("msgpack: a repeated hostile key", () => {
    const key = Buffer.from(KEY);
    const entry = [0xd9, key.length, ...key, 0xa1, 0x78]; // str8: the key is over 31 bytes
    const wire = Uint8Array.from([0x81, 0xa1, 0x6d, 0x82, ...entry, ...entry]);
    const r = codecs.msgpack.safeDecode(wire);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(
      /^msgpack decode: duplicate map key "\\u001b\[2J.*\\u000aINFO forged line\\u202eevil" at byte \d+ at m$/,
    );
  });

  it("printable escapes control, invisible and bidi characters only", () => {
    expect(printable("a\tb\u0000c\u007f\u0085\u00ad\u061c\u200b\u2028\u2066\ufeff\ufffb")).toBe(
      "a\\u0009b\\u0000c\\u007f\\u0085\\u00ad\\u061c\\u200b\\u2028\\u2066\\ufeff\\ufffb",
    );
    expect(printable("plain ASCII, ünïcödé, 日本, emoji 🤖")).toBe("plain ASCII, ünïcödé, 日本, emoji 🤖");
  });

  it("printable escapes invisible characters past the controls and the BMP too, and lone surrogates", () => {
    // Tag characters, the Mongolian vowel separator, variation selectors, the Hangul filler, the combining
    // grapheme joiner: blank when shown, so a key could hide text in a message.
    expect(printable("k\u{e0041}\u{e0042}\u180e\ufe0f\u3164\u034f\u{e0100}")).toBe(
      "k\\u{e0041}\\u{e0042}\\u180e\\ufe0f\\u3164\\u034f\\u{e0100}",
    );
    expect(printable("a\ud800b\udfff")).toBe("a\\ud800b\\udfff");
    // A surrogate pair is one character, kept; an emoji's variation selector is escaped, the emoji kept.
    expect(printable("\u{1f916}\u2764\ufe0f")).toBe("\u{1f916}\u2764\\ufe0f");
  });
});
