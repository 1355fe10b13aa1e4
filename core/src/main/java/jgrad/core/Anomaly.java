package jgrad.core;

/**
 * Opt-in anomaly detection (like torch.autograd.detect_anomaly): while on, every op checks its
 * output, and every gradient it produces, for NaN and Inf, and fails at the first one with the op's
 * name, its inputs' shapes and the stack where it was recorded. Per thread; costs a scan of every
 * result, so leave it off for speed.
 *
 * <pre>{@code
 * try (var scope = Anomaly.detect()) { ... }
 * }</pre>
 */
public final class Anomaly {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Anomaly() {}

    /** Turns detection on for this thread until the returned scope closes. */
    public static Scope detect() {
        int[] d = DEPTH.get();
        d[0]++;
        return new Scope(() -> d[0]--);
    }

    public static boolean isEnabled() {
        return DEPTH.get()[0] > 0;
    }

    /** True if a floating tensor holds a NaN or an infinity. */
    static boolean hasNonFinite(Tensor t) {
        if (!t.dtype().isFloating()) {
            return false;
        }
        for (double v : t.toDoubleArray()) {
            if (!Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    static String describeNonFinite(Tensor t) {
        boolean nan = false;
        boolean inf = false;
        for (double v : t.toDoubleArray()) {
            nan |= Double.isNaN(v);
            inf |= Double.isInfinite(v);
        }
        return nan && inf ? "NaN and Inf" : nan ? "NaN" : "Inf";
    }
}
