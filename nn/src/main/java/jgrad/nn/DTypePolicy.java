package jgrad.nn;

import java.util.Objects;
import jgrad.core.DType;

/**
 * The floating dtype that new layers and inputs get (Keras's dtype policy,
 * {@code keras.config.set_dtype_policy("float64")}; PyTorch's {@code model.double()}): float32
 * unless set. A float64 model computes, stores its weights and takes its gradients in float64
 * end to end, which is what teaching and finite-difference checking want.
 *
 * <pre>{@code
 * try (DTypePolicy.Scope _ = DTypePolicy.scoped(DType.FLOAT64)) {
 *     model = new Sequential(Input.of(4), new Dense(8, "tanh"), new Dense(1));
 * }
 * }</pre>
 *
 * The policy is read when a layer or {@link Input} is made; a layer keeps its dtype afterwards.
 * {@link Model#setDtype} sets a whole model's layers at once while it is not built yet. Data of
 * another floating dtype is cast to each layer's dtype when it enters (Keras's autocast), so
 * float32 data trains a float64 model, and a float64 array into a float32 model is computed in
 * float32.
 */
public final class DTypePolicy {
    private static volatile DType global = DType.FLOAT32;
    private static final ThreadLocal<DType> SCOPED = new ThreadLocal<>();

    private DTypePolicy() {}

    /** The dtype a layer or input made now gets: this thread's scoped one, else the global one. */
    public static DType current() {
        DType d = SCOPED.get();
        return d != null ? d : global;
    }

    /** Sets the policy for every thread (Keras's {@code set_dtype_policy}); float32 or float64. */
    public static void setGlobal(DType dtype) {
        global = checked(dtype);
    }

    /** The global policy. */
    public static DType global() {
        return global;
    }

    /** Sets the policy on this thread until the returned scope is closed (try-with-resources). */
    public static Scope scoped(DType dtype) {
        DType previous = SCOPED.get();
        SCOPED.set(checked(dtype));
        return new Scope(previous);
    }

    /** Restores the policy that was in force before {@link #scoped}; closing twice is harmless. */
    public static final class Scope implements AutoCloseable {
        private final DType previous;
        private boolean closed;

        private Scope(DType previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (previous == null) {
                SCOPED.remove();
            } else {
                SCOPED.set(previous);
            }
        }
    }

    private static DType checked(DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("DTypePolicy: layers compute in float32 or float64, got " + dtype);
        }
        return dtype;
    }
}
