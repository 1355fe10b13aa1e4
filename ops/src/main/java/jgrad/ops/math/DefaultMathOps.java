package jgrad.ops.math;

import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Tensor;
import jgrad.core.spi.MathOps;
import jgrad.ops.kernels.Elementwise.Comparison;

/** The op library behind Tensor's math methods (service provider for {@link MathOps}). */
public final class DefaultMathOps implements MathOps {
    // The ops without attributes are stateless records: one shared instance each.
    private static final Op ADD = new Add();
    private static final Op SUB = new Sub();
    private static final Op MUL = new Mul();
    private static final Op DIV = new Div();
    private static final Op POW = new Pow();
    private static final Op MAXIMUM = new Maximum();
    private static final Op MINIMUM = new Minimum();
    private static final Op EQUAL = new Compare(Comparison.EQ);
    private static final Op NOT_EQUAL = new Compare(Comparison.NE);
    private static final Op LESS = new Compare(Comparison.LT);
    private static final Op LESS_EQUAL = new Compare(Comparison.LE);
    private static final Op GREATER = new Compare(Comparison.GT);
    private static final Op GREATER_EQUAL = new Compare(Comparison.GE);
    private static final Op WHERE = new Where();
    private static final Op NEG = new Neg();
    private static final Op EXP = new Exp();
    private static final Op LOG = new Log();
    private static final Op LOG1P = new Log1p();
    private static final Op SQRT = new Sqrt();
    private static final Op RSQRT = new Rsqrt();
    private static final Op SQUARE = new Square();
    private static final Op ABS = new Abs();
    private static final Op SIGN = new Sign();
    private static final Op SIN = new Sin();
    private static final Op COS = new Cos();
    private static final Op TANH = new Tanh();
    private static final Op SIGMOID = new Sigmoid();
    private static final Op RELU = new Relu();
    private static final Op ERF = new Erf();
    private static final Op ROUND = new Round();

    @Override
    public Tensor add(Tensor x, Tensor y) {
        return ADD.apply(x, y);
    }

    @Override
    public Tensor sub(Tensor x, Tensor y) {
        return SUB.apply(x, y);
    }

    @Override
    public Tensor mul(Tensor x, Tensor y) {
        return MUL.apply(x, y);
    }

    @Override
    public Tensor div(Tensor x, Tensor y) {
        return DIV.apply(x, y);
    }

    @Override
    public Tensor pow(Tensor x, Tensor y) {
        return POW.apply(x, y);
    }

    @Override
    public Tensor maximum(Tensor x, Tensor y) {
        return MAXIMUM.apply(x, y);
    }

    @Override
    public Tensor minimum(Tensor x, Tensor y) {
        return MINIMUM.apply(x, y);
    }

    @Override
    public Tensor equal(Tensor x, Tensor y) {
        return EQUAL.apply(x, y);
    }

    @Override
    public Tensor notEqual(Tensor x, Tensor y) {
        return NOT_EQUAL.apply(x, y);
    }

    @Override
    public Tensor less(Tensor x, Tensor y) {
        return LESS.apply(x, y);
    }

    @Override
    public Tensor lessEqual(Tensor x, Tensor y) {
        return LESS_EQUAL.apply(x, y);
    }

    @Override
    public Tensor greater(Tensor x, Tensor y) {
        return GREATER.apply(x, y);
    }

    @Override
    public Tensor greaterEqual(Tensor x, Tensor y) {
        return GREATER_EQUAL.apply(x, y);
    }

    @Override
    public Tensor where(Tensor condition, Tensor x, Tensor y) {
        return WHERE.apply(condition, x, y);
    }

    @Override
    public Tensor neg(Tensor x) {
        return NEG.apply(x);
    }

    @Override
    public Tensor exp(Tensor x) {
        return EXP.apply(x);
    }

    @Override
    public Tensor log(Tensor x) {
        return LOG.apply(x);
    }

    @Override
    public Tensor log1p(Tensor x) {
        return LOG1P.apply(x);
    }

    @Override
    public Tensor sqrt(Tensor x) {
        return SQRT.apply(x);
    }

    @Override
    public Tensor rsqrt(Tensor x) {
        return RSQRT.apply(x);
    }

    @Override
    public Tensor square(Tensor x) {
        return SQUARE.apply(x);
    }

    @Override
    public Tensor abs(Tensor x) {
        return ABS.apply(x);
    }

    @Override
    public Tensor sign(Tensor x) {
        return SIGN.apply(x);
    }

    @Override
    public Tensor sin(Tensor x) {
        return SIN.apply(x);
    }

    @Override
    public Tensor cos(Tensor x) {
        return COS.apply(x);
    }

    @Override
    public Tensor tanh(Tensor x) {
        return TANH.apply(x);
    }

    @Override
    public Tensor sigmoid(Tensor x) {
        return SIGMOID.apply(x);
    }

    @Override
    public Tensor relu(Tensor x) {
        return RELU.apply(x);
    }

    @Override
    public Tensor erf(Tensor x) {
        return ERF.apply(x);
    }

    @Override
    public Tensor round(Tensor x) {
        return ROUND.apply(x);
    }

    @Override
    public Tensor clip(Tensor x, double min, double max) {
        return new Clip(min, max).apply(x);
    }

    /** The same tensor when the dtype already matches (as PyTorch's {@code .to}); else a converted copy. */
    @Override
    public Tensor cast(Tensor x, DType dtype) {
        return x.dtype() == dtype ? x : new Cast(dtype).apply(x);
    }
}
