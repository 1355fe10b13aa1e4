package jgrad.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class MovingDigitsTest {
    /** Random blobs standing in for MNIST digits: [m, 28, 28] in [0, 1], never all zero. */
    private static Tensor digits(int m, long seed) {
        Rng rng = new Rng(seed);
        float[] v = new float[m * 784];
        for (int i = 0; i < m; i++) {
            int r0 = 4 + rng.nextInt(10);
            int c0 = 4 + rng.nextInt(10);
            for (int r = r0; r < r0 + 10; r++) {
                for (int c = c0; c < c0 + 8; c++) {
                    v[i * 784 + r * 28 + c] = (float) rng.nextDouble();
                }
            }
        }
        return Tensor.fromFlat(v, m, 28, 28);
    }

    /** {mass, mean row, mean column} of frame t of clip i. */
    private static double[] moments(float[] x, int i, int t, int frames) {
        double mass = 0;
        double row = 0;
        double col = 0;
        int base = (i * frames + t) * 784;
        for (int p = 0; p < 784; p++) {
            double v = x[base + p];
            mass += v;
            row += v * (p / 28);
            col += v * (p % 28);
        }
        return new double[] {mass, row / mass, col / mass};
    }

    @Test
    void clipsMoveTheDigitOneStepPerFrameInTheLabelledDirection() {
        Dataset d = MovingDigits.clips(digits(20, 1), 200, 7);
        assertThat(d.x().shape().dims()).containsExactly(200, 8, 28, 28, 1);
        assertThat(d.x().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(d.y().dtype()).isEqualTo(DType.INT64);
        float[] x = d.x().toFloatArray();
        long[] y = d.y().toLongArray();
        int[] counts = new int[4];
        for (int i = 0; i < 200; i++) {
            MovingDigits.Direction dir = MovingDigits.Direction.values()[(int) y[i]];
            counts[(int) y[i]]++;
            double[] first = moments(x, i, 0, 8);
            for (int t = 1; t < 8; t++) {
                double[] m = moments(x, i, t, 8);
                assertThat(m[0]).as("the digit stays whole on the canvas").isCloseTo(first[0], offset(1e-3));
                assertThat(m[1] - first[1]).as("rows moved by frame %d", t).isCloseTo(dir.dy * t, offset(1e-3));
                assertThat(m[2] - first[2]).as("columns moved by frame %d", t).isCloseTo(dir.dx * t, offset(1e-3));
            }
        }
        for (int k : counts) {
            assertThat(k).as("every direction occurs").isGreaterThan(30);
        }
    }

    @Test
    void theSameSeedGivesTheSameClips() {
        Tensor src = digits(10, 2);
        Dataset a = MovingDigits.clips(src, 16, 3);
        Dataset b = MovingDigits.clips(src, 16, 3);
        Dataset c = MovingDigits.clips(src, 16, 4);
        assertThat(a.x().contentEquals(b.x())).isTrue();
        assertThat(a.y().contentEquals(b.y())).isTrue();
        assertThat(a.x().contentEquals(c.x())).isFalse();
        assertThat(MovingDigits.clips(src.reshape(10, 784), 16, 3).x().contentEquals(a.x())).isTrue();
        assertThat(MovingDigits.clips(src.reshape(10, 28, 28, 1), 16, 3).x().contentEquals(a.x())).isTrue();
    }

    @Test
    void aRandomFrameSaysNothingAboutTheDirectionButTheFirstFrameDoes() {
        int n = 4000;
        Dataset clips = MovingDigits.clips(digits(50, 3), n, 11);
        Dataset stills = MovingDigits.stills(clips, 12);
        assertThat(stills.x().shape().dims()).containsExactly(n, 28, 28, 1);
        float[] s = stills.x().toFloatArray();
        float[] x = clips.x().toFloatArray();
        long[] y = clips.y().toLongArray();
        double[][] stillMean = new double[4][2];
        double[][] firstMean = new double[4][2];
        int[] count = new int[4];
        for (int i = 0; i < n; i++) {
            int k = (int) y[i];
            double[] m = moments(s, i, 0, 1);
            double[] f = moments(x, i, 0, 8);
            stillMean[k][0] += m[1];
            stillMean[k][1] += m[2];
            firstMean[k][0] += f[1];
            firstMean[k][1] += f[2];
            count[k]++;
        }
        for (int k = 0; k < 4; k++) {
            for (int a = 0; a < 2; a++) {
                stillMean[k][a] /= count[k];
                firstMean[k][a] /= count[k];
            }
        }
        // Positions spread over about 14 px (std about 3.5, so a class mean of 1,000 varies by about 0.1);
        // the class means of a still agree within
        // sampling noise, those of frame 0 differ by the 7 px the digit travels.
        for (int k = 1; k < 4; k++) {
            assertThat(stillMean[k][0]).isCloseTo(stillMean[0][0], offset(0.4));
            assertThat(stillMean[k][1]).isCloseTo(stillMean[0][1], offset(0.4));
        }
        assertThat(firstMean[MovingDigits.Direction.LEFT.ordinal()][1]
                - firstMean[MovingDigits.Direction.RIGHT.ordinal()][1]).isCloseTo(7, offset(0.5));
        assertThat(firstMean[MovingDigits.Direction.UP.ordinal()][0]
                - firstMean[MovingDigits.Direction.DOWN.ordinal()][0]).isCloseTo(7, offset(0.5));
    }

    @Test
    void areaResamplingAveragesBlocks() {
        float[] src = new float[28 * 28];
        for (int p = 0; p < src.length; p++) {
            src[p] = p % 3;
        }
        float[] half = MovingDigits.resize(src, 28, 14);
        assertThat(half).hasSize(196);
        for (int r = 0; r < 14; r++) {
            for (int c = 0; c < 14; c++) {
                int p = 2 * r * 28 + 2 * c;
                float mean = (src[p] + src[p + 1] + src[p + 28] + src[p + 29]) / 4;
                assertThat(half[r * 14 + c]).isCloseTo(mean, offset(1e-5f));
            }
        }
        float[] ones = new float[100];
        java.util.Arrays.fill(ones, 1);
        for (float v : MovingDigits.resize(ones, 10, 7)) {
            assertThat(v).isCloseTo(1f, offset(1e-5f));
        }
    }

    @Test
    void configsThatDoNotFitAreClearErrors() {
        assertThatThrownBy(() -> new MovingDigits.Config(8, 14, 28, 3)).hasMessageContaining("travel 21 px")
                .hasMessageContaining("14 px of room");
        assertThatThrownBy(() -> new MovingDigits.Config(1, 14, 28, 1)).hasMessageContaining("frames >= 2");
        assertThatThrownBy(() -> MovingDigits.clips(Tensor.zeros(3, 5, 7), 4, 1)).hasMessageContaining("square");
        assertThatThrownBy(() -> MovingDigits.clips(digits(2, 1), 0, 1)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> MovingDigits.stills(Dataset.of(Tensor.zeros(2, 28, 28, 1), Tensor.zeros(2)), 1))
                .hasMessageContaining("[n, frames, h, w, c]");
        MovingDigits.Config two = new MovingDigits.Config(8, 14, 28, 2);
        assertThat(two.travel()).isEqualTo(14);
        assertThat(MovingDigits.clips(digits(3, 1), 5, two, 1).x().shape().dims()).containsExactly(5, 8, 28, 28, 1);
    }
}
