package jgrad.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import jgrad.core.DType;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class SyntheticTest {
    @Test
    void blobsSplitSamplesEvenlyAroundTheirCenters() {
        double[][] centers = {{0, 0}, {0.5, 0.1}, {1, 0}};
        Dataset d = Synthetic.blobs(400, centers, 0.15, 1);
        assertThat(d.x().shape().dims()).containsExactly(400, 2);
        assertThat(d.y().dtype()).isEqualTo(DType.INT64);
        assertThat(Labels.classCounts(d.y(), 3)).containsExactly(134, 133, 133);
        for (int k = 0; k < 3; k++) {
            double sx = 0;
            double sy = 0;
            int n = 0;
            for (int i = 0; i < 400; i++) {
                if (d.y().getLong(i) == k) {
                    sx += d.x().getDouble(i, 0);
                    sy += d.x().getDouble(i, 1);
                    n++;
                }
            }
            assertThat(sx / n).isCloseTo(centers[k][0], offset(0.05));
            assertThat(sy / n).isCloseTo(centers[k][1], offset(0.05));
        }
        long[] first = d.y().slice(0, 0, 20).toLongArray();
        assertThat(java.util.Arrays.stream(first).distinct().count()).as("shuffled, not sorted by class").isEqualTo(3);
        assertThat(Synthetic.blobs(400, centers, 0.15, 1).x().contentEquals(d.x())).isTrue();
        assertThat(Synthetic.blobs(400, centers, 0.15, 2).x().contentEquals(d.x())).isFalse();
    }

    @Test
    void moonsAndCirclesLieOnTheirCurvesWithoutNoise() {
        Dataset m = Synthetic.moons(100, 0, 3);
        for (int i = 0; i < 100; i++) {
            double x = m.x().getDouble(i, 0);
            double y = m.x().getDouble(i, 1);
            double r = m.y().getLong(i) == 0 ? Math.hypot(x, y) : Math.hypot(x - 1, y - 0.5);
            assertThat(r).isCloseTo(1, offset(1e-5));
        }
        Dataset c = Synthetic.circles(100, 0, 0.5, 3);
        for (int i = 0; i < 100; i++) {
            double r = Math.hypot(c.x().getDouble(i, 0), c.x().getDouble(i, 1));
            assertThat(r).isCloseTo(c.y().getLong(i) == 0 ? 1 : 0.5, offset(1e-5));
        }
        assertThat(Labels.classCounts(c.y(), 2)).containsExactly(50, 50);
        assertThatThrownBy(() -> Synthetic.circles(10, 0, 1.5, 1)).hasMessageContaining("factor");
    }

    @Test
    void xorCloudsAndTheTruthTable() {
        Dataset d = Synthetic.xor(200, 0.1, 5);
        for (int i = 0; i < 200; i++) {
            int a = d.x().getDouble(i, 0) > 0.5 ? 1 : 0;
            int b = d.x().getDouble(i, 1) > 0.5 ? 1 : 0;
            assertThat(d.y().getLong(i)).isEqualTo(a ^ b);
        }
        Dataset t = Synthetic.xorTable();
        assertThat(t.y().toFloatArray()).containsExactly(0, 1, 1, 0);
    }

    @Test
    void regressionSetsFollowTheirFunctions() {
        Dataset lin = Synthetic.linear(2000, 0.5, 0.3, 0.5, 0.2, 7);
        assertThat(lin.x().shape().dims()).containsExactly(2000, 1);
        // Least squares on the noisy line recovers slope and intercept.
        double[] x = lin.x().toDoubleArray();
        double[] y = lin.y().toDoubleArray();
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        assertThat(sxy / sxx).isCloseTo(0.5, offset(0.03));
        assertThat(my - sxy / sxx * mx).isCloseTo(0.3, offset(0.03));

        Dataset sine = Synthetic.sine(500, 2, 0, 9);
        for (int i = 0; i < 500; i++) {
            double xi = sine.x().getDouble(i, 0);
            assertThat(xi).isBetween(0.0, 1.0);
            assertThat(sine.y().getDouble(i, 0)).isCloseTo(2 * Math.sin(2 * Math.PI * xi), offset(1e-5));
        }
        Tensor noisy = Synthetic.sine(500, 2, 0.8, 9).y();
        assertThat(noisy.contentEquals(sine.y())).isFalse();
    }

    @Test
    void rejectsTooFewSamples() {
        assertThatThrownBy(() -> Synthetic.blobs(2, new double[][] {{0}, {1}, {2}}, 0.1, 1))
                .hasMessageContaining("n = 2 is fewer than the 3 groups");
        assertThatThrownBy(() -> Synthetic.blobs(10, new double[][] {{0}, {1, 2}}, 0.1, 1))
                .hasMessageContaining("coordinates");
        assertThatThrownBy(() -> Synthetic.blobs(10, new double[][] {{0}}, -1, 1)).hasMessageContaining("std");
        assertThatThrownBy(() -> Synthetic.moons(1, 0, 1)).hasMessageContaining("fewer than");
    }
}
