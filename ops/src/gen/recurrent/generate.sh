#!/usr/bin/env bash
# Writes the float64 recurrent kernels (LstmKernelDouble, GruKernelDouble) from their float32
# sources in ops/src/main/java/jgrad/ops/kernels: the same code with every float type, vector and
# species renamed to its double twin, and the few doc words that name the precision put back.
#
#   ops/src/gen/recurrent/generate.sh
set -euo pipefail
K="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../main/java/jgrad/ops/kernels" && pwd)"
for name in LstmKernel GruKernel; do
    sed 's/float/double/g; s/Float/Double/g; s/FLOAT/DOUBLE/g' "$K/${name}Float.java" \
        | sed 's/^ \* The double32 loops of/ * The float64 loops of/; s/The double64 twin/The float64 twin/; s/The double64$/The float64/;
               s/from the double32 file/from the float32 file/; s/edit the double32 one/edit the float32 one/' \
        >"$K/${name}Double.java"
done
