/**
 * `safewire convert IN --from F --to G --message M -o OUT`: re-encodes one robotics message from one
 * format to another through validation (decode with the safewire codec, then encode with it).
 */

import { printable } from "../errors.js";
import { MESSAGE_NAMES } from "../robotics/messages.js";
import { flag, formatName, messageName, parse, parseLimits, positionals, str } from "./args.js";
import {
  AUTO_ORDER,
  autoNote,
  codecFor,
  type DecodeRequest,
  decode,
  failureLines,
  readInput,
  reportNotDecoded,
} from "./decode.js";
import { type CliIO, EXIT, UsageError, writeOutput } from "./io.js";

export const CONVERT_HELP = `Usage: safewire convert IN|- --message NAME --from FORMAT --to FORMAT -o OUT|-

Re-encodes one message through validation: IN is decoded with the safewire codec of --from (limits,
pickle refusal, prescan, schema validation), then encoded with the codec of --to, which validates the
value again and checks the output against the same limits. OUT is written only when both succeed.

Options:
  -m, --message NAME    ${MESSAGE_NAMES.join(", ")}
      --from FORMAT     protobuf, avro, msgpack or auto (default: auto, as in inspect: the first of
                        ${AUTO_ORDER.join(", ")} that decodes)
      --to FORMAT       protobuf, avro or msgpack
  -o, --output OUT      the file to write, or - for stdout; an existing file is replaced only once
                        the new one is whole (a failed write leaves it as it was)
      --limits LIST     limits over the message's defaults, e.g. maxBytes=32MiB (units k, M, G);
                        they bound both the input and the output
      --allow-non-finite  accept NaN and ±Infinity in floats (Parameters accepts them without it)
  -q, --quiet           print nothing on success (but the warning when several formats decode IN)
  -h, --help            show this help

Exit status: 0 converted, 1 refused (decode, validation or encode failure), 3 usage error or a file
that could not be read or written.

Examples:
  safewire convert chunk.pb --from protobuf --to msgpack --message ActionChunk -o chunk.msgpack
  safewire convert obs.avro --from avro --to protobuf --message Observation -o - > obs.pb
`;

/** Runs `safewire convert` with the arguments after `convert`; resolves to the exit status. */
export async function runConvert(argv: readonly string[], io: CliIO): Promise<number> {
  const p = parse(argv, {
    message: { type: "string", short: "m" },
    from: { type: "string" },
    to: { type: "string" },
    output: { type: "string", short: "o" },
    limits: { type: "string" },
    "allow-non-finite": { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
  });
  if (flag(p, "help")) {
    io.stdout.write(CONVERT_HELP);
    return EXIT.OK;
  }
  const [file] = positionals(p, ["IN (or - for standard input)"]) as [string];
  const req: DecodeRequest = {
    message: messageName(str(p, "message")),
    format: formatName("from", str(p, "from") ?? "auto", true),
    limits: parseLimits(str(p, "limits")),
    allowNonFinite: flag(p, "allow-non-finite"),
  };
  const to = formatName("to", str(p, "to"), false);
  if (to === "auto") throw new UsageError("--to cannot be auto");
  const out = str(p, "output");
  if (out === undefined) throw new UsageError("-o OUT is required (- writes to stdout)");
  if (out === "") throw new UsageError("-o OUT is an empty string (- writes to stdout)");
  const quiet = flag(p, "quiet");
  // Encoded bytes carry the input's strings raw: on a terminal they would be control sequences.
  if (out === "-" && (io.stdout as { isTTY?: boolean }).isTTY === true) {
    throw new UsageError(`not writing binary ${to} to a terminal: redirect stdout, or give -o FILE`);
  }

  const bytes = await readInput(file, req, "convert", io);
  if (bytes === undefined) return EXIT.REFUSED;
  const decoded = await decode(bytes, req);
  if (!decoded.ok) {
    reportNotDecoded("convert", file, req, decoded, bytes, io);
    return EXIT.REFUSED;
  }
  // Several formats decoding the input is a warning (the value depends on the pick), not chatter: -q keeps it.
  if (req.format === "auto" && (!quiet || decoded.decodedAs.length > 1)) {
    io.stderr.write(autoNote("convert", decoded, "--from"));
  }
  const encoded = (await codecFor(req, to)).safeEncode(decoded.value);
  if (!encoded.ok) {
    const lines = [
      `safewire convert: cannot encode the ${req.message} as ${to}`,
      ...failureLines(encoded.error, undefined),
    ];
    io.stderr.write(`${lines.join("\n")}\n`);
    return EXIT.REFUSED;
  }
  await writeOutput(out, encoded.value, io);
  if (!quiet) {
    const src = file === "-" ? "stdin" : printable(file);
    const dst = out === "-" ? "stdout" : printable(out);
    io.stderr.write(
      `safewire convert: ${req.message} ${decoded.format} (${bytes.length} bytes, ${src}) -> ` +
        `${to} (${encoded.value.length} bytes, ${dst})\n`,
    );
  }
  return EXIT.OK;
}
