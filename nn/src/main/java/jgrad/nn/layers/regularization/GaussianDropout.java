package jgrad.nn.layers.regularization;

import java.util.List;
import java.util.Map;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.layers.LayerConfig;

/**
 * Keras's {@code GaussianDropout(rate, seed)}: in training, multiplies every element by normal
 * noise of mean 1 and standard deviation {@code sqrt(rate / (1 - rate))} (the variance of
 * inverted dropout at that rate, Srivastava et al. 2014, 10); in inference it is the identity.
 */
public final class GaussianDropout extends Layer {
    private final double rate;
    private final Long seed;
    private final Rng rng;

    public GaussianDropout(double rate) {
        this(rate, null, null);
    }

    public GaussianDropout(double rate, long seed) {
        this(rate, seed, null);
    }

    public GaussianDropout(double rate, Long seed, String name) {
        super(name);
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("GaussianDropout: rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.seed = seed;
        this.rng = seed == null ? Rng.global().split() : new Rng(seed);
    }

    public double rate() {
        return rate;
    }

    /** The noise's standard deviation, {@code sqrt(rate / (1 - rate))}. */
    public double stddev() {
        return Math.sqrt(rate / (1 - rate));
    }

    /** Its generator's state is saved with the model, so a resumed run draws the same masks. */
    @Override
    protected List<Rng> ownRandomGenerators() {
        return List.of(rng);
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        if (!training || rate == 0) {
            return x;
        }
        return x.mul(Tensor.randomNormal(rng, x.dtype(), 1, stddev(), x.shape().dims()));
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        return inputShape;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("rate", rate);
        m.put("seed", seed);
        return m;
    }

    public static GaussianDropout fromConfig(Map<String, Object> c) {
        Object s = c.get("seed");
        return new GaussianDropout(LayerConfig.number(c, "rate", Double.NaN),
                s == null ? null : ((Number) s).longValue(), (String) c.get("name"));
    }

    @Override
    protected String describe() {
        return "rate=" + rate;
    }
}
