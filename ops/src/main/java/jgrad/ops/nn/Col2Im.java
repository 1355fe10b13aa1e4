package jgrad.ops.nn;

import java.util.List;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.ConvKernels;
import jgrad.ops.kernels.KernelConfig;

/**
 * The adjoint of {@link Im2Col}: rows of window taps {@code [batch, out..., taps * channels]}
 * added back into an input of {@code inputShape} at the positions they were read from (padding
 * taps dropped): a convolution's input gradient. Linear; its vjp is {@link Im2Col}.
 */
public record Col2Im(List<Integer> size, List<Integer> strides, List<Integer> dilations, Padding padding,
        Shape inputShape) implements Op {
    public Col2Im {
        size = List.copyOf(size);
        strides = List.copyOf(strides);
        dilations = List.copyOf(dilations);
    }

    @Override
    public String name() {
        return "col2im";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Tensor cols = inputs[0];
        NeuralChecks.requireFloating(name(), "cols", cols);
        ConvKernels.Geometry g = Windows.resolve(name(), inputShape, Windows.ints(size), strides, dilations, padding);
        Shape expected = Shape.of(Windows.outputShape(g, size.size(), g.taps() * g.channels()));
        if (!cols.shape().equals(expected)) {
            throw new IllegalArgumentException("col2im: cols " + cols.shape() + " do not fit an input of " + inputShape
                    + " with windows " + size + ": expected " + expected);
        }
        return Tensor.wrap(ConvKernels.col2im(Windows.dense(cols), g, KernelConfig.VECTORIZED), inputShape);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[] {new Im2Col(size, strides, dilations, padding).apply(b.grad())};
    }
}
