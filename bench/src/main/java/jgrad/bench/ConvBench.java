package jgrad.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.ops.kernels.Epilogue.Activation;
import jgrad.ops.nn.AvgPool;
import jgrad.ops.nn.Conv;
import jgrad.ops.nn.MaxPool;
import jgrad.ops.nn.Padding;
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
 * Convolution (the direct kernels of {@code DirectConv}) and direct pooling on channels-last float32
 * batches: LeNet's two convolutions on a batch of 64 MNIST images ({@code lenet1}: 28x28x1, 6
 * filters 5x5 same, sigmoid; {@code lenet2}: 14x14x6, 16 filters 5x5 valid) and the VGG layer of
 * issue 20 ({@code vgg}: 32 images of 32x32x64, 64 filters 3x3 same, ReLU), forward alone and
 * forward plus the gradients of the input, the kernel and the bias; 2x2 max and average pooling of
 * 64 x 28x28x6. The comparison with PyTorch at equal thread counts is {@code scripts/bench_conv.sh}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConvBench {
    private Tensor pooled;

    /** One convolution layer's input, kernel and settings (only the conv benchmarks take it). */
    @State(Scope.Thread)
    public static class Layer {
        @Param({"lenet1", "lenet2", "vgg"})
        public String layer;

        Tensor x;
        Tensor kernel;
        Tensor bias;
        Padding padding;
        Activation activation;

        @Setup
        public void setUp() {
            Rng rng = new Rng(1);
            int[][] s = switch (layer) {
                case "lenet1" -> new int[][] {{64, 28, 28, 1}, {5, 5, 1, 6}};
                case "lenet2" -> new int[][] {{64, 14, 14, 6}, {5, 5, 6, 16}};
                default -> new int[][] {{32, 32, 32, 64}, {3, 3, 64, 64}};
            };
            x = Tensor.randomNormal(rng, 0, 1, s[0]);
            kernel = Tensor.randomNormal(rng, 0, 0.1, s[1]);
            bias = Tensor.randomNormal(rng, 0, 0.1, s[1][3]);
            padding = layer.equals("lenet2") ? Padding.VALID : Padding.SAME;
            activation = layer.equals("vgg") ? Activation.RELU : Activation.SIGMOID;
        }
    }

    @Setup
    public void setUp() {
        pooled = Tensor.randomNormal(new Rng(2), 0, 1, 64, 28, 28, 6);
    }

    @Benchmark
    public Tensor conv(Layer l) {
        return Conv.conv(l.x, l.kernel, l.bias, new int[] {1, 1}, new int[] {1, 1}, l.padding, l.activation);
    }

    @Benchmark
    public List<Tensor> convWithGradient(Layer l) {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(l.x, l.kernel, l.bias);
            Tensor y = Conv.conv(l.x, l.kernel, l.bias, new int[] {1, 1}, new int[] {1, 1}, l.padding, l.activation);
            return tape.gradient(y.sum(), l.x, l.kernel, l.bias);
        }
    }

    @Benchmark
    public Tensor maxPool() {
        return MaxPool.maxPool(pooled, new int[] {2, 2}, new int[] {2, 2}, Padding.VALID);
    }

    @Benchmark
    public Tensor avgPool() {
        return AvgPool.avgPool(pooled, new int[] {2, 2}, new int[] {2, 2}, Padding.VALID);
    }
}
