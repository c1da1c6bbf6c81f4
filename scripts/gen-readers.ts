// Generates src/generated/robotics-readers.ts: a protobuf reader per robotics message, written out as code
// (see src/formats/protobuf/generate.ts) from schemas/safewire/robotics/v1/*.proto. Run by gen-proto.mjs
// (npm run gen:proto); test/robotics/schemas.test.ts fails when the committed file is out of date.
// Usage: tsx scripts/gen-readers.ts [outDir]
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";
import { generateReaders } from "../src/formats/protobuf/generate.js";
import { MESSAGE_NAMES } from "../src/robotics/messages.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PROTO_DIR = join(ROOT, "schemas", "safewire", "robotics", "v1");

const root = new protobuf.Root();
root.resolvePath = (_origin, target) =>
  target.startsWith("safewire/") ? join(ROOT, "schemas", target) : target;
root.loadSync(join(PROTO_DIR, "services.proto"), { keepCase: true });
root.resolveAll();
const types = MESSAGE_NAMES.map((m) => root.lookupType(`safewire.robotics.v1.${m}`));
const { code, skipped } = generateReaders(types, {
  runtime: "../formats/protobuf/generated-runtime.js",
  source: "scripts/gen-readers.ts from schemas/safewire/robotics/v1/*.proto (npm run gen:proto)",
});
if (skipped.length > 0) {
  for (const s of skipped) console.error(`${s.name}: ${s.why}`);
  process.exit(1);
}
const out = join(process.argv[2] ?? join(ROOT, "src", "generated"), "robotics-readers.ts");
writeFileSync(out, code);
console.log(`wrote ${out}`);
