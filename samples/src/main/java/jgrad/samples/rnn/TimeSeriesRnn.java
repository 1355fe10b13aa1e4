package jgrad.samples.rnn;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import jgrad.nn.callbacks.EarlyStopping;
import jgrad.nn.data.Csv;
import jgrad.nn.data.CsvTable;
import jgrad.nn.data.TimeseriesDataset;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.recurrent.GRU;
import jgrad.nn.layers.recurrent.LSTM;
import jgrad.nn.layers.recurrent.PeepholeLSTM;
import jgrad.nn.layers.recurrent.SimpleRNN;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.plot.LinePlot;
import jgrad.samples.Args;

/**
 * One-step forecasting with SimpleRNN, LSTM, GRU and the peephole LSTM side by side (course
 * chapter 3-1..3-3) on the three series of SEEDS-4-8 section B, with their calibrated splits:
 * airline passengers (96 / 48 months, modelled as log differences, since the test months reach
 * 622 while training never passes 413), monthly sunspots (2,256 / 564) and Melbourne's daily
 * minimum temperatures (2,920 / 730). Each network reads a window of standardised values
 * (scaled on the training part only) and predicts the change to the next step; its test RMSE,
 * in the series' own units, is printed beside persistence, the seasonal naive forecast and a
 * least-squares AR(p), all computed here. A PNG per series shows forecast against truth.
 */
public final class TimeSeriesRnn {
    private TimeSeriesRnn() {}

    /** A series and how it is modelled. */
    record Spec(String name, String file, String dateColumn, String valueColumn, int train, int window,
            boolean logDifferences, int season, int arOrder, String unit) {}

    static final Spec AIRLINE = new Spec("airline passengers", "airline-passengers.csv", "Month", "Passengers", 96, 12,
            true, 12, 12, "thousands");
    static final Spec SUNSPOTS = new Spec("monthly sunspots", "monthly-sunspots.csv", "Month", "Sunspots", 2256, 24,
            false, 0, 24, "sunspot number");
    static final Spec TEMPERATURES = new Spec("daily minimum temperature", "daily-min-temperatures.csv", "Date", "Temp",
            2920, 30, false, 365, 30, "deg C");

    /** Test RMSEs of the baselines and each network, and each network's forecast. */
    record Result(Spec spec, double persistence, double seasonal, double ar, Map<String, Double> rmse,
            Map<String, double[]> forecasts, double[] truth) {}

    static double[] series(String file, String dateColumn, String valueColumn) {
        try (InputStream in = TimeSeriesRnn.class.getResourceAsStream("/data/timeseries/" + file)) {
            if (in == null) {
                throw new IllegalStateException("/data/timeseries/" + file + " is not on the class path; build the"
                        + " samples module (./jgrad build)");
            }
            CsvTable t = Csv.reader().textColumns(dateColumn).read(in, file);
            return t.column(valueColumn);
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

    /** RMSE over the test steps of forecasting v[t] as v[t - lag]. */
    static double naive(double[] v, int train, int lag) {
        double s = 0;
        for (int t = train; t < v.length; t++) {
            s += (v[t] - v[t - lag]) * (v[t] - v[t - lag]);
        }
        return Math.sqrt(s / (v.length - train));
    }

    /** AR(p) with an intercept by least squares on the training targets, one step ahead on the test part. */
    static double autoregression(double[] v, int train, int p) {
        int k = p + 1;
        double[][] ata = new double[k][k];
        double[] aty = new double[k];
        double[] row = new double[k];
        for (int t = p; t < train; t++) {
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
        for (int t = train; t < v.length; t++) {
            lags(v, t, p, row);
            double f = 0;
            for (int i = 0; i < k; i++) {
                f += w[i] * row[i];
            }
            s += (f - v[t]) * (f - v[t]);
        }
        return Math.sqrt(s / (v.length - train));
    }

    private static void lags(double[] v, int t, int p, double[] row) {
        for (int i = 0; i < p; i++) {
            row[i] = v[t - p + i];
        }
        row[p] = 1;
    }

    private static double[] solve(double[][] a0, double[] b0) {
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

    /** The four recurrent layers compared, by name. */
    static Map<String, IntFunction<Layer>> models() {
        Map<String, IntFunction<Layer>> m = new LinkedHashMap<>();
        m.put("SimpleRNN", SimpleRNN::new);
        m.put("LSTM", LSTM::new);
        m.put("GRU", GRU::new);
        m.put("PeepholeLSTM", PeepholeLSTM::new);
        return m;
    }

    static Result run(Spec spec, List<String> which, int units, int epochs, int patience, long seed, PrintStream out,
            Path outDir) {
        double[] v = series(spec.file(), spec.dateColumn(), spec.valueColumn());
        int n = v.length;
        out.printf(Locale.ROOT, "%n== %s: %,d steps, %,d to train, %,d to test; window %d%s ==%n", spec.name(), n,
                spec.train(), n - spec.train(), spec.window(), spec.logDifferences() ? ", log differences" : "");
        double persistence = naive(v, spec.train(), 1);
        double seasonal = spec.season() > 0 ? naive(v, spec.train(), spec.season()) : Double.NaN;
        double ar = autoregression(v, spec.train(), spec.arOrder());
        // The modelled series u: log differences for the airline data (so the level can grow past the
        // training range), the values themselves otherwise; standardised on the training part only.
        double[] u = new double[n];
        for (int t = 0; t < n; t++) {
            u[t] = spec.logDifferences() ? (t == 0 ? 0 : Math.log(v[t]) - Math.log(v[t - 1])) : v[t];
        }
        int from = spec.logDifferences() ? 1 : 0;
        double mean = 0;
        for (int t = from; t < spec.train(); t++) {
            mean += u[t];
        }
        mean /= spec.train() - from;
        double var = 0;
        for (int t = from; t < spec.train(); t++) {
            var += (u[t] - mean) * (u[t] - mean);
        }
        double std = Math.sqrt(var / (spec.train() - from));
        double[] s = new double[n];
        for (int t = 0; t < n; t++) {
            s[t] = (u[t] - mean) / std;
        }
        // Targets: the change of the standardised series from the window's last step to the next.
        double[] change = new double[n];
        for (int t = 1; t < n; t++) {
            change[t] = s[t] - s[t - 1];
        }
        int first = from + spec.window();
        TimeseriesDataset.Windows trainW = withChangeTargets(s, change, spec.window(), first, spec.train());
        TimeseriesDataset.Windows testW = withChangeTargets(s, change, spec.window(), spec.train(), n);
        double[] truth = new double[n - spec.train()];
        for (int t = spec.train(); t < n; t++) {
            truth[t - spec.train()] = v[t];
        }
        Map<String, Double> rmse = new LinkedHashMap<>();
        Map<String, double[]> forecasts = new LinkedHashMap<>();
        for (String name : which) {
            Rng.setGlobalSeed(seed);
            Layer.resetNames();
            Sequential m = new Sequential(Input.of(spec.window(), 1));
            m.add(models().get(name).apply(units));
            m.add(new Dense(1));
            m.compile(new Adam(spec.logDifferences() ? 3e-3 : 1e-3), "mse");
            long t0 = System.nanoTime();
            EarlyStopping stop = new EarlyStopping("val_loss").patience(patience).restoreBestWeights(true);
            var h = m.fit(trainW.x(), trainW.y(), FitOptions.builder().epochs(epochs).batchSize(32).shuffle(true)
                    .seed(seed).validationSplit(0.1).callbacks(stop).verbose(0).build());
            double[] p = m.predict(testW.x(), 256).toDoubleArray();
            double[] f = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                int t = spec.train() + i;
                double nextU = (s[t - 1] + p[i]) * std + mean;
                f[i] = spec.logDifferences() ? v[t - 1] * Math.exp(nextU) : nextU;
            }
            double r = rmse(truth, f);
            rmse.put(name, r);
            forecasts.put(name, f);
            out.printf(Locale.ROOT, "  %-13s test RMSE %8.3f   (%d params, %d epochs, %.1f s)%n", name, r, m.countParams(),
                    h.epochs().size(), (System.nanoTime() - t0) / 1e9);
        }
        out.printf(Locale.ROOT, "  %-13s test RMSE %8.3f%n", "persistence", persistence);
        if (spec.season() > 0) {
            out.printf(Locale.ROOT, "  %-13s test RMSE %8.3f%n", "seasonal " + spec.season(), seasonal);
        }
        out.printf(Locale.ROOT, "  %-13s test RMSE %8.3f%n", "AR(" + spec.arOrder() + ")", ar);
        if (outDir != null && !forecasts.isEmpty()) {
            int shown = Math.min(truth.length, 200);
            double[] xs = new double[shown];
            double[] ts = new double[shown];
            for (int i = 0; i < shown; i++) {
                xs[i] = spec.train() + i;
                ts[i] = truth[i];
            }
            LinePlot plot = LinePlot.titled(Character.toUpperCase(spec.name().charAt(0)) + spec.name().substring(1)
                    + ": one-step forecasts on the test part"
                    + (shown < truth.length ? " (first " + shown + " steps)" : "")).xLabel("step")
                    .yLabel(spec.unit()).size(1000, 450).line("observed", xs, ts);
            for (Map.Entry<String, double[]> e : forecasts.entrySet()) {
                double[] fs = new double[shown];
                System.arraycopy(e.getValue(), 0, fs, 0, shown);
                plot.dashed(String.format(Locale.ROOT, "%s (RMSE %.2f)", e.getKey(), rmse.get(e.getKey())), xs, fs);
            }
            String file = spec.file().replace(".csv", "-forecast.png");
            out.println("  saved " + plot.save(outDir.resolve(file)));
        }
        return new Result(spec, persistence, seasonal, ar, rmse, forecasts, truth);
    }

    /** Windows of s ending at t - 1 for every target step t in [from, to), each with the change at t. */
    private static TimeseriesDataset.Windows withChangeTargets(double[] s, double[] change, int window, int from, int to) {
        TimeseriesDataset.Windows w = TimeseriesDataset.nextStep(s, window, from, to);
        double[] y = new double[to - from];
        for (int t = from; t < to; t++) {
            y[t - from] = change[t];
        }
        return new TimeseriesDataset.Windows(w.x(), Tensor.fromFlat(y, to - from, 1).cast(w.x().dtype()));
    }

    /** Prints one table of every result. */
    static void table(List<Result> results, PrintStream out) {
        out.println();
        out.println("one-step test RMSE (lower is better)");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-27s", "series"));
        List<String> names = new ArrayList<>(results.get(0).rmse().keySet());
        for (String n : names) {
            head.append(String.format(Locale.ROOT, "%13s", n));
        }
        head.append(String.format(Locale.ROOT, "%13s%13s%13s", "persistence", "seasonal", "AR(p)"));
        out.println(head);
        for (Result r : results) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-27s", r.spec().name()));
            for (String n : names) {
                row.append(String.format(Locale.ROOT, "%13.3f", r.rmse().get(n)));
            }
            row.append(String.format(Locale.ROOT, "%13.3f%13s%13s", r.persistence(),
                    Double.isNaN(r.seasonal()) ? "-" : String.format(Locale.ROOT, "%.3f", r.seasonal()),
                    String.format(Locale.ROOT, "%.3f (%d)", r.ar(), r.spec().arOrder())));
            out.println(row);
        }
    }

    public static void main(String[] args) {
        Args a = Args.parse("timeseries-rnn", args, "quick", "epochs=", "units=", "patience=", "seed=", "out=");
        boolean quick = a.quick();
        int epochs = a.positive("epochs", quick ? 5 : 60);
        int units = a.positive("units", 32);
        int patience = a.intValue("patience", 8);
        long seed = a.longValue("seed", 1);
        List<String> which = List.copyOf(models().keySet());
        List<Result> results = new ArrayList<>();
        for (Spec spec : List.of(AIRLINE, SUNSPOTS, TEMPERATURES)) {
            results.add(run(spec, which, units, epochs, patience, seed, System.out, a.outDir()));
        }
        table(results, System.out);
    }
}
