package jgrad.ops.nn;

import jgrad.core.Shape;
import jgrad.core.Tensor;

/** Argument checks shared by this package's ops, so every message names the op and the argument. */
final class NeuralChecks {
    private NeuralChecks() {}

    /** Activations only make sense on floating tensors: say so before a lower op fails obscurely. */
    static void requireFloating(String op, String arg, Tensor x) {
        if (x == null) {
            throw new NullPointerException(op + ": " + arg + " is null");
        }
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": " + arg + " must be float32 or float64, got " + x.dtype() + " "
                    + x.shape());
        }
    }

    static void requireFinite(String op, String arg, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(op + ": " + arg + " must be a finite number, got " + value);
        }
    }

    /** The axis of a softmax-like op, in [0, rank); a scalar counts as one row, so 0 and -1 are valid for it. */
    static int rowAxis(String op, int axis, int rank) {
        if (rank == 0) {
            if (axis != 0 && axis != -1) {
                throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for a scalar (valid: 0 or"
                        + " -1)");
            }
            return 0;
        }
        return Shape.normalizeAxis(axis, rank, op);
    }
}
