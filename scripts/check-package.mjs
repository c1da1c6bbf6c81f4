// Checks the package as published: builds, packs a tarball, checks what it holds, installs it into a
// fresh temporary project and imports every export path of package.json `exports` from there, runs the
// `safewire` bin from there, then lints the tarball with publint and @arethetypeswrong/cli (ESM-only).
//
// Usage: node scripts/check-package.mjs [--no-build] [--keep]
//   --no-build  pack the dist/ that is there (default: `npm run build` first)
//   --keep      keep the temporary folder and print its path
// Needs the npm registry for the temporary project's dependencies (zod, protobufjs, ...). Exit 0 when
// every check passes, 1 otherwise (every failure is listed).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const BIN = join(ROOT, "node_modules", ".bin");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const failures = [];

function step(title) {
  console.log(`\n== ${title}`);
}
function ok(text) {
  console.log(`ok   ${text}`);
}
function fail(text) {
  console.log(`FAIL ${text}`);
  failures.push(text);
}
/** Runs a command, echoing it; returns { status, stdout, stderr }. */
function run(cmd, argv, options = {}) {
  console.log(`$ ${[cmd, ...argv].join(" ")}`);
  const r = spawnSync(cmd, argv, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.error) return { status: -1, stdout: "", stderr: String(r.error) };
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
function indent(text) {
  return text
    .trimEnd()
    .split("\n")
    .map((l) => `     ${l}`)
    .join("\n");
}

const work = mkdtempSync(join(tmpdir(), "safewire-pack-"));
try {
  if (!args.has("--no-build")) {
    step("build");
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  }

  step("npm pack");
  const packed = run("npm", ["pack", "--json", "--pack-destination", work], { cwd: ROOT });
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("[")));
  const tarball = join(work, info.filename);
  const files = new Set(info.files.map((f) => f.path));
  ok(
    `${info.filename}: ${info.files.length} files, ${info.size} bytes packed, ${info.unpackedSize} unpacked`,
  );

  step("tarball contents");
  const targets = [];
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    const conds = typeof target === "string" ? { default: target } : target;
    for (const [cond, file] of Object.entries(conds)) targets.push([`exports["${subpath}"].${cond}`, file]);
  }
  for (const [name, file] of Object.entries(pkg.bin ?? {})) targets.push([`bin.${name}`, file]);
  for (const [what, file] of targets) {
    const path = file.replace(/^\.\//, "");
    if (files.has(path)) ok(`${what}: ${path}`);
    else fail(`${what}: ${path} is not in the tarball`);
  }
  const stray = [...files].filter(
    (f) =>
      !(
        f.startsWith("dist/") ||
        f.startsWith("schemas/") ||
        /^(package\.json|README\.md|LICENSE.*)$/.test(f)
      ),
  );
  if (stray.length > 0) fail(`unexpected files in the tarball: ${stray.slice(0, 10).join(", ")}`);
  const docs = [...files].filter((f) => f.startsWith("dist/docs/"));
  if (docs.length > 0)
    fail(
      `the tarball holds ${docs.length} API doc files (dist/docs): delete them, or exclude them in "files"`,
    );
  const schemas = [...files].filter((f) => /^schemas\/.*\.(proto|avsc)$/.test(f));
  if (schemas.length > 0) ok(`${schemas.length} .proto and .avsc files under schemas/`);
  else fail("no .proto or .avsc files under schemas/");
  const bin = Object.values(pkg.bin ?? {})[0];
  if (bin !== undefined) {
    const head = readFileSync(join(ROOT, bin), "utf8").split("\n", 1)[0];
    if (head === "#!/usr/bin/env node") ok(`${bin} starts with #!/usr/bin/env node`);
    else fail(`${bin} starts with ${JSON.stringify(head)}, not #!/usr/bin/env node`);
  }

  step("install the tarball into a fresh project");
  const project = join(work, "project");
  mkdirSync(project);
  writeFileSync(
    join(project, "package.json"),
    `${JSON.stringify({ name: "safewire-package-check", private: true, type: "module" }, null, 2)}\n`,
  );
  // The optional peers, at the versions the repository tests with: safewire/grpc and safewire/testing load them.
  const peers = Object.keys(pkg.peerDependencies ?? {}).map((n) => `${n}@${pkg.devDependencies?.[n] ?? "*"}`);
  const install = run("npm", ["install", tarball, ...peers, "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd: project,
  });
  if (install.status !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
  ok(`installed ${info.filename} with ${peers.join(", ") || "no peers"}`);

  step("import every export path");
  for (const subpath of Object.keys(pkg.exports)) {
    const spec = subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
    const code = spec.endsWith(".json")
      ? `const m = await import(${JSON.stringify(spec)}, { with: { type: "json" } }); if (m.default.name !== ${JSON.stringify(pkg.name)}) throw new Error("wrong package.json");`
      : `const m = await import(${JSON.stringify(spec)}); const n = Object.keys(m).length; if (n === 0) throw new Error("no exports"); console.log(n);`;
    const r = run(process.execPath, ["--input-type=module", "-e", code], { cwd: project });
    if (r.status === 0) ok(`import("${spec}")${r.stdout.trim() ? `: ${r.stdout.trim()} exports` : ""}`);
    else fail(`import("${spec}") failed:\n${indent(r.stderr)}`);
  }

  step("entry points without code generation from strings (all but the Avro ones)");
  for (const subpath of Object.keys(pkg.exports)) {
    if (subpath.endsWith(".json") || subpath.includes("avro")) continue;
    const spec = subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
    const r = run(
      process.execPath,
      [
        "--disallow-code-generation-from-strings",
        "--input-type=module",
        "-e",
        `await import(${JSON.stringify(spec)});`,
      ],
      { cwd: project },
    );
    if (r.status === 0) ok(`import("${spec}") under --disallow-code-generation-from-strings`);
    else fail(`import("${spec}") under --disallow-code-generation-from-strings failed:\n${indent(r.stderr)}`);
  }

  step("the safewire bin");
  const binDir = join(project, "node_modules", ".bin");
  const sw = (argv, options = {}) => run(join(binDir, "safewire"), argv, { cwd: project, ...options });
  const expect = (what, r, status, test = () => true) => {
    if (r.status === status && test(r)) ok(`${what}: exit ${r.status}`);
    else fail(`${what}: exit ${r.status} (wanted ${status})\n${indent(r.stderr || r.stdout)}`);
  };
  expect("safewire --version", sw(["--version"]), 0, (r) => r.stdout.trim() === pkg.version);
  expect("safewire schema --proto", sw(["schema", "--message", "Observation", "--proto"]), 0, (r) =>
    r.stdout.includes("message Observation {"),
  );
  expect(
    "safewire schema --avro",
    sw(["schema", "--message", "ActionChunk", "--avro"]),
    0,
    (r) => JSON.parse(r.stdout).name === "ActionChunk",
  );
  expect(
    "safewire schema --json-schema",
    sw(["schema", "--message", "Tensor"]),
    0,
    (r) => JSON.parse(r.stdout).type === "object",
  );
  writeFileSync(
    join(project, "make.mjs"),
    `import { codec, tensor } from "safewire/robotics";
import { writeFileSync } from "node:fs";
const chunk = { timestamp_ns: 1n, timestep: 2n, step_ns: 20_000_000n, action_names: [],
  actions: tensor.fromTypedArray(Float32Array.of(1, 2, 3, 4, 5, 6), [1, 6]) };
writeFileSync("chunk.pb", codec("ActionChunk", "protobuf").encode(chunk));
`,
  );
  const made = run(process.execPath, ["make.mjs"], { cwd: project });
  if (made.status !== 0)
    fail(`encoding a message with the installed package failed:\n${indent(made.stderr)}`);
  expect(
    "safewire convert protobuf -> msgpack",
    sw([
      "convert",
      "chunk.pb",
      "--from",
      "protobuf",
      "--to",
      "msgpack",
      "-m",
      "ActionChunk",
      "-o",
      "chunk.msgpack",
    ]),
    0,
  );
  expect("safewire inspect --format auto", sw(["inspect", "chunk.msgpack", "-m", "ActionChunk"]), 0, (r) => {
    const v = JSON.parse(r.stdout);
    return v.step_ns === "20000000" && v.actions.max === 6 && r.stderr.includes("decoded as msgpack");
  });
  expect(
    "safewire inspect (wrong format)",
    sw(["inspect", "chunk.msgpack", "-m", "ActionChunk", "-f", "avro"]),
    1,
  );
  expect("safewire inspect (usage error)", sw(["inspect", "chunk.msgpack"]), 3);
  expect("safewire scan --help", sw(["scan", "--help"]), 0);

  step("publint");
  const pub = run(join(BIN, "publint"), ["run", tarball, "--strict"], { cwd: ROOT });
  console.log(indent(pub.stdout + pub.stderr));
  if (pub.status === 0) ok("publint");
  else fail("publint reported problems (above)");

  step("@arethetypeswrong/cli (profile esm-only: the package is ESM-only)");
  const attw = run(
    join(BIN, "attw"),
    [
      tarball,
      "--profile",
      "esm-only",
      "--no-definitely-typed",
      "--format",
      "table-flipped",
      "--no-color",
      "--no-emoji",
    ],
    { cwd: ROOT },
  );
  console.log(indent(attw.stdout + attw.stderr));
  if (attw.status === 0) ok("attw");
  else fail("attw reported problems (above)");
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
} finally {
  if (args.has("--keep")) console.log(`\nkept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

console.log(
  failures.length === 0 ? "\npackage check: all passed" : `\npackage check: ${failures.length} failed`,
);
for (const f of failures) console.log(`  - ${f.split("\n")[0]}`);
process.exitCode = failures.length === 0 ? 0 : 1;
