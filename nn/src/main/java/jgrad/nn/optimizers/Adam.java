package jgrad.nn.optimizers;

import java.util.Map;
import jgrad.nn.optimizers.schedules.LearningRateSchedule;
import jgrad.ops.kernels.OptimizerKernels;

/**
 * Adam, Keras's rule: {@code m += (g - m)(1 - b1); v += (g^2 - v)(1 - b2);
 * w -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + epsilon)}; with amsgrad the running
 * maximum of {@code v} is used. Defaults: learning rate 0.001, beta1 0.9, beta2 0.999,
 * epsilon 1e-7. (PyTorch puts epsilon, default 1e-8, after the bias correction of {@code v};
 * the two agree to within epsilon.)
 */
public class Adam extends Optimizer {
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-7;
    boolean amsgrad;

    public Adam() {
        this(0.001);
    }

    public Adam(double learningRate) {
        super("Adam", learningRate);
    }

    public Adam(LearningRateSchedule schedule) {
        super("Adam", schedule);
    }

    Adam(String name, double learningRate) {
        super(name, learningRate);
    }

    Adam(String name, LearningRateSchedule schedule) {
        super(name, schedule);
    }

    public Adam beta1(double beta1) {
        checkRange(name(), "beta1", beta1, 0, 1);
        this.beta1 = beta1;
        return this;
    }

    public Adam beta2(double beta2) {
        checkRange(name(), "beta2", beta2, 0, 1);
        this.beta2 = beta2;
        return this;
    }

    public Adam epsilon(double epsilon) {
        checkRange(name(), "epsilon", epsilon, 0, Double.MAX_VALUE);
        this.epsilon = epsilon;
        return this;
    }

    public Adam amsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return this;
    }

    @Override
    protected void update(double[] w, double[] g, Slots s, double lr, long step) {
        double[] m = s.get("momentum");
        double[] v = s.get("velocity");
        double[] vMax = amsgrad ? s.get("velocity_hat") : null;
        double alpha = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        for (int i = 0; i < w.length; i++) {
            m[i] += (g[i] - m[i]) * (1 - beta1);
            v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
            double vi = v[i];
            if (vMax != null) {
                vMax[i] = Math.max(vMax[i], vi);
                vi = vMax[i];
            }
            w[i] -= alpha * m[i] / (Math.sqrt(vi) + epsilon);
        }
    }

    @Override
    protected boolean updateFloat(float[] w, float[] g, int gOff, float[] out, Slots s, double lr, long step,
            double decay) {
        double alpha = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        OptimizerKernels.adam(w, g, gOff, out, s.get("momentum"), s.get("velocity"),
                amsgrad ? s.get("velocity_hat") : null, 1 - beta1, 1 - beta2, alpha, epsilon, decay);
        return true;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("beta_1", beta1);
        m.put("beta_2", beta2);
        m.put("epsilon", epsilon);
        m.put("amsgrad", amsgrad);
        return m;
    }
}
