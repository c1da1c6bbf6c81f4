"""A Python robot client for a safewire PolicyService (the TypeScript server, in the tests).

    /usr/bin/python3 scripts/py_grpc_robot_client.py --stubs DIR --target 127.0.0.1:PORT [--observations 100]

Sends Ready and a PolicySetup, then streams observations (6-float state, two small RGB cameras) in
rounds of 10, calling GetActions after each round and checking the chunk against the demo policy's map;
reads one chunk from StreamActions; then sends a real pickle exploit as the raw bytes of an
Observation and of a PolicySetup and checks that the server refuses both with INVALID_ARGUMENT and
`safewire-code: unsafe_payload` in the trailing metadata. Prints one JSON line; exits 1 on any failure.
"""

import argparse
import json
import os
import pickle
import sys
import threading

import grpc

from py_grpc_common import JOINTS, STEP_NS, T0_NS, f32, from_f32, linear_policy, load_stubs, state_at

HEIGHT, WIDTH = 48, 64


class Exploit:
    """LeRobot-style gadget: unpickling it would run a shell command. We only ever pickle.dumps it."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, ("touch " + self.marker,))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stubs", required=True)
    ap.add_argument("--target", required=True)
    ap.add_argument("--observations", type=int, default=100)
    ap.add_argument("--chunk", type=int, default=50)
    args = ap.parse_args()

    pb = load_stubs(args.stubs)
    svc, tensor, image, obs_pb, setup_pb = (
        pb["services"],
        pb["tensor"],
        pb["image"],
        pb["observation"],
        pb["policy_setup"],
    )
    channel = grpc.insecure_channel(args.target, options=[("grpc.max_send_message_length", 16 << 20)])
    grpc.channel_ready_future(channel).result(timeout=10)
    stub = pb["services_grpc"].PolicyServiceStub(channel)
    session = [("safewire-session", "python-robot-%d" % os.getpid())]

    stub.Ready(svc.Empty(), timeout=10, metadata=session)
    camera = setup_pb.Feature(dtype="video", shape=[HEIGHT, WIDTH, 3], names=["height", "width", "channels"])
    setup = setup_pb.PolicySetup(
        policy_type="act",
        pretrained_name_or_path="lerobot/act_so100_demo",
        features={
            "observation.state": setup_pb.Feature(dtype="float32", shape=[6], names=JOINTS),
            "observation.images.front": camera,
            "observation.images.wrist": camera,
            "action": setup_pb.Feature(dtype="float32", shape=[6], names=JOINTS),
        },
        actions_per_chunk=args.chunk,
        device="cpu",
    )
    stub.SendPolicyInstructions(setup, timeout=10, metadata=session)

    def observation(k):
        frame = bytes([(k * 4 + r) & 0xFF for r in range(HEIGHT) for _ in range(WIDTH * 3)])
        img = image.Image(height=HEIGHT, width=WIDTH, encoding="rgb8", step=WIDTH * 3, data=frame)
        return obs_pb.Observation(
            timestamp_ns=T0_NS + k * STEP_NS,
            timestep=k,
            task="pick up the cube",
            must_go=(k == 0),
            state=tensor.Tensor(dtype="float32", shape=[6], data=f32(state_at(k))),
            state_names=JOINTS,
            images={"front": img, "wrist": img},
        )

    # One StreamActions call open while observations flow: it must deliver at least one chunk.
    streamed = []

    def read_stream():
        call = stub.StreamActions(svc.Empty(), metadata=session, timeout=60)
        for chunk in call:
            streamed.append(chunk.timestep)
            if chunk.timestep == args.observations - 1:
                call.cancel()
                return

    reader = threading.Thread(target=read_stream, daemon=True)
    reader.start()

    chunks = 0
    sent = 0
    while sent < args.observations:
        batch = range(sent, min(sent + 10, args.observations))
        stub.SendObservations((observation(k) for k in batch), timeout=30, metadata=session)
        sent = batch[-1] + 1
        chunk = stub.GetActions(svc.Empty(), timeout=10, metadata=session)
        last = sent - 1
        assert chunk.timestep == last, "chunk timestep %d, expected %d" % (chunk.timestep, last)
        assert chunk.timestamp_ns == T0_NS + last * STEP_NS
        assert chunk.step_ns == STEP_NS
        assert list(chunk.actions.shape) == [args.chunk, 6], chunk.actions.shape
        assert chunk.actions.dtype == "float32"
        assert list(chunk.action_names) == JOINTS
        want = linear_policy(state_at(last), args.chunk)
        got = from_f32(chunk.actions.data)
        assert got == want, "actions differ from the policy's map at step %d" % last
        chunks += 1
    reader.join(timeout=20)
    assert streamed, "StreamActions delivered nothing"

    # The attacker: a real pickle exploit, as the raw bytes of an Observation and of a PolicySetup.
    marker = os.path.join(os.environ.get("TMPDIR", "/tmp"), "safewire-py-pwned-%d" % os.getpid())
    exploit = pickle.dumps(Exploit(marker), protocol=4)
    refusals = {}
    for name, kind in (("SendObservations", "stream"), ("SendPolicyInstructions", "unary")):
        path = "/safewire.robotics.v1.PolicyService/" + name
        if kind == "stream":
            rpc = channel.stream_unary(path, request_serializer=None, response_deserializer=None)
            request = iter([exploit])
        else:
            rpc = channel.unary_unary(path, request_serializer=None, response_deserializer=None)
            request = exploit
        try:
            rpc(request, timeout=10, metadata=session)
            raise AssertionError(name + " accepted a pickle")
        except grpc.RpcError as err:
            trailers = dict(err.trailing_metadata() or ())
            assert err.code() == grpc.StatusCode.INVALID_ARGUMENT, err.code()
            assert trailers.get("safewire-code") == "unsafe_payload", trailers
            refusals[name] = {"status": err.code().name, "safewire-code": trailers["safewire-code"]}
    assert not os.path.exists(marker), "the marker file exists: something unpickled the exploit"
    stub.Ready(svc.Empty(), timeout=10, metadata=session)  # still serving

    print(
        json.dumps(
            {"ok": True, "observations": sent, "chunks": chunks, "streamed": len(streamed), "refusals": refusals}
        )
    )


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # one line for the test to show
        print(json.dumps({"ok": False, "error": "%s: %s" % (type(e).__name__, e)}))
        sys.exit(1)
