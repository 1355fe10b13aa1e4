package jgrad.samples.rnn;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.recurrent.LSTM;
import jgrad.nn.layers.recurrent.SimpleRNN;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.optimizers.Optimizer;
import jgrad.nn.optimizers.SGD;
import jgrad.samples.Args;

/**
 * Long sequences, two ways BPTT is kept in hand. (1) Truncated BPTT: a series of 8 x 1,000 steps
 * is learnt in chunks of 20 by a stateful LSTM in a GradientTape loop; the states run on from
 * chunk to chunk (detached, so gradients stop at the chunk's start) and are reset each epoch.
 * The same model trained with its states reset every chunk starts each chunk cold, which shows
 * in its error on the first steps of each chunk. (2) Exploding gradients: a SimpleRNN whose
 * recurrent kernel starts at 1.1 x orthogonal, trained by SGD on 100-step sequences, once plainly
 * and once with the optimizer's globalClipNorm(1) (Keras's global_clipnorm).
 * (The recurrence is linear so that the growth is w^t, note 002's factor; a tanh one saturates.)
 */
public final class TruncatedBptt {
    private TruncatedBptt() {}

    static final int STREAMS = 8;
    static final int CHUNK = 20;

    record Result(double statefulMse, double resetMse, double statefulEarlyMse, double resetEarlyMse,
            double plainMaxNorm, double plainFinalLoss, double clippedMaxNorm, double clippedFinalLoss,
            double zeroLoss) {}

    /** A series with a slow component (period 97) a 20-step window cannot pin down, plus a fast one and noise. */
    static double[] series(int n, Rng rng) {
        double[] v = new double[n];
        for (int t = 0; t < n; t++) {
            v[t] = Math.sin(2 * Math.PI * t / 97.0) + 0.5 * Math.sin(2 * Math.PI * t / 13.0) + 0.05 * rng.nextGaussian();
        }
        return v;
    }

    /** [streams, len, 1] inputs and next-step targets from consecutive segments of v. */
    static Tensor[] streams(double[] v, int streams) {
        int len = (v.length - 1) / streams;
        float[] x = new float[streams * len];
        float[] y = new float[streams * len];
        for (int s = 0; s < streams; s++) {
            for (int t = 0; t < len; t++) {
                x[s * len + t] = (float) v[s * len + t];
                y[s * len + t] = (float) v[s * len + t + 1];
            }
        }
        return new Tensor[] {Tensor.fromFlat(x, streams, len, 1), Tensor.fromFlat(y, streams, len, 1)};
    }

    /** Trains a stateful LSTM chunk by chunk; {@code carry} false resets its states before every chunk. */
    static double[] trainAndTest(boolean carry, int epochs, long seed, PrintStream out) {
        Rng.setGlobalSeed(seed);
        Layer.resetNames();
        Rng rng = new Rng(seed);
        Tensor[] train = streams(series(8 * 1000 + 1, rng), STREAMS);
        Tensor[] test = streams(series(8 * 300 + 1, rng), STREAMS);
        LSTM lstm = LSTM.builder(32).returnSequences(true).stateful(true).build();
        Dense head = new Dense(1);
        Optimizer opt = new Adam(3e-3).globalClipNorm(1.0);
        int len = train[0].dim(1);
        List<Variable> vars = null;
        for (int epoch = 0; epoch < epochs; epoch++) {
            lstm.resetStates();
            double sum = 0;
            int chunks = 0;
            for (int start = 0; start + CHUNK <= len; start += CHUNK) {
                if (!carry) {
                    lstm.resetStates();
                }
                Tensor xc = train[0].slice(1, start, start + CHUNK);
                Tensor yc = train[1].slice(1, start, start + CHUNK);
                try (GradientTape tape = new GradientTape()) {
                    Tensor loss = head.call(lstm.call(xc, true)).sub(yc).square().mean();
                    if (vars == null) {
                        vars = new java.util.ArrayList<>(lstm.trainableWeights());
                        vars.addAll(head.trainableWeights());
                    }
                    opt.apply(tape.gradient(loss, vars), vars);
                    sum += loss.item();
                    chunks++;
                }
            }
            if (epoch == epochs - 1 || epoch % 5 == 0) {
                out.printf(Locale.ROOT, "  %s epoch %2d: training MSE %.4f over %d chunks of %d steps x %d streams%n",
                        carry ? "carried states" : "reset states  ", epoch + 1, sum / chunks, chunks, CHUNK, STREAMS);
            }
        }
        // Test the same way as trained: states carried through, or reset every CHUNK steps.
        lstm.resetStates();
        int testLen = test[0].dim(1);
        double se = 0;
        double early = 0;
        int n = 0;
        int nEarly = 0;
        for (int start = 0; start + CHUNK <= testLen; start += CHUNK) {
            if (!carry) {
                lstm.resetStates();
            }
            Tensor err = head.call(lstm.call(test[0].slice(1, start, start + CHUNK))).sub(test[1].slice(1, start,
                    start + CHUNK)).square();
            se += err.sum().item();
            n += err.size();
            early += err.slice(1, 0, 3).sum().item();
            nEarly += err.slice(1, 0, 3).size();
        }
        return new double[] {se / n, early / nEarly};
    }

    /** SGD on 100-step sequences of a sum task with an exploding SimpleRNN; returns {max gradient norm, final loss}. */
    static double[] exploding(boolean clip, int steps, long seed) {
        Rng.setGlobalSeed(seed);
        Layer.resetNames();
        Rng rng = new Rng(seed);
        // A linear recurrence with gain 1.1: over 100 steps the gradient grows like 1.1^100 = 1.4e4.
        SimpleRNN rnn = SimpleRNN.builder(16).activation("linear").recurrentInitializer(Initializers.orthogonal(1.1, seed))
                .build();
        Dense head = new Dense(1);
        Optimizer opt = new SGD(0.05);
        if (clip) {
            opt.globalClipNorm(1.0);
        }
        Tensor x = Tensor.randomUniform(rng, -0.1, 0.1, 64, 100, 1);
        Tensor y = x.slice(1, 90, 100).sum(new int[] {1}, false);
        head.call(rnn.call(x));
        List<Variable> vars = new java.util.ArrayList<>(rnn.trainableWeights());
        vars.addAll(head.trainableWeights());
        double maxNorm = 0;
        double last = Double.NaN;
        for (int s = 0; s < steps; s++) {
            try (GradientTape tape = new GradientTape()) {
                Tensor loss = head.call(rnn.call(x, true)).sub(y).square().mean();
                List<Tensor> g = tape.gradient(loss, vars);
                double sq = 0;
                for (Tensor t : g) {
                    sq += t.square().sum().item();
                }
                maxNorm = Math.max(maxNorm, Math.sqrt(sq));
                opt.apply(g, vars);
                last = loss.item();
            }
        }
        return new double[] {maxNorm, last, y.square().mean().item()};
    }

    static Result run(int epochs, int sgdSteps, long seed, PrintStream out) {
        out.println("(1) truncated BPTT: a stateful LSTM(32) learns 8 streams of 1,000 steps in chunks of " + CHUNK);
        double[] carried = trainAndTest(true, epochs, seed, out);
        double[] reset = trainAndTest(false, epochs, seed, out);
        out.printf(Locale.ROOT, "  test one-step MSE: states carried %.4f, reset every chunk %.4f;"
                + " on the first 3 steps of each chunk: %.4f vs %.4f%n", carried[0], reset[0], carried[1], reset[1]);
        out.println();
        out.println("(2) exploding gradients: linear SimpleRNN(16), recurrent kernel 1.1 x orthogonal, 100 steps, SGD 0.05,"
                + " target the sum of the last 10 inputs");
        double[] plain = exploding(false, sgdSteps, seed);
        double[] clipped = exploding(true, sgdSteps, seed);
        out.printf(Locale.ROOT, "  no clipping:          largest gradient norm %.3g, loss after %d steps %.4g%n", plain[0],
                sgdSteps, plain[1]);
        out.printf(Locale.ROOT, "  (predicting 0 gives loss %.4g)%n", plain[2]);
        out.printf(Locale.ROOT, "  globalClipNorm(1.0):  largest gradient norm %.3g (applied at most 1), loss %.4g%n",
                clipped[0], clipped[1]);
        return new Result(carried[0], reset[0], carried[1], reset[1], plain[0], plain[1], clipped[0], clipped[1],
                plain[2]);
    }

    public static void main(String[] args) {
        Args a = Args.parse("truncated-bptt", args, "quick", "epochs=", "steps=", "seed=");
        run(a.positive("epochs", a.quick() ? 3 : 15), a.positive("steps", 150), a.longValue("seed", 1),
                System.out);
    }
}
