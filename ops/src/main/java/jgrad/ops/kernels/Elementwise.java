package jgrad.ops.kernels;

import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Elementwise kernels: unary math, binary arithmetic and comparisons with NumPy broadcasting,
 * where/select and dtype casts, on contiguous or strided float32/float64 (and int64/bool where it
 * makes sense) tensors. The ops in {@code jgrad.ops.math} validate shapes and dtypes before calling
 * here; results are always fresh row-major tensors.
 */
public final class Elementwise {
    private Elementwise() {}

    /** Unary float functions. {@link #CLIP} takes its bounds through {@link #clip}. */
    public enum Unary {
        NEG, EXP, LOG, LOG1P, SQRT, RSQRT, SQUARE, ABS, SIGN, SIN, COS, TANH, SIGMOID, RELU, ERF, ROUND, CLIP
    }

    /** Binary arithmetic; ADD, SUB, MUL, MAX and MIN also run on int64. */
    public enum Binary {
        ADD, SUB, MUL, DIV, POW, MAX, MIN
    }

    /** Comparisons, producing bool. */
    public enum Comparison {
        EQ, NE, LT, LE, GT, GE;

        /** The comparison with its operands swapped: {@code a < b} is {@code b > a}. */
        Comparison swapped() {
            return switch (this) {
                case EQ, NE -> this;
                case LT -> GT;
                case LE -> GE;
                case GT -> LT;
                case GE -> LE;
            };
        }
    }

    /** {@code op(x)} for a float32 or float64 tensor of any layout. */
    public static Tensor unary(Unary op, Tensor x) {
        if (op == Unary.CLIP) {
            throw new IllegalArgumentException("unary: CLIP needs bounds, call clip(x, min, max)");
        }
        return ElementwiseUnary.apply(op, x, 0, 0);
    }

    /** {@code min(max(x, lo), hi)}; the caller checked {@code lo <= hi}. */
    public static Tensor clip(Tensor x, double lo, double hi) {
        return ElementwiseUnary.apply(Unary.CLIP, x, lo, hi);
    }

    /** {@code op(x, y)} broadcast to {@code out}; x and y share a dtype. */
    public static Tensor binary(Binary op, Tensor x, Tensor y, Shape out) {
        return ElementwiseBinary.apply(op, x, y, out);
    }

    /** {@code op(x, y)} broadcast to {@code out} as a bool tensor; x and y share a dtype. */
    public static Tensor compare(Comparison op, Tensor x, Tensor y, Shape out) {
        return ElementwiseCompare.compare(op, x, y, out);
    }

    /** {@code condition ? x : y} broadcast to {@code out}; condition is bool, x and y share a dtype. */
    public static Tensor where(Tensor condition, Tensor x, Tensor y, Shape out) {
        return ElementwiseCompare.where(condition, x, y, out);
    }

    /** x converted to {@code to} (C casts: float to int64 truncates toward zero, nonzero is true). */
    public static Tensor cast(Tensor x, DType to) {
        return ElementwiseCast.cast(x, to);
    }

    /** The error function, to about 1e-15 relative error. */
    public static double erf(double x) {
        return UnaryMath.erf(x);
    }
}
