package jgrad.codegen.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.codegen.fused.FusedGroup;
import jgrad.codegen.fused.FusedOp;
import jgrad.codegen.fused.FusionRules;
import jgrad.codegen.trace.Graph;
import jgrad.codegen.trace.Node;
import jgrad.codegen.trace.Value;
import jgrad.core.Op;
import jgrad.ops.kernels.Epilogue.Activation;
import jgrad.ops.math.Add;
import jgrad.ops.math.Relu;
import jgrad.ops.math.Sigmoid;
import jgrad.ops.math.Tanh;
import jgrad.ops.reduce.MatMul;

/**
 * The fusion planner: turns a traced {@link Graph} into a {@link Plan}.
 * <ol>
 *   <li>Dead code (ops whose results the outputs do not need) is dropped.</li>
 *   <li>{@code matmul(x, w) -> add(bias over the last axis) -> relu | sigmoid | tanh | nothing}
 *       becomes one {@link jgrad.ops.nn.Dense} op: the GEMM adds the bias and applies the
 *       activation as it stores each element (one pass over the output instead of three).</li>
 *   <li>Elementwise ops ({@link FusionRules#isElementwise}) are grouped into maximal single-output
 *       groups, a reduction ({@link FusionRules#isReductionEpilogue}) ending a group as its
 *       epilogue. An op joins the group of its consumers when all of them are in one group and its
 *       value is needed nowhere else (not returned, not used by another op or group): an
 *       intermediate used outside ends the group, becoming the output of its own. Nothing is
 *       recomputed: recomputing would duplicate work in the backward pass too, and each group
 *       keeps exactly one output, which is what a fused kernel stores.</li>
 *   <li>Every other op (and every group of a single op, which gains nothing) runs as itself.</li>
 * </ol>
 */
public final class Planner {
    private Planner() {}

    /**
     * The plan for {@code graph}; with {@code fuse} false every op is its own step (the plan used
     * when fusion is switched off, for comparisons).
     */
    public static Plan plan(Graph graph, boolean fuse) {
        return new Work(graph, fuse).plan();
    }

    private static final class Work {
        final Graph g;
        final boolean fuse;
        final boolean[] live;
        final List<List<Integer>> consumers;
        /** Values needed outside ops: returned by the function, or the source of a stopGradient copy. */
        final boolean[] escapes;
        /** For each node, the step that replaces it: its root node's index, or -1 while unassigned. */
        final int[] rootOf;
        final Map<Integer, Step> stepAtRoot = new LinkedHashMap<>();

        Work(Graph g, boolean fuse) {
            this.g = g;
            this.fuse = fuse;
            this.live = g.liveNodes();
            this.consumers = liveConsumers(g, live);
            this.escapes = new boolean[g.values().size()];
            for (int o : g.outputs()) {
                escapes[o] = true;
            }
            for (Value v : g.values()) {
                if (v instanceof Value.Detached d) {
                    escapes[d.source()] = true;
                }
            }
            this.rootOf = new int[g.nodes().size()];
            Arrays.fill(rootOf, -1);
        }

        private static List<List<Integer>> liveConsumers(Graph g, boolean[] live) {
            List<List<Integer>> all = g.consumers();
            List<List<Integer>> r = new ArrayList<>(all.size());
            for (List<Integer> c : all) {
                r.add(c.stream().filter(n -> live[n]).toList());
            }
            return r;
        }

        Plan plan() {
            if (fuse) {
                denseRewrites();
                elementwiseGroups();
            }
            List<Step> steps = new ArrayList<>();
            detachSteps(steps, -1);
            for (Node n : g.nodes()) {
                if (!live[n.index()]) {
                    continue;
                }
                Step s = stepAtRoot.get(n.index());
                if (s == null && rootOf[n.index()] < 0) {
                    s = new Step.Single(n.op(), n.args(), n.output(), n.index());
                }
                if (s != null) {
                    steps.add(s);
                    detachSteps(steps, n.output());
                }
            }
            return new Plan(g, steps, fuse);
        }

        /** stopGradient copies of {@code source} (of inputs, variables and constants when -1), in id order. */
        private void detachSteps(List<Step> steps, int source) {
            for (int id = 0; id < g.values().size(); id++) {
                if (g.value(id) instanceof Value.Detached d) {
                    boolean ready = source < 0 ? !(g.value(d.source()) instanceof Value.Result) : d.source() == source;
                    if (ready) {
                        steps.add(new Step.Detach(d.source(), id));
                        detachSteps(steps, id);
                    }
                }
            }
        }

        // ------------------------------------------------------------ matmul + bias + activation

        private void denseRewrites() {
            for (Node add : g.nodes()) {
                if (!live[add.index()] || rootOf[add.index()] >= 0 || !(add.op() instanceof Add)) {
                    continue;
                }
                for (int k = 0; k < 2; k++) {
                    Node mm = g.producer(add.arg(k));
                    int bias = add.arg(1 - k);
                    if (mm != null && rootOf[mm.index()] < 0 && denseable(mm, add, bias)) {
                        rewrite(mm, add, bias);
                        break;
                    }
                }
            }
        }

        private boolean denseable(Node mm, Node add, int bias) {
            if (!(mm.op() instanceof MatMul m) || m.transposeA() || m.transposeB() || !singleUse(mm.output(), add)) {
                return false;
            }
            Value x = g.value(mm.arg(0));
            Value w = g.value(mm.arg(1));
            Value b = g.value(bias);
            Value z = g.value(mm.output());
            return x.dtype().isFloating() && x.dtype() == w.dtype() && x.dtype() == b.dtype() && x.shape().rank() >= 2
                    && w.shape().rank() == 2 && b.shape().rank() == 1 && b.shape().get(0) == w.shape().get(1)
                    && g.value(add.output()).shape().equals(z.shape()) && mm.arg(0) != bias;
        }

        private void rewrite(Node mm, Node add, int bias) {
            Node root = add;
            Activation act = Activation.LINEAR;
            List<Integer> cs = consumers.get(add.output());
            if (cs.size() == 1 && !escapes[add.output()]) {
                Node c = g.node(cs.get(0));
                Activation a = c.op() instanceof Relu ? Activation.RELU
                        : c.op() instanceof Sigmoid ? Activation.SIGMOID
                        : c.op() instanceof Tanh ? Activation.TANH : null;
                if (a != null && rootOf[c.index()] < 0) {
                    act = a;
                    root = c;
                }
            }
            List<Integer> nodes = root == add ? List.of(mm.index(), add.index())
                    : List.of(mm.index(), add.index(), root.index());
            for (int n : nodes) {
                rootOf[n] = root.index();
            }
            int[] args = {mm.arg(0), mm.arg(1), bias};
            stepAtRoot.put(root.index(), new Step.Dense(new jgrad.ops.nn.Dense(act), args, root.output(), nodes));
        }

        private boolean singleUse(int value, Node consumer) {
            List<Integer> cs = consumers.get(value);
            return !escapes[value] && cs.size() == 1 && cs.get(0) == consumer.index();
        }

        // ------------------------------------------------------------ elementwise groups

        private void elementwiseGroups() {
            int n = g.nodes().size();
            int[] group = new int[n];
            Arrays.fill(group, -1);
            // Consumers run after their inputs, so walking backwards assigns a node's consumers first.
            for (int i = n - 1; i >= 0; i--) {
                Node node = g.node(i);
                if (!live[i] || rootOf[i] >= 0) {
                    continue;
                }
                boolean elementwise = FusionRules.isElementwise(node.op());
                if (!elementwise && !FusionRules.isReductionEpilogue(node.op())) {
                    continue;
                }
                int joined = elementwise ? commonConsumerGroup(node, group) : -1;
                group[i] = joined >= 0 ? joined : i;
            }
            Map<Integer, List<Integer>> members = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                if (group[i] >= 0) {
                    members.computeIfAbsent(group[i], k -> new ArrayList<>()).add(i);
                }
            }
            for (Map.Entry<Integer, List<Integer>> e : members.entrySet()) {
                if (e.getValue().size() >= 2) {
                    makeGroup(e.getKey(), e.getValue());
                }
            }
        }

        /** The group all of node's consumers are in, if there is one and node's value stays inside it. */
        private int commonConsumerGroup(Node node, int[] group) {
            int out = node.output();
            List<Integer> cs = consumers.get(out);
            if (escapes[out] || cs.isEmpty()) {
                return -1;
            }
            int gid = group[cs.get(0)];
            for (int c : cs) {
                if (group[c] < 0 || group[c] != gid) {
                    return -1;
                }
            }
            return gid;
        }

        /** Builds the FusedGroup of these nodes (in order, the root last), if the kernel can take it. */
        private void makeGroup(int root, List<Integer> nodes) {
            Map<Integer, Integer> local = new LinkedHashMap<>();
            List<Integer> external = new ArrayList<>();
            java.util.Set<Integer> inside = new java.util.HashSet<>();
            for (int n : nodes) {
                inside.add(g.node(n).output());
            }
            for (int n : nodes) {
                for (int a : g.node(n).args()) {
                    if (!inside.contains(a) && !external.contains(a)) {
                        external.add(a);
                    }
                }
            }
            var dtype = g.value(g.node(root).output()).dtype();
            if (!dtype.isFloating()) {
                return;
            }
            for (int a : external) {
                if (g.value(a).dtype() != dtype) {
                    return; // a mask or integer tensor from outside, or mixed precision: unfused
                }
            }
            FusedGroup.Builder b = FusedGroup.builder();
            for (int a : external) {
                local.put(a, b.input());
            }
            try {
                for (int n : nodes) {
                    Node node = g.node(n);
                    int[] args = node.args();
                    int[] ids = new int[args.length];
                    for (int j = 0; j < args.length; j++) {
                        ids[j] = local.get(args[j]);
                    }
                    local.put(node.output(), b.node(node.op(), ids));
                }
            } catch (IllegalArgumentException e) {
                return; // an op the builder does not take in this position: its nodes run unfused
            }
            FusedGroup group = b.build();
            int[] args = external.stream().mapToInt(Integer::intValue).toArray();
            for (int n : nodes) {
                rootOf[n] = root;
            }
            stepAtRoot.put(root, new Step.Fused(new FusedOp(group), args, g.node(root).output(), List.copyOf(nodes)));
        }
    }

    /** True if this op is one the planner can put in a group (for listings and tests). */
    public static boolean fusable(Op op) {
        return FusionRules.isElementwise(op) || FusionRules.isReductionEpilogue(op);
    }
}
