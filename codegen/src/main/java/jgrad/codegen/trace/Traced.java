package jgrad.codegen.trace;

import java.util.List;
import jgrad.core.Tensor;

/**
 * One traced run of a function: the captured {@link Graph} (null when the run could not be
 * captured, {@link #failure()} saying why), the outputs the run computed (ordinary eager results,
 * recorded on the caller's tapes when the trace was made on them), and the tensor each graph value
 * had in this run (by value id; empty without a graph), so a plan's groups can be shown on the
 * run's own tensors (graph pictures of module inspect).
 */
public record Traced(Graph graph, Tensor[] outputs, String failure, List<Tensor> tensors) {
    public Traced {
        tensors = List.copyOf(tensors);
    }

    /** True if a graph was captured. */
    public boolean captured() {
        return graph != null;
    }
}
