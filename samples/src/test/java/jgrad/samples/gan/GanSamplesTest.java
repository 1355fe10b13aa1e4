package jgrad.samples.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import jgrad.core.Rng;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GAN samples (course 7; issue 13): the exact checks of SEEDS-4-8 B as printed, parameter
 * counts, and short training runs (tagged slow) that produce their plots.
 */
class GanSamplesTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path out;

    private static void png(Path p) throws IOException {
        assertThat(Files.exists(p)).as("%s exists", p).isTrue();
        assertThat(ImageIO.read(p.toFile())).as("a decodable PNG: %s", p).isNotNull();
    }

    @Test
    void dcganModelsHaveTheTutorialsParameterCounts() {
        assertThat(DcganMnist.generator().countParams()).isEqualTo(2_330_944);
        assertThat(DcganMnist.trainableCount(DcganMnist.generator())).isEqualTo(2_305_472);
        assertThat(DcganMnist.discriminator().countParams()).isEqualTo(212_865);
    }

    @Test
    void dcganDefaultPairIsTheSmallerVariant() {
        assertThat(DcganMnist.smallGenerator().countParams()).isEqualTo(378_272);
        assertThat(DcganMnist.smallDiscriminator().countParams()).isEqualTo(55_233);
    }

    @Test
    void unrolledCheckWantsAllModesFromKFiveAndFewerFromKZero() {
        int[] all = {100, 100, 100, 100, 100, 100, 100, 100};
        int[] two = {300, 0, 0, 0, 300, 0, 0, 0};
        var full = new GanSupport.Coverage(8, 0.32, all);
        var part = new GanSupport.Coverage(2, 0.24, two);
        var plain = new UnrolledGanRing.Result(0, java.util.List.of(500), java.util.List.of(part), 1, java.util.List.of());
        var unrolled = new UnrolledGanRing.Result(5, java.util.List.of(500), java.util.List.of(full), 1,
                java.util.List.of());
        assertThat(UnrolledGanRing.modeSet(part, 2500)).isEqualTo("{0, 4}");
        assertThat(UnrolledGanRing.check(plain, unrolled)).contains("{0, 4}").endsWith("more than the plain GAN over training");
        assertThat(UnrolledGanRing.check(unrolled, unrolled)).endsWith("(train longer: --steps N)");
        // a hopping plain GAN may pass over all 8 modes at its last checkpoint: the means decide
        var hopping = new UnrolledGanRing.Result(0, java.util.List.of(500, 1000), java.util.List.of(part, full), 1,
                java.util.List.of());
        var steady = new UnrolledGanRing.Result(5, java.util.List.of(500, 1000), java.util.List.of(full, full), 1,
                java.util.List.of());
        assertThat(UnrolledGanRing.check(hopping, steady)).contains("(mean 5.0 of 8)").contains("8 8 of 8 (mean 8.0, 8")
                .endsWith("more than the plain GAN over training");
        assertThat(UnrolledGanRing.check(steady, hopping)).endsWith("(train longer: --steps N)");
    }

    @Test
    void wganGpRingCheckWantsNormsNearOne() {
        double[] near = {0.9, 1.0, 1.1, 1.05, 0.95};
        double[] far = {0.1, 0.2, 0.15, 0.3, 0.1};
        var eight = new GanSupport.Coverage(8, 0.5, new int[] {1, 1, 1, 1, 1, 1, 1, 1});
        assertThat(WganGp.nearOne(near)).isEqualTo(1.0);
        assertThat(WganGp.nearOne(far)).isZero();
        assertThat(WganGp.ringCheck(new WganGp.Ring(eight, far, near, java.util.List.of())))
                .endsWith("the penalty holds the critic's gradient norm near 1");
        assertThat(WganGp.ringCheck(new WganGp.Ring(eight, near, far, java.util.List.of()))).endsWith("NOT near 1");
    }

    @Test
    void ringCoverageCountsModesAndQuality() {
        var s = GanSupport.ring(4000, 2, 0.02, new Rng(1));
        GanSupport.Coverage c = GanSupport.coverage(s, 2, 0.02);
        assertThat(c.modes()).isEqualTo(8);
        assertThat(c.highQuality()).isGreaterThan(0.98); // 3 sigma holds 1 - exp(-4.5) = 98.9% of a 2-D Gaussian
        assertThat(GanSupport.coverage(s.mul(0), 2, 0.02).modes()).isZero(); // a collapse at the centre
    }

    @Test
    void wganGpEmpiricalW1OfShiftedGaussiansIsThree() {
        var rng = new Rng(3);
        double w = WganGp.empiricalW1(jgrad.core.Tensor.randomNormal(rng, 0, 1, 20_000, 1),
                jgrad.core.Tensor.randomNormal(rng, 3, 1, 20_000, 1));
        assertThat(w).isCloseTo(3, offset(0.05));
    }

    @Tag("slow")
    @Test
    void gan1dPrintsTheThreeChecks() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Gan1D.Result r = Gan1D.run(10, 1, new PrintStream(buf, true, StandardCharsets.UTF_8), out);
        assertThat(r.weight()).isCloseTo(-1, offset(0.1));
        assertThat(r.bias()).isCloseTo(0.5, offset(0.1));
        assertThat(r.satGrad()).isCloseTo(-0.01, offset(1e-9));
        assertThat(r.nonSatGrad()).isCloseTo(-0.99, offset(1e-9));
        assertThat(r.equilibrium()).isCloseTo(-1.386294, offset(1e-6));
        assertThat(r.genMean()).isGreaterThan(1.5); // from about 0 towards 3 in 10 short epochs
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("(3) V(D, G) at D = 1/2 everywhere: -1.386294");
    }

    @Tag("slow")
    @Test
    void wganGpCriticEstimatesW1AndThePenaltyPullsNormsToOne() throws IOException {
        WganGp.W1 w = WganGp.oneD(400, 1, QUIET);
        assertThat(WganGp.check(w)).as(w.toString()).endsWith("-> as calculated");
        WganGp.Ring r = WganGp.ring(10, 1, QUIET, out);
        assertThat(r.lateNorms()).hasSize(256);
        assertThat(Math.abs(WganGp.mean(r.lateNorms()) - 1)).isLessThan(Math.abs(WganGp.mean(r.earlyNorms()) - 1));
        for (Path p : r.pngs()) {
            png(p);
        }
    }

    @Tag("slow")
    @Test
    void unrolledGanRunsAndPlots() throws IOException {
        UnrolledGanRing.Result r = UnrolledGanRing.run(5, 4, 2, 1, QUIET, out);
        assertThat(r.coverage()).hasSize(2);
        for (Path p : r.pngs()) {
            png(p);
        }
    }

    @Tag("slow")
    @Test
    void dcganShortRunChecksItsSamples() throws IOException {
        DcganMnist.Result r = DcganMnist.run(false, 1, 128, 1, QUIET, out);
        assertThat(r.classifierAccuracy()).isGreaterThan(0.95);
        assertThat(r.checks()).hasSize(1);
        assertThat(r.checks().get(0).histogram()).hasSize(10);
        png(r.pngs().get(0));
        assertThat(ImageIO.read(out.resolve("dcgan_progress.gif").toFile())).isNotNull();
    }

    @Test
    void d2ganOptimalDiscriminatorsAsCalculated() {
        D2GanRing.Optimum o = D2GanRing.optimalDiscriminators(0.2, 0.1, 1, QUIET);
        assertThat(D2GanRing.optimumAsCalculated(o, 0.2, 0.1)).as(o.toString()).isTrue();
    }

    @Test
    void d2ganRingCheckSaysWhetherAllModesAreCovered() {
        int[] per = new int[8];
        var all = new GanSupport.Coverage(8, 0.5, per);
        var one = new GanSupport.Coverage(1, 0.4, per);
        assertThat(D2GanRing.ringCheck(new D2GanRing.Ring(all, one, java.util.List.of())))
                .isEqualTo("check: D2GAN covers 8 of 8 modes, the standard GAN 1 -> D2GAN covers all 8 modes, more than"
                        + " the standard GAN");
        assertThat(D2GanRing.ringCheck(new D2GanRing.Ring(all, all, java.util.List.of())))
                .endsWith("and so does the standard GAN");
        assertThat(D2GanRing.ringCheck(new D2GanRing.Ring(one, one, java.util.List.of())))
                .startsWith("check: D2GAN covers 1 of 8 modes, the standard GAN 1 -> not as the paper");
    }

    @Tag("slow")
    @Test
    void d2ganRingRunsBesideTheStandardGan() throws IOException {
        D2GanRing.Ring r = D2GanRing.ring(5, 1, QUIET, out);
        assertThat(r.d2gan().perMode()).hasSize(8);
        for (Path p : r.pngs()) {
            png(p);
        }
    }

    @Tag("slow")
    @Test
    void lsganAndWganRunWithTheirChecks() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        var r = LsganWganMnist.run(1, 256, 1, new PrintStream(buf, true, StandardCharsets.UTF_8), out);
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("-> as calculated");
        assertThat(r.get(1).maxCriticWeight()).isLessThanOrEqualTo(0.01 + 1e-7);
        png(r.get(0).png());
        png(r.get(1).png());
    }
}
