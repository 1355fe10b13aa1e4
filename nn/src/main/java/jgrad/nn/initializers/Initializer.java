package jgrad.nn.initializers;

import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Creates the starting value of a weight from its shape (Keras's {@code keras.initializers}).
 * A lambda is an initializer; the built-in ones from {@link Initializers} also have a name and a
 * config, so models using them can be saved as an architecture.
 */
@FunctionalInterface
public interface Initializer {
    /** A new tensor of {@code shape} and {@code dtype} (float32 or float64). */
    Tensor apply(Shape shape, DType dtype);

    /** The Keras name ({@code "glorot_uniform"}), or null for a custom initializer. */
    default String name() {
        return null;
    }

    /** Parameters needed to rebuild this initializer with {@link Initializers#fromConfig}. */
    default Map<String, Object> config() {
        return Map.of();
    }
}
