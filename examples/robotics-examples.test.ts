// The robotics examples run (in CI too) and say what they should.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

function run(file: string): string {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "examples", file)], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

test("examples/observation-roundtrip.ts: equal in every format, truncated frames refused", () => {
  const out = run("observation-roundtrip.ts");
  for (const format of ["protobuf", "avro", "msgpack"])
    expect(out).toMatch(new RegExp(`${format} +\\d+ bytes, round trip equal`));
  expect(out.match(/truncated frame refused: schema_violation at images\.front\.data/g)).toHaveLength(3);
});

test("examples/tensor-view.ts: zero-copy views, copies only when unaligned", () => {
  const out = run("tensor-view.ts");
  expect(out).toContain("fromTypedArray shares memory: true");
  expect(out).toContain("zero-copy view of the message bytes");
  expect(out).toContain("unaligned bytes give a copy: true with equal values: true");
  expect(out).toContain("values equal after the round trip: true");
});
