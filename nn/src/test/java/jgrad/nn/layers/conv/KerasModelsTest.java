package jgrad.nn.layers.conv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.Sequential;
import jgrad.nn.SymbolicTensor;
import jgrad.nn.layers.Add;
import jgrad.nn.layers.BatchNormalization;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Dropout;
import jgrad.nn.layers.Flatten;
import jgrad.nn.layers.activation.ReLU;
import jgrad.nn.layers.pooling.AveragePooling2D;
import jgrad.nn.layers.pooling.MaxPooling2D;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The chapter-4 networks of note 002 with the parameter counts Keras prints (SEEDS-4-8 section
 * A): LeNet (4.3.4), the residual block of Example 4.10, AlexNet (Example 4.9) and VGG-16 (4.4.2).
 */
class KerasModelsTest {
    @BeforeEach
    void reset() {
        Layer.resetNames();
        Rng.setGlobalSeed(11);
    }

    /** LeNet as 4.3.4 writes it in Keras. */
    static Sequential lenet() {
        return new Sequential(
                Conv2D.builder(6, 5).padding("same").activation("sigmoid").inputShape(28, 28, 1).build(),
                AveragePooling2D.builder(2).padding("same").strides(2).build(),
                Conv2D.builder(16, 5).padding("valid").activation("sigmoid").build(),
                AveragePooling2D.builder(2).padding("same").strides(2).build(),
                new Flatten(),
                new Dense(120, "sigmoid"),
                new Dense(84, "sigmoid"),
                new Dense(10, "softmax"));
    }

    @Test
    void lenetSummaryHasKerasShapesAndCounts() {
        Sequential m = lenet();
        String s = m.summaryString();
        String[][] rows = {
            {"conv2d (Conv2D)", "(None, 28, 28, 6)", "156"},
            {"average_pooling2d (Average", "(None, 14, 14, 6)", "0"},
            {"conv2d_1 (Conv2D)", "(None, 10, 10, 16)", "2416"},
            {"average_pooling2d_1 (Avera", "(None, 5, 5, 16)", "0"},
            {"flatten (Flatten)", "(None, 400)", "0"},
            {"dense (Dense)", "(None, 120)", "48120"},
            {"dense_1 (Dense)", "(None, 84)", "10164"},
            {"dense_2 (Dense)", "(None, 10)", "850"},
        };
        List<String> lines = new ArrayList<>(List.of(s.split("\n")));
        int from = 0;
        for (String[] row : rows) {
            int at = -1;
            for (int i = from; i < lines.size(); i++) {
                if (lines.get(i).startsWith(" " + row[0])) {
                    at = i;
                    break;
                }
            }
            assertThat(at).as("a summary row for " + row[0] + " in\n" + s).isGreaterThanOrEqualTo(0);
            String line = lines.get(at);
            assertThat(line.substring(29).trim()).as(line).startsWith(row[1]);
            assertThat(line.substring(55).trim()).as(line).isEqualTo(row[2]);
            from = at + 1;
        }
        assertThat(s).contains("Total params: 61,706\n", "Trainable params: 61,706\n", "Non-trainable params: 0\n");
        // The summary is exact without running the model; a forward pass agrees with it.
        assertThat(m.predict(Tensor.randomUniform(new Rng(1), 0, 1, 3, 28, 28, 1)).shape().dims())
                .containsExactly(3, 10);
    }

    @Test
    void residualBlockOfExample410HasKerasCounts() {
        SymbolicTensor inputs = Input.of(224, 224, 3);
        SymbolicTensor x1 = Conv2D.builder(64, 3).strides(1).padding("same").build().call(inputs);
        x1 = new BatchNormalization().call(x1);
        x1 = new ReLU().call(x1);
        x1 = Conv2D.builder(64, 3).strides(1).padding("same").build().call(x1);
        x1 = new BatchNormalization().call(x1);
        SymbolicTensor x2 = Conv2D.builder(64, 1).strides(1).padding("same").build().call(inputs);
        SymbolicTensor out = new ReLU().call(new Add().call(x1, x2));
        Model model = Model.of(inputs, out);
        assertThat(out.shape().dims()).containsExactly(224, 224, 64);
        assertThat(model.countParams()).isEqualTo(39_488);
        assertThat(model.trainableWeights().stream().mapToLong(Tensor::size).sum()).isEqualTo(39_232);
        assertThat(model.nonTrainableWeights().stream().mapToLong(Tensor::size).sum()).isEqualTo(256);
        String s = model.summaryString();
        assertThat(s).contains("Total params: 39,488", "Trainable params: 39,232", "Non-trainable params: 256",
                "re_lu (ReLU)", "(None, 224, 224, 64  36928");
    }

    @Test
    void alexNetOfExample49Has46764746Parameters() {
        Sequential m = new Sequential(Input.of(224, 224, 1),
                Conv2D.builder(96, 11).strides(4).activation("relu").build(),
                MaxPooling2D.builder(3).strides(2).build(),
                Conv2D.builder(256, 5).padding("same").activation("relu").build(),
                MaxPooling2D.builder(3).strides(2).build(),
                Conv2D.builder(384, 3).padding("same").activation("relu").build(),
                Conv2D.builder(384, 3).padding("same").activation("relu").build(),
                Conv2D.builder(256, 3).padding("same").activation("relu").build(),
                MaxPooling2D.builder(3).strides(2).build(),
                new Flatten(),
                new Dense(4096, "relu"), new Dropout(0.5),
                new Dense(4096, "relu"), new Dropout(0.5),
                new Dense(10));
        assertThat(m.countParams()).isEqualTo(46_764_746L);
        assertThat(m.summaryString()).contains("(None, 54, 54, 96)", "(None, 26, 26, 96)", "(None, 5, 5, 256)",
                "(None, 6400)", "Total params: 46,764,746");
    }

    /** VGG-16's convolutional base: 13 convolutions 3x3 'same' and 5 max pools. */
    static List<Layer> vggBase() {
        List<Layer> layers = new ArrayList<>();
        int[][] blocks = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
        for (int[] block : blocks) {
            for (int filters : block) {
                layers.add(new Conv2D(filters, 3, "same", "relu"));
            }
            layers.add(new MaxPooling2D(2, 2));
        }
        return layers;
    }

    @Test
    void vgg16ConvolutionalBaseHas14714688Parameters() {
        Sequential m = new Sequential(Input.of(224, 224, 3));
        vggBase().forEach(m::add);
        assertThat(m.countParams()).isEqualTo(14_714_688L);
        assertThat(m.summaryString()).contains("(None, 7, 7, 512)");
    }

    /** 138M float32 weights (553 MB): tagged slow. */
    @Test
    @Tag("slow")
    void vgg16Has138357544Parameters() {
        Sequential m = new Sequential(Input.of(224, 224, 3));
        vggBase().forEach(m::add);
        m.add(new Flatten());
        m.add(new Dense(4096, "relu"));
        m.add(new Dense(4096, "relu"));
        m.add(new Dense(1000, "softmax"));
        assertThat(m.countParams()).isEqualTo(138_357_544L);
        assertThat(m.summaryString()).contains("(None, 25088)", "Total params: 138,357,544");
    }
}
