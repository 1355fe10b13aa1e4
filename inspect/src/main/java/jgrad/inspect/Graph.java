package jgrad.inspect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import jgrad.core.GradientTape;
import jgrad.core.NameScope;
import jgrad.core.Op;
import jgrad.core.RecordedOp;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.core.io.AtomicFiles;

/**
 * The computation a {@link GradientTape} recorded, as a graph you can print, draw and step
 * through: every value is a {@link Node} (op, inputs, shape, dtype, value), and after
 * {@link #backward} every node the target depends on carries its gradient.
 *
 * <pre>{@code
 * try (GradientTape tape = new GradientTape()) {
 *     Tensor loss = x.matmul(w).add(b).sub(y).square().mean();
 *     Graph g = Graph.builder(tape).name(x, "x").name(y, "y").build().backward(loss);
 *     System.out.println(g.explain());     // the chain rule, step by step, with the numbers
 *     g.writeHtml(Path.of("graph.html"));  // click a node, step through the backward pass
 * }
 * Graph model = Graph.trace(in -> mlp(in), x);  // any function, no tape code needed
 * }</pre>
 *
 * <p>A Graph is immutable. {@code backward} does not ask the tape: it runs the backward pass again
 * over the recorded ops, calling each op's own {@code vjp} exactly as the tape does, so it can
 * keep the gradient of every node (the tape keeps only the sources') and every step's numbers for
 * the explainer. Build the graph before assigning to Variables the computation used: a Variable's
 * value is read when the graph is built.
 */
public final class Graph {
    /** An op node with what its vjp needs: the op, the inputs' values and the output. */
    record Recorded(String nodeId, Op op, Tensor[] inputs, Tensor output, String[] inputIds) {}

    private final List<Node> nodes;
    private final Map<String, Node> byId;
    private final List<Edge> edges;
    private final List<Cluster> clusters;
    private final Map<Tensor, String> idOf;
    private final List<Recorded> recorded;
    private final Set<String> differentiable;
    private final String outputId;
    private final String targetId;
    private final List<BackwardStep> steps;

    private Graph(List<Node> nodes, List<Edge> edges, List<Cluster> clusters, Map<Tensor, String> idOf,
            List<Recorded> recorded, Set<String> differentiable, String outputId, String targetId,
            List<BackwardStep> steps) {
        this.nodes = List.copyOf(nodes);
        Map<String, Node> map = new LinkedHashMap<>();
        for (Node n : nodes) {
            map.put(n.id(), n);
        }
        this.byId = Collections.unmodifiableMap(map);
        this.edges = List.copyOf(edges);
        this.clusters = List.copyOf(clusters);
        this.idOf = idOf;
        this.recorded = recorded;
        this.differentiable = differentiable;
        this.outputId = outputId;
        this.targetId = targetId;
        this.steps = List.copyOf(steps);
    }

    // ------------------------------------------------------------------ construction

    /** The graph of what {@code tape} recorded so far, with default names; see {@link #builder}. */
    public static Graph of(GradientTape tape) {
        return builder(tape).build();
    }

    /**
     * Starts a graph of what {@code tape} recorded so far. Call it before {@code tape.gradient}
     * on a non-persistent tape: computing a gradient makes such a tape forget its record.
     */
    public static Builder builder(GradientTape tape) {
        Objects.requireNonNull(tape, "builder: tape is null");
        return new Builder(tape.operations()).scopes(tape.scopes());
    }

    /** Starts a graph of these recorded ops (a tape's {@code operations()}, or part of it). */
    public static Builder builder(List<RecordedOp> operations) {
        Objects.requireNonNull(operations, "builder: operations is null");
        return new Builder(operations);
    }

    /**
     * Records {@code f} applied to {@code input} on a fresh tape and returns its graph: the input is
     * watched and named {@code input}, the result named {@code output}, and trainable Variables the
     * function uses (a model's weights) appear as variables. {@code Graph.trace(x -> model.call(x),
     * batch).backward()} adds the gradients of the (summed) output.
     */
    public static Graph trace(Function<Tensor, Tensor> f, Tensor input) {
        Objects.requireNonNull(f, "trace: f is null");
        Objects.requireNonNull(input, "trace: input is null");
        return trace(in -> f.apply(in.get(0)), List.of(input), List.of("input"));
    }

    /** {@link #trace(Function, Tensor)} for a function of several inputs, named input0, input1, ... */
    public static Graph trace(Function<List<Tensor>, Tensor> f, List<? extends Tensor> inputs) {
        Objects.requireNonNull(f, "trace: f is null");
        Objects.requireNonNull(inputs, "trace: inputs is null");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            names.add("input" + i);
        }
        return trace(f, List.copyOf(inputs), names);
    }

    private static Graph trace(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, List<String> names) {
        for (int i = 0; i < inputs.size(); i++) {
            Objects.requireNonNull(inputs.get(i), "trace: input " + i + " is null");
        }
        List<RecordedOp> ops;
        List<NameScope.Span> scopes;
        Tensor out;
        try (GradientTape tape = new GradientTape(true, true)) {
            for (Tensor in : inputs) {
                if (in.dtype().isFloating()) {
                    tape.watch(in);
                }
            }
            out = f.apply(inputs);
            if (out == null) {
                throw new IllegalArgumentException("trace: the function returned null");
            }
            ops = List.copyOf(tape.operations());
            scopes = List.copyOf(tape.scopes());
        }
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("trace: nothing was recorded: the function's result " + out.shape()
                    + " does not depend on its inputs (they must be float32 or float64) or on any trainable"
                    + " Variable through a jgrad op");
        }
        Builder b = new Builder(ops).scopes(scopes);
        Set<Tensor> inGraph = b.tensors();
        if (!inGraph.contains(out)) {
            throw new IllegalArgumentException("trace: the function's result " + out.shape() + " is not an output of"
                    + " a recorded op: it does not depend on the inputs or on a trainable Variable");
        }
        for (int i = 0; i < inputs.size(); i++) {
            Tensor in = inputs.get(i);
            if (inGraph.contains(in)) {
                if (!(in instanceof Variable)) {
                    b.name(in, names.get(i));
                }
                b.watched(in);
            }
        }
        return b.name(out, "output").output(out).build();
    }

    /**
     * Names, watched tensors, clusters and the output of a graph under construction. Every tensor
     * passed here must be an input or output of one of the recorded ops.
     */
    public static final class Builder {
        private final List<RecordedOp> ops;
        private final Map<Tensor, String> names = new IdentityHashMap<>();
        private final Set<Tensor> watched = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Map<String, List<Tensor>> clusters = new LinkedHashMap<>();
        private final Map<Tensor, Tensor> variableValues = new IdentityHashMap<>();
        private final List<NameScope.Span> scopes = new ArrayList<>();
        private Tensor output;

        private Builder(List<RecordedOp> operations) {
            // Dedupe (a nested tape's ops appear in both tapes) and order by when they ran.
            Set<RecordedOp> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            List<RecordedOp> list = new ArrayList<>();
            for (RecordedOp op : operations) {
                if (op == null) {
                    throw new NullPointerException("builder: operations holds a null entry");
                }
                if (seen.add(op)) {
                    list.add(op);
                }
            }
            list.sort(Comparator.comparingLong(RecordedOp::sequence));
            this.ops = list;
            // Variables are read now: a later assign must not change the recorded values.
            for (RecordedOp op : list) {
                for (Tensor in : op.inputs()) {
                    if (in instanceof Variable v && !variableValues.containsKey(v)) {
                        variableValues.put(v, v.value());
                    }
                }
            }
        }

        Set<Tensor> tensors() {
            Set<Tensor> all = Collections.newSetFromMap(new IdentityHashMap<>());
            for (RecordedOp op : ops) {
                all.addAll(op.inputs());
                all.add(op.output());
            }
            return all;
        }

        /** Calls {@code tensor} {@code name} in text and drawings ({@code "x"}, {@code "h"}, {@code "loss"}). */
        public Builder name(Tensor tensor, String name) {
            Objects.requireNonNull(tensor, "name: tensor is null");
            Objects.requireNonNull(name, "name: name is null");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name: the name of a " + tensor.shape() + " tensor is blank");
            }
            names.put(tensor, name.strip());
            return this;
        }

        /**
         * Marks leaves the tape watched ({@code tape.watch(x)}): they receive gradients. Needed only
         * where the graph cannot tell: a leaf that is the only candidate input of some op is known
         * to be watched, other non-Variable leaves are taken as constants.
         */
        public Builder watched(Tensor... tensors) {
            for (Tensor t : tensors) {
                Objects.requireNonNull(t, "watched: tensor is null");
                if (!t.dtype().isFloating()) {
                    throw new IllegalArgumentException("watched: only float32 or float64 tensors receive gradients,"
                            + " got " + t.dtype() + " " + t.shape());
                }
                watched.add(t);
            }
            return this;
        }

        /** Draws these tensors' nodes inside one box labelled {@code label} (a fused group, a phase). */
        public Builder cluster(String label, Collection<? extends Tensor> members) {
            Objects.requireNonNull(label, "cluster: label is null");
            Objects.requireNonNull(members, "cluster: members is null");
            if (clusters.containsKey(label)) {
                throw new IllegalArgumentException("cluster: a cluster named '" + label + "' was already added");
            }
            clusters.put(label, List.copyOf(members));
            return this;
        }

        /**
         * The {@link NameScope}s the ops ran in ({@code tape.scopes()}; {@link Graph#builder(GradientTape)}
         * and {@link Graph#trace} add the tape's own). The ops of a time-step scope ({@code t=3},
         * opened by {@link NameScope#timeStep} and by the recurrent layers in each step while a
         * tape records) become a time-step cluster, together with the constants and watched tensors
         * only that step uses; the graph is then drawn unrolled, one column per step. Nodes already
         * in a cluster given to {@link #cluster} stay there.
         */
        public Builder scopes(List<NameScope.Span> spans) {
            Objects.requireNonNull(spans, "scopes: spans is null");
            for (NameScope.Span s : spans) {
                scopes.add(Objects.requireNonNull(s, "scopes: a span is null"));
            }
            return this;
        }

        /**
         * The node shown as the result, and the default target of {@link Graph#backward()};
         * by default the last op's output.
         */
        public Builder output(Tensor tensor) {
            this.output = Objects.requireNonNull(tensor, "output: tensor is null");
            return this;
        }

        public Graph build() {
            if (ops.isEmpty()) {
                throw new IllegalArgumentException("Graph: the tape recorded no operations. Either nothing it watched"
                        + " was used (trainable Variables are watched automatically, other tensors need"
                        + " tape.watch), or a non-persistent tape already computed a gradient, which clears its record:"
                        + " build the graph before calling gradient, or use GradientTape.persistent()");
            }
            Set<Tensor> all = tensors();
            checkMembers(all);

            Map<Tensor, String> idOf = new IdentityHashMap<>();
            Map<Tensor, Boolean> isOutput = new IdentityHashMap<>();
            for (RecordedOp op : ops) {
                isOutput.put(op.output(), true);
            }
            List<Tensor> order = new ArrayList<>();
            for (RecordedOp op : ops) {
                for (Tensor in : op.inputs()) {
                    if (!idOf.containsKey(in)) {
                        idOf.put(in, "n" + order.size());
                        order.add(in);
                    }
                }
                if (!idOf.containsKey(op.output())) {
                    idOf.put(op.output(), "n" + order.size());
                    order.add(op.output());
                }
            }
            Set<Tensor> inferredWatched = inferWatched(isOutput);
            Map<Tensor, RecordedOp> producer = new IdentityHashMap<>();
            for (RecordedOp op : ops) {
                producer.put(op.output(), op);
            }

            List<String> displayNames = displayNames(order, idOf, producer);
            List<Node> nodes = new ArrayList<>();
            Set<String> differentiable = new HashSet<>();
            List<Edge> edges = new ArrayList<>();
            List<Recorded> recorded = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                Tensor t = order.get(i);
                String id = idOf.get(t);
                RecordedOp op = producer.get(t);
                Node.Kind kind;
                if (op != null) {
                    kind = Node.Kind.OP;
                } else if (t instanceof Variable) {
                    kind = Node.Kind.VARIABLE;
                } else if (watched.contains(t) || inferredWatched.contains(t)) {
                    kind = Node.Kind.WATCHED;
                } else {
                    kind = Node.Kind.CONSTANT;
                }
                boolean receives = t.dtype().isFloating() && switch (kind) {
                    case OP, WATCHED -> true;
                    case VARIABLE -> ((Variable) t).trainable() || watched.contains(t) || inferredWatched.contains(t);
                    case CONSTANT -> false;
                };
                if (receives) {
                    differentiable.add(id);
                }
                Tensor value = t instanceof Variable ? variableValues.get(t) : t;
                List<String> inputIds = new ArrayList<>();
                String opName = null;
                String detail = null;
                long sequence = -1;
                if (op != null) {
                    List<Tensor> ins = op.inputs();
                    Tensor[] values = new Tensor[ins.size()];
                    for (int j = 0; j < ins.size(); j++) {
                        Tensor in = ins.get(j);
                        inputIds.add(idOf.get(in));
                        edges.add(new Edge(idOf.get(in), id, j));
                        values[j] = in instanceof Variable ? variableValues.get(in) : in;
                    }
                    opName = op.op().name();
                    detail = opDetail(op.op());
                    sequence = op.sequence();
                    recorded.add(new Recorded(id, op.op(), values, op.output(), inputIds.toArray(new String[0])));
                }
                nodes.add(new Node(id, displayNames.get(i), kind, opName, detail, inputIds, value, null, sequence));
            }

            List<Cluster> clusterList = new ArrayList<>();
            Map<String, String> clusterOf = new HashMap<>();
            for (Map.Entry<String, List<Tensor>> e : clusters.entrySet()) {
                String cid = "c" + clusterList.size();
                List<String> members = new ArrayList<>();
                for (Tensor t : e.getValue()) {
                    String id = idOf.get(t);
                    String before = clusterOf.putIfAbsent(id, e.getKey());
                    if (before != null && !before.equals(e.getKey())) {
                        throw new IllegalArgumentException("cluster: node " + id + " " + t.shape() + " is in cluster '"
                                + before + "' and in cluster '" + e.getKey() + "'; a node belongs to one cluster");
                    }
                    if (!members.contains(id)) {
                        members.add(id);
                    }
                }
                clusterList.add(new Cluster(cid, e.getKey(), members));
            }
            addTimeSteps(nodes, idOf, clusterOf, clusterList);
            Tensor out = output != null ? output : ops.getLast().output();
            return new Graph(nodes, edges, clusterList, Collections.unmodifiableMap(idOf), List.copyOf(recorded),
                    Set.copyOf(differentiable), idOf.get(out), null, List.of());
        }

        /**
         * Time-step clusters: each op goes to the innermost time-step scope it ran in, a constant or
         * watched leaf to the step of its users when they all ran in one; clusters in step order.
         */
        private void addTimeSteps(List<Node> nodes, Map<Tensor, String> idOf, Map<String, String> explicit,
                List<Cluster> clusterList) {
            List<NameScope.Span> steps = scopes.stream().filter(NameScope.Span::isTimeStep).toList();
            if (steps.isEmpty()) {
                return;
            }
            Map<String, NameScope.Span> stepOf = new HashMap<>();
            for (RecordedOp op : ops) {
                String id = idOf.get(op.output());
                if (explicit.containsKey(id) || stepOf.containsKey(id)) {
                    continue;
                }
                NameScope.Span best = null;
                for (NameScope.Span s : steps) {
                    if (s.contains(op.sequence()) && (best == null || s.depth() > best.depth())) {
                        best = s;
                    }
                }
                if (best != null) {
                    stepOf.put(id, best);
                }
            }
            if (stepOf.isEmpty()) {
                return;
            }
            Map<String, String> pathOfUsers = new HashMap<>();
            Set<String> mixed = new HashSet<>();
            for (Node n : nodes) {
                if (n.isLeaf()) {
                    continue;
                }
                NameScope.Span s = stepOf.get(n.id());
                for (String in : n.inputs()) {
                    String before = pathOfUsers.putIfAbsent(in, s == null ? "" : s.path());
                    if (before != null && !before.equals(s == null ? "" : s.path())) {
                        mixed.add(in);
                    }
                }
            }
            Map<String, NameScope.Span> byPath = new HashMap<>();
            for (NameScope.Span s : stepOf.values()) {
                byPath.putIfAbsent(s.path(), s);
            }
            for (Node n : nodes) {
                boolean adoptable = n.kind() == Node.Kind.CONSTANT || n.kind() == Node.Kind.WATCHED;
                String path = pathOfUsers.get(n.id());
                if (adoptable && !explicit.containsKey(n.id()) && path != null && !path.isEmpty()
                        && !mixed.contains(n.id())) {
                    stepOf.put(n.id(), byPath.get(path));
                }
            }
            Map<String, List<String>> members = new LinkedHashMap<>();
            Map<String, Integer> firstIndex = new HashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                NameScope.Span s = stepOf.get(nodes.get(i).id());
                if (s != null) {
                    members.computeIfAbsent(s.path(), k -> new ArrayList<>()).add(nodes.get(i).id());
                    firstIndex.putIfAbsent(s.path(), i);
                }
            }
            List<String> paths = new ArrayList<>(members.keySet());
            paths.sort(Comparator.<String>comparingInt(p -> byPath.get(p).step()).thenComparingInt(firstIndex::get));
            for (String p : paths) {
                clusterList.add(new Cluster("c" + clusterList.size(), p, members.get(p), byPath.get(p).step()));
            }
        }

        private void checkMembers(Set<Tensor> all) {
            for (Map.Entry<Tensor, String> e : names.entrySet()) {
                requireIn(all, e.getKey(), "name '" + e.getValue() + "'");
            }
            for (Tensor t : watched) {
                requireIn(all, t, "watched");
            }
            for (Map.Entry<String, List<Tensor>> e : clusters.entrySet()) {
                for (Tensor t : e.getValue()) {
                    requireIn(all, t, "cluster '" + e.getKey() + "'");
                }
            }
            if (output != null) {
                requireIn(all, output, "output");
            }
        }

        private static void requireIn(Set<Tensor> all, Tensor t, String what) {
            if (t == null || !all.contains(t)) {
                throw new IllegalArgumentException(what + ": the tensor " + (t == null ? "null" : t.shape() + " "
                        + t.dtype()) + " is not an input or output of any recorded op (tensors are matched by identity,"
                        + " not by value)");
            }
        }

        /**
         * A tape records an op only if one of its inputs is tracked. Where no input is an op output
         * or a trainable Variable, the one remaining floating leaf must have been watched.
         */
        private Set<Tensor> inferWatched(Map<Tensor, Boolean> isOutput) {
            Set<Tensor> result = Collections.newSetFromMap(new IdentityHashMap<>());
            for (RecordedOp op : ops) {
                boolean known = false;
                Set<Tensor> candidates = Collections.newSetFromMap(new IdentityHashMap<>());
                for (Tensor in : op.inputs()) {
                    if (isOutput.containsKey(in) || (in instanceof Variable v && v.trainable())) {
                        known = true;
                    } else if (in.dtype().isFloating()) {
                        candidates.add(in);
                    }
                }
                if (!known && candidates.size() == 1) {
                    result.addAll(candidates);
                }
            }
            return result;
        }

        /** Given names, Variable names, scalar constants' values, else ids; repeated names get {@code @id}. */
        private List<String> displayNames(List<Tensor> order, Map<Tensor, String> idOf,
                Map<Tensor, RecordedOp> producer) {
            List<String> result = new ArrayList<>();
            Map<String, Integer> uses = new HashMap<>();
            List<Boolean> isLiteral = new ArrayList<>();
            for (Tensor t : order) {
                String name = names.get(t);
                boolean literal = false;
                if (name == null && t instanceof Variable v) {
                    name = v.name();
                }
                if (name == null && producer.get(t) == null && t.size() == 1 && t.rank() == 0 && !watched.contains(t)) {
                    name = Values.number(t.dtype() == jgrad.core.DType.BOOL ? (t.getBoolean() ? 1 : 0) : t.item());
                    literal = true;
                }
                if (name == null) {
                    name = idOf.get(t);
                }
                result.add(name);
                isLiteral.add(literal);
                if (!literal) {
                    uses.merge(name, 1, Integer::sum);
                }
            }
            for (int i = 0; i < result.size(); i++) {
                String id = idOf.get(order.get(i));
                if (!isLiteral.get(i) && uses.get(result.get(i)) > 1 && !result.get(i).equals(id)) {
                    result.set(i, result.get(i) + "@" + id);
                }
            }
            return result;
        }
    }

    /** The op with its attributes where it has some: {@code sum(axes=[0], keepDims=true)}, else null. */
    static String opDetail(Op op) {
        String s = op.toString();
        String name = op.name();
        // Records print as Name[a=1, b=2]; attribute-free ones as Name[] and say nothing new.
        int open = s.indexOf('[');
        if (s.endsWith("[]") || s.equals(name) || s.contains("$$Lambda") || s.contains("$Lambda")) {
            return null;
        }
        if (open > 0 && s.endsWith("]") && !s.startsWith(name + "(")) {
            String attributes = s.substring(open + 1, s.length() - 1);
            // Flags that are all off (matmul without transposes) say nothing worth a line.
            if (attributes.matches("\\w+=false(, \\w+=false)*")) {
                return null;
            }
            return name + "(" + attributes + ")";
        }
        return s;
    }

    // ------------------------------------------------------------------ queries

    /** Every node, leaves and op outputs, in recording order (ids n0, n1, ...). */
    public List<Node> nodes() {
        return nodes;
    }

    public List<Edge> edges() {
        return edges;
    }

    public List<Cluster> clusters() {
        return clusters;
    }

    /** The node with this id; the exception lists the ids there are. */
    public Node node(String id) {
        Node n = byId.get(id);
        if (n == null) {
            throw new IllegalArgumentException("Graph: no node '" + id + "'; nodes are n0 .. n" + (nodes.size() - 1));
        }
        return n;
    }

    /** The node of this tensor (matched by identity), if it is in the graph. */
    public Optional<Node> find(Tensor tensor) {
        String id = idOf.get(tensor);
        return id == null ? Optional.empty() : Optional.of(byId.get(id));
    }

    /** The node of this tensor, or an IllegalArgumentException if it is not in the graph. */
    public Node nodeOf(Tensor tensor) {
        Objects.requireNonNull(tensor, "nodeOf: tensor is null");
        return find(tensor).orElseThrow(() -> new IllegalArgumentException("nodeOf: the tensor " + tensor.shape() + " "
                + tensor.dtype() + " is not in this graph (tensors are matched by identity)"));
    }

    /** The node with this display name (a Variable's name, a name given to the builder). */
    public Node named(String name) {
        for (Node n : nodes) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("Graph: no node named '" + name + "'");
    }

    /** The result node: the builder's {@code output}, else the last op's output. */
    public Node output() {
        return byId.get(outputId);
    }

    /** The node {@link #backward} differentiated, if it ran. */
    public Optional<Node> target() {
        return targetId == null ? Optional.empty() : Optional.of(byId.get(targetId));
    }

    public boolean hasGradients() {
        return targetId != null;
    }

    /** The backward pass step by step (empty before {@link #backward}). */
    public List<BackwardStep> steps() {
        return steps;
    }

    /** The gradient of the target with respect to {@code tensor} (null where it gets none); needs {@link #backward}. */
    public Tensor gradient(Tensor tensor) {
        requireGradients("gradient");
        return nodeOf(tensor).gradient();
    }

    /** True if this node can receive a gradient: op outputs, watched tensors, trainable or watched Variables. */
    public boolean isDifferentiable(Node node) {
        return differentiable.contains(node.id());
    }

    /** The nodes in a cluster, or none. */
    public Optional<Cluster> clusterOf(String nodeId) {
        for (Cluster c : clusters) {
            if (c.nodeIds().contains(nodeId)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    List<Recorded> recorded() {
        return recorded;
    }

    Recorded recordedOf(String nodeId) {
        for (Recorded r : recorded) {
            if (r.nodeId().equals(nodeId)) {
                return r;
            }
        }
        throw new IllegalArgumentException("Graph: node " + nodeId + " is not an op output");
    }

    private void requireGradients(String what) {
        if (targetId == null) {
            throw new IllegalStateException(what + ": this graph has no gradients yet; call backward(target) first");
        }
    }

    // ------------------------------------------------------------------ backward

    /** {@link #backward(Tensor)} of the {@link #output()} node. */
    public Graph backward() {
        return backwardFrom(output());
    }

    /**
     * A copy of this graph with the gradient of {@code target} (summed, if it is not a scalar, as
     * {@code tape.gradient} does) at every node it depends on, and the steps that computed them.
     */
    public Graph backward(Tensor target) {
        return backwardFrom(nodeOf(target));
    }

    private Graph backwardFrom(Node target) {
        if (!target.dtype().isFloating()) {
            throw new IllegalArgumentException("backward: the target " + target.id() + " '" + target.name() + "' is "
                    + Values.shapeAndType(target.value()) + "; only float32 or float64 values have gradients");
        }
        BackwardPass pass = BackwardPass.run(this, target);
        List<Node> updated = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            updated.add(n.withGradient(pass.gradients().get(n.id())));
        }
        return new Graph(updated, edges, clusters, idOf, recorded, differentiable, outputId, target.id(),
                pass.steps());
    }

    // ------------------------------------------------------------------ text and export

    /** The backward pass in plain text, step by step with the numbers (see {@link Explainer}). */
    public String explain() {
        requireGradients("explain");
        return Explainer.explain(this);
    }

    /** Graphviz DOT source (render with {@code dot -Tsvg graph.dot > graph.svg}). */
    public String toDot() {
        return DotExporter.toDot(this);
    }

    /** A self-contained HTML page drawing this graph (no network access needed to view it). */
    public String toHtml() {
        return HtmlExporter.toHtml(this, "jgrad graph");
    }

    /** A self-contained HTML page with this title. */
    public String toHtml(String title) {
        return HtmlExporter.toHtml(this, title);
    }

    /** Writes {@link #toDot()} to {@code file} atomically (temp file in the same folder, then a move). */
    public Path writeDot(Path file) {
        return AtomicFiles.writeString(file, toDot());
    }

    /** Writes {@link #toHtml()} to {@code file} atomically. */
    public Path writeHtml(Path file) {
        return AtomicFiles.writeString(file, toHtml());
    }

    /** Writes {@link #toHtml(String)} to {@code file} atomically. */
    public Path writeHtml(Path file, String title) {
        return AtomicFiles.writeString(file, toHtml(title));
    }

    private static String count(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** One line per node: id, name, what it is, shape and dtype, value and gradient (abbreviated). */
    @Override
    public String toString() {
        int vars = 0;
        int watchedCount = 0;
        int consts = 0;
        for (Node n : nodes) {
            switch (n.kind()) {
                case VARIABLE -> vars++;
                case WATCHED -> watchedCount++;
                case CONSTANT -> consts++;
                case OP -> { }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Graph: ").append(count(nodes.size(), "node")).append(" (").append(count(recorded.size(), "op"))
                .append(", ").append(count(vars, "variable")).append(", ").append(watchedCount).append(" watched, ")
                .append(count(consts, "constant")).append("), ").append(count(edges.size(), "edge"));
        if (!clusters.isEmpty()) {
            sb.append(", ").append(count(clusters.size(), "cluster"));
        }
        target().ifPresentOrElse(t -> sb.append("; gradients of ").append(t.name()),
                () -> sb.append("; no gradients yet (call backward)"));
        sb.append('\n');
        List<String[]> rows = new ArrayList<>();
        int[] width = new int[4];
        for (Node n : nodes) {
            String what = n.kind() == Node.Kind.OP
                    ? "= " + n.op() + "(" + String.join(", ", n.inputs().stream().map(i -> byId.get(i).name()).toList())
                            + ")"
                    : n.kind().label();
            String[] r = {n.id(), n.name(), what, Values.shapeAndType(n.value())};
            for (int k = 0; k < 4; k++) {
                width[k] = Math.max(width[k], r[k].length());
            }
            rows.add(r);
        }
        for (int i = 0; i < nodes.size(); i++) {
            String[] r = rows.get(i);
            Node n = nodes.get(i);
            sb.append(String.format(Locale.ROOT, "  %-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %-"
                    + width[3] + "s  value %s", r[0], r[1], r[2], r[3], n.valueText()));
            if (n.hasGradient()) {
                sb.append("  grad ").append(n.gradientText());
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
