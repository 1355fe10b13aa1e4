package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.layers.BatchNormalization;
import jgrad.nn.layers.Dense;
import jgrad.nn.regularizers.L1;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LayerTest {
    /** A user-written layer: y = x * scale, one weight per feature, with an L1 penalty. */
    static final class Scale extends Layer {
        Variable scale;

        Scale() {
            super();
        }

        @Override
        protected void build(Shape inputShape) {
            scale = addWeight("scale", Shape.of(inputShape.get(-1)), Initializers.constant(2), new L1(0.5), true);
        }

        @Override
        protected Tensor forward(Tensor x, boolean training) {
            return x.mul(scale);
        }
    }

    /** A layer made of other layers. */
    static final class Block extends Layer {
        final Dense a = addSublayer(new Dense(3, "relu"));
        final Dense b = addSublayer(new Dense(2));

        @Override
        protected Tensor forward(Tensor x, boolean training) {
            return b.call(a.call(x, training), training);
        }
    }

    /** A layer that records an activity loss while running. */
    static final class Activity extends Layer {
        @Override
        protected Tensor forward(Tensor x, boolean training) {
            addLoss(x.square().mean());
            return x;
        }
    }

    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(5);
    }

    @Test
    void customLayerBuildsOnFirstCallAndTracksItsWeight() {
        Scale s = new Scale();
        assertThat(s.name()).isEqualTo("scale");
        assertThat(s.weights()).isEmpty();
        Tensor y = s.call(Tensor.of(new float[][] {{1, 2, 3}}));
        assertThat(y.toFloatArray()).containsExactly(2f, 4f, 6f);
        assertThat(s.weights()).extracting(Variable::name).containsExactly("scale/scale");
        assertThat(s.builtInputShapes()).containsExactly(Shape.of(3));
        assertThat(s.losses()).hasSize(1);
        assertThat(s.regularizationLoss().item()).isEqualTo(0.5 * 6, within(1e-6));
        try (GradientTape tape = new GradientTape()) {
            Tensor loss = s.call(Tensor.of(new float[][] {{1, 2, 3}})).sum();
            assertThat(tape.gradient(loss, s.scale).toFloatArray()).containsExactly(1f, 2f, 3f);
        }
    }

    @Test
    void snakeCaseNamesAndCountersAsKeras() {
        assertThat(Layer.snakeCase("BatchNormalization")).isEqualTo("batch_normalization");
        assertThat(Layer.snakeCase("Conv2D")).isEqualTo("conv2d");
        assertThat(Layer.snakeCase("Dense")).isEqualTo("dense");
        assertThat(new Dense(1).name()).isEqualTo("dense");
        assertThat(new Dense(1).name()).isEqualTo("dense_1");
        assertThat(BatchNormalization.builder().build().name()).isEqualTo("batch_normalization");
        assertThat(new Dense(1, (String) null).name()).isEqualTo("dense_2");
        assertThat(Dense.builder(1).name("head").build().name()).isEqualTo("head");
        assertThatThrownBy(() -> Dense.builder(1).name("a/b").build()).hasMessageContaining("no '/'");
    }

    @Test
    void sublayersContributeWeightsAndFreezingPropagates() {
        Block block = new Block();
        block.call(Tensor.ones(2, 4));
        assertThat(block.weights()).extracting(Variable::name)
                .containsExactly("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias");
        assertThat(block.countParams()).isEqualTo(4 * 3 + 3 + 3 * 2 + 2);
        block.setTrainable(false);
        assertThat(block.trainableWeights()).isEmpty();
        assertThat(block.nonTrainableWeights()).hasSize(4);
        assertThat(block.a.isTrainable()).isFalse();
        assertThat(block.a.kernel().trainable()).isFalse();
        assertThat(block.toString()).contains("frozen");
        block.setTrainable(true);
        assertThat(block.trainableWeights()).hasSize(4);
    }

    @Test
    void frozenBatchNormKeepsItsStatisticsNonTrainable() {
        BatchNormalization bn = BatchNormalization.builder().build();
        bn.call(Tensor.ones(2, 3));
        assertThat(bn.trainableWeights()).extracting(Variable::name)
                .containsExactly("batch_normalization/gamma", "batch_normalization/beta");
        bn.setTrainable(false);
        bn.setTrainable(true);
        assertThat(bn.trainableWeights()).hasSize(2);
        assertThat(bn.nonTrainableWeights()).extracting(Variable::name)
                .containsExactly("batch_normalization/moving_mean", "batch_normalization/moving_variance");
    }

    @Test
    void activityLossesLastUntilTheNextCall() {
        Activity a = new Activity();
        a.call(Tensor.of(new float[][] {{2, 2}}));
        assertThat(a.regularizationLoss().item()).isEqualTo(4.0);
        a.call(Tensor.of(new float[][] {{1, 1}}));
        assertThat(a.losses()).hasSize(1);
        assertThat(a.regularizationLoss().item()).isEqualTo(1.0);
    }

    @Test
    void getAndSetWeightsValidateEverythingFirst() {
        Dense d = new Dense(2);
        d.call(Tensor.ones(1, 3));
        List<Tensor> before = d.getWeights();
        assertThatThrownBy(() -> d.setWeights(List.of(Tensor.zeros(3, 2))))
                .hasMessageContaining("has 2 weights, got 1 values");
        assertThatThrownBy(() -> d.setWeights(List.of(Tensor.zeros(3, 2), Tensor.zeros(3))))
                .hasMessageContaining("weight 'dense/bias' is float32 [2]");
        assertThat(d.getWeights().get(0).contentEquals(before.get(0))).isTrue();
        d.setWeights(List.of(Tensor.ones(3, 2), Tensor.ones(2)));
        assertThat(d.call(Tensor.ones(1, 3)).toFloatArray()).containsExactly(4f, 4f);
    }

    @Test
    void floatingInputsAreCastToTheLayerDtypeAndScalarsRefused() {
        Dense d = new Dense(1);
        Tensor y = d.call(Tensor.of(new double[][] {{1, 2}}));
        assertThat(y.dtype()).isEqualTo(jgrad.core.DType.FLOAT32);
        assertThatThrownBy(() -> d.call(Tensor.of(1f))).hasMessageContaining("is a scalar");
        Dense d64 = new Dense(1);
        d64.setDtype(jgrad.core.DType.FLOAT64);
        assertThat(d64.call(Tensor.ones(1, 2)).dtype()).isEqualTo(jgrad.core.DType.FLOAT64);
        assertThatThrownBy(() -> d64.setDtype(jgrad.core.DType.FLOAT32)).hasMessageContaining("built layer");
    }

    @Test
    void customLayerWithoutForwardSaysWhatToOverride() {
        Layer empty = new Layer() { };
        assertThatThrownBy(() -> empty.call(Tensor.ones(1, 1))).hasMessageContaining("must override forward");
    }

    @Test
    void failedBuildLeavesNoWeights() {
        Layer half = new Layer("half") {
            @Override
            protected void build(Shape inputShape) {
                addWeight("w", Shape.of(2), Initializers.zeros());
                throw new IllegalArgumentException("needs rank 3");
            }
        };
        assertThatThrownBy(() -> half.call(Tensor.ones(1, 2)))
                .hasMessageContaining("layer 'half'").hasMessageContaining("cannot be built for input (None, 2)")
                .hasMessageContaining("needs rank 3");
        assertThat(half.weights()).isEmpty();
        assertThat(half.isBuilt()).isFalse();
    }

    @Test
    void toStringIsReadable() {
        Dense d = new Dense(4, "relu");
        assertThat(d.toString()).isEqualTo("dense (Dense: units=4, activation=relu) not built");
        d.call(Tensor.ones(1, 13));
        assertThat(d.toString()).isEqualTo("dense (Dense: units=4, activation=relu) input (None, 13), 56 params");
    }
}
