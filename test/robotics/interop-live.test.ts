// Live interop with the official Python implementations (Debian's python3-protobuf, python3-avro,
// python3-msgpack and protoc, under /usr/bin/python3): scripts/py_peer.py decodes what safewire encodes,
// and encodes it again for safewire to decode. Skipped, with the reason, when the Python side is missing;
// failed instead when CI=true.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Format } from "../../src/index.js";
import { MESSAGE_NAMES, type MessageName } from "../../src/robotics/messages.js";
import { roboticsArbitraries } from "../../src/testing/arbitraries.js";
import { fromTagged, loadVectors, ROOT } from "../helpers/vectors.js";
import { codec, FORMATS } from "./support.js";

// Debian's interpreter, not the first python3 on PATH (which may lack the Debian packages).
const PYTHON = process.env.SAFEWIRE_PYTHON ?? "/usr/bin/python3";
const PEER = join(ROOT, "scripts", "py_peer.py");
const RUNS_PER_MESSAGE = 20;
/** Fresh messages on every run; set SAFEWIRE_SEED to replay one. */
const SEED = Number(process.env.SAFEWIRE_SEED ?? Date.now() % 2 ** 31);

function pythonProblem(): string | undefined {
  const r = spawnSync(PYTHON, [PEER, "--check"], { encoding: "utf8", timeout: 60_000 });
  if (r.error) return `${PYTHON} cannot run: ${r.error.message}`;
  if (r.status !== 0) return `${PYTHON} ${PEER} --check failed: ${(r.stderr || r.stdout).trim()}`;
  return undefined;
}

const problem = pythonProblem();
const inCI = process.env.CI === "true";

interface Item {
  format: Format;
  message: MessageName;
  value: unknown;
  bytes: Uint8Array;
  nonFinite: boolean;
}
interface PeerResult {
  value?: unknown;
  bytes?: string;
  error?: string;
}

function runPeer(items: readonly Item[]): PeerResult[] {
  const request = JSON.stringify({
    items: items.map((i) => ({
      format: i.format,
      message: i.message,
      bytes: Buffer.from(i.bytes).toString("base64"),
    })),
  });
  const r = spawnSync(PYTHON, [PEER], {
    input: request,
    encoding: "utf8",
    maxBuffer: 256 << 20,
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`py_peer.py exited ${r.status}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { items: PeerResult[] };
  expect(out.items).toHaveLength(items.length);
  return out.items;
}

/** Python decodes each item equal to the value, and its own encoding decodes equal in safewire. */
function checkRoundTrips(items: readonly Item[]): void {
  const results = runPeer(items);
  items.forEach((item, i) => {
    const r = results[i] as PeerResult;
    const label = `${item.format} ${item.message} #${i} (SAFEWIRE_SEED=${SEED})`;
    expect(r.error, label).toBeUndefined();
    expect(fromTagged(r.value), `${label}: decoded by Python`).toEqual(item.value);
    const back = Uint8Array.from(Buffer.from(r.bytes as string, "base64"));
    const c = codec(item.message, item.format, { allowNonFinite: item.nonFinite });
    expect(c.decode(back), `${label}: Python's encoding decoded by safewire`).toEqual(item.value);
    if (item.format === "avro") {
      // Avro is deterministic given the map order, which both sides keep: the bytes match too.
      expect(Buffer.from(back).toString("hex"), label).toBe(Buffer.from(item.bytes).toString("hex"));
    }
  });
}

if (problem !== undefined && !inCI) {
  console.warn(`live Python interop skipped: ${problem}`);
  describe("live Python interop", () => {
    test.skip(`skipped: ${problem}`, () => {});
  });
} else {
  describe("live Python interop", () => {
    test("the Python peer is available", () => {
      expect(problem, "the Python side must be installed when CI=true").toBeUndefined();
    });

    test.each(FORMATS)("%s: fresh random messages from TypeScript, decoded by Python and back", (format) => {
      const items: Item[] = [];
      for (const nonFinite of [false, true]) {
        const arbs = roboticsArbitraries({ allowNonFinite: nonFinite });
        MESSAGE_NAMES.forEach((message, m) => {
          const c = codec(message, format, { allowNonFinite: nonFinite });
          const seed = SEED + m + (nonFinite ? 100 : 0);
          for (const value of fc.sample(arbs[message] as fc.Arbitrary<unknown>, {
            numRuns: RUNS_PER_MESSAGE,
            seed,
          })) {
            items.push({ format, message, value, bytes: c.encode(value as never), nonFinite });
          }
        });
      }
      checkRoundTrips(items);
    });

    test.each(FORMATS)("%s: safewire's encoding of every golden vector decodes equal in Python", (format) => {
      const items = loadVectors(format).map((v): Item => {
        const message = v.message as MessageName;
        const c = codec(message, format, { allowNonFinite: v.nonFinite });
        return { format, message, value: v.value, bytes: c.encode(v.value as never), nonFinite: v.nonFinite };
      });
      expect(items.length).toBeGreaterThan(0);
      checkRoundTrips(items);
    });
  });
}
