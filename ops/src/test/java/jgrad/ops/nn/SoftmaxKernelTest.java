package jgrad.ops.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The softmax kernel's Vector API rows against its scalar reference, and its strided path. */
class SoftmaxKernelTest {
    private static float[] randomFloats(int n, long seed, double scale) {
        Rng rng = new Rng(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * (2 * rng.nextDouble() - 1));
        }
        return v;
    }

    private static double[] randomDoubles(int n, long seed, double scale) {
        Rng rng = new Rng(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * (2 * rng.nextDouble() - 1);
        }
        return v;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 15, 17, 63, 65, 1000})
    void vectorRowsMatchScalarRowsFloat(int n) {
        for (boolean log : new boolean[] {false, true}) {
            // An offset in both arrays, so the loops' start indices are exercised too.
            float[] x = randomFloats(n + 3, n, 20);
            float[] scalar = new float[n + 2];
            float[] vector = new float[n + 2];
            SoftmaxKernel.rowScalar(x, 3, 1, scalar, 2, 1, n, log);
            SoftmaxKernel.rowVector(x, 3, vector, 2, n, log);
            for (int i = 2; i < n + 2; i++) {
                assertThat(vector[i]).as("n=%d log=%b i=%d", n, log, i)
                        .isCloseTo(scalar[i], within(5e-6f * Math.max(1, Math.abs(scalar[i]))));
            }
            assertThat(vector[0]).isZero();
            assertThat(vector[1]).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 15, 17, 63, 65, 1000})
    void vectorRowsMatchScalarRowsDouble(int n) {
        for (boolean log : new boolean[] {false, true}) {
            double[] x = randomDoubles(n + 1, n, 20);
            double[] scalar = new double[n];
            double[] vector = new double[n];
            SoftmaxKernel.rowScalar(x, 1, 1, scalar, 0, 1, n, log);
            SoftmaxKernel.rowVector(x, 1, vector, 0, n, log);
            for (int i = 0; i < n; i++) {
                assertThat(vector[i]).isCloseTo(scalar[i], within(1e-14 * Math.max(1, Math.abs(scalar[i]))));
            }
        }
    }

    @Test
    void scalarRowAgreesWithTheDefinition() {
        double[] x = {2, 3, 1};
        double[] y = new double[3];
        SoftmaxKernel.rowScalar(x, 0, 1, y, 0, 1, 3, false);
        double sum = Math.exp(2) + Math.exp(3) + Math.exp(1);
        assertThat(y).containsExactly(new double[] {Math.exp(2) / sum, Math.exp(3) / sum, Math.exp(1) / sum},
                within(1e-15));
        SoftmaxKernel.rowScalar(x, 0, 1, y, 0, 1, 3, true);
        assertThat(y[1]).isCloseTo(3 - Math.log(sum), within(1e-15));
    }

    @Test
    void hugeLogitsNeitherOverflowNorLoseDigits() {
        float[] x = {1000f, 1001f, 999f, -1000f, 88.8f, 89f, 90f, 1002f, 1000f, 1000f, 1000f, 1000f, 1000f, 1000f,
            1000f, 1000f, 1000f};
        for (boolean vector : new boolean[] {false, true}) {
            float[] y = new float[x.length];
            if (vector) {
                SoftmaxKernel.rowVector(x, 0, y, 0, x.length, true);
            } else {
                SoftmaxKernel.rowScalar(x, 0, 1, y, 0, 1, x.length, true);
            }
            for (float v : y) {
                assertThat(v).isFinite().isLessThanOrEqualTo(0f);
            }
            assertThat(y[3]).isLessThan(-1900f);
        }
    }

    @Test
    void stridedRowsOfAView() {
        // A [4, 3] view reading a row-major [3, 4] buffer transposed: softmax over the view's last axis
        // walks the buffer with stride 4.
        double[] data = randomDoubles(12, 5, 3);
        Tensor base = Tensor.fromFlat(data, 3, 4);
        Tensor view = Tensor.view(base, Shape.of(4, 3), new int[] {1, 4}, 0);
        Tensor y = SoftmaxKernel.run(view, 1, false);
        for (int r = 0; r < 4; r++) {
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += Math.exp(data[c * 4 + r]);
            }
            for (int c = 0; c < 3; c++) {
                assertThat(y.getDouble(r, c)).isCloseTo(Math.exp(data[c * 4 + r]) / sum, within(1e-14));
            }
        }
        // The same along axis 0 of the dense buffer: rows of length 3 with stride 4.
        Tensor y0 = SoftmaxKernel.run(base, 0, true);
        for (int c = 0; c < 4; c++) {
            double sum = 0;
            for (int r = 0; r < 3; r++) {
                sum += Math.exp(data[r * 4 + c]);
            }
            for (int r = 0; r < 3; r++) {
                assertThat(y0.getDouble(r, c)).isCloseTo(data[r * 4 + c] - Math.log(sum), within(1e-14));
            }
        }
    }

    @Test
    void middleAxisOfARank3Tensor() {
        float[] data = randomFloats(24, 9, 4);
        Tensor x = Tensor.fromFlat(data, 2, 3, 4);
        Tensor y = SoftmaxKernel.run(x, 1, false);
        for (int a = 0; a < 2; a++) {
            for (int c = 0; c < 4; c++) {
                double sum = 0;
                for (int b = 0; b < 3; b++) {
                    sum += y.getDouble(a, b, c);
                }
                assertThat(sum).isCloseTo(1, within(1e-6));
            }
        }
        assertThat(y.getDouble(1, 2, 3)).isCloseTo(Math.exp(data[23]) / (Math.exp(data[15]) + Math.exp(data[19])
                + Math.exp(data[23])), within(1e-6));
    }

    @Test
    void emptyTensors() {
        assertThat(SoftmaxKernel.run(Tensor.zeros(0, 3), 1, false).shape()).isEqualTo(Shape.of(0, 3));
        assertThat(SoftmaxKernel.run(Tensor.zeros(2, 0), 1, true).shape()).isEqualTo(Shape.of(2, 0));
    }
}
