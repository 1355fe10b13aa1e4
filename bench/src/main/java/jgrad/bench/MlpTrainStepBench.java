package jgrad.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * One training step of the MNIST-size MLP (784-128-64-10, ReLU, softmax cross-entropy on the
 * logits) at batch sizes 64, 128 and 256, written with ops only: forward on a GradientTape, the
 * gradient of six variables, and an Adam update in tensor ops. {@link #forward} is the forward
 * pass alone. The whole-epoch comparison with PyTorch, through jgrad.nn's {@code model.fit}, is
 * {@code scripts/bench_mlp.sh}; this measures the engine under it, step by step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MlpTrainStepBench {
    @Param({"64", "128", "256"})
    public int batch;

    private Tensor x;
    private Tensor y;
    private Variable[] params;
    private Tensor[] m;
    private Tensor[] v;
    private long t;

    @Setup(Level.Trial)
    public void setUp() {
        Rng rng = new Rng(1);
        x = Tensor.randomUniform(rng, 0, 1, batch, 784);
        long[] labels = new long[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(10);
        }
        y = Tensor.wrap(labels, Shape.of(batch));
        int[] sizes = {784, 128, 64, 10};
        params = new Variable[6];
        for (int l = 0; l < 3; l++) {
            double limit = Math.sqrt(6.0 / (sizes[l] + sizes[l + 1])); // Glorot uniform, as Dense uses
            params[2 * l] = Variable.of(Tensor.randomUniform(rng, -limit, limit, sizes[l], sizes[l + 1]), "W" + l);
            params[2 * l + 1] = Variable.of(Tensor.zeros(sizes[l + 1]), "b" + l);
        }
        m = new Tensor[6];
        v = new Tensor[6];
        for (int i = 0; i < 6; i++) {
            m[i] = Tensor.zerosLike(params[i]);
            v[i] = Tensor.zerosLike(params[i]);
        }
    }

    private Tensor logits() {
        Tensor h = x.matmul(params[0]).add(params[1]).relu();
        h = h.matmul(params[2]).add(params[3]).relu();
        return h.matmul(params[4]).add(params[5]);
    }

    @Benchmark
    public Tensor trainStep() {
        try (GradientTape tape = new GradientTape()) {
            Tensor loss = Losses.sparseCategoricalCrossEntropyWithLogits(y, logits());
            List<Tensor> g = tape.gradient(loss, params);
            t++;
            double lr = 1e-3 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
            for (int i = 0; i < 6; i++) {
                m[i] = m[i].mul(0.9f).add(g.get(i).mul(0.1f));
                v[i] = v[i].mul(0.999f).add(g.get(i).square().mul(0.001f));
                params[i].assignSub(m[i].div(v[i].sqrt().add(1e-7f)).mul((float) lr));
            }
            return loss;
        }
    }

    @Benchmark
    public Tensor forward() {
        return logits();
    }
}
