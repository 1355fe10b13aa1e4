package jgrad.ops.reduce;

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
import org.junit.jupiter.api.TestFactory;

/**
 * Runs this package's specs by themselves: gradcheck and gradgradcheck on every sample (also on
 * transposed views of rank-2+ inputs), forward for the non-differentiable ones, and every error
 * case with its message.
 */
class ReduceSpecsTest {

    @TestFactory
    Stream<DynamicNode> everyReduceSpec() {
        return ReduceSpecs.all().stream().map(spec -> DynamicContainer.dynamicContainer(spec.name(), tests(spec)));
    }

    @TestFactory
    Stream<DynamicTest> namesAreUnique() {
        return Stream.of(DynamicTest.dynamicTest("unique", () -> assertThat(
                ReduceSpecs.all().stream().map(OpSpec::name).toList()).doesNotHaveDuplicates()));
    }

    private static Stream<DynamicNode> tests(OpSpec spec) {
        List<DynamicNode> nodes = new ArrayList<>();
        GradCheck check = GradCheck.with(GradCheck.DEFAULT_EPS, spec.atol(), spec.rtol());
        for (int s = 0; s < spec.samples().size(); s++) {
            OpSpec.Sample sample = spec.samples().get(s);
            for (boolean transposed : new boolean[] {false, true}) {
                List<Tensor> in = inputs(sample, 17L * s + 1, transposed);
                String label = "sample " + s + " " + in.stream().map(t -> t.shape().toString()).toList()
                        + (transposed ? " transposed" : "");
                if (spec.differentiable()) {
                    nodes.add(DynamicTest.dynamicTest(label + ": gradcheck",
                            () -> check.jacobianCheck(spec.function(), in).assertPassed()));
                    if (spec.secondOrder()) {
                        nodes.add(DynamicTest.dynamicTest(label + ": gradgradcheck",
                                () -> check.secondOrder(spec.function(), in).assertPassed()));
                    }
                } else {
                    nodes.add(DynamicTest.dynamicTest(label + ": forward",
                            () -> assertThat(spec.function().apply(in).dtype()).isEqualTo(DType.INT64)));
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

    /** Float64 inputs; transposed ones are views (a transposed copy transposed back) with the same shape. */
    private static List<Tensor> inputs(OpSpec.Sample sample, long seed, boolean transposed) {
        Rng rng = new Rng(seed);
        List<Tensor> out = new ArrayList<>();
        try (var s = GradientTape.noGrad()) {
            for (OpSpec.Input in : sample.inputs()) {
                out.add(switch (in) {
                    case OpSpec.FixedInput f -> f.tensor();
                    case OpSpec.RandomInput r -> {
                        int[] dims = r.shape().dims();
                        if (!transposed || dims.length < 2) {
                            yield Tensor.randomUniform(rng, DType.FLOAT64, r.low(), r.high(), dims);
                        }
                        int[] swapped = dims.clone();
                        swapped[dims.length - 1] = dims[dims.length - 2];
                        swapped[dims.length - 2] = dims[dims.length - 1];
                        yield Tensor.randomUniform(rng, DType.FLOAT64, r.low(), r.high(), swapped).transpose(-1, -2);
                    }
                });
            }
        }
        return out;
    }
}
