package jgrad.samples.autoencoder;

import java.io.PrintStream;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.SymbolicTensor;
import jgrad.nn.layers.Dense;
import jgrad.nn.optimizers.Adam;
import jgrad.samples.SampleData;

/**
 * Notes 002, 5.2: the linear autoencoder 5-2-5 ({@code Dense(2, 'linear')}, {@code Dense(5,
 * 'linear')}, 27 parameters) on the first five standardised breast-cancer features, beside PCA:
 * it reaches PCA's best rank-2 error (0.1613, SEEDS-4-8), its decoder spans PCA's top-2
 * subspace (principal angles near 0), and its weights are not orthonormal ("nearly PCA, but the
 * components are not orthogonal").
 */
public final class LinearAutoencoder {
    private LinearAutoencoder() {}

    record Result(long params, double[] eigenvalues, double pcaMse, double aeMse, double[] anglesDegrees,
            double orthonormalityGap, String summary) {}

    static Result run(int epochs, long seed, PrintStream out) {
        Layer.resetNames();
        Rng.setGlobalSeed(seed);
        Tensor all = SampleData.breastCancer().data().x();
        Tensor x5 = all.slice(1, 0, 5);
        Tensor x = AeSupport.standardize(x5, x5);
        out.printf(Locale.ROOT, "Breast cancer: %d samples, the first 5 features (mean radius, texture, perimeter, area,"
                + " smoothness), standardised%n%n", x.dim(0));

        Pca pca = Pca.fit(x, 2);
        double[] all5 = Pca.jacobi(covariance(x))[0][0];
        out.print("PCA eigenvalues:");
        for (double e : all5) {
            out.printf(Locale.ROOT, " %.4f", e);
        }
        double pcaMse = pca.mse(x);
        out.printf(Locale.ROOT, "%nPCA rank-2 reconstruction MSE: %.4f (SEEDS-4-8: 0.1613)%n%n", pcaMse);

        // The note's code.
        SymbolicTensor inputs = Input.of(5);
        Dense encoderLayer = new Dense(2, "linear");
        Dense decoderLayer = new Dense(5, "linear");
        SymbolicTensor encoded = encoderLayer.call(inputs);
        SymbolicTensor decoded = decoderLayer.call(encoded);
        Model autoencoder = Model.of(inputs, decoded, "autoencoder");
        Model encoder = Model.of(inputs, encoded, "encoder");
        // The note compiles with 'adam' (learning rate 1e-3); 1e-2 gets there in fewer epochs.
        autoencoder.compile(new Adam(0.01), "mse");
        String summary = autoencoder.summaryString();
        out.print(summary);
        out.println();
        autoencoder.fit(x, x, FitOptions.builder().epochs(epochs).batchSize(32).seed(seed).verbose(0).output(out)
                .build());
        double aeMse = Pca.mse(x, autoencoder.predict(x, 569));
        out.printf(Locale.ROOT, "Linear autoencoder after %d epochs (Adam 0.01, batch 32): MSE %.4f; PCA rank 2: %.4f%n",
                epochs, aeMse, pcaMse);
        Tensor codes = encoder.predict(x, 569);
        out.printf(Locale.ROOT, "The encoder alone (a model sharing the first Dense): codes %s%n", codes.shape());

        // Decoder columns span the same plane as PCA's top-2 components?
        double[][] w2 = decoderLayer.kernel().value().toDoubleArray2D(); // [2, 5]
        double[][] dec = new double[5][2];
        for (int i = 0; i < 5; i++) {
            dec[i][0] = w2[0][i];
            dec[i][1] = w2[1][i];
        }
        double[] angles = principalAngles(dec, pca.components);
        out.printf(Locale.ROOT, "Principal angles between the decoder's columns and PCA's plane: %.3f and %.3f degrees%n",
                angles[0], angles[1]);
        double[][] gram = new double[2][2];
        double gap = 0;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < 5; i++) {
                    gram[a][b] += dec[i][a] * dec[i][b];
                }
                gap = Math.max(gap, Math.abs(gram[a][b] - (a == b ? 1 : 0)));
            }
        }
        out.printf(Locale.ROOT, "Decoder W W^T = [[%.3f, %.3f], [%.3f, %.3f]]: not orthonormal (max |W W^T - I| = %.3f),"
                + " unlike PCA's components%n", gram[0][0], gram[0][1], gram[1][0], gram[1][1], gap);
        return new Result(autoencoder.countParams(), all5, pcaMse, aeMse, angles, gap, summary);
    }

    private static double[][] covariance(Tensor x) {
        Tensor c = x.cast(jgrad.core.DType.FLOAT64);
        c = c.sub(c.mean(0));
        return c.matmul(c, true, false).mul(1.0 / x.dim(0)).toDoubleArray2D();
    }

    /** Principal angles (degrees) between the column spaces of two d x k matrices. */
    static double[] principalAngles(double[][] a, double[][] b) {
        double[][] qa = orthonormal(a);
        double[][] qb = orthonormal(b);
        int k = qa[0].length;
        double[][] m = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                for (int r = 0; r < qa.length; r++) {
                    m[i][j] += qa[r][i] * qb[r][j];
                }
            }
        }
        double[][] mtm = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                for (int r = 0; r < k; r++) {
                    mtm[i][j] += m[r][i] * m[r][j];
                }
            }
        }
        double[] s2 = Pca.jacobi(mtm)[0][0];
        double[] out = new double[k];
        for (int i = 0; i < k; i++) {
            double c = Math.min(1, Math.sqrt(Math.max(0, s2[i])));
            out[i] = Math.toDegrees(Math.acos(c));
        }
        return out;
    }

    private static double[][] orthonormal(double[][] a) {
        int d = a.length;
        int k = a[0].length;
        double[][] q = new double[d][k];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < d; i++) {
                q[i][j] = a[i][j];
            }
            for (int p = 0; p < j; p++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += q[i][j] * q[i][p];
                }
                for (int i = 0; i < d; i++) {
                    q[i][j] -= dot * q[i][p];
                }
            }
            double n = 0;
            for (int i = 0; i < d; i++) {
                n += q[i][j] * q[i][j];
            }
            n = Math.sqrt(n);
            for (int i = 0; i < d; i++) {
                q[i][j] /= n;
            }
        }
        return q;
    }

    public static void main(String[] args) {
        AeSupport.Options o = AeSupport.parse("ae-linear", args);
        run(o.epochs(150, 60), o.seed(), System.out);
    }
}
