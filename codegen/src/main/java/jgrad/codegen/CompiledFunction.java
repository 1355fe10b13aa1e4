package jgrad.codegen;

import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import jgrad.codegen.fused.FusedOp;
import jgrad.codegen.fused.GeneratedKernel;
import jgrad.codegen.fused.Kernels;
import jgrad.codegen.plan.Plan;
import jgrad.codegen.plan.Planner;
import jgrad.codegen.trace.Graph;
import jgrad.codegen.trace.Signature;
import jgrad.codegen.trace.Traced;
import jgrad.codegen.trace.Tracer;
import jgrad.codegen.trace.Value;
import jgrad.core.Tensor;
import jgrad.core.TensorFunction;
import jgrad.core.Variable;

/**
 * A function compiled by {@link Jit#compile}: a cache of traces, one per input signature (shapes,
 * dtypes, which arguments are Variables), each with its fusion plan. A call with a known signature
 * replays the plan; a new signature is traced first (that call runs eagerly while tracing, as a
 * {@code tf.function}'s first call does). Gradients through a call work on the caller's tapes.
 *
 * <p>On the first call of a signature the function is traced twice and the traces compared: a
 * function that draws random values inside (dropout masks, noise) or assigns Variables is
 * impure, cannot be replayed, and runs eagerly from then on, with a logged note.
 */
public final class CompiledFunction implements TensorFunction {
    private static final System.Logger LOG = System.getLogger("jgrad.codegen");

    private final TensorFunction function;
    private final Map<Signature, Entry> cache = new ConcurrentHashMap<>();
    private final AtomicInteger traces = new AtomicInteger();
    private final Signature fixed;
    private volatile Entry last;

    /** What is known about one signature: its graph and plans, or why it runs eagerly. */
    private static final class Entry {
        final Signature signature;
        final Graph graph;
        final String eagerReason;
        volatile Plan fused;
        volatile Plan unfused;

        Entry(Signature signature, Graph graph, String eagerReason) {
            this.signature = signature;
            this.graph = graph;
            this.eagerReason = eagerReason;
        }

        Plan plan(boolean fuse) {
            if (fuse) {
                Plan p = fused;
                if (p == null) {
                    fused = p = Planner.plan(graph, true);
                }
                return p;
            }
            Plan p = unfused;
            if (p == null) {
                unfused = p = Planner.plan(graph, false);
            }
            return p;
        }
    }

    /** A compiled function: traced per signature on first use. */
    CompiledFunction(TensorFunction function) {
        this.function = function;
        this.fixed = null;
    }

    /** A compiled tape: one graph, one signature. */
    CompiledFunction(TensorFunction function, Graph graph, Tensor[] inputs) {
        this.function = function;
        this.fixed = Signature.of(inputs);
        Entry e = new Entry(fixed, graph, null);
        cache.put(fixed, e);
        last = e;
    }

    @Override
    public Tensor[] apply(Tensor... inputs) {
        Signature sig = Signature.of(inputs);
        Entry e = cache.get(sig);
        if (e == null) {
            if (fixed != null) {
                throw new IllegalArgumentException("compiled tape: it was captured for arguments " + fixed
                        + " and cannot be traced again; got " + sig);
            }
            return traceAndRun(sig, inputs);
        }
        last = e;
        if (e.graph == null) {
            return function.apply(inputs);
        }
        return e.plan(Codegen.isEnabled()).run(inputs);
    }

    /**
     * First call of a signature: trace on the caller's tapes (its outputs are this call's result),
     * trace again quietly, and keep the graph only if both traces agree and no Variable changed.
     */
    private Tensor[] traceAndRun(Signature sig, Tensor[] inputs) {
        traces.incrementAndGet();
        Traced first = Tracer.trace(function, inputs, true);
        String reason = first.failure();
        if (first.captured()) {
            Map<Variable, Integer> versions = versions(first.graph());
            Traced second = Tracer.trace(function, inputs, false);
            if (!second.captured()) {
                reason = second.failure();
            } else if (!first.graph().sameAs(second.graph())) {
                reason = "it is not pure: two traces differ, " + first.graph().firstDifference(second.graph());
            } else {
                reason = changedVariable(versions);
            }
        }
        Entry e = new Entry(sig, reason == null ? first.graph() : null, reason);
        if (reason != null) {
            LOG.log(Level.INFO, "jgrad.codegen: a compiled function runs eagerly (unfused) for arguments " + sig + ": "
                    + reason);
        }
        Entry prev = cache.putIfAbsent(sig, e);
        last = prev != null ? prev : e;
        return first.outputs();
    }

    private static Map<Variable, Integer> versions(Graph g) {
        Map<Variable, Integer> v = new IdentityHashMap<>();
        for (Value value : g.values()) {
            if (value instanceof Value.Var var) {
                v.put(var.variable(), var.variable().version());
            }
        }
        return v;
    }

    private static String changedVariable(Map<Variable, Integer> versions) {
        for (Map.Entry<Variable, Integer> e : versions.entrySet()) {
            if (e.getKey().version() != e.getValue()) {
                return "it assigns Variable '" + e.getKey().name() + "' (side effects are not replayed)";
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- inspection

    /** How many signatures have been traced (each trace runs the function twice). */
    public int traceCount() {
        return traces.get();
    }

    /** The signatures seen so far, in no particular order. */
    public List<Signature> signatures() {
        return List.copyOf(cache.keySet());
    }

    /** True if calls with these arguments' signature run eagerly (the function is impure or untraceable). */
    public boolean runsEagerly(Tensor... inputs) {
        Entry e = cache.get(Signature.of(inputs));
        return e != null && e.graph == null;
    }

    /** Why the last signature used runs eagerly, or null if it is compiled (or nothing ran yet). */
    public String eagerReason() {
        Entry e = last;
        return e == null ? null : e.eagerReason;
    }

    /**
     * The plan of the signature used by the last call, with fusion as switched now; null before
     * the first call or when that signature runs eagerly.
     */
    public Plan plan() {
        Entry e = last;
        return e == null || e.graph == null ? null : e.plan(Codegen.isEnabled());
    }

    /** The plan for arguments of these shapes; traces them if needed (running the function). */
    public Plan plan(Tensor... exampleInputs) {
        Signature sig = Signature.of(exampleInputs);
        if (!cache.containsKey(sig)) {
            apply(exampleInputs);
        }
        Entry e = cache.get(sig);
        return e.graph == null ? null : e.plan(Codegen.isEnabled());
    }

    /**
     * What the last call's trace became: the captured graph and the plan listing its fused groups,
     * Dense rewrites and unfused ops (or why it runs eagerly).
     */
    public String graph() {
        Entry e = last;
        if (e == null) {
            return "not traced yet: call the function first";
        }
        if (e.graph == null) {
            return "arguments " + e.signature + ": runs eagerly, " + e.eagerReason + "\n";
        }
        return "arguments " + e.signature + "\n" + e.graph + e.plan(Codegen.isEnabled());
    }

    /** The fused ops of every traced signature's plan (with fusion on), without duplicates. */
    public List<FusedOp> fusedOps() {
        Map<FusedOp, Boolean> ops = new LinkedHashMap<>();
        for (Entry e : cache.values()) {
            if (e.graph != null) {
                for (FusedOp op : e.plan(true).fusedOps()) {
                    ops.put(op, Boolean.TRUE);
                }
            }
        }
        return new ArrayList<>(ops.keySet());
    }

    /**
     * What {@link #inspect} returns: the outputs of an eager run recorded on the caller's tapes,
     * and for each multi-op step of the plan (fused group or Dense rewrite) the tensors of that run
     * it covers, labelled {@code "fused[mul,add,exp] -> %7"}: ready for
     * {@code jgrad.inspect.Graph.builder(tape).cluster(label, tensors)}, which draws each group
     * as a box around its ops.
     */
    public record Inspection(Tensor[] outputs, Map<String, List<Tensor>> groups) {
        public Inspection {
            groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        }
    }

    /**
     * Runs the function eagerly on {@code inputs} (recorded on the tapes open on this thread, so a
     * graph can be built from them) and says which of that run's tensors each group of the plan
     * (fusion on) fuses. Empty groups when the function runs eagerly or nothing fuses.
     */
    public Inspection inspect(Tensor... inputs) {
        if (function == null) {
            throw new IllegalStateException("inspect: a compiled tape has no function to run again");
        }
        Traced t = Tracer.trace(function, inputs, true);
        Map<String, List<Tensor>> groups = new LinkedHashMap<>();
        if (t.captured()) {
            Plan p = Planner.plan(t.graph(), true);
            for (jgrad.codegen.plan.Step s : p.steps()) {
                if (s.nodes().size() > 1) {
                    List<Tensor> members = new ArrayList<>();
                    for (int n : s.nodes()) {
                        members.add(t.tensors().get(t.graph().node(n).output()));
                    }
                    groups.put(s.op().name() + (s.kind().equals("dense")
                            ? "[" + ((jgrad.ops.nn.Dense) s.op()).activation().methodName() + "]" : "")
                            + " -> %" + s.output(), members);
                }
            }
        }
        return new Inspection(t.outputs(), groups);
    }

    /**
     * The generated kernels this function's fused groups use (forward and, once a gradient went
     * through them, backward), waiting for queued compilations first. Empty when nothing fused or
     * before the plan's kernels ran (they compile on first use).
     */
    public List<GeneratedKernel> kernels() {
        Kernels.awaitCompilations();
        List<FusedOp> ops = fusedOps();
        List<GeneratedKernel> mine = new ArrayList<>();
        for (GeneratedKernel k : Kernels.all()) {
            for (FusedOp op : ops) {
                List<String> names = op.group().ops().stream().map(o -> o.name()).toList();
                String formula = op.group().formula();
                if (k.fusedOps().equals(names) && (formula == null || k.source().contains(formula))) {
                    mine.add(k);
                    break;
                }
            }
        }
        return mine;
    }

    /** Prints the plan and the source of every kernel to standard output. */
    public void printKernels() {
        printKernels(System.out);
    }

    /** Prints the plan and the source of every kernel to {@code out}. */
    public void printKernels(PrintStream out) {
        out.print(graph());
        List<GeneratedKernel> ks = kernels();
        if (ks.isEmpty()) {
            out.println("(no generated kernels: nothing fused yet)");
        }
        for (GeneratedKernel k : ks) {
            out.println();
            out.print(k.source());
        }
        out.flush();
    }

    /**
     * Writes the source of every kernel into {@code dir} as {@code <ClassName>.java}, each file
     * written atomically (a temporary file in the folder, then moved into place).
     */
    public void writeKernels(Path dir) {
        Kernels.writeSources(dir, kernels());
    }

    @Override
    public String toString() {
        return "CompiledFunction(" + (function == null ? "tape" : function) + ", " + cache.size() + " signatures)";
    }
}
