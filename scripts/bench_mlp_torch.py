#!/usr/bin/python3
"""The PyTorch peer of jgrad's MLP training benchmark (docs/benchmarks.md, scripts/bench_mlp.sh).

    /usr/bin/python3 scripts/bench_mlp_torch.py --batch 64

Trains the same 784-128-64-10 MLP (ReLU, softmax cross-entropy on the logits, Adam 1e-3) on
60,000 synthetic MNIST-shaped samples with PyTorch's default thread count, in the idiomatic
loop (zero_grad, forward, loss, backward, step) over in-order batches of the given size; times
whole epochs after warm-up ones and prints one line in the format MlpBenchmark prints, with the
wall-clock time at the end of the first epoch and the OpenBLAS kernel set it runs.
--threads N sets torch.set_num_threads(N) (scripts/bench_peers.sh also sets OPENBLAS_NUM_THREADS).
"""

import argparse
import ctypes
import resource
import statistics
import time

import torch


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1e3
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def openblas_core():
    """The kernel set of the OpenBLAS this process loaded (its CPU detection or OPENBLAS_CORETYPE), or none."""
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1]
            if "openblas" in path and ".so" in path:
                get = ctypes.CDLL(path).openblas_get_corename
                get.restype = ctypes.c_char_p
                return get().decode()
    return "none"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--samples", type=int, default=60000)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=0,
                   help="torch.set_num_threads (default: PyTorch's own); set OPENBLAS_NUM_THREADS to match")
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)

    torch.manual_seed(a.seed)
    x = torch.rand(a.samples, 784)
    y = torch.randint(0, 10, (a.samples,))
    model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 64),
                                torch.nn.ReLU(), torch.nn.Linear(64, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()

    seconds = []
    loss = None
    first_epoch_end = float("nan")
    steps = a.samples // a.batch
    for e in range(-a.warmup, a.epochs):
        t0 = time.perf_counter()
        for s in range(steps):
            xb = x[s * a.batch:(s + 1) * a.batch]
            yb = y[s * a.batch:(s + 1) * a.batch]
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
        if e == -a.warmup:
            first_epoch_end = time.time()
        if e >= 0:
            seconds.append(time.perf_counter() - t0)
    median = statistics.median(seconds)
    n = steps * a.batch
    print(f"torch version={torch.__version__} batch={a.batch} samples={n} "
          f"epochs=[{','.join(f'{s:.3f}' for s in seconds)}] median_epoch_s={median:.3f} "
          f"samples_per_s={n / median:.0f} peak_rss_mb={peak_rss_mb():.0f} threads={torch.get_num_threads()} "
          f"final_loss={loss.item():.4f} first_epoch_end_unix={first_epoch_end:.3f} openblas={openblas_core()}")


if __name__ == "__main__":
    main()
