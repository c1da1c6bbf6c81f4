// The README's "Command line" examples are real: each `$ safewire ...` block is run in-process from the
// repository root (files it writes go to a temporary folder) and must print exactly what the README shows.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/vectors.js";
import { cli } from "./support.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const start = readme.indexOf("## Command line\n");
const end = readme.indexOf("\n## ", start + 1);
const section = readme.slice(start, end < 0 ? undefined : end);
const examples = [...section.matchAll(/```console\n\$ (.*)\n([\s\S]*?)```/g)].map((m) => ({
  command: m[1] as string,
  shown: m[2] as string,
}));
const work = mkdtempSync(join(tmpdir(), "safewire-readme-"));

/** Shell words (no quoting is used in the README's examples). */
function words(s: string): string[] {
  return s.trim().split(/\s+/);
}

/** Paths in the README are relative to the repository root; written files go to the temporary folder. */
function resolve(word: string): string {
  if (word.startsWith("test/") || word.startsWith("schemas/")) return join(ROOT, word);
  if (/^chunk\.\w+$/.test(word)) return join(work, word);
  return word;
}

describe("README command line examples", () => {
  it("has an example of every command", () => {
    expect(start).toBeGreaterThan(0);
    for (const c of ["inspect", "convert", "schema", "scan"]) {
      expect(examples.some((e) => e.command.includes(`safewire ${c} `))).toBe(true);
    }
  });

  // In order: a later example may read what an earlier one wrote (chunk.pb).
  for (const { command, shown } of examples) {
    it(`$ ${command}`, async () => {
      let stdin: Uint8Array | undefined;
      let rest = command;
      const pipe = /^head -c (\d+) (\S+) \| (.*)$/.exec(command);
      if (pipe) {
        stdin = new Uint8Array(readFileSync(resolve(pipe[2] as string))).subarray(0, Number(pipe[1]));
        rest = pipe[3] as string;
      }
      const [program, ...argv] = words(rest);
      expect(program).toBe("safewire");
      const r = await cli(argv.map(resolve), stdin);
      // Examples show stderr then stdout, as a terminal does for these commands; paths as typed.
      let printed = r.err + r.out;
      printed = printed.replaceAll(`${ROOT}/`, "").replaceAll(`${work}/`, "");
      expect(printed).toBe(shown);
    });
  }
});
