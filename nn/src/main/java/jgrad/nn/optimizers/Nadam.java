package jgrad.nn.optimizers;

import java.util.Map;
import jgrad.nn.optimizers.schedules.LearningRateSchedule;

/**
 * Nadam (Adam with Nesterov momentum), Keras 3's rule: with {@code u_t = b1 (1 - 0.5 * 0.96^t)}
 * and {@code P_t} the product of {@code u_1..u_t},
 * {@code m_hat = u_{t+1} m / (1 - P_t u_{t+1}) + (1 - u_t) g / (1 - P_t)},
 * {@code v_hat = v / (1 - b2^t)}, {@code w -= lr * m_hat / (sqrt(v_hat) + epsilon)}. Defaults:
 * learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7. (Keras 2 and PyTorch use
 * {@code 0.96^(0.004 t)} in the momentum schedule; Keras 3 dropped the 0.004.)
 */
public final class Nadam extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private double uProduct = 1;

    public Nadam() {
        this(0.001);
    }

    public Nadam(double learningRate) {
        super("Nadam", learningRate);
    }

    public Nadam(LearningRateSchedule schedule) {
        super("Nadam", schedule);
    }

    public Nadam beta1(double beta1) {
        checkRange("Nadam", "beta1", beta1, 0, 1);
        this.beta1 = beta1;
        return this;
    }

    public Nadam beta2(double beta2) {
        checkRange("Nadam", "beta2", beta2, 0, 1);
        this.beta2 = beta2;
        return this;
    }

    public Nadam epsilon(double epsilon) {
        checkRange("Nadam", "epsilon", epsilon, 0, Double.MAX_VALUE);
        this.epsilon = epsilon;
        return this;
    }

    /** The running product of the momentum schedule: part of the state a resumed run needs. */
    @Override
    protected Map<String, Double> extraState() {
        return Map.of("u_product", uProduct);
    }

    @Override
    protected void restoreExtraState(Map<String, Double> state) {
        uProduct = state.getOrDefault("u_product", 1.0);
    }

    @Override
    protected void beforeStep(long step) {
        if (step == 1) {
            uProduct = 1;
        }
        uProduct *= beta1 * (1 - 0.5 * Math.pow(0.96, step));
    }

    @Override
    protected void update(double[] w, double[] g, Slots s, double lr, long step) {
        double[] m = s.get("momentum");
        double[] v = s.get("velocity");
        double uT = beta1 * (1 - 0.5 * Math.pow(0.96, step));
        double uT1 = beta1 * (1 - 0.5 * Math.pow(0.96, step + 1));
        double uProductT1 = uProduct * uT1;
        double beta2Power = Math.pow(beta2, step);
        for (int i = 0; i < w.length; i++) {
            m[i] += (g[i] - m[i]) * (1 - beta1);
            v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
            double mHat = uT1 * m[i] / (1 - uProductT1) + (1 - uT) * g[i] / (1 - uProduct);
            double vHat = v[i] / (1 - beta2Power);
            w[i] -= lr * mHat / (Math.sqrt(vHat) + epsilon);
        }
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("beta_1", beta1);
        m.put("beta_2", beta2);
        m.put("epsilon", epsilon);
        return m;
    }
}
