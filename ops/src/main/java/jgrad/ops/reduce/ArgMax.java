package jgrad.ops.reduce;

import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Reduction;

/**
 * Index of the largest entry along {@code axis} ({@code x.argmax(axis, keepDims)}), int64; the
 * first one on ties, a NaN counts as the largest (as NumPy). Not differentiable: indices have no
 * gradient.
 */
public record ArgMax(int axis, boolean keepDims) implements Op {
    @Override
    public String name() {
        return "argmax";
    }

    @Override
    public boolean isDifferentiable() {
        return false;
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        return argReduce("argmax", inputs[0], axis, keepDims, true);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        throw new UnsupportedOperationException("argmax: not differentiable (its output is an index)");
    }

    /** The shared forward of argmax and argmin. */
    static Tensor argReduce(String op, Tensor x, int axis, boolean keepDims, boolean max) {
        if (x.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(op + ": x is bool " + x.shape() + "; cast it to a number first");
        }
        int[] shape = x.shape().dims();
        int a = Axes.normalize(op, axis, shape);
        boolean[] mask = new boolean[shape.length];
        mask[a] = true;
        int[] out = Axes.outShape(shape, mask, keepDims);
        if (shape[a] == 0 && Shape.of(out).size() > 0) {
            throw new IllegalArgumentException(op + ": cannot take the " + op + " over axis " + axis
                    + " of extent 0 in shape " + Arrays.toString(shape));
        }
        return Tensor.wrap(Reduction.argReduce(x, a, max), Shape.of(out));
    }

    public static OpSpec spec() {
        return OpSpec.builder("argmax", in -> in.get(0).argmax(-1))
                .notDifferentiable()
                .shapes(new int[] {5})
                .shapes(new int[] {3, 4})
                .shapes(new int[] {0, 4})
                .sample(OpSpec.fixed(Tensor.of(new double[][] {{1, 3, 3}, {2, 0, 2}})))
                .sample(OpSpec.fixed(Tensor.of(new long[][] {{4, 9, 1}, {7, 7, 7}})))
                .error("argmax: axis -1 is out of range for shape []", Tensor.zeros())
                .error("argmax: cannot take the argmax over axis -1 of extent 0 in shape [3, 0]", Tensor.zeros(3, 0))
                .error("argmax: x is bool", Tensor.of(new boolean[] {true}))
                .build();
    }
}
