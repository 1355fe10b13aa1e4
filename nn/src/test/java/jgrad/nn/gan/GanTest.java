package jgrad.nn.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Scope;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.Sequential;
import jgrad.nn.layers.Dense;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.optimizers.DifferentiableOptimizer;
import jgrad.nn.optimizers.DifferentiableSGD;
import jgrad.nn.optimizers.RMSprop;
import jgrad.nn.optimizers.SGD;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Gan model trained by fit: progress line, n_critic, clipping, the penalty, unrolling, bad input. */
class GanTest {
    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(7);
    }

    private static Model generator(int latent, int out) {
        return new Sequential(Input.of(latent), new Dense(16, "relu"), new Dense(out));
    }

    private static Model critic(int in) {
        return new Sequential(Input.of(in), new Dense(16, "tanh"), new Dense(1));
    }

    private static Tensor data(int n) {
        return Tensor.randomNormal(new Rng(11), 3, 0.5, n, 1);
    }

    @Test
    void fitTrainsBothPlayersAndPrintsDAndGLoss() {
        Gan gan = new Gan(generator(2, 1), critic(1), 2).seed(1);
        gan.compile(new Adam(1e-2).beta1(0.5), new Adam(1e-2).beta1(0.5), new NonSaturatingLoss());
        double before = gan.sample(1000).mean().item();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        History h = gan.fit(data(512), FitOptions.builder().epochs(15).batchSize(64).seed(3)
                .output(new PrintStream(buf, true, StandardCharsets.UTF_8)).build());
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("d_loss: ").contains("g_loss: ");
        assertThat(h.get("d_loss")).hasSize(15);
        assertThat(gan.generatorOptimizer().iterations()).isEqualTo(15 * 8);
        assertThat(gan.optimizer().iterations()).isEqualTo(15 * 8);
        double after = gan.sample(1000).mean().item();
        // the generator's samples move from about 0 towards the data's mean 3
        assertThat(Math.abs(after - 3)).isLessThan(Math.abs(before - 3) / 2);
    }

    @Test
    void wganClipsTheCriticAndStepsTheGeneratorEveryNCriticBatches() {
        Model critic = critic(1);
        Gan gan = new Gan(generator(2, 1), critic, 2).nCritic(5).seed(2);
        ClipConstraint.attachTo(critic, 0.01);
        gan.compile(new RMSprop(5e-5), new RMSprop(5e-5), new WassersteinLoss());
        gan.fit(data(640), FitOptions.builder().epochs(1).batchSize(64).verbose(0).build());
        assertThat(gan.optimizer().iterations()).isEqualTo(10);
        assertThat(gan.generatorOptimizer().iterations()).isEqualTo(2);
        for (Variable v : critic.trainableWeights()) {
            for (double x : v.toDoubleArray()) {
                assertThat(Math.abs(x)).isLessThanOrEqualTo(0.01 + 1e-9);
            }
        }
    }

    @Test
    void gradientPenaltyAndUnrollingRun() {
        Gan gp = new Gan(generator(2, 1), critic(1), 2).nCritic(2).gradientPenalty(10).seed(3);
        gp.compile(new Adam(1e-3).beta1(0).beta2(0.9), new Adam(1e-3).beta1(0).beta2(0.9), new WassersteinLoss());
        History h = gp.fit(data(256), FitOptions.builder().epochs(1).batchSize(64).verbose(0).build());
        assertThat(h.get("gp")).hasSize(1);
        assertThat(gp.lastGradientNorms().shape().dims()).containsExactly(64);

        Gan unrolled = new Gan(generator(2, 1), critic(1), 2).unroll(3).seed(4);
        unrolled.compile(new Adam(1e-3), new Adam(1e-3), new NonSaturatingLoss());
        History u = unrolled.fit(data(128), FitOptions.builder().epochs(1).batchSize(64).verbose(0).build());
        assertThat(u.last("g_loss")).isFinite();
        Gan rms = new Gan(generator(2, 1), critic(1), 2).unroll(1);
        rms.compile(new RMSprop(), new Adam(), new NonSaturatingLoss());
        assertThatThrownBy(() -> rms.fit(data(64), FitOptions.builder().epochs(1).batchSize(64).verbose(0).build()))
                .hasMessageContaining("unrolled steps are written for SGD and Adam");
    }

    @Test
    void unrolledMinimaxGeneratorDescendsTheWholeGameValueAtTheUnrolledWeights() {
        // two copies with the same weights: one takes a step of fit, the other the same step by hand
        Layer.resetNames();
        Rng.setGlobalSeed(21);
        Model g1 = generator(2, 1);
        Model d1 = critic(1);
        Layer.resetNames();
        Rng.setGlobalSeed(21);
        Model g2 = generator(2, 1);
        Model d2 = critic(1);
        Tensor real = data(64);
        Gan gan = new Gan(g1, d1, 2).unroll(2).seed(5);
        gan.compile(new SGD(0.5), new SGD(0.1), new MinimaxLoss());
        gan.fit(real, FitOptions.builder().epochs(1).batchSize(64).shuffle(false).verbose(0).build());

        MinimaxLoss m = new MinimaxLoss();
        Rng r = new Rng(5); // the Gan's noise: D's batch first, then G's
        Tensor zd = Tensor.randomNormal(r, g2.dtype(), 0, 1, 64, 2);
        Tensor zg = Tensor.randomNormal(r, g2.dtype(), 0, 1, 64, 2);
        List<Variable> dv = d2.trainableWeights();
        List<Variable> gv = g2.trainableWeights();
        try (GradientTape tape = new GradientTape()) {
            Tensor fake = g2.call(zd, true).stopGradient();
            new SGD(0.5).apply(tape.gradient(m.discriminator(d2.call(real, true), d2.call(fake, true)), dv), dv);
        }
        List<Tensor> whole;
        List<Tensor> fakeHalf;
        try (GradientTape tape = GradientTape.persistent()) {
            Tensor fake = g2.call(zg, true);
            DifferentiableOptimizer.Unroll u = new DifferentiableSGD(0.5).start(dv);
            for (int k = 0; k < 2; k++) {
                u.step(() -> m.discriminator(d2.call(real, true), d2.call(fake, true)));
            }
            Tensor value;
            Tensor fakeValue;
            try (Scope _ = u.substitute()) {
                Tensor realOut = d2.call(real, true);
                Tensor fakeOut = d2.call(fake, true);
                value = m.discriminator(realOut, fakeOut).neg();
                fakeValue = m.generator(fakeOut);
            }
            // outside the substitution, as Gan does (inside it the backward reads D's variables as the fast weights)
            whole = tape.gradient(value, gv);
            fakeHalf = tape.gradient(fakeValue, gv);
        }
        double maxErr = 0;
        double halfDiff = 0;
        List<Variable> trained = g1.trainableWeights();
        for (int i = 0; i < gv.size(); i++) {
            double[] w0 = gv.get(i).toDoubleArray();
            double[] w1 = trained.get(i).toDoubleArray();
            double[] gw = whole.get(i).toDoubleArray();
            double[] gh = fakeHalf.get(i).toDoubleArray();
            for (int j = 0; j < w0.length; j++) {
                maxErr = Math.max(maxErr, Math.abs(w1[j] - (w0[j] - 0.1 * gw[j])));
                halfDiff = Math.max(halfDiff, 0.1 * Math.abs(gw[j] - gh[j]));
            }
        }
        // fit's generator step is the gradient of f(theta_G, theta_D^K), real half included ...
        assertThat(maxErr).isLessThan(1e-6);
        // ... which is not the fake half alone: through theta_D^K the real half depends on G
        assertThat(halfDiff).isGreaterThan(1e-4);
    }

    @Test
    void simultaneousStepsStartBothPlayersFromTheSameWeightsAndNoise() {
        Layer.resetNames();
        Rng.setGlobalSeed(23);
        Model g1 = generator(2, 1);
        Model d1 = critic(1);
        Layer.resetNames();
        Rng.setGlobalSeed(23);
        Model g2 = generator(2, 1);
        Model d2 = critic(1);
        Tensor real = data(64);
        Gan gan = new Gan(g1, d1, 2).unroll(2).simultaneous(true).seed(6);
        gan.compile(new SGD(0.5), new SGD(0.1), new MinimaxLoss());
        gan.fit(real, FitOptions.builder().epochs(1).batchSize(64).shuffle(false).verbose(0).build());

        MinimaxLoss m = new MinimaxLoss();
        Tensor z = Tensor.randomNormal(new Rng(6), g2.dtype(), 0, 1, 64, 2); // one draw for both players
        List<Variable> dv = d2.trainableWeights();
        List<Variable> gv = g2.trainableWeights();
        List<Tensor> dGrads;
        try (GradientTape tape = new GradientTape()) {
            Tensor fake = g2.call(z, true).stopGradient();
            dGrads = tape.gradient(m.discriminator(d2.call(real, true), d2.call(fake, true)), dv);
        }
        List<Tensor> gGrads;
        try (GradientTape tape = new GradientTape()) {
            Tensor fake = g2.call(z, true);
            DifferentiableOptimizer.Unroll u = new DifferentiableSGD(0.5).start(dv); // D not yet stepped
            for (int k = 0; k < 2; k++) {
                u.step(() -> m.discriminator(d2.call(real, true), d2.call(fake, true)));
            }
            Tensor value;
            try (Scope _ = u.substitute()) {
                value = m.discriminator(d2.call(real, true), d2.call(fake, true)).neg();
            }
            gGrads = tape.gradient(value, gv);
        }
        new SGD(0.1).apply(gGrads, gv);
        new SGD(0.5).apply(dGrads, dv);
        for (int i = 0; i < gv.size(); i++) {
            assertThat(g1.trainableWeights().get(i).sub(gv.get(i)).abs().max().item()).isLessThan(1e-6);
        }
        for (int i = 0; i < dv.size(); i++) {
            assertThat(d1.trainableWeights().get(i).sub(dv.get(i)).abs().max().item()).isLessThan(1e-6);
        }
        Gan wgan = new Gan(generator(2, 1), critic(1), 2).nCritic(5).simultaneous(true);
        wgan.compile(new RMSprop(5e-5), new RMSprop(5e-5), new WassersteinLoss());
        assertThatThrownBy(() -> wgan.fit(data(64), FitOptions.builder().epochs(1).batchSize(64).verbose(0).build()))
                .hasMessageContaining("simultaneous steps need nCritic 1, got 5");
    }

    @Test
    void badSettingsFailClearly() {
        Gan gan = new Gan(generator(2, 1), critic(1), 2);
        assertThatThrownBy(() -> gan.nCritic(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Gan: nCritic (discriminator steps per generator step) must be >= 1, got 0");
        assertThatThrownBy(() -> new Gan(generator(2, 3), critic(2), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("makes samples of shape [3], the discriminator")
                .hasMessageContaining("takes inputs of shape [2]");
        assertThatThrownBy(() -> new Gan(generator(2, 1), critic(1), 3))
                .hasMessageContaining("does not take noise of shape [3]");
        Adam same = new Adam();
        assertThatThrownBy(() -> gan.compile(same, same, new MinimaxLoss()))
                .hasMessageContaining("need optimizers of their own");
        gan.compile(new Adam(), new Adam(), new MinimaxLoss());
        assertThatThrownBy(() -> gan.fit(Tensor.zeros(8, 2), FitOptions.builder().epochs(1).verbose(0).build()))
                .hasMessageContaining("real samples of shape [8, 2] do not match the generator's samples [1]");
    }
}
