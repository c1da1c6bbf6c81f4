// The robotics protobuf and msgpack codecs work in a process that forbids code generation from strings
// (`node --disallow-code-generation-from-strings`): protobuf runs on static generated code, zod falls back
// to its interpreter (and also runs with jitless set), and safewire/robotics never loads avsc at import.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test } from "vitest";
import { MESSAGE_NAMES } from "../../src/robotics/messages.js";
import { ROOT } from "../helpers/vectors.js";

const CHILD = join(ROOT, "test", "robotics", "fixtures", "no-codegen-child.ts");

function runChild(...args: string[]): Record<string, unknown> {
  const r = spawnSync(
    process.execPath,
    ["--disallow-code-generation-from-strings", "--import", "tsx", CHILD, ...args],
    {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split("\n").pop() as string) as Record<string, unknown>;
}

test.each([[[]], [["jitless"]]])(
  "protobuf and msgpack under --disallow-code-generation-from-strings %j",
  (args) => {
    const out = runChild(...args);
    expect(out.codegenBlocked).toBe(true);
    expect(out.jitless).toBe(args.includes("jitless"));
    expect(out.failures).toEqual([]);
    const roundTrips = out.roundTrips as Record<string, number>;
    for (const format of ["protobuf", "msgpack"]) {
      for (const m of MESSAGE_NAMES) expect(roundTrips[`${format}/${m}`], `${format}/${m}`).toBe(25);
      expect(out[`${format}/hostile`]).toBe("schema_violation");
      expect(out[`${format}/nan`]).toBe("schema_violation");
    }
    expect(out.avscLoaded).toBe(false);
    expect(out.avro).toBe("not loaded");
  },
);

test("the built package (tsc + copy-generated) under plain node with the flag", () => {
  const out = join(ROOT, "node_modules", ".cache", "safewire-robotics-dist");
  rmSync(out, { recursive: true, force: true });
  // tsc emits even if some other file has a type error: that is for `npm run typecheck` to report.
  spawnSync(
    process.execPath,
    [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json", "--outDir", out],
    {
      cwd: ROOT,
      encoding: "utf8",
    },
  );
  const copy = spawnSync(process.execPath, [join(ROOT, "scripts", "copy-generated.mjs"), out], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect(copy.status, copy.stderr).toBe(0);
  const script = `
    const r = await import(${JSON.stringify(pathToFileURL(join(out, "robotics", "index.js")).href)});
    const v = { timestamp_ns: -(2n ** 63n), timestep: 1n, task: "é", must_go: true,
      state: r.fromTypedArray(new Float32Array([1, 2])), state_names: ["a", "b"], images: {}, extras: {} };
    const got = [];
    for (const f of ["protobuf", "msgpack"]) {
      const c = r.codec("Observation", f);
      const back = c.decode(c.encode(v));
      got.push(back.timestamp_ns === v.timestamp_ns && back.task === "é" && r.toTypedArray(back.state)[1] === 2);
    }
    console.log(JSON.stringify(got));
  `;
  const r = spawnSync(
    process.execPath,
    ["--disallow-code-generation-from-strings", "--input-type=module", "-e", script],
    {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  expect(r.status, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual([true, true]);
  rmSync(out, { recursive: true, force: true });
}, 120_000);
