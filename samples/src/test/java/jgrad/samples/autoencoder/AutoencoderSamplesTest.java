package jgrad.samples.autoencoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import jgrad.core.Tensor;
import jgrad.samples.SampleData;
import jgrad.samples.Samples;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autoencoder samples (notes 002, 5.2; course 6-1..6-4) print the numbers the notes and
 * SEEDS-4-8 give: worked examples and parameter counts exactly, PCA baselines to their
 * calibration, trained models in kind. Training runs are short and tagged slow.
 */
class AutoencoderSamplesTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path out;

    private static void png(Path p) throws IOException {
        BufferedImage img = ImageIO.read(p.toFile());
        assertThat(img).as("a decodable PNG: %s", p).isNotNull();
        assertThat(img.getWidth()).isGreaterThan(50);
    }

    @Test
    void transposedConvolutionExamplesAsCalculated() {
        ConvAutoencoders.Examples e = ConvAutoencoders.examples(QUIET);
        assertThat(e.ex52()).isDeepEqualTo(new double[][] {{2, 4, 0}, {9, 17, 2}, {10, 17, 3}});
        assertThat(e.ex53()).isDeepEqualTo(new double[][] {{1, 4, 7, 6}, {5, 12, 12, 7}, {8, 10, 10, 8}, {4, 4, 7, 3}});
        assertThat(e.ex52s2()).isDeepEqualTo(new double[][] {{2, 4, 0, 0}, {4, 6, 0, 0}, {5, 10, 1, 2},
                {10, 15, 2, 3}});
        assertThat(e.ex53s2()).isDeepEqualTo(new double[][] {{1, 2, 5, 4, 6}, {3, 1, 8, 2, 4}, {4, 5, 14, 4, 9},
                {6, 2, 7, 1, 2}, {4, 2, 8, 1, 3}});
        assertThat(ConvAutoencoders.transposeModel().countParams()).isEqualTo(28_353);
        assertThat(ConvAutoencoders.upsamplingModel().countParams()).isEqualTo(28_353);
    }

    @Test
    void pcaByJacobiAndSubspaceIterationAgree() {
        Tensor x = Tensor.randomNormal(new jgrad.core.Rng(1), jgrad.core.DType.FLOAT64, 0, 1, 300, 70)
                .matmul(Tensor.randomNormal(new jgrad.core.Rng(2), jgrad.core.DType.FLOAT64, 0, 1, 70, 70));
        Pca big = Pca.fit(x, 5); // 70 features: subspace iteration
        double[][] cov = x.sub(x.mean(0)).matmul(x.sub(x.mean(0)), true, false).mul(1.0 / 300).toDoubleArray2D();
        double[] exact = Pca.jacobi(cov)[0][0];
        for (int i = 0; i < 5; i++) {
            assertThat(big.eigenvalues[i]).isCloseTo(exact[i], offset(1e-6 * exact[0]));
        }
    }

    @Test
    @Tag("slow")
    void linearAutoencoderReachesPcasRankTwoErrorAndPlane() {
        LinearAutoencoder.Result r = LinearAutoencoder.run(100, 1, QUIET);
        assertThat(r.params()).isEqualTo(27);
        assertThat(r.eigenvalues()).containsExactly(new double[] {3.1723, 1.0211, 0.7886, 0.0166, 0.0014},
                offset(5e-5));
        assertThat(r.pcaMse()).isCloseTo(0.1613, offset(5e-5));
        assertThat(r.aeMse()).isLessThanOrEqualTo(0.165).isGreaterThanOrEqualTo(r.pcaMse() - 1e-6);
        assertThat(r.anglesDegrees()[0]).isLessThan(3);
        assertThat(r.anglesDegrees()[1]).isLessThan(3);
        assertThat(r.orthonormalityGap()).isGreaterThan(0.1);
    }

    @Test
    @Tag("slow")
    void mnistDenseAutoencoderSummaryAsTheNoteAndSharedEncoderDecoder() throws IOException {
        DenseAutoencoder.Result r = DenseAutoencoder.run(6, 1000, 1, QUIET, out);
        String[][] rows = {{"input_2 (InputLayer)", "[(None, 784)]", "0"}, {"dense_8 (Dense)", "(None, 256)", "200960"},
            {"dense_9 (Dense)", "(None, 128)", "32896"}, {"dense_10 (Dense)", "(None, 64)", "8256"},
            {"dense_11 (Dense)", "(None, 32)", "2080"}, {"dense_12 (Dense)", "(None, 64)", "2112"},
            {"dense_13 (Dense)", "(None, 128)", "8320"}, {"dense_14 (Dense)", "(None, 256)", "33024"},
            {"dense_15 (Dense)", "(None, 784)", "201488"}};
        for (String[] row : rows) {
            assertThat(r.summary()).containsPattern(java.util.regex.Pattern.quote(row[0]) + " +"
                    + java.util.regex.Pattern.quote(row[1]) + " +" + row[2]);
        }
        assertThat(r.summary()).contains("Total params: 489,136");
        assertThat(r.params()).isEqualTo(489_136);
        assertThat(r.encoderParams()).isEqualTo(244_192);
        assertThat(r.lastLoss()).isLessThan(r.firstLoss());
        // Below the mean image's error (about 0.067).
        assertThat(r.testMse()).isLessThan(0.06);
        Tensor codes = r.encoder().predict(Tensor.zeros(3, 784));
        assertThat(codes.shape().dims()).containsExactly(3, 32);
        assertThat(r.decoder().predict(codes).shape().dims()).containsExactly(3, 784);
        assertThatThrownBy(() -> r.decoder().predict(Tensor.zeros(3, 16))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16").hasMessageContaining("32");
        assertThat(r.pngs()).hasSize(1);
        png(r.pngs().get(0));
    }

    @Test
    @Tag("slow")
    void convolutionalDenoiserBeatsTheNoisyImagesAndPcaMatchesCalibration() throws IOException {
        Denoising.Result r = Denoising.run(1, 800, 500, 1, QUIET, out);
        assertThat(r.noisyMse()).isCloseTo(0.1155, offset(0.003));
        assertThat(r.pca32Mse()).isCloseTo(0.0327, offset(0.006));
        assertThat(r.denoiserMse()).isLessThan(r.noisyMse());
        png(r.pngs().get(0));
    }

    @Test
    @Tag("slow")
    void anomalyDetectionAucForDigitZeroAndBreastCancer() throws IOException {
        AnomalyDetection.Result r = AnomalyDetection.run(new int[] {0}, 10, 1, QUIET, out);
        AnomalyDetection.DigitRow zero = r.digits().get(0);
        assertThat(zero.pcaAuc()).isCloseTo(0.995, offset(0.01));
        assertThat(zero.aeAuc()).isGreaterThan(0.95);
        assertThat(zero.fpr95()).isLessThan(0.15);
        assertThat(r.cancerAeAuc()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.cancerAeAucMetric()).isCloseTo(r.cancerAeAuc(), offset(0.01));
        assertThat(r.cancerPca2()).isCloseTo(0.913, offset(0.04));
        assertThat(r.cancerPca10()).isCloseTo(0.938, offset(0.04));
        assertThat(r.pngs()).hasSize(2);
        for (Path p : r.pngs()) {
            png(p);
        }
    }

    @Test
    @Tag("slow")
    void vaeKlCheckAndLossFallsFromAbout540() throws IOException {
        Vae.Result r = Vae.run(false, 3, 2000, 1, QUIET, out);
        assertThat(r.klClosed()).isCloseTo(0.818147, offset(5e-7));
        assertThat(r.klMonteCarlo()).isCloseTo(0.818147, offset(0.01));
        assertThat(r.firstStepLoss()).isBetween(500.0, 580.0);
        assertThat(r.epochLoss().get(2)).isLessThan(r.epochLoss().get(0)).isLessThan(230);
        assertThat(r.testLoss()).isLessThan(240);
        assertThat(r.pngs()).hasSize(2);
        for (Path p : r.pngs()) {
            png(p);
        }
    }

    @Test
    void vaeManifoldGridSpansWhereTheCodesAre() {
        // Codes far from the prior's origin, as after a short run: the grid must follow them.
        double[] z = new double[2 * 101];
        for (int i = 0; i <= 100; i++) {
            z[2 * i] = 3 + i / 100.0;
            z[2 * i + 1] = -5 + 2 * i / 100.0;
        }
        double[][] r = Vae.latentRange(jgrad.core.Tensor.fromFlat(z, 101, 2), 0.02, 0.98);
        assertThat(r[0][0]).isCloseTo(3.02, offset(1e-9));
        assertThat(r[0][1]).isCloseTo(3.98, offset(1e-9));
        assertThat(r[1][0]).isCloseTo(-4.96, offset(1e-9));
        assertThat(r[1][1]).isCloseTo(-3.04, offset(1e-9));
    }

    @Test
    void samplesAreRegisteredAndBadOptionsAreNamed() {
        for (String name : new String[] {"ae-linear", "ae-dense", "ae-conv", "ae-denoising", "ae-anomaly", "vae-mnist",
            "ae-benchmark"}) {
            assertThat(Samples.find(name).description()).isNotBlank();
        }
        assertThatThrownBy(() -> Samples.find("ae-linear").main().accept(new String[] {"--bogus"}))
                .hasMessageContaining("ae-linear: unknown option --bogus; options:");
        assertThatThrownBy(() -> Samples.find("ae-benchmark").main().accept(new String[] {"--bogus", "1"}))
                .hasMessageContaining("ae-benchmark: unknown option --bogus; options:");
        assertThatThrownBy(() -> Samples.find("ae-benchmark").main().accept(new String[] {"--epochs", "0"}))
                .hasMessageContaining("--epochs must be at least 1");
    }

    @Test
    void aeBenchmarkTimesTheConvAutoencodersEpochsAndPrintsOneResultLine() {
        String line = AeBenchmark.run(SampleData.mnistTest().x().slice(0, 0, 64), 32, 2, 0, 1);
        assertThat(line).matches("jgrad threads=\\d+ batch=32 samples=64 epochs=\\[[0-9.]+,[0-9.]+\\] median_epoch_s=[0-9.]+"
                + " samples_per_s=\\d+ peak_heap_mb=\\d+ peak_rss_mb=\\d+ params=28353 final_loss=0\\.\\d{4}");
    }
}
