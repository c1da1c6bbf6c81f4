import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS, EXIT, MAIN_HELP, main } from "../../src/cli/main.js";
import { ROOT, VECTORS_DIR } from "../helpers/vectors.js";
import { cli } from "./support.js";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
const pickle = (name: string) => join(VECTORS_DIR, "pickle", name);

describe("safewire", () => {
  it("--help lists every command and the exit codes", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(MAIN_HELP);
    for (const name of ["inspect", "convert", "schema", "scan"])
      expect(r.out).toMatch(new RegExp(`^ {2}${name} `, "m"));
    for (const code of [0, 1, 2, 3, 4]) expect(r.out).toMatch(new RegExp(`^ {2}${code} {2}`, "m"));
  });

  it.each(Object.keys(COMMANDS))("%s --help shows usage and an example, on stdout", async (name) => {
    for (const argv of [
      [name, "--help"],
      [name, "-h"],
      ["help", name],
    ]) {
      const r = await cli(argv);
      expect(r.code).toBe(0);
      expect(r.err).toBe("");
      expect(r.out).toMatch(new RegExp(`^Usage: safewire ${name} `));
      expect(r.out).toMatch(/Examples?:\n {2}safewire /);
      expect(r.out).toMatch(/Exit status/);
    }
  });

  it("--version prints the package version", async () => {
    for (const flag of ["--version", "-v"]) {
      const r = await cli([flag]);
      expect(r.code).toBe(0);
      expect(r.out).toBe(`${pkg.version}\n`);
    }
  });

  it("no command prints the usage on stderr and exits 3", async () => {
    const r = await cli([]);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.out).toBe("");
    expect(r.err).toBe(MAIN_HELP);
  });

  it("an unknown command exits 3", async () => {
    const r = await cli(["decode"]);
    expect(r.code).toBe(3);
    expect(r.err).toBe("safewire: unknown command \"decode\"\nTry 'safewire --help'.\n");
    // Not a key of Object.prototype either.
    expect((await cli(["constructor"])).code).toBe(3);
  });

  it("escapes control characters in what it echoes", async () => {
    const r = await cli(["\u001b[2Jx"]);
    expect(r.err).toContain("\\u001b[2Jx");
    expect(r.err).not.toContain("\u001b");
  });

  it("an unexpected exception is an internal error, exit 4, its message escaped", async () => {
    let err = "";
    const code = await main(["schema", "-m", "Tensor"], {
      stdout: {
        write: () => {
          throw new Error("boom\u001b[2J");
        },
      },
      stderr: { write: (c) => (err += String(c)) },
    });
    expect(code).toBe(EXIT.INTERNAL);
    expect(err).toBe("safewire schema: internal error: boom\\u001b[2J\n");
  });

  it("exit codes are the documented ones", () => {
    expect(EXIT).toEqual({ OK: 0, REFUSED: 1, DANGEROUS: 2, USAGE: 3, INTERNAL: 4 });
  });
});

describe("safewire scan (wired in)", () => {
  it("exits 0, 1, 2 by the worst rating and 3 on usage errors", async () => {
    expect((await cli(["scan", pickle("data_p4.pkl")])).code).toBe(EXIT.OK);
    expect((await cli(["scan", pickle("numpy_p4.pkl")])).code).toBe(EXIT.REFUSED);
    const dangerous = await cli(["scan", pickle("os_system_p1.pkl")]);
    expect(dangerous.code).toBe(EXIT.DANGEROUS);
    expect(dangerous.out).toMatch(/^dangerous\s/);
    // A protocol 0 os.system pickle after a data pickle: a second pickle.load on the file runs it.
    expect((await cli(["scan", pickle("two_streams_p0_p0.pkl")])).code).toBe(EXIT.DANGEROUS);
    expect((await cli(["scan"])).code).toBe(EXIT.USAGE);
    expect((await cli(["scan", join(VECTORS_DIR, "no-such-file.pkl")])).code).toBe(EXIT.USAGE);
  });
});
