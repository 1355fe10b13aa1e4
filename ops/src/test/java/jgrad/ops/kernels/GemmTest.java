package jgrad.ops.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class GemmTest {
    private static final int[] SIZES = {1, 15, 17, 63, 65};

    @Test
    void vectorMatchesScalarAndReferenceForAllTransposesOnOddSizes() {
        Rng rng = new Rng(11);
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int m : SIZES) {
                for (int n : SIZES) {
                    for (int k : new int[] {1, 17, 65, 300}) {
                        for (int flags = 0; flags < 4; flags++) {
                            boolean ta = (flags & 1) != 0;
                            boolean tb = (flags & 2) != 0;
                            Tensor a = Tensor.randomNormal(rng, dt, 0, 1, ta ? new int[] {k, m} : new int[] {m, k});
                            Tensor b = Tensor.randomNormal(rng, dt, 0, 1, tb ? new int[] {n, k} : new int[] {k, n});
                            check(a, b, ta, tb);
                        }
                    }
                }
            }
        }
    }

    @Test
    void bigProductsTakeTheBlockedPathCorrectly() {
        Rng rng = new Rng(12);
        // 1000 columns and 300 depth cross the packing block sizes (KC, NC) with ragged edges.
        for (int flags = 0; flags < 4; flags++) {
            boolean ta = (flags & 1) != 0;
            boolean tb = (flags & 2) != 0;
            Tensor a = Tensor.randomNormal(rng, 0, 1, ta ? new int[] {300, 130} : new int[] {130, 300});
            Tensor b = Tensor.randomNormal(rng, 0, 1, tb ? new int[] {1000, 300} : new int[] {300, 1000});
            check(a, b, ta, tb);
        }
    }

    @Test
    void stridedAndBroadcastOperandsAreReadInPlace() {
        Rng rng = new Rng(13);
        // Every other column of a wider matrix, and a batch axis broadcast with stride 0.
        Tensor wide = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 20, 34);
        Tensor a = Tensor.view(wide, Shape.of(20, 17), new int[] {34, 2}, 1);
        Tensor b = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 17, 9);
        check(a, b, false, false);
        Tensor batched = Tensor.view(b, Shape.of(4, 17, 9), new int[] {0, 9, 1}, 0);
        Tensor out = Gemm.matmulVector(a, batched, false, false);
        assertThat(out.shape()).isEqualTo(Shape.of(4, 20, 9));
        Tensor single = Gemm.matmulScalar(a, b, false, false);
        for (int t = 0; t < 4; t++) {
            for (int i = 0; i < 20; i++) {
                for (int j = 0; j < 9; j++) {
                    assertThat(out.getDouble(t, i, j)).isCloseTo(single.getDouble(i, j), within(1e-12));
                }
            }
        }
    }

    @Test
    void batchAxesBroadcast() {
        Rng rng = new Rng(14);
        Tensor a = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 2, 1, 3, 4);
        Tensor b = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, 5, 4, 6);
        Tensor c = Gemm.matmul(a, b, false, false);
        assertThat(c.shape()).isEqualTo(Shape.of(2, 5, 3, 6));
        for (int p = 0; p < 2; p++) {
            for (int q = 0; q < 5; q++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 6; j++) {
                        double s = 0;
                        for (int k = 0; k < 4; k++) {
                            s += a.getDouble(p, 0, i, k) * b.getDouble(q, k, j);
                        }
                        assertThat(c.getDouble(p, q, i, j)).isCloseTo(s, within(1e-12));
                    }
                }
            }
        }
    }

    @Test
    void emptyInnerAxisGivesZerosAndEmptyOuterAxesGiveEmptyResults() {
        Tensor c = Gemm.matmulVector(Tensor.zeros(3, 0), Tensor.zeros(0, 4), false, false);
        assertThat(c.shape()).isEqualTo(Shape.of(3, 4));
        assertThat(c.toFloatArray()).containsOnly(0f);
        assertThat(Gemm.matmulVector(Tensor.zeros(0, 5), Tensor.zeros(5, 4), false, false).shape())
                .isEqualTo(Shape.of(0, 4));
    }

    @Test
    void parallelProductGivesTheSameBitsEveryTime() {
        Rng rng = new Rng(15);
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor a = Tensor.randomNormal(rng, dt, 0, 1, 301, 257);
            Tensor b = Tensor.randomNormal(rng, dt, 0, 1, 257, 283);
            Tensor first = Gemm.matmulVector(a, b, false, false);
            for (int r = 0; r < 20; r++) {
                assertThat(Gemm.matmulVector(a, b, false, false).contentEquals(first)).as("run %d", r).isTrue();
            }
            // Split by rows, by columns or not at all: each element is computed the same way.
            Tensor wide = Tensor.randomNormal(rng, dt, 0, 1, 2, 257, 901);
            Tensor one = Gemm.matmulVector(a, wide, false, false);
            for (int r = 0; r < 3; r++) {
                assertThat(Gemm.matmulVector(a, wide, false, false).contentEquals(one)).isTrue();
            }
            check(a, b, false, false);
            // Wider than tall: split by columns; and a skinny MLP shape whose operands are read in place.
            Tensor x = Tensor.randomNormal(rng, dt, 0, 1, 40, 300);
            Tensor y = Tensor.randomNormal(rng, dt, 0, 1, 300, 600);
            Tensor byColumns = Gemm.matmulVector(x, y, false, false);
            Tensor h = Tensor.randomNormal(rng, dt, 0, 1, 64, 784);
            Tensor w = Tensor.randomNormal(rng, dt, 0, 1, 784, 128);
            Tensor skinny = Gemm.matmulVector(h, w, false, false);
            for (int r = 0; r < 5; r++) {
                assertThat(Gemm.matmulVector(x, y, false, false).contentEquals(byColumns)).isTrue();
                assertThat(Gemm.matmulVector(h, w, false, false).contentEquals(skinny)).isTrue();
            }
            check(x, y, false, false);
            check(h, w, false, false);
        }
    }

    @Test
    void epilogueMatchesTheComposedOpsOnEveryPathAndSize() {
        Rng rng = new Rng(16);
        // Sizes reach the tiny (reference), dot-product, row-update and blocked paths, with ragged tiles.
        int[][] shapes = {{3, 5, 4}, {17, 33, 2}, {2, 40, 70}, {65, 300, 17}, {130, 257, 65}, {64, 784, 10}};
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            double tol = dt == DType.FLOAT32 ? 1e-4 : 1e-11;
            for (int[] s : shapes) {
                Tensor a = Tensor.randomNormal(rng, dt, 0, 1, s[0], s[1]);
                Tensor b = Tensor.randomNormal(rng, dt, 0, 0.2, s[1], s[2]);
                Tensor bias = Tensor.randomNormal(rng, dt, 0, 1, s[2]);
                Tensor plain = Gemm.matmulScalar(a, b, false, false);
                for (Epilogue.Activation act : Epilogue.Activation.values()) {
                    Tensor want = act.apply(plain.add(bias));
                    for (boolean vector : new boolean[] {true, false}) {
                        Tensor got = Gemm.matmul(a, b, false, false, Epilogue.of(bias, act), vector);
                        assertThat(got.allClose(want, tol, tol)).as("%s %s %s vector=%s", dt, java.util.Arrays.toString(s),
                                act, vector).isTrue();
                    }
                    // The backward form: (A @ B) * act'(z), given y = act(z).
                    Tensor y = act.apply(Tensor.randomNormal(rng, dt, 0, 1, s[0], s[2]));
                    Tensor wantGrad = act.gradient(plain, y);
                    for (boolean vector : new boolean[] {true, false}) {
                        Tensor got = Gemm.matmul(a, b, false, false, Epilogue.activationGradient(act, y), vector);
                        assertThat(got.allClose(wantGrad, tol, tol)).as("gradient %s %s %s vector=%s", dt,
                                java.util.Arrays.toString(s), act, vector).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void epilogueReadsStridedBiasesAndActivationOutputs() {
        Rng rng = new Rng(17);
        Tensor a = Tensor.randomNormal(rng, 0, 1, 40, 50);
        Tensor b = Tensor.randomNormal(rng, 0, 1, 50, 30);
        Tensor wide = Tensor.randomNormal(rng, 0, 1, 60);
        Tensor bias = wide.slice(0, 0, 60, 2);
        Tensor y = Tensor.randomNormal(rng, 0, 1, 30, 40).sigmoid().transpose();
        Tensor plain = Gemm.matmulScalar(a, b, false, false);
        assertThat(Gemm.matmul(a, b, false, false, Epilogue.bias(bias)).allClose(plain.add(bias), 1e-5, 1e-5)).isTrue();
        assertThat(Gemm.matmul(a, b, false, false, Epilogue.activationGradient(Epilogue.Activation.SIGMOID, y))
                .allClose(plain.mul(y).mul(y.neg().add(1)), 1e-5, 1e-5)).isTrue();
    }

    @Test
    void epilogueOnAnEmptyInnerAxisActsOnZeros() {
        Tensor bias = Tensor.of(new float[] {-1, 0.5f, 2});
        Tensor c = Gemm.matmul(Tensor.zeros(2, 0), Tensor.zeros(0, 3), false, false,
                Epilogue.of(bias, Epilogue.Activation.RELU));
        assertThat(c.toFloatArray()).containsExactly(0, 0.5f, 2, 0, 0.5f, 2);
    }

    @Test
    void epilogueOperandsAreChecked() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(3, 4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Gemm.matmul(a, b, false, false,
                        Epilogue.bias(Tensor.zeros(3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bias must be a float32 vector of 4 entries");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Gemm.matmul(a, b, false, false,
                        Epilogue.activationGradient(Epilogue.Activation.RELU, Tensor.zeros(4, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("activation output must be a float32 tensor of the result's shape [2, 4]");
    }

    @Test
    void batchedProductsWithEpilogueSplitAcrossThreadsDeterministically() {
        Rng rng = new Rng(18);
        Tensor a = Tensor.randomNormal(rng, 0, 1, 3, 150, 129);
        Tensor b = Tensor.randomNormal(rng, 0, 1, 129, 97);
        Tensor bias = Tensor.randomNormal(rng, 0, 1, 97);
        // ReLU is plain arithmetic, so repeats are exact; tanh's vector routine changes (in the last
        // bit) when C2 compiles it, so it repeats to within rounding.
        Epilogue relu = Epilogue.of(bias, Epilogue.Activation.RELU);
        Tensor first = Gemm.matmul(a, b, false, false, relu);
        assertThat(first.allClose(a.matmul(b).add(bias).relu(), 1e-5, 1e-5)).isTrue();
        Epilogue tanh = Epilogue.of(bias, Epilogue.Activation.TANH);
        Tensor firstTanh = Gemm.matmul(a, b, false, false, tanh);
        assertThat(firstTanh.allClose(a.matmul(b).add(bias).tanh(), 1e-5, 1e-5)).isTrue();
        for (int r = 0; r < 10; r++) {
            assertThat(Gemm.matmul(a, b, false, false, relu).contentEquals(first)).isTrue();
            assertThat(Gemm.matmul(a, b, false, false, tanh).allClose(firstTanh, 1e-6, 1e-6)).isTrue();
        }
    }

    @Test
    void everyTransposeOnEveryBlockingEdge() {
        Rng rng = new Rng(19);
        // Depths just past the packed block depth and widths past a panel, for both dtypes.
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int[] s : new int[][] {{13, 513, 33}, {25, 257, 1025}, {121, 64, 16}, {7, 1000, 9}}) {
                for (int flags = 0; flags < 4; flags++) {
                    boolean ta = (flags & 1) != 0;
                    boolean tb = (flags & 2) != 0;
                    Tensor a = Tensor.randomNormal(rng, dt, 0, 1, ta ? new int[] {s[1], s[0]} : new int[] {s[0], s[1]});
                    Tensor b = Tensor.randomNormal(rng, dt, 0, 1, tb ? new int[] {s[2], s[1]} : new int[] {s[1], s[2]});
                    check(a, b, ta, tb);
                }
            }
        }
    }

    private static void check(Tensor a, Tensor b, boolean ta, boolean tb) {
        double[] v = Gemm.matmulVector(a, b, ta, tb).toDoubleArray();
        double[] s = Gemm.matmulScalar(a, b, ta, tb).toDoubleArray();
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        int m = ta ? a.dim(1) : a.dim(0);
        int k = ta ? a.dim(0) : a.dim(1);
        int n = tb ? b.dim(0) : b.dim(1);
        double tol = (a.dtype() == DType.FLOAT32 ? 2e-5 : 1e-12) * Math.sqrt(k);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double ref = 0;
                for (int kk = 0; kk < k; kk++) {
                    ref += (ta ? x[kk * m + i] : x[i * k + kk]) * (tb ? y[j * k + kk] : y[kk * n + j]);
                }
                double bound = tol * (1 + Math.abs(ref));
                if (Math.abs(v[i * n + j] - ref) > bound || Math.abs(s[i * n + j] - ref) > bound) {
                    String what = a.shape() + (ta ? "^T" : "") + " @ " + b.shape() + (tb ? "^T" : "") + " at " + i
                            + "," + j;
                    assertThat(v[i * n + j]).as("vector " + what).isCloseTo(ref, within(bound));
                    assertThat(s[i * n + j]).as("scalar " + what).isCloseTo(ref, within(bound));
                }
            }
        }
    }
}
