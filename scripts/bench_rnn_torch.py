#!/usr/bin/python3
"""The PyTorch peer of jgrad's rnn-benchmark sample: torch.nn.LSTM / nn.GRU, input 28, hidden 128,
28 steps, batch 64, float32, forward plus backward (gradients of the input and every weight),
median call time after a warm-up. Threads: --threads N (torch.set_num_threads). Also reports the
bytes autograd keeps for the backward pass per time step: the distinct storages of the tensors saved
by the forward pass (torch.autograd.graph.saved_tensors_hooks), without the weights and the input,
divided by the number of steps (jgrad's rnn-benchmark counts the same way on its tape).

    /usr/bin/python3 scripts/bench_rnn_torch.py --kind lstm --threads 1
"""
import argparse
import time

import torch


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kind", default="lstm")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--warmup", type=float, default=3)
    p.add_argument("--seconds", type=float, default=5)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    cls = torch.nn.GRU if a.kind == "gru" else torch.nn.LSTM
    layer = cls(28, 128, batch_first=True)
    x = torch.randn(a.batch, 28, 28, requires_grad=True)

    def step():
        layer.zero_grad(set_to_none=True)
        x.grad = None
        out, _ = layer(x)
        out[:, -1].sum().backward()

    def kept_bytes():
        excluded = {p.data_ptr() for p in layer.parameters()} | {x.data_ptr()}
        seen = {}

        def pack(t):
            st = t.storage()
            if st.data_ptr() not in excluded:
                seen[st.data_ptr()] = st.size() * t.element_size()
            return t

        with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
            out, _ = layer(x)
            out[:, -1].sum()
        return sum(seen.values())

    kept = kept_bytes()
    end = time.perf_counter() + a.warmup
    while time.perf_counter() < end:
        step()
    times = []
    stop = time.perf_counter() + a.seconds
    while len(times) < 5 or time.perf_counter() < stop:
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    times.sort()
    med = times[len(times) // 2]
    print(f"torch kind={a.kind} batch={a.batch} steps=28 input=28 hidden=128 threads={torch.get_num_threads()} "
          f"version={torch.__version__} median_step_ms={med * 1e3:.2f} samples_per_s={a.batch / med:.0f} "
          f"calls={len(times)} kept_bytes_per_step={kept / 28:.0f}")


if __name__ == "__main__":
    main()
