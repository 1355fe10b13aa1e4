package jgrad.nn.unsupervised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import org.junit.jupiter.api.Test;

/**
 * Hebb, Oja, instar, outstar and competitive learning against the hand computations of
 * SEEDS-4-8 section B (Hagan's banana associator, orange recogniser and six-vector example).
 */
class ClassicRulesTest {
    private static final Tensor ONE = Tensor.of(new double[] {1});

    /** The banana associator: a = hardlim(p0 + w p - 0.5), p = 1, p0 = 0, 1, 0, 1, ... */
    private static double[] banana(double decay, int steps) {
        Hebb hebb = new Hebb(1, 1, 1, decay);
        Associator net = new Associator(hebb, Tensor.of(new double[][] {{1}}), Tensor.of(new double[] {-0.5}),
                Associator.Transfer.HARDLIM);
        double[] w = new double[steps];
        for (int q = 0; q < steps; q++) {
            net.present(Tensor.of(new double[] {q % 2}), ONE);
            w[q] = hebb.weights().item();
        }
        return w;
    }

    @Test
    void hebbBananaAssociatorGrowsByOneEachStep() {
        assertThat(banana(0, 6)).containsExactly(0, 1, 2, 3, 4, 5);
        // Smell alone (p0 = 0) answers from step 3 on: after step 2, w = 1 and hardlim(1 - 0.5) = 1.
        Hebb hebb = new Hebb(1, 1, 1);
        Associator net = new Associator(hebb, Tensor.of(new double[][] {{1}}), Tensor.of(new double[] {-0.5}),
                Associator.Transfer.HARDLIM);
        net.present(Tensor.of(new double[] {0}), ONE);
        assertThat(net.respond(Tensor.of(new double[] {0}), ONE).item()).isZero();
        net.present(Tensor.of(new double[] {1}), ONE);
        assertThat(net.respond(Tensor.of(new double[] {0}), ONE).item()).isEqualTo(1);
    }

    @Test
    void hebbWithDecayApproachesAlphaOverGamma() {
        double[] w = banana(0.1, 30);
        assertThat(w[0]).isZero();
        assertThat(w[1]).isEqualTo(1, within(1e-12));
        assertThat(w[2]).isEqualTo(1.9, within(1e-12));
        assertThat(w[3]).isEqualTo(2.71, within(1e-12));
        assertThat(w[4]).isEqualTo(3.439, within(1e-12));
        assertThat(w[5]).isEqualTo(4.0951, within(1e-12));
        assertThat(w[9]).isEqualTo(6.1258, within(1e-4));
        assertThat(w[29]).isEqualTo(9.529, within(1e-3));
        assertThat(w[29]).isEqualTo(10 * (1 - Math.pow(0.9, 29)), within(1e-12));
    }

    @Test
    void ojaOneStepByHandAndPc1OfKnownCovariance() {
        Oja oja = new Oja(2, 0.1);
        oja.setWeights(Tensor.of(new double[][] {{1, 0}}));
        oja.update(Tensor.of(new double[] {1}), Tensor.of(new double[] {1, 1}));
        // w + eta y (p - y w) = [1, 0] + 0.1 ([1, 1] - [1, 0])
        assertThat(oja.weights().toDoubleArray()).containsExactly(new double[] {1, 0.1}, within(1e-15));

        // Centred data stretched along (1, 1)/sqrt 2 (variance 9) and across it (variance 1).
        Rng r = new Rng(3);
        int n = 400;
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
            double a = 3 * r.nextGaussian();
            double b = r.nextGaussian();
            x[i][0] = (a + b) / Math.sqrt(2);
            x[i][1] = (a - b) / Math.sqrt(2);
        }
        Oja pc = new Oja(2, 0.0005);
        History h = pc.fit(Tensor.of(x), FitOptions.builder().epochs(60).seed(1).verbose(0).build());
        double[] w = pc.weights().toDoubleArray();
        assertThat(Math.hypot(w[0], w[1])).isEqualTo(1, within(0.01));
        // The sample's own first principal component, by power iteration on its covariance.
        double[][] c = new double[2][2];
        for (double[] row : x) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    c[i][j] += row[i] * row[j] / n;
                }
            }
        }
        double[] v = {1, 0};
        for (int it = 0; it < 200; it++) {
            double[] nv = {c[0][0] * v[0] + c[0][1] * v[1], c[1][0] * v[0] + c[1][1] * v[1]};
            double norm = Math.hypot(nv[0], nv[1]);
            v = new double[] {nv[0] / norm, nv[1] / norm};
        }
        assertThat(Math.abs(v[0] + v[1]) / Math.sqrt(2)).isGreaterThan(0.99);
        assertThat(Math.abs(w[0] * v[0] + w[1] * v[1]) / Math.hypot(w[0], w[1])).isGreaterThan(0.9995);
        assertThat(h.last("weight_norm")).isEqualTo(pc.weightNorm());

        // Plain Hebb on the same data grows without bound.
        Hebb hebb = new Hebb(1, 2, 0.002);
        hebb.setWeights(Tensor.of(new double[][] {{0.1, 0.1}}));
        hebb.fit(Tensor.of(x), FitOptions.builder().epochs(30).seed(1).verbose(0).build());
        assertThat(hebb.weightNorm()).isGreaterThan(1e6);
    }

    @Test
    void sangerFindsTheComponentsInOrder() {
        Sanger one = new Sanger(2, 2, 0.1, 0);
        one.setWeights(Tensor.of(new double[][] {{1, 0}, {0, 1}}));
        one.update(Tensor.of(new double[] {1, 2}), Tensor.of(new double[] {1, 2}));
        // y p^T = [[1 2] [2 4]]; LT(y y^T) = [[1 0] [2 4]]; LT W = [[1 0] [2 4]]; W + 0.1 (difference)
        assertThat(one.weights().toDoubleArray()).containsExactly(new double[] {1, 0.2, 0, 1}, within(1e-15));

        Rng r = new Rng(7);
        int n = 500;
        double[][] x = new double[n][3];
        for (int i = 0; i < n; i++) {
            // Independent axes with variances 9, 4 and 0.25, rotated by 30 degrees in the first plane.
            double a = 3 * r.nextGaussian();
            double b = 2 * r.nextGaussian();
            x[i][0] = a * Math.cos(Math.PI / 6) - b * Math.sin(Math.PI / 6);
            x[i][1] = a * Math.sin(Math.PI / 6) + b * Math.cos(Math.PI / 6);
            x[i][2] = 0.5 * r.nextGaussian();
        }
        Sanger gha = new Sanger(2, 3, 0.001, 1);
        gha.fit(Tensor.of(x), FitOptions.builder().epochs(40).seed(2).verbose(0).build());
        double[][] w = gha.weights().toDoubleArray2D();
        double[][] pcs = {{Math.cos(Math.PI / 6), Math.sin(Math.PI / 6), 0}, {-Math.sin(Math.PI / 6),
            Math.cos(Math.PI / 6), 0}};
        for (int k = 0; k < 2; k++) {
            double dot = 0;
            double norm = 0;
            for (int j = 0; j < 3; j++) {
                dot += w[k][j] * pcs[k][j];
                norm += w[k][j] * w[k][j];
            }
            assertThat(Math.sqrt(norm)).as("row %d's norm", k).isEqualTo(1, within(0.02));
            assertThat(Math.abs(dot) / Math.sqrt(norm)).as("row %d against PC%d", k, k + 1).isGreaterThan(0.99);
        }
    }

    @Test
    void instarOrangeRecogniser() {
        Instar instar = new Instar(1, 3, 1);
        Associator net = new Associator(instar, Tensor.of(new double[][] {{3}}), Tensor.of(new double[] {-2}),
                Associator.Transfer.HARDLIM);
        Tensor p = Tensor.of(new double[] {1, -1, -1});
        assertThat(net.present(Tensor.of(new double[] {0}), p).item()).isZero();
        assertThat(instar.weights().toDoubleArray()).containsExactly(0, 0, 0);
        assertThat(net.present(Tensor.of(new double[] {1}), p).item()).isEqualTo(1);
        assertThat(instar.weights().toDoubleArray()).containsExactly(1, -1, -1);
        // The measurements alone now make it fire: 3 - 2 >= 0.
        assertThat(net.present(Tensor.of(new double[] {0}), p).item()).isEqualTo(1);
        assertThat(instar.weights().toDoubleArray()).containsExactly(1, -1, -1);
    }

    @Test
    void outstarRecallsThePatternItWasPairedWith() {
        Outstar outstar = new Outstar(3, 1, 0.5);
        Associator net = new Associator(outstar, Tensor.eye(DType.FLOAT64, 3), Tensor.zeros(DType.FLOAT64, 3),
                Associator.Transfer.SATLINS);
        Tensor measured = Tensor.of(new double[] {-1, -1, 1});
        // Paired twice: w = 0.5 a, then 0.75 a (w_j += alpha (a - w_j) p_j).
        net.present(measured, ONE);
        assertThat(outstar.weights().toDoubleArray()).containsExactly(-0.5, -0.5, 0.5);
        net.present(measured, ONE);
        assertThat(outstar.weights().toDoubleArray()).containsExactly(-0.75, -0.75, 0.75);
        // An absent stimulus (p = 0) changes nothing.
        outstar.update(measured, Tensor.of(new double[] {0}));
        assertThat(outstar.weights().toDoubleArray()).containsExactly(-0.75, -0.75, 0.75);
        for (int i = 0; i < 20; i++) {
            net.present(measured, ONE);
        }
        assertThat(net.respond(Tensor.zeros(DType.FLOAT64, 3), ONE).toDoubleArray()).containsExactly(
                new double[] {-1, -1, 1}, within(1e-6));
    }

    static final double[][] SIX = {
        {-1 / Math.sqrt(26), 5 / Math.sqrt(26)}, {1 / Math.sqrt(26), 5 / Math.sqrt(26)},
        {5 / Math.sqrt(26), 1 / Math.sqrt(26)}, {5 / Math.sqrt(26), -1 / Math.sqrt(26)},
        {-5 / Math.sqrt(74), -7 / Math.sqrt(74)}, {-7 / Math.sqrt(74), -5 / Math.sqrt(74)}
    };
    static final double[][] W0 = {{.7071, -.7071}, {.7071, .7071}, {-1, 0}};

    @Test
    void competitiveSixVectorExample() {
        CompetitiveLayer layer = CompetitiveLayer.builder(3, 2).learningRate(0.5)
                .similarity(CompetitiveLayer.Similarity.DOT).build();
        layer.setWeights(Tensor.of(W0));
        Tensor p2 = Tensor.of(SIX[1]);
        assertThat(layer.net(p2).toDoubleArray()).containsExactly(new double[] {-0.5547, 0.8320, -0.1961},
                within(1e-4));
        layer.learn(p2);
        assertThat(layer.wins()).containsExactly(0, 1, 0);
        assertThat(layer.weights().slice(0, 1, 2).toDoubleArray()).containsExactly(new double[] {0.4516, 0.8438},
                within(1e-4));
        // The other rows did not move.
        assertThat(layer.weights().slice(0, 0, 1).toDoubleArray()).containsExactly(.7071, -.7071);
        layer.fit(Tensor.of(SIX), FitOptions.builder().epochs(10).shuffle(false).verbose(0).build());
        assertThat(layer.predict(Tensor.of(SIX)).toLongArray()).containsExactly(1, 1, 0, 0, 2, 2);
    }

    @Test
    void aDeadUnitNeverWinsUnlessItHasAConscience() {
        Rng r = new Rng(5);
        double[][] x = new double[90][2];
        for (int i = 0; i < 90; i++) {
            double cx = i % 3 * 4;
            x[i][0] = cx + 0.3 * r.nextGaussian();
            x[i][1] = 0.3 * r.nextGaussian();
        }
        double[][] start = {{0, 0}, {8, 0}, {10, 10}};
        CompetitiveLayer plain = CompetitiveLayer.builder(3, 2).learningRate(0.1).build();
        plain.setWeights(Tensor.of(start));
        plain.fit(Tensor.of(x), FitOptions.builder().epochs(10).seed(0).verbose(0).build());
        assertThat(plain.wins()[2]).isZero();
        assertThat(plain.deadUnits(Tensor.of(x))).isEqualTo(1);

        CompetitiveLayer fair = CompetitiveLayer.builder(3, 2).learningRate(0.1).conscience(0.01, 200).build();
        fair.setWeights(Tensor.of(start));
        fair.fit(Tensor.of(x), FitOptions.builder().epochs(10).seed(0).verbose(0).build());
        assertThat(fair.wins()[2]).isPositive();
        assertThat(fair.deadUnits(Tensor.of(x))).isZero();
        long[] labels = new long[90];
        for (int i = 0; i < 90; i++) {
            labels[i] = i % 3;
        }
        assertThat(fair.purity(Tensor.of(x), Tensor.of(labels))).isEqualTo(1.0);
        assertThat(plain.purity(Tensor.of(x), Tensor.of(labels))).isLessThan(0.7);
    }

    @Test
    void fitPrintsAProgressLineAndRecordsHistory() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompetitiveLayer layer = CompetitiveLayer.builder(3, 2).learningRate(0.5).build();
        History h = layer.fit(Tensor.of(SIX), FitOptions.builder().epochs(2).seed(0).verbose(1)
                .output(new PrintStream(bytes, true, StandardCharsets.UTF_8)).build());
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertThat(s).contains("Epoch 1/2", "Epoch 2/2", "6/6 - ", " - inertia: ", " - dead_units: ");
        assertThat(h.get("inertia")).hasSize(2);
        assertThat(h.epochs()).containsExactly(0, 1);
    }

    @Test
    void badArgumentsAreClearErrors() {
        assertThatThrownBy(() -> new Hebb(0, 2, 1)).hasMessageContaining("Hebb: units must be >= 1, got 0");
        assertThatThrownBy(() -> new Hebb(1, 2, 0)).hasMessageContaining("Hebb: learningRate must be > 0, got 0");
        assertThatThrownBy(() -> new Hebb(1, 2, 1, 1)).hasMessageContaining("decay must be in [0, 1)");
        assertThatThrownBy(() -> new Oja(2, -1)).hasMessageContaining("Oja: learningRate must be > 0");
        assertThatThrownBy(() -> new Instar(1, 3, 0)).hasMessageContaining("Instar: learningRate must be > 0");
        assertThatThrownBy(() -> new Oja(2, 0.1).fit(Tensor.zeros(5, 3), FitOptions.builder().verbose(0).build()))
                .hasMessageContaining("Oja.fit: x must be [samples, 2]").hasMessageContaining("got [5, 3]");
        assertThatThrownBy(() -> new Instar(1, 3, 1).update(Tensor.of(new double[] {1}), Tensor.ones(2)))
                .hasMessageContaining("Instar.update: p must hold 3 values");
        assertThatThrownBy(() -> CompetitiveLayer.builder(3, 2).learningRate(1.5).build())
                .hasMessageContaining("learningRate must be in (0, 1]");
        assertThatThrownBy(() -> CompetitiveLayer.builder(3, 2).build().predict(Tensor.zeros(1, 2)))
                .hasMessageContaining("CompetitiveLayer.predict: the weights are not set");
        assertThatThrownBy(() -> CompetitiveLayer.builder(3, 2).build().setWeights(Tensor.zeros(2, 2)))
                .hasMessageContaining("weights must be [3, 2] (units, inputs), got [2, 2]");
    }
}
