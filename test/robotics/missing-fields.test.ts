// A field left out of a message: protobuf cannot tell it from its default (proto3), msgpack sees no key. Every
// format must still yield one value (src/robotics/messages.ts): the field's default where protobuf decodes
// one, or the same refusal (code and path) where the default is no valid value (an empty dtype, say).
// Avro always carries every field, so it is not in this comparison.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { isSafewireError } from "../../src/index.js";
import { MESSAGE_NAMES, type MessageName } from "../../src/robotics/messages.js";
import { roboticsArbitraries } from "../../src/testing/arbitraries.js";
import { codec, comparable, laxCodec } from "./support.js";

type Path = (string | number)[];

/** Every path to an object key in `v` (records' keys too: leaving one out is just a smaller map). */
function keyPaths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) keyPaths(v[i], [...at, i], out);
  } else if (typeof v === "object" && v !== null && !(v instanceof Uint8Array)) {
    for (const [k, x] of Object.entries(v)) {
      out.push([...at, k]);
      keyPaths(x, [...at, k], out);
    }
  }
  return out;
}

/** A deep copy of `v` without the key at `path` (binaries shared: nothing writes to them). */
function without(v: unknown, path: Path): unknown {
  if (Array.isArray(v)) return v.map((x, i) => (i === path[0] ? without(x, path.slice(1)) : x));
  if (typeof v !== "object" || v === null || v instanceof Uint8Array) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k !== path[0]) out[k] = x;
    else if (path.length > 1) out[k] = without(x, path.slice(1));
  }
  return out;
}

/** What a decode gave: the value (comparable), or the refusal's code and path. */
function outcome(run: () => unknown): unknown {
  try {
    return { ok: comparable(run()) };
  } catch (e) {
    if (!isSafewireError(e)) throw e;
    return { code: e.code, path: e.path };
  }
}

describe.each(MESSAGE_NAMES.map((m) => [m] as [MessageName]))("%s", (message) => {
  const arb = roboticsArbitraries()[message] as fc.Arbitrary<unknown>;
  const protobuf = codec(message, "protobuf");
  const msgpack = codec(message, "msgpack");
  const laxProtobuf = laxCodec(message, "protobuf");
  const laxMsgpack = laxCodec(message, "msgpack");

  test.prop([arb, fc.nat()], { numRuns: 120 })(
    "a field left out decodes alike from protobuf and msgpack",
    (value, pick) => {
      const paths = keyPaths(value);
      if (paths.length === 0) return;
      const sent = without(value, paths[pick % paths.length] as Path);
      const fromProtobuf = outcome(() => protobuf.decode(laxProtobuf.encode(sent)));
      const fromMsgpack = outcome(() => msgpack.decode(laxMsgpack.encode(sent)));
      expect(fromMsgpack).toEqual(fromProtobuf);
    },
  );
});

test("the fields proto3 fills with a valid default decode from msgpack without their keys", () => {
  // Named, so a default that goes missing shows here by name: a scalar tensor without shape, an empty
  // tensor without data, a jpeg without its (unknown) size and step.
  const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0);
  const cases: [MessageName, Record<string, unknown>, Record<string, unknown>][] = [
    ["Tensor", { dtype: "float64", data: new Uint8Array(8) }, { shape: [] }],
    ["Tensor", { dtype: "float32", shape: [0] }, { data: new Uint8Array(0) }],
    ["Image", { encoding: "jpeg", data: jpeg }, { height: 0, width: 0, step: 0 }],
  ];
  for (const [message, sent, filled] of cases) {
    const back = codec(message, "msgpack").decode(laxCodec(message, "msgpack").encode(sent));
    expect(comparable(back)).toEqual(comparable({ ...sent, ...filled }));
  }
});
