// An Observation (a 6-joint arm, two cameras, a task) through protobuf, Avro and msgpack: the same value
// comes back from each, and a frame with the wrong size is refused with a reason.
// Run: npx tsx examples/observation-roundtrip.ts
import { type Format, loadCodec, type Observation, tensor } from "../src/robotics/index.js";

const WIDTH = 640;
const HEIGHT = 480;
function camera(seed: number) {
  const data = new Uint8Array(WIDTH * HEIGHT * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 31 + seed) & 0xff;
  return { height: HEIGHT, width: WIDTH, encoding: "rgb8" as const, step: WIDTH * 3, data };
}

const observation: Observation = {
  timestamp_ns: BigInt(Date.now()) * 1_000_000n,
  timestep: 42n,
  task: "Pick up the red cube — 赤い立方体",
  must_go: true,
  state: tensor.fromTypedArray(Float32Array.of(0.5, -12.25, 90, 45.5, -3, 17.75)),
  state_names: [
    "shoulder_pan.pos",
    "shoulder_lift.pos",
    "elbow_flex.pos",
    "wrist_flex.pos",
    "wrist_roll.pos",
    "gripper.pos",
  ],
  images: { front: camera(1), wrist: camera(2) },
  extras: {},
};

for (const format of ["protobuf", "avro", "msgpack"] satisfies Format[]) {
  // loadCodec loads Avro support on demand; codec() is enough for protobuf and msgpack.
  const codec = await loadCodec("Observation", format);
  const bytes = codec.encode(observation);
  const back = codec.decode(bytes);
  const joints = tensor.toTypedArray(back.state, "float32");
  const same =
    back.timestamp_ns === observation.timestamp_ns &&
    back.task === observation.task &&
    joints[2] === 90 &&
    Buffer.compare(
      back.images.front?.data ?? new Uint8Array(),
      observation.images.front?.data ?? new Uint8Array(),
    ) === 0;
  console.log(`${format.padEnd(8)} ${bytes.length} bytes, round trip ${same ? "equal" : "DIFFERENT"}`);
  if (!same) process.exitCode = 1;

  // One byte short: refused before it reaches the policy.
  const front = observation.images.front;
  if (front === undefined) throw new Error("no front camera");
  const broken = { ...observation, images: { front: { ...front, data: front.data.subarray(1) } } };
  const result = codec.safeEncode(broken);
  if (result.ok) {
    console.log("  a truncated frame was accepted!");
    process.exitCode = 1;
  } else {
    console.log(`  truncated frame refused: ${result.error.code} at ${result.error.path.join(".")}`);
  }
}
