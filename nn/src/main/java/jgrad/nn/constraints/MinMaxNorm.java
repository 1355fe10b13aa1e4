package jgrad.nn.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.core.Tensor;

/**
 * Keras's {@code MinMaxNorm}: moves each slice's L2 norm along {@code axis} towards
 * {@code [min_value, max_value]}: {@code desired = rate * clip(norm, min, max) + (1 - rate) * norm},
 * {@code w * desired / (eps + norm)}; rate 1 enforces the bounds strictly.
 */
public record MinMaxNorm(double minValue, double maxValue, double rate, int[] axis) implements Constraint {
    public MinMaxNorm {
        if (!(minValue >= 0) || !(maxValue >= minValue)) {
            throw new IllegalArgumentException("MinMaxNorm: need 0 <= min_value <= max_value, got min_value=" + minValue
                    + ", max_value=" + maxValue);
        }
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("MinMaxNorm: rate must be in [0, 1], got " + rate);
        }
        axis = Norms.axes("MinMaxNorm", axis);
    }

    /** Keras's defaults: min 0, max 1, rate 1, axis 0. */
    public MinMaxNorm() {
        this(0, 1, 1, new int[] {0});
    }

    public MinMaxNorm(double minValue, double maxValue) {
        this(minValue, maxValue, 1, new int[] {0});
    }

    @Override
    public int[] axis() {
        return axis.clone();
    }

    @Override
    public Tensor apply(Tensor w) {
        Tensor norms = Norms.norms(w, axis, "MinMaxNorm");
        Tensor desired = norms.clip(minValue, maxValue).mul(rate).add(norms.mul(1 - rate));
        return w.mul(desired.div(norms.add(Norms.EPSILON)));
    }

    @Override
    public String name() {
        return "MinMaxNorm";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min_value", minValue);
        m.put("max_value", maxValue);
        m.put("rate", rate);
        m.put("axis", Norms.axisConfig(axis));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinMaxNorm m && m.minValue == minValue && m.maxValue == maxValue && m.rate == rate
                && java.util.Arrays.equals(m.axis, axis);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(minValue, maxValue, rate) * 31 + java.util.Arrays.hashCode(axis);
    }

    @Override
    public String toString() {
        return "MinMaxNorm(min_value=" + minValue + ", max_value=" + maxValue + ", rate=" + rate + ", axis="
                + Norms.axisConfig(axis) + ")";
    }
}
