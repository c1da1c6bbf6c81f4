// @grpc/grpc-js is an optional peer dependency: only safewire/grpc loads it.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

describe("@grpc/grpc-js as an optional peer", () => {
  it("is loaded by safewire/grpc and by no other entry point", () => {
    const script = `
      import { createRequire } from "node:module";
      const require = createRequire(import.meta.url);
      const grpcLoaded = () => Object.keys(require.cache).some((k) => k.includes("@grpc"));
      for (const m of ["./src/index.ts", "./src/formats/protobuf/index.ts", "./src/formats/msgpack/index.ts", "./src/robotics/index.ts"]) await import(m);
      const before = grpcLoaded();
      await import("./src/grpc/index.ts");
      console.log(JSON.stringify({ before, after: grpcLoaded() }));
    `;
    const out = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(out.status, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout.trim().split("\n").at(-1) ?? "")).toEqual({ before: false, after: true });
  });

  it("is declared as an optional peer (>= 1.10.9, CVE-2024-37168) and exported as ./grpc", () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8"));
    expect(pkg.peerDependencies["@grpc/grpc-js"]).toBe("^1.10.9");
    expect(pkg.peerDependenciesMeta["@grpc/grpc-js"]).toEqual({ optional: true });
    expect(pkg.dependencies["@grpc/grpc-js"]).toBeUndefined();
    expect(pkg.devDependencies["@grpc/grpc-js"]).toBeDefined();
    expect(pkg.exports["./grpc"]).toEqual({
      types: "./dist/grpc/index.d.ts",
      default: "./dist/grpc/index.js",
    });
  });
});
