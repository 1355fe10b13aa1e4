package jgrad.nn.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cosine decay from {@code initial} to {@code initial * alpha} over {@code decaySteps}
 * (Keras's CosineDecay): {@code initial * ((1 - alpha) * 0.5 * (1 + cos(pi * t / decaySteps)) + alpha)},
 * constant after. With {@code warmupSteps > 0} the rate first rises linearly from
 * {@code initial} to {@code warmupTarget}, then decays from there, as Keras 3.
 */
public record CosineDecay(double initialLearningRate, long decaySteps, double alpha, double warmupTarget,
        long warmupSteps) implements LearningRateSchedule {
    public CosineDecay {
        if (decaySteps <= 0 || warmupSteps < 0 || !(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("CosineDecay: needs decaySteps > 0, warmupSteps >= 0 and alpha in [0, 1],"
                    + " got " + decaySteps + ", " + warmupSteps + ", " + alpha);
        }
    }

    public CosineDecay(double initialLearningRate, long decaySteps) {
        this(initialLearningRate, decaySteps, 0, Double.NaN, 0);
    }

    public CosineDecay(double initialLearningRate, long decaySteps, double alpha) {
        this(initialLearningRate, decaySteps, alpha, Double.NaN, 0);
    }

    @Override
    public double rate(long step) {
        double start = initialLearningRate;
        if (warmupSteps > 0) {
            if (step < warmupSteps) {
                return initialLearningRate + (warmupTarget - initialLearningRate) * step / warmupSteps;
            }
            start = warmupTarget;
            step -= warmupSteps;
        }
        double t = Math.min(step, decaySteps);
        double cosine = 0.5 * (1 + Math.cos(Math.PI * t / decaySteps));
        return start * ((1 - alpha) * cosine + alpha);
    }

    @Override
    public String name() {
        return "CosineDecay";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("initial_learning_rate", initialLearningRate);
        m.put("decay_steps", decaySteps);
        m.put("alpha", alpha);
        m.put("warmup_target", Double.isNaN(warmupTarget) ? null : warmupTarget);
        m.put("warmup_steps", warmupSteps);
        return m;
    }
}
