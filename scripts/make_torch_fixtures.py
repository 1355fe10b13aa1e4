#!/usr/bin/python3
"""Writes PyTorch reference values for jgrad's TorchReferenceTest.

Each case is a composed expression over the op set, evaluated in float64 by PyTorch: its
inputs, its output, the gradient of sum(output * cotangent) with respect to each differentiable
input, and for some cases the second-order product d/dx <grad, direction> (a Hessian-vector
product, via torch.autograd.grad(create_graph=True)). TorchReferenceTest rebuilds every
expression with jgrad and compares; the test suite itself never runs Python.

Run it with Debian's python3-torch (the pyenv python3 on PATH may lack torch):

    /usr/bin/python3 scripts/make_torch_fixtures.py

It writes ops/src/test/resources/fixtures/torch_reference.json; commit that file. The output is
deterministic (fixed seed), so re-running it must give no diff.
"""

import json
import os
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
DT = torch.float64
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ops", "src", "test", "resources",
                   "fixtures", "torch_reference.json")

gen = torch.Generator().manual_seed(20240611)


def uniform(low, high, *shape):
    return (torch.rand(*shape, generator=gen, dtype=DT) * (high - low) + low)


def normal(*shape):
    return torch.randn(*shape, generator=gen, dtype=DT)


def away_from(x, points, gap=0.05):
    """Moves entries closer than gap to a kink (0 for relu, +-1 for huber...) away from it."""
    x = x.clone()
    for p in points:
        close = (x - p).abs() < gap
        x[close] = p + gap * torch.where(x[close] >= p, 1.0, -1.0)
    return x


def onehot(labels, classes):
    return F.one_hot(labels, classes).to(DT)


# --------------------------------------------------------------------------------------------
# The cases: name -> (description, inputs, wrt, function, second_order). Inputs are float64
# tensors or int64 index tensors; wrt names the differentiable ones. The Java side
# (TorchReferenceTest.EXPRESSIONS) spells the same expression with jgrad's API.

CASES = []


def case(name, description, inputs, wrt, fn, second=False):
    CASES.append((name, description, inputs, wrt, fn, second))


def bce_probs(y, p):
    return (-(y * p.log() + (1 - y) * (1 - p).log())).mean(-1).mean()


def wgan_gp(x, w1, w2):
    d = torch.tanh(x @ w1) @ w2
    (g,) = torch.autograd.grad(d.sum(), x, create_graph=True)
    return ((g.square().sum(1).sqrt() - 1) ** 2).mean()


labels = torch.tensor([1, 0, 4, 2], dtype=torch.int64)

case("softmax_ce_logits", "categorical cross-entropy from logits, one-hot labels",
     {"z": normal(4, 5), "y": onehot(labels, 5)}, ["z"],
     lambda z, y: -(y * F.log_softmax(z, -1)).sum(-1).mean(), second=True)

case("sparse_ce_logits", "sparse categorical cross-entropy from logits, int64 labels",
     {"z": normal(4, 5), "labels": labels}, ["z"],
     lambda z, labels: F.cross_entropy(z, labels))

case("categorical_ce_probs", "categorical cross-entropy from softmax probabilities",
     {"z": normal(3, 4), "y": onehot(torch.tensor([3, 0, 1]), 4)}, ["z"],
     lambda z, y: -(y * (F.softmax(z, -1) / F.softmax(z, -1).sum(-1, keepdim=True)).log()).sum(-1).mean())

case("logsumexp_axis1", "logsumexp over axis 1",
     {"x": normal(3, 4) * 3}, ["x"],
     lambda x: torch.logsumexp(x, 1), second=True)

case("logsumexp_axes_keepdims", "logsumexp over axes 0 and 2, keepdims",
     {"x": normal(2, 3, 2)}, ["x"],
     lambda x: torch.logsumexp(x, (0, 2), keepdim=True))

case("gelu_tanh_chain", "gelu(x) * tanh(x) + gelu(tanh(x))",
     {"x": uniform(-3, 3, 7)}, ["x"],
     lambda x: F.gelu(x) * torch.tanh(x) + F.gelu(torch.tanh(x)), second=True)

case("dense_sigmoid_bce", "sigmoid(x @ w + b) with binary cross-entropy",
     {"x": normal(5, 3), "w": normal(3, 2), "b": normal(2), "y": torch.randint(0, 2, (5, 2), generator=gen).to(DT)},
     ["x", "w", "b"],
     lambda x, w, b, y: bce_probs(y, torch.sigmoid(x @ w + b)), second=True)

case("bce_with_logits", "binary cross-entropy from logits",
     {"z": normal(4, 3) * 2, "y": torch.randint(0, 2, (4, 3), generator=gen).to(DT)}, ["z"],
     lambda z, y: F.binary_cross_entropy_with_logits(z, y), second=True)

case("broadcast_mul_div", "a [3,1] * b [1,4] / (c [4] + 2)",
     {"a": normal(3, 1), "b": normal(1, 4), "c": uniform(0, 1, 4)}, ["a", "b", "c"],
     lambda a, b, c: a * b / (c + 2), second=True)

case("broadcast_pow", "a [2,3] ** b [3], a > 0",
     {"a": uniform(0.5, 2, 2, 3), "b": uniform(-1.5, 1.5, 3)}, ["a", "b"],
     lambda a, b: a ** b, second=True)

case("sub_square_sqrt_rsqrt", "sqrt((a - b)^2 + 1) + rsqrt(b^2 + 0.5), a [4] and b [2,4]",
     {"a": normal(4), "b": normal(2, 4)}, ["a", "b"],
     lambda a, b: torch.sqrt((a - b).square() + 1) + torch.rsqrt(b.square() + 0.5))

case("max_min_reduce", "max over axis 1 (keepdims) * min over axis 0 (keepdims)",
     {"x": normal(3, 4)}, ["x"],
     lambda x: torch.amax(x, 1, keepdim=True) * torch.amin(x, 0, keepdim=True))

case("max_min_all", "max of all + 2 * min of all, and a max over axes 0 and 2",
     {"x": normal(2, 3, 4)}, ["x"],
     lambda x: torch.amax(x) + 2 * torch.amin(x) + torch.amax(x, (0, 2)).sum())

case("prod_reduce", "prod over axis 1, times the prod of all",
     {"x": uniform(0.5, 1.5, 3, 4)}, ["x"],
     lambda x: torch.prod(x, 1) * torch.prod(x), second=True)

case("maximum_minimum_clip", "maximum(a, b) * minimum(a, b) + clip(a, -0.5, 0.5)",
     {"a": away_from(normal(6), [-0.5, 0.5]), "b": normal(6)}, ["a", "b"],
     lambda a, b: torch.maximum(a, b) * torch.minimum(a, b) + torch.clamp(a, -0.5, 0.5))

case("gather_rows_cols", "index_select rows (with repeats) then columns, times w",
     {"x": normal(4, 3), "rows": torch.tensor([0, 2, 2, 3, 1], dtype=torch.int64),
      "cols": torch.tensor([2, 0, 2], dtype=torch.int64), "w": normal(5, 3)}, ["x", "w"],
     lambda x, rows, cols, w: torch.index_select(torch.index_select(x, 0, rows), 1, cols) * w)

case("concat_slice_pad", "concat on axis 1, strided slice, constant pad 0.5, tanh",
     {"x": normal(2, 3), "y": normal(2, 2)}, ["x", "y"],
     lambda x, y: torch.tanh(F.pad(torch.cat([x, y], 1)[:, 1:5:2], (0, 2, 1, 0), value=0.5)))

case("split_stack", "split [3,4] into two [3,2], stack(p0 * p1, p0 - p1) on a new axis 0",
     {"x": normal(3, 4)}, ["x"],
     lambda x: torch.stack([torch.split(x, 2, 1)[0] * torch.split(x, 2, 1)[1],
                            torch.split(x, 2, 1)[0] - torch.split(x, 2, 1)[1]], 0))

case("batched_matmul_permute_reshape", "x [2,3,4] @ w [2,4,3], permute (0,2,1), reshape (2,9)",
     {"x": normal(2, 3, 4), "w": normal(2, 4, 3)}, ["x", "w"],
     lambda x, w: (x @ w).permute(0, 2, 1).reshape(2, 9))

case("matmul_transposed", "a^T @ b^T with a [4,3], b [5,4], then sigmoid",
     {"a": normal(4, 3), "b": normal(5, 4)}, ["a", "b"],
     lambda a, b: torch.sigmoid(a.T @ b.T), second=True)

case("matmul_broadcast_batch", "x [2,1,3,4] @ w [3,4,2] (batch axes broadcast), mean",
     {"x": normal(2, 1, 3, 4), "w": normal(3, 4, 2)}, ["x", "w"],
     lambda x, w: (x @ w).mean((1, 3)))

case("variance_std", "population variance over axis 1 (keepdims) + std over axis 0 (keepdims)",
     {"x": normal(4, 5)}, ["x"],
     lambda x: torch.var(x, 1, unbiased=False, keepdim=True) + torch.std(x, 0, unbiased=False, keepdim=True),
     second=True)

case("mean_sum_axes", "mean over axes 0 and 2 (keepdims) * sum over axis 1 (keepdims)",
     {"x": normal(2, 3, 4)}, ["x"],
     lambda x: x.mean((0, 2), keepdim=True) * x.sum(1, keepdim=True))

case("activations_a", "stack(leaky_relu(x, 0.2), elu(x), selu(x), softplus(x))",
     {"x": away_from(uniform(-3, 3, 8), [0.0])}, ["x"],
     lambda x: torch.stack([F.leaky_relu(x, 0.2), F.elu(x, 1.0), F.selu(x), F.softplus(x)]), second=True)

case("activations_b", "stack(swish(x), hard_sigmoid(x), softsign(x), relu(x), sigmoid(x))",
     {"x": away_from(uniform(-4, 4, 8), [-3.0, 0.0, 3.0])}, ["x"],
     # clamp(x / 6 + 1/2, 0, 1) is F.hardsigmoid, spelled out: torch 1.13 has no double backward for it.
     lambda x: torch.stack([F.silu(x), torch.clamp(x / 6 + 0.5, 0, 1), F.softsign(x), F.relu(x), torch.sigmoid(x)]),
     second=True)

case("softmax_logsoftmax", "softmax over axis 0 * log_softmax over axis 1",
     {"x": normal(3, 4)}, ["x"],
     lambda x: F.softmax(x, 0) * F.log_softmax(x, 1), second=True)

case("huber", "Huber loss, delta 1 (errors on both sides of delta)",
     {"y": normal(4, 3), "p": normal(4, 3) * 1.5}, ["y", "p"],
     lambda y, p: F.huber_loss(p, y, delta=1.0))

case("poisson", "Poisson loss p - y log(p + 1e-7), mean",
     {"y": torch.randint(0, 5, (4, 3), generator=gen).to(DT), "p": uniform(0.2, 4, 4, 3)}, ["p"],
     lambda y, p: (p - y * torch.log(p + 1e-7)).mean(), second=True)

case("kl_divergence", "KL(softmax(a) || softmax(b)) summed over classes, mean over rows",
     {"a": normal(3, 4), "b": normal(3, 4)}, ["a", "b"],
     lambda a, b: (F.softmax(a, -1) * (F.softmax(a, -1) / F.softmax(b, -1)).log()).sum(-1).mean(), second=True)

case("mse_mae", "mean squared error + mean absolute error",
     {"y": normal(3, 4), "p": normal(3, 4)}, ["y", "p"],
     lambda y, p: F.mse_loss(p, y) + F.l1_loss(p, y))

case("hinge_squared_hinge", "hinge + squared hinge, labels -1/1",
     {"y": torch.randint(0, 2, (3, 4), generator=gen).to(DT) * 2 - 1, "p": normal(3, 4)}, ["p"],
     lambda y, p: torch.relu(1 - y * p).mean() + torch.relu(1 - y * p).square().mean())

case("log_exp_chain", "(log1p(x) * exp(-x) + log(x)) / sqrt(x) + abs(x - 1) * sign(x - 1)",
     {"x": away_from(uniform(0.2, 3, 6), [1.0])}, ["x"],
     lambda x: (torch.log1p(x) * torch.exp(-x) + torch.log(x)) / torch.sqrt(x) + (x - 1).abs() * torch.sign(x - 1),
     second=True)

case("where_compare", "where(x > y, x * y, x - y)",
     {"x": normal(2, 5), "y": normal(5)}, ["x", "y"],
     lambda x, y: torch.where(x > y, x * y, x - y))

case("expand_unsqueeze_squeeze", "unsqueeze x [3] to [1,3], expand to [2,3], * w, sum axis 0 keepdims, squeeze",
     {"x": normal(3), "w": normal(2, 3)}, ["x", "w"],
     lambda x, w: (x.unsqueeze(0).expand(2, 3) * w).sum(0, keepdim=True).squeeze(0))

case("sin_cos_square_neg", "-(sin(x)^2) + cos(x) * x",
     {"x": uniform(-3, 3, 5)}, ["x"],
     lambda x: -(torch.sin(x).square()) + torch.cos(x) * x, second=True)

case("wgan_gp_penalty", "gradient penalty mean((||dD/dx|| - 1)^2), D(x) = tanh(x @ w1) @ w2 (nested tapes)",
     {"x": normal(3, 2), "w1": normal(2, 4), "w2": normal(4, 1)}, ["x", "w1", "w2"],
     wgan_gp)

# The normalization and indexing cases draw their inputs from a generator of their own, so that the
# cases above (and the cotangents drawn for them in build) keep their values.
gen_norm = torch.Generator().manual_seed(20261202)


def normal_n(*shape):
    return torch.randn(*shape, generator=gen_norm, dtype=DT)


def uniform_n(low, high, *shape):
    return torch.rand(*shape, generator=gen_norm, dtype=DT) * (high - low) + low


case("layer_norm_last_axis", "F.layer_norm over the last axis with weight and bias, eps 1e-3",
     {"x": normal_n(3, 5), "w": normal_n(5), "b": normal_n(5)}, ["x", "w", "b"],
     lambda x, w, b: F.layer_norm(x, (5,), w, b, eps=1e-3), second=True)

case("layer_norm_two_axes", "F.layer_norm over the last two axes (normalized_shape (3, 4)), eps 1e-5",
     {"x": normal_n(2, 3, 4), "w": normal_n(3, 4), "b": normal_n(3, 4)}, ["x", "w", "b"],
     lambda x, w, b: F.layer_norm(x, (3, 4), w, b, eps=1e-5), second=True)

case("batch_norm_training", "F.batch_norm in training mode on [N, C, H, W] (batch statistics), eps 1e-3",
     {"x": normal_n(4, 3, 2, 2), "w": normal_n(3), "b": normal_n(3)}, ["x", "w", "b"],
     lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True, eps=1e-3), second=True)

def batch_norm_inference(x, m, v, w, b):
    # F.batch_norm does not differentiate in the running statistics, so it is spelled out; the
    # spelling is checked against F.batch_norm first.
    out = (x - m) / torch.sqrt(v + 1e-3) * w + b
    torch.testing.assert_close(out.detach(), F.batch_norm(x.detach(), m.detach(), v.detach(), w.detach(),
                                                          b.detach(), training=False, eps=1e-3), rtol=0, atol=1e-14)
    return out


case("batch_norm_inference", "F.batch_norm in inference mode with given running mean and variance, eps 1e-3",
     {"x": normal_n(5, 3), "m": normal_n(3), "v": uniform_n(0.5, 2, 3), "w": normal_n(3), "b": normal_n(3)},
     ["x", "m", "v", "w", "b"], batch_norm_inference, second=True)


def indexing(x, v):
    y = x.clone()
    y[::2, 1:3] = v
    # PyTorch has no negative steps: x[1:, ::-2] (columns 4, 2, 0 of 5) is x[1:].flip(1)[:, ::2].
    return torch.cat([x[1:].flip(1)[:, ::2].reshape(-1), x[x > 0.3], y.reshape(-1), x[2] * x[1, -1]])


case("indexing_slices_masks_assignment",
     "x[1:, ::-2], x[x > 0.3], x with x[::2, 1:3] = v, x[2] * x[1, -1], concatenated",
     {"x": normal_n(4, 5), "v": normal_n(2, 2)}, ["x", "v"], indexing, second=True)


# --------------------------------------------------------------------------------------------

def encode(t):
    t = t.detach()
    kind = "int64" if t.dtype == torch.int64 else "float64"
    data = t.reshape(-1).tolist()
    return {"dtype": kind, "shape": list(t.shape), "data": data}


def build(name, description, inputs, wrt, fn, second):
    leaves = {k: (v.clone().requires_grad_(k in wrt)) for k, v in inputs.items()}
    out = fn(**leaves)
    # A non-scalar output is weighted by a random cotangent (the gradient of sum(out * cot)).
    cot = None if out.dim() == 0 else normal(*out.shape)
    weighted = out if cot is None else (out * cot).sum()
    grads = torch.autograd.grad(weighted, [leaves[k] for k in wrt], create_graph=second)
    entry = {
        "name": name,
        "description": description,
        "inputs": {k: encode(v) for k, v in inputs.items()},
        "wrt": wrt,
        "output": encode(out),
        "cotangent": None if cot is None else encode(cot),
        "gradients": {k: encode(g) for k, g in zip(wrt, grads)},
    }
    if second:
        direction = {k: normal(*inputs[k].shape) for k in wrt}
        inner = sum((g * direction[k]).sum() for k, g in zip(wrt, grads))
        hvp = torch.autograd.grad(inner, [leaves[k] for k in wrt], allow_unused=True)
        entry["direction"] = {k: encode(direction[k]) for k in wrt}
        entry["hessianVectorProducts"] = {
            k: encode(h if h is not None else torch.zeros_like(inputs[k])) for k, h in zip(wrt, hvp)}
    return entry


def main():
    cases = [build(*c) for c in CASES]
    doc = {
        "generator": "scripts/make_torch_fixtures.py",
        "torch": torch.__version__,
        "dtype": "float64",
        "convention": "gradients are of sum(output * cotangent) (the output itself when it is a scalar); "
                      "hessianVectorProducts are d/d input of sum over wrt of <gradient, direction>",
        "cases": cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    tmp = OUT + ".tmp"
    with open(tmp, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    os.replace(tmp, OUT)
    print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
