package jgrad.bench;

import java.util.concurrent.TimeUnit;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Elementwise ops on 1M contiguous float32 values (4 MB per operand). Two concrete subclasses run
 * the same methods in separate forks: {@link Vector} with the Vector API kernels, {@link Scalar}
 * with {@code -Djgrad.kernels.scalar=true}. {@link BandwidthBench} moves the same bytes with
 * System.arraycopy for comparison.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class ElementwiseBench {
    static final int N = 1 << 20;

    private Tensor a;
    private Tensor b;

    @Setup
    public void setUp() {
        Rng rng = new Rng(1);
        a = Tensor.randomUniform(rng, -3, 3, N);
        b = Tensor.randomUniform(rng, 0.5, 2, N);
    }

    @Benchmark
    public Tensor add() {
        return a.add(b);
    }

    @Benchmark
    public Tensor mul() {
        return a.mul(b);
    }

    @Benchmark
    public Tensor exp() {
        return a.exp();
    }

    @Benchmark
    public Tensor tanh() {
        return a.tanh();
    }

    @Benchmark
    public Tensor sigmoid() {
        return a.sigmoid();
    }

    /** The Vector API kernels (the default). */
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
    public static class Vector extends ElementwiseBench {}

    /** The scalar reference loops. */
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Djgrad.kernels.scalar=true"})
    public static class Scalar extends ElementwiseBench {}
}
