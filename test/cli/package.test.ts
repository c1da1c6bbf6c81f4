// The CLI and docs wiring in package.json and typedoc.json (the packed tarball itself is checked by
// `npm run check:package`).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/vectors.js";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const typedoc = JSON.parse(readFileSync(join(ROOT, "typedoc.json"), "utf8"));

/** The source file tsc compiles to a dist path. */
function source(dist: string): string {
  return dist.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts");
}

describe("package wiring", () => {
  it("bin safewire is the compiled src/cli/bin.ts", () => {
    expect(pkg.bin).toEqual({ safewire: "./dist/cli/bin.js" });
    expect(existsSync(join(ROOT, source(pkg.bin.safewire)))).toBe(true);
  });

  it("typedoc documents exactly the export paths", () => {
    const entries = Object.values(pkg.exports as Record<string, string | { default: string }>)
      .filter((t): t is { default: string } => typeof t !== "string")
      .map((t) => source(t.default));
    expect([...typedoc.entryPoints].sort()).toEqual(entries.sort());
    for (const e of entries) expect(existsSync(join(ROOT, e))).toBe(true);
    expect(typedoc.treatWarningsAsErrors).toBe(true);
  });

  it("each entry names its TypeDoc module after its import path, not its source file", () => {
    for (const [key, target] of Object.entries(pkg.exports as Record<string, string | { default: string }>)) {
      if (typeof target === "string") continue;
      const text = readFileSync(join(ROOT, source(target.default)), "utf8");
      const name = key === "." ? "safewire" : `safewire/${key.slice(2)}`;
      // The tag must sit in the file's first comment, which TypeDoc reads as the module's own.
      const first = /^\s*\/\*\*([\s\S]*?)\*\//.exec(text)?.[1] ?? "";
      expect(first.match(/@module (\S+)/)?.[1], source(target.default)).toBe(name);
    }
  });

  it("has the docs and check:package scripts", () => {
    expect(pkg.scripts.docs).toBe("typedoc");
    expect(pkg.scripts["check:package"]).toBe("node scripts/check-package.mjs");
  });
});
