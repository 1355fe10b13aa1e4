package jgrad.ops.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import jgrad.ops.kernels.KernelConfig;

/**
 * The float32 tile products of {@link AttentionKernel}: every product of the fused attention (the
 * scores {@code Q K^T}, {@code P V}, {@code dO V^T}, {@code dS K}, {@code dS^T Q}, {@code P^T dO})
 * is one small matrix product of a tile of query rows and a block of keys, so one register-blocked
 * kernel serves them all: four rows of the result times two vectors of columns held in eight
 * accumulators, each step loading two vectors of {@code B} and broadcasting four elements of
 * {@code A}. A is read through two strides, so {@code A} and its transpose need no copy.
 *
 * <p>The tiles are small (at most 32 x 128 here, depth 32-128) and stay in L1, so there is no
 * packing as in the large GEMM kernels; columns that do not fill a vector use a lane mask.
 */
final class AttentionTiles {
    private AttentionTiles() {}

    private static final VectorSpecies<Float> FS = KernelConfig.FLOAT_SPECIES;
    private static final int L = FS.length();

    /**
     * {@code c[co + m * ldc + n] = alpha * sum_k A(m, k) b[bo + k * ldb + n]}, plus the old value
     * when {@code add}, for {@code m < rows}, {@code n < cols}, {@code k < depth}, where {@code
     * A(m, k) = a[ao + m * am + k * ak]} (a row-major A: am = its row length, ak = 1; the transpose
     * of a row-major matrix: am = 1, ak = its row length).
     */
    static void mm(int rows, int cols, int depth, float alpha, float[] a, int ao, int am, int ak, float[] b, int bo,
            int ldb, float[] c, int co, int ldc, boolean add) {
        int n = 0;
        for (; n + 2 * L <= cols; n += 2 * L) {
            int m = 0;
            for (; m + 4 <= rows; m += 4) {
                tile4x2(depth, alpha, a, ao + m * am, am, ak, b, bo + n, ldb, c, co + m * ldc + n, ldc, add);
            }
            for (; m < rows; m++) {
                tile1x2(depth, alpha, a, ao + m * am, ak, b, bo + n, ldb, c, co + m * ldc + n, add);
            }
        }
        for (; n < cols; n += L) {
            VectorMask<Float> lanes = FS.indexInRange(n, cols);
            int m = 0;
            for (; m + 4 <= rows; m += 4) {
                tile4x1(depth, alpha, a, ao + m * am, am, ak, b, bo + n, ldb, c, co + m * ldc + n, ldc, add, lanes);
            }
            for (; m < rows; m++) {
                tile1x1(depth, alpha, a, ao + m * am, ak, b, bo + n, ldb, c, co + m * ldc + n, add, lanes);
            }
        }
    }

    private static void tile4x2(int depth, float alpha, float[] a, int ao, int am, int ak, float[] b, int bo, int ldb,
            float[] c, int co, int ldc, boolean add) {
        FloatVector c00 = FloatVector.zero(FS);
        FloatVector c01 = FloatVector.zero(FS);
        FloatVector c10 = FloatVector.zero(FS);
        FloatVector c11 = FloatVector.zero(FS);
        FloatVector c20 = FloatVector.zero(FS);
        FloatVector c21 = FloatVector.zero(FS);
        FloatVector c30 = FloatVector.zero(FS);
        FloatVector c31 = FloatVector.zero(FS);
        int ap = ao;
        int bp = bo;
        for (int k = 0; k < depth; k++, ap += ak, bp += ldb) {
            FloatVector b0 = FloatVector.fromArray(FS, b, bp);
            FloatVector b1 = FloatVector.fromArray(FS, b, bp + L);
            FloatVector x = FloatVector.broadcast(FS, a[ap]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(FS, a[ap + am]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(FS, a[ap + 2 * am]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(FS, a[ap + 3 * am]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
        }
        store(c00, alpha, c, co, add);
        store(c01, alpha, c, co + L, add);
        store(c10, alpha, c, co + ldc, add);
        store(c11, alpha, c, co + ldc + L, add);
        store(c20, alpha, c, co + 2 * ldc, add);
        store(c21, alpha, c, co + 2 * ldc + L, add);
        store(c30, alpha, c, co + 3 * ldc, add);
        store(c31, alpha, c, co + 3 * ldc + L, add);
    }

    private static void tile1x2(int depth, float alpha, float[] a, int ao, int ak, float[] b, int bo, int ldb,
            float[] c, int co, boolean add) {
        FloatVector c0 = FloatVector.zero(FS);
        FloatVector c1 = FloatVector.zero(FS);
        int ap = ao;
        int bp = bo;
        for (int k = 0; k < depth; k++, ap += ak, bp += ldb) {
            FloatVector x = FloatVector.broadcast(FS, a[ap]);
            c0 = FloatVector.fromArray(FS, b, bp).fma(x, c0);
            c1 = FloatVector.fromArray(FS, b, bp + L).fma(x, c1);
        }
        store(c0, alpha, c, co, add);
        store(c1, alpha, c, co + L, add);
    }

    private static void tile4x1(int depth, float alpha, float[] a, int ao, int am, int ak, float[] b, int bo, int ldb,
            float[] c, int co, int ldc, boolean add, VectorMask<Float> lanes) {
        FloatVector c0 = FloatVector.zero(FS);
        FloatVector c1 = FloatVector.zero(FS);
        FloatVector c2 = FloatVector.zero(FS);
        FloatVector c3 = FloatVector.zero(FS);
        int ap = ao;
        int bp = bo;
        for (int k = 0; k < depth; k++, ap += ak, bp += ldb) {
            FloatVector b0 = FloatVector.fromArray(FS, b, bp, lanes);
            c0 = b0.fma(FloatVector.broadcast(FS, a[ap]), c0);
            c1 = b0.fma(FloatVector.broadcast(FS, a[ap + am]), c1);
            c2 = b0.fma(FloatVector.broadcast(FS, a[ap + 2 * am]), c2);
            c3 = b0.fma(FloatVector.broadcast(FS, a[ap + 3 * am]), c3);
        }
        store(c0, alpha, c, co, add, lanes);
        store(c1, alpha, c, co + ldc, add, lanes);
        store(c2, alpha, c, co + 2 * ldc, add, lanes);
        store(c3, alpha, c, co + 3 * ldc, add, lanes);
    }

    private static void tile1x1(int depth, float alpha, float[] a, int ao, int ak, float[] b, int bo, int ldb,
            float[] c, int co, boolean add, VectorMask<Float> lanes) {
        FloatVector c0 = FloatVector.zero(FS);
        int ap = ao;
        int bp = bo;
        for (int k = 0; k < depth; k++, ap += ak, bp += ldb) {
            c0 = FloatVector.fromArray(FS, b, bp, lanes).fma(FloatVector.broadcast(FS, a[ap]), c0);
        }
        store(c0, alpha, c, co, add, lanes);
    }

    private static void store(FloatVector v, float alpha, float[] c, int o, boolean add) {
        FloatVector r = alpha == 1f ? v : v.mul(alpha);
        if (add) {
            r = r.add(FloatVector.fromArray(FS, c, o));
        }
        r.intoArray(c, o);
    }

    private static void store(FloatVector v, float alpha, float[] c, int o, boolean add, VectorMask<Float> lanes) {
        FloatVector r = alpha == 1f ? v : v.mul(alpha);
        if (add) {
            r = r.add(FloatVector.fromArray(FS, c, o, lanes));
        }
        r.intoArray(c, o, lanes);
    }

    // ------------------------------------------------------------------ row helpers

    /** The largest of s[o .. o + n). */
    static float max(float[] s, int o, int n) {
        int j = 0;
        FloatVector vm = FloatVector.broadcast(FS, Float.NEGATIVE_INFINITY);
        for (; j + L <= n; j += L) {
            vm = vm.max(FloatVector.fromArray(FS, s, o + j));
        }
        float m = vm.reduceLanes(VectorOperators.MAX);
        for (; j < n; j++) {
            m = Math.max(m, s[o + j]);
        }
        return m;
    }

    /** s[o + j] := exp(s[o + j] - shift) for j < n (exp(-inf) = 0 for masked entries); returns their sum. */
    static float expInPlace(float[] s, int o, int n, float shift) {
        int j = 0;
        FloatVector sum = FloatVector.zero(FS);
        for (; j + L <= n; j += L) {
            FloatVector e = FloatVector.fromArray(FS, s, o + j).sub(shift).lanewise(VectorOperators.EXP);
            e.intoArray(s, o + j);
            sum = sum.add(e);
        }
        float total = sum.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            s[o + j] = (float) Math.exp(s[o + j] - shift);
            total += s[o + j];
        }
        return total;
    }

    /** ds[o + j] := p[o + j] (ds[o + j] - dRow) * scale for j < n: the softmax's gradient without dropout. */
    static void softmaxGrad(float[] p, float[] ds, int o, int n, float dRow, float scale) {
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector pv = FloatVector.fromArray(FS, p, o + j);
            pv.mul(FloatVector.fromArray(FS, ds, o + j).sub(dRow)).mul(scale).intoArray(ds, o + j);
        }
        for (; j < n; j++) {
            ds[o + j] = p[o + j] * (ds[o + j] - dRow) * scale;
        }
    }

    static void scale(float[] a, int o, int n, float f) {
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector.fromArray(FS, a, o + j).mul(f).intoArray(a, o + j);
        }
        for (; j < n; j++) {
            a[o + j] *= f;
        }
    }

    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        int c = 0;
        FloatVector acc = FloatVector.zero(FS);
        for (; c + L <= n; c += L) {
            acc = FloatVector.fromArray(FS, a, ao + c).fma(FloatVector.fromArray(FS, b, bo + c), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; c < n; c++) {
            sum += a[ao + c] * b[bo + c];
        }
        return sum;
    }
}
