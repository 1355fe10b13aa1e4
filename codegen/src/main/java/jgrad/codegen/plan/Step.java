package jgrad.codegen.plan;

import java.util.List;
import jgrad.codegen.fused.FusedOp;
import jgrad.codegen.trace.OpKeys;
import jgrad.core.Op;
import jgrad.core.Tensor;

/**
 * One step of a {@link Plan}: computes one value of the graph from earlier ones. Every step that
 * runs an op goes through {@link Op#apply}, so the caller's tapes record it (a fused group is one
 * recorded op, with its fused backward).
 */
public sealed interface Step {
    /** The id of the value this step computes. */
    int output();

    /** The graph nodes this step replaces (one for an ordinary op). */
    List<Integer> nodes();

    /** Computes the value from {@code env} (values by id) and stores it there. */
    void run(Tensor[] env);

    /** The op this step applies, or null for a detach step. */
    Op op();

    /** The ids of the values the step reads. */
    int[] args();

    /** What the step is, for plan listings: {@code op}, {@code fused}, {@code dense} or {@code detach}. */
    String kind();

    /** A node of the graph run as it is: its own op, unfused. */
    record Single(Op op, int[] args, int output, int node) implements Step {
        @Override
        public void run(Tensor[] env) {
            env[output] = op.apply(gather(env, args));
        }

        @Override
        public List<Integer> nodes() {
            return List.of(node);
        }

        @Override
        public String kind() {
            return "op";
        }
    }

    /** A chain of elementwise ops (maybe ending in a reduction) run as one generated kernel. */
    record Fused(FusedOp op, int[] args, int output, List<Integer> nodes) implements Step {
        @Override
        public void run(Tensor[] env) {
            env[output] = op.apply(gather(env, args));
        }

        @Override
        public String kind() {
            return "fused";
        }
    }

    /** {@code matmul -> add(bias) -> activation} rewritten to one Dense op (GEMM with epilogue). */
    record Dense(jgrad.ops.nn.Dense op, int[] args, int output, List<Integer> nodes) implements Step {
        @Override
        public void run(Tensor[] env) {
            env[output] = op.apply(gather(env, args));
        }

        @Override
        public String kind() {
            return "dense";
        }
    }

    /** A {@code stopGradient()} copy of another value. */
    record Detach(int source, int output) implements Step {
        @Override
        public void run(Tensor[] env) {
            env[output] = env[source].stopGradient();
        }

        @Override
        public List<Integer> nodes() {
            return List.of();
        }

        @Override
        public Op op() {
            return null;
        }

        @Override
        public int[] args() {
            return new int[] {source};
        }

        @Override
        public String kind() {
            return "detach";
        }
    }

    /** {@code %7 = fused[mul,add,exp](%1, %2, %3)}. */
    static String describe(Step s) {
        StringBuilder sb = new StringBuilder("%").append(s.output()).append(" = ")
                .append(s.op() == null ? "stopGradient" : s instanceof Fused ? s.op().name() : OpKeys.describe(s.op()))
                .append('(');
        int[] a = s.args();
        for (int i = 0; i < a.length; i++) {
            sb.append(i > 0 ? ", %" : "%").append(a[i]);
        }
        return sb.append(')').toString();
    }

    private static Tensor[] gather(Tensor[] env, int[] ids) {
        Tensor[] in = new Tensor[ids.length];
        for (int i = 0; i < ids.length; i++) {
            in[i] = env[ids[i]];
        }
        return in;
    }
}
