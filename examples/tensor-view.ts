// Tensors are raw little-endian bytes; `tensor.toTypedArray` gives a zero-copy view when the bytes are
// aligned (as they usually are) and a copy only when they are not.
// Run: npx tsx examples/tensor-view.ts
import { codec, tensor } from "../src/robotics/index.js";

// 50 actions of 6 joints, as a policy would return them.
const actions = new Float32Array(50 * 6).map((_, i) => Math.fround(Math.sin(i / 10)));
const chunk = {
  timestamp_ns: 1_767_225_600_000_000_000n,
  timestep: 100n,
  step_ns: 33_333_333n,
  actions: tensor.fromTypedArray(actions, [50, 6]),
  action_names: [],
};
console.log("fromTypedArray shares memory:", chunk.actions.data.buffer === actions.buffer);

const pb = codec("ActionChunk", "protobuf");
const wire = pb.encode(chunk);
const back = pb.decode(wire);

// Decoded bytes are a view into `wire`; the typed array is a view of those bytes when aligned.
const view = tensor.toTypedArray(back.actions, "float32");
const aligned = back.actions.data.byteOffset % 4 === 0;
console.log(
  `decoded data at byte offset ${back.actions.data.byteOffset} of the message: ${aligned ? "aligned" : "not aligned"}`,
);
console.log(
  `toTypedArray: ${view.buffer === wire.buffer ? "zero-copy view of the message bytes" : "a copy (unaligned)"}`,
);

const [rows, cols] = back.actions.shape as [number, number];
for (const i of [0, 1, rows - 1]) {
  const t = back.timestamp_ns + BigInt(i) * back.step_ns;
  console.log(
    `action ${i} at t=${t} ns, step ${back.timestep + BigInt(i)}:`,
    Array.from(view.subarray(i * cols, i * cols + 3)),
    "...",
  );
}

// An aligned copy of unaligned bytes, for comparison.
const unaligned = new Uint8Array(back.actions.data.byteLength + 1).subarray(1);
unaligned.set(back.actions.data);
const copy = tensor.toTypedArray({ ...back.actions, data: unaligned }, "float32");
console.log(
  "unaligned bytes give a copy:",
  copy.buffer !== unaligned.buffer,
  "with equal values:",
  copy.every((x, i) => x === view[i]),
);
const ok = view.every((x, i) => x === actions[i]);
console.log("values equal after the round trip:", ok);
if (!ok) process.exitCode = 1;
