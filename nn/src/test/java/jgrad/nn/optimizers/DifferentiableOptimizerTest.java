package jgrad.nn.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Scope;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.core.check.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Differentiable optimizer steps: the bilinear game of SEEDS-4-8 (simultaneous descent diverges
 * to norm 2.32586, one unrolled step converges to 0.88471), the same numbers as the ordinary
 * optimizers, and gradients through unrolled steps against central differences.
 */
class DifferentiableOptimizerTest {
    private static final double ETA = 0.1;

    /** f = thetaG * thetaD; G descends f, D ascends it; returns |(thetaG, thetaD)| after 100 steps. */
    private static double bilinear(int unroll, double[] firstGeneratorGradient) {
        Variable g = Variable.of(Tensor.of(new double[] {1}), "theta_g");
        Variable d = Variable.of(Tensor.of(new double[] {1}), "theta_d");
        for (int step = 0; step < 100; step++) {
            Tensor gradG;
            Tensor gradD;
            try (GradientTape tape = GradientTape.persistent()) {
                Tensor f = g.mul(d);
                gradD = tape.gradient(f.neg(), d); // D minimises -f with the ordinary step
                Tensor fK = f;
                if (unroll > 0) {
                    DifferentiableOptimizer.Unroll u = new DifferentiableSGD(ETA).start(List.of(d));
                    for (int k = 0; k < unroll; k++) {
                        u.step(() -> g.mul(d).neg());
                    }
                    try (Scope _ = u.substitute()) {
                        fK = g.mul(d);
                    }
                }
                gradG = tape.gradient(fK, g);
            }
            if (step == 0) {
                firstGeneratorGradient[0] = gradG.item();
            }
            double newG = g.item() - ETA * gradG.item();
            double newD = d.item() - ETA * gradD.item();
            g.assign(Tensor.of(new double[] {newG}));
            d.assign(Tensor.of(new double[] {newD}));
        }
        return Math.hypot(g.item(), d.item());
    }

    @Test
    void bilinearGameSimultaneousDivergesUnrolledConverges() {
        double[] first = new double[1];
        assertThat(bilinear(0, first)).isCloseTo(2.32586, offset(5e-6));
        assertThat(first[0]).isEqualTo(1.0); // df/dthetaG = thetaD
        assertThat(bilinear(1, first)).isCloseTo(0.88471, offset(5e-6));
        // df_1/dthetaG = thetaD + 2 eta thetaG at (1, 1): the second-order term eta thetaG is there
        assertThat(first[0]).isCloseTo(1.2, offset(1e-15));
    }

    /**
     * The generator's gradient through K unrolled steps is the same whether tape.gradient is
     * called inside the substitute() scope or after it: the backward pass must read the tensors
     * each op recorded, not the fast weights (the first unrolled step records ops on the variable
     * theta_D itself, and a backward run with theta_D substituted read theta_D^K there). D descends
     * L = (theta_G theta_D)^2 / 2, so theta_D^K = theta_D (1 - eta theta_G^2)^K, and by hand
     * d(theta_G theta_D^K)/d theta_G = 0.9^K - 0.2 K 0.9^(K-1) at (1, 1).
     */
    @Test
    void gradientInsideTheSubstituteScopeEqualsTheGradientOutsideIt() {
        for (int unroll = 1; unroll <= 3; unroll++) {
            for (boolean inside : new boolean[] {false, true}) {
                Variable g = Variable.of(Tensor.of(new double[] {1}), "theta_g");
                Variable d = Variable.of(Tensor.of(new double[] {1}), "theta_d");
                Tensor gradG;
                try (GradientTape tape = new GradientTape()) {
                    DifferentiableOptimizer.Unroll u = new DifferentiableSGD(ETA).start(List.of(d));
                    for (int k = 0; k < unroll; k++) {
                        u.step(() -> g.mul(d).square().mul(0.5));
                    }
                    Tensor fK;
                    try (Scope _ = u.substitute()) {
                        fK = g.mul(d);
                        gradG = inside ? tape.gradient(fK, g) : null;
                    }
                    if (!inside) {
                        gradG = tape.gradient(fK, g);
                    }
                }
                assertThat(gradG.item()).as("K = %d, gradient taken %s the scope", unroll, inside ? "inside" : "after")
                        .isCloseTo(Math.pow(0.9, unroll) - 0.2 * unroll * Math.pow(0.9, unroll - 1), offset(1e-14));
            }
        }
    }

    private static Tensor loss(Tensor x, Tensor w) {
        return x.matmul(w).tanh().sub(0.3).square().sum();
    }

    private static Tensor x() {
        return Tensor.randomNormal(new Rng(1), DType.FLOAT64, 0, 1, 4, 3);
    }

    private static Variable w(String name) {
        return Variable.of(Tensor.randomNormal(new Rng(2), DType.FLOAT64, 0, 0.5, 3, 2), name);
    }

    private static void assertSameAsOrdinary(Optimizer ordinary, DifferentiableOptimizer diff, int steps) {
        Tensor x = x();
        Variable a = w("a");
        Variable b = w("b");
        DifferentiableOptimizer.Unroll u = diff.start(List.of(b));
        for (int s = 0; s < steps; s++) {
            ordinary.minimize(() -> loss(x, a), List.of(a));
            u.step(() -> loss(x, b));
        }
        assertThat(u.steps()).isEqualTo(steps);
        double[] expected = a.toDoubleArray();
        double[] got = u.weights().get(0).toDoubleArray();
        assertThat(b.toDoubleArray()).isNotEqualTo(got); // the variable itself is untouched
        for (int i = 0; i < expected.length; i++) {
            assertThat(got[i]).as("element %d", i).isCloseTo(expected[i], offset(1e-12));
        }
    }

    @Test
    void stepsEqualTheOrdinaryOptimizers() {
        assertSameAsOrdinary(new SGD(0.1), new DifferentiableSGD(0.1), 4);
        assertSameAsOrdinary(new SGD(0.1).momentum(0.9), new DifferentiableSGD(0.1, 0.9, false), 4);
        assertSameAsOrdinary(new SGD(0.1).momentum(0.9).nesterov(true), new DifferentiableSGD(0.1, 0.9, true), 4);
        assertSameAsOrdinary(new Adam(0.05), new DifferentiableAdam(0.05), 4);
        assertSameAsOrdinary(new Adam(0.05).beta1(0.5).beta2(0.9), new DifferentiableAdam(0.05, 0.5, 0.9, 1e-7), 4);
    }

    @Test
    void ofContinuesFromTheOrdinaryOptimizersState() {
        Tensor x = x();
        Variable a = w("a");
        Adam adam = new Adam(0.05).beta1(0.5);
        for (int s = 0; s < 3; s++) {
            adam.minimize(() -> loss(x, a), List.of(a));
        }
        DifferentiableOptimizer.Unroll u = DifferentiableAdam.of(adam).start(List.of(a));
        u.step(() -> loss(x, a));
        u.step(() -> loss(x, a));
        adam.minimize(() -> loss(x, a), List.of(a));
        adam.minimize(() -> loss(x, a), List.of(a));
        assertThat(u.weights().get(0).allClose(a, 0, 1e-12)).isTrue();

        Variable c = w("c");
        SGD sgd = new SGD(0.1).momentum(0.8);
        sgd.minimize(() -> loss(x, c), List.of(c));
        DifferentiableOptimizer.Unroll v = DifferentiableSGD.of(sgd).start(List.of(c));
        v.step(() -> loss(x, c));
        sgd.minimize(() -> loss(x, c), List.of(c));
        assertThat(v.weights().get(0).allClose(c, 0, 1e-12)).isTrue();
    }

    /** The loss after two unrolled steps as a function of the start weights and the data. */
    private static Tensor unrolled(DifferentiableOptimizer opt, Variable template, Tensor w0, Tensor x) {
        DifferentiableOptimizer.Unroll u = opt.startAt(List.of(template), List.of(w0));
        u.step(() -> loss(x, template));
        u.step(() -> loss(x, template));
        try (Scope _ = u.substitute()) {
            return x.matmul(template).sin().sum();
        }
    }

    @Test
    void gradientThroughUnrolledStepsMatchesCentralDifferences() {
        Variable template = w("template");
        Tensor w0 = template.value();
        Tensor x = x();
        GradCheck.check(in -> unrolled(new DifferentiableSGD(0.2, 0.9, false), template, in.get(0), in.get(1)),
                List.of(w0, x)).assertPassed();
        GradCheck.check(in -> unrolled(new DifferentiableAdam(0.05, 0.5, 0.9, 1e-7), template, in.get(0), in.get(1)),
                List.of(w0, x)).assertPassed();
    }

    @Test
    void badUseFailsClearly() {
        Variable v = w("v");
        assertThatThrownBy(() -> new DifferentiableSGD(0.1).startAt(List.of(v), List.of(Tensor.zeros(DType.FLOAT64, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DifferentiableSGD.start: the initial weight of 'v' is float64 [2], the variable is"
                        + " float64 [3, 2]");
        DifferentiableOptimizer.Unroll u = new DifferentiableAdam(0.1).start(List.of(v));
        Tensor unrelated = Tensor.of(new double[] {1});
        assertThatThrownBy(() -> u.step(() -> unrelated.mul(2)))
                .hasMessageContaining("no gradient for any weight");
        assertThatThrownBy(() -> DifferentiableAdam.of(new Adam().amsgrad(true)))
                .hasMessageContaining("AMSGrad is not supported");
    }
}
