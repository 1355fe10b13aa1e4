package jgrad.nn.layers;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.activations.Activations;
import jgrad.nn.initializers.Initializer;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.regularizers.Regularizer;

/**
 * A fully connected layer, {@code activation(x @ kernel + bias)} (Keras's {@code Dense},
 * PyTorch's {@code Linear} with the kernel stored [in, out]). Applies to the last axis, so a
 * [batch, time, features] input gives [batch, time, units]. Keras's defaults: kernel
 * glorot_uniform, bias zeros, no activation.
 *
 * <pre>{@code
 * new Dense(64, "relu")
 * Dense.builder(128).activation("relu").kernelInitializer("he_normal")
 *      .kernelRegularizer(new L2(0.001)).inputShape(13).build()
 * }</pre>
 */
public final class Dense extends Layer {
    private final int units;
    private final UnaryOperator<Tensor> activation;
    private final boolean useBias;
    private final Initializer kernelInitializer;
    private final Initializer biasInitializer;
    private final Regularizer kernelRegularizer;
    private final Regularizer biasRegularizer;
    private Variable kernel;
    private Variable bias;

    public Dense(int units) {
        this(builder(units));
    }

    /** {@code activation} by Keras name ("relu", "sigmoid", "softmax", ...; null for linear). */
    public Dense(int units, String activation) {
        this(builder(units).activation(activation));
    }

    public Dense(int units, UnaryOperator<Tensor> activation) {
        this(builder(units).activation(activation));
    }

    private Dense(Builder b) {
        super(b.name);
        if (b.units <= 0) {
            throw new IllegalArgumentException("Dense: units must be > 0, got " + b.units);
        }
        this.units = b.units;
        this.activation = b.activation;
        this.useBias = b.useBias;
        this.kernelInitializer = b.kernelInitializer;
        this.biasInitializer = b.biasInitializer;
        this.kernelRegularizer = b.kernelRegularizer;
        this.biasRegularizer = b.biasRegularizer;
        if (b.inputShape != null) {
            declareInputShape(b.inputShape);
        }
    }

    public static Builder builder(int units) {
        return new Builder(units);
    }

    public int units() {
        return units;
    }

    /** The kernel [inputs, units]; null before the layer is built. */
    public Variable kernel() {
        return kernel;
    }

    /** The bias [units]; null before building or without a bias. */
    public Variable bias() {
        return bias;
    }

    public UnaryOperator<Tensor> activation() {
        return activation;
    }

    @Override
    protected void build(Shape inputShape) {
        if (inputShape.rank() < 1) {
            throw new IllegalArgumentException("Dense needs inputs with a feature axis, (None, features) or more; got "
                    + jgrad.nn.Shapes.batchShape(inputShape));
        }
        kernel = addWeight("kernel", Shape.of(inputShape.get(-1), units), kernelInitializer, kernelRegularizer, true);
        if (useBias) {
            bias = addWeight("bias", Shape.of(units), biasInitializer, biasRegularizer, true);
        }
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        int in = kernel.dim(0);
        if (x.dim(-1) != in) {
            throw new IllegalArgumentException("layer '" + name() + "' (Dense) expects " + in + " input features (kernel "
                    + kernel.shape() + "), got a batch of shape " + x.shape());
        }
        Tensor y;
        if (x.rank() == 2) {
            y = x.matmul(kernel);
        } else {
            int[] outShape = x.shape().dims();
            outShape[outShape.length - 1] = units;
            y = x.reshape(-1, in).matmul(kernel).reshape(outShape);
        }
        if (bias != null) {
            y = y.add(bias);
        }
        return activation == null ? y : activation.apply(y);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        if (inputShape.rank() < 1 || inputShape.get(-1) != kernel.dim(0)) {
            throw new IllegalArgumentException("expected input (None, ..., " + kernel.dim(0) + ") to match the kernel "
                    + kernel.shape() + ", got " + jgrad.nn.Shapes.batchShape(inputShape));
        }
        int[] d = inputShape.dims();
        d[d.length - 1] = units;
        return Shape.of(d);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("units", units);
        m.put("activation", LayerConfig.activationName(this, activation));
        m.put("use_bias", useBias);
        m.put("kernel_initializer", LayerConfig.initializer(this, kernelInitializer));
        m.put("bias_initializer", LayerConfig.initializer(this, biasInitializer));
        m.put("kernel_regularizer", LayerConfig.regularizer(this, kernelRegularizer));
        m.put("bias_regularizer", LayerConfig.regularizer(this, biasRegularizer));
        return m;
    }

    /** Rebuilds a Dense layer from {@link #config()}. */
    public static Dense fromConfig(Map<String, Object> c) {
        Builder b = builder(LayerConfig.integer(c, "units"))
                .name((String) c.get("name"))
                .activation((String) c.get("activation"))
                .useBias(LayerConfig.bool(c, "use_bias", true));
        Initializer ki = LayerConfig.toInitializer(c.get("kernel_initializer"));
        Initializer bi = LayerConfig.toInitializer(c.get("bias_initializer"));
        if (ki != null) {
            b.kernelInitializer(ki);
        }
        if (bi != null) {
            b.biasInitializer(bi);
        }
        b.kernelRegularizer(LayerConfig.toRegularizer(c.get("kernel_regularizer")));
        b.biasRegularizer(LayerConfig.toRegularizer(c.get("bias_regularizer")));
        return b.build();
    }

    @Override
    protected String describe() {
        String a = Activations.nameOf(activation);
        return "units=" + units + ", activation=" + (a == null ? "custom" : a) + (useBias ? "" : ", no bias");
    }

    /** Dense's keyword arguments. */
    public static final class Builder {
        private final int units;
        private String name;
        private UnaryOperator<Tensor> activation;
        private boolean useBias = true;
        private Initializer kernelInitializer = Initializers.glorotUniform();
        private Initializer biasInitializer = Initializers.zeros();
        private Regularizer kernelRegularizer;
        private Regularizer biasRegularizer;
        private Shape inputShape;

        private Builder(int units) {
            this.units = units;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** By Keras name; null or "linear" for none. */
        public Builder activation(String activation) {
            this.activation = activation == null || activation.equals("linear") ? null : Activations.get(activation);
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

        public Builder kernelInitializer(Initializer initializer) {
            this.kernelInitializer = Objects.requireNonNull(initializer, "kernelInitializer");
            return this;
        }

        /** By Keras name, e.g. "he_normal". */
        public Builder kernelInitializer(String initializer) {
            return kernelInitializer(Initializers.get(initializer));
        }

        public Builder biasInitializer(Initializer initializer) {
            this.biasInitializer = Objects.requireNonNull(initializer, "biasInitializer");
            return this;
        }

        public Builder biasInitializer(String initializer) {
            return biasInitializer(Initializers.get(initializer));
        }

        public Builder kernelRegularizer(Regularizer regularizer) {
            this.kernelRegularizer = regularizer;
            return this;
        }

        public Builder biasRegularizer(Regularizer regularizer) {
            this.biasRegularizer = regularizer;
            return this;
        }

        /** The per-sample input shape (Keras's {@code input_shape=}), for the first layer of a Sequential. */
        public Builder inputShape(int... shape) {
            this.inputShape = Shape.of(shape);
            return this;
        }

        public Dense build() {
            return new Dense(this);
        }
    }
}
