package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.layers.Dense;
import jgrad.nn.losses.CategoricalCrossentropy;
import jgrad.nn.losses.Loss;
import jgrad.nn.losses.MeanSquaredError;
import jgrad.nn.metrics.Metric;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.optimizers.SGD;
import jgrad.nn.regularizers.L2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelTest {
    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(8);
    }

    static Tensor linearX(int n) {
        return Tensor.randomUniform(new Rng(1), -1, 1, n, 1);
    }

    @Test
    void linearRegressionRecoversTheNotesLine() {
        Tensor x = linearX(200);
        Tensor y = x.mul(0.5).add(0.3);
        Sequential m = new Sequential(Input.of(1), new Dense(1));
        m.compile(new SGD(0.2), "mse", "mae");
        m.fit(x, y, FitOptions.builder().epochs(40).batchSize(20).verbose(0).build());
        Dense d = (Dense) m.getLayer(0);
        assertThat(d.kernel().getDouble(0, 0)).isEqualTo(0.5, within(1e-3));
        assertThat(d.bias().getDouble(0)).isEqualTo(0.3, within(1e-3));
        assertThat(m.evaluate(x, y).get("mae")).isLessThan(1e-3);
    }

    @Test
    void regularizedLossIncludesThePenalty() {
        Sequential m = new Sequential(Input.of(2), Dense.builder(1).kernelInitializer(Initializers.constant(1))
                .kernelRegularizer(new L2(0.5)).build());
        m.compile(new SGD(0.0), new MeanSquaredError());
        Tensor x = Tensor.of(new float[][] {{1, 2}});
        Tensor y = Tensor.of(new float[][] {{1}});
        // prediction 3, mse (3 - 1)^2 = 4, penalty 0.5 * (1 + 1) = 1.
        assertThat(m.evaluate(x, y).get("loss")).isEqualTo(5.0, within(1e-6));
        History h = m.fit(x, y, FitOptions.builder().epochs(1).verbose(0).build());
        assertThat(h.last("loss")).isEqualTo(5.0, within(1e-6));
        assertThat(m.regularizationLoss().item()).isEqualTo(1.0, within(1e-6));
    }

    @Test
    void frozenLayersAreNotUpdated() {
        Dense base = new Dense(4, "relu");
        Dense head = new Dense(1);
        Sequential m = new Sequential(Input.of(3), base, head);
        base.setTrainable(false);
        List<Tensor> frozen = base.getWeights();
        List<Tensor> trained = head.getWeights();
        m.compile(new Adam(0.1), "mse");
        m.fit(Tensor.randomNormal(new Rng(2), 0, 1, 32, 3), Tensor.ones(32, 1),
                FitOptions.builder().epochs(3).verbose(0).build());
        assertThat(base.getWeights().get(0).contentEquals(frozen.get(0))).isTrue();
        assertThat(base.getWeights().get(1).contentEquals(frozen.get(1))).isTrue();
        assertThat(head.getWeights().get(0).contentEquals(trained.get(0))).isFalse();
        assertThat(m.summaryString()).contains("Trainable params: 5").contains("Non-trainable params: 16");
        m.setTrainable(false);
        List<Tensor> all = m.getWeights();
        m.fit(Tensor.ones(4, 3), Tensor.ones(4, 1), FitOptions.builder().epochs(1).verbose(0).build());
        assertThat(m.getWeights().get(2).contentEquals(all.get(2))).isTrue();
    }

    @Test
    void validationDataClassAndSampleWeights() {
        Tensor x = Tensor.of(new float[][] {{0}, {1}});
        Tensor y = Tensor.of(new float[][] {{0}, {1}});
        Sequential m = new Sequential(Input.of(1), Dense.builder(1).activation("sigmoid")
                .kernelInitializer(Initializers.zeros()).build());
        m.compile(new SGD(0), "binary_crossentropy");
        // Every prediction is 0.5, so each sample's loss is log 2; weights scale it.
        double log2 = Math.log(2);
        History h = m.fit(x, y, FitOptions.builder().epochs(1).verbose(0).shuffle(false)
                .classWeight(Map.of(0, 1.0, 1, 3.0)).validationData(x, y).build());
        assertThat(h.last("loss")).isEqualTo(log2 * (1 + 3) / 2, within(1e-6));
        assertThat(h.last("val_loss")).isEqualTo(log2, within(1e-6));
        History hw = m.fit(x, y, FitOptions.builder().epochs(1).verbose(0).sampleWeight(Tensor.of(new float[] {0, 2}))
                .build());
        assertThat(hw.last("loss")).isEqualTo(log2, within(1e-6));
        assertThatThrownBy(() -> m.fit(x, y, FitOptions.builder().verbose(0).classWeight(Map.of(0, 1.0)).build()))
                .hasMessageContaining("classWeight has no entry for class 1");
        assertThatThrownBy(() -> m.fit(x, y, FitOptions.builder().verbose(0).sampleWeight(Tensor.ones(3)).build()))
                .hasMessageContaining("sampleWeight has shape [3], expected [2]");
    }

    @Test
    void validationSplitTakesTheLastSamples() {
        Tensor x = Tensor.arange(10).reshape(10, 1).cast(DType.FLOAT32);
        Tensor y = x.mul(2);
        Sequential m = new Sequential(Input.of(1), Dense.builder(1).kernelInitializer(Initializers.ones()).build());
        m.compile(new SGD(0), "mae");
        History h = m.fit(x, y, FitOptions.builder().epochs(1).verbose(0).validationSplit(0.2).build());
        // Training on 0..7: mean |x - 2x| = 3.5; validation on 8, 9: 8.5.
        assertThat(h.last("loss")).isEqualTo(3.5, within(1e-6));
        assertThat(h.last("val_loss")).isEqualTo(8.5, within(1e-6));
        assertThatThrownBy(() -> m.fit(x.slice(0, 0, 1), y.slice(0, 0, 1),
                FitOptions.builder().verbose(0).validationSplit(0.5).build()))
                .hasMessageContaining("leaves no training samples");
    }

    @Test
    void badDataIsRefusedBeforeTraining() {
        Sequential m = new Sequential(Input.of(2), new Dense(3, "softmax"));
        m.compile("adam", "categorical_crossentropy", "accuracy");
        Tensor x = Tensor.ones(4, 2);
        assertThatThrownBy(() -> m.fit(x, Tensor.ones(4, 1), FitOptions.defaults()))
                .hasMessageContaining("y has shape (None, 1) but model output 'dense' has shape (None, 3)")
                .hasMessageContaining("use sparse_categorical_crossentropy");
        assertThatThrownBy(() -> m.fit(x, Tensor.ones(5, 3), FitOptions.defaults()))
                .hasMessageContaining("y has 5 samples (shape [5, 3]), but x has 4");
        assertThatThrownBy(() -> m.fit(Tensor.zeros(0, 2), Tensor.zeros(0, 3), FitOptions.defaults()))
                .hasMessageContaining("the data is empty");
        Tensor nan = Tensor.of(new float[][] {{1, 2}, {Float.NaN, 0}});
        assertThatThrownBy(() -> m.fit(nan, Tensor.ones(2, 3), FitOptions.defaults()))
                .hasMessageContaining("x contains NaN (sample 1, element 0)");
        Sequential sparse = new Sequential(Input.of(2), new Dense(3, "softmax"));
        sparse.compile("adam", "sparse_categorical_crossentropy");
        assertThatThrownBy(() -> sparse.fit(x, Tensor.ones(4, 3), FitOptions.defaults()))
                .hasMessageContaining("one class index per sample")
                .hasMessageContaining("for one-hot labels use categorical_crossentropy");
        assertThatThrownBy(() -> sparse.fit(x, Tensor.of(new float[] {0, 1, 2.5f, 1}),
                FitOptions.builder().verbose(0).build()))
                .hasMessageContaining("y holds 2.5 for sample 2; sparse_categorical_crossentropy needs class indices in"
                        + " [0, 3)");
        assertThatThrownBy(() -> sparse.fit(x, Tensor.of(new long[] {0, 1, 3, 1}), FitOptions.builder().build()))
                .hasMessageContaining("y holds 3.0 for sample 2");
        Sequential uncompiled = new Sequential(Input.of(2), new Dense(1));
        assertThatThrownBy(() -> uncompiled.fit(x, Tensor.ones(4, 1), FitOptions.defaults()))
                .hasMessageContaining("is not compiled");
    }

    @Test
    void sparseLabelsTrainAMulticlassModel() {
        Rng rng = new Rng(5);
        int n = 150;
        float[][] xs = new float[n][2];
        long[] labels = new long[n];
        double[][] centers = {{-2, 0}, {2, 0}, {0, 2.5}};
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            labels[i] = c;
            xs[i][0] = (float) (centers[c][0] + 0.4 * rng.nextGaussian());
            xs[i][1] = (float) (centers[c][1] + 0.4 * rng.nextGaussian());
        }
        Sequential m = new Sequential(Input.of(2), new Dense(8, "relu"), new Dense(3, "softmax"));
        m.compile(new Adam(0.05), Loss.get("sparse_categorical_crossentropy"), Metric.get("accuracy"));
        History h = m.fit(Tensor.of(xs), Tensor.of(labels), FitOptions.builder().epochs(30).batchSize(16).verbose(0)
                .build());
        assertThat(h.last("accuracy")).isGreaterThan(0.95);
        Tensor oneHot = Tensor.of(labels).oneHot(3);
        m.compile(new Adam(0.01), new CategoricalCrossentropy(), Metric.get("accuracy"));
        assertThat(m.evaluate(Tensor.of(xs), oneHot).get("accuracy")).isGreaterThan(0.95);
    }

    @Test
    void fitsADataSourceAndStopsWhenAsked() {
        Tensor x = linearX(64);
        Tensor y = x.mul(-1);
        DataSource source = new DataSource() {
            @Override
            public Iterator<Batch> batches() {
                List<Batch> bs = new ArrayList<>();
                for (int i = 0; i < 64; i += 16) {
                    bs.add(Batch.of(x.slice(0, i, i + 16), y.slice(0, i, i + 16)));
                }
                return bs.iterator();
            }

            @Override
            public int batchCount() {
                return 4;
            }
        };
        Sequential m = new Sequential(Input.of(1), new Dense(1));
        m.compile(new SGD(0.3), "mse");
        List<Integer> batches = new ArrayList<>();
        jgrad.nn.callbacks.Callback stopper = new jgrad.nn.callbacks.Callback() {
            @Override
            public void onBatchEnd(int batch, Map<String, Double> logs) {
                batches.add(batch);
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                if (epoch == 2) {
                    model().setStopTraining(true);
                }
            }
        };
        History h = m.fit(source, FitOptions.builder().epochs(10).verbose(0).callbacks(stopper)
                .validationData(source).build());
        assertThat(h.epochs()).containsExactly(0, 1, 2);
        assertThat(batches).hasSize(12);
        assertThat(h.keys()).containsExactly("loss", "val_loss");
        assertThat(m.evaluate(source).get("loss")).isLessThan(h.get("loss").get(0));
        assertThat(m.predict(source).shape().dims()).containsExactly(64, 1);
        assertThatThrownBy(() -> m.fit(source, FitOptions.builder().validationSplit(0.1).build()))
                .hasMessageContaining("validationSplit is not supported with a DataSource");
    }

    @Test
    void tapeLoopWithAnOptimizerAndModelLosses() {
        Sequential m = new Sequential(Input.of(1), Dense.builder(1).kernelRegularizer(new L2(1e-4)).build());
        Adam opt = new Adam(0.1);
        Loss mse = new MeanSquaredError();
        Tensor x = linearX(64);
        Tensor y = x.mul(2).sub(1);
        for (int step = 0; step < 200; step++) {
            try (GradientTape tape = new GradientTape()) {
                Tensor loss = mse.call(y, m.call(x, true)).add(m.regularizationLoss());
                opt.apply(tape.gradient(loss, m.trainableWeights()), m.trainableWeights());
            }
        }
        assertThat(((Dense) m.getLayer(0)).kernel().getDouble(0, 0)).isEqualTo(2.0, within(0.01));
        assertThat(opt.iterations()).isEqualTo(200);
    }

    @Test
    void trainOnBatchAndPredictInBatches() {
        Sequential m = new Sequential(Input.of(3), new Dense(2));
        m.compile(new SGD(0.1), "mse", "mae");
        Map<String, Double> logs = m.trainOnBatch(Tensor.ones(4, 3), Tensor.zeros(4, 2));
        assertThat(logs).containsKeys("loss", "mae");
        Tensor x = Tensor.randomNormal(new Rng(3), 0, 1, 70, 3);
        assertThat(m.predict(x, 32).allClose(m.call(x), 1e-6, 1e-6)).isTrue();
        assertThatThrownBy(() -> m.predict(x, 0)).hasMessageContaining("batchSize must be > 0");
    }

    @Test
    void subclassedModelTrainsAndSummarizes() {
        Model m = new Model("two_layer") {
            final Dense a = addSublayer(new Dense(4, "tanh"));
            final Dense b = addSublayer(new Dense(1));

            @Override
            protected Tensor forward(Tensor x, boolean training) {
                return b.call(a.call(x, training), training);
            }
        };
        m.compile(new Adam(0.05), "mse");
        m.fit(linearX(32), linearX(32), FitOptions.builder().epochs(2).verbose(0).build());
        assertThat(m.layers()).hasSize(2);
        assertThat(m.summaryString()).contains(" dense (Dense)               multiple                  8");
        assertThat(m.countParams()).isEqualTo(13);
        m.build(1);
        assertThat(m.isBuilt()).isTrue();
    }

    @Test
    void compileChecksOutputsAndLosses() {
        Sequential m = new Sequential(Input.of(2), new Dense(1));
        assertThatThrownBy(() -> m.compile(new SGD(), List.of(), List.of(), List.of()))
                .hasMessageContaining("has 1 outputs, got 0 losses");
        assertThatThrownBy(() -> m.compile("adam", "nope")).hasMessageContaining("unknown loss 'nope'");
        assertThatThrownBy(() -> m.compile("adam", "mse", "nope")).hasMessageContaining("unknown metric 'nope'");
        m.compile("adam", "mse", "mae");
        assertThat(m.isCompiled()).isTrue();
        assertThat(m.loss().name()).isEqualTo("mean_squared_error");
        assertThat(m.metrics().get(0)).extracting(Metric::name).containsExactly("mae");
        assertThat(m.getLayer("dense")).isSameAs(m.getLayer(0));
        assertThatThrownBy(() -> m.getLayer("x")).hasMessageContaining("has no layer 'x'; it has [dense]");
    }
}
