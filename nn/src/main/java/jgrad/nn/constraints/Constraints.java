package jgrad.nn.constraints;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import jgrad.core.GradientTape;
import jgrad.core.Scope;
import jgrad.core.Tensor;
import jgrad.core.Variable;

/**
 * Built-in constraints by Keras name, their configs, and the link from a weight to its
 * constraint. Keras keeps the constraint on the variable; jgrad's {@link Variable} lives in core,
 * so layers {@link #attach} it here and the optimizer calls {@link #applyTo} after updating a
 * variable, as Keras's {@code v.assign(v.constraint(v))}.
 */
public final class Constraints {
    /** Weak keys: a dropped model's variables do not stay reachable through their constraints. */
    private static final Map<Variable, Constraint> ATTACHED = Collections.synchronizedMap(new WeakHashMap<>());

    private Constraints() {}

    /** By Keras name: "max_norm"/"MaxNorm", "non_neg"/"NonNeg", "unit_norm"/"UnitNorm", "min_max_norm"/"MinMaxNorm". */
    public static Constraint get(String name) {
        return fromConfig(name, Map.of());
    }

    /** The constraint of a class name (either spelling) with a config from {@link Constraint#config()}. */
    public static Constraint fromConfig(String className, Map<String, ?> config) {
        Objects.requireNonNull(className, "constraint name");
        String key = className.replace("_", "").toLowerCase(Locale.ROOT);
        return switch (key) {
            case "maxnorm" -> new MaxNorm(Norms.number(config, "max_value", 2), Norms.axisFromConfig(config));
            case "nonneg" -> new NonNeg();
            case "unitnorm" -> new UnitNorm(Norms.axisFromConfig(config));
            case "minmaxnorm" -> new MinMaxNorm(Norms.number(config, "min_value", 0),
                    Norms.number(config, "max_value", 1), Norms.number(config, "rate", 1),
                    Norms.axisFromConfig(config));
            default -> throw new IllegalArgumentException("unknown constraint '" + className
                    + "'; known: MaxNorm, NonNeg, UnitNorm, MinMaxNorm");
        };
    }

    /**
     * {@code {"class_name": "MaxNorm", "config": {...}}}, or null for no constraint; fails for a
     * custom constraint, which cannot be saved in an architecture.
     */
    public static Map<String, Object> toConfig(String layerName, Constraint c) {
        if (c == null) {
            return null;
        }
        if (c.name() == null) {
            throw new UnsupportedOperationException("layer '" + layerName + "' uses a custom constraint, which cannot"
                    + " be saved in an architecture; use MaxNorm, NonNeg, UnitNorm or MinMaxNorm, or save weights only");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", c.name());
        m.put("config", new LinkedHashMap<>(c.config()));
        return m;
    }

    /** Reads {@link #toConfig}'s map, a bare name, or null. */
    @SuppressWarnings("unchecked")
    public static Constraint fromConfigObject(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof String s) {
            return get(s);
        }
        Map<String, Object> m = (Map<String, Object>) o;
        Object config = m.get("config");
        return fromConfig((String) m.get("class_name"), config == null ? Map.of() : (Map<String, Object>) config);
    }

    /** Links a weight to its constraint (null removes the link). */
    public static void attach(Variable v, Constraint c) {
        Objects.requireNonNull(v, "variable");
        if (c == null) {
            ATTACHED.remove(v);
        } else {
            ATTACHED.put(v, c);
        }
    }

    /** The constraint attached to a weight, or null. */
    public static Constraint of(Variable v) {
        return ATTACHED.get(v);
    }

    /**
     * Projects a weight with its attached constraint, if any, outside every tape; the
     * optimizers call it after each update.
     */
    public static void applyTo(Variable v) {
        Constraint c = ATTACHED.get(v);
        if (c == null) {
            return;
        }
        try (Scope _ = GradientTape.noGrad()) {
            Tensor w = c.apply(v.value());
            if (!w.shape().equals(v.shape()) || w.dtype() != v.dtype()) {
                throw new IllegalStateException("the constraint of '" + v.name() + "' returned " + w.dtype() + " "
                        + w.shape() + " for a weight of " + v.dtype() + " " + v.shape());
            }
            v.assign(w);
        }
    }
}
