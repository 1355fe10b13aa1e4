package jgrad.ops.nn;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class CrossEntropyKernelTest {
    private static final int[] CLASSES = {1, 15, 17, 63, 65, 1000};

    @Test
    void vectorRowsEqualTheScalarReferenceAndTheComposedOps() {
        Rng rng = new Rng(7);
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            double tol = dt == DType.FLOAT32 ? 2e-5 : 1e-12;
            for (int n : CLASSES) {
                Tensor z = Tensor.randomNormal(rng, dt, 0, 3, 5, n);
                Tensor t = Tensor.randomUniform(rng, dt, 0, 1, 5, n);
                Tensor g = Tensor.randomNormal(rng, dt, 0, 1, 5);
                long[] idx = new long[5];
                for (int i = 0; i < 5; i++) {
                    idx[i] = (i * 7L + 3) % n;
                }
                Tensor labels = Tensor.of(idx);
                Tensor composed = t.mul(z.logSoftmax(-1)).sum(new int[] {1}, false).neg();
                Tensor composedGrad = z.softmax(-1).mul(t.sum(new int[] {1}, true)).sub(t).mul(g.unsqueeze(-1));
                Tensor oneHot = labels.oneHot(n).cast(dt);
                Tensor sparse = oneHot.mul(z.logSoftmax(-1)).sum(new int[] {1}, false).neg();
                Tensor sparseGrad = z.softmax(-1).sub(oneHot).mul(g.unsqueeze(-1));
                for (boolean vector : new boolean[] {true, false}) {
                    String what = dt + " classes " + n + " vector " + vector;
                    assertThat(CrossEntropyKernel.loss(t, z, vector).allClose(composed, tol, tol)).as(what).isTrue();
                    assertThat(CrossEntropyKernel.gradient(t, z, g, vector).allClose(composedGrad, tol, tol)).as(what)
                            .isTrue();
                    assertThat(CrossEntropyKernel.loss(labels, z, vector).allClose(sparse, tol, tol)).as(what).isTrue();
                    assertThat(CrossEntropyKernel.gradient(labels, z, g, vector).allClose(sparseGrad, tol, tol))
                            .as(what).isTrue();
                }
            }
        }
    }

    @Test
    void stridedLogitsAreReadInPlaceOrder() {
        Rng rng = new Rng(8);
        Tensor z = Tensor.randomNormal(rng, 0, 1, 20, 6).transpose();
        Tensor t = Tensor.randomUniform(rng, 0, 1, 6, 20);
        Tensor want = t.mul(z.logSoftmax(-1)).sum(new int[] {1}, false).neg();
        assertThat(CrossEntropyKernel.loss(t, z, true).allClose(want, 1e-5, 1e-5)).isTrue();
    }

    @Test
    void largeLogitsStayFiniteAndParallelRowsRepeatExactly() {
        Tensor z = Tensor.of(new float[][] {{1000, -5, 999}, {-1000, -1001, -999}});
        Tensor t = Tensor.of(new float[][] {{0, 0, 1}, {1, 0, 0}});
        float[] loss = CrossEntropyKernel.loss(t, z, true).toFloatArray();
        assertThat(loss[0]).isCloseTo(1.3132616f, org.assertj.core.api.Assertions.within(1e-5f));
        assertThat(loss[1]).isCloseTo(1.4076059f, org.assertj.core.api.Assertions.within(1e-5f));
        Rng rng = new Rng(9);
        Tensor big = Tensor.randomNormal(rng, 0, 2, 4096, 33);
        Tensor labels = Tensor.randomUniform(rng, 0, 1, 4096, 33);
        // Exact repeats on the scalar path: the Vector API's exp runs lane by lane through Math.exp until
        // C2 compiles the loop and then through the JIT's own routine, which may differ in the last bit,
        // so the vector path repeats to within rounding; the threads' split must never matter.
        Tensor first = CrossEntropyKernel.gradient(labels, big, Tensor.ones(4096), false);
        for (int r = 0; r < 5; r++) {
            assertThat(CrossEntropyKernel.gradient(labels, big, Tensor.ones(4096), false).contentEquals(first)).isTrue();
            assertThat(CrossEntropyKernel.gradient(labels, big, Tensor.ones(4096), true).allClose(first, 1e-6, 1e-6))
                    .isTrue();
        }
    }
}
