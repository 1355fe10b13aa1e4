package jgrad.ops.math;

import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.core.spi.MathOps;

/** The op library behind Tensor's math methods (service provider for {@link MathOps}). */
public final class DefaultMathOps implements MathOps {
    @Override
    public Tensor add(Tensor x, Tensor y) {
        throw new UnsupportedOperationException("add: not built yet");
    }

    @Override
    public Tensor sub(Tensor x, Tensor y) {
        throw new UnsupportedOperationException("sub: not built yet");
    }

    @Override
    public Tensor mul(Tensor x, Tensor y) {
        throw new UnsupportedOperationException("mul: not built yet");
    }

    @Override
    public Tensor div(Tensor x, Tensor y) {
        throw new UnsupportedOperationException("div: not built yet");
    }

    @Override
    public Tensor pow(Tensor x, Tensor y) {
        throw new UnsupportedOperationException("pow: not built yet");
    }

    @Override
    public Tensor maximum(Tensor x, Tensor y) {
        throw new UnsupportedOperationException("maximum: not built yet");
    }

    @Override
    public Tensor minimum(Tensor x, Tensor y) {
        throw new UnsupportedOperationException("minimum: not built yet");
    }

    @Override
    public Tensor equal(Tensor x, Tensor y) {
        throw new UnsupportedOperationException("equal: not built yet");
    }

    @Override
    public Tensor notEqual(Tensor x, Tensor y) {
        throw new UnsupportedOperationException("notEqual: not built yet");
    }

    @Override
    public Tensor less(Tensor x, Tensor y) {
        throw new UnsupportedOperationException("less: not built yet");
    }

    @Override
    public Tensor lessEqual(Tensor x, Tensor y) {
        throw new UnsupportedOperationException("lessEqual: not built yet");
    }

    @Override
    public Tensor greater(Tensor x, Tensor y) {
        throw new UnsupportedOperationException("greater: not built yet");
    }

    @Override
    public Tensor greaterEqual(Tensor x, Tensor y) {
        throw new UnsupportedOperationException("greaterEqual: not built yet");
    }

    @Override
    public Tensor where(Tensor condition, Tensor x, Tensor y) {
        throw new UnsupportedOperationException("where: not built yet");
    }

    @Override
    public Tensor neg(Tensor x) {
        throw new UnsupportedOperationException("neg: not built yet");
    }

    @Override
    public Tensor exp(Tensor x) {
        throw new UnsupportedOperationException("exp: not built yet");
    }

    @Override
    public Tensor log(Tensor x) {
        throw new UnsupportedOperationException("log: not built yet");
    }

    @Override
    public Tensor log1p(Tensor x) {
        throw new UnsupportedOperationException("log1p: not built yet");
    }

    @Override
    public Tensor sqrt(Tensor x) {
        throw new UnsupportedOperationException("sqrt: not built yet");
    }

    @Override
    public Tensor rsqrt(Tensor x) {
        throw new UnsupportedOperationException("rsqrt: not built yet");
    }

    @Override
    public Tensor square(Tensor x) {
        throw new UnsupportedOperationException("square: not built yet");
    }

    @Override
    public Tensor abs(Tensor x) {
        throw new UnsupportedOperationException("abs: not built yet");
    }

    @Override
    public Tensor sign(Tensor x) {
        throw new UnsupportedOperationException("sign: not built yet");
    }

    @Override
    public Tensor sin(Tensor x) {
        throw new UnsupportedOperationException("sin: not built yet");
    }

    @Override
    public Tensor cos(Tensor x) {
        throw new UnsupportedOperationException("cos: not built yet");
    }

    @Override
    public Tensor tanh(Tensor x) {
        throw new UnsupportedOperationException("tanh: not built yet");
    }

    @Override
    public Tensor sigmoid(Tensor x) {
        throw new UnsupportedOperationException("sigmoid: not built yet");
    }

    @Override
    public Tensor relu(Tensor x) {
        throw new UnsupportedOperationException("relu: not built yet");
    }

    @Override
    public Tensor erf(Tensor x) {
        throw new UnsupportedOperationException("erf: not built yet");
    }

    @Override
    public Tensor round(Tensor x) {
        throw new UnsupportedOperationException("round: not built yet");
    }

    @Override
    public Tensor clip(Tensor x, double min, double max) {
        throw new UnsupportedOperationException("clip: not built yet");
    }

    @Override
    public Tensor cast(Tensor x, DType dtype) {
        throw new UnsupportedOperationException("cast: not built yet");
    }
}
