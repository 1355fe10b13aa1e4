package jgrad.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ceiling for {@link GemmBench}: how many float32 FMAs per second this machine retires from
 * Java, with 16 independent accumulators in registers and nothing read from memory. A GEMM cannot
 * beat it, so GEMM GFLOP/s are judged against this figure measured in the same run, not against a
 * data-sheet number (a virtual CPU's clock under AVX-512 load is not on any sheet). The score is
 * nanoseconds per vector FMA; GFLOP/s = 2 * lanes / score, per thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FmaPeakBench {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Vector FMAs per benchmark call: 16 chains of ITERATIONS each. */
    static final int ITERATIONS = 1 << 16;

    private float[] seed;

    @Setup
    public void setUp() {
        seed = new float[2 * S.length()];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = 1f + 1e-7f * i;
        }
    }

    /** One thread's rate. */
    @Benchmark
    @OperationsPerInvocation(16 * ITERATIONS)
    public float oneThread() {
        return chains(seed);
    }

    /** Every core at once (two threads on the 2-vCPU machine): the aggregate and per-thread rate. */
    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(16 * ITERATIONS)
    public float twoThreads() {
        return chains(seed);
    }

    /** Lanes per vector, for converting the score: GFLOP/s per thread = 2 * lanes / (ns per FMA). */
    public static int lanes() {
        return S.length();
    }

    private static float chains(float[] seed) {
        FloatVector a = FloatVector.fromArray(S, seed, 0);
        FloatVector b = FloatVector.fromArray(S, seed, S.length());
        FloatVector c0 = a, c1 = b, c2 = a, c3 = b, c4 = a, c5 = b, c6 = a, c7 = b;
        FloatVector c8 = a, c9 = b, c10 = a, c11 = b, c12 = a, c13 = b, c14 = a, c15 = b;
        // 16 independent chains hide the FMA latency (4 cycles) on two FMA ports.
        for (int i = 0; i < ITERATIONS; i++) {
            c0 = c0.fma(a, b); c1 = c1.fma(a, b); c2 = c2.fma(a, b); c3 = c3.fma(a, b);
            c4 = c4.fma(a, b); c5 = c5.fma(a, b); c6 = c6.fma(a, b); c7 = c7.fma(a, b);
            c8 = c8.fma(a, b); c9 = c9.fma(a, b); c10 = c10.fma(a, b); c11 = c11.fma(a, b);
            c12 = c12.fma(a, b); c13 = c13.fma(a, b); c14 = c14.fma(a, b); c15 = c15.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .add(c12).add(c13).add(c14).add(c15).reduceLanes(VectorOperators.ADD);
    }

    /**
     * The one-thread ceiling timed in this thread's CPU time rather than wall time, so that it can
     * be measured beside {@code scripts/bench_peers.sh}'s {@code CLOCK=cpu} runs on a machine other
     * work shares: prints the median GFLOP/s of {@code args[0]} (default 15) rounds.
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        FmaPeakBench b = new FmaPeakBench();
        b.setUp();
        float sink = 0;
        for (int i = 0; i < 200; i++) { // compile first
            sink += b.oneThread();
        }
        double[] gflops = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 50; i++) {
                sink += b.oneThread();
            }
            double seconds = (cpu.getCurrentThreadCpuTime() - t0) / 1e9;
            gflops[r] = 50.0 * 16 * ITERATIONS * 2 * S.length() / seconds / 1e9;
        }
        java.util.Arrays.sort(gflops);
        System.out.printf(java.util.Locale.ROOT, "FMA ceiling, one thread, thread CPU time: %.1f GFLOP/s median of %d"
                + " rounds [%.1f-%.1f] (%d lanes; checksum %s)%n", gflops[rounds / 2], rounds, gflops[0],
                gflops[rounds - 1], S.length(), sink);
    }
}
