#!/usr/bin/python3
"""jgrad's GEMM beside NumPy/OpenBLAS and PyTorch on the same machine, in one run, in GFLOP/s.

Runs the JMH benchmark jgrad.bench.GemmBench (one thread and all threads) through ./jgrad bench,
then times the same products with each peer in a fresh Python process per configuration (so that
thread counts and OpenBLAS's core type are set before the library loads):

  numpy            NumPy's matmul on the system libblas.so.3 (OpenBLAS when libopenblas0 is
                   installed), default threads and OPENBLAS_NUM_THREADS=1 and 2
  numpy-skx        the same with OPENBLAS_CORETYPE=SkylakeX: OpenBLAS's AVX-512 kernels, which its
                   CPU detection does not pick on every AVX-512 machine; the strongest peer
  torch            torch.matmul, default threads and torch.set_num_threads(1) and (2)
  torch-refblas    torch.matmul on Debian's reference BLAS (LD_LIBRARY_PATH to /usr/lib/.../blas),
                   what python3-torch runs when no optimised BLAS is installed

Each peer figure is the median of timed repetitions (after warm-up) of at least --seconds per shape;
jgrad's is the median of its JMH measurement iterations. Prints one table per dtype and the ratios
the targets are stated in, with the load average before and after.

    /usr/bin/python3 scripts/bench_gemm_peers.py                      # everything (~15 minutes)
    /usr/bin/python3 scripts/bench_gemm_peers.py --shapes 1024x1024x1024,64x784x128 --dtypes float32
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SHAPES = ["64x64x64", "128x128x128", "256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048",
          "64x784x128", "64x128x10", "128x64x10:TN", "64x10x128:NT", "784x64x128:TN", "1024x1024x1024:TN",
          "1024x1024x1024:NT"]
REFERENCE_BLAS = "/usr/lib/x86_64-linux-gnu/blas"

# Runs inside each peer process: argv = lib, threads ("default" or n), dtype, seconds, shapes...
PEER = textwrap.dedent("""
    import json, statistics, sys, time
    lib, threads, dtype, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    shapes = sys.argv[5:]
    if lib == "numpy":
        import numpy as np
        dt = np.float32 if dtype == "float32" else np.float64
        rng = np.random.default_rng(1)
        def make(rows, cols):
            return rng.standard_normal((rows, cols)).astype(dt)
        def transpose(x):
            return x.T
        mm = np.matmul
        info = {"numpy": np.__version__}
    else:
        import torch
        if threads != "default":
            torch.set_num_threads(int(threads))
        dt = torch.float32 if dtype == "float32" else torch.float64
        gen = torch.Generator().manual_seed(1)
        def make(rows, cols):
            return torch.randn(rows, cols, generator=gen, dtype=dt)
        def transpose(x):
            return x.t()
        mm = torch.matmul
        info = {"torch": torch.__version__, "threads": torch.get_num_threads()}
    out = {"info": info, "seconds": {}}
    for shape in shapes:
        dims, _, flags = shape.partition(":")
        m, k, n = (int(v) for v in dims.split("x"))
        flags = flags or "NN"
        a = transpose(make(k, m)) if flags[0] == "T" else make(m, k)
        b = transpose(make(n, k)) if flags[1] == "T" else make(k, n)
        for _ in range(3):
            mm(a, b)
        times = []
        start = time.perf_counter()
        while time.perf_counter() - start < seconds or len(times) < 5:
            t0 = time.perf_counter()
            mm(a, b)
            times.append(time.perf_counter() - t0)
        out["seconds"][shape] = statistics.median(times)
    print(json.dumps(out))
""")


def loadavg():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def flops(shape):
    m, k, n = (int(v) for v in shape.split(":")[0].split("x"))
    return 2.0 * m * n * k


def run_jgrad(shapes, dtypes, iterations):
    """Median seconds per product from GemmBench, keyed (variant, dtype, shape)."""
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "gemm.json")
        cmd = [os.path.join(ROOT, "jgrad"), "bench", r"GemmBench\.(OneThread|AllThreads)",
               "-p", "shape=" + ",".join(shapes), "-p", "dtype=" + ",".join(dtypes),
               "-i", str(iterations), "-rf", "json", "-rff", out]
        print("running:", " ".join(cmd), flush=True)
        proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if proc.returncode != 0:
            sys.exit("jgrad bench failed:\n" + proc.stdout[-4000:])
        with open(out) as f:
            for r in json.load(f):
                variant = "jgrad-1t" if ".OneThread." in r["benchmark"] else "jgrad"
                raw = [v for fork in r["primaryMetric"]["rawData"] for v in fork]
                results[(variant, r["params"]["dtype"], r["params"]["shape"])] = statistics.median(raw) * 1e-6
    return results


def run_peer(label, lib, threads, dtype, shapes, seconds, env_extra):
    if "refblas" in label:
        # The reference BLAS runs at a few GFLOP/s: products beyond 1024^3 would take minutes.
        shapes = [s for s in shapes if flops(s) <= 2.2e9]
    env = dict(os.environ)
    env.update(env_extra)
    if threads != "default":
        env["OPENBLAS_NUM_THREADS"] = threads
        env["OMP_NUM_THREADS"] = threads
    cmd = ["/usr/bin/python3", "-c", PEER, lib, threads, dtype, str(seconds)] + shapes
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        print(f"  {label}: failed: {proc.stderr.strip()[-500:]}", flush=True)
        return None, {}
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return data["info"], data["seconds"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shapes", default=",".join(SHAPES), help="MxKxN[:TN|NT|TT], comma separated")
    ap.add_argument("--dtypes", default="float32,float64")
    ap.add_argument("--seconds", type=float, default=1.0, help="minimum timing per peer and shape")
    ap.add_argument("--iterations", type=int, default=5, help="JMH measurement iterations")
    ap.add_argument("--skip-jgrad", action="store_true", help="peers only")
    args = ap.parse_args()
    shapes = args.shapes.split(",")
    dtypes = args.dtypes.split(",")
    print(f"load average before: {loadavg()} (cores: {os.cpu_count()})", flush=True)

    times = {} if args.skip_jgrad else run_jgrad(shapes, dtypes, args.iterations)
    configs = []
    for threads in ("default", "1", "2"):
        configs.append((f"numpy[{threads}]", "numpy", threads, {}))
    for threads in ("default", "1", "2"):
        configs.append((f"numpy-skx[{threads}]", "numpy", threads, {"OPENBLAS_CORETYPE": "SkylakeX"}))
    for threads in ("default", "1", "2"):
        configs.append((f"torch[{threads}]", "torch", threads, {}))
    for threads in ("1", "2"):
        configs.append((f"torch-skx[{threads}]", "torch", threads, {"OPENBLAS_CORETYPE": "SkylakeX"}))
    if os.path.isdir(REFERENCE_BLAS):
        configs.append(("torch-refblas[1]", "torch", "1", {"LD_LIBRARY_PATH": REFERENCE_BLAS}))
    infos = {}
    for dtype in dtypes:
        for label, lib, threads, env in configs:
            print(f"  timing {label} {dtype} ...", flush=True)
            info, secs = run_peer(label, lib, threads, dtype, shapes, args.seconds, env)
            infos[label] = info
            for shape, s in secs.items():
                times[(label, dtype, shape)] = s
    print(f"load average after: {loadavg()}")
    print("peer versions:", json.dumps({k: v for k, v in infos.items() if v}, sort_keys=True))

    columns = ([] if args.skip_jgrad else ["jgrad-1t", "jgrad"]) + [c[0] for c in configs]
    for dtype in dtypes:
        print(f"\n{dtype}: GFLOP/s (higher is better)")
        header = f"{'shape':<20}" + "".join(f"{c:>17}" for c in columns)
        print(header)
        for shape in shapes:
            row = f"{shape:<20}"
            for c in columns:
                s = times.get((c, dtype, shape))
                row += f"{flops(shape) / s / 1e9:>17.1f}" if s else f"{'-':>17}"
            print(row)
        if args.skip_jgrad:
            continue
        print(f"\n{dtype}: ratios (jgrad / peer, same thread count)")
        pairs = [("jgrad-1t", "numpy-skx[1]"), ("jgrad", "numpy-skx[2]"), ("jgrad-1t", "numpy[1]"),
                 ("jgrad", "numpy[default]"), ("jgrad-1t", "torch[1]"), ("jgrad", "torch[default]"),
                 ("jgrad", "torch[2]"), ("jgrad-1t", "torch-refblas[1]")]
        print(f"{'shape':<20}" + "".join(f"{a + '/' + b:>30}" for a, b in pairs))
        for shape in shapes:
            row = f"{shape:<20}"
            for a, b in pairs:
                ta = times.get((a, dtype, shape))
                tb = times.get((b, dtype, shape))
                row += f"{tb / ta:>30.2f}" if ta and tb else f"{'-':>30}"
            print(row)


if __name__ == "__main__":
    main()
