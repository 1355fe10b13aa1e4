package jgrad.nn.layers;

import java.util.List;
import java.util.Map;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;

/**
 * Inverted dropout: in training, zeroes each element with probability {@code rate} and scales
 * the rest by {@code 1 / (1 - rate)}; in inference it is the identity. Seeded: the same seed
 * gives the same masks; without one, the generator is split from {@link Rng#global()} when the
 * layer is made.
 */
public final class Dropout extends Layer {
    private final double rate;
    private final Long seed;
    private final Rng rng;

    public Dropout(double rate) {
        this(rate, null, null);
    }

    public Dropout(double rate, long seed) {
        this(rate, seed, null);
    }

    public Dropout(double rate, Long seed, String name) {
        super(name);
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout: rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.seed = seed;
        this.rng = seed == null ? Rng.global().split() : new Rng(seed);
    }

    public double rate() {
        return rate;
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
        return x.dropout(rate, rng);
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

    public static Dropout fromConfig(Map<String, Object> c) {
        Object s = c.get("seed");
        return new Dropout(LayerConfig.number(c, "rate", 0), s == null ? null : ((Number) s).longValue(),
                (String) c.get("name"));
    }

    @Override
    protected String describe() {
        return "rate=" + rate;
    }
}
