package jgrad.nn.layers.recurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.Sequential;
import jgrad.nn.SymbolicTensor;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.io.LayerRegistry;
import jgrad.nn.layers.Dense;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keras's shapes, weight layouts, parameter counts and options of the recurrent layers, and their errors. */
class RecurrentLayersTest {
    private static final Rng RNG = new Rng(3);

    @BeforeEach
    void names() {
        Layer.resetNames();
        Rng.setGlobalSeed(3);
    }

    private static Tensor rand(int... shape) {
        return Tensor.randomUniform(RNG, DType.FLOAT64, -1, 1, shape);
    }

    private static <L extends Layer> L f64(L layer) {
        layer.setDtype(DType.FLOAT64);
        return layer;
    }

    @Test
    void parameterCountsAndWeightLayoutsAreKeras() {
        LSTM lstm = new LSTM(32);
        lstm.call(Tensor.zeros(2, 5, 1));
        assertThat(lstm.countParams()).isEqualTo(4 * (32 * (1 + 32) + 32));
        assertThat(lstm.weights()).extracting(Variable::name)
                .containsExactly("lstm_cell/kernel", "lstm_cell/recurrent_kernel", "lstm_cell/bias");
        assertThat(lstm.cell().kernel().shape()).isEqualTo(Shape.of(1, 128));
        assertThat(lstm.cell().recurrentKernel().shape()).isEqualTo(Shape.of(32, 128));
        // unit_forget_bias: the forget gate (second block of four) starts at 1, the rest at 0.
        double[] b = lstm.cell().bias().toDoubleArray();
        for (int i = 0; i < 128; i++) {
            assertThat(b[i]).isEqualTo(i >= 32 && i < 64 ? 1.0 : 0.0);
        }
        GRU gru = new GRU(32);
        gru.call(Tensor.zeros(2, 5, 1));
        assertThat(gru.countParams()).isEqualTo(3360);
        assertThat(gru.cell().bias().shape()).isEqualTo(Shape.of(2, 96));
        GRU gru2 = GRU.builder(32).resetAfter(false).build();
        gru2.call(Tensor.zeros(2, 5, 1));
        assertThat(gru2.countParams()).isEqualTo(3264);
        SimpleRNN rnn = new SimpleRNN(4);
        rnn.call(Tensor.zeros(1, 3, 2));
        assertThat(rnn.countParams()).isEqualTo(4 * 2 + 4 * 4 + 4);
        PeepholeLSTM p = new PeepholeLSTM(8);
        p.call(Tensor.zeros(1, 3, 2));
        assertThat(p.countParams()).isEqualTo(4 * (8 * 10 + 8) + 3 * 8);
        ConvLSTM2D conv = ConvLSTM2D.builder(16, 3).padding("same").build();
        conv.call(Tensor.zeros(1, 2, 6, 6, 1));
        assertThat(conv.countParams()).isEqualTo(9856);
        assertThat(conv.cell().kernel().shape()).isEqualTo(Shape.of(3, 3, 1, 64));
        assertThat(conv.cell().recurrentKernel().shape()).isEqualTo(Shape.of(3, 3, 16, 64));
    }

    @Test
    void outputShapesFollowReturnSequencesAndReturnState() {
        Tensor x = Tensor.zeros(2, 5, 3);
        assertThat(new LSTM(4).call(x).shape()).isEqualTo(Shape.of(2, 4));
        assertThat(LSTM.builder(4).returnSequences(true).build().call(x).shape()).isEqualTo(Shape.of(2, 5, 4));
        List<Tensor> outs = LSTM.builder(4).returnState(true).build().callAll(List.of(x), false);
        assertThat(outs).hasSize(3);
        assertThat(outs.get(0).toDoubleArray()).containsExactly(outs.get(1).toDoubleArray());
        SymbolicTensor in = Input.of(5, 3);
        List<SymbolicTensor> s = GRU.builder(4).returnSequences(true).returnState(true).build().callAll(in);
        assertThat(s.get(0).shape()).isEqualTo(Shape.of(5, 4));
        assertThat(s.get(1).shape()).isEqualTo(Shape.of(4));
        SymbolicTensor bi = new Bidirectional(LSTM.builder(4).returnSequences(true).build()).call(in);
        assertThat(bi.shape()).isEqualTo(Shape.of(5, 8));
        SymbolicTensor cl = ConvLSTM2D.builder(2, 3).returnSequences(true).build().call(Input.of(4, 7, 6, 1));
        assertThat(cl.shape()).isEqualTo(Shape.of(4, 5, 4, 2));
        SymbolicTensor td = new TimeDistributed(new Dense(3)).call(in);
        assertThat(td.shape()).isEqualTo(Shape.of(5, 3));
        assertThat(new RepeatVector(4).call(Input.of(3)).shape()).isEqualTo(Shape.of(4, 3));
    }

    @Test
    void peepholeLstmWithZeroPeepholesEqualsLstmExactly() {
        LSTM lstm = f64(LSTM.builder(3).returnSequences(true).returnState(true).build());
        PeepholeLSTM peep = f64(PeepholeLSTM.builder(3).returnSequences(true).returnState(true).build());
        Tensor x = rand(2, 6, 4);
        lstm.callAll(List.of(x), false);
        peep.callAll(List.of(x), false);
        List<Tensor> w = new ArrayList<>(lstm.getWeights());
        for (int i = 0; i < 3; i++) {
            w.add(Tensor.zeros(DType.FLOAT64, 3));
        }
        peep.setWeights(w);
        List<Tensor> a = lstm.callAll(List.of(x), false);
        List<Tensor> b = peep.callAll(List.of(x), false);
        for (int i = 0; i < 3; i++) {
            assertThat(b.get(i).toDoubleArray()).containsExactly(a.get(i).toDoubleArray());
        }
        // Non-zero peepholes change the result.
        w.set(3, Tensor.full(DType.FLOAT64, 0.5, 3));
        peep.setWeights(w);
        assertThat(peep.callAll(List.of(x), false).get(0).toDoubleArray()).isNotEqualTo(a.get(0).toDoubleArray());
    }

    @Test
    void cellInATapeLoopEqualsTheLayer() {
        LSTM lstm = f64(LSTM.builder(3).returnSequences(true).build());
        Tensor x = rand(2, 4, 2);
        Tensor y = lstm.call(x);
        LSTMCell cell = lstm.cell();
        List<Tensor> states = cell.zeroStates(2);
        try (GradientTape tape = new GradientTape()) {
            Tensor loss = null;
            for (int t = 0; t < 4; t++) {
                RecurrentCell.Output o = cell.call(x.slice(1, t, t + 1).squeeze(1), states);
                states = o.states();
                assertThat(o.output().toDoubleArray()).containsExactly(y.slice(1, t, t + 1).squeeze(1).toDoubleArray());
                loss = loss == null ? o.output().sum() : loss.add(o.output().sum());
            }
            assertThat(tape.gradient(loss, cell.kernel()).shape()).isEqualTo(Shape.of(2, 12));
        }
    }

    @Test
    void goBackwardsIsTheReversedSequence() {
        GRU fwd = f64(GRU.builder(3).returnSequences(true).build());
        Tensor x = rand(2, 5, 2);
        fwd.call(x);
        GRU back = f64(GRU.builder(3).returnSequences(true).goBackwards(true).build());
        back.call(x);
        back.setWeights(fwd.getWeights());
        Tensor reversed = Bidirectional.reverseTime(x);
        assertThat(back.call(x).toDoubleArray()).containsExactly(fwd.call(reversed).toDoubleArray());
    }

    @Test
    void statefulChunksEqualOneLongRun() {
        Tensor x = rand(3, 12, 2);
        LSTM whole = f64(LSTM.builder(4).returnSequences(true).build());
        Tensor all = whole.call(x);
        LSTM chunked = f64(LSTM.builder(4).returnSequences(true).stateful(true).build());
        chunked.call(x.slice(1, 0, 1));
        chunked.resetStates();
        chunked.setWeights(whole.getWeights());
        for (int start = 0; start < 12; start += 4) {
            Tensor part = chunked.call(x.slice(1, start, start + 4));
            assertThat(part.allClose(all.slice(1, start, start + 4), 0, 1e-14)).isTrue();
        }
        assertThat(chunked.states()).hasSize(2);
        chunked.resetStates();
        assertThat(chunked.call(x.slice(1, 0, 4)).allClose(all.slice(1, 0, 4), 0, 1e-14)).isTrue();
        assertThatThrownBy(() -> chunked.call(x.slice(0, 0, 2).slice(1, 0, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'lstm_1'").hasMessageContaining("stateful with batch size 3")
                .hasMessageContaining("[2, 4, 2]").hasMessageContaining("resetStates()");
    }

    @Test
    void maskingSkipsPaddedStepsAsIfTheyWereNotThere() {
        LSTM lstm = f64(LSTM.builder(3).returnSequences(true).returnState(true).build());
        Masking masking = f64(new Masking());
        Tensor x = rand(1, 3, 2);
        Tensor padded = x.pad(new int[][] {{0, 0}, {0, 2}, {0, 0}}, 0);
        List<Tensor> plain = lstm.callAll(List.of(x), false);
        Tensor m = masking.call(padded);
        assertThat(Masks.of(m).toBooleanArray()).containsExactly(true, true, true, false, false);
        List<Tensor> masked = lstm.callAll(List.of(m), false);
        // Final states and the last output equal the unpadded run; masked steps repeat the last output.
        assertThat(masked.get(1).toDoubleArray()).containsExactly(plain.get(1).toDoubleArray());
        assertThat(masked.get(2).toDoubleArray()).containsExactly(plain.get(2).toDoubleArray());
        assertThat(masked.get(0).slice(1, 4, 5).toDoubleArray()).containsExactly(plain.get(1).toDoubleArray());
        assertThat(Masks.of(masked.get(0))).isNotNull();
        // Through a Sequential model too (a float32 model: its input is rounded to float32 first).
        Sequential model = new Sequential().add(f64(new Masking())).add(lstmCopy(lstm));
        Tensor viaModel = model.call(padded).cast(DType.FLOAT64);
        assertThat(viaModel.allClose(plain.get(1), 0, 1e-6)).isTrue();
        Tensor unmasked = lstmCopy(lstm).call(padded);
        assertThat(viaModel.allClose(unmasked, 0, 1e-3)).as("padding changes an unmasked LSTM's result").isFalse();
    }

    private static LSTM lstmCopy(LSTM lstm) {
        LSTM copy = f64(LSTM.builder(3).build());
        copy.call(Tensor.zeros(DType.FLOAT64, 1, 1, 2));
        copy.setWeights(lstm.getWeights());
        return copy;
    }

    @Test
    void dropoutOnlyInTrainingAndSeeded() {
        LSTM a = f64(LSTM.builder(4).dropout(0.5).recurrentDropout(0.3).seed(5).build());
        Tensor x = rand(3, 4, 2);
        Tensor inference = a.call(x);
        assertThat(a.call(x).toDoubleArray()).containsExactly(inference.toDoubleArray());
        Tensor train = a.call(x, true);
        assertThat(train.toDoubleArray()).isNotEqualTo(inference.toDoubleArray());
        LSTM b = f64(LSTM.builder(4).dropout(0.5).recurrentDropout(0.3).seed(5).build());
        b.call(x);
        b.setWeights(a.getWeights());
        LSTM c = f64(LSTM.builder(4).dropout(0.5).recurrentDropout(0.3).seed(5).build());
        c.call(x);
        c.setWeights(a.getWeights());
        assertThat(b.call(x, true).toDoubleArray()).containsExactly(c.call(x, true).toDoubleArray());
    }

    @Test
    void bidirectionalMergeModes() {
        LSTM inner = LSTM.builder(3).returnSequences(true).build();
        Bidirectional concat = f64(new Bidirectional(inner, "concat"));
        Tensor x = rand(2, 4, 2);
        Tensor c = concat.call(x);
        assertThat(concat.weights()).hasSize(6);
        assertThat(concat.weights().get(0).name()).isEqualTo("forward_lstm_cell/kernel");
        assertThat(concat.weights().get(3).name()).isEqualTo("backward_lstm_cell/kernel");
        Tensor f = c.slice(2, 0, 3);
        Tensor b = c.slice(2, 3, 6);
        for (String mode : new String[] {"sum", "mul", "ave"}) {
            Bidirectional bi = f64(new Bidirectional(LSTM.builder(3).returnSequences(true).build(), mode));
            bi.call(x);
            bi.setWeights(concat.getWeights());
            Tensor want = switch (mode) {
                case "sum" -> f.add(b);
                case "mul" -> f.mul(b);
                default -> f.add(b).mul(0.5);
            };
            assertThat(bi.call(x).allClose(want, 0, 1e-15)).as(mode).isTrue();
        }
        Bidirectional none = f64(new Bidirectional(LSTM.builder(3).returnSequences(true).build(), null));
        List<Tensor> two = none.callAll(List.of(x), false);
        none.setWeights(concat.getWeights());
        two = none.callAll(List.of(x), false);
        assertThat(two).hasSize(2);
        assertThat(two.get(1).toDoubleArray()).containsExactly(b.toDoubleArray());
        assertThatThrownBy(() -> new Bidirectional(new LSTM(2), "max")).hasMessageContaining("merge_mode");
    }

    @Test
    void timeDistributedAndRepeatVector() {
        Dense d = f64(Dense.builder(3).build());
        TimeDistributed td = f64(new TimeDistributed(d));
        Tensor x = rand(2, 4, 5);
        assertThat(td.call(x).allClose(d.call(x), 0, 1e-15)).isTrue();
        assertThat(td.weights()).hasSize(2);
        Tensor r = new RepeatVector(3).call(Tensor.of(new float[][] {{1, 2}, {3, 4}}));
        assertThat(r.shape()).isEqualTo(Shape.of(2, 3, 2));
        assertThat(r.toFloatArray()).containsExactly(1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4);
    }

    @Test
    void configsRoundTripThroughTheRegistry() {
        List<Layer> layers = List.of(
                SimpleRNN.builder(3).activation("relu").returnSequences(true).build(),
                LSTM.builder(4).unitForgetBias(false).dropout(0.1).returnState(true).goBackwards(true).build(),
                GRU.builder(5).resetAfter(false).recurrentActivation("hard_sigmoid").stateful(true).build(),
                PeepholeLSTM.builder(2).useBias(false).build(),
                ConvLSTM2D.builder(4, 3, 2).padding("same").strides(1, 2).build(),
                ConvLSTM1D.builder(2, 3).build(), ConvLSTM3D.builder(2, 2).build(),
                new Bidirectional(LSTM.builder(3).returnSequences(true).build(), "sum"),
                new TimeDistributed(new Dense(2, "relu")), new RepeatVector(3), new Masking(-1.0),
                LSTMCell.builder(3).build(), GRUCell.builder(2).build(), SimpleRNNCell.builder(2).build());
        for (Layer l : layers) {
            Map<String, Object> c = l.config();
            Layer back = LayerRegistry.create(l.className(), c);
            assertThat(back.getClass()).isEqualTo(l.getClass());
            assertThat(back.config()).as(l.className()).isEqualTo(c);
        }
    }

    @Test
    void sequentialModelTrainsOnAShortSequenceTask() {
        // Sum of a sequence: an LSTM learns it quickly; checks that fit works with recurrent layers.
        Rng rng = new Rng(1);
        Tensor x = Tensor.randomUniform(rng, 0, 1, 256, 6, 1);
        Tensor y = x.sum(new int[] {1}, false);
        Sequential model = new Sequential().add(LSTM.builder(8).inputShape(6, 1).build()).add(new Dense(1));
        model.compile("adam", "mse");
        double before = model.evaluate(x, y).get("loss");
        model.fit(x, y, jgrad.nn.FitOptions.builder().epochs(30).batchSize(32).verbose(0).build());
        double after = model.evaluate(x, y).get("loss");
        assertThat(after).isLessThan(before / 5);
    }

    @Test
    void badInputsNameTheLayerTheArgumentAndTheShapes() {
        LSTM lstm = LSTM.builder(4).name("enc").build();
        assertThatThrownBy(() -> lstm.call(Tensor.zeros(3, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'enc'").hasMessageContaining("(None, timesteps, features)")
                .hasMessageContaining("(None, 5)");
        lstm.call(Tensor.zeros(3, 5, 2));
        assertThatThrownBy(() -> lstm.call(Tensor.zeros(3, 5)))
                .hasMessageContaining("'enc'").hasMessageContaining("[3, 5]");
        assertThatThrownBy(() -> lstm.call(Tensor.zeros(3, 0, 2)))
                .hasMessageContaining("'enc'").hasMessageContaining("length 0").hasMessageContaining("(None, 0, 2)");
        assertThatThrownBy(() -> new GRU(2).call(Tensor.zeros(3, 0, 2)))
                .hasMessageContaining("'gru'").hasMessageContaining("length 0");
        assertThatThrownBy(() -> lstm.call(Tensor.zeros(3, 5, 3)))
                .hasMessageContaining("'enc'").hasMessageContaining("(None, 2)").hasMessageContaining("(None, 5, 3)");
        Tensor badMask = Tensor.ones(DType.BOOL, 3, 4);
        assertThatThrownBy(() -> lstm.call(Tensor.zeros(3, 5, 2), badMask, null, false))
                .hasMessageContaining("'enc'").hasMessageContaining("mask").hasMessageContaining("[3, 5, 2]")
                .hasMessageContaining("[3, 4]");
        assertThatThrownBy(() -> lstm.call(Tensor.zeros(3, 5, 2), null, List.of(Tensor.zeros(3, 4)), false))
                .hasMessageContaining("'enc'").hasMessageContaining("2 states").hasMessageContaining("initial_state");
        assertThatThrownBy(() -> lstm.call(Tensor.zeros(3, 5, 2), null,
                List.of(Tensor.zeros(3, 4), Tensor.zeros(3, 5)), false))
                .hasMessageContaining("'enc'").hasMessageContaining("initial_state[1]")
                .hasMessageContaining("[3, 4]").hasMessageContaining("[3, 5]");
        assertThatThrownBy(() -> new LSTM(2).callAll(Input.of(5, 2), Input.of(3)))
                .hasMessageContaining("initial_state").hasMessageContaining("(None, 3)");
        assertThatThrownBy(() -> ConvLSTM2D.builder(2, 3).build().call(Tensor.zeros(1, 2, 5, 5)))
                .hasMessageContaining("(None, time, rows, cols, channels)");
        assertThatThrownBy(() -> new RepeatVector(0)).hasMessageContaining("n must be > 0");
    }

    @Test
    void functionalEncoderDecoderWithInitialStateInputs() {
        SymbolicTensor enc = Input.of(6, 2);
        List<SymbolicTensor> e = LSTM.builder(4).returnState(true).build().callAll(enc);
        SymbolicTensor dec = Input.of(3, 1);
        SymbolicTensor d = LSTM.builder(4).returnSequences(true).build().callAll(dec, e.get(1), e.get(2)).get(0);
        SymbolicTensor out = new TimeDistributed(new Dense(1)).call(d);
        Model m = Model.of(List.of(enc, dec), List.of(out));
        Tensor y = m.call(List.of(Tensor.zeros(2, 6, 2), Tensor.zeros(2, 3, 1)), false);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3, 1));
    }

    @Test
    void cellInitializersApply() {
        SimpleRNN r = SimpleRNN.builder(2).kernelInitializer(Initializers.ones()).recurrentInitializer("zeros").build();
        r.call(Tensor.zeros(1, 2, 3));
        assertThat(r.cell().kernel().toFloatArray()).containsOnly(1f);
        assertThat(r.cell().recurrentKernel().toFloatArray()).containsOnly(0f);
    }

    @Test
    void savedModelsComeBackWithTheSamePredictions(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Sequential m = new Sequential(Input.of(5, 3)).add(new Masking())
                .add(new Bidirectional(GRU.builder(4).returnSequences(true).build()))
                .add(PeepholeLSTM.builder(3).returnSequences(true).build())
                .add(new TimeDistributed(new Dense(2))).add(new LSTM(2)).add(new RepeatVector(2))
                .add(SimpleRNN.builder(2).returnSequences(true).build());
        Tensor x = Tensor.randomUniform(new Rng(4), -1, 1, 2, 5, 3);
        Tensor y = m.call(x);
        java.nio.file.Path file = dir.resolve("rnn.jgrad");
        m.save(file);
        Model back = Model.load(file);
        assertThat(back.call(x).toFloatArray()).containsExactly(y.toFloatArray());
        assertThat(Model.fromJson(m.toJson()).countParams()).isEqualTo(m.countParams());
    }

    @Test
    void embeddingMaskZeroSkipsPaddingInTheNextRecurrentLayer() {
        Embedding emb = f64(new Embedding(7, 3, true));
        LSTM lstm = f64(LSTM.builder(4).returnState(true).build());
        Tensor padded = Tensor.of(new long[] {3, 5, 2, 0, 0, 6, 1, 0, 0, 0}).reshape(2, 5);
        List<Tensor> masked = lstm.callAll(List.of(emb.call(padded)), false);
        assertThat(Masks.of(emb.call(padded)).toBooleanArray())
                .containsExactly(true, true, true, false, false, true, true, false, false, false);
        Tensor first = lstm.callAll(List.of(emb.call(Tensor.of(new long[] {3, 5, 2}).reshape(1, 3))), false).get(0);
        assertThat(masked.get(0).slice(0, 0, 1).toDoubleArray()).containsExactly(first.toDoubleArray());
        Tensor second = lstm.callAll(List.of(emb.call(Tensor.of(new long[] {6, 1}).reshape(1, 2))), false).get(0);
        assertThat(masked.get(0).slice(0, 1, 2).toDoubleArray()).containsExactly(second.toDoubleArray());
        try (GradientTape tape = new GradientTape()) {
            Tensor g = tape.gradient(lstm.callAll(List.of(emb.call(padded)), false).get(0).sum(), emb.embeddings());
            // Row 0 (padding) only feeds masked steps: no gradient reaches it.
            assertThat(g.slice(0, 0, 1).toDoubleArray()).containsOnly(0.0);
            assertThat(g.slice(0, 3, 4).abs().sum().item()).isGreaterThan(0);
        }
        assertThatThrownBy(() -> emb.call(Tensor.of(new long[] {1, 7}).reshape(1, 2)))
                .hasMessageContaining("'embedding'").hasMessageContaining("token id 7").hasMessageContaining("[0, 7)");
        Embedding back = (Embedding) LayerRegistry.create("Embedding", emb.config());
        assertThat(back.config()).isEqualTo(emb.config());
        Sequential m = new Sequential(Input.of(DType.INT64, 5)).add(new Embedding(7, 3, true)).add(new LSTM(2));
        assertThat(m.call(padded).shape()).isEqualTo(Shape.of(2, 2));
    }
}
