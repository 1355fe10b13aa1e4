package jgrad.nn.unsupervised;

import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;

/**
 * Oja's rule (Oja, J. Math. Biol. 15, 1982): Hebb's rule with a forgetting term that keeps the
 * weight vector at unit length, so a linear neuron {@code y = w^T x} on centred data converges
 * to the first principal component:
 *
 * <pre>
 *   y = W p
 *   W &lt;- W + eta (y p^T - y y^T W)        (one unit: w &lt;- w + eta y (p - y w))
 * </pre>
 *
 * With several units this is Oja's subspace rule: the rows converge to an orthonormal basis of
 * the top principal subspace (not to the components themselves, which Sanger's rule would give).
 */
public final class Oja extends OnlineLearner implements AssociativeRule {
    private final int units;
    private final int inputs;
    private final double learningRate;

    /**
     * {@code units} linear neurons on {@code inputs}, weights drawn uniformly from [-0.5, 0.5]
     * with {@code seed} (Oja's rule cannot leave w = 0: its update is 0 there).
     */
    public Oja(int units, int inputs, double learningRate, long seed) {
        super("Oja");
        atLeastOne("Oja", "units", units);
        atLeastOne("Oja", "inputs", inputs);
        positive("Oja", "learningRate", learningRate);
        this.units = units;
        this.inputs = inputs;
        this.learningRate = learningRate;
        this.weights = Tensor.randomUniform(new Rng(seed), DType.FLOAT64, -0.5, 0.5, units, inputs);
    }

    /** One unit: the first principal component. */
    public Oja(int inputs, double learningRate) {
        this(1, inputs, learningRate, 0);
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

    /** The output {@code y = W p}, {@code [units]}. */
    public Tensor output(Tensor p) {
        return weights.matmul(checkSample("output", "p", p).reshape(inputs, 1)).reshape(units);
    }

    @Override
    public void update(Tensor y, Tensor p) {
        Tensor pp = checkSample("update", "p", p).reshape(1, inputs);
        if (y == null || y.size() != units) {
            throw new IllegalArgumentException("Oja.update: y must hold one output per unit ([" + units + "]), got "
                    + (y == null ? "null" : y.shape()));
        }
        Tensor yy = y.cast(DType.FLOAT64).reshape(units, 1);
        // W <- W + eta (y p^T - y y^T W)
        Tensor hebbian = yy.matmul(pp);
        Tensor forgetting = yy.matmul(yy, false, true).matmul(weights);
        weights = weights.add(hebbian.sub(forgetting).mul(learningRate));
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
