package jgrad.samples.attention;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.layers.attention.MultiHeadAttention;
import jgrad.nn.layers.attention.TransformerEncoder;
import jgrad.nn.optimizers.Adam;
import jgrad.ops.kernels.Parallel;
import jgrad.ops.nn.ScaledDotProductAttention;
import jgrad.samples.Args;

/**
 * The jgrad side of {@code scripts/bench_attention.sh} (peer: {@code scripts/bench_attention_torch.py}),
 * float32, threads from {@code -Djgrad.kernels.threads=N}:
 * <ul>
 *   <li>{@code mha}: MultiHeadAttention(4 heads, key_dim 32) self-attention on [32, 128, 128],
 *       forward plus the gradients of the input and all eight weights (loss = sum of the output);
 *   <li>{@code encoder}: a training step of two TransformerEncoder blocks (d 128, 4 heads,
 *       feed-forward 512, post-LN, no dropout): forward, MSE against a fixed target, backward and
 *       an Adam update;
 *   <li>{@code memory}: one head at T = 4,096, d = 64, forward and backward through the fused op:
 *       the bytes the JVM allocated on all threads, beside the T x T float32 matrix (64 MiB) a
 *       plain softmax(QK^T)V would keep, and beside the inputs' own size.
 * </ul>
 * {@code op} times the fused attention op alone at the mha case's shape ([32, 4, 128, 32]), to
 * show how much of the layer's time is the attention itself.
 * Each timed case warms up, then reports the median call time: {@code jgrad case=... median_ms=...}.
 */
public final class AttentionBenchmark {
    private AttentionBenchmark() {}

    public static void main(String[] args) {
        Args a = Args.parse("attention-benchmark", args, "cases=", "seconds=", "warmup=");
        String cases = a.string("cases", "mha,encoder,memory");
        double seconds = a.doubleValue("seconds", 5);
        double warmup = a.doubleValue("warmup", 5);
        for (String c : cases.split(",")) {
            switch (c) {
                case "mha" -> time("mha", 32, mhaStep(), warmup, seconds);
                case "encoder" -> time("encoder", 32, encoderStep(), warmup, seconds);
                case "memory" -> memory(4096, 64);
                case "op" -> time("op", 32, opStep(), warmup, seconds);
                default -> throw new IllegalArgumentException("attention-benchmark: unknown case " + c
                        + " (mha, encoder, memory, op)");
            }
        }
    }

    static Runnable mhaStep() {
        Layer.resetNames();
        Rng rng = new Rng(1);
        MultiHeadAttention mha = MultiHeadAttention.builder(4, 32).seed(1).build();
        Tensor x = Tensor.randomNormal(rng, 0, 1, 32, 128, 128);
        mha.call(List.of(x, x), false);
        List<Tensor> sources = new ArrayList<>(List.of(x));
        sources.addAll(mha.trainableWeights());
        return () -> {
            try (GradientTape tape = new GradientTape()) {
                tape.watch(x);
                Tensor y = mha.call(List.of(x, x), true);
                for (Tensor g : tape.gradient(y.sum(), sources)) {
                    sink(g);
                }
            }
        };
    }

    /** The fused op alone at the mha case's shape [32, 4, 128, 32]: forward plus the gradients of q, k and v. */
    static Runnable opStep() {
        Rng rng = new Rng(4);
        Tensor q = Tensor.randomNormal(rng, 0, 1, 32, 4, 128, 32);
        Tensor k = Tensor.randomNormal(rng, 0, 1, 32, 4, 128, 32);
        Tensor v = Tensor.randomNormal(rng, 0, 1, 32, 4, 128, 32);
        return () -> {
            try (GradientTape tape = new GradientTape()) {
                tape.watch(q, k, v);
                Tensor y = ScaledDotProductAttention.scaledDotProductAttention(q, k, v, null, false);
                for (Tensor g : tape.gradient(y.sum(), q, k, v)) {
                    sink(g);
                }
            }
        };
    }

    static Runnable encoderStep() {
        Layer.resetNames();
        Rng rng = new Rng(2);
        TransformerEncoder e1 = new TransformerEncoder(512, 4);
        TransformerEncoder e2 = new TransformerEncoder(512, 4);
        Tensor x = Tensor.randomNormal(rng, 0, 1, 32, 128, 128);
        Tensor target = Tensor.randomNormal(rng, 0, 1, 32, 128, 128);
        e2.call(e1.call(x));
        List<Variable> vars = new ArrayList<>(e1.trainableWeights());
        vars.addAll(e2.trainableWeights());
        Adam adam = new Adam(1e-4);
        return () -> {
            try (GradientTape tape = new GradientTape()) {
                Tensor y = e2.call(e1.call(x, true), true);
                Tensor loss = y.sub(target).square().mean();
                adam.apply(tape.gradient(loss, vars), vars);
            }
        };
    }

    /** Forward and backward of one long head; prints the bytes allocated on every thread. */
    static long memory(int t, int d) {
        Rng rng = new Rng(3);
        Tensor q = Tensor.randomNormal(rng, 0, 1, 1, t, d);
        Tensor k = Tensor.randomNormal(rng, 0, 1, 1, t, d);
        Tensor v = Tensor.randomNormal(rng, 0, 1, 1, t, d);
        Runnable step = () -> {
            try (GradientTape tape = new GradientTape()) {
                tape.watch(q, k, v);
                Tensor y = ScaledDotProductAttention.scaledDotProductAttention(q, k, v, null, true);
                for (Tensor g : tape.gradient(y.sum(), q, k, v)) {
                    sink(g);
                }
            }
        };
        step.run();   // class loading and the pool's threads
        long before = allocatedBytes();
        long t0 = System.nanoTime();
        step.run();
        double ms = (System.nanoTime() - t0) / 1e6;
        long bytes = allocatedBytes() - before;
        long matrix = 4L * t * t;
        long inputs = 3L * 4 * t * d;
        System.out.printf("jgrad case=memory T=%d d=%d causal threads=%d allocated_bytes=%d txt_matrix_bytes=%d"
                + " ratio_to_txt=%.4f inputs_bytes=%d ms=%.0f%n", t, d, Parallel.threads(), bytes, matrix,
                (double) bytes / matrix, inputs, ms);
        return bytes;
    }

    /** Bytes allocated so far by every live thread (HotSpot's per-thread counters). */
    static long allocatedBytes() {
        return sumOverThreads("getThreadAllocatedBytes");
    }

    /** CPU time of every live thread so far, in nanoseconds. */
    static long processCpuNanos() {
        return sumOverThreads("getThreadCpuTime");
    }

    /**
     * The sum over every live thread of one of com.sun.management.ThreadMXBean's per-thread
     * counters (module jdk.management), reached by reflection so that the samples module needs no
     * extra 'requires'.
     */
    private static long sumOverThreads(String counter) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] ids = mx.getAllThreadIds();
        try {
            long[] values = (long[]) Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod(counter, long[].class).invoke(mx, (Object) ids);
            long sum = 0;
            for (long v : values) {
                sum += Math.max(0, v);
            }
            return sum;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JVM has no per-thread " + counter, e);
        }
    }

    static double time(String name, int batch, Runnable step, double warmup, double seconds) {
        long end = System.nanoTime() + (long) (warmup * 1e9);
        while (System.nanoTime() < end) {
            step.run();
        }
        List<Double> ms = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        long start = System.nanoTime();
        while (System.nanoTime() - start < seconds * 1e9 || ms.size() < 5) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            step.run();
            ms.add((System.nanoTime() - t0) / 1e6);
            cpu.add((processCpuNanos() - c0) / 1e6);
        }
        double[] s = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] c = cpu.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = s[s.length / 2];
        // cpu_ms: the CPU time of all threads per call (the JIT's too). On a busy
        // machine it moves much less than the wall time, so it is the figure to compare two builds by.
        System.out.printf("jgrad case=%s threads=%d median_ms=%.2f q1_ms=%.2f q3_ms=%.2f reps=%d samples_per_s=%.0f"
                + " cpu_ms=%.2f%n", name, Parallel.threads(), median, s[s.length / 4], s[3 * s.length / 4], s.length,
                batch / (median / 1e3), c[c.length / 2]);
        return median;
    }

    private static double sink;

    private static void sink(Tensor t) {
        sink += t.size();
    }
}
