package jgrad.nn.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.activations.Activations;
import jgrad.nn.initializers.Initializer;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.regularizers.Regularizer;
import jgrad.nn.regularizers.Regularizers;

/**
 * Helpers for layer configs (Keras's {@code get_config}/{@code from_config}): named
 * activations, initializers and regularizers to and from JSON-compatible maps, and typed reads
 * of config entries. For authors of layers that can be saved in a model file.
 */
public final class LayerConfig {
    private LayerConfig() {}

    /** The activation's Keras name; fails for a lambda, which cannot be saved. */
    public static String activationName(Layer layer, UnaryOperator<Tensor> activation) {
        String name = Activations.nameOf(activation);
        if (name == null) {
            throw new UnsupportedOperationException("layer '" + layer.name() + "' uses a custom activation function,"
                    + " which cannot be saved in an architecture; use a named activation, or save weights only");
        }
        return name;
    }

    /** {@code {"class_name": "glorot_uniform", "config": {...}}}; fails for a custom initializer. */
    public static Map<String, Object> initializer(Layer layer, Initializer init) {
        if (init.name() == null) {
            throw new UnsupportedOperationException("layer '" + layer.name() + "' uses a custom initializer, which cannot"
                    + " be saved in an architecture; use a built-in one, or save weights only");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", init.name());
        m.put("config", new LinkedHashMap<>(init.config()));
        return m;
    }

    /** A regularizer's map, or null for none; fails for a custom regularizer. */
    public static Map<String, Object> regularizer(Layer layer, Regularizer reg) {
        if (reg == null) {
            return null;
        }
        if (reg.name() == null) {
            throw new UnsupportedOperationException("layer '" + layer.name() + "' uses a custom regularizer, which cannot"
                    + " be saved in an architecture; use L1, L2 or L1L2, or save weights only");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", reg.name());
        m.put("config", new LinkedHashMap<>(reg.config()));
        return m;
    }

    @SuppressWarnings("unchecked")
    public static Initializer toInitializer(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof String s) {
            return Initializers.get(s);
        }
        Map<String, Object> m = (Map<String, Object>) o;
        Object config = m.get("config");
        return Initializers.fromConfig((String) m.get("class_name"),
                config == null ? Map.of() : (Map<String, Object>) config);
    }

    @SuppressWarnings("unchecked")
    public static Regularizer toRegularizer(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof String s) {
            return Regularizers.get(s);
        }
        Map<String, Object> m = (Map<String, Object>) o;
        Object config = m.get("config");
        return Regularizers.fromConfig((String) m.get("class_name"),
                config == null ? Map.of() : (Map<String, Object>) config);
    }

    public static int integer(Map<String, Object> c, String key) {
        Object v = c.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("layer config: '" + key + "' is missing or not a number in " + c);
        }
        return n.intValue();
    }

    public static double number(Map<String, Object> c, String key, double fallback) {
        Object v = c.get(key);
        return v instanceof Number n ? n.doubleValue() : fallback;
    }

    public static boolean bool(Map<String, Object> c, String key, boolean fallback) {
        Object v = c.get(key);
        return v instanceof Boolean b ? b : fallback;
    }

    /** A list of numbers as an int array. */
    public static int[] ints(Map<String, Object> c, String key) {
        Object v = c.get(key);
        if (v instanceof Number n) {
            return new int[] {n.intValue()};
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("layer config: '" + key + "' is missing or not a list in " + c);
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).intValue();
        }
        return out;
    }

    /** An int array as a JSON list. */
    public static List<Integer> list(int... values) {
        List<Integer> out = new ArrayList<>();
        for (int v : values) {
            out.add(v);
        }
        return out;
    }
}
