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
 * Elementwise ops on 1M contiguous float32 values (4 MB per operand), one op at a time and as a
 * chain of three ({@code tanh(a * b + a)}, three fresh results). Three concrete subclasses run the
 * same methods in separate forks: {@link Vector} with the Vector API kernels, {@link Scalar} with
 * {@code -Djgrad.kernels.scalar=true}, and {@link VectorNoClear} with the Vector API and results
 * allocated without clearing ({@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}, see
 * {@code FreshArrays}). {@link BandwidthBench} moves the same bytes with System.arraycopy.
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

    /** Three ops in a row: {@code tanh(a * b + a)}. */
    @Benchmark
    public Tensor chain() {
        return a.mul(b).add(a).tanh();
    }

    /** The Vector API kernels (the default). */
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
    public static class Vector extends ElementwiseBench {}

    /** The Vector API kernels writing into results the JVM does not clear first. */
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"})
    public static class VectorNoClear extends ElementwiseBench {}

    /** The scalar reference loops. */
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Djgrad.kernels.scalar=true"})
    public static class Scalar extends ElementwiseBench {}
}
