package example;

import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Input;
import jgrad.nn.Sequential;
import jgrad.nn.layers.Dense;
import jgrad.nn.optimizers.Adam;

/**
 * XOR the Keras way: a Sequential 2-8-1 network compiled with Adam and binary cross-entropy,
 * fitted on the four points, then asked for its predictions. Exits with status 1 if it has not
 * learnt XOR, so a build that runs it notices.
 */
public final class XorKeras {
    private XorKeras() {}

    public static void main(String[] args) {
        Tensor x = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new float[][] {{0}, {1}, {1}, {0}});

        Rng.setGlobalSeed(7);
        Sequential model = new Sequential(Input.of(2), new Dense(8, "tanh"), new Dense(1, "sigmoid"));
        model.compile(new Adam(0.05), "binary_crossentropy", "binary_accuracy");
        model.summary();
        model.fit(x, y, FitOptions.builder().epochs(300).batchSize(4).verbose(0).build());

        Tensor p = model.predict(x);
        System.out.println("p(y=1) for 00, 01, 10, 11: " + p.reshape(4));
        boolean learnt = p.round().allClose(y, 0, 0);
        System.out.println(learnt ? "XOR learnt" : "XOR NOT learnt");
        if (!learnt) {
            System.exit(1);
        }
    }
}
