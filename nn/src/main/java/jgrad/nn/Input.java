package jgrad.nn;

import jgrad.core.DType;
import jgrad.core.Shape;

/**
 * Creates model inputs for the functional API (Keras's {@code keras.Input}): a symbolic tensor
 * of a per-sample shape, the batch axis left out.
 *
 * <pre>{@code
 * SymbolicTensor x = Input.of(13);          // batches of 13 features: (None, 13)
 * SymbolicTensor img = Input.of(28, 28, 1); // (None, 28, 28, 1)
 * }</pre>
 */
public final class Input {
    private Input() {}

    /** An input of this per-sample shape in the {@link DTypePolicy}'s dtype (float32 unless set). */
    public static SymbolicTensor of(int... shape) {
        return new InputLayer(Shape.of(shape), DTypePolicy.current(), null).output();
    }

    public static SymbolicTensor of(DType dtype, int... shape) {
        return new InputLayer(Shape.of(shape), dtype, null).output();
    }

    /** A named input ({@code name} may be null for {@code input_1}, ...). */
    public static SymbolicTensor of(Shape shape, DType dtype, String name) {
        return new InputLayer(shape, dtype, name).output();
    }

    /** A named input in the {@link DTypePolicy}'s dtype. */
    public static SymbolicTensor named(String name, int... shape) {
        return new InputLayer(Shape.of(shape), DTypePolicy.current(), name).output();
    }
}
