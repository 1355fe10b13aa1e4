package jgrad.samples.unsupervised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import jgrad.samples.Args;
import jgrad.samples.Samples;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course-8 samples (and 2-8's highway networks) print the numbers of SEEDS-4-8 section B:
 * the worked examples exactly, the calibrated runs within their ranges. Training runs are short;
 * the longer ones are tagged slow.
 */
class ClassicSamplesTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path out;

    private static void png(Path p) throws IOException {
        BufferedImage img = ImageIO.read(p.toFile());
        assertThat(img).as("a decodable PNG: %s", p).isNotNull();
        assertThat(img.getWidth()).isGreaterThan(50);
    }

    @Test
    void registered() {
        for (String name : new String[] {"hebb-oja", "instar", "competitive", "som-iris", "som-digits", "highway"}) {
            assertThat(Samples.find(name).name()).isEqualTo(name);
        }
    }

    @Test
    void hebbBananaAndOjaOnIris() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HebbOja.Result r = HebbOja.run(100, 0, new PrintStream(bytes, true, StandardCharsets.UTF_8), out);
        assertThat(r.plain()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(r.firstSmellAlone()).isEqualTo(3);
        assertThat(r.decayed()[5]).isEqualTo(4.0951, within(1e-12));
        assertThat(r.decayed()[9]).isEqualTo(6.1258, within(5e-5));
        assertThat(r.decayed()[29]).isEqualTo(9.529, within(5e-4));
        assertThat(r.ojaNorm()).isEqualTo(1.0001, within(2e-4));
        assertThat(r.ojaCos()).isGreaterThan(0.99999);
        assertThat(r.hebbNorm()).isGreaterThan(1e20);
        // Sanger: PC1 as closely as Oja; PC2 (eigenvalue 0.24 against 0.08 for PC3) converges more slowly.
        assertThat(r.sangerCos()[0]).isGreaterThan(0.99999);
        assertThat(r.sangerCos()[1]).isGreaterThan(0.99);
        // SEEDS-4-8's eigenvalues divide by n - 1; these divide by n.
        assertThat(r.eigenvalues()[0] * 150 / 149).isEqualTo(4.2282, within(1e-4));
        assertThat(Math.abs(r.pc1()[2])).isEqualTo(0.8567, within(1e-4));
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertThat(s).contains("w at q = 10: 6.1258, at q = 30: 9.529", "Oja ||w|| = 1.0001, |cos(w, PC1)| = 0.99999");
        png(out.resolve("banana.png"));
        png(out.resolve("oja-vs-hebb.png"));
    }

    @Test
    void instarOrangeAndOutstarPineapple() throws IOException {
        InstarOutstar.Result r = InstarOutstar.run(QUIET, out);
        assertThat(r.instarResponses()).containsExactly(0, 1, 1);
        assertThat(r.instarWeights()[0]).containsExactly(0, 0, 0);
        assertThat(r.instarWeights()[1]).containsExactly(1, -1, -1);
        assertThat(r.instarWeights()[2]).containsExactly(1, -1, -1);
        assertThat(r.recalled()).containsExactly(-1, -1, 1);
        png(out.resolve("instar.png"));
        png(out.resolve("outstar.png"));
    }

    @Test
    void competitiveSixVectorsIrisAndTheDeadUnit() throws IOException {
        CompetitiveLearning.Result r = CompetitiveLearning.run(20, 2, QUIET, out);
        assertThat(r.netP2()).containsExactly(new double[] {-0.5547, 0.8320, -0.1961}, within(1e-4));
        assertThat(r.w2()).containsExactly(new double[] {0.4516, 0.8438}, within(1e-4));
        assertThat(r.sixClusters()).containsExactly(1, 1, 0, 0, 2, 2);
        for (int s = 0; s < 2; s++) {
            assertThat(r.purity()[s]).isBetween(0.80, 0.86);
            assertThat(r.inertia()[s]).isBetween(139.8, 150.0);
        }
        assertThat(r.kmeansInertia()).isEqualTo(139.82, within(0.01));
        assertThat(r.deadDead()).isEqualTo(1);
        assertThat(r.deadPurity()).isLessThan(0.7);
        assertThat(r.conscienceDead()).isZero();
        assertThat(r.consciencePurity()).isGreaterThan(0.8);
        png(out.resolve("six-vectors.png"));
        png(out.resolve("conscience.png"));
    }

    @Test
    void somIris() throws IOException {
        SomSamples.Result r = SomSamples.run(SomSamples.iris(34), 0, false, false, 0, QUIET, out);
        assertThat(r.steps()).isEqualTo(34 * 150);
        assertThat(r.qeStart()).isBetween(0.7, 1.1);
        assertThat(r.qe()).isBetween(0.25, 0.30);
        assertThat(r.te()).isLessThan(0.03);
        assertThat(r.accuracy()).isGreaterThanOrEqualTo(0.97);
        assertThat(r.minCentroidCells()).isGreaterThanOrEqualTo(3);
        assertThat(r.frames()).hasSize(8);
        for (String f : new String[] {"u-matrix.png", "hits.png", "planes.png", "errors.png"}) {
            png(out.resolve(f));
        }
        png(r.frames().get(r.frames().size() - 1));
    }

    @Test
    void somIrisHexagonalBatch() {
        SomSamples.Result r = SomSamples.run(SomSamples.iris(20), 1, true, true, 0, QUIET, out);
        assertThat(r.qe()).isLessThan(0.4);
        assertThat(r.accuracy()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    @Tag("slow")
    void somDigitsShort() throws IOException {
        SomSamples.Result r = SomSamples.run(SomSamples.digits(3), 0, false, false, 0, QUIET, out);
        assertThat(r.qeStart()).isBetween(2.7, 3.0);
        assertThat(r.qe()).isLessThan(1.6);
        assertThat(r.accuracy()).isGreaterThan(0.85);
        png(out.resolve("prototypes.png"));
    }

    @Test
    @Tag("slow")
    void highwayTrainsWherePlainIsStuck() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HighwayVsPlain.Result r = HighwayVsPlain.run(3, 50, "relu", -4, 0, 0,
                new PrintStream(bytes, true, StandardCharsets.UTF_8), out);
        HighwayVsPlain.Run plain = r.runs().get(0);
        HighwayVsPlain.Run highway = r.runs().get(1);
        assertThat(plain.history().last("loss")).isEqualTo(Math.log(10), within(0.01));
        assertThat(plain.testAccuracy()).isLessThan(0.15);
        assertThat(highway.history().last("loss")).isLessThan(plain.history().last("loss") - 0.2);
        assertThat(highway.testAccuracy()).isGreaterThan(0.5);
        assertThat(r.gates()).hasNumberOfRows(50);
        assertThat(r.meanGate()[0]).isBetween(0.0, 0.2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("| plain | 3 |", "| highway (b_T -4) | 3 |");
        png(out.resolve("loss.png"));
        png(out.resolve("gates.png"));
    }

    @Test
    void badOptionsAreClearErrors() {
        assertThatThrownBy(() -> Args.parse("som-iris", new String[] {"--sigma", "2"}, "epochs="))
                .hasMessageContaining("som-iris: unknown option --sigma");
        assertThatThrownBy(() -> Args.parse("highway", new String[] {"--epochs", "x"}, "epochs=")
                .intValue("epochs", 1)).hasMessageContaining("--epochs needs a whole number, got 'x'");
    }
}
