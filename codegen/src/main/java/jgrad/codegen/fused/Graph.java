package jgrad.codegen.fused;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jgrad.core.Op;

/**
 * The expression IR a kernel is emitted from: a DAG of external inputs, constants and op
 * applications, hash-consed (the same op on the same arguments is one node, so the backward
 * kernel shares the forward values it recomputes), with one or more outputs.
 */
final class Graph {
    enum Kind { INPUT, CONSTANT, APPLY }

    /** One value: input {@code index}, a constant, or {@code op(args)}; {@code mask} for bool values. */
    record Node(Kind kind, int index, double value, Op op, int[] args, boolean mask) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Node n && kind == n.kind && index == n.index
                    && Double.doubleToLongBits(value) == Double.doubleToLongBits(n.value)
                    && java.util.Objects.equals(op, n.op) && Arrays.equals(args, n.args) && mask == n.mask;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(kind, index, Double.doubleToLongBits(value), op, Arrays.hashCode(args), mask);
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final Map<Node, Integer> ids = new HashMap<>();
    private final List<Integer> outputs = new ArrayList<>();

    int input(int index, boolean mask) {
        return intern(new Node(Kind.INPUT, index, 0, null, new int[0], mask));
    }

    int constant(double value) {
        return intern(new Node(Kind.CONSTANT, 0, value, null, new int[0], false));
    }

    int apply(Op op, int... args) {
        Rule<Op> rule = FusionRules.require(op);
        if (rule.arity(op) != args.length) {
            throw new IllegalArgumentException("fused: " + op.name() + " takes " + rule.arity(op) + " arguments, got "
                    + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            if (nodes.get(args[i]).mask() != rule.takesMask(op, i)) {
                throw new IllegalArgumentException("fused: " + op.name() + " argument " + i + " must be a "
                        + (rule.takesMask(op, i) ? "bool mask" : "float value"));
            }
        }
        return intern(new Node(Kind.APPLY, 0, 0, op, args.clone(), rule.producesMask(op)));
    }

    private int intern(Node n) {
        Integer id = ids.get(n);
        if (id != null) {
            return id;
        }
        nodes.add(n);
        ids.put(n, nodes.size() - 1);
        return nodes.size() - 1;
    }

    void output(int id) {
        outputs.add(id);
    }

    List<Node> nodes() {
        return nodes;
    }

    Node node(int id) {
        return nodes.get(id);
    }

    List<Integer> outputs() {
        return outputs;
    }

    /** Which nodes the outputs depend on (the emitter skips the rest). */
    boolean[] live() {
        boolean[] live = new boolean[nodes.size()];
        for (int o : outputs) {
            live[o] = true;
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (live[i]) {
                for (int a : nodes.get(i).args()) {
                    live[a] = true;
                }
            }
        }
        return live;
    }

    /** The forward graph of a group: its elementwise nodes, output = the last one (before a reduction). */
    static Graph forward(FusedGroup group) {
        Graph g = new Graph();
        int[] map = g.lowerForward(group);
        List<FusedGroup.Node> ns = group.nodes();
        int last = group.inputCount() + ns.size() - 1;
        g.output(group.reduction() != null ? map[ns.get(ns.size() - 1).args()[0]] : map[last]);
        return g;
    }

    /** Adds the group's inputs and elementwise nodes; returns group id to graph id. */
    private int[] lowerForward(FusedGroup group) {
        int n = group.inputCount();
        List<FusedGroup.Node> ns = group.nodes();
        int[] map = new int[n + ns.size()];
        for (int i = 0; i < n; i++) {
            map[i] = input(i, group.isMaskInput(i));
        }
        for (int k = 0; k < ns.size(); k++) {
            FusedGroup.Node node = ns.get(k);
            if (FusionRules.isReductionEpilogue(node.op())) {
                map[n + k] = -1;
                continue;
            }
            int[] args = new int[node.args().length];
            for (int a = 0; a < args.length; a++) {
                args[a] = map[node.args()[a]];
            }
            map[n + k] = apply(node.op(), args);
        }
        return map;
    }

    /**
     * The backward graph: inputs 0..n-1 are the group's inputs, input n the output gradient
     * (broadcast back over the reduced axes when the group ends in a sum); one output per entry of
     * {@code wanted}, the gradient of that input (at the elementwise output's shape; the engine
     * reduces broadcast inputs). Reverse-mode accumulation over the rules' derivative formulas.
     */
    static Graph backward(FusedGroup group, int[] wanted) {
        Graph g = new Graph();
        int[] map = g.lowerForward(group);
        int n = group.inputCount();
        List<FusedGroup.Node> ns = group.nodes();
        int gradId = g.input(n, false);
        int lastElementwise = group.reduction() != null ? ns.get(ns.size() - 1).args()[0] : n + ns.size() - 1;
        Integer[] adjoint = new Integer[n + ns.size()];
        adjoint[lastElementwise] = gradId;
        for (int k = lastElementwise - n; k >= 0; k--) {
            FusedGroup.Node node = ns.get(k);
            Integer adj = adjoint[n + k];
            if (adj == null) {
                continue;
            }
            Rule<Op> rule = FusionRules.require(node.op());
            List<Sym> inputs = new ArrayList<>();
            for (int a = 0; a < node.args().length; a++) {
                inputs.add(Sym.input(a));
            }
            for (int a = 0; a < node.args().length; a++) {
                int arg = node.args()[a];
                if (g.node(map[arg]).mask()) {
                    continue;
                }
                Sym d = rule.derivative(node.op(), a, Sym.GRAD, inputs, Sym.OUTPUT);
                if (d == null) {
                    continue;
                }
                int contribution = g.instantiate(d, adj, node.args(), map, n + k);
                adjoint[arg] = adjoint[arg] == null ? contribution : g.apply(new jgrad.ops.math.Add(), adjoint[arg],
                        contribution);
            }
        }
        for (int w : wanted) {
            g.output(adjoint[w] == null ? g.constant(0) : adjoint[w]);
        }
        return g;
    }

    private int instantiate(Sym s, int grad, int[] args, int[] map, int self) {
        return switch (s.kind()) {
            case GRAD -> grad;
            case OUTPUT -> map[self];
            case INPUT -> map[args[s.index()]];
            case CONSTANT -> constant(s.value());
            case APPLY -> {
                int[] a = new int[s.args().size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = instantiate(s.args().get(i), grad, args, map, self);
                }
                yield apply(s.op(), a);
            }
        };
    }
}
