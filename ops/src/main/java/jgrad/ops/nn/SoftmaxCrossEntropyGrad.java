package jgrad.ops.nn;

import java.util.Arrays;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.KernelConfig;

/**
 * The logits' gradient of {@link SoftmaxCrossEntropy} as one fused op: inputs {@code (labels,
 * logits, g)} with g of the per-row loss shape, result {@code g[..., None] * (softmax(z) * sum(t)
 * - t)} in one pass per row. Its own vjp is written with ops, so the loss has gradients of any
 * order: with {@code p = softmax(z)}, {@code S = sum(t)} and h the incoming gradient,
 * {@code dz = g S p (h - sum(h p))}, {@code dt = g (sum(h p) - h)}, {@code dg = sum(h (p S - t))}.
 */
public record SoftmaxCrossEntropyGrad() implements Op {
    @Override
    public String name() {
        return "softmaxCrossEntropyGrad";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        SoftmaxCrossEntropy.check(name(), inputs[0], inputs[1]);
        checkGrad(name(), inputs[1], inputs[2]);
        return CrossEntropyKernel.gradient(inputs[0], inputs[1], inputs[2], KernelConfig.VECTORIZED);
    }

    /** g must be floating with the logits' dtype and their shape without the class axis. */
    static void checkGrad(String op, Tensor logits, Tensor g) {
        int[] d = logits.shape().dims();
        Shape rows = Shape.of(Arrays.copyOf(d, d.length - 1));
        if (!g.shape().equals(rows) || g.dtype() != logits.dtype()) {
            throw new IllegalArgumentException(op + ": grad " + g.shape() + " must have the logits' shape without the"
                    + " class axis " + rows + " and their dtype " + logits.dtype() + ", got " + g.dtype());
        }
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor t = b.input(0);
        Tensor z = b.input(1);
        Tensor g = b.input(2).unsqueeze(-1);
        Tensor h = b.grad();
        Tensor p = z.softmax(-1);
        int last = z.rank() - 1;
        Tensor hp = h.mul(p).sum(new int[] {last}, true);
        Tensor s = t.sum(new int[] {last}, true);
        Tensor dt = b.needsGrad(0) ? g.mul(hp.sub(h)) : null;
        Tensor dz = b.needsGrad(1) ? g.mul(s).mul(p).mul(h.sub(hp)) : null;
        Tensor dg = b.needsGrad(2) ? h.mul(p.mul(s).sub(t)).sum(new int[] {last}, false) : null;
        return new Tensor[] {dt, dz, dg};
    }
}
