// Named attack payloads. Each one says what a safe decoder must answer (`expect`), so a test can assert
// the code and not just "it threw".
import type { ErrorCode } from "../errors.js";
import { joinBytes } from "./join-bytes.js";

export interface HostilePayload {
  /** A short, stable name for reports and regression files. */
  name: string;
  bytes: Uint8Array;
  /** The code a safewire codec answers with; several when it depends on the schema. */
  expect: readonly ErrorCode[];
  /**
   * True where a correct decoder may also accept the bytes: a protobuf message cut between two fields is a
   * shorter message, often a valid one. `expect` is then the code of a refusal, if there is one.
   */
  mayDecode?: boolean;
}

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function repeat(byte: number, count: number, tail: number[] = []): Uint8Array {
  const out = new Uint8Array(count + tail.length).fill(byte);
  out.set(tail, count);
  return out;
}

const UNSAFE: readonly ErrorCode[] = ["unsafe_payload"];
const BAD: readonly ErrorCode[] = ["malformed", "limit_exceeded", "schema_violation"];

/**
 * Pickle gadgets as Debian's Python 3.11 writes them: `__reduce__` returning `(os.system, ("touch
 * /tmp/safewire-pwned",))` at protocols 2 to 5, and `builtins.exec` at protocol 4. Never load them.
 */
export const PICKLE_GADGETS: Readonly<Record<string, string>> = Object.freeze({
  "pickle-p2-os-system":
    "800263706f7369780a73797374656d0a71005819000000746f756368202f746d702f73616665776972652d70776e656471018571025271032e",
  "pickle-p3-os-system":
    "800363706f7369780a73797374656d0a71005819000000746f756368202f746d702f73616665776972652d70776e656471018571025271032e",
  "pickle-p4-os-system":
    "80049534000000000000008c05706f736978948c0673797374656d9493948c19746f756368202f746d702f73616665776972652d70776e656494859452942e",
  "pickle-p5-os-system":
    "80059534000000000000008c05706f736978948c0673797374656d9493948c19746f756368202f746d702f73616665776972652d70776e656494859452942e",
  "pickle-p4-builtins-exec":
    "80049536000000000000008c086275696c74696e73948c04657865639493948c1a696d706f7274206f733b206f732e73797374656d28226964222994859452942e",
});

export function pickles(): HostilePayload[] {
  return Object.entries(PICKLE_GADGETS).map(([name, hex]) => ({ name, bytes: fromHex(hex), expect: UNSAFE }));
}

/** Structure attacks that follow from a valid encoding of the codec's own message. */
export function fromSample(sample: Uint8Array): HostilePayload[] {
  const out: HostilePayload[] = [];
  for (const n of new Set([0, 1, sample.length >> 1, sample.length - 1])) {
    if (n >= 0 && n < sample.length)
      out.push({ name: `truncated-${n}`, bytes: sample.slice(0, n), expect: BAD, mayDecode: true });
  }
  out.push({ name: "trailing-byte", bytes: joinBytes(sample, Uint8Array.of(0x00)), expect: BAD });
  out.push({
    name: "trailing-garbage",
    bytes: joinBytes(sample, Uint8Array.of(0xff, 0xff, 0xff, 0xff)),
    expect: BAD,
  });
  return out;
}

/** MessagePack attacks that need no schema. */
export const msgpack = {
  arrayBomb: (): HostilePayload => ({
    name: "msgpack-array32-bomb",
    bytes: fromHex("ddffffffff"),
    expect: BAD,
  }),
  mapBomb: (): HostilePayload => ({ name: "msgpack-map32-bomb", bytes: fromHex("dfffffffff"), expect: BAD }),
  stringBomb: (): HostilePayload => ({
    name: "msgpack-str32-bomb",
    bytes: fromHex("dbffffffff61"),
    expect: BAD,
  }),
  binaryBomb: (): HostilePayload => ({
    name: "msgpack-bin32-bomb",
    bytes: fromHex("c6ffffffff00"),
    expect: BAD,
  }),
  depthBomb: (levels = 200_000): HostilePayload => ({
    name: "msgpack-depth-bomb",
    bytes: repeat(0x91, levels, [0xc0]),
    expect: BAD,
  }),
  invalidUtf8: (): HostilePayload => ({
    name: "msgpack-invalid-utf8",
    bytes: fromHex("a2c328"),
    expect: BAD,
  }),
  protoKey: (): HostilePayload => ({
    name: "msgpack-proto-key",
    bytes: fromHex("81a95f5f70726f746f5f5f01"),
    expect: BAD,
  }),
  constructorKey: (): HostilePayload => ({
    name: "msgpack-constructor-key",
    bytes: fromHex("81ab636f6e7374727563746f7201"),
    expect: BAD,
  }),
  reservedByte: (): HostilePayload => ({ name: "msgpack-reserved-c1", bytes: fromHex("91c1"), expect: BAD }),
  extension: (): HostilePayload => ({
    name: "msgpack-ext-timestamp",
    bytes: fromHex("d6ff00000000"),
    expect: BAD,
  }),
  all(): HostilePayload[] {
    return [
      this.arrayBomb(),
      this.mapBomb(),
      this.stringBomb(),
      this.binaryBomb(),
      this.depthBomb(),
      this.invalidUtf8(),
      this.protoKey(),
      this.constructorKey(),
      this.reservedByte(),
      this.extension(),
      ...pickles(),
    ];
  },
};

/** Protobuf wire attacks that need no schema. */
export const protobuf = {
  groupBomb: (levels = 30_000): HostilePayload => ({
    name: "protobuf-group-bomb",
    bytes: repeat(0x0b, levels),
    expect: BAD,
  }),
  hugeLength: (): HostilePayload => ({
    name: "protobuf-length-2^31-1",
    bytes: fromHex("0affffffff07"),
    expect: BAD,
  }),
  overlongVarint: (): HostilePayload => ({
    name: "protobuf-overlong-varint",
    bytes: fromHex("08ffffffffffffffffffff01"),
    expect: BAD,
  }),
  /** Field 1 as a ten-byte varint with bits past 64, which protobufjs would drop (refused whatever field 1 is). */
  varintPast64Bits: (): HostilePayload => ({
    name: "protobuf-varint-past-64-bits",
    bytes: fromHex("08ffffffffffffffffff7f"),
    expect: BAD,
  }),
  wireType6: (): HostilePayload => ({ name: "protobuf-wire-type-6", bytes: fromHex("0e00"), expect: BAD }),
  wireType7: (): HostilePayload => ({ name: "protobuf-wire-type-7", bytes: fromHex("0f00"), expect: BAD }),
  fieldZero: (): HostilePayload => ({ name: "protobuf-field-0", bytes: fromHex("0001"), expect: BAD }),
  /** Field 1 as a length-delimited string holding `c3 28`: invalid UTF-8 where field 1 is a string. */
  invalidUtf8: (): HostilePayload => ({
    name: "protobuf-invalid-utf8",
    bytes: fromHex("0a02c328"),
    expect: BAD,
  }),
  all(): HostilePayload[] {
    return [
      this.groupBomb(),
      this.hugeLength(),
      this.overlongVarint(),
      this.varintPast64Bits(),
      this.wireType6(),
      this.wireType7(),
      this.fieldZero(),
      ...pickles(),
    ];
  },
};

/** Avro is schema-driven: these attack the first field, whatever its type, plus the generic ones. */
export const avro = {
  /** A long/int/count varint that never ends. */
  overlongVarint: (): HostilePayload => ({
    name: "avro-overlong-varint",
    bytes: repeat(0xff, 11, [0x01]),
    expect: BAD,
  }),
  /** Zigzag 2^27 as the first varint: a huge block count or length if the first field is a collection or string. */
  hugeCount: (): HostilePayload => ({ name: "avro-count-2^27", bytes: fromHex("8080808001"), expect: BAD }),
  /** Zigzag -1: a negative length or count. */
  negativeLength: (): HostilePayload => ({
    name: "avro-negative-length",
    bytes: fromHex("0161"),
    expect: BAD,
  }),
  all(): HostilePayload[] {
    return [this.overlongVarint(), this.hugeCount(), this.negativeLength(), ...pickles()];
  },
};
