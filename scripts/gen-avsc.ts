// Writes schemas/avro/<Message>.avsc from src/robotics/avro-schemas.ts (the one source of both).
// Run: npm run gen:avro. test/robotics/schemas.test.ts fails when the files are out of date.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AVRO_SCHEMAS } from "../src/robotics/avro-schemas.js";

export const AVSC_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "schemas", "avro");

/** The text of each .avsc file, by file name. */
export function avscFiles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, schema] of Object.entries(AVRO_SCHEMAS)) {
    out.set(`${name}.avsc`, `${JSON.stringify(schema, null, 2)}\n`);
  }
  return out;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(AVSC_DIR, { recursive: true });
  for (const [file, text] of avscFiles()) writeFileSync(join(AVSC_DIR, file), text);
  console.log(`wrote ${avscFiles().size} files to ${AVSC_DIR}`);
}
