package jgrad.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.SymbolicTensor;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.regularizers.L2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DenseTest {
    @BeforeEach
    void names() {
        Layer.resetNames();
        Rng.setGlobalSeed(7);
    }

    /** The notes' (003) two-layer example: weights, biases of ones, x = [[3, 5]], y = [[1, 0]]. */
    @Test
    void forwardAndBackwardMatchTheNotesHandComputedNumbers() {
        Dense hidden = Dense.builder(4).biasInitializer(Initializers.ones()).build();
        Dense out = Dense.builder(2).biasInitializer(Initializers.ones()).build();
        Tensor x = Tensor.of(new float[][] {{3, 5}});
        Tensor y = Tensor.of(new float[][] {{1, 0}});
        hidden.call(x);
        out.call(Tensor.zeros(1, 4));
        hidden.kernel().assign(Tensor.of(new float[][] {{0.5f, 1, 7, 3}, {1, 2, 1, 0.5f}}));
        out.kernel().assign(Tensor.of(new float[][] {{1, 2}, {0.5f, 0.5f}, {3, 1}, {2, 1}}));
        try (GradientTape tape = new GradientTape()) {
            Tensor h = hidden.call(x);
            Tensor o = out.call(h);
            assertThat(h.toFloatArray()).containsExactly(7.5f, 14f, 27f, 12.5f);
            assertThat(o.toFloatArray()).containsExactly(121.5f, 62.5f);
            // The notes' MSE is the plain sum of squares over outputs divided by 2: 9213.25.
            Tensor loss = o.sub(y).square().sum().div(2);
            assertThat(loss.item()).isEqualTo(9213.25, within(1e-3));
            List<Tensor> g = tape.gradient(loss, hidden.kernel(), out.kernel(), out.bias());
            assertThat(g.get(1).toFloatArray()).containsExactly(903.75f, 468.75f, 1687f, 875f, 3253.5f, 1687.5f,
                    1506.25f, 781.25f);
            assertThat(g.get(2).toFloatArray()).containsExactly(120.5f, 62.5f);
            assertThat(g.get(0).toFloatArray()).containsExactly(736.5f, 274.5f, 1272f, 910.5f, 1227.5f, 457.5f, 2120f,
                    1517.5f);
        }
    }

    @Test
    void buildsOnFirstCallWithKerasDefaultsAndNames() {
        Dense d = new Dense(3, "relu");
        assertThat(d.isBuilt()).isFalse();
        Tensor y = d.call(Tensor.ones(5, 4));
        assertThat(y.shape()).isEqualTo(Shape.of(5, 3));
        assertThat(d.kernel().name()).isEqualTo("dense/kernel");
        assertThat(d.bias().name()).isEqualTo("dense/bias");
        assertThat(d.kernel().shape()).isEqualTo(Shape.of(4, 3));
        assertThat(d.bias().toFloatArray()).containsOnly(0f);
        double limit = Math.sqrt(6.0 / (4 + 3));
        for (float w : d.kernel().toFloatArray()) {
            assertThat(Math.abs(w)).isLessThanOrEqualTo((float) limit);
        }
        assertThat(d.countParams()).isEqualTo(15);
        assertThat(new Dense(1).name()).isEqualTo("dense_1");
        assertThat(y.min().item()).isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void activationIsAppliedAndLinearByDefault() {
        Dense lin = Dense.builder(2).kernelInitializer(Initializers.ones()).build();
        Dense sig = Dense.builder(2).activation("sigmoid").kernelInitializer(Initializers.ones()).build();
        Tensor x = Tensor.of(new float[][] {{1, -3}});
        assertThat(lin.call(x).toFloatArray()).containsExactly(-2f, -2f);
        assertThat(sig.call(x).getDouble(0, 0)).isEqualTo(1 / (1 + Math.exp(2)), within(1e-6));
        Dense custom = new Dense(1, t -> t.mul(3));
        custom.call(x);
        assertThat(custom.toString()).contains("activation=custom");
    }

    @Test
    void appliesToTheLastAxisOfHigherRankInputs() {
        Dense d = Dense.builder(2).kernelInitializer(Initializers.ones()).useBias(false).build();
        Tensor x = Tensor.ones(3, 5, 4);
        Tensor y = d.call(x);
        assertThat(y.shape()).isEqualTo(Shape.of(3, 5, 2));
        assertThat(y.toFloatArray()).containsOnly(4f);
        assertThat(d.bias()).isNull();
        assertThat(d.weights()).hasSize(1);
    }

    @Test
    void wrongInputWidthIsReportedWithTheLayerAndShapes() {
        Dense d = new Dense(2);
        d.call(Tensor.ones(1, 4));
        assertThatThrownBy(() -> d.call(Tensor.ones(1, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'dense'").hasMessageContaining("expects 4 input features")
                .hasMessageContaining("[1, 5]");
        SymbolicTensor in = Input.of(5);
        assertThatThrownBy(() -> d.call(in))
                .hasMessageContaining("'dense' (Dense)").hasMessageContaining("(None, 5)")
                .hasMessageContaining("[4, 2]");
        assertThatThrownBy(() -> new Dense(0)).hasMessageContaining("units must be > 0");
    }

    @Test
    void kernelRegularizerPenaltyIsInLosses() {
        Dense d = Dense.builder(2).kernelInitializer(Initializers.constant(0.5)).kernelRegularizer(new L2(0.1)).build();
        d.call(Tensor.ones(1, 3));
        assertThat(d.losses()).hasSize(1);
        assertThat(d.regularizationLoss().item()).isEqualTo(0.1 * 6 * 0.25, within(1e-6));
    }

    @Test
    void symbolicCallGivesOutputShapeAndBuilds() {
        SymbolicTensor x = Input.of(13);
        SymbolicTensor h = new Dense(128, "relu").call(x);
        assertThat(h.shape()).isEqualTo(Shape.of(128));
        assertThat(h.batchShapeString()).isEqualTo("(None, 128)");
        assertThat(h.layer().countParams()).isEqualTo(13 * 128 + 128);
    }

    @Test
    void configRoundTripsThroughFromConfig() {
        Dense d = Dense.builder(8).name("fc").activation("tanh").kernelInitializer("he_normal")
                .kernelRegularizer(new L2(0.01)).useBias(false).build();
        Dense back = Dense.fromConfig(d.config());
        assertThat(back.name()).isEqualTo("fc");
        assertThat(back.units()).isEqualTo(8);
        assertThat(back.config()).isEqualTo(d.config());
    }
}
