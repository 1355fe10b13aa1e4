package jgrad.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jgrad.codegen.fused.Kernels;
import jgrad.codegen.plan.Plan;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.TensorFunction;
import jgrad.core.Variable;
import jgrad.core.check.GradCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiled functions against the same functions run eagerly: values, gradients, caching, purity. */
class CompiledFunctionTest {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-5;

    @BeforeEach
    void synchronous() {
        Kernels.setSynchronous(true);
        Codegen.setEnabled(true);
    }

    @AfterEach
    void restore() {
        Kernels.setSynchronous(false);
        Codegen.setEnabled(true);
    }

    /** Fusable chains, a matmul, a softmax (unfusable), broadcasting and a reduction epilogue. */
    static Tensor[] mixed(Tensor... in) {
        Tensor x = in[0];
        Tensor y = in[1];
        Tensor w = in[2];
        Tensor h = x.mul(y).add(1.0).tanh();                // [4, 5] * [5]: broadcast, fused
        Tensor z = h.matmul(w).softmax(-1);                 // unfusable ops
        Tensor s = z.sub(0.25).square().mul(h.mean()).sum(); // chain ending in a sum, reading h again
        return new Tensor[] {s, z};
    }

    static Tensor[] inputs(long seed, DType dtype) {
        Rng rng = new Rng(seed);
        return new Tensor[] {Tensor.randomNormal(rng, dtype, 0, 1, 4, 5), Tensor.randomNormal(rng, dtype, 0, 1, 5),
                Tensor.randomNormal(rng, dtype, 0, 1, 5, 3)};
    }

    static void assertClose(Tensor[] a, Tensor[] b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i].shape()).isEqualTo(b[i].shape());
            assertThat(a[i].allClose(b[i], RTOL, ATOL)).as("output %d: %s vs %s", i, a[i], b[i]).isTrue();
        }
    }

    @Test
    void compiledEqualsEagerOnMixedFunctionsAcrossCalls() {
        CompiledFunction f = Jit.compile((TensorFunction) CompiledFunctionTest::mixed);
        for (long seed = 1; seed <= 3; seed++) {
            Tensor[] in = inputs(seed, DType.FLOAT32);
            assertClose(f.apply(in), mixed(in));
        }
        Plan plan = f.plan();
        assertThat(plan.fusedOps()).isNotEmpty();
        assertThat(f.traceCount()).isEqualTo(1);
    }

    @Test
    void viewsAndBroadcastingAsArguments() {
        CompiledFunction f = Jit.binary((a, b) -> a.mul(b).sub(b.exp()).relu());
        Rng rng = new Rng(4);
        Tensor base = Tensor.randomNormal(rng, 0, 1, 6, 4);
        Tensor transposed = base.transpose();                     // [4, 6], strided
        Tensor column = Tensor.randomNormal(rng, 0, 1, 4, 1);     // broadcast over columns
        Tensor sliced = Tensor.randomNormal(rng, 0, 1, 4, 8).slice(1, 1, 7); // [4, 6] view with offset
        for (int i = 0; i < 2; i++) {
            assertThat(f.call(transposed, column).allClose(transposed.mul(column).sub(column.exp()).relu(), RTOL, ATOL))
                    .isTrue();
            assertThat(f.call(sliced, column).allClose(sliced.mul(column).sub(column.exp()).relu(), RTOL, ATOL))
                    .isTrue();
        }
    }

    @Test
    void gradientsThroughACompiledFunctionEqualEagerGradients() {
        CompiledFunction f = Jit.compile((TensorFunction) CompiledFunctionTest::mixed);
        Tensor[] in = inputs(7, DType.FLOAT64);
        for (int call = 0; call < 3; call++) { // the first call runs eagerly while tracing; then replays
            List<Tensor> compiled;
            List<Tensor> eager;
            try (GradientTape tape = GradientTape.persistent()) {
                tape.watch(in);
                compiled = tape.gradient(f.apply(in)[0], in);
                eager = tape.gradient(mixed(in)[0], in);
            }
            for (int i = 0; i < in.length; i++) {
                assertThat(compiled.get(i).allClose(eager.get(i), 1e-9, 1e-9)).as("call %d input %d", call, i).isTrue();
            }
        }
    }

    @Test
    void compiledFunctionPassesGradCheck() {
        CompiledFunction f = Jit.compile((TensorFunction) CompiledFunctionTest::mixed);
        Tensor[] in = inputs(8, DType.FLOAT64);
        f.apply(in); // trace first, so that the check differentiates the replayed plan
        GradCheck.Result r = GradCheck.check(xs -> f.apply(xs.toArray(new Tensor[0]))[0], List.of(in));
        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    @Test
    void secondOrderGradientsThroughFusedGroups() {
        CompiledFunction f = Jit.unary(x -> x.mul(x).add(1.0).log().sum());
        Tensor x = Tensor.of(new double[] {0.5, -1.5, 2.0});
        f.call(x);
        Tensor g2;
        try (GradientTape outer = new GradientTape(); GradientTape inner = new GradientTape()) {
            outer.watch(x);
            inner.watch(x);
            Tensor g = inner.gradient(f.call(x), x);
            g2 = outer.gradient(g.sum(), x);
        }
        // d2/dx2 log(1 + x^2) = 2 (1 - x^2) / (1 + x^2)^2
        double[] v = x.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            double want = 2 * (1 - v[i] * v[i]) / Math.pow(1 + v[i] * v[i], 2);
            assertThat(g2.toDoubleArray()[i]).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void newShapesRetraceRepeatsDoNotRecompile() {
        CompiledFunction f = Jit.unary(x -> x.mul(2.0).add(1.0).exp());
        Tensor a = Tensor.randomNormal(new Rng(1), 0, 1, 3, 4);
        f.call(a);
        f.call(a);
        assertThat(f.traceCount()).isEqualTo(1);
        long compiled = Kernels.compilations();
        for (int i = 0; i < 3; i++) {
            assertThat(f.call(Tensor.randomNormal(new Rng(i), 0, 1, 3, 4)).shape().dims()).containsExactly(3, 4);
        }
        assertThat(f.traceCount()).isEqualTo(1);
        assertThat(Kernels.compilations()).isEqualTo(compiled);
        f.call(Tensor.randomNormal(new Rng(2), 0, 1, 7));
        f.call(Tensor.randomNormal(new Rng(2), DType.FLOAT64, 0, 1, 3, 4));
        assertThat(f.traceCount()).isEqualTo(3);
        assertThat(f.signatures()).hasSize(3);
    }

    @Test
    void impureFunctionsAreDetectedAndRunEagerly() {
        Rng rng = new Rng(9);
        CompiledFunction dropout = Jit.unary(x -> x.mul(Tensor.bernoulli(rng, 0.5, x.shape().dims())).mul(2.0));
        Tensor x = Tensor.ones(64);
        Tensor first = dropout.call(x);
        assertThat(dropout.runsEagerly(x)).isTrue();
        assertThat(dropout.eagerReason()).contains("not pure").contains("constant");
        assertThat(dropout.plan()).isNull();
        Tensor second = dropout.call(x);
        assertThat(second.contentEquals(first)).as("fresh masks at each call, as eagerly").isFalse();
        assertThat(dropout.traceCount()).isEqualTo(1);
    }

    @Test
    void functionsAssigningVariablesRunEagerly() {
        Variable counter = Variable.of(Tensor.of(0.0), "counter", false);
        CompiledFunction f = Jit.unary(x -> {
            counter.assignAdd(Tensor.of(1.0));
            return x.mul(counter);
        });
        f.call(Tensor.of(1.0));
        assertThat(f.eagerReason()).contains("assigns Variable 'counter'");
        assertThat(f.call(Tensor.of(1.0)).item()).isEqualTo(counter.item());
    }

    @Test
    void variablesAreReadLive() {
        Variable w = Variable.of(Tensor.of(new float[] {1, 2, 3}), "w");
        CompiledFunction f = Jit.unary(x -> x.mul(w).add(w.value()).exp());
        Tensor x = Tensor.of(new float[] {0.1f, 0.2f, 0.3f});
        f.call(x);
        w.assign(Tensor.of(new float[] {-1, 0, 1}));
        Tensor y = f.call(x);
        assertThat(y.allClose(x.mul(w).add(w.value()).exp(), RTOL, ATOL)).isTrue();
        assertThat(f.traceCount()).isEqualTo(1);
    }

    @Test
    void integerArgumentsAndStopGradientAreNotBakedIn() {
        CompiledFunction f = Jit.binary((x, labels) -> x.mul(labels.cast(DType.FLOAT32)).mul(x.stopGradient()));
        Tensor x = Tensor.of(new float[] {1, 2, 3});
        f.call(x, Tensor.of(new long[] {1, 1, 1}));
        Tensor x2 = Tensor.of(new float[] {4, 5, 6});
        Tensor y = f.call(x2, Tensor.of(new long[] {0, 1, 2}));
        assertThat(y.toFloatArray()).containsExactly(0f, 25f, 72f);
        Tensor g;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x2);
            g = tape.gradient(f.call(x2, Tensor.of(new long[] {1, 1, 1})).sum(), x2);
        }
        assertThat(g.toFloatArray()).containsExactly(4f, 5f, 6f); // d(x * sg(x))/dx = sg(x)
    }

    @Test
    void severalOutputsAndOutputsThatAreInputs() {
        CompiledFunction f = Jit.compile(xs -> new Tensor[] {xs[0].exp().add(1.0), xs[1], xs[0].sub(xs[1]).abs()});
        Tensor a = Tensor.of(new float[] {1, 2});
        Tensor b = Tensor.of(new float[] {3, 1});
        f.apply(a, b);
        Tensor[] r = f.apply(a, b);
        assertThat(r[1]).isSameAs(b);
        assertThat(r[2].toFloatArray()).containsExactly(2f, 1f);
    }

    @Test
    void switchedOffStillTracesAndGivesTheSameResults() {
        CompiledFunction f = Jit.compile((TensorFunction) CompiledFunctionTest::mixed);
        Tensor[] in = inputs(3, DType.FLOAT32);
        f.apply(in);
        Tensor[] on = f.apply(in);
        assertThat(f.plan().fusedOps()).isNotEmpty();
        Codegen.setEnabled(false);
        Tensor[] off = f.apply(in);
        assertThat(f.plan().fusedOps()).isEmpty();
        assertThat(f.plan().fusion()).isFalse();
        assertThat(f.plan().steps()).hasSize(f.plan().graph().nodes().size());
        assertClose(off, on);
        assertThat(f.traceCount()).isEqualTo(1);
    }

    @Test
    void denseRewriteIsAppliedAndEqual() {
        Rng rng = new Rng(5);
        Variable w = Variable.of(Tensor.randomNormal(rng, 0, 1, 6, 3), "w");
        Variable b = Variable.of(Tensor.randomNormal(rng, 0, 1, 3), "b");
        TensorFunction layer = TensorFunction.of(x -> x.matmul(w).add(b).relu());
        CompiledFunction f = Jit.compile(layer);
        Tensor x = Tensor.randomNormal(rng, 0, 1, 5, 6);
        f.call(x);
        assertThat(f.plan().denseRewrites()).isEqualTo(1);
        assertThat(f.plan().steps()).hasSize(1);
        assertThat(f.call(x).allClose(layer.call(x), RTOL, ATOL)).isTrue();
        List<Tensor> gc;
        List<Tensor> ge;
        try (GradientTape tape = GradientTape.persistent()) {
            tape.watch(x);
            gc = tape.gradient(f.call(x).square().sum(), x, w, b);
            ge = tape.gradient(layer.call(x).square().sum(), x, w, b);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(gc.get(i).allClose(ge.get(i), 1e-4, 1e-4)).isTrue();
        }
        assertThat(f.graph()).contains("dense[activation=RELU]").contains("matmul, add, relu");
    }

    @Test
    void kernelsOfAFunctionCanBePrintedAndWritten(@TempDir Path dir) throws Exception {
        CompiledFunction f = Jit.binary((a, b) -> a.mul(b).add(b).sigmoid());
        Tensor a = Tensor.randomNormal(new Rng(1), 0, 1, 8);
        Tensor b = Tensor.randomNormal(new Rng(2), 0, 1, 8);
        f.call(a, b);
        f.call(a, b);
        assertThat(f.kernels()).isNotEmpty();
        assertThat(f.kernels().get(0).fusedOps()).containsExactly("mul", "add", "sigmoid");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        f.printKernels(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        String printed = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(printed).contains("fused[mul,add,sigmoid]").contains("class ");
        f.writeKernels(dir);
        try (var files = Files.list(dir)) {
            List<Path> written = files.toList();
            assertThat(written).hasSize(f.kernels().size());
            assertThat(Files.readString(written.get(0))).contains("class ");
        }
    }

    @Test
    void compiledTapeReplaysOnNewValuesOnly() {
        Tensor x = Tensor.of(new float[] {1, 2, 3});
        Tensor y;
        CompiledFunction replay;
        try (GradientTape tape = GradientTape.persistent()) {
            tape.watch(x);
            y = x.mul(x).add(1.0).log();
            replay = Jit.fromTape(tape, List.of(x), List.of(y));
        }
        Tensor x2 = Tensor.of(new float[] {4, 5, 6});
        assertThat(replay.call(x2).allClose(x2.mul(x2).add(1.0).log(), RTOL, ATOL)).isTrue();
        assertThat(replay.plan().fusedOps()).hasSize(1);
        assertThatThrownBy(() -> replay.call(Tensor.of(new float[] {1, 2})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be traced again");
    }

    @Test
    void inspectNamesTheTensorsOfEachGroupOnTheCallersTape() {
        Tensor x = Tensor.randomNormal(new Rng(3), 0, 1, 4, 6);
        Tensor w = Tensor.randomNormal(new Rng(4), 0, 1, 6, 2);
        Tensor b = Tensor.randomNormal(new Rng(5), 0, 1, 2);
        CompiledFunction f = Jit.compile(xs -> new Tensor[] {xs[0].matmul(xs[1]).add(xs[2]).tanh().mul(2.0).exp()});
        try (GradientTape tape = GradientTape.persistent()) {
            tape.watch(x);
            CompiledFunction.Inspection run = f.inspect(x, w, b);
            assertThat(run.groups()).containsOnlyKeys("dense[tanh] -> %5", "fused[mul,exp] -> %8");
            java.util.Set<Tensor> recorded = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            tape.operations().forEach(r -> recorded.add(r.output()));
            run.groups().values().forEach(ts -> assertThat(ts).allSatisfy(t -> assertThat(recorded).contains(t)));
            assertThat(run.outputs()[0]).isSameAs(run.groups().get("fused[mul,exp] -> %8").get(1));
        }
    }

    @Test
    void compilingTwiceReturnsTheSameFunctionAndNullsAreRejected() {
        CompiledFunction f = Jit.unary(x -> x.exp());
        assertThat(Jit.compile((TensorFunction) f)).isSameAs(f);
        assertThatThrownBy(() -> f.apply((Tensor) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("argument 0 is null");
    }

    @Test
    void coreFacadeFindsCodegen() {
        assertThat(jgrad.core.Jit.isAvailable()).isTrue();
        assertThat(jgrad.core.Jit.compilerName()).isEqualTo("jgrad.codegen");
        assertThat(jgrad.core.Jit.compile(x -> new Tensor[] {x[0]})).isInstanceOf(CompiledFunction.class);
    }
}
