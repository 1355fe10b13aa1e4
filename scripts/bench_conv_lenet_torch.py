#!/usr/bin/python3
"""The PyTorch peer of jgrad's LeNet training benchmark (scripts/bench_conv_lenet.sh,
jgrad.bench.ConvLeNetTraining).

    /usr/bin/python3 scripts/bench_conv_lenet_torch.py --batch 64 --threads 1

LeNet of SEEDS-4-8 4.3.4 as PyTorch writes it (Conv2d 1->6 5x5 padding 2, Sigmoid, AvgPool2d 2,
Conv2d 6->16 5x5, Sigmoid, AvgPool2d 2, Flatten, Linear 400-120-84-10 with Sigmoid between; 61,706
parameters) on synthetic MNIST-shaped images (pixels uniform in [0, 1), labels uniform in 0-9),
CrossEntropyLoss on the logits and Adam 1e-3, in the idiomatic loop (zero_grad, forward, loss,
backward, step) over in-order batches. Times whole epochs after warm-up ones and prints one line in
the format ConvLeNetTraining prints.
"""

import argparse
import statistics
import time

import torch


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1e3
    return float("nan")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--samples", type=int, default=12800)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--label", default="torch")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x = torch.rand(a.samples, 1, 28, 28)
    y = torch.randint(0, 10, (a.samples,))
    model = torch.nn.Sequential(
        torch.nn.Conv2d(1, 6, 5, padding=2), torch.nn.Sigmoid(), torch.nn.AvgPool2d(2),
        torch.nn.Conv2d(6, 16, 5), torch.nn.Sigmoid(), torch.nn.AvgPool2d(2), torch.nn.Flatten(),
        torch.nn.Linear(400, 120), torch.nn.Sigmoid(), torch.nn.Linear(120, 84), torch.nn.Sigmoid(),
        torch.nn.Linear(84, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    seconds = []
    loss = None
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
        if e >= 0:
            seconds.append(time.perf_counter() - t0)
    median = statistics.median(seconds)
    n = steps * a.batch
    params = sum(t.numel() for t in model.parameters())
    print(f"{a.label} batch={a.batch} samples={n} epochs=[{','.join(f'{s:.3f}' for s in seconds)}] "
          f"median_epoch_s={median:.3f} samples_per_s={n / median:.0f} peak_rss_mb={peak_rss_mb():.0f} "
          f"threads={torch.get_num_threads()} params={params} final_loss={loss.item():.4f} version={torch.__version__}")


if __name__ == "__main__":
    main()
