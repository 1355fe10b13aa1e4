#!/usr/bin/env python3
"""PyTorch peer of `./jgrad run d2gan`'s ring (issue #13), written from tund/D2GAN's TensorFlow code:
N(0, 0.01) kernels and zero biases, z 256, hidden 128 (G 2 x ReLU, D1/D2 1 x ReLU + softplus),
alpha = beta = 1, Adam 2e-4 beta1 0.5 (epsilon 1e-8 as TF's), batch 512, one D step (both
discriminators) then one G step on fresh noise. Prints modes covered (a sample within 3 std of
its nearest mode; a mode covered at >= 1% of 2,500 samples) at checkpoints, as D2GanRing does.

  /usr/bin/python3 scripts/d2gan_peer_torch.py [--steps 25000] [--every 2500] [--seed 1] [--eps 1e-8]
"""
import argparse, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ap = argparse.ArgumentParser()
ap.add_argument("--steps", type=int, default=25000)
ap.add_argument("--every", type=int, default=2500)
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--eps", type=float, default=1e-8)
ap.add_argument("--threads", type=int, default=1)
a = ap.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(a.seed)
rng = np.random.default_rng(a.seed)
R, STD = 2.0, np.sqrt(0.02)
modes = np.array([[R * np.cos(2 * np.pi * k / 8), R * np.sin(2 * np.pi * k / 8)] for k in range(8)])


def ring(n):
    return torch.tensor(modes[rng.integers(0, 8, n)] + STD * rng.standard_normal((n, 2)), dtype=torch.float32)


def lin(i, o):
    l = nn.Linear(i, o)
    nn.init.normal_(l.weight, 0, 0.01)
    nn.init.zeros_(l.bias)
    return l


G = nn.Sequential(lin(256, 128), nn.ReLU(), lin(128, 128), nn.ReLU(), lin(128, 2))
D1 = nn.Sequential(lin(2, 128), nn.ReLU(), lin(128, 1), nn.Softplus())
D2 = nn.Sequential(lin(2, 128), nn.ReLU(), lin(128, 1), nn.Softplus())
od = torch.optim.Adam(list(D1.parameters()) + list(D2.parameters()), 2e-4, betas=(0.5, 0.999), eps=a.eps)
og = torch.optim.Adam(G.parameters(), 2e-4, betas=(0.5, 0.999), eps=a.eps)


def coverage():
    with torch.no_grad():
        s = G(torch.randn(2500, 256)).numpy()
    d = np.linalg.norm(s[:, None, :] - modes[None], axis=2)
    best, bd = d.argmin(1), d.min(1)
    per = np.bincount(best[bd <= 3 * STD], minlength=8)
    return int((per >= 25).sum()), (bd <= 3 * STD).mean(), [k for k in range(8) if per[k] >= 25]


t0 = time.time()
for s in range(1, a.steps + 1):
    x = ring(512)
    with torch.no_grad():
        g = G(torch.randn(512, 256))
    d_loss = (-torch.log(D1(x)) + D1(g)).mean() + (D2(x) - torch.log(D2(g))).mean()
    od.zero_grad()
    d_loss.backward()
    od.step()
    g = G(torch.randn(512, 256))
    g_loss = (-D1(g) + torch.log(D2(g))).mean()
    og.zero_grad()
    g_loss.backward()
    og.step()
    if s % a.every == 0:
        m, hq, which = coverage()
        print(f"torch D2GAN step {s:5d}: {m} of 8 modes covered, {100 * hq:.1f}% high-quality samples, modes {which}"
              f" ({time.time() - t0:.0f} s)", flush=True)
