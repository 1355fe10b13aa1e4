package jgrad.nn.losses;

import java.util.Map;
import jgrad.core.Tensor;
import jgrad.nn.Shapes;
import jgrad.ops.Losses;
import jgrad.ops.Losses.Reduction;

/**
 * Binary cross-entropy, mean over the last axis: from probabilities (clipped to [1e-7, 1-1e-7]
 * as Keras) or, with {@code fromLogits}, from logits in a stable form. Label smoothing moves
 * targets toward 0.5: {@code y * (1 - s) + s / 2}. Labels of shape (N,) against an (N, 1)
 * output are accepted, as Keras does.
 */
public final class BinaryCrossentropy extends Loss {
    private final boolean fromLogits;
    private final double labelSmoothing;

    public BinaryCrossentropy() {
        this(false, 0, Reduction.MEAN);
    }

    public BinaryCrossentropy(boolean fromLogits) {
        this(fromLogits, 0, Reduction.MEAN);
    }

    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing, Reduction reduction) {
        super("binary_crossentropy", reduction);
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("BinaryCrossentropy: labelSmoothing must be in [0, 1], got " + labelSmoothing);
        }
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    @Override
    public Tensor perSample(Tensor yTrue, Tensor yPred) {
        // Labels (N,) against an (N, 1) output are one label per sample, as in Keras, which expands
        // them; any other shape difference is still refused by the loss.
        Tensor y = Shapes.missesTrailingOne(yTrue.shape(), yPred.shape()) ? yTrue.unsqueeze(yTrue.rank()) : yTrue;
        if (labelSmoothing > 0) {
            y = matchTrue(y, yPred).mul(1 - labelSmoothing).add(0.5 * labelSmoothing);
        }
        return fromLogits ? Losses.binaryCrossEntropyWithLogits(y, yPred, Reduction.NONE)
                : Losses.binaryCrossEntropy(y, yPred, Reduction.NONE);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("from_logits", fromLogits);
        m.put("label_smoothing", labelSmoothing);
        return m;
    }
}
