#!/usr/bin/env python3
"""PyTorch peer of `./jgrad run dcgan-mnist` (issue #13): the same small DCGAN pair, data, optimiser
and checking classifier, to tell whether its plateau of the classifier's mean top probability
(about 0.74 after 5 epochs, 0.77 after 16) is jgrad's or the setup's.

Keras conventions as jgrad's layers: Glorot-uniform kernels, zero biases, BatchNormalization
momentum 0.99 / epsilon 1e-3, LeakyReLU 0.3, Adam epsilon 1e-7, "same" transposed convolutions
(padding 2, output_padding 1 for 5x5 stride 2). Data: the shipped MNIST test set (10,000), a random
80/20 split: the GAN and the classifier train on the 8,000, the classifier is checked on the 2,000.

  /usr/bin/python3 scripts/dcgan_peer_torch.py [--epochs 5] [--seed 1] [--threads 1] [--variant default]

--variant default | dcgan (the DCGAN paper / PyTorch example: N(0, 0.02) kernels, BN gamma N(1, 0.02),
ReLU in G, LeakyReLU 0.2 and no dropout in D) | relu (default but ReLU in G) | full (the TF tutorial's
models, `--full` in jgrad, with the default run's Adam 2e-4 beta1 0.5).
"""
import argparse, gzip, os, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ap = argparse.ArgumentParser()
ap.add_argument("--epochs", type=int, default=5)
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--clf-epochs", type=int, default=4)
ap.add_argument("--variant", default="default", choices=["default", "dcgan", "relu", "full"])
a = ap.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(a.seed)
rng = np.random.default_rng(a.seed)

root = os.path.join(os.path.dirname(__file__), "..", "samples/src/main/resources/data/mnist")
with gzip.open(os.path.join(root, "t10k-images-idx3-ubyte.gz")) as f:
    X = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 1, 28, 28).astype(np.float32) / 255
with gzip.open(os.path.join(root, "t10k-labels-idx1-ubyte.gz")) as f:
    Y = np.frombuffer(f.read(), np.uint8, offset=8).astype(np.int64)
perm = rng.permutation(len(X))
tr, te = perm[:8000], perm[8000:]
Xtr, Ytr, Xte, Yte = torch.tensor(X[tr]), torch.tensor(Y[tr]), torch.tensor(X[te]), torch.tensor(Y[te])


def keras_init(m):
    if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
        nn.init.xavier_uniform_(m.weight)
        if m.bias is not None:
            nn.init.zeros_(m.bias)


def dcgan_init(m):
    if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
        nn.init.normal_(m.weight, 0, 0.02)
        if m.bias is not None:
            nn.init.zeros_(m.bias)
    elif isinstance(m, nn.BatchNorm1d) or isinstance(m, nn.BatchNorm2d):
        nn.init.normal_(m.weight, 1, 0.02)
        nn.init.zeros_(m.bias)


class View(nn.Module):
    def __init__(self, *s):
        super().__init__()
        self.s = s

    def forward(self, x):
        return x.view(x.shape[0], *self.s)


gact = (lambda: nn.ReLU()) if a.variant in ("dcgan", "relu") else (lambda: nn.LeakyReLU(0.3))
G = nn.Sequential(nn.Linear(100, 7 * 7 * 64, bias=False), nn.BatchNorm1d(7 * 7 * 64, eps=1e-3, momentum=0.01), gact(),
                  View(64, 7, 7),  # channels-last 7x7x64 in Keras; the order inside is immaterial here
                  nn.ConvTranspose2d(64, 32, 5, 2, 2, output_padding=1, bias=False), nn.BatchNorm2d(32, eps=1e-3, momentum=0.01),
                  gact(), nn.ConvTranspose2d(32, 1, 5, 2, 2, output_padding=1, bias=False), nn.Tanh())
if a.variant == "full":
    G = nn.Sequential(nn.Linear(100, 7 * 7 * 256, bias=False), nn.BatchNorm1d(7 * 7 * 256, eps=1e-3, momentum=0.01),
                      nn.LeakyReLU(0.3), View(256, 7, 7),
                      nn.ConvTranspose2d(256, 128, 5, 1, 2, bias=False), nn.BatchNorm2d(128, eps=1e-3, momentum=0.01),
                      nn.LeakyReLU(0.3), nn.ConvTranspose2d(128, 64, 5, 2, 2, output_padding=1, bias=False),
                      nn.BatchNorm2d(64, eps=1e-3, momentum=0.01), nn.LeakyReLU(0.3),
                      nn.ConvTranspose2d(64, 1, 5, 2, 2, output_padding=1, bias=False), nn.Tanh())
    D = nn.Sequential(nn.Conv2d(1, 64, 5, 2, 2), nn.LeakyReLU(0.3), nn.Dropout(0.3), nn.Conv2d(64, 128, 5, 2, 2),
                      nn.LeakyReLU(0.3), nn.Dropout(0.3), nn.Flatten(), nn.Linear(128 * 7 * 7, 1))
elif a.variant == "dcgan":
    D = nn.Sequential(nn.Conv2d(1, 32, 5, 2, 2), nn.LeakyReLU(0.2), nn.Conv2d(32, 64, 5, 2, 2), nn.LeakyReLU(0.2),
                      nn.Flatten(), nn.Linear(64 * 7 * 7, 1))
else:
    D = nn.Sequential(nn.Conv2d(1, 32, 5, 2, 2), nn.LeakyReLU(0.3), nn.Dropout(0.3), nn.Conv2d(32, 64, 5, 2, 2),
                      nn.LeakyReLU(0.3), nn.Dropout(0.3), nn.Flatten(), nn.Linear(64 * 7 * 7, 1))
init = dcgan_init if a.variant == "dcgan" else keras_init
G.apply(init)
D.apply(init)
C = nn.Sequential(nn.Conv2d(1, 16, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
                  nn.Flatten(), nn.Linear(32 * 5 * 5, 64), nn.ReLU(), nn.Linear(64, 10))
C.apply(keras_init)
oc = torch.optim.Adam(C.parameters(), 1e-3, eps=1e-7)
for e in range(a.clf_epochs):
    p = torch.randperm(8000)
    for i in range(0, 8000, 64):
        b = p[i:i + 64]
        oc.zero_grad()
        F.cross_entropy(C(Xtr[b]), Ytr[b]).backward()
        oc.step()
C.eval()


def check(imgs01):
    with torch.no_grad():
        pr = F.softmax(C(imgs01), 1)
    top, arg = pr.max(1)
    h = np.bincount(arg.numpy(), minlength=10)
    q = h[h > 0] / h.sum()
    return top.mean().item(), float(-(q * np.log(q)).sum()), h


with torch.no_grad():
    acc = (C(Xte).argmax(1) == Yte).float().mean().item()
t, ent, _ = check(Xte)
print(f"torch classifier: held-out accuracy {acc:.4f}, on real held-out digits mean top probability {t:.3f}, entropy {ent:.3f}")

og = torch.optim.Adam(G.parameters(), 2e-4, betas=(0.5, 0.999), eps=1e-7)
od = torch.optim.Adam(D.parameters(), 2e-4, betas=(0.5, 0.999), eps=1e-7)
Xg = Xtr * 2 - 1
t0 = time.time()
for e in range(a.epochs):
    G.train()
    D.train()
    p = torch.randperm(8000)
    for i in range(0, 8000, 64):
        real = Xg[p[i:i + 64]]
        n = real.shape[0]
        fake = G(torch.randn(n, 100)).detach()
        od.zero_grad()
        dl = F.softplus(-D(real)).mean() + F.softplus(D(fake)).mean()
        dl.backward()
        od.step()
        og.zero_grad()
        gl = F.softplus(-D(G(torch.randn(n, 100)))).mean()
        gl.backward()
        og.step()
    G.eval()
    with torch.no_grad():
        s = (G(torch.randn(1000, 100)) + 1) / 2
    t, ent, h = check(s)
    print(f"epoch {e + 1}: d_loss {dl.item():.3f}, g_loss {gl.item():.3f}; samples: mean top probability {t:.3f}, "
          f"class entropy {ent:.3f}, histogram {h.tolist()} ({time.time() - t0:.0f} s)", flush=True)
