#!/usr/bin/python3
"""Writes PyTorch reference values for jgrad's convolution and pooling ops (TorchConvReferenceTest).

Each case is one conv1d/2d/3d, max pool or average pool in float64: the inputs in jgrad's
channels-last layout (x [batch, spatial..., channels], kernel [k..., in, out] as Keras stores it),
the output, and the gradients of sum(output * cotangent) for x, the kernel and the bias. PyTorch
works channels-first (NCHW) with kernels [out, in, k...], so the script permutes on the way in and
out. Padding is given per side; Keras's 'same' (the odd pixel after) is applied with F.pad,
max pooling pads with -inf and average pooling divides by the number of taps inside the input
(PyTorch's count_include_pad=False, Keras's behaviour).

Run it with Debian's python3-torch:

    /usr/bin/python3 scripts/make_conv_fixtures.py

It writes ops/src/test/resources/fixtures/torch_conv.json; commit that file. The output is
deterministic (fixed seed): re-running it gives no diff.
"""

import json
import math
import os

import torch
import torch.nn.functional as F

DT = torch.float64
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ops", "src", "test", "resources",
                   "fixtures", "torch_conv.json")
gen = torch.Generator().manual_seed(20261121)


def normal(*shape):
    return torch.randn(*shape, generator=gen, dtype=DT)


def to_channels_first(t):
    d = t.dim() - 2
    return t.permute(0, d + 1, *range(1, d + 1))


def to_channels_last(t):
    d = t.dim() - 2
    return t.permute(0, *range(2, d + 2), 1)


def resolve_padding(mode, spatial, kernel, strides, dilations):
    """Keras's padding rule per axis, as (before, after) pairs; mode is 'valid', 'same' or a list."""
    pads = []
    for i, n in enumerate(spatial):
        eff = (kernel[i] - 1) * dilations[i] + 1
        if mode == "valid":
            pads.append((0, 0))
        elif mode == "same":
            out = math.ceil(n / strides[i])
            total = max((out - 1) * strides[i] + eff - n, 0)
            pads.append((total // 2, total - total // 2))
        elif mode == "causal":
            pads.append((eff - 1, 0))
        else:
            pads.append((mode[2 * i], mode[2 * i + 1]))
    return pads


def f_pad(x, pads, value):
    """F.pad wants the last axis first: (w_before, w_after, h_before, h_after, ...)."""
    flat = []
    for before, after in reversed(pads):
        flat += [before, after]
    return F.pad(x, flat, value=value)


CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
MAXPOOL = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}
AVGPOOL = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}

CASES = []


def conv_case(name, x_shape, k_shape, strides, dilations, padding, bias=True, groups=1):
    d = len(strides)
    x = normal(*x_shape).requires_grad_(True)
    k = normal(*k_shape).requires_grad_(True)
    b = normal(k_shape[-1]).requires_grad_(True) if bias else None
    pads = resolve_padding(padding, x_shape[1:-1], k_shape[:d], strides, dilations)
    xc = f_pad(to_channels_first(x), pads, 0.0)
    w = k.permute(d + 1, d, *range(d))  # [k..., in/groups, out] -> [out, in/groups, k...]
    y = to_channels_last(CONV[d](xc, w, b, stride=strides, dilation=dilations, groups=groups))
    cot = normal(*y.shape)
    wrt = [x, k] + ([b] if bias else [])
    grads = torch.autograd.grad((y * cot).sum(), wrt)
    CASES.append({
        "name": name, "kind": "conv", "strides": strides, "dilations": dilations, "groups": groups,
        "padding": padding if isinstance(padding, str) else list(padding),
        "inputs": {"x": tensor(x), "kernel": tensor(k), **({"bias": tensor(b)} if bias else {})},
        "output": tensor(y), "cotangent": tensor(cot),
        "grads": {n: tensor(g) for n, g in zip(["x", "kernel", "bias"], grads)},
    })


CONV_T = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}


def transpose_case(name, x_shape, k_shape, strides, dilations, padding, output_padding=None, bias=True):
    """Keras's Conv{1,2,3}DTranspose: kernel [k..., filters, in]. PyTorch's conv_transpose with no
    padding gives the full scatter of length (in-1)*s + eff; Keras's output length (its
    deconv_output_length) and the convolution's padding rule for that length say which part of it
    to keep, padding with zeros past its end (output padding). Explicit padding is PyTorch's own."""
    d = len(strides)
    x = normal(*x_shape).requires_grad_(True)
    k = normal(*k_shape).requires_grad_(True)
    b = normal(k_shape[d]).requires_grad_(True) if bias else None
    w = k.permute(d + 1, d, *range(d))  # [k..., out, in] -> [in, out, k...]
    xc = to_channels_first(x)
    if isinstance(padding, str):
        full = CONV_T[d](xc, w, None, stride=strides, dilation=dilations)
        lengths = []
        for i in range(d):
            n, kk, s_, dl = x_shape[1 + i], k_shape[i], strides[i], dilations[i]
            eff = (kk - 1) * dl + 1
            if output_padding is None:
                length = n * s_ + max(eff - s_, 0) if padding == "valid" else n * s_
            else:
                pad = 0 if padding == "valid" else eff // 2
                length = (n - 1) * s_ + eff - 2 * pad + output_padding[i]
            lengths.append(length)
        pads = resolve_padding(padding, lengths, k_shape[:d], strides, dilations)
        y = full
        for i in range(d):
            before = pads[i][0]
            axis = 2 + i
            y = y.narrow(axis, before, min(lengths[i], y.shape[axis] - before))
            short = lengths[i] - y.shape[axis]
            if short > 0:
                extra = [0, 0] * (d - 1 - i) + [0, short]
                y = F.pad(y, extra)
        if b is not None:
            y = y + b.reshape(1, -1, *([1] * d))
    else:
        y = CONV_T[d](xc, w, b, stride=strides, dilation=dilations, padding=padding,
                      output_padding=output_padding or 0)
    y = to_channels_last(y)
    cot = normal(*y.shape)
    wrt = [x, k] + ([b] if bias else [])
    grads = torch.autograd.grad((y * cot).sum(), wrt)
    CASES.append({
        "name": name, "kind": "convTranspose", "strides": strides, "dilations": dilations,
        "padding": padding if isinstance(padding, str) else [p for p in padding for _ in (0, 1)],
        "outputPadding": output_padding,
        "inputs": {"x": tensor(x), "kernel": tensor(k), **({"bias": tensor(b)} if bias else {})},
        "output": tensor(y), "cotangent": tensor(cot),
        "grads": {n: tensor(g) for n, g in zip(["x", "kernel", "bias"], grads)},
    })


def pool_case(name, kind, x_shape, size, strides, padding):
    d = len(size)
    x = normal(*x_shape).requires_grad_(True)
    pads = resolve_padding(padding, x_shape[1:-1], size, strides, [1] * d)
    xc = to_channels_first(x)
    if kind == "max":
        y = MAXPOOL[d](f_pad(xc, pads, -math.inf), size, strides)
    else:
        window = math.prod(size)
        sums = AVGPOOL[d](f_pad(xc, pads, 0.0), size, strides) * window
        ones = torch.ones_like(xc)
        counts = AVGPOOL[d](f_pad(ones, pads, 0.0), size, strides) * window
        y = sums / counts
    y = to_channels_last(y)
    cot = normal(*y.shape)
    (gx,) = torch.autograd.grad((y * cot).sum(), [x])
    CASES.append({
        "name": name, "kind": kind + "Pool", "poolSize": size, "strides": strides,
        "padding": padding if isinstance(padding, str) else list(padding),
        "inputs": {"x": tensor(x)}, "output": tensor(y), "cotangent": tensor(cot), "grads": {"x": tensor(gx)},
    })


def tensor(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


# 1-D
conv_case("conv1d_valid", [2, 9, 3], [3, 3, 4], [1], [1], "valid")
conv_case("conv1d_same_stride2", [2, 10, 2], [4, 2, 3], [2], [1], "same")
conv_case("conv1d_causal_dilation2", [1, 8, 2], [3, 2, 2], [1], [2], "causal", bias=False)
# 2-D
conv_case("conv2d_valid", [2, 6, 7, 3], [3, 3, 3, 4], [1, 1], [1, 1], "valid")
conv_case("conv2d_same", [2, 5, 6, 2], [3, 2, 2, 3], [1, 1], [1, 1], "same")
conv_case("conv2d_same_stride2", [1, 7, 8, 3], [3, 3, 3, 5], [2, 2], [1, 1], "same")
conv_case("conv2d_explicit_stride_dilation", [2, 9, 8, 2], [3, 2, 2, 3], [2, 1], [2, 3], [1, 2, 0, 1])
conv_case("conv2d_wide_channels", [1, 6, 6, 20], [3, 3, 20, 17], [1, 1], [1, 1], "same")
# 3-D
conv_case("conv3d_valid", [1, 4, 5, 6, 2], [2, 3, 2, 2, 3], [1, 1, 2], [1, 1, 1], "valid")
conv_case("conv3d_same_stride2", [2, 5, 4, 5, 1], [3, 3, 3, 1, 2], [2, 2, 2], [1, 1, 1], "same")
# Grouped and depthwise
conv_case("conv2d_groups2", [2, 5, 6, 4], [3, 3, 2, 6], [1, 1], [1, 1], "same", groups=2)
conv_case("conv2d_depthwise_stride2", [1, 7, 6, 3], [3, 3, 1, 6], [2, 2], [1, 1], "valid", groups=3)
conv_case("conv1d_groups4_dilation2", [2, 9, 8], [3, 2, 4], [1], [2], "causal", groups=4)
# Transposed (Keras layout [k..., filters, in])
transpose_case("conv2d_transpose_valid", [2, 3, 4, 2], [3, 2, 3, 2], [1, 1], [1, 1], "valid")
transpose_case("conv2d_transpose_valid_stride2", [1, 3, 3, 2], [3, 3, 2, 2], [2, 2], [1, 1], "valid")
transpose_case("conv2d_transpose_valid_kernel_lt_stride", [1, 3, 2, 1], [2, 2, 2, 1], [3, 3], [1, 1], "valid")
transpose_case("conv2d_transpose_same_stride2", [2, 3, 4, 3], [3, 3, 2, 3], [2, 2], [1, 1], "same")
transpose_case("conv2d_transpose_same_stride2_even_kernel", [1, 4, 3, 2], [4, 4, 3, 2], [2, 2], [1, 1], "same")
transpose_case("conv2d_transpose_same_output_padding", [1, 3, 3, 2], [3, 3, 2, 2], [2, 2], [1, 1], "same", [1, 0])
transpose_case("conv2d_transpose_valid_dilation2_output_padding", [1, 3, 4, 1], [2, 3, 2, 1], [2, 2], [2, 1],
               "valid", [1, 1])
transpose_case("conv1d_transpose_same_stride3", [2, 5, 2], [4, 3, 2], [3], [1], "same", bias=False)
transpose_case("conv1d_transpose_explicit", [2, 5, 2], [3, 3, 2], [2], [1], [1], [1])
transpose_case("conv3d_transpose_same_stride2", [1, 2, 3, 2, 2], [3, 2, 3, 2, 2], [2, 1, 2], [1, 1, 1], "same")
transpose_case("conv3d_transpose_valid", [1, 2, 2, 3, 1], [2, 2, 2, 3, 1], [1, 2, 1], [1, 1, 1], "valid")
# Pooling
for kind in ("max", "avg"):
    pool_case(kind + "pool1d_valid", kind, [2, 9, 3], [3], [2], "valid")
    pool_case(kind + "pool1d_same", kind, [2, 8, 2], [3], [3], "same")
    pool_case(kind + "pool2d_valid", kind, [2, 6, 7, 3], [2, 2], [2, 2], "valid")
    pool_case(kind + "pool2d_same", kind, [1, 7, 5, 2], [3, 3], [2, 2], "same")
    pool_case(kind + "pool2d_explicit", kind, [1, 6, 6, 17], [3, 2], [1, 2], [1, 1, 0, 1])
    pool_case(kind + "pool3d_same", kind, [1, 4, 5, 3, 2], [2, 2, 2], [2, 2, 1], "same")

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT + ".tmp", "w") as f:
    json.dump({"torch": torch.__version__, "cases": CASES}, f, indent=None, separators=(",", ":"))
    f.write("\n")
os.replace(OUT + ".tmp", OUT)
print(f"wrote {len(CASES)} cases to {os.path.normpath(OUT)}")
