#!/usr/bin/env bash
# Convolutional autoencoder training throughput, jgrad against PyTorch on this machine at equal
# thread counts: the "Convolutional autoencoder (issue 12)" section of docs/benchmarks.md. For each
# round and thread count: jgrad (`./jgrad run ae-benchmark`, model.fit, -Djgrad.kernels.threads=N),
# the PyTorch peer (scripts/bench_ae_torch.py, torch.set_num_threads(N), OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE unset) and the peer with glibc's malloc tunables, one after the other, so that
# all three see the same machine. The model is the Conv2DTranspose autoencoder of ae-conv and
# ae-denoising (28,353 parameters), Adam 1e-3, binary cross-entropy, batch 128, trained to
# reproduce the shipped MNIST images (10,000); each run times whole epochs after a warm-up one and
# reports the median epoch. The table shows the median over rounds, the spread (lowest and highest
# round) and the ratio of samples/s, jgrad over PyTorch.
#
#   scripts/bench_ae.sh                          # 3 rounds, 1 and 2 threads, 2 timed epochs each
#   ROUNDS=1 THREADS=1 SAMPLES=2560 scripts/bench_ae.sh   # a quick look
#   JGRAD_TARGET=target-mine scripts/bench_ae.sh # build into another folder
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-/usr/bin/python3}"
ROUNDS="${ROUNDS:-3}"
THREADS="${THREADS:-1 2}"
SAMPLES="${SAMPLES:-10000}"
EPOCHS="${EPOCHS:-2}"
WARMUP="${WARMUP:-1}"
TUNABLES="glibc.malloc.mmap_threshold=4294967295:glibc.malloc.trim_threshold=17179869184"

"$ROOT/jgrad" list >/dev/null
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

result() { # result PREFIX COMMAND...: the command's result line, or its output and a failure
    local out
    out="$("${@:2}" 2>&1)" || true
    grep "^$1 " <<<"$out" || { echo "bench_ae: no result from: ${*:2}" >&2; tail -n 20 <<<"$out" >&2; exit 1; }
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "jgrad: $("$("$ROOT/jgrad" java 2>/dev/null | head -n 1)/bin/java" -version 2>&1 | head -n 1); PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)')"
for r in $(seq 1 "$ROUNDS"); do
    for t in $THREADS; do
        echo "round $r, $t thread(s) ..." >&2
        JAVA_TOOL_OPTIONS="-Djgrad.kernels.threads=$t" result jgrad "$ROOT/jgrad" run ae-benchmark \
            --samples "$SAMPLES" --epochs "$EPOCHS" --warmup "$WARMUP" >>"$LOG"
        result torch env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PYTHON" "$ROOT/scripts/bench_ae_torch.py" \
            --threads "$t" --samples "$SAMPLES" --epochs "$EPOCHS" --warmup "$WARMUP" >>"$LOG"
        result torch_glibc env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE GLIBC_TUNABLES="$TUNABLES" "$PYTHON" \
            "$ROOT/scripts/bench_ae_torch.py" --threads "$t" --samples "$SAMPLES" --epochs "$EPOCHS" \
            --warmup "$WARMUP" --label torch_glibc >>"$LOG"
        echo "  load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    done
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$LOG"

"$PYTHON" - "$LOG" "$ROUNDS" <<'PY'
import collections, re, statistics, sys
sps = collections.defaultdict(list)
rss = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = dict(re.findall(r"(\w+)=(\S+)", line))
    key = (line.split()[0], int(f["threads"]))
    sps[key].append(float(f["samples_per_s"]))
    rss[key].append(float(f["peak_rss_mb"]))
print(f"\nconv autoencoder training (28,353 params, batch 128), samples/s: median over {sys.argv[2]} rounds "
      "[lowest-highest round]; ratio = jgrad over PyTorch")
head = f"{'thr':>4}  {'jgrad':>20}  {'PyTorch':>20}  {'PyTorch+tunables':>20}{'ratio':>8}{'ratio tun.':>11}"
print(head)
print("-" * len(head))
def cell(v):
    return f"{statistics.median(v):.0f} [{min(v):.0f}-{max(v):.0f}]" if v else "-"
for t in sorted({t for (_, t) in sps}):
    j, p, g = sps[("jgrad", t)], sps[("torch", t)], sps[("torch_glibc", t)]
    ratio = lambda peer: f"{statistics.median(j) / statistics.median(peer):.2f}x" if j and peer else "-"
    print(f"{t:>4}  {cell(j):>20}  {cell(p):>20}  {cell(g):>20}{ratio(p):>8}{ratio(g):>11}")
print("\npeak RSS (MB, largest over rounds): " + "; ".join(
    f"{who} {t} thr {max(rss[(who, t)]):.0f}" for (who, t) in sorted(rss)))
PY
