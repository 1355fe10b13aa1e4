package jgrad.samples;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.FitOptions;
import jgrad.nn.Input;
import jgrad.nn.Sequential;
import jgrad.nn.callbacks.LambdaCallback;
import jgrad.nn.layers.Dense;
import jgrad.nn.losses.Loss;
import jgrad.nn.optimizers.Adam;
import jgrad.ops.kernels.Parallel;

/**
 * The training-speed benchmark of docs/benchmarks.md: a 784-128-64-10 MLP (ReLU, softmax, sparse
 * categorical cross-entropy, Adam 1e-3) trained on 60,000 synthetic MNIST-shaped samples, timing
 * whole epochs after warm-up ones. {@code --mode fit} uses {@code model.fit} (shuffled batches,
 * the accuracy metric, as a Keras user would); {@code --mode tape} a GradientTape loop with
 * {@code optimizer.apply} over in-order batches, like the PyTorch peer
 * ({@code scripts/bench_mlp_torch.py}). Prints one line of results: samples per second (median
 * epoch), peak heap and peak RSS. {@code scripts/bench_mlp.sh} runs both sides and the ratio.
 */
public final class MlpBenchmark {
    private MlpBenchmark() {}

    public static void main(String[] args) {
        Args a = Args.parse("mlp-benchmark", args, "batch=", "samples=", "epochs=", "warmup=", "mode=", "seed=");
        int batch = a.positive("batch", 64);
        int n = a.positive("samples", 60000);
        int epochs = a.positive("epochs", 3);
        int warmup = a.intValue("warmup", 1);
        String mode = a.string("mode", "fit");
        if (!mode.equals("fit") && !mode.equals("tape")) {
            throw new Args.UsageException("mlp-benchmark: --mode must be fit or tape, got '" + mode + "'");
        }
        Rng rng = new Rng(a.longValue("seed", 1));
        Rng.setGlobalSeed(a.longValue("seed", 1));
        float[] pixels = new float[n * 784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextDouble();
        }
        Tensor x = Tensor.wrap(pixels, Shape.of(n, 784)); // filled in place: no double[] copy of 60,000 x 784
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(10);
        }
        Tensor y = Tensor.wrap(labels, Shape.of(n));

        Sequential model = new Sequential(Input.of(784), new Dense(128, "relu"), new Dense(64, "relu"),
                new Dense(10, "softmax"));
        Adam adam = new Adam(1e-3);
        model.compile(adam, "sparse_categorical_crossentropy", "accuracy");
        Loss loss = Loss.get("sparse_categorical_crossentropy");
        List<Variable> weights = model.trainableWeights();

        double[] seconds = new double[epochs];
        double lastLoss = Double.NaN;
        long[] firstEpochEnd = new long[1]; // wall clock (ms) at the end of the first epoch: time to first epoch
        if (mode.equals("fit")) {
            // One fit call for all epochs, as a Keras user trains; a callback times each epoch.
            long[] begin = new long[1];
            LambdaCallback timer = new LambdaCallback().withEpochBegin((e, logs) -> begin[0] = System.nanoTime())
                    .withEpochEnd((e, logs) -> {
                        if (e == 0) {
                            firstEpochEnd[0] = System.currentTimeMillis();
                        }
                        if (e >= warmup) {
                            seconds[e - warmup] = (System.nanoTime() - begin[0]) / 1e9;
                        }
                    });
            lastLoss = model.fit(x, y, FitOptions.builder().epochs(warmup + epochs).batchSize(batch).seed(7)
                    .verbose(0).callbacks(timer).build()).last("loss");
        } else {
            for (int e = -warmup; e < epochs; e++) {
                long t0 = System.nanoTime();
                for (int s = 0; s + batch <= n; s += batch) {
                    Tensor xb = x.slice(0, s, s + batch);
                    Tensor yb = y.slice(0, s, s + batch);
                    try (GradientTape tape = new GradientTape()) {
                        Tensor l = loss.call(yb, model.call(xb, true));
                        adam.apply(tape.gradient(l, weights), weights);
                        lastLoss = l.item();
                    }
                }
                if (e == -warmup) {
                    firstEpochEnd[0] = System.currentTimeMillis();
                }
                if (e >= 0) {
                    seconds[e] = (System.nanoTime() - t0) / 1e9;
                }
            }
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        int samplesPerEpoch = mode.equals("fit") ? n : n / batch * batch;
        System.out.printf(Locale.ROOT, "jgrad mode=%s batch=%d samples=%d epochs=%s median_epoch_s=%.3f"
                + " samples_per_s=%.0f peak_heap_mb=%.0f peak_rss_mb=%.0f threads=%d final_loss=%.4f"
                + " first_epoch_end_unix=%.3f%n", mode, batch,
                samplesPerEpoch, Arrays.toString(round(seconds)).replace(" ", ""), median, samplesPerEpoch / median,
                peakHeapMb(), peakRssMb(), Parallel.threads(), lastLoss, firstEpochEnd[0] / 1e3);
    }

    private static double[] round(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.round(v[i] * 1000) / 1000.0;
        }
        return out;
    }

    /** The sum of every heap pool's peak usage (a bound on the heap's peak), in MB. */
    static double peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / 1e6;
    }

    /** The process's peak resident set (VmHWM in /proc/self/status), in MB; NaN where there is no /proc. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1e3;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
