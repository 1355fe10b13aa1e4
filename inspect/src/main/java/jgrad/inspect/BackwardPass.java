package jgrad.inspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jgrad.core.GradientTape;
import jgrad.core.NotDifferentiableException;
import jgrad.core.Op;
import jgrad.core.Scope;
import jgrad.core.Tensor;

/**
 * Runs the backward pass over a {@link Graph}'s recorded ops the way {@link GradientTape} does:
 * in reverse recording order, each op's {@code vjp} gets its output's finished gradient, broadcast
 * gradients are summed back to their input's shape, contributions to one input are added. Unlike
 * the tape it keeps every node's gradient and every step, for drawings and the explainer.
 */
record BackwardPass(Map<String, Tensor> gradients, List<BackwardStep> steps) {

    @SuppressWarnings("try") // the scope pauses recording; its variable is not otherwise used
    static BackwardPass run(Graph graph, Node target) {
        Map<String, Tensor> grads = new HashMap<>();
        grads.put(target.id(), Tensor.onesLike(target.value()));
        List<BackwardStep> steps = new ArrayList<>();
        List<Graph.Recorded> recorded = graph.recorded();
        // No tape open on this thread may record the replay: it would grow the graph being explained.
        try (Scope quiet = GradientTape.noGrad()) {
            for (int i = recorded.size() - 1; i >= 0; i--) {
                Graph.Recorded r = recorded.get(i);
                Tensor g = grads.get(r.nodeId());
                if (g == null) {
                    continue;
                }
                Tensor[] inputs = r.inputs();
                boolean[] needs = new boolean[inputs.length];
                boolean any = false;
                for (int j = 0; j < inputs.length; j++) {
                    needs[j] = inputs[j].dtype().isFloating() && graph.isDifferentiable(graph.node(r.inputIds()[j]));
                    any |= needs[j];
                }
                if (!any) {
                    continue;
                }
                Op op = r.op();
                if (!op.isDifferentiable()) {
                    throw new NotDifferentiableException("backward: op '" + op.name() + "' (node " + r.nodeId()
                            + ") is not differentiable, but the target " + target.id() + " '" + target.name()
                            + "' depends on an input of it that takes a gradient");
                }
                Tensor[] raw = op.vjp(new Op.Backward(g, inputs.clone(), r.output(), needs));
                if (raw == null || raw.length != inputs.length) {
                    throw new IllegalStateException("op '" + op.name() + "': vjp returned "
                            + (raw == null ? "null" : raw.length + " gradients") + " for " + inputs.length + " inputs");
                }
                List<BackwardStep.Term> terms = new ArrayList<>();
                for (int j = 0; j < inputs.length; j++) {
                    if (!needs[j] || raw[j] == null) {
                        continue;
                    }
                    Tensor local = sumTo(op, j, raw[j], inputs[j]);
                    String inputId = r.inputIds()[j];
                    Tensor prev = grads.get(inputId);
                    Tensor acc = prev == null ? local : prev.add(local);
                    grads.put(inputId, acc);
                    terms.add(new BackwardStep.Term(j, inputId, raw[j], local, acc, prev == null));
                }
                steps.add(new BackwardStep(steps.size() + 1, r.nodeId(), g, terms));
            }
        }
        return new BackwardPass(Map.copyOf(grads), List.copyOf(steps));
    }

    /**
     * Sums a gradient shaped like a broadcast result over the axes broadcasting added or stretched,
     * giving the input's shape (the engine's rule, which every op relies on).
     */
    static Tensor sumTo(Op op, int input, Tensor grad, Tensor target) {
        int[] gs = grad.shape().dims();
        int[] ts = target.shape().dims();
        if (Arrays.equals(gs, ts)) {
            return grad;
        }
        int lead = gs.length - ts.length;
        if (lead < 0) {
            throw mismatch(op, input, grad, target);
        }
        int[] axes = new int[gs.length];
        int count = 0;
        for (int i = 0; i < gs.length; i++) {
            if (i < lead) {
                axes[count++] = i;
            } else if (ts[i - lead] == 1 && gs[i] != 1) {
                axes[count++] = i;
            } else if (ts[i - lead] != gs[i]) {
                throw mismatch(op, input, grad, target);
            }
        }
        Tensor r = count == 0 ? grad : grad.sum(Arrays.copyOf(axes, count), true);
        return r.reshape(ts);
    }

    private static IllegalStateException mismatch(Op op, int input, Tensor grad, Tensor target) {
        return new IllegalStateException("op '" + op.name() + "': its vjp returned a gradient of shape " + grad.shape()
                + " for input " + input + ", which does not reduce to the input's shape " + target.shape());
    }
}
