package jgrad.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.ops.Losses;
import jgrad.ops.kernels.Epilogue.Activation;
import jgrad.ops.kernels.Parallel;
import jgrad.ops.nn.AvgPool;
import jgrad.ops.nn.Conv;
import jgrad.ops.nn.Dense;
import jgrad.ops.nn.Padding;

/**
 * The jgrad side of {@code scripts/bench_conv_lenet.sh}: LeNet of SEEDS-4-8 4.3.4 (Conv2D 6 5x5
 * same sigmoid, AvgPool 2, Conv2D 16 5x5 valid sigmoid, AvgPool 2, Flatten, Dense 120 and 84
 * sigmoid, Dense 10; 61,706 parameters) trained on synthetic MNIST-shaped images (pixels uniform
 * in [0, 1), labels uniform in 0-9) with sparse softmax cross-entropy on the logits and Adam
 * (1e-3) written in tensor ops, over in-order batches, whole epochs timed after warm-up ones. The
 * network is written with the ops (Conv.conv, AvgPool, Dense) under a GradientTape, which is what
 * a layer's call comes down to; the PyTorch peer is {@code scripts/bench_conv_lenet_torch.py}.
 * Prints one line: samples per second (median epoch), peak heap, peak RSS, threads.
 *
 * <pre>{@code
 * java ... -Djgrad.kernels.threads=1 jgrad.bench.ConvLeNetTraining --batch 64 --samples 12800 --epochs 3
 * }</pre>
 */
public final class ConvLeNetTraining {
    private ConvLeNetTraining() {}

    public static void main(String[] args) {
        int batch = 64;
        int n = 12800;
        int epochs = 3;
        int warmup = 1;
        double warmupSeconds = 5;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--samples" -> n = Integer.parseInt(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("ConvLeNetTraining: unknown argument " + args[i]
                        + " (--batch B, --samples N, --epochs E, --warmup W, --warmup-seconds S, --seed S)");
            }
        }
        Rng rng = new Rng(seed);
        float[] pixels = new float[n * 784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextDouble();
        }
        Tensor x = Tensor.wrap(pixels, Shape.of(n, 28, 28, 1));
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(10);
        }
        Tensor y = Tensor.wrap(labels, Shape.of(n));
        LeNet net = new LeNet(rng);
        ConvBenchSupport.resetPeakHeap();
        double[] seconds = new double[epochs];
        double lastLoss = Double.NaN;
        int steps = n / batch;
        // Warm-up epochs: at least --warmup of them and --warmup-seconds in all (the JIT compiles
        // the kernels in the background; on a loaded machine that takes seconds).
        long warmStart = System.nanoTime();
        for (int e = 0; e < warmup || System.nanoTime() - warmStart < warmupSeconds * 1e9; e++) {
            for (int s = 0; s < steps; s++) {
                lastLoss = net.step(x.slice(0, s * batch, (s + 1) * batch), y.slice(0, s * batch, (s + 1) * batch));
            }
        }
        for (int e = 0; e < epochs; e++) {
            long t0 = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                lastLoss = net.step(x.slice(0, s * batch, (s + 1) * batch), y.slice(0, s * batch, (s + 1) * batch));
            }
            seconds[e] = (System.nanoTime() - t0) / 1e9;
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        int samples = steps * batch;
        StringBuilder es = new StringBuilder();
        for (double s : seconds) {
            es.append(es.isEmpty() ? "" : ",").append(String.format(Locale.ROOT, "%.3f", s));
        }
        System.out.printf(Locale.ROOT, "jgrad batch=%d samples=%d epochs=[%s] median_epoch_s=%.3f samples_per_s=%.0f"
                + " peak_heap_mb=%.0f peak_rss_mb=%.0f threads=%d params=%d final_loss=%.4f%n", batch, samples, es, median,
                samples / median, ConvBenchSupport.peakHeapMb(), ConvBenchSupport.peakRssMb(), Parallel.threads(),
                net.parameterCount(), lastLoss);
    }

    /** The network's variables and Adam's moments, and one training step. */
    static final class LeNet {
        private static final int[] ONES = {1, 1};
        private final List<Variable> params = new ArrayList<>();
        private final Tensor[] m;
        private final Tensor[] v;
        private long t;

        LeNet(Rng rng) {
            // Glorot uniform kernels and zero biases, as Keras initialises them.
            add(rng, new int[] {5, 5, 1, 6}, 25, 150);
            add(rng, new int[] {5, 5, 6, 16}, 150, 400);
            add(rng, new int[] {400, 120}, 400, 120);
            add(rng, new int[] {120, 84}, 120, 84);
            add(rng, new int[] {84, 10}, 84, 10);
            m = new Tensor[params.size()];
            v = new Tensor[params.size()];
            for (int i = 0; i < params.size(); i++) {
                m[i] = Tensor.zerosLike(params.get(i));
                v[i] = Tensor.zerosLike(params.get(i));
            }
        }

        private void add(Rng rng, int[] shape, int fanIn, int fanOut) {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            params.add(Variable.of(Tensor.randomUniform(rng, -limit, limit, shape)));
            params.add(Variable.of(Tensor.zeros(shape[shape.length - 1])));
        }

        int parameterCount() {
            return params.stream().mapToInt(Tensor::size).sum();
        }

        Tensor logits(Tensor x) {
            Tensor h = Conv.conv(x, params.get(0), params.get(1), ONES, ONES, Padding.SAME, Activation.SIGMOID);
            h = AvgPool.avgPool(h, new int[] {2, 2}, new int[] {2, 2}, Padding.SAME);
            h = Conv.conv(h, params.get(2), params.get(3), ONES, ONES, Padding.VALID, Activation.SIGMOID);
            h = AvgPool.avgPool(h, new int[] {2, 2}, new int[] {2, 2}, Padding.SAME);
            h = h.reshape(h.dim(0), 400);
            h = Dense.dense(h, params.get(4), params.get(5), Activation.SIGMOID);
            h = Dense.dense(h, params.get(6), params.get(7), Activation.SIGMOID);
            return Dense.dense(h, params.get(8), params.get(9), Activation.LINEAR);
        }

        double step(Tensor x, Tensor y) {
            try (GradientTape tape = new GradientTape()) {
                Tensor loss = Losses.sparseCategoricalCrossEntropyWithLogits(y, logits(x));
                List<Tensor> g = tape.gradient(loss, params);
                t++;
                double lr = 1e-3 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
                for (int i = 0; i < params.size(); i++) {
                    m[i] = m[i].mul(0.9f).add(g.get(i).mul(0.1f));
                    v[i] = v[i].mul(0.999f).add(g.get(i).square().mul(0.001f));
                    params.get(i).assignSub(m[i].div(v[i].sqrt().add(1e-7f)).mul((float) lr));
                }
                return loss.item();
            }
        }
    }
}
