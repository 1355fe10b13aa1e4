package jgrad.nn.layers;

import java.util.Map;
import java.util.Objects;
import jgrad.core.GradientTape;
import jgrad.core.Scope;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.Shapes;
import jgrad.nn.initializers.Initializer;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.regularizers.Regularizer;
import jgrad.ops.Normalization;

/**
 * Batch normalization over every axis but the feature axis (Keras's {@code BatchNormalization}):
 * {@code y = gamma * (x - mean) / sqrt(var + epsilon) + beta}. In training the mean and
 * (biased) variance come from the batch and the moving statistics are updated,
 * {@code moving = moving * momentum + batch * (1 - momentum)}; in inference the moving
 * statistics are used. A frozen layer ({@code setTrainable(false)}) always runs in inference
 * mode, as in Keras 2.1+ (what transfer learning needs). Keras's defaults: axis -1, momentum
 * 0.99, epsilon 0.001. (PyTorch's momentum 0.1 is Keras's 0.9, and PyTorch's moving variance is
 * unbiased.) The maths is {@link Normalization#batchNormTraining} and {@link Normalization#batchNorm},
 * which tape users can call directly.
 */
public final class BatchNormalization extends Layer {
    private final int axis;
    private final double momentum;
    private final double epsilon;
    private final boolean center;
    private final boolean scale;
    private final Initializer betaInitializer;
    private final Initializer gammaInitializer;
    private final Initializer movingMeanInitializer;
    private final Initializer movingVarianceInitializer;
    private final Regularizer betaRegularizer;
    private final Regularizer gammaRegularizer;
    private Variable gamma;
    private Variable beta;
    private Variable movingMean;
    private Variable movingVariance;
    /** The feature axis within a full batch tensor, and the per-sample shape with C on that axis. */
    private int batchAxis;
    private int[] broadcastShape;

    public BatchNormalization() {
        this(builder());
    }

    private BatchNormalization(Builder b) {
        super(b.name);
        if (!(b.momentum >= 0 && b.momentum <= 1)) {
            throw new IllegalArgumentException("BatchNormalization: momentum must be in [0, 1], got " + b.momentum);
        }
        if (!(b.epsilon > 0)) {
            throw new IllegalArgumentException("BatchNormalization: epsilon must be > 0, got " + b.epsilon);
        }
        this.axis = b.axis;
        this.momentum = b.momentum;
        this.epsilon = b.epsilon;
        this.center = b.center;
        this.scale = b.scale;
        this.betaInitializer = b.betaInitializer;
        this.gammaInitializer = b.gammaInitializer;
        this.movingMeanInitializer = b.movingMeanInitializer;
        this.movingVarianceInitializer = b.movingVarianceInitializer;
        this.betaRegularizer = b.betaRegularizer;
        this.gammaRegularizer = b.gammaRegularizer;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Variable gamma() {
        return gamma;
    }

    public Variable beta() {
        return beta;
    }

    public Variable movingMean() {
        return movingMean;
    }

    public Variable movingVariance() {
        return movingVariance;
    }

    @Override
    protected void build(Shape inputShape) {
        int rank = inputShape.rank() + 1;
        batchAxis = axis < 0 ? axis + rank : axis;
        if (batchAxis <= 0 || batchAxis >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is not a feature axis of input "
                    + Shapes.batchShape(inputShape) + " (the batch axis 0 cannot be normalized over)");
        }
        int c = inputShape.get(batchAxis - 1);
        broadcastShape = new int[rank - 1];
        java.util.Arrays.fill(broadcastShape, 1);
        broadcastShape[batchAxis - 1] = c;
        Shape param = Shape.of(c);
        if (scale) {
            gamma = addWeight("gamma", param, gammaInitializer, gammaRegularizer, true);
        }
        if (center) {
            beta = addWeight("beta", param, betaInitializer, betaRegularizer, true);
        }
        movingMean = addWeight("moving_mean", param, movingMeanInitializer, null, false);
        movingVariance = addWeight("moving_variance", param, movingVarianceInitializer, null, false);
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        int c = movingMean.dim(0);
        if (x.rank() != broadcastShape.length + 1 || x.dim(batchAxis) != c) {
            throw new IllegalArgumentException("layer '" + name() + "' (BatchNormalization) was built for "
                    + c + " features on axis " + batchAxis + " of rank-" + (broadcastShape.length + 1)
                    + " batches, got a batch of shape " + x.shape());
        }
        if (training && isTrainable()) {
            Normalization.BatchStats bn = Normalization.batchNormTraining(x, gamma, beta, batchAxis, epsilon);
            try (Scope _ = GradientTape.noGrad()) {
                Tensor batchMean = bn.mean().stopGradient();
                Tensor batchVar = bn.variance().stopGradient();
                movingMean.assign(movingMean.value().mul(momentum).add(batchMean.mul(1 - momentum)));
                movingVariance.assign(movingVariance.value().mul(momentum).add(batchVar.mul(1 - momentum)));
            }
            return bn.output();
        }
        return Normalization.batchNorm(x, movingMean, movingVariance, gamma, beta, batchAxis, epsilon);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        int c = movingMean.dim(0);
        if (inputShape.rank() != broadcastShape.length || inputShape.get(batchAxis - 1) != c) {
            throw new IllegalArgumentException("the layer was built for " + c + " features on axis " + batchAxis
                    + ", got input " + Shapes.batchShape(inputShape));
        }
        return inputShape;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("axis", axis);
        m.put("momentum", momentum);
        m.put("epsilon", epsilon);
        m.put("center", center);
        m.put("scale", scale);
        m.put("beta_initializer", LayerConfig.initializer(this, betaInitializer));
        m.put("gamma_initializer", LayerConfig.initializer(this, gammaInitializer));
        m.put("moving_mean_initializer", LayerConfig.initializer(this, movingMeanInitializer));
        m.put("moving_variance_initializer", LayerConfig.initializer(this, movingVarianceInitializer));
        m.put("beta_regularizer", LayerConfig.regularizer(this, betaRegularizer));
        m.put("gamma_regularizer", LayerConfig.regularizer(this, gammaRegularizer));
        return m;
    }

    public static BatchNormalization fromConfig(Map<String, Object> c) {
        Builder b = builder().name((String) c.get("name"))
                .axis(c.get("axis") == null ? -1 : LayerConfig.integer(c, "axis"))
                .momentum(LayerConfig.number(c, "momentum", 0.99))
                .epsilon(LayerConfig.number(c, "epsilon", 1e-3))
                .center(LayerConfig.bool(c, "center", true))
                .scale(LayerConfig.bool(c, "scale", true))
                .betaRegularizer(LayerConfig.toRegularizer(c.get("beta_regularizer")))
                .gammaRegularizer(LayerConfig.toRegularizer(c.get("gamma_regularizer")));
        if (c.get("beta_initializer") != null) {
            b.betaInitializer(LayerConfig.toInitializer(c.get("beta_initializer")));
        }
        if (c.get("gamma_initializer") != null) {
            b.gammaInitializer(LayerConfig.toInitializer(c.get("gamma_initializer")));
        }
        if (c.get("moving_mean_initializer") != null) {
            b.movingMeanInitializer(LayerConfig.toInitializer(c.get("moving_mean_initializer")));
        }
        if (c.get("moving_variance_initializer") != null) {
            b.movingVarianceInitializer(LayerConfig.toInitializer(c.get("moving_variance_initializer")));
        }
        return b.build();
    }

    @Override
    protected String describe() {
        return "axis=" + axis + ", momentum=" + momentum + ", epsilon=" + epsilon;
    }

    /** BatchNormalization's keyword arguments. */
    public static final class Builder {
        private String name;
        private int axis = -1;
        private double momentum = 0.99;
        private double epsilon = 1e-3;
        private boolean center = true;
        private boolean scale = true;
        private Initializer betaInitializer = Initializers.zeros();
        private Initializer gammaInitializer = Initializers.ones();
        private Initializer movingMeanInitializer = Initializers.zeros();
        private Initializer movingVarianceInitializer = Initializers.ones();
        private Regularizer betaRegularizer;
        private Regularizer gammaRegularizer;

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The feature axis of the full batch tensor (-1: last; 1 for channels-first). */
        public Builder axis(int axis) {
            this.axis = axis;
            return this;
        }

        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder epsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /** Whether to add the learned offset beta. */
        public Builder center(boolean center) {
            this.center = center;
            return this;
        }

        /** Whether to multiply by the learned scale gamma. */
        public Builder scale(boolean scale) {
            this.scale = scale;
            return this;
        }

        public Builder betaInitializer(Initializer i) {
            this.betaInitializer = Objects.requireNonNull(i);
            return this;
        }

        public Builder gammaInitializer(Initializer i) {
            this.gammaInitializer = Objects.requireNonNull(i);
            return this;
        }

        public Builder movingMeanInitializer(Initializer i) {
            this.movingMeanInitializer = Objects.requireNonNull(i);
            return this;
        }

        public Builder movingVarianceInitializer(Initializer i) {
            this.movingVarianceInitializer = Objects.requireNonNull(i);
            return this;
        }

        public Builder betaRegularizer(Regularizer r) {
            this.betaRegularizer = r;
            return this;
        }

        public Builder gammaRegularizer(Regularizer r) {
            this.gammaRegularizer = r;
            return this;
        }

        public BatchNormalization build() {
            return new BatchNormalization(this);
        }
    }
}
