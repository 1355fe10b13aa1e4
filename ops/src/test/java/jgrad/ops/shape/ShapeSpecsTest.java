package jgrad.ops.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.check.GradCheck;
import jgrad.core.check.OpSpec;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs this package's specs the way the registry-wide suite does: gradcheck and gradgradcheck on
 * every sample (also on transposed-view inputs), run-twice determinism and every error case.
 */
class ShapeSpecsTest {

    @Test
    void everySpecHasAZeroSizeSampleDefaultTolerancesAndAUniqueName() {
        List<String> names = ShapeSpecs.all().stream().map(OpSpec::name).toList();
        assertThat(names).doesNotHaveDuplicates().contains("reshape", "permute", "expand", "squeeze", "unsqueeze",
                "slice", "concat", "stack", "split", "gather", "pad", "contiguous");
        for (OpSpec spec : ShapeSpecs.all()) {
            boolean zeroSize = spec.samples().stream().anyMatch(s -> s.inputs().stream()
                    .anyMatch(in -> in instanceof OpSpec.RandomInput r && r.shape().size() == 0));
            assertThat(zeroSize).as("%s has a zero-size sample", spec.name()).isTrue();
            // Shape ops only move values, so the default tolerances the tests below use must hold.
            assertThat(spec.atol()).isEqualTo(GradCheck.DEFAULT_ATOL);
            assertThat(spec.rtol()).isEqualTo(GradCheck.DEFAULT_RTOL);
        }
    }

    @TestFactory
    Stream<DynamicTest> gradcheck() {
        return samples((spec, in) -> GradCheck.check(spec.function(), in).assertPassed());
    }

    @TestFactory
    Stream<DynamicTest> gradgradcheck() {
        return samples((spec, in) -> {
            if (spec.secondOrder()) {
                GradCheck.gradGradCheck(spec.function(), in).assertPassed();
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> runTwiceGivesTheSameBits() {
        return samples((spec, in) -> {
            Tensor a = spec.function().apply(in);
            Tensor b = spec.function().apply(in);
            assertThat(a.contentEquals(b)).isTrue();
        });
    }

    @TestFactory
    Stream<DynamicTest> errorCases() {
        List<DynamicTest> tests = new ArrayList<>();
        for (OpSpec spec : ShapeSpecs.all()) {
            for (OpSpec.ErrorCase e : spec.errors()) {
                tests.add(DynamicTest.dynamicTest(spec.name() + ": " + e.messageContains(),
                        () -> assertThatThrownBy(() -> spec.function().apply(e.inputs()))
                                .isInstanceOf(e.type())
                                .hasMessageContaining(e.messageContains())));
            }
        }
        return tests.stream();
    }

    interface Check {
        void run(OpSpec spec, List<Tensor> inputs);
    }

    private static Stream<DynamicTest> samples(Check check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (OpSpec spec : ShapeSpecs.all()) {
            for (int s = 0; s < spec.samples().size(); s++) {
                OpSpec.Sample sample = spec.samples().get(s);
                for (boolean strided : new boolean[] {false, true}) {
                    if (strided && sample.inputs().stream()
                            .noneMatch(in -> in instanceof OpSpec.RandomInput r && r.shape().rank() >= 2)) {
                        continue;
                    }
                    long seed = 1000L * s + spec.name().length();
                    tests.add(DynamicTest.dynamicTest(spec.name() + " sample " + s + (strided ? " strided" : ""),
                            () -> check.run(spec, inputs(sample, seed, strided))));
                }
            }
        }
        return tests.stream();
    }

    /** Random float64 inputs; strided ones are transposed copies transposed back (rank >= 2). */
    static List<Tensor> inputs(OpSpec.Sample sample, long seed, boolean strided) {
        Rng rng = new Rng(seed);
        List<Tensor> out = new ArrayList<>();
        for (OpSpec.Input in : sample.inputs()) {
            out.add(switch (in) {
                case OpSpec.FixedInput f -> f.tensor();
                case OpSpec.RandomInput r -> {
                    int[] dims = r.shape().dims();
                    if (!strided || dims.length < 2) {
                        yield Tensor.randomUniform(rng, DType.FLOAT64, r.low(), r.high(), dims);
                    }
                    int[] swapped = dims.clone();
                    swapped[dims.length - 1] = dims[dims.length - 2];
                    swapped[dims.length - 2] = dims[dims.length - 1];
                    yield Tensor.randomUniform(rng, DType.FLOAT64, r.low(), r.high(), swapped).transpose(-1, -2);
                }
            });
        }
        return out;
    }
}
