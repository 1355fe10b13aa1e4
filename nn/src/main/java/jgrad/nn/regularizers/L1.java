package jgrad.nn.regularizers;

import java.util.Map;
import jgrad.core.Tensor;

/** {@code l1 * sum(|w|)}; Keras's default factor is 0.01. */
public record L1(double l1) implements Regularizer {
    public L1 {
        if (!(l1 >= 0) || Double.isInfinite(l1)) {
            throw new IllegalArgumentException("L1: factor must be a finite number >= 0, got " + l1);
        }
    }

    public L1() {
        this(0.01);
    }

    public static L1 of(double l1) {
        return new L1(l1);
    }

    @Override
    public Tensor penalty(Tensor weight) {
        return weight.abs().sum().mul(l1);
    }

    @Override
    public String name() {
        return "l1";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("l1", l1);
    }
}
