package jgrad.ops.nn;

import java.util.Arrays;
import java.util.List;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.ConvKernels;
import jgrad.ops.kernels.DirectConv;
import jgrad.ops.kernels.Epilogue;
import jgrad.ops.kernels.Epilogue.Activation;
import jgrad.ops.kernels.Gemm;
import jgrad.ops.kernels.KernelConfig;

/**
 * A 1-D, 2-D or 3-D convolution (cross-correlation, as Keras and PyTorch compute it) on
 * channels-last tensors, with an optional bias and a fused activation: inputs {@code (x [batch,
 * in..., channels], kernel [k..., channels, filters])} or with {@code bias [filters]}, result
 * {@code [batch, out..., filters]}. The forward is {@link DirectConv}'s implicit GEMM, which reads
 * each window where it lies in x (no im2col copy) and adds the bias and applies the activation as
 * it stores; the vjp is written with ops: {@code dx = }{@link ConvInputGrad}{@code (dz, kernel)},
 * {@code dkernel = }{@link ConvFilterGrad}{@code (x, dz)}, {@code dbias = sum(dz)}, each of them
 * bilinear with a vjp made of the same three ops, so the kernel and the input are differentiable
 * to any order.
 *
 * <pre>{@code
 * Tensor y = Conv.conv(x, kernel, bias, new int[] {1, 1}, new int[] {1, 1}, Padding.SAME, Activation.RELU);
 * }</pre>
 */
public record Conv(List<Integer> strides, List<Integer> dilations, Padding padding, Activation activation)
        implements Op {
    public Conv {
        strides = List.copyOf(strides);
        dilations = List.copyOf(dilations);
        Windows.requireSpatialRank("conv", strides.size());
        if (dilations.size() != strides.size()) {
            throw new IllegalArgumentException("conv: " + strides.size() + " strides but " + dilations.size()
                    + " dilations");
        }
        java.util.Objects.requireNonNull(padding, "padding");
        java.util.Objects.requireNonNull(activation, "activation");
    }

    /** A convolution with d = strides.length spatial axes; bias may be null. */
    public static Tensor conv(Tensor x, Tensor kernel, Tensor bias, int[] strides, int[] dilations, Padding padding,
            Activation activation) {
        String op = "conv" + strides.length + "d";
        Conv c = new Conv(Windows.positive(op, "strides", strides, strides.length),
                Windows.positive(op, "dilations", dilations, strides.length), padding, activation);
        return bias == null ? c.apply(x, kernel) : c.apply(x, kernel, bias);
    }

    @Override
    public String name() {
        return "conv" + strides.size() + "d";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        if (inputs.length != 2 && inputs.length != 3) {
            throw new IllegalArgumentException(name() + ": takes (x, kernel) or (x, kernel, bias), got "
                    + inputs.length + " inputs");
        }
        Tensor x = inputs[0];
        Tensor kernel = inputs[1];
        Tensor bias = inputs.length == 3 ? inputs[2] : null;
        int d = strides.size();
        NeuralChecks.requireFloating(name(), "x", x);
        NeuralChecks.requireFloating(name(), "kernel", kernel);
        if (kernel.dtype() != x.dtype()) {
            throw new IllegalArgumentException(name() + ": x " + x.dtype() + " and kernel " + kernel.dtype()
                    + " have different dtypes");
        }
        if (kernel.rank() != d + 2) {
            throw new IllegalArgumentException(name() + ": kernel must be [" + (d == 1 ? "width" : d == 2
                    ? "height, width" : "depth, height, width") + ", in channels, filters] (rank " + (d + 2)
                    + "), got " + kernel.shape());
        }
        if (x.rank() == d + 2 && kernel.dim(d) != x.dim(d + 1)) {
            throw new IllegalArgumentException(name() + ": x " + x.shape() + " has " + x.dim(d + 1)
                    + " channels but kernel " + kernel.shape() + " expects " + kernel.dim(d));
        }
        int filters = kernel.dim(d + 1);
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != filters || bias.dtype() != x.dtype())) {
            throw new IllegalArgumentException(name() + ": bias must be a " + x.dtype() + " vector of " + filters
                    + " entries (one per filter), got " + bias.dtype() + " " + bias.shape());
        }
        ConvKernels.Geometry g = window(kernel).geometry(name(), x.shape());
        int[] outShape = Windows.outputShape(g, d, filters);
        if (IM2COL) {
            int rows = g.batch() * g.outPositions();
            int width = g.taps() * g.channels();
            Tensor cols = Tensor.wrap(ConvKernels.im2col(Windows.dense(x), g, KernelConfig.VECTORIZED),
                    Shape.of(rows, width));
            Tensor y = Gemm.matmul(cols, kernel.reshape(width, filters), false, false, Epilogue.of(bias, activation));
            return y.reshape(outShape);
        }
        Object y = DirectConv.forward(Windows.dense(x), Windows.dense(kernel), bias == null ? null : Windows.dense(bias),
                activation, g, filters, KernelConfig.VECTORIZED);
        return Tensor.wrap(y, Shape.of(outShape));
    }

    /**
     * {@code -Djgrad.conv.im2col=true} convolves by im2col and the GEMM, as before the direct kernels
     * (for comparing the two in benchmarks); the gradients are the same ops either way.
     */
    private static final boolean IM2COL = Boolean.getBoolean("jgrad.conv.im2col");

    /** The im2col windows of this convolution for a kernel's spatial size. */
    private Im2Col window(Tensor kernel) {
        int d = strides.size();
        int[] size = Arrays.copyOf(kernel.shape().dims(), d);
        return new Im2Col(Windows.list(size), strides, dilations, padding);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor x = b.input(0);
        Tensor kernel = b.input(1);
        // One pass for the activation's derivative instead of the four ops of Activation.gradient.
        Tensor dz = activation == Activation.LINEAR ? b.grad()
                : new ActivationGrad(activation).apply(b.grad(), b.output());
        Tensor[] grads = new Tensor[b.inputCount()];
        if (b.needsGrad(0)) {
            grads[0] = new ConvInputGrad(strides, dilations, padding, x.shape()).apply(dz, kernel);
        }
        if (b.needsGrad(1)) {
            grads[1] = new ConvFilterGrad(strides, dilations, padding, kernel.shape()).apply(x, dz);
        }
        if (b.inputCount() == 3 && b.needsGrad(2)) {
            grads[2] = new BiasGrad().apply(dz);
        }
        return grads;
    }
}
