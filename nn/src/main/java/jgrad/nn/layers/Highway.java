package jgrad.nn.layers;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.Shapes;
import jgrad.nn.activations.Activations;
import jgrad.nn.initializers.Initializer;
import jgrad.nn.initializers.Initializers;

/**
 * A highway layer (Srivastava, Greff &amp; Schmidhuber, "Highway Networks", 2015; Keras 1.x's
 * {@code Highway}): a learned gate T decides, per unit, how much of a transformed input H to
 * pass and how much of the input itself to carry through unchanged,
 *
 * <pre>
 *   H = activation(x W_H + b_H)
 *   T = sigmoid(x W_T + b_T)
 *   y = H T + x (1 - T)
 * </pre>
 *
 * so input and output have the same width. The gate's bias {@code b_T} starts at
 * {@code transformBias} (Keras 1's default -2): a negative bias closes the gate, so a deep stack
 * starts close to the identity and gradients reach the first layers (50 plain layers do not
 * train; 50 highway layers with b_T = -4 do, SEEDS-4-8). Keras 1's defaults otherwise: kernels
 * glorot_uniform, H's bias zeros, linear activation.
 *
 * <pre>{@code
 * new Highway("relu", -4)                      // width taken from the input
 * Highway.builder().units(50).activation("relu").transformBias(-4).build()   // width checked
 * }</pre>
 */
public final class Highway extends Layer {
    private final int units;
    private final UnaryOperator<Tensor> activation;
    private final double transformBias;
    private final Initializer kernelInitializer;
    private Variable kernel;
    private Variable bias;
    private Variable transformKernel;
    private Variable transformBiasWeight;

    /** Keras 1's defaults: linear H, transform bias -2. */
    public Highway() {
        this(builder());
    }

    public Highway(String activation, double transformBias) {
        this(builder().activation(activation).transformBias(transformBias));
    }

    private Highway(Builder b) {
        super(b.name);
        if (b.units < 0) {
            throw new IllegalArgumentException("Highway: units must be > 0 (or 0 to take the input's width), got "
                    + b.units);
        }
        if (!Double.isFinite(b.transformBias)) {
            throw new IllegalArgumentException("Highway: transformBias must be finite, got " + b.transformBias);
        }
        this.units = b.units;
        this.activation = b.activation;
        this.transformBias = b.transformBias;
        this.kernelInitializer = b.kernelInitializer;
        if (b.inputShape != null) {
            declareInputShape(b.inputShape);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The declared width (0: whatever the input has). */
    public int units() {
        return units;
    }

    public double transformBias() {
        return transformBias;
    }

    /** W_H {@code [width, width]}; null before the layer is built. */
    public Variable kernel() {
        return kernel;
    }

    public Variable bias() {
        return bias;
    }

    /** W_T {@code [width, width]}. */
    public Variable transformKernel() {
        return transformKernel;
    }

    /** b_T {@code [width]}, starting at {@link #transformBias()}. */
    public Variable transformBiasWeight() {
        return transformBiasWeight;
    }

    @Override
    protected void build(Shape inputShape) {
        if (inputShape.rank() < 1) {
            throw new IllegalArgumentException("Highway needs inputs with a feature axis, (None, features) or more; got "
                    + Shapes.batchShape(inputShape));
        }
        int width = inputShape.get(-1);
        if (units > 0 && width != units) {
            throw new IllegalArgumentException("layer '" + name() + "' (Highway): input and output widths must match,"
                    + " y = H(x) T(x) + x (1 - T(x)); units is " + units + " but the input is "
                    + Shapes.batchShape(inputShape) + " (put a Dense(" + units + ") before it to change the width)");
        }
        kernel = addWeight("kernel", Shape.of(width, width), kernelInitializer, null, true);
        bias = addWeight("bias", Shape.of(width), Initializers.zeros(), null, true);
        transformKernel = addWeight("transform_kernel", Shape.of(width, width), kernelInitializer, null, true);
        transformBiasWeight = addWeight("transform_bias", Shape.of(width), Initializers.constant(transformBias), null,
                true);
    }

    /** The transform gate T(x) = sigmoid(x W_T + b_T) for an input of the built width. */
    public Tensor transformGate(Tensor x) {
        Tensor flat = flatten(x);
        return unflatten(flat.matmul(transformKernel).add(transformBiasWeight).sigmoid(), x);
    }

    private Tensor flatten(Tensor x) {
        if (kernel == null) {
            throw new IllegalStateException("layer '" + name() + "' (Highway) is not built; call it on an input first");
        }
        int width = kernel.dim(0);
        if (x.rank() < 2 || x.dim(-1) != width) {
            throw new IllegalArgumentException("layer '" + name() + "' (Highway): input and output widths must match;"
                    + " it was built for " + width + " features (kernel " + kernel.shape() + "), got a batch of shape "
                    + x.shape());
        }
        return x.rank() == 2 ? x : x.reshape(-1, width);
    }

    private static Tensor unflatten(Tensor y, Tensor like) {
        return like.rank() == 2 ? y : y.reshape(like.shape().dims());
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        Tensor in = flatten(x);
        Tensor h = in.matmul(kernel).add(bias);
        if (activation != null) {
            h = activation.apply(h);
        }
        Tensor t = in.matmul(transformKernel).add(transformBiasWeight).sigmoid();
        // y = H T + x (1 - T)
        Tensor y = h.mul(t).add(in.mul(t.neg().add(1)));
        return unflatten(y, x);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        if (inputShape.rank() < 1 || inputShape.get(-1) != kernel.dim(0)) {
            throw new IllegalArgumentException("layer '" + name() + "' (Highway): input and output widths must match;"
                    + " built for " + kernel.dim(0) + " features, got " + Shapes.batchShape(inputShape));
        }
        return inputShape;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("units", units);
        m.put("activation", LayerConfig.activationName(this, activation));
        m.put("transform_bias", transformBias);
        m.put("kernel_initializer", LayerConfig.initializer(this, kernelInitializer));
        return m;
    }

    /** Rebuilds a Highway layer from {@link #config()}. */
    public static Highway fromConfig(Map<String, Object> c) {
        Builder b = builder().name((String) c.get("name")).activation((String) c.get("activation"))
                .transformBias(LayerConfig.number(c, "transform_bias", -2));
        if (c.get("units") != null) {
            b.units(LayerConfig.integer(c, "units"));
        }
        Initializer ki = LayerConfig.toInitializer(c.get("kernel_initializer"));
        if (ki != null) {
            b.kernelInitializer(ki);
        }
        return b.build();
    }

    @Override
    protected String describe() {
        String a = Activations.nameOf(activation);
        return (units > 0 ? "units=" + units + ", " : "") + "activation=" + (activation == null ? "linear"
                : a == null ? "custom" : a) + ", transform_bias=" + transformBias;
    }

    /** Highway's keyword arguments. */
    public static final class Builder {
        private String name;
        private int units;
        private UnaryOperator<Tensor> activation;
        private double transformBias = -2;
        private Initializer kernelInitializer = Initializers.glorotUniform();
        private Shape inputShape;

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The width the input must have (0, the default, takes it from the input). */
        public Builder units(int units) {
            this.units = units;
            return this;
        }

        /** H's activation by Keras name; null or "linear" (Keras 1's default) for none. */
        public Builder activation(String activation) {
            this.activation = activation == null || activation.equals("linear") ? null : Activations.get(activation);
            return this;
        }

        public Builder activation(UnaryOperator<Tensor> activation) {
            this.activation = activation;
            return this;
        }

        /** The gate's initial bias b_T (Keras 1's {@code transform_bias}, -2 by default). */
        public Builder transformBias(double transformBias) {
            this.transformBias = transformBias;
            return this;
        }

        /** Both kernels' initializer (glorot_uniform by default). */
        public Builder kernelInitializer(Initializer initializer) {
            this.kernelInitializer = Objects.requireNonNull(initializer, "kernelInitializer");
            return this;
        }

        public Builder inputShape(int... shape) {
            this.inputShape = Shape.of(shape);
            return this;
        }

        public Highway build() {
            return new Highway(this);
        }
    }
}
