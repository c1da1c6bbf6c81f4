import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { SCHEMAS_DIR } from "../../src/cli/schema.js";
import { MESSAGE_NAMES } from "../../src/robotics/index.js";
import { loadVectors, ROOT } from "../helpers/vectors.js";
import { cli } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "safewire-cli-schema-"));

function ajv() {
  const a = new Ajv2020({ strict: true, allErrors: true });
  a.addFormat("int64", /^-?[0-9]+$/);
  a.addFormat("uint64", /^[0-9]+$/);
  return a;
}

describe("schema", () => {
  it("finds the shipped schemas/ folder next to the module", () => {
    expect(SCHEMAS_DIR).toBe(`${join(ROOT, "schemas")}/`);
  });

  it.each(MESSAGE_NAMES)("%s --proto prints the shipped .proto that defines it", async (m) => {
    const r = await cli(["schema", "--message", m, "--proto"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^message ${m} \\{`, "m"));
    const path = await cli(["schema", "--message", m, "--proto", "--path"]);
    expect(path.code).toBe(0);
    const file = path.out.trim();
    expect(file.startsWith(join(ROOT, "schemas", "safewire", "robotics", "v1"))).toBe(true);
    expect(r.out).toBe(readFileSync(file, "utf8"));
  });

  it.each(MESSAGE_NAMES)("%s --avro prints the shipped .avsc", async (m) => {
    const r = await cli(["schema", "-m", m, "--avro"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync(join(ROOT, "schemas", "avro", `${m}.avsc`), "utf8"));
    expect(JSON.parse(r.out)).toMatchObject({ type: "record", name: m, namespace: "safewire.robotics.v1" });
  });

  it.each(MESSAGE_NAMES)("%s --json-schema is a valid draft 2020-12 schema", async (m) => {
    const r = await cli(["schema", "-m", m, "--json-schema"]);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.out);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.title).toBe(`safewire.robotics.v1.${m}`);
    expect(() => ajv().compile(schema)).not.toThrow();
    // The default is --json-schema.
    expect((await cli(["schema", "-m", m])).out).toBe(r.out);
  });

  it("describes int64 as a decimal string and bytes as base64", async () => {
    const schema = JSON.parse((await cli(["schema", "-m", "ActionChunk"])).out);
    expect(schema.properties.timestamp_ns).toEqual({
      type: "string",
      format: "int64",
      pattern: "^-?[0-9]+$",
    });
    // Absent, it is empty (as in proto3): the default in the JSON mapping, an empty base64 string.
    expect(schema.properties.actions.properties.data).toEqual({
      type: "string",
      contentEncoding: "base64",
      default: "",
    });
    expect(schema.required).toEqual(["actions"]);
  });

  const vectors = [...loadVectors("protobuf"), ...loadVectors("msgpack")].filter((v) => !v.nonFinite);
  it.each(vectors.map((v) => [`${v.format}/${v.message}/${v.name}`, v] as const))(
    "%s: inspect --full validates against the JSON Schema",
    async (_, v) => {
      const schema = JSON.parse((await cli(["schema", "-m", v.message])).out);
      const validate = ajv().compile(schema);
      const path = join(dir, `${v.format}-${v.message}-${v.name}.bin`);
      writeFileSync(path, v.bytes);
      const r = await cli(["inspect", path, "-m", v.message, "-f", v.format, "--full"]);
      expect(r.code).toBe(0);
      const value = JSON.parse(r.out);
      expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  it("the JSON Schema refuses values of the wrong shape", async () => {
    const validate = ajv().compile(JSON.parse((await cli(["schema", "-m", "ActionChunk"])).out));
    const good = { timestamp_ns: "1", actions: { dtype: "float32", shape: [1, 1], data: "AAAAAA==" } };
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, timestamp_ns: 1 })).toBe(false);
    expect(validate({ ...good, timestamp_ns: "1.5" })).toBe(false);
    expect(validate({ ...good, actions: { ...good.actions, dtype: "object" } })).toBe(false);
    expect(validate({ ...good, actions: { ...good.actions, shape: [1, 2, 3, 4, 5, 6, 7, 8, 9] } })).toBe(
      false,
    );
    expect(validate({ timestamp_ns: "1" })).toBe(false);
  });

  it.each([
    [["-m", "Tensor", "--proto", "--avro"], "choose one of --json-schema, --proto, --avro"],
    [["-m", "Tensor", "--path"], "--path goes with --proto or --avro"],
    [["--proto"], "--message is required"],
    [["-m", "Tensor", "extra"], 'unexpected argument "extra"'],
  ])("usage error %j exits 3", async (argv, message) => {
    const r = await cli(["schema", ...argv]);
    expect(r.code).toBe(3);
    expect(r.err).toContain(message);
  });

  it("ships every schema file it names", () => {
    for (const m of MESSAGE_NAMES) expect(existsSync(join(SCHEMAS_DIR, "avro", `${m}.avsc`))).toBe(true);
  });
});
