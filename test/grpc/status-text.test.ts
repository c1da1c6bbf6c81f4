// Status text both ways: what a server sends must reach the peer whatever the refused payload held (grpc-js
// percent-encodes details with encodeURI, which throws on a lone surrogate), and what a client makes of a
// hostile server's status and trailers is one capped line of text with only the names safewire sends.
import { Metadata, status } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { observationAt, so100Setup } from "../../examples/demo/robot.js";
import {
  createPolicyServer,
  createRawClient,
  POLICY_METHODS,
  POLICY_SERVICE,
  type RawClient,
  readSafewireDetails,
  SafewireRpcError,
  type SafewireServer,
} from "../../src/grpc/index.js";
import { asciiValue, detailsText } from "../../src/grpc/status.js";
import { protobufDescriptor } from "../../src/robotics/protobuf.js";

const LONE_SURROGATE = /\p{Cs}/u;

describe("detailsText", () => {
  it.each([0, 1, 2, 3])(
    "cuts a long text of emoji after %i ASCII characters at a character boundary",
    (n) => {
      const text = `${"a".repeat(n)}${"😀".repeat(700)}`;
      const out = detailsText(text);
      expect(out.length).toBeLessThanOrEqual(1024);
      expect(out.endsWith("…")).toBe(true);
      expect(LONE_SURROGATE.test(out)).toBe(false);
      expect(() => encodeURI(out)).not.toThrow();
    },
  );

  it("keeps a short sentence as it is, and escapes line breaks, escapes and lone surrogates", () => {
    expect(detailsText("protobuf decode: premature EOF")).toBe("protobuf decode: premature EOF");
    expect(detailsText("a\r\nb\u001b[31m\u202e\ud800")).toBe("a\\u000d\\u000ab\\u001b[31m\\u202e\\ud800");
  });
});

describe("asciiValue", () => {
  it("keeps printable ASCII, percent-encodes the rest (DEL and % too), so a value decodes one way", () => {
    expect(asciiValue("a.b[0] ~")).toBe("a.b[0] ~");
    expect(asciiValue("\u007f")).toBe("%7F"); // DEL is not a legal ASCII header character
    expect(asciiValue("%41")).toBe("%2541"); // a literal "%41" must not read back as "A"
    expect(asciiValue("é\n")).toBe("%C3%A9%0A");
  });

  it("holds the cap as given: 512 characters pass whole, 513 are cut to 512 ending in ~", () => {
    expect(asciiValue("x".repeat(512))).toBe("x".repeat(512));
    const cut = asciiValue("x".repeat(513));
    expect([cut.length, cut.endsWith("~")]).toEqual([512, true]);
  });
});

describe("detailsText at its cap", () => {
  it("keeps a sentence of exactly 1024 characters whole, and cuts one of 1025", () => {
    expect(detailsText("d".repeat(1024))).toBe("d".repeat(1024));
    expect(detailsText("d".repeat(1025))).toBe(`${"d".repeat(1023)}…`);
  });
});

describe("a refusal whose sentence is long and ends inside an emoji", () => {
  let server: SafewireServer;
  let raw: RawClient;
  beforeAll(async () => {
    server = await createPolicyServer(
      {
        async sendObservations(s) {
          for await (const _ of s);
        },
        sendPolicyInstructions: () => {},
      },
      {
        address: "127.0.0.1:0",
        insecure: true,
      },
    );
    raw = createRawClient(server.address, { insecure: true });
  });
  afterAll(async () => {
    raw?.close();
    await server?.close(500);
  });

  // The map key shows in the sentence; one of the two prefixes puts a surrogate pair across the cut.
  it.each(["", "a"])(
    "reaches the client as INVALID_ARGUMENT with its trailers (key prefix %j)",
    async (prefix) => {
      const key = `${prefix}${"😀".repeat(600)}`;
      const O = protobufDescriptor("Observation");
      const o = observationAt(0, { height: 8, width: 8 }) as unknown as Record<string, unknown>;
      o.extras = { [key]: { dtype: "float32", shape: [3], data: new Uint8Array(5) } };
      const S = protobufDescriptor("PolicySetup");
      const setup = { ...so100Setup(), features: { [key]: { dtype: "complex64", shape: [1], names: [] } } };
      // Both call kinds: a client stream hung without a status, a unary call got UNKNOWN.
      const calls = [
        [POLICY_METHODS.sendObservations, O.encode(O.fromObject(o)).finish()],
        [POLICY_METHODS.sendPolicyInstructions, S.encode(S.fromObject(setup)).finish()],
      ] as const;
      for (const [spec, bytes] of calls) {
        const out = await raw.call(POLICY_SERVICE, spec, [bytes], { deadlineMs: 5000 });
        expect(out.error?.code, spec.name).toBe(status.INVALID_ARGUMENT);
        expect(out.error?.safewire?.code, spec.name).toBe("schema_violation");
        expect(out.error?.details.length, spec.name).toBeGreaterThan(1000);
        expect(LONE_SURROGATE.test(out.error?.details ?? ""), spec.name).toBe(false);
      }
    },
  );
});

describe("a hostile server's status, as the client reads it", () => {
  const md = (pairs: Record<string, string>) => {
    const m = new Metadata();
    for (const [k, v] of Object.entries(pairs)) m.set(k, v);
    return m;
  };

  it("takes only the limit names and formats safewire sends, and caps the texts", () => {
    const sw = readSafewireDetails(
      md({
        "safewire-code": "limit_exceeded",
        "safewire-limit": "__proto__",
        "safewire-format": "pickle",
        "safewire-path": "x".repeat(5000),
        "safewire-message": "y".repeat(5000),
      }),
    );
    expect(sw?.code).toBe("limit_exceeded");
    expect(sw?.limit).toBeUndefined();
    expect(sw?.format).toBeUndefined();
    expect(sw?.path.length).toBeLessThanOrEqual(512);
    expect(sw?.message?.length).toBeLessThanOrEqual(512);
    const ok = readSafewireDetails(
      md({ "safewire-code": "limit_exceeded", "safewire-limit": "maxBytes", "safewire-format": "avro" }),
    );
    expect([ok?.limit, ok?.format]).toEqual(["maxBytes", "avro"]);
  });

  it("takes an offset only as up to 15 digits, and no details at all for a code safewire does not send", () => {
    const offsetOf = (v: string) =>
      readSafewireDetails(md({ "safewire-code": "malformed", "safewire-offset": v }))?.offset;
    expect(offsetOf("42")).toBe(42);
    for (const v of ["-1", "1e3", "abc", "9".repeat(16), " 4"]) expect(offsetOf(v), v).toBeUndefined();
    expect(readSafewireDetails(md({ "safewire-code": "pwned", "safewire-path": "a" }))).toBeUndefined();
    expect(readSafewireDetails(md({ "safewire-path": "a" }))).toBeUndefined();
  });

  it("words the error in one line: the server's line breaks, terminal escapes and bidi controls escaped", () => {
    const err = new SafewireRpcError({
      code: status.INVALID_ARGUMENT,
      details: "refused\r\nINFO forged line\u001b[31m\u202e",
      method: "/safewire.robotics.v1.PolicyService/GetActions",
      target: "127.0.0.1:1",
      metadata: md({ "safewire-code": "malformed", "safewire-path": "a" }),
    });
    for (const c of ["\r", "\n", "\u001b", "\u202e"]) expect(err.message).not.toContain(c);
    expect(err.message).toContain("refused\\u000d\\u000aINFO forged line");
    expect(err.details).toBe("refused\r\nINFO forged line\u001b[31m\u202e"); // the data itself, as sent
  });
});
