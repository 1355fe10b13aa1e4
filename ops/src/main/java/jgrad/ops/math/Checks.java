package jgrad.ops.math;

import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/** Argument checks shared by the math ops, with messages naming the op, the argument and its shape. */
final class Checks {
    private Checks() {}

    /** Both operands share a dtype: no silent promotion (say which to cast). */
    static void sameDtype(String op, Tensor x, Tensor y) {
        if (x.dtype() != y.dtype()) {
            throw new IllegalArgumentException(op + ": dtype mismatch: x is " + x.dtype() + " " + x.shape() + ", y is "
                    + y.dtype() + " " + y.shape() + "; cast one of them");
        }
    }

    /** The operand is float32 or float64 (the op is differentiable and has no integer form). */
    static void floating(String op, String arg, Tensor t) {
        if (!t.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": " + arg + " must be float32 or float64, got " + t.dtype() + " "
                    + t.shape());
        }
    }

    /** The operand is float32, float64 or int64. */
    static void numeric(String op, String arg, Tensor t) {
        if (t.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(op + ": " + arg + " must be float32, float64 or int64, got bool "
                    + t.shape() + "; cast it first");
        }
    }

    /** The broadcast shape of x and y (the shapes themselves when equal). */
    static Shape broadcast(String op, Tensor x, Tensor y) {
        Shape a = x.shape();
        Shape b = y.shape();
        return a.equals(b) ? a : Shape.broadcast(op, "x", a, "y", b);
    }

    /** Binary arithmetic: same dtype, allowed dtype, broadcastable shapes; returns the output shape. */
    static Shape arithmetic(String op, Tensor x, Tensor y, boolean int64Allowed) {
        sameDtype(op, x, y);
        if (int64Allowed) {
            numeric(op, "x", x);
        } else if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": x and y must be float32 or float64, got " + x.dtype() + " "
                    + x.shape() + " and " + y.dtype() + " " + y.shape() + "; cast them first");
        }
        return broadcast(op, x, y);
    }
}
