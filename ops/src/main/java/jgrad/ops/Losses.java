package jgrad.ops;

import java.util.Arrays;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.ops.nn.SoftmaxCrossEntropy;
import jgrad.ops.nn.SparseSoftmaxCrossEntropy;

/**
 * The standard loss functions, with Keras's conventions: arguments {@code (yTrue, yPred)}, a
 * per-sample loss over the last axis, then the mean over every sample (Keras's
 * "sum_over_batch_size") unless another {@link Reduction} is given. All are compositions of
 * differentiable ops, so they work on a {@link jgrad.core.GradientTape} to any order.
 *
 * <p>Per sample, the elementwise losses (MSE, MAE, Huber, binary cross-entropy, Poisson, hinge,
 * squared hinge) take the <em>mean</em> over the last axis; the distribution losses (categorical
 * and sparse categorical cross-entropy, KL divergence) take the <em>sum</em> over the last (class)
 * axis, as Keras does. A rank-0 pair is a single sample. {@code yTrue} is cast to {@code yPred}'s
 * dtype (so float labels of either precision, or bool labels, may be mixed with predictions);
 * shapes must be equal, with no broadcasting, so a forgotten axis fails instead of averaging the
 * wrong thing.
 *
 * <pre>{@code
 * Tensor loss = Losses.binaryCrossEntropy(y, X.matmul(w).add(b).sigmoid());
 * Tensor perSample = Losses.meanSquaredError(y, yHat, Losses.Reduction.NONE);
 * }</pre>
 */
public final class Losses {
    private Losses() {}

    /** Keras's {@code backend.epsilon()}: probabilities are clipped to {@code [EPSILON, 1 - EPSILON]}. */
    public static final double EPSILON = 1e-7;

    /** How per-sample losses become the result. */
    public enum Reduction {
        /** The per-sample losses themselves: {@code yPred}'s shape without its last axis. */
        NONE,
        /** Their sum, a scalar. */
        SUM,
        /** Their mean, a scalar (0 for an empty batch, as Keras). The default. */
        MEAN
    }

    // ------------------------------------------------------------------ regression

    /** {@code mean((yPred - yTrue)^2)} over the last axis, then the mean over samples. */
    public static Tensor meanSquaredError(Tensor yTrue, Tensor yPred) {
        return meanSquaredError(yTrue, yPred, Reduction.MEAN);
    }

    public static Tensor meanSquaredError(Tensor yTrue, Tensor yPred, Reduction reduction) {
        Tensor t = prepare("meanSquaredError", yTrue, yPred, reduction);
        return reduce(meanLast(yPred.sub(t).square()), reduction);
    }

    /** {@code mean(|yPred - yTrue|)} over the last axis, then the mean over samples. */
    public static Tensor meanAbsoluteError(Tensor yTrue, Tensor yPred) {
        return meanAbsoluteError(yTrue, yPred, Reduction.MEAN);
    }

    public static Tensor meanAbsoluteError(Tensor yTrue, Tensor yPred, Reduction reduction) {
        Tensor t = prepare("meanAbsoluteError", yTrue, yPred, reduction);
        return reduce(meanLast(yPred.sub(t).abs()), reduction);
    }

    /** Huber loss with {@code delta = 1}. */
    public static Tensor huber(Tensor yTrue, Tensor yPred) {
        return huber(yTrue, yPred, 1.0, Reduction.MEAN);
    }

    public static Tensor huber(Tensor yTrue, Tensor yPred, double delta) {
        return huber(yTrue, yPred, delta, Reduction.MEAN);
    }

    /**
     * Quadratic {@code e^2 / 2} where {@code |e| <= delta}, linear {@code delta * |e| - delta^2 / 2}
     * beyond, with {@code e = yPred - yTrue}; mean over the last axis.
     */
    public static Tensor huber(Tensor yTrue, Tensor yPred, double delta, Reduction reduction) {
        Tensor t = prepare("huber", yTrue, yPred, reduction);
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("huber: delta must be a finite number > 0, got " + delta);
        }
        Tensor error = yPred.sub(t);
        Tensor absError = error.abs();
        // Both branches are finite everywhere, so where() passes no NaN into the gradient.
        Tensor quadratic = error.square().mul(0.5);
        Tensor linear = absError.mul(delta).sub(0.5 * delta * delta);
        return reduce(meanLast(Tensor.where(absError.lessEqual(absError.scalarLike(delta)), quadratic, linear)),
                reduction);
    }

    /** {@code yPred - yTrue * log(yPred + 1e-7)} (the Poisson negative log-likelihood up to a constant). */
    public static Tensor poisson(Tensor yTrue, Tensor yPred) {
        return poisson(yTrue, yPred, Reduction.MEAN);
    }

    public static Tensor poisson(Tensor yTrue, Tensor yPred, Reduction reduction) {
        Tensor t = prepare("poisson", yTrue, yPred, reduction);
        return reduce(meanLast(yPred.sub(t.mul(yPred.add(EPSILON).log()))), reduction);
    }

    // ------------------------------------------------------------------ binary classification

    /**
     * Binary cross-entropy from probabilities: {@code -(y log p + (1 - y) log(1 - p))} with
     * {@code p} clipped to {@code [1e-7, 1 - 1e-7]} as Keras does (so a saturated prediction gives
     * a large finite loss and, beyond the clip, a zero gradient); mean over the last axis.
     */
    public static Tensor binaryCrossEntropy(Tensor yTrue, Tensor yPred) {
        return binaryCrossEntropy(yTrue, yPred, Reduction.MEAN);
    }

    public static Tensor binaryCrossEntropy(Tensor yTrue, Tensor yPred, Reduction reduction) {
        Tensor t = prepare("binaryCrossEntropy", yTrue, yPred, reduction);
        Tensor p = yPred.clip(EPSILON, 1 - EPSILON);
        Tensor one = p.scalarLike(1);
        Tensor logLikelihood = t.mul(p.log()).add(one.sub(t).mul(one.sub(p).log()));
        return reduce(meanLast(logLikelihood.neg()), reduction);
    }

    /**
     * Binary cross-entropy from logits {@code z}, in the stable form
     * {@code max(z, 0) - z y + log(1 + exp(-|z|))} (= softplus(z) - z y): no clipping needed, exact
     * for any z, and its gradient is {@code sigmoid(z) - y}.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor yTrue, Tensor logits) {
        return binaryCrossEntropyWithLogits(yTrue, logits, Reduction.MEAN);
    }

    public static Tensor binaryCrossEntropyWithLogits(Tensor yTrue, Tensor logits, Reduction reduction) {
        Tensor t = prepare("binaryCrossEntropyWithLogits", yTrue, logits, reduction);
        return reduce(meanLast(logits.softplus().sub(logits.mul(t))), reduction);
    }

    /**
     * {@code max(0, 1 - y * yPred)}, mean over the last axis. Labels are expected in {-1, 1}; as in
     * Keras, if every label is 0 or 1 they are converted to -1 and 1 first ({@code 2y - 1}).
     */
    public static Tensor hinge(Tensor yTrue, Tensor yPred) {
        return hinge(yTrue, yPred, Reduction.MEAN);
    }

    public static Tensor hinge(Tensor yTrue, Tensor yPred, Reduction reduction) {
        Tensor t = hingeLabels(prepare("hinge", yTrue, yPred, reduction));
        return reduce(meanLast(yPred.scalarLike(1).sub(t.mul(yPred)).relu()), reduction);
    }

    /** {@code max(0, 1 - y * yPred)^2}, mean over the last axis; 0/1 labels become -1/1 as in {@link #hinge}. */
    public static Tensor squaredHinge(Tensor yTrue, Tensor yPred) {
        return squaredHinge(yTrue, yPred, Reduction.MEAN);
    }

    public static Tensor squaredHinge(Tensor yTrue, Tensor yPred, Reduction reduction) {
        Tensor t = hingeLabels(prepare("squaredHinge", yTrue, yPred, reduction));
        return reduce(meanLast(yPred.scalarLike(1).sub(t.mul(yPred)).relu().square()), reduction);
    }

    // ------------------------------------------------------------------ multi-class

    /**
     * Categorical cross-entropy from probabilities: {@code -sum(y log p)} over the class (last)
     * axis. As in Keras, {@code p} is first rescaled to sum to 1 along the class axis and then
     * clipped to {@code [1e-7, 1 - 1e-7]}.
     */
    public static Tensor categoricalCrossEntropy(Tensor yTrue, Tensor yPred) {
        return categoricalCrossEntropy(yTrue, yPred, Reduction.MEAN);
    }

    public static Tensor categoricalCrossEntropy(Tensor yTrue, Tensor yPred, Reduction reduction) {
        Tensor t = prepare("categoricalCrossEntropy", yTrue, yPred, reduction);
        requireClassAxis("categoricalCrossEntropy", yPred);
        return reduce(crossEntropyFromProbabilities(t, yPred), reduction);
    }

    /** Categorical cross-entropy from logits: {@code -sum(y * logSoftmax(z))} over the last axis, stable. */
    public static Tensor categoricalCrossEntropyWithLogits(Tensor yTrue, Tensor logits) {
        return categoricalCrossEntropyWithLogits(yTrue, logits, Reduction.MEAN);
    }

    public static Tensor categoricalCrossEntropyWithLogits(Tensor yTrue, Tensor logits, Reduction reduction) {
        Tensor t = prepare("categoricalCrossEntropyWithLogits", yTrue, logits, reduction);
        requireClassAxis("categoricalCrossEntropyWithLogits", logits);
        // One fused op (one pass per row, no log-softmax tensor) = -sum(t * logSoftmax(z)).
        return reduce(new SoftmaxCrossEntropy().apply(t, logits), reduction);
    }

    /**
     * Categorical cross-entropy with int64 class indices as labels: {@code yTrue} has
     * {@code yPred}'s shape without the class axis (or with a class axis of size 1, as Keras
     * accepts). Equal to {@link #categoricalCrossEntropy} with one-hot labels. A label outside
     * {@code [0, classes)} is an error. No gradient flows to the labels.
     */
    public static Tensor sparseCategoricalCrossEntropy(Tensor yTrue, Tensor yPred) {
        return sparseCategoricalCrossEntropy(yTrue, yPred, Reduction.MEAN);
    }

    public static Tensor sparseCategoricalCrossEntropy(Tensor yTrue, Tensor yPred, Reduction reduction) {
        Tensor oneHot = sparseLabels("sparseCategoricalCrossEntropy", yTrue, yPred, reduction);
        return reduce(crossEntropyFromProbabilities(oneHot, yPred), reduction);
    }

    /** {@link #sparseCategoricalCrossEntropy} from logits, through a stable log-softmax. */
    public static Tensor sparseCategoricalCrossEntropyWithLogits(Tensor yTrue, Tensor logits) {
        return sparseCategoricalCrossEntropyWithLogits(yTrue, logits, Reduction.MEAN);
    }

    public static Tensor sparseCategoricalCrossEntropyWithLogits(Tensor yTrue, Tensor logits, Reduction reduction) {
        Tensor labels = sparseIndices("sparseCategoricalCrossEntropyWithLogits", yTrue, logits, reduction);
        // One fused op on the class indices: no one-hot tensor, logSumExp(z) - z[label] per row.
        return reduce(new SparseSoftmaxCrossEntropy().apply(labels, logits), reduction);
    }

    /**
     * {@code sum(y log(y / p))} over the last axis, both clipped to {@code [1e-7, 1]} as Keras
     * does (so zero entries of {@code y} contribute nothing instead of NaN).
     */
    public static Tensor kullbackLeiblerDivergence(Tensor yTrue, Tensor yPred) {
        return kullbackLeiblerDivergence(yTrue, yPred, Reduction.MEAN);
    }

    public static Tensor kullbackLeiblerDivergence(Tensor yTrue, Tensor yPred, Reduction reduction) {
        Tensor t = prepare("kullbackLeiblerDivergence", yTrue, yPred, reduction).clip(EPSILON, 1);
        requireClassAxis("kullbackLeiblerDivergence", yPred);
        Tensor p = yPred.clip(EPSILON, 1);
        return reduce(sumLast(t.mul(t.div(p).log())), reduction);
    }

    // ------------------------------------------------------------------ helpers

    private static Tensor crossEntropyFromProbabilities(Tensor t, Tensor yPred) {
        int last = yPred.rank() - 1;
        Tensor p = yPred.div(yPred.sum(new int[] {last}, true)).clip(EPSILON, 1 - EPSILON);
        return sumLast(t.mul(p.log())).neg();
    }

    /** Checks the pair and returns yTrue in yPred's dtype. */
    private static Tensor prepare(String loss, Tensor yTrue, Tensor yPred, Reduction reduction) {
        checkCommon(loss, yTrue, yPred, reduction);
        if (!yTrue.shape().equals(yPred.shape())) {
            throw new IllegalArgumentException(loss + ": yTrue " + yTrue.shape() + " and yPred " + yPred.shape()
                    + " must have the same shape");
        }
        return yTrue.dtype() == yPred.dtype() ? yTrue : yTrue.cast(yPred.dtype());
    }

    private static void checkCommon(String loss, Tensor yTrue, Tensor yPred, Reduction reduction) {
        if (yTrue == null || yPred == null) {
            throw new NullPointerException(loss + ": " + (yTrue == null ? "yTrue" : "yPred") + " is null");
        }
        if (reduction == null) {
            throw new NullPointerException(loss + ": reduction is null");
        }
        if (!yPred.dtype().isFloating()) {
            throw new IllegalArgumentException(loss + ": yPred must be float32 or float64, got " + yPred.dtype()
                    + " " + yPred.shape());
        }
    }

    private static void requireClassAxis(String loss, Tensor yPred) {
        if (yPred.rank() == 0) {
            throw new IllegalArgumentException(loss + ": yPred must have a class axis (rank >= 1), got a scalar");
        }
    }

    /** Validates int64 labels against yPred's class axis and returns them one-hot in yPred's dtype. */
    private static Tensor sparseLabels(String loss, Tensor yTrue, Tensor yPred, Reduction reduction) {
        Tensor labels = sparseIndices(loss, yTrue, yPred, reduction);
        int[] p = yPred.shape().dims();
        int classes = p[p.length - 1];
        if (classes == 0) {
            // No labels to encode (the batch is empty, or the check above failed): an empty one-hot.
            return Tensor.zeros(yPred.dtype(), p);
        }
        Tensor oneHot = labels.oneHot(classes);
        return oneHot.dtype() == yPred.dtype() ? oneHot : oneHot.cast(yPred.dtype());
    }

    /**
     * Validates int64 labels against yPred's class axis and returns them with yPred's shape without
     * its class axis (a trailing axis of size 1 dropped).
     */
    private static Tensor sparseIndices(String loss, Tensor yTrue, Tensor yPred, Reduction reduction) {
        checkCommon(loss, yTrue, yPred, reduction);
        requireClassAxis(loss, yPred);
        if (yTrue.dtype() != DType.INT64) {
            throw new IllegalArgumentException(loss + ": yTrue must hold int64 class indices, got " + yTrue.dtype()
                    + " " + yTrue.shape() + " (for one-hot labels use the non-sparse loss)");
        }
        int[] p = yPred.shape().dims();
        int classes = p[p.length - 1];
        int[] batch = Arrays.copyOf(p, p.length - 1);
        int[] t = yTrue.shape().dims();
        boolean plain = Arrays.equals(t, batch);
        boolean withUnitAxis = t.length == p.length && t[t.length - 1] == 1
                && Arrays.equals(Arrays.copyOf(t, t.length - 1), batch);
        if (!plain && !withUnitAxis) {
            throw new IllegalArgumentException(loss + ": yTrue " + yTrue.shape() + " and yPred " + yPred.shape()
                    + " do not fit: yTrue must have yPred's shape without its last (class) axis, "
                    + Arrays.toString(batch));
        }
        long[] labels = yTrue.toLongArray();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(loss + ": label " + labels[i] + " at flat position " + i
                        + " of yTrue " + yTrue.shape() + " is out of range for " + classes + " classes (valid: 0 to "
                        + (classes - 1) + ")");
            }
        }
        return withUnitAxis ? yTrue.reshape(batch) : yTrue;
    }

    /** Keras's convert_binary_labels_to_hinge: labels that are all 0 or 1 become -1 and 1. */
    private static Tensor hingeLabels(Tensor t) {
        for (double v : t.toDoubleArray()) {
            if (v != 0 && v != 1) {
                return t;
            }
        }
        return t.mul(2).sub(1);
    }

    private static Tensor meanLast(Tensor elementwise) {
        return elementwise.rank() == 0 ? elementwise : elementwise.mean(new int[] {elementwise.rank() - 1}, false);
    }

    private static Tensor sumLast(Tensor elementwise) {
        return elementwise.sum(new int[] {elementwise.rank() - 1}, false);
    }

    private static Tensor reduce(Tensor perSample, Reduction reduction) {
        return switch (reduction) {
            case NONE -> perSample;
            case SUM -> perSample.sum();
            // The sum of nothing is 0, where a mean of nothing would be NaN (Keras divides no-NaN).
            case MEAN -> perSample.size() == 0 ? perSample.sum() : perSample.mean();
        };
    }
}
