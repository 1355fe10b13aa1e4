#!/usr/bin/env bash
# LSTM and GRU forward + backward (input 28, hidden 128, 28 steps, batch 64, float32), jgrad
# against PyTorch's nn.LSTM / nn.GRU on this machine at equal thread counts: the recurrent section of
# docs/benchmarks.md (issue 10). For each round, thread count and kind, one after the other so that
# all three see the same machine: jgrad (./jgrad run rnn-benchmark, JAVA_TOOL_OPTIONS=
# -Djgrad.kernels.threads=N; it warms up until its calls stop getting faster), the PyTorch peer
# (scripts/bench_rnn_torch.py, torch.set_num_threads(N), OMP/OPENBLAS threads N, OPENBLAS_CORETYPE
# and OPENBLAS_L2_SIZE unset) and the same peer with glibc's malloc told to keep its memory
# (GLIBC_TUNABLES). Each run reports its median call; the table shows the median over rounds, the
# spread (lowest and highest round), the ratio of samples per second (jgrad over PyTorch) and the
# bytes each keeps for the backward pass per time step.
#
#   scripts/bench_rnn.sh                       # 3 rounds, 1 and 2 threads, LSTM and GRU: about 8 minutes
#   ROUNDS=1 THREADS=1 KINDS=lstm SECONDS_PER_RUN=3 scripts/bench_rnn.sh
#   JGRAD_TARGET=target-mine scripts/bench_rnn.sh   # build into another folder
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-/usr/bin/python3}"
ROUNDS="${ROUNDS:-3}"
THREADS="${THREADS:-1 2}"
KINDS="${KINDS:-lstm gru}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-4}"
WARMUP="${WARMUP:-3}"
TUNABLES="glibc.malloc.mmap_threshold=4294967295:glibc.malloc.trim_threshold=17179869184"
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

"$ROOT/jgrad" list >/dev/null # builds the samples once, before any timing
echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "jgrad: $("$("$ROOT/jgrad" java 2>/dev/null | head -n 1)/bin/java" -version 2>&1 | head -n 1); PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)')"
for r in $(seq 1 "$ROUNDS"); do
    for t in $THREADS; do
        for k in $KINDS; do
            echo "round $r, $t thread(s), $k ... (load $(cut -d' ' -f1 /proc/loadavg))" >&2
            JAVA_TOOL_OPTIONS="-Djgrad.kernels.threads=$t" "$ROOT/jgrad" run rnn-benchmark --kind "$k" \
                --warmup "$WARMUP" --seconds "$SECONDS_PER_RUN" 2>/dev/null | grep '^jgrad kind=' >>"$LOG"
            env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" "$PYTHON" \
                "$ROOT/scripts/bench_rnn_torch.py" --kind "$k" --threads "$t" --warmup "$WARMUP" \
                --seconds "$SECONDS_PER_RUN" >>"$LOG"
            env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" \
                GLIBC_TUNABLES="$TUNABLES" "$PYTHON" "$ROOT/scripts/bench_rnn_torch.py" --kind "$k" --threads "$t" \
                --warmup "$WARMUP" --seconds "$SECONDS_PER_RUN" | sed 's/^torch /torch_glibc /' >>"$LOG"
        done
    done
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

"$PYTHON" - "$LOG" "$ROUNDS" <<'PY'
import collections, re, statistics, sys
runs = collections.defaultdict(list)  # (who, kind, threads) -> [median_ms per round]
kept = {}
for line in open(sys.argv[1]):
    f = dict(re.findall(r"(\w+)=(\S+)", line))
    who = line.split()[0]
    key = (who, f["kind"], int(f["threads"]))
    runs[key].append(float(f["median_step_ms"]))
    kept[key] = float(f["kept_bytes_per_step"])
print(f"\nforward + backward, batch 64, ms per call: median over {sys.argv[2]} rounds [lowest-highest round];"
      " ratio = jgrad samples/s over PyTorch's")
head = (f"{'kind':<6}{'thr':>4}  {'jgrad ms':>22}  {'PyTorch ms':>22}  {'PyTorch+tunables ms':>22}"
        f"{'ratio':>8}{'ratio tun.':>11}")
print(head)
print("-" * len(head))
def cell(v):
    return f"{statistics.median(v):.1f} [{min(v):.1f}-{max(v):.1f}]" if v else "-"
for kind in ("lstm", "gru"):
    for t in sorted({k[2] for k in runs if k[1] == kind}):
        j, p, g = runs[("jgrad", kind, t)], runs[("torch", kind, t)], runs[("torch_glibc", kind, t)]
        ratio = lambda peer: f"{statistics.median(peer) / statistics.median(j):.2f}x" if j and peer else "-"
        print(f"{kind:<6}{t:>4}  {cell(j):>22}  {cell(p):>22}  {cell(g):>22}{ratio(p):>8}{ratio(g):>11}")
print("\nbytes kept for backward per time step (whole batch; jgrad: arrays held by the tape's recorded ops,"
      " PyTorch: storages saved by autograd; both without the weights and the input):")
for kind in ("lstm", "gru"):
    j = [v for k, v in kept.items() if k[0] == "jgrad" and k[1] == kind]
    p = [v for k, v in kept.items() if k[0] == "torch" and k[1] == kind]
    if j and p:
        print(f"  {kind}: jgrad {j[0] / 1024:.0f} KiB, PyTorch {p[0] / 1024:.0f} KiB")
PY
