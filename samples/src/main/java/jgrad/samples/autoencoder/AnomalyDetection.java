package jgrad.samples.autoencoder;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import jgrad.nn.anomaly.AnomalyThreshold;
import jgrad.nn.anomaly.ReconstructionScorer;
import jgrad.nn.anomaly.RocAuc;
import jgrad.nn.data.Dataset;
import jgrad.nn.layers.Dense;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.plot.LinePlot;
import jgrad.samples.SampleData;

/**
 * Course 6-3: anomaly detection by reconstruction error (Sakurada and Yairi 2014). An
 * autoencoder trained on one MNIST digit scores every test image by {@code ||x - r||^2}; the
 * ROC AUC for "another digit" is printed per digit beside PCA with 32 components on the same
 * data and SEEDS-4-8's calibrated PCA-32 table, with the 95th-percentile and training-maximum
 * thresholds. Then breast cancer: trained on 250 benign cases, tested on 107 benign and 212
 * malignant, beside PCA with 2 and 10 components (SEEDS-4-8: 0.913, 0.938).
 */
public final class AnomalyDetection {
    private AnomalyDetection() {}

    /** SEEDS-4-8's PCA-32 AUC per normal digit. */
    static final double[] SEEDS_PCA32 = {0.995, 0.998, 0.908, 0.954, 0.946, 0.961, 0.986, 0.969, 0.856, 0.977};

    record DigitRow(int digit, double aeAuc, double pcaAuc, double tpr95, double fpr95) {}

    record Result(List<DigitRow> digits, double cancerAeAuc, double cancerAeAucMetric, double cancerPca2,
            double cancerPca10, List<Path> pngs) {}

    static Sequential denseAutoencoder(int inputs, int hidden, int code, String output) {
        return new Sequential(Input.of(inputs), new Dense(hidden, "relu"), new Dense(code, "relu"),
                new Dense(hidden, "relu"), new Dense(inputs, output));
    }

    private static double[] pcaScores(Pca pca, Tensor x) {
        return ReconstructionScorer.errors(x, pca.reconstruct(x), ReconstructionScorer.Error.SUM_SQUARED);
    }

    static Result run(int[] digits, int epochs, long seed, PrintStream out, Path outDir) {
        Layer.resetNames();
        Rng.setGlobalSeed(seed);
        Dataset.Split s = AeSupport.mnist(seed);
        Tensor testX = s.test().x();
        long[] testY = s.test().y().toLongArray();
        List<DigitRow> rows = new ArrayList<>();
        List<Path> pngs = new ArrayList<>();
        out.println("MNIST: an autoencoder 784-128-32-128-784 (sigmoid output, BCE) trained on one digit of the 8,000"
                + " training images; every one of the 2,000 test images scored by ||x - r||^2");
        out.println();
        out.println("normal digit | AE AUC | PCA-32 AUC (here) | PCA-32 (SEEDS-4-8) | AE 95th pct: TPR  FPR");
        for (int d : digits) {
            int[] idx = AeSupport.withLabel(s.train().y(), d, true);
            Tensor train = s.train().select(idx).x();
            Sequential ae = denseAutoencoder(784, 128, 32, "sigmoid");
            ae.compile(new Adam(), "binary_crossentropy");
            ae.fit(train, train, FitOptions.builder().epochs(epochs).batchSize(32).seed(seed).verbose(0).output(out)
                    .build());
            ReconstructionScorer scorer = new ReconstructionScorer(ae);
            double[] scores = scorer.scores(testX);
            boolean[] anomalous = new boolean[testY.length];
            for (int i = 0; i < testY.length; i++) {
                anomalous[i] = testY[i] != d;
            }
            double auc = RocAuc.exact(scores, anomalous);
            Pca pca = Pca.fit(train, 32);
            double pcaAuc = RocAuc.exact(pcaScores(pca, testX), anomalous);
            AnomalyThreshold t = AnomalyThreshold.percentile(scorer.scores(train), 95);
            AnomalyThreshold.Rates r = t.rates(scores, anomalous);
            rows.add(new DigitRow(d, auc, pcaAuc, r.tpr(), r.fpr()));
            out.printf(Locale.ROOT, "%12d | %.3f  | %.3f             | %.3f              |             %.3f %.3f%n", d,
                    auc, pcaAuc, SEEDS_PCA32[d], r.tpr(), r.fpr());
            if (outDir != null && d == digits[0]) {
                pngs.add(histogram("MNIST autoencoder trained on digit " + d + ": reconstruction errors of test images",
                        scores, anomalous, t.value(), outDir.resolve("mnist_scores_digit" + d + ".png")));
            }
        }

        // Breast cancer: benign (label 1) is normal.
        out.println();
        Dataset bc = SampleData.breastCancer().data();
        int[] benign = AeSupport.withLabel(bc.y(), 1, true);
        int[] malignant = AeSupport.withLabel(bc.y(), 1, false);
        int[] perm = new Rng(seed).permutation(benign.length);
        int[] trainIdx = new int[250];
        int[] testIdx = new int[benign.length - 250 + malignant.length];
        for (int i = 0; i < benign.length; i++) {
            if (i < 250) {
                trainIdx[i] = benign[perm[i]];
            } else {
                testIdx[i - 250] = benign[perm[i]];
            }
        }
        System.arraycopy(malignant, 0, testIdx, benign.length - 250, malignant.length);
        Tensor rawTrain = bc.select(trainIdx).x();
        Tensor bTrain = AeSupport.standardize(rawTrain, rawTrain);
        Tensor bTest = AeSupport.standardize(bc.select(testIdx).x(), rawTrain);
        boolean[] bAnom = new boolean[testIdx.length];
        for (int i = benign.length - 250; i < testIdx.length; i++) {
            bAnom[i] = true;
        }
        Sequential bae = denseAutoencoder(30, 16, 4, "linear");
        bae.compile(new Adam(), "mse");
        bae.fit(bTrain, bTrain, FitOptions.builder().epochs(epochs * 10).batchSize(32).seed(seed).verbose(0).output(out)
                .build());
        ReconstructionScorer bs = new ReconstructionScorer(bae);
        double[] bScores = bs.scores(bTest);
        double bAuc = RocAuc.exact(bScores, bAnom);
        double bAucMetric = RocAuc.withMetric(bScores, bAnom);
        double pca2 = RocAuc.exact(pcaScores(Pca.fit(bTrain, 2), bTest), bAnom);
        double pca10 = RocAuc.exact(pcaScores(Pca.fit(bTrain, 10), bTest), bAnom);
        AnomalyThreshold max = AnomalyThreshold.trainingMax(bs.scores(bTrain));
        AnomalyThreshold p95 = AnomalyThreshold.percentile(bs.scores(bTrain), 95);
        out.printf(Locale.ROOT, "Breast cancer: autoencoder 30-16-4-16-30 trained on 250 benign cases, tested on %d benign"
                + " and %d malignant%n", benign.length - 250, malignant.length);
        out.printf(Locale.ROOT, "  AUC: autoencoder %.3f (jgrad's AUC metric: %.3f); PCA k=2 %.3f, k=10 %.3f (SEEDS-4-8:"
                + " 0.913, 0.938)%n", bAuc, bAucMetric, pca2, pca10);
        for (AnomalyThreshold t : List.of(p95, max)) {
            AnomalyThreshold.Rates r = t.rates(bScores, bAnom);
            out.printf(Locale.ROOT, "  threshold %s = %.2f: TPR %.3f, FPR %.3f%n", t.rule(), t.value(), r.tpr(), r.fpr());
        }
        if (outDir != null) {
            pngs.add(histogram("Breast cancer autoencoder (trained on benign): reconstruction errors (test)", bScores,
                    bAnom, p95.value(), outDir.resolve("breast_cancer_scores.png")));
            for (Path p : pngs) {
                out.println("saved " + p);
            }
        }
        return new Result(rows, bAuc, bAucMetric, pca2, pca10, pngs);
    }

    /** Histograms (as step curves over log-spaced bins) of the normal and anomalous scores, and the threshold. */
    static Path histogram(String title, double[] scores, boolean[] anomalous, double threshold, Path png) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double v : scores) {
            lo = Math.min(lo, Math.max(v, 1e-6));
            hi = Math.max(hi, v);
        }
        int bins = 40;
        double[] x = new double[bins];
        double[] normal = new double[bins];
        double[] anom = new double[bins];
        double llo = Math.log10(lo);
        double step = (Math.log10(hi) - llo) / bins;
        for (int b = 0; b < bins; b++) {
            x[b] = llo + (b + 0.5) * step;
        }
        for (int i = 0; i < scores.length; i++) {
            int b = (int) Math.min(bins - 1, Math.max(0, (Math.log10(Math.max(scores[i], 1e-6)) - llo) / step));
            (anomalous[i] ? anom : normal)[b]++;
        }
        double peak = 0;
        for (int b = 0; b < bins; b++) {
            peak = Math.max(peak, Math.max(normal[b], anom[b]));
        }
        double t = Math.log10(Math.max(threshold, 1e-6));
        return LinePlot.titled(title).xLabel("log10 score").yLabel("count").line("normal", x, normal)
                .line("anomalous", x, anom).dashed("95th percentile of training", new double[] {t, t},
                        new double[] {0, peak}).save(png);
    }

    public static void main(String[] args) {
        AeSupport.Options o = AeSupport.parse("ae-anomaly", args);
        int[] digits = o.quick() ? new int[] {0, 8} : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        run(digits, o.epochs(30, 10), o.seed(), System.out, o.out());
    }
}
