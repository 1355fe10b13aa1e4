package jgrad.ops.reduce;

import java.util.Arrays;
import java.util.List;
import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.Reduction;

/**
 * Product over {@code axes} ({@code x.prod(axes, keepDims)}); the product of no elements is 1.
 * Gradient: the product of the other elements, right also where x has zeros: {@code out / x}
 * where x is non-zero, and for a zero entry the product of the rest when it is the only zero of its
 * group (0 when there are more). Written with where, so it is differentiable again; only at two or
 * more exact zeros in one group is the second derivative not exact.
 */
public record Prod(int[] axes, boolean keepDims) implements Op {
    public Prod {
        axes = axes == null ? null : axes.clone();
    }

    @Override
    public String name() {
        return "prod";
    }

    // Records compare array components by identity; axes are compared and printed by value.
    @Override
    public boolean equals(Object o) {
        return o instanceof Prod other && keepDims == other.keepDims && Arrays.equals(axes, other.axes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(axes) + Boolean.hashCode(keepDims);
    }

    @Override
    public String toString() {
        return "prod(axes=" + Arrays.toString(axes) + ", keepDims=" + keepDims + ")";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Tensor x = inputs[0];
        if (x.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("prod: x is bool " + x.shape() + "; cast it to a number first");
        }
        int[] shape = x.shape().dims();
        boolean[] mask = Axes.mask("prod", axes, shape);
        return Tensor.wrap(Reduction.reduce(x, mask, Reduction.Kind.PROD),
                Shape.of(Axes.outShape(shape, mask, keepDims)));
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor x = b.input(0);
        int[] shape = x.shape().dims();
        boolean[] mask = Axes.mask("prod", axes, shape);
        int[] keep = Axes.keepShape(shape, mask);
        Tensor zero = x.scalarLike(0);
        Tensor one = x.scalarLike(1);
        Tensor isZero = x.equal(zero);
        Tensor safe = Tensor.where(isZero, one, x);
        // Where x != 0 the others multiply to out / x, zeros elsewhere included.
        Tensor others = Axes.keep(b.output(), keep).div(safe);
        // A lone zero's others are the product of its group with the zero taken as 1.
        Tensor zeros = isZero.cast(x.dtype()).sum(axes, true);
        Tensor restOfLoneZero = Tensor.where(zeros.equal(one), safe.prod(axes, true), zero);
        Tensor local = Tensor.where(isZero, restOfLoneZero, others);
        return new Tensor[] {Axes.keep(b.grad(), keep).mul(local)};
    }

    public static OpSpec spec() {
        return OpSpec.builder("prod", in -> in.get(0).prod())
                .domain(0.5, 1.5)
                .shapes(new int[0])
                .shapes(new int[] {5})
                .shapes(new int[] {2, 3})
                .shapes(new int[] {0, 3})
                // One exact zero: the gradient at it is the product of the others, everywhere else 0.
                .sample(OpSpec.fixed(Tensor.of(new double[] {1.5, 0, -2, 0.5})))
                .error("prod: x is bool", Tensor.of(new boolean[] {true, false}))
                .build();
    }

    /** {@link #spec()} and per-axis variants (negative axis, keepDims, a zero in one row). */
    public static List<OpSpec> specs() {
        OpSpec axis = OpSpec.builder("prod(axis=-1,keepDims)", in -> in.get(0).prod(new int[] {-1}, true))
                .domain(-1.5, 1.5)
                .shapes(new int[] {4})
                .shapes(new int[] {2, 3})
                .shapes(new int[] {2, 0})
                .sample(OpSpec.fixed(Tensor.of(new double[][] {{1.5, 0, -2}, {0.5, 1.25, -1}})))
                .error("prod: axis -1 is out of range for shape []", Tensor.zeros())
                .build();
        return List.of(spec(), axis);
    }
}
