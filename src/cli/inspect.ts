/**
 * `safewire inspect FILE|- --message M [--format F|auto]`: decodes one robotics message with the safewire
 * codec (bounded and validated) and prints it as JSON.
 */
import { MESSAGE_NAMES } from "../robotics/messages.js";
import { flag, formatName, messageName, parse, parseLimits, positionals, str } from "./args.js";
import { AUTO_ORDER, autoNote, type DecodeRequest, decode, readInput, reportNotDecoded } from "./decode.js";
import { type CliIO, EXIT } from "./io.js";
import { toJson, writeJson } from "./render.js";

export const INSPECT_HELP = `Usage: safewire inspect FILE|- --message NAME [options]

Decodes one message with the safewire codec (limits, pickle refusal, prescan, schema validation) and
prints it as JSON on stdout. 64-bit integers print as exact decimal strings. Tensors and images print as
a summary: dtype (or encoding), shape, byte length, min/max/mean, the values of tensors of at most 16
elements, and the first 16 bytes in hex. On failure, prints the error code, path, byte offset and the
bytes around the offset on stderr, and exits 1.

Options:
  -m, --message NAME    ${MESSAGE_NAMES.join(", ")}
  -f, --format FORMAT   protobuf, avro, msgpack or auto (default: auto). auto tries every format,
                        says on stderr which decoded, and when several do, uses the first of
                        ${AUTO_ORDER.join(", ")} (the most self-describing wire first)
      --limits LIST     limits over the message's defaults, e.g. maxBytes=32MiB,maxDepth=8
                        (units k, M, G); the input is never read past maxBytes
      --full            print everything: binaries as base64 (protobuf's JSON mapping)
      --allow-non-finite  accept NaN and ±Infinity in floats (printed as "NaN", "Infinity"; Parameters
                          accepts them without it)
  -h, --help            show this help

Exit status: 0 decoded, 1 refused (decode or validation failure), 3 usage error or unreadable file.

Examples:
  safewire inspect obs.bin --message Observation --format protobuf
  safewire inspect chunk.msgpack --message ActionChunk --format auto
  cat frame.bin | safewire inspect - --message Image --limits maxBytes=8MiB --full
`;

/** Runs `safewire inspect` with the arguments after `inspect`; resolves to the exit status. */
export async function runInspect(argv: readonly string[], io: CliIO): Promise<number> {
  const p = parse(argv, {
    message: { type: "string", short: "m" },
    format: { type: "string", short: "f" },
    limits: { type: "string" },
    full: { type: "boolean" },
    "allow-non-finite": { type: "boolean" },
  });
  if (flag(p, "help")) {
    io.stdout.write(INSPECT_HELP);
    return EXIT.OK;
  }
  const [file] = positionals(p, ["FILE (or - for standard input)"]) as [string];
  const req: DecodeRequest = {
    message: messageName(str(p, "message")),
    format: formatName("format", str(p, "format") ?? "auto", true),
    limits: parseLimits(str(p, "limits")),
    allowNonFinite: flag(p, "allow-non-finite"),
  };
  // Checked before reading: an unknown or bad limit is a usage error, not a refusal.
  const bytes = await readInput(file, req, "inspect", io);
  if (bytes === undefined) return EXIT.REFUSED;
  const result = await decode(bytes, req);
  if (!result.ok) {
    reportNotDecoded("inspect", file, req, result, bytes, io);
    return EXIT.REFUSED;
  }
  if (req.format === "auto") io.stderr.write(autoNote("inspect", result));
  // In pieces: the text of a large message can be longer than the longest string V8 makes.
  writeJson(toJson(result.value, { full: flag(p, "full") }), (text) => io.stdout.write(text));
  io.stdout.write("\n");
  return EXIT.OK;
}
