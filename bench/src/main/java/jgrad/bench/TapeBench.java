package jgrad.bench;

import java.util.concurrent.TimeUnit;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What recording costs: a chain of {@value #CHAIN} tiny ops (add or mul on 1- and 4-element float32
 * tensors) with no tape, and inside a fresh GradientTape that watches x, so every op is recorded.
 * Scores are per op (the tape's open and close are spread over the chain); the difference between
 * the two is the tape overhead per recorded op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TapeBench {
    static final int CHAIN = 16;

    @Param({"1", "4"})
    public int size;

    private Tensor x;
    private Tensor y;

    @Setup
    public void setUp() {
        Rng rng = new Rng(1);
        // Values near 1 keep a chain of 16 multiplications finite.
        x = Tensor.randomUniform(rng, 0.9, 1.1, size);
        y = Tensor.randomUniform(rng, 0.9, 1.1, size);
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public Tensor addNoTape() {
        Tensor z = x;
        for (int i = 0; i < CHAIN; i++) {
            z = z.add(y);
        }
        return z;
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public Tensor addTape() {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor z = x;
            for (int i = 0; i < CHAIN; i++) {
                z = z.add(y);
            }
            return z;
        }
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public Tensor mulNoTape() {
        Tensor z = x;
        for (int i = 0; i < CHAIN; i++) {
            z = z.mul(y);
        }
        return z;
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public Tensor mulTape() {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor z = x;
            for (int i = 0; i < CHAIN; i++) {
                z = z.mul(y);
            }
            return z;
        }
    }

    /**
     * The recorded add chain and then its gradient: forward, recording and backward together,
     * per op of the chain (the backward of an add passes its gradient through to both inputs).
     */
    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public Tensor addTapeAndGradient() {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor z = x;
            for (int i = 0; i < CHAIN; i++) {
                z = z.add(y);
            }
            return tape.gradient(z, x);
        }
    }

    /** Opening and closing an empty tape, which the Tape scores above include once per chain. */
    @Benchmark
    public GradientTape openCloseTape() {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            return tape;
        }
    }
}
