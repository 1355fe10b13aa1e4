#!/usr/bin/python3
"""The PyTorch peer of jgrad's convolutional autoencoder benchmark (scripts/bench_ae.sh,
`./jgrad run ae-benchmark`).

    /usr/bin/python3 scripts/bench_ae_torch.py --threads 1

The conv autoencoder of Chollet's Keras blog that the ae-conv and ae-denoising samples train
(28,353 parameters): Conv2d 1->32 3x3 same + ReLU, MaxPool2d 2, Conv2d 32->32 3x3 same + ReLU,
MaxPool2d 2, ConvTranspose2d 32->32 3x3 stride 2 (padding 1, output_padding 1: 7 -> 14 -> 28,
Keras's 'same') + ReLU twice, Conv2d 32->1 3x3 same + Sigmoid; BCELoss on the sigmoid's output
(Keras's binary_crossentropy on probabilities), Adam 1e-3, batch 128, trained to reproduce its
input on the shipped MNIST test set (the 10,000 t10k images the samples read, pixels / 255) in the idiomatic loop
(zero_grad, forward, loss, backward, step) over in-order batches, the last one partial as Keras's
fit. Times whole epochs after a warm-up one and prints one line in the format the jgrad side prints.
"""

import argparse
import gzip
import os
import statistics
import time

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def mnist_images(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    n = int.from_bytes(data[4:8], "big")
    # No NumPy here (Debian's torch runs without it): the bytes go through a ByteTensor.
    x = torch.frombuffer(bytearray(data[16:16 + n * 784]), dtype=torch.uint8).reshape(n, 1, 28, 28)
    return x.float() / 255.0


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1e3
    return float("nan")


def model():
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(32, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.ConvTranspose2d(32, 32, 3, stride=2, padding=1, output_padding=1), torch.nn.ReLU(),
        torch.nn.ConvTranspose2d(32, 32, 3, stride=2, padding=1, output_padding=1), torch.nn.ReLU(),
        torch.nn.Conv2d(32, 1, 3, padding=1), torch.nn.Sigmoid())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=os.path.join(ROOT, "samples", "src", "main", "resources", "data", "mnist",
                                                  "t10k-images-idx3-ubyte.gz"))
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--samples", type=int, default=10000)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--label", default="torch")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x = mnist_images(a.data)[:a.samples].contiguous()
    n = x.shape[0]
    net = model()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.BCELoss()
    seconds = []
    loss = None
    for e in range(-a.warmup, a.epochs):
        t0 = time.perf_counter()
        for s in range(0, n, a.batch):
            xb = x[s:s + a.batch]
            opt.zero_grad()
            loss = loss_fn(net(xb), xb)
            loss.backward()
            opt.step()
        if e >= 0:
            seconds.append(time.perf_counter() - t0)
    median = statistics.median(seconds)
    params = sum(t.numel() for t in net.parameters())
    print(f"{a.label} threads={torch.get_num_threads()} batch={a.batch} samples={n} "
          f"epochs=[{','.join(f'{s:.3f}' for s in seconds)}] median_epoch_s={median:.3f} "
          f"samples_per_s={n / median:.0f} peak_rss_mb={peak_rss_mb():.0f} params={params} "
          f"final_loss={loss.item():.4f} version={torch.__version__}")


if __name__ == "__main__":
    main()
