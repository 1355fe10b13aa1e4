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
 * A convolution's input gradient (the transposed convolution): inputs {@code (dz [batch, out...,
 * filters], kernel [k..., channels, filters])}, result {@code dx} of {@code inputShape}
 * ({@code [batch, in..., channels]}), each window's {@code dz . kernel^T} added back where the
 * window read x. Bilinear in dz and the kernel, so its vjp is a convolution and a
 * {@link ConvFilterGrad}, and {@link Conv}'s gradients are differentiable to any order.
 */
public record ConvInputGrad(List<Integer> strides, List<Integer> dilations, Padding padding, Shape inputShape)
        implements Op {
    public ConvInputGrad {
        strides = List.copyOf(strides);
        dilations = List.copyOf(dilations);
        Windows.requireSpatialRank("convInputGrad", strides.size());
        java.util.Objects.requireNonNull(padding, "padding");
        java.util.Objects.requireNonNull(inputShape, "inputShape");
    }

    @Override
    public String name() {
        return "convInputGrad";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        if (inputs.length != 2) {
            throw new IllegalArgumentException(name() + ": takes (dz, kernel), got " + inputs.length + " inputs");
        }
        Tensor dz = inputs[0];
        Tensor kernel = inputs[1];
        NeuralChecks.requireFloating(name(), "dz", dz);
        NeuralChecks.requireFloating(name(), "kernel", kernel);
        int d = strides.size();
        ConvKernels.Geometry g = geometry(name(), kernel, inputShape, strides, dilations, padding);
        int filters = kernel.dim(d + 1);
        Shape expected = Shape.of(Windows.outputShape(g, d, filters));
        if (!dz.shape().equals(expected) || dz.dtype() != kernel.dtype()) {
            throw new IllegalArgumentException(name() + ": dz must be " + kernel.dtype() + " " + expected
                    + " (the output of kernel " + kernel.shape() + " over an input of " + inputShape + "), got "
                    + dz.dtype() + " " + dz.shape());
        }
        Object dx = DirectConv.inputGrad(Windows.dense(dz), Windows.dense(kernel), g, filters, KernelConfig.VECTORIZED);
        return Tensor.wrap(dx, inputShape);
    }

    /** The geometry of a kernel's windows over an input of shape x, checking the kernel's rank and channels. */
    static ConvKernels.Geometry geometry(String op, Tensor kernel, Shape x, List<Integer> strides,
            List<Integer> dilations, Padding padding) {
        int d = strides.size();
        if (kernel.rank() != d + 2) {
            throw new IllegalArgumentException(op + ": kernel must have rank " + (d + 2) + " ([k..., channels,"
                    + " filters]), got " + kernel.shape());
        }
        if (x.rank() == d + 2 && kernel.dim(d) != x.get(d + 1)) {
            throw new IllegalArgumentException(op + ": an input of " + x + " has " + x.get(d + 1)
                    + " channels but kernel " + kernel.shape() + " expects " + kernel.dim(d));
        }
        int[] size = java.util.Arrays.copyOf(kernel.shape().dims(), d);
        return Windows.resolve(op, x, size, strides, dilations, padding);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor dz = b.input(0);
        Tensor kernel = b.input(1);
        Tensor g = b.grad();
        Tensor[] grads = new Tensor[2];
        if (b.needsGrad(0)) {
            grads[0] = new Conv(strides, dilations, padding, Activation.LINEAR).apply(g, kernel);
        }
        if (b.needsGrad(1)) {
            grads[1] = new ConvFilterGrad(strides, dilations, padding, kernel.shape()).apply(g, dz);
        }
        return grads;
    }
}
