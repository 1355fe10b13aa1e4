package jgrad.nn.callbacks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import jgrad.core.Tensor;
import jgrad.nn.optimizers.Optimizer;

/**
 * Multiplies the learning rate by {@code factor} when a monitored quantity has stopped
 * improving for {@code patience} epochs, down to {@code minLr} (Keras's {@code ReduceLROnPlateau};
 * defaults: val_loss, factor 0.1, patience 10, cooldown 0, minDelta 1e-4).
 */
public final class ReduceLROnPlateau extends Callback {
    private final String monitor;
    private double factor = 0.1;
    private int patience = 10;
    private double minDelta = 1e-4;
    private int cooldown;
    private double minLr;
    private Monitor mode = Monitor.AUTO;
    private boolean verbose;

    private boolean increasing;
    private double best;
    private int wait;
    private int cooldownCounter;
    /** The learning rate this callback last set, NaN while it has not lowered it. */
    private double loweredTo = Double.NaN;

    public ReduceLROnPlateau() {
        this("val_loss");
    }

    public ReduceLROnPlateau(String monitor) {
        this.monitor = monitor;
    }

    public ReduceLROnPlateau factor(double factor) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: factor must be in (0, 1), got " + factor);
        }
        this.factor = factor;
        return this;
    }

    public ReduceLROnPlateau patience(int patience) {
        this.patience = patience;
        return this;
    }

    public ReduceLROnPlateau minDelta(double minDelta) {
        this.minDelta = Math.abs(minDelta);
        return this;
    }

    public ReduceLROnPlateau cooldown(int cooldown) {
        this.cooldown = cooldown;
        return this;
    }

    public ReduceLROnPlateau minLr(double minLr) {
        this.minLr = minLr;
        return this;
    }

    public ReduceLROnPlateau mode(Monitor mode) {
        this.mode = mode;
        return this;
    }

    public ReduceLROnPlateau verbose(boolean verbose) {
        this.verbose = verbose;
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        increasing = mode.increasing(monitor);
        best = increasing ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        wait = 0;
        cooldownCounter = 0;
        loweredTo = Double.NaN;
    }

    /**
     * The best value, the patience and cooldown counters, and the learning rate it lowered the
     * optimizer's to ({@code learning_rate}, only once it has): a resumed run compiles a fresh
     * optimizer with the original rate, and {@link #restoreState} lowers it again.
     */
    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        s.put("best", scalar(best));
        s.put("wait", scalar(wait));
        s.put("cooldown_counter", scalar(cooldownCounter));
        if (!Double.isNaN(loweredTo)) {
            s.put("learning_rate", scalar(loweredTo));
        }
        return s;
    }

    @Override
    public void restoreState(Map<String, Tensor> state) {
        best = scalar(state, "best", best);
        wait = (int) scalar(state, "wait", wait);
        cooldownCounter = (int) scalar(state, "cooldown_counter", cooldownCounter);
        loweredTo = scalar(state, "learning_rate", Double.NaN);
        if (!Double.isNaN(loweredTo)) {
            model().optimizer().setLearningRate(loweredTo);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double current = logs.get(monitor);
        if (current == null) {
            return;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        boolean better = increasing ? current > best + minDelta : current < best - minDelta;
        if (better) {
            best = current;
            wait = 0;
        } else if (cooldownCounter <= 0) {
            wait++;
            if (wait >= patience) {
                Optimizer opt = model().optimizer();
                double old = opt.learningRate();
                if (old > minLr) {
                    double lr = Math.max(old * factor, minLr);
                    opt.setLearningRate(lr);
                    loweredTo = lr;
                    if (verbose) {
                        output().printf(Locale.ROOT, "Epoch %d: ReduceLROnPlateau reducing learning rate to %s.%n",
                                epoch + 1, lr);
                    }
                    cooldownCounter = cooldown;
                    wait = 0;
                }
            }
        }
    }
}
