package jgrad.ops.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import jgrad.core.Tensor;
import jgrad.ops.kernels.Epilogue;

/**
 * Convolutions as a user calls them: grouped and depthwise convolutions, transposed convolutions
 * and the output-length rules, on channels-last tensors with Keras's kernel layouts, with Keras's
 * defaults (stride 1, no dilation, 'valid', one group, no bias, no activation).
 *
 * <pre>{@code
 * Tensor y = Convolution.with().strides(2).padding("same").bias(b).activation("relu").conv(x, kernel);
 * Tensor up = Convolution.with().strides(2).padding("same").convTranspose(z, kernel);
 * Tensor y = x.conv2d(kernel);   // the same through Tensor, Keras defaults
 * }</pre>
 *
 * <p>Layouts: x {@code [batch, spatial..., channels]}; a convolution kernel {@code [k...,
 * channels / groups, filters]}, a transposed convolution's {@code [k..., filters, channels]} (both
 * as Keras stores them; PyTorch's are {@code [filters, channels / groups, k...]} and
 * {@code [channels, filters, k...]}). Everything here is written with differentiable ops, so
 * gradients of any order flow through it.
 */
public final class Convolution {
    private Convolution() {}

    /**
     * Options with Keras's defaults, to set and then apply with {@link Options#conv} or
     * {@link Options#convTranspose}.
     */
    public static Options with() {
        return new Options();
    }

    /**
     * A convolution with {@code strides.length} spatial axes and {@code groups} groups (PyTorch's
     * {@code groups}: input channels and filters are split into that many groups, each convolved
     * with its own slice of the kernel; {@code groups == channels} is a depthwise convolution).
     * {@code bias} may be null; {@code activation} is "linear" (or null), "relu", "sigmoid" or
     * "tanh", fused into the GEMM's epilogue.
     */
    public static Tensor conv(Tensor x, Tensor kernel, Tensor bias, int[] strides, int[] dilations, Padding padding,
            int groups, String activation) {
        Objects.requireNonNull(x, "conv: x is null");
        Objects.requireNonNull(kernel, "conv: kernel is null");
        int d = strides.length;
        String op = "conv" + d + "d";
        Epilogue.Activation act = activation(op, activation);
        if (groups < 1) {
            throw new IllegalArgumentException(op + ": groups must be >= 1, got " + groups);
        }
        if (groups == 1) {
            return Conv.conv(x, kernel, bias, strides, dilations, padding, act);
        }
        if (x.rank() != d + 2 || kernel.rank() != d + 2) {
            // The ungrouped op names the expected ranks.
            return Conv.conv(x, kernel, bias, strides, dilations, padding, act);
        }
        int channels = x.dim(d + 1);
        int filters = kernel.dim(d + 1);
        if (channels % groups != 0 || filters % groups != 0) {
            throw new IllegalArgumentException(op + ": groups " + groups + " must divide both the input channels "
                    + channels + " (x " + x.shape() + ") and the filters " + filters + " (kernel " + kernel.shape()
                    + ")");
        }
        int perGroup = channels / groups;
        if (kernel.dim(d) != perGroup) {
            throw new IllegalArgumentException(op + ": with " + groups + " groups the kernel must have " + perGroup
                    + " input channels per group ([k..., " + perGroup + ", filters]), got kernel " + kernel.shape()
                    + " for x " + x.shape());
        }
        int filtersPerGroup = filters / groups;
        Tensor[] outs = new Tensor[groups];
        for (int g = 0; g < groups; g++) {
            Tensor xg = x.slice(d + 1, g * perGroup, (g + 1) * perGroup);
            Tensor kg = kernel.slice(d + 1, g * filtersPerGroup, (g + 1) * filtersPerGroup);
            Tensor bg = bias == null ? null : bias.slice(0, g * filtersPerGroup, (g + 1) * filtersPerGroup);
            outs[g] = Conv.conv(xg, kg, bg, strides, dilations, padding, act);
        }
        return Tensor.concat(List.of(outs), d + 1);
    }

    /**
     * A transposed convolution (Keras's Conv{1,2,3}DTranspose, PyTorch's conv_transpose): the
     * adjoint of the convolution with these strides, dilations and padding, from x
     * {@code [batch, in..., channels]} and a kernel {@code [k..., filters, channels]} to
     * {@code [batch, out..., filters]}, each out length given by {@link #transposeOutputLength}.
     * Padding is VALID, SAME or explicit (PyTorch's {@code padding}); {@code outputPadding} is null
     * for Keras's None, or one entry per axis, each smaller than the stride or the dilation.
     * Computed as the input gradient of that convolution ({@link ConvInputGrad}): the scatter of
     * every input pixel times the kernel into the output (note 002, 5.2.2), the kernel not flipped.
     */
    public static Tensor convTranspose(Tensor x, Tensor kernel, Tensor bias, int[] strides, int[] dilations,
            Padding padding, int[] outputPadding) {
        Objects.requireNonNull(x, "convTranspose: x is null");
        Objects.requireNonNull(kernel, "convTranspose: kernel is null");
        Objects.requireNonNull(padding, "convTranspose: padding is null");
        int d = strides.length;
        String op = "conv" + d + "dTranspose";
        List<Integer> s = Windows.positive(op, "strides", strides, d);
        List<Integer> dl = Windows.positive(op, "dilations", dilations, d);
        NeuralChecks.requireFloating(op, "x", x);
        NeuralChecks.requireFloating(op, "kernel", kernel);
        if (padding instanceof Padding.Causal) {
            throw new IllegalArgumentException(op + ": causal padding has no transposed form; use valid, same or"
                    + " explicit");
        }
        if (x.rank() != d + 2) {
            throw new IllegalArgumentException(op + ": x must be channels-last [batch, " + spatial(d)
                    + ", channels] (rank " + (d + 2) + "), got " + x.shape());
        }
        if (kernel.rank() != d + 2) {
            throw new IllegalArgumentException(op + ": kernel must be [" + spatial(d) + ", filters, in channels] (rank "
                    + (d + 2) + "), got " + kernel.shape());
        }
        if (kernel.dtype() != x.dtype()) {
            throw new IllegalArgumentException(op + ": x " + x.dtype() + " and kernel " + kernel.dtype()
                    + " have different dtypes");
        }
        int channels = x.dim(d + 1);
        if (kernel.dim(d + 1) != channels) {
            throw new IllegalArgumentException(op + ": x " + x.shape() + " has " + channels + " channels but kernel "
                    + kernel.shape() + " expects " + kernel.dim(d + 1) + " (its last axis)");
        }
        if (outputPadding != null && outputPadding.length != d) {
            throw new IllegalArgumentException(op + ": output padding " + Arrays.toString(outputPadding) + " must have "
                    + d + " entr" + (d == 1 ? "y" : "ies") + ", one per spatial axis");
        }
        if (padding instanceof Padding.Explicit e && e.rank() != d) {
            throw new IllegalArgumentException(op + ": " + padding + " padding is for " + e.rank()
                    + " spatial axes, x " + x.shape() + " has " + d);
        }
        int filters = kernel.dim(d);
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != filters || bias.dtype() != x.dtype())) {
            throw new IllegalArgumentException(op + ": bias must be a " + x.dtype() + " vector of " + filters
                    + " entries (one per filter), got " + bias.dtype() + " " + bias.shape());
        }
        int[] size = Arrays.copyOf(kernel.shape().dims(), d);
        int[] outShape = new int[d + 2];
        outShape[0] = x.dim(0);
        outShape[d + 1] = filters;
        for (int i = 0; i < d; i++) {
            Integer op1 = outputPadding == null ? null : outputPadding[i];
            outShape[1 + i] = transposeOutputLength(op, i, x.dim(1 + i), size[i], strides[i], dilations[i], padding,
                    op1);
        }
        // The convolution of an output-shaped input must give back x's spatial shape, or this is
        // not its adjoint (Keras refuses the same configurations).
        jgrad.ops.kernels.ConvKernels.Geometry g = Windows.resolve(op, jgrad.core.Shape.of(outShape), size, s, dl,
                padding);
        int[] back = Windows.outputShape(g, d, channels);
        for (int i = 0; i < d; i++) {
            if (back[1 + i] != x.dim(1 + i)) {
                throw new IllegalArgumentException(op + ": an output of " + Arrays.toString(outShape)
                        + " convolved with window " + Arrays.toString(size) + ", strides " + s + " and " + padding + " padding gives "
                        + Arrays.toString(back) + ", not x " + x.shape() + "; choose another output padding");
            }
        }
        // Keras's transposed kernel [k..., filters, channels] is, read as a convolution from the
        // output to x, that convolution's kernel [k..., its channels, its filters]: no copy needed.
        Tensor y = new ConvInputGrad(s, dl, padding, jgrad.core.Shape.of(outShape)).apply(x, kernel);
        return bias == null ? y : y.add(bias);
    }

    /**
     * The output length of a convolution along spatial axis {@code axis}: Keras's
     * {@code conv_output_length} (valid: {@code (in - eff) / s + 1}; same and causal:
     * {@code ceil(in / s)}; explicit: {@code (in + before + after - eff) / s + 1}), with
     * {@code eff = (k - 1) * dilation + 1}. Fails when the window does not fit.
     */
    public static int outputLength(int axis, int in, int kernelSize, int stride, int dilation, Padding padding) {
        int eff = (kernelSize - 1) * dilation + 1;
        int padded = switch (padding) {
            case Padding.Valid v -> in;
            case Padding.Same v -> {
                int o = (in + stride - 1) / stride;
                yield in + Math.max((o - 1) * stride + eff - in, 0);
            }
            case Padding.Causal v -> in + eff - 1;
            case Padding.Explicit e -> in + e.before().get(axis) + e.after().get(axis);
        };
        if (padded < eff) {
            throw new IllegalArgumentException("the window " + kernelSize + " (dilation " + dilation + ", spanning "
                    + eff + ") does not fit the " + in + " positions of spatial axis " + axis + " with " + padding
                    + " padding");
        }
        return (padded - eff) / stride + 1;
    }

    /**
     * The output length of a transposed convolution along spatial axis {@code axis}: Keras's
     * {@code deconv_output_length}. Without output padding: valid gives {@code in * s + max(eff -
     * s, 0)}, same gives {@code in * s}; with it, {@code (in - 1) * s + eff - 2 * pad +
     * outputPadding} with pad 0 (valid) or {@code eff / 2} (same). Explicit padding is PyTorch's
     * {@code (in - 1) * s - before - after + eff + outputPadding}.
     */
    public static int transposeOutputLength(String op, int axis, int in, int kernelSize, int stride, int dilation,
            Padding padding, Integer outputPadding) {
        int eff = (kernelSize - 1) * dilation + 1;
        if (outputPadding != null && (outputPadding < 0 || (outputPadding >= stride && outputPadding >= dilation))) {
            throw new IllegalArgumentException(op + ": output padding " + outputPadding + " on spatial axis " + axis
                    + " must be >= 0 and smaller than the stride " + stride + " or the dilation " + dilation);
        }
        int op1 = outputPadding == null ? 0 : outputPadding;
        int length = switch (padding) {
            case Padding.Valid v -> outputPadding == null ? in * stride + Math.max(eff - stride, 0)
                    : (in - 1) * stride + eff + op1;
            case Padding.Same v -> outputPadding == null ? in * stride : (in - 1) * stride + eff - 2 * (eff / 2) + op1;
            case Padding.Explicit e -> (in - 1) * stride - e.before().get(axis) - e.after().get(axis) + eff + op1;
            case Padding.Causal v -> throw new IllegalArgumentException(op + ": causal padding has no transposed form");
        };
        if (length < 1) {
            throw new IllegalArgumentException(op + ": spatial axis " + axis + " of " + in
                    + " positions gives an output of " + length + " with window " + kernelSize + ", stride " + stride + " and " + padding
                    + " padding");
        }
        return length;
    }

    /** The fused activation by name: "linear" (or null), "relu", "sigmoid" or "tanh". */
    static Epilogue.Activation activation(String op, String name) {
        if (name == null) {
            return Epilogue.Activation.LINEAR;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "linear" -> Epilogue.Activation.LINEAR;
            case "relu" -> Epilogue.Activation.RELU;
            case "sigmoid" -> Epilogue.Activation.SIGMOID;
            case "tanh" -> Epilogue.Activation.TANH;
            default -> throw new IllegalArgumentException(op + ": activation must be 'linear', 'relu', 'sigmoid' or"
                    + " 'tanh' (fused into the kernel), got '" + name + "'; apply others to the result");
        };
    }

    private static String spatial(int d) {
        return switch (d) {
            case 1 -> "width";
            case 2 -> "height, width";
            default -> "depth, height, width";
        };
    }

    /** Keras's keyword arguments of a convolution; the rank comes from the kernel when applied. */
    public static final class Options {
        private int[] strides;
        private int[] dilations;
        private Padding padding = Padding.VALID;
        private int groups = 1;
        private Tensor bias;
        private String activation;
        private int[] outputPadding;

        private Options() {}

        /** One stride for every axis, or one per axis (default 1). */
        public Options strides(int... strides) {
            this.strides = strides.clone();
            return this;
        }

        /** One dilation for every axis, or one per axis (default 1). */
        public Options dilations(int... dilations) {
            this.dilations = dilations.clone();
            return this;
        }

        public Options padding(Padding padding) {
            this.padding = Objects.requireNonNull(padding, "padding");
            return this;
        }

        /** "valid", "same" or "causal". */
        public Options padding(String padding) {
            return padding(Padding.of(padding));
        }

        public Options groups(int groups) {
            this.groups = groups;
            return this;
        }

        /** A bias vector, one entry per filter (default none). */
        public Options bias(Tensor bias) {
            this.bias = bias;
            return this;
        }

        /** "linear", "relu", "sigmoid" or "tanh" (default linear). */
        public Options activation(String activation) {
            this.activation = activation;
            return this;
        }

        /** For transposed convolutions: Keras's output_padding, one entry for every axis or one per axis. */
        public Options outputPadding(int... outputPadding) {
            this.outputPadding = outputPadding.clone();
            return this;
        }

        /** The convolution of x with a kernel {@code [k..., channels / groups, filters]}. */
        public Tensor conv(Tensor x, Tensor kernel) {
            int d = rank("conv", kernel);
            String op = "conv" + d + "d";
            if (outputPadding != null) {
                throw new IllegalArgumentException(op + ": output padding is for transposed convolutions");
            }
            return Convolution.conv(x, kernel, bias, perAxis(op, "strides", strides, d),
                    perAxis(op, "dilations", dilations, d), padding, groups, activation);
        }

        /** The transposed convolution of x with a kernel {@code [k..., filters, channels]}. */
        public Tensor convTranspose(Tensor x, Tensor kernel) {
            int d = rank("convTranspose", kernel);
            String op = "conv" + d + "dTranspose";
            if (groups != 1) {
                throw new IllegalArgumentException(op + ": groups are not supported by transposed convolutions, got "
                        + groups);
            }
            Tensor y = Convolution.convTranspose(x, kernel, bias, perAxis(op, "strides", strides, d),
                    perAxis(op, "dilations", dilations, d), padding,
                    outputPadding == null ? null : perAxis(op, "output padding", outputPadding, d));
            return Convolution.activation(op, activation).apply(y);
        }

        private static int rank(String op, Tensor kernel) {
            Objects.requireNonNull(kernel, op + ": kernel is null");
            int d = kernel.rank() - 2;
            if (d < 1 || d > 3) {
                throw new IllegalArgumentException(op + ": kernel must have rank 3, 4 or 5 ([k..., in, out] for 1 to 3"
                        + " spatial axes), got " + kernel.shape());
            }
            return d;
        }

        private static int[] perAxis(String op, String what, int[] values, int d) {
            if (values == null) {
                int[] ones = new int[d];
                Arrays.fill(ones, what.equals("output padding") ? 0 : 1);
                return ones;
            }
            if (values.length == 1 && d > 1) {
                int[] all = new int[d];
                Arrays.fill(all, values[0]);
                return all;
            }
            if (values.length != d) {
                throw new IllegalArgumentException(op + ": " + what + " " + Arrays.toString(values) + " must have 1 or "
                        + d + " entries");
            }
            return values;
        }
    }
}
