package jgrad.nn.unsupervised;

import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;

/**
 * Sanger's generalised Hebbian algorithm (Neural Networks 2, 1989): Oja's rule for several
 * units where unit i forgets only what units 1..i explain, so on centred data the rows converge
 * to the first k principal components themselves, in order (Oja's subspace rule gives only a
 * basis of their span):
 *
 * <pre>
 *   y = W p
 *   W &lt;- W + eta (y p^T - LT(y y^T) W)        LT: the lower triangle, diagonal included
 * </pre>
 */
public final class Sanger extends OnlineLearner implements AssociativeRule {
    private final int units;
    private final int inputs;
    private final double learningRate;
    private final Tensor lowerTriangle;

    /** {@code units} components of {@code inputs}-dimensional data, weights uniform in [-0.5, 0.5] from {@code seed}. */
    public Sanger(int units, int inputs, double learningRate, long seed) {
        super("Sanger");
        atLeastOne("Sanger", "units", units);
        atLeastOne("Sanger", "inputs", inputs);
        positive("Sanger", "learningRate", learningRate);
        this.units = units;
        this.inputs = inputs;
        this.learningRate = learningRate;
        this.weights = Tensor.randomUniform(new Rng(seed), DType.FLOAT64, -0.5, 0.5, units, inputs);
        double[] lt = new double[units * units];
        for (int i = 0; i < units; i++) {
            for (int j = 0; j <= i; j++) {
                lt[i * units + j] = 1;
            }
        }
        this.lowerTriangle = Tensor.fromFlat(lt, units, units);
    }

    @Override
    public int units() {
        return units;
    }

    @Override
    public int inputs() {
        return inputs;
    }

    /** The outputs {@code y = W p}, {@code [units]}. */
    public Tensor output(Tensor p) {
        return weights.matmul(checkSample("output", "p", p).reshape(inputs, 1)).reshape(units);
    }

    @Override
    public void update(Tensor y, Tensor p) {
        Tensor pp = checkSample("update", "p", p).reshape(1, inputs);
        if (y == null || y.size() != units) {
            throw new IllegalArgumentException("Sanger.update: y must hold one output per unit ([" + units + "]), got "
                    + (y == null ? "null" : y.shape()));
        }
        Tensor yy = y.cast(DType.FLOAT64).reshape(units, 1);
        // W <- W + eta (y p^T - LT(y y^T) W)
        Tensor forgetting = yy.matmul(yy, false, true).mul(lowerTriangle).matmul(weights);
        weights = weights.add(yy.matmul(pp).sub(forgetting).mul(learningRate));
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
