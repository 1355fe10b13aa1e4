package jgrad.samples.unsupervised;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.callbacks.LambdaCallback;
import jgrad.nn.plot.HeatMap;
import jgrad.nn.plot.ImageGrid;
import jgrad.nn.plot.LinePlot;
import jgrad.nn.plot.NetPlot;
import jgrad.nn.unsupervised.SelfOrganizingMap;
import jgrad.samples.Args;
import jgrad.samples.SampleData;

/**
 * Course 8-4, Kohonen's self-organising map (SEEDS-4-8 B, calibrated against MiniSom): iris
 * (standardised) on a 10 x 10 grid and the 8 x 8 digits (/16) on 12 x 12, random-uniform
 * initialisation, Gaussian neighbourhood, sigma and the learning rate decaying linearly. Prints
 * the quantisation error before and after, the topographic error and the majority-vote accuracy
 * of the map's units; saves the U-matrix, the hit map coloured by label, the component planes
 * (iris) or the units' prototypes (digits), the error curves, and the map unfolding in the data's
 * first two principal components as frames.
 */
public final class SomSamples {
    private SomSamples() {}

    record Result(double qeStart, double qe, double te, double accuracy, double minCentroidCells, int steps,
            History history, List<Path> frames) {}

    record Setup(String name, Tensor x, Tensor y, List<String> classNames, List<String> featureNames, int rows,
            int cols, double sigmaStart, int epochs) {}

    /** The plots' name for the map: "Iris SOM 10x10", capitalised as titles are. */
    static String plotName(Setup s) {
        return Character.toUpperCase(s.name().charAt(0)) + s.name().substring(1) + " SOM " + s.rows() + "x" + s.cols();
    }

    static Setup iris(int epochs) {
        SampleData.Table t = SampleData.iris();
        // scikit-learn's iris file has no column names; its columns are these, in this order.
        return new Setup("iris", Stats.standardise(t.data().x()), t.data().y(),
                List.of("setosa", "versicolor", "virginica"),
                List.of("sepal length", "sepal width", "petal length", "petal width"), 10, 10, 3, epochs);
    }

    static Setup digits(int epochs) {
        SampleData.Table t = SampleData.digits();
        List<String> names = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            names.add(Integer.toString(d));
        }
        return new Setup("digits", t.data().x().cast(jgrad.core.DType.FLOAT64).div(16), t.data().y(), names,
                t.featureNames(), 12, 12, 4, epochs);
    }

    static Result run(Setup s, long seed, boolean hexagonal, boolean batch, int verbose, PrintStream out, Path dir) {
        int n = s.x().dim(0);
        int d = s.x().dim(1);
        SelfOrganizingMap.Builder b = SelfOrganizingMap.builder(s.rows(), s.cols(), d).sigma(s.sigmaStart(), 0.5)
                .learningRate(0.5, 0.01).batch(batch).seed(seed);
        if (hexagonal) {
            b.hexagonal();
        }
        SelfOrganizingMap som = b.build();
        som.initialize(s.x());
        double qe0 = som.quantizationError(s.x());
        out.printf(Locale.ROOT, "%s: %d samples x %d features; a %d x %d %s %s map, sigma %.1f -> 0.5%s, %d epochs"
                + " (%d steps), seed %d%n", s.name(), n, d, s.rows(), s.cols(), hexagonal ? "hexagonal" : "rectangular",
                batch ? "batch" : "online", s.sigmaStart(), batch ? "" : ", learning rate 0.5 -> 0.01", s.epochs(),
                s.epochs() * n, seed);
        out.printf(Locale.ROOT, "Quantisation error at the start (random-uniform weights): %.3f%n", qe0);

        double[][][] eig = Stats.eigen(s.x());
        Tensor mean = s.x().mean(0);
        double[][] xy = Stats.project2(s.x(), mean, eig[1]);
        int[] labels = Stats.ints(s.y());
        double[] bounds = bounds(xy);
        TreeSet<Integer> frameEpochs = new TreeSet<>(List.of(1, 2, 4, 8, 16, 32, s.epochs()));
        frameEpochs.removeIf(e -> e > s.epochs());
        List<Path> frames = new ArrayList<>();
        Path framesDir = dir.resolve("frames");
        frames.add(frame(som, mean, eig[1], xy, labels, bounds, s, "initial weights", framesDir.resolve("frame-00.png")));
        LambdaCallback snapshot = LambdaCallback.onEpochEnd((epoch, logs) -> {
            if (frameEpochs.contains(epoch + 1)) {
                frames.add(frame(som, mean, eig[1], xy, labels, bounds, s, String.format(Locale.ROOT,
                        "after epoch %d (QE %.3f)", epoch + 1, logs.get("quantization_error")),
                        framesDir.resolve(String.format(Locale.ROOT, "frame-%02d.png", epoch + 1))));
            }
        });
        History h = som.fit(s.x(), FitOptions.builder().epochs(s.epochs()).seed(seed).verbose(verbose).output(out)
                .callbacks(snapshot).build());
        double qe = som.quantizationError(s.x());
        double te = som.topographicError(s.x());
        double acc = som.majorityVoteAccuracy(s.x(), s.y());
        out.printf(Locale.ROOT, "Quantisation error %.3f -> %.3f, topographic error %.3f, majority-vote accuracy of the"
                + " units %.3f%n", qe0, qe, te, acc);

        // Where each class sits on the grid: the mean position of its samples' best-matching units.
        Tensor pos = som.positions();
        long[] bmu = som.predict(s.x()).toLongArray();
        int classes = s.classNames().size();
        double[][] centre = new double[classes][2];
        int[] count = new int[classes];
        double[] p = pos.toDoubleArray();
        for (int i = 0; i < n; i++) {
            centre[labels[i]][0] += p[2 * (int) bmu[i]];
            centre[labels[i]][1] += p[2 * (int) bmu[i] + 1];
            count[labels[i]]++;
        }
        double minCells = Double.POSITIVE_INFINITY;
        for (int a = 0; a < classes; a++) {
            for (int c = a + 1; c < classes; c++) {
                minCells = Math.min(minCells, Math.hypot(centre[a][0] / count[a] - centre[c][0] / count[c],
                        centre[a][1] / count[a] - centre[c][1] / count[c]));
            }
        }
        out.printf(Locale.ROOT, "The classes' centres on the grid are at least %.2f cells apart%n", minCells);

        HeatMap.of(som.uMatrix()).hexagonal(hexagonal).title(plotName(s) + ": U-matrix (mean distance to neighbours)")
                .save(dir.resolve("u-matrix.png"));
        SelfOrganizingMap.LabelMap lm = som.labelMap(s.x(), s.y());
        HeatMap.classes(lm.majorityGrid(), lm.hitGrid()).hexagonal(hexagonal).classNames(s.classNames())
                .title(plotName(s) + ": hits by majority label (paler = fewer)").save(dir.resolve("hits.png"));
        List<Path> saved = new ArrayList<>(List.of(dir.resolve("u-matrix.png"), dir.resolve("hits.png")));
        if (d <= 16) {
            List<HeatMap> planes = new ArrayList<>();
            for (int k = 0; k < d; k++) {
                planes.add(HeatMap.of(som.componentPlane(k)).hexagonal(hexagonal).cellSize(24)
                        .title(k < s.featureNames().size() ? s.featureNames().get(k) : "feature " + k));
            }
            HeatMap.panels(plotName(s) + ": component planes", planes, Math.min(4, d), dir.resolve("planes.png"));
            saved.add(dir.resolve("planes.png"));
        } else {
            int side = (int) Math.round(Math.sqrt(d));
            ImageGrid.of(som.weights().reshape(s.rows() * s.cols(), side, side)).columns(s.cols()).pixelSize(4).gap(1)
                    .title(plotName(s) + ": the units' prototypes").save(dir.resolve("prototypes.png"));
            saved.add(dir.resolve("prototypes.png"));
        }
        LinePlot.titled(plotName(s) + ": map quality per epoch").xLabel("epoch").yLabel("error")
                .line("quantisation error", HebbOja.toArray(h.get("quantization_error")))
                .line("topographic error", HebbOja.toArray(h.get("topographic_error"))).save(dir.resolve("errors.png"));
        saved.add(dir.resolve("errors.png"));
        out.println("Pictures: " + saved + " and " + frames.size() + " frames in " + framesDir);
        return new Result(qe0, qe, te, acc, minCells, (int) som.steps(), h, frames);
    }

    private static double[] bounds(double[][] xy) {
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (double[] p : xy) {
            b[0] = Math.min(b[0], p[0]);
            b[1] = Math.max(b[1], p[0]);
            b[2] = Math.min(b[2], p[1]);
            b[3] = Math.max(b[3], p[1]);
        }
        double mx = 0.1 * (b[1] - b[0]);
        double my = 0.1 * (b[3] - b[2]);
        return new double[] {b[0] - mx, b[1] + mx, b[2] - my, b[3] + my};
    }

    private static Path frame(SelfOrganizingMap som, Tensor mean, double[][] vectors, double[][] xy, int[] labels,
            double[] bounds, Setup s, String caption, Path png) {
        double[][] w = Stats.project2(som.weights(), mean, vectors);
        double[][][] nodes = new double[s.rows()][s.cols()][];
        for (int u = 0; u < w.length; u++) {
            nodes[u / s.cols()][u % s.cols()] = w[u];
        }
        return NetPlot.titled(plotName(s) + " " + caption).points(xy, labels).classNames(s.classNames())
                .net(nodes, som.topology() == SelfOrganizingMap.Topology.HEXAGONAL)
                .bounds(bounds[0], bounds[1], bounds[2], bounds[3]).xLabel("PC1").yLabel("PC2").save(png);
    }

    private static void main(String sample, Setup setup, String[] args) {
        Args a = Args.parse(sample, args, "quick", "epochs=", "seed=", "hex", "batch", "quiet", "out=");
        Setup s = new Setup(setup.name(), setup.x(), setup.y(), setup.classNames(), setup.featureNames(), setup.rows(),
                setup.cols(), setup.sigmaStart(), a.epochs(setup.epochs(), 3));
        run(s, a.seed(0), a.flag("hex"), a.flag("batch"), a.flag("quiet") ? 0 : 2, System.out,
                a.outDir());
    }

    /** Iris on 10 x 10: 34 epochs of 150 (5,100 steps; SEEDS-4-8 ran 5,000). */
    public static void mainIris(String[] args) {
        main("som-iris", iris(34), args);
    }

    /** Digits on 12 x 12: 11 epochs of 1,797 (19,767 steps; SEEDS-4-8 ran 20,000). */
    public static void mainDigits(String[] args) {
        main("som-digits", digits(11), args);
    }
}
