package jgrad.samples.cnn;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import jgrad.nn.data.Dataset;
import jgrad.nn.data.Labels;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Flatten;
import jgrad.nn.layers.conv.Conv2D;
import jgrad.nn.layers.pooling.AveragePooling2D;
import jgrad.nn.losses.CategoricalCrossentropy;
import jgrad.nn.metrics.Metric;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.plot.ImageGrid;
import jgrad.nn.plot.LinePlot;
import jgrad.samples.Args;

/**
 * LeNet of notes 002, 4.3.4, as the note writes it in Keras: Conv2D(6, 5x5, same, sigmoid),
 * AvgPool2D(2, same), Conv2D(16, 5x5, valid, sigmoid), AvgPool2D, Flatten, Dense 120 and 84
 * (sigmoid), Dense 10 (softmax); 61,706 parameters. Adam, categorical cross-entropy on one-hot
 * labels, batch 512, validation split 0.2, with a progress bar per epoch; then the test accuracy
 * (the note: 0.9872 after 100 epochs on the 60,000 training images; here by default 50 epochs on
 * the 8,000 shipped images, {@code --epochs 100 --data DIR} for the note's run). Saves the loss
 * curves and the trained network's feature maps and filters as image grids.
 */
public final class LeNet {
    private LeNet() {}

    /** What a run reports. */
    record Result(Sequential model, History history, double testAccuracy, double seconds, int trainSize,
            List<Path> pngs) {}

    /** The note's model. */
    static Sequential model() {
        return new Sequential(
                Conv2D.builder(6, 5, 5).padding("same").activation("sigmoid").inputShape(28, 28, 1).build(),
                AveragePooling2D.builder(2, 2).padding("same").strides(2, 2).build(),
                Conv2D.builder(16, 5, 5).padding("valid").activation("sigmoid").build(),
                AveragePooling2D.builder(2, 2).padding("same").strides(2, 2).build(),
                new Flatten(),
                new Dense(120, "sigmoid"),
                new Dense(84, "sigmoid"),
                new Dense(10, "softmax"));
    }

    static Result run(Dataset.Split data, int epochs, int batchSize, long seed, int verbose, PrintStream out,
            Path outDir) {
        Rng.setGlobalSeed(seed);
        Sequential model = model();
        model.summary(out);
        out.println();
        model.compile(new Adam(), new CategoricalCrossentropy(), Metric.get("accuracy"));
        Tensor yTrain = Labels.oneHot(data.train().y(), 10);
        Tensor yTest = Labels.oneHot(data.test().y(), 10);
        long t0 = System.nanoTime();
        History h = model.fit(data.train().x(), yTrain, FitOptions.builder().epochs(epochs).batchSize(batchSize)
                .shuffle(true).validationSplit(0.2).seed(seed).verbose(verbose).output(out).build());
        double seconds = (System.nanoTime() - t0) / 1e9;
        double acc = model.evaluate(data.test().x(), yTest, 1024).get("accuracy");
        out.printf(Locale.ROOT, "%nTest accuracy = %.4f (%,d test images; the note: 0.9872 on the full MNIST)%n", acc,
                data.test().size());
        int trained = (int) Math.round(data.train().size() * 0.8);
        out.printf(Locale.ROOT, "Trained %d epochs on %,d images in %.1f s (%.0f images/s)%n", epochs, trained, seconds,
                epochs * trained / seconds);
        List<Path> pngs = new ArrayList<>();
        if (outDir != null) {
            pngs.add(LinePlot.history(h, "loss").title("LeNet: loss per epoch").save(outDir.resolve("loss.png")));
            pngs.add(LinePlot.history(h, "accuracy").title("LeNet: accuracy per epoch")
                    .save(outDir.resolve("accuracy.png")));
            pngs.addAll(saveFeatures(model, data.test().x().slice(0, 0, 1), data.test().y().getLong(0), outDir));
            out.println();
            for (Path p : pngs) {
                out.println("saved " + p);
            }
        }
        return new Result(model, h, acc, seconds, trained, pngs);
    }

    /**
     * The trained network on one test digit: the input, the outputs of both convolutions (6 maps
     * of 28 x 28, 16 of 10 x 10), and their filters (6 of 5 x 5; 6 x 16 of 5 x 5).
     */
    static List<Path> saveFeatures(Sequential model, Tensor digit, long label, Path outDir) {
        List<Path> out = new ArrayList<>();
        out.add(ImageGrid.of(digit).range(0, 1).pixelSize(6).title("Input (a " + label + ")")
                .save(outDir.resolve("input.png")));
        Tensor h = digit;
        int k = 0;
        for (Layer l : model.layers()) {
            h = l.call(h);
            if (l instanceof Conv2D conv) {
                k++;
                out.add(ImageGrid.featureMaps(h).columns(conv.filters() <= 6 ? 6 : 8).pixelSize(4)
                        .title("Feature maps of " + l.name() + " (" + h.dim(3) + " of " + h.dim(1) + " x " + h.dim(2)
                                + ")")
                        .save(outDir.resolve("feature_maps_" + k + ".png")));
                Tensor kernel = conv.getWeights().get(0);
                out.add(ImageGrid.filters(kernel).pixelSize(8).title("Filters of " + l.name() + ": rows = input"
                        + " channels, columns = filters").save(outDir.resolve("filters_" + k + ".png")));
            }
        }
        return out;
    }

    public static void main(String[] args) {
        Args a = Args.parse("lenet", args, "quick", "epochs=", "batch=", "seed=", "data=", "out=",
                "verbose=");
        long seed = a.longValue("seed", 1);
        Path dataDir = a.dataDir();
        Dataset.Split data = a.userData(() -> CnnData.mnist(dataDir, seed, System.out));
        if (a.quick()) {
            data = new Dataset.Split(data.train().take(4000), data.test());
        }
        System.out.println();
        // Sigmoid layers start on a plateau (loss 2.30) that Adam leaves after 200-300 steps; at the note's
        // batch of 512 that is 20 epochs of 6,400 images, so the default runs 50. --quick takes batches
        // of 64 to get there in a few seconds.
        run(data, a.positive("epochs", a.quick() ? 8 : 50), a.positive("batch", a.quick() ? 64 : 512), seed,
                a.intValue("verbose", 1), System.out, a.outDir());
    }
}
