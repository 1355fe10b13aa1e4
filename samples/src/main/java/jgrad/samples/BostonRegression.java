package jgrad.samples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jgrad.core.Rng;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.Input;
import jgrad.nn.Sequential;
import jgrad.nn.callbacks.EarlyStopping;
import jgrad.nn.data.Dataset;
import jgrad.nn.data.StandardScaler;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Dropout;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.plot.LinePlot;
import jgrad.nn.regularizers.L1;
import jgrad.nn.regularizers.L2;
import jgrad.nn.regularizers.Regularizer;

/**
 * MLP regression on Boston housing and its regularisation, notes 004 (sections 19 and 24): a
 * 13-128-64-64-32-1 ReLU network (16,321 parameters in its summary) trained with Adam (0.01) on
 * MSE with MAE as the metric, batch 64, validation split 0.2, on standardised features (the
 * scaler fit on the training split only). Five variants: no regularisation, L1 (0.01) and L2
 * (0.01) on every hidden kernel, dropout 0.5 after every hidden layer, and early stopping on
 * val_loss with patience 30; then the note's table of train and test MAE and the MAE curves.
 */
public final class BostonRegression {
    private BostonRegression() {}

    /** The note's five models. */
    enum Variant {
        NONE("No Regularization"), L1("L1 Regularization"), L2("L2 Regularization"), DROPOUT("Dropout"),
        EARLY_STOPPING("Early Stopping");

        final String label;

        Variant(String label) {
            this.label = label;
        }
    }

    /** One variant's outcome. */
    record Outcome(Variant variant, double trainMae, double testMae, int epochsRun, History history) {}

    /** Train and test splits, standardised with the training statistics. */
    record Split(Dataset train, Dataset test) {}

    static Split data(long seed) {
        Dataset.Split s = SampleData.boston().data().trainTestSplit(0.25, seed);
        StandardScaler scaler = StandardScaler.fit(s.train().x());
        return new Split(scaler.transform(s.train()), scaler.transform(s.test()));
    }

    static Sequential model(Variant v) {
        Regularizer reg = v == Variant.L1 ? new L1(0.01) : v == Variant.L2 ? new L2(0.01) : null;
        Sequential m = new Sequential(Input.of(13));
        int[] units = {128, 64, 64, 32};
        for (int u : units) {
            m.add(Dense.builder(u).activation("relu").kernelRegularizer(reg).build());
            if (v == Variant.DROPOUT) {
                m.add(new Dropout(0.5));
            }
        }
        m.add(new Dense(1));
        return m;
    }

    static Outcome train(Variant v, Split data, int epochs, long seed) {
        Rng.setGlobalSeed(seed);
        Sequential model = model(v);
        model.compile(new Adam(0.01), "mse", "mae");
        FitOptions.Builder fit = FitOptions.builder().epochs(epochs).batchSize(64).validationSplit(0.2).seed(seed)
                .verbose(0);
        if (v == Variant.EARLY_STOPPING) {
            fit.callbacks(new EarlyStopping("val_loss").patience(30));
        }
        History h = model.fit(data.train().x(), data.train().y(), fit.build());
        Map<String, Double> train = model.evaluate(data.train().x(), data.train().y());
        Map<String, Double> test = model.evaluate(data.test().x(), data.test().y());
        return new Outcome(v, train.get("mae"), test.get("mae"), h.epochs().size(), h);
    }

    static List<Outcome> run(int epochs, long seed, PrintStream out, Path outDir) {
        Split data = data(seed);
        out.printf(Locale.ROOT, "Boston housing: %d training and %d test districts, 13 standardised features%n%n",
                data.train().size(), data.test().size());
        model(Variant.NONE).summary(out);
        out.println();
        List<Outcome> outcomes = new ArrayList<>();
        for (Variant v : Variant.values()) {
            Outcome o = train(v, data, epochs, seed);
            out.printf(Locale.ROOT, "%-18s train mae:%.3f  test mae: %.3f  (%d epochs)%n", v.label, o.trainMae(),
                    o.testMae(), o.epochsRun());
            outcomes.add(o);
        }
        out.println();
        out.println("Model Performance");
        out.printf(Locale.ROOT, "%-20s %9s %9s%n", "", "Train MAE", "Test MAE");
        for (Outcome o : outcomes) {
            out.printf(Locale.ROOT, "%-20s %9.3f %9.3f%n", o.variant().label, o.trainMae(), o.testMae());
        }
        if (outDir != null) {
            for (Outcome o : outcomes) {
                LinePlot.history(o.history(), "mae").title("Boston housing MLP, " + o.variant().label + ": MAE per epoch")
                        .yFromZero().save(outDir.resolve(
                        "mae_" + o.variant().name().toLowerCase(Locale.ROOT) + ".png"));
            }
            Map<String, double[]> val = new LinkedHashMap<>();
            for (Outcome o : outcomes) {
                val.put(o.variant().label, o.history().get("val_mae").stream().mapToDouble(Double::doubleValue).toArray());
            }
            Path p = LinePlot.curves("Boston housing MLPs: validation MAE", "val mae", val, outDir.resolve("val_mae.png"));
            out.println("\nsaved " + p + " and one mae_*.png per model");
        }
        return outcomes;
    }

    public static void main(String[] args) {
        Args a = Args.parse("boston-regression", args, "quick", "epochs=", "seed=", "out=");
        run(a.positive("epochs", a.quick() ? 30 : 1000), a.longValue("seed", 1), System.out, a.outDir());
    }
}
