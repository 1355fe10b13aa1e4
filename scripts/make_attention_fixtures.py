#!/usr/bin/python3
"""Writes PyTorch reference values for jgrad's attention layers (nn's TorchAttentionTest).

One safetensors file, float64, holding for each case the PyTorch state dict (keys under the case's
prefix, e.g. "mha_pad.in_proj_weight"), the inputs, the output, the cotangent and the gradients of
sum(output * cotangent) for the inputs and for every parameter (under "<case>.grad.<param name>",
the PyTorch layout, which the Java test converts with the same TorchAttentionWeights helper).

Cases:
- mha_pad:    nn.MultiheadAttention(8, 2, batch_first=True), cross-attention (Tq 3, Tk 4, kdim = vdim
              = 8) with a key_padding_mask (True = ignore, PyTorch's convention), saved as float64 "kpm".
- mha_causal: nn.MultiheadAttention(8, 4, batch_first=True), self-attention over 5 steps with the
              causal attn_mask (True above the diagonal = not allowed).
- enc_post:   nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, dropout=0, batch_first=True)
              (post-LN) with a src_key_padding_mask.
- enc_pre:    the same with norm_first=True, no mask.
- dec_post:   nn.TransformerDecoderLayer(8, 2, dim_feedforward=16, dropout=0, batch_first=True)
              (post-LN): causal self-attention (tgt_mask) over 5 decoder steps, cross-attention to a
              6-step memory with a memory_key_padding_mask; inputs "x" (tgt) and "mem".
- dec_pre:    the same with norm_first=True, no padding mask.

Run with Debian's python3-torch:  /usr/bin/python3 scripts/make_attention_fixtures.py
It writes nn/src/test/resources/fixtures/torch_attention.safetensors (deterministic).
"""

import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_tool  # noqa: E402

DT = torch.float64
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nn", "src", "test", "resources",
                   "fixtures", "torch_attention.safetensors")
torch.manual_seed(20261211)
tensors = {}


def put(name, t):
    tensors[name] = t.detach().contiguous().clone()


def rand(*shape):
    return (torch.rand(*shape, dtype=DT) * 2 - 1).requires_grad_(True)


def record(case, module, inputs, out):
    cot = torch.rand(out.shape, dtype=DT) * 2 - 1
    (out * cot).sum().backward()
    for k, v in module.state_dict().items():
        put(case + "." + k, v)
    for k, p in module.named_parameters():
        put(case + ".grad." + k, p.grad)
    for k, x in inputs.items():
        put(case + "." + k, x)
        put(case + ".grad." + k, x.grad)
    put(case + ".out", out)
    put(case + ".cot", cot)


# mha_pad
mha = nn.MultiheadAttention(8, 2, batch_first=True).to(DT)
with torch.no_grad():
    mha.in_proj_bias.uniform_(-0.5, 0.5)
    mha.out_proj.bias.uniform_(-0.5, 0.5)
q, k, v = rand(2, 3, 8), rand(2, 4, 8), rand(2, 4, 8)
kpm = torch.tensor([[False, False, False, False], [False, True, False, True]])
out, _ = mha(q, k, v, key_padding_mask=kpm, need_weights=False)
record("mha_pad", mha, {"query": q, "key": k, "value": v}, out)
tensors["mha_pad.kpm"] = kpm.to(DT)  # 1 = ignore (PyTorch), as float64

# mha_causal
mha = nn.MultiheadAttention(8, 4, batch_first=True).to(DT)
with torch.no_grad():
    mha.in_proj_bias.uniform_(-0.5, 0.5)
x = rand(2, 5, 8)
causal = torch.triu(torch.ones(5, 5, dtype=torch.bool), diagonal=1)
out, w = mha(x, x, x, attn_mask=causal, need_weights=True, average_attn_weights=False)
put("mha_causal.weights", w)
record("mha_causal", mha, {"x": x}, out)

# enc_post, enc_pre
for case, norm_first in (("enc_post", False), ("enc_pre", True)):
    enc = nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, dropout=0.0, batch_first=True,
                                     norm_first=norm_first).to(DT)
    with torch.no_grad():
        for n in (enc.norm1, enc.norm2):
            n.weight.uniform_(0.5, 1.5)
            n.bias.uniform_(-0.5, 0.5)
    enc.train()
    x = rand(2, 5, 8)
    if norm_first:
        out = enc(x)
    else:
        pad = torch.tensor([[False] * 5, [False, False, False, True, True]])
        out = enc(x, src_key_padding_mask=pad)
        tensors[case + ".pad"] = pad.to(DT)  # 1 = padding (PyTorch), as float64
    record(case, enc, {"x": x}, out)

# dec_post, dec_pre
for case, norm_first in (("dec_post", False), ("dec_pre", True)):
    dec = nn.TransformerDecoderLayer(8, 2, dim_feedforward=16, dropout=0.0, batch_first=True,
                                     norm_first=norm_first).to(DT)
    with torch.no_grad():
        for n in (dec.norm1, dec.norm2, dec.norm3):
            n.weight.uniform_(0.5, 1.5)
            n.bias.uniform_(-0.5, 0.5)
        dec.self_attn.in_proj_bias.uniform_(-0.5, 0.5)
        dec.multihead_attn.in_proj_bias.uniform_(-0.5, 0.5)
    dec.train()
    x = rand(2, 5, 8)
    mem = rand(2, 6, 8)
    causal = torch.triu(torch.ones(5, 5, dtype=torch.bool), diagonal=1)
    if norm_first:
        out = dec(x, mem, tgt_mask=causal)
    else:
        pad = torch.tensor([[False] * 6, [False, False, False, False, True, True]])
        out = dec(x, mem, tgt_mask=causal, memory_key_padding_mask=pad)
        tensors[case + ".pad"] = pad.to(DT)  # 1 = padding (PyTorch), as float64
    record(case, dec, {"x": x, "mem": mem}, out)

names = sorted(tensors)
safetensors_tool.save(OUT, tensors, {"generator": "scripts/make_attention_fixtures.py", "torch": torch.__version__},
                      names)
print("wrote", OUT, len(names), "tensors")
