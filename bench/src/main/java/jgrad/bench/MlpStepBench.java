package jgrad.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
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
 * A micrograd-size training step: a 2-4-1 MLP (tanh hidden layer, sigmoid output, binary
 * cross-entropy) on the four XOR points, forward on a tape, gradient of four Variables, and the
 * four SGD updates. {@link #forwardOnly} is the same forward pass without a tape.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MlpStepBench {
    private final Tensor x = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    private final Tensor y = Tensor.of(new float[][] {{0}, {1}, {1}, {0}});
    private final Tensor one = Tensor.of(1f);
    private Variable w1;
    private Variable b1;
    private Variable w2;
    private Variable b2;

    @Setup(Level.Trial)
    public void setUp() {
        Rng rng = new Rng(1);
        w1 = Variable.of(Tensor.randomNormal(rng, 0, 1, 2, 4), "W1");
        b1 = Variable.of(Tensor.zeros(4), "b1");
        w2 = Variable.of(Tensor.randomNormal(rng, 0, 1, 4, 1), "W2");
        b2 = Variable.of(Tensor.zeros(1), "b2");
        try (GradientTape tape = new GradientTape()) {
            loss();
            System.out.println("\n[MlpStepBench] ops recorded per forward pass: " + tape.operations().size());
        }
    }

    private Tensor loss() {
        Tensor h = x.matmul(w1).add(b1).tanh();
        Tensor p = h.matmul(w2).add(b2).sigmoid();
        return y.mul(p.log()).add(one.sub(y).mul(one.sub(p).log())).neg().mean();
    }

    @Benchmark
    public Tensor trainStep() {
        try (GradientTape tape = new GradientTape()) {
            Tensor loss = loss();
            List<Tensor> g = tape.gradient(loss, w1, b1, w2, b2);
            w1.assignSub(g.get(0).mul(0.1f));
            b1.assignSub(g.get(1).mul(0.1f));
            w2.assignSub(g.get(2).mul(0.1f));
            b2.assignSub(g.get(3).mul(0.1f));
            return loss;
        }
    }

    @Benchmark
    public Tensor forwardOnly() {
        return loss();
    }
}
