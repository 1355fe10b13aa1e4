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
import jgrad.nn.data.Labels;
import jgrad.nn.data.StandardScaler;
import jgrad.nn.layers.Dense;
import jgrad.nn.plot.LinePlot;

/**
 * Classification on tabular data with the Keras API, notes 004 (section 20): breast cancer
 * (30 standardised features, Dense 64-32-1 with a sigmoid output, 4,097 parameters, SGD, binary
 * cross-entropy, 300 epochs of batch 64, validation split 0.2; about 0.98 test accuracy) and the
 * wine data set (13 features, Dense 64-32-3 softmax, Adam, sparse categorical cross-entropy,
 * batch 32). Each prints the summary, the train and test loss and accuracy, a few rounded
 * predictions, and saves the loss curves.
 */
public final class TabularClassification {
    private TabularClassification() {}

    /** What a run reports. */
    record Result(double trainLoss, double trainAccuracy, double testLoss, double testAccuracy, History history) {}

    static Result breastCancer(int epochs, long seed, PrintStream out, Path outDir) {
        Dataset data = SampleData.breastCancer().data().mapY(Labels::binaryColumn);
        Dataset.Split s = data.trainTestSplit(0.25, seed);
        StandardScaler scaler = StandardScaler.fit(s.train().x());
        Dataset train = scaler.transform(s.train());
        Dataset test = scaler.transform(s.test());
        Rng.setGlobalSeed(seed);
        Sequential model = new Sequential(Input.of(30), new Dense(64, "relu"), new Dense(32, "relu"),
                new Dense(1, "sigmoid"));
        model.summary(out);
        model.compile("sgd", "binary_crossentropy", "acc");
        return fitAndReport(model, train, test, epochs, 64, seed, "acc", out, outDir,
                "Breast cancer, Dense 64-32-1");
    }

    static Result wine(int epochs, long seed, PrintStream out, Path outDir) {
        Dataset.Split s = SampleData.wine().data().trainTestSplit(0.25, seed);
        StandardScaler scaler = StandardScaler.fit(s.train().x());
        Dataset train = scaler.transform(s.train());
        Dataset test = scaler.transform(s.test());
        out.println("X_train.shape = " + train.x().shape());
        Rng.setGlobalSeed(seed);
        Sequential model = new Sequential(Input.of(13), new Dense(64, "relu"), new Dense(32, "relu"),
                new Dense(3, "softmax"));
        model.summary(out);
        model.compile("adam", "sparse_categorical_crossentropy", "acc");
        return fitAndReport(model, train, test, epochs, 32, seed, "acc", out, outDir,
                "Wine, Dense 64-32-3");
    }

    private static Result fitAndReport(Sequential model, Dataset train, Dataset test, int epochs, int batch, long seed,
            String metric, PrintStream out, Path outDir, String title) {
        History h = model.fit(train.x(), train.y(), FitOptions.builder().epochs(epochs).batchSize(batch)
                .validationSplit(0.2).seed(seed).verbose(0).build());
        out.printf(Locale.ROOT, "Epoch %d/%d: %s%n", epochs, epochs, lastEpoch(h));
        Map<String, Double> tr = model.evaluate(train.x(), train.y());
        Map<String, Double> te = model.evaluate(test.x(), test.y());
        out.printf(Locale.ROOT, "train loss:%.3f%ntest loss: %.3f%n", tr.get("loss"), te.get("loss"));
        out.printf(Locale.ROOT, "train acc:%.3f%ntest acc: %.3f%n", tr.get(metric), te.get(metric));
        Tensor yPred = model.predict(test.x().slice(0, 0, 5));
        out.println("predictions for the first 5 test samples (rounded to 3 decimals):");
        out.println(Printing.numpy(yPred, 3));
        if (outDir != null) {
            Path p = LinePlot.history(h, "loss").title(title + ": loss per epoch").yFromZero()
                    .save(outDir.resolve("loss.png"));
            out.println("saved " + p);
        }
        return new Result(tr.get("loss"), tr.get(metric), te.get("loss"), te.get(metric), h);
    }

    private static String lastEpoch(History h) {
        StringBuilder sb = new StringBuilder();
        for (String k : h.keys()) {
            sb.append(sb.isEmpty() ? "" : " - ").append(k).append(": ").append(String.format(Locale.ROOT, "%.4f",
                    h.last(k)));
        }
        return sb.toString();
    }

    public static void mainBreastCancer(String[] args) {
        Args a = Args.parse("breast-cancer", args, "quick", "epochs=", "seed=", "out=");
        breastCancer(a.positive("epochs", a.quick() ? 30 : 300), a.longValue("seed", 1), System.out, a.outDir());
    }

    public static void mainWine(String[] args) {
        Args a = Args.parse("wine", args, "quick", "epochs=", "seed=", "out=");
        wine(a.positive("epochs", a.quick() ? 30 : 300), a.longValue("seed", 1), System.out, a.outDir());
    }
}
