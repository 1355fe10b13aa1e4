package jgrad.ops.nn;

import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Layer normalization over the last axis as one op, {@code (x - mean) / sqrt(var + eps) * gamma
 * + beta} with each row's own mean and biased variance (PyTorch's {@code F.layer_norm(x, [n],
 * gamma, beta, eps)}, Keras's LayerNormalization with axis -1): inputs {@code (x [..., n], gamma
 * [n], beta [n])}. Same result as the composition {@link jgrad.ops.Normalization#layerNorm}, in
 * one pass over x instead of about six, and a fused gradient ({@link LayerNormGrad}) instead of
 * a dozen passes: the Transformer blocks normalize twice per layer.
 *
 * <pre>{@code
 * Tensor y = LayerNorm.layerNorm(x, gamma, beta, 1e-5);
 * }</pre>
 */
public record LayerNorm(double eps) implements Op {
    public LayerNorm {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("layer_norm: eps must be > 0, got " + eps);
        }
    }

    public static Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, double eps) {
        return new LayerNorm(eps).apply(x, gamma, beta);
    }

    @Override
    public String name() {
        return "layer_norm";
    }

    /** Checks (x, gamma, beta[, ...]) and returns n, the last axis' extent. */
    static int check(String op, Tensor x, Tensor gamma, Tensor beta) {
        NeuralChecks.requireFloating(op, "x", x);
        if (x.rank() == 0) {
            throw new IllegalArgumentException(op + ": x must have an axis to normalize over, got a scalar");
        }
        int n = x.dim(x.rank() - 1);
        for (String what : new String[] {"gamma", "beta"}) {
            Tensor p = what.equals("gamma") ? gamma : beta;
            if (p.dtype() != x.dtype() || !p.shape().equals(Shape.of(n))) {
                throw new IllegalArgumentException(op + ": " + what + " must be a " + x.dtype() + " vector [" + n
                        + "] (x's last axis, x " + x.shape() + "), got " + p.dtype() + " " + p.shape());
            }
        }
        return n;
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        if (inputs.length != 3) {
            throw new IllegalArgumentException(name() + ": takes (x, gamma, beta), got " + inputs.length + " inputs");
        }
        Tensor x = inputs[0].contiguous();
        int n = check(name(), x, inputs[1], inputs[2]);
        Tensor gamma = inputs[1].contiguous();
        Tensor beta = inputs[2].contiguous();
        int rows = n == 0 ? 0 : x.size() / n;
        Object y = Tensor.allocate(x.dtype(), x.size());
        if (x.dtype() == DType.FLOAT32) {
            LayerNormKernel.forward(floats(x), floats(gamma), floats(beta), (float[]) y, rows, n, (float) eps);
        } else {
            LayerNormKernel.forward(doubles(x), doubles(gamma), doubles(beta), (double[]) y, rows, n, eps);
        }
        return Tensor.wrap(y, x.shape());
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor x = b.input(0);
        int n = x.dim(x.rank() - 1);
        Tensor packed = new LayerNormGrad(eps).apply(x, b.input(1), b.grad());
        int size = x.size();
        return new Tensor[] {
            b.needsGrad(0) ? packed.slice(0, 0, size).reshape(x.shape().dims()) : null,
            b.needsGrad(1) ? packed.slice(0, size, size + n) : null,
            b.needsGrad(2) ? packed.slice(0, size + n, size + 2 * n) : null};
    }

    /** The float32 array of a contiguous tensor, copied when it is a window of a larger one. */
    static float[] floats(Tensor t) {
        float[] f = (float[]) t.storage();
        return t.offset() == 0 && f.length == t.size() ? f : java.util.Arrays.copyOfRange(f, t.offset(),
                t.offset() + t.size());
    }

    static double[] doubles(Tensor t) {
        double[] f = (double[]) t.storage();
        return t.offset() == 0 && f.length == t.size() ? f : java.util.Arrays.copyOfRange(f, t.offset(),
                t.offset() + t.size());
    }
}
