package jgrad.codegen.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jgrad.core.GradientTape;
import jgrad.core.Jit;
import jgrad.core.RecordedOp;
import jgrad.core.Scope;
import jgrad.core.Tensor;
import jgrad.core.TensorFunction;
import jgrad.core.Variable;

/**
 * Turns a function over tensors, or what a {@link GradientTape} recorded, into a static
 * {@link Graph}. A trace runs the function once on a tape that records every op
 * ({@link Jit#tracingTape()}); the recorded ops become the nodes. Values a node reads are the
 * call's arguments, Variables (read live at each replay: weights change between steps), outputs
 * of earlier nodes, {@code stopGradient()} copies of those, or constants captured by value (any
 * other tensor: literals, scalars, tensors made from Java arrays).
 *
 * <pre>{@code
 * Traced t = Tracer.trace(xs -> new Tensor[] {xs[0].mul(xs[1]).exp()}, new Tensor[] {a, b}, false);
 * System.out.println(t.graph());
 * }</pre>
 *
 * <p>As with any tracer, Java code between ops runs only while tracing: values read out of tensors
 * ({@code item()}, {@code toFloatArray()}) and branches taken on them are baked into the graph.
 */
public final class Tracer {
    private Tracer() {}

    /**
     * Runs {@code function} on {@code args} once and captures its graph. Exceptions of the
     * function propagate; a run that cannot be captured gives a {@link Traced} without a graph.
     *
     * @param onCallerTapes true: the run is also recorded, as usual, on the tapes open on this
     *     thread, so its outputs are valid eager results; false: it runs under
     *     {@link GradientTape#noGrad()} (a trace made only to be inspected or compared)
     */
    public static Traced trace(TensorFunction function, Tensor[] args, boolean onCallerTapes) {
        Objects.requireNonNull(function, "trace: function is null");
        Signature.of(args); // null checks with the argument's index
        Tensor[] outputs;
        List<RecordedOp> ops;
        Scope quiet = onCallerTapes ? null : GradientTape.noGrad();
        try (GradientTape tape = Jit.tracingTape()) {
            outputs = function.apply(args.clone());
            ops = List.copyOf(tape.operations());
        } finally {
            if (quiet != null) {
                quiet.close();
            }
        }
        if (outputs == null) {
            throw new NullPointerException("the function returned null instead of an array of tensors");
        }
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] == null) {
                throw new NullPointerException("the function returned null as output " + i);
            }
        }
        try {
            Builder b = new Builder(ops, args);
            Graph g = b.build(outputs);
            return new Traced(g, outputs, null, b.valueTensors);
        } catch (TraceException e) {
            return new Traced(null, outputs, e.getMessage(), List.of());
        }
    }

    /**
     * The graph of what {@code tape} recorded between {@code inputs} and {@code outputs}: the ops
     * the outputs depend on, the inputs becoming the graph's arguments. Use a persistent tape (a
     * non-persistent one forgets its ops after its gradient). Ops the tape did not record (those
     * on tensors it did not watch) appear as constants.
     */
    public static Graph fromTape(GradientTape tape, List<? extends Tensor> inputs, List<? extends Tensor> outputs) {
        Objects.requireNonNull(tape, "fromTape: tape is null");
        Tensor[] in = inputs.toArray(new Tensor[0]);
        Tensor[] out = outputs.toArray(new Tensor[0]);
        Signature.of(in);
        for (int i = 0; i < out.length; i++) {
            Objects.requireNonNull(out[i], () -> "fromTape: output is null");
        }
        return build(tape.operations(), in, out);
    }

    // ---------------------------------------------------------------- graph building

    static Graph build(List<RecordedOp> recorded, Tensor[] args, Tensor[] outputs) {
        return new Builder(recorded, args).build(outputs);
    }

    private static final class Builder {
        private final List<RecordedOp> recorded;
        private final Tensor[] args;
        private final Map<Tensor, Integer> producer = new IdentityHashMap<>();
        private final Map<Tensor, Integer> ids = new IdentityHashMap<>();
        /** Tensors known so far (arguments, node outputs, Variables) by the array they hold. */
        private final Map<Object, List<Tensor>> byStorage = new IdentityHashMap<>();
        private final List<Value> values = new ArrayList<>();
        private final List<Node> nodes = new ArrayList<>();
        private final List<Tensor> valueTensors = new ArrayList<>();

        Builder(List<RecordedOp> recorded, Tensor[] args) {
            this.recorded = recorded;
            this.args = args;
            for (int i = 0; i < recorded.size(); i++) {
                producer.putIfAbsent(recorded.get(i).output(), i);
            }
        }

        Graph build(Tensor[] outputs) {
            for (int i = 0; i < args.length; i++) {
                if (!ids.containsKey(args[i])) {
                    add(args[i], new Value.Input(i, args[i].shape(), args[i].dtype()));
                }
            }
            boolean[] needed = slice(outputs);
            // Variables first, so that a value() copy of one read before the Variable itself is
            // recognised as that Variable's (live) data rather than captured as a constant.
            for (int i = 0; i < recorded.size(); i++) {
                for (Tensor in : needed[i] ? recorded.get(i).inputs() : List.<Tensor>of()) {
                    if (in instanceof Variable v && !ids.containsKey(v)) {
                        add(v, new Value.Var(v));
                    }
                }
            }
            for (int i = 0; i < recorded.size(); i++) {
                if (!needed[i]) {
                    continue;
                }
                RecordedOp r = recorded.get(i);
                List<Tensor> ins = r.inputs();
                int[] a = new int[ins.size()];
                for (int j = 0; j < a.length; j++) {
                    a[j] = resolve(ins.get(j));
                }
                int node = nodes.size();
                int out = values.size();
                nodes.add(new Node(node, r.op(), a, out));
                add(r.output(), new Value.Result(node, r.output().shape(), r.output().dtype()));
            }
            int[] outs = new int[outputs.length];
            for (int i = 0; i < outputs.length; i++) {
                outs[i] = resolve(outputs[i]);
            }
            return new Graph(values, nodes, outs, args.length);
        }

        /** Marks the recorded ops the outputs depend on, stopping at the arguments. */
        private boolean[] slice(Tensor[] outputs) {
            boolean[] needed = new boolean[recorded.size()];
            Map<Tensor, Boolean> seen = new IdentityHashMap<>();
            ArrayList<Tensor> stack = new ArrayList<>(Arrays.asList(outputs));
            while (!stack.isEmpty()) {
                Tensor t = stack.remove(stack.size() - 1);
                if (seen.put(t, Boolean.TRUE) != null || ids.containsKey(t)) {
                    continue;
                }
                Integer p = producer.get(t);
                if (p == null) {
                    p = producerOfSameData(t);
                }
                if (p != null && !needed[p]) {
                    needed[p] = true;
                    stack.addAll(recorded.get(p).inputs());
                }
            }
            return needed;
        }

        /** For a stopGradient copy of a recorded output: the op that made the original. */
        private Integer producerOfSameData(Tensor t) {
            if (t instanceof Variable) {
                return null;
            }
            for (int i = 0; i < recorded.size(); i++) {
                Tensor o = recorded.get(i).output();
                if (o.storage() == t.storage() && sameLayout(o, t)) {
                    return i;
                }
            }
            return null;
        }

        private int resolve(Tensor t) {
            Integer id = ids.get(t);
            if (id != null) {
                return id;
            }
            if (t instanceof Variable v) {
                return add(v, new Value.Var(v));
            }
            List<Tensor> sharers = byStorage.getOrDefault(t.storage(), List.of());
            Tensor original = null;
            boolean allConstant = true;
            for (Tensor s : sharers) {
                boolean constant = values.get(ids.get(s)) instanceof Value.Const;
                allConstant &= constant;
                if (original == null && sameLayout(s, t)) {
                    original = s;
                }
            }
            if (original != null && !(values.get(ids.get(original)) instanceof Value.Const)) {
                return add(t, new Value.Detached(ids.get(original), t.shape(), t.dtype()));
            }
            if (!allConstant) {
                Tensor s = sharers.get(0);
                throw new TraceException("a tensor " + t.shape() + " shares memory with the traced value %" + ids.get(s)
                        + " " + s.shape() + " but was not made by an op (Tensor.view?); the trace cannot replay it."
                        + " Use reshape, slice, permute or expand, which are ops");
            }
            return add(t, new Value.Const(t));
        }

        private int add(Tensor t, Value v) {
            int id = values.size();
            values.add(v);
            valueTensors.add(t);
            ids.put(t, id);
            byStorage.computeIfAbsent(t.storage(), k -> new ArrayList<>(1)).add(t);
            return id;
        }

        private static boolean sameLayout(Tensor a, Tensor b) {
            return a.offset() == b.offset() && a.shape().equals(b.shape()) && a.dtype() == b.dtype()
                    && Arrays.equals(a.strides(), b.strides());
        }
    }
}
