// Copies the generated protobuf code (src/generated/*.js and *.d.ts, written by `npm run gen:proto`) into
// the build output: tsc compiles TypeScript only, and these are JavaScript with hand-off declarations.
// Usage: node scripts/copy-generated.mjs [outDir]   (default: dist)
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const from = join(ROOT, "src", "generated");
const to = join(resolve(ROOT, process.argv[2] ?? "dist"), "generated");
mkdirSync(to, { recursive: true });
let n = 0;
for (const file of readdirSync(from)) {
  if (file.endsWith(".js") || file.endsWith(".d.ts")) {
    copyFileSync(join(from, file), join(to, file));
    n++;
  }
}
console.log(`copied ${n} generated files to ${to}`);
