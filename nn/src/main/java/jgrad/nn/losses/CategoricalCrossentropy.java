package jgrad.nn.losses;

import java.util.Map;
import jgrad.core.Tensor;
import jgrad.ops.Losses;
import jgrad.ops.Losses.Reduction;

/**
 * Categorical cross-entropy with one-hot targets, summed over the class (last) axis: from
 * probabilities (rescaled to sum to 1, clipped, as Keras) or, with {@code fromLogits}, through
 * a stable log-softmax. Label smoothing: {@code y * (1 - s) + s / classes}.
 */
public final class CategoricalCrossentropy extends Loss {
    private final boolean fromLogits;
    private final double labelSmoothing;

    public CategoricalCrossentropy() {
        this(false, 0, Reduction.MEAN);
    }

    public CategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, 0, Reduction.MEAN);
    }

    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing, Reduction reduction) {
        super("categorical_crossentropy", reduction);
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("CategoricalCrossentropy: labelSmoothing must be in [0, 1], got "
                    + labelSmoothing);
        }
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    @Override
    public Tensor perSample(Tensor yTrue, Tensor yPred) {
        Tensor y = yTrue;
        if (labelSmoothing > 0) {
            int classes = yPred.rank() == 0 ? 1 : yPred.dim(-1);
            y = matchTrue(yTrue, yPred).mul(1 - labelSmoothing).add(labelSmoothing / classes);
        }
        return fromLogits ? Losses.categoricalCrossEntropyWithLogits(y, yPred, Reduction.NONE)
                : Losses.categoricalCrossEntropy(y, yPred, Reduction.NONE);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("from_logits", fromLogits);
        m.put("label_smoothing", labelSmoothing);
        return m;
    }
}
