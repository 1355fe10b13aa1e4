package jgrad.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.ops.kernels.Epilogue.Activation;
import jgrad.ops.kernels.Parallel;
import jgrad.ops.nn.Conv;
import jgrad.ops.nn.Padding;

/**
 * The jgrad side of {@code scripts/bench_conv.sh}: conv2d forward plus the gradients of input,
 * kernel and bias at LeNet's two shapes and a VGG shape, timed call by call after a warm-up, one
 * result line per case in the format {@code scripts/bench_conv_torch.py} prints. The thread count
 * is the kernel pool's ({@code -Djgrad.kernels.threads=N}).
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -Djgrad.kernels.threads=1 -cp ... jgrad.bench.ConvPeerBench --seconds 2
 * }</pre>
 */
public final class ConvPeerBench {
    private ConvPeerBench() {}

    /** One benchmark case: channels-last input and Keras kernel shapes, padding, activation. */
    record Case(String name, int[] x, int[] kernel, Padding padding, Activation activation) {}

    /** The cases of the issue: LeNet's layers at batch 64, a VGG layer at batch 32. */
    static final List<Case> CASES = List.of(
            new Case("lenet1", new int[] {64, 28, 28, 1}, new int[] {5, 5, 1, 6}, Padding.SAME, Activation.SIGMOID),
            new Case("lenet2", new int[] {64, 14, 14, 6}, new int[] {5, 5, 6, 16}, Padding.VALID,
                    Activation.SIGMOID),
            new Case("vgg", new int[] {32, 32, 32, 64}, new int[] {3, 3, 64, 64}, Padding.SAME, Activation.RELU));

    public static void main(String[] args) {
        double seconds = 2;
        double warmup = 2;
        List<String> only = new ArrayList<>();
        boolean forwardOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--cases" -> only.addAll(Arrays.asList(args[++i].split(",")));
                case "--forward" -> forwardOnly = true;
                default -> throw new IllegalArgumentException("ConvPeerBench: unknown argument " + args[i]
                        + " (--seconds S, --warmup S, --cases a,b, --forward)");
            }
        }
        List<Case> cases = new ArrayList<>();
        List<Runnable> steps = new ArrayList<>();
        for (Case c : CASES) {
            if (!only.isEmpty() && !only.contains(c.name())) {
                continue;
            }
            Rng rng = new Rng(1);
            Tensor x = Tensor.randomNormal(rng, 0, 1, c.x());
            Tensor kernel = Tensor.randomNormal(rng, 0, 0.1, c.kernel());
            Tensor bias = Tensor.randomNormal(rng, 0, 0.1, c.kernel()[3]);
            boolean fwd = forwardOnly;
            cases.add(c);
            steps.add(() -> {
                if (fwd) {
                    sink(Conv.conv(x, kernel, bias, new int[] {1, 1}, new int[] {1, 1}, c.padding(), c.activation()));
                    return;
                }
                try (GradientTape tape = new GradientTape()) {
                    tape.watch(x, kernel, bias);
                    Tensor y = Conv.conv(x, kernel, bias, new int[] {1, 1}, new int[] {1, 1}, c.padding(),
                            c.activation());
                    for (Tensor g : tape.gradient(y.sum(), x, kernel, bias)) {
                        sink(g);
                    }
                }
            });
        }
        // Warm-up: every case in turn for the warm-up time each (the JIT sees every shape before any
        // is timed), then each case for at least half that again and until its calls stop getting
        // faster (on a loaded machine the compiler may still be busy), at most twice the warm-up.
        long warmEnd = System.nanoTime() + (long) (warmup * 1e9 * cases.size());
        while (System.nanoTime() < warmEnd) {
            for (Runnable step : steps) {
                step.run();
            }
        }
        for (int ci = 0; ci < cases.size(); ci++) {
            Case c = cases.get(ci);
            Runnable step = steps.get(ci);
            long end = System.nanoTime() + (long) (warmup / 2 * 1e9);
            long cap = System.nanoTime() + (long) (2 * warmup * 1e9);
            double previous = Double.MAX_VALUE;
            while (System.nanoTime() < cap) {
                double[] window = new double[7];
                for (int i = 0; i < window.length; i++) {
                    long t0 = System.nanoTime();
                    step.run();
                    window[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(window);
                double median = window[window.length / 2];
                if (System.nanoTime() >= end && median > 0.95 * previous) {
                    break;
                }
                previous = Math.min(previous, median);
            }
            List<Double> ms = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            long start = System.nanoTime();
            while (System.nanoTime() - start < seconds * 1e9 || ms.size() < 5) {
                long c0 = ConvBenchSupport.threadCpuNanos();
                long t0 = System.nanoTime();
                step.run();
                ms.add((System.nanoTime() - t0) / 1e6);
                cpu.add((ConvBenchSupport.threadCpuNanos() - c0) / 1e6);
            }
            double[] s = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] cs = cpu.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = quantile(s, 0.5);
            // The calling thread's CPU time: on a loaded machine, a steadier figure for one thread.
            System.out.printf("jgrad case=%s threads=%d median_ms=%.3f q1_ms=%.3f q3_ms=%.3f reps=%d samples_per_s=%.0f"
                    + " cpu_ms=%.3f%n", c.name(), Parallel.threads(), median, quantile(s, 0.25), quantile(s, 0.75),
                    s.length, c.x()[0] / (median / 1e3), quantile(cs, 0.5));
        }
        System.out.println("jgrad sink=" + sink);
    }

    private static double sink;

    private static void sink(Tensor t) {
        sink += t.size();
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
