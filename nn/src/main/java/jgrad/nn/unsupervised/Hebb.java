package jgrad.nn.unsupervised;

import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Tensor;

/**
 * Hebb's rule (Hebb 1949; Hagan et al., Neural Network Design, ch. 15): a weight grows when the
 * neurons on both sides of it are active together,
 *
 * <pre>
 *   W &lt;- (1 - gamma) W + alpha a p^T
 * </pre>
 *
 * with learning rate {@code alpha} and decay {@code gamma} (0: the plain rule, whose weights grow
 * without bound; with decay a weight that keeps firing approaches {@code alpha / gamma}).
 * {@link #update} takes the activity {@code a} from outside (an {@link Associator}); {@link #fit}
 * uses the linear neurons' own output {@code a = W p}, which is unstable by itself (compare
 * {@link Oja}); the weights start at 0, where {@code a = 0} and nothing changes, so give them a
 * start with {@link #setWeights} before such a fit.
 */
public final class Hebb extends OnlineLearner implements AssociativeRule {
    private final int units;
    private final int inputs;
    private final double learningRate;
    private final double decay;

    /** {@code units} linear neurons on {@code inputs}, weights starting at 0. */
    public Hebb(int units, int inputs, double learningRate, double decay) {
        super("Hebb");
        atLeastOne("Hebb", "units", units);
        atLeastOne("Hebb", "inputs", inputs);
        positive("Hebb", "learningRate", learningRate);
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("Hebb: decay must be in [0, 1), got " + decay);
        }
        this.units = units;
        this.inputs = inputs;
        this.learningRate = learningRate;
        this.decay = decay;
        this.weights = Tensor.zeros(DType.FLOAT64, units, inputs);
    }

    /** The plain rule, no decay. */
    public Hebb(int units, int inputs, double learningRate) {
        this(units, inputs, learningRate, 0);
    }

    @Override
    public int units() {
        return units;
    }

    @Override
    public int inputs() {
        return inputs;
    }

    public double learningRate() {
        return learningRate;
    }

    public double decay() {
        return decay;
    }

    /** The linear output {@code W p}, {@code [units]}. */
    public Tensor output(Tensor p) {
        return weights.matmul(checkSample("output", "p", p).reshape(inputs, 1)).reshape(units);
    }

    @Override
    public void update(Tensor a, Tensor p) {
        Tensor pp = checkSample("update", "p", p);
        Tensor aa = activity(a);
        // W <- (1 - gamma) W + alpha a p^T
        weights = weights.mul(1 - decay).add(aa.reshape(units, 1).matmul(pp.reshape(1, inputs)).mul(learningRate));
    }

    private Tensor activity(Tensor a) {
        if (a == null || a.size() != units) {
            throw new IllegalArgumentException("Hebb.update: a must hold one activity per unit ([" + units + "]), got "
                    + (a == null ? "null" : a.shape()));
        }
        return a.cast(DType.FLOAT64).reshape(units);
    }

    @Override
    protected void learn(Tensor p) {
        update(output(p), p);
    }

    @Override
    protected Map<String, Double> epochLogs(Tensor x) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("weight_norm", weightNorm());
        return m;
    }
}
