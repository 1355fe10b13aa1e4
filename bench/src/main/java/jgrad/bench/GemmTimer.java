package jgrad.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.ops.kernels.Gemm;
import jgrad.ops.kernels.Parallel;

/**
 * jgrad's side of {@code scripts/bench_peers.sh}: times float32 GEMM shapes with exactly the
 * protocol of that script's NumPy and PyTorch peers (untimed products for the given seconds, then single products
 * timed for at least the given seconds and at least five times), so that each side is one short
 * process and the script can interleave them. Not JMH: a JMH fork per configuration would take
 * minutes, and the peers cannot run under JMH anyway.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Djgrad.kernels.threads=1 -cp ... jgrad.bench.GemmTimer 0.5 1024x1024x1024 64x64x128:NT
 * </pre>
 *
 * Prints one JSON object: {@code {"info": {...}, "seconds": {"shape": [t, ...]}}}, each list the
 * per-product times in seconds. A shape is {@code MxKxN}, with {@code :TN}, {@code :NT} or
 * {@code :TT} when A, B or both are stored transposed (read in place, as the peers read
 * {@code x.T}). With {@code -Djgrad.timer.clock=cpu} (one kernel thread only) each product is timed
 * in the thread's CPU time, which other work on a shared machine does not inflate.
 */
public final class GemmTimer {
    private GemmTimer() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: GemmTimer SECONDS SHAPE... (e.g. 0.5 1024x1024x1024 64x64x128:NT)");
        }
        double seconds = Double.parseDouble(args[0]);
        boolean cpuClock = System.getProperty("jgrad.timer.clock", "wall").equals("cpu");
        if (cpuClock && Parallel.threads() != 1) {
            throw new IllegalArgumentException("GemmTimer: -Djgrad.timer.clock=cpu times the calling thread only;"
                    + " run it with -Djgrad.kernels.threads=1");
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<String> shapes = Arrays.asList(args).subList(1, args.length);
        Rng rng = new Rng(1);
        warmUp(rng);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "{\"info\": {\"threads\": %d, \"java\": \"%s\"}, \"seconds\": {",
                Parallel.threads(), System.getProperty("java.version")));
        List<String> entries = new ArrayList<>();
        for (String shape : shapes) {
            Product p = Product.parse(shape, rng);
            // The peers' warm-up: at least three products and as long as the timed seconds.
            long start = System.nanoTime();
            for (int warm = 0; warm < 3 || (System.nanoTime() - start) / 1e9 < seconds; warm++) {
                p.run();
            }
            List<Double> times = new ArrayList<>();
            start = System.nanoTime();
            while ((System.nanoTime() - start) / 1e9 < seconds || times.size() < 5) {
                long t0 = cpuClock ? cpu.getCurrentThreadCpuTime() : System.nanoTime();
                p.run();
                times.add(((cpuClock ? cpu.getCurrentThreadCpuTime() : System.nanoTime()) - t0) / 1e9);
            }
            StringBuilder list = new StringBuilder();
            for (double t : times) {
                list.append(list.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.9f", t));
            }
            entries.add("\"" + shape + "\": [" + list + "]");
        }
        out.append(String.join(", ", entries)).append("}}");
        System.out.println(out);
    }

    /**
     * Gets the kernels compiled on small products of every transpose case first: interpreted, one
     * 1024^3 product takes over a second, which would land in the timed products of a short run.
     * The peers' libraries are compiled ahead of time, so this is the fair start.
     */
    private static void warmUp(Rng rng) {
        for (String flags : new String[] {"NN", "TN", "NT"}) {
            Product p = Product.parse("96x160x80:" + flags, rng);
            long start = System.nanoTime();
            // At least 1500 products and 0.3 s each: on a loaded machine the compiler threads lag behind.
            for (int i = 0; i < 1500 || System.nanoTime() - start < 300_000_000L; i++) {
                p.run();
            }
        }
    }

    /** One product {@code op(a) @ op(b)} of a shape string. */
    private record Product(Tensor a, Tensor b, boolean ta, boolean tb) {
        static Product parse(String shape, Rng rng) {
            GemmShape g = GemmShape.parse(shape);
            Tensor a = Tensor.randomNormal(rng, 0, 1, g.aDims());
            Tensor b = Tensor.randomNormal(rng, 0, 1, g.bDims());
            return new Product(a, b, g.ta(), g.tb());
        }

        void run() {
            Gemm.matmul(a, b, ta, tb);
        }
    }
}
