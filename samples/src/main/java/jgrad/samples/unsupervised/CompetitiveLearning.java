package jgrad.samples.unsupervised;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.plot.NetPlot;
import jgrad.nn.plot.ScatterPlot;
import jgrad.nn.unsupervised.CompetitiveLayer;
import jgrad.samples.Args;
import jgrad.samples.SampleData;

/**
 * Course 8-3, competitive learning (SEEDS-4-8 B; Hagan ch. 16): three units compete for six unit
 * vectors, only the winner moves ({@code w <- w + alpha (p - w)}), and each unit ends up on one
 * pair of vectors. Then iris (standardised) with three units beside k-means, and the dead-unit
 * case: a unit that starts far from the data never wins, and DeSieno's conscience brings it in.
 */
public final class CompetitiveLearning {
    private CompetitiveLearning() {}

    static final double[][] SIX = {
        {-1 / Math.sqrt(26), 5 / Math.sqrt(26)}, {1 / Math.sqrt(26), 5 / Math.sqrt(26)},
        {5 / Math.sqrt(26), 1 / Math.sqrt(26)}, {5 / Math.sqrt(26), -1 / Math.sqrt(26)},
        {-5 / Math.sqrt(74), -7 / Math.sqrt(74)}, {-7 / Math.sqrt(74), -5 / Math.sqrt(74)}
    };
    static final double[][] W0 = {{.7071, -.7071}, {.7071, .7071}, {-1, 0}};

    record Result(double[] netP2, double[] w2, long[] sixClusters, double[] purity, double[] inertia, int[] dead,
            double kmeansInertia, double kmeansPurity, double deadPurity, int deadDead, double consciencePurity,
            int conscienceDead, long[] conscienceWins) {}

    static Result run(int epochs, int seeds, PrintStream out, Path dir) {
        out.println("Six vectors, W0 = [[.7071 -.7071] [.7071 .7071] [-1 0]], alpha = 0.5, n = W p (Hagan ch. 16):");
        CompetitiveLayer six = CompetitiveLayer.builder(3, 2).learningRate(0.5)
                .similarity(CompetitiveLayer.Similarity.DOT).build();
        six.setWeights(Tensor.of(W0));
        Tensor p2 = Tensor.of(SIX[1]);
        double[] net = six.net(p2).toDoubleArray();
        six.fit(p2.reshape(1, 2), FitOptions.builder().epochs(1).shuffle(false).verbose(0).build());
        double[] w2 = six.weights().slice(0, 1, 2).toDoubleArray();
        out.printf(Locale.ROOT, "Presenting p2: net = [%.4f, %.4f, %.4f], unit 2 wins, w2 = [%.4f, %.4f]"
                + " (SEEDS-4-8: [-0.5547, 0.8320, -0.1961], [0.4516, 0.8438])%n", net[0], net[1], net[2], w2[0], w2[1]);
        Tensor sixX = Tensor.of(SIX);
        six.fit(sixX, FitOptions.builder().epochs(10).shuffle(false).verbose(0).build());
        long[] clusters = six.predict(sixX).toLongArray();
        out.printf("After 10 passes over p1..p6: winners %s, i.e. {p1,p2}->%d, {p3,p4}->%d, {p5,p6}->%d"
                + " (SEEDS-4-8: 2, 1, 3)%n%n", Arrays.toString(plus1(clusters)), clusters[0] + 1, clusters[2] + 1,
                clusters[4] + 1);
        double[][] fw = six.weights().toDoubleArray2D();
        // Unit vectors: equal scales keep them on a circle.
        ScatterPlot.titled("Competitive layer, 3 units: Hagan's six vectors, initial (W0) and final weights")
                .size(560, 560).square().points("p1..p6", column(SIX, 0), column(SIX, 1))
                .points("W0", column(W0, 0), column(W0, 1)).points("final W", column(fw, 0), column(fw, 1))
                .save(dir.resolve("six-vectors.png"));

        SampleData.Table iris = SampleData.iris();
        Tensor x = Stats.standardise(iris.data().x());
        Tensor y = iris.data().y();
        FitOptions o = FitOptions.builder().epochs(epochs).verbose(0).output(out).build();
        out.printf(Locale.ROOT, "Iris, standardised, 3 units, alpha = 0.05, %d epochs (%d steps), initial weights = 3"
                + " random samples:%n", epochs, epochs * 150);
        out.println("  seed  purity  inertia  dead units");
        double[] purity = new double[seeds];
        double[] inertia = new double[seeds];
        int[] dead = new int[seeds];
        for (int s = 0; s < seeds; s++) {
            CompetitiveLayer c = CompetitiveLayer.builder(3, 4).learningRate(0.05).seed(s).build();
            c.fit(x, o.toBuilder().seed(s).build());
            purity[s] = c.purity(x, y);
            inertia[s] = c.inertia(x);
            dead[s] = c.deadUnits(x);
            out.printf(Locale.ROOT, "  %4d  %.3f   %.2f   %d%n", s, purity[s], inertia[s], dead[s]);
        }
        double[] km = kmeans(x, y, 3, 20, new Rng(0));
        out.printf(Locale.ROOT, "k-means (Lloyd, best of 20 starts): inertia %.2f, purity %.3f (SEEDS-4-8: 139.82,"
                + " 0.833; competitive learning 0.82-0.85 and 141-147)%n%n", km[0], km[1]);

        // A unit that starts far from every flower never wins.
        double[][] start = x.gather(Tensor.of(new long[] {0, 50}), 0).toDoubleArray2D();
        double[][] w = {start[0], start[1], {4, 4, 4, 4}};
        CompetitiveLayer plain = CompetitiveLayer.builder(3, 4).learningRate(0.05).build();
        plain.setWeights(Tensor.of(w));
        plain.fit(x, o.toBuilder().seed(0).build());
        CompetitiveLayer fair = CompetitiveLayer.builder(3, 4).learningRate(0.05).conscience(0.01, 30).build();
        fair.setWeights(Tensor.of(w));
        fair.fit(x, o.toBuilder().seed(0).build());
        out.println("Dead unit: units start at flower 0 (setosa), flower 50 (versicolor) and [4, 4, 4, 4], far from all:");
        out.printf(Locale.ROOT, "  without a conscience: wins %s, dead units %d, purity %.3f, inertia %.2f%n",
                Arrays.toString(plain.wins()), plain.deadUnits(x), plain.purity(x, y), plain.inertia(x));
        out.printf(Locale.ROOT, "  with a conscience (beta 0.01, C 30): wins %s, dead units %d, purity %.3f, inertia"
                + " %.2f%n", Arrays.toString(fair.wins()), fair.deadUnits(x), fair.purity(x, y), fair.inertia(x));

        double[][][] eig = Stats.eigen(x);
        Tensor mean = x.mean(0);
        double[][] xy = Stats.project2(x, mean, eig[1]);
        int[] labels = Stats.ints(y);
        for (Object[] c : new Object[][] {{plain, "dead-unit.png", "without a conscience"},
            {fair, "conscience.png", "with a conscience"}}) {
            double[][] units = Stats.project2(((CompetitiveLayer) c[0]).weights(), mean, eig[1]);
            NetPlot.titled("Iris (PCA view), 3 units " + c[2]).points(xy, labels)
                    .classNames(List.of("setosa", "versicolor", "virginica")).units(units).unitsName("unit weights").xLabel("PC1").yLabel("PC2").save(dir.resolve((String) c[1]));
        }
        out.println("Pictures: " + dir.resolve("six-vectors.png") + ", " + dir.resolve("dead-unit.png") + ", "
                + dir.resolve("conscience.png"));
        return new Result(net, w2, clusters, purity, inertia, dead, km[0], km[1], plain.purity(x, y), plain.deadUnits(x),
                fair.purity(x, y), fair.deadUnits(x), fair.wins());
    }

    /** Lloyd's k-means from {@code starts} random-sample starts: the best {inertia, purity}. */
    static double[] kmeans(Tensor xt, Tensor yt, int k, int starts, Rng rng) {
        double[][] x = xt.toDoubleArray2D();
        int[] y = Stats.ints(yt);
        double best = Double.POSITIVE_INFINITY;
        double bestPurity = 0;
        for (int s = 0; s < starts; s++) {
            int[] perm = rng.permutation(x.length);
            double[][] c = new double[k][];
            for (int j = 0; j < k; j++) {
                c[j] = x[perm[j]].clone();
            }
            int[] assign = new int[x.length];
            for (int it = 0; it < 100; it++) {
                for (int i = 0; i < x.length; i++) {
                    assign[i] = nearest(c, x[i]);
                }
                double[][] sum = new double[k][x[0].length];
                int[] count = new int[k];
                for (int i = 0; i < x.length; i++) {
                    count[assign[i]]++;
                    for (int d = 0; d < x[i].length; d++) {
                        sum[assign[i]][d] += x[i][d];
                    }
                }
                for (int j = 0; j < k; j++) {
                    for (int d = 0; d < sum[j].length && count[j] > 0; d++) {
                        c[j][d] = sum[j][d] / count[j];
                    }
                }
            }
            double in = 0;
            int[][] table = new int[k][3];
            for (int i = 0; i < x.length; i++) {
                int j = nearest(c, x[i]);
                in += dist2(c[j], x[i]);
                table[j][y[i]]++;
            }
            if (in < best) {
                best = in;
                int right = 0;
                for (int[] row : table) {
                    right += Arrays.stream(row).max().orElse(0);
                }
                bestPurity = right / (double) x.length;
            }
        }
        return new double[] {best, bestPurity};
    }

    private static int nearest(double[][] c, double[] p) {
        int best = 0;
        for (int j = 1; j < c.length; j++) {
            if (dist2(c[j], p) < dist2(c[best], p)) {
                best = j;
            }
        }
        return best;
    }

    private static double dist2(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    private static long[] plus1(long[] v) {
        return Arrays.stream(v).map(u -> u + 1).toArray();
    }

    private static double[] column(double[][] m, int c) {
        return Arrays.stream(m).mapToDouble(r -> r[c]).toArray();
    }

    public static void main(String[] args) {
        Args a = Args.parse("competitive", args, "quick", "epochs=", "seeds=", "out=");
        run(a.epochs(20, 3), a.positive("seeds", 5), System.out, a.outDir());
    }
}
