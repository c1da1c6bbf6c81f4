// The bin as a real process: arguments, stdin, stdout, stderr and the exit status through the OS.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, VECTORS_DIR } from "../helpers/vectors.js";
import { BIN, spawnCli } from "./support.js";

function run(argv: string[], input?: Uint8Array) {
  return spawnCli(argv, input === undefined ? {} : { input });
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
  // /dev/full: every write fails with ENOSPC.
  function toFull(argv: string[]) {
    const fd = openSync("/dev/full", "w");
    try {
      return spawnCli(argv, { stdio: ["ignore", fd, "pipe"] });
    } finally {
      closeSync(fd);
    }
  }

  it.skipIf(process.platform === "win32")(
    "a reader that has gone (| true) is not an error: exit 0, silent",
    () => {
      // `true` exits long before node has started, so the first write fails with EPIPE.
      const r = spawnSync(
        "bash",
        ["-c", 'set -o pipefail; "$0" --import tsx "$1" schema -m Observation | true', process.execPath, BIN],
        { cwd: ROOT, encoding: "utf8", timeout: 20_000 },
      );
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
    },
    30_000,
  );

  it.skipIf(!existsSync("/dev/full"))("says so in a sentence and exits 3, without a stack trace", () => {
    const r = toFull(["schema", "-m", "Tensor"]);
    expect(r.err).toBe("safewire: cannot write standard output: no space left on device (ENOSPC)\n");
    expect(r.code).toBe(3);
  });

  it.skipIf(!existsSync("/dev/full"))("convert -o - prints no success line when the write fails", () => {
    const input = join(VECTORS_DIR, "msgpack", "ActionChunk", "smolvla_50x6.bin");
    const r = toFull([
      "convert",
      input,
      "--from",
      "msgpack",
      "--to",
      "protobuf",
      "-m",
      "ActionChunk",
      "-o",
      "-",
    ]);
    expect(r.err).toBe("safewire: cannot write standard output: no space left on device (ENOSPC)\n");
    expect(r.code).toBe(3);
  });
});
