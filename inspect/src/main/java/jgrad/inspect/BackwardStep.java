package jgrad.inspect;

import java.util.List;
import java.util.Objects;
import jgrad.core.Tensor;

/**
 * One step of the backward pass as {@link Graph#backward} ran it: the op node whose output
 * gradient {@code upstream} is complete, and what its vector-Jacobian product sent to each input.
 *
 * @param number 1 for the first op processed (the one nearest the target)
 * @param nodeId the op output being processed
 * @param upstream {@code g}: the gradient of the target with respect to that output
 * @param terms one per input that receives a gradient, in argument order
 */
public record BackwardStep(int number, String nodeId, Tensor upstream, List<Term> terms) {
    public BackwardStep {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(upstream, "upstream");
        terms = List.copyOf(terms);
    }

    /**
     * What one input received.
     *
     * @param input the argument position
     * @param inputId the input's node id
     * @param raw what the op's vjp returned, shaped like the op's output when it broadcast
     * @param local {@code raw} summed back to the input's shape (equal to raw without broadcasting)
     * @param accumulated the input's gradient after adding {@code local}
     * @param first true if this is the first contribution the input received (nothing was added)
     */
    public record Term(int input, String inputId, Tensor raw, Tensor local, Tensor accumulated, boolean first) {
        public Term {
            Objects.requireNonNull(inputId, "inputId");
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(accumulated, "accumulated");
        }

        /** True if the vjp's result was summed over broadcast axes to fit the input. */
        public boolean reduced() {
            return !raw.shape().equals(local.shape());
        }
    }
}
