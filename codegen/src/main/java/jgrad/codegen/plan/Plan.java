package jgrad.codegen.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jgrad.codegen.fused.FusedOp;
import jgrad.codegen.trace.Graph;
import jgrad.codegen.trace.Value;
import jgrad.core.Tensor;

/**
 * How a traced {@link Graph} runs: a list of {@link Step}s (fused groups, Dense rewrites, ordinary
 * ops) in a topological order. {@link #run} replays it on new arguments; the ops it applies are
 * recorded on the caller's tapes as usual, so gradients through a plan work.
 *
 * <pre>
 * plan: 5 ops in 2 steps (1 fused group, 1 dense rewrite)
 *   %4 = dense[relu](%0, %1, %2)          matmul, add, relu
 *   %8 = fused[mul,add,exp](%4, %5, %3)   mul, add, exp
 * outputs: %8
 * </pre>
 */
public final class Plan {
    private final Graph graph;
    private final List<Step> steps;
    private final boolean fusion;

    Plan(Graph graph, List<Step> steps, boolean fusion) {
        this.graph = graph;
        this.steps = List.copyOf(steps);
        this.fusion = fusion;
    }

    public Graph graph() {
        return graph;
    }

    public List<Step> steps() {
        return steps;
    }

    /** Whether fusion was on when this plan was made (off: every op is a single step). */
    public boolean fusion() {
        return fusion;
    }

    /** The fused groups of the plan, in order. */
    public List<FusedOp> fusedOps() {
        List<FusedOp> r = new ArrayList<>();
        for (Step s : steps) {
            if (s instanceof Step.Fused f) {
                r.add(f.op());
            }
        }
        return r;
    }

    /** How many {@code matmul + add + activation} patterns became one Dense op. */
    public int denseRewrites() {
        return (int) steps.stream().filter(s -> s instanceof Step.Dense).count();
    }

    /** The outputs of the traced function for these arguments (which must match the trace's signature). */
    public Tensor[] run(Tensor... args) {
        Objects.requireNonNull(args, "args");
        if (args.length != graph.inputCount()) {
            throw new IllegalArgumentException("plan: takes " + graph.inputCount() + " arguments, got " + args.length);
        }
        Tensor[] env = new Tensor[graph.values().size()];
        for (int id = 0; id < env.length; id++) {
            switch (graph.value(id)) {
                case Value.Input in -> env[id] = args[in.index()];
                case Value.Var v -> env[id] = v.variable();
                case Value.Const c -> env[id] = c.value();
                default -> { }
            }
        }
        for (Step s : steps) {
            s.run(env);
        }
        Tensor[] out = new Tensor[graph.outputCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = env[graph.output(i)];
        }
        return out;
    }

    /** The listing shown in the class comment. */
    @Override
    public String toString() {
        int fused = fusedOps().size();
        int dense = denseRewrites();
        int ops = 0;
        for (Step s : steps) {
            ops += s.nodes().size();
        }
        StringBuilder sb = new StringBuilder("plan: ").append(ops).append(ops == 1 ? " op" : " ops").append(" in ")
                .append(steps.size()).append(steps.size() == 1 ? " step" : " steps");
        List<String> parts = new ArrayList<>();
        if (fused > 0) {
            parts.add(fused + (fused == 1 ? " fused group" : " fused groups"));
        }
        if (dense > 0) {
            parts.add(dense + (dense == 1 ? " dense rewrite" : " dense rewrites"));
        }
        if (!fusion) {
            parts.add("fusion off");
        }
        if (!parts.isEmpty()) {
            sb.append(" (").append(String.join(", ", parts)).append(')');
        }
        sb.append('\n');
        List<String> lines = new ArrayList<>();
        int width = 0;
        for (Step s : steps) {
            String l = Step.describe(s);
            lines.add(l);
            width = Math.max(width, l.length());
        }
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            sb.append("  ").append(lines.get(i));
            if (s.nodes().size() > 1) {
                sb.append(" ".repeat(width - lines.get(i).length() + 3));
                List<String> names = new ArrayList<>();
                for (int n : s.nodes()) {
                    names.add(graph.node(n).op().name());
                }
                sb.append(String.join(", ", names));
            }
            sb.append('\n');
        }
        sb.append("outputs: ");
        for (int i = 0; i < graph.outputCount(); i++) {
            sb.append(i > 0 ? ", %" : "%").append(graph.output(i));
        }
        return sb.append('\n').toString();
    }
}
