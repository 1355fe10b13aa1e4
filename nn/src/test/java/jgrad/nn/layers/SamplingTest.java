package jgrad.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.core.check.GradCheck;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.SymbolicTensor;
import jgrad.nn.io.LayerRegistry;
import jgrad.nn.losses.GaussianKL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reparameterisation layer and the Gaussian KL term: z = mu + exp(logVar / 2) eps exactly,
 * reparameterised gradients by Monte Carlo, first and second order gradcheck, the closed-form
 * KL of SEEDS-4-8 (0.818147) against Monte Carlo, the KL loss it adds, configs and errors.
 */
class SamplingTest {
    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(12);
    }

    private static Sampling f64(Sampling s) {
        s.setDtype(DType.FLOAT64);
        return s;
    }

    @Test
    void zIsMuPlusSigmaTimesTheSeededNoise() {
        Rng r = new Rng(1);
        Tensor mu = Tensor.randomUniform(r, DType.FLOAT64, -1, 1, 3, 2);
        Tensor logVar = Tensor.randomUniform(r, DType.FLOAT64, -1, 1, 3, 2);
        Tensor z = f64(new Sampling(7)).call(List.of(mu, logVar), true);
        Tensor eps = Tensor.randomNormal(new Rng(7), DType.FLOAT64, 0, 1, 3, 2);
        double[] m = mu.toDoubleArray();
        double[] lv = logVar.toDoubleArray();
        double[] e = eps.toDoubleArray();
        double[] got = z.toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).isCloseTo(m[i] + Math.exp(0.5 * lv[i]) * e[i], offset(1e-14));
        }
        // Same seed, same draws; the inference call samples too (as the Keras example's layer).
        assertThat(f64(new Sampling(7)).call(List.of(mu, logVar), false).toDoubleArray()).containsExactly(got);
    }

    @Test
    void reparameterisedGradientsOfTheMeanSquareAreTwoMuAndTwoSigma() {
        double mu0 = 1.5;
        double sigma0 = 0.7;
        int n = 100_000;
        Variable mu = Variable.of(Tensor.of(new double[] {mu0}), "mu");
        Variable sigma = Variable.of(Tensor.of(new double[] {sigma0}), "sigma");
        Tensor ones = Tensor.ones(DType.FLOAT64, n, 1);
        Sampling s = f64(new Sampling(3));
        List<Tensor> g;
        try (GradientTape tape = new GradientTape()) {
            Tensor muB = ones.mul(mu);
            Tensor logVarB = ones.mul(sigma.log().mul(2));
            Tensor z = s.call(List.of(muB, logVarB), true);
            g = tape.gradient(z.square().mean(), List.of(mu, sigma));
        }
        // d E[z^2] / d mu = 2 mu, d / d sigma = 2 sigma (E[z^2] = mu^2 + sigma^2); MC std about 0.005 and 0.011.
        assertThat(g.get(0).item()).isCloseTo(2 * mu0, offset(0.03));
        assertThat(g.get(1).item()).isCloseTo(2 * sigma0, offset(0.05));
    }

    @Test
    void gradcheckAndGradgradcheckInFloat64() {
        Rng r = new Rng(2);
        Tensor mu = Tensor.randomUniform(r, DType.FLOAT64, -1, 1, 2, 3);
        Tensor logVar = Tensor.randomUniform(r, DType.FLOAT64, -1, 1, 2, 3);
        GradCheck.check(in -> f64(new Sampling(5)).call(in, true), List.of(mu, logVar)).assertPassed();
        GradCheck.gradGradCheck(in -> f64(new Sampling(5)).call(in, true), List.of(mu, logVar)).assertPassed();
        GradCheck.check(in -> GaussianKL.perSample(in.get(0), in.get(1)), List.of(mu, logVar)).assertPassed();
        GradCheck.gradGradCheck(in -> GaussianKL.perSample(in.get(0), in.get(1)), List.of(mu, logVar)).assertPassed();
    }

    @Test
    void klClosedFormIsTheSeedsNumberAndMonteCarloAgrees() {
        assertThat(GaussianKL.closedForm(1, 0.5)).isCloseTo(0.818147, offset(5e-7));
        assertThat(GaussianKL.monteCarlo(1, 0.5, 100_000, new Rng(0))).isCloseTo(0.818147, offset(0.01));
        assertThat(GaussianKL.closedForm(0, 1)).isZero();
        Tensor mu = Tensor.of(new double[][] {{1, 0}, {0, 0}});
        Tensor logVar = Tensor.of(new double[][] {{2 * Math.log(0.5), 0}, {0, 0}});
        assertThat(GaussianKL.perSample(mu, logVar).toDoubleArray()).containsExactly(new double[] {0.818147, 0},
                offset(1e-6));
        assertThat(GaussianKL.mean(mu, logVar).item()).isCloseTo(0.818147 / 2, offset(1e-6));
    }

    @Test
    void aKlWeightAddsTheWeightedMeanKlToTheLayersLosses() {
        Tensor mu = Tensor.of(new double[][] {{1, 0}, {0, 0}});
        Tensor logVar = Tensor.of(new double[][] {{2 * Math.log(0.5), 0}, {0, 0}});
        Sampling s = f64(new Sampling(1L, 2.0, null));
        s.call(List.of(mu, logVar), true);
        assertThat(s.losses()).hasSize(1);
        assertThat(s.regularizationLoss().item()).isCloseTo(0.818147, offset(1e-6));
        s.call(List.of(mu, logVar), true);
        assertThat(s.losses()).as("replaced on each call, not accumulated").hasSize(1);
        Sampling none = f64(new Sampling(1));
        none.call(List.of(mu, logVar), true);
        assertThat(none.losses()).isEmpty();
    }

    @Test
    void symbolicCallsConfigsAndErrors() {
        SymbolicTensor mu = Input.of(2);
        SymbolicTensor lv = Input.of(2);
        Sampling s = new Sampling(4L, 1.0, "z");
        assertThat(s.call(mu, lv).shape()).isEqualTo(Shape.of(2));
        assertThat(LayerRegistry.create("Sampling", s.config()).config()).isEqualTo(s.config());
        assertThatThrownBy(() -> new Sampling().call(mu, Input.of(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mu [2] and logVar [3] must have the same shape");
        assertThatThrownBy(() -> new Sampling().call(mu)).hasMessageContaining("takes two inputs [mu, logVar], got 1");
        assertThatThrownBy(() -> new Sampling(null, -1, null)).hasMessageContaining("klWeight must be");
        assertThatThrownBy(() -> GaussianKL.closedForm(0, 0)).hasMessageContaining("sigma must be");
        assertThatThrownBy(() -> GaussianKL.perSample(Tensor.zeros(2, 2), Tensor.zeros(2, 3)))
                .hasMessageContaining("must have the same shape");
    }
}
