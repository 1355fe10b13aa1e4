package jgrad.ops.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.core.Rng;
import org.junit.jupiter.api.Test;

class GatherKernelTest {
    private static final int[] SIZES = {1, 15, 17, 63, 65, 1000};

    private static long[] indices(Rng rng, int m, int extent) {
        long[] idx = new long[m];
        for (int j = 0; j < m; j++) {
            idx[j] = rng.nextInt(extent);
        }
        return idx;
    }

    @Test
    void scatterAddVectorMatchesScalarOnOddRowLengths() {
        Rng rng = new Rng(21);
        for (int inner : SIZES) {
            int outer = 2;
            int extent = 3;
            long[] idx = indices(rng, 5, extent); // repeats some rows
            int n = outer * idx.length * inner;
            float[] f = new float[n];
            double[] d = new double[n];
            long[] l = new long[n];
            for (int i = 0; i < n; i++) {
                d[i] = rng.nextGaussian();
                f[i] = (float) d[i];
                l[i] = rng.nextInt(100);
            }
            assertThat((float[]) GatherKernel.scatterAddVector(f, outer, extent, inner, idx))
                    .isEqualTo((float[]) GatherKernel.scatterAddScalar(f, outer, extent, inner, idx));
            assertThat((double[]) GatherKernel.scatterAddVector(d, outer, extent, inner, idx))
                    .isEqualTo((double[]) GatherKernel.scatterAddScalar(d, outer, extent, inner, idx));
            assertThat((long[]) GatherKernel.scatterAddVector(l, outer, extent, inner, idx))
                    .isEqualTo((long[]) GatherKernel.scatterAddScalar(l, outer, extent, inner, idx));
        }
    }

    @Test
    void scatterAddSumsRepeatedIndices() {
        double[] src = {1, 2, 3, 4};
        double[] out = (double[]) GatherKernel.scatterAdd(src, 1, 3, 1, new long[] {2, 0, 2, 2});
        assertThat(out).containsExactly(2, 0, 1 + 3 + 4);
    }

    @Test
    void gatherMatchesANaiveLoop() {
        Rng rng = new Rng(22);
        for (int inner : SIZES) {
            int outer = 3;
            int extent = 4;
            long[] idx = indices(rng, 6, extent);
            int offset = 5;
            double[] x = new double[offset + outer * extent * inner];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextGaussian();
            }
            double[] out = (double[]) GatherKernel.gather(x, offset, outer, extent, inner, idx);
            assertThat(out).hasSize(outer * idx.length * inner);
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < idx.length; j++) {
                    for (int k = 0; k < inner; k++) {
                        assertThat(out[(o * idx.length + j) * inner + k])
                                .isEqualTo(x[offset + (o * extent + (int) idx[j]) * inner + k]);
                    }
                }
            }
            boolean[] b = new boolean[outer * extent * inner];
            b[(int) idx[0] * inner] = true;
            assertThat(((boolean[]) GatherKernel.gather(b, 0, outer, extent, inner, idx))[0]).isTrue();
        }
    }
}
