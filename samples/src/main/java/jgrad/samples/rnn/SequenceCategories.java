package jgrad.samples.rnn;

import java.io.PrintStream;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.recurrent.Bidirectional;
import jgrad.nn.layers.recurrent.LSTM;
import jgrad.nn.layers.recurrent.Masking;
import jgrad.nn.layers.recurrent.RepeatVector;
import jgrad.nn.layers.recurrent.TimeDistributed;
import jgrad.nn.optimizers.Adam;
import jgrad.samples.Args;

/**
 * Note 002, 6.3: the four sequence-model categories as small models on synthetic tasks, each
 * built from the Keras pieces the note names (return_sequences, RepeatVector, TimeDistributed):
 * many-to-one (is a variable-length token sequence "positive"? padded, with Masking),
 * one-to-many (a class to a sine wave of its frequency), many-to-many with T_x = T_y (tag each
 * token that repeats the one before it) and an encoder-decoder with T_x != T_y (6 digits in, the
 * last 3 reversed out).
 */
public final class SequenceCategories {
    private SequenceCategories() {}

    /** Test accuracies (or MSE for one-to-many) of the four models. */
    record Result(double manyToOne, double oneToManyMse, double oneToManyBaseline, double tagging,
            double encoderDecoderTokens, double encoderDecoderSequences) {}

    static final int VOCAB = 6;

    private static Tensor oneHot(long[] ids, int... shape) {
        return Tensor.fromFlat(ids, shape).oneHot(VOCAB);
    }

    /** Many-to-one: tokens 1-2 count +1, 3-4 count -1, 5 is neutral, 0 is padding; label 1 if the sum is > 0. */
    static double manyToOne(int n, int epochs, Rng rng, PrintStream out) {
        int maxLen = 12;
        Tensor[] train = sentiment(n, maxLen, rng);
        Tensor[] test = sentiment(500, maxLen, rng);
        Sequential m = new Sequential(Input.of(maxLen, VOCAB)).add(new Masking()).add(new LSTM(16))
                .add(new Dense(1, "sigmoid"));
        m.compile(new Adam(0.01), "binary_crossentropy");
        m.fit(train[0], train[1], FitOptions.builder().epochs(epochs).batchSize(32).verbose(0).build());
        double[] p = m.predict(test[0]).toDoubleArray();
        double[] y = test[1].toDoubleArray();
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            right += (p[i] > 0.5) == (y[i] > 0.5) ? 1 : 0;
        }
        double acc = right / (double) p.length;
        out.printf(Locale.ROOT, "many-to-one   (T_x 3-12 padded + Masking, T_y 1)  LSTM(16) -> Dense(1, sigmoid):"
                + "            test accuracy %.3f%n", acc);
        return acc;
    }

    private static Tensor[] sentiment(int n, int maxLen, Rng rng) {
        long[] ids = new long[n * maxLen];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int len;
            int score;
            do {
                len = 3 + rng.nextInt(maxLen - 2);
                score = 0;
                for (int t = 0; t < maxLen; t++) {
                    long tok = t < len ? 1 + rng.nextInt(VOCAB - 1) : 0;
                    ids[i * maxLen + t] = tok;
                    score += tok == 1 || tok == 2 ? 1 : tok == 3 || tok == 4 ? -1 : 0;
                }
            } while (score == 0);
            y[i] = score > 0 ? 1 : 0;
        }
        // Padding rows are all zeros after one-hot of id 0 is dropped: Masking skips them.
        Tensor x = oneHot(ids, n, maxLen);
        Tensor notPad = Tensor.fromFlat(ids, n, maxLen).cast(jgrad.core.DType.FLOAT32).greater(0.5)
                .cast(jgrad.core.DType.FLOAT32).reshape(n, maxLen, 1);
        return new Tensor[] {x.mul(notPad), Tensor.fromFlat(y, n, 1)};
    }

    /** One-to-many: class k of 4 to sin(2 pi (k + 1) t / 16) for t = 0..15. */
    static double[] oneToMany(int epochs, PrintStream out) {
        int steps = 16;
        int classes = 4;
        float[] x = new float[classes * classes];
        float[] y = new float[classes * steps];
        for (int k = 0; k < classes; k++) {
            x[k * classes + k] = 1;
            for (int t = 0; t < steps; t++) {
                y[k * steps + t] = (float) Math.sin(2 * Math.PI * (k + 1) * t / steps);
            }
        }
        Tensor tx = Tensor.fromFlat(x, classes, classes);
        Tensor ty = Tensor.fromFlat(y, classes, steps, 1);
        Sequential m = new Sequential(Input.of(classes)).add(new RepeatVector(steps))
                .add(LSTM.builder(32).returnSequences(true).build()).add(new TimeDistributed(new Dense(1)));
        m.compile(new Adam(0.01), "mse");
        m.fit(tx, ty, FitOptions.builder().epochs(epochs).batchSize(4).verbose(0).build());
        double mse = m.predict(tx).sub(ty).square().mean().item();
        double baseline = ty.square().mean().item();
        out.printf(Locale.ROOT, "one-to-many   (T_x 1, T_y 16)  RepeatVector -> LSTM(32, sequences) -> TimeDistributed"
                + "(Dense): MSE %.4f (predicting 0: %.4f)%n", mse, baseline);
        return new double[] {mse, baseline};
    }

    /** Many-to-many, equal lengths: tag 1 where a token equals the one before it. */
    static double tagging(int n, int epochs, Rng rng, PrintStream out) {
        int steps = 10;
        Tensor[] train = repeats(n, steps, rng);
        Tensor[] test = repeats(500, steps, rng);
        Sequential m = new Sequential(Input.of(steps, VOCAB)).add(LSTM.builder(16).returnSequences(true).build())
                .add(new TimeDistributed(new Dense(1, "sigmoid")));
        m.compile(new Adam(0.01), "binary_crossentropy");
        m.fit(train[0], train[1], FitOptions.builder().epochs(epochs).batchSize(32).verbose(0).build());
        double[] p = m.predict(test[0]).toDoubleArray();
        double[] y = test[1].toDoubleArray();
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            right += (p[i] > 0.5) == (y[i] > 0.5) ? 1 : 0;
        }
        double acc = right / (double) p.length;
        out.printf(Locale.ROOT, "many-to-many  (T_x = T_y = 10)  LSTM(16, sequences) -> TimeDistributed(Dense(1)):"
                + "      per-token accuracy %.3f%n", acc);
        return acc;
    }

    private static Tensor[] repeats(int n, int steps, Rng rng) {
        long[] ids = new long[n * steps];
        float[] y = new float[n * steps];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < steps; t++) {
                // Repeats are made common (a third of the steps) so both tags are frequent.
                long tok = t > 0 && rng.nextDouble() < 0.35 ? ids[i * steps + t - 1] : rng.nextInt(VOCAB);
                ids[i * steps + t] = tok;
                y[i * steps + t] = t > 0 && tok == ids[i * steps + t - 1] ? 1 : 0;
            }
        }
        return new Tensor[] {oneHot(ids, n, steps), Tensor.fromFlat(y, n, steps, 1)};
    }

    /** Encoder-decoder, T_x = 6, T_y = 3: the last three input digits in reverse order. */
    static double[] encoderDecoder(int n, int epochs, Rng rng, PrintStream out) {
        int tx = 6;
        int ty = 3;
        Tensor[] train = reversal(n, tx, ty, rng);
        Tensor[] test = reversal(500, tx, ty, rng);
        Sequential m = new Sequential(Input.of(tx, VOCAB)).add(new Bidirectional(new LSTM(32)))
                .add(new RepeatVector(ty)).add(LSTM.builder(32).returnSequences(true).build())
                .add(new TimeDistributed(new Dense(VOCAB, "softmax")));
        m.compile(new Adam(0.01), "categorical_crossentropy");
        m.fit(train[0], train[1], FitOptions.builder().epochs(epochs).batchSize(32).verbose(0).build());
        Tensor pred = m.predict(test[0]).argmax(2);
        Tensor want = test[1].argmax(2);
        long[] p = pred.toLongArray();
        long[] w = want.toLongArray();
        int tokens = 0;
        int sequences = 0;
        for (int i = 0; i < 500; i++) {
            boolean all = true;
            for (int t = 0; t < ty; t++) {
                boolean ok = p[i * ty + t] == w[i * ty + t];
                tokens += ok ? 1 : 0;
                all &= ok;
            }
            sequences += all ? 1 : 0;
        }
        double tokAcc = tokens / (500.0 * ty);
        double seqAcc = sequences / 500.0;
        out.printf(Locale.ROOT, "encoder-decoder (T_x 6, T_y 3)  Bidirectional(LSTM) -> RepeatVector(3) -> LSTM ->"
                + " softmax: token accuracy %.3f, whole sequences %.3f%n", tokAcc, seqAcc);
        return new double[] {tokAcc, seqAcc};
    }

    private static Tensor[] reversal(int n, int tx, int ty, Rng rng) {
        long[] in = new long[n * tx];
        long[] outIds = new long[n * ty];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < tx; t++) {
                in[i * tx + t] = rng.nextInt(VOCAB);
            }
            for (int t = 0; t < ty; t++) {
                outIds[i * ty + t] = in[i * tx + tx - 1 - t];
            }
        }
        return new Tensor[] {oneHot(in, n, tx), oneHot(outIds, n, ty)};
    }

    static Result run(int n, int epochs, long seed, PrintStream out) {
        Rng.setGlobalSeed(seed);
        Layer.resetNames();
        Rng rng = new Rng(seed);
        out.println("Note 002, 6.3: sequence-model categories on synthetic tasks (" + n + " training sequences each)");
        double a = manyToOne(n, epochs, rng, out);
        double[] b = oneToMany(epochs * 40, out);
        double c = tagging(n, epochs, rng, out);
        double[] d = encoderDecoder(n, epochs * 2, rng, out);
        return new Result(a, b[0], b[1], c, d[0], d[1]);
    }

    public static void main(String[] args) {
        Args a = Args.parse("sequence-categories", args, "quick", "epochs=", "n=", "seed=");
        run(a.positive("n", a.quick() ? 500 : 2000), a.positive("epochs", a.quick() ? 5 : 15), a.longValue("seed", 1),
                System.out);
    }
}
