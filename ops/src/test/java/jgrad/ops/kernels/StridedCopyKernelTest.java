package jgrad.ops.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import jgrad.core.Rng;
import org.junit.jupiter.api.Test;

class StridedCopyKernelTest {
    private static final int[] SIZES = {1, 15, 17, 63, 65, 1000};

    /** A source layout: shape, strides (possibly negative or zero) and the offset that keeps it in range. */
    private record Layout(int[] shape, int[] strides, int offset, int span) {}

    private static Layout randomLayout(Rng rng, int[] shape, boolean zeroAndNegative) {
        int rank = shape.length;
        int[] perm = rng.permutation(rank);
        int[] strides = new int[rank];
        int acc = 1;
        for (int k = rank - 1; k >= 0; k--) {
            int a = perm[k];
            int gap = 1 + rng.nextInt(2); // sometimes every other element
            strides[a] = acc * gap;
            acc *= Math.max(shape[a], 1) * gap;
        }
        int offset = 0;
        for (int a = 0; a < rank; a++) {
            switch (zeroAndNegative ? rng.nextInt(5) : 2) {
                case 0 -> strides[a] = 0; // broadcast
                case 1 -> {
                    offset += (shape[a] - 1) * strides[a]; // walk backwards
                    strides[a] = -strides[a];
                }
                default -> { }
            }
        }
        return new Layout(shape, strides, offset, acc + 1);
    }

    private static Object filled(Class<?> type, int n, Rng rng) {
        if (type == float[].class) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = (float) rng.nextGaussian();
            }
            return a;
        } else if (type == double[].class) {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = rng.nextGaussian();
            }
            return a;
        } else if (type == long[].class) {
            long[] a = new long[n];
            for (int i = 0; i < n; i++) {
                a[i] = rng.nextLong();
            }
            return a;
        }
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextInt(2) == 0;
        }
        return a;
    }

    private static Object empty(Class<?> type, int n) {
        return java.lang.reflect.Array.newInstance(type.getComponentType(), n);
    }

    @Test
    void fastPathMatchesTheReferenceOnRandomLayouts() {
        Rng rng = new Rng(3);
        Class<?>[] types = {float[].class, double[].class, long[].class, boolean[].class};
        for (int trial = 0; trial < 300; trial++) {
            int rank = rng.nextInt(5);
            int[] shape = new int[rank];
            for (int a = 0; a < rank; a++) {
                shape[a] = rng.nextInt(6) == 0 ? 1 : 1 + rng.nextInt(7);
            }
            Layout src = randomLayout(rng, shape, true);
            Layout dst = randomLayout(rng, shape, false);
            for (Class<?> type : types) {
                Object s = filled(type, src.span(), rng);
                int[] ds = dst.strides();
                Object fast = empty(type, dst.span());
                Object ref = empty(type, dst.span());
                StridedCopyKernel.copyFast(s, src.offset(), src.strides(), fast, 0, ds, shape);
                StridedCopyKernel.copyReference(s, src.offset(), src.strides(), ref, 0, ds, shape);
                assertThat(fast).as("%s %s src %s dst %s", type.getSimpleName(), Arrays.toString(shape),
                        Arrays.toString(src.strides()), Arrays.toString(ds)).isEqualTo(ref);
            }
        }
    }

    @Test
    void transposesOfOddSizesMatchTheReference() {
        Rng rng = new Rng(5);
        for (int rows : SIZES) {
            for (int cols : new int[] {1, 17, 65}) {
                double[] src = (double[]) filled(double[].class, rows * cols, rng);
                int[] shape = {cols, rows}; // the transpose of a row-major rows x cols matrix
                int[] srcStrides = {1, cols};
                int[] dstStrides = {rows, 1};
                double[] fast = new double[rows * cols];
                double[] ref = new double[rows * cols];
                StridedCopyKernel.copyFast(src, 0, srcStrides, fast, 0, dstStrides, shape);
                StridedCopyKernel.copyReference(src, 0, srcStrides, ref, 0, dstStrides, shape);
                assertThat(fast).isEqualTo(ref);
                assertThat(fast[rows * (cols - 1)]).isEqualTo(src[cols - 1]);
            }
        }
    }

    @Test
    void contiguousRunsOfOddLengths() {
        Rng rng = new Rng(9);
        for (int n : SIZES) {
            float[] src = (float[]) filled(float[].class, 3 * n + 2, rng);
            float[] fast = new float[2 * n];
            float[] ref = new float[2 * n];
            int[] shape = {2, n};
            StridedCopyKernel.copyFast(src, 1, new int[] {n + 1, 1}, fast, 0, new int[] {n, 1}, shape);
            StridedCopyKernel.copyReference(src, 1, new int[] {n + 1, 1}, ref, 0, new int[] {n, 1}, shape);
            assertThat(fast).isEqualTo(ref);
            assertThat(fast[n]).isEqualTo(src[n + 2]);
        }
    }

    @Test
    void rejectsMismatchedArrays() {
        assertThatThrownBy(() -> StridedCopyKernel.copy(new float[1], 0, new int[0], new double[1], 0, new int[0],
                new int[0])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float[]");
        assertThatThrownBy(() -> StridedCopyKernel.copy(new float[1], 0, new int[1], new float[1], 0, new int[0],
                new int[1])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strides for rank 1");
    }
}
