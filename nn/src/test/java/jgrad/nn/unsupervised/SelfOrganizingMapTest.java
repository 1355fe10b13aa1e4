package jgrad.nn.unsupervised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.plot.HeatMap;
import jgrad.nn.plot.NetPlot;
import jgrad.nn.unsupervised.SelfOrganizingMap.Neighborhood;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SOM's update, batch update, measures and pictures on cases small enough to do by hand. */
class SelfOrganizingMapTest {
    private static FitOptions once() {
        return FitOptions.builder().epochs(1).shuffle(false).verbose(0).build();
    }

    @Test
    void oneOnlineStepByHand() {
        SelfOrganizingMap som = SelfOrganizingMap.builder(1, 3, 1).sigma(1, 1).learningRate(0.5, 0.5).build();
        som.setWeights(Tensor.of(new double[][] {{0}, {1}, {2}}));
        som.fit(Tensor.of(new double[][] {{2.2}}), once());
        // BMU 2; h = exp(-d^2 / 2) for d = 2, 1, 0; w_i += 0.5 h_i (2.2 - w_i).
        assertThat(som.weights().toDoubleArray()).containsExactly(new double[] {
            0.5 * Math.exp(-2) * 2.2, 1 + 0.5 * Math.exp(-0.5) * 1.2, 2.1}, within(1e-12));
        assertThat(som.steps()).isEqualTo(1);
    }

    @Test
    void bubbleNeighbourhoodMovesOnlyUnitsWithinSigma() {
        SelfOrganizingMap som = SelfOrganizingMap.builder(1, 4, 1).neighborhood(Neighborhood.BUBBLE).sigma(1, 1)
                .learningRate(1, 1).build();
        som.setWeights(Tensor.of(new double[][] {{0}, {1}, {2}, {3}}));
        som.fit(Tensor.of(new double[][] {{0.9}}), once());
        assertThat(som.weights().toDoubleArray()).containsExactly(new double[] {0.9, 0.9, 0.9, 3}, within(1e-12));
    }

    @Test
    void batchStepIsTheNeighbourhoodWeightedMean() {
        SelfOrganizingMap som = SelfOrganizingMap.builder(1, 2, 1).batch(true).neighborhood(Neighborhood.BUBBLE)
                .sigma(0.5, 0.5).build();
        som.setWeights(Tensor.of(new double[][] {{0}, {4}}));
        som.fit(Tensor.of(new double[][] {{0}, {1}, {4}}), once());
        assertThat(som.weights().toDoubleArray()).containsExactly(0.5, 4);
        // Gaussian, sigma 1: unit 0 weighs its samples 1, 1 and the far one exp(-1/2).
        SelfOrganizingMap g = SelfOrganizingMap.builder(1, 2, 1).batch(true).sigma(1, 1).build();
        g.setWeights(Tensor.of(new double[][] {{0}, {4}}));
        g.fit(Tensor.of(new double[][] {{0}, {1}, {4}}), once());
        double e = Math.exp(-0.5);
        assertThat(g.weights().toDoubleArray()).containsExactly(new double[] {(0 + 1 + 4 * e) / (2 + e),
            (e * 0 + e * 1 + 4) / (2 * e + 1)}, within(1e-12));
    }

    @Test
    void decaySchedules() {
        SelfOrganizingMap lin = SelfOrganizingMap.builder(2, 2, 1).sigma(3, 0.5).learningRate(0.5, 0.01).build();
        assertThat(lin.sigma(0)).isEqualTo(3);
        assertThat(lin.sigma(0.5)).isEqualTo(1.75);
        assertThat(lin.learningRate(1)).isEqualTo(0.01, within(1e-15));
        SelfOrganizingMap exp = SelfOrganizingMap.builder(2, 2, 1).sigma(4, 1)
                .decay(SelfOrganizingMap.Decay.EXPONENTIAL).build();
        assertThat(exp.sigma(0.5)).isEqualTo(2, within(1e-12));
    }

    @Test
    void measuresByHand() {
        SelfOrganizingMap som = SelfOrganizingMap.builder(1, 3, 1).build();
        som.setWeights(Tensor.of(new double[][] {{0}, {5}, {1}}));
        Tensor x = Tensor.of(new double[][] {{0.4}, {5}});
        assertThat(som.predict(x).toLongArray()).containsExactly(0, 1);
        assertThat(som.quantizationError(x)).isEqualTo(0.2, within(1e-12));
        // 0.4: best unit 0, second unit 2, two cells apart: an error; 5: units 1 and 2 touch.
        assertThat(som.topographicError(x)).isEqualTo(0.5);
        // U-matrix: mean distance to the grid neighbours: [5, (5 + 4) / 2, 4].
        assertThat(som.uMatrix().toDoubleArray()).containsExactly(new double[] {5, 4.5, 4}, within(1e-12));
        assertThat(som.hitMap(x).toDoubleArray()).containsExactly(1, 1, 0);
        assertThat(som.componentPlane(0).toDoubleArray()).containsExactly(0, 5, 1);
        assertThat(som.winnerCoordinates(x).toLongArray()).containsExactly(0, 0, 0, 1);
        SelfOrganizingMap.LabelMap lm = som.labelMap(x, Tensor.of(new long[] {2, 1}));
        assertThat(lm.majority()).containsExactly(2, 1, -1);
        assertThat(som.majorityVoteAccuracy(x, Tensor.of(new long[] {2, 1}))).isEqualTo(1.0);
    }

    @Test
    void hexagonalGridHasSixNeighboursAndItsOwnTopographicRule() {
        SelfOrganizingMap hex = SelfOrganizingMap.builder(3, 3, 1).hexagonal().build();
        double[] pos = hex.positions().toDoubleArray();
        // Unit 4 (row 1, col 1) sits at (1.5, sqrt(3)/2): six units at distance 1.
        int near = 0;
        for (int u = 0; u < 9; u++) {
            double d = Math.hypot(pos[2 * u] - 1.5, pos[2 * u + 1] - Math.sqrt(3) / 2);
            near += Math.abs(d - 1) < 1e-9 ? 1 : 0;
        }
        assertThat(near).isEqualTo(6);
        // U-matrix of the centre unit averages over its six neighbours.
        double[][] w = new double[9][1];
        for (int u = 0; u < 9; u++) {
            w[u][0] = u == 4 ? 0 : 6;
        }
        hex.setWeights(Tensor.of(w));
        assertThat(hex.uMatrix().getDouble(1, 1)).isEqualTo(6, within(1e-12));
        // Units 0 and 4 touch on a hexagonal grid (row 0 col 0 and row 1 col 1? no: row 1 col 0 and col 1 touch 0... )
        SelfOrganizingMap line = SelfOrganizingMap.builder(2, 2, 1).hexagonal().build();
        // Row 0: (0, 0), (1, 0); row 1: (0.5, .866), (1.5, .866). Units 0 and 3 are sqrt(3) apart.
        line.setWeights(Tensor.of(new double[][] {{0}, {9}, {9}, {0.1}}));
        assertThat(line.topographicError(Tensor.of(new double[][] {{0.04}}))).isEqualTo(1.0);
        SelfOrganizingMap rect = SelfOrganizingMap.builder(2, 2, 1).build();
        rect.setWeights(Tensor.of(new double[][] {{0}, {9}, {9}, {0.1}}));
        // On the rectangular grid, diagonal units count as neighbours (MiniSom's sqrt 2 rule).
        assertThat(rect.topographicError(Tensor.of(new double[][] {{0.04}}))).isZero();
    }

    private static Tensor blobs(long seed) {
        Rng r = new Rng(seed);
        double[][] x = new double[120][3];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = (i % 3 == j ? 3 : 0) + 0.5 * r.nextGaussian();
            }
        }
        return Tensor.of(x);
    }

    @Test
    void sameSeedsSameMapAndTheMapOrganises() {
        Tensor x = blobs(1);
        SelfOrganizingMap.Builder b = SelfOrganizingMap.builder(5, 5, 3).sigma(2, 0.5).learningRate(0.5, 0.01).seed(4);
        FitOptions o = FitOptions.builder().epochs(8).seed(9).verbose(0).build();
        SelfOrganizingMap a = b.build();
        History h = a.fit(x, o);
        SelfOrganizingMap c = b.build();
        c.fit(x, o);
        assertThat(a.weights().toDoubleArray()).containsExactly(c.weights().toDoubleArray());
        SelfOrganizingMap other = SelfOrganizingMap.builder(5, 5, 3).sigma(2, 0.5).seed(5).build();
        other.fit(x, o);
        assertThat(other.weights().toDoubleArray()).isNotEqualTo(a.weights().toDoubleArray());
        assertThat(h.get("quantization_error").get(7)).isLessThan(h.get("quantization_error").get(0));
        assertThat(h.last("quantization_error")).isLessThan(0.8);
        assertThat(h.last("sigma")).isEqualTo(0.5, within(1e-12));
        long[] y = new long[120];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 3;
        }
        assertThat(a.majorityVoteAccuracy(x, Tensor.of(y))).isEqualTo(1.0);

        SelfOrganizingMap batch = SelfOrganizingMap.builder(5, 5, 3).batch(true).hexagonal().sigma(2, 0.5).seed(4)
                .build();
        History hb = batch.fit(x, FitOptions.builder().epochs(10).seed(9).verbose(0).build());
        assertThat(hb.last("quantization_error")).isLessThan(hb.get("quantization_error").get(0));
        assertThat(batch.majorityVoteAccuracy(x, Tensor.of(y))).isEqualTo(1.0);
    }

    @Test
    void badInputIsAClearError() {
        assertThatThrownBy(() -> SelfOrganizingMap.builder(0, 10, 4).build())
                .hasMessageContaining("SelfOrganizingMap: rows must be >= 1, got 0");
        assertThatThrownBy(() -> SelfOrganizingMap.builder(10, 0, 4).build())
                .hasMessageContaining("SelfOrganizingMap: cols must be >= 1, got 0");
        assertThatThrownBy(() -> SelfOrganizingMap.builder(10, 10, 4).sigma(0, 0.5).build())
                .hasMessageContaining("SelfOrganizingMap: sigma start must be > 0, got 0");
        assertThatThrownBy(() -> SelfOrganizingMap.builder(10, 10, 4).sigma(3, -1).build())
                .hasMessageContaining("sigma end must be > 0, got -1");
        assertThatThrownBy(() -> SelfOrganizingMap.builder(10, 10, 4).learningRate(0, 0.01).build())
                .hasMessageContaining("SelfOrganizingMap: learningRate start must be > 0, got 0");
        assertThatThrownBy(() -> SelfOrganizingMap.builder(10, 10, 4).learningRate(0.5, Double.NaN).build())
                .hasMessageContaining("learningRate end must be > 0");
        SelfOrganizingMap som = SelfOrganizingMap.builder(10, 10, 4).build();
        assertThatThrownBy(() -> som.fit(Tensor.zeros(150, 3), once()))
                .hasMessageContaining("SelfOrganizingMap.fit: x must be [samples, 4]").hasMessageContaining("[150, 3]");
        assertThatThrownBy(() -> som.predict(Tensor.zeros(2, 4))).hasMessageContaining("no weights yet");
        som.fit(Tensor.ones(DType.FLOAT64, 3, 4), once());
        assertThatThrownBy(() -> som.predict(Tensor.zeros(2, 5)))
                .hasMessageContaining("SelfOrganizingMap.predict: x must be [samples, 4]").hasMessageContaining("[2, 5]");
        assertThatThrownBy(() -> som.componentPlane(4)).hasMessageContaining("feature 4 out of range [0, 4)");
        assertThatThrownBy(() -> som.fit(Tensor.ones(3, 4), FitOptions.builder().epochs(0).build()))
                .hasMessageContaining("epochs must be >= 1, got 0");
    }

    @Test
    void picturesAreWritten(@TempDir Path dir) throws Exception {
        Tensor x = blobs(2);
        SelfOrganizingMap som = SelfOrganizingMap.builder(4, 5, 3).hexagonal().seed(1).build();
        som.fit(x, FitOptions.builder().epochs(2).seed(0).verbose(0).build());
        Path u = HeatMap.of(som.uMatrix()).hexagonal().title("U-matrix").save(dir.resolve("u.png"));
        long[] y = new long[120];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 3;
        }
        SelfOrganizingMap.LabelMap lm = som.labelMap(x, Tensor.of(y));
        Path hits = HeatMap.classes(lm.majorityGrid(), lm.hitGrid()).classNames(List.of("a", "b", "c"))
                .save(dir.resolve("hits.png"));
        Path planes = HeatMap.panels("planes", List.of(HeatMap.of(som.componentPlane(0)),
                HeatMap.of(som.componentPlane(1))), 2, dir.resolve("planes.png"));
        double[][][] nodes = new double[4][5][];
        double[] w = som.weights().toDoubleArray();
        for (int u2 = 0; u2 < 20; u2++) {
            nodes[u2 / 5][u2 % 5] = new double[] {w[3 * u2], w[3 * u2 + 1]};
        }
        Path net = NetPlot.titled("net").net(nodes, true).save(dir.resolve("net.png"));
        for (Path p : List.of(u, hits, planes, net)) {
            assertThat(Files.size(p)).isGreaterThan(500);
        }
        assertThat(HeatMap.viridis(0).getRGB() & 0xffffff).isEqualTo(0x440154);
        assertThat(HeatMap.viridis(1).getRGB() & 0xffffff).isEqualTo(0xfde725);
        assertThatThrownBy(() -> HeatMap.of(new double[0][0])).hasMessageContaining("nothing to draw");
    }
}
