package jgrad.nn.unsupervised;

import java.util.Objects;
import jgrad.core.DType;
import jgrad.core.Tensor;

/**
 * The associative network of Hagan et al., ch. 15: an unconditioned stimulus {@code p0} with
 * fixed weights {@code W0}, a conditioned stimulus {@code p} with learned weights {@code W}, and
 *
 * <pre>
 *   a = f(W0 p0 + W p + b)        f = hardlim (Hebb, instar) or satlins (outstar)
 * </pre>
 *
 * {@link #present} computes {@code a} and lets the rule learn from it, so the response to
 * {@code p} alone grows out of its pairing with {@code p0} (the banana associator, the orange
 * recogniser).
 */
public final class Associator {
    /** The transfer function. */
    public enum Transfer {
        /** 1 where n >= 0, else 0. */
        HARDLIM,
        /** n clipped to [-1, 1]. */
        SATLINS
    }

    private final AssociativeRule rule;
    private final Tensor w0;
    private final Tensor bias;
    private final Transfer transfer;

    /**
     * @param w0   the unconditioned weights {@code [units, unconditioned inputs]}
     * @param bias the bias {@code [units]}
     */
    public Associator(AssociativeRule rule, Tensor w0, Tensor bias, Transfer transfer) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.transfer = Objects.requireNonNull(transfer, "transfer");
        int units = rule.weights().dim(0);
        if (w0.rank() != 2 || w0.dim(0) != units) {
            throw new IllegalArgumentException("Associator: w0 must be [" + units + ", unconditioned inputs] (the rule has "
                    + units + " units), got " + w0.shape());
        }
        if (bias.size() != units) {
            throw new IllegalArgumentException("Associator: bias must be [" + units + "], got " + bias.shape());
        }
        this.w0 = w0.cast(DType.FLOAT64);
        this.bias = bias.cast(DType.FLOAT64).reshape(units);
    }

    public AssociativeRule rule() {
        return rule;
    }

    /** The response {@code a = f(W0 p0 + W p + b)} without learning. */
    public Tensor respond(Tensor p0, Tensor p) {
        int units = w0.dim(0);
        if (p0.size() != w0.dim(1)) {
            throw new IllegalArgumentException("Associator: p0 must hold " + w0.dim(1) + " values, got " + p0.shape());
        }
        Tensor w = rule.weights();
        if (p.size() != w.dim(1)) {
            throw new IllegalArgumentException("Associator: p must hold " + w.dim(1) + " values (W is " + w.shape()
                    + "), got " + p.shape());
        }
        Tensor n = w0.matmul(p0.cast(DType.FLOAT64).reshape(-1, 1)).reshape(units)
                .add(w.matmul(p.cast(DType.FLOAT64).reshape(-1, 1)).reshape(units)).add(bias);
        return transfer == Transfer.HARDLIM ? n.greaterEqual(n.scalarLike(0)).cast(DType.FLOAT64) : n.clip(-1, 1);
    }

    /** One presentation: the response, then the rule's update from it; returns the response. */
    public Tensor present(Tensor p0, Tensor p) {
        Tensor a = respond(p0, p);
        rule.update(a, p);
        return a;
    }
}
