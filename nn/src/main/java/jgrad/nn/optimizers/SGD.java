package jgrad.nn.optimizers;

import java.util.Map;
import jgrad.nn.optimizers.schedules.LearningRateSchedule;
import jgrad.ops.kernels.OptimizerKernels;

/**
 * Stochastic gradient descent, optionally with (Nesterov) momentum, Keras's rule:
 * {@code v = momentum * v - lr * g; w += v} (Nesterov: {@code w += momentum * v - lr * g}).
 * Defaults: learning rate 0.01, momentum 0. Equal to PyTorch's SGD for a constant learning
 * rate (PyTorch keeps {@code -v / lr}).
 */
public final class SGD extends Optimizer {
    private double momentum;
    private boolean nesterov;

    public SGD() {
        this(0.01);
    }

    public SGD(double learningRate) {
        super("SGD", learningRate);
    }

    public SGD(LearningRateSchedule schedule) {
        super("SGD", schedule);
    }

    /** Sets the momentum (in [0, 1]). */
    public SGD momentum(double momentum) {
        checkRange("SGD", "momentum", momentum, 0, 1);
        this.momentum = momentum;
        return this;
    }

    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    @Override
    protected void update(double[] w, double[] g, Slots s, double lr, long step) {
        if (momentum == 0) {
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * g[i];
            }
            return;
        }
        double[] v = s.get("momentum");
        for (int i = 0; i < w.length; i++) {
            v[i] = momentum * v[i] - lr * g[i];
            w[i] += nesterov ? momentum * v[i] - lr * g[i] : v[i];
        }
    }

    @Override
    protected boolean updateFloat(float[] w, float[] g, int gOff, float[] out, Slots s, double lr, long step,
            double decay) {
        OptimizerKernels.sgd(w, g, gOff, out, momentum == 0 ? null : s.get("momentum"), momentum, nesterov, lr, decay);
        return true;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("momentum", momentum);
        m.put("nesterov", nesterov);
        return m;
    }
}
