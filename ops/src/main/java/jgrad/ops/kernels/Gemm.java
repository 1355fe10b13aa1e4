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

    /**
     * Multiply-adds below which a product stays on the caller's thread: handing work to the pool
     * costs about 10 us (measured with an empty task on 2 cores), so a product is split only when
     * it takes several times that on one core (4M multiply-adds: about 50 us at 150 GFLOP/s).
     */
    static final long PARALLEL_MACS = tuning("parallelMacs", 1 << 22);

    /**
     * {@code op(a) @ op(b)} for float tensors of rank >= 2 with matching dtypes, where op(a) is
     * M x K and op(b) is K x N: a fresh row-major tensor of shape {@code [batch..., M, N]}, the
     * batch shape being the broadcast of both operands' leading axes. Callers check the shapes
     * first (the matmul op does, with messages naming both shapes).
     */
    public static Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        return matmul(a, b, transposeA, transposeB, KernelConfig.VECTORIZED);
    }

    /**
     * {@code epilogue(op(a) @ op(b))}: the product with a bias and activation (or an activation's
     * derivative) applied as each element of C is stored, see {@link Epilogue}. The bias must be a
     * vector of N entries, the activation output a tensor of the result's shape, both of the
     * operands' dtype.
     */
    public static Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB, Epilogue epilogue) {
        return matmul(a, b, transposeA, transposeB, epilogue, KernelConfig.VECTORIZED);
    }

    /** The scalar reference path, whatever {@link KernelConfig#VECTORIZED} says. */
    public static Tensor matmulScalar(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        return matmul(a, b, transposeA, transposeB, Epilogue.NONE, false);
    }

    /** The Vector API path, whatever {@link KernelConfig#VECTORIZED} says. */
    public static Tensor matmulVector(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        return matmul(a, b, transposeA, transposeB, Epilogue.NONE, true);
    }

    private static Tensor matmul(Tensor a, Tensor b, boolean ta, boolean tb, boolean vector) {
        return matmul(a, b, ta, tb, Epilogue.NONE, vector);
    }

    /** The product on the vector or the scalar path, with an epilogue. */
    static Tensor matmul(Tensor a, Tensor b, boolean ta, boolean tb, Epilogue epilogue, boolean vector) {
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
        java.util.Objects.requireNonNull(epilogue, "epilogue");
        Object bias = null;
        int biasOff = 0;
        Object y = null;
        int yOff = 0;
        if (epilogue.bias() != null) {
            Tensor bt = epilogue.bias();
            if (bt.rank() != 1 || bt.dim(0) != n || bt.dtype() != a.dtype()) {
                throw new IllegalArgumentException("gemm: the bias must be a " + a.dtype() + " vector of " + n
                        + " entries (one per column of the result), got " + bt.dtype() + " " + bt.shape());
            }
            bias = bt.strides()[0] == 1 || n <= 1 ? bt.storage() : StridedCopyKernel.toArray(bt);
            biasOff = bias == bt.storage() ? bt.offset() : 0;
        }
        if (epilogue.activationOutput() != null) {
            Tensor yt = epilogue.activationOutput();
            if (!yt.shape().equals(out) || yt.dtype() != a.dtype()) {
                throw new IllegalArgumentException("gemm: the activation output must be a " + a.dtype() + " tensor of"
                        + " the result's shape " + out + ", got " + yt.dtype() + " " + yt.shape());
            }
            y = yt.isContiguous() ? yt.storage() : StridedCopyKernel.toArray(yt);
            yOff = y == yt.storage() ? yt.offset() : 0;
        }
        boolean fused = !epilogue.isNone();
        if (a.dtype() == DType.FLOAT32) {
            float[] c = FreshArrays.floats(out.size());
            GemmFloat.Epi epi = fused ? new GemmFloat.Epi((float[]) bias, biasOff, epilogue.activation(), (float[]) y,
                    yOff) : null;
            GemmFloat.run(new GemmFloat.Problem((float[]) a.storage(), aOff, aRs, aCs, (float[]) b.storage(), bOff,
                    bRs, bCs, c, m, n, k, epi), vector);
            return Tensor.wrap(c, out);
        }
        double[] c = FreshArrays.doubles(out.size());
        GemmDouble.Epi epi = fused ? new GemmDouble.Epi((double[]) bias, biasOff, epilogue.activation(), (double[]) y,
                yOff) : null;
        GemmDouble.run(new GemmDouble.Problem((double[]) a.storage(), aOff, aRs, aCs, (double[]) b.storage(), bOff,
                bRs, bCs, c, m, n, k, epi), vector);
        return Tensor.wrap(c, out);
    }

    /** A blocking parameter: {@code -Djgrad.gemm.NAME=value} (for tuning experiments), else the default. */
    static int tuning(String name, int defaultValue) {
        int v = Integer.getInteger("jgrad.gemm." + name, defaultValue);
        if (v < 1) {
            throw new IllegalArgumentException("jgrad.gemm." + name + " must be >= 1, got " + v);
        }
        return v;
    }

    /** Boundary {@code part} of {@code parts} over {@code extent}, rounded up to a multiple of unit. */
    static int split(int extent, int parts, int part, int unit) {
        long b = (long) extent * part / parts;
        return (int) Math.min(extent, (b + unit - 1) / unit * unit);
    }
}
