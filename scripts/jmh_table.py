#!/usr/bin/python3
"""Prints a JMH JSON result file (./jgrad bench ... -rf json -rff FILE) as a Markdown table.

One row per benchmark and parameter set: the score with JMH's 99.9% error, the median of the raw
measurement iterations, and the bytes allocated per operation when the run used `-prof gc`
(gc.alloc.rate.norm). GEMM rows also get GFLOP/s from their MxKxN shape parameter.

    ./jgrad bench 'GemmBench.OneThread' -prof gc -rf json -rff /tmp/gemm.json
    python3 scripts/jmh_table.py /tmp/gemm.json
"""

import json
import statistics
import sys


def gflops(params, seconds):
    shape = params.get("shape")
    if not shape:
        return None
    try:
        m, k, n = (int(v) for v in shape.split(":")[0].split("x"))
    except ValueError:
        return None
    return 2.0 * m * k * n / seconds / 1e9


def main(path):
    with open(path) as f:
        results = json.load(f)
    print("| benchmark | params | score | median | GFLOP/s | bytes/op |")
    print("|-----------|--------|------:|-------:|--------:|---------:|")
    for r in results:
        name = r["benchmark"].replace("jgrad.bench.", "")
        params = r.get("params", {})
        pm = r["primaryMetric"]
        unit = pm["scoreUnit"]
        raw = [v for fork in pm["rawData"] for v in fork]
        median = statistics.median(raw) if raw else float("nan")
        err = pm.get("scoreError")
        # JMH writes "NaN" (a string) when there are too few iterations for an interval.
        err_text = f" ± {err:.3g}" if isinstance(err, (int, float)) and err == err else ""
        flops = ""
        if unit == "us/op":
            g = gflops(params, median * 1e-6)
            flops = f"{g:.1f}" if g else ""
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        alloc_text = f"{alloc['score']:,.0f}" if alloc else ""
        ptext = ", ".join(f"{k}={v}" for k, v in params.items())
        print(f"| `{name}` | {ptext} | {pm['score']:.4g}{err_text} {unit} | {median:.4g} | {flops} | {alloc_text} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: jmh_table.py RESULTS.json")
    main(sys.argv[1])
