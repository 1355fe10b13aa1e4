#!/usr/bin/python3
"""Writes torch.optim reference trajectories for jgrad's OptimizerTorchReferenceTest.

One small least-squares problem, loss = mean((X w - y)^2) with w of 3 elements, float64; each
case runs 6 steps of one torch.optim optimizer from the same start and records w after every
step. The settings are chosen where Keras's update rule (which jgrad follows) and PyTorch's are
the same formula: epsilon 0 (Keras puts epsilon inside the square root or after the bias
correction, PyTorch outside), constant learning rate. Nadam is not here: Keras 3's momentum
schedule differs from PyTorch's (see Nadam's Javadoc); its test computes Keras's formula by hand.

Run it with Debian's python3-torch:

    /usr/bin/python3 scripts/make_optimizer_fixtures.py

It writes nn/src/test/resources/jgrad/nn/optimizers/torch_optim.json. The output is
deterministic, so re-running it gives no diff.
"""

import json
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nn", "src", "test", "resources",
                   "jgrad", "nn", "optimizers", "torch_optim.json")

X = torch.tensor([[1.0, 2.0, -1.0], [0.5, -1.5, 2.0], [3.0, 0.0, 1.0], [-2.0, 1.0, 0.5]], dtype=torch.float64)
Y = torch.tensor([1.0, -2.0, 0.5, 3.0], dtype=torch.float64)
W0 = [0.5, -1.0, 2.0]
STEPS = 6

CASES = {
    "sgd": (torch.optim.SGD, dict(lr=0.05)),
    "sgd_momentum": (torch.optim.SGD, dict(lr=0.05, momentum=0.9)),
    "sgd_nesterov": (torch.optim.SGD, dict(lr=0.05, momentum=0.9, nesterov=True)),
    "adagrad": (torch.optim.Adagrad, dict(lr=0.1, initial_accumulator_value=0.1, eps=0.0)),
    "rmsprop": (torch.optim.RMSprop, dict(lr=0.01, alpha=0.9, eps=0.0)),
    "rmsprop_momentum": (torch.optim.RMSprop, dict(lr=0.01, alpha=0.9, eps=0.0, momentum=0.5)),
    "rmsprop_centered": (torch.optim.RMSprop, dict(lr=0.01, alpha=0.9, eps=0.0, centered=True)),
    "adam": (torch.optim.Adam, dict(lr=0.1, betas=(0.9, 0.999), eps=0.0)),
    "adam_amsgrad": (torch.optim.Adam, dict(lr=0.1, betas=(0.8, 0.99), eps=0.0, amsgrad=True)),
    "adamw": (torch.optim.AdamW, dict(lr=0.1, betas=(0.9, 0.999), eps=0.0, weight_decay=0.1)),
    "adamax": (torch.optim.Adamax, dict(lr=0.1, betas=(0.9, 0.999), eps=0.0)),
}


def run(cls, kwargs):
    w = torch.tensor(W0, dtype=torch.float64, requires_grad=True)
    opt = cls([w], **kwargs)
    out = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = ((X @ w - Y) ** 2).mean()
        loss.backward()
        opt.step()
        out.append(w.detach().tolist())
    return out


def main():
    doc = {
        "x": X.tolist(),
        "y": Y.tolist(),
        "w0": W0,
        "torch": torch.__version__,
        "cases": {name: {"settings": {k: (list(v) if isinstance(v, tuple) else v) for k, v in kw.items()},
                         "trajectory": run(cls, kw)} for name, (cls, kw) in CASES.items()},
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
