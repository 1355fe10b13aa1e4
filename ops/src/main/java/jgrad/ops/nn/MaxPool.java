package jgrad.ops.nn;

import java.util.List;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.ConvKernels;
import jgrad.ops.kernels.KernelConfig;
import jgrad.ops.shape.ScatterAdd;

/**
 * Max pooling over 1 to 3 spatial axes of a channels-last tensor {@code [batch, in..., channels]},
 * Keras's MaxPooling1D/2D/3D: the maximum over each window (padding is never a candidate; NaN
 * propagates). The gradient goes to the first maximum of each window (PyTorch's choice), as a
 * {@link ScatterAdd} of the output gradient at those positions, whose own gradient is a gather:
 * gradients of any order work.
 */
public record MaxPool(List<Integer> poolSize, List<Integer> strides, Padding padding) implements Op {
    public MaxPool {
        poolSize = List.copyOf(poolSize);
        strides = List.copyOf(strides);
        Pooling.check("maxPool", poolSize, strides, padding);
    }

    /** Max pooling with a window of poolSize, moving by strides (null: the pool size, Keras's default). */
    public static Tensor maxPool(Tensor x, int[] poolSize, int[] strides, Padding padding) {
        java.util.Objects.requireNonNull(poolSize, "maxPool: pool size is null");
        String op = "maxPool" + poolSize.length + "d";
        if (strides == null) {
            strides = poolSize; // Keras's default: windows side by side
        }
        return new MaxPool(Windows.positive(op, "pool size", poolSize, poolSize.length),
                Windows.positive(op, "strides", strides, poolSize.length), padding).apply(x);
    }

    @Override
    public String name() {
        return "maxPool" + poolSize.size() + "d";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Tensor x = inputs[0];
        NeuralChecks.requireFloating(name(), "x", x);
        ConvKernels.Geometry g = Pooling.geometry(name(), x.shape(), poolSize, strides, padding);
        return Tensor.wrap(ConvKernels.maxPool(Windows.dense(x), g, KernelConfig.VECTORIZED),
                Shape.of(Windows.outputShape(g, poolSize.size(), g.channels())));
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor x = b.input(0);
        ConvKernels.Geometry g = Pooling.geometry(name(), x.shape(), poolSize, strides, padding);
        long[] argmax = ConvKernels.maxPoolArgmax(Windows.dense(x), g);
        Tensor flat = new ScatterAdd(Shape.of(x.size()), 0).apply(b.grad().reshape(-1), Tensor.of(argmax));
        return new Tensor[] {flat.reshape(x.shape().dims())};
    }
}
