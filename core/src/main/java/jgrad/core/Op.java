package jgrad.core;

/**
 * One differentiable operation: a forward computation and its vector-Jacobian product. The
 * analogue of a JAX primitive with its differentiation rule, or a row of PyTorch's
 * derivatives.yaml. An Op instance carries its attributes (axes, alpha, ...): write ops as small
 * records, one per file.
 *
 * <p>{@link #vjp} must be written with other ops (Tensor methods), never raw loops over storage,
 * so that a gradient can itself be differentiated by an outer {@link GradientTape}. The engine
 * reduces a broadcast gradient back to its input's shape, so {@code add} may return the output
 * gradient unchanged for both inputs.
 *
 * <pre>{@code
 * record Cube() implements Op {
 *     public String name() { return "cube"; }
 *     public Tensor forward(Tensor... x) { return x[0].mul(x[0]).mul(x[0]); } // or a kernel
 *     public Tensor[] vjp(Backward b) {
 *         return new Tensor[] {b.grad().mul(b.input(0).square().mul(3))};
 *     }
 * }
 * Tensor y = new Cube().apply(x);
 * }</pre>
 */
public interface Op {
    /** Short lower-case name used in error messages, graphs and the registry ({@code "matmul"}). */
    String name();

    /**
     * Computes the output. Runs with recording paused: Tensor methods called here are not recorded
     * separately. Must validate its inputs and fail with a message naming the op, the argument and
     * the shapes.
     */
    Tensor forward(Tensor... inputs);

    /**
     * The gradient of the loss with respect to each input, given the gradient of the output: one
     * entry per input, {@code null} where {@link Backward#needsGrad(int)} is false or the input is
     * not differentiable (indices, conditions).
     */
    Tensor[] vjp(Backward backward);

    /**
     * False for ops like round or argmax: the tape records them, and asking for a gradient through
     * them fails with a {@link NotDifferentiableException} that names the op.
     */
    default boolean isDifferentiable() {
        return true;
    }

    /** Runs this op on the inputs, recording it on every tape that watches one of them. */
    default Tensor apply(Tensor... inputs) {
        return Engine.apply(this, inputs);
    }

    /** What a vector-Jacobian product needs: the output's gradient, the inputs and the output. */
    record Backward(Tensor grad, Tensor[] inputs, Tensor output, boolean[] needsGradMask) {
        public Tensor input(int i) {
            return inputs[i];
        }

        public boolean needsGrad(int i) {
            return needsGradMask[i];
        }

        public int inputCount() {
            return inputs.length;
        }
    }
}
