/** A simulated SO-100-style arm: its PolicySetup and its observations (6-joint state, two RGB cameras). */
import type { Image, Observation, PolicySetup } from "../../src/robotics/index.js";
import { fromTypedArray } from "../../src/robotics/index.js";
import { DEFAULT_CHUNK, JOINTS } from "./policy.js";

export const HEIGHT = 480;
export const WIDTH = 640;
export const CAMERAS = ["front", "wrist"] as const;

export function so100Setup(actionsPerChunk = DEFAULT_CHUNK): PolicySetup {
  const camera = {
    dtype: "video" as const,
    shape: [HEIGHT, WIDTH, 3],
    names: ["height", "width", "channels"],
  };
  return {
    policy_type: "act",
    pretrained_name_or_path: "lerobot/act_so100_demo",
    features: {
      "observation.state": { dtype: "float32", shape: [6], names: [...JOINTS] },
      "observation.images.front": camera,
      "observation.images.wrist": camera,
      action: { dtype: "float32", shape: [6], names: [...JOINTS] },
    },
    actions_per_chunk: actionsPerChunk,
    device: "cpu",
    rename_map: {},
  };
}

/** The joint state at step `k`: slow sine waves, deterministic. */
export function stateAt(k: number): Float32Array {
  const s = new Float32Array(6);
  for (let j = 0; j < 6; j++) s[j] = Math.fround(Math.sin(k / 30 + j) * (j === 5 ? 50 : 90));
  return s;
}

function frame(k: number, camera: number, height: number, width: number): Image {
  const data = new Uint8Array(height * width * 3);
  // A moving gradient: cheap to draw, different every frame.
  const shift = (k * 4 + camera * 85) & 0xff;
  for (let row = 0; row < height; row++)
    data.fill((row + shift) & 0xff, row * width * 3, (row + 1) * width * 3);
  return { height, width, encoding: "rgb8", step: width * 3, data };
}

export interface ObservationOptions {
  /** Camera size; default 480×640. 0 leaves the cameras out. */
  height?: number;
  width?: number;
  /** Epoch of step 0, in ns. */
  t0Ns?: bigint;
}

export function observationAt(k: number, opts: ObservationOptions = {}): Observation {
  const height = opts.height ?? HEIGHT;
  const width = opts.width ?? WIDTH;
  const images: Record<string, Image> = {};
  if (height > 0 && width > 0) {
    CAMERAS.forEach((name, i) => {
      images[name] = frame(k, i, height, width);
    });
  }
  return {
    timestamp_ns: (opts.t0Ns ?? 1_700_000_000_000_000_000n) + BigInt(k) * 33_333_333n,
    timestep: BigInt(k),
    task: "pick up the cube and place it in the bin",
    must_go: k === 0,
    state: fromTypedArray(stateAt(k)),
    state_names: [...JOINTS],
    images,
    extras: {},
  };
}
