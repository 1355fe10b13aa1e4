package jgrad.nn.optimizers.schedules;

import java.util.Map;

/** {@code initial / (1 + decayRate * step / decaySteps)}, the exponent floored when {@code staircase}. */
public record InverseTimeDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase)
        implements LearningRateSchedule {
    public InverseTimeDecay {
        if (decaySteps <= 0 || !(decayRate >= 0)) {
            throw new IllegalArgumentException("InverseTimeDecay: needs decaySteps > 0 and decayRate >= 0, got "
                    + decaySteps + " and " + decayRate);
        }
    }

    @Override
    public double rate(long step) {
        double p = (double) step / decaySteps;
        if (staircase) {
            p = Math.floor(p);
        }
        return initialLearningRate / (1 + decayRate * p);
    }

    @Override
    public String name() {
        return "InverseTimeDecay";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("initial_learning_rate", initialLearningRate, "decay_steps", decaySteps, "decay_rate", decayRate,
                "staircase", staircase);
    }
}
