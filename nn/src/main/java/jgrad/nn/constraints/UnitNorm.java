package jgrad.nn.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.core.Tensor;

/** Keras's {@code UnitNorm}: each slice along {@code axis} divided by its L2 norm (plus eps). */
public record UnitNorm(int[] axis) implements Constraint {
    public UnitNorm {
        axis = Norms.axes("UnitNorm", axis);
    }

    /** Keras's default: axis 0. */
    public UnitNorm() {
        this(new int[] {0});
    }

    public UnitNorm(int axis) {
        this(new int[] {axis});
    }

    @Override
    public int[] axis() {
        return axis.clone();
    }

    @Override
    public Tensor apply(Tensor w) {
        return w.div(Norms.norms(w, axis, "UnitNorm").add(Norms.EPSILON));
    }

    @Override
    public String name() {
        return "UnitNorm";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("axis", Norms.axisConfig(axis));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitNorm u && java.util.Arrays.equals(u.axis, axis);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(axis);
    }

    @Override
    public String toString() {
        return "UnitNorm(axis=" + Norms.axisConfig(axis) + ")";
    }
}
