package jgrad.samples;

import java.util.Map;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.Input;
import jgrad.nn.Sequential;
import jgrad.nn.layers.Dense;
import jgrad.nn.optimizers.SGD;

/**
 * XOR with the Keras API, notes 002 (2.6): {@code Sequential([Input(2), Dense(2, sigmoid),
 * Dense(1, sigmoid)])}, compiled with SGD (learning rate 1), binary cross-entropy and accuracy,
 * fit for 500 epochs with batch size 1; then {@code predict}, rounded, and {@code evaluate}.
 * Arguments: {@code --epochs N}, {@code --seed N}, {@code --verbose 0|1|2}.
 */
public final class XorKeras {
    private XorKeras() {}

    /** The trained model's rounded predictions and its evaluation. */
    record Result(Tensor yHat, Map<String, Double> evaluation, History history) {}

    static Result run(int epochs, long seed, int verbose) {
        Rng.setGlobalSeed(seed);
        Tensor x = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new float[][] {{0}, {1}, {1}, {0}});

        Sequential model = new Sequential(Input.of(2), new Dense(2, "sigmoid"), new Dense(1, "sigmoid"));
        model.compile(new SGD(1), "binary_crossentropy", "accuracy");
        History h = model.fit(x, y, FitOptions.builder().epochs(epochs).batchSize(1).seed(seed).verbose(verbose)
                .build());
        Tensor a = model.predict(x);
        Tensor yHat = a.round();
        return new Result(yHat, model.evaluate(x, y), h);
    }

    public static void main(String[] args) {
        Args a = Args.parse("xor-keras", args, "quick", "epochs=", "seed=", "verbose=");
        Result r = run(a.positive("epochs", 500), a.longValue("seed", 1), a.intValue("verbose", 1));
        System.out.println(r.yHat());
        System.out.printf(Locale.ROOT, "[%s, %s]%n", r.evaluation().get("loss"), r.evaluation().get("accuracy"));
    }
}
