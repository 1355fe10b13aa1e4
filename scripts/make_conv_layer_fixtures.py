#!/usr/bin/python3
"""Writes PyTorch reference values for jgrad's convolution, pooling and upsampling LAYERS
(nn's TorchConvLayersTest).

Each case is one Keras layer, given by its class name and its Keras config (which
jgrad.nn.io.LayerRegistry rebuilds), with weights in Keras's layouts (Conv kernel [k..., in/groups,
filters], DepthwiseConv2D [kh, kw, in, multiplier], SeparableConv2D depthwise + pointwise
[1, 1, in*multiplier, filters], ConvTranspose [k..., filters, in]), an input in the layer's
data_format, the output, and the gradients of sum(output * cotangent) for the input and every
weight, all float64. PyTorch works NCHW with kernels [out, in/groups, k...], so the script
permutes on the way in and out:

- Keras's 'same' (the odd pixel after) and 'causal' are applied with F.pad before a 'valid' op;
- a transposed convolution is defined as Keras (TensorFlow) defines it, the adjoint of the forward
  convolution: for Keras's output length L (deconv_output_length) it is the gradient, with respect
  to an input of length L, of conv(input, kernel) under Keras's padding rule for L, taken at the
  cotangent x; then the bias;
- max pooling pads with -inf, average pooling divides by the taps inside the input;
- bilinear upsampling is F.interpolate(mode="bilinear", align_corners=False), half-pixel centres
  as tf.image.resize.

"torch_model" is a small PyTorch network (Conv2d, grouped Conv2d, BatchNorm2d, depthwise Conv2d,
ConvTranspose2d, Linear after flatten) in eval mode: its float32 state_dict as a safetensors file
(base64, written by scripts/safetensors_tool.py), an input (stored channels-last) and its output,
for jgrad.nn.io.TorchWeights (TorchWeightsTest).

Run it with Debian's python3-torch:

    /usr/bin/python3 scripts/make_conv_layer_fixtures.py

It writes nn/src/test/resources/fixtures/torch_conv_layers.json; commit that file. The output is
deterministic (fixed seed): re-running it gives no diff.
"""

import base64
import json
import math
import os
import sys
import tempfile

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_tool  # noqa: E402  (the repository's pure-Python safetensors writer)

DT = torch.float64
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nn", "src", "test", "resources",
                   "fixtures", "torch_conv_layers.json")
gen = torch.Generator().manual_seed(20261202)

CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
MAXPOOL = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}
AVGPOOL = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}
CASES = []


def normal(*shape):
    return torch.randn(*shape, generator=gen, dtype=DT)


def tensor(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def to_cf(t):
    d = t.dim() - 2
    return t.permute(0, d + 1, *range(1, d + 1))


def to_cl(t):
    d = t.dim() - 2
    return t.permute(0, *range(2, d + 2), 1)


def keras_pads(mode, spatial, kernel, strides, dilations):
    """Keras's padding per axis as (before, after): 'same' puts the odd pixel after."""
    pads = []
    for i, n in enumerate(spatial):
        eff = (kernel[i] - 1) * dilations[i] + 1
        if mode == "valid":
            pads.append((0, 0))
        elif mode == "same":
            out = math.ceil(n / strides[i])
            total = max((out - 1) * strides[i] + eff - n, 0)
            pads.append((total // 2, total - total // 2))
        else:  # causal
            pads.append((eff - 1, 0))
    return pads


def f_pad(x, pads, value=0.0):
    flat = []
    for before, after in reversed(pads):
        flat += [before, after]
    return F.pad(x, flat, value=value)


def torch_weight(kernel):
    """Keras [k..., in, out] to PyTorch [out, in, k...]."""
    d = kernel.dim() - 2
    return kernel.permute(d + 1, d, *range(d))


def keras_conv(xc, kernel, strides, dilations, padding, groups=1):
    """A Keras convolution on an NCHW tensor with a Keras-layout kernel; result NCHW."""
    d = kernel.dim() - 2
    pads = keras_pads(padding, list(xc.shape[2:]), list(kernel.shape[:d]), strides, dilations)
    return CONV[d](f_pad(xc, pads), torch_weight(kernel), None, stride=strides, dilation=dilations, groups=groups)


def act(name, y):
    return {"linear": lambda t: t, "relu": F.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid}[name](y)


def add_bias(yc, b):
    return yc if b is None else yc + b.reshape(1, -1, *([1] * (yc.dim() - 2)))


def record(name, layer, config, x, weights, forward, noncontiguous=False):
    """Runs forward(x_cf_or_cl, weights) with autograd and stores the case."""
    x = x.clone().requires_grad_(True)
    ws = {k: v.clone().requires_grad_(True) for k, v in weights.items()}
    y = forward(x, ws)
    cot = normal(*y.shape)
    wrt = [x] + list(ws.values())
    grads = torch.autograd.grad((y * cot).sum(), wrt, allow_unused=True)
    grads = [torch.zeros_like(w) if g is None else g for w, g in zip(wrt, grads)]
    CASES.append({
        "name": name, "layer": layer, "config": config, "noncontiguous": noncontiguous,
        "x": tensor(x), "weights": {k: tensor(v) for k, v in ws.items()},
        "output": tensor(y), "cotangent": tensor(cot),
        "grads": {n: tensor(g) for n, g in zip(["x"] + list(ws.keys()), grads)},
    })


def channels_first(config):
    return config.get("data_format") == "channels_first"


def conv_layer(name, layer, x_shape, filters, kernel_size, strides, padding, dilation=None, groups=1,
               activation="linear", use_bias=True, data_format="channels_last", noncontiguous=False):
    d = len(kernel_size)
    dilation = dilation or [1] * d
    cf = data_format == "channels_first"
    cin = x_shape[1] if cf else x_shape[-1]
    config = {"name": name, "filters": filters, "kernel_size": kernel_size, "strides": strides,
              "padding": padding, "data_format": data_format, "dilation_rate": dilation, "groups": groups,
              "activation": activation, "use_bias": use_bias}
    weights = {"kernel": normal(*kernel_size, cin // groups, filters)}
    if use_bias:
        weights["bias"] = normal(filters)

    def forward(x, w):
        xc = x if cf else to_cf(x)
        y = act(activation, add_bias(keras_conv(xc, w["kernel"], strides, dilation, padding, groups), w.get("bias")))
        return y if cf else to_cl(y)

    record(name, layer, config, normal(*x_shape), weights, forward, noncontiguous)


def depthwise_layer(name, x_shape, kernel_size, multiplier, strides, padding, dilation=(1, 1),
                    data_format="channels_last", activation="linear", noncontiguous=False):
    cf = data_format == "channels_first"
    cin = x_shape[1] if cf else x_shape[-1]
    config = {"name": name, "kernel_size": kernel_size, "strides": strides, "padding": padding,
              "depth_multiplier": multiplier, "data_format": data_format, "dilation_rate": list(dilation),
              "activation": activation, "use_bias": True}
    # Keras 3 names DepthwiseConv2D's weight "kernel" (Keras 2: "depthwise_kernel").
    weights = {"kernel": normal(*kernel_size, cin, multiplier), "bias": normal(cin * multiplier)}

    def forward(x, w):
        xc = x if cf else to_cf(x)
        k = w["kernel"]
        # [kh, kw, in, mult] -> grouped conv kernel [kh, kw, 1, in*mult], output channel c*mult + j
        grouped = k.reshape(*kernel_size, 1, cin * multiplier)
        y = act(activation, add_bias(keras_conv(xc, grouped, strides, list(dilation), padding, cin), w["bias"]))
        return y if cf else to_cl(y)

    record(name, "DepthwiseConv2D", config, normal(*x_shape), weights, forward, noncontiguous)


def separable_layer(name, x_shape, filters, kernel_size, multiplier, strides, padding, dilation=(1, 1),
                    data_format="channels_last", activation="linear", noncontiguous=False):
    cf = data_format == "channels_first"
    cin = x_shape[1] if cf else x_shape[-1]
    config = {"name": name, "filters": filters, "kernel_size": kernel_size, "strides": strides,
              "padding": padding, "depth_multiplier": multiplier, "data_format": data_format,
              "dilation_rate": list(dilation), "activation": activation, "use_bias": True}
    weights = {"depthwise_kernel": normal(*kernel_size, cin, multiplier),
               "pointwise_kernel": normal(1, 1, cin * multiplier, filters), "bias": normal(filters)}

    def forward(x, w):
        xc = x if cf else to_cf(x)
        grouped = w["depthwise_kernel"].reshape(*kernel_size, 1, cin * multiplier)
        mid = keras_conv(xc, grouped, strides, list(dilation), padding, cin)
        y = act(activation, add_bias(keras_conv(mid, w["pointwise_kernel"], [1, 1], [1, 1], "valid"), w["bias"]))
        return y if cf else to_cl(y)

    record(name, "SeparableConv2D", config, normal(*x_shape), weights, forward, noncontiguous)


def transpose_length(n, k, s, dl, padding, output_padding):
    """Keras's deconv_output_length."""
    eff = (k - 1) * dl + 1
    if output_padding is None:
        return n * s + max(eff - s, 0) if padding == "valid" else n * s
    pad = 0 if padding == "valid" else eff // 2
    return (n - 1) * s + eff - 2 * pad + output_padding


def transpose_layer(name, layer, x_shape, filters, kernel_size, strides, padding, output_padding=None,
                    dilation=None, data_format="channels_last", activation="linear", noncontiguous=False):
    d = len(kernel_size)
    dilation = dilation or [1] * d
    cf = data_format == "channels_first"
    cin = x_shape[1] if cf else x_shape[-1]
    config = {"name": name, "filters": filters, "kernel_size": kernel_size, "strides": strides,
              "padding": padding, "output_padding": output_padding, "data_format": data_format,
              "dilation_rate": dilation, "activation": activation, "use_bias": True}
    weights = {"kernel": normal(*kernel_size, filters, cin), "bias": normal(filters)}
    spatial_in = x_shape[2:] if cf else x_shape[1:-1]
    lengths = [transpose_length(spatial_in[i], kernel_size[i], strides[i], dilation[i], padding,
                                None if output_padding is None else output_padding[i]) for i in range(d)]

    def forward(x, w):
        xc = x if cf else to_cf(x)
        # The adjoint of conv(z) with kernel [k..., filters(in of the conv), cin(out of the conv)].
        z = torch.zeros(x.shape[0], filters, *lengths, dtype=DT, requires_grad=True)
        conv = keras_conv(z, w["kernel"], strides, dilation, padding)
        assert list(conv.shape[2:]) == list(xc.shape[2:]), (conv.shape, xc.shape)
        (yc,) = torch.autograd.grad(conv, z, grad_outputs=xc, create_graph=True)
        y = act(activation, add_bias(yc, w["bias"]))
        return y if cf else to_cl(y)

    record(name, layer, config, normal(*x_shape), weights, forward, noncontiguous)


def pool_layer(name, layer, kind, x_shape, pool, strides, padding, data_format="channels_last",
               noncontiguous=False):
    d = len(pool)
    cf = data_format == "channels_first"
    config = {"name": name, "pool_size": pool, "strides": strides, "padding": padding, "data_format": data_format}
    eff_strides = strides or pool

    def forward(x, w):
        xc = x if cf else to_cf(x)
        pads = keras_pads(padding, list(xc.shape[2:]), pool, eff_strides, [1] * d)
        if kind == "max":
            y = MAXPOOL[d](f_pad(xc, pads, -math.inf), pool, eff_strides)
        else:
            sums = AVGPOOL[d](f_pad(xc, pads), pool, eff_strides)
            counts = AVGPOOL[d](f_pad(torch.ones_like(xc), pads), pool, eff_strides)
            y = sums / counts
        return y if cf else to_cl(y)

    record(name, layer, config, normal(*x_shape), {}, forward, noncontiguous)


def global_layer(name, layer, kind, x_shape, keepdims, data_format="channels_last"):
    d = len(x_shape) - 2
    cf = data_format == "channels_first"
    config = {"name": name, "keepdims": keepdims, "data_format": data_format}
    axes = list(range(2, 2 + d)) if cf else list(range(1, 1 + d))

    def forward(x, w):
        return x.amax(dim=axes, keepdim=keepdims) if kind == "max" else x.mean(dim=axes, keepdim=keepdims)

    record(name, layer, config, normal(*x_shape), {}, forward, True)


def upsampling_layer(name, layer, x_shape, size, interpolation="nearest", data_format="channels_last",
                     noncontiguous=False):
    d = len(size)
    cf = data_format == "channels_first"
    config = {"name": name, "size": size, "data_format": data_format}
    if layer == "UpSampling2D":
        config["interpolation"] = interpolation

    def forward(x, w):
        xc = x if cf else to_cf(x)
        out = [n * s for n, s in zip(xc.shape[2:], size)]
        if interpolation == "bilinear":
            y = F.interpolate(xc, size=out, mode="bilinear", align_corners=False)
        else:
            y = F.interpolate(xc, size=out, mode="nearest")
        return y if cf else to_cl(y)

    record(name, layer, config, normal(*x_shape), {}, forward, noncontiguous)


# ---------------------------------------------------------------- convolutions
conv_layer("conv2d_channels_first_groups", "Conv2D", [2, 4, 7, 6], 6, [3, 3], [2, 1], "same", groups=2,
           activation="tanh", data_format="channels_first", noncontiguous=True)
conv_layer("conv2d_dilated_no_bias", "Conv2D", [2, 6, 7, 2], 3, [2, 3], [1, 1], "valid", dilation=[2, 1],
           use_bias=False, noncontiguous=True)
conv_layer("conv2d_groups4_relu", "Conv2D", [1, 6, 5, 8], 4, [3, 2], [1, 2], "valid", groups=4, activation="relu")
conv_layer("conv1d_causal_dilated", "Conv1D", [2, 9, 3], 4, [3], [1], "causal", dilation=[2], activation="sigmoid")
conv_layer("conv1d_same_stride3_groups3", "Conv1D", [2, 10, 3], 6, [4], [3], "same", groups=3)
conv_layer("conv1d_channels_first", "Conv1D", [2, 3, 8], 2, [3], [2], "valid", data_format="channels_first")
conv_layer("conv3d_same_strided", "Conv3D", [1, 5, 4, 5, 2], 3, [2, 3, 2], [2, 1, 2], "same")
conv_layer("conv3d_channels_first_groups", "Conv3D", [1, 4, 3, 4, 3], 4, [2, 2, 2], [1, 1, 1], "valid", groups=2,
           data_format="channels_first", noncontiguous=True)
depthwise_layer("depthwise_same_multiplier2", [2, 5, 6, 3], [3, 3], 2, [1, 1], "same", noncontiguous=True)
depthwise_layer("depthwise_strided_channels_first", [2, 3, 7, 8], [2, 3], 1, [2, 2], "valid",
                data_format="channels_first")
depthwise_layer("depthwise_dilated_relu", [1, 7, 7, 2], [3, 3], 3, [1, 1], "valid", dilation=(2, 2),
                activation="relu")
separable_layer("separable_strided", [2, 7, 7, 3], 4, [3, 3], 2, [2, 2], "valid")
separable_layer("separable_same_dilated_channels_first", [1, 2, 6, 7], 5, [3, 3], 1, [1, 1], "same",
                dilation=(2, 2), data_format="channels_first", noncontiguous=True)
# ---------------------------------------------------------------- transposed convolutions
transpose_layer("conv1d_transpose_valid_stride3", "Conv1DTranspose", [2, 5, 2], 3, [4], [3], "valid")
transpose_layer("conv1d_transpose_kernel_below_stride", "Conv1DTranspose", [1, 4, 3], 2, [2], [3], "valid")
transpose_layer("conv1d_transpose_same_output_padding", "Conv1DTranspose", [2, 6, 2], 3, [3], [2], "same",
                output_padding=[0], dilation=[2])
transpose_layer("conv2d_transpose_same_stride2", "Conv2DTranspose", [2, 4, 5, 3], 4, [3, 3], [2, 2], "same",
                noncontiguous=True)
transpose_layer("conv2d_transpose_same_k5_stride2", "Conv2DTranspose", [1, 3, 3, 2], 2, [5, 5], [2, 2], "same")
transpose_layer("conv2d_transpose_valid_output_padding_dilation", "Conv2DTranspose", [1, 3, 4, 2], 2, [3, 2],
                [2, 3], "valid", output_padding=[1, 2], dilation=[2, 1])
transpose_layer("conv2d_transpose_same_channels_first", "Conv2DTranspose", [2, 3, 4, 4], 3, [4, 4], [2, 2], "same",
                data_format="channels_first", activation="tanh", noncontiguous=True)
transpose_layer("conv3d_transpose_same", "Conv3DTranspose", [1, 3, 4, 3, 2], 2, [2, 3, 2], [2, 1, 2], "same")
transpose_layer("conv3d_transpose_valid_output_padding", "Conv3DTranspose", [1, 2, 3, 3, 2], 2, [3, 2, 2],
                [2, 2, 1], "valid", output_padding=[1, 0, 0])
# ---------------------------------------------------------------- pooling
pool_layer("max_pooling2d_same_channels_first", "MaxPooling2D", "max", [2, 3, 7, 6], [3, 3], [2, 1], "same",
           data_format="channels_first", noncontiguous=True)
pool_layer("average_pooling2d_same", "AveragePooling2D", "avg", [2, 5, 7, 3], [2, 3], [2, 2], "same",
           noncontiguous=True)
pool_layer("max_pooling1d_stride2", "MaxPooling1D", "max", [2, 9, 4], [3], [2], "valid")
pool_layer("average_pooling1d_default_strides", "AveragePooling1D", "avg", [2, 7, 3], [2], None, "valid")
pool_layer("max_pooling3d_same", "MaxPooling3D", "max", [1, 5, 4, 3, 2], [2, 2, 2], None, "same")
pool_layer("average_pooling3d_channels_first", "AveragePooling3D", "avg", [1, 2, 4, 5, 5], [2, 2, 2], [1, 2, 2],
           "valid", data_format="channels_first")
global_layer("global_max_pooling2d_channels_first", "GlobalMaxPooling2D", "max", [2, 3, 4, 5], False,
             data_format="channels_first")
global_layer("global_average_pooling3d_keepdims", "GlobalAveragePooling3D", "avg", [2, 3, 2, 4, 3], True)
global_layer("global_average_pooling1d", "GlobalAveragePooling1D", "avg", [2, 5, 3], False)
# ---------------------------------------------------------------- upsampling
upsampling_layer("upsampling2d_bilinear", "UpSampling2D", [2, 3, 4, 2], [2, 3], "bilinear", noncontiguous=True)
upsampling_layer("upsampling2d_bilinear_channels_first", "UpSampling2D", [1, 2, 3, 5], [2, 2], "bilinear",
                 data_format="channels_first")
upsampling_layer("upsampling2d_nearest", "UpSampling2D", [1, 3, 2, 2], [3, 2])
upsampling_layer("upsampling3d_nearest_channels_first", "UpSampling3D", [1, 2, 2, 3, 2], [2, 1, 3],
                 data_format="channels_first")



# ---------------------------------------------------------------- a PyTorch model's state_dict
class Net(torch.nn.Module):
    """Conv, grouped conv, batch norm, depthwise conv, transposed conv and a linear head, NCHW."""

    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(2, 4, 3, padding=1)
        self.conv2 = torch.nn.Conv2d(4, 6, 3, groups=2)
        self.bn = torch.nn.BatchNorm2d(6)
        self.dw = torch.nn.Conv2d(6, 12, 3, padding=1, groups=6)
        self.up = torch.nn.ConvTranspose2d(12, 3, 2, stride=2)
        self.fc = torch.nn.Linear(3 * 6 * 6, 5)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.relu(self.bn(self.conv2(x)))
        x = self.up(self.dw(x))
        return self.fc(torch.flatten(x, 1))


torch.manual_seed(20261202)
net = Net()
with torch.no_grad():
    net.bn.weight.uniform_(0.5, 1.5, generator=gen)
    net.bn.bias.normal_(0, 0.3, generator=gen)
    net.bn.running_mean.normal_(0, 0.2, generator=gen)
    net.bn.running_var.uniform_(0.5, 2.0, generator=gen)
    net.bn.num_batches_tracked.fill_(7)
net.eval()
model_x = torch.randn(2, 2, 10, 10, generator=gen)
with torch.no_grad():
    model_y = net(model_x)
state = {k: v.detach().clone() for k, v in net.state_dict().items()}
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "net.safetensors")
    safetensors_tool.save(path, state, {"format": "pt"}, sorted(state))
    with open(path, "rb") as f:
        blob = f.read()
TORCH_MODEL = {
    "safetensors_base64": base64.b64encode(blob).decode("ascii"),
    "x_channels_last": tensor(model_x.permute(0, 2, 3, 1)),
    "output": tensor(model_y),
}

with open(OUT, "w") as f:
    json.dump({"generator": "scripts/make_conv_layer_fixtures.py", "torch": torch.__version__, "cases": CASES,
               "torch_model": TORCH_MODEL}, f, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(CASES)} cases to {os.path.normpath(OUT)}")
