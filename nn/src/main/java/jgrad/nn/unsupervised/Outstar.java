package jgrad.nn.unsupervised;

import jgrad.core.DType;
import jgrad.core.Tensor;

/**
 * Grossberg's outstar rule (Hagan et al., Neural Network Design, ch. 15), the instar's dual: an
 * active input moves its weight column towards the output pattern the network produced,
 *
 * <pre>
 *   w_j &lt;- w_j + alpha (a - w_j) p_j
 * </pre>
 *
 * where {@code w_j} is column j of W. An outstar recalls a pattern: after training, a stimulus on
 * input j alone reproduces {@code a} as {@code W p}.
 */
public final class Outstar implements AssociativeRule {
    private final int units;
    private final int inputs;
    private final double learningRate;
    private Tensor weights;

    /** {@code units} output neurons fed by {@code inputs} stimuli, weights starting at 0. */
    public Outstar(int units, int inputs, double learningRate) {
        OnlineLearner.atLeastOne("Outstar", "units", units);
        OnlineLearner.atLeastOne("Outstar", "inputs", inputs);
        OnlineLearner.positive("Outstar", "learningRate", learningRate);
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
        Tensor pp = vector("Outstar", "p", p, inputs).reshape(1, inputs);
        Tensor aa = vector("Outstar", "a", a, units).reshape(units, 1);
        // w_j <- w_j + alpha (a - w_j) p_j, every column at once
        weights = weights.add(aa.sub(weights).mul(pp).mul(learningRate));
    }

    static Tensor vector(String kind, String argument, Tensor t, int size) {
        if (t == null || t.size() != size) {
            throw new IllegalArgumentException(kind + ".update: " + argument + " must hold " + size + " values (["
                    + size + "]), got " + (t == null ? "null" : t.shape()));
        }
        return t.cast(DType.FLOAT64).reshape(size);
    }
}
