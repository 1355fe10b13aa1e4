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
import jgrad.nn.layers.attention.PositionEmbedding;
import jgrad.nn.layers.attention.TransformerEncoder;
import jgrad.nn.layers.recurrent.Embedding;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.plot.HeatMap;
import jgrad.ops.Losses;
import jgrad.samples.Args;

/**
 * A small Transformer classifier (note 002, 6.5.6) on a synthetic task that needs attention: a
 * sequence of 12 tokens from 16, label 1 if the first token appears again later (about half the
 * sequences). Token embedding plus a learned PositionEmbedding, one TransformerEncoder block (4
 * heads of 8, feed-forward 64, pre-LN), the first position's output into Dense(2), as a [CLS]
 * token would be. It prints test accuracy against the majority class and a bag-of-tokens baseline
 * (logistic regression on token counts, which cannot tell where a token is and so cannot tell the
 * first token from the others), and the share of position 0's attention on the positions holding
 * the same token; with --out, the heads' attention maps of a test sequence as a PNG.
 */
public final class TransformerClassifier {
    private TransformerClassifier() {}

    static final int LENGTH = 12;
    static final int VOCAB = 16;

    record Result(double accuracy, double majority, double bagOfTokens, double matchShare, double chanceShare) {}

    static Tensor[] data(Rng rng, int n) {
        long[] x = new long[n * LENGTH];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < LENGTH; t++) {
                x[i * LENGTH + t] = rng.nextInt(VOCAB);
            }
            for (int t = 1; t < LENGTH; t++) {
                if (x[i * LENGTH + t] == x[i * LENGTH]) {
                    y[i] = 1;
                }
            }
        }
        return new Tensor[] {Tensor.fromFlat(x, n, LENGTH), Tensor.fromFlat(y, n)};
    }

    static final class Model {
        final Embedding tokens = new Embedding(VOCAB, 32);
        final PositionEmbedding positions = new PositionEmbedding(LENGTH);
        final TransformerEncoder block = new TransformerEncoder(64, 4, 0, "relu", 1e-5, true, null);
        final Dense head = new Dense(2);

        Tensor embedded(Tensor x, boolean training) {
            Tensor e = tokens.call(x, training);
            return e.add(positions.call(e, training));
        }

        Tensor logits(Tensor x, boolean training) {
            Tensor h = block.call(embedded(x, training), training);
            return head.call(h.slice(1, 0, 1).reshape(h.dim(0), 32), training);
        }

        /** The block's attention weights [b, 4, 12, 12] (pre-LN: the heads read the normalised input). */
        Tensor weights(Tensor x) {
            Tensor n = block.attentionNorm().call(embedded(x, false), false);
            return block.attention().call(n, n, n, null, false, true, false).scores();
        }

        List<Variable> variables() {
            List<Variable> v = new ArrayList<>();
            for (Layer l : List.of(tokens, positions, block, head)) {
                v.addAll(l.trainableWeights());
            }
            return v;
        }
    }

    public static void main(String[] args) {
        Args a = Args.parse("transformer-classifier", args, "quick", "steps=", "out=");
        run(System.out, a.outDirOrNull(), a.steps(600, 100));
    }

    static Result run(PrintStream out, Path outDir, int steps) {
        Layer.resetNames();
        Rng.setGlobalSeed(3);
        Tensor[] test = data(new Rng(77), 1000);
        Model m = new Model();
        Adam adam = new Adam(3e-3);
        Rng batches = new Rng(5);
        List<Variable> vars = null;
        long t0 = System.nanoTime();
        out.printf(Locale.ROOT, "Does the first of %d tokens (from %d) appear again? One pre-LN TransformerEncoder block,"
                + " 4 heads, %d Adam steps of 64%n", LENGTH, VOCAB, steps);
        for (int s = 1; s <= steps; s++) {
            Tensor[] b = data(batches, 64);
            try (GradientTape tape = new GradientTape()) {
                Tensor loss = Losses.sparseCategoricalCrossEntropyWithLogits(b[1], m.logits(b[0], true));
                if (vars == null) {
                    vars = m.variables();
                }
                adam.apply(tape.gradient(loss, vars), vars);
                if (s % Math.max(1, steps / 4) == 0) {
                    out.printf(Locale.ROOT, "  step %4d: loss %.4f%n", s, loss.item());
                }
            }
        }
        long[] pred = m.logits(test[0], false).argmax(-1).toLongArray();
        long[] y = test[1].toLongArray();
        int ok = 0;
        int ones = 0;
        for (int i = 0; i < y.length; i++) {
            ok += pred[i] == y[i] ? 1 : 0;
            ones += (int) y[i];
        }
        double acc = ok / (double) y.length;
        double majority = Math.max(ones, y.length - ones) / (double) y.length;
        double bag = bagOfTokens(new Rng(5), test);
        // Position 0's attention (heads averaged) on the later positions holding its own token.
        double[] w = m.weights(test[0]).mean(new int[] {1}, false).cast(DType.FLOAT64).toDoubleArray(); // [n, 12, 12]
        long[] x = test[0].toLongArray();
        double match = 0;
        double chance = 0;
        int counted = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 0) {
                continue;
            }
            int same = 0;
            double s = 0;
            for (int j = 1; j < LENGTH; j++) {
                if (x[i * LENGTH + j] == x[i * LENGTH]) {
                    s += w[(i * LENGTH) * LENGTH + j];
                    same++;
                }
            }
            match += s;
            chance += same / (double) LENGTH;
            counted++;
        }
        match /= counted;
        chance /= counted;
        out.printf(Locale.ROOT, "test accuracy %.3f (majority class %.3f, bag of tokens %.3f), %.0f s%n", acc, majority,
                bag, (System.nanoTime() - t0) / 1e9);
        out.printf(Locale.ROOT, "position 0's attention on the later copies of its token: %.3f of its weight (%.3f if"
                + " spread evenly)%n", match, chance);
        if (outDir != null) {
            Tensor one = test[0].slice(0, 0, 1);
            double[] wt = m.weights(one).cast(DType.FLOAT64).toDoubleArray();
            List<HeatMap> maps = new ArrayList<>();
            for (int h = 0; h < 4; h++) {
                double[][] a = new double[LENGTH][LENGTH];
                for (int i = 0; i < LENGTH; i++) {
                    System.arraycopy(wt, (h * LENGTH + i) * LENGTH, a[i], 0, LENGTH);
                }
                maps.add(HeatMap.of(a).title("head " + (h + 1)).xLabel("key position").yLabel("query position")
                        .cellSize(16).positions(0));
            }
            out.println("saved " + HeatMap.panels("Attention maps for " + java.util.Arrays.toString(one.toLongArray()),
                    maps, 4, outDir.resolve("transformer-classifier-attention.png")));
        }
        boolean good = acc > Math.max(majority, bag) + 0.1 && match > 2 * chance;
        out.println(good ? "check: the Transformer beats both baselines and attends to the matching tokens: OK"
                : "check FAILED: the Transformer did not clearly beat the baselines or did not attend to the matches");
        return new Result(acc, majority, bag, match, chance);
    }

    /** Logistic regression on the 16 token counts, trained on 4,000 fresh sequences; test accuracy. */
    static double bagOfTokens(Rng rng, Tensor[] test) {
        Tensor[] tr = data(rng, 4000);
        Tensor xtr = counts(tr[0]);
        Tensor ytr = tr[1];
        Tensor w = Tensor.zeros(DType.FLOAT32, VOCAB, 2);
        Tensor b = Tensor.zeros(DType.FLOAT32, 2);
        for (int it = 0; it < 300; it++) {
            try (GradientTape tape = new GradientTape()) {
                tape.watch(w, b);
                Tensor loss = Losses.sparseCategoricalCrossEntropyWithLogits(ytr, xtr.matmul(w).add(b));
                List<Tensor> g = tape.gradient(loss, w, b);
                w = w.sub(g.get(0).mul(0.5));
                b = b.sub(g.get(1).mul(0.5));
            }
        }
        long[] p = counts(test[0]).matmul(w).add(b).argmax(-1).toLongArray();
        long[] y = test[1].toLongArray();
        int ok = 0;
        for (int i = 0; i < y.length; i++) {
            ok += p[i] == y[i] ? 1 : 0;
        }
        return ok / (double) y.length;
    }

    private static Tensor counts(Tensor x) {
        long[] v = x.toLongArray();
        int n = x.dim(0);
        float[] c = new float[n * VOCAB];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < LENGTH; t++) {
                c[i * VOCAB + (int) v[i * LENGTH + t]] += 1f / LENGTH;
            }
        }
        return Tensor.fromFlat(c, n, VOCAB);
    }
}
