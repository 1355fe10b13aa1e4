package jgrad.nn.layers.regularization;

import java.util.List;
import java.util.Map;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.layers.LayerConfig;

/**
 * Keras's {@code GaussianNoise(stddev, seed)}: in training, adds zero-mean normal noise of
 * standard deviation {@code stddev} to every element; in inference it is the identity. Used to
 * train denoising autoencoders and as a regulariser. Seeded as {@link jgrad.nn.layers.Dropout}.
 */
public final class GaussianNoise extends Layer {
    private final double stddev;
    private final Long seed;
    private final Rng rng;

    public GaussianNoise(double stddev) {
        this(stddev, null, null);
    }

    public GaussianNoise(double stddev, long seed) {
        this(stddev, seed, null);
    }

    public GaussianNoise(double stddev, Long seed, String name) {
        super(name);
        if (!(stddev >= 0) || Double.isInfinite(stddev)) {
            throw new IllegalArgumentException("GaussianNoise: stddev must be a finite number >= 0, got " + stddev);
        }
        this.stddev = stddev;
        this.seed = seed;
        this.rng = seed == null ? Rng.global().split() : new Rng(seed);
    }

    public double stddev() {
        return stddev;
    }

    /** Its generator's state is saved with the model, so a resumed run draws the same masks. */
    @Override
    protected List<Rng> ownRandomGenerators() {
        return List.of(rng);
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        if (!training || stddev == 0) {
            return x;
        }
        return x.add(Tensor.randomNormal(rng, x.dtype(), 0, stddev, x.shape().dims()));
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        return inputShape;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("stddev", stddev);
        m.put("seed", seed);
        return m;
    }

    public static GaussianNoise fromConfig(Map<String, Object> c) {
        Object s = c.get("seed");
        return new GaussianNoise(LayerConfig.number(c, "stddev", Double.NaN), s == null ? null : ((Number) s).longValue(),
                (String) c.get("name"));
    }

    @Override
    protected String describe() {
        return "stddev=" + stddev;
    }
}
