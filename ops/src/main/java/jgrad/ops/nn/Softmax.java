package jgrad.ops.nn;

import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;

/**
 * Softmax along one axis as a single op: a fused kernel that subtracts the row max before
 * exponentiating (so no exp overflows), and the vjp {@code y * (g - sum(g * y))}.
 * A scalar is a one-element row: its softmax is 1.
 */
public record Softmax(int axis) implements Op {
    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Tensor x = inputs[0];
        NeuralChecks.requireFloating("softmax", "x", x);
        int a = NeuralChecks.rowAxis("softmax", axis, x.rank());
        if (x.rank() == 0) {
            return Tensor.scalar(1, x.dtype());
        }
        return SoftmaxKernel.run(x, a, false);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor y = b.output();
        Tensor g = b.grad();
        if (y.rank() == 0) {
            return new Tensor[] {g.mul(0)}; // a constant 1: zero gradient, still on the tape for grad-of-grad
        }
        int a = Shape.normalizeAxis(axis, y.rank(), "softmax");
        Tensor gy = g.mul(y);
        return new Tensor[] {gy.sub(y.mul(gy.sum(new int[] {a}, true)))};
    }

    /** Softmax over the last axis (the registry also lists {@code spec(1)}). */
    public static OpSpec spec() {
        return spec(-1);
    }

    public static OpSpec spec(int axis) {
        OpSpec.Builder b = OpSpec.builder(axis == -1 ? "softmax" : "softmax(axis=" + axis + ")",
                in -> in.get(0).softmax(axis));
        if (axis == -1) {
            b.shapes(new int[0])
                    .shapes(new int[] {5})
                    .shapes(new int[] {2, 3})
                    .shapes(new int[] {0, 3})
                    .shapes(new int[] {2, 0})
                    // Large logits: exp(1000) overflows, softmax must not.
                    .sample(OpSpec.fixed(Tensor.of(new double[] {1000, 1001, 999})));
        } else {
            b.shapes(new int[] {2, 3, 4}).shapes(new int[] {3, 2}).shapes(new int[] {1, 0, 2});
        }
        b.error("must be float32 or float64", Tensor.of(new long[] {1, 2}));
        if (axis != -1) {
            b.error("softmax: axis " + axis + " is out of range for rank 1", Tensor.zeros(3));
        }
        return b.build();
    }
}
