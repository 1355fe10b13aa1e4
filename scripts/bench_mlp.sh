#!/usr/bin/env bash
# The MLP training benchmark of docs/benchmarks.md: jgrad and PyTorch back to back on this machine.
# For each batch size, one jgrad run with model.fit, one with a GradientTape loop, and the PyTorch
# peer (scripts/bench_mlp_torch.py, Debian's python3-torch at its default thread count); each
# times whole epochs of 60,000 synthetic samples after a warm-up epoch and reports the median.
#
#   scripts/bench_mlp.sh                 # batch sizes 64 128 256, 3 timed epochs each
#   scripts/bench_mlp.sh 64              # one batch size
#   EPOCHS=5 scripts/bench_mlp.sh 64 256
#   JAVA_TOOL_OPTIONS=-Xmx512m scripts/bench_mlp.sh 64   # jgrad in a smaller heap
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-/usr/bin/python3}"
EPOCHS="${EPOCHS:-3}"
BATCHES=("$@")
[[ ${#BATCHES[@]} -gt 0 ]] || BATCHES=(64 128 256)

field() { # field NAME LINE: the value of NAME=... in a result line
    sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"
}

"$ROOT/jgrad" build >/dev/null
echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1); load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-28s %12s %10s %10s %10s\n' batch run samples/s epoch_s heap_MB rss_MB
result() { # result PREFIX COMMAND...: the command's result line, or its output and a failure
    local out
    out="$("${@:2}" 2>&1)" || true
    grep "^$1 " <<<"$out" || { echo "bench_mlp: no result from: ${*:2}" >&2; tail -n 20 <<<"$out" >&2; exit 1; }
}

for b in "${BATCHES[@]}"; do
    fit="$(result jgrad "$ROOT/jgrad" run mlp-benchmark --mode fit --batch "$b" --epochs "$EPOCHS")"
    tape="$(result jgrad "$ROOT/jgrad" run mlp-benchmark --mode tape --batch "$b" --epochs "$EPOCHS")"
    torch="$(result torch "$PYTHON" "$ROOT/scripts/bench_mlp_torch.py" --batch "$b" --epochs "$EPOCHS")"
    for run in fit tape torch; do
        line="${!run}"
        case $run in
            fit) name="jgrad model.fit" ;;
            tape) name="jgrad GradientTape loop" ;;
            torch) name="PyTorch $(field version "$line") ($(field threads "$line") thr)" ;;
        esac
        heap="$(field peak_heap_mb "$line")"
        printf '%-6s %-28s %12s %10s %10s %10s\n' "$b" "$name" "$(field samples_per_s "$line")" \
            "$(field median_epoch_s "$line")" "${heap:--}" "$(field peak_rss_mb "$line")"
    done
    t="$(field samples_per_s "$torch")"
    printf '%-6s ratio jgrad/PyTorch: model.fit %.2fx, tape loop %.2fx\n' "$b" \
        "$(echo "$(field samples_per_s "$fit") / $t" | bc -l)" "$(echo "$(field samples_per_s "$tape") / $t" | bc -l)"
done
