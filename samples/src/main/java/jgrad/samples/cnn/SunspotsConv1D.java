package jgrad.samples.cnn;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.Input;
import jgrad.nn.Sequential;
import jgrad.nn.callbacks.EarlyStopping;
import jgrad.nn.data.Csv;
import jgrad.nn.data.CsvTable;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Flatten;
import jgrad.nn.layers.conv.Conv1D;
import jgrad.nn.layers.reshaping.Cropping1D;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.plot.LinePlot;
import jgrad.samples.Args;

/**
 * 1-D convolution for time series (course chapter 5-1): a WaveNet-style stack of causal, dilated
 * Conv1D layers (kernel 2, dilations 1, 2, 4, 8, 16, so the last step sees 32 months) forecasts
 * next month's sunspot number from the previous 32. It predicts the change from this month (the
 * forecast is this month plus the predicted change), so it starts from persistence and learns what
 * to add to it. The first 2,256 months train it, the last 564 test it, one step ahead; its test
 * RMSE is set beside persistence (next month = this month, 20.09) and a linear AR(24) fitted by
 * least squares (18.21), both computed here on the same split.
 */
public final class SunspotsConv1D {
    private SunspotsConv1D() {}

    /** Months used for training; the rest are the test set. */
    static final int TRAIN = 2256;
    /** Months of history in one input window. */
    static final int WINDOW = 32;

    /** The RMSEs and the test forecast. */
    record Result(double persistence, double ar24, double conv, double[] truth, double[] forecast, History history,
            double seconds) {}

    /** The 2,820 monthly values, January 1749 to December 1983. */
    static double[] series() {
        try (InputStream in = SunspotsConv1D.class.getResourceAsStream("/data/timeseries/monthly-sunspots.csv")) {
            if (in == null) {
                throw new IllegalStateException("the samples' data file /data/timeseries/monthly-sunspots.csv is not on"
                        + " the class path; build the samples module (./jgrad build)");
            }
            CsvTable t = Csv.reader().textColumns("Month").read(in, "monthly-sunspots.csv");
            return t.column("Sunspots");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double rmse(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }

    /** Persistence: each test month forecast as the month before it. */
    static double persistence(double[] v) {
        double[] truth = new double[v.length - TRAIN];
        double[] previous = new double[truth.length];
        for (int t = TRAIN; t < v.length; t++) {
            truth[t - TRAIN] = v[t];
            previous[t - TRAIN] = v[t - 1];
        }
        return rmse(truth, previous);
    }

    /**
     * AR(p) with an intercept, fitted by least squares on the training targets (months p to 2,255)
     * through the normal equations, then forecasting each test month from the p months before it.
     */
    static double autoregression(double[] v, int p) {
        int k = p + 1;
        double[][] ata = new double[k][k];
        double[] aty = new double[k];
        double[] row = new double[k];
        for (int t = p; t < TRAIN; t++) {
            lags(v, t, p, row);
            for (int i = 0; i < k; i++) {
                aty[i] += row[i] * v[t];
                for (int j = 0; j < k; j++) {
                    ata[i][j] += row[i] * row[j];
                }
            }
        }
        double[] w = solve(ata, aty);
        double s = 0;
        for (int t = TRAIN; t < v.length; t++) {
            lags(v, t, p, row);
            double f = 0;
            for (int i = 0; i < k; i++) {
                f += w[i] * row[i];
            }
            s += (f - v[t]) * (f - v[t]);
        }
        return Math.sqrt(s / (v.length - TRAIN));
    }

    private static void lags(double[] v, int t, int p, double[] row) {
        for (int i = 0; i < p; i++) {
            row[i] = v[t - p + i];
        }
        row[p] = 1;
    }

    /** Gaussian elimination with partial pivoting (the system is small and well conditioned). */
    static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
        }
        double[] b = b0.clone();
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] tr = a[c];
            a[c] = a[piv];
            a[piv] = tr;
            double tb = b[c];
            b[c] = b[piv];
            b[piv] = tb;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int j = c; j < n; j++) {
                    a[r][j] -= f * a[c][j];
                }
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int j = r + 1; j < n; j++) {
                s -= a[r][j] * x[j];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    /** The causal dilated stack: the last step's features, then a linear output. */
    static Sequential model(int filters) {
        Sequential m = new Sequential(Input.of(WINDOW, 1));
        for (int d = 1; d < WINDOW; d *= 2) {
            m.add(Conv1D.builder(filters, 2).padding("causal").dilationRate(d).activation("relu").build());
        }
        // Only the last step has seen the whole window; a causal stack's other steps see less.
        m.add(new Cropping1D(WINDOW - 1, 0));
        m.add(new Flatten());
        m.add(new Dense(1));
        return m;
    }

    /**
     * Windows of scaled values ending just before each target month in [from, to), and the targets:
     * each month's scaled change from the month before.
     */
    static Tensor[] windows(double[] scaled, int from, int to) {
        int n = to - from;
        float[] x = new float[n * WINDOW];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int t = from + i;
            for (int j = 0; j < WINDOW; j++) {
                x[i * WINDOW + j] = (float) scaled[t - WINDOW + j];
            }
            y[i] = (float) (scaled[t] - scaled[t - 1]);
        }
        return new Tensor[] {Tensor.fromFlat(x, n, WINDOW, 1), Tensor.fromFlat(y, n, 1)};
    }

    static Result run(int epochs, int patience, int filters, long seed, int verbose, PrintStream out, Path outDir) {
        double[] v = series();
        out.printf(Locale.ROOT, "monthly sunspots 1749-1983: %,d months, %,d to train, %,d to test%n", v.length, TRAIN,
                v.length - TRAIN);
        double persistence = persistence(v);
        double ar = autoregression(v, 24);
        // Standardised with the training months' mean and deviation only.
        double mean = 0;
        for (int t = 0; t < TRAIN; t++) {
            mean += v[t];
        }
        mean /= TRAIN;
        double var = 0;
        for (int t = 0; t < TRAIN; t++) {
            var += (v[t] - mean) * (v[t] - mean);
        }
        double std = Math.sqrt(var / TRAIN);
        double[] scaled = new double[v.length];
        for (int t = 0; t < v.length; t++) {
            scaled[t] = (v[t] - mean) / std;
        }
        Tensor[] train = windows(scaled, WINDOW, TRAIN);
        Tensor[] test = windows(scaled, TRAIN, v.length);

        Rng.setGlobalSeed(seed);
        Sequential m = model(filters);
        m.summary(out);
        m.compile(new Adam(1e-3), "mse");
        long t0 = System.nanoTime();
        // The last 10% of the training months (in time order, as Keras's validation_split takes them)
        // choose when to stop: the weights of the epoch with the lowest validation loss are kept.
        EarlyStopping stop = new EarlyStopping("val_loss").patience(patience).restoreBestWeights(true);
        History h = m.fit(train[0], train[1], FitOptions.builder().epochs(epochs).batchSize(32).shuffle(true).seed(seed)
                .validationSplit(0.1).callbacks(stop).verbose(verbose).output(out).build());
        int ran = h.epochs().size();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] f = m.predict(test[0], 564).toDoubleArray();
        double[] truth = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            // This month plus the predicted change, back in sunspot numbers.
            f[i] = v[TRAIN + i - 1] + f[i] * std;
            truth[i] = v[TRAIN + i];
        }
        double conv = rmse(truth, f);
        out.println();
        out.println("one-step test RMSE over the last 564 months:");
        out.printf(Locale.ROOT, "  persistence (x_t = x_{t-1})      %6.2f%n", persistence);
        out.printf(Locale.ROOT, "  AR(24), least squares            %6.2f%n", ar);
        out.printf(Locale.ROOT, "  causal dilated Conv1D            %6.2f   (%d filters; stopped after %d of %d epochs,"
                + " %.1f s)%n", conv, filters, ran, epochs, seconds);
        if (outDir != null) {
            // Months counted from the first test month, January 1937 (the plot would print years as 1,937).
            double[] months = new double[truth.length];
            for (int i = 0; i < months.length; i++) {
                months[i] = i;
            }
            Path png = LinePlot.titled(String.format(Locale.ROOT, "Monthly sunspots, test months: Conv1D RMSE %.2f,"
                    + " persistence %.2f", conv, persistence)).xLabel("months from January 1937")
                    .yLabel("sunspot number").size(1000, 450)
                    .line("observed", months, truth).dashed("Conv1D one-step forecast", months, f)
                    .save(outDir.resolve("forecast.png"));
            out.println("saved " + png);
            out.println("saved " + LinePlot.history(h, "loss").title("Causal dilated Conv1D on sunspots: loss per epoch")
                    .save(outDir.resolve("loss.png")));
        }
        return new Result(persistence, ar, conv, truth, f, h, seconds);
    }

    public static void main(String[] args) {
        Args a = Args.parse("sunspots-conv1d", args, "quick", "epochs=", "patience=", "filters=", "seed=",
                "out=", "verbose=");
        run(a.positive("epochs", 40), a.intValue("patience", 5), a.positive("filters", 16), a.longValue("seed", 1),
                a.intValue("verbose", a.quick() ? 0 : 1), System.out, a.outDir());
    }
}
