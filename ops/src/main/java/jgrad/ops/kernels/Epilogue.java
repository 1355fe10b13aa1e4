package jgrad.ops.kernels;

import java.util.Objects;
import jgrad.core.Tensor;

/**
 * What {@link Gemm} does to each element of C as it stores it, so that a dense layer's bias and
 * activation (forward) or its activation's derivative (backward) cost no extra pass over memory:
 * <ul>
 *   <li>{@link #of(Tensor, Activation)}: {@code C = act(A @ B + bias)}, the bias a vector with one
 *       entry per column of C (or null);</li>
 *   <li>{@link #activationGradient(Activation, Tensor)}: {@code C = (A @ B) * act'(z)}, where the
 *       derivative is computed from the activation's output {@code y = act(z)}, a tensor of C's
 *       shape: the gradient mask of the backward pass ({@code dz = (dy @ W^T) * act'(z)} when the
 *       previous layer's activation is fused into this product).</li>
 * </ul>
 *
 * <pre>{@code
 * Tensor h = Gemm.matmul(x, w, false, false, Epilogue.of(b, Epilogue.Activation.RELU));
 * }</pre>
 */
public record Epilogue(Tensor bias, Activation activation, Tensor activationOutput) {
    /** The activations a GEMM can fuse; their derivatives are functions of their outputs. */
    public enum Activation {
        /** The identity: {@code y = z}, derivative 1. */
        LINEAR,
        /** {@code y = max(z, 0)}; derivative 1 where {@code y > 0}, else 0 (none at 0, as PyTorch). */
        RELU,
        /** {@code y = 1 / (1 + exp(-z))}; derivative {@code y (1 - y)}. */
        SIGMOID,
        /** {@code y = tanh(z)}; derivative {@code 1 - y^2}. */
        TANH;

        /** The activation's lower-case name, as the Tensor method is called ({@code "relu"}). */
        public String methodName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** This activation applied with Tensor ops (differentiable; LINEAR returns z itself). */
        public Tensor apply(Tensor z) {
            return switch (this) {
                case LINEAR -> z;
                case RELU -> z.relu();
                case SIGMOID -> z.sigmoid();
                case TANH -> z.tanh();
            };
        }

        /**
         * {@code grad * act'(z)} given the output {@code y = act(z)}, with Tensor ops (so a gradient
         * using it can itself be differentiated): the backward pass through the activation.
         */
        public Tensor gradient(Tensor grad, Tensor y) {
            return switch (this) {
                case LINEAR -> grad;
                case RELU -> Tensor.where(y.greater(y.scalarLike(0)), grad, grad.scalarLike(0));
                case SIGMOID -> grad.mul(y.mul(y.neg().add(1.0)));
                case TANH -> grad.mul(y.square().neg().add(1.0));
            };
        }
    }

    /** Nothing: C is the plain product. */
    public static final Epilogue NONE = new Epilogue(null, Activation.LINEAR, null);

    public Epilogue {
        Objects.requireNonNull(activation, "activation");
        if (bias != null && activationOutput != null) {
            throw new IllegalArgumentException("epilogue: a bias and an activation output cannot be combined: the"
                    + " first is the forward epilogue, the second the backward one");
        }
    }

    /** {@code C = A @ B + bias}. */
    public static Epilogue bias(Tensor bias) {
        return new Epilogue(Objects.requireNonNull(bias, "bias"), Activation.LINEAR, null);
    }

    /** {@code C = act(A @ B + bias)}; bias may be null (no bias). */
    public static Epilogue of(Tensor bias, Activation activation) {
        return new Epilogue(bias, activation, null);
    }

    /** {@code C = (A @ B) * act'(z)}, with {@code y = act(z)} given (C's shape and dtype). */
    public static Epilogue activationGradient(Activation activation, Tensor y) {
        return new Epilogue(null, activation, Objects.requireNonNull(y, "activation output"));
    }

    /** True when this epilogue does nothing. */
    public boolean isNone() {
        return bias == null && activationOutput == null && activation == Activation.LINEAR;
    }

    /** True for the backward form, {@code (A @ B) * act'(z)}. */
    public boolean isGradient() {
        return activationOutput != null;
    }
}
