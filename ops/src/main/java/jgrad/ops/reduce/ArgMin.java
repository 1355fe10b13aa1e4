package jgrad.ops.reduce;

import jgrad.core.Op;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;

/**
 * Index of the smallest entry along {@code axis} ({@code x.argmin(axis, keepDims)}), int64; the
 * first one on ties, a NaN counts as the smallest (as NumPy). Not differentiable.
 */
public record ArgMin(int axis, boolean keepDims) implements Op {
    @Override
    public String name() {
        return "argmin";
    }

    @Override
    public boolean isDifferentiable() {
        return false;
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        return ArgMax.argReduce("argmin", inputs[0], axis, keepDims, false);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        throw new UnsupportedOperationException("argmin: not differentiable (its output is an index)");
    }

    public static OpSpec spec() {
        return OpSpec.builder("argmin(axis=0,keepDims)", in -> in.get(0).argmin(0, true))
                .notDifferentiable()
                .shapes(new int[] {5})
                .shapes(new int[] {3, 4})
                .shapes(new int[] {4, 0})
                .sample(OpSpec.fixed(Tensor.of(new double[][] {{1, 0}, {1, 2}, {0, 0}})))
                .error("argmin: axis 0 is out of range for shape []", Tensor.zeros())
                .error("argmin: cannot take the argmin over axis 0 of extent 0 in shape [0, 2]", Tensor.zeros(0, 2))
                .build();
    }
}
