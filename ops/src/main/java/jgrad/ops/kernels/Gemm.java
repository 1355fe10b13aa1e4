package jgrad.ops.kernels;

import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Matrix products for float32 and float64: {@code op(A) @ op(B)} over the last two axes with the
 * leading (batch) axes broadcast, where {@code op} is the identity or the transpose. Operands are
 * read in place through their strides, so a transposed, sliced or broadcast operand is never
 * copied into a new tensor (the blocked path packs small panels into a reusable per-thread
 * buffer). Big products run across {@link Parallel}'s pool; the result is the same whatever the
 * number of threads.
 */
public final class Gemm {
    private Gemm() {}

    /** Below this many multiply-adds the plain loop wins over packing. */
    static final long SMALL_MACS = 4096;

    /** Multiply-adds below which a product stays on the caller's thread. */
    static final long PARALLEL_MACS = 16L * KernelConfig.PARALLEL_THRESHOLD;

    /**
     * {@code op(a) @ op(b)} for float tensors of rank >= 2 with matching dtypes, where op(a) is
     * M x K and op(b) is K x N: a fresh row-major tensor of shape {@code [batch..., M, N]}, the
     * batch shape being the broadcast of both operands' leading axes. Callers check the shapes
     * first (the matmul op does, with messages naming both shapes).
     */
    public static Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        return matmul(a, b, transposeA, transposeB, KernelConfig.VECTORIZED);
    }

    /** The scalar reference path, whatever {@link KernelConfig#VECTORIZED} says. */
    public static Tensor matmulScalar(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        return matmul(a, b, transposeA, transposeB, false);
    }

    /** The Vector API path, whatever {@link KernelConfig#VECTORIZED} says. */
    public static Tensor matmulVector(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        return matmul(a, b, transposeA, transposeB, true);
    }

    private static Tensor matmul(Tensor a, Tensor b, boolean ta, boolean tb, boolean vector) {
        int[] as = a.shape().dims();
        int[] bs = b.shape().dims();
        int ra = as.length;
        int rb = bs.length;
        if (ra < 2 || rb < 2 || a.dtype() != b.dtype() || !a.dtype().isFloating()) {
            throw new IllegalArgumentException("gemm: needs two float32 or float64 operands of rank >= 2 with one"
                    + " dtype, got " + a.dtype() + " " + Arrays.toString(as) + " and " + b.dtype() + " "
                    + Arrays.toString(bs));
        }
        int[] ast = a.strides();
        int[] bst = b.strides();
        int m = ta ? as[ra - 1] : as[ra - 2];
        int k = ta ? as[ra - 2] : as[ra - 1];
        int kb = tb ? bs[rb - 1] : bs[rb - 2];
        int n = tb ? bs[rb - 2] : bs[rb - 1];
        if (k != kb) {
            throw new IllegalArgumentException("gemm: inner extents differ: " + k + " vs " + kb + " for "
                    + Arrays.toString(as) + " and " + Arrays.toString(bs));
        }
        int aRs = ta ? ast[ra - 1] : ast[ra - 2];
        int aCs = ta ? ast[ra - 2] : ast[ra - 1];
        int bRs = tb ? bst[rb - 1] : bst[rb - 2];
        int bCs = tb ? bst[rb - 2] : bst[rb - 1];

        // Broadcast batch axes: one storage offset per batch for each operand (stride 0 where broadcast).
        int batchRank = Math.max(ra, rb) - 2;
        int[] batch = new int[batchRank];
        int[] aBs = new int[batchRank];
        int[] bBs = new int[batchRank];
        for (int i = 0; i < batchRank; i++) {
            int ia = i - (batchRank - (ra - 2));
            int ib = i - (batchRank - (rb - 2));
            int da = ia >= 0 ? as[ia] : 1;
            int db = ib >= 0 ? bs[ib] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("gemm: batch axes of " + Arrays.toString(as) + " and "
                        + Arrays.toString(bs) + " do not broadcast");
            }
            batch[i] = da == 1 ? db : da;
            aBs[i] = ia >= 0 && da != 1 ? ast[ia] : 0;
            bBs[i] = ib >= 0 && db != 1 ? bst[ib] : 0;
        }
        int batches = 1;
        for (int d : batch) {
            batches *= d;
        }
        int[] outShape = Arrays.copyOf(batch, batchRank + 2);
        outShape[batchRank] = m;
        outShape[batchRank + 1] = n;
        Shape out = Shape.of(outShape);
        int[] aOff = new int[batches];
        int[] bOff = new int[batches];
        int[] idx = new int[batchRank];
        int pa = a.offset();
        int pb = b.offset();
        for (int t = 0; t < batches; t++) {
            aOff[t] = pa;
            bOff[t] = pb;
            for (int i = batchRank - 1; i >= 0; i--) {
                pa += aBs[i];
                pb += bBs[i];
                if (++idx[i] < batch[i]) {
                    break;
                }
                pa -= aBs[i] * batch[i];
                pb -= bBs[i] * batch[i];
                idx[i] = 0;
            }
        }
        if (a.dtype() == DType.FLOAT32) {
            float[] c = new float[out.size()];
            GemmFloat.run(new GemmFloat.Problem((float[]) a.storage(), aOff, aRs, aCs, (float[]) b.storage(), bOff,
                    bRs, bCs, c, m, n, k), vector);
            return Tensor.wrap(c, out);
        }
        double[] c = new double[out.size()];
        GemmDouble.run(new GemmDouble.Problem((double[]) a.storage(), aOff, aRs, aCs, (double[]) b.storage(), bOff,
                bRs, bCs, c, m, n, k), vector);
        return Tensor.wrap(c, out);
    }
}
