package jgrad.ops.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jgrad.core.Anomaly;
import jgrad.core.AnomalyException;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.NotDifferentiableException;
import jgrad.core.Op;
import jgrad.core.RecordedOp;
import jgrad.core.Rng;
import jgrad.core.Scope;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import jgrad.core.Variable;
import jgrad.core.check.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * The tape's contract: what it records, what gradient returns, nesting for higher-order
 * gradients, and the errors it raises. Lives in module ops because it needs real ops.
 */
class GradientTapeTest {

    private static Tensor scalar(double v) {
        return Tensor.of(v);
    }

    @Test
    void gradientOfAPolynomial() {
        Tensor x = scalar(2);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.mul(x).add(x.mul(3)); // x^2 + 3x
            assertThat(tape.gradient(y, x).item()).isEqualTo(7.0);
        }
    }

    @Test
    void trainableVariablesAreWatchedAutomatically() {
        Variable w = Variable.of(Tensor.of(new float[] {1, 2}), "w");
        Tensor x = Tensor.of(new float[] {3, 4});
        try (GradientTape tape = new GradientTape()) {
            Tensor y = w.mul(x).sum();
            assertThat(tape.gradient(y, w).toFloatArray()).containsExactly(3, 4);
            assertThat(tape.watchedVariables()).containsExactly(w);
        }
    }

    @Test
    void frozenVariablesAndUnwatchedTapesRecordNothing() {
        Variable w = Variable.of(Tensor.of(new float[] {1, 2}), "w", false);
        try (GradientTape tape = new GradientTape()) {
            Tensor y = w.mul(2).sum();
            assertThat(tape.gradient(y, w)).isNull();
        }
        Variable v = Variable.of(new float[] {1, 2});
        try (GradientTape tape = new GradientTape(false, false)) {
            Tensor y = v.mul(2).sum();
            assertThat(tape.gradient(y, v)).isNull();
        }
        try (GradientTape tape = new GradientTape(false, false)) {
            tape.watch(v);
            Tensor y = v.mul(2).sum();
            assertThat(tape.gradient(y, v).toFloatArray()).containsExactly(2, 2);
        }
    }

    @Test
    void nonScalarTargetsAreSummedOrWeighted() {
        Tensor x = Tensor.of(new double[] {1, 2, 3});
        try (GradientTape tape = GradientTape.persistent()) {
            tape.watch(x);
            Tensor y = x.square();
            assertThat(tape.gradient(y, x).toDoubleArray()).containsExactly(2, 4, 6);
            List<Tensor> g = tape.gradient(y, List.of(x), Tensor.of(new double[] {1, 0, -1}),
                    UnconnectedGradients.NONE);
            assertThat(g.get(0).toDoubleArray()).containsExactly(2, 0, -6);
            assertThatThrownBy(() -> tape.gradient(y, List.of(x), Tensor.of(new double[] {1, 0}),
                    UnconnectedGradients.NONE))
                    .hasMessageContaining("outputGradient [2] float64 must match the target [3] float64");
        }
    }

    @Test
    void unconnectedSourcesGiveNullOrZeros() {
        Tensor x = scalar(1);
        Tensor z = Tensor.of(new double[] {1, 2});
        try (GradientTape tape = GradientTape.persistent()) {
            tape.watch(x, z);
            Tensor y = x.mul(5);
            List<Tensor> g0 = tape.gradient(y, x, z);
            assertThat(g0.get(0).item()).isEqualTo(5.0);
            assertThat(g0.get(1)).isNull();
            List<Tensor> g = tape.gradient(y, List.of(z), null, UnconnectedGradients.ZERO);
            assertThat(g.get(0).toDoubleArray()).containsExactly(0, 0);
        }
    }

    @Test
    void aNonPersistentTapeGivesOneGradient() {
        Tensor x = scalar(3);
        GradientTape tape = new GradientTape();
        tape.watch(x);
        Tensor y = x.square();
        tape.gradient(y, x);
        assertThatThrownBy(() -> tape.gradient(y, x)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GradientTape.persistent()");
        assertThatThrownBy(() -> tape.watch(x)).isInstanceOf(IllegalStateException.class);
        tape.close();
    }

    @Test
    void aPersistentTapeGivesManyAndWorksAfterClose() {
        Tensor x = scalar(3);
        GradientTape tape = GradientTape.persistent();
        tape.watch(x);
        Tensor y = x.square();
        Tensor z = y.mul(x);
        tape.close();
        Tensor notRecorded = x.mul(10);
        assertThat(tape.gradient(y, x).item()).isEqualTo(6.0);
        assertThat(tape.gradient(z, x).item()).isEqualTo(27.0);
        assertThat(tape.gradient(notRecorded, x)).isNull();
    }

    @Test
    void gradientIsWithRespectToIntermediateValuesToo() {
        Tensor x = scalar(2);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.square();
            Tensor z = y.mul(3).add(x);
            List<Tensor> g = tape.gradient(z, x, y);
            assertThat(g.get(0).item()).isEqualTo(13.0); // 6x + 1
            assertThat(g.get(1).item()).isEqualTo(3.0);
        }
    }

    @Test
    void secondDerivativeOfTanhWithNestedTapes() {
        Tensor x = Tensor.of(new double[] {-1.5, -0.3, 0, 0.7, 2});
        try (GradientTape outer = new GradientTape()) {
            outer.watch(x);
            Tensor dy;
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                Tensor y = x.tanh();
                dy = inner.gradient(y, x);
            }
            Tensor d2y = outer.gradient(dy, x);
            double[] xs = x.toDoubleArray();
            for (int i = 0; i < xs.length; i++) {
                double t = Math.tanh(xs[i]);
                assertThat(dy.toDoubleArray()[i]).isCloseTo(1 - t * t, within(1e-12));
                assertThat(d2y.toDoubleArray()[i]).isCloseTo(-2 * t * (1 - t * t), within(1e-12));
            }
        }
    }

    @Test
    void thirdDerivativeWithThreeTapes() {
        Tensor x = scalar(0.5);
        try (GradientTape t3 = new GradientTape()) {
            t3.watch(x);
            Tensor d2;
            try (GradientTape t2 = new GradientTape()) {
                t2.watch(x);
                Tensor d1;
                try (GradientTape t1 = new GradientTape()) {
                    t1.watch(x);
                    d1 = t1.gradient(x.pow(4), x); // 4x^3
                }
                d2 = t2.gradient(d1, x); // 12x^2
            }
            assertThat(d2.item()).isCloseTo(3.0, within(1e-12));
            assertThat(t3.gradient(d2, x).item()).isCloseTo(12.0, within(1e-12)); // 24x
        }
    }

    @Test
    void hessianVectorProduct() {
        Tensor a = Tensor.of(new double[][] {{2, 1}, {1, 3}});
        Tensor x = Tensor.of(new double[][] {{1}, {-2}});
        Tensor v = Tensor.of(new double[][] {{0.5}, {4}});
        try (GradientTape outer = new GradientTape()) {
            outer.watch(x);
            Tensor g;
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                Tensor f = x.transpose().matmul(a).matmul(x).sum(); // x^T A x
                g = inner.gradient(f, x); // 2 A x
            }
            Tensor hv = outer.gradient(g.mul(v).sum(), x); // H v = 2 A v
            assertThat(hv.toDoubleArray()).containsExactly(2 * (2 * 0.5 + 1 * 4), 2 * (1 * 0.5 + 3 * 4));
        }
    }

    @Test
    void wganGradientPenaltyIsDifferentiable() {
        Rng rng = new Rng(3);
        Tensor w = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 3, 4);
        Tensor x = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 5, 3);
        // critic D(x) = sum(tanh(x W)); penalty = mean over samples of (||dD/dx_i|| - 1)^2
        java.util.function.Function<List<Tensor>, Tensor> penalty = in -> {
            Tensor weights = in.get(0);
            Tensor grad;
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                Tensor d = x.matmul(weights).tanh().sum();
                grad = inner.gradient(d, x);
            }
            Tensor norm = grad.square().sum(new int[] {1}, false).sqrt();
            return norm.sub(1).square().mean();
        };
        GradCheck.check(penalty, List.of(w)).assertPassed();
    }

    @Test
    void jacobianOfAnElementwiseFunction() {
        Tensor x = Tensor.of(new double[] {1, 2, 3});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.square();
            Tensor j = tape.jacobian(y, x);
            assertThat(j.shape()).isEqualTo(Shape.of(3, 3));
            assertThat(j.toDoubleArray()).containsExactly(2, 0, 0, 0, 4, 0, 0, 0, 6);
        }
    }

    @Test
    void noGradPausesOpenTapesButNotTapesOpenedInside() {
        Tensor x = scalar(3);
        try (GradientTape outer = new GradientTape()) {
            outer.watch(x);
            Tensor g;
            try (Scope s = GradientTape.noGrad()) {
                try (GradientTape inner = new GradientTape()) {
                    inner.watch(x);
                    g = inner.gradient(x.square(), x);
                }
            }
            assertThat(g.item()).isEqualTo(6.0);
            assertThat(outer.gradient(g, x)).isNull(); // the outer tape saw none of it
        }
    }

    @Test
    void stopRecordingNoGradAndStopGradient() {
        Tensor x = scalar(2);
        try (GradientTape tape = GradientTape.persistent()) {
            tape.watch(x);
            Tensor paused;
            try (Scope s = tape.stopRecording()) {
                paused = x.mul(3);
            }
            Tensor none;
            try (Scope s = GradientTape.noGrad()) {
                assertThat(GradientTape.isRecordingAny()).isFalse();
                none = x.mul(3);
            }
            assertThat(GradientTape.isRecordingAny()).isTrue();
            Tensor cut = x.square().stopGradient().mul(x); // d/dx = x^2 (the cut factor is a constant)
            assertThat(tape.gradient(paused, x)).isNull();
            assertThat(tape.gradient(none, x)).isNull();
            assertThat(tape.gradient(cut, x).item()).isEqualTo(4.0);
        }
    }

    @Test
    void assigningAVariableAfterUseIsAnError() {
        Variable w = Variable.of(Tensor.of(new float[] {1, 2}), "w");
        try (GradientTape tape = new GradientTape()) {
            Tensor y = w.mul(w).sum();
            w.assign(Tensor.of(new float[] {5, 5}));
            assertThatThrownBy(() -> tape.gradient(y, w)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Variable 'w' [2] was assigned after op 'mul' used it");
        }
    }

    @Test
    void theIssueExampleTrainsAndAssignsAfterTheGradient() {
        Tensor x = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new float[][] {{0}, {0}, {0}, {1}});
        Variable w = Variable.of(new float[][] {{0.01f}, {0.01f}});
        Variable b = Variable.of(0.01f);
        float before = 0;
        for (int r = 0; r < 10; r++) {
            try (GradientTape tape = new GradientTape()) {
                Tensor a = x.matmul(w).add(b).sigmoid();
                Tensor loss = y.mul(a.log()).add(y.neg().add(1).mul(a.neg().add(1).log())).mean().neg();
                if (r == 0) {
                    before = loss.floatValue();
                }
                List<Tensor> g = tape.gradient(loss, w, b);
                w.assignSub(g.get(0).mul(0.01f));
                b.assignSub(g.get(1).mul(0.01f));
            }
        }
        assertThat(before).isCloseTo(0.695703f, within(1e-5f));
        assertThat(b.floatValue()).isCloseTo(-0.0152f, within(1e-4f));
    }

    @Test
    void tapesArePerThread() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<double[]>> results = List.of(pool.submit(() -> train(0.1)), pool.submit(() -> train(0.2)));
            double[] a = results.get(0).get();
            double[] b = results.get(1).get();
            assertThat(a).containsExactly(train(0.1));
            assertThat(b).containsExactly(train(0.2));
        } finally {
            pool.shutdownNow();
        }
    }

    private static double[] train(double lr) {
        Variable w = Variable.of(new double[] {1, -1});
        Tensor x = Tensor.of(new double[] {0.5, 2});
        for (int i = 0; i < 200; i++) {
            try (GradientTape tape = new GradientTape()) {
                Tensor loss = w.mul(x).sum().sub(3).square();
                w.assignSub(tape.gradient(loss, w).mul(lr * 0.1));
            }
        }
        return w.toDoubleArray();
    }

    @Test
    void aTapeDoesNotSeeOtherThreads() throws Exception {
        Variable w = Variable.of(new double[] {1});
        try (GradientTape tape = new GradientTape()) {
            Thread t = new Thread(() -> w.mul(2));
            t.start();
            t.join();
            assertThat(tape.operations()).isEmpty();
        }
    }

    @Test
    void gradientsThroughNonDifferentiableOpsFail() {
        Tensor x = Tensor.of(new double[] {0.4, 1.6});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.round().mul(x).sum();
            assertThatThrownBy(() -> tape.gradient(y, x)).isInstanceOf(NotDifferentiableException.class)
                    .hasMessageContaining("op 'round' is not differentiable");
        }
    }

    @Test
    void anomalyModeNamesTheFirstBadOp() {
        Tensor zero = Tensor.of(new double[] {1, 0});
        try (Scope s = Anomaly.detect()) {
            assertThatThrownBy(zero::log).isInstanceOf(AnomalyException.class)
                    .hasMessageContaining("op 'log' produced Inf");
            try (GradientTape tape = new GradientTape()) {
                tape.watch(zero);
                Tensor y = zero.sqrt().sum();
                assertThatThrownBy(() -> tape.gradient(y, zero)).isInstanceOf(AnomalyException.class)
                        .hasMessageContaining("the gradient of op 'sqrt'")
                        .hasCauseInstanceOf(Throwable.class);
            }
        }
        assertThat(Anomaly.isEnabled()).isFalse();
        assertThat(zero.log().toDoubleArray()[1]).isInfinite();
    }

    @Test
    void theTapeIsTheGraph() {
        Variable w = Variable.of(Tensor.of(new float[][] {{1}, {2}}), "w");
        Tensor x = Tensor.of(new float[][] {{3, 4}});
        try (GradientTape tape = new GradientTape()) {
            Tensor y = x.matmul(w).sigmoid();
            assertThat(tape.operations()).hasSize(2);
            RecordedOp first = tape.operations().get(0);
            assertThat(first.op().name()).isEqualTo("matmul");
            assertThat(first.inputs()).containsExactly(x, w);
            assertThat(first.signature()).isEqualTo("matmul([1, 2], [2, 1]) -> [1, 1]");
            assertThat(tape.operations().get(1).output()).isSameAs(y);
        }
    }

    @Test
    void userOpsWorkOnNestedTapes() {
        record Cube() implements Op {
            @Override
            public String name() {
                return "cube";
            }

            @Override
            public Tensor forward(Tensor... x) {
                return x[0].mul(x[0]).mul(x[0]);
            }

            @Override
            public Tensor[] vjp(Op.Backward b) {
                return new Tensor[] {b.grad().mul(b.input(0).square().mul(3))};
            }
        }
        Tensor x = scalar(2);
        try (GradientTape outer = new GradientTape()) {
            outer.watch(x);
            Tensor d;
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                Tensor y = new Cube().apply(x);
                assertThat(inner.operations()).extracting(op -> op.op().name()).containsExactly("cube");
                d = inner.gradient(y, x);
            }
            assertThat(d.item()).isEqualTo(12.0);
            assertThat(outer.gradient(d, x).item()).isEqualTo(12.0); // 6x
        }
        GradCheck.gradGradCheck(in -> new Cube().apply(in.get(0)), List.of(Tensor.of(new double[] {0.5, -1})))
                .assertPassed();
    }
}
