package jgrad.bench;

/**
 * A GEMM benchmark shape {@code MxKxN[:NN|TN|NT|TT]}: op(A) is M x K, op(B) is K x N, and a T
 * stores that operand transposed (read in place, as the peers read {@code x.T}).
 */
record GemmShape(int m, int k, int n, boolean ta, boolean tb) {
    static GemmShape parse(String shape) {
        String[] parts = shape.split(":");
        String[] mkn = parts[0].split("x");
        if (mkn.length != 3) {
            throw new IllegalArgumentException("a GEMM shape is MxKxN[:NN|TN|NT|TT], got '" + shape + "'");
        }
        String flags = parts.length > 1 ? parts[1] : "NN";
        return new GemmShape(Integer.parseInt(mkn[0]), Integer.parseInt(mkn[1]), Integer.parseInt(mkn[2]),
                flags.charAt(0) == 'T', flags.charAt(1) == 'T');
    }

    /** The stored shape of A ({@code [K, M]} when transposed). */
    int[] aDims() {
        return ta ? new int[] {k, m} : new int[] {m, k};
    }

    /** The stored shape of B ({@code [N, K]} when transposed). */
    int[] bDims() {
        return tb ? new int[] {n, k} : new int[] {k, n};
    }

    /** Floating-point operations of one product, in units of 10^9. */
    double gflop() {
        return 2.0 * m * k * n / 1e9;
    }
}
