package jgrad.nn.unsupervised;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;

/**
 * Kohonen's self-organising map (Biol. Cybern. 43, 1982): units on a 2-D grid, each with a weight
 * vector in the data space. For each sample the best-matching unit (BMU) wins and it and its grid
 * neighbours move towards the sample, so neighbouring units come to represent neighbouring data:
 *
 * <pre>
 *   c   = argmin_i ||x - w_i||                               (the best-matching unit)
 *   h_i = exp(-||r_c - r_i||^2 / (2 sigma(t)^2))             (Gaussian; bubble: 1 if ||r_c - r_i|| &lt;= sigma)
 *   w_i &lt;- w_i + alpha(t) h_i (x - w_i)
 * </pre>
 *
 * where {@code r_i} is unit i's position on the grid, and sigma and alpha decay from their start
 * to their end value over the fit (linearly or exponentially). The batch map (Kohonen 1993) sets
 * every weight once per epoch to the neighbourhood-weighted mean of the data,
 * {@code w_i = sum_j h_{c(j), i} x_j / sum_j h_{c(j), i}}, with no learning rate.
 *
 * <pre>{@code
 * SelfOrganizingMap som = SelfOrganizingMap.builder(10, 10, 4).sigma(3, 0.5).learningRate(0.5, 0.01)
 *         .seed(0).build();
 * som.fit(x, FitOptions.builder().epochs(34).seed(0).build());
 * double qe = som.quantizationError(x), te = som.topographicError(x);
 * Tensor units = som.predict(x);          // the best-matching unit of each sample, row * cols + col
 * }</pre>
 *
 * Units are numbered row by row. On a hexagonal grid odd rows sit half a unit to the right and
 * rows are sqrt(3)/2 apart, so every inner unit has six neighbours at distance 1.
 */
public final class SelfOrganizingMap extends OnlineLearner {
    /** How the units are laid out. */
    public enum Topology {
        RECTANGULAR,
        HEXAGONAL
    }

    /** The neighbourhood function h. */
    public enum Neighborhood {
        /** {@code exp(-d^2 / (2 sigma^2))}. */
        GAUSSIAN,
        /** 1 within grid distance sigma, 0 outside. */
        BUBBLE
    }

    /** How sigma and the learning rate go from their start to their end value. */
    public enum Decay {
        /** {@code start + (end - start) t}. */
        LINEAR,
        /** {@code start (end / start)^t}. */
        EXPONENTIAL
    }

    /** How the weights start: uniform within the data's range per feature, or random samples. */
    public enum Init {
        UNIFORM,
        SAMPLES
    }

    private final int rows;
    private final int cols;
    private final int inputs;
    private final Topology topology;
    private final Neighborhood neighborhood;
    private final Decay decay;
    private final double sigmaStart;
    private final double sigmaEnd;
    private final double lrStart;
    private final double lrEnd;
    private final boolean batch;
    private final Init init;
    private final long seed;
    /** Grid positions [units, 2] and squared grid distances [units, units]. */
    private final Tensor positions;
    private final Tensor gridDist2;

    private SelfOrganizingMap(Builder b) {
        super("SelfOrganizingMap");
        atLeastOne("SelfOrganizingMap", "rows", b.rows);
        atLeastOne("SelfOrganizingMap", "cols", b.cols);
        atLeastOne("SelfOrganizingMap", "inputs", b.inputs);
        positive("SelfOrganizingMap", "sigma start", b.sigmaStart);
        positive("SelfOrganizingMap", "sigma end", b.sigmaEnd);
        if (!b.batch) {
            positive("SelfOrganizingMap", "learningRate start", b.lrStart);
            positive("SelfOrganizingMap", "learningRate end", b.lrEnd);
        }
        this.rows = b.rows;
        this.cols = b.cols;
        this.inputs = b.inputs;
        this.topology = b.topology;
        this.neighborhood = b.neighborhood;
        this.decay = b.decay;
        this.sigmaStart = b.sigmaStart;
        this.sigmaEnd = b.sigmaEnd;
        this.lrStart = b.lrStart;
        this.lrEnd = b.lrEnd;
        this.batch = b.batch;
        this.init = b.init;
        this.seed = b.seed;
        int u = rows * cols;
        double[] pos = new double[u * 2];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                pos[2 * i] = topology == Topology.HEXAGONAL ? c + 0.5 * (r % 2) : c;
                pos[2 * i + 1] = topology == Topology.HEXAGONAL ? r * Math.sqrt(3) / 2 : r;
            }
        }
        this.positions = Tensor.fromFlat(pos, u, 2);
        this.gridDist2 = squaredDistances(positions, positions);
    }

    /** A map of {@code rows x cols} units on {@code inputs}-dimensional data. */
    public static Builder builder(int rows, int cols, int inputs) {
        return new Builder(rows, cols, inputs);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    @Override
    public int units() {
        return rows * cols;
    }

    @Override
    public int inputs() {
        return inputs;
    }

    public Topology topology() {
        return topology;
    }

    public boolean isBatch() {
        return batch;
    }

    /** Unit positions on the grid, {@code [units, 2]} as (x, y). */
    public Tensor positions() {
        return positions;
    }

    /** sigma at fit progress t in [0, 1]. */
    public double sigma(double t) {
        return schedule(sigmaStart, sigmaEnd, t);
    }

    /** The learning rate at fit progress t in [0, 1]. */
    public double learningRate(double t) {
        return schedule(lrStart, lrEnd, t);
    }

    private double schedule(double start, double end, double t) {
        return decay == Decay.LINEAR ? start + (end - start) * t : start * Math.pow(end / start, t);
    }

    /** {@code ||a_i - b_j||^2} for every pair of rows, {@code [a rows, b rows]}, never negative. */
    static Tensor squaredDistances(Tensor a, Tensor b) {
        Tensor aa = a.square().sum(new int[] {1}, true);
        Tensor bb = b.square().sum(new int[] {1}, true).reshape(1, -1);
        return aa.add(bb).sub(a.matmul(b, false, true).mul(2)).maximum(0);
    }

    /** The neighbourhood of unit c on the grid, {@code [units]}. */
    Tensor neighbourhood(Tensor d2, double sigma) {
        if (neighborhood == Neighborhood.GAUSSIAN) {
            return d2.mul(-1 / (2 * sigma * sigma)).exp();
        }
        // A small tolerance so units exactly sigma away (rounding of sqrt(3)/2) count as inside.
        return d2.lessEqual(d2.scalarLike(sigma * sigma + 1e-9)).cast(DType.FLOAT64);
    }

    /**
     * Sets the initial weights from {@code x} as the first fit would (uniform within each
     * feature's range, or random samples, with the builder's seed), if there are none yet; so the
     * quantisation error before training can be measured.
     */
    public void initialize(Tensor x) {
        beforeFit(checkData("initialize", "x", x));
    }

    @Override
    protected void beforeFit(Tensor x) {
        if (weights == null) {
            weights = CompetitiveLayer.initialWeights(x, units(), init == Init.SAMPLES ? CompetitiveLayer.Init.SAMPLES
                    : CompetitiveLayer.Init.UNIFORM, new Rng(seed));
        }
    }

    @Override
    protected void learn(Tensor x) {
        double t = progress();
        Tensor diff = x.reshape(1, inputs).sub(weights);                     // x - w_i, [units, inputs]
        int c = (int) diff.square().sum(1).argmin(0).item();                // the best-matching unit
        Tensor h = neighbourhood(gridDist2.slice(0, c, c + 1).reshape(units()), sigma(t));
        // w_i <- w_i + alpha(t) h_ci (x - w_i)
        weights = weights.add(h.mul(learningRate(t)).reshape(units(), 1).mul(diff));
    }

    @Override
    protected void learnEpoch(Tensor x, List<Tensor> rowList, int[] order, int epoch, int epochs) {
        if (!batch) {
            super.learnEpoch(x, rowList, order, epoch, epochs);
            return;
        }
        double t = epochs <= 1 ? 0 : epoch / (double) (epochs - 1);
        Tensor bmu = squaredDistances(x, weights).argmin(1);                // c(j), [samples]
        Tensor h = neighbourhood(gridDist2.gather(bmu, 0), sigma(t));       // h_{c(j), i}, [samples, units]
        // w_i = sum_j h_{c(j), i} x_j / sum_j h_{c(j), i}; a unit no sample reaches keeps its weights.
        Tensor num = h.matmul(x, true, false);                               // [units, inputs]
        Tensor den = h.sum(new int[] {0}, false).reshape(units(), 1);
        Tensor reached = den.greater(den.scalarLike(1e-12));
        weights = Tensor.where(reached.expand(units(), inputs), num.div(den.maximum(1e-12)), weights).contiguous();
        countSteps(x.dim(0));
    }

    private Tensor requireWeights(String method, Tensor x) {
        if (weights == null) {
            throw new IllegalStateException("SelfOrganizingMap." + method + ": the map has no weights yet; call fit or"
                    + " setWeights first");
        }
        return checkData(method, "x", x);
    }

    /** Squared distance of each sample to each unit, {@code [samples, units]}. */
    public Tensor distances(Tensor x) {
        return distances("distances", x);
    }

    private Tensor distances(String method, Tensor x) {
        return squaredDistances(requireWeights(method, x), weights);
    }

    /** The best-matching unit of each sample (row * cols + col), int64 {@code [samples]}. */
    public Tensor predict(Tensor x) {
        return distances("predict", x).argmin(1);
    }

    /** The best-matching unit's grid (row, col) for each sample, int64 {@code [samples, 2]}. */
    public Tensor winnerCoordinates(Tensor x) {
        long[] u = predict(x).toLongArray();
        long[] rc = new long[u.length * 2];
        for (int i = 0; i < u.length; i++) {
            rc[2 * i] = u[i] / cols;
            rc[2 * i + 1] = u[i] % cols;
        }
        return Tensor.fromFlat(rc, u.length, 2);
    }

    /** Mean distance from each sample to its best-matching unit's weights. */
    public double quantizationError(Tensor x) {
        return distances("quantizationError", x).min(1).sqrt().mean().item();
    }

    /**
     * Share of samples whose best and second-best units are not grid neighbours (MiniSom's
     * measure: neighbours within grid distance sqrt(2) on a rectangular grid, the 8 around a
     * unit; within 1 on a hexagonal grid, the 6 around it).
     */
    public double topographicError(Tensor x) {
        if (units() < 2) {
            return 0;
        }
        Tensor d2 = distances("topographicError", x);
        Tensor first = d2.argmin(1);
        Tensor firstMask = first.oneHot(units()).cast(DType.FLOAT64);
        Tensor masked = Tensor.where(firstMask.greater(d2.scalarLike(0.5)), d2.scalarLike(Double.POSITIVE_INFINITY), d2);
        Tensor second = masked.argmin(1).oneHot(units()).cast(DType.FLOAT64);
        // Row j of the grid distances from c1(j), picked at c2(j).
        Tensor gap2 = gridDist2.gather(first, 0).mul(second).sum(1);
        double limit = topology == Topology.HEXAGONAL ? 1 + 1e-6 : 2 + 1e-6;
        return gap2.greater(gap2.scalarLike(limit)).cast(DType.FLOAT64).mean().item();
    }

    /**
     * The U-matrix {@code [rows, cols]}: each unit's mean weight-space distance to its immediate
     * grid neighbours (4 on a rectangular grid, 6 on a hexagonal one). High ridges separate
     * clusters.
     */
    public Tensor uMatrix() {
        if (weights == null) {
            throw new IllegalStateException("SelfOrganizingMap.uMatrix: the map has no weights yet");
        }
        Tensor w = squaredDistances(weights, weights).sqrt();
        // Immediate neighbours: grid distance 1 (itself, at 0, excluded).
        Tensor a = gridDist2.lessEqual(gridDist2.scalarLike(1 + 1e-6)).cast(DType.FLOAT64)
                .sub(gridDist2.lessEqual(gridDist2.scalarLike(1e-9)).cast(DType.FLOAT64));
        return w.mul(a).sum(1).div(a.sum(1).maximum(1)).reshape(rows, cols);
    }

    /** Feature k of every unit's weights, {@code [rows, cols]}. */
    public Tensor componentPlane(int k) {
        if (weights == null) {
            throw new IllegalStateException("SelfOrganizingMap.componentPlane: the map has no weights yet");
        }
        if (k < 0 || k >= inputs) {
            throw new IllegalArgumentException("SelfOrganizingMap.componentPlane: feature " + k + " out of range [0, "
                    + inputs + ")");
        }
        return weights.slice(1, k, k + 1).reshape(rows, cols).contiguous();
    }

    /** How many samples each unit is best-matching for, {@code [rows, cols]} (float64). */
    public Tensor hitMap(Tensor x) {
        return predict(x).oneHot(units()).cast(DType.FLOAT64).sum(new int[] {0}, false).reshape(rows, cols);
    }

    /**
     * Each unit's majority label among the samples it wins ({@code -1} for a unit that wins none),
     * and the majority's share, for a hit map coloured by label and for classifying by majority vote.
     */
    public LabelMap labelMap(Tensor x, Tensor labels) {
        long[] bmu = predict(x).toLongArray();
        int[][] counts = Purity.counts(bmu, labels, units(), "SelfOrganizingMap.labelMap");
        int[] majority = new int[units()];
        double[] share = new double[units()];
        int[] hits = new int[units()];
        int classes = counts.length == 0 ? 0 : counts[0].length;
        int[] overall = new int[classes];
        for (int u = 0; u < units(); u++) {
            int best = -1;
            for (int k = 0; k < classes; k++) {
                hits[u] += counts[u][k];
                overall[k] += counts[u][k];
                if (counts[u][k] > 0 && (best < 0 || counts[u][k] > counts[u][best])) {
                    best = k;
                }
            }
            majority[u] = best;
            share[u] = best < 0 ? 0 : counts[u][best] / (double) hits[u];
        }
        int fallback = 0;
        for (int k = 1; k < classes; k++) {
            fallback = overall[k] > overall[fallback] ? k : fallback;
        }
        return new LabelMap(rows, cols, majority, share, hits, fallback);
    }

    /** Labels by majority vote of each sample's best-matching unit. */
    public Tensor classify(Tensor x, LabelMap map) {
        long[] bmu = predict(x).toLongArray();
        long[] out = new long[bmu.length];
        for (int i = 0; i < bmu.length; i++) {
            out[i] = map.labelOf((int) bmu[i]);
        }
        return Tensor.of(out);
    }

    /** Share of samples whose best-matching unit's majority label is their own. */
    public double majorityVoteAccuracy(Tensor x, Tensor labels) {
        LabelMap map = labelMap(x, labels);
        long[] pred = classify(x, map).toLongArray();
        long[] y = labels.cast(DType.INT64).reshape(-1).toLongArray();
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            right += pred[i] == y[i] ? 1 : 0;
        }
        return right / (double) y.length;
    }

    @Override
    protected Map<String, Double> epochLogs(Tensor x) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("quantization_error", quantizationError(x));
        m.put("topographic_error", topographicError(x));
        double t = progress();
        m.put("sigma", sigma(t));
        if (!batch) {
            m.put("learning_rate", learningRate(t));
        }
        return m;
    }

    /**
     * Majority labels per unit ({@code -1}: no sample), the majority's share and the hit count,
     * all indexed by unit; units without a label vote for the most common label overall.
     */
    public record LabelMap(int rows, int cols, int[] majority, double[] share, int[] hits, int fallback) {
        public int labelOf(int unit) {
            return majority[unit] < 0 ? fallback : majority[unit];
        }

        /** {@code [rows][cols]} of majority labels, for {@code HeatMap.classes}. */
        public int[][] majorityGrid() {
            int[][] g = new int[rows][cols];
            for (int u = 0; u < rows * cols; u++) {
                g[u / cols][u % cols] = majority[u];
            }
            return g;
        }

        /** {@code [rows][cols]} of hits divided by the largest hit count (0 to 1). */
        public double[][] hitGrid() {
            int max = 1;
            for (int h : hits) {
                max = Math.max(max, h);
            }
            double[][] g = new double[rows][cols];
            for (int u = 0; u < rows * cols; u++) {
                g[u / cols][u % cols] = hits[u] / (double) max;
            }
            return g;
        }
    }

    /** The map's arguments. */
    public static final class Builder {
        private final int rows;
        private final int cols;
        private final int inputs;
        private Topology topology = Topology.RECTANGULAR;
        private Neighborhood neighborhood = Neighborhood.GAUSSIAN;
        private Decay decay = Decay.LINEAR;
        private double sigmaStart = Double.NaN;
        private double sigmaEnd = 0.5;
        private double lrStart = 0.5;
        private double lrEnd = 0.01;
        private boolean batch;
        private Init init = Init.UNIFORM;
        private long seed;

        private Builder(int rows, int cols, int inputs) {
            this.rows = rows;
            this.cols = cols;
            this.inputs = inputs;
        }

        public Builder topology(Topology topology) {
            this.topology = Objects.requireNonNull(topology, "topology");
            return this;
        }

        public Builder hexagonal() {
            return topology(Topology.HEXAGONAL);
        }

        public Builder neighborhood(Neighborhood neighborhood) {
            this.neighborhood = Objects.requireNonNull(neighborhood, "neighborhood");
            return this;
        }

        public Builder decay(Decay decay) {
            this.decay = Objects.requireNonNull(decay, "decay");
            return this;
        }

        /** sigma from {@code start} to {@code end} over the fit (default max(rows, cols) / 3 to 0.5). */
        public Builder sigma(double start, double end) {
            this.sigmaStart = start;
            this.sigmaEnd = end;
            return this;
        }

        /** The learning rate from {@code start} to {@code end} over the fit (0.5 to 0.01 by default). */
        public Builder learningRate(double start, double end) {
            this.lrStart = start;
            this.lrEnd = end;
            return this;
        }

        /** The batch map: one update of every unit per epoch from all samples, no learning rate. */
        public Builder batch(boolean batch) {
            this.batch = batch;
            return this;
        }

        public Builder init(Init init) {
            this.init = Objects.requireNonNull(init, "init");
            return this;
        }

        /** Seed of the initial weights (the fit's shuffling has its own, in FitOptions). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public SelfOrganizingMap build() {
            if (Double.isNaN(sigmaStart)) {
                sigmaStart = Math.max(1, Math.max(rows, cols) / 3.0);
            }
            return new SelfOrganizingMap(this);
        }
    }
}
