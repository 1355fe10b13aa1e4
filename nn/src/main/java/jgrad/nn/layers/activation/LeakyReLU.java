package jgrad.nn.layers.activation;

import java.util.Map;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.layers.LayerConfig;

/**
 * Keras's {@code LeakyReLU} layer: {@code x} for {@code x >= 0}, {@code negative_slope * x}
 * otherwise; Keras 3's default slope is 0.3 (the "leaky_relu" activation's is 0.2). DCGAN's
 * discriminator uses {@code new LeakyReLU(0.2)}.
 */
public final class LeakyReLU extends Layer {
    /** Keras's default negative slope. */
    public static final double DEFAULT_NEGATIVE_SLOPE = 0.3;

    private final double negativeSlope;

    public LeakyReLU() {
        this(DEFAULT_NEGATIVE_SLOPE);
    }

    public LeakyReLU(double negativeSlope) {
        this(negativeSlope, null);
    }

    public LeakyReLU(double negativeSlope, String name) {
        super(name);
        if (!(negativeSlope >= 0)) {
            throw new IllegalArgumentException("LeakyReLU: negative_slope must be >= 0, got " + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
    }

    public double negativeSlope() {
        return negativeSlope;
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        return x.leakyRelu(negativeSlope);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        return inputShape;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("negative_slope", negativeSlope);
        return m;
    }

    /** Rebuilds the layer from {@link #config()}; Keras 2's "alpha" is read too. */
    public static LeakyReLU fromConfig(Map<String, Object> c) {
        double slope = LayerConfig.number(c, "negative_slope", LayerConfig.number(c, "alpha", DEFAULT_NEGATIVE_SLOPE));
        return new LeakyReLU(slope, (String) c.get("name"));
    }

    @Override
    protected String describe() {
        return "negative_slope=" + negativeSlope;
    }
}
