package jgrad.ops.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.check.GradCheck;
import jgrad.core.check.OpSpec;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every math spec through float64 gradcheck and gradgradcheck, and its error cases; the same in
 * float32 for the forward pass, so a dtype slip in a kernel or a vjp shows up here first.
 */
class MathSpecsTest {

    @Test
    void everyMathOpHasASpecWithAUniqueName() {
        List<String> names = MathSpecs.all().stream().map(OpSpec::name).toList();
        assertThat(names).doesNotHaveDuplicates().contains("add", "sub", "mul", "div", "pow", "maximum", "minimum",
                "equal", "notEqual", "less", "lessEqual", "greater", "greaterEqual", "where", "neg", "exp", "log",
                "log1p", "sqrt", "rsqrt", "square", "abs", "sign", "sin", "cos", "tanh", "sigmoid", "relu", "erf",
                "round", "clip", "cast");
    }

    @TestFactory
    Stream<DynamicNode> gradientsAndErrors() {
        return MathSpecs.all().stream().map(spec -> DynamicContainer.dynamicContainer(spec.name(), tests(spec)));
    }

    private static Stream<DynamicNode> tests(OpSpec spec) {
        List<DynamicNode> nodes = new ArrayList<>();
        GradCheck checker = GradCheck.with(GradCheck.DEFAULT_EPS, spec.atol(), spec.rtol());
        for (int s = 0; s < spec.samples().size(); s++) {
            OpSpec.Sample sample = spec.samples().get(s);
            long seed = 17L * spec.name().hashCode() + s;
            String label = "sample " + s;
            nodes.add(DynamicTest.dynamicTest(label + ": float32 forward matches float64", () -> {
                List<Tensor> in64 = inputs(sample, seed);
                List<Tensor> in32 = in64.stream().map(t -> t.dtype() == DType.FLOAT64 ? t.cast(DType.FLOAT32) : t)
                        .toList();
                Tensor y64 = spec.function().apply(in64);
                Tensor y32 = spec.function().apply(in32);
                assertThat(y32.shape()).isEqualTo(y64.shape());
                if (y64.dtype().isFloating() && spec.differentiable()) {
                    assertThat(y32.allClose(y64.cast(y32.dtype()), 1e-4, 1e-5)).as("%s", y32).isTrue();
                }
            }));
            if (spec.differentiable()) {
                nodes.add(DynamicTest.dynamicTest(label + ": gradcheck",
                        () -> checker.jacobianCheck(spec.function(), inputs(sample, seed)).assertPassed()));
                if (spec.secondOrder()) {
                    nodes.add(DynamicTest.dynamicTest(label + ": gradgradcheck",
                            () -> checker.secondOrder(spec.function(), inputs(sample, seed)).assertPassed()));
                }
            }
        }
        for (OpSpec.ErrorCase e : spec.errors()) {
            nodes.add(DynamicTest.dynamicTest("error: " + e.messageContains(),
                    () -> assertThatThrownBy(() -> spec.function().apply(e.inputs()))
                            .isInstanceOf(e.type())
                            .hasMessageContaining(e.messageContains())));
        }
        return nodes.stream();
    }

    private static List<Tensor> inputs(OpSpec.Sample sample, long seed) {
        Rng rng = new Rng(seed);
        List<Tensor> out = new ArrayList<>();
        try (var s = GradientTape.noGrad()) {
            for (OpSpec.Input in : sample.inputs()) {
                out.add(switch (in) {
                    case OpSpec.FixedInput f -> f.tensor();
                    case OpSpec.RandomInput r -> Tensor.randomUniform(rng, DType.FLOAT64, r.low(), r.high(),
                            r.shape().dims());
                });
            }
        }
        return out;
    }
}
