package jgrad.codegen.fused;

/**
 * The interface every generated kernel implements, called without reflection. A kernel walks
 * rows {@code [rowStart, rowEnd)} and, in each, inner indices {@code [colStart, colEnd)} of an
 * {@code outer x inner} iteration (see {@link Layout}); callers split the ranges across threads.
 */
interface FusedKernel {
    /**
     * Reads {@code in[j]} (a float[], double[] or boolean[] from element {@code off[j]}) and writes
     * the outputs {@code out[k]} (fresh row-major arrays). Elementwise kernels return 0; a kernel
     * ending in a sum over all elements returns its range's partial sum; one ending in a sum over
     * the inner index writes one value per row.
     */
    double run(Object[] in, int[] off, Object[] out, int inner, int rowStart, int rowEnd, int colStart, int colEnd);
}
