package jgrad.nn.regularizers;

import java.util.Map;
import jgrad.core.Tensor;

/** {@code l1 * sum(|w|) + l2 * sum(w^2)}. */
public record L1L2(double l1, double l2) implements Regularizer {
    public L1L2 {
        if (!(l1 >= 0) || !(l2 >= 0) || Double.isInfinite(l1) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("L1L2: factors must be finite numbers >= 0, got l1=" + l1 + ", l2=" + l2);
        }
    }

    public static L1L2 of(double l1, double l2) {
        return new L1L2(l1, l2);
    }

    @Override
    public Tensor penalty(Tensor weight) {
        Tensor p = weight.scalarLike(0);
        if (l1 != 0) {
            p = p.add(weight.abs().sum().mul(l1));
        }
        if (l2 != 0) {
            p = p.add(weight.square().sum().mul(l2));
        }
        return p;
    }

    @Override
    public String name() {
        return "l1_l2";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("l1", l1, "l2", l2);
    }
}
