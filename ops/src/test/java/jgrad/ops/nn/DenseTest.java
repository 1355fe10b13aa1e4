package jgrad.ops.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.Epilogue.Activation;
import org.junit.jupiter.api.Test;

class DenseTest {
    @Test
    void equalsMatmulAddActivationWithTheSameGradients() {
        Rng rng = new Rng(1);
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            double tol = dt == DType.FLOAT32 ? 2e-4 : 1e-10;
            // An MLP layer's shape (the blocked GEMM path) and a small one.
            for (int[] s : new int[][] {{64, 784, 128}, {5, 3, 2}}) {
                Tensor x = Tensor.randomNormal(rng, dt, 0, 1, s[0], s[1]);
                Tensor w = Tensor.randomNormal(rng, dt, 0, 0.05, s[1], s[2]);
                Tensor b = Tensor.randomNormal(rng, dt, 0, 0.1, s[2]);
                Tensor g = Tensor.randomNormal(rng, dt, 0, 1, s[0], s[2]);
                for (Activation act : Activation.values()) {
                    List<Tensor> fused;
                    Tensor yFused;
                    try (GradientTape tape = new GradientTape()) {
                        tape.watch(x, w, b);
                        yFused = Dense.dense(x, w, b, act);
                        fused = tape.gradient(yFused, List.of(x, w, b), g, jgrad.core.UnconnectedGradients.ZERO);
                    }
                    List<Tensor> composed;
                    Tensor yComposed;
                    try (GradientTape tape = new GradientTape()) {
                        tape.watch(x, w, b);
                        yComposed = act.apply(x.matmul(w).add(b));
                        composed = tape.gradient(yComposed, List.of(x, w, b), g, jgrad.core.UnconnectedGradients.ZERO);
                    }
                    assertThat(yFused.allClose(yComposed, tol, tol)).as("%s %s forward", dt, act).isTrue();
                    for (int i = 0; i < 3; i++) {
                        assertThat(fused.get(i).allClose(composed.get(i), tol, tol)).as("%s %s gradient %d", dt, act, i)
                                .isTrue();
                    }
                }
            }
        }
    }

    @Test
    void actsOnTheLastAxisOfAnyRankWithOrWithoutBias() {
        Rng rng = new Rng(2);
        Tensor x = Tensor.randomNormal(rng, 0, 1, 2, 3, 4);
        Tensor w = Tensor.randomNormal(rng, 0, 1, 4, 5);
        Tensor y = Dense.dense(x, w, null, Activation.RELU);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3, 5));
        assertThat(y.allClose(x.matmul(w).relu(), 1e-5, 1e-5)).isTrue();
        Tensor v = Tensor.randomNormal(rng, 0, 1, 4);
        assertThat(Dense.dense(v, w, null, Activation.LINEAR).shape()).isEqualTo(Shape.of(5));
    }

    @Test
    void recordsOneOpOnTheTape() {
        Tensor x = Tensor.ones(2, 3);
        Tensor w = Tensor.ones(3, 2);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Dense.dense(x, w, Tensor.zeros(2), Activation.SIGMOID);
            assertThat(tape.operations()).hasSize(1);
            assertThat(tape.operations().get(0).op()).isEqualTo(new Dense(Activation.SIGMOID));
        }
    }
}
