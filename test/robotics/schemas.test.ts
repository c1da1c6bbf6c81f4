// The schema files are one contract: .proto, .avsc, the generated code and the zod schemas agree.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { Type } from "protobufjs";
import { afterAll, expect, test } from "vitest";
import { AVSC_DIR, avscFiles } from "../../scripts/gen-avsc.js";
import { AVRO_NAMESPACE, AVRO_SCHEMAS, type JsonObject } from "../../src/robotics/avro-schemas.js";
import { MESSAGE_NAMES, type MessageName, messageSchemas } from "../../src/robotics/messages.js";
import { protobufDescriptor } from "../../src/robotics/protobuf.js";
import { roboticsArbitraries } from "../../src/testing/arbitraries.js";
import { ROOT } from "../helpers/vectors.js";

const tmp = mkdtempSync(join(tmpdir(), "safewire-gen-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test("schemas/avro/*.avsc are up to date (npm run gen:avro)", () => {
  const files = avscFiles();
  expect(readdirSync(AVSC_DIR).sort()).toEqual([...files.keys()].sort());
  for (const [file, text] of files) expect(readFileSync(join(AVSC_DIR, file), "utf8"), file).toBe(text);
});

test("src/generated is up to date with schemas/*.proto (npm run gen:proto)", () => {
  const r = spawnSync(process.execPath, [join(ROOT, "scripts", "gen-proto.mjs"), tmp], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  const files = [
    "robotics.js",
    "robotics.d.ts",
    "robotics-descriptor.js",
    "robotics-descriptor.d.ts",
    "robotics-readers.ts",
  ];
  for (const file of files) {
    expect(readFileSync(join(ROOT, "src", "generated", file), "utf8"), file).toBe(
      readFileSync(join(tmp, file), "utf8"),
    );
  }
  // The generator takes some 4 s of CPU (pbjs, pbts, the reader generator): 30 s of wall time on a loaded machine.
}, 120_000);

/** Field names of a record, following nested records by name. */
function avroFields(schema: JsonObject): string[] {
  return (schema.fields as JsonObject[]).map((f) => f.name as string);
}

function protoFields(type: Type): string[] {
  return type.fieldsArray.map((f) => f.name);
}

test("one name means one thing: proto, Avro and zod fields are the same, in the same order", () => {
  const arbs = roboticsArbitraries();
  const schemas = messageSchemas();
  for (const m of MESSAGE_NAMES) {
    const desc = protobufDescriptor(m);
    const avro = AVRO_SCHEMAS[m];
    expect(avro.name).toBe(m);
    expect(avro.namespace).toBe(AVRO_NAMESPACE);
    expect(desc.fullName).toBe(`.${AVRO_NAMESPACE}.${m}`);
    expect(avroFields(avro), m).toEqual(protoFields(desc));
    const [sample] = fc.sample(arbs[m] as fc.Arbitrary<unknown>, { numRuns: 1, seed: 1 });
    const parsed: object = schemas[m].parse(sample);
    expect(Object.keys(parsed), m).toEqual(protoFields(desc));
  }
  // Nested messages too.
  const nested: [string, MessageName, string][] = [
    ["Tensor", "Observation", "state"],
    ["Image", "Observation", "images"],
    ["Feature", "PolicySetup", "features"],
  ];
  for (const [name, parent, field] of nested) {
    const desc = protobufDescriptor(parent).lookupType(name);
    const parentFields = AVRO_SCHEMAS[parent].fields as JsonObject[];
    const t = (parentFields.find((f) => f.name === field) as JsonObject).type as JsonObject;
    const record = (t.type === "map" ? t.values : t) as JsonObject;
    expect(avroFields(record), name).toEqual(protoFields(desc));
  }
});

test("Avro: required nested messages have no default; fields with a proto3 default have one", () => {
  const required = new Set([
    "policy_type",
    "pretrained_name_or_path",
    "actions_per_chunk",
    "device",
    "dtype",
    "encoding",
  ]);
  for (const m of MESSAGE_NAMES) {
    const desc = protobufDescriptor(m);
    desc.root.resolveAll();
    for (const f of AVRO_SCHEMAS[m].fields as JsonObject[]) {
      const field = desc.fields[f.name as string];
      if (field === undefined) throw new Error(`${m}.${String(f.name)}`);
      const needed = (field.resolvedType !== null && !field.map) || required.has(field.name);
      expect("default" in f, `${m}.${field.name}`).toBe(!needed);
    }
  }
});
