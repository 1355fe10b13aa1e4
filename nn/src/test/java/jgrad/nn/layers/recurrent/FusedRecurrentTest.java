package jgrad.nn.layers.recurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.RecordedOp;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import jgrad.nn.Layer;
import jgrad.nn.initializers.Initializers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fused sequence path of the recurrent layers: an LSTM with the default activations and
 * nothing to do between steps records one {@code lstm_sequence} op, and its outputs, final states
 * and every gradient (input, weights, initial states) equal those of the same layer stepped one op
 * at a time ({@code unroll(true)}) and of the general gate math (a non-default but equal
 * activation), for the options that change the loop: go_backwards, return_state, stateful.
 */
class FusedRecurrentTest {
    private static final Rng RNG = new Rng(12);

    @BeforeEach
    void seed() {
        Layer.resetNames();
        Rng.setGlobalSeed(12);
    }

    private static LSTM lstm(boolean unroll, boolean goBackwards, boolean plainTanh) {
        LSTM.Builder b = LSTM.builder(5).returnSequences(true).returnState(true).goBackwards(goBackwards).unroll(unroll)
                .kernelInitializer(Initializers.randomUniform(-0.7, 0.7, 1L))
                .recurrentInitializer(Initializers.randomUniform(-0.7, 0.7, 2L))
                .biasInitializer(Initializers.randomUniform(-0.5, 0.5, 3L));
        if (plainTanh) {
            b.activation(t -> t.tanh()); // the same function, but not the named default: the general path
        }
        LSTM l = b.build();
        l.setDtype(DType.FLOAT64);
        return l;
    }

    /** Outputs (sequence, h, c), then the gradients of a weighted sum of them w.r.t. x, h0, c0 and the weights. */
    private static List<Tensor> run(LSTM layer, Tensor x, Tensor h0, Tensor c0, List<String> opNames) {
        List<Tensor> result = new ArrayList<>();
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x, h0, c0);
            List<Tensor> outs = layer.call(x, null, List.of(h0, c0), true);
            Tensor loss = outs.get(0).mul(Tensor.arange(DType.FLOAT64, 1, 6, 1).div(5)).sum()
                    .add(outs.get(1).square().sum()).add(outs.get(2).sum());
            for (RecordedOp op : tape.operations()) {
                opNames.add(op.op().name());
            }
            List<Tensor> sources = new ArrayList<>(List.of(x, h0, c0));
            sources.addAll(layer.weights());
            result.addAll(outs);
            result.addAll(tape.gradient(loss, sources, null, UnconnectedGradients.ZERO));
        }
        return result;
    }

    @Test
    void oneFusedOpWithTheValuesAndGradientsOfTheStepByStepLayer() {
        for (boolean backwards : new boolean[] {false, true}) {
            Tensor x = Tensor.randomUniform(RNG, DType.FLOAT64, -1, 1, 3, 4, 2);
            Tensor h0 = Tensor.randomUniform(RNG, DType.FLOAT64, -1, 1, 3, 5);
            Tensor c0 = Tensor.randomUniform(RNG, DType.FLOAT64, -1, 1, 3, 5);
            List<String> fusedOps = new ArrayList<>();
            List<String> unrolledOps = new ArrayList<>();
            List<String> plainOps = new ArrayList<>();
            List<Tensor> fused = run(lstm(false, backwards, false), x, h0, c0, fusedOps);
            List<Tensor> unrolled = run(lstm(true, backwards, false), x, h0, c0, unrolledOps);
            List<Tensor> plain = run(lstm(false, backwards, true), x, h0, c0, plainOps);
            assertThat(fusedOps).containsOnlyOnce("lstm_sequence").doesNotContain("sigmoid", "tanh");
            assertThat(unrolledOps.stream().filter("lstm_sequence"::equals)).hasSize(4);
            assertThat(plainOps).doesNotContain("lstm_sequence").contains("sigmoid", "tanh");
            assertThat(fused).hasSize(unrolled.size());
            for (int i = 0; i < fused.size(); i++) {
                assertThat(fused.get(i).shape()).isEqualTo(plain.get(i).shape());
                assertThat(fused.get(i).allClose(unrolled.get(i), 1e-12, 1e-12)).as("unrolled, result %d", i).isTrue();
                assertThat(fused.get(i).allClose(plain.get(i), 1e-12, 1e-12)).as("plain ops, result %d", i).isTrue();
            }
        }
    }

    @Test
    void statefulFusedChunksEqualOneLongRun() {
        Tensor x = Tensor.randomUniform(RNG, DType.FLOAT64, -1, 1, 2, 6, 3);
        LSTM whole = LSTM.builder(4).returnSequences(true).build();
        whole.setDtype(DType.FLOAT64);
        Tensor expected = whole.call(x);
        LSTM chunked = LSTM.builder(4).returnSequences(true).stateful(true).build();
        chunked.setDtype(DType.FLOAT64);
        chunked.call(x.slice(1, 0, 2));
        for (int i = 0; i < whole.weights().size(); i++) {
            chunked.weights().get(i).assign(whole.weights().get(i));
        }
        chunked.resetStates();
        List<Tensor> parts = new ArrayList<>();
        for (int t = 0; t < 6; t += 2) {
            parts.add(chunked.call(x.slice(1, t, t + 2)));
        }
        assertThat(Tensor.concat(parts, 1).allClose(expected, 1e-12, 1e-12)).isTrue();
    }

    private static GRU gru(boolean resetAfter, boolean unroll, boolean plainTanh, boolean useBias) {
        GRU.Builder b = GRU.builder(5).returnSequences(true).returnState(true).resetAfter(resetAfter).unroll(unroll)
                .useBias(useBias).kernelInitializer(Initializers.randomUniform(-0.7, 0.7, 1L))
                .recurrentInitializer(Initializers.randomUniform(-0.7, 0.7, 2L))
                .biasInitializer(Initializers.randomUniform(-0.5, 0.5, 3L));
        if (plainTanh) {
            b.activation(t -> t.tanh());
        }
        GRU l = b.build();
        l.setDtype(DType.FLOAT64);
        return l;
    }

    private static List<Tensor> runGru(GRU layer, Tensor x, Tensor h0, List<String> opNames) {
        List<Tensor> result = new ArrayList<>();
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x, h0);
            List<Tensor> outs = layer.call(x, null, List.of(h0), true);
            Tensor loss = outs.get(0).mul(Tensor.arange(DType.FLOAT64, 1, 6, 1).div(5)).sum()
                    .add(outs.get(1).square().sum());
            for (RecordedOp op : tape.operations()) {
                opNames.add(op.op().name());
            }
            List<Tensor> sources = new ArrayList<>(List.of(x, h0));
            sources.addAll(layer.weights());
            result.addAll(outs);
            result.addAll(tape.gradient(loss, sources, null, UnconnectedGradients.ZERO));
        }
        return result;
    }

    @Test
    void gruWithAndWithoutResetAfterFusedEqualsStepByStep() {
        for (boolean resetAfter : new boolean[] {true, false}) {
            for (boolean useBias : new boolean[] {true, false}) {
                Tensor x = Tensor.randomUniform(RNG, DType.FLOAT64, -1, 1, 3, 4, 2);
                Tensor h0 = Tensor.randomUniform(RNG, DType.FLOAT64, -1, 1, 3, 5);
                List<String> fusedOps = new ArrayList<>();
                List<String> unrolledOps = new ArrayList<>();
                List<String> plainOps = new ArrayList<>();
                List<Tensor> fused = runGru(gru(resetAfter, false, false, useBias), x, h0, fusedOps);
                List<Tensor> unrolled = runGru(gru(resetAfter, true, false, useBias), x, h0, unrolledOps);
                List<Tensor> plain = runGru(gru(resetAfter, false, true, useBias), x, h0, plainOps);
                assertThat(fusedOps).containsOnlyOnce("gru_sequence").doesNotContain("sigmoid", "tanh");
                assertThat(unrolledOps.stream().filter("gru_sequence"::equals)).hasSize(4);
                assertThat(plainOps).doesNotContain("gru_sequence").contains("sigmoid", "tanh");
                for (int i = 0; i < fused.size(); i++) {
                    String what = "reset_after " + resetAfter + ", bias " + useBias + ", result " + i;
                    assertThat(fused.get(i).allClose(unrolled.get(i), 1e-12, 1e-12)).as(what).isTrue();
                    assertThat(fused.get(i).allClose(plain.get(i), 1e-12, 1e-12)).as(what).isTrue();
                }
            }
        }
    }
}
