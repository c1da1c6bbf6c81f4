// `npm run demo` end to end (shortened), and the demo's exploit checked against CPython's own pickle.
import { execFile, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { pickleExploit } from "../../examples/demo/exploit.js";
import { looksLikePickle } from "../../src/index.js";

const ROOT = resolve(import.meta.dirname, "../..");

function demo(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((res) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "examples/demo/main.ts", ...args],
      { cwd: ROOT, timeout: 60_000, maxBuffer: 4 << 20 },
      (err, stdout, stderr) =>
        res({ code: err === null ? 0 : (err.code as number | null), out: stdout + stderr }),
    );
  });
}

describe("the demo", () => {
  it.each(["protobuf", "msgpack", "avro"])(
    "--format %s: exchanges observations and chunks, then refuses the pickle on both methods",
    async (format) => {
      const { code, out } = await demo(["--format", format, "--seconds", "1", "--hz", "10"]);
      expect(code, out).toBe(0);
      expect(out).toMatch(/exchanged: 10 observations \([\d.]+ MB\) and \d+ action chunks/);
      expect(out).toMatch(/round trip p50 [\d.]+ ms, p99 [\d.]+ ms; [\d.]+ MB\/s/);
      expect(out).toContain("policy server: 1 PolicySetup, 10 observations taken");
      expect(out).toMatch(/SendObservations: INVALID_ARGUMENT safewire-code=unsafe_payload/);
      expect(out).toMatch(/SendPolicyInstructions: INVALID_ARGUMENT safewire-code=unsafe_payload/);
      expect(out).toContain(`${format} decode: the payload is a Python pickle stream`);
      expect(out).toMatch(/marker file .*: not created/);
      expect(out).toContain("server still serving: Ready OK");
    },
    90_000,
  );

  const python = spawnSync("/usr/bin/python3", ["-c", "import pickle, pickletools"]).status === 0;
  it.skipIf(!python)("the exploit is byte for byte what CPython's pickle.dumps writes for the gadget", () => {
    const marker = "/tmp/safewire-demo-check";
    const script = [
      "import os, pickle, sys",
      "class Exploit:",
      "    def __reduce__(self):",
      "        return (os.system, ('touch ' + sys.argv[1],))",
      "sys.stdout.buffer.write(pickle.dumps(Exploit(), protocol=4))",
    ].join("\n");
    const dumped = spawnSync("/usr/bin/python3", ["-c", script, marker]);
    expect(dumped.status).toBe(0);
    const ours = pickleExploit(marker);
    expect(Buffer.from(ours).toString("hex")).toBe(dumped.stdout.toString("hex"));
    expect(looksLikePickle(ours)).toBe(true);
  });
});
