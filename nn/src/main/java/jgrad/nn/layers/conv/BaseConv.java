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

/**
 * The shared body of Keras's Conv1D, Conv2D and Conv3D: {@code activation(conv(x, kernel) +
 * bias)}, a cross-correlation with {@code filters} output channels.
 *
 * <p>Weights, in Keras's layouts: {@code kernel [k..., channels / groups, filters]} and
 * {@code bias [filters]}. PyTorch's {@code Conv2d.weight} is {@code [filters, channels / groups,
 * kh, kw]}; {@link jgrad.nn.io.TorchWeights} converts between them. With {@code groups > 1} the
 * input channels and the filters are split into that many groups, each convolved with its own
 * slice of the kernel (filters {@code g * filters/groups ...} see channels
 * {@code g * channels/groups ...}); groups equal to the channels is a depthwise convolution.
 *
 * <p>Inputs are {@code [batch, spatial..., channels]} (channels_last, the default) or
 * {@code [batch, channels, spatial...]} (channels_first; permuted to channels-last for the
 * computation and back). The output length per axis is Keras's: "valid" {@code floor((in - eff) /
 * stride) + 1} with {@code eff = (k - 1) * dilation + 1}, "same" and (Conv1D) "causal"
 * {@code ceil(in / stride)}.
 */
public abstract class BaseConv extends Layer {
    private final int rank;
    private final int filters;
    private final int[] kernelSize;
    private final int[] strides;
    private final String padding;
    private final int[] dilationRate;
    private final int groups;
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

    BaseConv(Builder<?> b) {
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
        this.padding = SpatialArgs.padding(who, b.padding, rank == 1);
        if (b.groups <= 0) {
            throw new IllegalArgumentException(who + ": groups must be > 0, got " + b.groups);
        }
        if (filters % b.groups != 0) {
            throw new IllegalArgumentException(who + ": groups " + b.groups + " must divide filters " + filters
                    + " (each group has filters / groups filters)");
        }
        this.groups = b.groups;
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

    /** "valid", "same" or (Conv1D) "causal". */
    public final String padding() {
        return padding;
    }

    public final int[] dilationRate() {
        return dilationRate.clone();
    }

    public final int groups() {
        return groups;
    }

    public final DataFormat dataFormat() {
        return dataFormat;
    }

    /** The activation, or null for linear. */
    public final UnaryOperator<Tensor> activation() {
        return activation;
    }

    public final boolean useBias() {
        return useBias;
    }

    /** The kernel {@code [k..., channels / groups, filters]}; null before the layer is built. */
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
        int channels = dataFormat.channels(inputShape);
        if (channels % groups != 0) {
            throw new IllegalArgumentException("groups " + groups + " must divide the input channels " + channels
                    + " (input " + SpatialArgs.batch(inputShape) + ", data_format='" + dataFormat + "')"
                    + SpatialArgs.formatHint(inputShape, dataFormat));
        }
        ConvSupport.outputSizes(in, kernelSize, strides, dilationRate, padding, inputShape, dataFormat);
        int[] k = new int[rank + 2];
        System.arraycopy(kernelSize, 0, k, 0, rank);
        k[rank] = channels / groups;
        k[rank + 1] = filters;
        kernel = addWeight("kernel", Shape.of(k), kernelInitializer, kernelRegularizer, true);
        Constraints.attach(kernel, kernelConstraint);
        if (useBias) {
            bias = addWeight("bias", Shape.of(filters), biasInitializer, biasRegularizer, true);
            Constraints.attach(bias, biasConstraint);
        }
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        try {
            computeOutputShape(Shapes.perSample(x.shape(), name()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ConvSupport.who(this) + ": " + e.getMessage(), e);
        }
        Tensor y = Convolution.conv(dataFormat.toChannelsLast(x), kernel, bias, strides, dilationRate,
                SpatialArgs.opPadding(padding), groups, ConvSupport.fusedName(activation));
        y = dataFormat.fromChannelsLast(y);
        UnaryOperator<Tensor> after = ConvSupport.unfused(activation);
        return after == null ? y : after.apply(y);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        int expected = kernel == null ? -1 : kernel.dim(rank) * groups;
        int[] in = ConvSupport.checkInput(inputShape, rank, dataFormat, expected,
                kernel == null ? null : kernel.shape());
        return dataFormat.shape(ConvSupport.outputSizes(in, kernelSize, strides, dilationRate, padding, inputShape,
                dataFormat), filters);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("filters", filters);
        m.put("kernel_size", LayerConfig.list(kernelSize));
        m.put("strides", LayerConfig.list(strides));
        m.put("padding", padding);
        m.put("data_format", dataFormat.kerasName());
        m.put("dilation_rate", LayerConfig.list(dilationRate));
        m.put("groups", groups);
        m.put("activation", LayerConfig.activationName(this, activation));
        m.put("use_bias", useBias);
        ConvSupport.putCommon(this, m, "kernel", kernelInitializer, kernelRegularizer, kernelConstraint);
        ConvSupport.putCommon(this, m, "bias", biasInitializer, biasRegularizer, biasConstraint);
        return m;
    }

    /** Fills a builder from {@link #config()} (Keras's names; missing entries keep Keras's defaults). */
    static <L extends BaseConv> L fromConfig(Function<Integer, Builder<L>> builder, Map<String, Object> c) {
        Builder<L> b = builder.apply(LayerConfig.integer(c, "filters"));
        b.kernelSize(LayerConfig.ints(c, "kernel_size"))
                .strides(ConvSupport.intsOr(c, "strides", new int[] {1}))
                .padding((String) c.getOrDefault("padding", "valid"))
                .dataFormat((String) c.get("data_format"))
                .dilationRate(ConvSupport.intsOr(c, "dilation_rate", new int[] {1}))
                .groups(c.get("groups") == null ? 1 : LayerConfig.integer(c, "groups"))
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
                + (allOnes(strides) ? "" : ", strides=" + SpatialArgs.text(strides)) + ", padding=" + padding
                + (allOnes(dilationRate) ? "" : ", dilation_rate=" + SpatialArgs.text(dilationRate))
                + (groups == 1 ? "" : ", groups=" + groups) + ", activation=" + (a == null ? "custom" : a)
                + (useBias ? "" : ", no bias") + (dataFormat == DataFormat.CHANNELS_FIRST ? ", channels_first" : "");
    }

    static boolean allOnes(int[] v) {
        for (int x : v) {
            if (x != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * The keyword arguments of Conv1D/2D/3D, with Keras's defaults: strides 1, padding "valid",
     * dilation 1, groups 1, no activation, a bias, glorot_uniform kernel, zero bias, channels_last.
     */
    public static final class Builder<L extends BaseConv> {
        private final int rank;
        private final Function<Builder<L>, L> factory;
        private final int filters;
        private int[] kernelSize;
        private int[] strides = {1};
        private String padding = "valid";
        private int[] dilationRate = {1};
        private int groups = 1;
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

        /** One size for every spatial axis, or one per axis. */
        public Builder<L> kernelSize(int... kernelSize) {
            this.kernelSize = kernelSize.clone();
            return this;
        }

        /** One stride for every spatial axis, or one per axis (default 1). */
        public Builder<L> strides(int... strides) {
            this.strides = strides.clone();
            return this;
        }

        /** "valid" (default), "same", or for Conv1D "causal". */
        public Builder<L> padding(String padding) {
            this.padding = padding;
            return this;
        }

        /** One dilation for every spatial axis, or one per axis (default 1). */
        public Builder<L> dilationRate(int... dilationRate) {
            this.dilationRate = dilationRate.clone();
            return this;
        }

        /** Channel groups (default 1); must divide the input channels and the filters. */
        public Builder<L> groups(int groups) {
            this.groups = groups;
            return this;
        }

        /** By Keras name; null or "linear" for none. relu, sigmoid and tanh are fused into the convolution. */
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

        /** By Keras name, e.g. "he_normal". */
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

        /** Applied to the kernel after every optimizer step, e.g. {@code new MaxNorm(3, new int[] {0, 1, 2})}. */
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

        /** The per-sample input shape (Keras's {@code input_shape=}), for the first layer of a Sequential. */
        public Builder<L> inputShape(int... shape) {
            this.inputShape = Shape.of(shape);
            return this;
        }

        public L build() {
            return factory.apply(this);
        }
    }
}
