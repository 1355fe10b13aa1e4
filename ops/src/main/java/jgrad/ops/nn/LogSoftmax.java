package jgrad.ops.nn;

import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;

/**
 * Log-softmax along one axis, {@code x - logSumExp(x)}, as a single op: the fused kernel computes
 * {@code (x - max) - log(sum(exp(x - max)))}, exact for large logits, and the vjp is
 * {@code g - exp(y) * sum(g)}. The stable building block of cross-entropy from logits.
 */
public record LogSoftmax(int axis) implements Op {
    @Override
    public String name() {
        return "logSoftmax";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Tensor x = inputs[0];
        NeuralChecks.requireFloating("logSoftmax", "x", x);
        int a = NeuralChecks.rowAxis("logSoftmax", axis, x.rank());
        if (x.rank() == 0) {
            return Tensor.scalar(0, x.dtype());
        }
        return SoftmaxKernel.run(x, a, true);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor y = b.output();
        Tensor g = b.grad();
        if (y.rank() == 0) {
            return new Tensor[] {g.mul(0)}; // a constant 0: zero gradient, still on the tape for grad-of-grad
        }
        int a = Shape.normalizeAxis(axis, y.rank(), "logSoftmax");
        return new Tensor[] {g.sub(y.exp().mul(g.sum(new int[] {a}, true)))};
    }

    /** Log-softmax over the last axis (the registry also lists {@code spec(0)}). */
    public static OpSpec spec() {
        return spec(-1);
    }

    public static OpSpec spec(int axis) {
        OpSpec.Builder b = OpSpec.builder(axis == -1 ? "logSoftmax" : "logSoftmax(axis=" + axis + ")",
                in -> in.get(0).logSoftmax(axis));
        if (axis == -1) {
            b.shapes(new int[0])
                    .shapes(new int[] {4})
                    .shapes(new int[] {3, 2})
                    .shapes(new int[] {0, 4})
                    // Large logits: a naive log(softmax) gives -inf or NaN here.
                    .sample(OpSpec.fixed(Tensor.of(new double[] {-1000, 1000, 999})));
        } else {
            b.shapes(new int[] {3, 2}).shapes(new int[] {2, 2, 3}).shapes(new int[] {0, 2});
        }
        b.error("must be float32 or float64", Tensor.of(new long[] {1, 2}));
        if (axis >= 1) {
            b.error("logSoftmax: axis " + axis + " is out of range for rank 1", Tensor.zeros(3));
        }
        return b.build();
    }
}
