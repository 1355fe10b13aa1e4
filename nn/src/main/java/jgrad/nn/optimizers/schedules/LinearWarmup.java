package jgrad.nn.optimizers.schedules;

import java.util.Objects;

/**
 * A linear warm-up in front of another schedule: the rate rises from {@code startRate} to
 * {@code after.rate(0)} over {@code warmupSteps} steps, then follows {@code after} (its step
 * counted from the end of the warm-up).
 */
public record LinearWarmup(double startRate, long warmupSteps, LearningRateSchedule after)
        implements LearningRateSchedule {
    public LinearWarmup {
        Objects.requireNonNull(after, "after");
        if (warmupSteps <= 0 || !(startRate >= 0)) {
            throw new IllegalArgumentException("LinearWarmup: needs warmupSteps > 0 and startRate >= 0, got "
                    + warmupSteps + " and " + startRate);
        }
    }

    @Override
    public double rate(long step) {
        if (step < warmupSteps) {
            double target = after.rate(0);
            return startRate + (target - startRate) * step / warmupSteps;
        }
        return after.rate(step - warmupSteps);
    }
}
