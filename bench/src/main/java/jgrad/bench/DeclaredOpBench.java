package jgrad.bench;

import java.util.concurrent.TimeUnit;
import jgrad.codegen.Codegen;
import jgrad.codegen.CompiledFunction;
import jgrad.codegen.Jit;
import jgrad.codegen.fused.Kernels;
import jgrad.core.GradientTape;
import jgrad.core.Op;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.ops.math.ElementwiseOp;
import jgrad.ops.math.Expr;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A user's elementwise op in a robust regression loss, {@code logcosh(p - t)} on 1M float32 values,
 * five ways: logcosh declared as an {@link ElementwiseOp} (the vectorised interpreter), written as
 * an op record with a scalar loop (docs/adding-an-op.md's record route), as a composite of built-in
 * ops (six passes over memory), and the declared op and the composite compiled by the code
 * generator ({@link Jit}: one fused kernel each); forward alone and forward plus the gradient with
 * respect to p. Run: {@code ./jgrad bench DeclaredOpBench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DeclaredOpBench {
    static final int N = 1 << 20;

    static final ElementwiseOp LOG_COSH = ElementwiseOp
            .unary("logcosh", x -> x.abs().add(x.abs().mul(-2).exp().log1p()).sub(Math.log(2)))
            .withDerivative(0, Expr.input(0).tanh());

    /** The record route: a scalar loop per dtype, the gradient with Tensor ops. */
    record LoopLogCosh() implements Op {
        @Override
        public String name() {
            return "logcosh_loop";
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            Tensor c = inputs[0].contiguous();
            float[] f = (float[]) c.storage();
            int off = c.offset();
            float[] out = new float[c.size()];
            for (int i = 0; i < out.length; i++) {
                double a = Math.abs(f[off + i]);
                out[i] = (float) (a + Math.log1p(Math.exp(-2 * a)) - Math.log(2));
            }
            return Tensor.wrap(out, c.shape());
        }

        @Override
        public Tensor[] vjp(Backward b) {
            return new Tensor[] {b.grad().mul(b.input(0).tanh())};
        }
    }

    static Tensor composite(Tensor x) {
        Tensor a = x.abs();
        return a.add(a.mul(-2).exp().log1p()).sub(Math.log(2));
    }

    private Tensor p;
    private Tensor t;
    private CompiledFunction declaredFused;
    private CompiledFunction compositeFused;
    private CompiledFunction declaredFusedGrad;
    private CompiledFunction compositeFusedGrad;

    @Setup(Level.Trial)
    public void setUp() {
        Rng rng = new Rng(1);
        p = Tensor.randomUniform(rng, -3, 3, N);
        t = Tensor.randomUniform(rng, -3, 3, N);
        Codegen.setEnabled(true);
        declaredFused = compiled((a, b) -> LOG_COSH.apply(a.sub(b)));
        compositeFused = compiled((a, b) -> composite(a.sub(b)));
        declaredFusedGrad = compiled((a, b) -> gradient(x -> LOG_COSH.apply(x.sub(b)), a));
        compositeFusedGrad = compiled((a, b) -> gradient(x -> composite(x.sub(b)), a));
    }

    private CompiledFunction compiled(java.util.function.BinaryOperator<Tensor> f) {
        CompiledFunction c = Jit.binary(f);
        c.call(p, t);
        c.call(p, t);
        Kernels.awaitCompilations();
        if (c.plan().fusedOps().isEmpty()) {
            throw new IllegalStateException("DeclaredOpBench: expected a fused group, got\n" + c.plan());
        }
        return c;
    }

    static Tensor gradient(java.util.function.UnaryOperator<Tensor> f, Tensor x) {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            return tape.gradient(f.apply(x).sum(), x);
        }
    }

    @Benchmark
    public Tensor declared() {
        return LOG_COSH.apply(p.sub(t));
    }

    @Benchmark
    public Tensor recordLoop() {
        return new LoopLogCosh().apply(p.sub(t));
    }

    @Benchmark
    public Tensor composite() {
        return composite(p.sub(t));
    }

    @Benchmark
    public Tensor declaredFused() {
        return declaredFused.call(p, t);
    }

    @Benchmark
    public Tensor compositeFused() {
        return compositeFused.call(p, t);
    }

    @Benchmark
    public Tensor gradDeclared() {
        return gradient(x -> LOG_COSH.apply(x.sub(t)), p);
    }

    @Benchmark
    public Tensor gradRecordLoop() {
        return gradient(x -> new LoopLogCosh().apply(x.sub(t)), p);
    }

    @Benchmark
    public Tensor gradComposite() {
        return gradient(x -> composite(x.sub(t)), p);
    }

    @Benchmark
    public Tensor gradDeclaredFused() {
        return declaredFusedGrad.call(p, t);
    }

    @Benchmark
    public Tensor gradCompositeFused() {
        return compositeFusedGrad.call(p, t);
    }
}
