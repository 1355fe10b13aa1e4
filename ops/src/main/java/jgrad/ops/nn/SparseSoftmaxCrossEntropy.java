package jgrad.ops.nn;

import java.util.Arrays;
import java.util.List;
import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.KernelConfig;

/**
 * Softmax cross-entropy with int64 class indices as one fused op: inputs {@code (labels [...],
 * logits [..., classes])}, result {@code logSumExp(logits) - logits[label]} per row, shape
 * {@code [...]}. No one-hot tensor is made. The logits' gradient is the fused
 * {@link SparseSoftmaxCrossEntropyGrad}, {@code g * (softmax(z) - onehot(label))}; labels get none.
 * Behind {@link jgrad.ops.Losses#sparseCategoricalCrossEntropyWithLogits}.
 */
public record SparseSoftmaxCrossEntropy() implements Op {
    @Override
    public String name() {
        return "sparseSoftmaxCrossEntropy";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        check(name(), inputs[0], inputs[1]);
        return CrossEntropyKernel.loss(inputs[0], inputs[1], KernelConfig.VECTORIZED);
    }

    /** int64 labels of the logits' shape without the class axis, each in [0, classes). */
    static void check(String op, Tensor labels, Tensor logits) {
        NeuralChecks.requireFloating(op, "logits", logits);
        if (logits.rank() == 0) {
            throw new IllegalArgumentException(op + ": logits must have a class axis (rank >= 1), got a scalar");
        }
        if (labels.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": labels must hold int64 class indices, got " + labels.dtype()
                    + " " + labels.shape());
        }
        int[] d = logits.shape().dims();
        Shape rows = Shape.of(Arrays.copyOf(d, d.length - 1));
        if (!labels.shape().equals(rows)) {
            throw new IllegalArgumentException(op + ": labels " + labels.shape() + " and logits " + logits.shape()
                    + " do not fit: labels must have the logits' shape without the class axis, " + rows);
        }
        int classes = d[d.length - 1];
        long[] l = labels.toLongArray();
        for (int i = 0; i < l.length; i++) {
            if (l[i] < 0 || l[i] >= classes) {
                throw new IllegalArgumentException(op + ": label " + l[i] + " at flat position " + i + " is out of range"
                        + " for " + classes + " classes");
            }
        }
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor dLogits = b.needsGrad(1)
                ? new SparseSoftmaxCrossEntropyGrad().apply(b.input(0), b.input(1), b.grad()) : null;
        return new Tensor[] {null, dLogits};
    }

    public static List<OpSpec> specs() {
        OpSpec loss = OpSpec.builder("sparseSoftmaxCrossEntropy",
                        in -> new SparseSoftmaxCrossEntropy().apply(in.get(0), in.get(1)))
                .sample(OpSpec.fixed(Tensor.of(new long[] {0, 2, 1, 2})), OpSpec.random(-3.0, 3.0, 4, 3))
                .sample(OpSpec.fixed(Tensor.of(1L)), OpSpec.random(-3.0, 3.0, 3))
                .sample(OpSpec.fixed(Tensor.of(new long[][] {{1, 18}, {0, 5}})), OpSpec.random(-3.0, 3.0, 2, 2, 19))
                .sample(OpSpec.fixed(Tensor.of(new long[0])), OpSpec.random(-3.0, 3.0, 0, 3))
                .sample(OpSpec.fixed(Tensor.of(2L)), OpSpec.fixed(Tensor.of(new double[] {1000, -5, 999})))
                .error("sparseSoftmaxCrossEntropy: label 3 at flat position 1 is out of range for 3 classes",
                        Tensor.of(new long[] {0, 3}), Tensor.zeros(2, 3))
                .error("sparseSoftmaxCrossEntropy: labels must hold int64 class indices, got float32",
                        Tensor.zeros(2), Tensor.zeros(2, 3))
                .error("sparseSoftmaxCrossEntropy: labels [3] and logits [2, 3] do not fit",
                        Tensor.of(new long[] {0, 1, 2}), Tensor.zeros(2, 3))
                .build();
        OpSpec grad = OpSpec.builder("sparseSoftmaxCrossEntropyGrad",
                        in -> new SparseSoftmaxCrossEntropyGrad().apply(in.get(0), in.get(1), in.get(2)))
                .sample(OpSpec.fixed(Tensor.of(new long[] {0, 2, 1, 2})), OpSpec.random(-3.0, 3.0, 4, 3),
                        OpSpec.random(-1.0, 1.0, 4))
                .sample(OpSpec.fixed(Tensor.of(1L)), OpSpec.random(-3.0, 3.0, 3), OpSpec.random(-1.0, 1.0))
                .sample(OpSpec.fixed(Tensor.of(new long[][] {{1, 18}, {0, 5}})), OpSpec.random(-3.0, 3.0, 2, 2, 19),
                        OpSpec.random(-1.0, 1.0, 2, 2))
                .sample(OpSpec.fixed(Tensor.of(new long[0])), OpSpec.random(-3.0, 3.0, 0, 3), OpSpec.random(-1.0, 1.0, 0))
                .build();
        return List.of(loss, grad);
    }
}
