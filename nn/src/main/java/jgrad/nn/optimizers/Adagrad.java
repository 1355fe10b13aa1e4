package jgrad.nn.optimizers;

import java.util.Map;
import jgrad.nn.optimizers.schedules.LearningRateSchedule;

/**
 * AdaGrad, Keras's rule: {@code a += g^2; w -= lr * g / sqrt(a + epsilon)}. Defaults: learning
 * rate 0.001, initial accumulator 0.1, epsilon 1e-7 (PyTorch starts the accumulator at 0 and
 * adds epsilon 1e-10 outside the square root).
 */
public final class Adagrad extends Optimizer {
    private double initialAccumulatorValue = 0.1;
    private double epsilon = 1e-7;

    public Adagrad() {
        this(0.001);
    }

    public Adagrad(double learningRate) {
        super("Adagrad", learningRate);
    }

    public Adagrad(LearningRateSchedule schedule) {
        super("Adagrad", schedule);
    }

    public Adagrad initialAccumulatorValue(double value) {
        checkRange("Adagrad", "initialAccumulatorValue", value, 0, Double.MAX_VALUE);
        this.initialAccumulatorValue = value;
        return this;
    }

    public Adagrad epsilon(double epsilon) {
        checkRange("Adagrad", "epsilon", epsilon, 0, Double.MAX_VALUE);
        this.epsilon = epsilon;
        return this;
    }

    @Override
    protected void update(double[] w, double[] g, Slots s, double lr, long step) {
        double[] a = s.get("accumulator", initialAccumulatorValue);
        for (int i = 0; i < w.length; i++) {
            a[i] += g[i] * g[i];
            w[i] -= lr * g[i] / Math.sqrt(a[i] + epsilon);
        }
    }

    /** The same rule on the float32 storage: no double copies of the variable and its gradient. */
    @Override
    protected boolean updateFloat(float[] w, float[] g, int gOff, float[] out, Slots s, double lr, long step,
            double decay) {
        double[] a = s.get("accumulator", initialAccumulatorValue);
        for (int i = 0; i < w.length; i++) {
            double gi = g[gOff + i];
            a[i] += gi * gi;
            double wi = w[i] * decay;
            out[i] = (float) (wi - lr * gi / Math.sqrt(a[i] + epsilon));
        }
        return true;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("initial_accumulator_value", initialAccumulatorValue);
        m.put("epsilon", epsilon);
        return m;
    }
}
