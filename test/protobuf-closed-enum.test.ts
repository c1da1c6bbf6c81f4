import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { IssueSignal } from "../src/errors.js";
import { compileEncoder } from "../src/formats/protobuf/encode.js";
import { protobufCodec } from "../src/formats/protobuf/index.js";
import { toWire } from "../src/formats/protobuf/normalise.js";
import { compileTables } from "../src/formats/protobuf/tables.js";
import { DEFAULT_LIMITS, type Path } from "../src/index.js";

/*
 * A closed enum (proto2's, or an editions enum with enum_type = CLOSED) names the only numbers a field of
 * its type can hold: a decoder drops any other (protobufjs keeps it out of the message), so the encoders
 * refuse it rather than send a value that does not come back. Open enums (proto3's) take any int32.
 */

const PROTO2 = `
syntax = "proto2";
package safewire.enumtest2;
enum Color { RED = 1; GREEN = 2; }
message P {
  optional Color color = 1;
  repeated Color cs = 2;
  map<string, Color> m = 3;
  repeated Color packed = 4 [packed = true];
  optional P inner = 5;
  oneof pick { Color pc = 6; string ps = 7; }
}
`;

const EDITIONS = `
edition = "2023";
package safewire.enumtest3;
enum Closed { option features.enum_type = CLOSED; ONE = 1; TWO = 2; }
enum Open { ZERO = 0; ONE = 1; }
message E { Closed c = 1; Open o = 2; repeated Closed cs = 3; }
`;

const PROTO3 = `
syntax = "proto3";
package safewire.enumtest;
enum Color { COLOR_UNSPECIFIED = 0; RED = 1; }
message P { Color color = 1; repeated Color cs = 2; map<string, Color> m = 3; optional Color maybe = 4; }
`;

const P2 = protobuf.parse(PROTO2, { keepCase: true }).root.lookupType("safewire.enumtest2.P");
const E = protobuf.parse(EDITIONS, { keepCase: true }).root.lookupType("safewire.enumtest3.E");
const P3 = protobuf.parse(PROTO3, { keepCase: true }).root.lookupType("safewire.enumtest.P");

const ANY = z.record(z.string(), z.unknown());
const codecOf = (type: protobuf.Type) => protobufCodec({ type, schema: ANY });

/** The refusal of `value` by the codec, by toWire and by the table encoder: the same, with `path`. */
function refusedEverywhere(type: protobuf.Type, value: Record<string, unknown>, path: Path): void {
  const r = codecOf(type).safeEncode(value);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe("schema_violation");
  expect(r.error.path).toEqual(path);
  expect(r.error.message).toMatch(
    /expected a value of the closed enum safewire\.enumtest\d\.\w+ \(a decoder drops/,
  );
  const table = compileTables(type);
  const thrown = (fn: () => unknown): unknown => {
    try {
      fn();
    } catch (e) {
      return e;
    }
    return undefined;
  };
  const byToWire = thrown(() => toWire(table, value, [], DEFAULT_LIMITS, 1));
  const encoder = compileEncoder(table, type);
  expect(encoder).toBeTypeOf("function");
  // The table encoder finds the problem itself (it would return bytes otherwise) and lets toWire word it.
  const byEncoder = thrown(() => encoder?.(value, DEFAULT_LIMITS));
  expect(byToWire).toBeInstanceOf(IssueSignal);
  expect((byToWire as IssueSignal).issue.path).toEqual(path);
  expect(byEncoder).toEqual(byToWire);
}

describe("closed enums: encode refuses a number the enum does not name", () => {
  it("proto2: the issue's value (a singular field, an element, a map value)", () => {
    refusedEverywhere(P2, { color: 7, cs: [1, 7] }, ["color"]);
    refusedEverywhere(P2, { cs: [1, 7] }, ["cs", 1]);
    refusedEverywhere(P2, { m: { k: 7 } }, ["m", "k"]);
    // The numbers it names still encode, and come back.
    const c = codecOf(P2);
    const value = { color: 2, cs: [1, 2], m: { k: 1 }, packed: [2, 2], inner: { cs: [1] }, pc: 1 };
    expect(c.decode(c.encode(value))).toMatchObject(value);
  });

  it("proto2: packed elements, nested messages, oneof members, and 0 (no RED = 0 here)", () => {
    refusedEverywhere(P2, { packed: [2, 1, 3] }, ["packed", 2]);
    refusedEverywhere(P2, { inner: { inner: { m: { a: 1, b: 0 } } } }, ["inner", "inner", "m", "b"]);
    refusedEverywhere(P2, { pc: -1 }, ["pc"]);
    refusedEverywhere(P2, { color: 0 }, ["color"]);
  });

  it("editions: enum_type = CLOSED refuses; open enums (editions, proto3) take any int32", () => {
    refusedEverywhere(E, { c: 3 }, ["c"]);
    refusedEverywhere(E, { cs: [1, 2, 0] }, ["cs", 2]);
    const c = codecOf(E);
    expect(c.decode(c.encode({ c: 2, o: 12345, cs: [1, 2] }))).toEqual({ c: 2, o: 12345, cs: [1, 2] });
    const c3 = codecOf(P3);
    const value = { color: 7, cs: [0, -5, 2147483647], m: { k: 99 }, maybe: -2147483648 };
    expect(c3.decode(c3.encode(value))).toEqual(value);
  });
});
