#!/usr/bin/python3
"""The PyTorch peer of jgrad's attention-benchmark sample (scripts/bench_attention.sh), float32:

- mha: nn.MultiheadAttention(128, 4, batch_first=True) self-attention on [32, 128, 128], forward plus
  backward (gradients of the input and every weight; loss = sum of the output);
- encoder: a training step of nn.TransformerEncoder(nn.TransformerEncoderLayer(128, 4,
  dim_feedforward=512, dropout=0.0, batch_first=True), 2) (post-LN, relu): forward, MSE against a
  fixed target, backward, Adam step.

Median call time after a warm-up. Threads: --threads N (torch.set_num_threads).

    /usr/bin/python3 scripts/bench_attention_torch.py --cases mha,encoder --threads 1
"""
import argparse
import time

import torch
import torch.nn as nn


def timed(name, step, a, label):
    end = time.perf_counter() + a.warmup
    while time.perf_counter() < end:
        step()
    times = []
    stop = time.perf_counter() + a.seconds
    while len(times) < 5 or time.perf_counter() < stop:
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    times.sort()
    med = times[len(times) // 2]
    print(f"{label} case={name} threads={torch.get_num_threads()} median_ms={med * 1e3:.2f} "
          f"q1_ms={times[len(times) // 4] * 1e3:.2f} q3_ms={times[3 * len(times) // 4] * 1e3:.2f} reps={len(times)} "
          f"samples_per_s={32 / med:.0f} version={torch.__version__}", flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cases", default="mha,encoder")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--warmup", type=float, default=5)
    p.add_argument("--seconds", type=float, default=5)
    p.add_argument("--label", default="torch")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    for case in a.cases.split(","):
        if case == "mha":
            mha = nn.MultiheadAttention(128, 4, batch_first=True)
            x = torch.randn(32, 128, 128, requires_grad=True)

            def step():
                mha.zero_grad(set_to_none=True)
                x.grad = None
                out, _ = mha(x, x, x, need_weights=False)
                out.sum().backward()
            timed("mha", step, a, a.label)
        elif case == "encoder":
            layer = nn.TransformerEncoderLayer(128, 4, dim_feedforward=512, dropout=0.0, batch_first=True)
            enc = nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)
            enc.train()
            x = torch.randn(32, 128, 128)
            target = torch.randn(32, 128, 128)
            opt = torch.optim.Adam(enc.parameters(), lr=1e-4)

            def step():
                opt.zero_grad(set_to_none=True)
                loss = ((enc(x) - target) ** 2).mean()
                loss.backward()
                opt.step()
            timed("encoder", step, a, a.label)
        else:
            raise SystemExit("unknown case " + case)


if __name__ == "__main__":
    main()
