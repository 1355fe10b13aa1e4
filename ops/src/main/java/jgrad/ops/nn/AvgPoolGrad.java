package jgrad.ops.nn;

import java.util.List;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.ConvKernels;
import jgrad.ops.kernels.KernelConfig;

/**
 * The adjoint of {@link AvgPool}: each output gradient divided by its window's count and spread
 * over the window's taps, into a tensor of {@code inputShape}. Linear; its vjp is {@link AvgPool}.
 */
public record AvgPoolGrad(List<Integer> poolSize, List<Integer> strides, Padding padding, Shape inputShape)
        implements Op {
    public AvgPoolGrad {
        poolSize = List.copyOf(poolSize);
        strides = List.copyOf(strides);
        Pooling.check("avgPoolGrad", poolSize, strides, padding);
    }

    @Override
    public String name() {
        return "avgPoolGrad";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Tensor g = inputs[0];
        NeuralChecks.requireFloating(name(), "grad", g);
        ConvKernels.Geometry geo = Pooling.geometry(name(), inputShape, poolSize, strides, padding);
        Shape expected = Shape.of(Windows.outputShape(geo, poolSize.size(), geo.channels()));
        if (!g.shape().equals(expected)) {
            throw new IllegalArgumentException("avgPoolGrad: grad " + g.shape() + " does not fit an input of "
                    + inputShape + " pooled by " + poolSize + ": expected " + expected);
        }
        return Tensor.wrap(ConvKernels.avgPoolGrad(Windows.dense(g), geo, KernelConfig.VECTORIZED), inputShape);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[] {new AvgPool(poolSize, strides, padding).apply(b.grad())};
    }
}
