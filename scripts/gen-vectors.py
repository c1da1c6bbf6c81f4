#!/usr/bin/python3
"""Writes safewire's robotics golden vectors with the official Python implementations.

    /usr/bin/python3 scripts/gen-vectors.py        (npm run gen:vectors)

For every message and case: test/vectors/<format>/<Message>/<case>.bin, written by Google's protobuf
(protoc-generated classes from schemas/safewire/robotics/v1/*.proto, deterministic serialisation),
Apache avro (schemas/avro/<Message>.avsc, a bare binary datum) and msgpack-python, and next to each
.bin a <case>.json holding the expected value in tagged JSON (see scripts/safewire_py.py).

Cases whose name contains "nonfinite" hold NaN or ±Infinity and are decoded with allowNonFinite.
Map keys are ASCII or UTF-8 in sorted byte order and never integer-like, so that the order of keys
is the same in a JavaScript object, a Python dict and protobuf's deterministic output.
The output is deterministic: running the script twice writes the same files.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402

import safewire_py as sw  # noqa: E402

OUT = os.path.join(sw.ROOT, "test", "vectors")
INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

NUMPY = {
    "float16": "<f2",
    "float32": "<f4",
    "float64": "<f8",
    "int8": "<i1",
    "int16": "<i2",
    "int32": "<i4",
    "int64": "<i8",
    "uint8": "<u1",
    "bool": "?",
}


def tensor(dtype: str, values, shape=None) -> dict:
    if dtype == "bfloat16":
        f32 = np.asarray(values, dtype="<f4").reshape(-1)
        data = b"".join(struct.pack("<I", int(x))[2:] for x in f32.view("<u4"))
        arr_shape = list(np.asarray(values).shape)
    else:
        arr = np.asarray(values, dtype=NUMPY[dtype])
        data = arr.tobytes(order="C")
        arr_shape = list(arr.shape)
    return {"dtype": dtype, "shape": list(shape if shape is not None else arr_shape), "data": data}


def image(encoding: str, height: int, width: int, step: int, data: bytes) -> dict:
    return {"height": height, "width": width, "encoding": encoding, "step": step, "data": data}


def sorted_map(d: dict) -> dict:
    return {k: d[k] for k in sorted(d, key=lambda k: k.encode("utf-8"))}


JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452")
JOINTS = ["shoulder_pan.pos", "shoulder_lift.pos", "elbow_flex.pos", "wrist_flex.pos", "wrist_roll.pos", "gripper.pos"]


def rgb(height: int, width: int, seed: int) -> bytes:
    return bytes((seed + i * 7) % 256 for i in range(height * width * 3))


MAX_RANK = tensor("int16", np.arange(16, dtype="<i2").reshape(1, 2, 1, 2, 1, 2, 1, 2))

CASES: dict[str, dict[str, dict]] = {
    "Tensor": {
        "float32_vector": tensor("float32", [0.5, -1.25, 3.0, 1e-30]),
        "float16": tensor("float16", [1.0, -2.0, 0.0009765625]),
        "bfloat16": tensor("bfloat16", [1.0, -2.5, 3.140625]),
        "float64_scalar": tensor("float64", 2.718281828459045),
        "int8": tensor("int8", [-128, 0, 127]),
        "int32_matrix": tensor("int32", [[-(2**31), 0, 2**31 - 1], [1, 2, 3]]),
        "int64_extremes": tensor("int64", [INT64_MIN, -1, 0, INT64_MAX]),
        "uint8": tensor("uint8", [0, 1, 254, 255]),
        "bool": tensor("bool", [True, False, True]),
        "max_rank": MAX_RANK,
        "zero_size": tensor("float32", np.zeros((0, 3)), shape=[0, 3]),
        "negative_zero": tensor("float64", [-0.0, 0.0]),
        "nonfinite": tensor("float32", [float("nan"), float("inf"), float("-inf"), -0.0]),
    },
    "Image": {
        "rgb8_2x3": image("rgb8", 2, 3, 9, rgb(2, 3, 1)),
        "mono16_padded_step": image("mono16", 2, 2, 6, bytes(range(12))),
        "32FC1": image("32FC1", 1, 2, 8, struct.pack("<2f", 1.5, -0.25)),
        "bgra8": image("bgra8", 1, 1, 4, b"\x01\x02\x03\xff"),
        "empty": image("mono8", 0, 0, 0, b""),
        "jpeg": image("jpeg", 1, 1, 0, JPEG),
        "png_unknown_size": image("png", 0, 0, 0, PNG),
    },
    "Observation": {
        "minimal": {
            "timestamp_ns": 0,
            "timestep": 0,
            "task": "",
            "must_go": False,
            "state": tensor("float32", []),
            "state_names": [],
            "images": {},
            "extras": {},
        },
        "so101_two_cameras": {
            "timestamp_ns": 1_767_225_600_123_456_789,
            "timestep": 42,
            "task": "Pick up the red cube and place it in the box",
            "must_go": True,
            "state": tensor("float32", [0.5, -12.25, 90.0, 45.5, -3.0, 17.75]),
            "state_names": JOINTS,
            "images": sorted_map(
                {
                    "front": image("rgb8", 2, 3, 9, rgb(2, 3, 5)),
                    "wrist": image("jpeg", 480, 640, 0, JPEG),
                }
            ),
            "extras": sorted_map({"observation.environment_state": tensor("float64", [[1.0, 2.0]])}),
        },
        "non_ascii_task": {
            "timestamp_ns": 1,
            "timestep": 1,
            "task": "Saisis le cube rouge — 赤い立方体を掴む 🤖",
            "must_go": False,
            "state": tensor("float64", [-0.0, 1.0]),
            "state_names": ["épaule", "腕"],
            "images": sorted_map({"caméra": image("mono8", 1, 1, 1, b"\x80"), "前": image("mono8", 1, 1, 1, b"\x00")}),
            "extras": {},
        },
        "int64_extremes": {
            "timestamp_ns": INT64_MIN,
            "timestep": INT64_MAX,
            "task": "x",
            "must_go": False,
            "state": tensor("int64", [INT64_MIN, INT64_MAX]),
            "state_names": ["a", "b"],
            "images": {},
            "extras": {},
        },
        "max_rank_extras": {
            "timestamp_ns": 5,
            "timestep": -5,
            "task": "",
            "must_go": False,
            "state": tensor("float32", [[1.0, 2.0, 3.0]]),
            "state_names": ["x", "y", "z"],
            "images": {},
            "extras": sorted_map({"rank8": MAX_RANK, "scalar": tensor("bool", True), "empty": tensor("uint8", [], shape=[0])}),
        },
        "nonfinite": {
            "timestamp_ns": 2,
            "timestep": 3,
            "task": "",
            "must_go": False,
            "state": tensor("float32", [float("nan"), float("inf"), -0.0]),
            "state_names": [],
            "images": {},
            "extras": sorted_map({"depth": tensor("float16", [float("-inf"), 1.0])}),
        },
    },
    "ActionChunk": {
        "single": {
            "timestamp_ns": 1_767_225_600_000_000_000,
            "timestep": 7,
            "step_ns": 0,
            "actions": tensor("float32", [[0.0, 1.0, 2.0, 3.0, 4.0, 5.0]]),
            "action_names": JOINTS,
        },
        "smolvla_50x6": {
            "timestamp_ns": 1_767_225_600_000_000_000,
            "timestep": 100,
            "step_ns": 33_333_333,
            "actions": tensor("float32", np.linspace(-1.0, 1.0, 300, dtype="<f4").reshape(50, 6)),
            "action_names": [],
        },
        "int64_extremes": {
            "timestamp_ns": INT64_MIN,
            "timestep": INT64_MAX - 1,
            "step_ns": INT64_MAX,
            "actions": tensor("int64", [[INT64_MIN], [INT64_MAX]]),
            "action_names": ["discrete"],
        },
        "bimanual_bfloat16": {
            "timestamp_ns": 10,
            "timestep": 0,
            "step_ns": 20_000_000,
            "actions": tensor("bfloat16", np.ones((2, 12), dtype="<f4")),
            "action_names": [],
        },
        "nonfinite": {
            "timestamp_ns": 0,
            "timestep": 0,
            "step_ns": 1,
            "actions": tensor("float64", [[float("nan")], [-0.0]]),
            "action_names": [],
        },
    },
    "PolicySetup": {
        "act_cpu_minimal": {
            "policy_type": "act",
            "pretrained_name_or_path": "lerobot/act_aloha_sim_transfer_cube_human",
            "features": {},
            "actions_per_chunk": 100,
            "device": "cpu",
            "rename_map": {},
        },
        "smolvla_cuda": {
            "policy_type": "smolvla",
            "pretrained_name_or_path": "lerobot/smolvla_base",
            "features": sorted_map(
                {
                    "action": {"dtype": "float32", "shape": [6], "names": JOINTS},
                    "observation.images.front": {"dtype": "video", "shape": [480, 640, 3], "names": ["height", "width", "channels"]},
                    "observation.state": {"dtype": "float32", "shape": [6], "names": JOINTS},
                    "task": {"dtype": "string", "shape": [1], "names": []},
                }
            ),
            "actions_per_chunk": 50,
            "device": "cuda:1",
            "rename_map": sorted_map({"observation.images.top": "observation.images.front"}),
        },
        "groot_mps_max_chunk": {
            "policy_type": "groot",
            "pretrained_name_or_path": "/home/robot/checkpoints/groot n1.5 — étape 10000",
            "features": sorted_map({"observation.image": {"dtype": "image", "shape": [224, 224, 3], "names": []}}),
            "actions_per_chunk": 1000,
            "device": "mps",
            "rename_map": {},
        },
    },
    "Transition": {
        "minimal": {
            "state": {},
            "action": tensor("float32", []),
            "reward": 0.0,
            "next_state": {},
            "done": False,
            "truncated": False,
            "info": {},
        },
        "full": {
            "state": sorted_map({"observation.state": tensor("float32", [1.0, 2.0]), "observation.image": tensor("uint8", np.zeros((1, 2, 2, 3)))}),
            "action": tensor("float32", [0.25, -0.25]),
            "reward": 1.5,
            "next_state": sorted_map({"observation.state": tensor("float32", [1.25, 1.75])}),
            "done": True,
            "truncated": True,
            "info": sorted_map({"is_intervention": tensor("bool", [True]), "discrete_penalty": tensor("float32", [-0.5])}),
        },
        "negative_zero_reward": {
            "state": {},
            "action": tensor("int64", [INT64_MAX]),
            "reward": -0.0,
            "next_state": {},
            "done": False,
            "truncated": False,
            "info": {},
        },
        "nonfinite": {
            "state": {},
            "action": tensor("float32", [float("nan")]),
            "reward": float("-inf"),
            "next_state": {},
            "done": True,
            "truncated": False,
            "info": {},
        },
    },
    "Parameters": {
        "empty": {"tensors": {}},
        "state_dict": {
            "tensors": sorted_map(
                {
                    "model.encoder.weight": tensor("bfloat16", [[0.5, -0.5], [1.0, 2.0]]),
                    "model.encoder.bias": tensor("float32", [0.0, -0.0]),
                    "model.steps": tensor("int64", INT64_MAX),
                    "model.rank8": MAX_RANK,
                }
            )
        },
    },
    "InteractionStats": {
        "zero": {
            "episodic_reward": 0.0,
            "interaction_step": 0,
            "intervention_rate": 0.0,
            "episode_interventions": 0,
            "extra": {},
        },
        "typical": {
            "episodic_reward": 12.5,
            "interaction_step": 123_456,
            "intervention_rate": 0.125,
            "episode_interventions": 3,
            "extra": sorted_map({"policy_fps": 29.97, "loss/critic": 0.0625, "écart": -0.0}),
        },
        "int64_max": {
            "episodic_reward": -1e300,
            "interaction_step": INT64_MAX,
            "intervention_rate": 1.0,
            "episode_interventions": 2**31 - 1,
            "extra": {},
        },
        "nonfinite": {
            "episodic_reward": float("-inf"),
            "interaction_step": 1,
            "intervention_rate": float("nan"),
            "episode_interventions": 0,
            "extra": sorted_map({"loss": float("nan"), "grad_norm": float("inf")}),
        },
    },
}


def main() -> None:
    assert set(CASES) == set(sw.MESSAGES), "every message needs cases"
    # Only this message set's directories: other vectors may live next to them.
    for fmt in sw.FORMATS:
        for message in CASES:
            shutil.rmtree(os.path.join(OUT, fmt, message), ignore_errors=True)
    count = 0
    for message, cases in CASES.items():
        desc = sw.descriptor(message)
        for case, value in cases.items():
            value = sw.canon(value, desc)
            tagged = sw.dumps(sw.to_tagged(value, desc))
            for fmt in sw.FORMATS:
                data = sw.encode(fmt, message, value)
                # The library must read back what it wrote, equal (NaN-aware via the tagged form).
                back = sw.decode(fmt, message, data)
                if sw.dumps(sw.to_tagged(back, desc)) != tagged:
                    raise SystemExit(f"{fmt} {message}/{case}: the Python round trip changed the value")
                d = os.path.join(OUT, fmt, message)
                os.makedirs(d, exist_ok=True)
                with open(os.path.join(d, f"{case}.bin"), "wb") as f:
                    f.write(data)
                with open(os.path.join(d, f"{case}.json"), "w", encoding="utf-8") as f:
                    f.write(tagged)
                count += 1
    print(f"wrote {count} vectors under {os.path.relpath(OUT, sw.ROOT)}")


if __name__ == "__main__":
    main()
