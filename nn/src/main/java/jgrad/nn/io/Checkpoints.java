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
 * <p>A safetensors file is a map from names to tensors, so by default each weight takes the
 * tensor with its variable name ({@link Match#NAME}), whatever their order in the file (the
 * reference Python writer sorts names: {@code batch_normalization/beta} comes before
 * {@code .../gamma}). Every missing, unexpected and mis-shaped name is reported in one error.
 * {@link Match#ORDER} pairs the i-th tensor with the i-th weight instead, only when asked: for a
 * file whose names mean nothing to this model (another run's automatic layer names, another tool).
 */
public final class Checkpoints {
    private Checkpoints() {}

    /** How tensors in a file are paired with a model's weights. */
    public enum Match {
        /** Each weight takes the tensor with its variable name, in any order; the default. */
        NAME,
        /** The i-th tensor of the file (by data offset) is the i-th weight; names only appear in errors. */
        ORDER
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

    /** Loads weights matched by name; see the class comment. */
    public static void loadWeights(Layer layer, Path path) {
        loadWeights(layer, path, Match.NAME);
    }

    public static void loadWeights(Layer layer, Path path, Match match) {
        Objects.requireNonNull(path, "path");
        SafeTensors.Header h = SafeTensors.readHeader(path);
        apply(layer, h, match, path.toString(), entries -> SafeTensors.readEntries(path, h, entries));
    }

    /** Loads with a header already read and a reader of the chosen entries (a model file's stream). */
    static void loadWeights(Layer layer, SafeTensors.Header h, String where, Match match,
            Function<List<SafeTensors.Entry>, Map<String, Tensor>> reader) {
        apply(layer, h, match, where, reader);
    }

    private static void apply(Layer layer, SafeTensors.Header h, Match match, String where,
            Function<List<SafeTensors.Entry>, Map<String, Tensor>> reader) {
        requireBuilt(layer, "load weights");
        List<Variable> weights = layer.weights();
        List<SafeTensors.Entry> chosen = match == Match.ORDER ? byOrder(layer, h, where) : byName(layer, h, where);
        // Everything matches: read all data first, then assign, so an I/O error changes nothing.
        Map<String, Tensor> data = reader.apply(chosen);
        for (int i = 0; i < weights.size(); i++) {
            weights.get(i).assign(data.get(chosen.get(i).name()));
        }
    }

    /** The i-th tensor of the file for the i-th weight; the count, then each shape and dtype must agree. */
    private static List<SafeTensors.Entry> byOrder(Layer layer, SafeTensors.Header h, String where) {
        List<Variable> weights = layer.weights();
        List<SafeTensors.Entry> entries = h.entries();
        if (entries.size() != weights.size()) {
            throw new IllegalArgumentException(where + ": the checkpoint has " + entries.size() + " tensors "
                    + names(entries) + ", model '" + layer.name() + "' has " + weights.size() + " weights "
                    + varNames(weights));
        }
        for (int i = 0; i < weights.size(); i++) {
            Variable v = weights.get(i);
            SafeTensors.Entry e = entries.get(i);
            if (!fits(e, v)) {
                throw new IllegalArgumentException(where + ": checkpoint has " + e.name() + " " + e.shape()
                        + (e.dtype() != v.dtype() ? " " + e.dtype() : "") + ", the model has " + v.name() + " "
                        + v.shape() + (e.dtype() != v.dtype() ? " " + v.dtype() : ""));
            }
        }
        return new ArrayList<>(entries);
    }

    /**
     * The tensor named like each weight. Every weight without a tensor, every tensor without a
     * weight and every pair whose shape or dtype differs is collected, and all are reported in
     * one error.
     */
    private static List<SafeTensors.Entry> byName(Layer layer, SafeTensors.Header h, String where) {
        List<Variable> weights = layer.weights();
        List<SafeTensors.Entry> chosen = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        List<String> missing = new ArrayList<>();
        List<String> misshaped = new ArrayList<>();
        for (Variable v : weights) {
            wanted.add(v.name());
            SafeTensors.Entry e = h.entry(v.name());
            if (e == null) {
                missing.add(v.name() + " " + v.shape());
            } else if (!fits(e, v)) {
                misshaped.add(v.name() + ": the file has " + e.shape() + (e.dtype() != v.dtype() ? " " + e.dtype() : "")
                        + ", the model " + v.shape() + (e.dtype() != v.dtype() ? " " + v.dtype() : ""));
            }
            chosen.add(e);
        }
        List<String> unexpected = new ArrayList<>();
        for (SafeTensors.Entry e : h.entries()) {
            if (!wanted.contains(e.name())) {
                unexpected.add(e.name() + " " + e.shape());
            }
        }
        if (missing.isEmpty() && unexpected.isEmpty() && misshaped.isEmpty()) {
            return chosen;
        }
        StringBuilder sb = new StringBuilder(where).append(": the weights do not match model '").append(layer.name())
                .append("' by name:");
        if (!missing.isEmpty()) {
            sb.append("\n  missing from the file (").append(missing.size()).append("): ").append(missing);
        }
        if (!unexpected.isEmpty()) {
            sb.append("\n  unexpected in the file (").append(unexpected.size()).append("): ").append(unexpected);
        }
        if (!misshaped.isEmpty()) {
            sb.append("\n  different shape or dtype (").append(misshaped.size()).append("): ").append(misshaped);
        }
        if (!missing.isEmpty() && missing.size() == unexpected.size()) {
            sb.append("\n  (the names differ, not the count: automatically named layers count on within one run,"
                    + " dense, dense_1, ...; name the layers, call Layer.resetNames() before building the model, or"
                    + " load by position with Checkpoints.loadWeights(model, path, Checkpoints.Match.ORDER))");
        }
        throw new IllegalArgumentException(sb.toString());
    }

    private static boolean fits(SafeTensors.Entry e, Variable v) {
        return e.shape().equals(v.shape()) && e.dtype() == v.dtype();
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
