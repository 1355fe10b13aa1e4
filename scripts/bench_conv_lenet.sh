#!/usr/bin/env bash
# LeNet training throughput, jgrad against PyTorch on this machine at equal thread counts, and peak
# memory at batch 512: the LeNet rows of docs/benchmarks.md. For each round, batch size and thread
# count: jgrad (jgrad.bench.ConvLeNetTraining, -Djgrad.kernels.threads=N), the PyTorch peer
# (scripts/bench_conv_lenet_torch.py, torch.set_num_threads(N), OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE unset) and the peer with glibc's malloc tunables, one after the other. Each run
# trains on synthetic MNIST-shaped data, times whole epochs after a warm-up one and reports the
# median epoch; the table shows the median over rounds, the spread and the ratio of samples/s.
#
#   scripts/bench_conv_lenet.sh                     # batches 64 and 512, 1 and 2 threads, 1 round: ~3 minutes
#   ROUNDS=3 BATCHES="64" THREADS="1" scripts/bench_conv_lenet.sh
#   SAMPLES=25600 EPOCHS=3 scripts/bench_conv_lenet.sh   # longer epochs
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-/usr/bin/python3}"
ROUNDS="${ROUNDS:-1}"
THREADS="${THREADS:-1 2}"
BATCHES="${BATCHES:-64 512}"
SAMPLES="${SAMPLES:-6400}"
EPOCHS="${EPOCHS:-3}"
TARGET="${JGRAD_TARGET:-target}"
TUNABLES="glibc.malloc.mmap_threshold=4294967295:glibc.malloc.trim_threshold=17179869184"

"$ROOT/jgrad" bench -l >/dev/null
CP="$ROOT/bench/$TARGET/classes:$(cat "$ROOT/bench/$TARGET/jgrad-runtime.classpath")"
JAVA="$("$ROOT/jgrad" java 2>/dev/null | head -n 1)/bin/java"
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1); load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
    for b in $BATCHES; do
        for t in $THREADS; do
            echo "round $r, batch $b, $t thread(s) ..." >&2
            "$JAVA" --add-modules jdk.incubator.vector --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
                -Djgrad.kernels.threads="$t" -cp "$CP" jgrad.bench.ConvLeNetTraining --batch "$b" \
                --samples "$SAMPLES" --epochs "$EPOCHS" 2>/dev/null | grep '^jgrad ' | sed "s/^jgrad /jgrad thr=$t /" >>"$LOG"
            env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PYTHON" "$ROOT/scripts/bench_conv_lenet_torch.py" \
                --batch "$b" --samples "$SAMPLES" --epochs "$EPOCHS" --threads "$t" | sed "s/^torch /torch thr=$t /" >>"$LOG"
            env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE GLIBC_TUNABLES="$TUNABLES" "$PYTHON" \
                "$ROOT/scripts/bench_conv_lenet_torch.py" --batch "$b" --samples "$SAMPLES" --epochs "$EPOCHS" \
                --threads "$t" --label torch_glibc | sed "s/^torch_glibc /torch_glibc thr=$t /" >>"$LOG"
        done
    done
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

"$PYTHON" - "$LOG" "$ROUNDS" <<'PY'
import collections, re, statistics, sys
sps = collections.defaultdict(list)
mem = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = dict(re.findall(r"(\w+)=(\S+)", line))
    who = line.split()[0]
    key = (who, int(f["batch"]), int(f["thr"]))
    sps[key].append(float(f["samples_per_s"]))
    mem[key].append((float(f.get("peak_heap_mb", "nan")), float(f["peak_rss_mb"])))
print(f"\nLeNet (4.3.4) training, samples/s: median over {sys.argv[2]} rounds [lowest-highest]; ratio = jgrad over PyTorch")
head = f"{'batch':>6}{'thr':>4}  {'jgrad':>22}  {'PyTorch':>22}  {'PyTorch+tunables':>22}{'ratio':>8}{'ratio tun.':>11}"
print(head)
print("-" * len(head))
def cell(v):
    return f"{statistics.median(v):.0f} [{min(v):.0f}-{max(v):.0f}]" if v else "-"
for b, t in sorted({(b, t) for (_, b, t) in sps}):
    j, p, g = sps[("jgrad", b, t)], sps[("torch", b, t)], sps[("torch_glibc", b, t)]
    ratio = lambda peer: f"{statistics.median(j) / statistics.median(peer):.2f}x" if j and peer else "-"
    print(f"{b:>6}{t:>4}  {cell(j):>22}  {cell(p):>22}  {cell(g):>22}{ratio(p):>8}{ratio(g):>11}")
print("\nmemory (MB, largest over rounds): jgrad peak heap used / peak RSS, PyTorch peak RSS")
for b, t in sorted({(b, t) for (_, b, t) in mem}):
    j = mem[("jgrad", b, t)]
    p = mem[("torch", b, t)]
    g = mem[("torch_glibc", b, t)]
    print(f"  batch {b}, {t} thread(s): jgrad heap {max(h for h, _ in j):.0f} / RSS {max(r for _, r in j):.0f}; "
          f"PyTorch RSS {max(r for _, r in p):.0f}; with tunables {max(r for _, r in g):.0f}")
PY
