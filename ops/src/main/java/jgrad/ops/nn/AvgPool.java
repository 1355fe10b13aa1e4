package jgrad.ops.nn;

import java.util.List;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.ConvKernels;
import jgrad.ops.kernels.KernelConfig;

/**
 * Average pooling over 1 to 3 spatial axes of a channels-last tensor {@code [batch, in...,
 * channels]}, Keras's AveragePooling1D/2D/3D: the mean over the taps of each window that lie
 * inside the input (padding is not counted, as Keras and PyTorch's {@code count_include_pad=False}).
 * Linear in x: the vjp is {@link AvgPoolGrad}, whose vjp is this op again.
 */
public record AvgPool(List<Integer> poolSize, List<Integer> strides, Padding padding) implements Op {
    public AvgPool {
        poolSize = List.copyOf(poolSize);
        strides = List.copyOf(strides);
        Pooling.check("avgPool", poolSize, strides, padding);
    }

    /** Average pooling with a window of poolSize, moving by strides (null: the pool size, Keras's default). */
    public static Tensor avgPool(Tensor x, int[] poolSize, int[] strides, Padding padding) {
        java.util.Objects.requireNonNull(poolSize, "avgPool: pool size is null");
        String op = "avgPool" + poolSize.length + "d";
        if (strides == null) {
            strides = poolSize; // Keras's default: windows side by side
        }
        return new AvgPool(Windows.positive(op, "pool size", poolSize, poolSize.length),
                Windows.positive(op, "strides", strides, poolSize.length), padding).apply(x);
    }

    @Override
    public String name() {
        return "avgPool" + poolSize.size() + "d";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Tensor x = inputs[0];
        NeuralChecks.requireFloating(name(), "x", x);
        ConvKernels.Geometry g = Pooling.geometry(name(), x.shape(), poolSize, strides, padding);
        return Tensor.wrap(ConvKernels.avgPool(Windows.dense(x), g, KernelConfig.VECTORIZED),
                Shape.of(Windows.outputShape(g, poolSize.size(), g.channels())));
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[] {new AvgPoolGrad(poolSize, strides, padding, b.input(0).shape()).apply(b.grad())};
    }
}
