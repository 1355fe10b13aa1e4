#!/usr/bin/python3
"""The peer for docs/benchmarks.md: PyTorch (Debian's python3-torch) timing the same work as
jgrad's JMH benchmarks, on the same machine, so the two can be compared in one table.

    /usr/bin/python3 scripts/bench_torch_peer.py

Prints microseconds per call (median of repeats), float32, PyTorch's default thread count.
"""

import statistics
import time

import torch


def per_call_us(fn, number, repeats=7):
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number * 1e6)
    return statistics.median(times)


def main():
    torch.manual_seed(1)
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
    n = 1 << 20
    a = torch.rand(n) * 6 - 3
    b = torch.rand(n) * 1.5 + 0.5
    rows = [
        ("add 1M", lambda: a + b),
        ("mul 1M", lambda: a * b),
        ("exp 1M", lambda: torch.exp(a)),
        ("tanh 1M", lambda: torch.tanh(a)),
        ("sigmoid 1M", lambda: torch.sigmoid(a)),
    ]
    m = torch.rand(1024, 1024) * 2 - 1
    flat = m.reshape(-1)
    rows += [
        ("sum 1M", lambda: flat.sum()),
        ("sum axis 0 of 1024x1024", lambda: m.sum(0)),
        ("sum axis 1 of 1024x1024", lambda: m.sum(1)),
    ]
    for name, fn in rows:
        print(f"{name:28s} {per_call_us(fn, 50):10.1f} us")

    # Per-op overhead on tiny tensors: a chain of 16 adds, with and without autograd recording.
    for size in (1, 4):
        x = torch.rand(size) * 0.2 + 0.9
        y = torch.rand(size) * 0.2 + 0.9

        def chain(x=x, y=y):
            z = x
            for _ in range(16):
                z = z + y
            return z

        xg = x.clone().requires_grad_(True)

        def chain_grad(xg=xg, y=y):
            z = xg
            for _ in range(16):
                z = z + y
            return z

        with torch.no_grad():
            plain = per_call_us(chain, 20000) / 16
        print(f"add, {size} element(s), no grad   {plain * 1000:8.0f} ns/op")
        print(f"add, {size} element(s), recorded  {per_call_us(chain_grad, 20000) / 16 * 1000:8.0f} ns/op")

    # The micrograd-size MLP step of MlpStepBench: 2-4-1, tanh, sigmoid, BCE, SGD.
    g = torch.Generator().manual_seed(1)
    X = torch.tensor([[0., 0], [0, 1], [1, 0], [1, 1]])
    Y = torch.tensor([[0.], [1], [1], [0]])
    w1 = torch.randn(2, 4, generator=g).requires_grad_(True)
    b1 = torch.zeros(4).requires_grad_(True)
    w2 = torch.randn(4, 1, generator=g).requires_grad_(True)
    b2 = torch.zeros(1).requires_grad_(True)
    params = [w1, b1, w2, b2]

    def step():
        p = torch.sigmoid(torch.tanh(X @ w1 + b1) @ w2 + b2)
        loss = (-(Y * p.log() + (1 - Y) * (1 - p).log())).mean()
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for t, gr in zip(params, grads):
                t -= 0.1 * gr
        return loss

    print(f"{'MLP 2-4-1 train step':28s} {per_call_us(step, 2000):10.1f} us")


if __name__ == "__main__":
    main()
