package jgrad.nn.layers.conv;

import java.util.Map;
import java.util.Objects;
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
 * Keras's {@code DepthwiseConv2D}: each input channel convolved with its own
 * {@code depth_multiplier} filters, channels never mixed. Kernel {@code [kh, kw, channels,
 * depth_multiplier]}, bias {@code [channels * depth_multiplier]}; output channel
 * {@code c * depth_multiplier + j} is input channel c's j-th filter, as in Keras. It runs as a
 * grouped convolution with one group per channel (PyTorch's {@code Conv2d(groups=channels)},
 * whose weight {@code [channels * multiplier, 1, kh, kw]} holds the same numbers).
 * {@code new DepthwiseConv2D(3)}, {@code DepthwiseConv2D.builder(3).depthMultiplier(2).padding("same").build()}.
 */
public final class DepthwiseConv2D extends Layer {
    private final int[] kernelSize;
    private final int[] strides;
    private final String padding;
    private final int depthMultiplier;
    private final int[] dilationRate;
    private final UnaryOperator<Tensor> activation;
    private final boolean useBias;
    private final Initializer depthwiseInitializer;
    private final Initializer biasInitializer;
    private final Regularizer depthwiseRegularizer;
    private final Regularizer biasRegularizer;
    private final Constraint depthwiseConstraint;
    private final Constraint biasConstraint;
    private final DataFormat dataFormat;
    private Variable kernel;
    private Variable bias;

    /** A kernelSize x kernelSize window, one filter per channel. */
    public DepthwiseConv2D(int kernelSize) {
        this(builder(kernelSize));
    }

    /** With an activation by Keras name. */
    public DepthwiseConv2D(int kernelSize, String activation) {
        this(builder(kernelSize).activation(activation));
    }

    private DepthwiseConv2D(Builder b) {
        super(b.name);
        String who = "DepthwiseConv2D";
        this.kernelSize = SpatialArgs.positive(who, "kernel_size", b.kernelSize, 2);
        this.strides = SpatialArgs.positive(who, "strides", b.strides, 2);
        this.dilationRate = SpatialArgs.positive(who, "dilation_rate", b.dilationRate, 2);
        this.padding = SpatialArgs.padding(who, b.padding, false);
        if (b.depthMultiplier <= 0) {
            throw new IllegalArgumentException(who + ": depth_multiplier must be > 0, got " + b.depthMultiplier);
        }
        this.depthMultiplier = b.depthMultiplier;
        this.activation = b.activation;
        this.useBias = b.useBias;
        this.depthwiseInitializer = b.depthwiseInitializer;
        this.biasInitializer = b.biasInitializer;
        this.depthwiseRegularizer = b.depthwiseRegularizer;
        this.biasRegularizer = b.biasRegularizer;
        this.depthwiseConstraint = b.depthwiseConstraint;
        this.biasConstraint = b.biasConstraint;
        this.dataFormat = DataFormat.of(b.dataFormat);
        if (b.inputShape != null) {
            declareInputShape(b.inputShape);
        }
    }

    /** A builder with the kernel size (one value for both axes, or two). */
    public static Builder builder(int... kernelSize) {
        return new Builder(kernelSize);
    }

    public int[] kernelSize() {
        return kernelSize.clone();
    }

    public int[] strides() {
        return strides.clone();
    }

    public String padding() {
        return padding;
    }

    public int depthMultiplier() {
        return depthMultiplier;
    }

    public int[] dilationRate() {
        return dilationRate.clone();
    }

    public DataFormat dataFormat() {
        return dataFormat;
    }

    /** The depthwise kernel {@code [kh, kw, channels, depth_multiplier]}; null before building. */
    public Variable kernel() {
        return kernel;
    }

    /** The bias {@code [channels * depth_multiplier]}; null before building or without a bias. */
    public Variable bias() {
        return bias;
    }

    @Override
    protected void build(Shape inputShape) {
        int[] in = ConvSupport.checkInput(inputShape, 2, dataFormat, -1, null);
        ConvSupport.outputSizes(in, kernelSize, strides, dilationRate, padding, inputShape, dataFormat);
        int channels = dataFormat.channels(inputShape);
        // Keras 3 names the depthwise weight "kernel".
        kernel = addWeight("kernel", Shape.of(kernelSize[0], kernelSize[1], channels, depthMultiplier),
                depthwiseInitializer, depthwiseRegularizer, true);
        Constraints.attach(kernel, depthwiseConstraint);
        if (useBias) {
            bias = addWeight("bias", Shape.of(channels * depthMultiplier), biasInitializer, biasRegularizer, true);
            Constraints.attach(bias, biasConstraint);
        }
    }

    /** The depthwise kernel as a grouped-convolution kernel [kh, kw, 1, channels * multiplier] (a view). */
    static Tensor grouped(Tensor depthwise) {
        return depthwise.reshape(depthwise.dim(0), depthwise.dim(1), 1, depthwise.dim(2) * depthwise.dim(3));
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        try {
            computeOutputShape(Shapes.perSample(x.shape(), name()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ConvSupport.who(this) + ": " + e.getMessage(), e);
        }
        Tensor y = Convolution.conv(dataFormat.toChannelsLast(x), grouped(kernel), bias, strides, dilationRate,
                SpatialArgs.opPadding(padding), kernel.dim(2), ConvSupport.fusedName(activation));
        y = dataFormat.fromChannelsLast(y);
        UnaryOperator<Tensor> after = ConvSupport.unfused(activation);
        return after == null ? y : after.apply(y);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        int expected = kernel == null ? -1 : kernel.dim(2);
        int[] in = ConvSupport.checkInput(inputShape, 2, dataFormat, expected, kernel == null ? null : kernel.shape());
        int channels = dataFormat.channels(inputShape);
        return dataFormat.shape(ConvSupport.outputSizes(in, kernelSize, strides, dilationRate, padding, inputShape,
                dataFormat), channels * depthMultiplier);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("kernel_size", LayerConfig.list(kernelSize));
        m.put("strides", LayerConfig.list(strides));
        m.put("padding", padding);
        m.put("depth_multiplier", depthMultiplier);
        m.put("data_format", dataFormat.kerasName());
        m.put("dilation_rate", LayerConfig.list(dilationRate));
        m.put("activation", LayerConfig.activationName(this, activation));
        m.put("use_bias", useBias);
        ConvSupport.putCommon(this, m, "depthwise", depthwiseInitializer, depthwiseRegularizer, depthwiseConstraint);
        ConvSupport.putCommon(this, m, "bias", biasInitializer, biasRegularizer, biasConstraint);
        return m;
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static DepthwiseConv2D fromConfig(Map<String, Object> c) {
        Builder b = builder(LayerConfig.ints(c, "kernel_size"))
                .strides(ConvSupport.intsOr(c, "strides", new int[] {1}))
                .padding((String) c.getOrDefault("padding", "valid"))
                .depthMultiplier(c.get("depth_multiplier") == null ? 1 : LayerConfig.integer(c, "depth_multiplier"))
                .dataFormat((String) c.get("data_format"))
                .dilationRate(ConvSupport.intsOr(c, "dilation_rate", new int[] {1}))
                .activation((String) c.get("activation"))
                .useBias(LayerConfig.bool(c, "use_bias", true))
                .depthwiseRegularizer(LayerConfig.toRegularizer(c.get("depthwise_regularizer")))
                .biasRegularizer(LayerConfig.toRegularizer(c.get("bias_regularizer")))
                .depthwiseConstraint(Constraints.fromConfigObject(c.get("depthwise_constraint")))
                .biasConstraint(Constraints.fromConfigObject(c.get("bias_constraint")))
                .name((String) c.get("name"));
        Initializer di = LayerConfig.toInitializer(c.get("depthwise_initializer"));
        Initializer bi = LayerConfig.toInitializer(c.get("bias_initializer"));
        if (di != null) {
            b.depthwiseInitializer(di);
        }
        if (bi != null) {
            b.biasInitializer(bi);
        }
        return b.build();
    }

    @Override
    protected String describe() {
        String a = Activations.nameOf(activation);
        return "kernel_size=" + SpatialArgs.text(kernelSize) + ", depth_multiplier=" + depthMultiplier
                + (BaseConv.allOnes(strides) ? "" : ", strides=" + SpatialArgs.text(strides)) + ", padding=" + padding
                + ", activation=" + (a == null ? "custom" : a) + (useBias ? "" : ", no bias")
                + (dataFormat == DataFormat.CHANNELS_FIRST ? ", channels_first" : "");
    }

    /** DepthwiseConv2D's keyword arguments, with Keras's defaults. */
    public static final class Builder {
        private int[] kernelSize;
        private int[] strides = {1};
        private String padding = "valid";
        private int depthMultiplier = 1;
        private int[] dilationRate = {1};
        private UnaryOperator<Tensor> activation;
        private boolean useBias = true;
        private Initializer depthwiseInitializer = Initializers.glorotUniform();
        private Initializer biasInitializer = Initializers.zeros();
        private Regularizer depthwiseRegularizer;
        private Regularizer biasRegularizer;
        private Constraint depthwiseConstraint;
        private Constraint biasConstraint;
        private String dataFormat;
        private String name;
        private Shape inputShape;

        private Builder(int[] kernelSize) {
            this.kernelSize = kernelSize.clone();
        }

        public Builder strides(int... strides) {
            this.strides = strides.clone();
            return this;
        }

        /** "valid" (default) or "same". */
        public Builder padding(String padding) {
            this.padding = padding;
            return this;
        }

        /** Filters per input channel (default 1). */
        public Builder depthMultiplier(int depthMultiplier) {
            this.depthMultiplier = depthMultiplier;
            return this;
        }

        public Builder dilationRate(int... dilationRate) {
            this.dilationRate = dilationRate.clone();
            return this;
        }

        public Builder activation(String activation) {
            this.activation = ConvSupport.activation(activation);
            return this;
        }

        public Builder activation(UnaryOperator<Tensor> activation) {
            this.activation = activation;
            return this;
        }

        public Builder useBias(boolean useBias) {
            this.useBias = useBias;
            return this;
        }

        public Builder depthwiseInitializer(Initializer initializer) {
            this.depthwiseInitializer = Objects.requireNonNull(initializer, "depthwiseInitializer");
            return this;
        }

        public Builder depthwiseInitializer(String initializer) {
            return depthwiseInitializer(Initializers.get(initializer));
        }

        public Builder biasInitializer(Initializer initializer) {
            this.biasInitializer = Objects.requireNonNull(initializer, "biasInitializer");
            return this;
        }

        public Builder biasInitializer(String initializer) {
            return biasInitializer(Initializers.get(initializer));
        }

        public Builder depthwiseRegularizer(Regularizer regularizer) {
            this.depthwiseRegularizer = regularizer;
            return this;
        }

        public Builder biasRegularizer(Regularizer regularizer) {
            this.biasRegularizer = regularizer;
            return this;
        }

        public Builder depthwiseConstraint(Constraint constraint) {
            this.depthwiseConstraint = constraint;
            return this;
        }

        public Builder biasConstraint(Constraint constraint) {
            this.biasConstraint = constraint;
            return this;
        }

        /** "channels_last" (default) or "channels_first". */
        public Builder dataFormat(String dataFormat) {
            this.dataFormat = dataFormat;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder inputShape(int... shape) {
            this.inputShape = Shape.of(shape);
            return this;
        }

        public DepthwiseConv2D build() {
            return new DepthwiseConv2D(this);
        }
    }
}
