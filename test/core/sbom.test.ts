import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// The runtime dependencies the core issue allows; anything else in the runtime tree must be one of theirs.
// @msgpack/msgpack is not among them at run time: safewire reads and writes msgpack itself, and the tests
// and the benchmark hold it to that library (a dev dependency).
const ALLOWED_DIRECT = ["avsc", "protobufjs", "zod"];

interface LockEntry {
  version: string;
  dependencies?: Record<string, string>;
}

describe("SBOM", () => {
  it("npm run sbom writes a CycloneDX SBOM holding only the allowed libraries and their dependencies", () => {
    const out = join(mkdtempSync(join(tmpdir(), "sbom-")), "sbom.cdx.json");
    execFileSync("node", ["scripts/sbom.mjs", out], { stdio: "pipe" });
    const sbom = JSON.parse(readFileSync(out, "utf8")) as {
      bomFormat: string;
      components: { name: string }[];
    };
    expect(sbom.bomFormat).toBe("CycloneDX");

    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies).sort()).toEqual(ALLOWED_DIRECT);

    // The closure of the allowed libraries, from the lock file's own dependency lists.
    const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
      packages: Record<string, LockEntry>;
    };
    const closure = new Set<string>();
    const visit = (name: string) => {
      if (closure.has(name)) return;
      closure.add(name);
      for (const dep of Object.keys(lock.packages[`node_modules/${name}`]?.dependencies ?? {})) visit(dep);
    };
    for (const name of ALLOWED_DIRECT) visit(name);

    const names = sbom.components.map((c) => c.name);
    for (const name of ALLOWED_DIRECT) expect(names).toContain(name);
    for (const name of names)
      expect(closure.has(name), `${name} is not an allowed runtime dependency`).toBe(true);
  });
});
