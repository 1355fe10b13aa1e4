package jgrad.inspect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a {@link Graph} as Graphviz DOT: one node per value (variables orange, watched tensors
 * blue, constants grey and dashed, ops as ellipses, the result and the target with a double
 * border), one edge per op argument labelled with the argument's symbol where an op has several,
 * and clusters as {@code subgraph cluster_*} boxes. Values and gradients appear in the labels when
 * small and in tooltips always.
 */
final class DotExporter {
    /** Values and gradients with at most this many elements are printed inside the node. */
    private static final int LABEL_VALUES = 8;

    private DotExporter() {}

    static String toDot(Graph graph) {
        StringBuilder sb = new StringBuilder();
        sb.append("digraph jgrad {\n");
        String title = graph.target().map(t -> "gradients of " + t.name()).orElse("recorded graph");
        sb.append("  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=12, labelloc=t, label=")
                .append(quote(title)).append("];\n");
        sb.append("  node [fontname=\"Helvetica\", fontsize=10, penwidth=1.2];\n");
        sb.append("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#495057\", arrowsize=0.7];\n");
        Set<String> inCluster = new HashSet<>();
        for (Cluster c : graph.clusters()) {
            inCluster.addAll(c.nodeIds());
        }
        for (Node n : graph.nodes()) {
            if (!inCluster.contains(n.id())) {
                sb.append("  ").append(node(graph, n)).append('\n');
            }
        }
        for (Cluster c : graph.clusters()) {
            sb.append("  subgraph cluster_").append(c.id()).append(" {\n");
            sb.append("    label=").append(quote(c.label())).append(";\n");
            sb.append("    style=\"rounded,dashed\"; color=\"#7048e8\"; fontcolor=\"#5f3dc4\";\n");
            for (String id : c.nodeIds()) {
                sb.append("    ").append(node(graph, graph.node(id))).append('\n');
            }
            sb.append("  }\n");
        }
        for (Edge e : graph.edges()) {
            Node to = graph.node(e.to());
            sb.append("  ").append(e.from()).append(" -> ").append(e.to());
            if (to.inputs().size() > 1) {
                Graph.Recorded rec = graph.recordedOf(to.id());
                String symbol = DerivativeRules.of(rec.op(), rec.inputs().length).symbol(e.input());
                sb.append(" [label=").append(quote(symbol)).append(']');
            }
            sb.append(";\n");
        }
        sb.append("}\n");
        return sb.toString();
    }

    private static String node(Graph graph, Node n) {
        List<String> lines = new ArrayList<>();
        lines.add(title(n));
        lines.add(Values.shapeAndType(n.value()));
        if (n.value().size() <= LABEL_VALUES && !(n.kind() == Node.Kind.CONSTANT && n.value().isScalar())) {
            lines.add("value " + Values.inline(n.value()));
        }
        if (n.hasGradient() && n.gradient().size() <= LABEL_VALUES) {
            lines.add("grad " + Values.inline(n.gradient()));
        }
        String tooltip = n.kind().label() + " " + n.id() + ": value " + Values.inline(n.value())
                + (n.hasGradient() ? "; gradient " + Values.inline(n.gradient()) : "");
        StringBuilder sb = new StringBuilder(n.id()).append(" [label=").append(quote(String.join("\n", lines)));
        sb.append(", ").append(switch (n.kind()) {
            case VARIABLE -> "shape=box, style=\"rounded,filled,bold\", fillcolor=\"#ffd8a8\", color=\"#d9480f\"";
            case WATCHED -> "shape=box, style=\"rounded,filled\", fillcolor=\"#d0ebff\", color=\"#1864ab\"";
            case CONSTANT -> "shape=box, style=\"dashed,filled\", fillcolor=\"#f1f3f5\", color=\"#868e96\","
                    + " fontcolor=\"#495057\"";
            case OP -> "shape=ellipse, style=filled, fillcolor=\"#ffffff\", color=\"#343a40\"";
        });
        boolean special = n.id().equals(graph.output().id())
                || graph.target().map(t -> t.id().equals(n.id())).orElse(false);
        if (special) {
            sb.append(", peripheries=2");
        }
        sb.append(", tooltip=").append(quote(tooltip)).append("];");
        return sb.toString();
    }

    /** {@code W1}, {@code h = add}, {@code n5 = matmul}. */
    static String title(Node n) {
        return n.kind() == Node.Kind.OP ? n.name() + " = " + n.op() : n.name();
    }

    /** A DOT double-quoted string: backslash and quote escaped, line breaks as centred {@code \n}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> { }
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
