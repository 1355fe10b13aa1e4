package jgrad.nn.io;

import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import jgrad.core.DType;
import jgrad.nn.Layer;
import jgrad.nn.layers.Activation;
import jgrad.nn.layers.Add;
import jgrad.nn.layers.Average;
import jgrad.nn.layers.BatchNormalization;
import jgrad.nn.layers.Concatenate;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Dropout;
import jgrad.nn.layers.Flatten;
import jgrad.nn.layers.LayerNormalization;
import jgrad.nn.layers.Maximum;
import jgrad.nn.layers.Minimum;
import jgrad.nn.layers.Multiply;
import jgrad.nn.layers.Reshape;
import jgrad.nn.layers.Subtract;

/**
 * Turns a layer's class name and {@link Layer#config()} back into a layer, for loading models
 * saved as an architecture (Keras's {@code custom_objects} / {@code register_keras_serializable}).
 * Built-in layers are registered; register a custom layer once before loading:
 *
 * <pre>{@code
 * LayerRegistry.register("Scale", config -> new Scale((String) config.get("name")));
 * }</pre>
 *
 * The class name is the layer's {@link Layer#className()} (its simple class name by default).
 * Sequential and Functional models are handled by {@link jgrad.nn.Model#fromJson}.
 */
public final class LayerRegistry {
    private static final Map<String, Function<Map<String, Object>, Layer>> FACTORIES = new ConcurrentHashMap<>();

    static {
        register("Dense", Dense::fromConfig);
        register("Activation", Activation::fromConfig);
        register("Dropout", Dropout::fromConfig);
        register("BatchNormalization", BatchNormalization::fromConfig);
        register("LayerNormalization", LayerNormalization::fromConfig);
        register("Flatten", Flatten::fromConfig);
        register("Reshape", Reshape::fromConfig);
        register("Add", Add::fromConfig);
        register("Subtract", Subtract::fromConfig);
        register("Multiply", Multiply::fromConfig);
        register("Average", Average::fromConfig);
        register("Maximum", Maximum::fromConfig);
        register("Minimum", Minimum::fromConfig);
        register("Concatenate", Concatenate::fromConfig);
    }

    private LayerRegistry() {}

    /** Registers (or replaces) the factory for layers of this class name. */
    public static void register(String className, Function<Map<String, Object>, Layer> factory) {
        FACTORIES.put(Objects.requireNonNull(className, "className"), Objects.requireNonNull(factory, "factory"));
    }

    public static boolean isRegistered(String className) {
        return FACTORIES.containsKey(className);
    }

    /**
     * A new layer from its class name and config; the config's {@code dtype} and
     * {@code trainable} entries are applied after the factory runs.
     */
    public static Layer create(String className, Map<String, Object> config) {
        Function<Map<String, Object>, Layer> f = FACTORIES.get(className);
        if (f == null) {
            throw new IllegalArgumentException("unknown layer class '" + className + "'; register it with"
                    + " LayerRegistry.register(\"" + className + "\", config -> ...) before loading (known: "
                    + new TreeSet<>(FACTORIES.keySet()) + ")");
        }
        Layer layer = f.apply(config);
        Object dtype = config.get("dtype");
        if (dtype instanceof String s && !s.equals(layer.dtype().toString()) && !layer.isBuilt()) {
            layer.setDtype(parseDType(s));
        }
        if (Boolean.FALSE.equals(config.get("trainable"))) {
            layer.setTrainable(false);
        }
        return layer;
    }

    /** {@code "float32"} etc. to the DType. */
    public static DType parseDType(String s) {
        for (DType d : DType.values()) {
            if (d.toString().equals(s)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + s + "'");
    }
}
