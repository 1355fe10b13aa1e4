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
 * Keras's {@code SeparableConv2D}: a depthwise convolution (each channel with its own
 * {@code depth_multiplier} filters, with the strides, padding and dilation) followed by a 1x1
 * pointwise convolution mixing the channels into {@code filters}, then the bias and activation.
 * Weights: {@code depthwise_kernel [kh, kw, channels, depth_multiplier]}, {@code pointwise_kernel
 * [1, 1, channels * depth_multiplier, filters]}, {@code bias [filters]}.
 * {@code new SeparableConv2D(64, 3, "relu")}.
 */
public final class SeparableConv2D extends Layer {
    private final int filters;
    private final int[] kernelSize;
    private final int[] strides;
    private final String padding;
    private final int depthMultiplier;
    private final int[] dilationRate;
    private final UnaryOperator<Tensor> activation;
    private final boolean useBias;
    private final Initializer depthwiseInitializer;
    private final Initializer pointwiseInitializer;
    private final Initializer biasInitializer;
    private final Regularizer depthwiseRegularizer;
    private final Regularizer pointwiseRegularizer;
    private final Regularizer biasRegularizer;
    private final Constraint depthwiseConstraint;
    private final Constraint pointwiseConstraint;
    private final Constraint biasConstraint;
    private final DataFormat dataFormat;
    private Variable depthwiseKernel;
    private Variable pointwiseKernel;
    private Variable bias;

    public SeparableConv2D(int filters, int kernelSize) {
        this(builder(filters, kernelSize));
    }

    /** With an activation by Keras name. */
    public SeparableConv2D(int filters, int kernelSize, String activation) {
        this(builder(filters, kernelSize).activation(activation));
    }

    private SeparableConv2D(Builder b) {
        super(b.name);
        String who = "SeparableConv2D";
        if (b.filters <= 0) {
            throw new IllegalArgumentException(who + ": filters must be > 0, got " + b.filters);
        }
        this.filters = b.filters;
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
        this.pointwiseInitializer = b.pointwiseInitializer;
        this.biasInitializer = b.biasInitializer;
        this.depthwiseRegularizer = b.depthwiseRegularizer;
        this.pointwiseRegularizer = b.pointwiseRegularizer;
        this.biasRegularizer = b.biasRegularizer;
        this.depthwiseConstraint = b.depthwiseConstraint;
        this.pointwiseConstraint = b.pointwiseConstraint;
        this.biasConstraint = b.biasConstraint;
        this.dataFormat = DataFormat.of(b.dataFormat);
        if (b.inputShape != null) {
            declareInputShape(b.inputShape);
        }
    }

    /** A builder with the filters and the kernel size (one value for both axes, or two). */
    public static Builder builder(int filters, int... kernelSize) {
        return new Builder(filters, kernelSize);
    }

    public int filters() {
        return filters;
    }

    public int[] kernelSize() {
        return kernelSize.clone();
    }

    public int depthMultiplier() {
        return depthMultiplier;
    }

    public DataFormat dataFormat() {
        return dataFormat;
    }

    /** {@code [kh, kw, channels, depth_multiplier]}; null before building. */
    public Variable depthwiseKernel() {
        return depthwiseKernel;
    }

    /** {@code [1, 1, channels * depth_multiplier, filters]}; null before building. */
    public Variable pointwiseKernel() {
        return pointwiseKernel;
    }

    /** {@code [filters]}; null before building or without a bias. */
    public Variable bias() {
        return bias;
    }

    @Override
    protected void build(Shape inputShape) {
        int[] in = ConvSupport.checkInput(inputShape, 2, dataFormat, -1, null);
        ConvSupport.outputSizes(in, kernelSize, strides, dilationRate, padding, inputShape, dataFormat);
        int channels = dataFormat.channels(inputShape);
        depthwiseKernel = addWeight("depthwise_kernel", Shape.of(kernelSize[0], kernelSize[1], channels,
                depthMultiplier), depthwiseInitializer, depthwiseRegularizer, true);
        Constraints.attach(depthwiseKernel, depthwiseConstraint);
        pointwiseKernel = addWeight("pointwise_kernel", Shape.of(1, 1, channels * depthMultiplier, filters),
                pointwiseInitializer, pointwiseRegularizer, true);
        Constraints.attach(pointwiseKernel, pointwiseConstraint);
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
        Tensor mid = Convolution.conv(dataFormat.toChannelsLast(x), DepthwiseConv2D.grouped(depthwiseKernel), null,
                strides, dilationRate, SpatialArgs.opPadding(padding), depthwiseKernel.dim(2), null);
        Tensor y = Convolution.conv(mid, pointwiseKernel, bias, new int[] {1, 1}, new int[] {1, 1},
                SpatialArgs.opPadding("valid"), 1, ConvSupport.fusedName(activation));
        y = dataFormat.fromChannelsLast(y);
        UnaryOperator<Tensor> after = ConvSupport.unfused(activation);
        return after == null ? y : after.apply(y);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        int expected = depthwiseKernel == null ? -1 : depthwiseKernel.dim(2);
        int[] in = ConvSupport.checkInput(inputShape, 2, dataFormat, expected,
                depthwiseKernel == null ? null : depthwiseKernel.shape());
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
        m.put("depth_multiplier", depthMultiplier);
        m.put("activation", LayerConfig.activationName(this, activation));
        m.put("use_bias", useBias);
        ConvSupport.putCommon(this, m, "depthwise", depthwiseInitializer, depthwiseRegularizer, depthwiseConstraint);
        ConvSupport.putCommon(this, m, "pointwise", pointwiseInitializer, pointwiseRegularizer, pointwiseConstraint);
        ConvSupport.putCommon(this, m, "bias", biasInitializer, biasRegularizer, biasConstraint);
        return m;
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static SeparableConv2D fromConfig(Map<String, Object> c) {
        Builder b = builder(LayerConfig.integer(c, "filters"), LayerConfig.ints(c, "kernel_size"))
                .strides(ConvSupport.intsOr(c, "strides", new int[] {1}))
                .padding((String) c.getOrDefault("padding", "valid"))
                .depthMultiplier(c.get("depth_multiplier") == null ? 1 : LayerConfig.integer(c, "depth_multiplier"))
                .dataFormat((String) c.get("data_format"))
                .dilationRate(ConvSupport.intsOr(c, "dilation_rate", new int[] {1}))
                .activation((String) c.get("activation"))
                .useBias(LayerConfig.bool(c, "use_bias", true))
                .depthwiseRegularizer(LayerConfig.toRegularizer(c.get("depthwise_regularizer")))
                .pointwiseRegularizer(LayerConfig.toRegularizer(c.get("pointwise_regularizer")))
                .biasRegularizer(LayerConfig.toRegularizer(c.get("bias_regularizer")))
                .depthwiseConstraint(Constraints.fromConfigObject(c.get("depthwise_constraint")))
                .pointwiseConstraint(Constraints.fromConfigObject(c.get("pointwise_constraint")))
                .biasConstraint(Constraints.fromConfigObject(c.get("bias_constraint")))
                .name((String) c.get("name"));
        Initializer di = LayerConfig.toInitializer(c.get("depthwise_initializer"));
        Initializer pi = LayerConfig.toInitializer(c.get("pointwise_initializer"));
        Initializer bi = LayerConfig.toInitializer(c.get("bias_initializer"));
        if (di != null) {
            b.depthwiseInitializer(di);
        }
        if (pi != null) {
            b.pointwiseInitializer(pi);
        }
        if (bi != null) {
            b.biasInitializer(bi);
        }
        return b.build();
    }

    @Override
    protected String describe() {
        String a = Activations.nameOf(activation);
        return "filters=" + filters + ", kernel_size=" + SpatialArgs.text(kernelSize) + ", depth_multiplier="
                + depthMultiplier + (BaseConv.allOnes(strides) ? "" : ", strides=" + SpatialArgs.text(strides))
                + ", padding=" + padding + ", activation=" + (a == null ? "custom" : a) + (useBias ? "" : ", no bias")
                + (dataFormat == DataFormat.CHANNELS_FIRST ? ", channels_first" : "");
    }

    /** SeparableConv2D's keyword arguments, with Keras's defaults. */
    public static final class Builder {
        private final int filters;
        private int[] kernelSize;
        private int[] strides = {1};
        private String padding = "valid";
        private int depthMultiplier = 1;
        private int[] dilationRate = {1};
        private UnaryOperator<Tensor> activation;
        private boolean useBias = true;
        private Initializer depthwiseInitializer = Initializers.glorotUniform();
        private Initializer pointwiseInitializer = Initializers.glorotUniform();
        private Initializer biasInitializer = Initializers.zeros();
        private Regularizer depthwiseRegularizer;
        private Regularizer pointwiseRegularizer;
        private Regularizer biasRegularizer;
        private Constraint depthwiseConstraint;
        private Constraint pointwiseConstraint;
        private Constraint biasConstraint;
        private String dataFormat;
        private String name;
        private Shape inputShape;

        private Builder(int filters, int[] kernelSize) {
            this.filters = filters;
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

        /** Depthwise filters per input channel (default 1). */
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

        public Builder pointwiseInitializer(Initializer initializer) {
            this.pointwiseInitializer = Objects.requireNonNull(initializer, "pointwiseInitializer");
            return this;
        }

        public Builder biasInitializer(Initializer initializer) {
            this.biasInitializer = Objects.requireNonNull(initializer, "biasInitializer");
            return this;
        }

        public Builder depthwiseRegularizer(Regularizer regularizer) {
            this.depthwiseRegularizer = regularizer;
            return this;
        }

        public Builder pointwiseRegularizer(Regularizer regularizer) {
            this.pointwiseRegularizer = regularizer;
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

        public Builder pointwiseConstraint(Constraint constraint) {
            this.pointwiseConstraint = constraint;
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

        public SeparableConv2D build() {
            return new SeparableConv2D(this);
        }
    }
}
