package jgrad.nn.gan;

import java.util.Map;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.constraints.Constraint;
import jgrad.nn.constraints.Constraints;

/**
 * WGAN's weight clipping (Arjovsky et al. 2017): every weight clipped to {@code [-c, c]} after
 * each optimizer step (c = 0.01 in the paper), a crude way to keep the critic K-Lipschitz. As a
 * {@link Constraint} it is applied by every optimizer right after the update;
 * {@link #attachTo} puts it on all of a critic's trainable weights.
 */
public record ClipConstraint(double clipValue) implements Constraint {
    public ClipConstraint {
        if (!(clipValue > 0) || !Double.isFinite(clipValue)) {
            throw new IllegalArgumentException("ClipConstraint: clipValue must be a finite number > 0, got "
                    + clipValue);
        }
    }

    @Override
    public Tensor apply(Tensor w) {
        return w.clip(-clipValue, clipValue);
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("clip_value", clipValue);
    }

    /** Clips every trainable weight of {@code critic} to {@code [-clipValue, clipValue]} now and after each step. */
    public static void attachTo(Layer critic, double clipValue) {
        ClipConstraint c = new ClipConstraint(clipValue);
        for (Variable v : critic.trainableWeights()) {
            Constraints.attach(v, c);
            Constraints.applyTo(v);
        }
    }
}
