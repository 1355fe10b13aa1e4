package jgrad.ops.nn;

import jgrad.core.Op;
import jgrad.core.Tensor;
import jgrad.ops.kernels.KernelConfig;

/**
 * The logits' gradient of {@link SparseSoftmaxCrossEntropy} as one fused op: inputs {@code (labels,
 * logits, g)}, result {@code g[..., None] * (softmax(z) - onehot(label))} in one pass per row. Its
 * vjp is written with ops: with {@code p = softmax(z)} and h the incoming gradient, {@code dz = g p
 * (h - sum(h p))} and {@code dg = sum(h (p - onehot))}; the labels get none.
 */
public record SparseSoftmaxCrossEntropyGrad() implements Op {
    @Override
    public String name() {
        return "sparseSoftmaxCrossEntropyGrad";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        SparseSoftmaxCrossEntropy.check(name(), inputs[0], inputs[1]);
        SoftmaxCrossEntropyGrad.checkGrad(name(), inputs[1], inputs[2]);
        return CrossEntropyKernel.gradient(inputs[0], inputs[1], inputs[2], KernelConfig.VECTORIZED);
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor labels = b.input(0);
        Tensor z = b.input(1);
        Tensor g = b.input(2).unsqueeze(-1);
        Tensor h = b.grad();
        Tensor p = z.softmax(-1);
        int last = z.rank() - 1;
        Tensor hp = h.mul(p).sum(new int[] {last}, true);
        Tensor dz = b.needsGrad(1) ? g.mul(p).mul(h.sub(hp)) : null;
        Tensor dg = null;
        if (b.needsGrad(2)) {
            Tensor oneHot = labels.oneHot(z.dim(last));
            oneHot = oneHot.dtype() == z.dtype() ? oneHot : oneHot.cast(z.dtype());
            dg = h.mul(p.sub(oneHot)).sum(new int[] {last}, false);
        }
        return new Tensor[] {null, dz, dg};
    }
}
