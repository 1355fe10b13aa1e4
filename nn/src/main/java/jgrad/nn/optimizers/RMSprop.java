package jgrad.nn.optimizers;

import java.util.Map;
import jgrad.nn.optimizers.schedules.LearningRateSchedule;

/**
 * RMSprop, Keras's rule: {@code v = rho * v + (1 - rho) * g^2; w -= lr * g / sqrt(v + epsilon)};
 * centered subtracts the squared mean gradient from {@code v}; momentum accumulates the
 * increments. Defaults: learning rate 0.001, rho 0.9, momentum 0, epsilon 1e-7 (PyTorch adds
 * epsilon 1e-8 outside the square root and uses alpha 0.99).
 */
public final class RMSprop extends Optimizer {
    private double rho = 0.9;
    private double momentum;
    private double epsilon = 1e-7;
    private boolean centered;

    public RMSprop() {
        this(0.001);
    }

    public RMSprop(double learningRate) {
        super("RMSprop", learningRate);
    }

    public RMSprop(LearningRateSchedule schedule) {
        super("RMSprop", schedule);
    }

    public RMSprop rho(double rho) {
        checkRange("RMSprop", "rho", rho, 0, 1);
        this.rho = rho;
        return this;
    }

    public RMSprop momentum(double momentum) {
        checkRange("RMSprop", "momentum", momentum, 0, 1);
        this.momentum = momentum;
        return this;
    }

    public RMSprop epsilon(double epsilon) {
        checkRange("RMSprop", "epsilon", epsilon, 0, Double.MAX_VALUE);
        this.epsilon = epsilon;
        return this;
    }

    public RMSprop centered(boolean centered) {
        this.centered = centered;
        return this;
    }

    @Override
    protected void update(double[] w, double[] g, Slots s, double lr, long step) {
        double[] v = s.get("velocity");
        double[] avg = centered ? s.get("average_gradient") : null;
        double[] mom = momentum > 0 ? s.get("momentum") : null;
        for (int i = 0; i < w.length; i++) {
            v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
            double denominator;
            if (centered) {
                avg[i] = rho * avg[i] + (1 - rho) * g[i];
                denominator = v[i] - avg[i] * avg[i] + epsilon;
            } else {
                denominator = v[i] + epsilon;
            }
            double increment = lr * g[i] / Math.sqrt(denominator);
            if (mom != null) {
                mom[i] = momentum * mom[i] + increment;
                w[i] -= mom[i];
            } else {
                w[i] -= increment;
            }
        }
    }

    /** The same rule on the float32 storage: no double copies of the variable and its gradient. */
    @Override
    protected boolean updateFloat(float[] w, float[] g, int gOff, float[] out, Slots s, double lr, long step,
            double decay) {
        double[] v = s.get("velocity");
        double[] avg = centered ? s.get("average_gradient") : null;
        double[] mom = momentum > 0 ? s.get("momentum") : null;
        for (int i = 0; i < w.length; i++) {
            double gi = g[gOff + i];
            v[i] = rho * v[i] + (1 - rho) * gi * gi;
            double denominator;
            if (centered) {
                avg[i] = rho * avg[i] + (1 - rho) * gi;
                denominator = v[i] - avg[i] * avg[i] + epsilon;
            } else {
                denominator = v[i] + epsilon;
            }
            double increment = lr * gi / Math.sqrt(denominator);
            double wi = w[i] * decay;
            if (mom != null) {
                mom[i] = momentum * mom[i] + increment;
                out[i] = (float) (wi - mom[i]);
            } else {
                out[i] = (float) (wi - increment);
            }
        }
        return true;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("rho", rho);
        m.put("momentum", momentum);
        m.put("epsilon", epsilon);
        m.put("centered", centered);
        return m;
    }
}
