// The bin as a real process: arguments, stdin, stdout, stderr and the exit status through the OS.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, VECTORS_DIR } from "../helpers/vectors.js";

const BIN = join(ROOT, "src", "cli", "bin.ts");

function run(argv: string[], input?: Uint8Array) {
  const r = spawnSync(process.execPath, ["--import", "tsx", BIN, ...argv], {
    cwd: ROOT,
    input,
    encoding: "buffer",
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout.toString("utf8"), err: r.stderr.toString("utf8") };
}

describe("bin (real process)", () => {
  it("starts with a shebang that tsc keeps", () => {
    expect(readFileSync(BIN, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  it("decodes standard input and exits 0", () => {
    const bytes = readFileSync(join(VECTORS_DIR, "msgpack", "ActionChunk", "single.bin"));
    const r = run(["inspect", "-", "--message", "ActionChunk", "--format", "msgpack"], bytes);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).actions.dtype).toBeTypeOf("string");
  });

  it("exits 1 on a refused input, 2 on a dangerous pickle, 3 on a usage error", () => {
    const refused = run(["inspect", "-", "-m", "ActionChunk", "-f", "protobuf"], Uint8Array.of(0xff));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("code:    malformed");
    expect(run(["scan", join(VECTORS_DIR, "pickle", "os_system_p1.pkl")]).code).toBe(2);
    const usage = run(["inspect"]);
    expect(usage.code).toBe(3);
    expect(usage.err).toContain("missing FILE");
  });
});

describe("bin: output that cannot be written", () => {
  it.skipIf(!existsSync("/dev/full"))("says so in a sentence and exits 3, without a stack trace", () => {
    const fd = openSync("/dev/full", "w");
    try {
      const r = spawnSync(process.execPath, ["--import", "tsx", BIN, "schema", "-m", "Tensor"], {
        cwd: ROOT,
        stdio: ["ignore", fd, "pipe"],
        encoding: "buffer",
        timeout: 60_000,
      });
      const err = r.stderr.toString("utf8");
      expect(err).toBe("safewire: cannot write standard output: no space left on device (ENOSPC)\n");
      expect(r.status).toBe(3);
    } finally {
      closeSync(fd);
    }
  });
});
