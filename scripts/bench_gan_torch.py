#!/usr/bin/python3
"""The PyTorch peer of jgrad's GAN training-step benchmarks (scripts/bench_gan.sh).

dcgan: one DCGAN training step at batch 64 with the TensorFlow tutorial's models (the same as
jgrad's dcgan-mnist sample): a discriminator step (BCE from logits on real and fake, Adam 1e-4)
and a generator step (non-saturating loss, Adam 1e-4), training mode (batch norm, dropout).
wgangp: one WGAN-GP critic step at batch 64 with the same discriminator as critic (no batch norm in
it), the penalty's double backward (autograd.grad(create_graph=True)), Adam(1e-4, 0, 0.9).

Prints "torch case=... threads=N median_ms=..." after a warm-up; run with torch.set_num_threads(N).
"""

import argparse
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument("--threads", type=int, default=1)
p.add_argument("--cases", default="dcgan,wgangp")
p.add_argument("--steps", type=int, default=10)
p.add_argument("--warmup", type=int, default=3)
p.add_argument("--label", default="torch")
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)


class Same(nn.Module):
    """Keras 'same' padding for a 5x5 stride-2 convolution on an even input: 1 before, 2 after."""

    def __init__(self, conv):
        super().__init__()
        self.conv = conv

    def forward(self, x):
        return self.conv(F.pad(x, (1, 2, 1, 2)))


def generator():
    return nn.Sequential(
        nn.Linear(100, 7 * 7 * 256, bias=False), nn.BatchNorm1d(7 * 7 * 256, eps=1e-3, momentum=0.01),
        nn.LeakyReLU(0.3), nn.Unflatten(1, (256, 7, 7)),
        nn.ConvTranspose2d(256, 128, 5, stride=1, padding=2, bias=False), nn.BatchNorm2d(128, eps=1e-3, momentum=0.01),
        nn.LeakyReLU(0.3),
        nn.ConvTranspose2d(128, 64, 5, stride=2, padding=2, output_padding=1, bias=False),
        nn.BatchNorm2d(64, eps=1e-3, momentum=0.01), nn.LeakyReLU(0.3),
        nn.ConvTranspose2d(64, 1, 5, stride=2, padding=2, output_padding=1, bias=False), nn.Tanh())


def discriminator():
    return nn.Sequential(
        Same(nn.Conv2d(1, 64, 5, stride=2)), nn.LeakyReLU(0.3), nn.Dropout(0.3),
        Same(nn.Conv2d(64, 128, 5, stride=2)), nn.LeakyReLU(0.3), nn.Dropout(0.3),
        nn.Flatten(), nn.Linear(7 * 7 * 128, 1))


G, D = generator(), discriminator()
assert sum(p.numel() for p in G.parameters()) + 2 * (12544 + 128 + 64) == 2330944
assert sum(p.numel() for p in D.parameters()) == 212865
g_opt = torch.optim.Adam(G.parameters(), 1e-4)
d_opt = torch.optim.Adam(D.parameters(), 1e-4)
c_opt = torch.optim.Adam(D.parameters(), 1e-4, betas=(0.0, 0.9))
real = torch.rand(64, 1, 28, 28) * 2 - 1
ones, zeros = torch.ones(64, 1), torch.zeros(64, 1)


def dcgan_step():
    z = torch.randn(64, 100)
    with torch.no_grad():
        fake = G(z)
    d_opt.zero_grad()
    d_loss = F.binary_cross_entropy_with_logits(D(real), ones) + F.binary_cross_entropy_with_logits(D(fake), zeros)
    d_loss.backward()
    d_opt.step()
    g_opt.zero_grad()
    g_loss = F.binary_cross_entropy_with_logits(D(G(torch.randn(64, 100))), ones)
    g_loss.backward()
    g_opt.step()


def wgangp_step():
    z = torch.randn(64, 100)
    with torch.no_grad():
        fake = G(z)
    c_opt.zero_grad()
    loss = D(fake).mean() - D(real).mean()
    eps = torch.rand(64, 1, 1, 1)
    xhat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    g, = torch.autograd.grad(D(xhat).sum(), xhat, create_graph=True)
    gp = ((g.reshape(64, -1).norm(2, dim=1) - 1) ** 2).mean()
    (loss + 10 * gp).backward()
    c_opt.step()


for case in a.cases.split(","):
    step = {"dcgan": dcgan_step, "wgangp": wgangp_step}[case]
    G.train()
    D.train()
    for _ in range(a.warmup):
        step()
    times = []
    for _ in range(a.steps):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1000)
    print(f"{a.label} case={case} threads={a.threads} median_ms={statistics.median(times):.2f}", flush=True)
