#!/usr/bin/python3
"""Writes the pickle vectors for safewire's static pickle analyser (src/pickle).

Run with Debian's Python (python3-numpy installed):  /usr/bin/python3 scripts/gen-pickles.py [OUTDIR]
OUTDIR defaults to test/vectors/pickle. Writes *.pkl, *.pt and manifest.json.

  gen-pickles.py --opcodes   prints pickletools' opcode table as JSON (the TypeScript table is checked against it)
  gen-pickles.py --oracle    reads {"cases": [base64 pickle, ...]} on stdin and, for each, loads it with CPython's
                             C unpickler whose find_class records (module, name) and returns an inert stub; prints
                             {"results": [{"ok": bool, "found": [[module, name], ...], "error": str}, ...]}

Nothing here loads a malicious pickle for real. The expected imports in the manifest come from CPython's
own unpickler (pickle._Unpickler) with a find_class that records what it is asked for and hands back an
inert stub class, so every call, BUILD and SETITEM lands on a stub. The expected ratings and calls are
written by hand: they are what the scanner is meant to say.
"""

import collections
import copyreg
import io
import json
import os
import pickle
import struct
import subprocess
import sys
import types
import zipfile
from pathlib import Path

import _compat_pickle
import numpy as np

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "test/vectors/pickle")


# --- the oracle: CPython's unpickler, with every import replaced by an inert stub ----------------------

class StubMeta(type):
    def __setitem__(cls, key, value):
        pass


class Stub(metaclass=StubMeta):
    def __new__(cls, *args, **kwargs):
        return object.__new__(cls)

    def __init__(self, *args, **kwargs):
        pass

    def __call__(self, *args, **kwargs):
        return Stub()

    def __setstate__(*args, **kwargs):
        pass

    def __setitem__(*args, **kwargs):
        pass

    def append(*args, **kwargs):
        pass

    def extend(*args, **kwargs):
        pass

    def add(*args, **kwargs):
        pass


class Recorder(pickle._Unpickler):
    def __init__(self, f):
        super().__init__(f)
        self.found = []

    def find_class(self, module, name):
        # What pickle.Unpickler.find_class does before importing (fix_imports for protocols 0 to 2).
        if self.proto < 3 and self.fix_imports:
            if (module, name) in _compat_pickle.NAME_MAPPING:
                module, name = _compat_pickle.NAME_MAPPING[(module, name)]
            elif module in _compat_pickle.IMPORT_MAPPING:
                module = _compat_pickle.IMPORT_MAPPING[module]
        self.found.append(f"{module}.{name}")
        return type(f"{module}.{name}", (Stub,), {})

    def persistent_load(self, pid):
        return Stub()


def imports_of(data):
    """Every find_class call, in order, over all pickle streams back to back: what one pickle.load after
    another on the same file asks for, whatever byte a stream starts with (protocols 0 and 1 have no PROTO),
    up to the end or to a load that fails (bytes after a STOP that are not a pickle)."""
    found = []
    f = io.BytesIO(data)
    while True:
        r = Recorder(f)
        try:
            r.load()
        except Exception:
            if not found and f.tell() == 0:
                raise
            found += r.found
            break
        found += r.found
        if f.tell() >= len(data):
            break
    return found


manifest = []


def short_str(s):
    """SHORT_BINUNICODE."""
    b = s.encode()
    return b"\x8c" + bytes([len(b)]) + b


def record(file, data, rating, description, calls=(), globals_override=None, kind="pickle", protocol=None):
    entry = {
        "file": file,
        "kind": kind,
        "rating": rating,
        "description": description,
        "globals": globals_override if globals_override is not None else imports_of(data),
        "calls": [list(c) for c in calls],
    }
    if protocol is not None:
        entry["protocol"] = protocol
    manifest.append(entry)


def write(file, data, rating, description, **kw):
    (OUT / file).write_bytes(data)
    record(file, data, rating, description, **kw)


# --- data only (safe) --------------------------------------------------------------------------------

DATA = {
    "robot": "so100",
    "joints": [0.1, -0.2, 3.5, float("inf")],
    "timestep": 1700000000,
    "big": 2**70,
    "negative": -5,
    "must_go": True,
    "nothing": None,
    "nested": [[1, 2], (3, 4), {"k": "v"}],
    "task": "pick up the cube \u2713 h\u00e9",
    "shoulder_pan.pos": 12.5,
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in list(OUT.glob("*.pkl")) + list(OUT.glob("*.pt")):
        old.unlink()

    for p in range(6):
        write(f"data_p{p}.pkl", pickle.dumps(DATA, protocol=p), "safe", f"dicts, lists, str, floats, ints at protocol {p}",
              protocol=p)
    write("data_bytes_p3.pkl", pickle.dumps({"frame": bytes(range(32))}, protocol=3), "safe", "bytes at protocol 3 (BINBYTES)")
    write("data_bytes_p5.pkl", pickle.dumps({"frame": bytes(range(32)), "buf": bytearray(b"xy")}, protocol=5), "safe",
          "bytes and bytearray at protocol 5 (BYTEARRAY8)")
    write("data_set_p4.pkl", pickle.dumps({"s": {1, 2, 3}, "f": frozenset(["a"])}, protocol=4), "safe",
          "set and frozenset at protocol 4 (EMPTY_SET, ADDITEMS, FROZENSET)")
    rec = [1, "x"]
    rec.append(rec)
    write("data_recursive_p2.pkl", pickle.dumps(rec, protocol=2), "safe", "a list that contains itself (memo GET)")
    write("data_trailing_p4.pkl", pickle.dumps([1, 2], protocol=4) + b"trailing bytes", "suspicious",
          "data followed by bytes after STOP that are not a pickle (not checked, so not safe)")
    # Several data pickles back to back, of protocols with and without PROTO: every one is read.
    write("two_data_streams_p0_p1.pkl", pickle.dumps({"a": 1}, protocol=0) + pickle.dumps([1, "x"], protocol=1),
          "safe", "a protocol 0 then a protocol 1 data pickle")

    # --- allowlisted reconstructors (suspicious) ---------------------------------------------------------
    write("set_p2.pkl", pickle.dumps({1, 2}, protocol=2), "suspicious", "a set before protocol 4: __builtin__.set",
          calls=[("REDUCE", "builtins.set")])
    write("bytes_p2.pkl", pickle.dumps(b"\x00\x01\xff", protocol=2), "suspicious",
          "bytes before protocol 3: _codecs.encode", calls=[("REDUCE", "_codecs.encode")])
    write("complex_p4.pkl", pickle.dumps(1 + 2j, protocol=4), "suspicious", "a complex number: builtins.complex",
          calls=[("REDUCE", "builtins.complex")])
    for p in (2, 4):
        od = collections.OrderedDict([("a", 1), ("b", [2, 3])])
        write(f"ordereddict_p{p}.pkl", pickle.dumps(od, protocol=p), "suspicious", f"collections.OrderedDict at protocol {p}",
              calls=[("REDUCE", "collections.OrderedDict")])
    arr = np.arange(6, dtype=np.float32).reshape(2, 3)
    for p in (2, 3, 4, 5):
        write(f"numpy_p{p}.pkl", pickle.dumps(arr, protocol=p), "suspicious", f"a float32 numpy array at protocol {p}")
    obs = {
        "timestamp": 1700000000.25,
        "timestep": 7,
        "observation": {
            "shoulder_pan.pos": 0.5,
            "front": np.zeros((4, 4, 3), dtype=np.uint8),
            "task": "stack the blocks",
        },
    }
    for p in (4, 5):
        write(f"observation_numpy_p{p}.pkl", pickle.dumps(obs, protocol=p), "suspicious",
              f"a LeRobot-style observation with a uint8 image array at protocol {p}")
    write("numpy_scalar_p4.pkl", pickle.dumps(np.float64(1.5), protocol=4), "suspicious", "a numpy float64 scalar")

    # --- dangerous ------------------------------------------------------------------------------------------
    class System:
        def __reduce__(self):
            return (os.system, ("echo pwned",))

    for p in range(6):
        write(f"os_system_p{p}.pkl", pickle.dumps(System(), protocol=p), "dangerous", f"REDUCE to os.system at protocol {p}",
              calls=[("REDUCE", "posix.system")], protocol=p)

    class Exec:
        def __reduce__(self):
            return (exec, ("import os; os.system('id')",))

    for p in (0, 2, 4):
        write(f"exec_p{p}.pkl", pickle.dumps(Exec(), protocol=p), "dangerous", f"REDUCE to builtins.exec at protocol {p}",
              calls=[("REDUCE", "builtins.exec")])

    class Eval:
        def __reduce__(self):
            return (eval, ("__import__('os').system('id')",))

    write("eval_p1.pkl", pickle.dumps(Eval(), protocol=1), "dangerous", "REDUCE to builtins.eval at protocol 1",
          calls=[("REDUCE", "builtins.eval")])

    class Popen:
        def __reduce__(self):
            return (subprocess.Popen, (["touch", "/tmp/pwned"],))

    for p in (2, 4):
        write(f"popen_p{p}.pkl", pickle.dumps(Popen(), protocol=p), "dangerous", f"REDUCE to subprocess.Popen at protocol {p}",
              calls=[("REDUCE", "subprocess.Popen")])

    class Inner:
        def __reduce__(self):
            return (subprocess.check_output, (["echo", "hi"],))

    class Outer:
        def __reduce__(self):
            return (os.system, (Inner(),))

    write("nested_args_p4.pkl", pickle.dumps(Outer(), protocol=4), "dangerous",
          "REDUCE to os.system whose argument is another REDUCE (subprocess.check_output)",
          calls=[("REDUCE", "subprocess.check_output"), ("REDUCE", "posix.system")])

    # Hand-assembled: getattr(__import__("os"), "system")("id"), protocol 0. The outer callee is a call result.
    write("nested_getattr_p0.pkl",
          b"cbuiltins\ngetattr\n(cbuiltins\n__import__\n(Vos\ntRVsystem\ntR(Vid\ntR.", "dangerous",
          "nested REDUCEs: getattr(__import__('os'), 'system')('id')",
          calls=[("REDUCE", "builtins.__import__"), ("REDUCE", "builtins.getattr")])

    # STACK_GLOBAL whose module and name come back from the memo after being popped.
    write("memo_stack_global_p4.pkl",
          b"\x80\x04\x8c\x02os\x940\x8c\x06system\x940h\x00h\x01\x93\x8c\x02id\x85R.", "dangerous",
          "STACK_GLOBAL built from memoized strings (BINGET)", calls=[("REDUCE", "os.system")])

    # INST (protocol 0): import and call in one opcode.
    write("inst_p0.pkl", b"(S'echo pwned'\nios\nsystem\n.", "dangerous", "INST os.system", calls=[("INST", "os.system")])
    # OBJ (protocol 1): the class is the first item after the MARK.
    write("obj_p1.pkl", b"(cos\nsystem\nS'id'\no.", "dangerous", "OBJ with os.system", calls=[("OBJ", "os.system")])
    # NEWOBJ (protocol 2).
    write("newobj_p2.pkl", b"\x80\x02csubprocess\nPopen\n]X\x04\x00\x00\x00truea\x85\x81.", "dangerous",
          "NEWOBJ on subprocess.Popen", calls=[("NEWOBJ", "subprocess.Popen")])
    # BUILD on an allowlisted class itself: pickle would setattr(numpy.dtype, "foo", 1).
    write("build_on_global_p2.pkl", b"\x80\x02cnumpy\ndtype\nN}X\x03\x00\x00\x00fooK\x01s\x86b.", "dangerous",
          "BUILD with slot state on the imported class numpy.dtype itself", calls=[("BUILD", "numpy.dtype")])
    # An allowlisted module with a dotted name: protocol 4 walks attributes from collections.OrderedDict.
    write("dotted_name_p4.pkl", b"\x80\x04" + short_str("collections") + short_str("OrderedDict.__init__.__globals__") + b"\x93.",
          "dangerous",
          "STACK_GLOBAL collections + 'OrderedDict.__init__.__globals__'")
    # Calling what an allowlisted callee returned.
    write("call_result_p2.pkl", b"\x80\x02ccollections\nOrderedDict\n)R)R.", "dangerous",
          "REDUCE on the OrderedDict instance that the first REDUCE made",
          calls=[("REDUCE", "collections.OrderedDict")])
    # SETITEM on an imported object: os.environ["LD_PRELOAD"] = "x" without any REDUCE.
    write("setitem_global_p2.pkl",
          b"\x80\x02cos\nenviron\nX\x0a\x00\x00\x00LD_PRELOADX\x01\x00\x00\x00xs.", "dangerous",
          "SETITEM on the imported os.environ", calls=[("SETITEM", "os.environ")])
    # EXT1: the import comes from copyreg's extension registry, invisible to a static scan.
    copyreg.add_extension("os", "system", 240)
    try:
        write("ext1_p2.pkl", b"\x80\x02\x82\xf0X\x02\x00\x00\x00id\x85R.", "dangerous",
              "EXT1 240 (registered here as os.system) called by REDUCE", globals_override=["?"])
    finally:
        copyreg.remove_extension("os", "system", 240)
    # Two pickles back to back: a harmless header, then the payload (PyTorch's legacy format reads several).
    write("two_streams_p2.pkl", pickle.dumps(1, protocol=2) + pickle.dumps(System(), protocol=2), "dangerous",
          "a data pickle followed by an os.system pickle", calls=[("REDUCE", "posix.system")])
    # The same with streams that start without PROTO (protocols 0 and 1): a second pickle.load runs them too.
    for file, parts, description in (
        ("two_streams_p0_p0.pkl", [pickle.dumps({"a": 1}, protocol=0), pickle.dumps(System(), protocol=0)],
         "a protocol 0 data pickle followed by a protocol 0 os.system pickle"),
        ("two_streams_p2_p0.pkl", [pickle.dumps({"a": 1}, protocol=2), pickle.dumps(System(), protocol=0)],
         "a protocol 2 data pickle followed by a protocol 0 os.system pickle"),
        ("two_streams_p0_p1.pkl", [pickle.dumps({"a": 1}, protocol=0), pickle.dumps(System(), protocol=1)],
         "a protocol 0 data pickle followed by a protocol 1 os.system pickle"),
        ("three_streams_p0_p2_p1.pkl",
         [pickle.dumps([1, 2], protocol=0), pickle.dumps({"b": 2}, protocol=2), pickle.dumps(System(), protocol=1)],
         "protocol 0 and 2 data pickles, then a protocol 1 os.system pickle"),
    ):
        write(file, b"".join(parts), "dangerous", description, calls=[("REDUCE", "posix.system")])
    # A persistent id alone: only a loader with persistent_load (torch.load) gives it meaning.
    write("persid_p0.pkl", b"Pstorage0\n.", "suspicious", "PERSID with no imports")

    # --- PyTorch-style archives -------------------------------------------------------------------------------
    write_torch_archives()

    (OUT / "manifest.json").write_text(json.dumps({"generator": "scripts/gen-pickles.py",
                                                    "python": sys.version.split()[0],
                                                    "numpy": np.__version__,
                                                    "vectors": manifest}, indent=2) + "\n")
    print(f"wrote {len(manifest)} vectors to {OUT}")


def fake_torch():
    """Just enough of a `torch` module for pickle to name torch._utils._rebuild_tensor_v2 and torch.FloatStorage."""
    torch = types.ModuleType("torch")
    utils = types.ModuleType("torch._utils")

    def _rebuild_tensor_v2(*args):
        raise RuntimeError("never called")

    _rebuild_tensor_v2.__module__ = "torch._utils"
    _rebuild_tensor_v2.__qualname__ = "_rebuild_tensor_v2"
    utils._rebuild_tensor_v2 = _rebuild_tensor_v2
    torch._utils = utils
    torch.FloatStorage = type("FloatStorage", (), {"__module__": "torch"})
    sys.modules["torch"] = torch
    sys.modules["torch._utils"] = utils
    return torch


class StorageRef:
    def __init__(self, key, numel):
        self.key = key
        self.numel = numel


class FakeTensor:
    """Pickles the way torch.Tensor does: _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks)."""

    def __init__(self, torch, key, shape):
        self.torch = torch
        self.key = key
        self.shape = shape

    def __reduce_ex__(self, proto):
        numel = 1
        for d in self.shape:
            numel *= d
        stride = tuple(int(np.prod(self.shape[i + 1:])) for i in range(len(self.shape)))
        return (self.torch._utils._rebuild_tensor_v2,
                (StorageRef(self.key, numel), 0, tuple(self.shape), stride, False, collections.OrderedDict()))


def torch_pickle(torch, state):
    class TorchPickler(pickle.Pickler):
        def persistent_id(self, obj):
            if isinstance(obj, StorageRef):
                return ("storage", torch.FloatStorage, obj.key, "cpu", obj.numel)
            return None

    f = io.BytesIO()
    TorchPickler(f, protocol=2).dump(state)  # torch.save's default protocol
    return f.getvalue()


def zip_bytes(members, compression):
    f = io.BytesIO()
    with zipfile.ZipFile(f, "w", compression) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = compression
            z.writestr(info, data)
    return f.getvalue()


def write_torch_archives():
    torch = fake_torch()
    state = collections.OrderedDict([
        ("layer.weight", FakeTensor(torch, "0", (2, 3))),
        ("layer.bias", FakeTensor(torch, "1", (2,))),
    ])
    pkl = torch_pickle(torch, state)
    weight = struct.pack("<6f", *range(6))
    bias = struct.pack("<2f", 0.5, -0.5)
    members = [
        ("archive/data.pkl", pkl),
        ("archive/byteorder", b"little"),
        ("archive/data/0", weight),
        ("archive/data/1", bias),
        ("archive/version", b"3\n"),
    ]
    expected_calls = [("REDUCE", "torch._utils._rebuild_tensor_v2"), ("REDUCE", "collections.OrderedDict")]
    for file, compression, what in (("torch_stored.pt", zipfile.ZIP_STORED, "stored"),
                                    ("torch_deflated.pt", zipfile.ZIP_DEFLATED, "deflated")):
        data = zip_bytes(members, compression)
        (OUT / file).write_bytes(data)
        record(file, pkl, "suspicious", f"a PyTorch-layout state dict archive ({what} members)", calls=expected_calls,
               kind="zip")

    class System:
        def __reduce__(self):
            return (os.system, ("echo pwned",))

    evil = pickle.dumps(System(), protocol=2)
    data = zip_bytes([("archive/data.pkl", evil), ("archive/version", b"3\n")], zipfile.ZIP_DEFLATED)
    (OUT / "torch_evil.pt").write_bytes(data)
    record("torch_evil.pt", evil, "dangerous", "a PyTorch-layout archive whose data.pkl calls os.system",
           calls=[("REDUCE", "posix.system")], kind="zip")
    del sys.modules["torch"], sys.modules["torch._utils"]


def opcodes():
    import pickletools
    print(json.dumps([{"name": o.name, "code": ord(o.code), "arg": o.arg.name if o.arg else "none", "proto": o.proto}
                      for o in pickletools.opcodes]))


def oracle():
    import base64
    import resource

    # A LONG_BINPUT index of 2**32-1 makes the C unpickler grow its memo to match: cap the address space.
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    class CRecorder(pickle.Unpickler):
        def __init__(self, f):
            super().__init__(f)
            self.found = []

        def find_class(self, module, name):
            self.found.append([module, name])
            return type("stub", (Stub,), {})

        def persistent_load(self, pid):
            return Stub()

    results = []
    for case in json.load(sys.stdin)["cases"]:
        r = CRecorder(io.BytesIO(base64.b64decode(case)))
        out = {"ok": True, "found": r.found}
        try:
            r.load()
        except Exception as e:  # the stream is malformed, or a stub was used in a way pickle refuses
            out["ok"] = False
            out["error"] = f"{type(e).__name__}: {e}"[:200]
        # Names a JSON round trip cannot carry (lone surrogates) are reported as such.
        out["odd"] = any(not all(0 <= ord(c) < 0xD800 or 0xE000 <= ord(c) for c in m + n) for m, n in r.found)
        results.append(out)
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    if sys.argv[1:] == ["--opcodes"]:
        opcodes()
    elif sys.argv[1:] == ["--oracle"]:
        oracle()
    else:
        main()
