package jgrad.ops.nn;

import static jgrad.core.check.OpSpec.fixed;
import static jgrad.core.check.OpSpec.random;

import java.util.List;
import java.util.function.BinaryOperator;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.Losses;
import jgrad.ops.Losses.Reduction;

/**
 * Specs for every loss of {@link Losses}, listed by {@link NeuralSpecs#all()}: gradients are
 * checked with respect to {@code yPred} and, where the loss is differentiable in it, {@code yTrue}
 * (integer labels are fixed inputs, which gradcheck leaves alone).
 */
public final class LossSpecs {
    private LossSpecs() {}

    public static List<OpSpec> all() {
        return List.of(
                elementwise("meanSquaredError", Losses::meanSquaredError, -2, 2, -2, 2).build(),
                elementwise("meanSquaredError(NONE)",
                        (t, p) -> Losses.meanSquaredError(t, p, Reduction.NONE), -2, 2, -2, 2).build(),
                elementwise("meanSquaredError(SUM)",
                        (t, p) -> Losses.meanSquaredError(t, p, Reduction.SUM), -2, 2, -2, 2).build(),
                elementwise("meanAbsoluteError", Losses::meanAbsoluteError, -2, 2, -2, 2).build(),
                elementwise("huber", (t, p) -> Losses.huber(t, p, 0.8), -2, 2, -2, 2).build(),
                elementwise("poisson", Losses::poisson, 0, 3, 0.1, 3).build(),
                elementwise("binaryCrossEntropy", Losses::binaryCrossEntropy, 0, 1, 0.05, 0.95).build(),
                elementwise("binaryCrossEntropyWithLogits", Losses::binaryCrossEntropyWithLogits, 0, 1, -3, 3)
                        // Saturated logits: exact and finite in the stable form.
                        .sample(fixed(Tensor.of(new double[] {1, 0, 1, 0})),
                                fixed(Tensor.of(new double[] {-100, 100, 800, -800})))
                        .build(),
                hinge("hinge", Losses::hinge),
                hinge("squaredHinge", Losses::squaredHinge),
                classes("categoricalCrossEntropy", Losses::categoricalCrossEntropy, 0.05, 1).build(),
                classes("categoricalCrossEntropy(NONE)",
                        (t, p) -> Losses.categoricalCrossEntropy(t, p, Reduction.NONE), 0.05, 1).build(),
                classes("categoricalCrossEntropyWithLogits", Losses::categoricalCrossEntropyWithLogits, -3, 3)
                        .sample(fixed(Tensor.of(new double[] {0, 1, 0})), fixed(Tensor.of(new double[] {1000, -5, 999})))
                        .build(),
                sparse("sparseCategoricalCrossEntropy", Losses::sparseCategoricalCrossEntropy, 0.05, 1),
                sparse("sparseCategoricalCrossEntropyWithLogits", Losses::sparseCategoricalCrossEntropyWithLogits, -3,
                        3),
                classes("kullbackLeiblerDivergence", Losses::kullbackLeiblerDivergence, 0.05, 0.95).build());
    }

    /** A loss averaged over the last axis: matrix, vector, scalar and empty-batch samples. */
    private static OpSpec.Builder elementwise(String name, BinaryOperator<Tensor> loss, double tLow, double tHigh,
            double pLow, double pHigh) {
        String fn = name.contains("(") ? name.substring(0, name.indexOf('(')) : name;
        return OpSpec.builder(name, in -> loss.apply(in.get(0), in.get(1)))
                .sample(random(tLow, tHigh, 4, 3), random(pLow, pHigh, 4, 3))
                .sample(random(tLow, tHigh, 5), random(pLow, pHigh, 5))
                .sample(random(tLow, tHigh), random(pLow, pHigh))
                .sample(random(tLow, tHigh, 0, 3), random(pLow, pHigh, 0, 3))
                .error(fn + ": yTrue [2, 3] and yPred [3, 2] must have the same shape", Tensor.zeros(2, 3),
                        Tensor.zeros(3, 2))
                .error(fn + ": yPred must be float32 or float64, got int64", Tensor.zeros(2),
                        Tensor.of(new long[] {1, 0}));
    }

    /** Hinge losses: -1/1 float labels (differentiable), and 0/1 int64 labels (converted, fixed). */
    private static OpSpec hinge(String name, BinaryOperator<Tensor> loss) {
        return elementwise(name, loss, -1.5, 1.5, -2, 2)
                .sample(fixed(Tensor.of(new long[][] {{0, 1, 1}, {1, 0, 0}})), random(-2.0, 2.0, 2, 3))
                .build();
    }

    /** A loss summed over a class axis: a scalar pair is an error. */
    private static OpSpec.Builder classes(String name, BinaryOperator<Tensor> loss, double pLow, double pHigh) {
        String fn = name.contains("(") ? name.substring(0, name.indexOf('(')) : name;
        return OpSpec.builder(name, in -> loss.apply(in.get(0), in.get(1)))
                .sample(random(0.0, 1.0, 4, 3), random(pLow, pHigh, 4, 3))
                .sample(random(0.0, 1.0, 5), random(pLow, pHigh, 5))
                .sample(random(0.0, 1.0, 2, 2, 3), random(pLow, pHigh, 2, 2, 3))
                .sample(random(0.0, 1.0, 0, 3), random(pLow, pHigh, 0, 3))
                .error(fn + ": yTrue [2, 3] and yPred [2, 4] must have the same shape", Tensor.zeros(2, 3),
                        Tensor.zeros(2, 4))
                .error(fn + ": yPred must have a class axis", Tensor.of(0.5f), Tensor.of(0.5f));
    }

    private static OpSpec sparse(String name, BinaryOperator<Tensor> loss, double pLow, double pHigh) {
        return OpSpec.builder(name, in -> loss.apply(in.get(0), in.get(1)))
                .sample(fixed(Tensor.of(new long[] {0, 2, 1, 2})), random(pLow, pHigh, 4, 3))
                .sample(fixed(Tensor.of(1L)), random(pLow, pHigh, 3))
                .sample(fixed(Tensor.of(new long[][] {{1}, {0}})), random(pLow, pHigh, 2, 4))
                .sample(fixed(Tensor.of(new long[0])), random(pLow, pHigh, 0, 3))
                .error(name + ": label 3 at flat position 1 of yTrue [2] is out of range for 3 classes",
                        Tensor.of(new long[] {0, 3}), Tensor.zeros(2, 3))
                .error(name + ": label -1", Tensor.of(new long[] {-1, 0}), Tensor.zeros(2, 3))
                .error(name + ": yTrue must hold int64 class indices, got float32", Tensor.zeros(2),
                        Tensor.zeros(2, 3))
                .error(name + ": yTrue [3] and yPred [2, 3] do not fit", Tensor.of(new long[] {0, 1, 2}),
                        Tensor.zeros(2, 3))
                .build();
    }
}
