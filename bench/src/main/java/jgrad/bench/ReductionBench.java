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
 * Reductions of 1M float32 values: sums over everything, over axis 0 and axis 1 of a 1024 x 1024
 * matrix and over the middle axis of a 64 x 128 x 128 tensor (read in place, never transposed
 * first), and the max over the contiguous axis, with the Vector API ({@link Vector}) and the scalar
 * reference loops ({@link Scalar}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class ReductionBench {
    private Tensor flat;
    private Tensor matrix;
    private Tensor cube;

    @Setup
    public void setUp() {
        flat = Tensor.randomUniform(new Rng(1), -1, 1, 1 << 20);
        matrix = flat.reshape(1024, 1024);
        cube = flat.reshape(64, 128, 128);
    }

    @Benchmark
    public Tensor sumAll() {
        return flat.sum();
    }

    /** Column sums: the reduced axis is the outer one. */
    @Benchmark
    public Tensor sumAxis0() {
        return matrix.sum(0);
    }

    /** Row sums: the reduced axis is the contiguous one. */
    @Benchmark
    public Tensor sumAxis1() {
        return matrix.sum(1);
    }

    /** Sums over the middle axis of a 3-D tensor: neither the outer nor the contiguous one. */
    @Benchmark
    public Tensor sumMiddleAxis() {
        return cube.sum(1);
    }

    /** Row maxima over the contiguous axis. */
    @Benchmark
    public Tensor maxAxis1() {
        return matrix.max(1);
    }

    /** The Vector API kernels (the default). */
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
    public static class Vector extends ReductionBench {}

    /** The scalar reference loops. */
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Djgrad.kernels.scalar=true"})
    public static class Scalar extends ReductionBench {}
}
