package jgrad.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.NotDifferentiableException;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import jgrad.core.check.GradCheck;
import jgrad.core.check.OpSpec;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The op suite: for every spec in {@link OpRegistry}, on every sample, contiguous and as strided
 * views: float64 gradcheck, gradgradcheck, a zero-gradient invariant, run-twice determinism, and
 * the spec's error cases with their messages. Registering an op is what gets it tested here.
 */
class OpSuiteTest {

    @TestFactory
    Stream<DynamicNode> everyRegisteredOp() {
        return OpRegistry.all().stream().map(spec -> DynamicContainer.dynamicContainer(spec.name(), tests(spec)));
    }

    @TestFactory
    Stream<DynamicTest> registryNamesAreUnique() {
        return Stream.of(DynamicTest.dynamicTest("unique names", () -> {
            List<String> names = OpRegistry.all().stream().map(OpSpec::name).toList();
            assertThat(names).doesNotHaveDuplicates().isNotEmpty();
        }));
    }

    private static Stream<DynamicNode> tests(OpSpec spec) {
        List<DynamicNode> nodes = new ArrayList<>();
        for (int s = 0; s < spec.samples().size(); s++) {
            OpSpec.Sample sample = spec.samples().get(s);
            for (boolean strided : new boolean[] {false, true}) {
                if (strided && !hasViewableInput(sample)) {
                    continue;
                }
                String label = "sample " + s + " " + describe(sample) + (strided ? " strided" : "");
                long seed = 31L * spec.name().hashCode() + s;
                nodes.add(DynamicTest.dynamicTest(label + ": determinism",
                        () -> checkDeterminism(spec, inputs(sample, seed, strided))));
                if (spec.differentiable()) {
                    nodes.add(DynamicTest.dynamicTest(label + ": gradcheck", () -> GradCheck
                            .with(GradCheck.DEFAULT_EPS, spec.atol(), spec.rtol())
                            .jacobianCheck(spec.function(), inputs(sample, seed, strided)).assertPassed()));
                    nodes.add(DynamicTest.dynamicTest(label + ": zero output gradient gives zero gradients",
                            () -> checkZeroGradient(spec, inputs(sample, seed, strided))));
                    if (spec.secondOrder()) {
                        nodes.add(DynamicTest.dynamicTest(label + ": gradgradcheck", () -> GradCheck
                                .with(GradCheck.DEFAULT_EPS, spec.atol(), spec.rtol())
                                .secondOrder(spec.function(), inputs(sample, seed, strided)).assertPassed()));
                    }
                } else {
                    nodes.add(DynamicTest.dynamicTest(label + ": refuses a gradient",
                            () -> checkNotDifferentiable(spec, inputs(sample, seed, strided))));
                }
            }
        }
        for (int e = 0; e < spec.errors().size(); e++) {
            OpSpec.ErrorCase error = spec.errors().get(e);
            nodes.add(DynamicTest.dynamicTest("error " + e + ": " + error.messageContains(),
                    () -> assertThatThrownBy(() -> spec.function().apply(error.inputs()))
                            .isInstanceOf(error.type())
                            .hasMessageContaining(error.messageContains())));
        }
        return nodes.stream();
    }

    private static boolean hasViewableInput(OpSpec.Sample sample) {
        for (OpSpec.Input in : sample.inputs()) {
            if (in instanceof OpSpec.RandomInput r && r.shape().rank() >= 1 && r.shape().size() > 1) {
                return true;
            }
        }
        return false;
    }

    private static String describe(OpSpec.Sample sample) {
        StringBuilder sb = new StringBuilder("(");
        for (OpSpec.Input in : sample.inputs()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(switch (in) {
                case OpSpec.RandomInput r -> r.shape().toString();
                case OpSpec.FixedInput f -> f.tensor().shape() + " " + f.tensor().dtype();
            });
        }
        return sb.append(')').toString();
    }

    /**
     * Float64 inputs for a sample. Strided inputs hold the same kind of values but as views with
     * non-unit strides: a transposed copy transposed back (rank >= 2) or every other element of a
     * twice-as-long vector (rank 1).
     */
    static List<Tensor> inputs(OpSpec.Sample sample, long seed, boolean strided) {
        Rng rng = new Rng(seed);
        List<Tensor> out = new ArrayList<>();
        try (var s = GradientTape.noGrad()) {
            for (OpSpec.Input in : sample.inputs()) {
                out.add(switch (in) {
                    case OpSpec.FixedInput f -> f.tensor();
                    case OpSpec.RandomInput r -> strided ? stridedRandom(rng, r) : Tensor.randomUniform(rng,
                            DType.FLOAT64, r.low(), r.high(), r.shape().dims());
                });
            }
        }
        return out;
    }

    private static Tensor stridedRandom(Rng rng, OpSpec.RandomInput r) {
        Shape shape = r.shape();
        int[] dims = shape.dims();
        if (dims.length >= 2) {
            int[] swapped = dims.clone();
            swapped[dims.length - 1] = dims[dims.length - 2];
            swapped[dims.length - 2] = dims[dims.length - 1];
            Tensor t = Tensor.randomUniform(rng, DType.FLOAT64, r.low(), r.high(), swapped).transpose(-1, -2);
            assertThat(t.shape()).isEqualTo(shape);
            return t;
        }
        if (dims.length == 1) {
            Tensor t = Tensor.randomUniform(rng, DType.FLOAT64, r.low(), r.high(), 2 * dims[0]).slice(0, 0,
                    2 * dims[0], 2);
            assertThat(t.shape()).isEqualTo(shape);
            return t;
        }
        return Tensor.randomUniform(rng, DType.FLOAT64, r.low(), r.high(), dims);
    }

    private static void checkDeterminism(OpSpec spec, List<Tensor> inputs) {
        Tensor a = spec.function().apply(inputs);
        Tensor b = spec.function().apply(inputs);
        assertThat(a.shape()).isEqualTo(b.shape());
        assertThat(a.dtype()).isEqualTo(b.dtype());
        assertThat(a.contentEquals(b)).as("%s twice on the same inputs gives the same bits", spec.name()).isTrue();
    }

    private static void checkZeroGradient(OpSpec spec, List<Tensor> inputs) {
        List<Tensor> floats = floating(inputs);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(floats.toArray(new Tensor[0]));
            Tensor y = spec.function().apply(inputs);
            List<Tensor> g = tape.gradient(y, floats, Tensor.zerosLike(y), UnconnectedGradients.ZERO);
            for (int i = 0; i < g.size(); i++) {
                assertThat(g.get(i).shape()).isEqualTo(floats.get(i).shape());
                for (double v : g.get(i).toDoubleArray()) {
                    assertThat(v).as("gradient of input %d for a zero output gradient", i).isZero();
                }
            }
        }
    }

    private static void checkNotDifferentiable(OpSpec spec, List<Tensor> inputs) {
        List<Tensor> floats = floating(inputs);
        Function<List<Tensor>, Tensor> f = spec.function();
        try (GradientTape tape = new GradientTape()) {
            tape.watch(floats.toArray(new Tensor[0]));
            Tensor y = f.apply(inputs);
            if (floats.isEmpty() || !y.dtype().isFloating()) {
                return; // nothing a gradient could be asked of: integer or bool in and out
            }
            assertThatThrownBy(() -> tape.gradient(y, floats))
                    .isInstanceOf(NotDifferentiableException.class)
                    .hasMessageContaining("not differentiable");
        }
    }

    private static List<Tensor> floating(List<Tensor> inputs) {
        return inputs.stream().filter(t -> t.dtype().isFloating()).toList();
    }
}
