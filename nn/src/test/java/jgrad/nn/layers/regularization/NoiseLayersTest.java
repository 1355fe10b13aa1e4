package jgrad.nn.layers.regularization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.GradCheck;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.SymbolicTensor;
import jgrad.nn.io.LayerRegistry;
import jgrad.nn.layers.Dense;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GaussianNoise and GaussianDropout: the noise's moments, identity in inference, seeds, gradients, configs, errors. */
class NoiseLayersTest {
    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(12);
    }

    private static double[] moments(double[] v) {
        double m = 0;
        for (double d : v) {
            m += d;
        }
        m /= v.length;
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return new double[] {m, Math.sqrt(s / v.length)};
    }

    @Test
    void gaussianNoiseAddsNoiseOfTheGivenStddevOnlyInTraining() {
        GaussianNoise g = new GaussianNoise(0.5, 1L, null);
        Tensor x = Tensor.full(DType.FLOAT32, 2.0, 200, 250);
        assertThat(g.call(x, false)).isSameAs(x);
        double[] m = moments(g.call(x, true).toDoubleArray());
        assertThat(m[0]).isCloseTo(2.0, offset(0.005));
        assertThat(m[1]).isCloseTo(0.5, offset(0.005));
        assertThat(g.name()).isEqualTo("gaussian_noise");
        assertThat(g.countParams()).isZero();
    }

    @Test
    void gaussianDropoutMultipliesByNoiseOfMeanOneAndDropoutsVariance() {
        GaussianDropout g = new GaussianDropout(0.2, 1L, null);
        assertThat(g.stddev()).isCloseTo(0.5, offset(1e-15));
        Tensor x = Tensor.full(DType.FLOAT32, 3.0, 200, 250);
        assertThat(g.call(x, false)).isSameAs(x);
        double[] m = moments(g.call(x, true).toDoubleArray());
        assertThat(m[0]).isCloseTo(3.0, offset(0.015));
        assertThat(m[1]).isCloseTo(1.5, offset(0.015));
        assertThat(g.name()).isEqualTo("gaussian_dropout");
    }

    @Test
    void seededLayersReproduceAndDifferentSeedsDiffer() {
        Tensor x = Tensor.randomUniform(new Rng(3), -1, 1, 4, 5);
        double[] a = new GaussianNoise(0.3, 9L, null).call(x, true).toDoubleArray();
        double[] b = new GaussianNoise(0.3, 9L, null).call(x, true).toDoubleArray();
        double[] c = new GaussianNoise(0.3, 10L, null).call(x, true).toDoubleArray();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
        double[] d = new GaussianDropout(0.3, 9L, null).call(x, true).toDoubleArray();
        assertThat(d).containsExactly(new GaussianDropout(0.3, 9L, null).call(x, true).toDoubleArray());
        // Each call draws fresh noise.
        GaussianNoise g = new GaussianNoise(0.3, 9L, null);
        assertThat(g.call(x, true).toDoubleArray()).isNotEqualTo(g.call(x, true).toDoubleArray());
    }

    @Test
    void gradcheckAndGradgradcheckInFloat64() {
        Rng rng = new Rng(5);
        Tensor x = Tensor.randomUniform(rng, DType.FLOAT64, -1, 1, 3, 4);
        // A fresh seeded layer per evaluation, so every evaluation sees the same noise.
        GradCheck.check(in -> new GaussianNoise(0.4, 2L, null).setDtype(DType.FLOAT64).call(in.get(0), true).tanh(),
                List.of(x)).assertPassed();
        GradCheck.gradGradCheck(in -> new GaussianNoise(0.4, 2L, null).setDtype(DType.FLOAT64).call(in.get(0), true)
                .tanh(), List.of(x)).assertPassed();
        GradCheck.check(in -> new GaussianDropout(0.3, 2L, null).setDtype(DType.FLOAT64).call(in.get(0), true).tanh(),
                List.of(x)).assertPassed();
        GradCheck.gradGradCheck(in -> new GaussianDropout(0.3, 2L, null).setDtype(DType.FLOAT64).call(in.get(0), true)
                .tanh(), List.of(x)).assertPassed();
    }

    @Test
    void configsRoundTripThroughTheRegistry() {
        GaussianNoise g = new GaussianNoise(0.25, 4L, "noise");
        Layer back = LayerRegistry.create("GaussianNoise", g.config());
        assertThat(back).isInstanceOf(GaussianNoise.class);
        assertThat(back.config()).isEqualTo(g.config());
        GaussianDropout d = new GaussianDropout(0.4, null, "gd");
        Layer back2 = LayerRegistry.create("GaussianDropout", d.config());
        assertThat(back2.config()).isEqualTo(d.config());
        assertThat(d.config()).containsEntry("rate", 0.4).containsEntry("seed", null);
    }

    @Test
    void inAFunctionalModelTheShapeIsKeptAndSummaryShowsNoParams() {
        SymbolicTensor in = Input.of(6);
        SymbolicTensor h = new GaussianNoise(0.1).call(in);
        SymbolicTensor out = new Dense(2).call(new GaussianDropout(0.1).call(h));
        Model m = Model.of(in, out);
        assertThat(h.shape()).isEqualTo(Shape.of(6));
        assertThat(m.summaryString()).contains("gaussian_noise (GaussianNoi").contains("gaussian_dropout (GaussianD");
        assertThat(m.countParams()).isEqualTo(14);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new GaussianNoise(-0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GaussianNoise: stddev must be a finite number >= 0, got -0.1");
        assertThatThrownBy(() -> new GaussianNoise(Double.NaN)).hasMessageContaining("stddev");
        assertThatThrownBy(() -> new GaussianDropout(1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GaussianDropout: rate must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> new GaussianDropout(-0.5)).hasMessageContaining("rate");
    }
}
