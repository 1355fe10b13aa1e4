package jgrad.nn.optimizers;

import java.util.HashMap;
import java.util.Map;
import jgrad.core.Tensor;
import jgrad.core.Variable;

/**
 * {@link Adam}'s rule (Keras's form) as tensor ops, for unrolled steps: {@code m += (g - m)(1 -
 * b1); v += (g^2 - v)(1 - b2); w -= lr sqrt(1 - b2^t) / (1 - b1^t) m / (sqrt(v) + eps)}. The
 * square root reads {@code max(v, 1e-30)}: equal for every v a float can hold above that, and it
 * keeps the second derivative finite where a gradient is exactly zero (sqrt's slope at 0 is
 * infinite, times a zero would be NaN).
 */
public final class DifferentiableAdam extends DifferentiableOptimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Adam source;

    public DifferentiableAdam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7, null);
    }

    public DifferentiableAdam(double learningRate, double beta1, double beta2, double epsilon) {
        this(learningRate, beta1, beta2, epsilon, null);
    }

    private DifferentiableAdam(double learningRate, double beta1, double beta2, double epsilon, Adam source) {
        super("DifferentiableAdam", learningRate);
        Optimizer.checkRange(name(), "beta1", beta1, 0, 1);
        Optimizer.checkRange(name(), "beta2", beta2, 0, 1);
        Optimizer.checkRange(name(), "epsilon", epsilon, 0, Double.MAX_VALUE);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.source = source;
    }

    /**
     * {@code adam}'s settings at its current learning rate, continuing from its moments and step
     * count (what the Unrolled GAN's reference code does); AMSGrad is not supported.
     */
    public static DifferentiableAdam of(Adam adam) {
        if (adam.amsgrad) {
            throw new IllegalArgumentException("DifferentiableAdam.of: AMSGrad is not supported");
        }
        if (adam.weightDecay() > 0 || adam.getClass() != Adam.class) {
            throw new IllegalArgumentException("DifferentiableAdam.of: plain Adam only (no weight decay, not "
                    + adam.name() + " with extras)");
        }
        return new DifferentiableAdam(adam.learningRate(), adam.beta1, adam.beta2, adam.epsilon, adam);
    }

    @Override
    protected Map<String, Tensor> initialSlots(Variable v) {
        Map<String, Tensor> m = new HashMap<>();
        if (source != null) {
            Tensor mom = slotTensor(source, v, "momentum");
            Tensor vel = slotTensor(source, v, "velocity");
            if (mom != null) {
                m.put("momentum", mom);
            }
            if (vel != null) {
                m.put("velocity", vel);
            }
        }
        return m;
    }

    @Override
    protected long initialStep() {
        return source == null ? 0 : source.iterations();
    }

    @Override
    protected Tensor update(Tensor w, Tensor g, Map<String, Tensor> slots, long step) {
        Tensor m = slots.get("momentum");
        Tensor v = slots.get("velocity");
        m = m == null ? g.mul(1 - beta1) : m.add(g.sub(m).mul(1 - beta1));
        Tensor g2 = g.square();
        v = v == null ? g2.mul(1 - beta2) : v.add(g2.sub(v).mul(1 - beta2));
        slots.put("momentum", m);
        slots.put("velocity", v);
        double alpha = learningRate() * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        return w.sub(m.mul(alpha).div(v.maximum(1e-30).sqrt().add(epsilon)));
    }
}
