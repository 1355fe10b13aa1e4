#!/usr/bin/python3
"""Writes PyTorch reference values for jgrad's WGAN-GP gradient penalty (nn's TorchGradientPenaltyTest).

A small convolutional critic, float64:
    Conv2D(3, 3x3, valid) -> LeakyReLU(0.2) -> Conv2D(4, 3x3, stride 2, valid, tanh) -> Flatten -> Dense(1)
on 7x7x2 images (channels last, as Keras and jgrad). The penalty is Gulrajani et al.'s
    xhat = eps * real + (1 - eps) * fake,  g = autograd.grad(D(xhat).sum(), xhat, create_graph=True),
    penalty = mean((||g||_2 - 1)^2)
with given eps, and the fixture holds the penalty, the per-sample norms and the gradient of the
penalty with respect to every critic weight (a second derivative through both convolutions),
weights in Keras's layouts (conv kernel [kh, kw, in, out], dense kernel [in, out]). PyTorch works
NCHW, so images are permuted in, and the flatten is done in NHWC order as Keras does.

Run it with Debian's python3-torch (torch 1.13):

    /usr/bin/python3 scripts/make_gan_fixtures.py

It writes nn/src/test/resources/fixtures/torch_gradient_penalty.json; commit that file. The output
is deterministic (fixed seed).
"""

import json
import os

import torch
import torch.nn.functional as F

DT = torch.float64
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nn", "src", "test", "resources",
                   "fixtures", "torch_gradient_penalty.json")
gen = torch.Generator().manual_seed(20261213)


def normal(*shape, std=1.0, mean=0.0):
    return torch.randn(*shape, generator=gen, dtype=DT) * std + mean


def tensor(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


N, H, W, C = 4, 7, 7, 2
real = normal(N, H, W, C)
fake = normal(N, H, W, C, std=0.7, mean=0.5)
eps = torch.rand(N, 1, 1, 1, generator=gen, dtype=DT)
# Keras layouts
k1 = normal(3, 3, C, 3, std=0.4).requires_grad_(True)
b1 = normal(3, std=0.1).requires_grad_(True)
k2 = normal(3, 3, 3, 4, std=0.4).requires_grad_(True)
b2 = normal(4, std=0.1).requires_grad_(True)
kd = normal(16, 1, std=0.4).requires_grad_(True)
bd = normal(1, std=0.1).requires_grad_(True)
params = {"conv1/kernel": k1, "conv1/bias": b1, "conv2/kernel": k2, "conv2/bias": b2, "dense/kernel": kd,
          "dense/bias": bd}


def critic(x_nhwc):
    x = x_nhwc.permute(0, 3, 1, 2)
    x = F.conv2d(x, k1.permute(3, 2, 0, 1), b1)
    x = F.leaky_relu(x, 0.2)
    x = torch.tanh(F.conv2d(x, k2.permute(3, 2, 0, 1), b2, stride=2))
    x = x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)
    return x @ kd + bd


xhat = (eps * real + (1 - eps) * fake).requires_grad_(True)
out = critic(xhat)
g, = torch.autograd.grad(out.sum(), xhat, create_graph=True)
norms = g.reshape(N, -1).norm(2, dim=1)
penalty = ((norms - 1) ** 2).mean()
# the dense bias does not reach the input gradient: its gradient is None, stored as zeros
grads = torch.autograd.grad(penalty, list(params.values()), allow_unused=True)
grads = [torch.zeros_like(p) if gr is None else gr for p, gr in zip(params.values(), grads)]

fixture = {
    "critic": "Conv2D(3,3x3,valid) LeakyReLU(0.2) Conv2D(4,3x3,s2,valid,tanh) Flatten Dense(1)",
    "real": tensor(real), "fake": tensor(fake), "eps": tensor(eps),
    "weights": {k: tensor(v) for k, v in params.items()},
    "output": tensor(out), "norms": tensor(norms), "penalty": float(penalty),
    "grads": {k: tensor(gr) for k, gr in zip(params.keys(), grads)},
    "torch": torch.__version__,
}
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump(fixture, f, indent=1)
print("wrote", os.path.relpath(OUT), "penalty", float(penalty))
