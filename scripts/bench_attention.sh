#!/usr/bin/env bash
# Attention beside PyTorch at equal thread counts: the attention section of docs/benchmarks.md.
# For each round and thread count, one jgrad JVM (the attention-benchmark sample,
# JAVA_TOOL_OPTIONS=-Djgrad.kernels.threads=N), the PyTorch peer (scripts/bench_attention_torch.py,
# torch.set_num_threads(N), OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset) and the same peer with
# glibc's malloc told to keep its memory (GLIBC_TUNABLES=...), one after the other, so all three see
# the same machine. Cases: mha (MultiHeadAttention forward + backward, batch 32, length 128, d 128,
# 4 heads) and encoder (2-layer Transformer encoder training step, feed-forward 512, Adam); jgrad
# also reports the fused attention's allocated bytes at T = 4,096, d = 64 (memory).
#
#   scripts/bench_attention.sh                           # 2 rounds, 1 and 2 threads, 8 s warm-up
#   ROUNDS=3 THREADS="1 2" SECONDS_PER_CASE=5 WARMUP=5 scripts/bench_attention.sh
#   JGRAD_TARGET=target-mine scripts/bench_attention.sh  # build into another folder
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-/usr/bin/python3}"
ROUNDS="${ROUNDS:-2}"
THREADS="${THREADS:-1 2}"
SECONDS_PER_CASE="${SECONDS_PER_CASE:-4}"
# jgrad's warm-up must cover C2's compiling of the Vector API kernels: on a loaded machine that
# took 7 s (docs/benchmarks.md, attention), and until then tier-3 code runs the API's Java fallback.
WARMUP="${WARMUP:-8}"
TUNABLES="glibc.malloc.mmap_threshold=4294967295:glibc.malloc.trim_threshold=17179869184"
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

"$ROOT/jgrad" build >/dev/null
echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)')"
for r in $(seq 1 "$ROUNDS"); do
    for t in $THREADS; do
        echo "round $r, $t thread(s) ..." >&2
        cases="mha,encoder"
        [[ "$r" == 1 ]] && cases="mha,encoder,memory"
        JAVA_TOOL_OPTIONS="-Djgrad.kernels.threads=$t" "$ROOT/jgrad" run attention-benchmark --cases "$cases" \
            --seconds "$SECONDS_PER_CASE" --warmup "$WARMUP" 2>/dev/null | grep '^jgrad case=' | tee -a "$LOG" >&2
        env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" "$PYTHON" \
            "$ROOT/scripts/bench_attention_torch.py" --threads "$t" --seconds "$SECONDS_PER_CASE" --warmup "$WARMUP" \
            | tee -a "$LOG" >&2
        env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" \
            GLIBC_TUNABLES="$TUNABLES" "$PYTHON" "$ROOT/scripts/bench_attention_torch.py" --threads "$t" \
            --seconds "$SECONDS_PER_CASE" --warmup "$WARMUP" --label torch_glibc | tee -a "$LOG" >&2
    done
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

"$PYTHON" - "$LOG" "$ROUNDS" <<'PY'
import collections, re, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = dict(re.findall(r"(\w+)=(\S+)", line))
    who = line.split()[0]
    if f.get("case") == "memory":
        print(f"memory: one head, T = {f['T']}, d = {f['d']}, causal, forward + backward: {int(f['allocated_bytes']):,} bytes"
              f" allocated on all threads ({float(f['ratio_to_txt']):.3f} of the T x T float32 matrix,"
              f" {int(f['txt_matrix_bytes']):,} bytes; inputs {int(f['inputs_bytes']):,} bytes), {f['ms']} ms")
        continue
    runs[(who, f["case"], int(f["threads"]))].append(float(f["median_ms"]))
what = {"mha": "MultiHeadAttention fwd+bwd", "encoder": "2-layer encoder train step"}
print(f"\nms per call: median over {sys.argv[2]} rounds [lowest-highest round]; ratio = PyTorch time / jgrad time")
head = f"{'case':<30}{'thr':>4}  {'jgrad ms':>24}  {'PyTorch ms':>24}  {'PyTorch+tunables ms':>24}{'ratio':>8}{'ratio tun.':>11}"
print(head)
print("-" * len(head))
def cell(v):
    return f"{statistics.median(v):.1f} [{min(v):.1f}-{max(v):.1f}]" if v else "-"
for case in ("mha", "encoder"):
    for t in sorted({k[2] for k in runs if k[1] == case}):
        j, p, g = runs[("jgrad", case, t)], runs[("torch", case, t)], runs[("torch_glibc", case, t)]
        ratio = lambda peer: f"{statistics.median(peer) / statistics.median(j):.2f}x" if j and peer else "-"
        print(f"{what[case]:<30}{t:>4}  {cell(j):>24}  {cell(p):>24}  {cell(g):>24}{ratio(p):>8}{ratio(g):>11}")
PY
