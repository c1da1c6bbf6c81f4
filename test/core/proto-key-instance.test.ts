// A message or record given as a class instance (protobufjs's fromObject and avsc's record classes make
// them, and every codec takes them) with an own `__proto__` map key inside: the check for that key looked
// into plain objects only, and zod's output of the instance lacks the key, so the rest of the map was sent
// without it, silently, in every format. The same value as a plain object was refused with its path.
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { avroCodec } from "../../src/formats/avro/index.js";
import { msgpackCodec } from "../../src/formats/msgpack/index.js";
import { protobufCodec } from "../../src/formats/protobuf/index.js";
import type { Codec } from "../../src/index.js";

const Schema = z.object({ labels: z.record(z.string(), z.number()) });
type Value = z.infer<typeof Schema>;
const V = protobuf
  .parse('syntax = "proto3"; message V { map<string, int32> labels = 1; }', { keepCase: true })
  .root.lookupType("V");
const CODECS: [string, Codec<Value>][] = [
  ["protobuf", protobufCodec({ type: V, schema: Schema })],
  [
    "avro",
    avroCodec({
      type: { type: "record", name: "V", fields: [{ name: "labels", type: { type: "map", values: "int" } }] },
      schema: Schema,
    }),
  ],
  ["msgpack", msgpackCodec({ schema: Schema })],
];

class Message {
  labels = JSON.parse('{"__proto__": 1, "ok": 2}') as Record<string, number>;
}

describe.each(CODECS)("%s", (_format, codec) => {
  it("refuses an own __proto__ map key inside a class instance, as inside a plain object", () => {
    const plain = codec.safeEncode({ labels: new Message().labels });
    expect(plain).toMatchObject({
      ok: false,
      error: { code: "schema_violation", path: ["labels", "__proto__"] },
    });
    const instance = codec.safeEncode(new Message());
    // Before: { ok: true }, and the decoded value was { labels: { ok: 2 } }.
    expect(instance).toMatchObject({
      ok: false,
      error: { code: "schema_violation", path: ["labels", "__proto__"] },
    });
  });
});
