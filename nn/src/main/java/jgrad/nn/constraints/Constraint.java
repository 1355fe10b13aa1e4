package jgrad.nn.constraints;

import java.util.Map;
import jgrad.core.Tensor;

/**
 * A projection applied to a weight after every optimizer step (Keras's
 * {@code keras.constraints}): the optimizer assigns {@code constraint(w)} to {@code w}. A lambda
 * is a constraint; the built-in ones also have a Keras class name and a config, so layers using
 * them can be saved as an architecture.
 */
@FunctionalInterface
public interface Constraint {
    /** The projected weight, of {@code w}'s shape and dtype. */
    Tensor apply(Tensor w);

    /** The Keras class name ({@code "MaxNorm"}), or null for a custom constraint. */
    default String name() {
        return null;
    }

    /** Keras's {@code get_config}: what {@link Constraints#fromConfig} needs to rebuild it. */
    default Map<String, Object> config() {
        return Map.of();
    }
}
