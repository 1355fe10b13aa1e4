package jgrad.ops.math;

import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Elementwise;
import jgrad.ops.kernels.Elementwise.Comparison;

/**
 * An elementwise comparison (equal, notEqual, less, lessEqual, greater, greaterEqual) with
 * broadcasting, giving a bool tensor. Works on every dtype (bool compares {@code false < true}); IEEE rules
 * for NaN, which equals nothing. Not differentiable: its output is a mask.
 */
public record Compare(Comparison kind) implements Op {
    public Compare {
        java.util.Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String name() {
        return switch (kind) {
            case EQ -> "equal";
            case NE -> "notEqual";
            case LT -> "less";
            case LE -> "lessEqual";
            case GT -> "greater";
            case GE -> "greaterEqual";
        };
    }

    @Override
    public boolean isDifferentiable() {
        return false;
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Checks.sameDtype(name(), inputs[0], inputs[1]);
        Shape out = Checks.broadcast(name(), inputs[0], inputs[1]);
        return Elementwise.compare(kind, inputs[0], inputs[1], out);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        return new Tensor[b.inputCount()];
    }

    /** The spec of one comparison. */
    public static OpSpec spec(Comparison kind) {
        Compare op = new Compare(kind);
        String name = op.name();
        return OpSpec.builder(name, in -> op.apply(in.get(0), in.get(1)))
                .notDifferentiable()
                .shapes(new int[] {2, 3}, new int[] {2, 3})
                .shapes(new int[0], new int[0])
                .shapes(new int[] {3, 1}, new int[] {1, 4})
                .shapes(new int[] {2, 3}, new int[0])
                .shapes(new int[] {0, 3}, new int[] {3})
                // Ties and NaN, where the six comparisons differ most.
                .sample(OpSpec.fixed(Tensor.of(new double[] {1, 2, Double.NaN, -0.0})),
                        OpSpec.fixed(Tensor.of(new double[] {1, 3, Double.NaN, 0.0})))
                .sample(OpSpec.fixed(Tensor.of(new long[] {1, 5, -3})), OpSpec.fixed(Tensor.of(2L)))
                .sample(OpSpec.fixed(Tensor.of(new boolean[] {true, false})), OpSpec.fixed(Tensor.of(true)))
                .error(name + ": cannot broadcast x [2, 3] with y [4]", Tensor.zeros(2, 3), Tensor.zeros(4))
                .error(name + ": dtype mismatch: x is float32 [2], y is int64 [2]", Tensor.zeros(2),
                        Tensor.zeros(DType.INT64, 2))
                .build();
    }
}
