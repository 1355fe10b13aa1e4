package example;

import java.nio.file.Path;
import java.util.Map;
import jgrad.core.Rng;
import jgrad.nn.FitOptions;
import jgrad.nn.Input;
import jgrad.nn.Sequential;
import jgrad.nn.data.Dataset;
import jgrad.nn.data.Mnist;
import jgrad.nn.layers.Dense;
import jgrad.nn.optimizers.Adam;

/**
 * A Keras-style MLP on MNIST: 784-128-64-10, ReLU and softmax, Adam, sparse categorical
 * cross-entropy. Arguments: the folder with MNIST's IDX files (the four {@code train-*} and
 * {@code t10k-*} files, or only the two {@code t10k-*} ones, of which 20% are then held out for
 * testing), and the number of epochs (default 5). Exits with status 1 below 90% test accuracy.
 */
public final class MnistMlp {
    private MnistMlp() {}

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: MnistMlp <folder with MNIST's IDX files> [epochs]");
            System.exit(2);
        }
        Mnist mnist = Mnist.load(Path.of(args[0]));
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Dataset train;
        Dataset test;
        if (mnist.hasTrain()) {
            train = mnist.train();
            test = mnist.test();
        } else {
            Dataset.Split split = mnist.test().trainTestSplit(0.2, 42);
            train = split.train();
            test = split.test();
        }

        Rng.setGlobalSeed(42);
        Sequential model = new Sequential(Input.of(784), new Dense(128, "relu"), new Dense(64, "relu"),
                new Dense(10, "softmax"));
        model.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
        model.summary();
        model.fit(train.x(), train.y(), FitOptions.builder().epochs(epochs).batchSize(64).validationSplit(0.1).build());

        Map<String, Double> result = model.evaluate(test.x(), test.y());
        System.out.printf("test accuracy %.4f on %d images (loss %.4f)%n", result.get("accuracy"), test.size(),
                result.get("loss"));
        if (result.get("accuracy") < 0.9) {
            System.exit(1);
        }
    }
}
