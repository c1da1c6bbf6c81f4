"""Times Python's pickle (protocol 5) on the benchmark cases, as LeRobot ships its payloads today.

Run by bench/run.ts with Debian's /usr/bin/python3 (which has numpy):

    /usr/bin/python3 bench/pickle_bench.py --fixture ActionChunk.json [--fixture ...] --time 0.1 \
        --warmup 0.03 --sample 0.001 [--memory]

Each fixture (named after its case) is the case's value as portable JSON (bench/fixtures.ts, toPortableJson): tensors and images
become numpy arrays of the same bytes, 64-bit integers Python ints, everything else as it is. Time is
the process's CPU time (time.process_time), as on the Node side. Prints one JSON line. Without numpy it
prints {"skipped": reason} and exits 0. Otherwise
{"python", "numpy", "cases": {case: {"bytes", "encode": {...}, "decode": {...}}}}.
"""

import argparse
import base64
import json
import os
import pickle
import platform
import sys
import time
import tracemalloc

try:
    import numpy as np
except ImportError:  # pragma: no cover - depends on the machine
    print(json.dumps({"skipped": f"numpy is not installed for {sys.executable}"}))
    sys.exit(0)

DTYPES = {
    "float16": np.float16,
    "float32": np.float32,
    "float64": np.float64,
    "int8": np.int8,
    "int16": np.int16,
    "int32": np.int32,
    "int64": np.int64,
    "uint8": np.uint8,
    "bool": np.bool_,
}
CHANNELS = {"rgb8": 3, "bgr8": 3, "rgba8": 4, "bgra8": 4, "mono8": 1}


def build(v):
    """Portable JSON -> the Python objects a LeRobot process would pickle."""
    if isinstance(v, list):
        return [build(x) for x in v]
    if not isinstance(v, dict):
        return v
    if "$bytes" in v:
        return base64.b64decode(v["$bytes"])
    if "$int" in v:
        return int(v["$int"])
    if "$tensor" in v:
        t = v["$tensor"]
        data = base64.b64decode(t["data"]["$bytes"])
        return np.frombuffer(data, dtype=DTYPES[t["dtype"]]).reshape(t["shape"]).copy()
    if "$image" in v:
        img = v["$image"]
        data = base64.b64decode(img["data"]["$bytes"])
        c = CHANNELS[img["encoding"]]
        return np.frombuffer(data, dtype=np.uint8).reshape(img["height"], img["width"], c).copy()
    return {k: build(x) for k, x in v.items()}


def measure(fn, seconds, warmup, sample):
    """Ops per CPU second: warm-up that sizes a batch to `sample` s, then batches for `seconds`."""
    clock = time.process_time
    n, spent, best = 1, 0.0, float("inf")
    while True:
        t0 = clock()
        for _ in range(n):
            fn()
        dt = clock() - t0
        spent += dt
        if dt < sample / 2 and best == float("inf") and n < 1 << 22:
            n *= 2
            continue
        best = min(best, dt)
        if spent >= warmup:
            break
    batch = max(1, round(n * sample / max(best, 1e-6)))
    samples = []
    w0, c0 = time.perf_counter(), clock()
    while clock() - c0 < seconds or len(samples) < (2 if best / n * batch * 5 > seconds else 5):
        t0 = clock()
        for _ in range(batch):
            fn()
        samples.append(clock() - t0)
    wall = time.perf_counter() - w0
    samples.sort()
    keep = samples[: max(1, -(-len(samples) * 9 // 10))]  # the slowest 10% left out, as in Node
    mean = sum(keep) / len(keep)
    return {"hz": batch / mean, "hzWall": batch * len(samples) / wall, "batch": batch, "samples": len(samples)}


def allocated(fn):
    """Peak bytes traced during one call (numpy buffers included): what a decode allocates."""
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
        del result
        return max(0, peak - before)
    finally:
        tracemalloc.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fixture", action="append", required=True)
    ap.add_argument("--time", type=float, default=0.1)
    ap.add_argument("--warmup", type=float, default=0.03)
    ap.add_argument("--sample", type=float, default=0.001)
    ap.add_argument("--memory", action="store_true")
    args = ap.parse_args()
    cases = {}
    for path in args.fixture:
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as f:
            obj = build(json.load(f))
        payload = pickle.dumps(obj, protocol=5)
        if pickle.dumps(pickle.loads(payload), protocol=5) != payload:
            raise SystemExit(f"{name}: pickle round trip differs")
        out = {
            "bytes": len(payload),
            "encode": measure(lambda: pickle.dumps(obj, protocol=5), args.time, args.warmup, args.sample),
            "decode": measure(lambda: pickle.loads(payload), args.time, args.warmup, args.sample),
        }
        if args.memory:
            out["encode"]["allocPerOp"] = allocated(lambda: pickle.dumps(obj, protocol=5))
            out["decode"]["allocPerOp"] = allocated(lambda: pickle.loads(payload))
        cases[name] = out
    print(json.dumps({"python": platform.python_version(), "numpy": np.__version__, "cases": cases}))


if __name__ == "__main__":
    main()
