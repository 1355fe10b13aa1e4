package jgrad.nn.optimizers;

import java.util.List;
import jgrad.core.Tensor;
import jgrad.core.Variable;

/** Applies hand-picked gradients to a float64 variable, for checking update formulas. */
final class Steps {
    static final double[] W0 = {1.0, -2.0};
    static final double[][] GRADS = {{0.5, -1.0}, {0.2, 0.3}, {-0.4, 0.1}};

    private Steps() {}

    static Variable variable() {
        return Variable.of(Tensor.of(W0), "w");
    }

    /** Applies the first {@code n} gradients and returns w after each step. */
    static double[][] run(Optimizer opt, int n) {
        Variable w = variable();
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            opt.apply(List.of(Tensor.of(GRADS[i])), List.of(w));
            out[i] = w.toDoubleArray();
        }
        return out;
    }
}
