package jgrad.nn.unsupervised;

import jgrad.core.DType;
import jgrad.core.Tensor;

/**
 * Grossberg's instar rule (Hagan et al., Neural Network Design, ch. 15): an active neuron moves
 * its weight vector (a row of W) towards the input it saw, an inactive one keeps it,
 *
 * <pre>
 *   w_i &lt;- w_i + alpha a_i (p - w_i)
 * </pre>
 *
 * so a neuron learns to recognise a pattern and, with {@code alpha = 1}, its row becomes the
 * pattern itself. With the winner's activity alone (a one-hot {@code a}) this is Kohonen's rule
 * of {@link CompetitiveLayer}.
 */
public final class Instar implements AssociativeRule {
    private final int units;
    private final int inputs;
    private final double learningRate;
    private Tensor weights;

    /** {@code units} neurons on {@code inputs}, weights starting at 0. */
    public Instar(int units, int inputs, double learningRate) {
        OnlineLearner.atLeastOne("Instar", "units", units);
        OnlineLearner.atLeastOne("Instar", "inputs", inputs);
        OnlineLearner.positive("Instar", "learningRate", learningRate);
        this.units = units;
        this.inputs = inputs;
        this.learningRate = learningRate;
        this.weights = Tensor.zeros(DType.FLOAT64, units, inputs);
    }

    @Override
    public Tensor weights() {
        return weights;
    }

    public int units() {
        return units;
    }

    public int inputs() {
        return inputs;
    }

    @Override
    public void update(Tensor a, Tensor p) {
        Tensor pp = Outstar.vector("Instar", "p", p, inputs).reshape(1, inputs);
        Tensor aa = Outstar.vector("Instar", "a", a, units).reshape(units, 1);
        // w_i <- w_i + alpha a_i (p - w_i), every row at once
        weights = weights.add(aa.mul(pp.sub(weights)).mul(learningRate));
    }
}
