#!/usr/bin/env bash
# GAN training steps, jgrad against PyTorch on this machine at equal thread counts (docs/benchmarks.md,
# issue 13): "dcgan" is one DCGAN step at batch 64 with the TensorFlow tutorial's models (a D step
# and a G step, Adam 1e-4), "wgangp" one WGAN-GP critic step at batch 64 (the same discriminator
# as critic, the gradient penalty's double backward, Adam(1e-4, 0, 0.9)). For each round and thread
# count: one jgrad JVM (the dcgan-mnist sample's --bench mode, -Djgrad.kernels.threads=N), the
# PyTorch peer (scripts/bench_gan_torch.py, torch.set_num_threads(N), OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE unset) and the same peer with glibc's malloc tunables, one after the other.
# jgrad prints the mean of STEPS back-to-back steps after 3 warm-up steps, PyTorch the median of
# STEPS timed steps after WARMUP. jgrad first runs each case JGRAD_WARM times untimed in the same JVM
# (default 1: its kernels are compiled by the JIT during the first steps, which on a loaded machine
# takes longer than 3 steps; 0 gives the fresh-JVM number).
#
#   scripts/bench_gan.sh                          # 1 round, 1 and 2 threads
#   ROUNDS=2 STEPS=5 THREADS="1 2" CASES=dcgan,wgangp scripts/bench_gan.sh
#   JGRAD_TARGET=target-mine scripts/bench_gan.sh
#   JGRAD_WARM=0 scripts/bench_gan.sh             # jgrad timed in a fresh JVM after 3 warm-up steps
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-/usr/bin/python3}"
ROUNDS="${ROUNDS:-1}"
THREADS="${THREADS:-1 2}"
STEPS="${STEPS:-5}"
WARMUP="${WARMUP:-2}"
CASES="${CASES:-dcgan,wgangp}"
JGRAD_WARM="${JGRAD_WARM:-1}"
# Each case JGRAD_WARM + 1 times in a row; only the last line of each case is kept.
JCASES="$(echo "$CASES" | tr ',' '\n' | awk -v n="$JGRAD_WARM" '{for (i = 0; i <= n; i++) print}' | paste -sd, -)"
TARGET="${JGRAD_TARGET:-target}"
TUNABLES="glibc.malloc.mmap_threshold=4294967295:glibc.malloc.trim_threshold=17179869184"

"$ROOT/jgrad" list >/dev/null   # builds the samples if a source changed
CP="$ROOT/samples/$TARGET/classes:$(cat "$ROOT/samples/$TARGET/jgrad-runtime.classpath")"
JAVA="$("$ROOT/jgrad" java 2>/dev/null | head -n 1)/bin/java"
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "jgrad: $("$JAVA" -version 2>&1 | head -n 1), $JGRAD_WARM untimed pass(es) per case first; PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)')"
for r in $(seq 1 "$ROUNDS"); do
    for t in $THREADS; do
        echo "round $r, $t thread(s) ..." >&2
        "$JAVA" --add-modules jdk.incubator.vector --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
            -Djgrad.kernels.threads="$t" -cp "$CP" jgrad.samples.Samples run dcgan-mnist --bench "$STEPS" --cases "$JCASES" \
            2>/dev/null | grep '^jgrad case=' \
            | awk -v n="$JGRAD_WARM" '{c = $2; k[c]++; if (k[c] == n + 1) print}' | tee -a "$LOG" >&2
        env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" "$PYTHON" \
            "$ROOT/scripts/bench_gan_torch.py" --threads "$t" --cases "$CASES" --steps "$STEPS" --warmup "$WARMUP" \
            | tee -a "$LOG" >&2
        env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" \
            GLIBC_TUNABLES="$TUNABLES" "$PYTHON" "$ROOT/scripts/bench_gan_torch.py" --threads "$t" --cases "$CASES" \
            --steps "$STEPS" --warmup "$WARMUP" --label torch_glibc | tee -a "$LOG" >&2
    done
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

"$PYTHON" - "$LOG" "$ROUNDS" <<'PY'
import collections, re, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = dict(re.findall(r"(\w+)=(\S+)", line))
    ms = float(f.get("median_ms", f.get("mean_ms")))
    runs[(line.split()[0], f["case"], f["threads"])].append(ms)
what = {"dcgan": "DCGAN step, batch 64 (D + G)", "wgangp": "WGAN-GP critic step, batch 64"}
print(f"\nms per training step, median over {sys.argv[2]} round(s); ratio = PyTorch time / jgrad time")
head = f"{'case':<34}{'thr':>4}{'jgrad':>11}{'PyTorch':>11}{'PyT+tun.':>11}{'ratio':>8}{'ratio tun.':>11}"
print(head)
print("-" * len(head))
for case, t in sorted({(c, t) for (_, c, t) in runs}):
    j, p, g = (runs[(w, case, t)] for w in ("jgrad", "torch", "torch_glibc"))
    med = lambda v: statistics.median(v) if v else float("nan")
    print(f"{what.get(case, case):<34}{t:>4}{med(j):>11.1f}{med(p):>11.1f}{med(g):>11.1f}"
          f"{med(p) / med(j):>7.2f}x{med(g) / med(j):>10.2f}x")
PY
