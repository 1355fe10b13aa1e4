#!/usr/bin/env bash
# Issue 3's benchmark series in one run, on one machine: the FMA ceiling, GEMM against NumPy/OpenBLAS
# and PyTorch, the elementwise kernels against the memory-bandwidth floor, reductions, fused
# softmax-cross-entropy, dense and convolution kernels (with JMH's gc profiler for bytes/op), and the
# PyTorch peer of the last three. Results land in $OUT (default bench-results/kernels-DATE).
#
#   scripts/bench_kernels.sh            # about 25 minutes on 2 cores; run it on a quiet machine
#   QUICK=1 scripts/bench_kernels.sh    # fewer shapes and iterations (about 8 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${OUT:-bench-results/kernels-$(date +%Y%m%d-%H%M)}"
mkdir -p "$OUT"
exec > >(tee "$OUT/log.txt") 2>&1

echo "== machine"
lscpu | grep -E "Model name|^CPU\(s\)|Thread|L1d|L2|L3|Flags" | sed 's/Flags:.*avx512f.*/Flags: ... avx512f .../'
./jgrad java 2>&1 | head -3 || true
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ -n "${QUICK:-}" ]]; then
    SHAPES="64x64x64,256x256x256,1024x1024x1024,64x784x128,64x128x10,784x64x128:TN"
    ITER=3
else
    SHAPES="64x64x64,128x128x128,256x256x256,512x512x512,1024x1024x1024,2048x2048x2048,64x784x128,64x128x10,128x64x10:TN,64x10x128:NT,784x64x128:TN,1024x1024x1024:TN,1024x1024x1024:NT"
    ITER=5
fi

echo "== FMA ceiling"
./jgrad bench FmaPeakBench -rf json -rff "$OUT/fma.json" | grep -E "^FmaPeakBench|Benchmark  "
python3 - "$OUT/fma.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    ns = r["primaryMetric"]["score"]
    threads = r["threads"]
    print(f"{r['benchmark'].split('.')[-1]}: {32 / ns:.1f} GFLOP/s per thread (16 float lanes), {threads * 32 / ns:.1f} in all")
PY

echo "== GEMM: jgrad, NumPy/OpenBLAS, PyTorch (float32)"
/usr/bin/python3 scripts/bench_gemm_peers.py --shapes "$SHAPES" --dtypes float32 --iterations "$ITER" | tee "$OUT/gemm-float32.txt"
echo "== GEMM (float64)"
/usr/bin/python3 scripts/bench_gemm_peers.py --shapes 256x256x256,1024x1024x1024,64x784x128 --dtypes float64 \
    --iterations "$ITER" | tee "$OUT/gemm-float64.txt"

echo "== GEMM bytes allocated per product (gc profiler)"
./jgrad bench 'GemmBench.OneThread' -p dtype=float32 -p shape=64x784x128,1024x1024x1024,128x64x10:TN \
    -prof gc -rf json -rff "$OUT/gemm-gc.json" > "$OUT/gemm-gc.txt"
python3 scripts/jmh_table.py "$OUT/gemm-gc.json"

echo "== elementwise, bandwidth floor, reductions, softmax-xent, dense, conv (gc profiler)"
./jgrad bench 'ElementwiseBench|BandwidthBench|ReductionBench|FusionBench|ConvBench' -i "$ITER" -prof gc \
    -rf json -rff "$OUT/kernels.json" > "$OUT/kernels.txt"
python3 scripts/jmh_table.py "$OUT/kernels.json"

echo "== PyTorch peer of the kernels"
/usr/bin/python3 scripts/bench_torch_peer.py | tee "$OUT/torch-elementwise.txt"
/usr/bin/python3 scripts/bench_kernels_torch_peer.py | tee "$OUT/torch-kernels.txt"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "results in $OUT"
