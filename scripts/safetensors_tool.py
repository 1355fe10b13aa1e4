#!/usr/bin/python3
"""A tiny pure-Python safetensors reader and writer, to check jgrad's files against the format.

The format: 8-byte little-endian header length N, N bytes of JSON
{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}},
then the raw little-endian data. This reader parses it with struct and json and builds tensors
with torch.frombuffer, as safetensors.torch.load_file does (the safetensors package itself is not
installed on this machine), validating offsets and sizes on the way.

    /usr/bin/python3 scripts/safetensors_tool.py read FILE
        prints every tensor (name, dtype, shape, values) and the metadata
    /usr/bin/python3 scripts/safetensors_tool.py compare FILE EXPECTED.json
        checks FILE's tensors against {"name": {"shape": [...], "values": [...]}, ...}
    /usr/bin/python3 scripts/safetensors_tool.py write-fixture
        writes nn/src/test/resources/jgrad/nn/io/python_written.safetensors, which
        SafeTensorsTest reads (deterministic: re-running gives an identical file)
"""

import json
import os
import struct
import sys

import torch

DTYPES = {"F32": (torch.float32, 4), "F64": (torch.float64, 8), "I64": (torch.int64, 8), "BOOL": (torch.bool, 1),
          "F16": (torch.float16, 2), "I32": (torch.int32, 4), "U8": (torch.uint8, 1)}
FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nn", "src", "test", "resources", "jgrad",
                       "nn", "io", "python_written.safetensors")


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"{path}: shorter than 8 bytes")
    (n,) = struct.unpack("<Q", data[:8])
    if n > len(data) - 8:
        raise ValueError(f"{path}: header length {n} exceeds the file")
    header = json.loads(data[8:8 + n].decode("utf-8"))
    buf = data[8 + n:]
    metadata = header.pop("__metadata__", {})
    tensors = {}
    end_max = 0
    for name, info in header.items():
        dtype, size = DTYPES[info["dtype"]]
        shape = info["shape"]
        begin, end = info["data_offsets"]
        count = 1
        for d in shape:
            count *= d
        if end - begin != count * size or end > len(buf):
            raise ValueError(f"{name}: bad offsets {begin}, {end} for {info['dtype']} {shape}")
        end_max = max(end_max, end)
        raw = bytearray(buf[begin:end])
        t = torch.frombuffer(raw, dtype=dtype) if count else torch.empty(0, dtype=dtype)
        tensors[name] = t.reshape(shape)
    if end_max != len(buf):
        raise ValueError(f"{path}: data section has {len(buf)} bytes, tensors cover {end_max}")
    return tensors, metadata


def save(path, tensors, metadata, order):
    header = {"__metadata__": metadata} if metadata else {}
    blobs = []
    offset = 0
    for name in order:
        t = tensors[name].contiguous()
        code = next(k for k, (dt, _) in DTYPES.items() if dt == t.dtype)
        raw = t.numpy().tobytes() if t.dtype != torch.bool else bytes(t.to(torch.uint8).tolist())
        header[name] = {"dtype": code, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "read":
        tensors, metadata = load(sys.argv[2])
        print("metadata", metadata)
        for name, t in tensors.items():
            print(name, t.dtype, list(t.shape), t.flatten().tolist()[:12])
    elif cmd == "compare":
        tensors, _ = load(sys.argv[2])
        with open(sys.argv[3]) as f:
            expected = json.load(f)
        if set(tensors) != set(expected):
            raise SystemExit(f"names differ: {sorted(tensors)} vs {sorted(expected)}")
        for name, e in expected.items():
            t = tensors[name]
            if list(t.shape) != e["shape"]:
                raise SystemExit(f"{name}: shape {list(t.shape)} vs {e['shape']}")
            want = torch.tensor(e["values"], dtype=torch.float64).reshape(e["shape"])
            if not torch.allclose(t.to(torch.float64), want, rtol=0, atol=1e-6):
                raise SystemExit(f"{name}: values differ")
        print(f"OK: {len(expected)} tensors match")
    elif cmd == "write-fixture":
        tensors = {
            "dense/kernel": (torch.arange(6, dtype=torch.float32) * 0.5 - 1).reshape(2, 3),
            "dense/bias": torch.tensor([1.5, -2.0, 3.25], dtype=torch.float64),
            "steps": torch.tensor([7, -9], dtype=torch.int64),
            "mask": torch.tensor([True, False, False, True]),
        }
        # Data in an order other than the (sorted) JSON keys, so a reader must follow the offsets.
        save(FIXTURE, tensors, {"format": "pt", "writer": "scripts/safetensors_tool.py"},
             ["steps", "dense/kernel", "mask", "dense/bias"])
        print("wrote", os.path.normpath(FIXTURE))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
