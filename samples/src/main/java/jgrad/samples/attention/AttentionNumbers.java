package jgrad.samples.attention;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.inspect.Graph;
import jgrad.nn.layers.attention.SinePositionEncoding;
import jgrad.ops.nn.ScaledDotProductAttention;
import jgrad.samples.Args;

/**
 * Note 002, sections 6.4-6.5, the worked numbers of SEEDS-4-8: the sinusoidal position encoding at
 * d = 4 (eqs. 6.3-6.4), parameter-free self-attention on X = [[1,0],[0,1],[1,1]] (A = softmax(X
 * X^T), Z = A X, eqs. 6.5-6.8) and scaled dot-product attention with Q = K = V = X, d_k = 2 (eq.
 * 6.12), each computed by jgrad's layer or fused op and checked against the note's values (the
 * sample fails if one is off by more than half a unit in the last printed digit). Then the tape of
 * one attention head, {@code L = sum(softmax(X Wq (X Wk)^T / sqrt(d_k)) X Wv * G)}, as an HTML
 * page (with --out DIR): the forward graph and the backward pass, where the softmax's gradient
 * {@code A (g - rowsum(g A))} flows back into both the queries and the keys.
 */
public final class AttentionNumbers {
    private AttentionNumbers() {}

    static final double[][] X = {{1, 0}, {0, 1}, {1, 1}};
    static final double[][] PE = {{0.841471, 0.540302, 0.010000, 0.999950}, {0.909297, -0.416147, 0.019999, 0.999800}};
    static final double[] A = {.4223, .1554, .4223, .1554, .4223, .4223, .2119, .2119, .5761};
    static final double[] Z = {.8446, .5777, .5777, .8446, .7881, .7881};
    static final double[] A_SCALED = {.4011, .1978, .4011, .1978, .4011, .4011, .2483, .2483, .5035};

    /** What the sample computed, for its test. */
    record Result(double[][] pe, double[] a, double[] z, double[] aScaled, double[] zScaled, Graph head) {}

    public static void main(String[] args) {
        run(System.out, Args.parse("attention-numbers", args, "out=").outDirOrNull());
    }

    static Result run(PrintStream out, Path outDir) {
        out.println("Positional encoding, d = 4 (eqs. 6.3-6.4), PE(pos, 2i) = sin(pos / 10000^(2i/d)),"
                + " PE(pos, 2i+1) = cos(...):");
        Tensor pe = SinePositionEncoding.encoding(3, 4, 10000, DType.FLOAT64);
        double[][] rows = pe.toDoubleArray2D();
        for (int pos = 0; pos < 3; pos++) {
            out.println("  pos " + pos + ": " + fmt(rows[pos], 6));
        }
        check("PE(1)", rows[1], PE[0], 5e-7);
        check("PE(2)", rows[2], PE[1], 5e-7);
        Tensor x = Tensor.of(X);
        // Parameter-free self-attention: omega = X X^T (no scaling), A = softmax, Z = A X.
        Tensor aw = ScaledDotProductAttention.referenceWeights(x, x, null, false, 1.0);
        Tensor z = ScaledDotProductAttention.scaledDotProductAttention(x, x, x, null, false, 0, null, 1.0);
        out.println("Parameter-free self-attention on X = [[1,0],[0,1],[1,1]] (eqs. 6.5-6.8):");
        out.println("  A = " + matrix(aw.toDoubleArray(), 3));
        out.println("  Z = A X = " + matrix(z.toDoubleArray(), 2));
        check("A", aw.toDoubleArray(), A, 5e-5);
        check("Z", z.toDoubleArray(), Z, 5e-5);
        Tensor as = ScaledDotProductAttention.referenceWeights(x, x, null, false, Double.NaN);
        Tensor zs = ScaledDotProductAttention.scaledDotProductAttention(x, x, x, null, false);
        out.println("Scaled dot-product attention, Q = K = V = X, d_k = 2 (eq. 6.12): softmax(Q K^T / sqrt 2):");
        out.println("  A = " + matrix(as.toDoubleArray(), 3));
        out.println("  Attention = A V = " + matrix(zs.toDoubleArray(), 2));
        check("scaled A", as.toDoubleArray(), A_SCALED, 5e-5);
        double[] rowSums = as.sum(1).toDoubleArray();
        check("row sums", rowSums, new double[] {1, 1, 1}, 1e-12);
        out.println("  every row of A sums to 1; the fused op (which never forms A) gives the same A V: OK");
        Graph head = headGraph();
        if (outDir != null) {
            out.println("saved " + head.writeHtml(outDir.resolve("attention-head-graph.html"),
                    "One attention head on the tape: where the softmax's gradient goes"));
        }
        out.println("all numbers match the note");
        return new Result(rows, aw.toDoubleArray(), z.toDoubleArray(), as.toDoubleArray(), zs.toDoubleArray(), head);
    }

    /** One head written with matmul and softmax, so each step is a node of the tape. */
    static Graph headGraph() {
        Tensor x = Tensor.of(X);
        Tensor wq = Tensor.of(new double[][] {{1, 0.5}, {-0.5, 1}});
        Tensor wk = Tensor.of(new double[][] {{0.5, 1}, {1, -1}});
        Tensor wv = Tensor.of(new double[][] {{1, 2}, {0, 1}});
        Tensor g = Tensor.of(new double[][] {{1, 0}, {0, 1}, {1, -1}});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(wq, wk, wv);
            Tensor q = x.matmul(wq);
            Tensor k = x.matmul(wk);
            Tensor v = x.matmul(wv);
            Tensor s = q.matmul(k, false, true).mul(1 / Math.sqrt(2));
            Tensor a = s.softmax(-1);
            Tensor zz = a.matmul(v);
            Tensor loss = zz.mul(g).sum();
            return Graph.builder(tape).name(x, "X").name(wq, "W_Q").name(wk, "W_K").name(wv, "W_V").name(q, "Q")
                    .name(k, "K").name(v, "V").name(s, "S = QK^T/sqrt(d_k)").name(a, "A = softmax(S)")
                    .name(zz, "Z = A V").name(loss, "L").output(loss).build().backward(loss);
        }
    }

    private static void check(String what, double[] got, double[] want, double tol) {
        for (int i = 0; i < want.length; i++) {
            if (!(Math.abs(got[i] - want[i]) <= tol)) {
                throw new IllegalStateException(what + " entry " + i + " is " + got[i] + ", the note says " + want[i]);
            }
        }
    }

    private static String fmt(double[] v, int digits) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%." + digits + "f", v[i]));
        }
        return sb.append(']').toString();
    }

    private static String matrix(double[] v, int cols) {
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < v.length / cols; r++) {
            double[] row = new double[cols];
            System.arraycopy(v, r * cols, row, 0, cols);
            sb.append(r > 0 ? ", " : "").append(fmt(row, 4));
        }
        return sb.append(']').toString();
    }
}
