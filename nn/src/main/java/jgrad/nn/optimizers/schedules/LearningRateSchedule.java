package jgrad.nn.optimizers.schedules;

import java.util.Map;

/**
 * A learning rate that depends on the optimizer step (Keras's
 * {@code keras.optimizers.schedules.LearningRateSchedule}): {@code rate(step)} where step is the
 * number of updates applied so far (0 for the first). A lambda is a schedule.
 */
@FunctionalInterface
public interface LearningRateSchedule {
    double rate(long step);

    /** The Keras class name, or null for a lambda. */
    default String name() {
        return null;
    }

    default Map<String, Object> config() {
        return Map.of();
    }

    /** A schedule that always returns {@code rate}. */
    static LearningRateSchedule constant(double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate must be a finite number >= 0, got " + rate);
        }
        return new Constant(rate);
    }

    /** A constant learning rate. */
    record Constant(double value) implements LearningRateSchedule {
        @Override
        public double rate(long step) {
            return value;
        }

        @Override
        public String name() {
            return "Constant";
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("value", value);
        }
    }
}
