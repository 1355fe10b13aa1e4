package jgrad.ops.nn;

import java.util.List;
import jgrad.core.Op;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.KernelConfig;

/**
 * Softmax cross-entropy from logits as one fused op: inputs {@code (labels, logits)} of one shape
 * {@code [..., classes]}, the result {@code sum(labels * (logSumExp(logits) - logits))} over the
 * last axis, shape {@code [...]} (a scalar for vectors). Equal to {@code -sum(labels *
 * logSoftmax(logits), -1)}, but one pass per row with no log-softmax tensor, exact for large logits.
 * The logits' gradient is the fused {@link SoftmaxCrossEntropyGrad}, {@code g * (softmax(z) *
 * sum(t) - t)}; the labels' is {@code -g * logSoftmax(z)}. Behind
 * {@link jgrad.ops.Losses#categoricalCrossEntropyWithLogits}.
 */
public record SoftmaxCrossEntropy() implements Op {
    @Override
    public String name() {
        return "softmaxCrossEntropy";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        check(name(), inputs[0], inputs[1]);
        return CrossEntropyKernel.loss(inputs[0], inputs[1], KernelConfig.VECTORIZED);
    }

    /** Labels and logits: floating, one dtype and one shape of rank >= 1. */
    static void check(String op, Tensor labels, Tensor logits) {
        NeuralChecks.requireFloating(op, "logits", logits);
        NeuralChecks.requireFloating(op, "labels", labels);
        if (logits.rank() == 0) {
            throw new IllegalArgumentException(op + ": logits must have a class axis (rank >= 1), got a scalar");
        }
        if (!labels.shape().equals(logits.shape()) || labels.dtype() != logits.dtype()) {
            throw new IllegalArgumentException(op + ": labels " + labels.dtype() + " " + labels.shape() + " and logits "
                    + logits.dtype() + " " + logits.shape() + " must have the same shape and dtype");
        }
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor labels = b.input(0);
        Tensor logits = b.input(1);
        Tensor g = b.grad();
        Tensor dLabels = b.needsGrad(0) ? g.unsqueeze(-1).mul(logits.logSoftmax(-1)).neg() : null;
        Tensor dLogits = b.needsGrad(1) ? new SoftmaxCrossEntropyGrad().apply(labels, logits, g) : null;
        return new Tensor[] {dLabels, dLogits};
    }

    public static List<OpSpec> specs() {
        OpSpec loss = OpSpec.builder("softmaxCrossEntropy",
                        in -> new SoftmaxCrossEntropy().apply(in.get(0), in.get(1)))
                .sample(OpSpec.random(0.0, 1.0, 4, 3), OpSpec.random(-3.0, 3.0, 4, 3))
                .sample(OpSpec.random(0.0, 1.0, 5), OpSpec.random(-3.0, 3.0, 5))
                .sample(OpSpec.random(0.0, 1.0, 2, 2, 19), OpSpec.random(-3.0, 3.0, 2, 2, 19))
                .sample(OpSpec.random(0.0, 1.0, 0, 3), OpSpec.random(-3.0, 3.0, 0, 3))
                .sample(OpSpec.random(0.0, 1.0, 2, 0), OpSpec.random(-3.0, 3.0, 2, 0))
                // Large logits: exact where exp would overflow.
                .sample(OpSpec.fixed(Tensor.of(new double[] {0.2, 0.7, 0.1})),
                        OpSpec.fixed(Tensor.of(new double[] {1000, -5, 999})))
                .error("softmaxCrossEntropy: labels float32 [2, 3] and logits float32 [2, 4] must have the same shape",
                        Tensor.zeros(2, 3), Tensor.zeros(2, 4))
                .error("softmaxCrossEntropy: logits must have a class axis", Tensor.of(1f), Tensor.of(1f))
                .error("softmaxCrossEntropy: logits must be float32 or float64, got int64", Tensor.zeros(2),
                        Tensor.of(new long[] {1, 2}))
                .build();
        OpSpec grad = OpSpec.builder("softmaxCrossEntropyGrad",
                        in -> new SoftmaxCrossEntropyGrad().apply(in.get(0), in.get(1), in.get(2)))
                .sample(OpSpec.random(0.0, 1.0, 4, 3), OpSpec.random(-3.0, 3.0, 4, 3), OpSpec.random(-1.0, 1.0, 4))
                .sample(OpSpec.random(0.0, 1.0, 5), OpSpec.random(-3.0, 3.0, 5), OpSpec.random(-1.0, 1.0))
                .sample(OpSpec.random(0.0, 1.0, 2, 2, 17), OpSpec.random(-3.0, 3.0, 2, 2, 17), OpSpec.random(-1.0, 1.0, 2, 2))
                .sample(OpSpec.random(0.0, 1.0, 0, 3), OpSpec.random(-3.0, 3.0, 0, 3), OpSpec.random(-1.0, 1.0, 0))
                .error("softmaxCrossEntropyGrad: grad [3] must have the logits' shape without the class axis [2]",
                        Tensor.zeros(2, 3), Tensor.zeros(2, 3), Tensor.zeros(3))
                .build();
        return List.of(loss, grad);
    }
}
