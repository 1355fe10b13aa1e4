package jgrad.nn.layers.conv;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.Shapes;
import jgrad.nn.activations.Activations;
import jgrad.nn.constraints.Constraint;
import jgrad.nn.constraints.Constraints;
import jgrad.nn.initializers.Initializer;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.layers.LayerConfig;
import jgrad.nn.regularizers.Regularizer;
import jgrad.ops.nn.Convolution;
import jgrad.ops.nn.Padding;

/**
 * The shared body of Keras's Conv1DTranspose, Conv2DTranspose and Conv3DTranspose: the adjoint
 * (gradient) of the convolution with the same kernel, strides, padding and dilation, as
 * TensorFlow defines it: every input pixel scatters {@code x * kernel} into the output (note 002,
 * 5.2.2; the kernel is not flipped), then the bias and activation.
 *
 * <p>Weights, in Keras's layouts: {@code kernel [k..., filters, channels]} (note the order:
 * output channels before input channels) and {@code bias [filters]}. PyTorch's
 * {@code ConvTranspose2d.weight} is {@code [channels, filters, kh, kw]};
 * {@link jgrad.nn.io.TorchWeights} converts it.
 *
 * <p>Output length per axis (Keras's {@code deconv_output_length}), with {@code eff = (k - 1) *
 * dilation + 1}: without {@code output_padding}, "valid" gives {@code in * s + max(eff - s, 0)} and
 * "same" {@code in * s}; with it, {@code (in - 1) * s + eff - 2 * pad + output_padding}, pad 0
 * (valid) or {@code eff / 2} (same). {@code output_padding} must be smaller than the stride.
 * Note that for "same" with {@code eff - s} odd (e.g. kernel 3, stride 2) the extra row goes at the
 * end, as in TensorFlow; Keras's PyTorch backend puts it at the start and warns about it.
 */
public abstract class BaseConvTranspose extends Layer {
    private final int rank;
    private final int filters;
    private final int[] kernelSize;
    private final int[] strides;
    private final String padding;
    private final int[] outputPadding;
    private final int[] dilationRate;
    private final UnaryOperator<Tensor> activation;
    private final boolean useBias;
    private final Initializer kernelInitializer;
    private final Initializer biasInitializer;
    private final Regularizer kernelRegularizer;
    private final Regularizer biasRegularizer;
    private final Constraint kernelConstraint;
    private final Constraint biasConstraint;
    private final DataFormat dataFormat;
    private Variable kernel;
    private Variable bias;

    BaseConvTranspose(Builder<?> b) {
        super(b.name);
        String who = getClass().getSimpleName();
        this.rank = b.rank;
        if (b.filters <= 0) {
            throw new IllegalArgumentException(who + ": filters must be > 0, got " + b.filters);
        }
        this.filters = b.filters;
        this.kernelSize = SpatialArgs.positive(who, "kernel_size", b.kernelSize, rank);
        this.strides = SpatialArgs.positive(who, "strides", b.strides, rank);
        this.dilationRate = SpatialArgs.positive(who, "dilation_rate", b.dilationRate, rank);
        this.padding = SpatialArgs.padding(who, b.padding, false);
        if (b.outputPadding != null) {
            int[] op = SpatialArgs.nonNegative(who, "output_padding", b.outputPadding, rank);
            for (int i = 0; i < rank; i++) {
                if (op[i] >= strides[i]) {
                    throw new IllegalArgumentException(who + ": output_padding " + SpatialArgs.text(op)
                            + " must be smaller than strides " + SpatialArgs.text(strides) + " on every axis");
                }
            }
            this.outputPadding = op;
        } else {
            this.outputPadding = null;
        }
        this.activation = b.activation;
        this.useBias = b.useBias;
        this.kernelInitializer = b.kernelInitializer;
        this.biasInitializer = b.biasInitializer;
        this.kernelRegularizer = b.kernelRegularizer;
        this.biasRegularizer = b.biasRegularizer;
        this.kernelConstraint = b.kernelConstraint;
        this.biasConstraint = b.biasConstraint;
        this.dataFormat = DataFormat.of(b.dataFormat);
        if (b.inputShape != null) {
            declareInputShape(b.inputShape);
        }
    }

    public final int filters() {
        return filters;
    }

    public final int[] kernelSize() {
        return kernelSize.clone();
    }

    public final int[] strides() {
        return strides.clone();
    }

    public final String padding() {
        return padding;
    }

    /** Keras's output_padding per axis, or null for None. */
    public final int[] outputPadding() {
        return outputPadding == null ? null : outputPadding.clone();
    }

    public final int[] dilationRate() {
        return dilationRate.clone();
    }

    public final DataFormat dataFormat() {
        return dataFormat;
    }

    /** The kernel {@code [k..., filters, channels]}; null before the layer is built. */
    public final Variable kernel() {
        return kernel;
    }

    /** The bias {@code [filters]}; null before building or without a bias. */
    public final Variable bias() {
        return bias;
    }

    @Override
    protected void build(Shape inputShape) {
        int[] in = ConvSupport.checkInput(inputShape, rank, dataFormat, -1, null);
        outputSizes(in, inputShape);
        int[] k = new int[rank + 2];
        System.arraycopy(kernelSize, 0, k, 0, rank);
        k[rank] = filters;
        k[rank + 1] = dataFormat.channels(inputShape);
        kernel = addWeight("kernel", Shape.of(k), kernelInitializer, kernelRegularizer, true);
        Constraints.attach(kernel, kernelConstraint);
        if (useBias) {
            bias = addWeight("bias", Shape.of(filters), biasInitializer, biasRegularizer, true);
            Constraints.attach(bias, biasConstraint);
        }
    }

    private int[] outputSizes(int[] in, Shape perSample) {
        String who = getClass().getSimpleName();
        Padding p = SpatialArgs.opPadding(padding);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            Integer op = outputPadding == null ? null : outputPadding[i];
            try {
                out[i] = Convolution.transposeOutputLength(who, i, in[i], kernelSize[i], strides[i], dilationRate[i], p,
                        op);
                int back = Convolution.outputLength(i, out[i], kernelSize[i], strides[i], dilationRate[i], p);
                if (back != in[i]) {
                    throw new IllegalArgumentException("the forward convolution of an output of length " + out[i]
                            + " gives " + back + ", not the input's " + in[i]);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("kernel_size " + SpatialArgs.text(kernelSize) + ", strides "
                        + SpatialArgs.text(strides) + ", dilation_rate " + SpatialArgs.text(dilationRate)
                        + ", padding '" + padding + "' and output_padding " + (outputPadding == null ? "None"
                                : SpatialArgs.text(outputPadding)) + " do not fit the input "
                        + SpatialArgs.batch(perSample) + " on spatial axis " + i + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        try {
            computeOutputShape(Shapes.perSample(x.shape(), name()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ConvSupport.who(this) + ": " + e.getMessage(), e);
        }
        Tensor y = Convolution.convTranspose(dataFormat.toChannelsLast(x), kernel, bias, strides, dilationRate,
                SpatialArgs.opPadding(padding), outputPadding);
        y = dataFormat.fromChannelsLast(y);
        return activation == null ? y : activation.apply(y);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        int expected = kernel == null ? -1 : kernel.dim(rank + 1);
        int[] in = ConvSupport.checkInput(inputShape, rank, dataFormat, expected,
                kernel == null ? null : kernel.shape());
        return dataFormat.shape(outputSizes(in, inputShape), filters);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("filters", filters);
        m.put("kernel_size", LayerConfig.list(kernelSize));
        m.put("strides", LayerConfig.list(strides));
        m.put("padding", padding);
        m.put("output_padding", outputPadding == null ? null : LayerConfig.list(outputPadding));
        m.put("data_format", dataFormat.kerasName());
        m.put("dilation_rate", LayerConfig.list(dilationRate));
        m.put("activation", LayerConfig.activationName(this, activation));
        m.put("use_bias", useBias);
        ConvSupport.putCommon(this, m, "kernel", kernelInitializer, kernelRegularizer, kernelConstraint);
        ConvSupport.putCommon(this, m, "bias", biasInitializer, biasRegularizer, biasConstraint);
        return m;
    }

    static <L extends BaseConvTranspose> L fromConfig(Function<Integer, Builder<L>> builder, Map<String, Object> c) {
        Builder<L> b = builder.apply(LayerConfig.integer(c, "filters"));
        b.kernelSize(LayerConfig.ints(c, "kernel_size"))
                .strides(ConvSupport.intsOr(c, "strides", new int[] {1}))
                .padding((String) c.getOrDefault("padding", "valid"))
                .outputPadding(c.get("output_padding") == null ? null : LayerConfig.ints(c, "output_padding"))
                .dataFormat((String) c.get("data_format"))
                .dilationRate(ConvSupport.intsOr(c, "dilation_rate", new int[] {1}))
                .activation((String) c.get("activation"))
                .useBias(LayerConfig.bool(c, "use_bias", true))
                .kernelRegularizer(LayerConfig.toRegularizer(c.get("kernel_regularizer")))
                .biasRegularizer(LayerConfig.toRegularizer(c.get("bias_regularizer")))
                .kernelConstraint(Constraints.fromConfigObject(c.get("kernel_constraint")))
                .biasConstraint(Constraints.fromConfigObject(c.get("bias_constraint")))
                .name((String) c.get("name"));
        Initializer ki = LayerConfig.toInitializer(c.get("kernel_initializer"));
        Initializer bi = LayerConfig.toInitializer(c.get("bias_initializer"));
        if (ki != null) {
            b.kernelInitializer(ki);
        }
        if (bi != null) {
            b.biasInitializer(bi);
        }
        return b.build();
    }

    @Override
    protected String describe() {
        String a = Activations.nameOf(activation);
        return "filters=" + filters + ", kernel_size=" + SpatialArgs.text(kernelSize)
                + (BaseConv.allOnes(strides) ? "" : ", strides=" + SpatialArgs.text(strides)) + ", padding=" + padding
                + (outputPadding == null ? "" : ", output_padding=" + SpatialArgs.text(outputPadding))
                + (BaseConv.allOnes(dilationRate) ? "" : ", dilation_rate=" + SpatialArgs.text(dilationRate))
                + ", activation=" + (a == null ? "custom" : a) + (useBias ? "" : ", no bias")
                + (dataFormat == DataFormat.CHANNELS_FIRST ? ", channels_first" : "");
    }

    /**
     * The keyword arguments of Conv1D/2D/3DTranspose, with Keras's defaults: strides 1, padding
     * "valid", output_padding None, dilation 1, no activation, a bias, glorot_uniform kernel.
     */
    public static final class Builder<L extends BaseConvTranspose> {
        private final int rank;
        private final Function<Builder<L>, L> factory;
        private final int filters;
        private int[] kernelSize;
        private int[] strides = {1};
        private String padding = "valid";
        private int[] outputPadding;
        private int[] dilationRate = {1};
        private UnaryOperator<Tensor> activation;
        private boolean useBias = true;
        private Initializer kernelInitializer = Initializers.glorotUniform();
        private Initializer biasInitializer = Initializers.zeros();
        private Regularizer kernelRegularizer;
        private Regularizer biasRegularizer;
        private Constraint kernelConstraint;
        private Constraint biasConstraint;
        private String dataFormat;
        private String name;
        private Shape inputShape;

        Builder(int rank, int filters, int[] kernelSize, Function<Builder<L>, L> factory) {
            this.rank = rank;
            this.filters = filters;
            this.kernelSize = kernelSize.clone();
            this.factory = factory;
        }

        public Builder<L> kernelSize(int... kernelSize) {
            this.kernelSize = kernelSize.clone();
            return this;
        }

        public Builder<L> strides(int... strides) {
            this.strides = strides.clone();
            return this;
        }

        /** "valid" (default) or "same". */
        public Builder<L> padding(String padding) {
            this.padding = padding;
            return this;
        }

        /** Extra rows at the end of each axis, each smaller than the stride; null (default) is Keras's None. */
        public Builder<L> outputPadding(int... outputPadding) {
            this.outputPadding = outputPadding == null ? null : outputPadding.clone();
            return this;
        }

        public Builder<L> dilationRate(int... dilationRate) {
            this.dilationRate = dilationRate.clone();
            return this;
        }

        public Builder<L> activation(String activation) {
            this.activation = ConvSupport.activation(activation);
            return this;
        }

        public Builder<L> activation(UnaryOperator<Tensor> activation) {
            this.activation = activation;
            return this;
        }

        public Builder<L> useBias(boolean useBias) {
            this.useBias = useBias;
            return this;
        }

        public Builder<L> kernelInitializer(Initializer initializer) {
            this.kernelInitializer = Objects.requireNonNull(initializer, "kernelInitializer");
            return this;
        }

        public Builder<L> kernelInitializer(String initializer) {
            return kernelInitializer(Initializers.get(initializer));
        }

        public Builder<L> biasInitializer(Initializer initializer) {
            this.biasInitializer = Objects.requireNonNull(initializer, "biasInitializer");
            return this;
        }

        public Builder<L> biasInitializer(String initializer) {
            return biasInitializer(Initializers.get(initializer));
        }

        public Builder<L> kernelRegularizer(Regularizer regularizer) {
            this.kernelRegularizer = regularizer;
            return this;
        }

        public Builder<L> biasRegularizer(Regularizer regularizer) {
            this.biasRegularizer = regularizer;
            return this;
        }

        public Builder<L> kernelConstraint(Constraint constraint) {
            this.kernelConstraint = constraint;
            return this;
        }

        public Builder<L> biasConstraint(Constraint constraint) {
            this.biasConstraint = constraint;
            return this;
        }

        /** "channels_last" (default) or "channels_first". */
        public Builder<L> dataFormat(String dataFormat) {
            this.dataFormat = dataFormat;
            return this;
        }

        public Builder<L> name(String name) {
            this.name = name;
            return this;
        }

        public Builder<L> inputShape(int... shape) {
            this.inputShape = Shape.of(shape);
            return this;
        }

        public L build() {
            return factory.apply(this);
        }
    }
}
