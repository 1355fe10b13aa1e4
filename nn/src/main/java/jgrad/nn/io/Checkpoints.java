package jgrad.nn.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;

/**
 * Saving and loading a model's (or any layer's) weights as safetensors, each weight under its
 * variable name ({@code dense_1/kernel}), in {@link Layer#weights()} order.
 *
 * <p>Loading checks the whole file against the model before changing anything: the header (see
 * {@link SafeTensors}), the number of tensors, and each one's shape and dtype, failing with
 * messages like {@code checkpoint has dense_1/kernel [13, 64], the model has dense_1/kernel
 * [13, 128]}. A failed load leaves every weight as it was.
 *
 * <p>By default tensors are matched to weights by position ({@link Match#ORDER}), as Keras's
 * {@code load_weights} matches by structure: a model built by the same code in another run
 * (whose automatic layer names may differ) loads the file. {@link Match#NAME} matches by
 * variable name instead, for a file written from a different model with the same layer names.
 */
public final class Checkpoints {
    private Checkpoints() {}

    /** How tensors in a file are paired with a model's weights. */
    public enum Match {
        /** The i-th tensor of the file (by data offset) is the i-th weight; names only appear in errors. */
        ORDER,
        /** Each weight takes the tensor with its variable name; every weight must be present. */
        NAME
    }

    /** Writes {@code layer}'s weights to {@code path} (atomically). */
    public static void saveWeights(Layer layer, Path path) {
        SafeTensors.write(path, namedWeights(layer), metadata(layer));
    }

    static Map<String, Tensor> namedWeights(Layer layer) {
        requireBuilt(layer, "save weights");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Variable v : layer.weights()) {
            if (tensors.put(v.name(), v.value()) != null) {
                throw new IllegalStateException("cannot save weights of '" + layer.name() + "': two weights are named '"
                        + v.name() + "' (give the layers distinct names)");
            }
        }
        return tensors;
    }

    static Map<String, String> metadata(Layer layer) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "jgrad");
        m.put("model", layer.name());
        m.put("weights", Integer.toString(layer.weights().size()));
        return m;
    }

    /** Loads weights matched by position; see the class comment. */
    public static void loadWeights(Layer layer, Path path) {
        loadWeights(layer, path, Match.ORDER);
    }

    public static void loadWeights(Layer layer, Path path, Match match) {
        Objects.requireNonNull(path, "path");
        SafeTensors.Header h = SafeTensors.readHeader(path);
        apply(layer, h, match, path.toString(), entries -> SafeTensors.readEntries(path, h, entries));
    }

    /** Loads from safetensors bytes in memory (a model file's weights entry). */
    static void loadWeights(Layer layer, byte[] bytes, String where, Match match) {
        SafeTensors.Header h = SafeTensors.readHeader(bytes, where);
        apply(layer, h, match, where, entries -> SafeTensors.readEntries(bytes, h, entries));
    }

    private static void apply(Layer layer, SafeTensors.Header h, Match match, String where,
            Function<List<SafeTensors.Entry>, Map<String, Tensor>> reader) {
        requireBuilt(layer, "load weights");
        List<Variable> weights = layer.weights();
        List<SafeTensors.Entry> chosen = new ArrayList<>();
        if (match == Match.ORDER) {
            List<SafeTensors.Entry> entries = h.entries();
            if (entries.size() != weights.size()) {
                throw new IllegalArgumentException(where + ": the checkpoint has " + entries.size() + " tensors "
                        + names(entries) + ", model '" + layer.name() + "' has " + weights.size() + " weights "
                        + varNames(weights));
            }
            chosen.addAll(entries);
        } else {
            Set<String> wanted = new HashSet<>();
            List<String> missing = new ArrayList<>();
            for (Variable v : weights) {
                wanted.add(v.name());
                SafeTensors.Entry e = h.entry(v.name());
                if (e == null) {
                    missing.add(v.name());
                }
                chosen.add(e);
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(where + ": the checkpoint has no tensor for " + missing + " (it has "
                        + names(h.entries()) + ")");
            }
            List<String> extra = new ArrayList<>();
            for (SafeTensors.Entry e : h.entries()) {
                if (!wanted.contains(e.name())) {
                    extra.add(e.name());
                }
            }
            if (!extra.isEmpty()) {
                throw new IllegalArgumentException(where + ": the checkpoint has tensors " + extra + " that model '"
                        + layer.name() + "' does not have");
            }
        }
        for (int i = 0; i < weights.size(); i++) {
            Variable v = weights.get(i);
            SafeTensors.Entry e = chosen.get(i);
            if (!e.shape().equals(v.shape()) || e.dtype() != v.dtype()) {
                throw new IllegalArgumentException(where + ": checkpoint has " + e.name() + " " + e.shape()
                        + (e.dtype() != v.dtype() ? " " + e.dtype() : "") + ", the model has " + v.name() + " "
                        + v.shape() + (e.dtype() != v.dtype() ? " " + v.dtype() : ""));
            }
        }
        // Everything matches: read all data first, then assign, so an I/O error changes nothing.
        Map<String, Tensor> data = reader.apply(chosen);
        for (int i = 0; i < weights.size(); i++) {
            weights.get(i).assign(data.get(chosen.get(i).name()));
        }
    }

    private static void requireBuilt(Layer layer, String what) {
        if (!layer.isBuilt()) {
            throw new IllegalStateException("cannot " + what + ": '" + layer.name() + "' is not built yet (call it on"
                    + " data, build(inputShape) it, or start it with Input.of(...))");
        }
    }

    private static List<String> names(List<SafeTensors.Entry> entries) {
        List<String> out = new ArrayList<>();
        for (SafeTensors.Entry e : entries) {
            out.add(e.name() + " " + e.shape());
        }
        return out;
    }

    private static List<String> varNames(List<Variable> vs) {
        List<String> out = new ArrayList<>();
        for (Variable v : vs) {
            out.add(v.name() + " " + v.shape());
        }
        return out;
    }
}
