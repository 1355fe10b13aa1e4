#!/usr/bin/python3
"""Writes PyTorch reference values for jgrad's recurrent layers (nn's TorchRecurrentTest).

Each case is one Keras layer (class name and Keras config, which jgrad.nn.io.LayerRegistry
rebuilds) with float64 weights in Keras's layout, listed in the layer's weights() order, an input,
optional initial states and mask, the outputs (output, then the final states when return_state),
and the gradients of sum_i sum(outputs[i] * cotangents[i]) for the input, the initial states and
every weight. The PyTorch weights (gate order i, f, g, o for LSTM and r, z, n for GRU, two biases)
are stored too, so the test also checks jgrad.nn.io.TorchRecurrentWeights' conversion.

References:
- LSTM, GRU (reset_after=True), SimpleRNN and Bidirectional LSTM/GRU without masks: torch.nn.LSTM,
  nn.GRU, nn.RNN(tanh) (bidirectional=True for Bidirectional, merge mode concat);
- masks and go_backwards: a loop over torch.nn.LSTMCell/GRUCell/RNNCell with Keras's rule (a
  masked step keeps the states and repeats the previous output, zeros inside Bidirectional);
  the script checks that the loop equals nn.LSTM/nn.GRU on unmasked input first;
- GRU reset_after=False (nothing in PyTorch): Keras's formula written out with torch ops
  (h~ = tanh(x W_h + (r*h) U_h + b_h)), differentiated by autograd.

Run with Debian's python3-torch:  /usr/bin/python3 scripts/make_rnn_fixtures.py
It writes nn/src/test/resources/fixtures/torch_rnn.json (deterministic; re-running gives no diff).
"""

import json
import os

import torch
import torch.nn as nn

DT = torch.float64
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nn", "src", "test", "resources",
                   "fixtures", "torch_rnn.json")
torch.manual_seed(20261210)


def t(x):
    x = x.detach().to(DT).contiguous()
    return {"shape": list(x.shape), "data": [float(v) for v in x.reshape(-1).tolist()]}


def rand(*shape, scale=1.0):
    return (torch.rand(*shape, dtype=DT) * 2 - 1) * scale


# ---------------------------------------------------------------- layout conversions (torch -> Keras)

def gru_perm(u):
    # torch rows r, z, n -> Keras columns z, r, h
    return torch.cat([torch.arange(u, 2 * u), torch.arange(0, u), torch.arange(2 * u, 3 * u)])


def keras_from_torch(kind, w_ih, w_hh, b_ih, b_hh, u):
    if kind == "GRU":
        p = gru_perm(u)
        return [w_ih[p].t(), w_hh[p].t(), torch.stack([b_ih[p], b_hh[p]])]
    return [w_ih.t(), w_hh.t(), b_ih + b_hh]


def keras_grads_from_torch(kind, g_ih, g_hh, gb_ih, gb_hh, u):
    if kind == "GRU":
        p = gru_perm(u)
        return [g_ih[p].t(), g_hh[p].t(), torch.stack([gb_ih[p], gb_hh[p]])]
    # bias = b_ih + b_hh: d/dbias = d/db_ih (= d/db_hh)
    return [g_ih.t(), g_hh.t(), gb_ih]


# ---------------------------------------------------------------- Keras's loop over a torch cell

def keras_loop(cell, kind, x, states, mask, backwards, zero_output):
    """Runs a torch cell with Keras's masking rule; returns (outputs in processing order, states)."""
    B, T, _ = x.shape
    outs = []
    prev = None
    order = range(T - 1, -1, -1) if backwards else range(T)
    for ti in order:
        xt = x[:, ti]
        if kind == "LSTM":
            h, c = cell(xt, (states[0], states[1]))
            new = [h, c]
        else:
            h = cell(xt, states[0])
            new = [h]
        out = h
        if mask is not None:
            m = mask[:, ti].unsqueeze(1)
            if prev is None:
                prev = torch.zeros_like(out)
            out = torch.where(m, out, prev)
            new = [torch.where(m, n_, s_) for n_, s_ in zip(new, states)]
            if not zero_output:
                prev = out
        states = new
        outs.append(out)
    return outs, states


def make_cell(kind, n, u):
    if kind == "LSTM":
        return nn.LSTMCell(n, u).double()
    if kind == "GRU":
        return nn.GRUCell(n, u).double()
    return nn.RNNCell(n, u, nonlinearity="tanh").double()


def make_module(kind, n, u, bidirectional=False):
    cls = {"LSTM": nn.LSTM, "GRU": nn.GRU, "SimpleRNN": nn.RNN}[kind]
    return cls(n, u, batch_first=True, bidirectional=bidirectional).double()


def randomize(module):
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(rand(*p.shape, scale=0.6))


def config(kind, name, u, return_sequences, return_state, go_backwards=False, extra=None):
    c = {"name": name, "units": u, "return_sequences": return_sequences, "return_state": return_state,
         "go_backwards": go_backwards, "stateful": False}
    if kind == "GRU":
        c["reset_after"] = True
    if extra:
        c.update(extra)
    return c


def n_states(kind):
    return 2 if kind == "LSTM" else 1


def single_case(kind, name, B, T, n, u, return_sequences, return_state, with_init, mask=None, go_backwards=False):
    x = rand(B, T, n).requires_grad_(True)
    init = [rand(B, u, scale=0.5).requires_grad_(True) for _ in range(n_states(kind))] if with_init else None
    cell = make_cell(kind, n, u)
    randomize(cell)
    module = make_module(kind, n, u)
    with torch.no_grad():
        module.weight_ih_l0.copy_(cell.weight_ih)
        module.weight_hh_l0.copy_(cell.weight_hh)
        module.bias_ih_l0.copy_(cell.bias_ih)
        module.bias_hh_l0.copy_(cell.bias_hh)
    states0 = init if init is not None else [torch.zeros(B, u, dtype=DT) for _ in range(n_states(kind))]
    if mask is None and not go_backwards:
        # The genuine torch module; the Keras-rule loop must agree with it.
        if kind == "LSTM":
            seq, (hn, cn) = module(x, (states0[0].unsqueeze(0), states0[1].unsqueeze(0)))
            final = [hn[0], cn[0]]
        else:
            seq, hn = module(x, states0[0].unsqueeze(0))
            final = [hn[0]]
        outs, st = keras_loop(cell, kind, x, states0, None, False, False)
        assert torch.allclose(torch.stack(outs, 1), seq, atol=1e-12)
    else:
        outs, final = keras_loop(cell, kind, x, states0, mask, go_backwards, False)
        seq = torch.stack(outs, 1)
    out = seq if return_sequences else seq[:, -1]
    if not return_sequences and (mask is not None or go_backwards):
        out = outs[-1]
    outputs = [out] + (final if return_state else [])
    cots = [rand(*o.shape) for o in outputs]
    loss = sum((o * c).sum() for o, c in zip(outputs, cots))
    if mask is None and not go_backwards:
        params = [module.weight_ih_l0, module.weight_hh_l0, module.bias_ih_l0, module.bias_hh_l0]
    else:
        params = [cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh]
    leaves = [x] + (init or []) + params
    grads = torch.autograd.grad(loss, leaves)
    gx = grads[0]
    ginit = list(grads[1:1 + len(init or [])])
    gp = grads[1 + len(init or []):]
    kw = keras_from_torch(kind, *[p.detach() for p in params], u)
    kg = keras_grads_from_torch(kind, *gp, u)
    case = {
        "name": name, "layer": kind, "config": config(kind, name, u, return_sequences, return_state, go_backwards),
        "torch_weights": [{"weight_ih": t(params[0]), "weight_hh": t(params[1]), "bias_ih": t(params[2]),
                           "bias_hh": t(params[3])}],
        "weights": [t(w) for w in kw], "x": t(x),
        "initial_state": [t(s) for s in init] if init else [],
        "outputs": [t(o) for o in outputs], "cotangents": [t(c) for c in cots],
        "grads": {"x": t(gx), "initial_state": [t(g) for g in ginit], "weights": [t(g) for g in kg]},
    }
    if mask is not None:
        case["mask"] = {"shape": list(mask.shape), "data": [bool(v) for v in mask.reshape(-1).tolist()]}
    return case


def gru_reset_before_case(name, B, T, n, u, with_init):
    """Keras's GRU with reset_after=False; PyTorch has no such GRU, so the formula is written out."""
    x = rand(B, T, n).requires_grad_(True)
    K = rand(n, 3 * u, scale=0.6).requires_grad_(True)
    R = rand(u, 3 * u, scale=0.6).requires_grad_(True)
    b = rand(3 * u, scale=0.6).requires_grad_(True)
    h0 = rand(B, u, scale=0.5).requires_grad_(True) if with_init else torch.zeros(B, u, dtype=DT)
    h = h0
    outs = []
    for ti in range(T):
        xp = x[:, ti] @ K + b
        z = torch.sigmoid(xp[:, :u] + h @ R[:, :u])
        r = torch.sigmoid(xp[:, u:2 * u] + h @ R[:, u:2 * u])
        hh = torch.tanh(xp[:, 2 * u:] + (r * h) @ R[:, 2 * u:])
        h = z * h + (1 - z) * hh
        outs.append(h)
    outputs = [torch.stack(outs, 1), h]
    cots = [rand(*o.shape) for o in outputs]
    loss = sum((o * c).sum() for o, c in zip(outputs, cots))
    leaves = [x] + ([h0] if with_init else []) + [K, R, b]
    g = torch.autograd.grad(loss, leaves)
    return {
        "name": name, "layer": "GRU",
        "config": config("GRU", name, u, True, True, extra={"reset_after": False}),
        "weights": [t(K), t(R), t(b)], "x": t(x), "initial_state": [t(h0)] if with_init else [],
        "outputs": [t(o) for o in outputs], "cotangents": [t(c) for c in cots],
        "grads": {"x": t(g[0]), "initial_state": [t(g[1])] if with_init else [],
                  "weights": [t(v) for v in g[-3:]]},
    }


def bidirectional_case(kind, name, B, T, n, u, return_sequences, return_state, with_init, mask=None):
    x = rand(B, T, n).requires_grad_(True)
    ns = n_states(kind)
    init = [rand(B, u, scale=0.5).requires_grad_(True) for _ in range(2 * ns)] if with_init else None
    zeros = [torch.zeros(B, u, dtype=DT) for _ in range(2 * ns)]
    s0 = init if init is not None else zeros
    fcell, bcell = make_cell(kind, n, u), make_cell(kind, n, u)
    randomize(fcell)
    randomize(bcell)
    fouts, ffinal = keras_loop(fcell, kind, x, s0[:ns], mask, False, return_sequences)
    bouts, bfinal = keras_loop(bcell, kind, x, s0[ns:], mask, True, return_sequences)
    if mask is None:
        module = make_module(kind, n, u, bidirectional=True)
        with torch.no_grad():
            for suffix, cell in (("", fcell), ("_reverse", bcell)):
                getattr(module, "weight_ih_l0" + suffix).copy_(cell.weight_ih)
                getattr(module, "weight_hh_l0" + suffix).copy_(cell.weight_hh)
                getattr(module, "bias_ih_l0" + suffix).copy_(cell.bias_ih)
                getattr(module, "bias_hh_l0" + suffix).copy_(cell.bias_hh)
        if kind == "LSTM":
            h0 = torch.stack([s0[0], s0[2]])
            c0 = torch.stack([s0[1], s0[3]])
            seq, (hn, cn) = module(x, (h0, c0))
        else:
            seq, hn = module(x, torch.stack([s0[0], s0[1]]))
        mine = torch.cat([torch.stack(fouts, 1), torch.stack(bouts[::-1], 1)], -1)
        assert torch.allclose(mine, seq, atol=1e-12)
        assert torch.allclose(ffinal[0], hn[0], atol=1e-12) and torch.allclose(bfinal[0], hn[1], atol=1e-12)
    if mask is None:
        # Differentiate the torch module itself.
        if kind == "LSTM":
            ffinal, bfinal = [hn[0], cn[0]], [hn[1], cn[1]]
        else:
            ffinal, bfinal = [hn[0]], [hn[1]]
        if return_sequences:
            out = seq
        else:
            out = torch.cat([seq[:, -1, :u], seq[:, 0, u:]], -1)
    elif return_sequences:
        out = torch.cat([torch.stack(fouts, 1), torch.stack(bouts[::-1], 1)], -1)
    else:
        out = torch.cat([fouts[-1], bouts[-1]], -1)
    outputs = [out] + ((ffinal + bfinal) if return_state else [])
    cots = [rand(*o.shape) for o in outputs]
    loss = sum((o * c).sum() for o, c in zip(outputs, cots))
    if mask is None:
        params = [module.weight_ih_l0, module.weight_hh_l0, module.bias_ih_l0, module.bias_hh_l0,
                  module.weight_ih_l0_reverse, module.weight_hh_l0_reverse, module.bias_ih_l0_reverse,
                  module.bias_hh_l0_reverse]
    else:
        params = [fcell.weight_ih, fcell.weight_hh, fcell.bias_ih, fcell.bias_hh,
                  bcell.weight_ih, bcell.weight_hh, bcell.bias_ih, bcell.bias_hh]
    leaves = [x] + (init or []) + params
    grads = torch.autograd.grad(loss, leaves)
    k = 1 + len(init or [])
    gp = grads[k:]
    kw = keras_from_torch(kind, *[p.detach() for p in params[:4]], u) + \
        keras_from_torch(kind, *[p.detach() for p in params[4:]], u)
    kg = keras_grads_from_torch(kind, *gp[:4], u) + keras_grads_from_torch(kind, *gp[4:], u)
    case = {
        "name": name, "layer": "Bidirectional",
        "config": {"name": name, "merge_mode": "concat",
                   "layer": {"class_name": kind, "config": config(kind, "inner_" + name, u, return_sequences,
                                                                   return_state)}},
        "torch_weights": [{"weight_ih": t(params[i]), "weight_hh": t(params[i + 1]), "bias_ih": t(params[i + 2]),
                           "bias_hh": t(params[i + 3])} for i in (0, 4)],
        "weights": [t(w) for w in kw], "x": t(x),
        "initial_state": [t(s) for s in init] if init else [],
        "outputs": [t(o) for o in outputs], "cotangents": [t(c) for c in cots],
        "grads": {"x": t(grads[0]), "initial_state": [t(g) for g in grads[1:k]], "weights": [t(g) for g in kg]},
    }
    if mask is not None:
        case["mask"] = {"shape": list(mask.shape), "data": [bool(v) for v in mask.reshape(-1).tolist()]}
    return case


def main():
    # Right-padded lengths 5, 3, 1 plus one sequence with a hole in the middle (Keras allows any mask).
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [1, 0, 0, 0, 0], [1, 1, 0, 1, 0]], dtype=torch.bool)
    cases = [
        single_case("LSTM", "lstm_sequences_state_init", 3, 5, 4, 3, True, True, True),
        single_case("LSTM", "lstm_last_output", 2, 4, 3, 5, False, False, False),
        single_case("LSTM", "lstm_masked", 4, 5, 3, 3, True, True, True, mask=mask),
        single_case("LSTM", "lstm_go_backwards", 2, 4, 3, 3, True, True, False, go_backwards=True),
        single_case("GRU", "gru_sequences_state_init", 3, 5, 4, 3, True, True, True),
        single_case("GRU", "gru_last_output", 2, 4, 3, 5, False, False, False),
        single_case("GRU", "gru_masked", 4, 5, 3, 3, True, True, True, mask=mask),
        gru_reset_before_case("gru_reset_before", 3, 4, 3, 4, True),
        gru_reset_before_case("gru_reset_before_zero_init", 2, 3, 2, 3, False),
        single_case("SimpleRNN", "simple_rnn_sequences_state_init", 3, 5, 4, 3, True, True, True),
        single_case("SimpleRNN", "simple_rnn_masked", 4, 5, 3, 3, False, True, False, mask=mask),
        bidirectional_case("LSTM", "bidirectional_lstm", 3, 4, 3, 3, True, True, True),
        bidirectional_case("GRU", "bidirectional_gru_last", 2, 4, 3, 2, False, False, False),
        bidirectional_case("LSTM", "bidirectional_lstm_masked", 4, 5, 3, 2, True, True, False, mask=mask),
    ]
    with open(OUT, "w") as f:
        json.dump({"generator": "scripts/make_rnn_fixtures.py", "torch": torch.__version__, "cases": cases}, f,
                  separators=(",", ":"))
        f.write("\n")
    print("wrote", len(cases), "cases to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
