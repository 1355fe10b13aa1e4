package jgrad.nn.layers.recurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.check.GradCheck;
import jgrad.nn.Layer;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.layers.Dense;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every recurrent cell and layer against central differences in float64 (GradCheck), first and
 * second order, with respect to the input and the states, on tiny sizes. Biases and peepholes
 * start random so every path carries signal.
 */
class RecurrentGradCheckTest {
    private static final Rng RNG = new Rng(10);

    @BeforeEach
    void seed() {
        Layer.resetNames();
        Rng.setGlobalSeed(10);
    }

    private static Tensor rand(int... shape) {
        return Tensor.randomUniform(RNG, DType.FLOAT64, -1, 1, shape);
    }

    private static <B extends CellBuilder<B>> B random(B b) {
        return b.kernelInitializer(Initializers.randomUniform(-0.8, 0.8, 1L))
                .recurrentInitializer(Initializers.randomUniform(-0.8, 0.8, 2L))
                .biasInitializer(Initializers.randomUniform(-0.5, 0.5, 3L));
    }

    private static void both(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        GradCheck.check(f, inputs).assertPassed();
        GradCheck.gradGradCheck(f, inputs).assertPassed();
    }

    private static void checkCell(RecurrentCell cell, int batch, int features) {
        cell.setDtype(DType.FLOAT64);
        Tensor x = rand(batch, features);
        cell.buildFor(jgrad.core.Shape.of(features));
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(x);
        for (Tensor s : cell.zeroStates(batch)) {
            inputs.add(rand(s.shape().dims()));
        }
        both(in -> {
            RecurrentCell.Output o = cell.call(in.get(0), in.subList(1, in.size()));
            List<Tensor> parts = new ArrayList<>();
            parts.add(o.output().reshape(-1));
            for (Tensor s : o.states()) {
                parts.add(s.reshape(-1));
            }
            return Tensor.concat(parts, 0);
        }, inputs);
    }

    @Test
    void simpleRnnCell() {
        checkCell(random(SimpleRNNCell.builder(3)).build(), 2, 2);
    }

    @Test
    void lstmCell() {
        checkCell(random(LSTMCell.builder(2)).build(), 2, 3);
    }

    @Test
    void gruCellResetAfter() {
        checkCell(random(GRUCell.builder(2)).build(), 2, 3);
    }

    @Test
    void gruCellResetBefore() {
        checkCell(random(GRUCell.builder(2)).resetAfter(false).build(), 2, 3);
    }

    @Test
    void peepholeLstmCell() {
        checkCell(random(PeepholeLSTMCell.builder(2)).build(), 2, 2);
    }

    private static void checkLayer(Layer layer, int... xShape) {
        layer.setDtype(DType.FLOAT64);
        Tensor x = rand(xShape);
        layer.callAll(List.of(x), false);
        both(in -> {
            List<Tensor> outs = layer.callAll(in, false);
            List<Tensor> parts = new ArrayList<>();
            for (Tensor o : outs) {
                parts.add(o.reshape(-1));
            }
            return Tensor.concat(parts, 0);
        }, List.of(x));
    }

    @Test
    void simpleRnnLayer() {
        checkLayer(random(SimpleRNN.builder(2)).returnSequences(true).build(), 2, 3, 2);
    }

    @Test
    void lstmLayerWithStates() {
        checkLayer(random(LSTM.builder(2)).returnSequences(true).returnState(true).build(), 2, 3, 2);
    }

    @Test
    void gruLayers() {
        checkLayer(random(GRU.builder(2)).returnSequences(true).build(), 2, 3, 2);
        checkLayer(random(GRU.builder(2)).resetAfter(false).goBackwards(true).build(), 2, 3, 2);
    }

    @Test
    void peepholeLstmLayer() {
        checkLayer(random(PeepholeLSTM.builder(2)).returnState(true).build(), 1, 3, 2);
    }

    @Test
    void bidirectionalAndTimeDistributed() {
        checkLayer(new Bidirectional(random(LSTM.builder(2)).returnSequences(true).build(), "concat"), 1, 3, 2);
        checkLayer(new TimeDistributed(Dense.builder(2).activation("tanh").build()), 2, 3, 2);
    }

    @Test
    void convLstmLayers() {
        checkLayer(random(ConvLSTM1D.builder(2, 2)).padding("same").returnSequences(true).build(), 1, 2, 3, 1);
        checkLayer(random(ConvLSTM2D.builder(1, 2)).build(), 1, 2, 3, 3, 1);
    }

    @Test
    void maskedLstmWithInitialState() {
        LSTM lstm = random(LSTM.builder(2)).returnSequences(true).returnState(true).build();
        lstm.setDtype(DType.FLOAT64);
        Tensor mask = Tensor.of(new boolean[] {true, false, true, true, true, false}).reshape(2, 3);
        List<Tensor> inputs = List.of(rand(2, 3, 2), rand(2, 2), rand(2, 2));
        both(in -> {
            List<Tensor> outs = lstm.call(in.get(0), mask, in.subList(1, 3), false);
            List<Tensor> parts = new ArrayList<>();
            for (Tensor o : outs) {
                parts.add(o.reshape(-1));
            }
            return Tensor.concat(parts, 0);
        }, inputs);
    }
}
