package jgrad.samples.rnn;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jgrad.core.GradientTape;
import jgrad.core.RecordedOp;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.layers.recurrent.GRU;
import jgrad.nn.layers.recurrent.LSTM;
import jgrad.nn.layers.recurrent.RNN;
import jgrad.samples.Args;

/**
 * Times an LSTM or GRU layer's forward and backward pass (gradients of the input and every
 * weight) at issue 10's shape: input 28, hidden 128, 28 steps, batch 64 (MNIST rows as a
 * sequence), float32, call by call after a warm-up; prints one result line in the format of
 * {@code scripts/bench_rnn_torch.py}, the PyTorch peer. Threads: {@code -Djgrad.kernels.threads=N}.
 *
 * <p>The warm-up runs at least {@code --warmup} seconds and then goes on, in rounds of a second,
 * until a round's median call is no longer 2% faster than the best round before it (at most 60
 * s): the JIT compiles the vector kernels late on a busy machine, and timing before that would
 * time the interpreter. The line also reports the bytes the tape keeps for the backward pass per
 * time step: the distinct arrays referenced by the recorded ops' inputs and outputs after the
 * forward pass, without the weights and the input batch, divided by the number of steps.
 */
public final class RnnBenchmark {
    private RnnBenchmark() {}

    /** The median call time in seconds, the number of timed calls, the warm-up seconds, bytes kept per step. */
    static double[] time(String kind, boolean unroll, int batch, int steps, int features, int units,
            double warmupSeconds, double seconds) {
        Rng.setGlobalSeed(1);
        Layer.resetNames();
        RNN layer = kind.equals("gru") ? GRU.builder(units).unroll(unroll).build()
                : LSTM.builder(units).unroll(unroll).build();
        Tensor x = Tensor.randomNormal(new Rng(2), 0, 1, batch, steps, features);
        layer.call(x);
        List<Variable> weights = layer.weights();
        Runnable step = () -> {
            try (GradientTape tape = new GradientTape()) {
                tape.watch(x);
                Tensor loss = layer.call(x, true).sum();
                List<Tensor> g = tape.gradient(loss, weights);
                g.get(0).sum().item();
            }
        };
        long start = System.nanoTime();
        long end = start + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < end) {
            step.run();
        }
        double best = Double.MAX_VALUE;
        long cap = start + 60_000_000_000L;
        while (System.nanoTime() < cap) {
            double round = medianOfRound(step, 1.0);
            if (round > best * 0.98) {
                break;
            }
            best = Math.min(best, round);
        }
        double warmed = (System.nanoTime() - start) / 1e9;
        double[] times = new double[100000];
        int n = 0;
        long stop = System.nanoTime() + (long) (seconds * 1e9);
        while (n < 5 || System.nanoTime() < stop && n < times.length) {
            long t0 = System.nanoTime();
            step.run();
            times[n++] = (System.nanoTime() - t0) / 1e9;
        }
        double[] t = Arrays.copyOf(times, n);
        Arrays.sort(t);
        return new double[] {t[n / 2], n, warmed, keptBytes(layer, x, weights) / (double) steps};
    }

    /** The median call of calls made for about {@code seconds} (at least 5). */
    private static double medianOfRound(Runnable step, double seconds) {
        double[] times = new double[10000];
        int n = 0;
        long stop = System.nanoTime() + (long) (seconds * 1e9);
        while (n < 5 || System.nanoTime() < stop && n < times.length) {
            long t0 = System.nanoTime();
            step.run();
            times[n++] = (System.nanoTime() - t0) / 1e9;
        }
        double[] t = Arrays.copyOf(times, n);
        Arrays.sort(t);
        return t[n / 2];
    }

    /**
     * Bytes of the distinct arrays the tape holds through its recorded ops after the forward pass
     * (what stays alive for backward), without the weights' and the input's.
     */
    static long keptBytes(RNN layer, Tensor x, List<Variable> weights) {
        Set<Object> excluded = Collections.newSetFromMap(new IdentityHashMap<>());
        excluded.add(x.storage());
        for (Variable w : weights) {
            excluded.add(w.storage());
        }
        Set<Object> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        long bytes = 0;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            layer.call(x, true);
            for (RecordedOp op : tape.operations()) {
                for (Tensor t : op.inputs()) {
                    bytes += size(t, excluded, kept);
                }
                bytes += size(op.output(), excluded, kept);
            }
        }
        return bytes;
    }

    private static long size(Tensor t, Set<Object> excluded, Set<Object> kept) {
        Object s = t.storage();
        if (excluded.contains(s) || !kept.add(s)) {
            return 0;
        }
        return switch (s) {
            case float[] f -> 4L * f.length;
            case double[] d -> 8L * d.length;
            case long[] l -> 8L * l.length;
            case boolean[] b -> b.length;
            default -> 0;
        };
    }

    static void run(String kind, boolean unroll, int batch, double warmup, double seconds, PrintStream out) {
        double[] r = time(kind, unroll, batch, 28, 28, 128, warmup, seconds);
        out.printf(Locale.ROOT, "jgrad kind=%s batch=%d steps=28 input=28 hidden=128 threads=%s%s median_step_ms=%.2f"
                + " samples_per_s=%.0f calls=%d warmup_s=%.0f kept_bytes_per_step=%.0f%n", kind, batch,
                System.getProperty("jgrad.kernels.threads", "default"), unroll ? " unroll=true" : "", r[0] * 1e3,
                batch / r[0], (int) r[1], r[2], r[3]);
    }

    public static void main(String[] args) {
        Args a = Args.parse("rnn-benchmark", args, "kind=", "batch=", "warmup=", "seconds=", "unroll");
        run(a.string("kind", "lstm"), Boolean.parseBoolean(a.string("unroll", "false")), a.positive("batch", 64),
                a.doubleValue("warmup", 3), a.doubleValue("seconds", 5), System.out);
    }
}
