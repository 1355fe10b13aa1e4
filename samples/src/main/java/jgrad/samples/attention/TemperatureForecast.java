package jgrad.samples.attention;

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
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.data.Csv;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.attention.AdditiveAttention;
import jgrad.nn.layers.attention.SinePositionEncoding;
import jgrad.nn.layers.attention.TransformerEncoder;
import jgrad.nn.layers.recurrent.LSTM;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.plot.HeatMap;
import jgrad.nn.plot.LinePlot;
import jgrad.samples.Args;

/**
 * Attention for time-series prediction (course chapter 4-1..4-3): Melbourne's daily minimum
 * temperatures, 30 days in and 7 days out, on SEEDS-4-8's split (2,920 days to train, 730 to
 * test; a test window's 7 targets all lie in the test part, its inputs may reach back), against
 * the calibrated baselines computed here: persistence (overall RMSE 3.321) and the linear direct
 * 30 -> 7 least-squares model (2.653). Three networks, standardised on the training part, each
 * predicting the 7 days as changes from the last observed day:
 * <ul>
 *   <li>LSTM seq2seq: an encoder LSTM's final (h, c) starts a decoder LSTM, which reads the previous
 *       day (the true one in training, teacher forcing; its own forecast at test time);
 *   <li>the same with Bahdanau attention over the 30 encoder states (AdditiveAttention on Dense
 *       projections), its context joined to the decoder's output;
 *   <li>a small Transformer: each day projected to 32 features plus the sinusoidal position
 *       encoding, two post-LN TransformerEncoder blocks (4 heads, feed-forward 64), then Dense(7) on
 *       the flattened sequence.
 * </ul>
 * One table of test RMSE per horizon; with --out, the forecasts (1 and 7 days ahead) as PNG and the
 * attention weights of one test window as heat maps (decoder steps x input days for the seq2seq,
 * the Transformer's first block averaged over heads).
 */
public final class TemperatureForecast {
    private TemperatureForecast() {}

    static final int TRAIN = 2920;
    static final int IN = 30;
    static final int OUT = 7;
    static final double[] PERSISTENCE = {2.487, 3.233, 3.459, 3.479, 3.488, 3.495, 3.481};
    static final double[] LINEAR = {2.217, 2.626, 2.703, 2.720, 2.737, 2.754, 2.769};

    /** RMSE per horizon and overall, for each model by name. */
    record Result(Map<String, double[]> perHorizon, Map<String, Double> overall) {}

    static double[] series() {
        try (InputStream in = TemperatureForecast.class.getResourceAsStream("/data/timeseries/daily-min-temperatures.csv")) {
            if (in == null) {
                throw new IllegalStateException("daily-min-temperatures.csv is not on the class path; ./jgrad build");
            }
            return Csv.reader().textColumns("Date").read(in, "daily-min-temperatures.csv").column("Temp");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Window origins t (inputs v[t-30..t), targets v[t..t+7)) whose targets lie in [lo, hi). */
    static int[] origins(int lo, int hi) {
        List<Integer> o = new ArrayList<>();
        for (int t = Math.max(lo, IN); t + OUT <= hi; t++) {
            o.add(t);
        }
        return o.stream().mapToInt(Integer::intValue).toArray();
    }

    static double[][] rmse(double[][] pred, double[][] truth) {
        double[] h = new double[OUT];
        double all = 0;
        for (int i = 0; i < pred.length; i++) {
            for (int k = 0; k < OUT; k++) {
                double e = pred[i][k] - truth[i][k];
                h[k] += e * e;
                all += e * e;
            }
        }
        for (int k = 0; k < OUT; k++) {
            h[k] = Math.sqrt(h[k] / pred.length);
        }
        return new double[][] {h, {Math.sqrt(all / (pred.length * OUT))}};
    }

    /** Least squares 30 -> 7 with an intercept on the training windows (normal equations). */
    static double[][] linearDirect(double[] v, int[] train, int[] test) {
        int k = IN + 1;
        double[][] ata = new double[k][k];
        double[][] aty = new double[k][OUT];
        double[] row = new double[k];
        for (int t : train) {
            fill(v, t, row);
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    ata[i][j] += row[i] * row[j];
                }
                for (int h = 0; h < OUT; h++) {
                    aty[i][h] += row[i] * v[t + h];
                }
            }
        }
        double[][] w = new double[OUT][];
        for (int h = 0; h < OUT; h++) {
            double[] b = new double[k];
            for (int i = 0; i < k; i++) {
                b[i] = aty[i][h];
            }
            w[h] = solve(ata, b);
        }
        double[][] p = new double[test.length][OUT];
        for (int i = 0; i < test.length; i++) {
            fill(v, test[i], row);
            for (int h = 0; h < OUT; h++) {
                for (int j = 0; j < k; j++) {
                    p[i][h] += w[h][j] * row[j];
                }
            }
        }
        return p;
    }

    private static void fill(double[] v, int t, double[] row) {
        for (int i = 0; i < IN; i++) {
            row[i] = v[t - IN + i];
        }
        row[IN] = 1;
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

    // ------------------------------------------------------------------ the networks

    /** A forecaster: standardised inputs [b, 30, 1] -> changes from the last input day [b, 7]. */
    interface Net {
        Tensor train(Tensor x, Tensor y);      // teacher-forced forward in training mode
        Tensor predict(Tensor x);              // inference
        List<Variable> variables();
        double[][] weights(Tensor x);          // attention of the first window, or null
    }

    /** LSTM encoder-decoder, optionally with Bahdanau attention; the decoder reads the previous day's change. */
    static final class Seq2Seq implements Net {
        final LSTM encoder = LSTM.builder(32).returnSequences(true).returnState(true).build();
        final LSTM decoder = LSTM.builder(32).returnSequences(true).build();
        final Dense w1;
        final Dense w2;
        final AdditiveAttention attention;
        final Dense out = new Dense(1);

        Seq2Seq(boolean attend) {
            w1 = attend ? new Dense(32) : null;
            w2 = attend ? new Dense(32) : null;
            attention = attend ? new AdditiveAttention(true, 0, false, true, 3L, null) : null;
        }

        /** Outputs [b, steps] for decoder inputs [b, steps, 1]; the attention weights into w[0] when asked. */
        Tensor run(Tensor x, Tensor decIn, boolean training, Tensor[] w) {
            List<Tensor> enc = encoder.call(x, null, null, training);
            Tensor st = decoder.call(decIn, null, List.of(enc.get(1), enc.get(2)), training).get(0);
            Tensor h = st;
            if (attention != null) {
                List<Tensor> a = attention.callAll(List.of(w2.call(st, training), enc.get(0),
                        w1.call(enc.get(0), training)), training);
                if (w != null) {
                    w[0] = a.get(1);
                }
                h = Tensor.concat(List.of(st, a.get(0)), 2);
            }
            Tensor y = out.call(h, training);
            return y.reshape(y.dim(0), y.dim(1));
        }

        @Override
        public Tensor train(Tensor x, Tensor y) {
            // Teacher forcing: step k reads the true change of day k - 1 (0 for the first day).
            int b = x.dim(0);
            Tensor prev = Tensor.concat(List.of(Tensor.zeros(DType.FLOAT32, b, 1), y.slice(1, 0, OUT - 1)), 1);
            return run(x, prev.reshape(b, OUT, 1), true, null);
        }

        @Override
        public Tensor predict(Tensor x) {
            return decode(x, null);
        }

        private Tensor decode(Tensor x, Tensor[] w) {
            int b = x.dim(0);
            float[] prev = new float[b * OUT];
            Tensor y = null;
            for (int k = 0; k < OUT; k++) {
                Tensor in = Tensor.fromFlat(java.util.Arrays.copyOf(prev, b * OUT), b, OUT, 1).slice(1, 0, k + 1);
                y = run(x, in, false, k == OUT - 1 ? w : null);
                if (k + 1 < OUT) {
                    float[] yk = y.slice(1, k, k + 1).toFloatArray();
                    for (int i = 0; i < b; i++) {
                        prev[i * OUT + k + 1] = yk[i];
                    }
                }
            }
            return y;
        }

        @Override
        public List<Variable> variables() {
            List<Variable> v = new ArrayList<>();
            for (Layer l : attention == null ? List.<Layer>of(encoder, decoder, out)
                    : List.of(encoder, decoder, w1, w2, attention, out)) {
                v.addAll(l.trainableWeights());
            }
            return v;
        }

        @Override
        public double[][] weights(Tensor x) {
            if (attention == null) {
                return null;
            }
            Tensor[] w = new Tensor[1];
            decode(x.slice(0, 0, 1), w);
            return w[0].reshape(OUT, IN).cast(DType.FLOAT64).toDoubleArray2D();
        }
    }

    /** Days projected to 32 features plus sinusoidal positions, two encoder blocks, Dense(7) on the flattened sequence. */
    static final class Transformer implements Net {
        final Dense embed = new Dense(32);
        final SinePositionEncoding positions = new SinePositionEncoding();
        final TransformerEncoder block1 = new TransformerEncoder(64, 4, 0.1, "relu", 1e-5, false, null);
        final TransformerEncoder block2 = new TransformerEncoder(64, 4, 0.1, "relu", 1e-5, false, null);
        final Dense head = new Dense(OUT);

        Tensor embedded(Tensor x, boolean training) {
            Tensor e = embed.call(x, training);
            return e.add(positions.call(e, training));
        }

        Tensor run(Tensor x, boolean training) {
            Tensor h = block2.call(block1.call(embedded(x, training), training), training);
            return head.call(h.reshape(h.dim(0), IN * 32), training);
        }

        @Override
        public Tensor train(Tensor x, Tensor y) {
            return run(x, true);
        }

        @Override
        public Tensor predict(Tensor x) {
            return run(x, false);
        }

        @Override
        public List<Variable> variables() {
            List<Variable> v = new ArrayList<>();
            for (Layer l : List.of(embed, block1, block2, head)) {
                v.addAll(l.trainableWeights());
            }
            return v;
        }

        @Override
        public double[][] weights(Tensor x) {
            Tensor e = embedded(x.slice(0, 0, 1), false);
            Tensor s = block1.attention().call(e, e, e, null, false, true, false).scores(); // [1, 4, 30, 30]
            return s.mean(new int[] {0, 1}, false).cast(DType.FLOAT64).toDoubleArray2D();
        }
    }

    public static void main(String[] args) {
        Args a = Args.parse("attention-forecast", args, "quick", "epochs=", "out=");
        run(System.out, a.outDirOrNull(), a.epochs(12, 1));
    }

    static Result run(PrintStream out, Path outDir, int epochs) {
        double[] v = series();
        int[] train = origins(0, TRAIN);
        int[] test = origins(TRAIN, v.length);
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
        double[][] truth = new double[test.length][OUT];
        double[][] pers = new double[test.length][OUT];
        for (int i = 0; i < test.length; i++) {
            for (int k = 0; k < OUT; k++) {
                truth[i][k] = v[test[i] + k];
                pers[i][k] = v[test[i] - 1];
            }
        }
        out.printf(Locale.ROOT, "Daily minimum temperature, %d days: %d training windows, %d test windows; 30 days in,"
                + " 7 out; %d epochs each, Adam, batch 64%n", v.length, train.length, test.length, epochs);
        Map<String, double[]> per = new LinkedHashMap<>();
        Map<String, Double> overall = new LinkedHashMap<>();
        Map<String, double[][]> preds = new LinkedHashMap<>();
        put(per, overall, "persistence", rmse(pers, truth));
        double[][] lin = linearDirect(v, train, test);
        put(per, overall, "linear direct 30->7", rmse(lin, truth));
        preds.put("linear direct 30->7", lin);
        Tensor xTest = inputs(v, test, mean, std);
        Map<String, double[][]> maps = new LinkedHashMap<>();
        for (String name : List.of("LSTM seq2seq", "LSTM seq2seq + attention", "Transformer (2 blocks)")) {
            Layer.resetNames();
            Rng.setGlobalSeed(7);
            Net net = name.startsWith("Transformer") ? new Transformer() : new Seq2Seq(name.contains("attention"));
            long t0 = System.nanoTime();
            fit(net, v, train, mean, std, epochs);
            double[][] p = forecast(net, xTest, v, test, std);
            put(per, overall, name, rmse(p, truth));
            preds.put(name, p);
            double[][] w = net.weights(xTest);
            if (w != null) {
                maps.put(name, w);
            }
            out.printf(Locale.ROOT, "  trained %-26s in %.0f s%n", name, (System.nanoTime() - t0) / 1e9);
        }
        out.println();
        out.printf(Locale.ROOT, "%-26s %s  overall%n", "test RMSE (deg C)", "   h=1    h=2    h=3    h=4    h=5    h=6    h=7");
        for (String name : per.keySet()) {
            StringBuilder sb = new StringBuilder();
            for (double r : per.get(name)) {
                sb.append(String.format(Locale.ROOT, " %6.3f", r));
            }
            out.printf(Locale.ROOT, "%-26s%s  %6.3f%n", name, sb, overall.get(name));
        }
        out.println("(calibrated: persistence 3.321, linear direct 2.653)");
        for (String name : List.of("LSTM seq2seq", "LSTM seq2seq + attention", "Transformer (2 blocks)")) {
            double r = overall.get(name);
            out.printf(Locale.ROOT, "%-26s %s persistence (3.321)%s%n", name, r < overall.get("persistence")
                    ? "beats" : "does NOT beat", r < overall.get("linear direct 30->7") ? " and the linear model" : "");
        }
        if (outDir != null) {
            save(out, outDir, preds, truth, maps);
        }
        return new Result(per, overall);
    }

    private static void put(Map<String, double[]> per, Map<String, Double> overall, String name, double[][] r) {
        per.put(name, r[0]);
        overall.put(name, r[1][0]);
    }

    /** Standardised input windows [n, 30, 1]. */
    static Tensor inputs(double[] v, int[] origins, double mean, double std) {
        float[] x = new float[origins.length * IN];
        for (int i = 0; i < origins.length; i++) {
            for (int j = 0; j < IN; j++) {
                x[i * IN + j] = (float) ((v[origins[i] - IN + j] - mean) / std);
            }
        }
        return Tensor.fromFlat(x, origins.length, IN, 1);
    }

    /** Targets: the 7 days as standardised changes from the last input day [n, 7]. */
    static Tensor targets(double[] v, int[] origins, double std) {
        float[] y = new float[origins.length * OUT];
        for (int i = 0; i < origins.length; i++) {
            for (int k = 0; k < OUT; k++) {
                y[i * OUT + k] = (float) ((v[origins[i] + k] - v[origins[i] - 1]) / std);
            }
        }
        return Tensor.fromFlat(y, origins.length, OUT);
    }

    static void fit(Net net, double[] v, int[] train, double mean, double std, int epochs) {
        Rng rng = new Rng(11);
        Adam adam = new Adam(2e-3);
        List<Variable> vars = null;
        for (int e = 0; e < epochs; e++) {
            int[] perm = rng.permutation(train.length);
            for (int s = 0; s + 64 <= perm.length; s += 64) {
                int[] idx = new int[64];
                for (int i = 0; i < 64; i++) {
                    idx[i] = train[perm[s + i]];
                }
                Tensor x = inputs(v, idx, mean, std);
                Tensor y = targets(v, idx, std);
                try (GradientTape tape = new GradientTape()) {
                    Tensor loss = net.train(x, y).sub(y).square().mean();
                    if (vars == null) {
                        vars = net.variables();
                    }
                    adam.apply(tape.gradient(loss, vars), vars);
                }
            }
        }
    }

    static double[][] forecast(Net net, Tensor x, double[] v, int[] test, double std) {
        float[] p = net.predict(x).toFloatArray();
        double[][] f = new double[test.length][OUT];
        for (int i = 0; i < test.length; i++) {
            for (int k = 0; k < OUT; k++) {
                f[i][k] = v[test[i] - 1] + p[i * OUT + k] * std;
            }
        }
        return f;
    }

    private static void save(PrintStream out, Path dir, Map<String, double[][]> preds, double[][] truth,
            Map<String, double[][]> maps) {
        int shown = Math.min(120, truth.length);
        for (int h : new int[] {0, OUT - 1}) {
            double[] xs = new double[shown];
            double[] ts = new double[shown];
            for (int i = 0; i < shown; i++) {
                xs[i] = TRAIN + i + h;
                ts[i] = truth[i][h];
            }
            LinePlot plot = LinePlot.titled("Daily minimum temperature, " + (h + 1) + " day(s) ahead (first " + shown
                    + " test windows)").xLabel("day").yLabel("deg C").size(1000, 450).line("observed", xs, ts);
            for (Map.Entry<String, double[][]> e : preds.entrySet()) {
                double[] fs = new double[shown];
                for (int i = 0; i < shown; i++) {
                    fs[i] = e.getValue()[i][h];
                }
                plot.line(e.getKey(), xs, fs);
            }
            out.println("saved " + plot.save(dir.resolve("temperature-forecast-h" + (h + 1) + ".png")));
        }
        List<HeatMap> hm = new ArrayList<>();
        for (Map.Entry<String, double[][]> e : maps.entrySet()) {
            boolean s2s = e.getKey().startsWith("LSTM");
            hm.add(HeatMap.of(e.getValue()).title(e.getKey()).xLabel("input day").yLabel(s2s ? "forecast day"
                    : "query day").cellSize(s2s ? 20 : 12).positions(1));
        }
        out.println("saved " + HeatMap.panels("Attention weights on the first test window", hm, hm.size(),
                dir.resolve("temperature-attention.png")));
    }
}
