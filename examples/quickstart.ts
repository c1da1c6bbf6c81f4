// The README's first example: define a codec, encode, decode, and watch a corrupted payload get refused.
import { z } from "zod";
import { msgpackCodec } from "../src/formats/msgpack/index.js";
import { bytes, float64, int64 } from "../src/index.js";

const Reading = z.object({ robot: z.string(), t_ns: int64(), joints: z.array(float64()), frame: bytes() });
const codec = msgpackCodec({ schema: Reading, limits: { maxBytes: 1 << 20 } });

const wire = codec.encode({
  robot: "so100",
  t_ns: 1_700_000_000_000_000_000n,
  joints: [0.1, -0.2],
  frame: new Uint8Array(16),
});
console.log("decoded:", codec.decode(wire));

const corrupted = wire.slice(0, -3);
const result = codec.safeDecode(corrupted);
if (!result.ok) console.log("refused:", result.error.code, result.error.path, result.error.message);

const pickle = Uint8Array.from([0x80, 0x04, 0x95, 0x01, 0, 0, 0, 0, 0, 0, 0, 0x4e, 0x2e]);
const refused = codec.safeDecode(pickle);
if (!refused.ok) console.log("refused:", refused.error.code, "-", refused.error.message);
