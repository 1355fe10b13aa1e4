package jgrad.ops.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The built-in ops' gradients come from the one vjp table two ways: as one fused kernel in a plain
 * backward pass, and op by op when a tape records the backward (a gradient of a gradient). Both
 * must give the same numbers, bit for bit, on every op, including maximum's ties and relu's kink.
 */
class PrimitiveGradientTest {
    private static final List<UnaryOperator<Tensor>> UNARY = List.of(Tensor::neg, Tensor::exp, Tensor::log,
            Tensor::log1p, Tensor::sqrt, Tensor::rsqrt, Tensor::square, Tensor::abs, Tensor::sign, Tensor::sin,
            Tensor::cos, Tensor::tanh, Tensor::sigmoid, Tensor::relu, Tensor::erf, x -> x.clip(0.2, 0.9));
    private static final List<BinaryOperator<Tensor>> BINARY = List.of(Tensor::add, Tensor::sub, Tensor::mul,
            Tensor::div, Tensor::pow, Tensor::maximum, Tensor::minimum);

    /** The gradients of sum(g * f(inputs)); with an outer tape recording the backward, or none. */
    private static List<Tensor> gradients(List<Tensor> in, Tensor g, Function<List<Tensor>, Tensor> f,
            boolean recording) {
        if (!recording) {
            return gradient(in, g, f);
        }
        try (GradientTape outer = new GradientTape()) {
            outer.watch(in.toArray(new Tensor[0]));
            return gradient(in, g, f);
        }
    }

    private static List<Tensor> gradient(List<Tensor> in, Tensor g, Function<List<Tensor>, Tensor> f) {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(in.toArray(new Tensor[0]));
            return tape.gradient(f.apply(in), in, g, UnconnectedGradients.ZERO);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void fusedAndStepByStepGradientsAgreeBitForBit(DType dtype) {
        Rng rng = new Rng(7);
        // Positive x (log, sqrt, pow's base), with exact zeros and ties against y planted.
        Tensor x = Tensor.randomUniform(rng, dtype, 0.1, 2, 64, 33);
        Tensor y = Tensor.randomUniform(rng, dtype, -2, 2, 64, 33);
        double[] xv = x.toDoubleArray();
        double[] yv = y.toDoubleArray();
        for (int i = 0; i < xv.length; i += 7) {
            yv[i] = xv[i];
        }
        yv[3] = 0;
        x = Tensor.of(xv).reshape(64, 33).cast(dtype);
        y = Tensor.of(yv).reshape(64, 33).cast(dtype);
        Tensor g = Tensor.randomUniform(rng, dtype, -1, 1, 64, 33);
        Tensor s = y.sub(0.5); // relu's kink and the clip bounds hit by some elements
        for (UnaryOperator<Tensor> f : UNARY) {
            Tensor in = f == UNARY.get(13) || f == UNARY.get(15) ? s.clip(-1, 1) : x;
            List<Tensor> fused = gradients(List.of(in), g, l -> f.apply(l.get(0)), false);
            List<Tensor> steps = gradients(List.of(in), g, l -> f.apply(l.get(0)), true);
            assertThat(fused.get(0).toDoubleArray()).containsExactly(steps.get(0).toDoubleArray());
        }
        for (BinaryOperator<Tensor> f : BINARY) {
            List<Tensor> fused = gradients(List.of(x, y), g, l -> f.apply(l.get(0), l.get(1)), false);
            List<Tensor> steps = gradients(List.of(x, y), g, l -> f.apply(l.get(0), l.get(1)), true);
            for (int i = 0; i < 2; i++) {
                assertThat(fused.get(i).toDoubleArray()).containsExactly(steps.get(i).toDoubleArray());
            }
        }
    }
}
