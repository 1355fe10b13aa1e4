package jgrad.samples.attention;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.attention.AdditiveAttention;
import jgrad.nn.layers.recurrent.Embedding;
import jgrad.nn.layers.recurrent.LSTM;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.plot.HeatMap;
import jgrad.ops.Losses;
import jgrad.samples.Args;

/**
 * A seq2seq encoder-decoder (Sutskever et al. 2014; course 4-1) learns to reverse a sequence of 8
 * digits, with and without Bahdanau attention (course 4-2, Keras's {@code AdditiveAttention}):
 * an LSTM encoder reads the digits, its final (h, c) starts an LSTM decoder that is trained with
 * teacher forcing (it reads the true previous digit) and decodes greedily at test time (it reads
 * its own previous prediction). With attention each decoder step scores every encoder state,
 * {@code e_ts = v^T tanh(W1 h_s + W2 s_t)}, and adds the weighted context to its output. Same
 * sizes, same steps, same data: the sample prints both models' digit and whole-sequence accuracy
 * on held-out sequences and saves the attention weights of one test sequence as a heat map; for
 * reversal output step t should attend to input step 7 - t, the anti-diagonal, which the sample
 * checks (share of the weight on the anti-diagonal).
 */
public final class Seq2SeqReverse {
    private Seq2SeqReverse() {}

    static final int LENGTH = 8;
    static final int DIGITS = 10;     // tokens 0-9; the decoder's start token is 10
    static final int START = 10;

    /** Accuracies of one model, and (with attention) the weights of the first test sequence and the anti-diagonal share. */
    record Result(String name, double digitAccuracy, double sequenceAccuracy, double[][] weights, double antiDiagonal) {}

    /** The encoder-decoder; attention may be off. */
    static final class Model {
        final boolean attention;
        final Embedding encEmbed = new Embedding(DIGITS, 16);
        final Embedding decEmbed = new Embedding(DIGITS + 1, 16);
        final LSTM encoder;
        final LSTM decoder;
        final Dense w1;
        final Dense w2;
        final AdditiveAttention attend;
        final Dense out = new Dense(DIGITS);

        Model(boolean attention, int units) {
            this.attention = attention;
            encoder = LSTM.builder(units).returnSequences(true).returnState(true).build();
            decoder = LSTM.builder(units).returnSequences(true).build();
            w1 = attention ? new Dense(units) : null;
            w2 = attention ? new Dense(units) : null;
            attend = attention ? new AdditiveAttention(true, 0, false, true, 7L, null) : null;
        }

        /** Logits [batch, steps, 10] for the decoder inputs; weights [batch, steps, 8] in the holder when asked. */
        Tensor logits(Tensor src, Tensor decIn, boolean training, Tensor[] weights) {
            List<Tensor> enc = encoder.call(encEmbed.call(src, training), null, null, training);
            Tensor hs = enc.get(0);
            Tensor st = decoder.call(decEmbed.call(decIn, training), null, List.of(enc.get(1), enc.get(2)), training)
                    .get(0);
            if (!attention) {
                return out.call(st, training);
            }
            List<Tensor> a = attend.callAll(List.of(w2.call(st, training), hs, w1.call(hs, training)), training);
            if (weights != null) {
                weights[0] = a.get(1);
            }
            return out.call(Tensor.concat(List.of(st, a.get(0)), 2), training);
        }

        List<Variable> variables() {
            List<Variable> v = new ArrayList<>();
            for (Layer l : attention ? List.of(encEmbed, decEmbed, encoder, decoder, w1, w2, attend, out)
                    : List.<Layer>of(encEmbed, decEmbed, encoder, decoder, out)) {
                v.addAll(l.trainableWeights());
            }
            return v;
        }

        /** Greedy decoding: each step reads the model's own previous digit. */
        long[][] greedy(Tensor src, Tensor[] weights) {
            int b = src.dim(0);
            long[][] pred = new long[b][LENGTH];
            for (int t = 0; t < LENGTH; t++) {
                long[] dec = new long[b * (t + 1)];
                for (int i = 0; i < b; i++) {
                    dec[i * (t + 1)] = START;
                    for (int j = 0; j < t; j++) {
                        dec[i * (t + 1) + j + 1] = pred[i][j];
                    }
                }
                Tensor lg = logits(src, Tensor.fromFlat(dec, b, t + 1), false, t == LENGTH - 1 ? weights : null);
                long[] am = lg.slice(1, t, t + 1).argmax(-1).toLongArray();
                for (int i = 0; i < b; i++) {
                    pred[i][t] = am[i];
                }
            }
            return pred;
        }
    }

    /** Random digit sequences [n, 8], their reversals, and the teacher-forced decoder inputs. */
    static Tensor[] data(Rng rng, int n) {
        long[] src = new long[n * LENGTH];
        long[] tgt = new long[n * LENGTH];
        long[] dec = new long[n * LENGTH];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < LENGTH; t++) {
                src[i * LENGTH + t] = rng.nextInt(DIGITS);
            }
            for (int t = 0; t < LENGTH; t++) {
                tgt[i * LENGTH + t] = src[i * LENGTH + LENGTH - 1 - t];
                dec[i * LENGTH + t] = t == 0 ? START : tgt[i * LENGTH + t - 1];
            }
        }
        return new Tensor[] {Tensor.fromFlat(src, n, LENGTH), Tensor.fromFlat(tgt, n, LENGTH),
            Tensor.fromFlat(dec, n, LENGTH)};
    }

    public static void main(String[] args) {
        Args a = Args.parse("seq2seq-reverse", args, "quick", "steps=", "out=");
        run(System.out, a.outDirOrNull(), a.steps(800, 100));
    }

    static List<Result> run(PrintStream out, Path outDir, int steps) {
        Rng data = new Rng(1);
        Tensor[] test = data(new Rng(99), 500);
        List<Result> results = new ArrayList<>();
        out.printf(Locale.ROOT, "Reverse 8 digits; encoder and decoder LSTM(64), batch 64, %d Adam steps (lr 0.005),"
                + " teacher forcing in training, greedy decoding on 500 test sequences%n", steps);
        for (boolean attention : new boolean[] {false, true}) {
            Layer.resetNames();
            Rng.setGlobalSeed(5);
            Model m = new Model(attention, 64);
            Rng batches = new Rng(data.seed() + 1);
            Adam adam = new Adam(0.005);
            List<Variable> vars = null;
            long t0 = System.nanoTime();
            for (int s = 1; s <= steps; s++) {
                Tensor[] b = data(batches, 64);
                double lossValue;
                try (GradientTape tape = new GradientTape()) {
                    Tensor lg = m.logits(b[0], b[2], true, null);
                    Tensor loss = Losses.sparseCategoricalCrossEntropyWithLogits(b[1].reshape(-1),
                            lg.reshape(-1, DIGITS));
                    if (vars == null) {
                        vars = m.variables();
                    }
                    adam.apply(tape.gradient(loss, vars), vars);
                    lossValue = loss.item();
                }
                if (s % Math.max(1, steps / 5) == 0 || s == steps) {
                    out.printf(Locale.ROOT, "  %s step %4d: loss %.4f%n", attention ? "attention   " : "no attention",
                            s, lossValue);
                }
            }
            Tensor[] w = new Tensor[1];
            long[][] pred = m.greedy(test[0], w);
            long[] truth = test[1].toLongArray();
            int digits = 0;
            int seqs = 0;
            for (int i = 0; i < pred.length; i++) {
                boolean all = true;
                for (int t = 0; t < LENGTH; t++) {
                    boolean ok = pred[i][t] == truth[i * LENGTH + t];
                    digits += ok ? 1 : 0;
                    all &= ok;
                }
                seqs += all ? 1 : 0;
            }
            double[][] weights = null;
            double anti = Double.NaN;
            if (attention) {
                weights = new double[LENGTH][LENGTH];
                double[] wf = w[0].slice(0, 0, 1).cast(DType.FLOAT64).toDoubleArray();
                anti = 0;
                for (int t = 0; t < LENGTH; t++) {
                    for (int j = 0; j < LENGTH; j++) {
                        weights[t][j] = wf[t * LENGTH + j];
                    }
                    anti += weights[t][LENGTH - 1 - t] / LENGTH;
                }
            }
            Result r = new Result(attention ? "with Bahdanau attention" : "without attention",
                    digits / (double) (pred.length * LENGTH), seqs / (double) pred.length, weights, anti);
            results.add(r);
            out.printf(Locale.ROOT, "%-24s digit accuracy %.3f, whole sequence %.3f (%.0f s)%n", r.name(),
                    r.digitAccuracy(), r.sequenceAccuracy(), (System.nanoTime() - t0) / 1e9);
        }
        Result att = results.get(1);
        out.printf(Locale.ROOT, "attention weight on the anti-diagonal (output step t -> input step 7 - t): %.3f of"
                + " each row on average (1/8 = 0.125 if spread evenly)%n", att.antiDiagonal());
        long[] first = test[0].slice(0, 0, 1).toLongArray();
        out.println("first test sequence " + java.util.Arrays.toString(first));
        if (outDir != null) {
            // Each axis names its step and the digit there: output step t writes input digit 7 - t.
            List<String> rows = new ArrayList<>();
            List<String> cols = new ArrayList<>();
            for (int t = 0; t < LENGTH; t++) {
                rows.add(t + ": " + first[LENGTH - 1 - t]);
                cols.add(t + ": " + first[t]);
            }
            Path p = HeatMap.of(att.weights()).title("Seq2seq LSTM with Bahdanau attention: weights while reversing "
                    + java.util.Arrays.toString(first)).xLabel("input step: digit").yLabel("output step: digit")
                    .rowLabels(rows).columnLabels(cols).range(0, 1).save(outDir.resolve("seq2seq-attention.png"));
            out.println("saved " + p);
        }
        boolean ok = att.digitAccuracy() > results.get(0).digitAccuracy() && att.antiDiagonal() > 0.5;
        out.println(ok ? "check: attention is more accurate and attends along the anti-diagonal: OK"
                : "check FAILED: attention did not beat the plain seq2seq or did not find the anti-diagonal");
        return results;
    }
}
