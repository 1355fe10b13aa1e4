package jgrad.nn.losses;

import java.util.Map;
import jgrad.core.Tensor;
import jgrad.ops.Losses;
import jgrad.ops.Losses.Reduction;

/** Huber loss: quadratic {@code e^2/2} for {@code |e| <= delta}, linear beyond; delta 1 by default. */
public final class Huber extends Loss {
    private final double delta;

    public Huber() {
        this(1.0, Reduction.MEAN);
    }

    public Huber(double delta) {
        this(delta, Reduction.MEAN);
    }

    public Huber(double delta, Reduction reduction) {
        super("huber", reduction);
        if (!(delta > 0)) {
            throw new IllegalArgumentException("Huber: delta must be > 0, got " + delta);
        }
        this.delta = delta;
    }

    public double delta() {
        return delta;
    }

    @Override
    public Tensor perSample(Tensor yTrue, Tensor yPred) {
        return Losses.huber(yTrue, yPred, delta, Reduction.NONE);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("delta", delta);
        return m;
    }
}
