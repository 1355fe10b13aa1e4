package jgrad.nn.losses;

import java.util.Map;
import jgrad.core.DType;
import jgrad.core.Tensor;
import jgrad.ops.Losses;
import jgrad.ops.Losses.Reduction;

/**
 * Categorical cross-entropy with integer class labels (shape [batch] or [batch, 1]) instead of
 * one-hot rows. Float labels holding whole numbers are accepted and converted, as Keras does; a
 * fractional or out-of-range label is an error naming it.
 */
public final class SparseCategoricalCrossentropy extends Loss {
    private final boolean fromLogits;

    public SparseCategoricalCrossentropy() {
        this(false, Reduction.MEAN);
    }

    public SparseCategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, Reduction.MEAN);
    }

    public SparseCategoricalCrossentropy(boolean fromLogits, Reduction reduction) {
        super("sparse_categorical_crossentropy", reduction);
        this.fromLogits = fromLogits;
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    @Override
    public Tensor perSample(Tensor yTrue, Tensor yPred) {
        Tensor labels = toIndices(yTrue, name());
        return fromLogits ? Losses.sparseCategoricalCrossEntropyWithLogits(labels, yPred, Reduction.NONE)
                : Losses.sparseCategoricalCrossEntropy(labels, yPred, Reduction.NONE);
    }

    /** Integer labels as int64; float labels must hold whole numbers. */
    static Tensor toIndices(Tensor yTrue, String who) {
        if (yTrue.dtype() == DType.INT64) {
            return yTrue;
        }
        if (yTrue.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(who + ": labels must be class indices (int64 or whole floats), got bool");
        }
        double[] v = yTrue.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i])) {
                throw new IllegalArgumentException(who + ": labels must be class indices, but label " + i + " is " + v[i]
                        + " (one-hot labels need categorical_crossentropy)");
            }
        }
        return yTrue.cast(DType.INT64);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("from_logits", fromLogits);
        return m;
    }
}
