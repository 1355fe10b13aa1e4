package jgrad.nn.optimizers;

import java.util.Map;
import jgrad.nn.optimizers.schedules.LearningRateSchedule;

/**
 * Adamax (Adam with the infinity norm), Keras's rule: {@code m += (g - m)(1 - b1);
 * u = max(b2 * u, |g|); w -= lr / (1 - b1^t) * m / (u + epsilon)}. Defaults: learning rate
 * 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7.
 */
public final class Adamax extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;

    public Adamax() {
        this(0.001);
    }

    public Adamax(double learningRate) {
        super("Adamax", learningRate);
    }

    public Adamax(LearningRateSchedule schedule) {
        super("Adamax", schedule);
    }

    public Adamax beta1(double beta1) {
        checkRange("Adamax", "beta1", beta1, 0, 1);
        this.beta1 = beta1;
        return this;
    }

    public Adamax beta2(double beta2) {
        checkRange("Adamax", "beta2", beta2, 0, 1);
        this.beta2 = beta2;
        return this;
    }

    public Adamax epsilon(double epsilon) {
        checkRange("Adamax", "epsilon", epsilon, 0, Double.MAX_VALUE);
        this.epsilon = epsilon;
        return this;
    }

    @Override
    protected void update(double[] w, double[] g, Slots s, double lr, long step) {
        double[] m = s.get("m");
        double[] u = s.get("u");
        double a = lr / (1 - Math.pow(beta1, step));
        for (int i = 0; i < w.length; i++) {
            m[i] += (g[i] - m[i]) * (1 - beta1);
            u[i] = Math.max(beta2 * u[i], Math.abs(g[i]));
            w[i] -= a * m[i] / (u[i] + epsilon);
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
