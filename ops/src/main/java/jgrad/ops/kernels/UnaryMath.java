package jgrad.ops.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Scalar special functions the JDK lacks, accurate enough for float64 gradient checks: erf to a
 * few ulp (central differences divide its error by 1e-6, so a 1e-7 approximation would not do).
 */
final class UnaryMath {
    private UnaryMath() {}

    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;

    /**
     * erf(x). Below |x| = 2.5 the all-positive series {@code erf(x) = 2/sqrt(pi) exp(-x^2)
     * sum 2^n x^(2n+1) / (1*3*...*(2n+1))} (no cancellation, at most ~40 terms); above it
     * {@code 1 - erfc(x)} with erfc from its continued fraction (Lentz), which converges in at most
     * ~40 steps there; from 6 on erf is 1 in float64.
     */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 2.5) {
            double x2 = ax * ax;
            double term = ax;
            double sum = ax;
            for (int n = 0; n < 200; n++) {
                term *= 2 * x2 / (2 * n + 3);
                sum += term;
                if (term <= sum * 1e-17) {
                    break;
                }
            }
            r = TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
        } else if (ax < 6) {
            r = 1 - erfcContinuedFraction(ax);
        } else if (ax >= 6) {
            r = 1;
        } else {
            return x; // NaN
        }
        return Math.copySign(r, x);
    }

    /** erfc(x) for x >= 2.5: exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))). */
    private static double erfcContinuedFraction(double x) {
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 300; k++) {
            double a = 0.5 * k;
            d = 1 / (x + a * d);
            c = x + a / c;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) * ONE_OVER_SQRT_PI / f;
    }

    // ------------------------------------------------------------------ Vector API erf
    //
    // The same two expansions with a fixed number of steps, enough for the whole of their range
    // (checked against mpmath): series with 38 terms below 2.5 (25 for float), continued fraction
    // with 30 steps from 2.5 (10 for float). Every lane runs both only when the vector mixes both
    // ranges.

    private static final int SERIES_TERMS_D = 38;
    private static final int SERIES_TERMS_F = 25;
    private static final int CF_STEPS_D = 30;
    private static final int CF_STEPS_F = 10;
    private static final double[] SERIES_RECIPROCALS = new double[SERIES_TERMS_D];
    private static final float[] SERIES_RECIPROCALS_F = new float[SERIES_TERMS_F];

    static {
        for (int n = 0; n < SERIES_TERMS_D; n++) {
            SERIES_RECIPROCALS[n] = 1.0 / (2 * n + 3);
        }
        for (int n = 0; n < SERIES_TERMS_F; n++) {
            SERIES_RECIPROCALS_F[n] = (float) SERIES_RECIPROCALS[n];
        }
    }

    private static final VectorSpecies<Float> FS = KernelConfig.FLOAT_SPECIES;
    private static final VectorSpecies<Double> DS = KernelConfig.DOUBLE_SPECIES;

    /**
     * erf over the longest whole-vector prefix of contiguous data; returns its length. The whole
     * computation sits in this one loop so that no vector crosses a method boundary (which, when C2
     * does not inline, boxes it on every call).
     */
    static int erfVector(double[] a, int pa, double[] o, int po, int n) {
        DoubleVector one = DoubleVector.broadcast(DS, 1.0);
        int i = 0;
        for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
            DoubleVector x = DoubleVector.fromArray(DS, a, pa + i);
            DoubleVector ax = x.abs();
            VectorMask<Double> series = ax.compare(VectorOperators.LT, 2.5);
            DoubleVector s = ax.min(2.5);
            DoubleVector x2 = s.mul(s);
            DoubleVector twoX2 = x2.add(x2);
            // Horner form, innermost term first: its partial sums stay >= 1, where summing the
            // shrinking terms would run into subnormal numbers (20x slower) for small x.
            DoubleVector p = one;
            for (int k = SERIES_TERMS_D - 1; k >= 0; k--) {
                p = p.mul(twoX2).mul(SERIES_RECIPROCALS[k]).add(one);
            }
            DoubleVector r = s.mul(p).mul(x2.neg().lanewise(VectorOperators.EXP)).mul(TWO_OVER_SQRT_PI);
            if (!series.allTrue()) {
                // Clamped into [2.5, 6]: from 6 on 1 - erfc rounds to 1 anyway; NaN stays NaN.
                DoubleVector t = ax.max(2.5).min(6.0);
                DoubleVector f = t;
                DoubleVector c = t;
                DoubleVector d = DoubleVector.zero(DS);
                for (int k = 1; k <= CF_STEPS_D; k++) {
                    double q = 0.5 * k;
                    d = one.div(t.add(d.mul(q)));
                    c = t.add(DoubleVector.broadcast(DS, q).div(c));
                    f = f.mul(c.mul(d));
                }
                DoubleVector erfc = t.mul(t).neg().lanewise(VectorOperators.EXP).mul(ONE_OVER_SQRT_PI).div(f);
                r = one.sub(erfc).blend(r, series);
            }
            r.blend(r.neg(), x.test(VectorOperators.IS_NEGATIVE)).intoArray(o, po + i);
        }
        return i;
    }

    static int erfVector(float[] a, int pa, float[] o, int po, int n) {
        FloatVector one = FloatVector.broadcast(FS, 1f);
        int i = 0;
        for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
            FloatVector x = FloatVector.fromArray(FS, a, pa + i);
            FloatVector ax = x.abs();
            VectorMask<Float> series = ax.compare(VectorOperators.LT, 2.5f);
            FloatVector s = ax.min(2.5f);
            FloatVector x2 = s.mul(s);
            FloatVector twoX2 = x2.add(x2);
            FloatVector p = one;
            for (int k = SERIES_TERMS_F - 1; k >= 0; k--) {
                p = p.mul(twoX2).mul(SERIES_RECIPROCALS_F[k]).add(one);
            }
            FloatVector r = s.mul(p).mul(x2.neg().lanewise(VectorOperators.EXP)).mul((float) TWO_OVER_SQRT_PI);
            if (!series.allTrue()) {
                FloatVector t = ax.max(2.5f).min(6f);
                FloatVector f = t;
                FloatVector c = t;
                FloatVector d = FloatVector.zero(FS);
                for (int k = 1; k <= CF_STEPS_F; k++) {
                    float q = 0.5f * k;
                    d = one.div(t.add(d.mul(q)));
                    c = t.add(FloatVector.broadcast(FS, q).div(c));
                    f = f.mul(c.mul(d));
                }
                FloatVector erfc = t.mul(t).neg().lanewise(VectorOperators.EXP).mul((float) ONE_OVER_SQRT_PI).div(f);
                r = one.sub(erfc).blend(r, series);
            }
            r.blend(r.neg(), x.test(VectorOperators.IS_NEGATIVE)).intoArray(o, po + i);
        }
        return i;
    }
}
