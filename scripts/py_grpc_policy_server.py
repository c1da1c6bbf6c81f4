"""A small Python policy server for safewire's PolicyService (the TypeScript client talks to it in the tests).

    /usr/bin/python3 scripts/py_grpc_policy_server.py --stubs DIR

Binds 127.0.0.1 on a free port, prints `PORT <n>` and serves the demo policy (a fixed linear map from the
6-joint state to a T x 6 action chunk) until its standard input closes or it gets SIGTERM. Keeps state
per `safewire-session` metadata, like the TypeScript demo.
"""

import argparse
import signal
import sys
import threading
from concurrent import futures

import grpc

from py_grpc_common import JOINTS, STEP_NS, f32, from_f32, linear_policy, load_stubs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stubs", required=True)
    args = ap.parse_args()
    pb = load_stubs(args.stubs)
    svc, tensor, chunk_pb = pb["services"], pb["tensor"], pb["action_chunk"]

    lock = threading.Condition()
    sessions = {}

    def session_of(context):
        key = dict(context.invocation_metadata()).get("safewire-session", context.peer())
        with lock:
            return sessions.setdefault(key, {"setup": None, "latest": None})

    def chunk_for(s):
        obs = s["latest"]
        T = s["setup"].actions_per_chunk if s["setup"] is not None else 50
        assert obs.state.dtype == "float32"
        state = from_f32(obs.state.data)
        return chunk_pb.ActionChunk(
            timestamp_ns=obs.timestamp_ns,
            timestep=obs.timestep,
            step_ns=STEP_NS,
            actions=tensor.Tensor(dtype="float32", shape=[T, len(state)], data=f32(linear_policy(state, T))),
            action_names=JOINTS if len(state) == 6 else [],
        )

    class Policy(pb["services_grpc"].PolicyServiceServicer):
        def Ready(self, request, context):
            return svc.Empty()

        def SendPolicyInstructions(self, request, context):
            session_of(context)["setup"] = request
            return svc.Empty()

        def SendObservations(self, request_iterator, context):
            s = session_of(context)
            for obs in request_iterator:
                with lock:
                    s["latest"] = obs
                    lock.notify_all()
            return svc.Empty()

        def GetActions(self, request, context):
            s = session_of(context)
            if s["latest"] is None:
                context.abort(grpc.StatusCode.FAILED_PRECONDITION, "no observation yet")
            return chunk_for(s)

        def StreamActions(self, request, context):
            s = session_of(context)
            seen = None
            while context.is_active():
                with lock:
                    if s["latest"] is seen:
                        lock.wait(timeout=0.2)
                        continue
                    seen = s["latest"]
                yield chunk_for(s)

    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=8),
        options=[("grpc.max_receive_message_length", 16 << 20)],
    )
    pb["services_grpc"].add_PolicyServiceServicer_to_server(Policy(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print("PORT %d" % port, flush=True)

    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    done.wait()
    server.stop(grace=1).wait()


if __name__ == "__main__":
    main()
