#!/usr/bin/env bash
# jgrad against NumPy/OpenBLAS and PyTorch at their best, in one run, interleaved: the speed claims
# of docs/benchmarks.md and the README come from this script (issue 21).
#
# GEMM (float32, GFLOP/s): for each round and thread count N, one short process per configuration,
# in an order that rotates from round to round so that no side always runs first:
#   jgrad        jgrad.bench.GemmTimer with -Djgrad.kernels.threads=N
#   numpy        NumPy's matmul on the system OpenBLAS at its own CPU detection
#   numpy-skx    the same with OPENBLAS_CORETYPE=SkylakeX (OpenBLAS's AVX-512 kernels forced)
#   torch        torch.matmul, torch.set_num_threads(N), OpenBLAS at its own detection, malloc tunables
#   torch-skx    the same with OPENBLAS_CORETYPE=SkylakeX
# Every peer runs with OPENBLAS_NUM_THREADS=N and OMP_NUM_THREADS=N (torch.set_num_threads does not
# bound OpenBLAS), with OPENBLAS_L2_SIZE and (for the detection runs) OPENBLAS_CORETYPE unset for
# its command alone, and reports the OpenBLAS kernel it runs (openblas_get_corename of the library
# it loaded). PyTorch runs with GLIBC_TUNABLES=$TUNABLES: its CPU allocator does not cache, and
# without the tunables every fresh tensor page faults (its best configuration on this machine).
# Each process times products of every shape for at least SECONDS per shape, after as long a warm-up
# (jgrad's process also runs small products of each transpose case first, 0.3 s each, for its JIT).
#
# MLP (784-128-64-10, Adam, 60,000 synthetic samples, samples/s): jgrad's model.fit and tape loop
# (the mlp-benchmark sample, -Djgrad.kernels.threads=N, started with the launcher's java command after
# the build, so that no rebuild lands in a timed run) and PyTorch's loop
# (scripts/bench_mlp_torch.py --threads N, same environment as above), per batch size; also the
# time from process start to the end of the first epoch and the peak RSS.
#
# Printed: per configuration the median over rounds and the spread (lowest-highest round), the load
# average before every process, and the ratio of jgrad to the BEST peer configuration at the same
# thread count (the highest median among the peers).
#
#   scripts/bench_peers.sh                          # GEMM and MLP, 3 rounds, 1 and 2 threads
#   PARTS=gemm ROUNDS=1 scripts/bench_peers.sh      # a quick look at the GEMM part
#   PARTS=mlp BATCHES=64 EPOCHS=2 scripts/bench_peers.sh
#   SHAPES=1024x1024x1024,64x64x128:NT THREADS=2 scripts/bench_peers.sh
#   JGRAD_TARGET=target-mine scripts/bench_peers.sh # build into another folder
#   CLOCK=cpu THREADS=1 PARTS=gemm scripts/bench_peers.sh   # one thread timed in thread CPU time on both
#       sides: a fair A/B while other work shares the machine (never for the 2-thread figures)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export BENCH_ROOT="$ROOT"
export BENCH_PYTHON="${PYTHON:-/usr/bin/python3}"
export BENCH_TARGET="${JGRAD_TARGET:-target}"
export BENCH_TUNABLES="glibc.malloc.mmap_threshold=4294967295:glibc.malloc.trim_threshold=17179869184"
# Builds the bench module (GemmTimer) and, for the MLP part, the samples (mlp-benchmark) if stale.
# NO_BUILD=1 skips that (build first, then claim a quiet window: others' edits make the check rebuild).
if [[ -z "${NO_BUILD:-}" ]]; then
    "$ROOT/jgrad" bench -h >/dev/null
    [[ ",${PARTS:-gemm,mlp}," != *,mlp,* ]] || "$ROOT/jgrad" list >/dev/null
fi
export BENCH_JAVA="$("$ROOT/jgrad" java 2>/dev/null | head -n 1)/bin/java"

exec "$BENCH_PYTHON" - <<'PY'
import json
import os
import statistics
import subprocess
import sys
import textwrap
import time

ROOT = os.environ["BENCH_ROOT"]
PYTHON = os.environ["BENCH_PYTHON"]
TARGET = os.environ["BENCH_TARGET"]
JAVA = os.environ["BENCH_JAVA"]
TUNABLES = os.environ["BENCH_TUNABLES"]
PARTS = os.environ.get("PARTS", "gemm,mlp").split(",")
ROUNDS = int(os.environ.get("ROUNDS", "3"))
THREADS = [int(t) for t in os.environ.get("THREADS", "1 2").split()]
SECONDS = float(os.environ.get("SECONDS", "0.4"))
SHAPES = os.environ.get("SHAPES", "1024x1024x1024,256x256x256,64x784x128,784x64x128:TN,64x128x64,64x64x128:NT,"
                        "64x64x10,64x10x64:NT").split(",")
BATCHES = os.environ.get("BATCHES", "64 256").split()
EPOCHS = os.environ.get("EPOCHS", "2")
MLP_SAMPLES = os.environ.get("SAMPLES", "60000")
GEMM_CONFIGS = os.environ.get("GEMM_CONFIGS", "jgrad,numpy,numpy-skx,torch,torch-skx").split(",")
CLOCK = os.environ.get("CLOCK", "wall")
if CLOCK not in ("wall", "cpu") or CLOCK == "cpu" and (THREADS != [1] or "mlp" in PARTS):
    sys.exit("bench_peers: CLOCK=cpu (thread CPU time, for a shared machine) needs THREADS=1 PARTS=gemm")
MLP_CONFIGS = os.environ.get("MLP_CONFIGS", "jgrad-fit,jgrad-tape,torch,torch-skx").split(",")

# Runs inside each peer process: argv = lib, threads, seconds, shapes... Prints one JSON object.
PEER = textwrap.dedent("""
    import ctypes, json, os, sys, time
    lib, threads, seconds, shapes = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4:]
    # CLOCK=cpu: this thread's CPU time (one thread only: OpenBLAS then computes in the calling thread).
    clock = time.thread_time if os.environ.get("CLOCK") == "cpu" else time.perf_counter
    if lib == "numpy":
        import numpy as np
        rng = np.random.default_rng(1)
        make = lambda r, c: rng.standard_normal((r, c)).astype(np.float32)
        transpose = lambda x: x.T
        mm = np.matmul
        info = {"numpy": np.__version__}
    else:
        import torch
        torch.set_num_threads(threads)
        gen = torch.Generator().manual_seed(1)
        make = lambda r, c: torch.randn(r, c, generator=gen, dtype=torch.float32)
        transpose = lambda x: x.t()
        mm = torch.matmul
        info = {"torch": torch.__version__, "threads": torch.get_num_threads()}
    # The OpenBLAS this process loaded, and the kernel set it chose (its own detection or OPENBLAS_CORETYPE).
    for line in open("/proc/self/maps"):
        path = line.split()[-1]
        if "openblas" in path and ".so" in path:
            f = ctypes.CDLL(path).openblas_get_corename
            f.restype = ctypes.c_char_p
            info["openblas"] = f().decode()
            info["openblas_lib"] = path
            break
    out = {"info": info, "seconds": {}}
    for shape in shapes:
        dims, _, flags = shape.partition(":")
        m, k, n = (int(v) for v in dims.split("x"))
        flags = flags or "NN"
        a = transpose(make(k, m)) if flags[0] == "T" else make(m, k)
        b = transpose(make(n, k)) if flags[1] == "T" else make(k, n)
        start = time.perf_counter()
        warm = 0
        while warm < 3 or time.perf_counter() - start < seconds:
            mm(a, b)
            warm += 1
        times = []
        start = time.perf_counter()
        while time.perf_counter() - start < seconds or len(times) < 5:
            t0 = clock()
            mm(a, b)
            times.append(clock() - t0)
        out["seconds"][shape] = times
    print(json.dumps(out))
""")


def load():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def peer_env(threads, skx, tunables):
    env = dict(os.environ)
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "GLIBC_TUNABLES", "JAVA_TOOL_OPTIONS"):
        env.pop(name, None)
    env["OPENBLAS_NUM_THREADS"] = str(threads)
    env["OMP_NUM_THREADS"] = str(threads)
    if skx:
        env["OPENBLAS_CORETYPE"] = "SkylakeX"
    if tunables:
        env["GLIBC_TUNABLES"] = TUNABLES
    return env


def run(cmd, env):
    """Runs cmd, returns (stdout, load before, launch time); fails loudly with the tail of its output."""
    before = load()
    launched = time.time()
    p = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=ROOT)
    if p.returncode != 0:
        sys.exit(f"bench_peers: failed ({p.returncode}): {' '.join(cmd)}\n{(p.stdout + p.stderr)[-3000:]}")
    return p.stdout, before, launched


# The launcher's options (./jgrad's JAVA_OPTS), and a module's class path as the launcher builds it.
JAVA_OPTS = ["--add-modules", "jdk.incubator.vector", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"]


def classpath(module):
    with open(os.path.join(ROOT, module, TARGET, "jgrad-runtime.classpath")) as f:
        return os.path.join(ROOT, module, TARGET, "classes") + ":" + f.read().strip()


def gemm_process(config, threads):
    if config == "jgrad":
        env = peer_env(threads, False, False)
        cmd = [JAVA, *JAVA_OPTS, f"-Djgrad.kernels.threads={threads}", f"-Djgrad.timer.clock={CLOCK}", "-cp",
               classpath("bench"), "jgrad.bench.GemmTimer", str(SECONDS), *SHAPES]
    else:
        lib = config.split("-")[0]
        env = peer_env(threads, config.endswith("-skx"), lib == "torch")
        cmd = [PYTHON, "-c", PEER, lib, str(threads), str(SECONDS), *SHAPES]
    out, before, _ = run(cmd, env)
    line = [l for l in out.splitlines() if l.startswith("{")][-1]
    return json.loads(line), before


def gflops(shape, seconds):
    m, k, n = (int(v) for v in shape.split(":")[0].split("x"))
    return 2 * m * k * n / seconds / 1e9


def summary(values):
    return statistics.median(values), min(values), max(values)


def fmt(values, digits=0):
    med, lo, hi = summary(values)
    return f"{med:.{digits}f} [{lo:.{digits}f}-{hi:.{digits}f}]"


def rotated(items, r):
    r %= len(items)
    return items[r:] + items[:r]


def gemm():
    print(f"== GEMM float32, GFLOP/s ({CLOCK} clock): median over {ROUNDS} rounds [lowest-highest round]; each round's figure is the"
          f" median of that process's products (>= {SECONDS} s per shape after {SECONDS} s of warm-up)")
    results = {}  # (config, threads) -> shape -> [gflops per round]
    loads = []
    cores = {}
    for r in range(ROUNDS):
        for t in THREADS:
            for config in rotated(GEMM_CONFIGS, r):
                data, before = gemm_process(config, t)
                loads.append(before)
                if "openblas" in data["info"]:
                    cores[config] = data["info"]["openblas"]
                per = results.setdefault((config, t), {})
                for shape, times in data["seconds"].items():
                    per.setdefault(shape, []).append(gflops(shape, statistics.median(times)))
            print(f"  round {r + 1}, {t} thread(s) done, load {load():.2f}", flush=True)
    print("OpenBLAS kernel per peer configuration: "
          + ", ".join(f"{c}={k}" for c, k in cores.items()))
    print(f"load average before each process: {fmt(loads, 2)}")
    peers = [c for c in GEMM_CONFIGS if c != "jgrad"]
    for t in THREADS:
        print(f"\n-- {t} thread(s)")
        print(f"{'shape':<18}" + "".join(f"{c:>20}" for c in GEMM_CONFIGS) + f"{'best peer':>12}{'jgrad/best':>11}")
        for shape in SHAPES:
            row = f"{shape:<18}"
            for c in GEMM_CONFIGS:
                row += f"{fmt(results[(c, t)][shape]):>20}"
            if "jgrad" in GEMM_CONFIGS and peers:
                best = max(peers, key=lambda c: statistics.median(results[(c, t)][shape]))
                ratio = statistics.median(results[("jgrad", t)][shape]) / statistics.median(
                    results[(best, t)][shape])
                row += f"{best:>12}{ratio:>10.2f}x"
            print(row)
    if "jgrad" in GEMM_CONFIGS and len(THREADS) > 1:
        t1, t2 = THREADS[0], THREADS[-1]
        print(f"\njgrad {t2} threads / {t1} thread (medians): " + ", ".join(
            f"{s} {statistics.median(results[('jgrad', t2)][s]) / statistics.median(results[('jgrad', t1)][s]):.2f}x"
            for s in SHAPES))


def field(line, name):
    for part in line.split():
        if part.startswith(name + "="):
            return part[len(name) + 1:]
    return None


def mlp_process(config, threads, batch):
    common = ["--batch", batch, "--epochs", EPOCHS, "--samples", MLP_SAMPLES, "--warmup", "1"]
    if config.startswith("jgrad"):
        env = peer_env(threads, False, False)
        # The launcher's java command, without its staleness check: a rebuild must not land in a timed run.
        cmd = [JAVA, *JAVA_OPTS, f"-Djgrad.kernels.threads={threads}", "-cp", classpath("samples"),
               "jgrad.samples.Samples", "run", "mlp-benchmark", "--mode", config.split("-")[1], *common]
        prefix = "jgrad "
    else:
        env = peer_env(threads, config.endswith("-skx"), True)
        cmd = [PYTHON, os.path.join(ROOT, "scripts", "bench_mlp_torch.py"), "--threads", str(threads), *common]
        prefix = "torch "
    out, before, launched = run(cmd, env)
    line = [l for l in out.splitlines() if l.startswith(prefix)][-1]
    first = float(field(line, "first_epoch_end_unix")) - launched
    return {"samples_per_s": float(field(line, "samples_per_s")), "first_epoch_s": first,
            "rss_mb": float(field(line, "peak_rss_mb")), "openblas": field(line, "openblas")}, before


def mlp():
    print(f"\n== MLP 784-128-64-10 training (Adam), samples/s of the median timed epoch ({EPOCHS} after 1 warm-up,"
          f" {MLP_SAMPLES} samples): median over {ROUNDS} rounds [lowest-highest]; 'to 1st epoch' is the wall time"
          f" from launching the process to the end of its first epoch (JVM start, data, compilation included)")
    results = {}
    loads = []
    cores = {}
    for r in range(ROUNDS):
        for t in THREADS:
            for b in BATCHES:
                for config in rotated(MLP_CONFIGS, r):
                    data, before = mlp_process(config, t, b)
                    loads.append(before)
                    print(f"  {config}, {t} thread(s), batch {b}: {data['samples_per_s']:.0f} samples/s, first epoch"
                          f" ends {data['first_epoch_s']:.1f} s after launch, peak RSS {data['rss_mb']:.0f} MB"
                          f" (load before {before:.2f})", flush=True)
                    if data["openblas"]:
                        cores[config] = data["openblas"]
                    results.setdefault((config, t, b), []).append(data)
            print(f"  round {r + 1}, {t} thread(s) done, load {load():.2f}", flush=True)
    print("OpenBLAS kernel per peer configuration: " + ", ".join(f"{c}={k}" for c, k in cores.items()))
    print(f"load average before each process: {fmt(loads, 2)}")
    peers = [c for c in MLP_CONFIGS if not c.startswith("jgrad")]
    print(f"\n{'batch':>5} {'thr':>3} {'run':<11}{'samples/s':>22}{'to 1st epoch s':>20}{'peak RSS MB':>18}"
          f"{'/ best peer':>12}")
    for b in BATCHES:
        for t in THREADS:
            best = max(peers, key=lambda c: statistics.median(d["samples_per_s"] for d in results[(c, t, b)])) \
                if peers else None
            best_sps = statistics.median(d["samples_per_s"] for d in results[(best, t, b)]) if best else None
            for c in MLP_CONFIGS:
                ds = results[(c, t, b)]
                sps = [d["samples_per_s"] for d in ds]
                ratio = f"{statistics.median(sps) / best_sps:.2f}x" if best and c.startswith("jgrad") else \
                    ("(best)" if c == best else "")
                print(f"{b:>5} {t:>3} {c:<11}{fmt(sps):>22}{fmt([d['first_epoch_s'] for d in ds], 1):>20}"
                      f"{fmt([d['rss_mb'] for d in ds]):>18}{ratio:>12}")
    if len(THREADS) > 1:
        t1, t2 = THREADS[0], THREADS[-1]
        for c in MLP_CONFIGS:
            print(f"{c} {t2} threads / {t1} thread: " + ", ".join(
                f"batch {b} {statistics.median(d['samples_per_s'] for d in results[(c, t2, b)]) / statistics.median(d['samples_per_s'] for d in results[(c, t1, b)]):.2f}x"
                for b in BATCHES))


def main():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    java = subprocess.run([JAVA, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    print(f"machine: {os.cpu_count()} cores, {cpu}; {java}; load {open('/proc/loadavg').read().split()[:3]}")
    print(f"commit: {subprocess.run(['git', '-C', ROOT, 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()}")
    start = time.time()
    if "gemm" in PARTS:
        gemm()
    if "mlp" in PARTS:
        mlp()
    print(f"\nload average at the end: {open('/proc/loadavg').read().split()[:3]}; {time.time() - start:.0f} s")


main()
PY
