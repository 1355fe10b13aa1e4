package jgrad.codegen.fused;

import jgrad.ops.kernels.Elementwise;

/**
 * Functions generated kernels call where a one-line expression would not do: the stable sigmoid
 * and erf, with the same formulas as jgrad.ops' kernels. Public so that generated classes (hidden
 * classes in this package) and users' rules can call them.
 */
public final class FusedMath {
    private FusedMath() {}

    /** 1 / (1 + e^-x) without overflow for any |x|. */
    public static float sigmoid(float x) {
        float e = (float) Math.exp(-Math.abs(x));
        float r = 1f / (1f + e);
        return x >= 0 ? r : e * r;
    }

    public static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        double r = 1 / (1 + e);
        return x >= 0 ? r : e * r;
    }

    public static float erf(float x) {
        return (float) Elementwise.erf(x);
    }

    public static double erf(double x) {
        return Elementwise.erf(x);
    }

    // The vector erf's constants: the series below |x| = 2.5 (Horner form), the continued fraction of
    // erfc above (clamped at 6, where erf is 1), as jgrad.ops' erf kernel. Generated kernels inline
    // that code (BuiltinRules' erf lowering): a call would box its vectors.

    static final int SERIES_TERMS_D = 38;
    static final int SERIES_TERMS_F = 25;
    static final int CF_STEPS_D = 30;
    static final int CF_STEPS_F = 10;
    /** 1 / (2n + 3): the erf series' factors, for generated kernels' inline erf. */
    static final double[] SERIES_RECIPROCALS = new double[SERIES_TERMS_D];
    static final float[] SERIES_RECIPROCALS_F = new float[SERIES_TERMS_F];

    static {
        for (int n = 0; n < SERIES_TERMS_D; n++) {
            SERIES_RECIPROCALS[n] = 1.0 / (2 * n + 3);
        }
        for (int n = 0; n < SERIES_TERMS_F; n++) {
            SERIES_RECIPROCALS_F[n] = (float) SERIES_RECIPROCALS[n];
        }
    }
}
