package jgrad.samples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.Input;
import jgrad.nn.Sequential;
import jgrad.nn.data.Dataset;
import jgrad.nn.data.Mnist;
import jgrad.nn.layers.Dense;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.plot.LinePlot;

/**
 * {@code ./jgrad demo}: a 784-128-64-10 MLP (ReLU, softmax) trained with Adam on MNIST, as in the
 * lecture notes. With no arguments it uses the 10,000 images shipped with jgrad, holding out 20%
 * as a test set the model never sees; {@code --data DIR} points it at the full MNIST (60,000
 * training and 10,000 test images). Prints the model summary, a Keras-style progress bar per
 * epoch, the test accuracy and a few test digits with their predictions, and saves the loss and
 * accuracy curves as PNG.
 */
public final class MnistDemo {
    private MnistDemo() {}

    /** Training and test sets, and how they were made. */
    record Data(Dataset train, Dataset test, String description) {}

    /** What the demo reports. */
    record Result(History history, double testLoss, double testAccuracy, Data data, Tensor testPredictions) {}

    static Data load(Path dataDir, long seed) {
        if (dataDir != null) {
            Mnist m = Mnist.load(dataDir);
            if (m.hasTrain()) {
                return new Data(m.train(), m.test(), String.format(Locale.ROOT,
                        "MNIST from %s: %,d training and %,d test images", dataDir, m.train().size(), m.test().size()));
            }
            Dataset.Split s = m.test().trainTestSplit(0.2, seed);
            return new Data(s.train(), s.test(), String.format(Locale.ROOT, "MNIST test set from %s (no training files"
                    + " there): %,d images for training, %,d held out for testing", dataDir, s.train().size(),
                    s.test().size()));
        }
        Dataset.Split s = SampleData.mnistTest().trainTestSplit(0.2, seed);
        return new Data(s.train(), s.test(), String.format(Locale.ROOT, "MNIST, the 10,000 images shipped with jgrad:"
                + " %,d for training, %,d held out for testing", s.train().size(), s.test().size()));
    }

    static Sequential model() {
        return new Sequential(Input.of(784), new Dense(128, "relu"), new Dense(64, "relu"), new Dense(10, "softmax"));
    }

    static Result run(Data data, int epochs, int batchSize, long seed, int verbose, PrintStream out) {
        Rng.setGlobalSeed(seed);
        Sequential model = model();
        model.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
        if (verbose > 0) {
            model.summary(out);
            out.println();
        }
        History h = model.fit(data.train().x(), data.train().y(), FitOptions.builder().epochs(epochs)
                .batchSize(batchSize).validationSplit(0.1).seed(seed).verbose(verbose).output(out).build());
        Map<String, Double> test = model.evaluate(data.test().x(), data.test().y(), 256);
        Tensor predictions = model.predict(data.test().x().slice(0, 0, 5));
        return new Result(h, test.get("loss"), test.get("accuracy"), data, predictions);
    }

    public static void main(String[] args) {
        Args a = Args.parse("mnist-demo", args, "quick", "epochs=", "batch=", "seed=", "data=", "out=", "verbose=");
        long seed = a.longValue("seed", 42);
        long t0 = System.nanoTime();
        Path dataDir = a.dataDir();
        Data data = a.userData(() -> load(dataDir, seed));
        System.out.println(data.description());
        System.out.println();
        int epochs = a.positive("epochs", a.quick() ? 2 : 10);
        Result r = run(data, epochs, a.positive("batch", 64), seed, a.intValue("verbose", 1), System.out);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int n = data.test().size();
        System.out.printf(Locale.ROOT, "%nTest accuracy: %.4f (%d of %,d held-out images), test loss %.4f%n",
                r.testAccuracy(), Math.round(r.testAccuracy() * n), n, r.testLoss());
        System.out.printf(Locale.ROOT, "Loaded and trained in %.1f s%n%n", seconds);
        printDigits(data.test(), r.testPredictions());
        String model = "MNIST MLP 784-128-64-10";
        Path loss = LinePlot.history(r.history(), "loss").title(model + ": loss per epoch")
                .save(a.outDir().resolve("loss.png"));
        Path acc = LinePlot.history(r.history(), "accuracy").title(model + ": accuracy per epoch")
                .save(a.outDir().resolve("accuracy.png"));
        System.out.println("saved " + loss + " and " + acc);
    }

    /** The first test digits as text, side by side, with the model's guess and its probability. */
    static void printDigits(Dataset test, Tensor probabilities) {
        int k = probabilities.dim(0);
        StringBuilder[] rows = new StringBuilder[14];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = new StringBuilder();
        }
        StringBuilder caption = new StringBuilder();
        String shades = " .:-=+*#%@";
        for (int i = 0; i < k; i++) {
            for (int r = 0; r < 14; r++) {
                for (int c = 0; c < 28; c += 2) {
                    // Each character shows a 2 x 2 block of pixels (the mean of the pair of rows).
                    double v = (test.x().getDouble(i, 2 * r * 28 + c) + test.x().getDouble(i, (2 * r + 1) * 28 + c)
                            + test.x().getDouble(i, 2 * r * 28 + c + 1) + test.x().getDouble(i, (2 * r + 1) * 28 + c + 1))
                            / 4;
                    rows[r].append(shades.charAt((int) Math.min(9, Math.round(v * 9))));
                }
                rows[r].append("   ");
            }
            int guess = (int) probabilities.slice(0, i, i + 1).argmax(1).getLong(0);
            caption.append(String.format(Locale.ROOT, "%-17s", String.format(Locale.ROOT, "%d -> %d (%.0f%%)",
                    test.y().getLong(i), guess, 100 * probabilities.getDouble(i, guess))));
        }
        for (StringBuilder row : rows) {
            System.out.println(row.toString().stripTrailing());
        }
        System.out.println(caption.toString().stripTrailing());
        System.out.println("(label -> the model's guess, and its probability)");
        System.out.println();
    }
}
