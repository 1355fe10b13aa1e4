package jgrad.bench;

import java.util.concurrent.TimeUnit;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.ops.kernels.Gemm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The GEMM kernel ({@link Gemm#matmul}, no tape) on square sizes 64 to 2048 and on the skinny
 * shapes of an MNIST MLP step (784-128-10, batch 64: forward, both weight gradients and the hidden
 * gradient), in float32 and float64. A shape is {@code MxKxN}, optionally with {@code :TN},
 * {@code :NT} or {@code :TT} when A, B or both are stored transposed (read in place). The score is
 * the time per product; {@code scripts/bench_gemm_peers.py} turns it into GFLOP/s
 * ({@code 2 M N K / time}) beside NumPy/OpenBLAS and PyTorch. {@link OneThread} pins the kernels
 * to the calling thread ({@code -Djgrad.kernels.threads=1}); {@link AllThreads} uses the pool.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class GemmBench {
    @Param({"64x64x64", "128x128x128", "256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048",
        "64x784x128", "64x128x10", "128x64x10:TN", "64x10x128:NT", "784x64x128:TN", "1024x1024x1024:TN",
        "1024x1024x1024:NT"})
    public String shape;

    @Param({"float32", "float64"})
    public String dtype;

    private Tensor a;
    private Tensor b;
    private boolean ta;
    private boolean tb;

    @Setup
    public void setUp() {
        String[] parts = shape.split(":");
        String[] mkn = parts[0].split("x");
        int m = Integer.parseInt(mkn[0]);
        int k = Integer.parseInt(mkn[1]);
        int n = Integer.parseInt(mkn[2]);
        String flags = parts.length > 1 ? parts[1] : "NN";
        ta = flags.charAt(0) == 'T';
        tb = flags.charAt(1) == 'T';
        DType dt = dtype.equals("float64") ? DType.FLOAT64 : DType.FLOAT32;
        Rng rng = new Rng(1);
        a = Tensor.randomNormal(rng, dt, 0, 1, ta ? new int[] {k, m} : new int[] {m, k});
        b = Tensor.randomNormal(rng, dt, 0, 1, tb ? new int[] {n, k} : new int[] {k, n});
        // Get the kernels compiled on a small product first: interpreted, one 1024^3 product takes
        // over a second, and 2048^3 ten, which would eat the timed warm-up.
        Tensor wa = Tensor.randomNormal(rng, dt, 0, 1, ta ? new int[] {160, 96} : new int[] {96, 160});
        Tensor wb = Tensor.randomNormal(rng, dt, 0, 1, tb ? new int[] {80, 160} : new int[] {160, 80});
        for (int i = 0; i < 2000; i++) {
            Gemm.matmul(wa, wb, ta, tb);
        }
    }

    @Benchmark
    public Tensor matmul() {
        return Gemm.matmul(a, b, ta, tb);
    }

    /** Every product on the calling thread. */
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Djgrad.kernels.threads=1"})
    public static class OneThread extends GemmBench {}

    /** Big products split over the kernel pool (one thread per core). */
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
    public static class AllThreads extends GemmBench {}
}
