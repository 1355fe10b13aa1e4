package jgrad.nn.layers.attention;

import java.util.Map;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.initializers.Initializer;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.layers.LayerConfig;

/**
 * A learned position embedding (KerasHub's {@code PositionEmbedding}, BERT/GPT-style): a
 * trainable {@code [sequence_length, d]} table (glorot_uniform); called on {@code [batch, length,
 * d]} with {@code length <= sequence_length} it returns the first {@code length} rows broadcast to the
 * input's shape, to be added to the token embeddings.
 */
public final class PositionEmbedding extends Layer {
    private final int sequenceLength;
    private final Initializer initializer;
    private Variable embeddings;

    public PositionEmbedding(int sequenceLength) {
        this(sequenceLength, Initializers.glorotUniform(), null);
    }

    public PositionEmbedding(int sequenceLength, Initializer initializer, String name) {
        super(name);
        if (sequenceLength <= 0) {
            throw new IllegalArgumentException("PositionEmbedding: sequence_length must be > 0, got " + sequenceLength);
        }
        this.sequenceLength = sequenceLength;
        this.initializer = initializer;
    }

    public Variable embeddings() {
        return embeddings;
    }

    @Override
    protected void build(Shape inputShape) {
        computeOutputShape(inputShape);
        embeddings = addWeight("embeddings", Shape.of(sequenceLength, inputShape.get(1)), initializer);
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        if (x.rank() != 3 || x.dim(1) > sequenceLength || x.dim(2) != embeddings.dim(1)) {
            throw new IllegalArgumentException("layer '" + name() + "' (PositionEmbedding): input must be [batch, length"
                    + " <= " + sequenceLength + ", " + embeddings.dim(1) + "], got " + x.shape());
        }
        Tensor e = x.dim(1) == sequenceLength ? embeddings : embeddings.slice(0, 0, x.dim(1));
        return e.broadcastTo(x.shape());
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        if (inputShape.rank() != 2 || inputShape.get(0) > sequenceLength) {
            throw new IllegalArgumentException("input must be [batch, length <= " + sequenceLength + ", d], got"
                    + " per-sample " + inputShape);
        }
        return inputShape;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("sequence_length", sequenceLength);
        m.put("initializer", LayerConfig.initializer(this, initializer));
        return m;
    }

    public static PositionEmbedding fromConfig(Map<String, Object> c) {
        Initializer init = c.get("initializer") == null ? Initializers.glorotUniform()
                : LayerConfig.toInitializer(c.get("initializer"));
        return new PositionEmbedding(LayerConfig.integer(c, "sequence_length"), init, (String) c.get("name"));
    }
}
