#!/usr/bin/env node
// Writes a CycloneDX SBOM of the runtime dependency tree to dist/sbom.cdx.json (or the path given).
// `npm sbom --omit dev` (npm 11.19) drops packages that a dev tool also reaches (protobufjs, via
// protobufjs-cli's peer dependency), so the full SBOM is filtered to `npm ls --omit dev`'s tree instead.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const out = process.argv[2] ?? "dist/sbom.cdx.json";
const npm = (args) => execFileSync("npm", args, { encoding: "utf8", maxBuffer: 64 << 20 });

const runtime = new Set();
(function walk(deps = {}) {
  for (const [name, node] of Object.entries(deps)) {
    runtime.add(`${name}@${node.version}`);
    walk(node.dependencies);
  }
})(JSON.parse(npm(["ls", "--omit", "dev", "--all", "--json"])).dependencies);

const sbom = JSON.parse(npm(["sbom", "--sbom-format", "cyclonedx"]));
const keep = new Set();
sbom.components = sbom.components.filter((c) => {
  const ok = runtime.has(`${c.name}@${c.version}`);
  if (ok) keep.add(c["bom-ref"]);
  return ok;
});
const rootRef = sbom.metadata?.component?.["bom-ref"];
sbom.dependencies = (sbom.dependencies ?? [])
  .filter((d) => d.ref === rootRef || keep.has(d.ref))
  .map((d) => ({ ...d, dependsOn: (d.dependsOn ?? []).filter((r) => keep.has(r)) }));

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(sbom, null, 2)}\n`);
console.log(`wrote ${out}: ${sbom.components.length} runtime components`);
