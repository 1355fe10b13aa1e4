package jgrad.samples.autoencoder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import jgrad.nn.callbacks.LambdaCallback;
import jgrad.nn.optimizers.Adam;
import jgrad.ops.kernels.Parallel;
import jgrad.samples.Args;
import jgrad.samples.SampleData;

/**
 * The convolutional autoencoder benchmark of docs/benchmarks.md (issue 12): the Conv2DTranspose
 * autoencoder that ae-conv and ae-denoising train (28,353 parameters) fitted to reproduce the
 * shipped MNIST images (all 10,000) with Adam 1e-3, binary cross-entropy and batches of 128, as a
 * Keras user trains it: one {@code model.fit} call, in-order batches (the PyTorch peer's order), a
 * callback timing each epoch after the warm-up ones. Prints one line: samples per second (median
 * epoch), peak heap and peak RSS, the kernel threads. {@code scripts/bench_ae.sh} runs it beside
 * the PyTorch peer {@code scripts/bench_ae_torch.py} at equal thread counts.
 */
public final class AeBenchmark {
    private AeBenchmark() {}

    public static void main(String[] args) {
        Args a = Args.parse("ae-benchmark", args, "batch=", "samples=", "epochs=", "warmup=", "seed=");
        int batch = a.positive("batch", 128);
        int epochs = a.positive("epochs", 3);
        int warmup = a.intValue("warmup", 1);
        if (warmup < 0) {
            throw a.error("--warmup must be at least 0, got " + warmup);
        }
        long seed = a.seed(1);
        int samples = a.positive("samples", 10_000);
        Tensor all = SampleData.mnistTest().x();
        int n = Math.min(samples, all.dim(0));
        System.out.println(run(all.slice(0, 0, n), batch, epochs, warmup, seed));
    }

    /** Trains on {@code images} ([n, 784] in [0, 1]) and returns the result line that main prints. */
    static String run(Tensor images, int batch, int epochs, int warmup, long seed) {
        int n = images.dim(0);
        Tensor x = AeSupport.images(images);
        Layer.resetNames();
        Rng.setGlobalSeed(seed);
        Sequential model = ConvAutoencoders.transposeModel();
        model.compile(new Adam(1e-3), "binary_crossentropy");
        double[] seconds = new double[epochs];
        int warm = warmup;
        long[] begin = new long[1];
        LambdaCallback timer = new LambdaCallback().withEpochBegin((e, logs) -> begin[0] = System.nanoTime())
                .withEpochEnd((e, logs) -> {
                    if (e >= warm) {
                        seconds[e - warm] = (System.nanoTime() - begin[0]) / 1e9;
                    }
                });
        double lastLoss = model.fit(x, x, FitOptions.builder().epochs(warmup + epochs).batchSize(batch).shuffle(false)
                .seed(seed).verbose(0).callbacks(timer).build()).last("loss");
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        StringBuilder es = new StringBuilder();
        for (double s : seconds) {
            es.append(es.isEmpty() ? "" : ",").append(String.format(Locale.ROOT, "%.3f", s));
        }
        return String.format(Locale.ROOT, "jgrad threads=%d batch=%d samples=%d epochs=[%s] median_epoch_s=%.3f"
                + " samples_per_s=%.0f peak_heap_mb=%.0f peak_rss_mb=%.0f params=%d final_loss=%.4f",
                Parallel.threads(), batch, n, es, median, n / median, peakHeapMb(), peakRssMb(), model.countParams(),
                lastLoss);
    }

    /** The sum of every heap pool's peak usage (a bound on the heap's peak), in MB. */
    private static double peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / 1e6;
    }

    /** The process's peak resident set (VmHWM in /proc/self/status), in MB; NaN where there is no /proc. */
    private static double peakRssMb() {
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
