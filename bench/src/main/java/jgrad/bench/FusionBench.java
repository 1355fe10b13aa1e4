package jgrad.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.ops.Losses;
import jgrad.ops.kernels.Epilogue.Activation;
import jgrad.ops.nn.Dense;
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
 * What the fused ops save against the same math as separate ops: a dense layer
 * (GEMM with the bias and ReLU in its epilogue, {@link Dense}, against {@code matmul, add, relu}),
 * and softmax cross-entropy from logits (one pass per row, {@code Losses}' fused op, against
 * {@code logSoftmax, mul, sum, neg, mean}), each forward alone and forward plus gradient.
 * {@code classes} is the logits' width; the batch is 64 (an MNIST step) or 256.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FusionBench {
    private Tensor x;
    private Tensor w;
    private Tensor b;

    /** Logits and probability labels of one size (only the cross-entropy benchmarks take it). */
    @State(Scope.Thread)
    public static class Logits {
        @Param({"64x10", "256x1000"})
        public String logits;

        Tensor z;
        Tensor y;

        @Setup
        public void setUp() {
            Rng rng = new Rng(2);
            String[] s = logits.split("x");
            int rows = Integer.parseInt(s[0]);
            int classes = Integer.parseInt(s[1]);
            z = Tensor.randomNormal(rng, 0, 2, rows, classes);
            Tensor u = Tensor.randomUniform(rng, 0, 1, rows, classes);
            y = u.div(u.sum(new int[] {1}, true));
        }
    }

    @Setup
    public void setUp() {
        Rng rng = new Rng(1);
        x = Tensor.randomNormal(rng, 0, 1, 64, 784);
        w = Tensor.randomNormal(rng, 0, 0.05, 784, 128);
        b = Tensor.randomNormal(rng, 0, 0.1, 128);
    }

    @Benchmark
    public Tensor denseFused() {
        return Dense.dense(x, w, b, Activation.RELU);
    }

    @Benchmark
    public Tensor denseComposed() {
        return x.matmul(w).add(b).relu();
    }

    @Benchmark
    public List<Tensor> denseFusedWithGradient() {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(w, b);
            return tape.gradient(Dense.dense(x, w, b, Activation.RELU).sum(), w, b);
        }
    }

    @Benchmark
    public List<Tensor> denseComposedWithGradient() {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(w, b);
            return tape.gradient(x.matmul(w).add(b).relu().sum(), w, b);
        }
    }

    @Benchmark
    public Tensor crossEntropyFused(Logits l) {
        return Losses.categoricalCrossEntropyWithLogits(l.y, l.z);
    }

    @Benchmark
    public Tensor crossEntropyComposed(Logits l) {
        return l.y.mul(l.z.logSoftmax(-1)).sum(new int[] {1}, false).neg().mean();
    }

    @Benchmark
    public Tensor crossEntropyFusedWithGradient(Logits l) {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(l.z);
            return tape.gradient(Losses.categoricalCrossEntropyWithLogits(l.y, l.z), l.z);
        }
    }

    @Benchmark
    public Tensor crossEntropyComposedWithGradient(Logits l) {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(l.z);
            return tape.gradient(l.y.mul(l.z.logSoftmax(-1)).sum(new int[] {1}, false).neg().mean(), l.z);
        }
    }
}
