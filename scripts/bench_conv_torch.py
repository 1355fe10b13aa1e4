#!/usr/bin/python3
"""The PyTorch peer of jgrad's conv2d benchmark (scripts/bench_conv.sh, jgrad.bench.ConvPeerBench).

    /usr/bin/python3 scripts/bench_conv_torch.py --threads 1

The same cases as the jgrad side: act(conv2d(x, k, b)) with the gradients of x, k and b (of the
output's sum), at LeNet's two layers (64 x 28x28x1 -> 6 filters 5x5 same, sigmoid; 64 x 14x14x6
-> 16 filters 5x5 valid, sigmoid) and a VGG layer (32 x 32x32x64 -> 64 filters 3x3 same, relu).
PyTorch is channels-first (NCHW), its idiomatic layout; jgrad channels-last. Each case is timed
call by call after a warm-up; one result line per case: median and quartiles in milliseconds.
"""

import argparse
import statistics
import time

import torch
import torch.nn.functional as F

CASES = {
    "lenet1": ((64, 1, 28, 28), (6, 1, 5, 5), 2, torch.sigmoid),
    "lenet2": ((64, 6, 14, 14), (16, 6, 5, 5), 0, torch.sigmoid),
    "vgg": ((32, 64, 32, 32), (64, 64, 3, 3), 1, torch.relu),
}


def quantile(sorted_values, q):
    pos = q * (len(sorted_values) - 1)
    lo = int(pos)
    hi = min(len(sorted_values) - 1, lo + 1)
    return sorted_values[lo] + (pos - lo) * (sorted_values[hi] - sorted_values[lo])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seconds", type=float, default=2.0)
    p.add_argument("--warmup", type=float, default=1.0)
    p.add_argument("--cases", default=",".join(CASES))
    p.add_argument("--forward", action="store_true", help="forward only, autograd off")
    p.add_argument("--label", default="torch")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    g = torch.Generator().manual_seed(1)
    for name in a.cases.split(","):
        xs, ks, pad, act = CASES[name]
        x = torch.randn(*xs, generator=g).requires_grad_(True)
        k = (torch.randn(*ks, generator=g) * 0.1).requires_grad_(True)
        b = (torch.randn(ks[0], generator=g) * 0.1).requires_grad_(True)

        def step():
            if a.forward:
                with torch.no_grad():
                    return act(F.conv2d(x, k, b, padding=pad))
            return torch.autograd.grad(act(F.conv2d(x, k, b, padding=pad)).sum(), [x, k, b])

        end = time.perf_counter() + a.warmup
        while time.perf_counter() < end:
            step()
        times = []
        cpu = []
        start = time.perf_counter()
        while time.perf_counter() - start < a.seconds or len(times) < 5:
            c0 = time.thread_time()
            t0 = time.perf_counter()
            step()
            times.append((time.perf_counter() - t0) * 1e3)
            cpu.append((time.thread_time() - c0) * 1e3)
        s = sorted(times)
        median = statistics.median(s)
        print(f"{a.label} case={name} threads={torch.get_num_threads()} median_ms={median:.3f} "
              f"q1_ms={quantile(s, 0.25):.3f} q3_ms={quantile(s, 0.75):.3f} reps={len(s)} "
              f"samples_per_s={xs[0] / (median / 1e3):.0f} cpu_ms={statistics.median(cpu):.3f} "
              f"version={torch.__version__}")


if __name__ == "__main__":
    main()
