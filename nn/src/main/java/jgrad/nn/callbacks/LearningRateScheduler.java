package jgrad.nn.callbacks;

import java.util.Locale;
import java.util.Map;
import jgrad.nn.optimizers.Optimizer;

/**
 * Sets the optimizer's learning rate at the start of each epoch from {@code schedule(epoch, lr)}
 * (Keras's {@code LearningRateScheduler}; epoch is 0-based, lr the current rate).
 */
public final class LearningRateScheduler extends Callback {
    /** The new learning rate for an epoch. */
    @FunctionalInterface
    public interface Schedule {
        double rate(int epoch, double currentRate);
    }

    private final Schedule schedule;
    private final boolean verbose;

    public LearningRateScheduler(Schedule schedule) {
        this(schedule, false);
    }

    public LearningRateScheduler(Schedule schedule, boolean verbose) {
        this.schedule = schedule;
        this.verbose = verbose;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        Optimizer opt = model().optimizer();
        double lr = schedule.rate(epoch, opt.learningRate());
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("LearningRateScheduler: the schedule returned " + lr + " for epoch " + epoch);
        }
        opt.setLearningRate(lr);
        if (verbose) {
            output().printf(Locale.ROOT, "Epoch %d: LearningRateScheduler setting learning rate to %s.%n", epoch + 1,
                    lr);
        }
    }
}
