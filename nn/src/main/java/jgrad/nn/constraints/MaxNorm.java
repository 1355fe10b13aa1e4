package jgrad.nn.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.core.Tensor;

/**
 * Keras's {@code MaxNorm}: rescales each slice along {@code axis} whose L2 norm exceeds
 * {@code max_value} down to it: {@code w * clip(norm, 0, max) / (eps + norm)}. For a Dense kernel
 * [in, out] axis 0 bounds each unit's incoming weights; for a Conv2D kernel [kh, kw, in, out] use
 * axes 0, 1, 2.
 */
public record MaxNorm(double maxValue, int[] axis) implements Constraint {
    public MaxNorm {
        if (!(maxValue >= 0)) {
            throw new IllegalArgumentException("MaxNorm: max_value must be >= 0, got " + maxValue);
        }
        axis = Norms.axes("MaxNorm", axis);
    }

    /** Keras's defaults: max_value 2, axis 0. */
    public MaxNorm() {
        this(2, 0);
    }

    public MaxNorm(double maxValue) {
        this(maxValue, 0);
    }

    public MaxNorm(double maxValue, int axis) {
        this(maxValue, new int[] {axis});
    }

    @Override
    public int[] axis() {
        return axis.clone();
    }

    @Override
    public Tensor apply(Tensor w) {
        Tensor norms = Norms.norms(w, axis, "MaxNorm");
        Tensor desired = norms.clip(0, maxValue);
        return w.mul(desired.div(norms.add(Norms.EPSILON)));
    }

    @Override
    public String name() {
        return "MaxNorm";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_value", maxValue);
        m.put("axis", Norms.axisConfig(axis));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaxNorm m && m.maxValue == maxValue && java.util.Arrays.equals(m.axis, axis);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(maxValue) * 31 + java.util.Arrays.hashCode(axis);
    }

    @Override
    public String toString() {
        return "MaxNorm(max_value=" + maxValue + ", axis=" + Norms.axisConfig(axis) + ")";
    }
}
