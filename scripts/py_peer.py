#!/usr/bin/python3
"""The Python peer of safewire's live robotics interop test (test/robotics/interop-live.test.ts).

    /usr/bin/python3 scripts/py_peer.py < request.json > response.json
    /usr/bin/python3 scripts/py_peer.py --check      (exits 0 when every library is importable)

Request:  {"items": [{"format": "protobuf"|"avro"|"msgpack", "message": "Observation", "bytes": "<base64>"}]}
Response: {"items": [{"value": <tagged JSON>, "bytes": "<base64>"} | {"error": "…"}]}

Each item's bytes (written by safewire in TypeScript) are decoded with the official Python library of
the format (protoc-generated classes, Apache avro, msgpack-python); "value" is what Python decoded, and
"bytes" is Python's own encoding of that value, for TypeScript to decode in turn.
"""

from __future__ import annotations

import base64
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def main() -> int:
    try:
        import safewire_py as sw
    except ImportError as e:  # the test shows this as the reason it skipped
        print(f"missing Python module: {e.name}", file=sys.stderr)
        return 3
    if sys.argv[1:] == ["--check"]:
        sw.proto_class("Observation")  # runs protoc once
        print("ok")
        return 0
    request = json.load(sys.stdin)
    out = []
    for item in request["items"]:
        try:
            message = item["message"]
            fmt = item["format"]
            value = sw.decode(fmt, message, base64.b64decode(item["bytes"]))
            again = sw.encode(fmt, message, value)
            out.append({"value": sw.to_tagged(value, sw.descriptor(message)), "bytes": base64.b64encode(again).decode("ascii")})
        except Exception as e:  # noqa: BLE001 - reported per item
            out.append({"error": f"{type(e).__name__}: {e}"})
    json.dump({"items": out}, sys.stdout, ensure_ascii=False, allow_nan=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
