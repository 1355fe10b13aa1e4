package jgrad.ops.nn;

import java.util.List;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.ConvKernels;
import jgrad.ops.kernels.KernelConfig;

/**
 * The patches of a channels-last input as rows, the step that turns a convolution into a GEMM:
 * x {@code [batch, in..., channels]} becomes {@code [batch, out..., taps * channels]}, each row one
 * window's taps (row-major over the window, channels innermost, zeros for padding), in the order of
 * a Keras kernel {@code [k..., channels, filters]} flattened to {@code [taps * channels, filters]}.
 * Linear in x: its vjp is {@link Col2Im}, whose vjp is this op again.
 */
public record Im2Col(List<Integer> size, List<Integer> strides, List<Integer> dilations, Padding padding)
        implements Op {
    public Im2Col {
        size = List.copyOf(size);
        strides = List.copyOf(strides);
        dilations = List.copyOf(dilations);
    }

    @Override
    public String name() {
        return "im2col";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Tensor x = inputs[0];
        NeuralChecks.requireFloating(name(), "x", x);
        ConvKernels.Geometry g = geometry(name(), x.shape());
        Object cols = ConvKernels.im2col(Windows.dense(x), g, KernelConfig.VECTORIZED);
        return Tensor.wrap(cols, Shape.of(Windows.outputShape(g, size.size(), g.taps() * g.channels())));
    }

    ConvKernels.Geometry geometry(String op, Shape x) {
        return Windows.resolve(op, x, Windows.ints(size), strides, dilations, padding);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[] {new Col2Im(size, strides, dilations, padding, b.input(0).shape()).apply(b.grad())};
    }
}
