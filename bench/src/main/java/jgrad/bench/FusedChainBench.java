package jgrad.bench;

import java.util.concurrent.TimeUnit;
import jgrad.codegen.fused.FusedGroup;
import jgrad.codegen.fused.FusedOp;
import jgrad.codegen.fused.Kernels;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.ops.math.Add;
import jgrad.ops.math.Mul;
import jgrad.ops.math.Sigmoid;
import jgrad.ops.math.Sub;
import jgrad.ops.math.Tanh;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 6-op elementwise chain on 4M float32 values, {@code tanh(a * b + c) * sigmoid(a) - b}, as one
 * generated kernel ({@link FusedOp}) against the same ops one by one (five intermediate 16 MB
 * arrays written and read back); forward alone and forward plus the gradient of all three inputs.
 * Run with {@code -prof gc} for the bytes allocated per call. {@link Compile} measures javac's
 * latency per kernel after warm-up; {@link FirstCompile} the first kernel of a fresh JVM.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FusedChainBench {
    static final int N = 4 << 20;

    private Tensor a;
    private Tensor b;
    private Tensor c;
    private FusedOp fused;

    /** The chain as a group: t = tanh(x0 * x1 + x2) * sigmoid(x0) - x1. */
    static FusedGroup chain() {
        FusedGroup.Builder g = FusedGroup.builder();
        int x0 = g.input();
        int x1 = g.input();
        int x2 = g.input();
        int t = g.node(new Tanh(), g.node(new Add(), g.node(new Mul(), x0, x1), x2));
        g.node(new Sub(), g.node(new Mul(), t, g.node(new Sigmoid(), x0)), x1);
        return g.build();
    }

    @Setup
    public void setUp() {
        Rng rng = new Rng(1);
        a = Tensor.randomUniform(rng, -2, 2, N);
        b = Tensor.randomUniform(rng, -2, 2, N);
        c = Tensor.randomUniform(rng, -2, 2, N);
        fused = new FusedOp(chain());
        // Compile the forward and backward kernels now, so the measurement sees only the kernels.
        Kernels.setSynchronous(true);
        fusedGradient();
        Kernels.setSynchronous(false);
    }

    @Benchmark
    public Tensor unfused() {
        return a.mul(b).add(c).tanh().mul(a.sigmoid()).sub(b);
    }

    @Benchmark
    public Tensor fused() {
        return fused.apply(a, b, c);
    }

    @Benchmark
    public Object unfusedGradient() {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(a, b, c);
            Tensor y = a.mul(b).add(c).tanh().mul(a.sigmoid()).sub(b);
            return tape.gradient(y, a, b, c);
        }
    }

    @Benchmark
    public Object fusedGradient() {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(a, b, c);
            Tensor y = fused.apply(a, b, c);
            return tape.gradient(y, a, b, c);
        }
    }

    /**
     * javac latency per kernel after warm-up: each call forgets the kernel and compiles it again
     * (the same source, no disk cache), on the calling thread.
     */
    @State(Scope.Thread)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    public static class Compile {
        private FusedOp op;
        private Tensor x;

        @Setup
        public void setUp() {
            op = new FusedOp(chain());
            x = Tensor.ones(64);
            Kernels.setSynchronous(true);
            Kernels.setCacheDir(null);
        }

        @Setup(Level.Invocation)
        public void forget() {
            Kernels.clearCache();
        }

        @Benchmark
        public Tensor compileKernel() {
            return op.apply(x, x, x);
        }
    }

    /**
     * The first kernel of a fresh JVM (javac loading and warming up included); one shot per fork, so
     * run it without warm-up iterations ({@code -wi 0 -i 1} if the command line sets others).
     */
    @State(Scope.Thread)
    @BenchmarkMode(Mode.SingleShotTime)
    @Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public static class FirstCompile {
        @Benchmark
        public Tensor firstKernel() {
            Kernels.setSynchronous(true);
            Tensor x = Tensor.ones(64);
            return new FusedOp(chain()).apply(x, x, x);
        }
    }
}
