package jgrad.nn.layers.activation;

import java.util.Map;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.layers.LayerConfig;

/**
 * Keras's {@code ReLU} layer: {@code x} above {@code threshold} (capped at {@code max_value} if
 * given), {@code negative_slope * (x - threshold)} below it; by default the plain
 * {@code max(x, 0)}. {@code new ReLU()}, {@code new ReLU(6.0)} (ReLU6),
 * {@code ReLU.builder().negativeSlope(0.1).threshold(0.5).build()}.
 */
public final class ReLU extends Layer {
    private final Double maxValue;
    private final double negativeSlope;
    private final double threshold;

    /** The plain rectifier, {@code max(x, 0)}. */
    public ReLU() {
        this(builder());
    }

    /** Capped at {@code maxValue} ({@code new ReLU(6.0)} is ReLU6). */
    public ReLU(double maxValue) {
        this(builder().maxValue(maxValue));
    }

    private ReLU(Builder b) {
        super(b.name);
        if (b.maxValue != null && !(b.maxValue >= 0)) {
            throw new IllegalArgumentException("ReLU: max_value must be >= 0, got " + b.maxValue);
        }
        if (!(b.negativeSlope >= 0)) {
            throw new IllegalArgumentException("ReLU: negative_slope must be >= 0, got " + b.negativeSlope);
        }
        if (!(b.threshold >= 0)) {
            throw new IllegalArgumentException("ReLU: threshold must be >= 0, got " + b.threshold);
        }
        this.maxValue = b.maxValue;
        this.negativeSlope = b.negativeSlope;
        this.threshold = b.threshold;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The cap, or null for none. */
    public Double maxValue() {
        return maxValue;
    }

    public double negativeSlope() {
        return negativeSlope;
    }

    public double threshold() {
        return threshold;
    }

    /** Keras's {@code activations.relu(x, negative_slope, max_value, threshold)}, formula for formula. */
    @Override
    protected Tensor forward(Tensor x, boolean training) {
        if (negativeSlope != 0 && maxValue == null && threshold == 0) {
            return x.leakyRelu(negativeSlope);
        }
        Tensor y;
        if (threshold != 0) {
            y = x.mul(x.greater(threshold).cast(x.dtype()));
        } else {
            y = x.relu();
        }
        if (maxValue != null) {
            y = y.clip(0, maxValue);
        }
        if (negativeSlope != 0) {
            y = y.sub(x.neg().add(threshold).relu().mul(negativeSlope));
        }
        return y;
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        return inputShape;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("max_value", maxValue);
        m.put("negative_slope", negativeSlope);
        m.put("threshold", threshold);
        return m;
    }

    /** Rebuilds the layer from {@link #config()}. */
    public static ReLU fromConfig(Map<String, Object> c) {
        Builder b = builder().name((String) c.get("name"))
                .negativeSlope(LayerConfig.number(c, "negative_slope", 0))
                .threshold(LayerConfig.number(c, "threshold", 0));
        if (c.get("max_value") instanceof Number n) {
            b.maxValue(n.doubleValue());
        }
        return b.build();
    }

    @Override
    protected String describe() {
        StringBuilder sb = new StringBuilder();
        if (maxValue != null) {
            sb.append("max_value=").append(maxValue);
        }
        if (negativeSlope != 0) {
            sb.append(sb.isEmpty() ? "" : ", ").append("negative_slope=").append(negativeSlope);
        }
        if (threshold != 0) {
            sb.append(sb.isEmpty() ? "" : ", ").append("threshold=").append(threshold);
        }
        return sb.toString();
    }

    /** ReLU's keyword arguments. */
    public static final class Builder {
        private Double maxValue;
        private double negativeSlope;
        private double threshold;
        private String name;

        private Builder() {}

        /** The largest output (null: none, Keras's default). */
        public Builder maxValue(Double maxValue) {
            this.maxValue = maxValue;
            return this;
        }

        /** The slope below the threshold (Keras's default 0). */
        public Builder negativeSlope(double negativeSlope) {
            this.negativeSlope = negativeSlope;
            return this;
        }

        /** Inputs at or below it are "negative" (Keras's default 0). */
        public Builder threshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public ReLU build() {
            return new ReLU(this);
        }
    }
}
