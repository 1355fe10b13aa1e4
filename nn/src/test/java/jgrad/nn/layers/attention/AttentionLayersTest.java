package jgrad.nn.layers.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.GradCheck;
import jgrad.nn.Layer;
import jgrad.nn.io.LayerRegistry;
import jgrad.nn.layers.recurrent.Masks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attention layers: the note's position-encoding numbers, gradcheck and gradgradcheck with
 * respect to the inputs for each layer (float64, tiny sizes), masks (weights sum to 1, padded keys
 * and the future get none), config round trips through the layer registry, and bad input.
 */
class AttentionLayersTest {
    private static final Rng RNG = new Rng(11);

    @BeforeEach
    void seed() {
        Layer.resetNames();
        Rng.setGlobalSeed(11);
    }

    private static Tensor rand(int... shape) {
        return Tensor.randomUniform(RNG, DType.FLOAT64, -1, 1, shape);
    }

    private static void both(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        GradCheck.check(f, inputs).assertPassed();
        GradCheck.gradGradCheck(f, inputs).assertPassed();
    }

    private static <L extends Layer> L f64(L l) {
        l.setDtype(DType.FLOAT64);
        return l;
    }

    @Test
    void sinusoidalEncodingGivesTheNotesNumbersAtD4() {
        Tensor pe = SinePositionEncoding.encoding(3, 4, 10000, DType.FLOAT64);
        double[][] rows = pe.toDoubleArray2D();
        double[] p1 = {0.841471, 0.540302, 0.010000, 0.999950};
        double[] p2 = {0.909297, -0.416147, 0.019999, 0.999800};
        for (int c = 0; c < 4; c++) {
            assertThat(rows[0][c]).isEqualTo(c % 2 == 0 ? 0.0 : 1.0);
            assertThat(rows[1][c]).isCloseTo(p1[c], within(5e-7));
            assertThat(rows[2][c]).isCloseTo(p2[c], within(5e-7));
        }
        Tensor y = new SinePositionEncoding().call(Tensor.zeros(2, 3, 4));
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3, 4));
        assertThat(y.toFloatArray()[4 + 2]).isCloseTo(0.01f, within(1e-6f));
    }

    @Test
    void gradcheckAttentionScoreModes() {
        Tensor q = rand(2, 3, 4);
        Tensor v = rand(2, 5, 4);
        for (String mode : List.of("dot", "general", "concat")) {
            Attention a = f64(new Attention(true, mode, 0, false, false, null, null));
            both(in -> a.call(List.of(in.get(0), in.get(1)), false), List.of(q, v));
        }
        Attention causal = f64(new Attention(false, "dot", 0, true, false, null, null));
        Tensor x = rand(2, 4, 3);
        both(in -> causal.call(List.of(in.get(0), in.get(0)), false), List.of(x));
    }

    @Test
    void gradcheckAdditiveAttention() {
        AdditiveAttention a = f64(new AdditiveAttention());
        both(in -> a.call(List.of(in.get(0), in.get(1), in.get(2)), false), List.of(rand(2, 3, 4), rand(2, 5, 3),
                rand(2, 5, 4)));
    }

    @Test
    void gradcheckMultiHeadAttentionWithMaskAndCausal() {
        MultiHeadAttention m = f64(MultiHeadAttention.builder(2, 3).valueDim(2).outputShape(5).build());
        Tensor mask = Tensor.fromFlat(new boolean[] {true, true, false, true, false, true, true, true, true, true, false,
            false, true, false, true, false, true, true, false, true, true, false, true, true}, 2, 3, 4);
        both(in -> m.call(List.of(in.get(0), in.get(1), in.get(1), mask), false), List.of(rand(2, 3, 4),
                rand(2, 4, 3)));
        MultiHeadAttention c = f64(MultiHeadAttention.builder(2, 2).useCausalMask(true).build());
        both(in -> c.call(List.of(in.get(0), in.get(0)), false), List.of(rand(2, 4, 3)));
    }

    @Test
    void gradcheckTransformerBlocksAndPositionEmbedding() {
        for (boolean pre : new boolean[] {false, true}) {
            TransformerEncoder e = f64(new TransformerEncoder(6, 2, 0, "gelu", 1e-5, pre, null));
            both(in -> e.call(in.get(0), false), List.of(rand(2, 3, 4)));
            TransformerDecoder d = f64(new TransformerDecoder(5, 2, 0, "relu", 1e-5, pre, null));
            both(in -> d.call(List.of(in.get(0), in.get(1)), false), List.of(rand(2, 3, 4), rand(2, 2, 4)));
        }
        PositionEmbedding p = f64(new PositionEmbedding(5));
        Tensor x = rand(2, 3, 4);
        p.call(x);
        GradCheck.check(in -> p.call(in.get(0)).add(in.get(0).square()), List.of(x)).assertPassed();
    }

    @Test
    void weightsSumToOneAndMasksGiveNoWeight() {
        // float32 inputs: the layer's dtype, so no cast makes a new tensor without the mask.
        Tensor q = rand(2, 4, 3).cast(DType.FLOAT32);
        Tensor v = rand(2, 4, 3).cast(DType.FLOAT32);
        Masks.attach(v, Tensor.fromFlat(new boolean[] {true, true, true, true, true, true, false, false}, 2, 4));
        List<Tensor> out = new Attention(false, "dot", 0, true, true, null, null).callAll(List.of(q, v), false);
        double[] w = out.get(1).toDoubleArray();   // [2, 4, 4]
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 4; i++) {
                double sum = 0;
                for (int j = 0; j < 4; j++) {
                    double wij = w[(b * 4 + i) * 4 + j];
                    if (j > i || (b == 1 && j >= 2)) {
                        assertThat(wij).as("b %d i %d j %d", b, i, j).isEqualTo(0.0);
                    }
                    sum += wij;
                }
                assertThat(sum).isCloseTo(1.0, within(1e-6));
            }
        }
        List<Tensor> mh = MultiHeadAttention.builder(2, 2).useCausalMask(true).returnAttentionScores(true).build()
                .callAll(List.of(q, v), false);
        assertThat(mh.get(1).shape()).isEqualTo(Shape.of(2, 2, 4, 4));
        for (float s : mh.get(1).sum(new int[] {-1}, false).toFloatArray()) {
            assertThat(s).isCloseTo(1f, within(1e-6f));
        }
    }

    @Test
    void configsRoundTrip() {
        List<Layer> layers = List.of(new Attention(true, "concat", 0.1, true, false, 3L, "att"),
                new AdditiveAttention(false, 0, false, true, null, "add"),
                MultiHeadAttention.builder(4, 8).valueDim(6).dropout(0.2).outputShape(10).useCausalMask(true)
                        .name("mha").build(),
                new SinePositionEncoding(500, "sine"), new PositionEmbedding(7, jgrad.nn.initializers.Initializers
                        .zeros(), "pos"),
                new TransformerEncoder(32, 4, 0.1, "gelu", 1e-6, true, "enc"),
                new TransformerDecoder(32, 4, 0.1, "relu", 1e-5, false, "dec"));
        for (Layer l : layers) {
            Map<String, Object> c = l.config();
            Layer back = LayerRegistry.create(l.className(), c);
            assertThat(back.config()).isEqualTo(c);
        }
    }

    @Test
    void badInputIsNamed() {
        Tensor q = Tensor.zeros(2, 3, 8);
        Tensor v = Tensor.zeros(2, 5, 8);
        MultiHeadAttention m = MultiHeadAttention.builder(2, 4).name("mha").build();
        assertThatThrownBy(() -> m.call(List.of(q, v, v, Tensor.fromFlat(new boolean[30], 2, 3, 5).slice(2, 0, 4)),
                false)).hasMessageContaining("attention_mask must be bool [batch, query length, key length] = [2, 3, 5]")
                .hasMessageContaining("got bool [2, 3, 4]");
        assertThatThrownBy(() -> m.call(List.of(q, v, Tensor.zeros(2, 4, 8)), false))
                .hasMessageContaining("must have the same length");
        assertThatThrownBy(() -> new TransformerEncoder(8, 3).call(Tensor.zeros(2, 4, 8)))
                .hasMessageContaining("the feature size 8 is not divisible by num_heads 3");
        assertThatThrownBy(() -> new Attention().call(List.of(Tensor.zeros(2, 3, 4), Tensor.zeros(2, 5, 6)), false))
                .hasMessageContaining("must have the same dim");
        assertThatThrownBy(() -> new TransformerEncoder(8, 2).call(List.of(Tensor.zeros(2, 4, 8),
                Tensor.fromFlat(new boolean[6], 2, 3)), false))
                .hasMessageContaining("padding_mask must be bool [batch, length] = [2, 4], got bool [2, 3]");
        assertThatThrownBy(() -> new PositionEmbedding(3).call(Tensor.zeros(1, 4, 2)))
                .hasMessageContaining("length <= 3");
        assertThatThrownBy(() -> new Attention(false, "luong", 0, false, false, null, null))
                .hasMessageContaining("score_mode must be 'dot', 'general' or 'concat'");
    }
}
