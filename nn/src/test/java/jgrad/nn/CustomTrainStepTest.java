package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Sampling;
import jgrad.nn.losses.GaussianKL;
import jgrad.nn.losses.Loss;
import jgrad.nn.losses.MeanSquaredError;
import jgrad.nn.metrics.Mean;
import jgrad.nn.metrics.Metric;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.optimizers.SGD;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Losses that are not loss(y, yPred) in fit: a layer's added KL term, a model-level addLoss,
 * and Keras 3's overridden train step (a tiny VAE trained by fit without targets).
 */
class CustomTrainStepTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(3);
    }

    private static FitOptions options(int epochs) {
        return FitOptions.builder().epochs(epochs).batchSize(16).seed(1).verbose(0).output(QUIET).build();
    }

    @Test
    void aKlTermAddedInsideALayerJoinsTheFitLoss() {
        // Two outputs: mu (MSE, weight 1) and z (weight 0), so the step's loss is MSE(y, mu) + KL exactly.
        SymbolicTensor in = Input.of(3);
        Dense muLayer = new Dense(2);
        Dense lvLayer = new Dense(2);
        SymbolicTensor mu = muLayer.call(in);
        SymbolicTensor lv = lvLayer.call(in);
        SymbolicTensor z = new Sampling(1L, 1.0, null).call(mu, lv);
        Model m = Model.of(List.of(in), List.of(mu, z));
        m.compile(new SGD(0.0), List.of(new MeanSquaredError(), new MeanSquaredError()), List.of(1.0, 0.0),
                List.of(List.of(), List.of()));
        Tensor x = Tensor.randomUniform(new Rng(2), -1, 1, 8, 3);
        Tensor y = Tensor.randomUniform(new Rng(3), -1, 1, 8, 2);
        double loss = m.trainOnBatch(List.of(x), List.of(y, y)).get("loss");
        Tensor muV = muLayer.call(x);
        Tensor lvV = lvLayer.call(x);
        double expected = new MeanSquaredError().call(y, muV, null).item() + GaussianKL.mean(muV, lvV).item();
        assertThat(loss).isCloseTo(expected, offset(1e-5));
        assertThat(GaussianKL.mean(muV, lvV).item()).isGreaterThan(0.01);
    }

    @Test
    void aModelLevelAddLossJoinsTheLossAndItsGradient() {
        Dense d = new Dense(1, "linear");
        Sequential m = new Sequential(Input.of(2), d);
        m.addLoss(() -> d.kernel().square().sum().mul(0.5));
        m.compile(new SGD(0.1), Loss.get("mse"));
        Tensor x = Tensor.of(new float[][] {{1, 0}, {0, 1}});
        Tensor y = Tensor.of(new float[][] {{0}, {0}});
        double[] w0 = d.kernel().value().toDoubleArray();
        double[] b0 = d.bias().value().toDoubleArray();
        double loss = m.trainOnBatch(x, y).get("loss");
        // Outputs are w_i + b; MSE = mean((w_i + b)^2), penalty 0.5 |w|^2.
        double mse = (Math.pow(w0[0] + b0[0], 2) + Math.pow(w0[1] + b0[0], 2)) / 2;
        assertThat(loss).isCloseTo(mse + 0.5 * (w0[0] * w0[0] + w0[1] * w0[1]), offset(1e-5));
        double[] w1 = d.kernel().value().toDoubleArray();
        for (int i = 0; i < 2; i++) {
            double grad = (w0[i] + b0[0]) + w0[i];
            assertThat(w1[i]).isCloseTo(w0[i] - 0.1 * grad, offset(1e-6));
        }
    }

    /** Keras 3's VAE pattern in miniature: the step computes reconstruction + KL itself. */
    static final class TinyVae extends Model {
        final Dense hidden = addSublayer(new Dense(4, "tanh"));
        final Dense mu = addSublayer(new Dense(1));
        final Dense logVar = addSublayer(new Dense(1));
        final Sampling sampling = addSublayer(new Sampling(5));
        final Dense decoder = addSublayer(new Dense(3));
        final Mean total = new Mean("loss");
        final Mean kl = new Mean("kl_loss");
        int steps;
        final java.util.ArrayList<Double> stepLosses = new java.util.ArrayList<>();

        @Override
        protected Tensor forward(Tensor x, boolean training) {
            Tensor h = hidden.call(x, training);
            return decoder.call(sampling.call(List.of(mu.call(h, training), logVar.call(h, training)), training), training);
        }

        @Override
        protected Map<String, Double> trainStep(Batch batch) {
            Tensor x = batch.x();
            List<Variable> vars = trainableWeights();
            Tensor loss;
            Tensor klLoss;
            List<Tensor> grads;
            try (GradientTape tape = new GradientTape()) {
                Tensor h = hidden.call(x, true);
                Tensor m = mu.call(h, true);
                Tensor lv = logVar.call(h, true);
                Tensor r = decoder.call(sampling.call(List.of(m, lv), true), true);
                Tensor rec = r.sub(x).square().sum(new int[] {1}, false).mean();
                klLoss = GaussianKL.mean(m, lv);
                loss = rec.add(klLoss);
                grads = tape.gradient(loss, vars);
            }
            optimizer().apply(grads, vars);
            steps++;
            stepLosses.add(loss.item());
            total.updateValue(loss.item(), 1);
            kl.updateValue(klLoss.item(), 1);
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", total.result());
            logs.put("kl_loss", kl.result());
            return logs;
        }

        @Override
        protected List<Metric> trainStepMetrics() {
            return List.of(total, kl);
        }
    }

    private static Tensor lineData() {
        // Points on a line in 3-D: one latent dimension explains them.
        Rng r = new Rng(8);
        double[] v = new double[64 * 3];
        for (int i = 0; i < 64; i++) {
            double t = r.nextGaussian();
            v[3 * i] = t;
            v[3 * i + 1] = -0.5 * t;
            v[3 * i + 2] = 0.8 * t;
        }
        return Tensor.fromFlat(v, 64, 3).cast(DType.FLOAT32);
    }

    private static History trainVae(TinyVae vae) {
        vae.compile(new Adam(0.02));
        return vae.fit(lineData(), options(30));
    }

    @Test
    void anOverriddenTrainStepRunsInFitWithoutTargetsAndIsReproducible() {
        TinyVae vae = new TinyVae();
        vae.build(3);
        History h = trainVae(vae);
        assertThat(vae.steps).isEqualTo(30 * 4);
        assertThat(h.keys()).containsExactly("loss", "kl_loss");
        List<Double> loss = h.get("loss");
        assertThat(loss.get(29)).isLessThan(0.5 * loss.get(0));
        // The epoch's logs average that epoch's steps only: the trackers are reset each epoch.
        assertThat(h.get("kl_loss").get(29)).isGreaterThan(0);
        Layer.resetNames();
        Rng.setGlobalSeed(3);
        TinyVae again = new TinyVae();
        again.build(3);
        assertThat(trainVae(again).get("loss")).containsExactlyElementsOf(loss);
    }

    @Test
    void trackersAreResetEachEpoch() {
        TinyVae vae = new TinyVae();
        vae.build(3);
        vae.compile(new SGD(0.0));
        History h = vae.fit(lineData(), options(2));
        // Each epoch's logged loss is the mean of its own 4 steps, not of every step so far.
        List<Double> s = vae.stepLosses;
        assertThat(h.get("loss").get(0)).isCloseTo((s.get(0) + s.get(1) + s.get(2) + s.get(3)) / 4, offset(1e-9));
        assertThat(h.get("loss").get(1)).isCloseTo((s.get(4) + s.get(5) + s.get(6) + s.get(7)) / 4, offset(1e-9));
    }

    @Test
    void clearErrorsForTheDefaultStepWithoutTargetsOrLosses() {
        Sequential m = new Sequential(Input.of(2), new Dense(2));
        m.compile(new SGD(0.1), Loss.get("mse"));
        Tensor x = Tensor.zeros(4, 2);
        assertThatThrownBy(() -> m.fit(x, options(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fit without targets needs a model that overrides trainStep");
        Sequential n = new Sequential(Input.of(2), new Dense(2));
        n.compile(new SGD(0.1));
        assertThatThrownBy(() -> n.fit(x, x, options(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("compiled with 0 losses");
    }
}
