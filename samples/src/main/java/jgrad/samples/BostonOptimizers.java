package jgrad.samples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import jgrad.core.Rng;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.Input;
import jgrad.nn.Sequential;
import jgrad.nn.layers.BatchNormalization;
import jgrad.nn.layers.Dense;
import jgrad.nn.optimizers.Adagrad;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.optimizers.Optimizer;
import jgrad.nn.optimizers.RMSprop;
import jgrad.nn.optimizers.SGD;
import jgrad.nn.plot.LinePlot;

/**
 * Optimizers and batch normalisation on Boston housing, notes 004 (sections 25 to 27): the
 * 13-128-64-64-32-1 network with a BatchNormalization after every hidden layer, trained with each
 * of the note's optimizers: SGD, momentum ({@code SGD(lr=0.001, momentum=0.9)}),
 * {@code Adagrad(lr=0.001, epsilon=1e-10)}, {@code RMSprop(lr=0.001, rho=0.9)} and
 * {@code Adam(lr=0.001, beta_1=0.9, beta_2=0.9)}; prints the train and test MAE of each and saves
 * the validation MAE curves side by side.
 */
public final class BostonOptimizers {
    private BostonOptimizers() {}

    /** The note's optimizers, by the name the table shows. */
    static Map<String, Supplier<Optimizer>> optimizers() {
        Map<String, Supplier<Optimizer>> m = new LinkedHashMap<>();
        m.put("SGD", () -> new SGD(0.001));
        m.put("Momentum", () -> new SGD(0.001).momentum(0.9));
        m.put("AdaGrad", () -> new Adagrad(0.001).epsilon(1e-10));
        m.put("RMSProp", () -> new RMSprop(0.001).rho(0.9));
        m.put("Adam", () -> new Adam(0.001).beta1(0.9).beta2(0.9));
        return m;
    }

    static Sequential model() {
        Sequential m = new Sequential(Input.of(13));
        for (int units : new int[] {128, 64, 64, 32}) {
            m.add(new Dense(units, "relu"));
            m.add(new BatchNormalization());
        }
        m.add(new Dense(1));
        return m;
    }

    /** Train and test MAE per optimizer. */
    static Map<String, double[]> run(int epochs, long seed, PrintStream out, Path outDir) {
        BostonRegression.Split data = BostonRegression.data(seed);
        Map<String, double[]> results = new LinkedHashMap<>();
        Map<String, double[]> curves = new LinkedHashMap<>();
        out.printf(Locale.ROOT, "%-10s %9s %9s%n", "optimizer", "Train MAE", "Test MAE");
        for (Map.Entry<String, Supplier<Optimizer>> e : optimizers().entrySet()) {
            Rng.setGlobalSeed(seed);
            Sequential model = model();
            model.compile(e.getValue().get(), "mse", "mae");
            History h = model.fit(data.train().x(), data.train().y(), FitOptions.builder().epochs(epochs).batchSize(64)
                    .validationSplit(0.2).seed(seed).verbose(0).build());
            double train = model.evaluate(data.train().x(), data.train().y()).get("mae");
            double test = model.evaluate(data.test().x(), data.test().y()).get("mae");
            out.printf(Locale.ROOT, "%-10s %9.3f %9.3f%n", e.getKey(), train, test);
            results.put(e.getKey(), new double[] {train, test});
            curves.put(e.getKey(), h.get("val_mae").stream().mapToDouble(Double::doubleValue).toArray());
        }
        double best = results.values().stream().mapToDouble(r -> r[1]).min().orElse(0);
        if (results.get("AdaGrad")[1] > 3 * best) {
            out.println("AdaGrad divides lr by the root of all past squared gradients, so at lr 0.001 its steps shrink");
            out.println("long before the output reaches house prices of about 22: it has barely left the start.");
        }
        if (outDir != null) {
            Path p = LinePlot.titled("Validation MAE by optimizer (with batch normalisation)").xLabel("epoch")
                    .yLabel("val mae").yFromZero().line("SGD", curves.get("SGD")).line("Momentum", curves.get("Momentum"))
                    .line("AdaGrad", curves.get("AdaGrad")).line("RMSProp", curves.get("RMSProp"))
                    .line("Adam", curves.get("Adam")).save(outDir.resolve("val_mae.png"));
            out.println("\nsaved " + p);
        }
        return results;
    }

    public static void main(String[] args) {
        Args a = Args.parse("boston-optimizers", args, "quick", "epochs=", "seed=", "out=");
        run(a.positive("epochs", a.quick() ? 20 : 1000), a.longValue("seed", 1), System.out, a.outDir());
    }
}
