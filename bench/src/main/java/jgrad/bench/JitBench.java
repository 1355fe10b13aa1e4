package jgrad.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import jgrad.codegen.Codegen;
import jgrad.codegen.CompiledFunction;
import jgrad.codegen.Jit;
import jgrad.codegen.fused.Kernels;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.ops.Losses;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compiled functions ({@link Jit}) against the same code run op by op:
 * <ul>
 *   <li>{@code chain*}: a 6-op elementwise chain on 4M floats, {@code sigmoid(tanh(x * y + z) * x - y)}, compiled (one fused kernel) and eager (six passes over memory);</li>
 *   <li>{@code dense*}: {@code relu(x @ w + b)} at the MLP's layer shapes, compiled (the planner
 *       rewrites it to one GEMM with the bias and ReLU in its epilogue) and eager (three ops);</li>
 *   <li>{@code trainStep}: one training step of the MNIST MLP (784-128-64-10, batch 64: forward,
 *       sparse softmax cross-entropy, gradients, Adam) with the forward + loss and the Adam
 *       update compiled, {@code fusion} on or off ({@code Codegen.setEnabled}), and
 *       {@code trainStepEager}, the same step without Jit;</li>
 *   <li>{@code compileLatency}: trace, plan and javac for a kernel never seen before (a clip
 *       with fresh bounds), after warm-up; single shot, milliseconds.</li>
 * </ul>
 * Run: {@code ./jgrad bench JitBench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// A fixed 2 GB heap: the eager chain allocates six 16 MB arrays per call, and with the default,
// resizing heap its time is dominated by garbage collection (25 ms with it, 500 ms without).
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JitBench {
    /** Three 4M-float operands and the compiled chain. */
    @State(Scope.Thread)
    public static class Chain {
        Tensor x;
        Tensor y;
        Tensor z;
        CompiledFunction compiled;

        @Setup(Level.Trial)
        public void setUp() {
            Codegen.setEnabled(true);
            Rng rng = new Rng(1);
            int n = 4 << 20;
            x = Tensor.randomNormal(rng, 0, 1, n);
            y = Tensor.randomNormal(rng, 0, 1, n);
            z = Tensor.randomNormal(rng, 0, 1, n);
            compiled = Jit.compile(in -> new Tensor[] {chain(in[0], in[1], in[2])});
            compiled.apply(x, y, z);
            compiled.apply(x, y, z);
            Kernels.awaitCompilations();
            if (compiled.plan().fusedOps().size() != 1) {
                throw new IllegalStateException("JitBench: expected one fused group, got\n" + compiled.plan());
            }
        }

        static Tensor chain(Tensor x, Tensor y, Tensor z) {
            return x.mul(y).add(z).tanh().mul(x).sub(y).sigmoid();
        }
    }

    @Benchmark
    public Tensor chainCompiled(Chain c) {
        return c.compiled.apply(c.x, c.y, c.z)[0];
    }

    @Benchmark
    public Tensor chainEager(Chain c) {
        return Chain.chain(c.x, c.y, c.z);
    }

    /** One dense layer's operands. */
    @State(Scope.Thread)
    public static class Layer {
        /** batch x in x out. */
        @Param({"64x784x128", "64x128x64", "64x64x10"})
        public String shape;

        Tensor x;
        Variable w;
        Variable b;
        CompiledFunction compiled;

        @Setup(Level.Trial)
        public void setUp() {
            String[] p = shape.split("x");
            int batch = Integer.parseInt(p[0]);
            int in = Integer.parseInt(p[1]);
            int out = Integer.parseInt(p[2]);
            Rng rng = new Rng(1);
            x = Tensor.randomUniform(rng, 0, 1, batch, in);
            w = Variable.of(Tensor.randomNormal(rng, 0, 0.05, in, out), "w");
            b = Variable.of(Tensor.randomNormal(rng, 0, 0.05, out), "b");
            compiled = Jit.unary(t -> t.matmul(w).add(b).relu());
            compiled.call(x);
            if (compiled.plan().denseRewrites() != 1) {
                throw new IllegalStateException("JitBench: expected a dense rewrite, got\n" + compiled.plan());
            }
        }
    }

    @Benchmark
    public Tensor denseCompiled(Layer l) {
        return l.compiled.call(l.x);
    }

    @Benchmark
    public Tensor denseEager(Layer l) {
        return l.x.matmul(l.w).add(l.b).relu();
    }

    /** The MLP, its Adam state, and the compiled step functions. */
    @State(Scope.Thread)
    public static class Mlp {
        @Param({"true", "false"})
        public boolean fusion;

        Tensor x;
        Tensor y;
        Variable[] params;
        Tensor[] m;
        Tensor[] v;
        long t;
        CompiledFunction loss;
        CompiledFunction adam;

        @Setup(Level.Trial)
        public void setUp() {
            Codegen.setEnabled(fusion);
            Rng rng = new Rng(1);
            int batch = 64;
            x = Tensor.randomUniform(rng, 0, 1, batch, 784);
            long[] labels = new long[batch];
            for (int i = 0; i < batch; i++) {
                labels[i] = rng.nextInt(10);
            }
            y = Tensor.wrap(labels, Shape.of(batch));
            int[] sizes = {784, 128, 64, 10};
            params = new Variable[6];
            m = new Tensor[6];
            v = new Tensor[6];
            for (int l = 0; l < 3; l++) {
                double limit = Math.sqrt(6.0 / (sizes[l] + sizes[l + 1]));
                params[2 * l] = Variable.of(Tensor.randomUniform(rng, -limit, limit, sizes[l], sizes[l + 1]), "W" + l);
                params[2 * l + 1] = Variable.of(Tensor.zeros(sizes[l + 1]), "b" + l);
            }
            for (int i = 0; i < 6; i++) {
                m[i] = Tensor.zerosLike(params[i]);
                v[i] = Tensor.zerosLike(params[i]);
            }
            loss = Jit.binary((xs, ys) -> Losses.sparseCategoricalCrossEntropyWithLogits(ys, logits(xs)));
            // Adam's moment updates and step: three elementwise chains, fused into three kernels.
            adam = Jit.compile(in -> {
                Tensor g = in[0];
                Tensor m1 = in[1].mul(0.9f).add(g.mul(0.1f));
                Tensor v1 = in[2].mul(0.999f).add(g.square().mul(0.001f));
                Tensor step = m1.div(v1.sqrt().add(1e-7f)).mul(in[3]);
                return new Tensor[] {m1, v1, step};
            });
        }

        Tensor logits(Tensor in) {
            Tensor h = in.matmul(params[0]).add(params[1]).relu();
            h = h.matmul(params[2]).add(params[3]).relu();
            return h.matmul(params[4]).add(params[5]);
        }

        Tensor step(boolean jit) {
            try (GradientTape tape = new GradientTape()) {
                Tensor l = jit ? loss.call(x, y) : Losses.sparseCategoricalCrossEntropyWithLogits(y, logits(x));
                List<Tensor> g = tape.gradient(l, params);
                t++;
                float lr = (float) (1e-3 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t)));
                Tensor lrT = Tensor.of(lr);
                for (int i = 0; i < 6; i++) {
                    Tensor step;
                    if (jit) {
                        Tensor[] r = adam.apply(g.get(i), m[i], v[i], lrT);
                        m[i] = r[0];
                        v[i] = r[1];
                        step = r[2];
                    } else {
                        m[i] = m[i].mul(0.9f).add(g.get(i).mul(0.1f));
                        v[i] = v[i].mul(0.999f).add(g.get(i).square().mul(0.001f));
                        step = m[i].div(v[i].sqrt().add(1e-7f)).mul(lrT);
                    }
                    params[i].assignSub(step);
                }
                return l;
            }
        }
    }

    @Benchmark
    public Tensor trainStep(Mlp s) {
        return s.step(true);
    }

    @Benchmark
    public Tensor trainStepEager(Mlp s) {
        return s.step(false);
    }

    /** A fresh kernel per invocation: clip bounds are literals of the generated source. */
    @State(Scope.Thread)
    public static class Fresh {
        Tensor a;
        Tensor b;
        double bound = 1;

        @Setup(Level.Trial)
        public void setUp() {
            Kernels.setSynchronous(true);
            Codegen.setEnabled(true);
            a = Tensor.randomNormal(new Rng(2), 0, 1, 1024);
            b = Tensor.randomNormal(new Rng(3), 0, 1, 1024);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 10, batchSize = 1)
    @Measurement(iterations = 20, batchSize = 1)
    public Tensor compileLatency(Fresh f) {
        double c = f.bound += 0.001;
        CompiledFunction fn = Jit.binary((p, q) -> p.mul(q).add(1.0).clip(-c, c).exp());
        fn.call(f.a, f.b);          // traces (runs eagerly)
        return fn.call(f.a, f.b);   // plans and compiles the kernel (synchronously), runs it
    }
}
