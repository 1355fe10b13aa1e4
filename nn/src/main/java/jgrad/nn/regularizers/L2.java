package jgrad.nn.regularizers;

import java.util.Map;
import jgrad.core.Tensor;

/** {@code l2 * sum(w^2)} (no factor 1/2, as Keras); Keras's default factor is 0.01. */
public record L2(double l2) implements Regularizer {
    public L2 {
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("L2: factor must be a finite number >= 0, got " + l2);
        }
    }

    public L2() {
        this(0.01);
    }

    public static L2 of(double l2) {
        return new L2(l2);
    }

    @Override
    public Tensor penalty(Tensor weight) {
        return weight.square().sum().mul(l2);
    }

    @Override
    public String name() {
        return "l2";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("l2", l2);
    }
}
