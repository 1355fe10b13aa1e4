#!/usr/bin/env bash
# conv2d forward + backward, jgrad against PyTorch on this machine, at equal thread counts: the
# conv section of docs/benchmarks.md. For each round and each thread count, one jgrad JVM
# (jgrad.bench.ConvPeerBench, -Djgrad.kernels.threads=N), the PyTorch peer
# (scripts/bench_conv_torch.py, torch.set_num_threads(N), OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
# unset) and the same peer with glibc's malloc told to keep its memory
# (GLIBC_TUNABLES=glibc.malloc.mmap_threshold=...:glibc.malloc.trim_threshold=...), run one after
# the other so that all three see the same machine. Each run times every case call by call after a
# warm-up and reports the median; the table shows the median over rounds, the spread (lowest and
# highest round) and the ratio of samples per second, jgrad over PyTorch.
#
#   scripts/bench_conv.sh                  # 3 rounds, 1 and 2 threads: about 4-5 minutes
#   ROUNDS=5 THREADS="1 2" SECONDS_PER_CASE=3 WARMUP=5 scripts/bench_conv.sh   # WARMUP: jgrad's JIT, per case
#   CASES=lenet2 scripts/bench_conv.sh     # one case (lenet1, lenet2, vgg)
#   JGRAD_TARGET=target-mine scripts/bench_conv.sh   # build into another folder
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-/usr/bin/python3}"
ROUNDS="${ROUNDS:-3}"
THREADS="${THREADS:-1 2}"
SECONDS_PER_CASE="${SECONDS_PER_CASE:-2}"
WARMUP="${WARMUP:-3}"
CASES="${CASES:-lenet1,lenet2,vgg}"
TARGET="${JGRAD_TARGET:-target}"
TUNABLES="glibc.malloc.mmap_threshold=4294967295:glibc.malloc.trim_threshold=17179869184"

"$ROOT/jgrad" bench -l >/dev/null
CP="$ROOT/bench/$TARGET/classes:$(cat "$ROOT/bench/$TARGET/jgrad-runtime.classpath")"
JAVA="$("$ROOT/jgrad" java 2>/dev/null | head -n 1)/bin/java"
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "jgrad: $("$JAVA" -version 2>&1 | head -n 1); PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)')"
for r in $(seq 1 "$ROUNDS"); do
    for t in $THREADS; do
        echo "round $r, $t thread(s) ..." >&2
        "$JAVA" --add-modules jdk.incubator.vector --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
            -Djgrad.kernels.threads="$t" -cp "$CP" jgrad.bench.ConvPeerBench --cases "$CASES" \
            --seconds "$SECONDS_PER_CASE" --warmup "$WARMUP" 2>/dev/null | grep '^jgrad case=' >>"$LOG"
        env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PYTHON" "$ROOT/scripts/bench_conv_torch.py" --threads "$t" \
            --cases "$CASES" --seconds "$SECONDS_PER_CASE" >>"$LOG"
        env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE GLIBC_TUNABLES="$TUNABLES" "$PYTHON" \
            "$ROOT/scripts/bench_conv_torch.py" --threads "$t" --cases "$CASES" --seconds "$SECONDS_PER_CASE" \
            --label torch_glibc >>"$LOG"
    done
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

"$PYTHON" - "$LOG" "$ROUNDS" <<'PY'
import collections, re, statistics, sys
runs = collections.defaultdict(list)  # (who, case, threads) -> [median_ms per round]
for line in open(sys.argv[1]):
    f = dict(re.findall(r"(\w+)=(\S+)", line))
    who = line.split()[0]
    runs[(who, f["case"], int(f["threads"]))].append(float(f["median_ms"]))
batch = {"lenet1": 64, "lenet2": 64, "vgg": 32}
what = {"lenet1": "64 x 28x28x1 -> 6, 5x5 same", "lenet2": "64 x 14x14x6 -> 16, 5x5 valid",
        "vgg": "32 x 32x32x64 -> 64, 3x3 same"}
print(f"\nconv2d forward + gradients of x, kernel and bias; ms per call: median over {sys.argv[2]} rounds "
      "[lowest-highest round]; ratio = jgrad samples/s over PyTorch's")
head = f"{'case':<40}{'thr':>4}  {'jgrad ms':>24}  {'PyTorch ms':>24}  {'PyTorch+tunables ms':>24}{'ratio':>8}{'ratio tun.':>11}"
print(head)
print("-" * len(head))
def cell(v):
    return f"{statistics.median(v):.2f} [{min(v):.2f}-{max(v):.2f}]" if v else "-"
keys = sorted({(c, t) for (_, c, t) in runs}, key=lambda k: (list(batch).index(k[0]) if k[0] in batch else 9, k[1]))
for case, t in keys:
    j, p, g = runs[("jgrad", case, t)], runs[("torch", case, t)], runs[("torch_glibc", case, t)]
    ratio = lambda peer: f"{statistics.median(peer) / statistics.median(j):.2f}x" if j and peer else "-"
    print(f"{case + ' (' + what.get(case, '') + ')':<40}{t:>4}  {cell(j):>24}  {cell(p):>24}  {cell(g):>24}{ratio(p):>8}{ratio(g):>11}")
print("\nsamples/s = batch / median time; a ratio above 1 means jgrad is faster.")
PY
