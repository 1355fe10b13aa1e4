package jgrad.nn.optimizers;

import java.util.HashMap;
import java.util.Map;
import jgrad.core.Tensor;
import jgrad.core.Variable;

/**
 * {@link SGD}'s rule as tensor ops, for unrolled steps: {@code v = momentum v - lr g; w += v}
 * (Nesterov: {@code w += momentum v - lr g}), plain {@code w - lr g} without momentum.
 */
public final class DifferentiableSGD extends DifferentiableOptimizer {
    private final double momentum;
    private final boolean nesterov;
    private final SGD source;

    public DifferentiableSGD(double learningRate) {
        this(learningRate, 0, false, null);
    }

    public DifferentiableSGD(double learningRate, double momentum, boolean nesterov) {
        this(learningRate, momentum, nesterov, null);
    }

    private DifferentiableSGD(double learningRate, double momentum, boolean nesterov, SGD source) {
        super("DifferentiableSGD", learningRate);
        Optimizer.checkRange("DifferentiableSGD", "momentum", momentum, 0, 1);
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.source = source;
    }

    /** The settings of {@code sgd} at its current learning rate, continuing from its momentum buffers. */
    public static DifferentiableSGD of(SGD sgd) {
        Map<String, Object> c = sgd.config();
        return new DifferentiableSGD(sgd.learningRate(), ((Number) c.get("momentum")).doubleValue(),
                (Boolean) c.get("nesterov"), sgd);
    }

    @Override
    protected Map<String, Tensor> initialSlots(Variable v) {
        Map<String, Tensor> m = new HashMap<>();
        Tensor mom = source == null ? null : slotTensor(source, v, "momentum");
        if (mom != null) {
            m.put("momentum", mom);
        }
        return m;
    }

    @Override
    protected long initialStep() {
        return source == null ? 0 : source.iterations();
    }

    @Override
    protected Tensor update(Tensor w, Tensor g, Map<String, Tensor> slots, long step) {
        double lr = learningRate();
        if (momentum == 0) {
            return w.sub(g.mul(lr));
        }
        Tensor v = slots.get("momentum");
        Tensor nv = v == null ? g.mul(-lr) : v.mul(momentum).sub(g.mul(lr));
        slots.put("momentum", nv);
        return nesterov ? w.add(nv.mul(momentum)).sub(g.mul(lr)) : w.add(nv);
    }
}
