package jgrad.samples.rnn;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Scope;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.recurrent.Embedding;
import jgrad.nn.layers.recurrent.LSTM;
import jgrad.nn.layers.recurrent.RecurrentCell;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.optimizers.Optimizer;
import jgrad.ops.Losses;
import jgrad.samples.Args;

/**
 * A character-level LSTM (Karpathy's char-rnn, small) on a public-domain text shipped with the
 * samples: the Constitution of the United States and the Declaration of Independence (54 KB, from
 * Debian's miscfiles package; {@code data/text/PROVENANCE.md} says where and why they are public
 * domain). Embedding(vocab, 32) -> LSTM(units, return_sequences) -> Dense(vocab) logits, trained
 * with Adam on windows of {@code seq} characters whose start shifts every epoch (truncated BPTT:
 * gradients stop at a window's start), the last 10% of the text held out. Each epoch prints the
 * training and held-out cross-entropy in nats per character and the held-out perplexity, beside
 * the unigram baseline (the entropy of the character frequencies, what a model that ignores
 * context can reach). Then it generates text from the prompt "We the People" by temperature
 * sampling, p_i proportional to exp(z_i / T), at T = 0.2 (nearly greedy: the likeliest phrases,
 * often looping), 0.5 and 1.0 (the model's own distribution: more varied, more misspelt).
 */
public final class CharLstm {
    private CharLstm() {}

    static final String[] FILES = {"text/us-constitution.txt", "text/us-declaration.txt"};
    static final String PROMPT = "We the People";
    static final double[] TEMPERATURES = {0.2, 0.5, 1.0};

    /** What one run measured, for the test. */
    record Result(int vocab, int trainChars, int heldOutChars, double unigramEntropy, double unigramHeldOut,
            double[] trainLoss, double[] heldOutLoss, Map<Double, String> samples) {
        double finalHeldOut() {
            return heldOutLoss[heldOutLoss.length - 1];
        }
    }

    /** The run's settings; {@link #defaults()} is the default run, {@link #quick()} the test's. */
    record Config(int units, int embedding, int seq, int batch, int epochs, double learningRate, int generate,
            long seed, int maxTrainChars) {
        static Config defaults() {
            return new Config(256, 32, 64, 32, 25, 3e-3, 300, 7, Integer.MAX_VALUE);
        }

        static Config quick() {
            return new Config(64, 16, 32, 32, 3, 1e-2, 80, 7, Integer.MAX_VALUE);
        }
    }

    /** The shipped texts joined by a blank line, with runs of more than one blank line made one. */
    static String text() {
        StringBuilder sb = new StringBuilder();
        for (String f : FILES) {
            try (InputStream in = CharLstm.class.getResourceAsStream("/data/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("char-lstm: the text /data/" + f + " is not on the class path;"
                            + " build the samples module (./jgrad build)");
                }
                if (!sb.isEmpty()) {
                    sb.append("\n\n");
                }
                sb.append(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sb.toString().replace("\r\n", "\n").replaceAll("[ \t]+\n", "\n").replaceAll("\n{3,}", "\n\n") + "\n";
    }

    static Result run(Config c, PrintStream out) {
        Rng.setGlobalSeed(c.seed());
        Layer.resetNames();
        Rng rng = new Rng(c.seed());
        String text = text();
        char[] vocab = vocabulary(text);
        Map<Character, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < vocab.length; i++) {
            index.put(vocab[i], i);
        }
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = index.get(text.charAt(i));
        }
        int split = (int) (ids.length * 0.9);
        int[] train = java.util.Arrays.copyOfRange(ids, 0, Math.min(split, c.maxTrainChars()));
        int[] heldOut = java.util.Arrays.copyOfRange(ids, split, ids.length);
        int v = vocab.length;

        // The unigram baseline: the entropy of the training characters' frequencies (nats), and
        // the same frequencies' cross-entropy on the held-out part.
        double[] freq = new double[v];
        for (int id : train) {
            freq[id]++;
        }
        double entropy = 0;
        for (int i = 0; i < v; i++) {
            freq[i] /= train.length;
            entropy -= freq[i] > 0 ? freq[i] * Math.log(freq[i]) : 0;
        }
        double unigramHeldOut = 0;
        for (int id : heldOut) {
            unigramHeldOut -= Math.log(Math.max(freq[id], 1.0 / train.length));
        }
        unigramHeldOut /= heldOut.length;

        Embedding embed = new Embedding(v, c.embedding());
        LSTM lstm = LSTM.builder(c.units()).returnSequences(true).build();
        Dense head = new Dense(v);
        Optimizer opt = new Adam(c.learningRate()).globalClipNorm(5.0);

        out.printf(Locale.ROOT, "char-lstm: %d characters of the US Constitution and Declaration of Independence"
                + " (public domain), %d distinct; %d to train on, %d held out%n", text.length(), v, train.length,
                heldOut.length);
        out.printf(Locale.ROOT, "model: Embedding(%d, %d) -> LSTM(%d, return_sequences) -> Dense(%d) logits;"
                + " windows of %d characters, batch %d, Adam %.0e, global clip norm 5, %d epochs, seed %d%n", v,
                c.embedding(), c.units(), v, c.seq(), c.batch(), c.learningRate(), c.epochs(), c.seed());
        out.printf(Locale.ROOT, "unigram baseline: entropy of the character frequencies %.4f nats/char (perplexity"
                + " %.2f); on the held-out text %.4f (perplexity %.2f)%n", entropy, Math.exp(entropy), unigramHeldOut,
                Math.exp(unigramHeldOut));

        double[] trainLoss = new double[c.epochs()];
        double[] heldLoss = new double[c.epochs()];
        List<Variable> vars = null;
        long start = System.nanoTime();
        for (int epoch = 0; epoch < c.epochs(); epoch++) {
            // A new window start each epoch, so every character is seen at every position in turn.
            int offset = rng.nextInt(c.seq());
            List<Integer> starts = new ArrayList<>();
            for (int s = offset; s + c.seq() + 1 <= train.length; s += c.seq()) {
                starts.add(s);
            }
            int[] perm = rng.permutation(starts.size());
            double sum = 0;
            int batches = 0;
            for (int b = 0; b + c.batch() <= perm.length; b += c.batch()) {
                int[] chosen = new int[c.batch()];
                for (int i = 0; i < c.batch(); i++) {
                    chosen[i] = starts.get(perm[b + i]);
                }
                Tensor[] xy = windows(train, chosen, c.seq());
                try (GradientTape tape = new GradientTape()) {
                    Tensor logits = head.call(lstm.call(embed.call(xy[0]), true));
                    Tensor loss = Losses.sparseCategoricalCrossEntropyWithLogits(xy[1], logits);
                    if (vars == null) {
                        vars = new ArrayList<>(embed.trainableWeights());
                        vars.addAll(lstm.trainableWeights());
                        vars.addAll(head.trainableWeights());
                    }
                    opt.apply(tape.gradient(loss, vars), vars);
                    sum += loss.item();
                    batches++;
                }
            }
            trainLoss[epoch] = sum / batches;
            heldLoss[epoch] = evaluate(embed, lstm, head, heldOut, c.seq());
            out.printf(Locale.ROOT, "epoch %2d: train %.4f nats/char, held-out %.4f (perplexity %.2f, %.3f bits/char)"
                    + "  %.0f s%n", epoch + 1, trainLoss[epoch], heldLoss[epoch], Math.exp(heldLoss[epoch]),
                    heldLoss[epoch] / Math.log(2), (System.nanoTime() - start) / 1e9);
        }
        out.printf(Locale.ROOT, "held-out cross-entropy %.4f nats/char against the unigram model's %.4f: the LSTM"
                + " uses the preceding characters%n%n", heldLoss[c.epochs() - 1], unigramHeldOut);

        Map<Double, String> samples = new LinkedHashMap<>();
        for (double temperature : TEMPERATURES) {
            Rng sampler = new Rng(c.seed() + 1000);
            String s = generate(embed, lstm, head, index, vocab, PROMPT, c.generate(), temperature, sampler);
            samples.put(temperature, s);
            out.printf(Locale.ROOT, "--- T = %.1f ---%n%s%n%n", temperature, s);
        }
        return new Result(v, train.length, heldOut.length, entropy, unigramHeldOut, trainLoss, heldLoss, samples);
    }

    /** The distinct characters of {@code text}, sorted. */
    static char[] vocabulary(String text) {
        TreeSet<Character> set = new TreeSet<>();
        for (int i = 0; i < text.length(); i++) {
            set.add(text.charAt(i));
        }
        char[] v = new char[set.size()];
        int i = 0;
        for (char ch : set) {
            v[i++] = ch;
        }
        return v;
    }

    /** Inputs ids[s .. s+seq) and next-character targets ids[s+1 .. s+seq] for each start, as int64 [n, seq]. */
    static Tensor[] windows(int[] ids, int[] starts, int seq) {
        long[] x = new long[starts.length * seq];
        long[] y = new long[starts.length * seq];
        for (int i = 0; i < starts.length; i++) {
            for (int t = 0; t < seq; t++) {
                x[i * seq + t] = ids[starts[i] + t];
                y[i * seq + t] = ids[starts[i] + t + 1];
            }
        }
        return new Tensor[] {Tensor.fromFlat(x, starts.length, seq), Tensor.fromFlat(y, starts.length, seq)};
    }

    /** Mean cross-entropy (nats/char) over consecutive windows of the held-out text, each started from zero states. */
    @SuppressWarnings("try") // the scope pauses recording; its variable is not otherwise used
    static double evaluate(Embedding embed, LSTM lstm, Dense head, int[] ids, int seq) {
        List<Integer> starts = new ArrayList<>();
        for (int s = 0; s + seq + 1 <= ids.length; s += seq) {
            starts.add(s);
        }
        int[] all = starts.stream().mapToInt(Integer::intValue).toArray();
        Tensor[] xy = windows(ids, all, seq);
        try (Scope quiet = GradientTape.noGrad()) {
            Tensor logits = head.call(lstm.call(embed.call(xy[0])));
            return Losses.sparseCategoricalCrossEntropyWithLogits(xy[1], logits).item();
        }
    }

    /**
     * Feeds {@code prompt} through the trained layers one character at a time (the LSTM's cell
     * with its states carried), then samples {@code n} more characters at {@code temperature}.
     */
    @SuppressWarnings("try")
    static String generate(Embedding embed, LSTM lstm, Dense head, Map<Character, Integer> index, char[] vocab,
            String prompt, int n, double temperature, Rng rng) {
        RecurrentCell cell = lstm.cell();
        StringBuilder sb = new StringBuilder(prompt);
        try (Scope quiet = GradientTape.noGrad()) {
            List<Tensor> states = cell.zeroStates(1);
            Tensor logits = null;
            int next = -1;
            for (int i = 0; i < prompt.length() + n; i++) {
                int id;
                if (i < prompt.length()) {
                    Integer known = index.get(prompt.charAt(i));
                    if (known == null) {
                        throw new IllegalArgumentException("char-lstm: the prompt's character '" + prompt.charAt(i)
                                + "' is not in the text's vocabulary");
                    }
                    id = known;
                } else {
                    id = next;
                    sb.append(vocab[id]);
                }
                RecurrentCell.Output o = cell.call(embed.call(Tensor.fromFlat(new long[] {id}, 1)), states);
                states = o.states();
                logits = head.call(o.output());
                next = sample(logits.toDoubleArray(), temperature, rng);
            }
        }
        return sb.toString();
    }

    /** Draws index i with probability exp(z_i / T) / sum_j exp(z_j / T). */
    static int sample(double[] logits, double temperature, Rng rng) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp((logits[i] - max) / temperature);
            sum += p[i];
        }
        double u = rng.nextDouble() * sum;
        for (int i = 0; i < p.length; i++) {
            u -= p[i];
            if (u <= 0) {
                return i;
            }
        }
        return p.length - 1;
    }

    public static void main(String[] args) {
        Args a = Args.parse("char-lstm", args, "quick", "epochs=", "units=", "seq=", "batch=", "lr=", "length=",
                "seed=");
        Config d = a.quick() ? Config.quick() : Config.defaults();
        Config c = new Config(a.positive("units", d.units()), d.embedding(), a.positive("seq", d.seq()),
                a.positive("batch", d.batch()), a.positive("epochs", d.epochs()), a.doubleValue("lr", d.learningRate()),
                a.positive("length", d.generate()), a.longValue("seed", d.seed()), d.maxTrainChars());
        run(c, System.out);
    }
}
