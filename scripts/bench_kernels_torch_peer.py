#!/usr/bin/python3
"""The PyTorch peer of jgrad's FusionBench and ConvBench: the same work, timed the same way.

  dense          relu(x @ w + b), x 64x784, w 784x128 (F.linear + relu), forward; and forward plus
                 the gradients of w and b
  cross-entropy  softmax cross-entropy from logits with probability labels, mean over the batch,
                 64x10 and 256x1000, forward; and forward plus the logits' gradient
  conv           LeNet's convolutions on 64 MNIST images (28x28x1 -> 6 filters 5x5 same, sigmoid;
                 14x14x6 -> 16 filters 5x5 valid, sigmoid) and a VGG-like layer (16 x 32x32x32 ->
                 64 filters 3x3 same, relu), forward; and forward plus the gradients of the input,
                 kernel and bias; PyTorch is channels-first (NCHW), jgrad channels-last
  pooling        2x2 max and average pooling of 64 x 28x28x6

Each figure is the median of timed repetitions after warm-up, in microseconds, for
torch.set_num_threads(1) and (2), with autograd off for the forward-only rows.

    /usr/bin/python3 scripts/bench_kernels_torch_peer.py
"""

import statistics
import time

import torch
import torch.nn.functional as F


def timed(fn, seconds=1.0):
    for _ in range(5):
        fn()
    times = []
    start = time.perf_counter()
    while time.perf_counter() - start < seconds or len(times) < 10:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e6


def main():
    g = torch.Generator().manual_seed(1)

    def randn(*shape, scale=1.0, grad=False):
        return (torch.randn(*shape, generator=g) * scale).requires_grad_(grad)

    x = randn(64, 784)
    w = randn(784, 128, scale=0.05, grad=True)
    b = randn(128, scale=0.1, grad=True)

    def dense():
        with torch.no_grad():
            return F.relu(F.linear(x, w.t(), b))

    def dense_grad():
        return torch.autograd.grad(F.relu(F.linear(x, w.t(), b)).sum(), [w, b])

    cases = [("dense 64x784x128 relu, forward", dense), ("dense 64x784x128 relu, forward+gradient", dense_grad)]

    for rows, classes in ((64, 10), (256, 1000)):
        z = randn(rows, classes, scale=2.0, grad=True)
        y = torch.rand(rows, classes, generator=g)
        y = y / y.sum(1, keepdim=True)

        def xent(z=z, y=y):
            with torch.no_grad():
                return F.cross_entropy(z, y)

        def xent_grad(z=z, y=y):
            return torch.autograd.grad(F.cross_entropy(z, y), [z])

        cases.append((f"softmax cross-entropy {rows}x{classes}, forward", xent))
        cases.append((f"softmax cross-entropy {rows}x{classes}, forward+gradient", xent_grad))

    layers = {
        "lenet1": ((64, 1, 28, 28), (6, 1, 5, 5), 2, torch.sigmoid),
        "lenet2": ((64, 6, 14, 14), (16, 6, 5, 5), 0, torch.sigmoid),
        "vgg": ((16, 32, 32, 32), (64, 32, 3, 3), 1, torch.relu),
    }
    for name, (xs, ks, pad, act) in layers.items():
        xi = randn(*xs, grad=True)
        k = randn(*ks, scale=0.1, grad=True)
        kb = randn(ks[0], scale=0.1, grad=True)

        def conv(xi=xi, k=k, kb=kb, pad=pad, act=act):
            with torch.no_grad():
                return act(F.conv2d(xi, k, kb, padding=pad))

        def conv_grad(xi=xi, k=k, kb=kb, pad=pad, act=act):
            return torch.autograd.grad(act(F.conv2d(xi, k, kb, padding=pad)).sum(), [xi, k, kb])

        cases.append((f"conv {name}, forward", conv))
        cases.append((f"conv {name}, forward+gradient", conv_grad))

    pooled = randn(64, 6, 28, 28)

    def maxpool():
        with torch.no_grad():
            return F.max_pool2d(pooled, 2, 2)

    def avgpool():
        with torch.no_grad():
            return F.avg_pool2d(pooled, 2, 2)

    cases.append(("max pool 2x2 of 64x28x28x6", maxpool))
    cases.append(("avg pool 2x2 of 64x28x28x6", avgpool))

    print(f"PyTorch {torch.__version__}, median microseconds")
    print(f"{'case':<52}{'1 thread':>12}{'2 threads':>12}")
    results = {}
    for threads in (1, 2):
        torch.set_num_threads(threads)
        for name, fn in cases:
            results[(name, threads)] = timed(fn)
    for name, _ in cases:
        print(f"{name:<52}{results[(name, 1)]:>12.1f}{results[(name, 2)]:>12.1f}")


if __name__ == "__main__":
    main()
