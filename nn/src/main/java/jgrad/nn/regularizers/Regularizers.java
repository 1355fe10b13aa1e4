package jgrad.nn.regularizers;

import java.util.Locale;
import java.util.Map;

/** Lookup of the built-in regularizers by Keras name: "l1", "l2", "l1_l2" (factors 0.01). */
public final class Regularizers {
    private Regularizers() {}

    public static Regularizer get(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "l1" -> new L1();
            case "l2" -> new L2();
            case "l1_l2", "l1l2" -> new L1L2(0.01, 0.01);
            default -> throw new IllegalArgumentException("unknown regularizer '" + name + "'; known: l1, l2, l1_l2");
        };
    }

    /** Rebuilds a built-in regularizer from its name and {@link Regularizer#config()}. */
    public static Regularizer fromConfig(String name, Map<String, ?> config) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "l1" -> new L1(num(config, "l1"));
            case "l2" -> new L2(num(config, "l2"));
            case "l1_l2" -> new L1L2(num(config, "l1"), num(config, "l2"));
            default -> get(name);
        };
    }

    private static double num(Map<String, ?> config, String key) {
        Object v = config.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("regularizer config: '" + key + "' is missing or not a number: " + config);
        }
        return n.doubleValue();
    }
}
