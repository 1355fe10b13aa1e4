package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Dropout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SequentialTest {
    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(1);
    }

    static Sequential boston() {
        Sequential model = new Sequential();
        model.add(Dense.builder(128).activation("relu").inputShape(13).kernelInitializer("he_normal").build());
        model.add(Dense.builder(64).activation("relu").kernelInitializer("he_normal").build());
        model.add(Dense.builder(64).activation("relu").kernelInitializer("he_normal").build());
        model.add(Dense.builder(32).activation("relu").kernelInitializer("he_normal").build());
        model.add(new Dense(1));
        return model;
    }

    @Test
    void bostonSummaryMatchesKerasTextAndCounts() {
        Sequential model = boston();
        assertThat(model.countParams()).isEqualTo(16_321);
        String expected = String.join("\n",
                "Model: \"sequential\"",
                "_________________________________________________________________",
                " Layer (type)                Output Shape              Param #   ",
                "=================================================================",
                " dense (Dense)               (None, 128)               1792      ",
                "                                                                 ",
                " dense_1 (Dense)             (None, 64)                8256      ",
                "                                                                 ",
                " dense_2 (Dense)             (None, 64)                4160      ",
                "                                                                 ",
                " dense_3 (Dense)             (None, 32)                2080      ",
                "                                                                 ",
                " dense_4 (Dense)             (None, 1)                 33        ",
                "                                                                 ",
                "=================================================================",
                "Total params: 16,321",
                "Trainable params: 16,321",
                "Non-trainable params: 0",
                "_________________________________________________________________",
                "");
        assertThat(model.summaryString()).isEqualTo(expected);
    }

    @Test
    void addRefusesALayerThatDoesNotFitAndLeavesTheModelUnchanged() {
        Sequential model = new Sequential(Input.of(4), new Dense(3, "relu"));
        Layer bad = new jgrad.nn.layers.Reshape(2, 2);
        assertThatThrownBy(() -> model.add(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot add layer 'reshape' (Reshape) after layer 'dense'")
                .hasMessageContaining("(None, 3)");
        assertThat(model.layers()).hasSize(1);
        model.add(new Dense(2));
        assertThat(model.outputs().get(0).shape()).isEqualTo(Shape.of(2));
    }

    @Test
    void deferredBuildOnFirstCall() {
        Sequential model = new Sequential(new Dense(4, "relu"), new Dropout(0.5, 3L, null), new Dense(2));
        assertThat(model.isBuilt()).isFalse();
        assertThatThrownBy(model::summaryString).hasMessageContaining("has not yet been built");
        Tensor y = model.call(Tensor.ones(3, 5));
        assertThat(y.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(model.isBuilt()).isTrue();
        assertThat(model.countParams()).isEqualTo(5 * 4 + 4 + 4 * 2 + 2);
        assertThat(model.summaryString()).contains(" dropout (Dropout)           (None, 4)                 0");
        assertThatThrownBy(() -> model.call(Tensor.ones(3, 6)))
                .hasMessageContaining("input 'input_1' expects shape (None, 5)");
    }

    @Test
    void popRemovesTheLastLayer() {
        Sequential model = new Sequential(Input.of(3), new Dense(4), new Dense(2));
        Layer last = model.pop();
        assertThat(last.name()).isEqualTo("dense_1");
        assertThat(model.layers()).hasSize(1);
        assertThat(model.outputs().get(0).shape()).isEqualTo(Shape.of(4));
        model.add(new Dense(7));
        assertThat(model.call(Tensor.ones(2, 3)).shape()).isEqualTo(Shape.of(2, 7));
        assertThatThrownBy(() -> new Sequential().pop()).hasMessageContaining("no layers to pop");
    }

    @Test
    void duplicateLayerIsRefused() {
        Dense d = new Dense(3);
        Sequential model = new Sequential(Input.of(3), d);
        assertThatThrownBy(() -> model.add(d)).hasMessageContaining("already in the model");
    }
}
