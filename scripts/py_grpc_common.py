"""Shared by the Python gRPC peers: stub loading, the demo policy's map, and message builders.

Run by Debian's /usr/bin/python3 (python3-grpcio, python3-protobuf). The stubs are generated at test
time by python3-grpc-tools from schemas/safewire/robotics/v1/*.proto into a directory given with
--stubs; nothing generated is committed.
"""

import struct
import sys

JOINTS = [
    "shoulder_pan.pos",
    "shoulder_lift.pos",
    "elbow_flex.pos",
    "wrist_flex.pos",
    "wrist_roll.pos",
    "gripper.pos",
]
STEP_NS = 33_333_333
T0_NS = 1_700_000_000_000_000_000


def load_stubs(stubs_dir):
    """Imports the generated modules from stubs_dir (which holds safewire/robotics/v1/*_pb2*.py)."""
    sys.path.insert(0, stubs_dir)
    from safewire.robotics.v1 import (  # noqa: E402  (generated at test time)
        action_chunk_pb2,
        image_pb2,
        observation_pb2,
        policy_setup_pb2,
        services_pb2,
        services_pb2_grpc,
        tensor_pb2,
    )

    return {
        "action_chunk": action_chunk_pb2,
        "image": image_pb2,
        "observation": observation_pb2,
        "policy_setup": policy_setup_pb2,
        "services": services_pb2,
        "services_grpc": services_pb2_grpc,
        "tensor": tensor_pb2,
    }


def f32(values):
    """Little-endian float32 bytes (rounding to nearest, as a Float32Array store does)."""
    return struct.pack("<%df" % len(values), *values)


def from_f32(data):
    return list(struct.unpack("<%df" % (len(data) // 4), data))


def linear_policy(state, T):
    """The demo policy: action[t][j] = (1 - t/100) * state[j] + 0.1 * state[(j+1) % D], in float32."""
    D = len(state)
    out = []
    for t in range(T):
        for j in range(D):
            out.append((1 - t / 100) * state[j] + 0.1 * state[(j + 1) % D])
    # Round through float32 exactly as the TypeScript side does.
    return from_f32(f32(out))


def state_at(k):
    """The robot's joint state at step k, as float32 values (the same as examples/demo/robot.ts)."""
    import math

    return from_f32(f32([math.sin(k / 30 + j) * (50 if j == 5 else 90) for j in range(6)]))
