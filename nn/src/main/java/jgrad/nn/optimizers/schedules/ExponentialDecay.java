package jgrad.nn.optimizers.schedules;

import java.util.Map;

/**
 * {@code initial * decayRate^(step / decaySteps)}, with the exponent floored when
 * {@code staircase}. The notes' {@code 0.5 * 0.97^(t/100)} is {@code new ExponentialDecay(0.5, 100, 0.97)}.
 */
public record ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase)
        implements LearningRateSchedule {
    public ExponentialDecay {
        if (decaySteps <= 0) {
            throw new IllegalArgumentException("ExponentialDecay: decaySteps must be > 0, got " + decaySteps);
        }
        if (!(decayRate > 0) || !(initialLearningRate >= 0)) {
            throw new IllegalArgumentException("ExponentialDecay: needs initialLearningRate >= 0 and decayRate > 0, got "
                    + initialLearningRate + " and " + decayRate);
        }
    }

    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate) {
        this(initialLearningRate, decaySteps, decayRate, false);
    }

    @Override
    public double rate(long step) {
        double p = (double) step / decaySteps;
        if (staircase) {
            p = Math.floor(p);
        }
        return initialLearningRate * Math.pow(decayRate, p);
    }

    @Override
    public String name() {
        return "ExponentialDecay";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("initial_learning_rate", initialLearningRate, "decay_steps", decaySteps, "decay_rate", decayRate,
                "staircase", staircase);
    }
}
