package jgrad.samples.unsupervised;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import jgrad.nn.data.Dataset;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Highway;
import jgrad.nn.optimizers.SGD;
import jgrad.nn.plot.HeatMap;
import jgrad.nn.plot.LinePlot;
import jgrad.samples.Args;
import jgrad.samples.SampleData;

/**
 * Course 2-8, highway networks (Srivastava, Greff &amp; Schmidhuber 2015; SEEDS-4-8 B, calibrated):
 * the 8 x 8 digits (/16, a seeded permutation, 1,437 training and 360 test images), Dense 64 -> 50,
 * then {@code depth} layers of width 50, then softmax 10; Glorot-uniform initialisation, SGD with
 * learning rate 0.01 and momentum 0.9, batch 32. A plain 50-layer network does not train (its
 * loss stays at ln 10 = 2.303 and its accuracy near chance); the highway network with the
 * transform gates' bias at -4 starts near the identity and trains. Prints the table, saves the
 * loss curves and each highway layer's mean transform-gate activity per unit as a heat map.
 */
public final class HighwayVsPlain {
    private HighwayVsPlain() {}

    record Run(String name, History history, double testLoss, double testAccuracy, double seconds) {}

    record Result(List<Run> runs, double[][] gates, double[] meanGate) {}

    static Sequential build(boolean highway, int depth, String activation, double transformBias, long seed) {
        Layer.resetNames();
        Rng.setGlobalSeed(seed);
        List<Layer> layers = new ArrayList<>();
        layers.add(new Dense(50, activation));
        for (int i = 0; i < depth; i++) {
            layers.add(highway ? new Highway(activation, transformBias) : new Dense(50, activation));
        }
        layers.add(new Dense(10, "softmax"));
        Sequential m = new Sequential(Input.of(64), layers.toArray(Layer[]::new));
        m.compile(new SGD(0.01).momentum(0.9), "sparse_categorical_crossentropy", "accuracy");
        return m;
    }

    static Result run(int epochs, int depth, String activation, double transformBias, long seed, int verbose,
            PrintStream out, Path dir) {
        SampleData.Table t = SampleData.digits();
        Dataset all = t.data().select(new Rng(seed).permutation(t.data().size()));
        Tensor x = all.x().div(16);
        Tensor y = all.y();
        Tensor xTrain = x.slice(0, 0, 1437);
        Tensor yTrain = y.slice(0, 0, 1437);
        Tensor xTest = x.slice(0, 1437, 1797);
        Tensor yTest = y.slice(0, 1437, 1797);
        out.printf(Locale.ROOT, "Digits 8x8 (/16): %d training and %d test images; Dense 64->50, %d layers of width 50"
                + " (%s), softmax 10; SGD 0.01, momentum 0.9, batch 32, %d epochs%n%n", xTrain.dim(0), xTest.dim(0), depth,
                activation, epochs);
        List<Run> runs = new ArrayList<>();
        Sequential highwayModel = null;
        for (boolean highway : new boolean[] {false, true}) {
            Sequential m = build(highway, depth, activation, transformBias, seed);
            String name = highway ? String.format(Locale.ROOT, "highway (b_T %.0f)", transformBias) : "plain";
            out.printf(Locale.ROOT, "%s, %d parameters:%n", name, m.countParams());
            long t0 = System.nanoTime();
            History h = m.fit(xTrain, yTrain, FitOptions.builder().epochs(epochs).batchSize(32).seed(seed)
                    .validationData(xTest, yTest).verbose(verbose).output(out).build());
            double s = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> ev = m.evaluate(xTest, yTest);
            runs.add(new Run(name, h, ev.get("loss"), ev.get("accuracy"), s));
            if (highway) {
                highwayModel = m;
            }
        }
        out.println();
        out.println("| network | epoch | train loss | test loss | test accuracy |");
        out.println("|---|---|---|---|---|");
        for (Run r : runs) {
            for (int e : new int[] {Math.min(5, epochs), epochs}) {
                out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f |%n", r.name(), e, r.history().get("loss").get(e - 1),
                        r.history().get("val_loss").get(e - 1), r.history().get("val_accuracy").get(e - 1));
                if (e == epochs) {
                    break;
                }
            }
        }
        out.printf(Locale.ROOT, "ln 10 = %.3f; SEEDS-4-8: plain stays at 2.301 / 0.078, highway (b_T -4, relu) 1.307 / 0.853"
                + " at epoch 5 and 0.142 / 0.981 at epoch 20%n", Math.log(10));
        for (Run r : runs) {
            out.printf(Locale.ROOT, "%s: %.1f s for %d epochs%n", r.name(), r.seconds(), epochs);
        }

        // Mean transform-gate activity T(x) per highway layer and unit over the test images.
        List<Layer> layers = highwayModel.layers();
        Tensor a = xTest.cast(DType.FLOAT32);
        double[][] gates = new double[depth][];
        double[] meanGate = new double[depth];
        List<String> rowNames = new ArrayList<>();
        int k = 0;
        for (Layer l : layers) {
            if (l instanceof Highway hw) {
                Tensor g = hw.transformGate(a).mean(0);
                gates[k] = g.toDoubleArray();
                meanGate[k] = g.mean().item();
                rowNames.add(k % 5 == 0 ? "layer " + (k + 1) : "");
                k++;
            }
            a = l.call(a);
        }
        out.printf(Locale.ROOT, "Mean transform gate T over the test images: layer 1 %.3f, layer %d %.3f, layer %d %.3f"
                + " (sigmoid(%.0f) = %.3f at the start)%n", meanGate[0], depth / 2 + 1, meanGate[depth / 2], depth,
                meanGate[depth - 1], transformBias, 1 / (1 + Math.exp(-transformBias)));
        HeatMap.of(gates).title("Highway: mean transform gate T(x) per layer (rows) and unit").xLabel("unit")
                .yLabel("layer").rowLabels(rowNames).cellSize(10).range(0, 1).save(dir.resolve("gates.png"));
        Map<String, double[]> curves = new LinkedHashMap<>();
        for (Run r : runs) {
            curves.put(r.name() + " train", HebbOja.toArray(r.history().get("loss")));
            curves.put(r.name() + " test", HebbOja.toArray(r.history().get("val_loss")));
        }
        LinePlot.curves(depth + "-layer plain vs highway on 8x8 digits", "loss", curves, dir.resolve("loss.png"));
        out.println("Pictures: " + dir.resolve("loss.png") + ", " + dir.resolve("gates.png"));
        return new Result(runs, gates, meanGate);
    }

    public static void main(String[] args) {
        Args a = Args.parse("highway", args, "quick", "epochs=", "depth=", "activation=", "transform-bias=",
                "seed=", "quiet", "out=");
        String activation = a.choice("activation", "relu", "relu", "tanh", "sigmoid", "elu", "selu", "gelu", "swish",
                "linear");
        run(a.epochs(20, 2), a.positive("depth", 50), activation,
                a.doubleValue("transform-bias", -4), a.seed(0), a.flag("quiet") ? 0 : 2,
                System.out, a.outDir());
    }
}
