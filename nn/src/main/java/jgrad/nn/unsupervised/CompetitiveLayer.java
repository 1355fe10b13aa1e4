package jgrad.nn.unsupervised;

import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;

/**
 * Winner-take-all competitive learning (Rumelhart &amp; Zipser 1985; Kohonen's rule; Hagan et al.,
 * ch. 16): the units compete for each input, and only the winner moves towards it,
 *
 * <pre>
 *   n = W p                      (Similarity.DOT, on normalised vectors)
 *   n_i = -||p - w_i||^2          (Similarity.EUCLIDEAN: the nearest unit wins)
 *   c = argmax_i (n_i + b_i)      (b = 0 without a conscience)
 *   w_c &lt;- w_c + alpha (p - w_c)
 * </pre>
 *
 * A unit that starts far from every input never wins and never moves (a dead unit). DeSieno's
 * conscience (ICNN 1988) fixes it: each unit keeps its winning frequency
 * {@code f_i <- f_i + beta (y_i - f_i)} and gets a bias {@code b_i = C (1/N - f_i)}, so units that
 * win too often are held back and a unit that never wins is eventually let in. The bias is used
 * only while training; {@link #predict} is the plain nearest (or largest-net) unit.
 */
public final class CompetitiveLayer extends OnlineLearner {
    /** How a unit's net input is measured. */
    public enum Similarity {
        /** {@code n = W p}: largest inner product wins (on normalised inputs and weights, the smallest angle). */
        DOT,
        /** {@code n_i = -||p - w_i||^2}: the nearest weight vector wins. */
        EUCLIDEAN
    }

    /** How the weights start when none are set before the first fit. */
    public enum Init {
        /** Uniform between each feature's minimum and maximum in the data. */
        UNIFORM,
        /** Distinct random samples of the data. */
        SAMPLES
    }

    private final int units;
    private final int inputs;
    private final double learningRate;
    private final Similarity similarity;
    private final Init init;
    private final long seed;
    private final double conscienceBeta;
    private final double conscienceC;
    private Tensor frequency;
    private Tensor bias;
    private long[] wins;

    private CompetitiveLayer(Builder b) {
        super("CompetitiveLayer");
        atLeastOne("CompetitiveLayer", "units", b.units);
        atLeastOne("CompetitiveLayer", "inputs", b.inputs);
        positive("CompetitiveLayer", "learningRate", b.learningRate);
        if (b.learningRate > 1) {
            throw new IllegalArgumentException("CompetitiveLayer: learningRate must be in (0, 1], got " + b.learningRate);
        }
        this.units = b.units;
        this.inputs = b.inputs;
        this.learningRate = b.learningRate;
        this.similarity = b.similarity;
        this.init = b.init;
        this.seed = b.seed;
        this.conscienceBeta = b.conscienceBeta;
        this.conscienceC = b.conscienceC;
        this.wins = new long[units];
        resetConscience();
    }

    public static Builder builder(int units, int inputs) {
        return new Builder(units, inputs);
    }

    @Override
    public int units() {
        return units;
    }

    @Override
    public int inputs() {
        return inputs;
    }

    public boolean hasConscience() {
        return conscienceBeta > 0;
    }

    /** The conscience bias {@code b} ({@code [units]}); zeros without a conscience. */
    public Tensor bias() {
        return bias;
    }

    /** How many times each unit has won while training. */
    public long[] wins() {
        return wins.clone();
    }

    private void resetConscience() {
        // Every unit starts at the fair share 1/N, so every bias starts at 0.
        frequency = Tensor.full(DType.FLOAT64, 1.0 / units, units);
        bias = Tensor.zeros(DType.FLOAT64, units);
    }

    /** The net input of every unit to one sample, {@code [units]} (see the class comment). */
    public Tensor net(Tensor p) {
        requireWeights("net");
        Tensor pp = checkSample("net", "p", p);
        if (similarity == Similarity.DOT) {
            return weights.matmul(pp.reshape(inputs, 1)).reshape(units);
        }
        return pp.sub(weights).square().sum(1).neg();
    }

    @Override
    protected void beforeFit(Tensor x) {
        if (weights == null) {
            weights = initialWeights(x, units, init, new Rng(seed));
        }
    }

    static Tensor initialWeights(Tensor x, int units, Init init, Rng rng) {
        int d = x.dim(1);
        if (init == Init.SAMPLES) {
            if (units > x.dim(0)) {
                throw new IllegalArgumentException("Init.SAMPLES needs at least as many samples as units: " + units
                        + " units, " + x.dim(0) + " samples");
            }
            int[] perm = rng.permutation(x.dim(0));
            long[] pick = new long[units];
            for (int i = 0; i < units; i++) {
                pick[i] = perm[i];
            }
            return x.gather(Tensor.of(pick), 0).contiguous();
        }
        Tensor lo = x.min(0);
        Tensor hi = x.max(0);
        Tensor u = Tensor.randomUniform(rng, DType.FLOAT64, 0, 1, units, d);
        return lo.add(u.mul(hi.sub(lo))).contiguous();
    }

    @Override
    protected void learn(Tensor p) {
        Tensor n = net(p);
        int c = (int) n.add(bias).argmax(0).item();
        wins[c]++;
        Tensor y = Tensor.of(new long[] {c}).oneHot(units).reshape(units).cast(DType.FLOAT64);
        // w_c <- w_c + alpha (p - w_c): only the winner's row of the update is non-zero.
        weights = weights.add(y.reshape(units, 1).mul(p.reshape(1, inputs).sub(weights)).mul(learningRate));
        if (conscienceBeta > 0) {
            // f <- f + beta (y - f);  b = C (1/N - f)
            frequency = frequency.add(y.sub(frequency).mul(conscienceBeta));
            bias = frequency.neg().add(1.0 / units).mul(conscienceC);
        }
    }

    /** The winning unit (no conscience bias) of each row of {@code x}, int64 {@code [samples]}. */
    public Tensor predict(Tensor x) {
        requireWeights("predict");
        Tensor data = checkData("predict", "x", x);
        Tensor n;
        if (similarity == Similarity.DOT) {
            n = data.matmul(weights, false, true);
        } else {
            n = SelfOrganizingMap.squaredDistances(data, weights).neg();
        }
        return n.argmax(1);
    }

    /** Sum over the samples of the squared distance to the winning unit (k-means' inertia). */
    public double inertia(Tensor x) {
        requireWeights("inertia");
        Tensor data = checkData("inertia", "x", x);
        Tensor d2 = SelfOrganizingMap.squaredDistances(data, weights);
        return d2.mul(predict(data).oneHot(units).cast(DType.FLOAT64)).sum().item();
    }

    /** Units that win no row of {@code x}. */
    public int deadUnits(Tensor x) {
        long[] w = predict(x).toLongArray();
        boolean[] hit = new boolean[units];
        for (long u : w) {
            hit[(int) u] = true;
        }
        int dead = 0;
        for (boolean h : hit) {
            dead += h ? 0 : 1;
        }
        return dead;
    }

    /**
     * Cluster purity: each unit's samples counted for its most common label, summed and divided
     * by the number of samples (1 is perfect; a unit that merges two classes lowers it).
     */
    public double purity(Tensor x, Tensor labels) {
        return Purity.of(predict(x).toLongArray(), labels, units, "CompetitiveLayer.purity");
    }

    private void requireWeights(String method) {
        if (weights == null) {
            throw new IllegalStateException("CompetitiveLayer." + method + ": the weights are not set; call fit or"
                    + " setWeights first");
        }
    }

    @Override
    protected Map<String, Double> epochLogs(Tensor x) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("inertia", inertia(x));
        m.put("dead_units", (double) deadUnits(x));
        return m;
    }

    /** CompetitiveLayer's arguments. */
    public static final class Builder {
        private final int units;
        private final int inputs;
        private double learningRate = 0.05;
        private Similarity similarity = Similarity.EUCLIDEAN;
        private Init init = Init.SAMPLES;
        private long seed;
        private double conscienceBeta;
        private double conscienceC;

        private Builder(int units, int inputs) {
            this.units = units;
            this.inputs = inputs;
        }

        /** Kohonen's alpha in (0, 1]; 0.05 by default. */
        public Builder learningRate(double alpha) {
            this.learningRate = alpha;
            return this;
        }

        public Builder similarity(Similarity similarity) {
            this.similarity = java.util.Objects.requireNonNull(similarity, "similarity");
            return this;
        }

        /** How the weights start if none are set before fit (SAMPLES by default). */
        public Builder init(Init init) {
            this.init = java.util.Objects.requireNonNull(init, "init");
            return this;
        }

        /** Seed of the initial weights. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * DeSieno's conscience: frequency rate {@code beta} in (0, 1) and bias factor {@code c} > 0
         * (DeSieno used beta 1e-4 and C 10; faster rates suit short runs).
         */
        public Builder conscience(double beta, double c) {
            if (!(beta > 0 && beta < 1)) {
                throw new IllegalArgumentException("CompetitiveLayer: conscience beta must be in (0, 1), got " + beta);
            }
            positive("CompetitiveLayer", "conscience c", c);
            this.conscienceBeta = beta;
            this.conscienceC = c;
            return this;
        }

        public CompetitiveLayer build() {
            return new CompetitiveLayer(this);
        }
    }
}
