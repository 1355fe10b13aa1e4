package jgrad.ops.nn;

import java.util.List;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.ConvKernels;
import jgrad.ops.kernels.DirectConv;
import jgrad.ops.kernels.Epilogue.Activation;
import jgrad.ops.kernels.KernelConfig;

/**
 * A convolution's kernel gradient: inputs {@code (x [batch, in..., channels], dz [batch, out...,
 * filters])}, result of {@code kernelShape} ({@code [k..., channels, filters]}), the sum over
 * every output position of its window of x times its row of dz. Bilinear in x and dz, so its vjp
 * is a {@link ConvInputGrad} and a convolution, and {@link Conv}'s gradients are differentiable to
 * any order.
 */
public record ConvFilterGrad(List<Integer> strides, List<Integer> dilations, Padding padding, Shape kernelShape)
        implements Op {
    public ConvFilterGrad {
        strides = List.copyOf(strides);
        dilations = List.copyOf(dilations);
        Windows.requireSpatialRank("convFilterGrad", strides.size());
        java.util.Objects.requireNonNull(padding, "padding");
        if (kernelShape.rank() != strides.size() + 2) {
            throw new IllegalArgumentException("convFilterGrad: kernelShape " + kernelShape + " must have rank "
                    + (strides.size() + 2));
        }
    }

    @Override
    public String name() {
        return "convFilterGrad";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        if (inputs.length != 2) {
            throw new IllegalArgumentException(name() + ": takes (x, dz), got " + inputs.length + " inputs");
        }
        Tensor x = inputs[0];
        Tensor dz = inputs[1];
        NeuralChecks.requireFloating(name(), "x", x);
        NeuralChecks.requireFloating(name(), "dz", dz);
        int d = strides.size();
        int[] size = java.util.Arrays.copyOf(kernelShape.dims(), d);
        if (x.rank() == d + 2 && kernelShape.get(d) != x.dim(d + 1)) {
            throw new IllegalArgumentException(name() + ": x " + x.shape() + " has " + x.dim(d + 1)
                    + " channels but the kernel " + kernelShape + " expects " + kernelShape.get(d));
        }
        ConvKernels.Geometry g = Windows.resolve(name(), x.shape(), size, strides, dilations, padding);
        int filters = kernelShape.get(d + 1);
        Shape expected = Shape.of(Windows.outputShape(g, d, filters));
        if (!dz.shape().equals(expected) || dz.dtype() != x.dtype()) {
            throw new IllegalArgumentException(name() + ": dz must be " + x.dtype() + " " + expected + " (the output"
                    + " of a kernel " + kernelShape + " over x " + x.shape() + "), got " + dz.dtype() + " " + dz.shape());
        }
        Object dk = DirectConv.filterGrad(Windows.dense(x), Windows.dense(dz), g, filters, KernelConfig.VECTORIZED);
        return Tensor.wrap(dk, kernelShape);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor x = b.input(0);
        Tensor dz = b.input(1);
        Tensor h = b.grad();
        Tensor[] grads = new Tensor[2];
        if (b.needsGrad(0)) {
            grads[0] = new ConvInputGrad(strides, dilations, padding, x.shape()).apply(dz, h);
        }
        if (b.needsGrad(1)) {
            grads[1] = new Conv(strides, dilations, padding, Activation.LINEAR).apply(x, h);
        }
        return grads;
    }
}
