package jgrad.ops.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.Function;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;

/**
 * Checks for linear ops that need no other op group: every shape op is linear (or affine, with
 * constant inputs) in its float input, so its vjp must be the adjoint of the linear part
 * {@code L x = op(x) - op(0)}: {@code <L x, v> = <x, L^T v>}; and the vjp of the vjp must be L. Dot products are taken on Java arrays, so no math or reduction op is involved.
 */
final class ShapeTestSupport {
    private ShapeTestSupport() {}

    static Tensor random(long seed, int... shape) {
        return Tensor.randomUniform(new Rng(seed), DType.FLOAT64, -1, 1, shape);
    }

    /** The gradient of {@code op} at x for the output gradient v (one backward pass). */
    static Tensor vjp(Function<Tensor, Tensor> op, Tensor x, Tensor v) {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = op.apply(x);
            return tape.gradient(y, List.of(x), v, UnconnectedGradients.ZERO).get(0);
        }
    }

    /**
     * Asserts that op's gradient is its adjoint at a random x, and that the gradient of that
     * gradient with respect to the output gradient is op itself (grad-of-grad through the vjp ops).
     */
    static void assertAdjoint(Function<Tensor, Tensor> op, int... xShape) {
        Tensor x = random(1, xShape);
        Tensor y = op.apply(x);
        Tensor y0 = op.apply(Tensor.zeros(DType.FLOAT64, xShape));
        Tensor v = random(2, y.shape().dims());
        Tensor g = vjp(op, x, v);
        assertThat(g.shape()).isEqualTo(x.shape());
        assertThat(g.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(dot(x, g)).as("<x, vjp(v)> = <L x, v>").isCloseTo(dot(y, v) - dot(y0, v), within(1e-12));

        Tensor w = random(3, xShape);
        Tensor second;
        try (GradientTape outer = new GradientTape()) {
            outer.watch(v);
            Tensor gv;
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                Tensor yy = op.apply(x);
                gv = inner.gradient(yy, List.of(x), v, UnconnectedGradients.ZERO).get(0);
            }
            second = outer.gradient(gv, List.of(v), w, UnconnectedGradients.ZERO).get(0);
        }
        double[] lw = op.apply(w).toDoubleArray();
        double[] l0 = y0.toDoubleArray();
        for (int i = 0; i < lw.length; i++) {
            lw[i] -= l0[i];
        }
        assertThat(second.toDoubleArray()).as("d<vjp(v), w>/dv = L w").containsExactly(lw);
    }

    static double dot(Tensor a, Tensor b) {
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        assertThat(x).hasSameSizeAs(y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** 0, 1, 2, ... as a float64 tensor of the shape. */
    static Tensor iota(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return Tensor.fromFlat(v, shape);
    }
}
