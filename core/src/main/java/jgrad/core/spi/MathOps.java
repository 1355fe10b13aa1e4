package jgrad.core.spi;

import jgrad.core.DType;
import jgrad.core.Tensor;

/**
 * Elementwise arithmetic, comparisons and math functions behind {@link Tensor}'s fluent methods.
 * Implemented by the op library (module jgrad.ops) and found through {@link java.util.ServiceLoader}.
 * Binary ops broadcast with NumPy rules; both operands must share a dtype.
 */
public interface MathOps {
    Tensor add(Tensor x, Tensor y);

    Tensor sub(Tensor x, Tensor y);

    Tensor mul(Tensor x, Tensor y);

    Tensor div(Tensor x, Tensor y);

    Tensor pow(Tensor x, Tensor y);

    Tensor maximum(Tensor x, Tensor y);

    Tensor minimum(Tensor x, Tensor y);

    /** Comparisons return a bool tensor and are not differentiable. */
    Tensor equal(Tensor x, Tensor y);

    Tensor notEqual(Tensor x, Tensor y);

    Tensor less(Tensor x, Tensor y);

    Tensor lessEqual(Tensor x, Tensor y);

    Tensor greater(Tensor x, Tensor y);

    Tensor greaterEqual(Tensor x, Tensor y);

    /** {@code condition ? x : y} elementwise, broadcasting all three; condition is bool. */
    Tensor where(Tensor condition, Tensor x, Tensor y);

    Tensor neg(Tensor x);

    Tensor exp(Tensor x);

    Tensor log(Tensor x);

    Tensor log1p(Tensor x);

    Tensor sqrt(Tensor x);

    Tensor rsqrt(Tensor x);

    Tensor square(Tensor x);

    Tensor abs(Tensor x);

    /** Gradient is zero everywhere (as in PyTorch and TensorFlow). */
    Tensor sign(Tensor x);

    Tensor sin(Tensor x);

    Tensor cos(Tensor x);

    Tensor tanh(Tensor x);

    Tensor sigmoid(Tensor x);

    Tensor relu(Tensor x);

    Tensor erf(Tensor x);

    /** Round half to even; not differentiable. */
    Tensor round(Tensor x);

    /** Clamps into [min, max]; the gradient passes where {@code min <= x <= max}. */
    Tensor clip(Tensor x, double min, double max);

    /** Converts to another dtype; the gradient flows between floating dtypes only. */
    Tensor cast(Tensor x, DType dtype);
}
