#!/usr/bin/env python3
"""Predicts SparkTrainer's exact-mode step time on N workers from numbers measured on one machine.

Per step (one Spark job), with P weights, global batch B and link bandwidth bw (bytes/s):

  T(N) = t_job + (B / N) * t_row + T_bcast(N) + T_agg(N)

  t_job      fixed cost of a job measured with local[2] (scheduling, task launch, encoding the
             weights, the driver's optimizer step): the sample's "ms/job scheduling, broadcast,
             treeAggregate and the driver's step" figure, where moving bytes costs ~nothing.
  t_row      forward + backward time per row on one core: the sample's slowest-task compute time
             per job divided by the rows one task gets (B / 2 on local[2]).
  T_bcast    the float32 weights (4P bytes) reach every executor through Spark's torrent
             broadcast; modelled as a binary-tree spread: 4P / bw * ceil(log2(N + 1)).
  T_agg      treeAggregate (depth 2) sends one float64 vector (8P bytes) per task: about sqrt(N)
             of them land on each of sqrt(N) reducers, then sqrt(N) on the driver, each level
             limited by one receiver's link: 2 * sqrt(N) * 8P / bw, plus one more stage's fixed
             cost (t_job) once Spark adds the intermediate level (N > scale + ceil(N / scale),
             scale = max(ceil(sqrt(N)), 2), as in RDD.treeAggregate).

Usage: cost_model.py NAME PARAMS ROW_MS JOB_MS [--batch B] [--gbit G] [--workers 1,2,8,32,128]
"""
import argparse
import math


def step_ms(n, params, row_ms, job_ms, batch, bw):
    compute = batch / n * row_ms
    bcast = 4 * params / bw * math.ceil(math.log2(n + 1)) * 1e3
    agg = 2 * math.sqrt(n) * 8 * params / bw * 1e3 if n > 1 else 8 * params / bw * 1e3
    scale = max(math.ceil(math.sqrt(n)), 2)
    extra = job_ms if n > scale + math.ceil(n / scale) else 0.0
    return job_ms + compute + bcast + agg + extra, compute, bcast + agg + extra


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("name")
    ap.add_argument("params", type=int)
    ap.add_argument("row_ms", type=float)
    ap.add_argument("job_ms", type=float)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--gbit", type=float, default=10.0)
    ap.add_argument("--workers", default="1,2,8,32,128")
    a = ap.parse_args()
    bw = a.gbit * 1e9 / 8
    base, _, _ = step_ms(1, a.params, a.row_ms, a.job_ms, a.batch, bw)
    print(f"{a.name}: {a.params:,} weights, {a.row_ms:.3f} ms/row, {a.job_ms:.1f} ms/job, global batch {a.batch},"
          f" {a.gbit:g} Gbit/s")
    print("| workers | step ms | compute ms | network ms | rows/s | speed-up vs 1 |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in [int(w) for w in a.workers.split(",")]:
        t, c, net = step_ms(n, a.params, a.row_ms, a.job_ms, a.batch, bw)
        print(f"| {n} | {t:.1f} | {c:.1f} | {net:.2f} | {a.batch / t * 1e3:,.0f} | {base / t:.2f}x |")


if __name__ == "__main__":
    main()
