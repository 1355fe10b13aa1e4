package jgrad.codegen.fused;

import java.util.Arrays;
import java.util.List;

/**
 * How a kernel walks its output: as {@code outer x inner} (the output's axes split at {@code split}),
 * each input being full, varying along the inner index only (a bias row), along the outer index
 * only (one value per row), or a scalar. Broadcast patterns outside these four (say [3,1,5] with
 * [1,4,1]) have no layout: the group runs unfused.
 */
record Layout(int[] outDims, int split, int outer, int inner, List<Access> access, boolean[] expanded) {
    /** How one input is indexed. */
    enum Access {
        /** Every element: {@code x[row * inner + i]}. */
        FULL,
        /** One value per inner index, the same for every row (a bias): {@code x[i]}. */
        INNER,
        /** One value per row, the same along the inner index: {@code x[row]}. */
        OUTER,
        /** One value for everything. */
        SCALAR
    }

    /**
     * The layout whose split leaves the fewest inputs to expand, the smallest such split on ties
     * (the longest inner loop); {@code requiredSplit >= 0} forces the split (a sum over the trailing
     * axes from there). Null only when the required split is out of range.
     */
    static Layout of(int[] outDims, List<int[]> inputShapes, int requiredSplit) {
        int r = outDims.length;
        int bestSplit = -1;
        int bestExpanded = Integer.MAX_VALUE;
        for (int k = 0; k <= r; k++) {
            if (requiredSplit >= 0 && k != requiredSplit) {
                continue;
            }
            int expanded = 0;
            for (int[] shape : inputShapes) {
                expanded += classify(outDims, shape, k) == null ? 1 : 0;
            }
            // The split needing the fewest expanded inputs; on ties the smallest (the longest inner loop).
            if (expanded < bestExpanded) {
                bestExpanded = expanded;
                bestSplit = k;
            }
        }
        if (bestSplit < 0) {
            return null;
        }
        int k = bestSplit;
        Access[] access = new Access[inputShapes.size()];
        boolean[] expanded = new boolean[access.length];
        for (int j = 0; j < access.length; j++) {
            access[j] = classify(outDims, inputShapes.get(j), k);
            if (access[j] == null) {
                access[j] = Access.FULL;
                expanded[j] = true;
            }
        }
        int outer = 1;
        for (int a = 0; a < k; a++) {
            outer *= outDims[a];
        }
        int inner = 1;
        for (int a = k; a < r; a++) {
            inner *= outDims[a];
        }
        return new Layout(outDims.clone(), k, outer, inner, List.of(access), expanded);
    }

    private static Access classify(int[] out, int[] in, int k) {
        int r = out.length;
        int lead = r - in.length;
        boolean outerAll1 = true;
        boolean outerSame = true;
        boolean innerAll1 = true;
        boolean innerSame = true;
        for (int a = 0; a < r; a++) {
            int d = a < lead ? 1 : in[a - lead];
            if (a < k) {
                outerAll1 &= d == 1;
                outerSame &= d == out[a];
            } else {
                innerAll1 &= d == 1;
                innerSame &= d == out[a];
            }
        }
        if (outerSame && innerSame) {
            return Access.FULL;
        }
        if (outerAll1 && innerAll1) {
            return Access.SCALAR;
        }
        if (outerAll1 && innerSame) {
            return Access.INNER;
        }
        if (outerSame && innerAll1) {
            return Access.OUTER;
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Layout l && split == l.split && outer == l.outer && inner == l.inner
                && Arrays.equals(outDims, l.outDims) && access.equals(l.access) && Arrays.equals(expanded, l.expanded);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(outDims) + access.hashCode();
    }
}
