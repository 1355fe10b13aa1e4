package jgrad.nn.regularizers;

import java.util.Map;
import jgrad.core.Tensor;

/**
 * A penalty on a weight, added to the training loss (Keras's {@code keras.regularizers}). A
 * lambda is a regularizer; the built-in {@link L1}, {@link L2} and {@link L1L2} also have a name
 * and config, so models using them can be saved as an architecture.
 */
@FunctionalInterface
public interface Regularizer {
    /** The penalty for {@code weight}, a scalar of its dtype, differentiable. */
    Tensor penalty(Tensor weight);

    /** The Keras name ({@code "l2"}), or null for a custom regularizer. */
    default String name() {
        return null;
    }

    default Map<String, Object> config() {
        return Map.of();
    }
}
