package jgrad.ops.nn;

import java.util.List;
import jgrad.core.Shape;
import jgrad.ops.kernels.ConvKernels;

/** The checks and geometry the pooling ops share: windows without dilation, padding narrower than them. */
final class Pooling {
    private Pooling() {}

    static void check(String op, List<Integer> poolSize, List<Integer> strides, Padding padding) {
        Windows.requireSpatialRank(op, poolSize.size());
        if (strides.size() != poolSize.size()) {
            throw new IllegalArgumentException(op + ": pool size " + poolSize + " and strides " + strides
                    + " must have one entry per spatial axis each");
        }
        java.util.Objects.requireNonNull(padding, op + ": padding");
        if (padding instanceof Padding.Explicit e) {
            // Every window must hold at least one input, or a max has no candidate and a mean no count.
            for (int i = 0; i < Math.min(e.rank(), poolSize.size()); i++) {
                if (e.before().get(i) >= poolSize.get(i) || e.after().get(i) >= poolSize.get(i)) {
                    throw new IllegalArgumentException(op + ": " + padding + " padding must be narrower than the pool"
                            + " size " + poolSize + " on every side");
                }
            }
        }
    }

    static ConvKernels.Geometry geometry(String op, Shape x, List<Integer> poolSize, List<Integer> strides,
            Padding padding) {
        List<Integer> ones = java.util.Collections.nCopies(poolSize.size(), 1);
        return Windows.resolve(op, x, Windows.ints(poolSize), strides, ones, padding);
    }
}
