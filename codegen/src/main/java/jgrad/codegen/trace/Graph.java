package jgrad.codegen.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A static graph captured from one run of a function (or from a tape): the values (ids 0..n-1,
 * see {@link Value}) and the nodes that compute them, in the order they ran (a topological order),
 * and which values the function returned. Immutable.
 *
 * <pre>
 * %0 = input 0 [4, 5] float32
 * %1 = variable 'w' [5, 3] float32
 * %2 = matmul[transposeA=false, transposeB=false](%0, %1)   [4, 3] float32
 * outputs: %2
 * </pre>
 */
public final class Graph {
    private final List<Value> values;
    private final List<Node> nodes;
    private final int[] outputs;
    private final int inputCount;

    public Graph(List<Value> values, List<Node> nodes, int[] outputs, int inputCount) {
        this.values = List.copyOf(values);
        this.nodes = List.copyOf(nodes);
        this.outputs = outputs.clone();
        this.inputCount = inputCount;
        for (int o : outputs) {
            Objects.checkIndex(o, values.size());
        }
    }

    public List<Value> values() {
        return values;
    }

    public Value value(int id) {
        return values.get(id);
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Node node(int index) {
        return nodes.get(index);
    }

    /** The ids of the returned values, in order. */
    public int[] outputs() {
        return outputs.clone();
    }

    public int outputCount() {
        return outputs.length;
    }

    public int output(int i) {
        return outputs[i];
    }

    /** How many arguments the function takes. */
    public int inputCount() {
        return inputCount;
    }

    /** The node computing value {@code id}, or null if it is an input, variable, constant or detached value. */
    public Node producer(int id) {
        return values.get(id) instanceof Value.Result r ? nodes.get(r.node()) : null;
    }

    /** For each value, the indices of the nodes that use it (once per node, in order). */
    public List<List<Integer>> consumers() {
        List<List<Integer>> uses = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            uses.add(new ArrayList<>(2));
        }
        for (Node n : nodes) {
            int[] args = n.args();
            for (int a = 0; a < args.length; a++) {
                List<Integer> u = uses.get(args[a]);
                if (u.isEmpty() || u.get(u.size() - 1) != n.index()) {
                    u.add(n.index());
                }
            }
        }
        return uses;
    }

    /**
     * Which nodes the outputs depend on (dead code, such as a value computed and never used, is
     * not). Detached values keep their source alive.
     */
    public boolean[] liveNodes() {
        boolean[] live = new boolean[nodes.size()];
        boolean[] seen = new boolean[values.size()];
        ArrayList<Integer> stack = new ArrayList<>();
        for (int o : outputs) {
            stack.add(o);
        }
        while (!stack.isEmpty()) {
            int id = stack.remove(stack.size() - 1);
            if (seen[id]) {
                continue;
            }
            seen[id] = true;
            switch (values.get(id)) {
                case Value.Result r -> {
                    live[r.node()] = true;
                    for (int a : nodes.get(r.node()).args()) {
                        stack.add(a);
                    }
                }
                case Value.Detached d -> stack.add(d.source());
                default -> { }
            }
        }
        return live;
    }

    /** One line per value, as in the class comment. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int id = 0; id < values.size(); id++) {
            Value v = values.get(id);
            sb.append('%').append(id).append(" = ").append(describe(v)).append("   ").append(v.shape()).append(' ')
                    .append(v.dtype().toString().toLowerCase(java.util.Locale.ROOT)).append('\n');
        }
        sb.append("outputs: ");
        for (int i = 0; i < outputs.length; i++) {
            sb.append(i > 0 ? ", %" : "%").append(outputs[i]);
        }
        return sb.append('\n').toString();
    }

    private String describe(Value v) {
        return switch (v) {
            case Value.Input in -> "input " + in.index();
            case Value.Var var -> "variable '" + var.variable().name() + "'";
            case Value.Const c -> c.value().size() == 1 ? "constant " + c.value().toDoubleArray()[0] : "constant";
            case Value.Result r -> {
                String n = nodes.get(r.node()).toString();
                yield n.substring(n.indexOf('=') + 2);
            }
            case Value.Detached d -> "stopGradient(%" + d.source() + ")";
        };
    }

    /** Structural equality of two traces: same values (constants compared by content) and nodes. */
    public boolean sameAs(Graph other) {
        if (other.values.size() != values.size() || other.nodes.size() != nodes.size() || other.inputCount != inputCount
                || !Arrays.equals(other.outputs, outputs)) {
            return false;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!sameValue(values.get(i), other.values.get(i))) {
                return false;
            }
        }
        return nodes.equals(other.nodes);
    }

    /** The first difference {@link #sameAs} would find, for log messages; null if none. */
    public String firstDifference(Graph other) {
        if (other.nodes.size() != nodes.size()) {
            return "the traces ran " + nodes.size() + " and " + other.nodes.size() + " ops";
        }
        for (int i = 0; i < Math.min(values.size(), other.values.size()); i++) {
            if (!sameValue(values.get(i), other.values.get(i))) {
                return "value %" + i + " differs: " + describe(values.get(i)) + " vs " + other.describe(other.values.get(i))
                        + (values.get(i) instanceof Value.Const ? " (a constant drawn inside the function, such as a"
                                + " dropout mask or random noise?)" : "");
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (!nodes.get(i).equals(other.nodes.get(i))) {
                return "op " + i + " differs: " + nodes.get(i) + " vs " + other.nodes.get(i);
            }
        }
        return sameAs(other) ? null : "the outputs differ";
    }

    private static boolean sameValue(Value a, Value b) {
        return switch (a) {
            case Value.Const ca -> b instanceof Value.Const cb && sameContent(ca, cb);
            case Value.Var va -> b instanceof Value.Var vb && va.variable() == vb.variable();
            default -> a.equals(b);
        };
    }

    private static boolean sameContent(Value.Const a, Value.Const b) {
        if (a.value() == b.value()) {
            return true;
        }
        if (a.value().dtype() != b.value().dtype() || !a.value().shape().equals(b.value().shape())) {
            return false;
        }
        // Bit patterns, so that NaN constants (a -inf mask, NaN padding) compare equal to themselves.
        return switch (a.value().dtype()) {
            case FLOAT32 -> Arrays.equals(a.value().toFloatArray(), b.value().toFloatArray());
            case FLOAT64 -> Arrays.equals(a.value().toDoubleArray(), b.value().toDoubleArray());
            case INT64 -> Arrays.equals(a.value().toLongArray(), b.value().toLongArray());
            case BOOL -> Arrays.equals(a.value().toBooleanArray(), b.value().toBooleanArray());
        };
    }
}
