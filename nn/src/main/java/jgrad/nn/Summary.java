package jgrad.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jgrad.core.Variable;

/**
 * Keras 2's {@code model.summary()} text, column for column: 65 characters wide with columns at
 * 29 and 55 for a chain of layers, 98 wide with a "Connected to" column otherwise; long cells
 * wrap the way Keras wraps them.
 */
final class Summary {
    private Summary() {}

    static String of(Model model) {
        StringBuilder out = new StringBuilder();
        boolean sequentialLike;
        int lineLength;
        int[] positions;
        List<String> header;
        Functional graph = model instanceof Functional f ? f : null;
        if (graph == null) {
            sequentialLike = true;
        } else {
            sequentialLike = isChain(graph);
        }
        if (sequentialLike) {
            lineLength = 65;
            positions = new int[] {29, 55, 65};
            header = List.of("Layer (type)", "Output Shape", "Param #");
        } else {
            lineLength = 98;
            positions = new int[] {32, 53, 65, 98};
            header = List.of("Layer (type)", "Output Shape", "Param #", "Connected to");
        }
        if (model instanceof Sequential s && !s.layers().isEmpty() && s.inputs().isEmpty()) {
            throw new IllegalStateException("model '" + model.name() + "' has not yet been built. Build the model first"
                    + " by calling build(inputShape) or by calling the model on a batch of data, or start it with"
                    + " Input.of(...)");
        }
        line(out, "Model: \"" + model.name() + "\"");
        line(out, "_".repeat(lineLength));
        row(out, header, positions);
        line(out, "=".repeat(lineLength));
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            List<String> fields = new ArrayList<>();
            fields.add(layer.name() + " (" + layer.className() + ")");
            fields.add(outputShape(model, layer, i));
            fields.add(layer.isBuilt() ? Long.toString(layer.countParams()) : "0 (unused)");
            if (!sequentialLike) {
                fields.add(connections(graph, layer));
            }
            row(out, fields, positions);
            line(out, " ".repeat(lineLength));
        }
        line(out, "=".repeat(lineLength));
        long trainable = count(model.trainableWeights());
        long nonTrainable = count(model.nonTrainableWeights());
        line(out, String.format(Locale.ROOT, "Total params: %,d", trainable + nonTrainable));
        line(out, String.format(Locale.ROOT, "Trainable params: %,d", trainable));
        line(out, String.format(Locale.ROOT, "Non-trainable params: %,d", nonTrainable));
        line(out, "_".repeat(lineLength));
        return out.toString();
    }

    private static long count(List<Variable> vs) {
        long n = 0;
        for (Variable v : vs) {
            n += v.size();
        }
        return n;
    }

    /** Keras's test: one input, each call takes the previous call's single output, no layer used twice. */
    private static boolean isChain(Functional f) {
        if (f.inputs().size() != 1 || f.outputs().size() != 1) {
            return false;
        }
        SymbolicTensor previous = f.inputs().get(0);
        Set<Layer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node n : f.nodes()) {
            if (n.inputs().size() != 1 || n.inputs().get(0) != previous || n.outputs().size() != 1
                    || !seen.add(n.layer())) {
                return false;
            }
            previous = n.outputs().get(0);
        }
        return previous == f.outputs().get(0);
    }

    private static String outputShape(Model model, Layer layer, int index) {
        if (model instanceof Sequential s) {
            SymbolicTensor t = s.symbolicOutput(index);
            return t == null ? "multiple" : t.batchShapeString();
        }
        if (model instanceof Functional f) {
            if (layer instanceof InputLayer in) {
                return "[" + in.output().batchShapeString() + "]";
            }
            List<Node> mine = new ArrayList<>();
            for (Node n : f.nodes()) {
                if (n.layer() == layer) {
                    mine.add(n);
                }
            }
            if (mine.size() != 1) {
                return "multiple";
            }
            List<SymbolicTensor> outs = mine.get(0).outputs();
            if (outs.size() == 1) {
                return outs.get(0).batchShapeString();
            }
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < outs.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(outs.get(i).batchShapeString());
            }
            return sb.append("]").toString();
        }
        // A subclassed model: shapes are not tracked, as in Keras.
        return "multiple";
    }

    private static String connections(Functional f, Layer layer) {
        List<String> parts = new ArrayList<>();
        Map<Node, Boolean> inModel = new IdentityHashMap<>();
        for (Node n : f.nodes()) {
            inModel.put(n, true);
        }
        for (Node n : layer.inboundNodes()) {
            if (!inModel.containsKey(n)) {
                continue;
            }
            for (SymbolicTensor t : n.inputs()) {
                Layer producer = t.layer();
                int nodeIndex = producer.inboundNodes().indexOf(t.node());
                parts.add("'" + producer.name() + "[" + nodeIndex + "][" + t.outputIndex() + "]'");
            }
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** Keras's {@code print_row}: cells cut to their columns, wrapping after "),", "},", "]," or "',". */
    private static void row(StringBuilder out, List<String> fields, int[] positions) {
        String[] left = fields.toArray(new String[0]);
        while (anyLeft(left)) {
            StringBuilder line = new StringBuilder();
            for (int col = 0; col < left.length; col++) {
                int start = col > 0 ? positions[col - 1] : 0;
                int end = positions[col];
                int space = col != positions.length - 1 ? 2 : 0;
                int cutoff = Math.max(0, end - start - space);
                String fit = left[col].substring(0, Math.min(cutoff, left[col].length()));
                int best = Integer.MAX_VALUE;
                for (String cond : new String[] {"),", "},", "],", "',"}) {
                    int at = fit.indexOf(cond);
                    if (at >= 0) {
                        best = Math.min(best, at + cond.length());
                    }
                }
                if (best != Integer.MAX_VALUE) {
                    cutoff = best;
                    fit = fit.substring(0, cutoff);
                }
                if (col == 0) {
                    line.append(' ');
                }
                line.append(fit);
                line.append(" ".repeat(space));
                left[col] = left[col].substring(Math.min(cutoff, left[col].length()));
                int pad = positions[col] - line.length();
                if (pad > 0) {
                    line.append(" ".repeat(pad));
                }
            }
            line(out, line.toString());
        }
    }

    private static boolean anyLeft(String[] left) {
        for (String s : left) {
            if (!s.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static void line(StringBuilder out, String s) {
        out.append(s).append('\n');
    }
}
