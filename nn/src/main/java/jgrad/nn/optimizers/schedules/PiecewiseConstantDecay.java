package jgrad.nn.optimizers.schedules;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Step-wise constant rates: {@code values[0]} while {@code step <= boundaries[0]},
 * {@code values[1]} while {@code step <= boundaries[1]}, ..., {@code values[n]} after the last
 * boundary (Keras's rule). Also the "step decay" of the notes.
 */
public final class PiecewiseConstantDecay implements LearningRateSchedule {
    private final long[] boundaries;
    private final double[] values;

    public PiecewiseConstantDecay(long[] boundaries, double[] values) {
        if (values.length != boundaries.length + 1) {
            throw new IllegalArgumentException("PiecewiseConstantDecay: needs one more value than boundaries, got "
                    + boundaries.length + " boundaries and " + values.length + " values");
        }
        for (int i = 1; i < boundaries.length; i++) {
            if (boundaries[i] <= boundaries[i - 1]) {
                throw new IllegalArgumentException("PiecewiseConstantDecay: boundaries must increase, got "
                        + Arrays.toString(boundaries));
            }
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    /**
     * Multiplies the rate by {@code factor} every {@code stepSize} steps, {@code drops} times:
     * the classic step decay.
     */
    public static PiecewiseConstantDecay stepDecay(double initial, long stepSize, double factor, int drops) {
        long[] b = new long[drops];
        double[] v = new double[drops + 1];
        v[0] = initial;
        for (int i = 0; i < drops; i++) {
            b[i] = (i + 1) * stepSize - 1;
            v[i + 1] = v[i] * factor;
        }
        return new PiecewiseConstantDecay(b, v);
    }

    @Override
    public double rate(long step) {
        for (int i = 0; i < boundaries.length; i++) {
            if (step <= boundaries[i]) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    @Override
    public String name() {
        return "PiecewiseConstantDecay";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("boundaries", Arrays.stream(boundaries).boxed().toList(),
                "values", List.of(Arrays.stream(values).boxed().toArray()));
    }
}
