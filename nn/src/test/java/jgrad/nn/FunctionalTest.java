package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.layers.Add;
import jgrad.nn.layers.Concatenate;
import jgrad.nn.layers.Dense;
import jgrad.nn.losses.MeanSquaredError;
import jgrad.nn.metrics.Metric;
import jgrad.nn.optimizers.Adam;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FunctionalTest {
    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(2);
    }

    @Test
    void chainModelSummaryHasTheInputLayerRow() {
        SymbolicTensor in = Input.of(13);
        SymbolicTensor h = new Dense(8, "relu").call(in);
        Model model = Model.of(in, new Dense(1).call(h));
        assertThat(model.name()).isEqualTo("model");
        assertThat(model.layers()).extracting(Layer::name).containsExactly("input_1", "dense", "dense_1");
        assertThat(model.summaryString()).isEqualTo(String.join("\n",
                "Model: \"model\"",
                "_________________________________________________________________",
                " Layer (type)                Output Shape              Param #   ",
                "=================================================================",
                " input_1 (InputLayer)        [(None, 13)]              0         ",
                "                                                                 ",
                " dense (Dense)               (None, 8)                 112       ",
                "                                                                 ",
                " dense_1 (Dense)             (None, 1)                 9         ",
                "                                                                 ",
                "=================================================================",
                "Total params: 121",
                "Trainable params: 121",
                "Non-trainable params: 0",
                "_________________________________________________________________",
                ""));
    }

    @Test
    void residualBlockSummaryHasConnectedTo() {
        SymbolicTensor in = Input.of(16);
        SymbolicTensor h = new Dense(16, "relu").call(in);
        SymbolicTensor out = new Add().call(in, h);
        Model model = Model.of(in, out);
        String s = model.summaryString();
        assertThat(s).isEqualTo(String.join("\n",
                "Model: \"model\"",
                "__________________________________________________________________________________________________",
                " Layer (type)                   Output Shape         Param #     Connected to                     ",
                "==================================================================================================",
                " input_1 (InputLayer)           [(None, 16)]         0           []                               ",
                "                                                                                                  ",
                " dense (Dense)                  (None, 16)           272         ['input_1[0][0]']                ",
                "                                                                                                  ",
                " add (Add)                      (None, 16)           0           ['input_1[0][0]',                ",
                "                                                                  'dense[0][0]']                  ",
                "                                                                                                  ",
                "==================================================================================================",
                "Total params: 272",
                "Trainable params: 272",
                "Non-trainable params: 0",
                "__________________________________________________________________________________________________",
                ""));
        Tensor x = Tensor.randomNormal(new Rng(1), 0, 1, 4, 16);
        Dense dense = (Dense) model.getLayer("dense");
        Tensor expected = x.add(dense.call(x));
        assertThat(model.call(x).allClose(expected, 1e-6, 1e-6)).isTrue();
    }

    @Test
    void severalInputsAndOutputsTrainTogether() {
        SymbolicTensor a = Input.named("a", 3);
        SymbolicTensor b = Input.named("b", 2);
        SymbolicTensor joined = new Concatenate().call(a, b);
        SymbolicTensor h = new Dense(8, "tanh").call(joined);
        SymbolicTensor sum = Dense.builder(1).name("sum").build().call(h);
        SymbolicTensor diff = Dense.builder(1).name("diff").build().call(h);
        Model model = Model.of(List.of(a, b), List.of(sum, diff));
        assertThat(model.outputCount()).isEqualTo(2);
        Rng rng = new Rng(4);
        Tensor xa = Tensor.randomNormal(rng, 0, 1, 64, 3);
        Tensor xb = Tensor.randomNormal(rng, 0, 1, 64, 2);
        Tensor ySum = xa.sum(new int[] {1}, true).add(xb.sum(new int[] {1}, true));
        Tensor yDiff = xa.sum(new int[] {1}, true).sub(xb.sum(new int[] {1}, true));
        model.compile(new Adam(0.02), List.of(new MeanSquaredError(), new MeanSquaredError()), List.of(1.0, 0.5),
                List.of(List.of(Metric.get("mae")), List.of(Metric.get("mae"))));
        History h0 = model.fit(List.of(xa, xb), List.of(ySum, yDiff),
                FitOptions.builder().epochs(60).batchSize(16).verbose(0).seed(2).build());
        assertThat(h0.keys()).containsExactly("loss", "sum_loss", "diff_loss", "sum_mae", "diff_mae");
        assertThat(h0.last("loss")).isLessThan(h0.get("loss").get(0) / 5);
        double total = h0.last("sum_loss") + 0.5 * h0.last("diff_loss");
        assertThat(h0.last("loss")).isGreaterThan(0);
        assertThat(total).isPositive();
        List<Tensor> preds = model.predictAll(List.of(xa, xb), 10);
        assertThat(preds).hasSize(2);
        assertThat(preds.get(0).shape()).isEqualTo(Shape.of(64, 1));
        assertThatThrownBy(() -> model.predict(xa)).hasMessageContaining("has 2 inputs");
    }

    @Test
    void sharedLayerUsesOneSetOfWeights() {
        Dense shared = new Dense(4, "relu");
        SymbolicTensor a = Input.of(3);
        SymbolicTensor b = Input.of(3);
        Model model = Model.of(List.of(a, b), List.of(new Add().call(shared.call(a), shared.call(b))));
        assertThat(model.weights()).hasSize(2);
        assertThat(model.countParams()).isEqualTo(16);
        assertThat(model.summaryString()).contains(" dense (Dense)                  multiple             16");
        Tensor x = Tensor.ones(2, 3);
        try (GradientTape tape = new GradientTape()) {
            Tensor y = model.call(List.of(x, x), true).sum();
            List<Tensor> g = tape.gradient(y, model.trainableWeights());
            assertThat(g.get(0)).isNotNull();
        }
    }

    @Test
    void nestedModelIsALayer() {
        SymbolicTensor in = Input.of(4);
        Model inner = Model.of(in, new Dense(3, "relu").call(in));
        Sequential seq = new Sequential(Input.of(4), inner, new Dense(1));
        assertThat(seq.countParams()).isEqualTo(15 + 4);
        assertThat(seq.summaryString()).contains(" model (Functional)          (None, 3)                 15");
        SymbolicTensor outer = Input.of(4);
        Model wrapped = Model.of(outer, seq.call(outer));
        assertThat(wrapped.call(Tensor.ones(5, 4)).shape()).isEqualTo(Shape.of(5, 1));
        assertThatThrownBy(() -> seq.call(Input.of(5))).hasMessageContaining("(None, 5)");
    }

    @Test
    void shapeMismatchesAreCaughtWhenTheGraphIsBuilt() {
        SymbolicTensor in = Input.of(8);
        SymbolicTensor a = new Dense(64).call(in);
        SymbolicTensor b = new Dense(32).call(in);
        assertThatThrownBy(() -> new Add().call(a, b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer 'add' (Add) cannot take input (None, 64) from 'dense' and (None, 32) from "
                        + "'dense_1'")
                .hasMessageContaining("equal (or broadcastable) shapes");
        Dense d = new Dense(2);
        d.call(Input.of(3));
        assertThatThrownBy(() -> d.call(Input.of(4))).hasMessageContaining("'dense_2' (Dense) cannot take input (None, 4)");
    }

    @Test
    void disconnectedGraphsAndBadInputsAreRefused() {
        SymbolicTensor a = Input.of(2);
        SymbolicTensor b = Input.of(2);
        SymbolicTensor out = new Add().call(a, b);
        assertThatThrownBy(() -> Model.of(a, out))
                .hasMessageContaining("graph disconnected").hasMessageContaining("input 'input_2'");
        SymbolicTensor h = new Dense(2).call(a);
        assertThatThrownBy(() -> Model.of(h, out)).hasMessageContaining("must come from Input.of");
        Dense x1 = Dense.builder(1).name("same").build();
        Dense x2 = Dense.builder(1).name("same").build();
        assertThatThrownBy(() -> Model.of(List.of(a), List.of(x1.call(a), x2.call(a))))
                .hasMessageContaining("two different layers are named 'same'");
    }

    @Test
    void eagerCallChecksInputShapes() {
        SymbolicTensor in = Input.of(3);
        Model m = Model.of(in, new Dense(1).call(in));
        assertThatThrownBy(() -> m.call(Tensor.ones(2, 4)))
                .hasMessageContaining("input 'input_1' expects shape (None, 3), got a batch of shape [2, 4]");
        assertThat(m.trainableWeights()).extracting(Variable::name).containsExactly("dense/kernel", "dense/bias");
    }
}
