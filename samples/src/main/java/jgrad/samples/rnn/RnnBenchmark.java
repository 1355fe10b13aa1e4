package jgrad.samples.rnn;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.layers.recurrent.GRU;
import jgrad.nn.layers.recurrent.LSTM;
import jgrad.nn.layers.recurrent.RNN;

/**
 * Times an LSTM or GRU layer's forward and backward pass (gradients of the input and every
 * weight) at issue 10's shape: input 28, hidden 128, 28 steps, batch 64 (MNIST rows as a
 * sequence), float32, call by call after a warm-up; prints one result line in the format of
 * {@code scripts/bench_rnn_torch.py}, the PyTorch peer. Threads: {@code -Djgrad.kernels.threads=N}.
 */
public final class RnnBenchmark {
    private RnnBenchmark() {}

    static double[] time(String kind, int batch, int steps, int features, int units, double warmupSeconds,
            double seconds) {
        Rng.setGlobalSeed(1);
        Layer.resetNames();
        RNN layer = kind.equals("gru") ? new GRU(units) : new LSTM(units);
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
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < end) {
            step.run();
        }
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
        return new double[] {t[n / 2], n};
    }

    static void run(String kind, int batch, double warmup, double seconds, PrintStream out) {
        double[] r = time(kind, batch, 28, 28, 128, warmup, seconds);
        out.printf(Locale.ROOT, "jgrad kind=%s batch=%d steps=28 input=28 hidden=128 threads=%s median_step_ms=%.2f"
                + " samples_per_s=%.0f calls=%d%n", kind, batch, System.getProperty("jgrad.kernels.threads", "default"),
                r[0] * 1e3, batch / r[0], (int) r[1]);
    }

    public static void main(String[] args) {
        RnnArgs a = RnnArgs.parse("rnn-benchmark", args, "kind=", "batch=", "warmup=", "seconds=");
        run(a.string("kind", "lstm"), a.intValue("batch", 64), a.doubleValue("warmup", 3), a.doubleValue("seconds", 5),
                System.out);
    }
}
