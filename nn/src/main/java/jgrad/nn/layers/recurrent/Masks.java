package jgrad.nn.layers.recurrent;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import jgrad.core.Tensor;

/**
 * Timestep masks travelling with tensors, as Keras's {@code _keras_mask}: a bool [batch, time]
 * tensor attached to a [batch, time, ...] tensor. {@link Masking} attaches one; the recurrent
 * layers, {@link Bidirectional} and {@link TimeDistributed} read it from their input and attach
 * it to sequence outputs. Tensors compare by identity and the table holds them weakly, so a
 * mask lives as long as its tensor.
 */
public final class Masks {
    private static final Map<Tensor, Tensor> MASKS = Collections.synchronizedMap(new WeakHashMap<>());

    private Masks() {}

    /** Attaches {@code mask} (bool [batch, time], or null to detach) to {@code x}; returns x. */
    public static Tensor attach(Tensor x, Tensor mask) {
        if (mask == null) {
            MASKS.remove(x);
        } else {
            check(x, mask, "mask", "Masks.attach");
            MASKS.put(x, mask);
        }
        return x;
    }

    /** The mask attached to {@code x}, or null. */
    public static Tensor of(Tensor x) {
        return x == null ? null : MASKS.get(x);
    }

    /** Fails unless {@code mask} is a bool [batch, time] mask for {@code x} [batch, time, ...]. */
    static void check(Tensor x, Tensor mask, String argument, String who) {
        if (mask.dtype() != jgrad.core.DType.BOOL || mask.rank() != 2 || x.rank() < 2 || mask.dim(0) != x.dim(0)
                || mask.dim(1) != x.dim(1)) {
            throw new IllegalArgumentException(who + ": " + argument + " must be a bool [batch, time] tensor matching"
                    + " the input's first two axes; input " + x.shape() + ", " + argument + " " + mask.dtype() + " "
                    + mask.shape());
        }
    }
}
