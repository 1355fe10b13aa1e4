package jgrad.ops.reduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.check.GradCheck;
import org.junit.jupiter.api.Test;

class ProdTest {
    @Test
    void productsOverAxes() {
        Tensor x = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(x.prod().item()).isEqualTo(720);
        assertThat(x.prod(new int[] {0}, false).toFloatArray()).containsExactly(4, 10, 18);
        assertThat(Tensor.zeros(2, 0).prod(new int[] {1}, false).toFloatArray()).containsExactly(1, 1);
    }

    @Test
    void gradientIsTheProductOfTheOthers() {
        assertThat(grad(new double[] {2, 3, 4})).containsExactly(12, 8, 6);
        // One zero: only the zero has a non-zero gradient, the product of the rest.
        assertThat(grad(new double[] {2, 0, 4})).containsExactly(0, 8, 0);
        // Two zeros: every product of the others contains a zero.
        assertThat(grad(new double[] {0, 3, 0})).containsExactly(0, 0, 0);
    }

    @Test
    void gradientIsFiniteAndCheckedAtZeros() {
        Tensor x = Tensor.of(new double[][] {{1.5, 0, -2}, {0, 0, 3}, {0.5, 2, 1}});
        GradCheck.check(in -> in.get(0).prod(new int[] {1}, false), List.of(x)).assertPassed();
    }

    @Test
    void secondDerivativeWithoutZeros() {
        // d2/dx0 dx1 of x0*x1*x2 is x2.
        Tensor x = Tensor.of(new double[] {2, 3, 4});
        try (GradientTape outer = new GradientTape()) {
            outer.watch(x);
            Tensor g;
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                g = inner.gradient(x.prod(), x);
            }
            Tensor h = outer.gradient(g.slice(0, 0, 1).sum(), x);
            assertThat(h.toDoubleArray()).containsExactly(new double[] {0, 4, 3}, within(1e-12));
        }
    }

    private static double[] grad(double[] v) {
        Tensor x = Tensor.of(v);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            return tape.gradient(x.prod(), x).toDoubleArray();
        }
    }
}
